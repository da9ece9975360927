"""Summarise per-seed values of a target into one verdict row.

The mean over seeds, its standard error and 90% confidence interval (Student t), the seed
spread, and whether it passes: for ``gemiddelde`` the mean lies in the band, for ``interval``
the whole interval lies strictly inside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import stats

from simulatie.experiment.validatie.doelen import Doel


def beoordeel(doel: Doel, waarden: Sequence[float], gemeente: str,
              moment: str = "", beoordelen: bool = True) -> dict[str, Any]:
    """One row of the validation table.

    Args:
        doel: The target.
        waarden: Simulated value per seed.
        gemeente: Municipality name.
        moment: When it was measured (e.g. ``maand 0``), empty if not applicable.
        beoordelen: False reports the value without a verdict (``geslaagd`` is then True and
            ``beoordeeld`` False, so it never fails the validation).
    """
    x = np.asarray([w for w in waarden if not math.isnan(w)], dtype=float)
    n = len(x)
    gem = float(x.mean()) if n else math.nan
    se = float(x.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
    h = float(stats.t.ppf(0.95, n - 1) * se) if n > 1 else math.nan
    lo, hi = gem - h, gem + h
    if doel.criterium == "interval":
        geslaagd = n > 1 and lo > doel.ondergrens and hi < doel.bovengrens
    else:
        geslaagd = n > 0 and doel.ondergrens <= gem <= doel.bovengrens
    if not beoordelen:
        geslaagd = True
    return {"groep": doel.groep, "gemeente": gemeente, "moment": moment, "doel": doel.naam,
            "label": doel.label, "eenheid": doel.eenheid, "band": doel.band,
            "ondergrens": doel.ondergrens, "bovengrens": doel.bovengrens, "seeds": n,
            "gemiddelde": gem, "se": se, "ci90_laag": lo, "ci90_hoog": hi,
            "min": float(x.min()) if n else math.nan, "max": float(x.max()) if n else math.nan,
            "criterium": doel.criterium, "geslaagd": bool(geslaagd),
            "beoordeeld": bool(beoordelen), "bron": doel.bron,
            "afgestemd": doel.afgestemd, "waarden": [round(float(v), 4) for v in x]}
