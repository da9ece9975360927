"""Analysis of a stored sweep: PRIM, regret and the written tables."""

from __future__ import annotations

import copy
import json

import numpy as np
import pandas as pd
import pytest
from test_sweep_declaratie import KLEIN

from simulatie import ScenarioFout
from simulatie.experiment.sweep import bouw_sweep, voer_sweep
from simulatie.experiment.sweep.analyse import analyseer, spijt
from simulatie.experiment.sweep.declaratie import Uitkomst
from simulatie.experiment.sweep.ontdekking import prim


def test_prim_vindt_het_gebied_waar_het_misgaat():
    rng = np.random.default_rng(1)
    x = pd.DataFrame({"a": rng.uniform(size=2000), "b": rng.uniform(size=2000)})
    faalt = (x["a"] > 0.7).to_numpy()
    traject, box, maten = prim(x, faalt)
    assert set(box) == {"a"}
    assert box["a"][0] == pytest.approx(0.7, abs=0.05)
    assert maten["dichtheid"] > 0.9 and maten["dekking"] >= 0.5
    assert traject["massa"].is_monotonic_decreasing


def test_spijt_is_afstand_tot_het_beste_beleid_per_scenario():
    runs = pd.DataFrame({"punt": [0, 0, 1, 1], "replicatie": 0, "hefboom_index": [0, 1, 0, 1],
                         "kosten": [10.0, 12.0, 9.0, 7.0], "trede": [3.0, 4.0, 2.0, 2.5]})
    kosten = spijt(runs, Uitkomst(naam="kosten", kolom="x")).set_index(["punt", "hefboom_index"])
    assert kosten.loc[(0, 0), "spijt"] == 0 and kosten.loc[(0, 1), "spijt"] == 2
    assert kosten.loc[(1, 0), "spijt"] == 2 and kosten.loc[(1, 1), "spijt"] == 0
    trede = spijt(runs, Uitkomst(naam="trede", kolom="x", richting="max"))
    assert trede.set_index(["punt", "hefboom_index"]).loc[(0, 0), "spijt"] == 1


@pytest.fixture(scope="module")
def morris_map(tmp_path_factory):
    data = copy.deepcopy(KLEIN)
    data["onzekerheid"].append({"pad": "parameters.activeren.steun_effect", "min": 0.3,
                                "max": 2.0})
    data["ontwerp"] = {"methode": "morris", "n": 3, "niveaus": 4, "seed": 3}
    data["tijdreeksen"] = ["bijstand"]
    data["uitkomst"] = [
        {"naam": "kosten", "kolom": "kosten_totaal", "aggregatie": "som"},
        {"naam": "bijstand", "kolom": "bijstand", "aggregatie": "eind", "drempel": 215},
    ]
    map_ = tmp_path_factory.mktemp("morris")
    voer_sweep(bouw_sweep(data), map_, voortgang=False)
    return map_


def test_analyse_schrijft_tabellen_en_figuren(morris_map):
    geschreven = {p.name for p in analyseer(morris_map)}
    for naam in ("verdeling", "robuustheid", "gevoeligheid", "tijdreeksen"):
        assert {f"{naam}.csv", f"{naam}.png"} <= geschreven
    assert "ontdekking.csv" in geschreven and "analyse.json" in geschreven
    uit = morris_map / "analyse"
    gevoelig = pd.read_csv(uit / "gevoeligheid.csv")
    assert {"mu_star", "sigma"} <= set(gevoelig.columns)
    # every lever setting x outcome x uncertainty
    assert len(gevoelig) == 2 * 2 * 2 and (gevoelig["mu_star"] >= 0).all()
    robuust = pd.read_csv(uit / "robuustheid.csv")
    assert (robuust["spijt_max"] >= 0).all()
    assert robuust.groupby("uitkomst")["aandeel_beste"].sum().ge(0.99).all()
    assert "aandeel_voldoet" in robuust.columns
    verdeling = pd.read_csv(uit / "verdeling.csv")
    assert (verdeling["p5"] <= verdeling["mediaan"]).all()
    assert (verdeling["mediaan"] <= verdeling["p95"]).all()
    samenvatting = json.loads((uit / "analyse.json").read_text())
    assert samenvatting["ok"] == samenvatting["runs"] == 2 * 3 * 3


def test_analyse_van_een_lege_map_geeft_een_duidelijke_fout(tmp_path):
    with pytest.raises(ScenarioFout, match="manifest"):
        analyseer(tmp_path)


def test_sobol_ontwerp_geeft_sobol_indices_per_uitkomst(tmp_path):
    data = copy.deepcopy(KLEIN)
    data["onzekerheid"].append({"pad": "parameters.activeren.steun_effect", "min": 0.3,
                                "max": 2.0})
    data["ontwerp"] = {"methode": "sobol", "n": 2, "replicaties": 1, "seed": 3}
    voer_sweep(bouw_sweep(data), tmp_path, voortgang=False)
    analyseer(tmp_path)
    gevoelig = pd.read_csv(tmp_path / "analyse" / "gevoeligheid.csv")
    assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(gevoelig.columns)
    assert len(gevoelig) == 2 * 1 * 2  # lever settings x outcomes x uncertainties
    assert gevoelig["ST"].notna().all()
