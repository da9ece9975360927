"""Scenario discovery with PRIM: which uncertainty ranges make a policy fail a threshold.

Main objects:
    * :func:`prim` - patient rule induction (Friedman & Fisher 1999) by the EMA Workbench
      (``ema_workbench.analysis.prim``): returns the peeling and pasting trajectory and the
      chosen box.

Method:
    1. Start with the box that holds every run. ``y`` marks the runs that fail.
    2. The EMA Workbench peels: for every uncertainty it tries cutting off the lowest and the
       highest ``alpha`` share (5%) of the runs still in the box and keeps the cut that gives the
       highest share of failures in the remaining box (the *density*; EMA's ``ORIGINAL``
       objective), while the box holds at least ``min_massa`` (5%) of all runs. Then it pastes
       (widens a limit again where that raises the density).
    3. Along the trajectory, *coverage* is the share of all failures inside the box. The chosen
       box is the densest one that still covers at least ``min_dekking`` (50%) of the failures.
    Only the uncertainties whose limits moved are reported as restrictions.

The EMA Workbench is imported inside :func:`prim` only (it takes seconds to import).
``tests/test_sweep_ontdekking.py`` shows it finds the same boxes as the hand-written peeling it
replaced.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd


def prim(x: pd.DataFrame, y: np.ndarray, *, alpha: float = 0.05, min_massa: float = 0.05,
         min_dekking: float = 0.5) -> tuple[pd.DataFrame, dict[str, tuple[float, float]], dict]:
    """Find a box in the uncertainty space where failures concentrate.

    Args:
        x: Uncertainty values, one numeric column per uncertainty, one row per run.
        y: Boolean array, True where the run fails the threshold.
        alpha: Share of the box's runs peeled off per step.
        min_massa: Stop when the box would hold fewer than this share of all runs.
        min_dekking: The chosen box covers at least this share of all failures.

    Returns:
        ``(traject, box, maten)``: the trajectory (one row per step: ``stap``, ``n``,
        ``massa``, ``dekking``, ``dichtheid``), the restricted limits of the chosen box
        (uncertainty -> (low, high)) and the trajectory row of the chosen box.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # optional parallel back-ends it does not find
        from ema_workbench.analysis import prim as ema_prim

    y = np.asarray(y, dtype=bool).astype(int)
    with warnings.catch_warnings():
        # pandas deprecations inside the library are not ours to act on
        warnings.filterwarnings("ignore", module=r"ema_workbench\.")
        peiler = ema_prim.Prim(x.reset_index(drop=True), y, peel_alpha=alpha,
                               mass_min=min_massa,
                               obj_function=ema_prim.PRIMObjectiveFunctions.ORIGINAL)
        gevonden = peiler.find_box()
    ema = gevonden.peeling_trajectory
    traject = pd.DataFrame({"stap": ema["id"].astype(int), "n": ema["n"].astype(int),
                            "massa": ema["mass"].astype(float),
                            "dekking": ema["coverage"].astype(float),
                            "dichtheid": ema["density"].astype(float)})
    kandidaten = traject[traject["dekking"] >= min_dekking]
    keuze = int(kandidaten.sort_values(["dichtheid", "dekking"], ascending=False)["stap"].iloc[0]
                if len(kandidaten) else 0)
    grenzen, start = gevonden.box_lims[keuze], peiler.box_init
    box = {kolom: (float(grenzen[kolom].iloc[0]), float(grenzen[kolom].iloc[1]))
           for kolom in x.columns
           if not np.allclose(grenzen[kolom].to_numpy(float), start[kolom].to_numpy(float))}
    return traject, box, traject.iloc[keuze].to_dict()
