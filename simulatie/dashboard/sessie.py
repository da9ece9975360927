"""The models of one browser session, stepped month by month.

Main object: :class:`Sessie`. Every browser session creates its own (the Solara page keeps it in
``solara.use_memo``), so participants never share a model. In comparison mode a session runs
variant A and variant B of the same municipality on the same seed (common random numbers).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import numpy as np
import pandas as pd

from simulatie.dashboard.geheugen import ruim_op
from simulatie.dashboard.keuzes import Keuzes, maak_scenario
from simulatie.dashboard.rekenen import REPLICATIE, Taak, Uitkomst, rekenaar
from simulatie.dashboard.werelden import wereld_basis
from simulatie.kern.model import Gemeente
from simulatie.kern.scenario import Scenario

log = logging.getLogger(__name__)


class Sessie:
    """Variant A (and B in comparison mode) of one participant.

    Args:
        basis: Optional base scenario (the ``--scenario`` file).

    Attributes:
        keuzes: The choices the current models were built from.
        modellen: ``{"A": Gemeente}`` or ``{"A": ..., "B": ...}``.
        opbouw: How many times the models were built (:meth:`reset`); views key their
            widgets on it.
    """

    def __init__(self, basis: Scenario | None = None) -> None:
        """Create an empty session; call :meth:`reset` to build the models."""
        self.basis = basis
        self.keuzes: Keuzes | None = None
        self.modellen: dict[str, Gemeente] = {}
        self._slot = threading.RLock()
        self._cache: dict[tuple[str, int], pd.DataFrame] = {}
        self._luisteraars: list[Callable[[], Callable[[], None]]] = []
        self.opbouw = 0
        self.replicaties: dict[str, list[pd.DataFrame]] = {}
        self.aantal_replicaties = 0

    @property
    def varianten(self) -> list[str]:
        """Names of the running variants (``["A"]`` or ``["A", "B"]``)."""
        return list(self.modellen)

    @property
    def maand(self) -> int:
        """Current month (0 before the first step)."""
        return self.modellen["A"].maand if self.modellen else 0

    @property
    def klaar(self) -> bool:
        """Whether the horizon has been reached."""
        return self.keuzes is not None and self.maand >= self.keuzes.maanden

    def reset(self, keuzes: Keuzes) -> None:
        """Build the models of month 0 from ``keuzes`` (B only in comparison mode).

        Raises:
            ScenarioFout: When the choices do not make a valid scenario.
        """
        varianten = ("A", "B") if keuzes.vergelijken else ("A",)
        modellen = {v: Gemeente(maak_scenario(keuzes, v, self.basis), seed=keuzes.seed)
                    for v in varianten}
        with self._slot:
            self.keuzes, self.modellen = keuzes, modellen
            self._cache.clear()
            self.opbouw += 1
            self.replicaties = {v: [] for v in varianten}
        ruim_op()

    def start_replicaties(self, aantal: int = 4) -> None:
        """Run ``aantal`` replications per variant on other seeds in the background pool.

        Seeds are ``seed + 1000 * i`` (i = 1..aantal) and, when the calibrated ensemble ships,
        run i uses an ensemble member's parameters (:func:`.werelden.wereld_basis`); both are the
        same for A and B, so differences pair on seed and world. Results of an earlier build
        are dropped when they come back.
        """
        keuzes, opbouw = self.keuzes, self.opbouw
        if keuzes is None or aantal <= 0:
            return
        self.aantal_replicaties = aantal
        for variant in self.varianten:
            scenario = maak_scenario(keuzes, variant, self.basis)
            basis = scenario.model_dump(exclude={"beleid", "rondes"})
            for i in range(1, aantal + 1):
                def klaar(uitkomst: Uitkomst, variant: str = variant) -> None:
                    if uitkomst.tijdreeks is None:
                        return
                    with self._slot:
                        if self.opbouw == opbouw:
                            self.replicaties[variant].append(uitkomst.tijdreeks)

                rekenaar().dien_in(Taak(wereld_basis(basis, keuzes.seed, i),
                                        ((0, scenario.beleid),), keuzes.seed + 1000 * i),
                                   klaar, REPLICATIE)

    def verschilband(self, kolom: str, cumulatief: bool, n: int
                     ) -> tuple[list[float] | None, list[float] | None]:
        """Per month 0..n-1: lowest and highest B - A over the seeds run so far (paired).

        Uses the main run (months so far) and the replications that came back; None, None
        when fewer than two seeds are available (no band).
        """
        with self._slot:
            a = {int(r["seed"].iloc[0]): r for r in self.replicaties.get("A", [])}
            b = {int(r["seed"].iloc[0]): r for r in self.replicaties.get("B", [])}
        seeds = sorted(set(a) & set(b))
        if not seeds:
            return None, None
        verschillen = []
        for seed in seeds:
            d = (b[seed][kolom].iloc[:n].to_numpy(dtype=float)
                 - a[seed][kolom].iloc[:n].to_numpy(dtype=float))
            if cumulatief:
                d[0] = 0.0
                d = d.cumsum()
            verschillen.append(d)
        hoofd = (self.tijdreeks("B")[kolom].iloc[:n].to_numpy(dtype=float)
                 - self.tijdreeks("A")[kolom].iloc[:n].to_numpy(dtype=float))
        if cumulatief:
            hoofd[0] = 0.0
            hoofd = hoofd.cumsum()

        alle = np.vstack([hoofd[:n], *(v[:len(hoofd)] for v in verschillen)])
        return list(alle.min(axis=0)), list(alle.max(axis=0))

    def luister(self, functie: Callable[[], Callable[[], None]]) -> Callable[[], None]:
        """Call ``functie()`` after every step, in the thread that stepped.

        ``functie`` computes what its view shows and returns a function that shows it; the
        session first computes every view and then shows them all, so the month counter, the
        key figures and the chart change together.

        Returns:
            A function that ends the subscription.
        """
        with self._slot:
            self._luisteraars.append(functie)

        def stop() -> None:
            with self._slot:
                if functie in self._luisteraars:
                    self._luisteraars.remove(functie)

        return stop

    def stap(self, maanden: int = 1, keuzes: Keuzes | None = None) -> int:
        """Advance every variant ``maanden`` months (not beyond the horizon).

        Then the functions registered with :meth:`luister` are called once, if the month
        changed.

        Args:
            maanden: Number of months.
            keuzes: Only step if the models were built from these choices (a play loop passes
                the choices it started with, so it never steps a model rebuilt meanwhile).

        Returns:
            The new current month.
        """
        with self._slot:
            if keuzes is not None and keuzes is not self.keuzes:
                return self.maand
            begin = self.maand
            for _ in range(maanden):
                if self.klaar:
                    break
                for model in self.modellen.values():
                    model.step()
            maand, luisteraars = self.maand, list(self._luisteraars)
        if maand != begin:
            tonen = [_veilig(functie, maand) for functie in luisteraars]
            for toon in tonen:
                if toon is not None:
                    _veilig(toon, maand)
        return maand

    def rijen(self, variant: str = "A") -> list[dict[str, float]]:
        """Monthly outputs of one variant so far as plain dicts (months 0..now).

        Args:
            variant: ``"A"`` or ``"B"``; B falls back to A outside comparison mode.
        """
        with self._slot:
            return list((self.modellen.get(variant) or self.modellen["A"]).reeks)

    def tijdreeks(self, variant: str = "A") -> pd.DataFrame:
        """Monthly outputs of one variant so far (one row per month 0..now).

        Args:
            variant: ``"A"`` or ``"B"``; B falls back to A outside comparison mode.
        """
        with self._slot:
            model = self.modellen.get(variant) or self.modellen["A"]
            sleutel = (variant, model.maand)
            if sleutel not in self._cache:
                df = pd.DataFrame(model.reeks)
                df["seed"] = model.seed_waarde
                df["scenario"] = model.config.naam
                self._cache = {k: v for k, v in self._cache.items() if k[0] != variant}
                self._cache[sleutel] = df
            return self._cache[sleutel]

    def wijken(self, variant: str = "A") -> pd.DataFrame:
        """Indicators per wijk of one variant at the current month (one row per wijk)."""
        with self._slot:
            model = self.modellen.get(variant) or self.modellen["A"]
            ind = model.wijk_indicatoren()
            maand = model.maand
        n = len(ind["inwoners"])
        df = pd.DataFrame({"maand": maand, "wijk": range(1, n + 1),
                           "naam": [f"Wijk {i}" for i in range(1, n + 1)]})
        for k, v in ind.items():
            df[k] = v
        return df


def _veilig[T](functie: Callable[[], T], maand: int) -> T | None:
    """``functie()``, or None after logging its error: one broken view must not stop a session."""
    try:
        return functie()
    except Exception:  # noqa: BLE001
        log.exception("updating a view after month %d failed", maand)
        return None
