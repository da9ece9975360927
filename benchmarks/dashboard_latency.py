"""How long one simulated month takes to appear in the dashboard (target: within 150 ms).

Two measurements on a 50,000-inhabitant municipality (Groningen scaled):

* ``model`` (default): in-process, what the server does per month - the model step(s) plus the
  chart update of the visible view (data, live tekenaar, PNG bytes) and the key figures.
  Per view, in single mode, and the comparison view with two models (A and B).
* ``--browser``: end to end in headless Chromium against ``simulatie dashboard``: from the click
  on "1 maand" until the new chart image is decoded in the page (includes websocket, Solara
  render and image decoding). ``--schermafdruk PAD`` also saves the comparison view as PNG;
  ``--spelers K`` also measures while K other sessions (own browser contexts) play at the
  default speed of 4 months per second.

Usage::

    python benchmarks/dashboard_latency.py --maanden 36
    python benchmarks/dashboard_latency.py --browser --maanden 24 \\
        --schermafdruk docs/dashboard_vergelijking.png
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import numpy as np

DOEL_MS = 150.0
VLAGGEN = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage"]


def samenvatting(naam: str, ms: list[float], cpu_ms: list[float] | None = None,
                 traagst: bool = True) -> str:
    a = np.asarray(ms)
    regel = (f"{naam:<34} n={len(a):3d}  mediaan {np.median(a):6.1f} ms  p95 "
             f"{np.percentile(a, 95):6.1f} ms  max {a.max():6.1f} ms  "
             f"<= {DOEL_MS:.0f} ms: {100 * np.mean(a <= DOEL_MS):5.1f}%")
    if cpu_ms:
        regel += f"  (cpu mediaan {np.median(cpu_ms):5.1f} ms)"
    if traagst:
        regel += "  traagst: " + ", ".join(f"maand {i + 1} {a[i]:.0f} ms"
                                           for i in np.argsort(a)[::-1][:3])
    return regel


def meet_model(maanden: int) -> list[str]:
    from simulatie.dashboard.grafieken import GRAFIEKEN
    from simulatie.dashboard.keuzes import beleid_catalogus, standaard_keuzes
    from simulatie.dashboard.sessie import Sessie
    from simulatie.dashboard.weergave import kerncijfers

    keuzes = replace(standaard_keuzes(), grootte="50.000 inwoners", maanden=maanden)
    regels = []
    alle: list[float] = []
    alle_cpu: list[float] = []
    for sleutel, grafiek in GRAFIEKEN.items():
        vergelijken = sleutel == "vergelijking"
        k = replace(keuzes, vergelijken=vergelijken)
        catalogus = beleid_catalogus()
        if vergelijken and catalogus:
            k = k.met_beleid("B", catalogus[0].naam, actief=True)
        sessie = Sessie()
        sessie.reset(k)
        optie = grafiek.standaard_optie()
        tekenaar = grafiek.tekenaar(optie, True)
        kop = "Groningen, 50.000 inwoners, seed 1"  # as the page: the month is not in the chart
        tekenaar.teken(grafiek.data(sessie, "A", optie), kop, maanden)
        tekenaar.png()
        tijden, cpu = [], []
        for _ in range(maanden):
            begin, begin_cpu = time.perf_counter(), time.process_time()
            sessie.stap(1)
            tekenaar.teken(grafiek.data(sessie, "A", optie), kop, maanden)
            tekenaar.png()
            for v in sessie.varianten:
                kerncijfers(sessie, v)
            tijden.append(1000 * (time.perf_counter() - begin))
            cpu.append(1000 * (time.process_time() - begin_cpu))
        alle.extend(tijden)
        alle_cpu.extend(cpu)
        naam = f"{sleutel} ({'A en B' if vergelijken else 'A'})"
        regels.append(samenvatting(naam, tijden, cpu))
    regels.append(samenvatting("alle weergaven", alle, alle_cpu, traagst=False))
    return regels


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: Clicks "1 maand" and resolves with the milliseconds until the chart image changed and decoded.
_KLIK_EN_WACHT = """async () => {
  const oud = document.querySelector('.dash-beeld').getAttribute('src');
  const t0 = performance.now();
  document.querySelector('.dash-stap').click();
  return await new Promise((resolve) => {
    const kijk = async () => {
      const img = document.querySelector('.dash-beeld');
      if (img && img.getAttribute('src') !== oud) {
        obs.disconnect();
        try { await img.decode(); } catch (e) {}
        resolve(performance.now() - t0);
      }
    };
    const obs = new MutationObserver(kijk);
    obs.observe(document.body, {subtree: true, childList: true, attributes: true});
  });
}"""


def meet_browser(maanden: int, schermafdruk: Path | None, spelers: int = 0) -> list[str]:
    from playwright.sync_api import expect, sync_playwright

    from simulatie.dashboard.keuzes import beleid_catalogus

    poort = _vrije_poort()
    env = {**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False"}
    proc = subprocess.Popen([sys.executable, "-m", "simulatie.cli", "dashboard", "--port",
                             str(poort)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env)
    url = f"http://127.0.0.1:{poort}/"
    regels = []
    try:
        for _ in range(360):
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=VLAGGEN)
            page = browser.new_page(viewport={"width": 1400, "height": 1250})
            page.goto(url, timeout=120_000)
            page.wait_for_selector(".dash-beeld", timeout=120_000)
            cpu0 = _cpu_ms(proc.pid)
            tijden = [page.evaluate(_KLIK_EN_WACHT) for _ in range(maanden)]
            regels.append(samenvatting("browser: ladder (A)", tijden))
            regels.append(_server_cpu(proc.pid, cpu0, maanden))
            if spelers:
                regels.extend(_met_spelers(browser, page, url, spelers, maanden))
            page.locator(".dash-opnieuw").click()
            expect(page.locator(".dash-maand")).to_have_text("Maand 0 van 120")
            page.locator(".dash-vergelijken label").click()
            page.wait_for_selector(".dash-kerncijfers-B", timeout=120_000)
            catalogus = beleid_catalogus()
            if catalogus:
                naam = "preventie" if any(b.naam == "preventie" for b in catalogus) \
                    else catalogus[0].naam
                page.locator(f".dash-beleid-{naam} label").click()
                expect(page.locator(".dash-kerncijfers-B")).to_be_visible()
                page.wait_for_timeout(1500)
            cpu0 = _cpu_ms(proc.pid)
            tijden = [page.evaluate(_KLIK_EN_WACHT) for _ in range(maanden)]
            regels.append(samenvatting("browser: vergelijking (A en B)", tijden))
            regels.append(_server_cpu(proc.pid, cpu0, maanden))
            if schermafdruk is not None:
                page.wait_for_timeout(1500)
                page.evaluate("window.scrollTo(0, 0)")
                bewaar_klein(page.screenshot(full_page=False), schermafdruk)
                regels.append(f"schermafdruk: {schermafdruk} "
                              f"({schermafdruk.stat().st_size / 1000:.0f} kB)")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return regels


def _met_spelers(browser, page, url: str, spelers: int, maanden: int) -> list[str]:
    """Step ``page`` while ``spelers`` other sessions (own browser contexts) play."""
    from playwright.sync_api import expect

    contexten = []
    for _ in range(spelers):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        ander = ctx.new_page()
        ander.goto(url, timeout=120_000)
        ander.wait_for_selector(".dash-beeld", timeout=120_000)
        contexten.append((ctx, ander))
    page.locator(".dash-opnieuw").click()
    expect(page.locator(".dash-maand")).to_have_text("Maand 0 van 120")
    for _, ander in contexten:
        ander.locator(".dash-afspelen").click()
    page.wait_for_timeout(1000)
    tijden = [page.evaluate(_KLIK_EN_WACHT) for _ in range(maanden)]
    bereikt = [int(a.locator(".dash-maand").inner_text().split()[1]) for _, a in contexten]
    for ctx, _ in contexten:
        ctx.close()
    return [samenvatting(f"browser: ladder, {spelers} andere sessies spelen", tijden),
            f"  de andere sessies (4 maanden/s) waren bij maand {min(bereikt)}-{max(bereikt)}"]


def _server_cpu(pid: int, begin_ms: float, maanden: int) -> str:
    return f"  server-cpu per maand gemiddeld {(_cpu_ms(pid) - begin_ms) / maanden:.1f} ms"


def _cpu_ms(pid: int) -> float:
    """CPU time (user + system, all threads) of a process so far, in ms (Linux /proc)."""
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return 1000 * (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def bewaar_klein(png: bytes, pad: Path) -> None:
    """Save a screenshot as a palette PNG (a few hundred kB at most)."""
    import io

    from PIL import Image

    beeld = Image.open(io.BytesIO(png)).convert("RGB")
    beeld.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(pad, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maanden", type=int, default=36, help="months per measurement")
    parser.add_argument("--browser", action="store_true", help="measure end to end in Chromium")
    parser.add_argument("--schermafdruk", type=Path, help="save the comparison view (PNG)")
    parser.add_argument("--spelers", type=int, default=0,
                        help="browser: also measure while this many other sessions play")
    args = parser.parse_args()
    regels = (meet_browser(args.maanden, args.schermafdruk, args.spelers) if args.browser
              else meet_model(args.maanden))
    print(f"50.000 inwoners, {args.maanden} maanden per meting, doel {DOEL_MS:.0f} ms per maand")
    print("\n".join(regels))


if __name__ == "__main__":
    main()
