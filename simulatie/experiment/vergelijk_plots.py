"""Plots of a policy comparison, each written with the CSV of exactly the data it shows.

Main functions: :func:`ladder` (bijstand clients per trede over time, one panel per variant),
:func:`kosten` (cumulative cost per budget line, and the seed-paired difference with the basis
with 90% intervals) and :func:`afweging` (difference in total cost against difference in
participation, with 90% intervals).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from simulatie.experiment.plots import KLEUREN, KOSTEN_NAMEN, TREDE_NAMEN, bewaar  # noqa: E402
from simulatie.experiment.samenvatting import indicatoren, interval  # noqa: E402


def ladder(tijdreeks: pd.DataFrame, pad: Path) -> list[Path]:
    """Bijstand clients per trede (mean over replications), one stacked panel per variant."""
    kolommen = [f"bijstand_trede_{i}" for i in range(1, 7)]
    gem = tijdreeks.groupby(["variant", "maand"], sort=False)[kolommen].mean().reset_index()
    varianten = list(dict.fromkeys(tijdreeks["variant"]))
    n = len(varianten)
    breed = min(n, 3)
    hoog = int(np.ceil(n / breed))
    fig, assen = plt.subplots(hoog, breed, figsize=(4.2 * breed, 3.4 * hoog), sharex=True,
                              sharey=True, squeeze=False)
    for as_, vnaam in zip(assen.flat, varianten, strict=False):
        g = gem[gem["variant"] == vnaam]
        as_.stackplot(g["maand"] / 12, *(g[k] for k in kolommen), colors=KLEUREN,
                      labels=[TREDE_NAMEN[i] for i in range(1, 7)])
        as_.set_title(vnaam)
        as_.set_xlabel("jaar")
    for as_ in list(assen.flat)[n:]:
        as_.axis("off")
    assen[0][0].set_ylabel("bijstandsgerechtigden")
    assen[0][-1].legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="trede")
    fig.suptitle("Participatieladder van bijstandsgerechtigden per variant "
                 "(gemiddelde over replicaties)")
    return bewaar(fig, gem, pad)


def _paren(tijdreeks: pd.DataFrame, basis: str = "basis") -> tuple[dict, pd.DataFrame]:
    maand = int(tijdreeks["maand"].max())
    per = {v: indicatoren(ts, maand) for v, ts in tijdreeks.groupby("variant", sort=False)}
    return per, per[basis]


def kosten(tijdreeks: pd.DataFrame, pad: Path, basis: str = "basis") -> list[Path]:
    """Cumulative cost per line at the horizon: levels (left) and paired differences (right)."""
    per, b = _paren(tijdreeks, basis)
    posten = list(KOSTEN_NAMEN)
    rijen = []
    for vnaam, v in per.items():
        gedeeld = v.index.intersection(b.index)
        for post in [*posten, "kosten_totaal"]:
            k = f"{post}_cum"
            d = v.loc[gedeeld, k] - b.loc[gedeeld, k]
            laag, hoog = interval(d)
            rijen.append({"variant": vnaam, "post": post, "gemiddelde_mln": v[k].mean() / 1e6,
                          "verschil_mln": d.mean() / 1e6, "verschil_laag_mln": laag / 1e6,
                          "verschil_hoog_mln": hoog / 1e6})
    data = pd.DataFrame(rijen)
    varianten = list(per)
    fig, (links, rechts) = plt.subplots(1, 2, figsize=(13, 4.8))
    onder = np.zeros(len(varianten))
    for i, post in enumerate(posten):
        waarden = np.array([data[(data.variant == v) & (data.post == post)]["gemiddelde_mln"]
                            .iloc[0] for v in varianten])
        links.bar(varianten, waarden, bottom=onder, label=KOSTEN_NAMEN[post],
                  color=plt.cm.tab10(i))
        onder += waarden
    links.set_ylabel("mln euro (cumulatief)")
    links.set_title("Kosten per post over de looptijd")
    links.tick_params(axis="x", rotation=30)
    links.legend(fontsize=8)
    anders = [v for v in varianten if v != basis]
    breedte = 0.8 / (len(posten) + 1)
    x = np.arange(len(anders))
    for i, post in enumerate([*posten, "kosten_totaal"]):
        sel = data[(data.post == post) & (data.variant.isin(anders))].set_index("variant")
        sel = sel.loc[anders]
        fout = np.vstack([sel["verschil_mln"] - sel["verschil_laag_mln"],
                          sel["verschil_hoog_mln"] - sel["verschil_mln"]])
        rechts.bar(x + i * breedte, sel["verschil_mln"], breedte, yerr=fout, capsize=2,
                   label=KOSTEN_NAMEN.get(post, "totaal"),
                   color=plt.cm.tab10(i) if post != "kosten_totaal" else "black")
    rechts.axhline(0, color="grey", lw=0.8)
    rechts.set_xticks(x + breedte * len(posten) / 2, anders, rotation=30)
    rechts.set_ylabel("mln euro t.o.v. de basis")
    rechts.set_title("Verschil met de basis (gepaard op seed, 90%-interval)")
    return bewaar(fig, data, pad)


def afweging(tijdreeks: pd.DataFrame, pad: Path, basis: str = "basis") -> list[Path]:
    """Trade-off: difference in total cost against difference in participation (90% bars)."""
    per, b = _paren(tijdreeks, basis)
    rijen = []
    for vnaam, v in per.items():
        gedeeld = v.index.intersection(b.index)
        dk = (v.loc[gedeeld, "kosten_totaal_cum"] - b.loc[gedeeld, "kosten_totaal_cum"]) / 1e6
        dp = v.loc[gedeeld, "gemiddelde_trede"] - b.loc[gedeeld, "gemiddelde_trede"]
        dbij = v.loc[gedeeld, "gemiddelde_trede_bijstand"] - b.loc[gedeeld,
                                                                   "gemiddelde_trede_bijstand"]
        (kl, kh), (pl, ph), (bl, bh) = interval(dk), interval(dp), interval(dbij)
        rijen.append({"variant": vnaam, "verschil_kosten_mln": dk.mean(), "kosten_laag": kl,
                      "kosten_hoog": kh, "verschil_trede": dp.mean(), "trede_laag": pl,
                      "trede_hoog": ph, "verschil_trede_bijstand": dbij.mean(),
                      "trede_bijstand_laag": bl, "trede_bijstand_hoog": bh})
    data = pd.DataFrame(rijen)
    fig, assen = plt.subplots(1, 2, figsize=(12, 4.8), sharey=True)
    for as_, kol, titel in ((assen[0], "trede", "gemiddelde trede 18 jaar tot AOW"),
                            (assen[1], "trede_bijstand", "gemiddelde trede bijstandsclienten")):
        for i, r in data.iterrows():
            xerr = [[r[f"verschil_{kol}"] - r[f"{kol}_laag"]],
                    [r[f"{kol}_hoog"] - r[f"verschil_{kol}"]]]
            yerr = [[r["verschil_kosten_mln"] - r["kosten_laag"]],
                    [r["kosten_hoog"] - r["verschil_kosten_mln"]]]
            as_.errorbar(r[f"verschil_{kol}"], r["verschil_kosten_mln"], xerr=xerr, yerr=yerr,
                         fmt="o", capsize=3, color=plt.cm.tab10(i % 10), label=r["variant"])
            as_.annotate(r["variant"], (r[f"verschil_{kol}"], r["verschil_kosten_mln"]),
                         textcoords="offset points", xytext=(5, 5), fontsize=8)
        as_.axhline(0, color="grey", lw=0.8)
        as_.axvline(0, color="grey", lw=0.8)
        as_.set_xlabel(f"verschil {titel}")
        as_.set_title(titel)
    assen[0].set_ylabel("verschil totale kosten, mln euro (cumulatief)")
    fig.suptitle("Afweging kosten en participatie t.o.v. de basis (gepaard op seed, "
                 "90%-interval)")
    return bewaar(fig, data, pad)
