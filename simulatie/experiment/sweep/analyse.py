"""Analysis of a stored sweep: sensitivity, outcome distributions, robustness, scenario discovery.

Main objects:
    * :func:`analyseer` - read a sweep folder (DuckDB over the Parquet parts) and write tables
      (CSV) and plots (PNG, each with the CSV it draws) into ``DIR/analyse``.
    * :func:`sobol_indices` - SALib Sobol indices of one outcome over a Sobol (Saltelli) design.
    * :func:`morris_indices` - SALib Morris elementary-effect statistics over a Morris design.
    * :func:`spijt` - regret of each lever setting against the best setting per scenario.

Tables written:
    * ``verdeling.csv`` - per lever setting and outcome: quantiles over uncertainties and seeds.
    * ``robuustheid.csv`` - per lever setting and outcome: mean, regret (mean, p90, max) and the
      share of scenarios that meet the threshold. A *scenario* is a design point with a seed;
      all lever settings share it (common random numbers), so regret compares like with like.
    * ``gevoeligheid.csv`` - Sobol S1/ST (sobol design) or Morris mu*/sigma (morris design) per
      lever setting, outcome and uncertainty; for grid and LHS designs Spearman rank
      correlations (a screening, not a variance decomposition).
    * ``ontdekking.csv`` (+ ``ontdekking_traject.csv``) - PRIM boxes (EMA Workbench) per lever
      setting and outcome with a ``drempel`` (see :mod:`simulatie.experiment.sweep.ontdekking`).
    * ``tijdreeksen.csv`` - per lever setting and month: 5/50/95% of the stored series.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from simulatie.experiment.mappen import Aanmaak, controleer_leeg
from simulatie.experiment.sweep.declaratie import (
    VARIANT,
    Ontwerp,
    Onzekerheid,
    SweepDeclaratie,
    Uitkomst,
)
from simulatie.experiment.sweep.ontdekking import prim
from simulatie.experiment.sweep.ontwerp import eenheidsontwerp, salib_probleem
from simulatie.kern.fouten import toon_naam
from simulatie.kern.scenario import ScenarioFout

#: At most this many stored series are drawn in tijdreeksen.png (more: the outcome columns).
MAX_PANELEN = 8


def sobol_indices(onzekerheden: Sequence[Onzekerheid], ontwerp: Ontwerp, y: np.ndarray
                  ) -> pd.DataFrame:
    """Sobol first-order and total indices (SALib) of one outcome.

    Args:
        onzekerheden: The uncertainties in design order.
        ontwerp: The (sobol) design settings.
        y: Outcome per design point, in design order.

    Returns:
        One row per uncertainty: ``parameter``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``.
    """
    from SALib.analyze import sobol

    res = sobol.analyze(salib_probleem(onzekerheden), np.asarray(y, dtype=float),
                        calc_second_order=ontwerp.tweede_orde, seed=ontwerp.seed)
    return pd.DataFrame({"parameter": [o.pad for o in onzekerheden], "S1": res["S1"],
                         "S1_conf": res["S1_conf"], "ST": res["ST"], "ST_conf": res["ST_conf"]})


def morris_indices(onzekerheden: Sequence[Onzekerheid], ontwerp: Ontwerp, y: np.ndarray
                   ) -> pd.DataFrame:
    """Morris elementary-effect statistics (SALib), per unit of each uncertainty's range.

    Args:
        onzekerheden: The uncertainties in design order.
        ontwerp: The (morris) design settings.
        y: Outcome per design point, in design order.

    Returns:
        One row per uncertainty: ``parameter``, ``mu``, ``mu_star``, ``sigma``,
        ``mu_star_conf``.
    """
    from SALib.analyze import morris

    x = eenheidsontwerp(ontwerp, onzekerheden)
    res = morris.analyze(salib_probleem(onzekerheden), x, np.asarray(y, dtype=float),
                         num_levels=ontwerp.niveaus, seed=ontwerp.seed)
    return pd.DataFrame({"parameter": [o.pad for o in onzekerheden], "mu": res["mu"],
                         "mu_star": res["mu_star"], "sigma": res["sigma"],
                         "mu_star_conf": res["mu_star_conf"]})


def spijt(runs: pd.DataFrame, uitkomst: Uitkomst) -> pd.DataFrame:
    """Regret of each lever setting against the best setting in the same scenario.

    Args:
        runs: Successful runs with ``punt``, ``replicatie``, ``hefboom_index`` and the outcome.
        uitkomst: The outcome (its ``richting`` says whether lower or higher is better).

    Returns:
        ``punt``, ``replicatie``, ``hefboom_index``, ``waarde`` and ``spijt`` (>= 0) for the
        scenarios in which every lever setting finished.
    """
    tabel = runs.pivot_table(index=["punt", "replicatie"], columns="hefboom_index",
                             values=uitkomst.naam, aggfunc="first").dropna()
    beste = tabel.min(axis=1) if uitkomst.richting == "min" else tabel.max(axis=1)
    verschil = tabel.sub(beste, axis=0).abs()
    lang = tabel.stack().rename("waarde").to_frame()
    lang["spijt"] = verschil.stack()
    return lang.reset_index()


def _lees(map_: Path) -> tuple[SweepDeclaratie, pd.DataFrame, pd.DataFrame | None]:
    import duckdb

    naam = toon_naam(str(map_))
    manifest_pad = map_ / "manifest.json"
    try:
        if not manifest_pad.is_file():
            raise ScenarioFout(f"{naam}: no manifest.json; not a sweep folder")
        manifest = json.loads(manifest_pad.read_text("utf-8"))
        d = SweepDeclaratie.model_validate(manifest["declaratie"])
    except (OSError, ValueError, KeyError, TypeError):  # ValidationError is a ValueError
        raise ScenarioFout(f"{naam}: manifest.json is not the manifest of a sweep") from None
    if not any((map_ / "runs").glob("part-*.parquet")):
        raise ScenarioFout(f"{naam}: no finished runs yet")
    con = duckdb.connect()
    runs = con.execute("SELECT * FROM read_parquet(?, union_by_name = true) ORDER BY run_id",
                       [sorted(str(p) for p in (map_ / "runs").glob("part-*.parquet"))]).df()
    reeksen = None
    delen = sorted(str(p) for p in (map_ / "reeksen").glob("part-*.parquet"))
    if delen:
        reeksen = con.execute("SELECT * FROM read_parquet(?, union_by_name = true)",
                              [delen]).df()
    return d, runs, reeksen


def _controleer_uit(uit: Path, d: SweepDeclaratie) -> None:
    """Refuse an output folder that is a file or holds anything but an analysis of this sweep.

    An earlier analysis of the same sweep (its ``analyse.json`` names the sweep's fingerprint)
    is replaced; any other content is never overwritten.
    """
    merk = uit / "analyse.json"
    try:
        eigen = (merk.is_file()
                 and json.loads(merk.read_text("utf-8")).get("vingerafdruk") == d.vingerafdruk())
    except (OSError, ValueError, AttributeError):
        eigen = False
    if not eigen:
        controleer_leeg(uit)


def _figuur(uit: Path, naam: str, data: pd.DataFrame, teken) -> list[Path]:
    """Write ``naam.csv`` and the plot ``naam.png`` drawn by ``teken(fig, data)``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    csv = uit / f"{naam}.csv"
    data.to_csv(csv, index=False)
    fig = plt.figure(figsize=(10, 6))
    teken(fig, data)
    fig.tight_layout(rect=(0, 0.06 if fig.legends else 0, 1, 1))
    png = uit / f"{naam}.png"
    fig.savefig(png, dpi=100)
    plt.close(fig)
    return [csv, png]


def _label(d: SweepDeclaratie, runs: pd.DataFrame) -> pd.Series:
    """Readable label per lever setting, e.g. ``work_first, caseload_regulier=70``."""
    combis = d.hefboom_combinaties()
    labels = {}
    for i, c in enumerate(combis):
        delen = [str(c[VARIANT])] if VARIANT in c else []
        delen += [f"{h.kort}={c[h.pad]}" for h in d.hefboom]
        labels[i] = ", ".join(delen) or "basis"
    return runs["hefboom_index"].map(labels)


def _verdeling(d: SweepDeclaratie, ok: pd.DataFrame) -> pd.DataFrame:
    rijen = []
    for (h, label), groep in ok.groupby(["hefboom_index", "beleid"]):
        for u in d.uitkomst:
            w = groep[u.naam].dropna()
            q = w.quantile([0.05, 0.25, 0.5, 0.75, 0.95]).to_numpy() if len(w) else [np.nan] * 5
            rijen.append({"hefboom_index": h, "beleid": label, "uitkomst": u.naam, "n": len(w),
                          "gemiddelde": w.mean(), "sd": w.std(), "min": w.min(), "p5": q[0],
                          "p25": q[1], "mediaan": q[2], "p75": q[3], "p95": q[4],
                          "max": w.max()})
    return pd.DataFrame(rijen)


def _robuustheid(d: SweepDeclaratie, ok: pd.DataFrame) -> pd.DataFrame:
    rijen = []
    labels = ok.drop_duplicates("hefboom_index").set_index("hefboom_index")["beleid"]
    for u in d.uitkomst:
        s = spijt(ok, u)
        for h, groep in s.groupby("hefboom_index"):
            rij = {"hefboom_index": h, "beleid": labels[h], "uitkomst": u.naam,
                   "richting": u.richting, "scenarios": len(groep),
                   "gemiddelde": groep["waarde"].mean(),
                   "spijt_gemiddeld": groep["spijt"].mean(),
                   "spijt_p90": groep["spijt"].quantile(0.9), "spijt_max": groep["spijt"].max(),
                   "aandeel_beste": float((groep["spijt"] == 0).mean())}
            if u.drempel is not None:
                voldoet = (groep["waarde"] <= u.drempel if u.richting == "min"
                           else groep["waarde"] >= u.drempel)
                rij["drempel"] = u.drempel
                rij["aandeel_voldoet"] = float(voldoet.mean())
            rijen.append(rij)
    return pd.DataFrame(rijen)


def _gevoeligheid(d: SweepDeclaratie, ok: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Sensitivity per lever setting and outcome; also notes on what was skipped."""
    notities: list[str] = []
    if not d.onzekerheid:
        return pd.DataFrame(), ["no uncertainties: no sensitivity analysis"]
    punten = len(eenheidsontwerp(d.ontwerp, d.onzekerheid))
    delen = []
    for h, groep in ok.groupby("hefboom_index"):
        gemiddeld = groep.groupby("punt")[[u.naam for u in d.uitkomst]].mean()
        for u in d.uitkomst:
            y = gemiddeld[u.naam].reindex(range(punten))
            if d.ontwerp.methode in ("sobol", "morris"):
                if y.isna().any():
                    notities.append(f"hefboom {h}, {u.naam}: {int(y.isna().sum())} of {punten} "
                                    f"design points missing or NaN; {d.ontwerp.methode} skipped")
                    continue
                functie = sobol_indices if d.ontwerp.methode == "sobol" else morris_indices
                tabel = functie(d.onzekerheid, d.ontwerp, y.to_numpy())
            else:
                x = groep[[o.pad for o in d.onzekerheid]]
                rho = [x[o.pad].corr(groep[u.naam], method="spearman") for o in d.onzekerheid]
                tabel = pd.DataFrame({"parameter": [o.pad for o in d.onzekerheid],
                                      "spearman": rho})
            tabel.insert(0, "uitkomst", u.naam)
            tabel.insert(0, "hefboom_index", h)
            delen.append(tabel)
    return (pd.concat(delen, ignore_index=True) if delen else pd.DataFrame()), notities


def _ontdekking(d: SweepDeclaratie, ok: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    boxen, trajecten = [], []
    kolommen = [o.pad for o in d.onzekerheid]
    for u in (u for u in d.uitkomst if u.drempel is not None):
        for h, groep in ok.groupby("hefboom_index"):
            groep = groep.dropna(subset=[u.naam])
            faalt = (groep[u.naam] > u.drempel if u.richting == "min"
                     else groep[u.naam] < u.drempel).to_numpy()
            basis = {"hefboom_index": h, "beleid": groep["beleid"].iloc[0], "uitkomst": u.naam,
                     "drempel": u.drempel, "runs": len(groep), "falen": int(faalt.sum())}
            if not kolommen or faalt.sum() < 3 or faalt.all():
                boxen.append({**basis, "opmerking": "too few failures, or all fail: no box"})
                continue
            traject, box, maten = prim(groep[kolommen], faalt)
            trajecten.append(traject.assign(hefboom_index=h, uitkomst=u.naam))
            for pad in kolommen:
                if pad in box:
                    boxen.append({**basis, "parameter": pad, "laag": box[pad][0],
                                  "hoog": box[pad][1], "massa": maten["massa"],
                                  "dekking": maten["dekking"], "dichtheid": maten["dichtheid"],
                                  "opmerking": ""})
            if not box:
                boxen.append({**basis, "opmerking": "no restriction improves on the base rate"})
    return pd.DataFrame(boxen), (pd.concat(trajecten, ignore_index=True) if trajecten
                                 else pd.DataFrame())


def analyseer(map_: str | Path, uit: str | Path | None = None) -> list[Path]:
    """Analyse a sweep folder and write tables and plots.

    Args:
        map_: The output folder of ``simulatie sweep``.
        uit: Where to write (default ``map_/analyse``).

    Returns:
        Paths of the files written.

    Raises:
        ScenarioFout: When the folder is not a sweep folder or has no finished runs, or ``uit``
            is a file or holds anything but an earlier analysis of this sweep (checked before
            anything is written; a failed analysis removes what it created).
    """
    map_ = Path(map_)
    uit = Path(uit) if uit else map_ / "analyse"
    d, runs, reeksen = _lees(map_)
    _controleer_uit(uit, d)
    with Aanmaak(uit):
        return _analyseer(d, runs, reeksen, uit)


def _analyseer(d: SweepDeclaratie, runs: pd.DataFrame, reeksen: pd.DataFrame | None,
               uit: Path) -> list[Path]:
    """:func:`analyseer` once the sweep is read and ``uit`` exists."""
    runs["beleid"] = _label(d, runs)
    ok = runs[runs["status"] == "ok"].copy()
    geschreven: list[Path] = []
    namen = [u.naam for u in d.uitkomst]
    labels = ok.drop_duplicates("hefboom_index").set_index("hefboom_index")["beleid"]
    kort = {o.pad: o.kort for o in d.onzekerheid}

    def boxplot(fig, data):
        for i, naam in enumerate(namen):
            ax = fig.add_subplot(int(np.ceil(len(namen) / 3)), min(3, len(namen)), i + 1)
            deel = data[data["uitkomst"] == naam]
            ax.bxp([{"med": r.mediaan, "q1": r.p25, "q3": r.p75, "whislo": r.p5,
                     "whishi": r.p95, "label": str(r.hefboom_index)} for r in deel.itertuples()],
                   showfliers=False)
            ax.set_title(naam, fontsize=9)
            ax.set_xlabel("hefboom_index (zie beleid in CSV)", fontsize=7)

    verdeling = _verdeling(d, ok)
    geschreven += _figuur(uit, "verdeling", verdeling, boxplot)

    robuust = _robuustheid(d, ok)

    def spijtplot(fig, data):
        ax = fig.add_subplot(1, 1, 1)
        tabel = data.pivot_table(index="beleid", columns="uitkomst", values="spijt_max")
        (tabel / tabel.max().replace(0, 1)).plot.barh(ax=ax)
        ax.set_xlabel("maximale spijt (geschaald per uitkomst)")
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
        ax.set_title("Robuustheid: maximale spijt per beleid (lager is robuuster)")

    geschreven += _figuur(uit, "robuustheid", robuust, spijtplot)

    gevoelig, notities = _gevoeligheid(d, ok)
    if len(labels) < 2:
        notities.append("one lever setting: regret is zero by construction")
    if len(gevoelig):
        maat = {"sobol": "ST", "morris": "mu_star"}.get(d.ontwerp.methode, "spearman")


        def gevoeligplot(fig, data):
            for i, naam in enumerate(namen):
                ax = fig.add_subplot(int(np.ceil(len(namen) / 3)), min(3, len(namen)), i + 1)
                tabel = data[data["uitkomst"] == naam].pivot_table(
                    index="parameter", columns="hefboom_index", values=maat)
                tabel.index = [kort.get(p, p) for p in tabel.index]
                tabel.columns = [labels.get(h, str(h)) for h in tabel.columns]
                tabel.plot.barh(ax=ax, legend=False, fontsize=7)
                ax.set_title(f"{naam} ({maat})", fontsize=9)
            fig.legend(*ax.get_legend_handles_labels(), loc="lower center", fontsize=7,
                       ncol=min(4, len(labels)))
            fig.subplots_adjust(bottom=0.12)

        geschreven += _figuur(uit, "gevoeligheid", gevoelig, gevoeligplot)

    boxen, trajecten = _ontdekking(d, ok)
    if len(boxen):
        pad = uit / "ontdekking.csv"
        boxen.to_csv(pad, index=False)
        geschreven.append(pad)
    if len(trajecten):
        def trajectplot(fig, data):
            ax = fig.add_subplot(1, 1, 1)
            for (h, naam), deel in data.groupby(["hefboom_index", "uitkomst"]):
                ax.plot(deel["dekking"], deel["dichtheid"], marker=".", label=f"{naam} h{h}")
            ax.set_xlabel("dekking (share of failures in box)")
            ax.set_ylabel("dichtheid (share of box that fails)")
            ax.legend(fontsize=7)
            ax.set_title("PRIM peeling and pasting trajectories")

        geschreven += _figuur(uit, "ontdekking_traject", trajecten, trajectplot)

    if reeksen is not None:
        reeksen = reeksen.merge(ok[["run_id", "hefboom_index"]], on="run_id")
        kolommen = [k for k in d.tijdreeksen if k in reeksen and k != "seed"
                    and pd.api.types.is_numeric_dtype(reeksen[k])]
        band = (reeksen.groupby(["hefboom_index", "maand"])[kolommen]
                .quantile([0.05, 0.5, 0.95]).unstack())
        band.columns = [f"{k}_p{int(q * 100)}" for k, q in band.columns]
        band = band.reset_index()
        getekend = kolommen
        if len(kolommen) > MAX_PANELEN:
            getekend = ([k for k in dict.fromkeys(u.kolom for u in d.uitkomst) if k in kolommen]
                        or kolommen[:MAX_PANELEN])
            notities.append(f"{len(kolommen)} stored series: tijdreeksen.png draws the outcome "
                            "columns only; tijdreeksen.csv has them all")

        def reeksplot(fig, data):
            for i, k in enumerate(getekend):
                ax = fig.add_subplot(int(np.ceil(len(getekend) / 2)), min(2, len(getekend)), i + 1)
                for h, deel in data.groupby("hefboom_index"):
                    ax.plot(deel["maand"], deel[f"{k}_p50"], label=labels.get(h, str(h)))
                    ax.fill_between(deel["maand"], deel[f"{k}_p5"], deel[f"{k}_p95"], alpha=0.15)
                ax.set_title(f"{k} (mediaan, 5-95%)", fontsize=9)
                ax.legend(fontsize=7)

        if getekend:
            geschreven += _figuur(uit, "tijdreeksen", band, reeksplot)

    samenvatting = {
        "sweep": d.naam, "vingerafdruk": d.vingerafdruk(), "ontwerp": d.ontwerp.methode,
        "runs": len(runs),
        "ok": int((runs["status"] == "ok").sum()), "fout": int((runs["status"] != "ok").sum()),
        "beleid": {int(h): b for h, b in runs.drop_duplicates("hefboom_index")
                   .set_index("hefboom_index")["beleid"].sort_index().items()},
        "notities": notities,
    }
    pad = uit / "analyse.json"
    pad.write_text(json.dumps(samenvatting, indent=2, default=str), "utf-8")
    geschreven.append(pad)
    return geschreven
