"""A whole calibration: set up the folder, run (or resume) ABC-SMC, write the results.

Used by ``simulatie kalibreer`` (:mod:`simulatie.cli.kalibreer`); see :mod:`.abcsmc` for the
method and :mod:`.schrijven` for the files.

Main objects: :func:`voer_uit`, :func:`opzet`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from simulatie.experiment.kalibratie.abcsmc import (
    DATABASE,
    OPZET,
    SIMULATIES,
    Instellingen,
    Verloop,
    controleer_opzet,
    kalibreer,
)
from simulatie.experiment.kalibratie.doelen import (
    BEGIN,
    RUIS_FACTOR,
    Kaldoel,
    lees_doelen,
    standaard,
)
from simulatie.experiment.kalibratie.prior import Vrij, vrije_parameters
from simulatie.experiment.kalibratie.ruis import meet_ruis, met_ruis
from simulatie.experiment.kalibratie.schrijven import schrijf_resultaten
from simulatie.experiment.kalibratie.simulator import Simulator, geschaalde_gemeente
from simulatie.kern.fouten import ScenarioFout

#: Runs at the defaults that measure the targets' seed noise before a calibration.
RUIS_SEEDS = 10


def opzet(data: Mapping[str, Any], *, inwoners: int | None, maanden: int, seed: int,
          populatie: int, budget: int, parameters: Sequence[str] | None,
          doelen_csv: str | Path | None, overrides: Mapping[str, Any] | None,
          ruis_seeds: int = 0, seeds_per_voorstel: int = 1, ruis_factor: float = RUIS_FACTOR
          ) -> tuple[Instellingen, list[Vrij], list[Kaldoel], dict[str, Any]]:
    """Resolve what a calibration is: settings, free parameters, targets and the run data.

    Args:
        data: Parsed scenario TOML.
        inwoners: Scale the municipality to this many inhabitants with the same rates (None:
            as it is).
        maanden: Horizon of every run (at least 24: the flows need whole years; targets
            that are all at month 0 need 1).
        seed: Calibration seed.
        populatie: Parameter sets per generation.
        budget: Simulations at most (at least twice ``populatie``).
        parameters: Free parameters (None: every uncertain one).
        doelen_csv: A user's target table (None: the validation targets).
        overrides: ``--set`` values fixed in every run.
        ruis_seeds: Runs that measure the targets' seed noise (:mod:`.ruis`; 0: none).
        seeds_per_voorstel: Runs per proposal, judged on their mean (at least 1).
        ruis_factor: Noise standard deviations a run may lie outside a band (at least 0).
    """
    if seeds_per_voorstel < 1:
        raise ScenarioFout(f"--seeds-per-voorstel {seeds_per_voorstel}: minstens 1")
    if not ruis_factor >= 0:
        raise ScenarioFout(f"--ruis-factor {ruis_factor}: minstens 0")
    if budget < 2 * populatie:
        raise ScenarioFout(f"--budget {budget}: minstens twee keer --populatie ({2 * populatie}): "
                           "de eerste generatie trekt een ijkmonster en een populatie uit de "
                           "prior")
    vrij = vrije_parameters(parameters)
    vast = sorted(set(overrides or {}) & {v.pad for v in vrij})
    if vast:
        raise ScenarioFout(f"--set {vast[0]}: is een vrije parameter van de kalibratie; laat "
                           "hem weg of kies --parameters zonder hem")
    doelen = lees_doelen(doelen_csv) if doelen_csv else standaard()
    if maanden < 24 and not all(d.doel.endswith(BEGIN) for d in doelen):
        raise ScenarioFout(f"--maanden {maanden}: minimaal 24 (de doelen na maand 0 vragen hele "
                           f"jaren; alleen doelen op maand 0, '...{BEGIN}', draaien korter)")
    gemeente = dict(data["gemeente"])
    if inwoners:
        gemeente = geschaalde_gemeente(gemeente, inwoners)
    run_data = {**data, "gemeente": gemeente}
    inst = Instellingen(str(data.get("naam", "scenario")), gemeente, [v.pad for v in vrij],
                        [d.doel for d in doelen], seed, populatie, maanden,
                        dict(overrides or {}), ruis_seeds, seeds_per_voorstel, ruis_factor)
    return inst, vrij, doelen, run_data


def voer_uit(data: Mapping[str, Any], map_: Path, *, budget: int, werkers: int = 1,
             scheduler: str | None = None, inwoners: int | None = None, maanden: int = 120,
             seed: int = 1, populatie: int = 100, parameters: Sequence[str] | None = None,
             doelen_csv: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
             ruis_seeds: int = RUIS_SEEDS, ruis: Mapping[str, float] | None = None,
             seeds_per_voorstel: int = 1, ruis_factor: float = RUIS_FACTOR,
             melding: Callable[[dict[str, Any]], None] | None = None) -> tuple[Verloop,
                                                                                  pd.DataFrame]:
    """Run (or resume) a calibration in ``map_`` and write its results there.

    Args:
        data: Parsed scenario TOML.
        map_: The calibration folder.
        budget: Simulations at most.
        werkers: Processes (1: deterministic).
        scheduler: Dask scheduler address (overrides ``werkers``).
        inwoners: Scale the municipality to this size (None: as it is).
        maanden: Horizon of every run.
        seed: Calibration seed.
        populatie: Parameter sets per generation.
        parameters: Free parameters (None: the active ones together).
        doelen_csv: A user's target table.
        overrides: ``--set`` values fixed in every run.
        ruis_seeds: Runs at the defaults that measure each target's seed noise first
            (:mod:`.ruis`; 0: no noise allowance).
        ruis: The noise, when already measured (a staged calibration measures it once).
        seeds_per_voorstel: Runs per proposal, judged on their mean (the noise allowance
            shrinks with its square root; ``budget`` counts proposals, so the runs are
            ``seeds_per_voorstel`` times as many).
        ruis_factor: Noise standard deviations (of that mean) a run may lie outside a band.
        melding: Called after each generation with its row.

    Returns:
        How it went, and the fit table.
    """
    inst, vrij, doelen, run_data = opzet(data, inwoners=inwoners, maanden=maanden, seed=seed,
                                         populatie=populatie, budget=budget,
                                         parameters=parameters,
                                         doelen_csv=doelen_csv, overrides=overrides,
                                         ruis_seeds=ruis_seeds,
                                         seeds_per_voorstel=seeds_per_voorstel,
                                         ruis_factor=ruis_factor)
    controleer_opzet(map_, inst)
    if ruis is None:
        ruis = meet_ruis(run_data, doelen, map_, seeds=ruis_seeds, seed=seed, maanden=maanden,
                         overrides=overrides, werkers=werkers)
    doelen = met_ruis(doelen, ruis, seeds_per_voorstel, ruis_factor)
    (map_ / SIMULATIES).mkdir(exist_ok=True)
    simulator = Simulator(run_data, vrij, doelen, map_ / SIMULATIES, seed, maanden, overrides,
                          seeds_per_voorstel)
    verloop = kalibreer(simulator, vrij, doelen, map_, seed=seed, populatie=populatie,
                        budget=budget, werkers=werkers, scheduler=scheduler, melding=melding)
    if not verloop.generaties:
        raise ScenarioFout(f"--budget {budget}: te klein voor een eerste generatie van "
                           f"{populatie} parametersets; geef een groter budget")
    import pyabc

    history = pyabc.History("sqlite:///" + str((map_ / DATABASE).resolve()))
    history.id = 1
    tabellen = schrijf_resultaten(history, vrij, doelen, map_, map_ / SIMULATIES, seed)
    schrijf_manifest(map_, inst, verloop, budget, werkers, scheduler, tabellen)
    return verloop, tabellen["fit"]


def schrijf_manifest(map_: Path, inst: Instellingen, verloop: Verloop, budget: int,
                     werkers: int, scheduler: str | None,
                     tabellen: dict[str, pd.DataFrame]) -> Path:
    """``manifest.json``: settings, generations, simulations, wall time, versions, commit."""
    import pyabc

    from simulatie.experiment.schrijven import git_commit, versies

    pad = map_ / "manifest.json"
    oud = json.loads(pad.read_text()) if pad.is_file() else {}
    sessies = [*oud.get("sessies", []), {
        "einde": time.strftime("%Y-%m-%dT%H:%M:%S"), "seconden": round(verloop.seconden, 1),
        "simulaties": verloop.simulaties_nu, "al_klaar": verloop.al_klaar,
        "werkers": werkers, "scheduler": scheduler, "reden": verloop.reden}]
    seconden = sum(s["seconden"] for s in sessies)
    simulaties = sum(s["simulaties"] for s in sessies)
    par = tabellen["parameters"]
    manifest = {
        "methode": "ABC-SMC (pyabc), driehoekige priors over het plausibele bereik (top bij de "
                   "standaardwaarde), afstand buiten "
                   "de banden, tolerantie = mediaan van de vorige generatie",
        "instellingen": asdict(inst), "budget": budget, "generaties": verloop.generaties,
        "simulaties_gestopt_in_generaties": verloop.simulaties_totaal,
        "simulaties_gedraaid": simulaties, "seconden": round(seconden, 1),
        "runs_per_uur": round(3600 * simulaties / seconden, 1) if seconden else None,
        "reden_einde": verloop.reden, "sessies": sessies,
        "ensemble_leden": len(tabellen["ensemble"]),
        "ensemble_effectief": verloop.generaties[-1]["ess"],
        "parameters_bepaald": par.loc[par["door_doelen_bepaald"], "parameter"].tolist(),
        "parameters_niet_bepaald": par.loc[~par["door_doelen_bepaald"], "parameter"].tolist(),
        "versies": {**versies(), "pyabc": pyabc.__version__}, "git_commit": git_commit(),
        "bestanden": [OPZET, DATABASE, "ensemble.parquet", "fit.csv", "parameters.csv",
                      "doelen_prior_posterior.png", "parameters_prior_posterior.png"],
    }
    pad.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str))
    return pad
