"""Killing ``simulatie sweep`` mid-way and re-running it: no run missing, none duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import psutil
from hulp import cli, onderbreek, runs_opgeslagen

ROOT = Path(__file__).resolve().parents[1]

SWEEP = f"""
naam = "onderbreken"
scenario = "{ROOT / 'experimenten' / 'basis.toml'}"
tijdreeksen = ["bijstand"]

[constanten]
maanden = 12
"gemeente.naam" = "K"
"gemeente.inwoners" = 5000
"gemeente.wwb" = 229
"gemeente.wajong" = 93
"gemeente.wsw" = 37
"gemeente.awbz_extramuraal" = 162
"gemeente.wijken" = 3

[ontwerp]
methode = "lhs"
n = 20
replicaties = 2
seed = 99

[[onzekerheid]]
pad = "parameters.arbeidsmarkt.openheid"
min = 0.1
max = 0.4

[[uitkomst]]
naam = "kosten"
kolom = "kosten_totaal"
aggregatie = "som"
"""


def test_afbreken_en_hervatten(tmp_path):
    toml = tmp_path / "sweep.toml"
    toml.write_text(SWEEP)
    uit = tmp_path / "uit"
    args = cli("sweep", str(toml), "--workers", "2", "--uit", str(uit), "--schrijf-elke", "2",
               "--stil")
    voor = onderbreek(args, tmp_path, uit, na=4)
    assert 0 < voor < 40, f"kill should land mid-sweep (had {voor} of 40)"

    tweede = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert tweede.returncode == 0, tweede.stderr
    assert f"{voor} al gedaan" in tweede.stdout
    runs = pd.read_parquet(uit / "runs")
    assert len(runs) == 40 and runs["run_id"].is_unique
    assert (runs["status"] == "ok").all()
    reeksen = pd.read_parquet(uit / "reeksen")
    assert len(reeksen) == 40 * 13 and not reeksen.duplicated(["run_id", "maand"]).any()
    assert not list(uit.rglob(".*.tmp"))


def test_een_gedode_sweep_laat_geen_processen_achter(tmp_path):
    """SIGKILL of the driver alone (not its process group): its forkserver and workers end."""
    toml = tmp_path / "sweep.toml"
    toml.write_text(SWEEP)
    uit = tmp_path / "uit"
    proces = subprocess.Popen(cli("sweep", str(toml), "--workers", "2", "--uit", str(uit),
                                  "--stil"), cwd=tmp_path, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        eind = time.monotonic() + 180
        while runs_opgeslagen(uit) < 1 and proces.poll() is None and time.monotonic() < eind:
            time.sleep(0.05)
        kinderen = psutil.Process(proces.pid).children(recursive=True)
        assert len(kinderen) >= 2, "the pool should be running"  # forkserver and workers
        os.kill(proces.pid, signal.SIGKILL)
        proces.wait()
        _, over = psutil.wait_procs(kinderen, timeout=15)
        assert not over, f"left behind: {[k.pid for k in over]}"
    finally:
        try:
            os.killpg(proces.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
