"""The command line answers ``--help`` without importing the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

#: Libraries whose import takes most of a second or more; ``--help`` must not need them.
ZWAAR = ("numpy", "pandas", "mesa", "dask", "pyarrow", "matplotlib", "solara", "scipy",
         "pydantic", "duckdb", "ema_workbench")

CODE = """
import contextlib, io, runpy, sys
sys.argv = ["simulatie", "--help"]
with contextlib.redirect_stdout(io.StringIO()) as uit:
    try:
        runpy.run_module("simulatie.cli", run_name="__main__")
    except SystemExit as e:
        assert e.code == 0, e.code
assert "usage" in uit.getvalue()
print(",".join(m for m in {zwaar!r} if m in sys.modules))
"""


def test_help_laadt_geen_zware_bibliotheken():
    uit = subprocess.run([sys.executable, "-c", CODE.format(zwaar=ZWAAR)], capture_output=True,
                         text=True, check=True, timeout=60)
    assert uit.stdout.strip() == "", f"--help imports {uit.stdout.strip()}"


def test_het_aantal_processen_heet_werkers_of_workers_in_elk_commando():
    """`valideer` said --werkers and the others --workers: a user typing one got a refusal."""
    import pytest

    from simulatie.cli import maak_parser

    parser = maak_parser()
    for commando, dest in (("valideer", "werkers"), ("vergelijk", "workers"),
                           ("sweep", "workers"), ("kalibreer", "workers")):
        for optie in ("--werkers", "--workers"):
            args = parser.parse_args([commando, "x.toml", optie, "3", "--uit", "u"])
            assert getattr(args, dest) == 3, (commando, optie)
    with pytest.raises(SystemExit):
        parser.parse_args(["vergelijk", "x.toml", "--werkers", "0"])
