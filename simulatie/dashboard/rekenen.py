"""Runs off the web process: a process pool fed in priority order.

The web server is one Python process; a ten-year run of a municipality takes about a second of
CPU. Training plans and background replications therefore run in a small pool of worker
processes (``forkserver``: no fork of the multi-threaded server; workers preload the model and
run at a lower CPU priority, so clicks in the web process go first). A dispatcher thread keeps
as many tasks in flight as there are workers and takes the next one from a priority queue, so a
team's plan (priority :data:`PLAN`) never waits behind a queue of replications for uncertainty
bands (:data:`REPLICATIE`); replications also wait until no plan has come in for
:data:`RUST_S` seconds, so that teams submitting together find the workers free.

A run is a pure function of its task (scenario, rounds, seed, horizon), so the pool computes each
distinct task once: a task that is already running waits for that run, and one that ran recently
gets its result again (:data:`ONTHOUDEN` results kept). In a room, teams often submit the same
plan (with four policies there are 16 combinations; with 8 teams a repeat is likely), a team
that resubmits an unchanged plan in a later round repeats its run, and a reloaded page asks for
the same background replications.

Main objects: :class:`Taak`, :func:`reken` (what a worker does), :class:`Rekenaar` and
:func:`rekenaar` (the server's pool, created on first use; size from
:data:`WERKERS_VAR`, default 2).
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import heapq
import itertools
import json
import logging
import multiprocessing
import os
import statistics
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simulatie.experiment.processen import volg_driver

log = logging.getLogger(__name__)

#: Priorities: lower runs first.
PLAN, SCHATTING, REPLICATIE = 0, 1, 2
#: Seconds after the last plan was submitted before a replication may start. Teams tend to
#: submit together; a replication that starts on a free worker between two submissions holds
#: that worker for a whole run while the next plans wait (measured with 25 participants in 8
#: teams: the workers spent 10-14 CPU-s before the last plan was on the projector with
#: replications, 7-10 without them).
RUST_S = 3.0
#: Environment variable with the number of worker processes (``simulatie dashboard
#: --rekenprocessen``); 0 computes in a thread of the web process (tests).
WERKERS_VAR = "SIMULATIE_REKENPROCESSEN"
#: CPU priority of the workers (``os.nice``): the web process answers clicks first.
NICE = 10
#: Results of distinct tasks kept for a repeat (a result is some 40 kB: at most a few MB).
ONTHOUDEN = 64
#: Durations of recent full-horizon runs behind the waiting-time estimate (:meth:`wachttijd`).
DUREN = 16


@dataclass(frozen=True)
class Taak:
    """One run: a scenario without policies, the rounds of a plan, a seed.

    Attributes:
        basis: ``Scenario.model_dump()`` of the municipality, parameters and horizon.
        rondes: ``(start month, {policy: settings})`` per round.
        seed: Seed of the run.
        maanden: Horizon (default: the scenario's).
        kolommen: Columns to return (default all): a smaller result travels faster.
    """

    basis: dict[str, Any]
    rondes: tuple[tuple[int, dict[str, dict[str, Any]]], ...]
    seed: int
    maanden: int | None = None
    kolommen: tuple[str, ...] | None = None

    def sleutel(self) -> str:
        """What identifies the run: equal keys give equal results (runs are deterministic).

        The task's full content as JSON; a task with a value JSON cannot hold exactly gets a
        key of its own (it is never shared).
        """
        try:
            tekst = json.dumps(dataclasses.asdict(self), sort_keys=True, default=_als_json)
        except (TypeError, ValueError):
            return uuid.uuid4().hex
        return hashlib.sha256(tekst.encode()).hexdigest()


def _als_json(waarde: Any) -> Any:
    """JSON form of the values a scenario dump may hold besides plain ones (else TypeError)."""
    if hasattr(waarde, "model_dump"):  # a pydantic model: settings of a policy
        return waarde.model_dump(mode="json")
    if isinstance(waarde, np.ndarray | np.generic):
        return waarde.tolist()
    raise TypeError(f"no exact JSON form for {type(waarde).__name__}")


@dataclass
class Uitkomst:
    """What a run returns.

    Attributes:
        tijdreeks: Monthly outputs (months 0..horizon), or None after an error.
        fout: Dutch message when the run failed.
        seconden: Wall time in the worker.
    """

    tijdreeks: pd.DataFrame | None
    fout: str = ""
    seconden: float = 0.0

    def kopie(self) -> Uitkomst:
        """The same result with its own table (receivers may add columns)."""
        ts = None if self.tijdreeks is None else self.tijdreeks.copy()
        return Uitkomst(ts, self.fout, self.seconden)


def reken(taak: Taak) -> Uitkomst:
    """Run one task (in a worker process); errors come back as a message, not an exception."""
    from simulatie.dashboard.rondes import Ronde, RondeFout, speel
    from simulatie.kern.scenario import ScenarioFout, bouw_scenario

    begin = time.perf_counter()
    try:
        basis = bouw_scenario({**taak.basis, "beleid": {}}, bron="training")
        rondes = [Ronde(start, beleid) for start, beleid in taak.rondes]
        ts = speel(basis, rondes, taak.seed, taak.maanden)
    except (RondeFout, ScenarioFout, ValueError) as fout:
        return Uitkomst(None, f"Dit plan kan niet: {fout}", time.perf_counter() - begin)
    if taak.kolommen:
        ts = ts[[k for k in taak.kolommen if k in ts.columns]]
    return Uitkomst(ts, "", time.perf_counter() - begin)


def _werker_start() -> None:
    """Run workers at a lower CPU priority than the web process, and end them with it.

    A server that is killed (SIGKILL, out of memory) runs no ``atexit``: without
    :func:`~simulatie.experiment.processen.volg_driver` its workers and forkserver would
    stay behind.
    """
    volg_driver()
    try:
        os.nice(NICE)
    except OSError:  # not allowed: run at normal priority
        pass


def _opwarmen() -> float:
    """A tiny run with every policy in a fresh worker, before any plan reaches it.

    The first run in a process pays for imports, caches and first allocations (measured with 25
    participants: the compute processes used 2.6 CPU-s more in a server's first session than in
    the next ones, and its last plan came about 2 s later). The pool queues one per worker when
    it starts, at the trainer's first action, long before the teams submit.

    Returns:
        Wall seconds of the run.
    """
    from simulatie.experiment.run import simuleer
    from simulatie.kern.beleid import register
    from simulatie.kern.scenario import bouw_scenario

    begin = time.perf_counter()
    gemeente = {"preset": "Groningen", "inwoners": 2_000, "wwb": 92, "wajong": 37, "wsw": 15,
                "awbz_extramuraal": 65, "wijken": 2}
    beleid = {naam: {"actief": True} for naam in register()}
    simuleer(bouw_scenario({"gemeente": gemeente, "maanden": 3, "beleid": beleid},
                           bron="opwarmen"), seed=0, voortgang=False)
    return time.perf_counter() - begin


def _opgewarmd(future: Future) -> None:
    """Log a warm-up that failed (the pool works without it)."""
    if not future.cancelled() and future.exception() is not None:
        log.warning("warming up a compute process failed: %s", future.exception())


@dataclass(frozen=True)
class Wachttijd:
    """Where a task stands in the pool, and when it should be done.

    Attributes:
        voor: Runs that go before it (queued first, or running while it waits).
        seconden: Expected seconds until its result is back (from recent run times).
    """

    voor: int
    seconden: float


@dataclass(order=True)
class _Wachtend:
    prioriteit: int
    volgnummer: int
    taak: Taak = field(compare=False)
    klaar: Callable[[Uitkomst], None] = field(compare=False)
    sleutel: str = field(compare=False, default="")


class Rekenaar:
    """A process pool fed from a priority queue; each distinct task is computed once.

    Args:
        werkers: Worker processes; 0 runs tasks in one thread of this process (tests).
    """

    def __init__(self, werkers: int = 2) -> None:
        """Start the pool; each worker starts at once with a warm-up run (:func:`_opwarmen`)."""
        self.werkers = max(0, int(werkers))
        self._wachtrij: list[_Wachtend] = []
        self._teller = itertools.count()
        self._bezig = 0
        self._slot = threading.Condition()
        self._gesloten = False
        #: Receivers of each running task, by key.
        self._lopend: dict[str, list[Callable[[Uitkomst], None]]] = {}
        #: Recent results by key (least recently used first).
        self._uitkomsten: OrderedDict[str, Uitkomst] = OrderedDict()
        #: Tasks answered with another task's run (running or recent).
        self.hergebruikt = 0
        #: Start (``time.monotonic()``) of each running task, by key.
        self._gestart: dict[str, float] = {}
        #: Wall seconds of recent full-horizon runs (plans and replications).
        self._duren: deque[float] = deque(maxlen=DUREN)
        #: Replications wait this long after the last plan (:data:`RUST_S`).
        self.rust_s = RUST_S
        self._laatste_plan = float("-inf")
        if self.werkers:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["simulatie.dashboard.rekenen",
                                        "simulatie.dashboard.rondes"])
            self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
                max_workers=self.werkers, mp_context=ctx, initializer=_werker_start)
            for _ in range(self.werkers):  # start every worker now, warmed up (_opwarmen)
                self._pool.submit(_opwarmen).add_done_callback(_opgewarmd)
        else:
            self._pool = None
        self._draad = threading.Thread(target=self._verdeel, name="rekenaar", daemon=True)
        self._draad.start()

    def dien_in(self, taak: Taak, klaar: Callable[[Uitkomst], None],
                prioriteit: int = PLAN) -> None:
        """Queue a task; ``klaar(uitkomst)`` is called in a thread of this process when done."""
        sleutel = taak.sleutel()
        with self._slot:
            if self._gesloten:
                raise RuntimeError("rekenaar is closed")
            heapq.heappush(self._wachtrij, _Wachtend(prioriteit, next(self._teller), taak,
                                                     klaar, sleutel))
            if prioriteit == PLAN:
                self._laatste_plan = time.monotonic()
            self._slot.notify_all()

    def vergeet(self) -> None:
        """Drop the kept results (e.g. when the last session of the server ends)."""
        with self._slot:
            self._uitkomsten.clear()

    @property
    def plan_seconden(self) -> float | None:
        """Median wall time of the recent full-horizon runs (None before the first)."""
        with self._slot:
            return statistics.median(self._duren) if self._duren else None

    def wachttijd(self, sleutel: str) -> Wachttijd | None:
        """How long the task with this key (:meth:`Taak.sleutel`) should still take.

        Queued: the runs before it (in the order the pool takes them) and the running ones,
        spread over the workers; running: a run's time minus what it has been going. None
        when the task is neither queued nor running, or no run time is known yet.
        """
        nu = time.monotonic()
        with self._slot:
            if not self._duren:
                return None
            duur = statistics.median(self._duren)
            if sleutel in self._gestart:
                return Wachttijd(0, max(0.5, duur - (nu - self._gestart[sleutel])))
            eigen = [w for w in self._wachtrij if w.sleutel == sleutel]
            if not eigen:
                return None
            plek = min(eigen)
            voor = {w.sleutel for w in self._wachtrij if w < plek} - set(self._lopend) \
                - set(self._uitkomsten)
            lopend = len(self._lopend)
        plekken = max(1, self.werkers)
        return Wachttijd(len(voor) + lopend,
                         duur * (len(voor) + 0.5 * lopend) / plekken + duur)

    @property
    def wachtend(self) -> int:
        """Tasks queued or running."""
        with self._slot:
            return len(self._wachtrij) + self._bezig

    def _wacht_op_beurt(self) -> bool:
        """Wait (holding the lock) until the first queued task may go; False when closed.

        A task whose run is going or kept needs no free worker; any other waits for one, and a
        replication also until :attr:`rust_s` has passed since the last plan came in.
        """
        while not self._gesloten:
            if not self._wachtrij:
                self._slot.wait()
                continue
            eerst = self._wachtrij[0]
            if eerst.sleutel in self._lopend or eerst.sleutel in self._uitkomsten:
                return True
            if self._bezig >= max(1, self.werkers):
                self._slot.wait()
                continue
            rust = self._laatste_plan + self.rust_s - time.monotonic()
            if eerst.prioriteit == REPLICATIE and rust > 0:
                self._slot.wait(rust)
                continue
            return True
        return False

    def _verdeel(self) -> None:
        while True:
            with self._slot:
                if not self._wacht_op_beurt():
                    return
                item = heapq.heappop(self._wachtrij)
                bewaard = self._uitkomsten.get(item.sleutel)
                if bewaard is not None:
                    self._uitkomsten.move_to_end(item.sleutel)
                    self.hergebruikt += 1
                elif item.sleutel in self._lopend:  # the same run is going: wait for it
                    self._lopend[item.sleutel].append(item.klaar)
                    self.hergebruikt += 1
                    continue
                else:
                    self._lopend[item.sleutel] = [item.klaar]
                    self._gestart[item.sleutel] = time.monotonic()
                    self._bezig += 1
            if bewaard is not None:
                _geef(item.klaar, bewaard.kopie())
                continue
            if self._pool is None:
                self._klaar(item, _direct(item.taak))
                continue
            try:
                toekomst = self._pool.submit(reken, item.taak)
            except Exception as fout:  # noqa: BLE001 - e.g. a broken pool: report, keep going
                log.exception("could not start a run in the pool")
                self._klaar(item, Uitkomst(None, "De berekening kon niet starten "
                                                 f"({type(fout).__name__})."))
                continue
            toekomst.add_done_callback(lambda f, item=item: self._klaar(item, f))

    def _klaar(self, item: _Wachtend, f: Future | Uitkomst) -> None:
        if isinstance(f, Uitkomst):
            uitkomst = f
        else:
            try:
                uitkomst = f.result()
            except Exception as fout:  # noqa: BLE001 - a crashed worker must not stop the room
                log.exception("run failed in a worker")
                uitkomst = Uitkomst(None, f"De berekening is mislukt ({type(fout).__name__}).")
        with self._slot:
            self._bezig -= 1
            ontvangers = self._lopend.pop(item.sleutel, [item.klaar])
            self._gestart.pop(item.sleutel, None)
            if uitkomst.tijdreeks is not None and item.taak.maanden is None:
                self._duren.append(uitkomst.seconden)  # a full-horizon run (not an estimate)
            # Only results are kept: a failure of the pool may not repeat, and a plan that
            # cannot be played is refused again at once.
            if uitkomst.tijdreeks is not None:
                self._uitkomsten[item.sleutel] = uitkomst
                while len(self._uitkomsten) > ONTHOUDEN:
                    self._uitkomsten.popitem(last=False)
            self._slot.notify_all()
        for i, klaar in enumerate(ontvangers):
            _geef(klaar, uitkomst if i == 0 else uitkomst.kopie())

    def sluit(self) -> None:
        """Stop the dispatcher and the workers (queued tasks are dropped, running ones end)."""
        with self._slot:
            self._gesloten = True
            self._wachtrij.clear()
            self._slot.notify_all()
        if self._pool is not None:
            # The executor does not stop a worker in the middle of a run; a closing server
            # must not leave them behind, so they are ended here.
            processen = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for proces in processen:
                if proces.is_alive():
                    proces.terminate()
            for proces in processen:
                proces.join(timeout=5)


def _geef(klaar: Callable[[Uitkomst], None], uitkomst: Uitkomst) -> None:
    """Hand a result to its receiver; a receiver's error is logged, not raised."""
    try:
        klaar(uitkomst)
    except Exception:  # noqa: BLE001
        log.exception("handling a finished run failed")


def _direct(taak: Taak) -> Uitkomst:
    try:
        return reken(taak)
    except Exception as fout:  # noqa: BLE001
        log.exception("run failed")
        return Uitkomst(None, f"De berekening is mislukt ({type(fout).__name__}).")


_REKENAAR: Rekenaar | None = None
_REKENAAR_SLOT = threading.Lock()


def vergeet_uitkomsten() -> None:
    """Drop the pool's kept results, if the pool exists (the last session has ended)."""
    with _REKENAAR_SLOT:
        pool = _REKENAAR
    if pool is not None:
        pool.vergeet()


def rekenaar() -> Rekenaar:
    """The server process's pool (created on first use; :data:`WERKERS_VAR` workers)."""
    global _REKENAAR
    with _REKENAAR_SLOT:
        if _REKENAAR is None:
            try:
                werkers = int(os.environ.get(WERKERS_VAR, "2"))
            except ValueError:
                werkers = 2
            _REKENAAR = Rekenaar(werkers)
            atexit.register(_REKENAAR.sluit)  # uvicorn returns on SIGINT/SIGTERM: clean up
        return _REKENAAR
