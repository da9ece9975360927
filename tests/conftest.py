"""Shared fixtures."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hulp import klein_scenario


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


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded workers; every process is killed afterwards."""
    from distributed import Client

    adres = f"tcp://127.0.0.1:{vrije_poort()}"
    processen = []

    def start(*args):
        p = subprocess.Popen([DASK, *args], cwd=tmp_path, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processen.append(p)
        return p

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", adres.rsplit(":", 1)[1],
              "--no-dashboard")
        workers = [start("worker", adres, "--host", "127.0.0.1", "--nthreads", "1",
                         "--no-nanny", "--no-dashboard", "--name", f"w{i}") for i in range(2)]
        with Client(adres, timeout="60s") as client:
            client.wait_for_workers(2, timeout=60)
        yield adres, workers
    finally:
        for p in processen:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
