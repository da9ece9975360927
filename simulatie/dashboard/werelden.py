"""Plausible worlds for the dashboard's background runs: members of the calibrated ensemble.

The comparison mode and the training room run extra replications in the background for their
uncertainty bands. With the calibrated ensemble shipped (``simulatie/data/kalibratie/``),
background run ``i`` uses another seed *and* the core parameters of an ensemble member drawn by
weight from ``SeedSequence([seed, 1, i])`` (the comparison's
:func:`~simulatie.experiment.onzekerheid.wereld_rng`) - the same member for variant A and B and
for every team, so differences stay paired (common worlds). The played run keeps the defaults.
Without a shipped ensemble, and for a municipality whose densities differ from the one the
ensemble was calibrated on (Groningen;
:func:`~simulatie.experiment.onzekerheid.afwijkende_dichtheden`: its members are not plausible
worlds elsewhere), the background runs differ in seed only.

Main objects: :func:`wereld_basis`, :func:`band_tekst`.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any

import pandas as pd

from simulatie.experiment.kalibratie.ensemble import STANDAARD, lees_ensemble, lid, trek_leden
from simulatie.experiment.onzekerheid import KENGETALLEN, afwijkende_dichtheden, wereld_rng
from simulatie.kern.scenario import zet_pad


@functools.cache
def _ensemble() -> pd.DataFrame | None:
    return lees_ensemble(STANDAARD) if STANDAARD.is_file() else None


def band_tekst() -> str:
    """What the grey band of the background runs varies, in Dutch, for the chart's caption."""
    if _ensemble() is None:
        return ("andere seeds; er is nog geen gekalibreerd ensemble meegeleverd, dus de band "
                "toont alleen toeval, niet de onzekerheid van de aannames")
    return ("andere seeds en plausibele parameterwaarden uit het gekalibreerde ensemble; voor "
            "een gemeente met andere dichtheden dan Groningen, waarop het is gekalibreerd, "
            "alleen andere seeds")


@functools.cache
def _past(kengetallen: tuple[int, ...]) -> bool:
    """Whether the shipped ensemble was calibrated on a municipality with these densities.

    Args:
        kengetallen: ``inwoners`` and :data:`~simulatie.experiment.onzekerheid.KENGETALLEN`, in
            that order (a tuple, so the answer is cached per municipality).
    """
    gemeente = dict(zip(("inwoners", *KENGETALLEN), kengetallen, strict=True))
    return not afwijkende_dichtheden(STANDAARD, gemeente)[1]


def wereld_basis(basis: Mapping[str, Any], seed: int, i: int) -> dict[str, Any]:
    """The scenario of background run ``i`` (1, 2, ...): an ensemble member's parameters.

    Args:
        basis: ``Scenario.model_dump(exclude={"beleid", "rondes"})`` (not changed).
        seed: The session's seed.
        i: Number of the background run (its world).
    """
    ensemble = _ensemble()
    if ensemble is None or i <= 0:
        return dict(basis)
    if not _past(tuple(basis["gemeente"][k] for k in ("inwoners", *KENGETALLEN))):
        return dict(basis)
    uit = copy.deepcopy(dict(basis))
    for pad, waarde in lid(ensemble, int(trek_leden(ensemble, 1, wereld_rng(seed, i))[0])).items():
        zet_pad(uit, pad, waarde)
    return uit
