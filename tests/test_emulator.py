"""The calibration's emulator (issue 14): the stages' runs predict a pairing of their groups.

Synthetic stages with a known response and known seed noise, so the checks are exact about what
the emulator should say: the additive prediction, its chance of passing a band, and the
discrepancy it learns from check runs when the groups interact.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulatie.experiment.kalibratie.doelen import Kaldoel
from simulatie.experiment.kalibratie.emulator import train
from simulatie.experiment.kalibratie.prior import Vrij
from simulatie.kern.fouten import ScenarioFout

A = Vrij("parameters.x.a", default=0.4, laag=0.0, hoog=1.0, geheel=False)
B = Vrij("parameters.x.b", default=0.5, laag=0.0, hoog=2.0, geheel=False)
DOEL = Kaldoel("y", "y", 10.0, 8.0, 12.0, "test")
RUIS = 0.3


def _waar(a: np.ndarray, b: np.ndarray, samen: float = 0.0) -> np.ndarray:
    """The response: additive in a and b, plus an interaction of size ``samen``."""
    return 10.0 + 8.0 * (a - A.default) + 3.0 * (b - B.default) ** 2 \
        + samen * (a - A.default) * (b - B.default)


def _fase(rng: np.random.Generator, vrij: Vrij, n: int = 80) -> pd.DataFrame:
    """A stage's runs: its parameter drawn from its prior, the other at its default."""
    x = np.array([vrij.kwantiel(u) for u in rng.random(n)])
    a = x if vrij is A else np.full(n, A.default)
    b = x if vrij is B else np.full(n, B.default)
    return pd.DataFrame({A.pad: a, B.pad: b, "y": _waar(a, b) + rng.normal(0, RUIS, n)})


def _emulator(seed: int = 1):
    rng = np.random.default_rng(seed)
    runs = {"a": _fase(rng, A), "b": _fase(rng, B)}
    return train({"a": [A], "b": [B]}, [DOEL], runs, {"y": 10.0}, {"y": RUIS})


def _paren(rng: np.random.Generator, n: int) -> pd.DataFrame:
    return pd.DataFrame({A.pad: [A.kwantiel(u) for u in rng.random(n)],
                         B.pad: [B.kwantiel(u) for u in rng.random(n)]})


def test_cdf_keert_het_kwantiel_om():
    for v in (A, B, Vrij("p", 0.0, 0.0, 1.0, False), Vrij("p", 1.0, 0.0, 1.0, False)):
        for u in (0.0, 0.05, 0.3, 0.5, 0.9, 1.0):
            assert v.cdf(v.kwantiel(u)) == pytest.approx(u, abs=1e-12)


def test_combinatie_van_twee_fasen_voorspelt_het_paar():
    """Each stage varied one group; the emulator predicts pairs it never saw, within its own
    uncertainty, and its chance of passing the band follows the truth."""
    emu = _emulator()
    paren = _paren(np.random.default_rng(7), 200)
    waar = _waar(paren[A.pad].to_numpy(), paren[B.pad].to_numpy())
    mu, var = emu.voorspel(paren)
    fout = mu[:, 0] - waar
    assert np.sqrt(np.mean(fout ** 2)) < 0.3  # against a response range of about 12
    assert np.mean(np.abs(fout) <= 2 * np.sqrt(var[:, 0]) + 0.05) > 0.9
    kans = emu.kans(paren, ruis_factor=0.2)
    binnen = (waar > 8.5) & (waar < 11.5)
    buiten = (waar < 7.0) | (waar > 13.0)
    assert kans[binnen].min() > 0.5 and kans[buiten].max() < 0.05


def test_discrepantie_komt_uit_de_controleruns():
    """Where the groups interact, the additive emulator is wrong on pairs: the check runs show
    it, the discrepancy absorbs it, and the chances widen. Without interaction it stays near
    zero."""
    rng = np.random.default_rng(3)
    paren = _paren(rng, 150)
    a, b = paren[A.pad].to_numpy(), paren[B.pad].to_numpy()
    zonder = _emulator()
    tabel = zonder.ijk(paren, [{"y": y} for y in _waar(a, b) + rng.normal(0, RUIS, len(a))])
    assert tabel.loc[0, "discrepantie_sd"] < 0.15
    assert tabel.loc[0, "ruis"] == pytest.approx(RUIS)
    met = _emulator()
    scheef = _waar(a, b, samen=12.0) + rng.normal(0, RUIS, len(a))
    tabel = met.ijk(paren, [{"y": y} for y in scheef])
    assert tabel.loc[0, "discrepantie_sd"] > 0.8
    assert tabel.loc[0, "dekking"] > 0.85
    # wider uncertainty: fewer near-certain passes
    assert (met.kans(paren, 0.2) > 0.9).sum() < (zonder.kans(paren, 0.2) > 0.9).sum()


def test_te_weinig_runs_in_een_fase_is_een_duidelijke_fout():
    rng = np.random.default_rng(1)
    with pytest.raises(ScenarioFout, match="fase b heeft 5 bruikbare runs voor y"):
        train({"a": [A], "b": [B]}, [DOEL], {"a": _fase(rng, A), "b": _fase(rng, B, 5)},
              {"y": 10.0}, {"y": RUIS})
