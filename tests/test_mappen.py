"""Names from input files are names, not paths: every folder stays under its results folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hulp import cli
from hypothesis import given, settings
from hypothesis import strategies as st

from simulatie.experiment.mappen import map_onder, mapnaam


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400) | st.sampled_from(["..", "../../elders", "/etc", "C:\\x", "a/../..",
                                                 "con", ".verborgen", "\x00", "é" * 300]))
def test_mapnaam_blijft_onder_de_basis(naam):
    basis = Path("/tmp/basis")
    map_ = map_onder(basis, naam)
    assert map_.parent == basis
    assert map_.resolve().is_relative_to(basis.resolve())
    deel = mapnaam(naam)
    assert deel and deel not in (".", "..") and "/" not in deel and "\\" not in deel
    assert "\x00" not in deel and len(deel.encode()) <= 255


def test_een_scenario_met_een_padnaam_schrijft_onder_resultaten(tmp_path):
    werk = tmp_path / "werk"
    werk.mkdir()
    tekst = ('naam = "../../elders"\nmaanden = 2\nseed = 1\n\n[gemeente]\nnaam = "Klein"\n'
             "inwoners = 2000\nwwb = 92\nwajong = 37\nwsw = 15\nawbz_extramuraal = 65\n"
             "wijken = 2\n")
    (werk / "s.toml").write_text(tekst, "utf-8")
    uit = subprocess.run(cli("run", "s.toml"), cwd=werk, capture_output=True, text=True,
                         timeout=300)
    assert uit.returncode == 0, uit.stderr
    buiten = [p for p in tmp_path.rglob("*") if not p.is_relative_to(werk)]
    assert buiten == [], buiten
    geschreven = [p for p in werk.rglob("*") if p.is_file() and p.name != "s.toml"]
    assert geschreven and all(p.is_relative_to(werk / "resultaten") for p in geschreven)
