"""Sweep declarations: the example loads, and invalid declarations fail early naming the field."""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest

from simulatie import ScenarioFout
from simulatie.experiment.sweep import bouw_sweep, laad_sweep, maak_runs
from simulatie.kern import Beleid, BeleidInstellingen

ROOT = Path(__file__).resolve().parents[1]

KLEIN = {
    "naam": "klein",
    "scenario": str(ROOT / "experimenten" / "basis.toml"),
    "constanten": {"maanden": 12, "gemeente": {"naam": "K", "inwoners": 5000, "wwb": 229,
                                               "wajong": 93, "wsw": 37,
                                               "awbz_extramuraal": 162, "wijken": 3}},
    "ontwerp": {"methode": "lhs", "n": 4, "replicaties": 2, "seed": 7},
    "hefboom": [{"pad": "parameters.toewijzen.caseload_regulier", "waarden": [70, 100]}],
    "onzekerheid": [{"pad": "parameters.arbeidsmarkt.openheid", "min": 0.1, "max": 0.4}],
    "uitkomst": [{"naam": "kosten", "kolom": "kosten_totaal", "aggregatie": "som"}],
}


def met(**wijzig):
    data = copy.deepcopy(KLEIN)
    data.update(wijzig)
    return data


def test_voorbeeld_laadt_en_plant_alle_combinaties():
    d = laad_sweep(ROOT / "experimenten" / "sweep_voorbeeld.toml")
    runs = maak_runs(d)
    combis = len(d.hefboom_combinaties())
    assert len(runs) == combis * d.ontwerp.n * d.ontwerp.replicaties
    assert runs["run_id"].is_unique
    assert d.basis["gemeente"]["preset"] == "Groningen"


def test_geneste_constanten_worden_paden():
    d = bouw_sweep(KLEIN)
    assert d.constanten["gemeente.inwoners"] == 5000


@pytest.mark.parametrize("wijziging, woorden", [
    ({"onzekerheid": [{"pad": "parameters.arbeidsmarkt.opnheid", "min": 0.1, "max": 0.4}]},
     ["onzekerheid[0].pad", "parameters.arbeidsmarkt.opnheid"]),
    ({"onzekerheid": [{"pad": "parameters.xyz.openheid", "min": 0.1, "max": 0.4}]},
     ["did you mean", "parameters.arbeidsmarkt.openheid"]),
    ({"onzekerheid": [{"pad": "parameters.arbeidsmarkt.openheid", "min": 0.1, "max": 1.4}]},
     ["parameters.arbeidsmarkt.openheid", "hard bounds", "1.0"]),
    ({"onzekerheid": [{"pad": "parameters.arbeidsmarkt.openheid", "min": 0.4, "max": 0.1}]},
     ["onzekerheid[0]", "below max"]),
    ({"onzekerheid": [{"pad": "parameters.arbeidsmarkt.openheid", "min": 0.1, "max": 0.4,
                       "verdeling": "driehoek"}]}, ["modus"]),
    ({"onzekerheid": [{"pad": "parameters.arbeidsmarkt.openheid", "min": 0.1, "max": 0.4,
                       "verdeling": "beta"}]}, ["verdeling", "uniform"]),
    ({"hefboom": [{"pad": "parameters.toewijzen.caseload_regulier", "waarden": [0]}]},
     ["toewijzen.caseload_regulier", "1 to 1500"]),
    ({"hefboom": [{"pad": "gemeente.beroepsbevolking", "waarden": [1000]}]},
     ["hefboom[0].pad"]),
    ({"uitkomst": [{"naam": "x", "kolom": "kosten_totaall"}]},
     ["uitkomst[0].kolom", "kosten_totaal"]),
    ({"uitkomst": [{"naam": "x", "kolom": "bijstand", "aggregatie": "mediaan"}]},
     ["aggregatie", "som"]),
    ({"ontwerp": {"methode": "sobel"}}, ["ontwerp.methode", "sobol"]),
    ({"ontwerp": {"replicaties": 0}}, ["ontwerp.replicaties", "1 to 1000"]),
    ({"tijdreeksen": ["bijstandd"]}, ["tijdreeksen", "bijstandd"]),
    ({"constanten": {"gemeente": {"inwoners": 5000, "wwb": 9000}}}, ["wwb"]),
    ({"scenario": "bestaat_niet.toml"}, ["scenario", "not found"]),
    ({"onbekend": 1}, ["onbekend", "unknown field"]),
])
def test_ongeldige_declaratie_noemt_het_veld(wijziging, woorden):
    with pytest.raises(ScenarioFout) as fout:
        bouw_sweep(met(**wijziging))
    for woord in woorden:
        assert woord in str(fout.value)


def test_zelfde_pad_als_hefboom_en_onzekerheid_faalt():
    data = met(hefboom=[{"pad": "parameters.arbeidsmarkt.openheid", "waarden": [0.2]}])
    with pytest.raises(ScenarioFout, match="parameters.arbeidsmarkt.openheid"):
        bouw_sweep(data)


class _Instellingen(BeleidInstellingen):
    intensiteit: float = 0.5


class _TestBeleid(Beleid):
    naam = "sweeptest"
    Instellingen = _Instellingen


def test_beleidspaden_worden_gecontroleerd_tegen_het_register(tijdelijk_beleid):
    tijdelijk_beleid(_TestBeleid)
    goed = met(hefboom=[{"pad": "beleid.sweeptest.actief", "waarden": [False, True]}])
    assert len(bouw_sweep(goed).hefboom_combinaties()) == 2
    fout = met(hefboom=[{"pad": "beleid.sweeptest.intensitiet", "waarden": [1.0]}])
    with pytest.raises(ScenarioFout, match="beleid.sweeptest.intensitiet"):
        bouw_sweep(fout)
    fout = met(hefboom=[{"pad": "beleid.anders.actief", "waarden": [True]}])
    with pytest.raises(ScenarioFout, match="beleid.anders.actief"):
        bouw_sweep(fout)


def test_cli_meldt_een_ongeldige_sweep_met_exitcode_2(tmp_path, capsys):
    from simulatie.cli import main

    pad = tmp_path / "fout.toml"
    pad.write_text(f'scenario = "{ROOT / "experimenten" / "basis.toml"}"\n'
                   '[[onzekerheid]]\npad = "parameters.arbeidsmarkt.openheid"\nmin = 0.1\n'
                   'max = 2.0\n[[uitkomst]]\nnaam = "k"\nkolom = "kosten_totaal"\n')
    assert main(["sweep", str(pad), "--uit", str(tmp_path / "uit")]) == 2
    fout = capsys.readouterr().err
    assert "onzekerheid[0]" in fout and "hard bounds" in fout
    assert not (tmp_path / "uit").exists()  # nothing ran, nothing written


def test_beleidspreset_als_hefboom():
    d = bouw_sweep(met(hefboom=[{"pad": "beleid.preset",
                                 "waarden": ["smalle_sociale_dienst", "brede_sociale_dienst"]}]))
    assert [c["beleid.preset"] for c in d.hefboom_combinaties()] == [
        "smalle_sociale_dienst", "brede_sociale_dienst"]
    with pytest.raises(ScenarioFout, match="beleid.preset.*bestaatniet"):
        bouw_sweep(met(hefboom=[{"pad": "beleid.preset", "waarden": ["bestaatniet"]}]))


VARIANTEN = [{"naam": "basis"},
             {"naam": "wf", "set": {"beleid": {"work_first": {"actief": True}}}},
             {"naam": "breed", "set": {"beleid.preset": "brede_sociale_dienst"}}]


def test_varianten_zijn_een_categorische_hefboom():
    d = bouw_sweep(met(variant=VARIANTEN))
    assert d.variant[1].overrides == {"beleid.work_first.actief": True}  # nested tables: paths
    combis = d.hefboom_combinaties()
    assert [(c["variant"], c["parameters.toewijzen.caseload_regulier"]) for c in combis] == [
        ("basis", 70), ("basis", 100), ("wf", 70), ("wf", 100), ("breed", 70), ("breed", 100)]
    runs = maak_runs(d)
    assert len(runs) == 6 * 4 * 2 and runs["run_id"].is_unique
    # Common random numbers: every variant of a design point and replication has one seed.
    assert (runs.groupby(["punt", "replicatie"])["seed"].nunique() == 1).all()
    invoer = {"variant": "wf", "parameters.toewijzen.caseload_regulier": 70}
    assert d.overrides(invoer)["beleid.work_first.actief"] is True
    assert d.overrides(invoer)["gemeente.inwoners"] == 5000
    # Constants win over a variant's value for the same path (as --set does in vergelijk).
    d = bouw_sweep(met(variant=VARIANTEN, constanten={**KLEIN["constanten"],
                                                      "beleid.work_first.actief": False}))
    assert d.overrides({"variant": "wf"})["beleid.work_first.actief"] is False


@pytest.mark.parametrize("varianten, woorden", [
    ([{"naam": "a"}, {"naam": "a"}], ["variant", "unique"]),
    ([{"naam": "a", "set": {"parameters.arbeidsmarkt.openheid": 0.2}}],
     ["variant \"a\"", "parameters.arbeidsmarkt.openheid"]),
    ([{"naam": "a", "set": {"beleid.onbekend.actief": True}}],
     ["variant a", "beleid.onbekend", "unknown policy"]),
    ([{"naam": "a", "zet": {}}], ["variant[0].zet", "unknown field", "naam, set"]),
])
def test_ongeldige_varianten_noemen_het_veld(varianten, woorden):
    with pytest.raises(ScenarioFout) as fout:
        bouw_sweep(met(variant=varianten))
    for woord in woorden:
        assert woord in str(fout.value)


def test_alle_tijdreeksen_worden_de_lijst_van_kolommen():
    d = bouw_sweep(met(tijdreeksen="alle"))
    assert d.tijdreeksen[0] == "inwoners" and {"kosten_totaal", "seed"} <= set(d.tijdreeksen)
    assert "maand" not in d.tijdreeksen


def _werelden(n=2, pad="beleid.integrale_teams.samenwerking_sociale_dienst"):
    return [{pad: 0.4 + 0.1 * r, "parameters.wmo.toekenning": 0.75 + 0.1 * r}
            for r in range(n)]


def test_een_wereld_per_replicatie_vult_alleen_standaardwaarden_in():
    from simulatie.kern.scenario import bouw_scenario

    wereld = _werelden()
    d = bouw_sweep(met(variant=[*VARIANTEN, {"naam": "it", "set": {
        "beleid.integrale_teams.actief": True}}], hefboom=[], wereld=wereld))
    runs = maak_runs(d)
    # The design stores each run's world: replication r's values in every lever setting.
    assert list(runs.columns[-2:]) == list(wereld[0])
    for r in (0, 1):
        deel = runs[runs["replicatie"] == r]  # every variant and design point
        assert deel["punt"].nunique() == 4 and deel["variant"].nunique() == 4
        assert (deel[list(wereld[r])] == pd.Series(wereld[r])).all().all()
    # The world fills defaults: integrale_teams takes its cooperation from the world ...
    it = bouw_scenario(d.basis, d.overrides({"variant": "it"}, replicatie=1))
    assert it.beleid["integrale_teams"]["samenwerking_sociale_dienst"] == pytest.approx(0.5)
    assert it.parameters.wmo.toekenning == pytest.approx(0.85)
    # ... but the preset of brede_sociale_dienst sets it to 0.7 itself: the preset wins.
    breed = bouw_scenario(d.basis, d.overrides({"variant": "breed"}, replicatie=1))
    assert breed.beleid["integrale_teams"]["samenwerking_sociale_dienst"] == pytest.approx(0.7)
    assert breed.parameters.wmo.toekenning == pytest.approx(0.85)
    # Without a replication (or without worlds) nothing changes.
    assert "parameters.wmo.toekenning" not in d.overrides({"variant": "it"})


def test_een_sweep_zonder_werelden_houdt_zijn_vingerafdruk():
    d = bouw_sweep(met())
    met_wereld = bouw_sweep(met(wereld=_werelden()))
    assert d.wereld == [] and d.vingerafdruk() != met_wereld.vingerafdruk()
    # The hash of a sweep without worlds is over exactly what it was before worlds existed.
    import hashlib
    import json

    inhoud = {k: v for k, v in d.model_dump(mode="json").items() if k != "wereld"}
    tekst = json.dumps(inhoud, sort_keys=True, default=str)
    assert d.vingerafdruk() == hashlib.sha256(tekst.encode()).hexdigest()[:16]


@pytest.mark.parametrize("wereld, woorden", [
    (_werelden(3), ["wereld", "3 worlds", "2 replicaties"]),
    ([{"parameters.wmo.toekenning": 0.8}, {"parameters.wmo.einde_hh": 0.2}],
     ["wereld[1]", "same paths"]),
    ([{"parameters.wmo.toekening": 0.8}] * 2, ["wereld", "parameters.wmo.toekening"]),
    ([{"parameters.arbeidsmarkt.openheid": 0.2}] * 2, ["parameters.arbeidsmarkt.openheid",
                                                       "lever, uncertainty or constant"]),
    ([{"parameters.wmo.toekenning": "hoog"}] * 2, ["wereld[0].parameters.wmo.toekenning",
                                                   "not a number"]),
    ([{"parameters.wmo.toekenning": 1.8}] * 2, ["wereld[0]", "toekenning"]),
])
def test_ongeldige_werelden_noemen_het_veld(wereld, woorden):
    with pytest.raises(ScenarioFout) as fout:
        bouw_sweep(met(wereld=wereld))
    for w in woorden:
        assert w in str(fout.value)


def test_het_begin_en_de_instellingen_van_een_ronde_als_hefboom():
    from simulatie.experiment.sweep.declaratie import korte_naam
    from simulatie.kern.scenario import bouw_scenario

    constanten = {**KLEIN["constanten"],
                  "rondes": [{"start": 6, "beleid": {"work_first": {"actief": True}}}]}
    hefbomen = [{"pad": "rondes.0.start", "waarden": [3, 6, 9]},
                {"pad": "rondes.0.beleid.work_first.sanctie_kans", "waarden": [0.01, 0.05]}]
    d = bouw_sweep(met(constanten=constanten, hefboom=hefbomen))
    assert len(d.hefboom_combinaties()) == 6
    scen = bouw_scenario(d.basis, d.overrides({"rondes.0.start": 9,
                                               "rondes.0.beleid.work_first.sanctie_kans": 0.05}))
    assert scen.beleid == {} and scen.rondes[0].start == 9
    assert scen.rondes[0].beleid["work_first"]["sanctie_kans"] == 0.05
    assert [korte_naam(h["pad"]) for h in hefbomen] == ["ronde2_start",
                                                         "ronde2_work_first_sanctie_kans"]
    # Every lever value is built before anything runs: a round at the horizon is refused.
    with pytest.raises(ScenarioFout, match=r"rondes\[0\].start = 12 must be before the horizon"):
        bouw_sweep(met(constanten=constanten,
                       hefboom=[{"pad": "rondes.0.start", "waarden": [3, 12]}]))
    with pytest.raises(ScenarioFout, match='unknown path "rondes.0.einde".*rondes.<i>.start'):
        bouw_sweep(met(constanten=constanten,
                       hefboom=[{"pad": "rondes.0.einde", "waarden": [3, 12]}]))
