"""Run many (scenario, seed) pairs, in parallel processes when asked, in a fixed order.

Each run has its own seed, so the results do not depend on the number of workers or on which
worker ran what (:func:`draai` returns them in the order of the tasks).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

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
    uit: list[pd.DataFrame] = []
    if werkers <= 1:
        for taak in taken:
            uit.append(_een(taak))
            if melding:
                melding(len(uit), len(taken))
        return uit
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=werkers, mp_context=context) as pool:
        for ts in pool.map(_een, taken):
            uit.append(ts)
            if melding:
                melding(len(uit), len(taken))
    return uit
