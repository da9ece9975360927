"""An emulator of the stages' runs, to screen candidates before the full-size confirmation.

The staged calibration (:mod:`.fasen`) draws candidates as independent pairings of the stages'
members. Measured on 2 Dec 2026 (``docs/kalibratie.md``), 8% of such candidates passed every
plain band at full size: each stage's posterior is loose, and a pairing ignores that the groups
push the same targets (the obstacle rates of one group move the Wmo need another is fitted to).
Running every pairing at full size to find the few that pass costs about 13 s a candidate.

History matching (Vernon, Goldstein and Bower 2010, *Bayesian Analysis* 5(4); Andrianakis et al.
2015, *PLoS Comput Biol* 11(1), for an agent-based model) screens candidates with an emulator
first. Here, for every stage and target, a Gaussian process (scikit-learn) is fitted to the
stage's own runs (its group varied on the prior's probability scale, the other groups at their
defaults). A candidate's expectation is the defaults' value plus each group's effect::

    mu(x) = f0 + sum_g [m_g(x_g) - m_g(default_g)]

with ``f0`` the mean of the noise runs at the defaults and ``m_g`` stage ``g``'s emulator. The
variance adds each emulator's variance of its effect, a discrepancy per target and the seed noise
of the verdict. What additivity misses is estimated on check runs of pairings at the
calibration's size: their mean error is added to every prediction, and their remaining variance
beyond the emulators' and the seed noise is the discrepancy, so the screen is only as sure as the
check runs show. The chance that a candidate's full-size mean lies in every band is the product
over targets of a normal probability (targets treated as independent given the candidate).
Measured on Groningen (``docs/kalibratie.md``): these chances are conservative at full size (27
of 53 draws above 0.1 passed, where they summed to 8.1), but they rank well.

Main objects: :class:`Emulator`, :func:`train`, :func:`lees_runs`.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

from simulatie.experiment.kalibratie.doelen import Kaldoel
from simulatie.experiment.kalibratie.prior import Vrij
from simulatie.kern.fouten import ScenarioFout

#: Fewest finite runs a stage needs for its emulator of a target.
MIN_RUNS = 20
#: Shortest length scale of an emulator, on the prior's probability scale (0 to 1).
KORTSTE = 0.15


def lees_runs(map_: Path) -> pd.DataFrame:
    """Stored runs of a folder (``*.json`` as :mod:`.simulator` writes them), one row each.

    Returns:
        A column per parameter path (the run's values) and per target; runs that could not
        start (NaN targets) are kept, with their NaNs.
    """
    rijen = []
    for bestand in sorted(Path(map_).glob("*.json")):
        inhoud = json.loads(bestand.read_text())
        rijen.append({**inhoud.get("parameters", {}), **inhoud["waarden"]})
    return pd.DataFrame(rijen)


def schaal(vrij: Sequence[Vrij], tabel: pd.DataFrame) -> np.ndarray:
    """The parameters of ``tabel`` on the prior's probability scale (each in [0, 1])."""
    return np.column_stack([v.cdf(tabel[v.pad].to_numpy(dtype=float)) for v in vrij])


def _gp(x: np.ndarray, y: np.ndarray, ruis: float) -> Any:
    """A Gaussian process of ``y`` on ``x``: constant times ARD squared-exponential plus noise.

    The noise is the measured seed noise ``ruis`` (a standard deviation), its variance free
    within a factor of two either way, and no length scale is below :data:`KORTSTE` of the
    prior's probability scale. Left free, the fit explained seed noise as a rough response:
    on the first stages' runs of 2 Dec 2026 the ten-year change of WW (seed sd 4.8 against a
    spread of 6.4 over the stage) got length scales of 0.05-0.2 and an emulator sd of 9 on
    pairings, whose residuals then correlated -0.7 with the predicted effect.
    """
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

    ruis_n = max(ruis ** 2 / max(float(np.var(y)), 1e-12), 1e-6)  # normalized by y's scale
    kern = (ConstantKernel(1.0, (1e-3, 1e3))
            * RBF(np.full(x.shape[1], 0.5), (KORTSTE, 50.0))
            + WhiteKernel(min(ruis_n, 1.0), (ruis_n / 2, max(2 * ruis_n, 2e-6))))
    gp = GaussianProcessRegressor(kern, normalize_y=True, random_state=0)
    with warnings.catch_warnings():  # a bound reached is a flat or a very smooth response
        warnings.simplefilter("ignore")
        gp.fit(x, y)
    return gp


def _verschil(gp: Any, x: np.ndarray, x0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The emulated effect ``m(x) - m(x0)`` and its variance (the fitted seed noise left out).

    The variance is that of the difference, ``v(x) + v(x0) - 2 cov(x, x0)``: near the defaults
    the effect is known better than either value (Rasmussen and Williams 2006, algorithm 2.1,
    with the covariance of two test points).
    """
    from scipy.linalg import solve_triangular

    latent = gp.kernel_.k1  # the signal without the noise kernel
    schaal_ = float(np.ravel(gp._y_train_std)[0])
    v0 = solve_triangular(gp.L_, latent(gp.X_train_, x0), lower=True, check_finite=False)
    m0 = float((latent(x0, gp.X_train_) @ gp.alpha_).ravel()[0])
    k00 = float(latent.diag(x0)[0])
    effect, var = np.empty(len(x)), np.empty(len(x))
    for begin in range(0, len(x), 10_000):  # bounded memory: blocks x training runs
        blok = x[begin:begin + 10_000]
        k = latent(blok, gp.X_train_)
        v = solve_triangular(gp.L_, k.T, lower=True, check_finite=False)
        effect[begin:begin + len(blok)] = (k @ gp.alpha_).ravel() - m0
        var[begin:begin + len(blok)] = (latent.diag(blok) + k00 - 2 * latent(blok, x0)[:, 0]
                                        - (v * v).sum(axis=0) - float((v0 * v0).sum())
                                        + 2 * (v * v0).sum(axis=0))
    return schaal_ * effect, np.maximum(var, 0.0) * schaal_ ** 2


@dataclass
class Emulator:
    """Per stage and target a Gaussian process; combined additively over the stages.

    Attributes:
        doelen: The targets (plain bands).
        fasen: Stage name -> its free parameters.
        f0: Each target's value at the defaults (mean of the noise runs).
        ruis: Each target's seed standard deviation of one run at the calibration's size.
        modellen: (stage, target) -> fitted process.
        discrepantie: Each target's variance that additivity misses (0 until
            :meth:`ijk` is called).
        afwijking: Each target's mean error of the additive prediction on the check runs
            (added to every prediction; 0 until :meth:`ijk` is called).
    """

    doelen: list[Kaldoel]
    fasen: dict[str, list[Vrij]]
    f0: dict[str, float]
    ruis: dict[str, float]
    modellen: dict[tuple[str, str], Any]
    discrepantie: dict[str, float] = field(default_factory=dict)
    afwijking: dict[str, float] = field(default_factory=dict)

    def voorspel(self, tabel: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Each candidate's expected target values and the emulators' variance of them.

        Args:
            tabel: A row per candidate, a column per free parameter path.

        Returns:
            ``(mu, var)``, each candidates x targets (in the order of ``doelen``).
        """
        n = len(tabel)
        mu = np.tile([self.f0[d.doel] + self.afwijking.get(d.doel, 0.0) for d in self.doelen],
                     (n, 1)).astype(float)
        var = np.zeros((n, len(self.doelen)))
        for naam, vrij in self.fasen.items():
            x = schaal(vrij, tabel)
            x0 = np.array([[v.cdf(v.default) for v in vrij]])
            for j, d in enumerate(self.doelen):
                gp = self.modellen.get((naam, d.doel))
                if gp is None:
                    continue
                effect, v = _verschil(gp, x, x0)
                mu[:, j] += effect
                var[:, j] += v
        return mu, var

    def ijk(self, tabel: pd.DataFrame, runs: Sequence[Mapping[str, float]],
            seeds: int = 1) -> pd.DataFrame:
        """Estimate each target's mean error and discrepancy from check runs, and report them.

        Args:
            tabel: The checked candidates (a column per free parameter path).
            runs: Each candidate's target values at the calibration's size (the mean of
                ``seeds`` runs).
            seeds: Runs behind each value.

        Returns:
            Per target: ``doel``, ``rmse`` (check runs against the additive prediction),
            ``afwijking`` (their mean error, from now on added to the prediction), ``ruis``,
            ``emulator_sd`` (root mean variance), ``discrepantie_sd``, ``dekking`` (share of
            check runs within two standard deviations of all three).
        """
        self.afwijking = {}
        mu, var = self.voorspel(tabel)
        rijen = []
        for j, d in enumerate(self.doelen):
            y = np.array([r[d.doel] for r in runs], dtype=float)
            goed = np.isfinite(y)
            ruis = self.ruis.get(d.doel, 0.0) ** 2 / seeds
            if not goed.any():
                self.discrepantie[d.doel], self.afwijking[d.doel] = 0.0, 0.0
                rijen.append({"doel": d.doel, "rmse": math.nan, "afwijking": 0.0,
                              "ruis": math.sqrt(ruis), "emulator_sd": math.nan,
                              "discrepantie_sd": 0.0, "dekking": math.nan})
                continue
            rest, v = y[goed] - mu[goed, j], var[goed, j]
            rmse = float(np.sqrt(np.mean(rest ** 2)))
            self.afwijking[d.doel] = float(rest.mean())
            rest = rest - rest.mean()
            disc = max(0.0, float(np.mean(rest ** 2) - np.mean(v) - ruis))
            self.discrepantie[d.doel] = disc
            rijen.append({"doel": d.doel, "rmse": rmse, "afwijking": self.afwijking[d.doel],
                          "ruis": math.sqrt(ruis), "emulator_sd": float(np.sqrt(v.mean())),
                          "discrepantie_sd": math.sqrt(disc),
                          "dekking": float(np.mean(np.abs(rest) <= 2 * np.sqrt(v + ruis + disc)))})
        return pd.DataFrame(rijen)

    def kans(self, tabel: pd.DataFrame, ruis_factor: float = 1.0) -> np.ndarray:
        """Each candidate's chance that its verdict lies inside every plain band.

        Args:
            tabel: Candidates (a column per free parameter path).
            ruis_factor: The verdict's seed variance as a share of one run's at the
                calibration's size (e.g. ``inwoners_kalibratie / inwoners / runs`` for a mean
                of ``runs`` runs at full size; the noise of a share scales as one over the
                population).

        Returns:
            One chance per candidate.
        """
        mu, var = self.voorspel(tabel)
        p = np.ones(len(tabel))
        for j, d in enumerate(self.doelen):
            s = np.sqrt(var[:, j] + self.discrepantie.get(d.doel, 0.0)
                        + ruis_factor * self.ruis.get(d.doel, 0.0) ** 2)
            s = np.maximum(s, 1e-12)
            p *= norm.cdf((d.bovengrens - mu[:, j]) / s) - norm.cdf((d.ondergrens - mu[:, j]) / s)
        return p


def train(fasen: Mapping[str, Sequence[Vrij]], doelen: Sequence[Kaldoel],
          runs: Mapping[str, pd.DataFrame], f0: Mapping[str, float],
          ruis: Mapping[str, float]) -> Emulator:
    """Fit an emulator per stage and target on the stage's runs.

    Args:
        fasen: Stage -> its free parameters.
        doelen: Targets.
        runs: Stage -> its runs (:func:`lees_runs`).
        f0: Each target's value at the defaults.
        ruis: Each target's seed standard deviation at the calibration's size.

    Raises:
        ScenarioFout: A stage has fewer than :data:`MIN_RUNS` finite runs.
    """
    modellen = {}
    for naam, vrij in fasen.items():
        tabel = runs[naam]
        for d in doelen:
            y = tabel[d.doel].to_numpy(dtype=float)
            goed = np.isfinite(y)
            if goed.sum() < MIN_RUNS:
                raise ScenarioFout(f"emulator: fase {naam} heeft {int(goed.sum())} bruikbare "
                                   f"runs voor {d.doel}; minstens {MIN_RUNS} nodig")
            if np.ptp(y[goed]) == 0:
                continue  # the stage does not move this target
            modellen[(naam, d.doel)] = _gp(schaal(vrij, tabel[goed]), y[goed],
                                           float(ruis.get(d.doel, 0.0)))
    return Emulator(list(doelen), {k: list(v) for k, v in fasen.items()},
                    {d.doel: float(f0[d.doel]) for d in doelen},
                    {d.doel: float(ruis.get(d.doel, 0.0)) for d in doelen}, modellen)
