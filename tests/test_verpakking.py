"""The installed package carries its data: a wheel holds every data file the code reads."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

WORTEL = Path(__file__).resolve().parents[1]


def test_wheel_contains_the_data_files_and_policy_presets(tmp_path):
    """A non-editable install must find the municipality presets and the policy presets."""
    bron = tmp_path / "bron"
    for naam in ("simulatie", "agenten"):
        shutil.copytree(WORTEL / naam, bron / naam,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for naam in ("pyproject.toml", "README.md"):
        shutil.copy(WORTEL / naam, bron / naam)
    uit = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                          str(tmp_path / "wiel"), str(bron)], capture_output=True, text=True)
    if uit.returncode != 0 and "No matching distribution" in uit.stderr + uit.stdout:
        pytest.skip("the build backend (setuptools) cannot be fetched: no package registry")
    assert uit.returncode == 0, uit.stderr[-2000:]
    (wiel,) = (tmp_path / "wiel").glob("*.whl")
    inhoud = set(zipfile.ZipFile(wiel).namelist())
    nodig = {f"simulatie/{p.relative_to(WORTEL / 'simulatie').as_posix()}"
             for p in (WORTEL / "simulatie" / "data").rglob("*") if p.is_file()}
    assert nodig and nodig <= inhoud, sorted(nodig - inhoud)
    assert any(n.startswith("simulatie/data/beleid_presets/") for n in inhoud)
