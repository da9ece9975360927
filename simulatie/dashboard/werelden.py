"""Plausible worlds for the dashboard's background runs: members of the calibrated ensemble.

The comparison mode and the training room run extra replications in the background for their
uncertainty bands. With the calibrated ensemble shipped (``simulatie/data/kalibratie/``),
background run ``i`` uses another seed *and* the core parameters of an ensemble member drawn by
weight from ``SeedSequence([seed, 1, i])`` - the same member for variant A and B and for every
team, so differences stay paired (common worlds). The played run keeps the defaults. Without a
shipped ensemble the background runs differ in seed only.

Main objects: :func:`wereld_basis`, :func:`heeft_ensemble`.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from simulatie.experiment.kalibratie.ensemble import STANDAARD, lees_ensemble, lid, trek_leden


@functools.cache
def _ensemble() -> pd.DataFrame | None:
    return lees_ensemble(STANDAARD) if STANDAARD.is_file() else None


def heeft_ensemble() -> bool:
    """Whether the calibrated ensemble ships (then the bands include parameter uncertainty)."""
    return _ensemble() is not None


def zet_paden(basis: Mapping[str, Any], waarden: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of a ``Scenario.model_dump()`` with dotted paths set to new values."""
    uit = copy.deepcopy(dict(basis))
    for pad, waarde in waarden.items():
        deel = uit
        *kop, laatste = pad.split(".")
        for k in kop:
            deel = deel[k]
        deel[laatste] = waarde
    return uit


def wereld_basis(basis: Mapping[str, Any], seed: int, i: int) -> dict[str, Any]:
    """The scenario of background run ``i`` (1, 2, ...): an ensemble member's parameters.

    Args:
        basis: ``Scenario.model_dump(exclude={"beleid"})``.
        seed: The session's seed.
        i: Number of the background run (its world).
    """
    ensemble = _ensemble()
    if ensemble is None or i <= 0:
        return dict(basis)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1, i]))
    return zet_paden(basis, lid(ensemble, int(trek_leden(ensemble, 1, rng)[0])))
