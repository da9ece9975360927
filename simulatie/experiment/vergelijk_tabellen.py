"""Tables and summaries of a policy comparison, computed from the stacked time series.

Main functions: :func:`vergelijkingstabel` (per variant, year and indicator: mean and interval
over replications, the seed-paired difference with the basis, its interval from seed noise
alone and the share of positive differences), :func:`verbreed_tot_seeds` (the interval rule
below), :func:`tabel_markdown` (the same as readable tables) and :func:`samenvattingen` (the
Dutch paragraph per variant). Each takes the ``tijdreeks`` table of a comparison: every month
of every run, with the columns ``variant`` and ``seed``.

The interval rule. With ``--onzekerheid parameters`` a comparison has two sets of runs with the
same seeds: the plausible worlds (seed, ensemble member and policy effect sizes vary) and the
seed-only set (every parameter at the ensemble median, effect sizes at their defaults). The
90% interval of the paired difference over the worlds (``verschil_laag``/``verschil_hoog``)
is not by construction at least as wide as the one over the seed-only set
(``verschil_laag_seeds``/``verschil_hoog_seeds``): the seed noise itself differs between
worlds, and both are empirical 5%/95% quantiles of about twenty draws. So the reported total
interval is their union, ``[min(laag, laag_seeds), max(hoog, hoog_seeds)]`` - conservative: the
median world is one of the plausible worlds, so its seed noise belongs to the total
uncertainty. ``vergelijking.md`` and the manifest say in how many cells the union widened the
interval over the worlds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulatie.experiment.samenvatting import INDICATOREN, indicatoren, interval, samenvat

#: Years at which the comparison table is made (unless the comparison file says otherwise).
JAREN = (1, 5, 10)
#: Columns of :func:`vergelijkingstabel`.
KOLOMMEN = ("variant", "jaar", "indicator", "label", "eenheid", "gemiddelde", "laag", "hoog", "n",
            "verschil", "verschil_laag", "verschil_hoog", "verschil_laag_seeds",
            "verschil_hoog_seeds", "aandeel_positief")


def _paren(tijdreeks: pd.DataFrame, basis: str, maand: int
           ) -> tuple[pd.DataFrame | None, dict[str, pd.DataFrame]]:
    """Indicators at ``maand`` of the basis (None when absent) and of every variant."""
    b_ts = tijdreeks[tijdreeks["variant"] == basis]
    b = indicatoren(b_ts, maand) if len(b_ts) else None
    return b, {v: indicatoren(ts, maand) for v, ts in tijdreeks.groupby("variant", sort=False)}


def _verschil(v: pd.DataFrame | None, b: pd.DataFrame | None, naam: str) -> pd.Series:
    """Paired difference variant - basis over the common seeds (empty without pairs)."""
    if v is None or b is None:
        return pd.Series(dtype=float)
    gedeeld = v.index.intersection(b.index)
    return v.loc[gedeeld, naam] - b.loc[gedeeld, naam]


def vergelijkingstabel(tijdreeks: pd.DataFrame, jaren: tuple[int, ...] = JAREN,
                       basis: str = "basis", niveau: float = 0.90,
                       tijdreeks_seeds: pd.DataFrame | None = None,
                       verbreed: bool = True) -> pd.DataFrame:
    """Per variant, year and indicator: mean and interval, and the paired difference.

    Args:
        tijdreeks: Every month of every run (columns ``variant`` and ``seed``); with
            ``--onzekerheid parameters`` the runs of the plausible worlds.
        jaren: Years to evaluate (skipped when beyond the horizon).
        basis: Name of the baseline variant.
        niveau: Interval level.
        tijdreeks_seeds: The seed-only set (same seeds, parameters fixed), or None when
            ``tijdreeks`` itself varies only the seed (``--onzekerheid seeds``).
        verbreed: Report the total interval as the union with the seed-only one (see the
            module docstring; without a seed-only set the two are the same).

    Returns:
        Long table with the columns :data:`KOLOMMEN` (no rows when every year lies beyond the
        horizon): ``verschil*`` over ``tijdreeks``, ``verschil_*_seeds`` over the seed-only
        set and ``aandeel_positief`` the share of paired differences in ``tijdreeks`` above 0.
    """
    horizon = int(tijdreeks["maand"].max())
    rijen = []
    for jaar in jaren:
        maand = 12 * jaar
        if maand > horizon:
            continue
        b, per = _paren(tijdreeks, basis, maand)
        bs, per_s = (None, {}) if tijdreeks_seeds is None else _paren(tijdreeks_seeds, basis,
                                                                       maand)
        for vnaam, v in per.items():
            vs = per_s.get(vnaam)
            for ind in INDICATOREN:
                laag, hoog = interval(v[ind.naam], niveau)
                rij = {"variant": vnaam, "jaar": jaar, "indicator": ind.naam,
                       "label": ind.label, "eenheid": ind.eenheid,
                       "gemiddelde": float(v[ind.naam].mean()), "laag": laag, "hoog": hoog,
                       "n": len(v)}
                d = _verschil(v, b, ind.naam)
                if len(d):
                    dl, dh = interval(d, niveau)
                    rij.update(verschil=float(d.mean()), verschil_laag=dl, verschil_hoog=dh,
                               aandeel_positief=float((d > 0).mean()))
                else:
                    rij.update(verschil=np.nan, verschil_laag=np.nan, verschil_hoog=np.nan,
                               aandeel_positief=np.nan)
                if tijdreeks_seeds is None:
                    rij.update(verschil_laag_seeds=rij["verschil_laag"],
                               verschil_hoog_seeds=rij["verschil_hoog"])
                else:
                    sl, sh = interval(_verschil(vs, bs, ind.naam), niveau)
                    rij.update(verschil_laag_seeds=sl, verschil_hoog_seeds=sh)
                rijen.append(rij)
    tabel = pd.DataFrame(rijen, columns=list(KOLOMMEN))
    return verbreed_tot_seeds(tabel) if verbreed else tabel


def verbreed_tot_seeds(tabel: pd.DataFrame) -> pd.DataFrame:
    """The total interval as the union with the seed-only one (see the module docstring).

    Args:
        tabel: A :func:`vergelijkingstabel` made with ``verbreed=False``.

    Returns:
        A copy with ``verschil_laag = min(verschil_laag, verschil_laag_seeds)`` and
        ``verschil_hoog = max(verschil_hoog, verschil_hoog_seeds)`` (a missing side is ignored).
    """
    uit = tabel.copy()
    uit["verschil_laag"] = np.fmin(tabel["verschil_laag"], tabel["verschil_laag_seeds"])
    uit["verschil_hoog"] = np.fmax(tabel["verschil_hoog"], tabel["verschil_hoog_seeds"])
    return uit


def verbreed_aantal(ruw: pd.DataFrame, verbreed: pd.DataFrame) -> int:
    """How many rows :func:`verbreed_tot_seeds` widened (the worlds' interval was narrower)."""
    return int(((verbreed["verschil_laag"] < ruw["verschil_laag"])
                | (verbreed["verschil_hoog"] > ruw["verschil_hoog"])).sum())


def _fmt(x: float, eenheid: str) -> str:
    if not np.isfinite(x):
        return ""
    if eenheid == "euro":
        return f"{x / 1e6:,.1f} mln"
    if eenheid in ("trede", "procent"):
        return f"{x:,.2f}"
    return f"{x:,.0f}"


def tabel_markdown(tabel: pd.DataFrame, basis: str = "basis", werelden: bool = False) -> str:
    """Readable markdown: one table per variant with each year as columns.

    Args:
        tabel: A :func:`vergelijkingstabel`.
        basis: Name of the baseline variant.
        werelden: The replications are plausible worlds (``--onzekerheid parameters``): each
            difference also shows the interval from seed noise alone and the share above 0.
    """
    if tabel.empty:
        return "Geen van de gevraagde jaren valt binnen de looptijd.\n"
    delen = []
    for vnaam, groep in tabel.groupby("variant", sort=False):
        jaren = sorted(groep["jaar"].unique())
        kop = "| indicator | " + " | ".join(f"jaar {j}" for j in jaren) + " |"
        uitleg = "; verschil met de basis (gepaard op seed) [90%-interval]"
        if werelden:
            uitleg = ("; verschil met de basis (gepaard op seed en wereld) [90%-interval over "
                      "de werelden en de seeds] (alleen toeval: [90%-interval met parameters op "
                      "de mediaan]; aandeel werelden met een positief verschil)")
        delen += [f"## {vnaam}", "", "Gemiddelde over replicaties [90%-interval]"
                  + ("" if vnaam == basis else uitleg) + ".", "", kop,
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
                    if werelden:
                        cel += (f" (toeval [{_fmt(r['verschil_laag_seeds'], e)} - "
                                f"{_fmt(r['verschil_hoog_seeds'], e)}]; "
                                f"{100 * r['aandeel_positief']:.0f}% > 0)")
                cellen.append(cel)
            delen.append(f"| {ind.label} | " + " | ".join(cellen) + " |")
        delen.append("")
    return "\n".join(delen)


def samenvattingen(tijdreeks: pd.DataFrame, basis: str = "basis",
                   tijdreeks_seeds: pd.DataFrame | None = None,
                   midden: str = "de mediaan van het ensemble") -> dict[str, str]:
    """The Dutch summary paragraph of every variant against the basis.

    Args:
        tijdreeks: Every month of every run (plausible worlds, or seeds only).
        basis: Name of the baseline variant.
        tijdreeks_seeds: The seed-only set of ``--onzekerheid parameters`` (the paragraphs'
            intervals are then the union, as in :func:`vergelijkingstabel`), or None.
        midden: Where the seed-only set's parameters stand, in Dutch (``samenvat``).
    """
    b = tijdreeks[tijdreeks["variant"] == basis]
    if tijdreeks_seeds is None:
        return {vnaam: samenvat(vnaam, b, ts)
                for vnaam, ts in tijdreeks.groupby("variant", sort=False) if vnaam != basis}
    bs = tijdreeks_seeds[tijdreeks_seeds["variant"] == basis]
    return {vnaam: samenvat(vnaam, b, ts,
                            seeds=(bs, tijdreeks_seeds[tijdreeks_seeds["variant"] == vnaam]),
                            midden=midden)
            for vnaam, ts in tijdreeks.groupby("variant", sort=False) if vnaam != basis}
