"""Experimental designs: from a declaration to the table of runs.

Main objects:
    * :func:`eenheidsontwerp` - design points in the unit hypercube (grid, scipy.qmc Latin
      hypercube, SALib Sobol/Saltelli or SALib Morris).
    * :func:`naar_waarden` - map unit points onto each uncertainty's bounds and distribution
      (scipy.stats inverse CDFs).
    * :func:`maak_runs` - cross design points, lever settings and replications into runs with a
      stable ``run_id`` and a seed derived from the master seed and the design index
      (``numpy.random.SeedSequence``), never from time or worker identity.
    * :func:`salib_probleem` - the SALib problem dict of the design (unit bounds).

Runs at the same design point and replication share their seed across lever settings (common
random numbers), so differences between policies are not sampling noise.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simulatie.experiment.sweep.declaratie import Ontwerp, Onzekerheid, SweepDeclaratie, is_geheel

if TYPE_CHECKING:
    from scipy import stats


def salib_probleem(onzekerheden: Sequence[Onzekerheid]) -> dict:
    """The SALib problem over the unit hypercube (values are mapped afterwards).

    Args:
        onzekerheden: The uncertainties, in design order.

    Returns:
        A SALib problem dict with ``num_vars``, ``names`` and unit ``bounds``.
    """
    return {"num_vars": len(onzekerheden), "names": [o.pad for o in onzekerheden],
            "bounds": [[0.0, 1.0]] * len(onzekerheden)}


def eenheidsontwerp(ontwerp: Ontwerp, onzekerheden: Sequence[Onzekerheid]) -> np.ndarray:
    """Design points in the unit hypercube, one row per point.

    Args:
        ontwerp: Method, sizes and master seed.
        onzekerheden: The uncertainties (columns).

    Returns:
        Array of shape (points, len(onzekerheden)); one empty row when there are none.
    """
    d = len(onzekerheden)
    if d == 0:
        return np.zeros((1, 0))
    if ontwerp.methode == "grid":
        niveaus = np.linspace(0.0, 1.0, ontwerp.niveaus)
        return np.array(list(itertools.product(niveaus, repeat=d)), dtype=float)
    if ontwerp.methode == "lhs":
        from scipy.stats import qmc  # scipy.stats takes a second to import: only when sampled

        return qmc.LatinHypercube(d=d, rng=np.random.default_rng(ontwerp.seed)).random(ontwerp.n)
    probleem = salib_probleem(onzekerheden)
    if ontwerp.methode == "sobol":
        from SALib.sample import sobol

        return sobol.sample(probleem, ontwerp.n, calc_second_order=ontwerp.tweede_orde,
                            seed=ontwerp.seed)
    from SALib.sample import morris

    return morris.sample(probleem, ontwerp.n, num_levels=ontwerp.niveaus, seed=ontwerp.seed)


def _verdeling(o: Onzekerheid) -> stats.rv_continuous:
    """The frozen scipy distribution of an uncertainty on ``[min, max]``."""
    from scipy import stats

    breedte = o.max - o.min
    if o.verdeling == "driehoek":
        return stats.triang(c=(o.modus - o.min) / breedte, loc=o.min, scale=breedte)
    if o.verdeling == "normaal":
        a, b = (o.min - o.gemiddelde) / o.sd, (o.max - o.gemiddelde) / o.sd
        return stats.truncnorm(a, b, loc=o.gemiddelde, scale=o.sd)
    return stats.uniform(loc=o.min, scale=breedte)


def naar_waarden(eenheid: np.ndarray, onzekerheden: Sequence[Onzekerheid]) -> pd.DataFrame:
    """Map unit points onto the uncertainties' values (integers are rounded).

    Args:
        eenheid: Unit design, one column per uncertainty.
        onzekerheden: The uncertainties.

    Returns:
        DataFrame with one column per uncertainty path.
    """
    kolommen = {}
    for j, o in enumerate(onzekerheden):
        waarden = _verdeling(o).ppf(np.clip(eenheid[:, j], 0.0, 1.0))
        kolommen[o.pad] = np.rint(waarden).astype(int) if is_geheel(o.pad) else waarden
    return pd.DataFrame(kolommen, index=pd.RangeIndex(len(eenheid)))


def run_seed(master: int, punt: int, replicatie: int) -> int:
    """Seed of a run from the master seed, design point and replication (SeedSequence)."""
    return int(np.random.SeedSequence([master, punt, replicatie]).generate_state(1)[0])


def maak_runs(d: SweepDeclaratie) -> pd.DataFrame:
    """All runs of a sweep, in a deterministic order.

    Args:
        d: A validated sweep declaration.

    Returns:
        One row per run: ``run_id``, ``punt`` (design point), ``hefboom_index``,
        ``replicatie``, ``seed``, then one column per lever path and uncertainty path, then
        (with worlds) one column per world path holding the value of the run's replication.
    """
    eenheid = eenheidsontwerp(d.ontwerp, d.onzekerheid)
    punten = naar_waarden(eenheid, d.onzekerheid)
    punten.insert(0, "punt", np.arange(len(eenheid)))
    hefbomen = pd.DataFrame(d.hefboom_combinaties())
    hefbomen.insert(0, "hefboom_index", np.arange(len(hefbomen)))
    replicaties = pd.DataFrame({"replicatie": np.arange(d.ontwerp.replicaties)})
    runs = hefbomen.merge(punten, how="cross").merge(replicaties, how="cross")
    runs["seed"] = [run_seed(d.ontwerp.seed, p, r)
                    for p, r in zip(runs["punt"], runs["replicatie"], strict=True)]
    runs.insert(0, "run_id", [f"p{p:06d}-h{h:03d}-r{r:03d}" for p, h, r in
                              zip(runs["punt"], runs["hefboom_index"], runs["replicatie"],
                                  strict=True)])
    for pad in d.wereld_paden():
        runs[pad] = [d.wereld[r][pad] for r in runs["replicatie"]]
    vooraan = ["run_id", "punt", "hefboom_index", "replicatie", "seed"]
    return runs[vooraan + [c for c in runs.columns if c not in vooraan]]
