"""Plots of one run, each written with the CSV of exactly the data it shows.

Main functions: :func:`ladder` (participatieladder of residents 18 to pension age, stacked, and
of bijstand clients) and :func:`kosten` (monthly cost per budget line, stacked).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

TREDE_NAMEN = {1: "1 geïsoleerd", 2: "2 sociale contacten", 3: "3 georganiseerde activiteiten",
               4: "4 onbetaald werk", 5: "5 betaald werk met ondersteuning", 6: "6 betaald werk"}
KOSTEN_NAMEN = {"kosten_uitkeringen": "uitkeringen (I-deel)",
                "kosten_reintegratie": "re-integratie (participatiebudget)",
                "kosten_wmo_individueel": "Wmo individueel", "kosten_wmo_collectief":
                "Wmo collectief", "kosten_apparaat": "apparaat (uitvoering)",
                "kosten_jeugd": "jeugdhulp (Jeugdwet)"}
KLEUREN = ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"]


def bewaar(fig: plt.Figure, data: pd.DataFrame, pad: Path) -> list[Path]:
    """Save a figure as PNG and exactly the data it shows as CSV beside it; close the figure.

    Returns:
        The PNG and CSV paths.
    """
    fig.savefig(pad, dpi=110, bbox_inches="tight")
    plt.close(fig)
    csv = pad.with_suffix(".csv")
    data.to_csv(csv, index=False)
    return [pad, csv]


def markeer_rondes(as_: plt.Axes, rondes: Sequence[int]) -> None:
    """A dashed line at the end of each round's start month (its policies act after it)."""
    for i, start in enumerate(rondes, start=2):
        as_.axvline(start / 12, color="#444444", lw=0.8, ls="--")
        as_.annotate(f"ronde {i}", (start / 12, 1.0), xycoords=("data", "axes fraction"),
                     xytext=(2, -10), textcoords="offset points", fontsize=7, color="#444444")


def ladder(tijdreeks: pd.DataFrame, pad: Path, rondes: Sequence[int] = ()) -> list[Path]:
    """Stacked ladder over time: all residents 18-AOW (left) and bijstand clients (right).

    ``rondes``: the months a new round of policies begins after (marked).
    """
    jaar = tijdreeks["maand"] / 12
    fig, assen = plt.subplots(1, 2, figsize=(12, 4.5), sharex=True)
    data = {"maand": tijdreeks["maand"]}
    for as_, prefix, titel in ((assen[0], "trede_", "Inwoners 18 jaar tot AOW-leeftijd"),
                               (assen[1], "bijstand_trede_", "Bijstandsgerechtigden")):
        kolommen = [f"{prefix}{i}" for i in range(1, 7)]
        as_.stackplot(jaar, *(tijdreeks[k] for k in kolommen), colors=KLEUREN,
                      labels=[TREDE_NAMEN[i] for i in range(1, 7)])
        as_.set_title(titel)
        as_.set_xlabel("jaar")
        as_.set_ylabel("personen")
        markeer_rondes(as_, rondes)
        data.update({k: tijdreeks[k] for k in kolommen})
    assen[1].legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="trede")
    fig.suptitle(f"Participatieladder - {tijdreeks['scenario'].iloc[0]} "
                 f"(seed {tijdreeks['seed'].iloc[0]})")
    return bewaar(fig, pd.DataFrame(data), pad)


def kosten(tijdreeks: pd.DataFrame, pad: Path, rondes: Sequence[int] = ()) -> list[Path]:
    """Monthly costs per budget line (stacked, million euro) and total.

    ``rondes``: the months a new round of policies begins after (marked).
    """
    jaar = tijdreeks["maand"] / 12
    fig, as_ = plt.subplots(figsize=(9, 4.5))
    kolommen = list(KOSTEN_NAMEN)
    as_.stackplot(jaar, *(tijdreeks[k] / 1e6 for k in kolommen),
                  labels=list(KOSTEN_NAMEN.values()),
                  colors=["#4575b4", "#91bfdb", "#fee090", "#fc8d59", "#999999", "#1a9850"])
    as_.plot(jaar, tijdreeks["kosten_totaal"] / 1e6, color="black", lw=1, label="totaal")
    as_.set_xlabel("jaar")
    as_.set_ylabel("mln euro per maand")
    as_.set_title(f"Kosten per begrotingspost - {tijdreeks['scenario'].iloc[0]}")
    markeer_rondes(as_, rondes)
    as_.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    data = tijdreeks[["maand", *kolommen, "kosten_totaal"]]
    return bewaar(fig, data, pad)
