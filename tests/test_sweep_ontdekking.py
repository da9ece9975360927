"""Scenario discovery: the EMA Workbench's PRIM finds the boxes the hand-written PRIM found.

Synthetic sets where failures concentrate in a known box (``a >= 0.6`` and ``b <= 13``: every
run inside fails, 3% of the runs outside fail too). Until commit b8b6a18 this test ran the
hand-written box peeling beside the EMA Workbench's PRIM on these sets; the boxes it found are
recorded in :data:`HANDGESCHREVEN` (limits, coverage, density), and the library call that replaced
it must find the same ones.
"""

from __future__ import annotations

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


def _binnen(x: pd.DataFrame, box: dict[str, tuple[float, float]]) -> np.ndarray:
    masker = np.ones(len(x), dtype=bool)
    for k, (laag, hoog) in box.items():
        masker &= ((x[k] >= laag) & (x[k] <= hoog)).to_numpy()
    return masker


#: Boxes of the hand-written peeling (commit b8b6a18): (seed, n, replications, integer c) ->
#: (restricted limits, coverage, density).
HANDGESCHREVEN = {
    (1, 2000, 1, False): ({"a": (0.603, 1.000), "b": (10.004, 12.999)}, 0.819, 1.0),
    (2, 2000, 1, False): ({"a": (0.601, 1.000), "b": (10.001, 13.008)}, 0.834, 1.0),
    (3, 2000, 1, False): ({"a": (0.613, 1.000), "b": (10.002, 12.947)}, 0.781, 1.0),
    (1, 500, 2, True): ({"a": (0.606, 0.964), "b": (10.037, 12.891)}, 0.769, 1.0),
    (2, 500, 2, True): ({"a": (0.604, 1.000), "b": (10.018, 12.994), "c": (0.0, 8.0)}, 0.758,
                        1.0),
    (3, 500, 2, True): ({"a": (0.592, 1.000), "b": (10.015, 12.997)}, 0.779, 1.0),
}


@pytest.mark.parametrize("geval", list(HANDGESCHREVEN))
def test_ema_prim_vindt_de_box_van_de_handgeschreven_prim(geval):
    x, faalt = _gegevens(*geval)
    hand, dekking, dichtheid = HANDGESCHREVEN[geval]
    traject, box, maten = prim(x, faalt)
    assert set(box) == set(hand)
    breedte = x.max() - x.min()
    for k in hand:
        assert np.allclose(hand[k], box[k], atol=0.03 * breedte[k]), (k, hand[k], box[k])
    beide = _binnen(x, hand) & _binnen(x, box)
    assert beide.sum() / (_binnen(x, hand) | _binnen(x, box)).sum() >= 0.9
    assert maten["dekking"] == pytest.approx(dekking, abs=0.05)
    assert maten["dichtheid"] == pytest.approx(dichtheid, abs=0.05)
    # It finds the known box: a from 0.6, b up to 13.
    assert box["a"][0] == pytest.approx(0.6, abs=0.03)
    assert box["b"][1] == pytest.approx(13.0, abs=0.3)
    # The trajectory is the library's, in our column names; the chosen box is on it.
    assert list(traject.columns) == ["stap", "n", "massa", "dekking", "dichtheid"]
    assert traject["massa"].iloc[0] == 1.0 and traject["massa"].min() >= 0.05
    assert traject.iloc[int(maten["stap"])]["n"] == _binnen(x, box).sum()
