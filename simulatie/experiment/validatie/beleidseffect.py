"""Ten-year effects of each policy against the basis, paired by seed (targets in :data:`BELEID`).

Each policy runs alone with the same seeds as the basis; an effect is the policy's value
relative to the basis of the same seed, so the common random numbers cancel part of the noise.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from simulatie.experiment.validatie.doelen import BELEID

#: Policies whose ten-year effect is checked.
BELEIDSNAMEN: tuple[str, ...] = tuple(dict.fromkeys(d.naam.split(".")[0] for d in BELEID))


def _eind(kolom: str) -> Callable[[pd.DataFrame], float]:
    return lambda ts: float(ts[kolom].iloc[-1])


def _som(kolom: str, maanden: slice = slice(1, None)) -> Callable[[pd.DataFrame], float]:
    return lambda ts: float(ts[kolom].iloc[maanden].sum())


def _procent(meet: Callable[[pd.DataFrame], float]) -> Callable[[pd.DataFrame, pd.DataFrame],
                                                                  float]:
    def effect(beleid: pd.DataFrame, basis: pd.DataFrame) -> float:
        b = meet(basis)
        return 100.0 * (meet(beleid) / b - 1.0) if b else float("nan")

    return effect


def _vertraging(beleid: pd.DataFrame, basis: pd.DataFrame) -> float:
    jaar1 = _procent(_som("nieuwe_belemmeringen", slice(1, 13)))(beleid, basis)
    jaar10 = _procent(_som("nieuwe_belemmeringen", slice(-12, None)))(beleid, basis)
    return jaar10 - jaar1


#: Indicator after the policy name -> effect of one seed (policy table, basis table).
INDICATOREN: dict[str, Callable[[pd.DataFrame, pd.DataFrame], float]] = {
    "bijstand": _procent(_eind("bijstand")),
    "wmo_clienten": _procent(_eind("wmo_clienten")),
    "kosten_wmo_individueel": _procent(_som("kosten_wmo_individueel")),
    "wmo_onderzoeken": _procent(_som("wmo_onderzoeken")),
    "uitstroom_naar_werk_zorg": _procent(_som("uitstroom_naar_werk_zorg")),
    "nieuwe_belemmeringen": _procent(_som("nieuwe_belemmeringen", slice(-12, None))),
    "vertraging": _vertraging,
}


def effecten(basis: list[pd.DataFrame],
             per_beleid: dict[str, list[pd.DataFrame]]) -> dict[str, list[float]]:
    """Per-seed effect of every target in :data:`BELEID`.

    Args:
        basis: The basis runs, one per seed.
        per_beleid: Policy name -> its runs with the same seeds in the same order.

    Returns:
        Target name (``beleid.indicator``) -> effect per seed.
    """
    uit: dict[str, list[float]] = {}
    for doel in BELEID:
        naam, indicator = doel.naam.split(".", 1)
        meet = INDICATOREN[indicator]
        uit[doel.naam] = [meet(v, b) for v, b in zip(per_beleid[naam], basis, strict=True)]
    return uit
