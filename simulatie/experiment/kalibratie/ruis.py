"""Seed noise of the targets at a calibration's size: how far one run strays by chance.

The bands of the targets are what the sources say about a municipality; ``simulatie valideer``
judges the mean of several seeds at full size against them. A calibration judges single runs,
often of a smaller municipality (``--inwoners``), whose values scatter around the model's
expectation: measured at Groningen's rates scaled to 50,000 inhabitants with the default
parameters, a single run's ten-year change of the WW stock has a standard deviation of several
percentage points against a band of plus or minus 5. Without an allowance for that noise no
parameter set can put every run in every band, and the calibration chases seeds. Before it
starts, the calibration therefore runs the defaults (with the user's ``--set`` values) on
``ruis_seeds`` seeds and gives every target the standard deviation it finds; the distance then
allows :data:`.doelen.RUIS_FACTOR` standard deviations on either side of the band (history
matching's implausibility measure treats model stochasticity the same way). ``fit.csv`` reports
both the share in the band itself and the share within the allowance.

Main object: :func:`meet_ruis`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from simulatie.experiment.kalibratie.doelen import RUIS_FACTOR, Kaldoel
from simulatie.experiment.kalibratie.simulator import draai_bewaard

#: Entropy added to the calibration seed for the noise runs' seeds.
RUIS = 3
#: Sub-folder of a calibration with the noise runs.
RUISMAP = "ruis"
#: File with the measured noise per target, in the calibration folder.
RUISBESTAND = "ruis.json"


def meet_ruis(run_data: Mapping[str, Any], doelen: list[Kaldoel], map_: Path, *, seeds: int,
              seed: int, maanden: int, overrides: Mapping[str, Any] | None = None,
              werkers: int = 1) -> dict[str, float]:
    """The standard deviation of every target over ``seeds`` runs at the default parameters.

    The runs are stored in ``map_/ruis/`` (resumable) and the result in ``map_/ruis.json``.

    Args:
        run_data: The calibration's scenario data.
        doelen: Targets.
        map_: The calibration folder.
        seeds: Runs (0: no allowance, every noise 0).
        seed: Calibration seed (the runs' seeds derive from it).
        maanden: Horizon.
        overrides: The user's ``--set`` values.
        werkers: Processes.
    """
    if seeds <= 0:
        return {d.doel: 0.0 for d in doelen}
    run_seeds = np.random.SeedSequence([seed, RUIS]).generate_state(seeds)
    taken = [(f"ruis-{i}", dict(overrides or {}), int(s)) for i, s in enumerate(run_seeds)]
    runs = draai_bewaard(run_data, doelen, map_ / RUISMAP, maanden, taken, werkers)
    ruis = {}
    for d in doelen:
        x = np.array([r.get(d.doel, math.nan) for r in runs], dtype=float)
        x = x[np.isfinite(x)]
        ruis[d.doel] = float(np.std(x, ddof=1)) if len(x) > 1 else 0.0
    (map_ / RUISBESTAND).write_text(json.dumps(ruis, indent=2))
    return ruis


def met_ruis(doelen: list[Kaldoel], ruis: Mapping[str, float], seeds: int = 1,
             factor: float = RUIS_FACTOR) -> list[Kaldoel]:
    """The targets with their measured noise, that of a mean of ``seeds`` runs.

    ``ruis`` is a single run's standard deviation; a proposal judged on the mean of ``seeds``
    independent runs scatters ``sqrt(seeds)`` times less. A run may lie ``factor`` of these
    standard deviations outside a band.
    """
    return [replace(d, ruis=float(ruis.get(d.doel, 0.0)) / math.sqrt(seeds), ruis_factor=factor)
            for d in doelen]
