"""Tables and summaries of a policy comparison, computed from the stacked time series.

Main functions: :func:`vergelijkingstabel` (per variant, year and indicator: mean and interval
over replications, and the seed-paired difference with the basis), :func:`tabel_markdown` (the
same as readable tables) and :func:`samenvattingen` (the Dutch paragraph per variant). Each
takes the ``tijdreeks`` table of a comparison: every month of every run, with the columns
``variant`` and ``seed``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulatie.experiment.samenvatting import INDICATOREN, indicatoren, interval, samenvat

#: Years at which the comparison table is made (unless the comparison file says otherwise).
JAREN = (1, 5, 10)
#: Columns of :func:`vergelijkingstabel`.
KOLOMMEN = ("variant", "jaar", "indicator", "label", "eenheid", "gemiddelde", "laag", "hoog", "n",
            "verschil", "verschil_laag", "verschil_hoog")


def vergelijkingstabel(tijdreeks: pd.DataFrame, jaren: tuple[int, ...] = JAREN,
                       basis: str = "basis", niveau: float = 0.90) -> pd.DataFrame:
    """Per variant, year and indicator: mean and interval, and the paired difference.

    Args:
        tijdreeks: Every month of every run (columns ``variant`` and ``seed``).
        jaren: Years to evaluate (skipped when beyond the horizon).
        basis: Name of the baseline variant.
        niveau: Interval level.

    Returns:
        Long table with the columns :data:`KOLOMMEN` (no rows when every year lies beyond the
        horizon).
    """
    horizon = int(tijdreeks["maand"].max())
    rijen = []
    b_ts = tijdreeks[tijdreeks["variant"] == basis]
    for jaar in jaren:
        maand = 12 * jaar
        if maand > horizon:
            continue
        b = indicatoren(b_ts, maand) if len(b_ts) else None
        for vnaam, ts in tijdreeks.groupby("variant", sort=False):
            v = indicatoren(ts, maand)
            gedeeld = v.index.intersection(b.index) if b is not None else v.index[:0]
            for ind in INDICATOREN:
                laag, hoog = interval(v[ind.naam], niveau)
                rij = {"variant": vnaam, "jaar": jaar, "indicator": ind.naam,
                       "label": ind.label, "eenheid": ind.eenheid,
                       "gemiddelde": float(v[ind.naam].mean()), "laag": laag, "hoog": hoog,
                       "n": len(v)}
                if len(gedeeld):
                    d = v.loc[gedeeld, ind.naam] - b.loc[gedeeld, ind.naam]
                    dl, dh = interval(d, niveau)
                    rij.update(verschil=float(d.mean()), verschil_laag=dl, verschil_hoog=dh)
                else:
                    rij.update(verschil=np.nan, verschil_laag=np.nan, verschil_hoog=np.nan)
                rijen.append(rij)
    return pd.DataFrame(rijen, columns=list(KOLOMMEN))


def _fmt(x: float, eenheid: str) -> str:
    if not np.isfinite(x):
        return ""
    if eenheid == "euro":
        return f"{x / 1e6:,.1f} mln"
    if eenheid in ("trede", "procent"):
        return f"{x:,.2f}"
    return f"{x:,.0f}"


def tabel_markdown(tabel: pd.DataFrame, basis: str = "basis") -> str:
    """Readable markdown: one table per variant with each year as columns."""
    if tabel.empty:
        return "Geen van de gevraagde jaren valt binnen de looptijd.\n"
    delen = []
    for vnaam, groep in tabel.groupby("variant", sort=False):
        jaren = sorted(groep["jaar"].unique())
        kop = "| indicator | " + " | ".join(f"jaar {j}" for j in jaren) + " |"
        delen += [f"## {vnaam}", "", "Gemiddelde over replicaties [90%-interval]"
                  + ("" if vnaam == basis else "; verschil met de basis (gepaard op seed) "
                     "[90%-interval]") + ".", "", kop,
                  "|---|" + "---|" * len(jaren)]
        for ind in INDICATOREN:
            cellen = []
            for j in jaren:
                r = groep[(groep["jaar"] == j) & (groep["indicator"] == ind.naam)].iloc[0]
                e = ind.eenheid
                cel = f"{_fmt(r['gemiddelde'], e)} [{_fmt(r['laag'], e)} - {_fmt(r['hoog'], e)}]"
                if vnaam != basis and np.isfinite(r["verschil"]):
                    cel += (f"; Δ {_fmt(r['verschil'], e)} [{_fmt(r['verschil_laag'], e)} - "
                            f"{_fmt(r['verschil_hoog'], e)}]")
                cellen.append(cel)
            delen.append(f"| {ind.label} | " + " | ".join(cellen) + " |")
        delen.append("")
    return "\n".join(delen)


def samenvattingen(tijdreeks: pd.DataFrame, basis: str = "basis") -> dict[str, str]:
    """The Dutch summary paragraph of every variant against the basis."""
    b = tijdreeks[tijdreeks["variant"] == basis]
    return {vnaam: samenvat(vnaam, b, ts)
            for vnaam, ts in tijdreeks.groupby("variant", sort=False) if vnaam != basis}
