"""Per-run values of the stationarity and overlap targets (see :mod:`.doelen`).

Each function takes one run's ``tijdreeks`` and returns target name -> value; the values of
several seeds are summarised in :mod:`.beoordelen`.
"""

from __future__ import annotations

import pandas as pd

from simulatie.experiment.validatie.doelen import OVERLAP

#: Stationarity targets measured as a relative change in % (the others as a difference).
RELATIEF = ("bijstand", "wajong", "wsw", "awbz_extramuraal", "ww", "trede_1", "trede_2",
            "trede_3", "trede_4", "trede_5", "werk_ex_bijstand")


def stationair(tijdreeks: pd.DataFrame) -> dict[str, float]:
    """Change of each stock from month 0 to the last month.

    Relative change in % for the scheme stocks, the rungs 1-5, the placed workers and Wmo clients
    per 1,000; the employment rate in percentage points; the mean rung of adults and of bijstand
    clients in rungs.
    """
    ts = tijdreeks.sort_values("maand")
    begin, eind = ts.iloc[0], ts.iloc[-1]
    uit = {k: 100.0 * (eind[k] / begin[k] - 1.0) if begin[k] else float("nan") for k in RELATIEF}
    wmo0 = begin["wmo_clienten"] / begin["inwoners"]
    uit["wmo_per_1000"] = 100.0 * ((eind["wmo_clienten"] / eind["inwoners"]) / wmo0 - 1.0)
    uit["werkzaam_18_aow"] = 100.0 * (eind["werkzaam_18_aow"] - begin["werkzaam_18_aow"])
    uit["gemiddelde_trede"] = float(eind["gemiddelde_trede"] - begin["gemiddelde_trede"])
    uit["gemiddelde_trede_bijstand"] = float(eind["gemiddelde_trede_bijstand"]
                                             - begin["gemiddelde_trede_bijstand"])
    return uit


def overlap(tijdreeks: pd.DataFrame, maand: int) -> dict[str, float]:
    """Overlap shares (in %) at one month (0 or the last)."""
    rij = tijdreeks.loc[tijdreeks["maand"] == maand].iloc[0]
    return {d.naam: 100.0 * float(rij[d.naam]) for d in OVERLAP}
