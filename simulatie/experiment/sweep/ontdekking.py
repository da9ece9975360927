"""Scenario discovery with PRIM-lite: which uncertainty ranges make a policy fail a threshold.

Main objects:
    * :func:`prim` - patient rule induction by box peeling (Friedman & Fisher 1999), without
      pasting: returns the peeling trajectory and the chosen box.

Method (deliberately simple, so a reader can check it):
    1. Start with the box that holds every run. ``y`` marks the runs that fail.
    2. For every uncertainty, try cutting off the lowest and the highest ``alpha`` share (5%) of
       the runs still in the box (at least the runs at the extreme value). Keep the one cut
       that gives the highest share of failures in the remaining box (the *density*).
    3. Repeat while the box holds at least ``min_massa`` (5%) of all runs.
    4. Along the trajectory, *coverage* is the share of all failures inside the box. The chosen
       box is the densest one that still covers at least ``min_dekking`` (50%) of the failures.
    Only the uncertainties whose limits moved are reported as restrictions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def prim(x: pd.DataFrame, y: np.ndarray, *, alpha: float = 0.05, min_massa: float = 0.05,
         min_dekking: float = 0.5) -> tuple[pd.DataFrame, dict[str, tuple[float, float]], dict]:
    """Find a box in the uncertainty space where failures concentrate.

    Args:
        x: Uncertainty values, one column per uncertainty, one row per run.
        y: Boolean array, True where the run fails the threshold.
        alpha: Share of the box's runs peeled off per step.
        min_massa: Stop when the box would hold fewer than this share of all runs.
        min_dekking: The chosen box covers at least this share of all failures.

    Returns:
        ``(traject, box, maten)``: the trajectory (one row per step: ``stap``, ``massa``,
        ``dekking``, ``dichtheid``, ``n``), the restricted limits of the chosen box
        (uncertainty -> (low, high)) and its ``massa``, ``dekking`` and ``dichtheid``.
    """
    y = np.asarray(y, dtype=bool)
    waarden = x.to_numpy(dtype=float)
    n, totaal = len(y), int(y.sum())
    binnen = np.ones(n, dtype=bool)
    grenzen = np.column_stack([waarden.min(axis=0), waarden.max(axis=0)])
    start = grenzen.copy()
    stappen = [(binnen.copy(), grenzen.copy())]
    while True:
        beste = None
        for j in range(waarden.shape[1]):
            kolom = waarden[binnen, j]
            for kant, q in ((0, alpha), (1, 1 - alpha)):
                grens = float(np.quantile(kolom, q))
                uniek = np.unique(kolom)
                if len(uniek) < 2:
                    continue
                # peel at least the extreme value (replications share their inputs)
                grens = max(grens, uniek[1]) if kant == 0 else min(grens, uniek[-2])
                nieuw = binnen & (waarden[:, j] >= grens if kant == 0 else waarden[:, j] <= grens)
                m = int(nieuw.sum())
                if m == int(binnen.sum()) or m < min_massa * n or m == 0:
                    continue
                dichtheid = y[nieuw].mean()
                if beste is None or (dichtheid, m) > (beste[0], beste[1]):
                    beste = (dichtheid, m, nieuw, j, kant, grens)
        if beste is None:
            break
        _, _, binnen, j, kant, grens = beste
        grenzen = grenzen.copy()
        grenzen[j, kant] = grens
        stappen.append((binnen.copy(), grenzen))
    rijen = []
    for i, (masker, _) in enumerate(stappen):
        m = int(masker.sum())
        rijen.append({"stap": i, "n": m, "massa": m / n,
                      "dekking": float(y[masker].sum() / totaal) if totaal else 0.0,
                      "dichtheid": float(y[masker].mean()) if m else 0.0})
    traject = pd.DataFrame(rijen)
    kandidaten = traject[traject["dekking"] >= min_dekking]
    keuze = int(kandidaten.sort_values(["dichtheid", "dekking"], ascending=False)["stap"].iloc[0]
                if len(kandidaten) else 0)
    gekozen = stappen[keuze][1]
    box = {kolom: (float(gekozen[j, 0]), float(gekozen[j, 1]))
           for j, kolom in enumerate(x.columns)
           if not np.allclose(gekozen[j], start[j])}
    maten = traject.iloc[keuze].to_dict()
    return traject, box, maten
