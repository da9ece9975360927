"""Write the validation: a CSV of every verdict, a Markdown report, and one plot per target.

Each plot shows, per municipality (and moment), the value of every seed as a dot, the mean with
its 90% interval, and the band as a grey area, so the seed spread can be judged against the
band (see ``docs/validatie.md``).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from simulatie.experiment.plots import bewaar  # noqa: E402

GROEPEN = {"stromen": "Stromen in de basis (10 jaar)",
           "stationair": "Stationaire basis: verandering na 10 jaar zonder beleid",
           "overlap": "Overlap tussen de regelingen en belemmeringen (maand 0 en maand 120)",
           "beleid": "Grootte van de beleidseffecten na 10 jaar (gepaarde seeds)"}


def schrijf_csv(tabel: pd.DataFrame, pad: Path) -> Path:
    """All rows, with the per-seed values as a JSON list."""
    uit = tabel.copy()
    uit["waarden"] = uit["waarden"].map(json.dumps)
    uit.to_csv(pad, index=False)
    return pad


def _getal(x: float) -> str:
    if math.isnan(x):
        return "-"
    return f"{x:.3f}" if abs(x) < 1 else f"{x:.1f}"


def _oordeel(r: object) -> str:
    if not getattr(r, "beoordeeld", True):
        return "niet beoordeeld (alleen voor de presets)"
    return f"{'geslaagd' if r.geslaagd else '**niet geslaagd**'} ({r.criterium})"


def plot_doel(rijen: pd.DataFrame, pad: Path) -> list[Path]:
    """One target: seeds as dots, mean with 90% interval, the band shaded."""
    eerste = rijen.iloc[0]
    namen = [f"{r.gemeente}\n{r.moment}" if r.moment and not r.moment.startswith("maand 0 ->")
             and r.moment != "jaar 10" else r.gemeente for r in rijen.itertuples()]
    fig, as_ = plt.subplots(figsize=(max(5.0, 1.3 * len(rijen) + 1.5), 3.6))
    onder = eerste.ondergrens if not math.isinf(eerste.ondergrens) else None
    boven = eerste.bovengrens if not math.isinf(eerste.bovengrens) else None
    alle = [v for w in rijen["waarden"] for v in w] + [x for x in (onder, boven) if x is not None]
    marge = (max(alle) - min(alle)) * 0.15 + 1e-9 if alle else 1.0
    as_.axhspan(onder if onder is not None else min(alle) - marge,
                boven if boven is not None else max(alle) + marge, color="0.88",
                label=f"band ({eerste.band})")
    data = []
    for i, r in enumerate(rijen.itertuples()):
        as_.scatter([i] * len(r.waarden), r.waarden, s=14, color="#67a9cf", zorder=3,
                    label="seeds" if i == 0 else None)
        kleur = ("0.5" if not getattr(r, "beoordeeld", True)
                 else "#1a9850" if r.geslaagd else "#d73027")
        fout = 0.0 if math.isnan(r.ci90_hoog) else r.ci90_hoog - r.gemiddelde
        as_.errorbar([i + 0.18], [r.gemiddelde], yerr=[[fout], [fout]], fmt="D", color=kleur,
                     capsize=4, zorder=4, label="gemiddelde (90%)" if i == 0 else None)
        data += [{"gemeente": r.gemeente, "moment": r.moment, "seed": s + 1, "waarde": v}
                 for s, v in enumerate(r.waarden)]
    as_.set_xticks(range(len(rijen)), namen, fontsize=8)
    as_.set_ylabel(eerste.eenheid)
    as_.set_title(eerste.label)
    as_.legend(fontsize=7, loc="best")
    return bewaar(fig, pd.DataFrame(data), pad)


def schrijf_markdown(tabel: pd.DataFrame, pad: Path, plotmap: Path | None = None,
                     opdracht: str = "simulatie valideer") -> Path:
    """The report: summary, a table per group, a plot per target (when ``plotmap`` is given).

    Args:
        tabel: Rows from :mod:`.valideren`.
        pad: Markdown file to write.
        plotmap: Folder for the plots (created); links are relative to ``pad``.
        opdracht: The command that produced it, for the reader.
    """
    beoordeeld = tabel[tabel["beoordeeld"]] if "beoordeeld" in tabel else tabel
    geslaagd = int(beoordeeld["geslaagd"].sum())
    extra = len(tabel) - len(beoordeeld)
    regels = ["# Validatie", "",
              f"Gemaakt met `{opdracht}`. {geslaagd} van de {len(beoordeeld)} toetsen geslaagd"
              + (f" ({extra} waarden alleen gerapporteerd)." if extra else "."),
              "", "Per doel: het gemiddelde over de seeds met zijn 90%-interval, de spreiding "
              "(min-max) en het oordeel. `gemiddelde`: het gemiddelde ligt in de band; "
              "`interval`: het hele 90%-interval ligt erbinnen (een richting die boven de ruis "
              "uit moet komen). Afgestemd: `ja` = een standaardparameter is op dit doel "
              "gekalibreerd, `deels` = het doel is bekeken bij het kiezen van standaarden, "
              "`nee` = nooit gebruikt (een echte toets).", ""]
    for groep, titel in GROEPEN.items():
        deel = tabel[tabel["groep"] == groep]
        if deel.empty:
            continue
        regels += [f"## {titel}", "",
                   "| Gemeente | Moment | Doel | Band | Gesimuleerd (90%) | Min-max | Seeds | "
                   "Oordeel | Afgestemd | Bron |",
                   "|---|---|---|---|---|---|---|---|---|---|"]
        for r in deel.itertuples():
            regels.append(
                f"| {r.gemeente} | {r.moment} | {r.label} | {r.band} {r.eenheid} | "
                f"{_getal(r.gemiddelde)} [{_getal(r.ci90_laag)}, {_getal(r.ci90_hoog)}] | "
                f"{_getal(r.min)} - {_getal(r.max)} | {r.seeds} | "
                f"{_oordeel(r)} | "
                f"{r.afgestemd} | {r.bron} |")
        regels.append("")
        if plotmap is not None:
            plotmap.mkdir(parents=True, exist_ok=True)
            for doel, rijen in deel.groupby("doel", sort=False):
                png = plotmap / f"{groep}_{doel}.png"
                plot_doel(rijen.reset_index(drop=True), png)
                regels += [f"![{rijen.iloc[0].label}]({png.relative_to(pad.parent)})", ""]
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad
