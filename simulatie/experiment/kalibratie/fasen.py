"""A staged calibration: one group of parameters at a time, combined into one ensemble.

Why stages: pyabc's importance weights degenerate when many parameters are free at once. With
the 21 active parameters free together the last generation's effective size was 3 of 100
(30 Nov 2026, ``docs/kalibratie.md``); a toy with pyabc alone gave 1-8 with 21 free parameters
and 39-54 with six, whatever the transition kernel. The active parameters are therefore split
into groups of six to eight (:data:`.prior.FASEN`), each grouped with the targets it drives most
(the screen, ``experimenten/scherm_kalibratie.py``), and each group is calibrated as an ordinary
calibration (``DIR/fasen/<naam>/``, resumable on its own) with every other parameter at its
default.

How the stages are combined: a candidate takes, from every stage, a member drawn with
probability proportional to its weight (independent draws). That would be the posterior if it
factorised over the groups, i.e. if what the targets say about one group did not depend on the
values of another; it does not quite (the obstacle rates of one group move the Wmo need another
group is fitted to: measured on Groningen at 50,000 inhabitants, 60% of such pairings kept the
Wmo level in its band while each stage alone kept 79-100%). So the pairings are candidates, not
members: ``kandidaten`` (default :data:`KANDIDATEN`) times ``leden`` of them run at the
calibration's size (``DIR/voorspelling/``, resumable), and the ``leden`` closest to the bands (the
same distance, with the noise allowance) form the ensemble, with equal weights - a last rejection
step of ABC whose proposal is the product of the stages' posteriors. With ``bevestig`` the last step
uses the validation's own rule instead (:mod:`.bevestigen`): candidates, closest first, run at the
scenario's own size, and the first ``leden`` whose mean lies inside every plain band are kept.
``fit.csv`` gives the ensemble's own runs against every band; ``manifest.json`` the largest
accepted distance. The prior predictive columns pool the stages' first generations (in each,
one group drawn from its prior and the others at their defaults).

Main objects: :func:`voer_fasen_uit`, :func:`combineer`.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulatie.experiment.kalibratie.abcsmc import (
    OPZET,
    SIMULATIES,
    Afstand,
    Verloop,
    controleer_opzet,
)
from simulatie.experiment.kalibratie.bevestigen import BEVESTIGING, bevestig_kandidaten
from simulatie.experiment.kalibratie.doelen import RUIS_FACTOR, Kaldoel
from simulatie.experiment.kalibratie.ensemble import GEWICHT, lees_ensemble, lid
from simulatie.experiment.kalibratie.prior import FASEN, Vrij
from simulatie.experiment.kalibratie.ruis import RUISMAP, meet_ruis, met_ruis
from simulatie.experiment.kalibratie.schrijven import (
    fit_tabel,
    parameter_tabel,
    plot_doelen,
    plot_parameters,
    prior_predictief,
)
from simulatie.experiment.kalibratie.simulator import (
    draai_bewaard,
    gemiddeld,
    inwoners_van,
    run_seeds,
    sleutel,
)
from simulatie.experiment.kalibratie.uitvoeren import RUIS_SEEDS, opzet, voer_uit
from simulatie.kern.fouten import ScenarioFout

#: Sub-folders of a staged calibration: the stages, and the candidates' runs.
FASEMAP, VOORSPELLING = "fasen", "voorspelling"
#: Entropy added to the calibration seed for drawing the combined members.
COMBINATIE = 7
#: Entropy added to the calibration seed for the emulator's pool of prior draws.
POOL = 13
#: Prior draws the emulator screens, by default (0.05-0.18% passed a screen at 0.1 on
#: Groningen in two calibrations on 2 Dec 2026, whose emulators differed with their stages' runs:
#: 53 of 100,000 and 894 of 500,000).
POOLGROOTTE = 500_000
#: Candidates per member of the combined ensemble, by default (the best ``1 / KANDIDATEN`` are
#: kept).
KANDIDATEN = 3


def combineer(ensembles: Sequence[pd.DataFrame], leden: int,
              rng: np.random.Generator) -> pd.DataFrame:
    """One ensemble from the stages' ensembles: independent weighted draws, paired by row.

    Args:
        ensembles: Each stage's ensemble (disjoint parameter columns plus ``gewicht``).
        leden: Members of the combined ensemble.
        rng: Generator of the draws.

    Returns:
        ``leden`` rows: every stage's parameter columns, ``gewicht`` equal (summing to 1).

    Raises:
        ScenarioFout: Two stages share a parameter.
    """
    delen, gezien = [], set()
    for tabel in ensembles:
        kolommen = [k for k in tabel.columns if k != GEWICHT]
        dubbel = gezien & set(kolommen)
        if dubbel:
            raise ScenarioFout(f"fasen delen parameter {sorted(dubbel)[0]!r}: elke parameter "
                               "hoort in precies een fase")
        gezien |= set(kolommen)
        w = tabel[GEWICHT].to_numpy(dtype=float)
        rijen = rng.choice(len(tabel), size=leden, replace=True, p=w / w.sum())
        delen.append(tabel.iloc[rijen][kolommen].reset_index(drop=True))
    uit = pd.concat(delen, axis=1)
    uit[GEWICHT] = 1.0 / leden
    return uit


def voer_fasen_uit(data: Mapping[str, Any], map_: Path, *, budget: int, werkers: int = 1,
                   scheduler: str | None = None, inwoners: int | None = None,
                   maanden: int = 120, seed: int = 1, populatie: int = 100, leden: int = 100,
                   doelen_csv: str | Path | None = None,
                   overrides: Mapping[str, Any] | None = None,
                   fasen: Mapping[str, Sequence[str]] | None = None,
                   ruis_seeds: int = RUIS_SEEDS, seeds_per_voorstel: int = 1,
                   ruis_factor: float = RUIS_FACTOR, bevestig: int = 0,
                   kandidaten: int = KANDIDATEN, emulator: float | None = None,
                   pool: int = POOLGROOTTE, marge: float = 0.0,
                   melding: Callable[[str, dict[str, Any]], None] | None = None
                   ) -> tuple[dict[str, Verloop], pd.DataFrame]:
    """Run (or resume) every stage, run the candidates drawn from them, keep the closest, write.

    Args:
        data: Parsed scenario TOML.
        map_: The calibration folder.
        budget: Simulations at most over all stages (split evenly; the noise runs and the
            ``kandidaten`` times ``leden`` candidates' runs come on top).
        werkers: Processes (1: deterministic).
        scheduler: Dask scheduler address for the stages.
        inwoners: Scale the municipality to this size.
        maanden: Horizon.
        seed: Calibration seed.
        populatie: Parameter sets per generation of each stage.
        leden: Members of the combined ensemble (the closest of the candidates).
        doelen_csv: A user's target table.
        overrides: ``--set`` values fixed in every run.
        fasen: Stage name -> free parameters (default :data:`.prior.FASEN`).
        ruis_seeds: Runs that measure the targets' seed noise, once for every stage.
        seeds_per_voorstel: Runs per proposal and per candidate, judged on their mean (the
            noise allowance shrinks with its square root; the runs grow with it).
        ruis_factor: Noise standard deviations (of that mean) a run may lie outside a band.
        bevestig: Runs per candidate at the scenario's own size; above 0 the members are the
            first ``leden`` candidates, in order of distance, whose mean of these runs lies in
            every plain band (:mod:`.bevestigen`; the validation's rule), not the closest.
        kandidaten: Candidates per member. A resume with more keeps the earlier candidates
            and their runs and draws the rest (when the confirmation runs out of candidates).
        emulator: With ``bevestig``: screen the candidates with an emulator of the stages'
            runs (:mod:`.emulator`) and confirm, in drawn order, only those whose chance of
            passing at full size is at least this. Only the first ``leden`` candidates run at
            the calibration's size (the emulator's check runs); the candidates confirmed are
            ``pool`` draws from the prior, and ``fit.csv``'s posterior is the members'
            full-size means.
        pool: With ``emulator``: prior draws the emulator screens.
        marge: With ``bevestig``: standard deviations of the confirmation's mean (one run's
            seed noise at the calibration's size, scaled to the full size and ``bevestig``
            runs) a member's mean must lie inside each end of every band.
        melding: Called with (stage, event) for progress.

    Returns:
        Each stage's course, and the combined ensemble's fit table.

    Raises:
        ScenarioFout: The confirmation passes no candidate, or ``emulator`` without
            ``bevestig``.
    """
    if emulator is not None and not bevestig:
        raise ScenarioFout("--emulator werkt alleen met --bevestig: de zeef kiest welke "
                           "kandidaten op volle grootte draaien")
    begin = time.perf_counter()
    fasen = {k: list(v) for k, v in (fasen or FASEN).items()}
    alle = [p for groep in fasen.values() for p in groep]
    inst, vrij, doelen, run_data = opzet(data, inwoners=inwoners, maanden=maanden, seed=seed,
                                         populatie=populatie, budget=budget, parameters=alle,
                                         doelen_csv=doelen_csv, overrides=overrides,
                                         ruis_seeds=ruis_seeds,
                                         seeds_per_voorstel=seeds_per_voorstel,
                                         ruis_factor=ruis_factor)
    if len(set(alle)) != len(alle):
        raise ScenarioFout("fasen delen een parameter: elke parameter hoort in precies een fase")
    per_fase = budget // len(fasen)
    if per_fase < 2 * populatie:
        raise ScenarioFout(f"--budget {budget}: minstens {2 * populatie * len(fasen)} voor "
                           f"{len(fasen)} fasen (twee keer --populatie per fase)")
    controleer_opzet(map_, inst, {"fasen": fasen, "leden": leden})
    ruis = meet_ruis(run_data, doelen, map_, seeds=ruis_seeds, seed=seed, maanden=maanden,
                     overrides=overrides, werkers=werkers)
    banden, doelen = doelen, met_ruis(doelen, ruis, seeds_per_voorstel, ruis_factor)
    verlopen = {}
    for naam, groep in fasen.items():
        sub = map_ / FASEMAP / naam
        sub.mkdir(parents=True, exist_ok=True)
        try:
            verlopen[naam], _ = voer_uit(
                data, sub, budget=per_fase, werkers=werkers, scheduler=scheduler,
                inwoners=inwoners, maanden=maanden, seed=seed, populatie=populatie,
                parameters=groep, doelen_csv=doelen_csv, overrides=overrides,
                ruis_seeds=ruis_seeds, ruis=ruis, seeds_per_voorstel=seeds_per_voorstel,
                ruis_factor=ruis_factor,
                melding=(lambda r, n=naam: melding(n, r)) if melding else None)
        except ScenarioFout as fout:
            raise ScenarioFout(f"fase {naam}: {fout} (--budget {budget} wordt verdeeld over "
                               f"{len(fasen)} fasen: {per_fase} per fase)") from None
    rng = np.random.default_rng(np.random.SeedSequence([seed, COMBINATIE]))
    ensembles = [lees_ensemble(map_ / FASEMAP / n / "ensemble.parquet") for n in fasen]
    # in batches of `leden`, so that more candidates per member keep the earlier candidates
    getrokken = pd.concat([combineer(ensembles, leden, rng) for _ in range(kandidaten)],
                          ignore_index=True)[[v.pad for v in vrij] + [GEWICHT]]
    waarden = [lid(getrokken, i) for i in range(len(getrokken))]
    # with the emulator only the first `leden` candidates run at the calibration's size (its
    # check runs); without it, all of them
    gedraaid = waarden if emulator is None else waarden[:leden]
    n = seeds_per_voorstel
    runs = _draai_kandidaten(run_data, doelen, map_, maanden, gedraaid, seed, n, overrides,
                             werkers, melding)
    afstand = Afstand(doelen)
    afstanden = np.array([afstand(r) for r in runs])
    extra: dict[str, Any] = {}
    post: list[dict[str, float]] | None = None
    bron = getrokken  # where the members come from
    if bevestig:
        # one run's noise at the calibration's size -> a mean of `bevestig` full-size runs
        varfactor = (inwoners / inwoners_van(data["gemeente"]) if inwoners else 1.0) / bevestig
        marges = {d: marge * r * math.sqrt(varfactor) for d, r in ruis.items()}
        if emulator is None:
            kies, volgorde, kansen = np.arange(len(waarden)), afstanden, None
        else:
            # the emulator's pool: draws from the prior, so that the members are a sample of
            # prior x chance of passing (rejection ABC with the emulator as a first filter)
            bron = trek_prior(vrij, pool, np.random.default_rng(
                np.random.SeedSequence([seed, POOL])))
            kansen, extra["emulator"] = _emulator_kansen(
                map_, fasen, vrij, banden, ruis, getrokken.iloc[:len(runs)], runs, n, bron,
                emulator, varfactor)
            # screened candidates in the order they were drawn: a sample of the region the
            # emulator keeps, not its centre
            kies = np.flatnonzero(kansen >= emulator)
            volgorde = np.zeros(len(kies))
            if len(kies) == 0:
                raise ScenarioFout(f"emulator: geen van de {pool} trekkingen uit de prior heeft "
                                   f"een kans op slagen van minstens {emulator:g} (hoogste "
                                   f"{kansen.max():.3g}); verlaag --emulator of vergroot "
                                   f"--pool; zie {map_ / 'emulator.csv'}")
        b = bevestig_kandidaten(
            data, banden, map_, [lid(bron, int(i)) for i in kies], volgorde, runs=bevestig,
            leden=leden, seed=seed, maanden=maanden, overrides=overrides, werkers=werkers,
            marges=marges, melding=(lambda k, gevonden: melding("bevestiging", {
                "geprobeerd": k, "leden": gevonden, "totaal": len(kies)}))
            if melding else None)
        b.tabel["kandidaat"] = kies[b.tabel["kandidaat"].to_numpy(dtype=int)]
        if kansen is not None:
            b.tabel["afstand"] = np.nan  # not run at the calibration's size
            b.tabel.insert(2, "kans", kansen[b.tabel["kandidaat"].to_numpy(dtype=int)])
        b.tabel.to_csv(map_ / "bevestiging.csv", index=False)
        if len(b.leden) == 0:
            raise ScenarioFout(f"bevestiging: geen van de {len(b.tabel)} kandidaten ligt op "
                               f"volle grootte ({bevestig} runs) in elke band"
                               f"{f' met een marge van {marge:g} sd' if marge else ''}; zie "
                               f"{map_ / 'bevestiging.csv'}")
        beste = kies[b.leden]
        extra["bevestiging"] = {"runs": bevestig, "marge_sd": marge, "marges": marges,
                                "geprobeerd": len(b.tabel),
                                "bevestigd": int(b.tabel["bevestigd"].sum()),
                                "leden": len(beste)}
        if emulator is not None:  # the members' own full-size means (they have no other run)
            per_kandidaat = dict(zip(b.tabel["kandidaat"], b.runs, strict=True))
            post = [per_kandidaat[i] for i in beste]
    else:
        # the closest, kept in the order they were drawn (not sorted by distance)
        beste = np.sort(np.argsort(afstanden, kind="stable")[:leden])
    if post is None:
        post = [runs[i] for i in beste]
    ensemble = bron.iloc[beste].reset_index(drop=True)
    ensemble[GEWICHT] = 1.0 / len(ensemble)
    prior = pd.concat([prior_predictief(map_ / FASEMAP / n / SIMULATIES) for n in fasen],
                      ignore_index=True)
    ensemble.to_parquet(map_ / "ensemble.parquet", index=False)
    fit = fit_tabel(doelen, prior, post, ensemble[GEWICHT].to_numpy(dtype=float))
    fit.to_csv(map_ / "fit.csv", index=False)
    par = parameter_tabel(vrij, ensemble)
    par.to_csv(map_ / "parameters.csv", index=False)
    plot_doelen(fit, map_ / "doelen_prior_posterior.png")
    plot_parameters(vrij, ensemble, map_ / "parameters_prior_posterior.png")
    schrijf_manifest(map_, inst, fasen, verlopen, fit, par, len(post),
                     time.perf_counter() - begin, werkers, scheduler,
                     {"kandidaten": len(runs),
                      "kandidaten_binnen_ruis": int(np.sum(afstanden == 0)),
                      "tolerantie": float(afstanden[beste].max()) if emulator is None
                      else None, **extra})
    return verlopen, fit


def _draai_kandidaten(run_data: Mapping[str, Any], doelen: list[Any], map_: Path, maanden: int,
                      waarden: Sequence[Mapping[str, Any]], seed: int, n: int,
                      overrides: Mapping[str, Any] | None, werkers: int,
                      melding: Callable[[str, dict[str, Any]], None] | None
                      ) -> list[dict[str, float]]:
    """The candidates' runs at the calibration's size (each the mean of ``n`` seeds)."""
    # each candidate's seeds derive from its key, as a proposal's do (run_seeds)
    taken = [(k if n == 1 else f"{k}-{j}", {**w, **(overrides or {})}, s)
             for w in waarden for k in [sleutel(w, seed)]
             for j, s in enumerate(run_seeds(k, n))]
    runs = draai_bewaard(run_data, doelen, map_ / VOORSPELLING, maanden, taken, werkers,
                         (lambda k, t: melding("combinatie", {"klaar": k, "totaal": t}))
                         if melding else None)
    return [gemiddeld(runs[i:i + n]) for i in range(0, len(runs), n)]


def trek_prior(vrij: Sequence[Vrij], n: int, rng: np.random.Generator) -> pd.DataFrame:
    """``n`` parameter sets drawn from the prior (a column per free parameter, ``gewicht``)."""
    u = rng.random((n, len(vrij)))
    tabel = pd.DataFrame({v.pad: v.kwantielen(u[:, i]) for i, v in enumerate(vrij)})
    tabel[GEWICHT] = 1.0 / n
    return tabel


def _emulator_kansen(map_: Path, fasen: Mapping[str, list[str]], vrij: Sequence[Vrij],
                     banden: list[Kaldoel], ruis: Mapping[str, float], controle: pd.DataFrame,
                     runs: Sequence[Mapping[str, float]], seeds: int, pool: pd.DataFrame,
                     drempel: float, ruis_factor: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Each pool candidate's chance to pass at full size, from an emulator of the stages' runs.

    The emulator learns its mean error and discrepancy from the check candidates ``controle``
    and their ``runs`` at the calibration's size; ``emulator.csv`` reports that check.
    """
    from simulatie.experiment.kalibratie.emulator import lees_runs, train

    begin = time.perf_counter()
    per_pad = {v.pad: v for v in vrij}
    groepen = {naam: [per_pad[p] for p in groep] for naam, groep in fasen.items()}
    stages = {naam: lees_runs(map_ / FASEMAP / naam / SIMULATIES) for naam in fasen}
    standaard = lees_runs(map_ / RUISMAP)
    f0 = {d.doel: float(np.nanmean(standaard[d.doel].to_numpy(dtype=float))) for d in banden}
    emu = train(groepen, banden, stages, f0, ruis)
    controle_tabel = emu.ijk(controle, runs, seeds)
    controle_tabel.to_csv(map_ / "emulator.csv", index=False)
    kansen = emu.kans(pool, ruis_factor)
    return kansen, {"drempel": drempel, "pool": len(kansen),
                    "boven_drempel": int(np.sum(kansen >= drempel)),
                    "verwacht_geslaagd": round(float(kansen.sum()), 1),
                    "controleruns": len(runs),
                    "trainingsruns": {k: len(v) for k, v in stages.items()},
                    "dekking_gemiddeld": round(float(controle_tabel["dekking"].mean()), 3),
                    "seconden": round(time.perf_counter() - begin, 1),
                    "ruisfactor_oordeel": ruis_factor}


def schrijf_manifest(map_: Path, inst: Any, fasen: Mapping[str, list[str]],
                     verlopen: Mapping[str, Verloop], fit: pd.DataFrame, par: pd.DataFrame,
                     leden: int, seconden: float, werkers: int,
                     scheduler: str | None, combinatie: dict[str, Any]) -> Path:
    """``manifest.json`` of a staged calibration: stages, their runs and time, the fit."""
    import pyabc

    from simulatie.experiment.schrijven import git_commit, versies

    per_fase = {}
    for naam in fasen:
        m = json.loads((map_ / FASEMAP / naam / "manifest.json").read_text())
        per_fase[naam] = {k: m[k] for k in ("generaties", "simulaties_gedraaid", "seconden",
                                            "runs_per_uur", "reden_einde",
                                            "ensemble_effectief")}
        per_fase[naam]["parameters"] = fasen[naam]
    gedraaid = sum(f["simulaties_gedraaid"] for f in per_fase.values())
    fase_seconden = sum(f["seconden"] for f in per_fase.values())
    pad = map_ / "manifest.json"
    manifest = {
        "methode": ("ABC-SMC (pyabc) in fasen: per fase een groep parameters vrij, de rest op "
                    "de standaardwaarde; het ensemble combineert onafhankelijke gewogen "
                    "trekkingen uit elke fase en is opnieuw gedraaid (fit.csv: "
                    "posterior-voorspelling van de combinatie)" if "emulator" not in combinatie
                    else "ABC-SMC (pyabc) in fasen als trainingsruns van een emulator "
                    "(Gaussische processen per fase en doel, additief gecombineerd, met "
                    "afwijking en discrepantie uit controleruns); de emulator zeeft trekkingen "
                    "uit de prior, de gezeefde worden op volle grootte bevestigd (rejection-ABC "
                    "met de regel van simulatie valideer; fit.csv: de gemiddelden van de leden "
                    "op volle grootte)"),
        "instellingen": asdict(inst), "fasen": per_fase,
        "simulaties_fasen": gedraaid, "combinatie": combinatie,
        "seconden_fasen": round(fase_seconden, 1),
        "seconden_laatste_sessie": round(seconden, 1),
        "runs_per_uur_fasen": round(3600 * gedraaid / fase_seconden, 1) if fase_seconden else
        None,
        "ensemble_leden": leden,
        "doelen_90pct_in_band": int((fit["posterior_in_band"] >= 0.9).sum()),
        "doelen": len(fit),
        "parameters_bepaald": par.loc[par["door_doelen_bepaald"], "parameter"].tolist(),
        "parameters_niet_bepaald": par.loc[~par["door_doelen_bepaald"], "parameter"].tolist(),
        "werkers": werkers, "scheduler": scheduler,
        "versies": {**versies(), "pyabc": pyabc.__version__}, "git_commit": git_commit(),
        "bestanden": [OPZET, "ensemble.parquet", "fit.csv", "parameters.csv",
                      "doelen_prior_posterior.png", "parameters_prior_posterior.png",
                      f"{FASEMAP}/<fase>/", f"{VOORSPELLING}/"]
        + (["bevestiging.csv", f"{BEVESTIGING}/"] if "bevestiging" in combinatie else [])
        + (["emulator.csv"] if "emulator" in combinatie else []),
    }
    pad.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str))
    return pad
