"""Load test of a training session: 25 participant contexts against one dashboard server.

One ``simulatie dashboard`` server (2 worker processes for the runs) on this machine; headless
Chromium (Debian's ``/usr/bin/chromium`` through Playwright) opens a trainer page, a projector
page and ``--deelnemers`` team pages, each in its own browser context (own Solara session).
Every team joins, switches policies on and off (clicks), and all submit a plan for the whole
horizon at about the same time. Measured:

* per team: from its click on "Inleveren" until its row is on the projector page (target:
  within 10 s);
* clicks: from the click on a policy switch until its settings have appeared or gone on the
  team's page (target: p95 within 300 ms), during the submissions and while the pool computes;
* server memory (RSS of the server process, and of its worker processes): at the start, with
  everyone in, and after the contexts are closed and the session is deleted.

The browsers run on the same two cores as the server, so the numbers include their load.

Usage::

    python benchmarks/training_last.py --deelnemers 25 --maanden 120
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request

import numpy as np
import psutil

VLAGGEN = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage"]
WACHT_MS = 180_000
BELEID = ("preventie", "work_first", "integrale_teams", "contract_compliance")
#: A main setting of each policy: its field appears when the switch is on.
VELD = {"preventie": "budget_per_inwoner", "work_first": "afzien_aanvraag",
        "integrale_teams": "bereik", "contract_compliance": "quotum"}


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mb(proc: psutil.Process) -> tuple[float, float]:
    """RSS of the server and the sum over its children (workers), MB."""
    kinderen = proc.children(recursive=True)
    return proc.memory_info().rss / 1e6, sum(k.memory_info().rss for k in kinderen) / 1e6


def vul(page, selector: str, tekst: str) -> None:
    veld = page.locator(f"{selector} input").first
    veld.fill(tekst)
    veld.press("Tab")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--deelnemers", type=int, default=25)
    p.add_argument("--maanden", type=int, default=120)
    p.add_argument("--rekenprocessen", type=int, default=2)
    p.add_argument("--klikken", type=int, default=4, help="switch clicks per participant")
    args = p.parse_args()
    from playwright.sync_api import expect, sync_playwright

    poort = vrije_poort()
    url = f"http://127.0.0.1:{poort}/"
    log = open("/tmp/training_last_server.log", "wb")  # noqa: SIM115
    server = subprocess.Popen([sys.executable, "-m", "simulatie.cli", "dashboard", "--port",
                               str(poort), "--rekenprocessen", str(args.rekenprocessen)],
                              stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False"})
    proc = psutil.Process(server.pid)
    try:
        for _ in range(360):
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=VLAGGEN)
            trainer_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            trainer = trainer_ctx.new_page()
            trainer.goto(url + "training", timeout=WACHT_MS)
            trainer.wait_for_selector(".dash-start-sessie", timeout=WACHT_MS)
            time.sleep(2)
            start_mb = mb(proc)
            vul(trainer, ".dash-opzet-horizon", str(args.maanden))
            trainer.locator(".dash-start-sessie").click()
            trainer.wait_for_selector(".dash-bediening", timeout=WACHT_MS)
            code = trainer.locator(".dash-code").inner_text().strip()
            plenair_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            plenair = plenair_ctx.new_page()
            plenair.goto(url + f"plenair?code={code}", timeout=WACHT_MS)
            plenair.wait_for_selector(".dash-plenair", timeout=WACHT_MS)

            contexten, teams = [], []
            begin = time.perf_counter()
            for i in range(args.deelnemers):
                ctx = browser.new_context(viewport={"width": 1024, "height": 800})
                page = ctx.new_page()
                page.goto(url + f"team?code={code}&team=team{i + 1}", timeout=WACHT_MS)
                page.wait_for_selector(".dash-teampagina", timeout=WACHT_MS)
                contexten.append(ctx)
                teams.append(page)
            print(f"{args.deelnemers} teams in: {time.perf_counter() - begin:.1f} s")
            vol_mb = mb(proc)

            klikken: list[float] = []

            def klik(page, naam: str) -> None:
                velden = page.locator(f".dash-veld-{VELD[naam]}")
                aan = velden.count() > 0
                t0 = time.perf_counter()
                page.locator(f".dash-beleid-{naam} label").click()
                if aan:
                    expect(velden).to_have_count(0, timeout=WACHT_MS)
                else:
                    expect(velden.first).to_be_visible(timeout=WACHT_MS)
                klikken.append(1000 * (time.perf_counter() - t0))

            for r in range(args.klikken):  # before submitting: everyone chooses
                for i, page in enumerate(teams):
                    klik(page, BELEID[(i + r) % len(BELEID)])
            ingeleverd: dict[str, float] = {}
            for i, page in enumerate(teams):
                page.locator(f".dash-beleid-{BELEID[i % len(BELEID)]} label").click()
                page.locator(".dash-inleveren").click()
                ingeleverd[f"team{i + 1}"] = time.perf_counter()
            klik_tijdens = len(klikken)
            zichtbaar: dict[str, float] = {}
            eind = time.perf_counter() + 300
            j = 0
            while len(zichtbaar) < len(ingeleverd) and time.perf_counter() < eind:
                for naam in ingeleverd:
                    if naam not in zichtbaar and plenair.locator(
                            f".dash-rang-{naam}").count():
                        zichtbaar[naam] = time.perf_counter()
                if j < len(teams):  # clicks while the pool computes
                    klik(teams[j], BELEID[(j + 1) % len(BELEID)])
                    klik(teams[j], BELEID[(j + 1) % len(BELEID)])
                    j += 1
                else:
                    time.sleep(0.1)
            wacht = np.array([zichtbaar[n] - ingeleverd[n] for n in zichtbaar])
            k = np.array(klikken)
            print(f"plan zichtbaar op plenair: {len(wacht)}/{len(ingeleverd)} teams; mediaan "
                  f"{np.median(wacht):.1f} s, max {wacht.max():.1f} s, binnen 10 s: "
                  f"{100 * np.mean(wacht <= 10):.0f}%")
            print(f"klikken: n={len(k)} mediaan {np.median(k):.0f} ms, p95 "
                  f"{np.percentile(k, 95):.0f} ms, max {k.max():.0f} ms; tijdens het rekenen "
                  f"(n={len(k) - klik_tijdens}): p95 {np.percentile(k[klik_tijdens:], 95):.0f} ms"
                  if len(k) > klik_tijdens else "")
            for ctx in contexten:
                ctx.close()
            plenair_ctx.close()
            trainer.locator(".dash-afsluiten").click()
            trainer.locator(".dash-verwijder").click()
            trainer.wait_for_selector(".dash-verwijderd", timeout=WACHT_MS)
            trainer_ctx.close()
            browser.close()
        time.sleep(10)
        na_mb = mb(proc)
        print(f"geheugen server (MB): start {start_mb[0]:.0f}, met iedereen {vol_mb[0]:.0f}, "
              f"na sluiten {na_mb[0]:.0f}; rekenprocessen samen: {start_mb[1]:.0f} / "
              f"{vol_mb[1]:.0f} / {na_mb[1]:.0f}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
