"""Confirmation at full size: candidates kept only when the validation's own rule passes them.

A calibration at a smaller municipality judges each proposal on a mean of a few noisy runs
against bands widened by that noise. The validation (``simulatie valideer``) judges the mean of
five runs at the municipality's own size against the plain bands. Measured on 2 Dec 2026
(``docs/kalibratie.md``): of the members the noise allowance let in, 12-17% passed that verdict,
because a member whose expectation lies just outside a band gets in on a lucky run. The
confirmation is a last rejection step of ABC with the verdict's own rule: the candidates, in
order of their distance at the calibration's size, run ``runs`` times at the scenario's own size
on seeds of their own (derived from the candidate, never the validation's seeds 1-5, so the
validation stays an independent check), and a candidate becomes a member only when the mean of
its runs lies inside every plain band (with ``marges``, that far inside each end: a member
picked on one set of runs regresses towards the band's edge on another, measured on 2 Dec 2026
as 24 of 30 members passing the validation's seeds without a margin, see
``docs/kalibratie.md``). Candidates are tried in blocks of :data:`BLOK`, and the
first ``leden`` that pass (in order of distance) form the ensemble, so where it stops depends on
the stored runs, not on the number of workers; every run is stored once
(``DIR/bevestiging/``), so an interrupted confirmation resumes.

Main objects: :func:`bevestig_kandidaten`, :class:`Bevestiging`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simulatie.experiment.kalibratie.doelen import Kaldoel
from simulatie.experiment.kalibratie.simulator import draai_bewaard, gemiddeld, sleutel

if TYPE_CHECKING:
    from pathlib import Path

#: Sub-folder of a calibration with the confirmation's runs.
BEVESTIGING = "bevestiging"
#: Candidates run per block; the confirmation stops after the block that completes the ensemble.
BLOK = 10
#: Entropy that separates a candidate's confirmation seeds from its calibration seeds.
ENTROPIE = 11


@dataclass
class Bevestiging:
    """What the confirmation found.

    Attributes:
        leden: Indices of the confirmed candidates that form the ensemble, in drawn order.
        tabel: One row per candidate tried: ``kandidaat``, ``afstand`` (at the calibration's
            size, with the noise allowance), ``bevestigd``, ``lid`` and ``gemist`` (the targets
            whose full-size mean lies outside the plain band, comma-separated).
        runs: Each tried candidate's mean target values at full size (same order as ``tabel``).
    """

    leden: np.ndarray
    tabel: pd.DataFrame
    runs: list[dict[str, float]]


def bevestig_seeds(key: str, runs: int) -> list[int]:
    """The model seeds of a candidate's confirmation runs (not its calibration seeds)."""
    return [int(s) for s in
            np.random.SeedSequence([int(key, 16), ENTROPIE]).generate_state(runs)]


def bevestig_kandidaten(data: Mapping[str, Any], banden: Sequence[Kaldoel], map_: Path,
                        kandidaten: Sequence[Mapping[str, Any]], afstanden: np.ndarray, *,
                        runs: int, leden: int, seed: int, maanden: int,
                        overrides: Mapping[str, Any] | None = None, werkers: int = 1,
                        marges: Mapping[str, float] | None = None,
                        melding: Callable[[int, int], None] | None = None) -> Bevestiging:
    """Run candidates at full size in order of distance until ``leden`` pass every plain band.

    Args:
        data: The scenario at its own size (parsed TOML).
        banden: The targets with their plain bands (no noise allowance).
        map_: The calibration folder (runs go to ``map_/bevestiging``).
        kandidaten: Each candidate's parameter values.
        afstanden: Each candidate's distance at the calibration's size (the order of trying).
        runs: Runs per candidate, judged on their mean (the validation uses 5).
        leden: Members wanted.
        seed: Calibration seed (part of each candidate's key).
        maanden: Horizon.
        overrides: ``--set`` values fixed in every run.
        werkers: Processes.
        marges: Per target, how far inside each end of its band the mean must lie (default
            0 for every target: the validation's rule as it is).
        melding: Called with (candidates tried, members found) after each block.

    Returns:
        The members found (possibly fewer than ``leden`` when the candidates run out).
    """
    volgorde = np.argsort(np.asarray(afstanden, dtype=float), kind="stable")
    rijen: list[dict[str, Any]] = []
    gemiddelden: list[dict[str, float]] = []
    gevonden: list[int] = []
    for begin in range(0, len(volgorde), BLOK):
        blok = [int(i) for i in volgorde[begin:begin + BLOK]]
        taken = [(f"{k}-v{j}", {**kandidaten[i], **(overrides or {})}, s)
                 for i in blok for k in [sleutel(kandidaten[i], seed)]
                 for j, s in enumerate(bevestig_seeds(k, runs))]
        uit = draai_bewaard(data, list(banden), map_ / BEVESTIGING, maanden, taken, werkers)
        for n, i in enumerate(blok):
            gem = gemiddeld(uit[n * runs:(n + 1) * runs])
            gemist = [d.doel for d in banden
                      if not d.in_band(gem[d.doel], (marges or {}).get(d.doel, 0.0))]
            lid = not gemist and len(gevonden) < leden
            if lid:
                gevonden.append(i)
            rijen.append({"kandidaat": i, "afstand": float(afstanden[i]),
                          "bevestigd": not gemist, "lid": lid, "gemist": ",".join(gemist)})
            gemiddelden.append(gem)
        if melding:
            melding(begin + len(blok), len(gevonden))
        if len(gevonden) >= leden:
            break
    return Bevestiging(np.sort(np.array(gevonden, dtype=int)), pd.DataFrame(
        rijen, columns=["kandidaat", "afstand", "bevestigd", "lid", "gemist"]), gemiddelden)
