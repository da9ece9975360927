"""Write a calibration's results: the ensemble, the fit of every target, the parameters, plots.

From pyabc's database and the stored simulations of a calibration folder it writes:

    * ``ensemble.parquet`` - the last generation's accepted parameter sets (one column per
      dotted parameter path, plus ``gewicht``);
    * ``fit.csv`` - per target its source, value and band, and the 5/50/95 percentiles of the
      prior predictive (the runs of generation 0, drawn from the prior) and of the posterior
      predictive (the ensemble's runs, weighted), and the share of the ensemble in the band;
    * ``parameters.csv`` - per free parameter its default, prior range and percentiles, the
      posterior percentiles, and how much the targets narrowed it;
    * ``doelen_prior_posterior.png`` / ``parameters_prior_posterior.png`` with the CSV of
      exactly what they show.

Main objects: :func:`schrijf_resultaten`, :func:`posterior`, :data:`INFORMATIEF`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from simulatie.experiment.kalibratie.doelen import Kaldoel  # noqa: E402
from simulatie.experiment.kalibratie.ensemble import (  # noqa: E402
    GEWICHT,
    gewogen_kwantiel,
    kwantiel,
)
from simulatie.experiment.kalibratie.prior import Vrij, pad_van  # noqa: E402
from simulatie.experiment.kalibratie.simulator import sleutel  # noqa: E402
from simulatie.experiment.plots import bewaar  # noqa: E402

#: A parameter counts as informed by the targets when its posterior 90% interval is narrower
#: than this share of its prior 90% interval.
INFORMATIEF = 0.8
KWANTIELEN = (0.05, 0.5, 0.95)


def posterior(history: Any, simulaties: Path, seed: int,
              vrij: list[Vrij]) -> tuple[pd.DataFrame, list[dict[str, float]]]:
    """The last generation: parameter sets (dotted paths + ``gewicht``) and their target values.

    pyabc holds the logistic-scale values (see :mod:`.prior`); each member's model values
    (unrounded) and target values are those of its stored simulation (its key is the seed and
    the exact logistic-scale values, see :func:`.simulator.sleutel`).

    Returns:
        The ensemble table (columns in the order of ``vrij``), and the target values of each
        member in the same order.
    """
    tabel, w = history.get_distribution(m=0, t=history.max_t)
    tabel = tabel.rename(columns=pad_van).reset_index(drop=True)
    per_pad = {v.pad: v for v in vrij}
    rijen, waarden = [], []
    for z in tabel.to_dict("records"):
        bestand = simulaties / f"{sleutel(z, seed)}.json"
        waarden.append(json.loads(bestand.read_text())["waarden"])
        rijen.append({p: per_pad[p].waarde(float(x)) for p, x in z.items()})
    uit = pd.DataFrame(rijen)[[v.pad for v in vrij]]
    uit[GEWICHT] = np.asarray(w, dtype=float) / float(np.sum(w))
    return uit, waarden


def prior_predictief(simulaties: Path) -> pd.DataFrame:
    """Target values of generation 0's runs (parameters drawn from the prior), one row each."""
    rijen = []
    for bestand in sorted(simulaties.glob("*.json")):
        inhoud = json.loads(bestand.read_text())
        if inhoud.get("generatie") == 0:
            rijen.append(inhoud["waarden"])
    return pd.DataFrame(rijen)


def fit_tabel(doelen: list[Kaldoel], prior: pd.DataFrame, post: list[dict[str, float]],
              gewicht: np.ndarray) -> pd.DataFrame:
    """One row per target: band, prior and posterior predictive percentiles, share in band."""
    rijen = []
    for d in doelen:
        p = prior[d.doel].to_numpy(dtype=float) if d.doel in prior else np.array([])
        x = np.array([s.get(d.doel, math.nan) for s in post], dtype=float)
        rij: dict[str, Any] = {"doel": d.doel, "label": d.label, "bron": d.bron,
                               "waarde": d.waarde, "ondergrens": d.ondergrens,
                               "bovengrens": d.bovengrens}
        for q in KWANTIELEN:
            rij[f"prior_p{round(q * 100):02d}"] = (float(np.nanquantile(p, q))
                                                   if np.isfinite(p).any() else math.nan)
        for q in KWANTIELEN:
            rij[f"posterior_p{round(q * 100):02d}"] = gewogen_kwantiel(x, gewicht, q)
        rij["ruis"] = d.ruis
        rij["prior_in_band"] = float(np.mean([d.in_band(v) for v in p])) if len(p) else math.nan
        rij["posterior_in_band"] = float(np.sum(gewicht[np.array([d.in_band(v) for v in x],
                                                                 dtype=bool)]))
        rij["posterior_binnen_ruis"] = float(np.sum(
            gewicht[np.array([d.afstand(v) == 0 for v in x], dtype=bool)]))
        rijen.append(rij)
    return pd.DataFrame(rijen)


def parameter_tabel(vrij: list[Vrij], ensemble: pd.DataFrame) -> pd.DataFrame:
    """One row per free parameter: prior range and percentiles, posterior percentiles."""
    post = {q: kwantiel(ensemble, q) for q in KWANTIELEN}
    rijen = []
    for v in vrij:
        rij: dict[str, Any] = {"parameter": v.pad, "default": v.default,
                               "bronwaarde": v.modale_waarde,
                               "prior_laag": v.laag, "prior_hoog": v.hoog}
        for q in KWANTIELEN:
            rij[f"prior_p{round(q * 100):02d}"] = v.kwantiel(q)
        for q in KWANTIELEN:
            rij[f"posterior_p{round(q * 100):02d}"] = post[q][v.pad]
        versmalling = (post[0.95][v.pad] - post[0.05][v.pad]) / (v.kwantiel(0.95)
                                                                  - v.kwantiel(0.05))
        rij["versmalling"] = versmalling
        rij["door_doelen_bepaald"] = bool(versmalling < INFORMATIEF)
        rijen.append(rij)
    return pd.DataFrame(rijen)


def _raster(n: int) -> tuple[plt.Figure, np.ndarray]:
    kolommen = min(6, n)
    regels = math.ceil(n / kolommen)
    fig, assen = plt.subplots(regels, kolommen, figsize=(2.6 * kolommen, 2.1 * regels),
                              squeeze=False)
    for a in assen.flat[n:]:
        a.set_visible(False)
    return fig, assen


def plot_doelen(fit: pd.DataFrame, pad: Path) -> list[Path]:
    """Per target: prior and posterior predictive 90% interval and median against the band."""
    fig, assen = _raster(len(fit))
    for a, r in zip(assen.flat, fit.itertuples(), strict=False):
        onder = r.ondergrens if math.isfinite(r.ondergrens) else None
        boven = r.bovengrens if math.isfinite(r.bovengrens) else None
        waarden = [x for x in (r.prior_p05, r.prior_p95, r.posterior_p05, r.posterior_p95, onder,
                               boven) if x is not None and math.isfinite(x)]
        marge = (max(waarden) - min(waarden)) * 0.1 + 1e-9 if waarden else 1.0
        a.axvspan(onder if onder is not None else min(waarden) - marge,
                  boven if boven is not None else max(waarden) + marge, color="0.88")
        for y, (lo, mid, hi), kleur in ((1, (r.prior_p05, r.prior_p50, r.prior_p95), "0.45"),
                                        (0, (r.posterior_p05, r.posterior_p50, r.posterior_p95),
                                         "#2166ac")):
            a.plot([lo, hi], [y, y], color=kleur, lw=3)
            a.plot([mid], [y], "o", color=kleur)
        a.set_yticks([0, 1], ["posterior", "prior"], fontsize=7)
        a.set_ylim(-0.6, 1.6)
        a.tick_params(axis="x", labelsize=7)
        a.set_title(r.label[:34], fontsize=7)
    fig.suptitle("Doelen: band (grijs), prior- en posterior-voorspelling (90% en mediaan)",
                 fontsize=9)
    fig.tight_layout()
    kolommen = ["doel", "ondergrens", "bovengrens", "prior_p05", "prior_p50", "prior_p95",
                "posterior_p05", "posterior_p50", "posterior_p95"]
    return bewaar(fig, fit[kolommen], pad)


def plot_parameters(vrij: list[Vrij], ensemble: pd.DataFrame, pad: Path) -> list[Path]:
    """Per free parameter: the triangular prior and the weighted posterior histogram."""
    fig, assen = _raster(len(vrij))
    data = []
    w = ensemble[GEWICHT].to_numpy(dtype=float)
    for a, v in zip(assen.flat, vrij, strict=False):
        randen = np.linspace(v.laag, v.hoog, 11)
        midden = (randen[:-1] + randen[1:]) / 2
        dichtheid, _ = np.histogram(ensemble[v.pad], bins=randen, weights=w, density=True)
        a.stairs(dichtheid, randen, fill=True, color="#67a9cf", label="posterior")
        prior = [v.dichtheid(float(x)) for x in midden]
        a.plot(midden, prior, color="0.3", lw=1.5, label="prior")
        a.axvline(v.default, color="#b2182b", lw=1, ls="--", label="default")
        a.set_title(v.pad.split(".", 1)[1][:34], fontsize=7)
        a.tick_params(labelsize=6)
        data += [{"parameter": v.pad, "van": lo, "tot": hi, "posterior_dichtheid": d,
                  "prior_dichtheid": p, "default": v.default}
                 for lo, hi, d, p in zip(randen[:-1], randen[1:], dichtheid, prior, strict=True)]
    assen.flat[0].legend(fontsize=6)
    fig.suptitle("Parameters: prior (lijn), posterior (vlak), default (streep)", fontsize=9)
    fig.tight_layout()
    return bewaar(fig, pd.DataFrame(data), pad)


def schrijf_resultaten(history: Any, vrij: list[Vrij], doelen: list[Kaldoel],
                       map_: Path, simulaties: Path, seed: int) -> dict[str, pd.DataFrame]:
    """Write the ensemble, fit, parameter table and plots into ``map_``; return the tables."""
    ensemble, post = posterior(history, simulaties, seed, vrij)
    ensemble.to_parquet(map_ / "ensemble.parquet", index=False)
    fit = fit_tabel(doelen, prior_predictief(simulaties), post,
                    ensemble[GEWICHT].to_numpy(dtype=float))
    fit.to_csv(map_ / "fit.csv", index=False)
    par = parameter_tabel(vrij, ensemble)
    par.to_csv(map_ / "parameters.csv", index=False)
    plot_doelen(fit, map_ / "doelen_prior_posterior.png")
    plot_parameters(vrij, ensemble, map_ / "parameters_prior_posterior.png")
    return {"ensemble": ensemble, "fit": fit, "parameters": par}
