"""Run many (scenario, seed) pairs, in parallel processes when asked, in a fixed order.

Each run has its own seed, so the results do not depend on the number of workers or on which
worker ran what (:func:`draai` returns them in the order of the tasks).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing.context import BaseContext

import pandas as pd

from simulatie.kern.scenario import Scenario


def _een(taak: tuple[Scenario, int]) -> pd.DataFrame:
    from simulatie.experiment.run import simuleer

    scenario, seed = taak
    return simuleer(scenario, seed=seed, voortgang=False).tijdreeks


def draai(taken: Sequence[tuple[Scenario, int]], werkers: int = 1,
          melding: Callable[[int, int], None] | None = None) -> list[pd.DataFrame]:
    """The ``tijdreeks`` of each (scenario, seed), in the order of ``taken``.

    Args:
        taken: Scenario and seed per run.
        werkers: Processes (1: in this process).
        melding: Called with (done, total) after each run, for progress.
    """
    uit: list[pd.DataFrame] = [None] * len(taken)  # type: ignore[list-item]
    for klaar, (i, ts) in enumerate(draai_los(taken, werkers), start=1):
        uit[i] = ts
        if melding:
            melding(klaar, len(taken))
    return uit


def draai_los(taken: Sequence[tuple[Scenario, int]],
              werkers: int = 1) -> Iterator[tuple[int, pd.DataFrame]]:
    """Each run's (index in ``taken``, ``tijdreeks``) as soon as it is done, in one pool.

    :func:`draai` collects them in order; a calibration stores each as it finishes. The
    workers stay up for all the runs, and at most ``werkers`` runs are in flight, so closing
    the generator early (an interruption) leaves no queue of runs behind.

    Args:
        taken: Scenario and seed per run.
        werkers: Processes (1: in this process, in order).
    """
    if werkers <= 1:
        for i, taak in enumerate(taken):
            yield i, _een(taak)
        return
    pool = ProcessPoolExecutor(max_workers=werkers, mp_context=_context())
    try:
        volgende, bezig = 0, {}
        while volgende < len(taken) or bezig:
            while volgende < len(taken) and len(bezig) < werkers:
                bezig[pool.submit(_een, taken[volgende])] = volgende
                volgende += 1
            klaar, _ = wait(bezig, return_when=FIRST_COMPLETED)
            for f in klaar:
                yield bezig.pop(f), f.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> BaseContext:
    """``forkserver`` processes that import the model once, in the server, not per worker."""
    context = multiprocessing.get_context("forkserver")
    # takes effect when this process starts its forkserver (the first pool), else is ignored
    context.set_forkserver_preload([__name__, "simulatie.experiment.run"])
    return context
