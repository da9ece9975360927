"""The same sweep on a Dask cluster (scheduler + two workers on 127.0.0.1), losing a worker."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pandas as pd
import pytest
from hulp import cli
from hulp import runs_opgeslagen as gedaan
from test_sweep_onderbreken import SWEEP

pytest.importorskip("distributed")


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
