"""The teams' results on the trainer's criteria: value, difference with no policy, band, rank.

A criterion is a column of the tijdreeks. Balances and total costs count over the whole run
(summed over months 1..horizon); stocks such as the bijstand stock or trede 1 count at the
horizon. Which way is better comes from the output declarations
(:func:`simulatie.dashboard.indicatoren.beter`). The overall rank is the mean of the ranks per
criterion (ties share the best rank): simple enough to explain to a room.

Main functions: :func:`waarde`, :func:`rangorde`, :func:`plan_tekst`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from simulatie.dashboard.indicatoren import beter, label

#: Criteria summed over the run (euro); the others are read at the horizon.
GESOMD = ("saldo_ideel", "saldo_participatie", "saldo_wmo", "saldo_jeugd", "kosten_totaal",
          "kosten_uitkeringen", "kosten_reintegratie", "kosten_wmo_individueel",
          "kosten_wmo_collectief", "kosten_apparaat", "kosten_jeugd", "uitstroom_naar_werk",
          "instroom_bijstand")


def criterium_label(kolom: str) -> str:
    """Dutch label of a criterion, saying whether it is summed or read at the end."""
    return label(kolom) + (" (over de hele looptijd)" if kolom in GESOMD else " (aan het eind)")


def waarde(tijdreeks: pd.DataFrame, kolom: str, tot: int | None = None) -> float:
    """A criterion of one run: summed over months 1..``tot`` or read at month ``tot``."""
    df = tijdreeks if tot is None else tijdreeks[tijdreeks["maand"] <= tot]
    if kolom in GESOMD:
        return float(df.loc[df["maand"] > 0, kolom].sum())
    return float(df[kolom].iloc[-1])


def band(runs: list[pd.DataFrame], kolom: str, tot: int | None = None) -> tuple[float, float]:
    """Lowest and highest value of a criterion over runs (main run and replications)."""
    w = [waarde(r, kolom, tot) for r in runs]
    return (min(w), max(w)) if w else (float("nan"), float("nan"))


def verschilband(runs: list[pd.DataFrame], referentie: list[pd.DataFrame],
                 kolom: str) -> tuple[float, float, int]:
    """Lowest and highest paired difference (run minus the run without policy, same seed).

    Common random numbers: a team's replication on seed s is compared with the run without
    policy on seed s. Returns (low, high, number of pairs); (nan, nan, 0) without pairs.
    """
    ref = {int(r["seed"].iloc[0]): r for r in referentie if "seed" in r.columns}
    d = [waarde(r, kolom) - waarde(ref[int(r["seed"].iloc[0])], kolom)
         for r in runs if "seed" in r.columns and int(r["seed"].iloc[0]) in ref]
    return (min(d), max(d), len(d)) if d else (float("nan"), float("nan"), 0)


def onzeker(laag: float, hoog: float, n: int) -> bool:
    """Whether a difference is uncertain: fewer than 2 pairs, or the band includes zero."""
    return n < 2 or not (laag > 0 or hoog < 0)


def rangorde(teams: dict[str, list[pd.DataFrame]], criteria: tuple[str, ...] | list[str],
             referentie: list[pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per team: per criterion the value, the difference with no policy and the rank.

    Args:
        teams: Team name -> runs (the main run first, then replications).
        criteria: Columns to rank on.
        referentie: Runs without policy (main run first), for the differences.

    Returns:
        Columns ``team``, ``rang`` (overall), and per criterion ``<k>``, ``<k>_laag``,
        ``<k>_hoog`` (band over the runs), ``<k>_verschil`` (main run minus the main run
        without policy), ``<k>_verschil_laag`` / ``_hoog`` / ``_n`` (paired band of the
        difference, see :func:`verschilband`) and ``<k>_rang``; sorted by ``rang``. Empty
        without teams.
    """
    if not teams:
        return pd.DataFrame(columns=["team", "rang"])
    rijen = []
    for naam, runs in teams.items():
        rij: dict[str, Any] = {"team": naam}
        for k in criteria:
            rij[k] = waarde(runs[0], k)
            rij[f"{k}_laag"], rij[f"{k}_hoog"] = band(runs, k)
            rij[f"{k}_verschil"] = (rij[k] - waarde(referentie[0], k)) if referentie else np.nan
            (rij[f"{k}_verschil_laag"], rij[f"{k}_verschil_hoog"],
             rij[f"{k}_verschil_n"]) = verschilband(runs, referentie or [], k)
        rijen.append(rij)
    df = pd.DataFrame(rijen)
    for k in criteria:
        richting = beter(k)
        if richting is None:
            df[f"{k}_rang"] = np.nan
            continue
        df[f"{k}_rang"] = df[k].rank(ascending=richting == "lager", method="min")
    rangen = df[[f"{k}_rang" for k in criteria]]
    gemiddeld = rangen.mean(axis=1) if rangen.notna().any().any() else pd.Series(0, df.index)
    df["rang"] = gemiddeld.rank(method="min").fillna(1).astype(int)
    return df.sort_values(["rang", "team"]).reset_index(drop=True)


def plan_tekst(plan: tuple[dict[str, dict[str, Any]], ...] | list, starts: tuple[int, ...],
               titels: dict[str, str]) -> list[str]:
    """One Dutch line per round: ``Ronde 2 (vanaf maand 24): Preventie, Work first``."""
    regels = []
    for i, beleid in enumerate(plan):
        namen = ", ".join(titels.get(n, n) for n in beleid) or "geen beleid"
        regels.append(f"Ronde {i + 1} (vanaf maand {starts[i]}): {namen}")
    return regels
