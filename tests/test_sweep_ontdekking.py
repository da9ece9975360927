"""Scenario discovery: the hand-written PRIM against the EMA Workbench's PRIM on known boxes.

Synthetic sets where failures concentrate in a known box (``a >= 0.6`` and ``b <= 13``: every
run inside fails, 3% of the runs outside fail too). Both methods peel 5% per step down to 5% of
the runs and report the densest box that still covers half of the failures.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from simulatie.experiment.sweep.ontdekking import prim


def _gegevens(seed: int, n: int, replicaties: int = 1, geheel: bool = False
              ) -> tuple[pd.DataFrame, np.ndarray]:
    """Uncertainties ``a`` in [0, 1], ``b`` in [10, 20] and a third one that does not matter."""
    rng = np.random.default_rng(seed)
    x = pd.DataFrame({"a": rng.uniform(0, 1, n), "b": rng.uniform(10, 20, n),
                      "c": rng.integers(0, 10, n) if geheel else rng.uniform(-1, 1, n)})
    x = pd.concat([x] * replicaties, ignore_index=True)  # replications share their inputs
    binnen = ((x["a"] >= 0.6) & (x["b"] <= 13)).to_numpy()
    faalt = binnen | (rng.random(len(x)) < 0.03)
    return x, faalt


def _ema_box(x: pd.DataFrame, y: np.ndarray) -> tuple[dict[str, tuple[float, float]], dict]:
    """The EMA Workbench's PRIM with the same settings and the same choice of box."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim as ema_prim

    p = ema_prim.Prim(x, y.astype(int), obj_function=ema_prim.PRIMObjectiveFunctions.ORIGINAL,
                      peel_alpha=0.05, mass_min=0.05)
    box = p.find_box()
    traject = box.peeling_trajectory
    kandidaten = traject[traject["coverage"] >= 0.5]
    i = int(kandidaten.sort_values(["density", "coverage"], ascending=False)["id"].iloc[0])
    grenzen = box.box_lims[i]
    gekozen = {k: (float(grenzen[k].iloc[0]), float(grenzen[k].iloc[1])) for k in x.columns
               if not np.allclose(grenzen[k].to_numpy(), p.box_init[k].to_numpy())}
    return gekozen, {"dekking": traject["coverage"].iloc[i],
                     "dichtheid": traject["density"].iloc[i]}


def _binnen(x: pd.DataFrame, box: dict[str, tuple[float, float]]) -> np.ndarray:
    masker = np.ones(len(x), dtype=bool)
    for k, (laag, hoog) in box.items():
        masker &= ((x[k] >= laag) & (x[k] <= hoog)).to_numpy()
    return masker


@pytest.mark.parametrize("seed, n, replicaties, geheel", [
    (1, 2000, 1, False), (2, 2000, 1, False), (3, 2000, 1, False),
    (1, 500, 2, True), (2, 500, 2, True), (3, 500, 2, True),
])
def test_handgeschreven_en_ema_prim_vinden_dezelfde_box(seed, n, replicaties, geheel):
    x, faalt = _gegevens(seed, n, replicaties, geheel)
    _, hand, hand_maten = prim(x, faalt)
    ema, ema_maten = _ema_box(x, faalt)
    assert set(hand) == set(ema)
    breedte = x.max() - x.min()
    for k in hand:
        assert np.allclose(hand[k], ema[k], atol=0.03 * breedte[k]), (k, hand[k], ema[k])
    beide, een = _binnen(x, hand) & _binnen(x, ema), _binnen(x, hand) | _binnen(x, ema)
    assert beide.sum() / een.sum() >= 0.9
    assert hand_maten["dekking"] == pytest.approx(ema_maten["dekking"], abs=0.05)
    assert hand_maten["dichtheid"] == pytest.approx(ema_maten["dichtheid"], abs=0.05)
    # Both find the known box: a from 0.6, b up to 13.
    for box in (hand, ema):
        assert box["a"][0] == pytest.approx(0.6, abs=0.03)
        assert box["b"][1] == pytest.approx(13.0, abs=0.3)
