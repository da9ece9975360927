"""Running sweeps: stored results, identical across worker counts, failures recorded, resuming."""

from __future__ import annotations

import copy

import duckdb
import pandas as pd
import pytest
from test_sweep_declaratie import KLEIN

import simulatie.experiment.run
from simulatie import ScenarioFout
from simulatie.experiment.sweep import bouw_sweep, maak_runs, voer_sweep

UITKOMSTEN = [
    {"naam": "kosten", "kolom": "kosten_totaal", "aggregatie": "som"},
    {"naam": "bijstand_eind", "kolom": "bijstand", "aggregatie": "eind"},
    {"naam": "trede", "kolom": "gemiddelde_trede", "aggregatie": "gemiddelde",
     "richting": "max"},
]


def sweep(**wijzig):
    data = copy.deepcopy(KLEIN)
    data["uitkomst"] = UITKOMSTEN
    data["tijdreeksen"] = ["bijstand", "kosten_totaal"]
    data["ontwerp"] = {"methode": "lhs", "n": 3, "replicaties": 1, "seed": 5}
    data.update(wijzig)
    return bouw_sweep(data)


def lees(map_):
    runs = pd.read_parquet(map_ / "runs").sort_values("run_id").reset_index(drop=True)
    return runs.drop(columns=["looptijd_s", "cpu_s"])


def test_een_rij_per_run_met_invoer_seed_status_en_uitkomsten(tmp_path):
    d = sweep()
    s = voer_sweep(d, tmp_path, voortgang=False)
    runs = lees(tmp_path)
    plan = maak_runs(d)
    assert s.gedaan == s.gepland == len(plan) == len(runs) == 6
    assert runs["run_id"].is_unique
    assert (runs["status"] == "ok").all()
    samen = runs.merge(plan, on="run_id", suffixes=("", "_plan"))
    assert (samen["seed"] == samen["seed_plan"]).all()
    for pad in ("parameters.toewijzen.caseload_regulier", "parameters.arbeidsmarkt.openheid"):
        assert (samen[pad] == samen[f"{pad}_plan"]).all()
    assert runs[["kosten", "bijstand_eind", "trede"]].notna().all().all()
    reeksen = pd.read_parquet(tmp_path / "reeksen")
    assert (reeksen.groupby("run_id").size() == 13).all()  # months 0..12
    # the end value of the stored series is the scalar outcome
    eind = reeksen[reeksen["maand"] == 12].set_index("run_id")["bijstand"]
    assert (eind.sort_index().to_numpy() == runs.set_index("run_id")["bijstand_eind"]
            .sort_index().to_numpy()).all()
    # queryable with DuckDB
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/runs/*.parquet') "
                   "WHERE status = 'ok'").fetchall()[0][0]
    assert n == 6


def test_zelfde_resultaten_met_een_of_twee_workers(tmp_path):
    d = sweep()
    voer_sweep(d, tmp_path / "een", workers=1, voortgang=False)
    voer_sweep(d, tmp_path / "twee", workers=2, voortgang=False, schrijf_elke=1)
    pd.testing.assert_frame_equal(lees(tmp_path / "een"), lees(tmp_path / "twee"))


def test_hervatten_slaat_gedane_runs_over(tmp_path):
    d = sweep()
    voer_sweep(d, tmp_path, voortgang=False)
    tweede = voer_sweep(d, tmp_path, voortgang=False)
    assert tweede.gedaan == 0 and tweede.overgeslagen == 6
    assert len(lees(tmp_path)) == 6


def test_andere_sweep_in_dezelfde_map_wordt_geweigerd(tmp_path):
    voer_sweep(sweep(), tmp_path, voortgang=False)
    with pytest.raises(ScenarioFout, match="different sweep"):
        voer_sweep(sweep(ontwerp={"methode": "lhs", "n": 4, "seed": 5}), tmp_path,
                   voortgang=False)


def test_falende_run_wordt_vastgelegd_en_de_rest_gaat_door(tmp_path, monkeypatch):
    d = sweep()
    plan = maak_runs(d)
    slecht = int(plan.loc[plan["punt"] == 1, "seed"].iloc[0])
    echt = simulatie.experiment.run.simuleer

    def soms_kapot(scenario, seed=None, **kw):
        if seed == slecht:
            raise RuntimeError("kapot in maand 3")
        return echt(scenario, seed=seed, **kw)

    monkeypatch.setattr(simulatie.experiment.run, "simuleer", soms_kapot)
    s = voer_sweep(d, tmp_path, voortgang=False)
    runs = lees(tmp_path)
    assert s.fouten == 2  # point 1 under both lever values (same seed)
    fout = runs[runs["status"] == "fout"]
    assert len(fout) == 2 and fout["fout"].str.contains("kapot in maand 3").all()
    assert fout["kosten"].isna().all()
    assert (runs["status"] == "ok").sum() == 4
    # a plain rerun keeps the failures; --herhaal-fouten runs them again, without duplicates
    monkeypatch.setattr(simulatie.experiment.run, "simuleer", echt)
    assert voer_sweep(d, tmp_path, voortgang=False).gedaan == 0
    opnieuw = voer_sweep(d, tmp_path, voortgang=False, herhaal_fouten=True)
    assert opnieuw.gedaan == 2 and opnieuw.fouten == 0
    runs = lees(tmp_path)
    assert len(runs) == 6 and runs["run_id"].is_unique and (runs["status"] == "ok").all()
    reeksen = pd.read_parquet(tmp_path / "reeksen")
    assert len(reeksen) == 6 * 13


def test_manifest_beschrijft_de_sweep_en_de_sessies(tmp_path):
    import json

    d = sweep()
    voer_sweep(d, tmp_path, voortgang=False)
    voer_sweep(d, tmp_path, voortgang=False)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["runs_gepland"] == 6
    assert manifest["vingerafdruk"] == d.vingerafdruk()
    assert [s["gedaan"] for s in manifest["sessies"]] == [6, 0]
    assert manifest["declaratie"]["basis"]["gemeente"]["preset"] == "Groningen"


def test_een_opgeslagen_run_opnieuw_draaien_geeft_dezelfde_uitkomsten(tmp_path):
    from simulatie.experiment.sweep import herhaal_run
    from simulatie.experiment.sweep.uitvoeren import bereken_uitkomsten

    d = sweep()
    voer_sweep(d, tmp_path, voortgang=False)
    runs = lees(tmp_path).set_index("run_id")
    run_id = runs.index[3]
    scenario, seed, resultaat = herhaal_run(tmp_path, run_id)
    assert seed == runs.loc[run_id, "seed"]
    assert (scenario.parameters.arbeidsmarkt.openheid
            == runs.loc[run_id, "parameters.arbeidsmarkt.openheid"])
    uit = bereken_uitkomsten(resultaat.tijdreeks, d.uitkomst)
    assert uit == {k: runs.loc[run_id, k] for k in uit}
    assert len(resultaat.inwoners_eind) > 0
    with pytest.raises(ScenarioFout, match="p999999"):
        herhaal_run(tmp_path, "p999999-h000-r000")
