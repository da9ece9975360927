"""The run command's files: tables, manifest, plots with CSV; byte-identical reruns."""

from __future__ import annotations

import json

import pandas as pd

from simulatie.cli import main

KLEIN = ["--set", "maanden=12", "--set", "gemeente.inwoners=10000", "--set", "gemeente.wwb=460",
         "--set", "gemeente.wajong=190", "--set", "gemeente.wsw=75", "--set",
         "gemeente.awbz_extramuraal=320"]


def test_run_schrijft_alles(tmp_path):
    uit = tmp_path / "r"
    assert main(["run", "experimenten/basis.toml", "--seed", "4", "--uit", str(uit), *KLEIN]) == 0
    for naam in ("tijdreeks.parquet", "inwoners_start.parquet", "inwoners_eind.parquet",
                 "wijken.parquet", "huishoudens.parquet", "manifest.json", "ladder.png",
                 "ladder.csv", "kosten.png", "kosten.csv"):
        assert (uit / naam).stat().st_size > 0, naam
    ts = pd.read_parquet(uit / "tijdreeks.parquet")
    assert list(ts.maand) == list(range(13))
    verplicht = ["maand", "inwoners", *[f"trede_{i}" for i in range(1, 7)], "bijstand",
                 *[f"bijstand_trede_{i}" for i in range(1, 7)], "instroom_bijstand",
                 "uitstroom_bijstand", "uitstroom_naar_werk", "nieuwe_belemmeringen",
                 "wmo_clienten", "wachtlijst_begeleiding", "kosten_uitkeringen",
                 "kosten_reintegratie", "kosten_wmo_individueel", "kosten_wmo_collectief",
                 "kosten_apparaat", "kosten_totaal", "seed", "scenario"]
    assert set(verplicht) <= set(ts.columns)
    assert (ts.seed == 4).all() and (ts.scenario == "basis").all()
    inw = pd.read_parquet(uit / "inwoners_eind.parquet")
    assert {"leeftijd", "wijk", "huishouden", "inkomensbron", "awbz_extramuraal", "fase",
            "klantprofiel", "trede", "uitkeringsduur_maanden"} <= set(inw.columns)
    assert len([c for c in inw if c.startswith("belemmering_")]) == 6
    hh = pd.read_parquet(uit / "huishoudens.parquet")
    assert sorted(hh.maand.unique()) == [0, 12]
    assert set(inw.huishouden_id) == set(hh[hh.maand == 12].huishouden_id)
    assert set(inw.inkomensbron.cat.categories) >= {"bijstand", "wajong", "wsw", "werk", "aow",
                                                    "geen"}
    manifest = json.loads((uit / "manifest.json").read_text())
    assert manifest["seed"] == 4
    assert manifest["config"]["maanden"] == 12
    assert "mesa" in manifest["versies"] and "git_commit" in manifest
    ladder = pd.read_csv(uit / "ladder.csv")
    assert (ladder.trede_1.values == ts.trede_1.values).all()


def test_zelfde_seed_byte_identiek_andere_seed_anders(tmp_path):
    paden = []
    for i, seed in enumerate(("1", "1", "2")):
        uit = tmp_path / f"r{i}"
        assert main(["run", "experimenten/basis.toml", "--seed", seed, "--uit", str(uit),
                     *KLEIN]) == 0
        paden.append(uit / "tijdreeks.parquet")
    assert paden[0].read_bytes() == paden[1].read_bytes()
    a, c = pd.read_parquet(paden[0]), pd.read_parquet(paden[2])
    assert not a.drop(columns="seed").equals(c.drop(columns="seed"))
