"""Designs and seeds: sizes, stratification, distributions, deterministic seeds; Sobol wiring."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from SALib.analyze import sobol as salib_sobol
from SALib.sample import sobol as salib_sobol_sample
from SALib.test_functions import Ishigami
from test_sweep_declaratie import KLEIN

from simulatie.experiment.sweep import bouw_sweep, maak_runs
from simulatie.experiment.sweep.analyse import morris_indices, sobol_indices
from simulatie.experiment.sweep.declaratie import Ontwerp, Onzekerheid
from simulatie.experiment.sweep.ontwerp import eenheidsontwerp, naar_waarden, run_seed

DRIE = [
    {"pad": "parameters.arbeidsmarkt.openheid", "min": 0.1, "max": 0.4},
    {"pad": "parameters.arbeidsmarkt.conjunctuur", "min": -0.3, "max": 0.3,
     "verdeling": "normaal", "gemiddelde": 0.0, "sd": 0.1},
    {"pad": "parameters.arbeidsmarkt.werkgevers", "min": 20, "max": 60,
     "verdeling": "driehoek", "modus": 40},
]


def sweep(**ontwerp):
    data = copy.deepcopy(KLEIN)
    data["onzekerheid"] = DRIE
    data["ontwerp"] = {**data["ontwerp"], **ontwerp}
    return bouw_sweep(data)


@pytest.mark.parametrize("ontwerp, punten", [
    ({"methode": "grid", "niveaus": 3}, 27),
    ({"methode": "lhs", "n": 9}, 9),
    ({"methode": "sobol", "n": 8}, 8 * (3 + 2)),
    ({"methode": "sobol", "n": 8, "tweede_orde": True}, 8 * (2 * 3 + 2)),
    ({"methode": "morris", "n": 4, "niveaus": 4}, 4 * (3 + 1)),
])
def test_aantal_runs_per_ontwerp(ontwerp, punten):
    d = sweep(**ontwerp)
    runs = maak_runs(d)
    assert len(runs) == punten * 2 * d.ontwerp.replicaties  # two lever values
    assert runs["punt"].nunique() == punten


def test_lhs_heeft_een_punt_per_laag():
    o = [Onzekerheid(pad=f"x{i}", min=0, max=1) for i in range(4)]
    x = eenheidsontwerp(Ontwerp(methode="lhs", n=20, seed=3), o)
    for j in range(4):
        assert sorted((x[:, j] * 20).astype(int)) == list(range(20))


def test_waarden_volgen_grenzen_verdeling_en_gehele_getallen():
    d = sweep(methode="lhs", n=200)
    runs = maak_runs(d)
    openheid = runs["parameters.arbeidsmarkt.openheid"]
    assert openheid.between(0.1, 0.4).all()
    conj = runs["parameters.arbeidsmarkt.conjunctuur"]
    assert conj.between(-0.3, 0.3).all() and abs(conj.median()) < 0.03 and conj.std() < 0.12
    werkgevers = runs["parameters.arbeidsmarkt.werkgevers"]
    assert werkgevers.dtype.kind == "i" and werkgevers.between(20, 60).all()
    assert 35 <= werkgevers.median() <= 45  # triangular around its mode


def test_seeds_hangen_alleen_af_van_masterseed_punt_en_replicatie():
    runs = maak_runs(sweep(methode="lhs", n=5))
    nog_eens = maak_runs(sweep(methode="lhs", n=5))
    assert runs.equals(nog_eens)
    # common random numbers: every lever setting shares the seed of a (punt, replicatie)
    per_scenario = runs.groupby(["punt", "replicatie"])["seed"].nunique()
    assert (per_scenario == 1).all()
    assert runs.drop_duplicates(["punt", "replicatie"])["seed"].is_unique
    assert runs.loc[0, "seed"] == run_seed(7, 0, 0)
    ander = maak_runs(sweep(methode="lhs", n=5, seed=8))
    assert not np.array_equal(ander["seed"], runs["seed"])


ISHIGAMI = [Onzekerheid(pad=f"x{i}", min=-np.pi, max=np.pi) for i in (1, 2, 3)]


def test_sobol_op_ishigami_gelijk_aan_salib_referentie():
    ontwerp = Ontwerp(methode="sobol", n=1024, seed=11)
    x = naar_waarden(eenheidsontwerp(ontwerp, ISHIGAMI), ISHIGAMI).to_numpy()
    y = Ishigami.evaluate(x)
    ons = sobol_indices(ISHIGAMI, ontwerp, y)
    # SALib's own pipeline on the real bounds, same N and seed
    probleem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    x_ref = salib_sobol_sample.sample(probleem, 1024, calc_second_order=False, seed=11)
    np.testing.assert_allclose(x, x_ref, rtol=1e-12, atol=1e-12)
    ref = salib_sobol.analyze(probleem, Ishigami.evaluate(x_ref), calc_second_order=False,
                              seed=11)
    np.testing.assert_allclose(ons["S1"], ref["S1"], atol=1e-12)
    np.testing.assert_allclose(ons["ST"], ref["ST"], atol=1e-12)
    # and the analytical values (a = 7, b = 0.1)
    np.testing.assert_allclose(ons["S1"], [0.3139, 0.4424, 0.0], atol=0.05)
    np.testing.assert_allclose(ons["ST"], [0.5576, 0.4424, 0.2437], atol=0.05)


def test_morris_rangschikt_ishigami():
    ontwerp = Ontwerp(methode="morris", n=50, niveaus=4, seed=5)
    x = naar_waarden(eenheidsontwerp(ontwerp, ISHIGAMI), ISHIGAMI).to_numpy()
    res = morris_indices(ISHIGAMI, ontwerp, Ishigami.evaluate(x))
    # x3 acts only through its interaction with x1: the smallest mean effect, but not zero
    assert res["mu_star"].iloc[2] < res["mu_star"].iloc[0]
    assert res["mu_star"].iloc[2] > 0
