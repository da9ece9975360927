"""Baseline validation: simulated values against public facts, each with a band.

Targets (issue "kernmodel", point 7), computed from a run's ``tijdreeks``:
    * annual inflow and outflow, each 18-30% of the bijstand stock
      (``EXT:bijstand_instroom_pct_per_jaar`` 24.1%, ``bijstand_uitstroom_pct_per_jaar`` 23.4%);
    * 30-45% of outflow to work (``EXT:uitstroom_naar_werk_aandeel``: 31-41% in 2012-2023);
    * 25-45% of the stock longer than 5 years at the end (``EXT:bijstand_langer_dan_5_jaar`` 36%);
    * 60-85% of job-finders still in work 18 months later (``EXT:nog_in_baan_na_18_maanden`` 72%);
    * 50-80 Wmo clients per 1,000 inhabitants (``EXT:wmo_clienten_per_1000_inwoners`` 63).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Doel:
    """One validation target."""

    doel: str
    ondergrens: float
    bovengrens: float
    bron: str


DOELEN = (
    Doel("instroom_pct_bestand_per_jaar", 18, 30, "EXT:bijstand_instroom_pct_per_jaar (24.1)"),
    Doel("uitstroom_pct_bestand_per_jaar", 18, 30, "EXT:bijstand_uitstroom_pct_per_jaar (23.4)"),
    Doel("uitstroom_naar_werk_pct", 30, 45, "EXT:uitstroom_naar_werk_aandeel (36)"),
    Doel("langer_dan_5_jaar_pct_eind", 25, 45, "EXT:bijstand_langer_dan_5_jaar (36)"),
    Doel("nog_in_werk_na_18_maanden_pct", 60, 85, "EXT:nog_in_baan_na_18_maanden (72)"),
    Doel("wmo_clienten_per_1000_gemiddeld", 50, 80, "EXT:wmo_clienten_per_1000_inwoners (63)"),
    Doel("wmo_clienten_per_1000_eind", 50, 80, "EXT:wmo_clienten_per_1000_inwoners (63)"),
)


def kengetallen(tijdreeks: pd.DataFrame) -> dict[str, float]:
    """The simulated value of each target from one run's monthly table.

    Args:
        tijdreeks: One run's ``tijdreeks`` (months 0..T, T >= 12).

    Returns:
        Target name -> simulated value (percentages in %, Wmo per 1,000).
    """
    ts = tijdreeks.sort_values("maand")
    stappen = ts[ts["maand"] > 0]
    jaar = (stappen["maand"] - 1) // 12
    volle = jaar.value_counts()
    volle = volle[volle == 12].index
    per_jaar = stappen[jaar.isin(volle)].groupby(jaar)[
        ["instroom_bijstand", "uitstroom_bijstand", "uitstroom_naar_werk"]].sum()
    bestand = stappen[jaar.isin(volle)].groupby(jaar)["bijstand"].mean()
    eind = ts.iloc[-1]
    nog = stappen["nog_in_werk_18m"].dropna()
    wmo = 1000 * ts["wmo_clienten"] / ts["inwoners"]
    return {
        "instroom_pct_bestand_per_jaar": float((per_jaar["instroom_bijstand"] / bestand).mean()
                                               * 100),
        "uitstroom_pct_bestand_per_jaar": float((per_jaar["uitstroom_bijstand"] / bestand).mean()
                                                * 100),
        "uitstroom_naar_werk_pct": float(per_jaar["uitstroom_naar_werk"].sum()
                                         / max(per_jaar["uitstroom_bijstand"].sum(), 1) * 100),
        "langer_dan_5_jaar_pct_eind": float(eind["bijstand_langer_dan_5_jaar"]
                                            / max(eind["bijstand"], 1) * 100),
        "nog_in_werk_na_18_maanden_pct": float(nog.mean() * 100) if len(nog) else float("nan"),
        "wmo_clienten_per_1000_gemiddeld": float(wmo.mean()),
        "wmo_clienten_per_1000_eind": float(wmo.iloc[-1]),
    }


def valideer(tijdreeks: pd.DataFrame) -> pd.DataFrame:
    """Validation table: ``doel``, ``ondergrens``, ``bovengrens``, ``gesimuleerd``, ``geslaagd``.

    With several replications (``seed`` column) the simulated value is the mean over seeds.
    """
    per_seed = [kengetallen(df) for _, df in tijdreeks.groupby("seed")] if "seed" in tijdreeks \
        else [kengetallen(tijdreeks)]
    rijen = []
    for d in DOELEN:
        waarde = float(np.nanmean([k[d.doel] for k in per_seed]))
        rijen.append({"doel": d.doel, "ondergrens": d.ondergrens, "bovengrens": d.bovengrens,
                      "gesimuleerd": round(waarde, 2),
                      "geslaagd": bool(d.ondergrens <= waarde <= d.bovengrens),
                      "bron": d.bron})
    return pd.DataFrame(rijen)
