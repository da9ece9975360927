"""The same sweep on a Dask cluster (scheduler + two workers on 127.0.0.1), losing a worker."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from test_sweep_onderbreken import SWEEP, cli, gedaan

pytest.importorskip("distributed")

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


def test_dask_sweep_overleeft_een_gestopte_worker(tmp_path, cluster):
    adres, workers = cluster
    toml = tmp_path / "sweep.toml"
    toml.write_text(SWEEP.replace("n = 20", "n = 10"))  # 20 runs
    uit = tmp_path / "dask"
    sweep = subprocess.Popen(cli("sweep", str(toml), "--scheduler", adres, "--uit", str(uit),
                                 "--schrijf-elke", "2", "--stil"),
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    eind = time.monotonic() + 120
    while gedaan(uit) < 4 and sweep.poll() is None and time.monotonic() < eind:
        time.sleep(0.05)
    os.killpg(workers[0].pid, signal.SIGKILL)
    workers[0].wait()
    voor = gedaan(uit)
    uitvoer, fouten = sweep.communicate(timeout=300)
    assert sweep.returncode == 0, fouten
    assert voor < 20, "the worker should be killed mid-sweep"
    runs = pd.read_parquet(uit / "runs")
    assert len(runs) == 20 and runs["run_id"].is_unique and (runs["status"] == "ok").all()
    assert "(dask, 2 workers)" in uitvoer

    # the same sweep in one local process gives the same results per run
    lokaal = tmp_path / "lokaal"
    subprocess.run(cli("sweep", str(toml), "--uit", str(lokaal), "--stil"), cwd=tmp_path,
                   check=True, capture_output=True, timeout=300)
    tijden = ["looptijd_s", "cpu_s"]
    een = pd.read_parquet(lokaal / "runs").drop(columns=tijden).sort_values("run_id")
    twee = runs.drop(columns=tijden).sort_values("run_id")
    pd.testing.assert_frame_equal(een.reset_index(drop=True), twee.reset_index(drop=True))
