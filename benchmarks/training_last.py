"""Load test of a training session: 25 participants against one dashboard server.

One ``simulatie dashboard`` server (2 worker processes for the runs) on this machine. A trainer
page starts a session, a projector page (``/plenair``) follows it and ``--deelnemers``
participant pages join ``--teams`` teams (plans over the trainer's default horizon, 120
months) (the issue's room: 15-25 people in teams of 2-4;
default 25 in 8 teams). Every page is a Solara page opened over its websocket by
:class:`solara_pagina.Pagina`, which does what the browser's Solara client does; 25 headless
Chromium contexts do not fit on a 2-core machine next to the server (measured: Chromium started
as root resets its own CPU priority and takes the cores, so the server's plans took 5-10x their
time; the real-browser path is covered by ``tests/test_dashboard_browser.py``).

Everyone switches policies on and off with a think time between clicks; then one member of each
team submits a plan for the whole horizon (each team a different set of policies), at about the
same time, while the others keep clicking. Measured:

* per team: from sending its click on "Inleveren" until its row of the ranking reaches the
  projector page (target: within 10 s), and until the picture drawn in the background shows it
  (its caption lists the teams drawn); and the waiting time the team's page shows right after
  the click, against the time it really took;
* clicks: from sending a switch change until the server has handled it (every re-render it
  caused sent) and the policy's settings show or hide on the page (target p95 within 300 ms);
  before the submissions and while the pool computes (a click that arrives while another
  thread renders the page - a run came back - is left to that render, and its change comes
  after the server reported the click handled: those are counted apart);
* server memory (RSS of the server process, and of its worker processes): at the start, with
  everyone in, and after the pages are closed (with the close beacon a browser sends) and the
  session is deleted; ``--sessies`` sessions run one after another on the same server, so a
  one-time warm-up (imports, font caches, the allocator's arenas) can be told from a leak.

Usage::

    python benchmarks/training_last.py --deelnemers 25 --teams 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from solara_pagina import Pagina  # noqa: E402

BELEID = ("preventie", "work_first", "integrale_teams", "contract_compliance")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu(proc: psutil.Process) -> tuple[float, float, float]:
    """CPU seconds used so far: the server, its worker processes, this load script."""
    eigen = psutil.Process().cpu_times()
    kinderen = sum(sum(k.cpu_times()[:2]) for k in proc.children(recursive=True))
    return sum(proc.cpu_times()[:2]), kinderen, eigen.user + eigen.system


def mb(proc: psutil.Process) -> tuple[float, float]:
    """RSS of the server and the sum over its children (workers), MB."""
    kinderen = proc.children(recursive=True)
    return proc.memory_info().rss / 1e6, sum(k.memory_info().rss for k in kinderen) / 1e6


async def schakel(pagina: Pagina, naam: str, klikken: list[float],
                  laat: list[float] | None = None) -> None:
    """Switch a policy on or off; record the time until its settings followed on the page.

    Usually the settings change before the server reports the click handled. While another
    thread renders the page (a run came back and the team page shows it), the click's change
    is left to that render and arrives after the report: the time then runs until the settings
    changed on the page (``laat`` collects those clicks too), up to 10 s.
    """
    [schakelaar] = pagina.met_klasse(f"dash-beleid-{naam}")
    aan = bool(pagina.widgets[schakelaar].get("v_model"))
    begin = time.perf_counter()
    await pagina.zet(schakelaar, v_model=not aan)

    def gevolgd() -> bool:
        [velden] = pagina.met_klasse(f"dash-velden-{naam}")
        stijl = str(pagina.widgets[velden].get("style_", "")).replace(" ", "")
        return ("display:none" in stijl) == aan

    na = False  # the change came after the server reported the click handled
    while not gevolgd():
        na = True
        if time.perf_counter() - begin > 10:
            raise AssertionError(f"{naam}: settings did not {'hide' if aan else 'show'} "
                                 "within 10 s")
        await asyncio.sleep(0.005)
    klikken.append(1000 * (time.perf_counter() - begin))
    if na and laat is not None:
        laat.append(klikken[-1])


async def speel(args: argparse.Namespace, basis: str, proc: psutil.Process) -> None:
    """``--sessies`` sessions one after another on the same server."""
    begin_mb = mb(proc)[0]
    for i in range(args.sessies):
        print(f"--- sessie {i + 1} van {args.sessies}")
        await sessie(args, basis, proc)
    print(f"geheugen server (MB) voor de eerste sessie {begin_mb:.0f}, na de laatste "
          f"{mb(proc)[0]:.0f}")


async def sessie(args: argparse.Namespace, basis: str, proc: psutil.Process) -> None:
    """One training session: set up, everyone joins and clicks, plans, close."""
    rng = random.Random(1)
    trainer = Pagina(basis, "/training")
    await trainer.open()
    [start] = trainer.met_klasse("dash-start-sessie")
    await trainer.klik(start)
    code = trainer.zoek(r"class='dash-code'>\s*([A-Z0-9]+)")
    assert code, "no session code on the trainer page"
    plenair = Pagina(basis, f"/plenair?code={code}")
    await plenair.open()
    start_mb = mb(proc)

    begin = time.perf_counter()
    deelnemers, open_s = [], []
    for i in range(0, args.deelnemers, 5):  # people join in small groups
        groep = [Pagina(basis, f"/team?code={code}&team=team{j % args.teams + 1}")
                 for j in range(i, min(args.deelnemers, i + 5))]
        open_s += await asyncio.gather(*(p.open() for p in groep))
        deelnemers += groep
    print(f"{args.deelnemers} deelnemers in {args.teams} teams aangemeld in "
          f"{time.perf_counter() - begin:.1f} s (pagina open: mediaan "
          f"{1000 * np.median(open_s):.0f} ms, max {1000 * max(open_s):.0f} ms)")
    vol_mb = mb(proc)

    klikken: list[float] = []
    tijdens: list[float] = []
    laat: list[float] = []  # clicks whose change came after the server reported them handled
    klaar = asyncio.Event()

    async def kiezen(i: int, pagina: Pagina) -> None:
        for r in range(args.klikken):
            await asyncio.sleep(rng.expovariate(1 / args.denktijd))
            await schakel(pagina, BELEID[(i + r) % len(BELEID)], klikken)

    async def doorklikken(i: int, pagina: Pagina) -> None:
        r = 0
        while not klaar.is_set():  # the others keep choosing while the plans compute
            await asyncio.sleep(rng.expovariate(1 / args.denktijd))
            await schakel(pagina, BELEID[(i + r) % len(BELEID)], tijdens, laat)
            r += 1

    await asyncio.gather(*(kiezen(i, p) for i, p in enumerate(deelnemers)))
    taken = [asyncio.create_task(doorklikken(i, p)) for i, p in enumerate(deelnemers)
             if i >= args.teams]
    zichtbaar: dict[str, asyncio.Future[float]] = {}
    in_figuur: dict[str, asyncio.Future[float]] = {}
    ingeleverd: dict[str, float] = {}
    geschat: dict[str, float] = {}
    lezen: list[asyncio.Task[None]] = []

    async def lees_schatting(pagina: Pagina, naam: str, gelezen: asyncio.Future[float]) -> None:
        """The waiting time the team's page shows once it has re-rendered after the click."""
        try:
            await asyncio.wait_for(gelezen, 5.0)
        except TimeoutError:
            geschat[naam] = float("nan")
            return
        # solara.Text keeps its text in a list of children: search the states as JSON
        schatting = re.search(r"klaar over ongeveer (\d+) s",
                              json.dumps(pagina.widgets, default=str))
        geschat[naam] = float(schatting.group(1)) if schatting else float("nan")
    cpu_begin, t_begin = cpu(proc), time.perf_counter()
    for k in range(args.teams):  # one member of each team submits
        pagina = deelnemers[k]
        naam = f"team{k + 1}"
        zichtbaar[naam] = plenair.verwacht(f"dash-rang-{naam}")
        in_figuur[naam] = plenair.verwacht_figuur(naam)
        for b, beleid in enumerate(BELEID):  # every team its own plan: policies by bits of k+1
            [schakelaar] = pagina.met_klasse(f"dash-beleid-{beleid}")
            if bool(pagina.widgets[schakelaar].get("v_model")) != bool((k + 1) >> b & 1):
                await schakel(pagina, beleid, klikken)
        [knop] = pagina.met_klasse("dash-inleveren")
        ingeleverd[naam] = time.perf_counter()
        gelezen = pagina.verwacht("klaar over ongeveer")
        await pagina.klik(knop)
        lezen.append(asyncio.create_task(lees_schatting(pagina, naam, gelezen)))
    klaar_op = await asyncio.wait_for(asyncio.gather(*zichtbaar.values()), 600)
    duur = time.perf_counter() - t_begin
    gebruikt = [b - a for a, b in zip(cpu_begin, cpu(proc), strict=True)]
    figuur_op = await asyncio.wait_for(asyncio.gather(*in_figuur.values()), 600)
    await asyncio.gather(*lezen)
    klaar.set()
    await asyncio.gather(*taken)
    wacht = np.array(klaar_op) - np.array(list(ingeleverd.values()))
    figuur = np.array(figuur_op) - np.array(list(ingeleverd.values()))
    k, t = np.array(klikken), np.array(tijdens)
    alle = np.concatenate([k, t])
    print(f"plan zichtbaar op plenair: {len(wacht)}/{args.teams} teams; mediaan "
          f"{np.median(wacht):.1f} s, max {wacht.max():.1f} s, binnen 10 s: "
          f"{100 * np.mean(wacht <= 10):.0f}%; ook in de figuur: mediaan "
          f"{np.median(figuur):.1f} s, max {figuur.max():.1f} s")
    schat = np.array([geschat.get(naam, np.nan) for naam in ingeleverd])
    if np.isfinite(schat).any():
        fout = np.abs(schat - wacht)[np.isfinite(schat)]
        print(f"wachttijd op de teampagina bij inleveren: {np.isfinite(schat).sum()}/"
              f"{len(schat)} teams; geschat mediaan {np.nanmedian(schat):.0f} s, werkelijk "
              f"{np.median(wacht):.1f} s; afwijking mediaan {np.median(fout):.1f} s, max "
              f"{fout.max():.1f} s")
    print(f"CPU van inleveren tot alle plannen zichtbaar ({duur:.1f} s, 2 cores = "
          f"{2 * duur:.0f} CPU-s): webproces {gebruikt[0]:.1f} s, rekenprocessen "
          f"{gebruikt[1]:.1f} s, dit meetscript {gebruikt[2]:.1f} s")
    print(f"klikken: n={len(alle)} mediaan {np.median(alle):.0f} ms, p95 "
          f"{np.percentile(alle, 95):.0f} ms, max {alle.max():.0f} ms; voor het inleveren "
          f"(n={len(k)}): p95 {np.percentile(k, 95):.0f} ms; tijdens het rekenen "
          f"(n={len(t)}): p95 {np.percentile(t, 95):.0f} ms")
    if laat:
        print(f"  waarvan {len(laat)} klikken waarvan de wijziging na het 'verwerkt' van de "
              f"server kwam (een andere render liep): mediaan {np.median(laat):.0f} ms, max "
              f"{max(laat):.0f} ms")

    await asyncio.gather(*(p.sluit() for p in deelnemers), plenair.sluit())
    [afsluiten] = trainer.met_klasse("dash-afsluiten")
    await trainer.klik(afsluiten)
    [verwijder] = trainer.met_klasse("dash-verwijder")
    await trainer.klik(verwijder)
    await trainer.sluit()
    await asyncio.sleep(args.nawacht)
    na_mb = mb(proc)
    print(f"geheugen server (MB): start {start_mb[0]:.0f}, met iedereen {vol_mb[0]:.0f}, "
          f"na sluiten {na_mb[0]:.0f}; rekenprocessen samen: {start_mb[1]:.0f} / "
          f"{vol_mb[1]:.0f} / {na_mb[1]:.0f}")
    print(f"resultaat: plannen_binnen_10s={bool(np.all(wacht <= 10))} "
          f"klik_p95_ms={np.percentile(alle, 95):.0f} "
          f"geheugen_terug_mb={na_mb[0] - start_mb[0]:.0f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--deelnemers", type=int, default=25)
    p.add_argument("--teams", type=int, default=8, help="teams the participants form")
    p.add_argument("--rekenprocessen", type=int, default=2)
    p.add_argument("--klikken", type=int, default=4, help="switch clicks per participant")
    p.add_argument("--denktijd", type=float, default=2.0,
                   help="mean seconds between a participant's clicks")
    p.add_argument("--sessies", type=int, default=2,
                   help="sessions one after another (the first also warms the server up)")
    p.add_argument("--nawacht", type=float, default=15.0,
                   help="seconds between closing everything and measuring memory")
    args = p.parse_args()
    poort = vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    log = open("/tmp/training_last_server.log", "wb")  # noqa: SIM115
    server = subprocess.Popen([sys.executable, "-m", "simulatie.cli", "dashboard", "--port",
                               str(poort), "--rekenprocessen", str(args.rekenprocessen)],
                              stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False"})
    proc = psutil.Process(server.pid)
    try:
        for _ in range(360):
            try:
                with urllib.request.urlopen(basis + "/", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        asyncio.run(speel(args, basis, proc))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
