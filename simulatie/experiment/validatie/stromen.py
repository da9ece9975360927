"""Flow targets of one run: in- and outflow, outflow to work, long spells, job retention, Wmo.

Computed from a run's ``tijdreeks`` (issue "kernmodel", point 7):
    * annual inflow and outflow, each 18-30% of the bijstand stock
      (``EXT:bijstand_instroom_pct_per_jaar`` 24.1%, ``bijstand_uitstroom_pct_per_jaar`` 23.4%);
    * 30-45% of outflow to work (``EXT:uitstroom_naar_werk_aandeel``: 31-41% in 2012-2023);
    * 25-45% of the stock longer than 5 years at the end (``EXT:bijstand_langer_dan_5_jaar`` 36%);
    * 60-85% of job-finders still in work 18 months later (``EXT:nog_in_baan_na_18_maanden`` 72%);
    * 50-80 Wmo clients per 1,000 inhabitants (``EXT:wmo_clienten_per_1000_inwoners`` 63).
"""

from __future__ import annotations

import pandas as pd

from simulatie.experiment.validatie.doelen import Doel

DOELEN: tuple[Doel, ...] = (
    Doel("instroom_pct_bestand_per_jaar", "Instroom per jaar", "stromen", 18, 30,
         "% van het bestand", "EXT:bijstand_instroom_pct_per_jaar (24.1)", "ja"),
    Doel("uitstroom_pct_bestand_per_jaar", "Uitstroom per jaar", "stromen", 18, 30,
         "% van het bestand", "EXT:bijstand_uitstroom_pct_per_jaar (23.4)", "deels"),
    Doel("uitstroom_naar_werk_pct", "Uitstroom naar werk", "stromen", 30, 45,
         "% van de uitstroom", "EXT:uitstroom_naar_werk_aandeel (36)", "ja"),
    Doel("langer_dan_5_jaar_pct_eind", "Langer dan 5 jaar in de bijstand", "stromen", 25, 45,
         "% van het bestand", "EXT:bijstand_langer_dan_5_jaar (36)", "deels"),
    Doel("nog_in_werk_na_18_maanden_pct", "Na 18 maanden nog aan het werk", "stromen", 60, 85,
         "% van de plaatsingen", "EXT:nog_in_baan_na_18_maanden (72)", "ja"),
    Doel("wmo_clienten_per_1000_gemiddeld", "Wmo-cliënten per 1.000 (gemiddeld)", "stromen", 50,
         80, "per 1.000 inwoners", "EXT:wmo_clienten_per_1000_inwoners (63)", "ja"),
    Doel("wmo_clienten_per_1000_eind", "Wmo-cliënten per 1.000 (eind)", "stromen", 50, 80,
         "per 1.000 inwoners", "EXT:wmo_clienten_per_1000_inwoners (63)", "ja"),
)


def kengetallen(tijdreeks: pd.DataFrame) -> dict[str, float]:
    """The simulated value of each flow target from one run's monthly table.

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
