"""The calibration loop: ABC-SMC with pyabc, one generation at a time, resumable.

Why pyabc: the targets are bands from the sources, not likelihoods, and the model is stochastic
and costly; ABC-SMC (approximate Bayesian computation with sequential Monte Carlo) needs only
simulations and a distance, turns the prior into a weighted posterior ensemble in a few
generations, and pyabc is a maintained implementation with a local multicore sampler and a Dask
sampler (so the same code scales out) and stores every generation in a database from which a run
can continue. History matching with an emulator was the alternative; with 31 targets and 21
free parameters the emulators need several hundred runs per wave, and the non-implausible region
still has to be sampled by hand. Each generation's effective size (:func:`generaties`) shows
when pyabc's importance weights degenerate, which they do with many free parameters.

The distance of a run is the root of the sum of squares of each target's distance outside its
band in band widths (:meth:`.doelen.Kaldoel.afstand`): 0 when every target lies in its band. The
tolerance of each generation is the median distance of the previous one (pyabc's
``QuantileEpsilon``); the calibration stops when the tolerance reaches 0 (every member of the
ensemble fits every band), when the budget of simulations is spent, when a generation would
exceed it, or after :data:`MAX_GENERATIES`.

Reproducible and resumable: every generation starts from a fresh ``ABCSMC`` loaded from the
database, with numpy's global generator (which pyabc uses for its proposals) seeded from the
calibration seed and the generation's number. A calibration killed midway therefore proposes the
same values again, and :class:`.simulator.Simulator` reads the finished simulations from their
files instead of running them: with one worker the resumed ensemble equals the uninterrupted
one. With several workers the order in which simulations finish differs, so the ensemble is a
different (equally valid) sample.

Main objects: :func:`kalibreer`, :class:`Afstand`, :class:`Instellingen`.
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import time
from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from simulatie.experiment.kalibratie.doelen import RUIS_FACTOR, Kaldoel
from simulatie.experiment.kalibratie.prior import Vrij, pyabc_naam
from simulatie.experiment.kalibratie.simulator import Simulator, bewaar_json
from simulatie.kern.fouten import ScenarioFout

#: Generations at most (the tolerance halves roughly every generation).
MAX_GENERATIES = 12
#: Files of a calibration folder.
DATABASE, SIMULATIES, OPZET = "abc.db", "simulaties", "kalibratie.json"


@dataclass(frozen=True)
class Instellingen:
    """What defines a calibration (stored in ``kalibratie.json``; a resume must match it).

    Attributes:
        scenario: Name of the scenario.
        gemeente: The ``[gemeente]`` table the runs use (possibly scaled).
        parameters: Dotted paths of the free parameters.
        doelen: Target names.
        seed: Calibration seed.
        populatie: Accepted parameter sets per generation (the ensemble's size).
        maanden: Horizon of every run.
        overrides: The user's ``--set`` values.
        ruis_seeds: Runs that measure the targets' seed noise (0: no noise allowance).
        seeds_per_voorstel: Runs per proposal, judged on their mean.
        ruis_factor: Noise standard deviations (of that mean) a run may lie outside a band.
    """

    scenario: str
    gemeente: dict[str, Any]
    parameters: list[str]
    doelen: list[str]
    seed: int
    populatie: int
    maanden: int
    overrides: dict[str, Any] = field(default_factory=dict)
    ruis_seeds: int = 0
    seeds_per_voorstel: int = 1
    ruis_factor: float = RUIS_FACTOR


class Afstand:
    """Distance of a run's targets to their bands (0 when every target is in its band)."""

    def __init__(self, doelen: list[Kaldoel]) -> None:
        """Keep the targets."""
        self.doelen = doelen

    def __call__(self, x: Mapping[str, float], x0: Mapping[str, float] | None = None) -> float:
        """Root of the sum of squared distances outside the bands, in band widths."""
        return math.sqrt(sum(d.afstand(float(x[d.doel])) ** 2 for d in self.doelen))


@dataclass
class Verloop:
    """How a calibration went.

    Attributes:
        generaties: Per generation (see :func:`generaties`).
        simulaties_totaal: Simulations pyabc counted over all sessions (completed generations).
        simulaties_nu: Simulations run in this session.
        al_klaar: Simulations that were already stored when this session began (a resume).
        seconden: Wall time of this session.
        reden: Why it stopped.
    """

    generaties: list[dict[str, Any]]
    simulaties_totaal: int
    simulaties_nu: int
    al_klaar: int
    seconden: float
    reden: str


def _stil() -> None:
    for naam in ("ABC", "ABC.Sampler", "ABC.Epsilon", "ABC.History", "ABC.Distance",
                 "ABC.Acceptor", "ABC.Population", "ABC.Transition", "ABC.Predictor"):
        logging.getLogger(naam).setLevel(logging.WARNING)


def _sampler(werkers: int, scheduler: str | None) -> Any:
    import pyabc

    if scheduler:
        from distributed import Client

        return pyabc.sampler.DaskDistributedSampler(dask_client=Client(scheduler))
    if werkers <= 1:
        return pyabc.sampler.SingleCoreSampler(check_max_eval=True)
    return pyabc.sampler.MulticoreEvalParallelSampler(n_procs=werkers, check_max_eval=True)


def controleer_opzet(map_: Path, opzet: Instellingen,
                     extra: Mapping[str, Any] | None = None) -> None:
    """Write ``kalibratie.json``, or check that a folder's earlier calibration is this one.

    Args:
        map_: The calibration folder.
        opzet: The settings.
        extra: More settings that must match on a resume (a staged calibration's stages).

    Raises:
        ScenarioFout: The folder holds another calibration (other scenario, parameters,
            targets, seed, population, horizon or overrides).
    """
    pad = map_ / OPZET
    nieuw = json.loads(json.dumps({**asdict(opzet), **(extra or {})}))
    if pad.is_file():
        oud = json.loads(pad.read_text())
        # a setting added later counts at its default in a folder written before it existed
        standaard = {f.name: f.default for f in fields(Instellingen) if f.default is not MISSING}
        anders = [k for k in nieuw if oud.get(k, standaard.get(k)) != nieuw[k]]
        if anders:
            raise ScenarioFout(f"{map_}: bevat een andere kalibratie (verschil in {anders[0]!r}); "
                               "kies een andere --uit of dezelfde instellingen om te hervatten")
        return
    bewaar_json(pad, nieuw, indent=2)  # atomic: a kill leaves no half-written settings


def kalibreer(simulator: Simulator, vrij: list[Vrij], doelen: list[Kaldoel], map_: Path, *,
              seed: int, populatie: int, budget: int, werkers: int = 1,
              scheduler: str | None = None,
              melding: Callable[[dict[str, Any]], None] | None = None) -> Verloop:
    """Run (or resume) ABC-SMC until the bands are met, the budget is spent or it stalls.

    Args:
        simulator: The model (writes every simulation into ``map_/simulaties``).
        vrij: Free parameters (triangular priors over their ranges, see :mod:`.prior`).
        doelen: Targets with their bands.
        map_: The calibration folder (``abc.db`` is pyabc's database).
        seed: Calibration seed (proposals of generation t use ``SeedSequence([seed, t])``).
        populatie: Accepted parameter sets per generation.
        budget: Simulations at most, over all sessions.
        werkers: Local processes (1: in this process, deterministic).
        scheduler: Dask scheduler address (overrides ``werkers``).
        melding: Called after each generation with its row of :attr:`Verloop.generaties`.
    """
    import pyabc

    _stil()
    begin = time.perf_counter()
    al_klaar = len(list(simulator.map.glob("*.json")))
    # logistic scale: distributed as each prior after Vrij.waarde (see .prior)
    prior = pyabc.Distribution(**{pyabc_naam(v.pad): pyabc.RV("logistic", 0, 1) for v in vrij})
    waargenomen = {d.doel: d.waarde if math.isfinite(d.waarde) else 0.0 for d in doelen}
    db = "sqlite:///" + str((map_ / DATABASE).resolve())
    sampler = _sampler(werkers, scheduler)

    def smc() -> Any:
        return pyabc.ABCSMC(simulator, prior, Afstand(doelen), population_size=populatie,
                            eps=pyabc.QuantileEpsilon(alpha=0.5), sampler=sampler)

    reden = "maximaal aantal generaties"
    while True:
        abc = smc()
        if _heeft_run(map_ / DATABASE):
            abc.load(db, 1)
        else:
            # no file, or a kill between creating it and storing the run: no generation was
            # stored (finished simulations are in their JSON files), so the run starts anew
            (map_ / DATABASE).unlink(missing_ok=True)
            abc.new(db, waargenomen)
        rijen = generaties(abc.history)
        t = len(rijen)
        if rijen and rijen[-1]["tolerantie"] <= 0:
            reden = "alle doelen binnen hun band (tolerantie 0)"
            break
        if t >= MAX_GENERATIES:
            break
        rest = budget - int(abc.history.total_nr_simulations or 0)
        # a generation needs about populatie / acceptance runs, and acceptance falls as the
        # tolerance shrinks: do not start one the rest of the budget cannot finish
        nodig = populatie / max(rijen[-1]["acceptatie"] / 2, 0.01) if rijen else 2 * populatie
        if rest < nodig:
            reden = (f"budget op ({rest} simulaties over, de volgende generatie vraagt er naar "
                     f"schatting {nodig:.0f})")
            break
        # pyabc draws its proposals from numpy's global generator: seed it per generation
        np.random.seed(int(np.random.SeedSequence([seed, t]).generate_state(1)[0]))  # noqa: NPY002
        simulator.generatie = t
        na = generaties(abc.run(max_nr_populations=1, minimum_epsilon=0.0,
                                min_acceptance_rate=populatie / rest))
        if len(na) == t:
            reden = "budget op (de volgende generatie zou het overschrijden)"
            break
        if melding:
            melding(na[-1])
    nu = len(list(simulator.map.glob("*.json"))) - al_klaar
    return Verloop(generaties(abc.history), int(abc.history.total_nr_simulations or 0), nu,
                   al_klaar, time.perf_counter() - begin, reden)


def _heeft_run(pad: Path) -> bool:
    """Whether pyabc's database at ``pad`` holds the calibration's run (id 1)."""
    if not pad.is_file():
        return False
    try:
        with closing(sqlite3.connect(pad)) as db:
            return db.execute("SELECT 1 FROM abc_smc WHERE id = 1").fetchone() is not None
    except sqlite3.Error:  # empty file or no table yet
        return False


def generaties(history: Any) -> list[dict[str, Any]]:
    """Per generation: number, tolerance, simulations, acceptance rate, effective size.

    ``ess`` is the effective sample size of the generation's importance weights,
    ``1 / sum(w^2)`` (weights summing to 1): the number of equally weighted members the weighted
    population is worth. Far below the population size, the ensemble rests on a few members.
    """
    pops = history.get_all_populations()
    pops = pops[pops["t"] >= 0]
    uit = []
    for r in pops.itertuples():
        n = int(r.samples)
        _, w = history.get_distribution(m=0, t=int(r.t))
        w = np.asarray(w, dtype=float) / float(np.sum(w))
        uit.append({"generatie": int(r.t), "tolerantie": float(r.epsilon), "simulaties": n,
                    "acceptatie": float(r.particles / n) if n else math.nan,
                    "ess": float(1.0 / np.sum(w ** 2))})
    return uit
