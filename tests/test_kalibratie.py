"""Calibration (issue 14): targets, priors, recovery of known values, resume after a kill.

The recovery test (8,000 inhabitants) and the resume tests (2,000) run a small municipality
with one or two free parameters and targets at month 0 (so each run is its first month only);
the full-size calibration is reported in the closing note.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simulatie.experiment.kalibratie.doelen import BEGIN, Kaldoel, lees_doelen, standaard
from simulatie.experiment.kalibratie.ensemble import lees_ensemble, mediaan
from simulatie.experiment.kalibratie.fasen import combineer, voer_fasen_uit
from simulatie.experiment.kalibratie.prior import ACTIEF, FASEN, vrije_parameters
from simulatie.experiment.kalibratie.simulator import Simulator, geschaalde_gemeente
from simulatie.experiment.kalibratie.uitvoeren import voer_uit
from simulatie.kern.fouten import ScenarioFout
from simulatie.kern.scenario import lees_presets

BASIS = Path(__file__).resolve().parents[1] / "experimenten" / "basis.toml"
#: Month-0 overlap targets that factor_armoede moves (poverty raises the Wmo need).
# Month-0 targets the poverty factor informs (since month 0 includes the klantmanagers' referrals,
# bijstand_met_wmo alone carries less of it: the share known at the desk is added).
ARMOEDE_DOELEN = ("wmo_in_bijstand" + BEGIN, "bijstand_met_wmo" + BEGIN,
                  "bijstand_t12_bekend_wmo" + BEGIN)
ARMOEDE = "parameters.wmo.factor_armoede"


def _data(inwoners: int = 2000) -> dict:
    data = tomllib.loads(BASIS.read_text())
    data["gemeente"] = geschaalde_gemeente(data["gemeente"], inwoners)
    return data


def test_logistische_schaal_geeft_de_driehoekige_prior():
    """pyabc's logistic-scale values map onto the prior: triangular over the range, mode at
    the default (compared with scipy's triangular distribution)."""
    v = vrije_parameters(["factor_armoede"])[0]
    z = np.random.default_rng(1).logistic(size=20_000)
    x = np.array([v.waarde(float(t)) for t in z])
    assert v.laag < x.min() and x.max() < v.hoog
    driehoek = stats.triang(v.modus, loc=v.laag, scale=v.hoog - v.laag)
    assert stats.kstest(x, driehoek.cdf).pvalue > 0.01
    assert v.kwantiel(0.5) == pytest.approx(driehoek.ppf(0.5))
    assert v.dichtheid(v.default) == pytest.approx(driehoek.pdf(v.default))
    assert v.waarde(-800.0) == v.laag and v.waarde(800.0) == v.hoog


def test_prior_heeft_zijn_top_bij_de_bronwaarde_niet_bij_een_gekalibreerde_default():
    """Where the default became a calibration's median, the prior keeps its mode at the value
    the sources point to, so the next calibration does not start from this one's result."""
    from dataclasses import replace

    v = replace(vrije_parameters(["factor_armoede"])[0], default=5.0, bronwaarde=2.0)
    assert v.modus == pytest.approx((2.0 - v.laag) / (v.hoog - v.laag))
    assert v.dichtheid(2.0) == pytest.approx(2.0 / (v.hoog - v.laag))  # the triangle's top
    zonder = replace(v, bronwaarde=None)
    assert zonder.modus == pytest.approx((5.0 - v.laag) / (v.hoog - v.laag))


def test_afstand_is_nul_in_de_band_en_groeit_in_bandbreedtes():
    d = Kaldoel("x", "x", 5, 0, 10, "test")
    assert d.afstand(0) == d.afstand(10) == d.afstand(5) == 0
    assert d.afstand(15) == pytest.approx(0.5)
    assert d.afstand(-20) == pytest.approx(2.0)
    assert d.afstand(math.nan) == 10
    # two noise standard deviations are allowed on either side, measured in band widths
    ruizig = Kaldoel("x", "x", 5, 0, 10, "test", ruis=1.0)
    assert ruizig.afstand(12) == 0 and ruizig.afstand(-2) == 0
    assert ruizig.afstand(15) == pytest.approx(0.3) and not ruizig.in_band(12)
    eenzijdig = Kaldoel("y", "y", math.nan, 0, math.inf, "test")
    assert eenzijdig.afstand(1e9) == 0 and eenzijdig.afstand(-2) == pytest.approx(2.0)


def test_standaarddoelen_zijn_die_van_valideer_en_meetbaar():
    doelen = standaard()
    namen = [d.doel for d in doelen]
    assert len(namen) == len(set(namen)) == 7 + 15 + 2 * 8
    sim = Simulator(_data(), [], doelen, Path("."), 0, 24)
    waarden = sim.draai({}, seed=3)
    assert set(waarden) == set(namen)
    assert sum(math.isfinite(v) for v in waarden.values()) >= len(namen) - 1


def test_geschaalde_gemeente_houdt_de_dichtheden():
    g = geschaalde_gemeente({"preset": "Groningen", "wijken": 10}, 19_313)
    p = lees_presets()["Groningen"]
    for k in ("wwb", "wajong", "wsw", "awbz_extramuraal"):
        assert g[k] / g["inwoners"] == pytest.approx(p[k] / p["inwoners"], rel=0.01)
    assert 1 <= g["wijken"] <= 10


def test_vrije_parameters_komen_uit_de_metadata():
    alle = vrije_parameters(["alle"])
    assert len(alle) > 50 and all(v.laag < v.hoog for v in alle)
    assert [v.pad for v in vrije_parameters()] == list(ACTIEF)
    assert set(ACTIEF) <= {v.pad for v in alle}
    assert [v.pad for v in vrije_parameters(["factor_armoede"])] == [ARMOEDE]
    assert [v.pad for v in vrije_parameters(["wmo.factor_armoede"])] == [ARMOEDE]
    assert list(ACTIEF) == [p for groep in FASEN.values() for p in groep]
    assert len(set(ACTIEF)) == len(ACTIEF) and max(len(g) for g in FASEN.values()) <= 8
    with pytest.raises(ScenarioFout, match="geen onzekere parameter"):
        vrije_parameters(["parameters.bevolking.aandeel_0_17"])


def test_doelentabel_met_fouten_noemt_bestand_regel_en_veld(tmp_path):
    pad = tmp_path / "doelen.csv"
    pad.write_text("doel,waarde,ondergrens,bovengrens,bron\nbestaat_niet,1,0,2,x\n")
    with pytest.raises(ScenarioFout, match=r"doelen.csv, regel 2, doel: 'bestaat_niet'"):
        lees_doelen(pad)
    pad.write_text("doel,waarde,ondergrens,bovengrens,bron\nbijstand,0,5,-5,x\n")
    with pytest.raises(ScenarioFout, match="ondergrens"):
        lees_doelen(pad)
    pad.write_text("doel,waarde\nbijstand,0\n")
    with pytest.raises(ScenarioFout, match="kolom 'ondergrens' ontbreekt"):
        lees_doelen(pad)


def _doelen_uit_waarheid(tmp_path: Path, waar: dict[str, float], inwoners: int = 2000,
                         seeds: int = 4) -> Path:
    """Targets simulated from known values: mean of ``seeds`` runs +- 2 seed standard
    deviations."""
    doelen = [d for d in standaard() if d.doel in ARMOEDE_DOELEN]
    sim = Simulator(_data(inwoners), vrije_parameters(list(waar)), doelen, tmp_path, 0, 1)
    runs = pd.DataFrame([sim.draai(waar, s) for s in range(1, seeds + 1)])
    m, sd = runs.mean(), runs.std()
    pad = tmp_path / "doelen.csv"
    pd.DataFrame([{"doel": k, "waarde": m[k], "ondergrens": m[k] - 2 * sd[k],
                   "bovengrens": m[k] + 2 * sd[k], "bron": "gesimuleerd"} for k in m.index]
                 ).to_csv(pad, index=False)
    return pad


@pytest.mark.traag
def test_kalibratie_vindt_bekende_waarden_terug(tmp_path):
    """Recovery: the posterior's 90% interval covers the true value and is narrower than the
    prior's (a calibration that ignored its targets would return the prior).

    The test municipality has 8,000 inhabitants and its bands come from 12 seeds. At 2,000
    inhabitants with 4 seeds the band's width (2 standard deviations of 4 runs) varied by a
    factor 2.5 with the random stream: one extra draw at month 0, no mechanism changed, took
    the narrowing from 0.62-0.67 to 0.85-1.03 for calibration seeds 5, 8 and 9.
    """
    waar = {ARMOEDE: 3.0}
    csv = _doelen_uit_waarheid(tmp_path, waar, inwoners=8000, seeds=12)
    for seed in (5, 8):
        map_ = tmp_path / f"kal{seed}"
        map_.mkdir()
        # budget: enough to reach tolerance 0 (at 2,000 inhabitants and a budget of 260 seed 5
        # stopped at 0.083 with the posterior as wide as the prior)
        verloop, fit = voer_uit(_data(8000), map_, budget=400, werkers=1, maanden=1,
                                populatie=20, parameters=list(waar), doelen_csv=csv, seed=seed,
                                ruis_seeds=0)
        par = pd.read_csv(map_ / "parameters.csv").set_index("parameter")
        r = par.loc[ARMOEDE]
        assert r.posterior_p05 <= waar[ARMOEDE] <= r.posterior_p95, (seed, r.to_dict())
        assert r.versmalling < 0.7, (seed, r.to_dict())
        ensemble = lees_ensemble(map_ / "ensemble.parquet")
        assert len(ensemble) == 20 and ensemble["gewicht"].sum() == pytest.approx(1.0)
        assert set(fit["doel"]) == set(ARMOEDE_DOELEN)
        assert {"prior_p05", "posterior_p95", "bron", "waarde"} <= set(fit.columns)
        assert 1.5 <= mediaan(ensemble)[ARMOEDE] <= 7.0


def _kleine_fasen(tmp_path: Path, **extra: object) -> tuple[Path, dict, dict]:
    """A two-stage calibration of one month at 2,000 inhabitants: its folder, stages, kwargs."""
    doelen = tmp_path / "doelen.csv"
    doelen.write_text("doel,waarde,ondergrens,bovengrens,bron\n"
                      "wmo_in_bijstand@maand0,10,0,40,x\nbijstand_met_wmo@maand0,10,0,40,x\n")
    fasen = {"wmo": [ARMOEDE], "schulden": ["parameters.wmo.behoefte_schuldhulp_schulden"]}
    map_ = tmp_path / "kal"
    map_.mkdir()
    kwargs = dict(budget=20, werkers=1, maanden=1, populatie=5, leden=6, doelen_csv=doelen,
                  seed=3, fasen=fasen, ruis_seeds=3, **extra)
    return map_, fasen, kwargs


def test_fasen_worden_gecombineerd_opnieuw_gedraaid_en_hervat(tmp_path):
    """A staged calibration: every stage's parameters in the combined ensemble, drawn from that
    stage's ensemble; the combined members run again for fit.csv; a rerun repeats nothing."""
    map_, fasen, kwargs = _kleine_fasen(tmp_path)
    verlopen, fit = voer_fasen_uit(_data(), map_, **kwargs)
    assert set(verlopen) == set(fasen)
    ensemble = pd.read_parquet(map_ / "ensemble.parquet")
    assert list(ensemble.columns) == [ARMOEDE, fasen["schulden"][0], "gewicht"]
    assert len(ensemble) == 6 and ensemble["gewicht"].sum() == pytest.approx(1.0)
    for naam, (pad,) in fasen.items():
        eigen = pd.read_parquet(map_ / "fasen" / naam / "ensemble.parquet")
        assert set(ensemble[pad]) <= set(eigen[pad])
    # three candidates per member ran; the members are the candidates closest to the bands
    gedraaid = [json.loads(b.read_text()) for b in (map_ / "voorspelling").glob("*.json")]
    combinatie = json.loads((map_ / "manifest.json").read_text())["combinatie"]
    assert combinatie["kandidaten"] == 18 and len(gedraaid) <= 18
    assert combinatie["tolerantie"] >= 0
    leden = {tuple(r.values()) for r in ensemble.drop(columns="gewicht").to_dict("records")}
    assert leden <= {tuple(g["parameters"].values()) for g in gedraaid}
    assert np.isfinite(fit[["posterior_p05", "posterior_p95", "prior_p50"]].to_numpy()).all()
    assert (pd.read_csv(map_ / "parameters.csv")["parameter"].tolist()
            == [ARMOEDE, fasen["schulden"][0]])
    # the seed noise of three runs at the defaults, measured once, given to every target
    ruis = json.loads((map_ / "ruis.json").read_text())
    assert set(ruis) == set(fit["doel"]) and all(v > 0 for v in ruis.values())
    assert fit.set_index("doel")["ruis"].to_dict() == pytest.approx(ruis)
    assert not (map_ / "fasen" / "wmo" / "ruis").exists()

    bestanden = sorted(p.name for p in map_.rglob("*.json"))
    opnieuw, _ = voer_fasen_uit(_data(), map_, **kwargs)
    assert all(v.simulaties_nu == 0 for v in opnieuw.values())
    assert sorted(p.name for p in map_.rglob("*.json")) == bestanden
    pd.testing.assert_frame_equal(pd.read_parquet(map_ / "ensemble.parquet"), ensemble)
    with pytest.raises(ScenarioFout, match="andere kalibratie"):
        voer_fasen_uit(_data(), map_, **{**kwargs, "leden": 7})


def test_combineren_weigert_een_parameter_in_twee_fasen():
    a = pd.DataFrame({"x": [1.0, 2.0], "gewicht": [0.5, 0.5]})
    with pytest.raises(ScenarioFout, match="fasen delen parameter 'x'"):
        combineer([a, a], 4, np.random.default_rng(0))
    b = pd.DataFrame({"y": [5.0, 6.0], "gewicht": [1.0, 0.0]})
    uit = combineer([a, b], 50, np.random.default_rng(0))
    assert set(uit["y"]) == {5.0} and set(uit["x"]) == {1.0, 2.0}


def _cli(map_: Path, csv: Path) -> list[str]:
    return [sys.executable, "-m", "simulatie.cli", "kalibreer", str(BASIS), "--uit", str(map_),
            "--inwoners", "2000", "--maanden", "1", "--populatie", "10", "--budget", "45",
            "--workers", "1", "--parameters", "factor_armoede", "--doelen", str(csv),
            "--seed", "11", "--ruis-seeds", "0"]


@pytest.mark.traag
def test_onderbroken_kalibratie_hervat_zonder_herhaling_en_met_hetzelfde_ensemble(tmp_path):
    csv = _doelen_uit_waarheid(tmp_path, {ARMOEDE: 4.0})
    heel = tmp_path / "heel"
    subprocess.run(_cli(heel, csv), check=True, capture_output=True, timeout=600)
    totaal = len(list((heel / "simulaties").glob("*.json")))

    onderbroken = tmp_path / "onderbroken"
    proces = subprocess.Popen(_cli(onderbroken, csv), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    eind = time.monotonic() + 300
    while len(list((onderbroken / "simulaties").glob("*.json"))) < totaal // 2:
        assert proces.poll() is None and time.monotonic() < eind, "ran out before the kill"
        time.sleep(0.05)
    os.killpg(proces.pid, signal.SIGKILL)
    proces.wait()
    al = len(list((onderbroken / "simulaties").glob("*.json")))
    assert 0 < al < totaal

    uit = subprocess.run(_cli(onderbroken, csv), capture_output=True, text=True, timeout=600)
    assert uit.returncode == 0, f"resume after {al} of {totaal}: {uit.stderr[-2000:]}"
    assert f"hervat: {al} simulaties stonden al klaar, {totaal - al} nu gedraaid" in uit.stdout
    assert len(list((onderbroken / "simulaties").glob("*.json"))) == totaal
    a = pd.read_parquet(heel / "ensemble.parquet")
    b = pd.read_parquet(onderbroken / "ensemble.parquet")
    pd.testing.assert_frame_equal(a, b)
    assert np.isfinite(a.to_numpy()).all()

    # a kill between creating pyabc's database and storing the run leaves a file without run 1
    vroeg = tmp_path / "vroeg"
    (vroeg / "simulaties").mkdir(parents=True)
    (vroeg / "kalibratie.json").write_bytes((heel / "kalibratie.json").read_bytes())
    for pad in list((heel / "simulaties").glob("*.json"))[:5]:
        (vroeg / "simulaties" / pad.name).write_bytes(pad.read_bytes())
    (vroeg / "abc.db").touch()
    uit = subprocess.run(_cli(vroeg, csv), capture_output=True, text=True, timeout=600)
    assert uit.returncode == 0, uit.stderr[-2000:]
    assert f"hervat: 5 simulaties stonden al klaar, {totaal - 5} nu gedraaid" in uit.stdout
    pd.testing.assert_frame_equal(a, pd.read_parquet(vroeg / "ensemble.parquet"))


def test_andere_kalibratie_in_dezelfde_map_wordt_geweigerd(tmp_path):
    csv = tmp_path / "doelen.csv"
    csv.write_text("doel,waarde,ondergrens,bovengrens,bron\n"
                   "wmo_in_bijstand@maand0,7,0,100,x\n")
    map_ = tmp_path / "kal"
    map_.mkdir()
    (map_ / "kalibratie.json").write_text('{"seed": 99}')
    uit = subprocess.run(_cli(map_, csv), capture_output=True, text=True, timeout=120)
    assert uit.returncode == 2 and "bevat een andere kalibratie" in uit.stderr
    assert "Traceback" not in uit.stderr
    assert sorted(p.name for p in map_.iterdir()) == ["kalibratie.json"]


@pytest.mark.parametrize(("extra", "melding"), [
    (["--parameters", "bestaat_niet"], "--parameters: 'bestaat_niet' is geen onzekere parameter"),
    (["--doelen", "ontbreekt.csv"], "ontbreekt.csv: geen leesbare CSV"),
    (["--set", "parameters.wmo.factor_armoede=3"], "is een vrije parameter van de kalibratie"),
    (["--budget", "15", "--populatie", "10"], "--budget 15: minstens twee keer --populatie"),
    (["--maanden", "12"], "--maanden 12: minimaal 24"),
    (["--maanden", "0"], "--maanden: "),
    (["--seeds-per-voorstel", "0"], "--seeds-per-voorstel: "),
    (["--ruis-factor", "-1"], "--ruis-factor: '-1' is not a number from 0 to 5"),
    (["--bevestig", "5", "--parameters", "parameters.wmo.factor_armoede"],
     "--bevestig werkt alleen bij een kalibratie in fasen"),
    (["--bevestig", "-1"], "--bevestig: "),
    (["--emulator", "0.5"], "--emulator werkt alleen met --bevestig K"),
    (["--marge", "0.5"], "--marge werkt alleen met --bevestig K"),
    (["--marge", "-1", "--bevestig", "5"], "--marge: "),
    (["--emulator", "0.5", "--parameters", "parameters.wmo.factor_armoede"],
     "--emulator werkt alleen bij een kalibratie in fasen"),
    (["--emulator", "1.5", "--bevestig", "5"], "--emulator: '1.5' is not a number from 0 to 1"),
    (["--pool", "1000"], "--pool werkt alleen met --emulator P"),
])
def test_foute_invoer_geeft_een_melding_en_laat_niets_achter(tmp_path, extra, melding):
    map_ = tmp_path / "kal"
    argv = [sys.executable, "-m", "simulatie.cli", "kalibreer", str(BASIS), "--uit", str(map_),
            "--inwoners", "2000", "--maanden", "24", *extra]
    uit = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert uit.returncode == 2, uit.stderr
    assert melding in uit.stderr and "Traceback" not in uit.stderr
    assert not map_.exists()


def test_waarschuwing_zegt_wat_helpt(capsys):
    """A tolerance above 0 asks for more budget; at tolerance 0 (the calibration stops there)
    a small effective size asks for a larger population, not a budget that would not be used."""
    from simulatie.cli.kalibreer import _waarschuw
    from simulatie.experiment.kalibratie.abcsmc import Verloop

    def verloop(tolerantie: float, ess: float) -> Verloop:
        rij = {"generatie": 1, "tolerantie": tolerantie, "simulaties": 100,
               "acceptatie": 0.5, "ess": ess}
        return Verloop([rij], 100, 100, 0, 1.0, "")

    _waarschuw({"a": verloop(0.03, 70), "b": verloop(0.0, 31), "c": verloop(0.0, 70)}, 80)
    regels = capsys.readouterr().err.splitlines()
    assert len(regels) == 2
    assert "fase a is nog niet af" in regels[0] and "groter --budget" in regels[0]
    assert "fase b houdt elk lid in elke band" in regels[1] and "31 van 80" in regels[1]
    assert "--populatie" in regels[1] and "--budget" not in regels[1]


def test_voorstel_op_meer_seeds_is_het_gemiddelde_van_zijn_runs(tmp_path):
    """With seeds per proposal a proposal's targets are the mean of runs on the seeds derived
    from its key; the first seed is the one a single-run calibration uses."""
    from simulatie.experiment.kalibratie.prior import pyabc_naam
    from simulatie.experiment.kalibratie.simulator import gemiddeld, run_seed, run_seeds, sleutel

    doelen = [d for d in standaard() if d.doel in ARMOEDE_DOELEN]
    vrij = vrije_parameters([ARMOEDE])
    voorstel = {pyabc_naam(ARMOEDE): 0.3}
    een = Simulator(_data(), vrij, doelen, tmp_path / "een", 0, 1)
    drie = Simulator(_data(), vrij, doelen, tmp_path / "drie", 0, 1, seeds=3)
    for sim in (een, drie):
        sim.map.mkdir()
    key = sleutel({ARMOEDE: 0.3}, 0)
    assert run_seeds(key, 3)[0] == run_seed(key)
    waarden = een.waarden(voorstel)
    runs = [een.draai(waarden, s) for s in run_seeds(key, 3)]
    assert een(voorstel) == runs[0]
    uit = drie(voorstel)
    assert uit == gemiddeld(runs)
    assert len({r["wmo_in_bijstand@maand0"] for r in runs}) == 3  # three different runs
    assert json.loads((drie.map / f"{key}.json").read_text())["waarden"] == uit
    assert gemiddeld([{"a": 1.0}, {"a": float("nan")}, {"a": 3.0}]) == {"a": 2.0}
    assert math.isnan(gemiddeld([{"a": float("nan")}])["a"])


def test_fasen_op_meer_seeds_delen_de_ruis_en_hervatten(tmp_path):
    map_, _, kwargs = _kleine_fasen(tmp_path, seeds_per_voorstel=2, ruis_factor=1.5)
    _, fit = voer_fasen_uit(_data(), map_, **kwargs)
    assert json.loads((map_ / "kalibratie.json").read_text())["ruis_factor"] == 1.5
    # the allowance is that of a mean of two runs
    ruis = json.loads((map_ / "ruis.json").read_text())
    verwacht = {k: v / math.sqrt(2) for k, v in ruis.items()}
    assert fit.set_index("doel")["ruis"].to_dict() == pytest.approx(verwacht)
    # every candidate ran twice, on two seeds, and was judged on the mean
    namen = sorted(p.stem for p in (map_ / "voorspelling").glob("*.json"))
    paren = {n[:-2] for n in namen}  # equal candidates share their runs
    assert 0 < len(paren) <= 18 and namen == sorted(f"{k}-{j}" for k in paren for j in "01")
    assert json.loads((map_ / "kalibratie.json").read_text())["seeds_per_voorstel"] == 2
    bestanden = sorted(p.name for p in map_.rglob("*.json"))
    opnieuw, _ = voer_fasen_uit(_data(), map_, **kwargs)
    assert all(v.simulaties_nu == 0 for v in opnieuw.values())
    assert sorted(p.name for p in map_.rglob("*.json")) == bestanden
    with pytest.raises(ScenarioFout, match="seeds_per_voorstel"):
        voer_fasen_uit(_data(), map_, **{**kwargs, "seeds_per_voorstel": 1})


def test_map_van_voor_seeds_per_voorstel_hervat_met_de_standaard(tmp_path):
    """A folder written before a setting existed resumes at that setting's default."""
    from dataclasses import asdict

    from simulatie.experiment.kalibratie.abcsmc import Instellingen, controleer_opzet

    inst = Instellingen("basis", {"inwoners": 2000}, [ARMOEDE], ["x"], 1, 10, 1)
    oud = {k: v for k, v in asdict(inst).items() if k != "seeds_per_voorstel"}
    (tmp_path / "kalibratie.json").write_text(json.dumps(oud))
    controleer_opzet(tmp_path, inst)
    with pytest.raises(ScenarioFout, match="seeds_per_voorstel"):
        controleer_opzet(tmp_path, Instellingen(**{**asdict(inst), "seeds_per_voorstel": 2}))


def test_ruisfactor_bepaalt_hoe_ver_buiten_de_band_een_run_mag():
    from simulatie.experiment.kalibratie.ruis import met_ruis

    doel = Kaldoel("x", "x", 15.0, 10.0, 20.0, "bron")
    (standaard_,) = met_ruis([doel], {"x": 2.0})  # allowance 2 sd of one run: 4
    (vier,) = met_ruis([doel], {"x": 2.0}, seeds=4, factor=1.0)  # 1 sd of a 4-run mean: 1
    assert standaard_.afstand(23.9) == 0 and standaard_.afstand(24.5) > 0
    assert vier.ruis == 1.0 and vier.afstand(20.9) == 0
    assert vier.afstand(22.0) == pytest.approx(1.0 / 10)  # 1 outside the allowance, band 10


def test_bevestiging_houdt_de_eerste_kandidaten_die_in_elke_gewone_band_liggen(tmp_path,
                                                                               monkeypatch):
    """The confirmation runs candidates, closest first, on seeds of their own, and keeps the
    first ``leden`` whose mean lies inside every plain band; it stops after the block that
    completes the ensemble and repeats no stored run."""
    from dataclasses import replace

    from simulatie.experiment.kalibratie import bevestigen
    from simulatie.experiment.kalibratie.simulator import run_seeds, sleutel

    data = _data()
    doel = next(d for d in standaard() if d.doel == "wmo_in_bijstand" + BEGIN)
    laag, hoog = {ARMOEDE: 1.5}, {ARMOEDE: 7.0}
    kwargs = dict(runs=2, seed=3, maanden=1)
    # where the two lie, with a band every run is in
    wijd = [replace(doel, ondergrens=-1.0, bovengrens=101.0, ruis=0.0)]
    b = bevestigen.bevestig_kandidaten(data, wijd, tmp_path / "wijd", [laag, hoog], [0.0, 1.0],
                                       leden=2, **kwargs)
    assert b.tabel["bevestigd"].all() and list(b.leden) == [0, 1]
    w_laag, w_hoog = (r[doel.doel] for r in b.runs)
    assert w_hoog > w_laag + 1  # more poverty, more Wmo clients in bijstand
    # a band only the high poverty factor reaches: the low candidates fail at full size
    band = [replace(doel, ondergrens=(w_laag + w_hoog) / 2, bovengrens=101.0, ruis=0.0)]
    kandidaten = [laag, hoog, laag, hoog, hoog]
    afstanden = np.array([0.0, 0.3, 0.1, 0.2, 0.4])  # order of trying: 0, 2, 3, 1, 4
    monkeypatch.setattr(bevestigen, "BLOK", 2)
    map_ = tmp_path / "kal"
    b = bevestigen.bevestig_kandidaten(data, band, map_, kandidaten, afstanden, leden=2,
                                       **kwargs)
    assert b.tabel["kandidaat"].tolist() == [0, 2, 3, 1]  # stopped after the second block
    assert b.tabel["bevestigd"].tolist() == [False, False, True, True]
    assert b.tabel["gemist"].tolist()[:2] == [doel.doel] * 2
    assert list(b.leden) == [1, 3]  # in drawn order
    # two runs per distinct candidate, on seeds that are neither its calibration seeds nor
    # the validation's 1-5
    namen = sorted(p.stem for p in (map_ / bevestigen.BEVESTIGING).glob("*.json"))
    sleutels = [sleutel(k, 3) for k in (laag, hoog)]
    assert namen == sorted(f"{k}-v{j}" for k in sleutels for j in "01")
    for k in sleutels:
        eigen = bevestigen.bevestig_seeds(k, 2)
        assert len(set(eigen)) == 2 and not set(eigen) & (set(run_seeds(k, 2)) | set(range(6)))
    # resumed: nothing runs again, the same members
    monkeypatch.setattr(bevestigen, "draai_bewaard", _geen_runs(bevestigen.draai_bewaard))
    opnieuw = bevestigen.bevestig_kandidaten(data, band, map_, kandidaten, afstanden, leden=2,
                                             **kwargs)
    assert list(opnieuw.leden) == [1, 3]
    # a margin judges the same stored runs more strictly: a mean one point inside the band's
    # end passes without a margin of two and fails with one
    rand = [replace(doel, ondergrens=w_laag - 1.0, bovengrens=101.0, ruis=0.0)]
    zonder = bevestigen.bevestig_kandidaten(data, rand, tmp_path / "wijd", [laag, hoog],
                                            [0.0, 1.0], leden=2, **kwargs)
    met = bevestigen.bevestig_kandidaten(data, rand, tmp_path / "wijd", [laag, hoog], [0.0, 1.0],
                                         leden=2, marges={doel.doel: 2.0}, **kwargs)
    assert list(zonder.leden) == [0, 1] and list(met.leden) == [1]
    assert met.tabel["gemist"].tolist() == [doel.doel, ""]


def test_marge_ligt_binnen_elke_eindige_rand():
    doel = Kaldoel("x", "x", 15.0, 10.0, 20.0, "bron")
    eenzijdig = Kaldoel("y", "y", math.nan, 10.0, math.inf, "bron")
    assert doel.in_band(10.0) and not doel.in_band(10.0, 0.5)
    assert doel.in_band(19.4, 0.5) and not doel.in_band(19.6, 0.5)
    assert not doel.in_band(15.0, 6.0)  # a margin wider than half the band passes nothing
    assert eenzijdig.in_band(1e9, 0.5) and not eenzijdig.in_band(10.4, 0.5)


def _geen_runs(echt):
    """``draai_bewaard`` that fails when a run is not stored yet."""
    def draai(data, doelen, map_, maanden, taken, werkers=1, melding=None):
        assert all((map_ / f"{t[0]}.json").is_file() for t in taken), "een run werd herhaald"
        return echt(data, doelen, map_, maanden, taken, werkers, melding)
    return draai


def test_fasen_met_bevestiging_schrijven_wie_getoetst_is_en_weigeren_zonder_lid(tmp_path,
                                                                              monkeypatch):
    map_, _, kwargs = _kleine_fasen(tmp_path, bevestig=2)
    voer_fasen_uit(_data(), map_, **kwargs)
    tabel = pd.read_csv(map_ / "bevestiging.csv")
    ensemble = pd.read_parquet(map_ / "ensemble.parquet")
    # the plain bands are 0-40: every candidate passes, so the first six tried are the members
    assert tabel["bevestigd"].all() and tabel["lid"].sum() == len(ensemble) == 6
    assert tabel["afstand"].is_monotonic_increasing
    combinatie = json.loads((map_ / "manifest.json").read_text())["combinatie"]
    marges = combinatie["bevestiging"].pop("marges")
    assert combinatie["bevestiging"] == {"runs": 2, "marge_sd": 0.0, "geprobeerd": len(tabel),
                                         "bevestigd": len(tabel), "leden": 6}
    assert set(marges.values()) == {0.0}
    # no candidate in the plain band: a clear message, and the table says why
    from dataclasses import replace

    from simulatie.experiment.kalibratie import fasen

    echt = fasen.bevestig_kandidaten

    def onhaalbaar(data, banden, *args, **kw):
        return echt(data, [replace(d, ondergrens=98.0, bovengrens=99.0) for d in banden],
                    *args, **kw)

    monkeypatch.setattr(fasen, "bevestig_kandidaten", onhaalbaar)
    with pytest.raises(ScenarioFout, match="geen van de 18 kandidaten ligt op volle grootte"):
        voer_fasen_uit(_data(), map_, **kwargs)
    assert not pd.read_csv(map_ / "bevestiging.csv")["bevestigd"].any()


def test_runs_los_in_een_pool_geven_dezelfde_uitkomst():
    """``draai_los`` (the calibration's runner): every run once, the same series as one
    worker."""
    from simulatie.experiment.validatie.uitvoeren import draai_los
    from simulatie.experiment.validatie.valideren import basisscenario

    scenario = basisscenario(_data(), maanden=2)
    taken = [(scenario, s) for s in (4, 5, 6, 7, 8)]
    twee = dict(draai_los(taken, werkers=2))
    een = dict(draai_los(taken, werkers=1))
    assert sorted(twee) == list(range(5))
    for i in range(5):
        pd.testing.assert_frame_equal(twee[i], een[i])
    assert not twee[0].equals(twee[1])  # other seeds, other runs


def test_meer_kandidaten_bij_hervatten_houdt_de_eerdere_en_hun_runs(tmp_path):
    """``--kandidaten``: a resume with more candidates per member draws only the extra ones;
    the earlier candidates (and their stored runs) stay as they were."""
    map_, _, kwargs = _kleine_fasen(tmp_path)
    voer_fasen_uit(_data(), map_, **kwargs)
    eerst = {p.name: p.read_text() for p in (map_ / "voorspelling").glob("*.json")}
    voer_fasen_uit(_data(), map_, **kwargs, kandidaten=5)
    na = {p.name: p.read_text() for p in (map_ / "voorspelling").glob("*.json")}
    assert json.loads((map_ / "manifest.json").read_text())["combinatie"]["kandidaten"] == 30
    assert {k: na[k] for k in eerst} == eerst  # every earlier run kept as it was
    assert 0 < len(na) - len(eerst) <= 12  # only the 12 new candidates ran (redrawn: up to 30)


def test_fasen_met_emulator_bevestigen_gezeefde_kandidaten_in_getrokken_volgorde(tmp_path,
                                                                                monkeypatch):
    """``emulator``: only ``leden`` pairings run at the calibration's size (the check runs);
    the confirmation tries only the prior draws the emulator gives at least the threshold, in
    the order drawn; a rerun repeats nothing."""
    from simulatie.experiment.kalibratie import emulator

    echt = emulator.Emulator.kans
    gezien: list[np.ndarray] = []

    def om_en_om(self, tabel, ruis_factor=1.0):
        gezien.append(echt(self, tabel, ruis_factor))
        return np.where(np.arange(len(tabel)) % 2 == 0, 0.9, 0.1)  # every other one passes

    monkeypatch.setattr(emulator.Emulator, "kans", om_en_om)
    map_, fasen, kwargs = _kleine_fasen(tmp_path, bevestig=1, emulator=0.5, pool=30)
    kwargs.update(budget=60, populatie=10)
    voer_fasen_uit(_data(), map_, **kwargs)
    combinatie = json.loads((map_ / "manifest.json").read_text())["combinatie"]
    e = combinatie["emulator"]
    assert e["pool"] == 30 and e["boven_drempel"] == 15 and e["controleruns"] == 6
    assert len(list((map_ / "voorspelling").glob("*.json"))) == 6
    # the real chances were computed for all 30 (wide bands: all near 1)
    assert len(gezien[0]) == 30 and gezien[0].min() > 0.5
    tabel = pd.read_csv(map_ / "bevestiging.csv")
    assert (tabel["kandidaat"] % 2 == 0).all() and tabel["kandidaat"].is_monotonic_increasing
    assert (tabel["kans"] == 0.9).all() and tabel["afstand"].isna().all()
    assert tabel["lid"].sum() == 6 and combinatie["bevestiging"]["leden"] == 6
    # the members are prior draws, inside the prior's ranges
    ensemble = pd.read_parquet(map_ / "ensemble.parquet")
    for v in vrije_parameters([p for groep in fasen.values() for p in groep]):
        assert ensemble[v.pad].between(v.laag, v.hoog).all()
    controle = pd.read_csv(map_ / "emulator.csv")
    assert controle["doel"].tolist() == ["wmo_in_bijstand@maand0", "bijstand_met_wmo@maand0"]
    assert (controle["ruis"] > 0).all()
    # fit.csv's posterior: the members' full-size means, finite
    fit = pd.read_csv(map_ / "fit.csv")
    assert np.isfinite(fit[["posterior_p05", "posterior_p95"]].to_numpy()).all()
    bestanden = sorted(p.name for p in map_.rglob("*.json"))
    opnieuw, _ = voer_fasen_uit(_data(), map_, **kwargs)
    assert all(v.simulaties_nu == 0 for v in opnieuw.values())
    assert sorted(p.name for p in map_.rglob("*.json")) == bestanden
    with pytest.raises(ScenarioFout, match="--emulator werkt alleen met --bevestig"):
        voer_fasen_uit(_data(), tmp_path / "ander", **{**kwargs, "bevestig": 0})
    # nothing passes the screen: a message that says what helps
    monkeypatch.setattr(emulator.Emulator, "kans",
                        lambda self, tabel, ruis_factor=1.0: np.full(len(tabel), 0.01))
    with pytest.raises(ScenarioFout, match="geen van de 30 trekkingen .* verlaag --emulator"):
        voer_fasen_uit(_data(), map_, **kwargs)
