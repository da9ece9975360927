"""Bad input: one clear message naming the field and what is allowed, exit code 2."""

from __future__ import annotations

import pytest

from simulatie import ScenarioFout, laad_scenario
from simulatie.cli import main

BASIS = "experimenten/basis.toml"


@pytest.mark.parametrize(("zet", "verwacht"), [
    ("parameters.wmo.foo=1", ["parameters.wmo.foo", "unknown field", "toekenning"]),
    ("gemeente.inwonerz=5", ["gemeente.inwonerz", "allowed", "inwoners"]),
    ("maanden=abc", ["maanden", "whole number", "\"abc\""]),
    ("gemeente.wwb=-3", ["gemeente.wwb", ">= 0"]),
    ("gemeente.wwb=190000", ["wwb", "working-age"]),
    ("parameters.wmo.toekenning=1.5", ["parameters.wmo.toekenning", "0.0 to 1.0"]),
    ("parameters.bevolking.aandeel_fase_1=0.7", ["aandeel_fase_1 + aandeel_fase_23",
                                                 "at most 1"]),
    ("gemeente.preset=Utrecht", ["gemeente.preset", "Enschede, Groningen"]),
    ("beleid.onbekend.actief=true", ["beleid.onbekend", "unknown policy"]),
])
def test_foute_invoer_geeft_exit_2_met_veldnaam(zet, verwacht, capsys, tmp_path):
    code = main(["run", BASIS, "--set", zet, "--uit", str(tmp_path / "uit")])
    fout = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in fout
    for woord in verwacht:
        assert woord in fout
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())


def test_ontbrekend_of_kapot_bestand(tmp_path, capsys):
    assert main(["run", str(tmp_path / "niet.toml")]) == 2
    kapot = tmp_path / "kapot.toml"
    kapot.write_text("[gemeente\nnaam=1")
    assert main(["run", str(kapot)]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_verplicht_veld_ontbreekt(tmp_path):
    pad = tmp_path / "s.toml"
    pad.write_text('[gemeente]\nnaam = "X"\ninwoners = 5000\n')
    with pytest.raises(ScenarioFout, match="gemeente.wwb: required field is missing"):
        laad_scenario(pad)


def test_preset_vult_aan_en_expliciet_wint():
    s = laad_scenario(BASIS, {"gemeente.wijken": 7, "maanden": 24})
    assert s.gemeente.inwoners == 193127 and s.gemeente.wwb == 8850
    assert s.gemeente.wijken == 7 and s.maanden == 24


def test_bestaande_resultatenmap_wordt_nooit_overschreven(tmp_path, capsys):
    uit = tmp_path / "r"
    uit.mkdir()
    (uit / "tijdreeks.parquet").write_bytes(b"eerder resultaat")
    code = main(["run", BASIS, "--set", "maanden=2", "--set", "gemeente.inwoners=5000",
                 "--set", "gemeente.wwb=200", "--set", "gemeente.wajong=90", "--set",
                 "gemeente.wsw=40", "--set", "gemeente.awbz_extramuraal=150", "--uit", str(uit)])
    assert code == 2
    assert "never" in capsys.readouterr().err
    assert (uit / "tijdreeks.parquet").read_bytes() == b"eerder resultaat"
