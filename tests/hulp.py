"""Helpers for tests: small scenarios that run in well under a second; interrupting a command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from simulatie import Scenario, bouw_scenario


def klein_scenario(maanden: int = 24, inwoners: int = 20_000, **overrides) -> Scenario:
    """A small municipality with Groningen-like ratios; overrides are dotted paths."""
    f = inwoners / 193_127
    data = {"naam": "klein", "maanden": maanden,
            "gemeente": {"naam": "Klein", "inwoners": inwoners, "wwb": round(8850 * f),
                         "wajong": round(3590 * f), "wsw": round(1427 * f),
                         "awbz_extramuraal": round(6260 * f), "wijken": 5}}
    return bouw_scenario(data, overrides)


def cli(*args: str) -> list[str]:
    """The ``simulatie`` command line with this interpreter."""
    return [sys.executable, "-m", "simulatie.cli", *args]


def runs_opgeslagen(map_: Path) -> int:
    """Runs recorded in the sweep storage ``map_`` (its ``runs/`` parts)."""
    delen = list((map_ / "runs").glob("part-*.parquet"))
    return len(pd.read_parquet(map_ / "runs")) if delen else 0


def onderbreek(args: list[str], cwd: Path, opslag: Path, na: int, wacht_s: float = 180) -> int:
    """Start a command, kill it (with its worker processes) once ``na`` runs are stored.

    Args:
        args: The command.
        cwd: Its working folder.
        opslag: The sweep storage it writes (see :func:`runs_opgeslagen`).
        na: Kill when at least this many runs are recorded.
        wacht_s: Give up waiting after this long (then kill anyway).

    Returns:
        The number of runs recorded when it was killed.
    """
    proces = subprocess.Popen(args, cwd=cwd, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        eind = time.monotonic() + wacht_s
        while runs_opgeslagen(opslag) < na and proces.poll() is None and time.monotonic() < eind:
            time.sleep(0.05)
    finally:
        os.killpg(proces.pid, signal.SIGKILL)  # the command and its pool workers
        proces.wait()
    return runs_opgeslagen(opslag)
