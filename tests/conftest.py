"""Shared fixtures."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hulp import klein_scenario

#: Test files that take longest (about so many seconds on 2 cores, 1 Dec 2026), run first: the
#: suite runs file by file on two processes (scripts/test.sh), so a long file collected last
#: would keep one process busy while the other has nothing left.
ZWAAR = ("test_validatie.py",          # 190: 50 ten-year runs of 60,000 inhabitants
         "test_dashboard_browser.py",  # 250: Chromium against a dashboard server
         "test_kalibratie.py",         # 100: calibrations, one killed and resumed
         "test_sweep_onderbreken.py", "test_invoer_fuzz.py", "test_sweep_dask.py",
         "test_vergelijk.py", "test_benchmark.py", "test_jeugd.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the files of :data:`ZWAAR` first, in that order; the rest keep theirs."""
    def rang(item: pytest.Item) -> int:
        naam = item.path.name
        return ZWAAR.index(naam) if naam in ZWAAR else len(ZWAAR)
    items.sort(key=rang)  # stable: tests within a file keep their order


@pytest.fixture
def klein():
    """A 20,000-inhabitant, 24-month scenario."""
    return klein_scenario()


@pytest.fixture
def tijdelijk_beleid():
    """Register policy classes for one test only (``tijdelijk_beleid(Klasse)``)."""
    from simulatie.kern.beleid import afmelden, registreer

    namen = []

    def registreer_tijdelijk(klasse):
        registreer(klasse)
        namen.append(klasse.naam)
        return klasse

    yield registreer_tijdelijk
    for naam in namen:
        afmelden(naam)


DASK = str(Path(sys.executable).with_name("dask"))


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded workers; every process is killed afterwards.

    The scheduler chooses its own port and writes it to a scheduler file: a port picked free
    here and passed on could be taken by another process before the scheduler binds it (on 5
    December a client connected to such a port and waited 60 s for an answer).
    """
    from distributed import Client

    bestand = tmp_path / "scheduler.json"
    processen = []

    def start(*args):
        p = subprocess.Popen([DASK, *args], cwd=tmp_path, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processen.append(p)
        return p

    try:
        planner = start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                        "--scheduler-file", str(bestand))
        grens = time.monotonic() + 60
        adres = None
        while adres is None:
            assert planner.poll() is None, "the Dask scheduler stopped"
            assert time.monotonic() < grens, "the Dask scheduler wrote no address in 60 s"
            try:
                adres = json.loads(bestand.read_text())["address"]
            except (FileNotFoundError, json.JSONDecodeError, KeyError):
                time.sleep(0.1)
        workers = [start("worker", "--scheduler-file", str(bestand), "--host", "127.0.0.1",
                         "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"w{i}")
                   for i in range(2)]
        with Client(adres, timeout="60s") as client:
            client.wait_for_workers(2, timeout=60)
        yield adres, workers
    finally:
        for p in processen:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
