"""Random draws on index subsets, from the generator they are given (the model's current stream).

Events with a common probability are drawn as geometric gaps between successive events, so the
cost scales with the number of events rather than with the population.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from simulatie.kern import wiskunde


def per_maand(jaarkans: float | np.ndarray) -> float | np.ndarray:
    """Convert a yearly probability into a monthly one: 1 - (1 - p)^(1/12).

    A product of factors can exceed 1 (a hazard times multipliers): it is taken as certain.
    The power is :func:`~simulatie.kern.wiskunde.macht` (the same bits on every CPU).
    """
    if isinstance(jaarkans, float | int):  # a parameter: the same few values every month
        return _per_maand_getal(min(max(float(jaarkans), 0.0), 1.0))
    p = np.clip(np.asarray(jaarkans, dtype=float), 0.0, 1.0)
    uit = wiskunde.per_waarde(_per_maand_getal, p)  # mostly a few distinct hazards
    return uit if uit is not None else 1.0 - wiskunde.macht(1.0 - p, 1.0 / 12.0)


def _per_maand_getal(p: float) -> np.float64:
    """:func:`per_maand` of one probability in 0..1 (the same bits as for an array)."""
    return np.float64(1.0 - wiskunde.macht_getal(1.0 - p, 1.0 / 12.0))


#: Candidate rows: an index array, or a number ``n`` for every row ``0..n-1`` of the table.
Rijen = np.ndarray | int


def _lengte(rijen: Rijen) -> int:
    """Number of candidate rows."""
    return rijen if isinstance(rijen, int) else len(rijen)


def _rij(rijen: Rijen, positie: np.ndarray) -> np.ndarray:
    """The rows at the given positions of the candidates."""
    return positie if isinstance(rijen, int) else rijen[positie]


def gebeurt(rng: np.random.Generator, rijen: Rijen, kans: float) -> np.ndarray:
    """Rows (a subset of ``rijen``) for which an event with a common probability happens.

    Only the events are drawn (geometric gaps, :func:`posities`), so the cost scales with the
    number of events rather than with the number of candidates.

    Args:
        rng: The model's generator.
        rijen: Candidate row indices, or ``n`` for all rows ``0..n-1``.
        kans: Probability per candidate (0..1).

    Returns:
        The chosen rows, in the order of ``rijen``.
    """
    return _rij(rijen, posities(rng, _lengte(rijen), min(1.0, kans)))


def gebeurt_waar(rng: np.random.Generator, n: int, waar: Callable[[np.ndarray], np.ndarray],
                 kans: float) -> np.ndarray:
    """Rows ``0..n-1`` that meet a condition and for which an event with a common chance happens.

    The same distribution as ``gebeurt(rng, np.flatnonzero(masker), kans)``, but the condition
    is only evaluated for the candidates drawn, not for the whole table: for rare events in
    large pools the scan of the table is what costs.

    Args:
        rng: The model's generator.
        n: Number of rows of the table.
        waar: Function from rows to whether each may have the event.
        kans: Probability per row that meets the condition.

    Returns:
        The chosen rows, increasing.
    """
    kandidaat = posities(rng, n, min(1.0, kans))
    return kandidaat[waar(kandidaat)]


def gebeurt_elk(rng: np.random.Generator, rijen: np.ndarray, kans: np.ndarray) -> np.ndarray:
    """Rows for which an event with a per-row probability happens (same order as ``rijen``)."""
    if len(rijen) == 0:
        return rijen
    return rijen[rng.random(len(rijen)) < kans]


def gebeurt_begrensd(rng: np.random.Generator, rijen: Rijen,
                     kans_van: Callable[[np.ndarray], np.ndarray], grens: float) -> np.ndarray:
    """Rows for which an event with a per-row probability at most ``grens`` happens.

    Candidates are drawn with the common bound ``grens`` (geometric gaps, :func:`posities`) and
    each is kept with chance ``kans / grens`` (thinning). This is the same
    distribution as one uniform draw per row, but the per-row probability is only evaluated for
    the candidates, so the cost scales with the events rather than with the population.

    Args:
        rng: The model's generator.
        rijen: Candidate row indices, or ``n`` for all rows ``0..n-1`` (the probability is then
            0 for rows that cannot have the event).
        kans_van: Function from rows to their probability (0..grens).
        grens: Upper bound of the probability of every row.

    Returns:
        The chosen rows, in the order of ``rijen``.

    Raises:
        ValueError: When a candidate's probability exceeds ``grens``.
    """
    gekozen, _ = gebeurt_per_soort(rng, rijen, 1, lambda r, _: kans_van(r), grens)
    return gekozen


def gebeurt_per_soort(rng: np.random.Generator, rijen: Rijen, soorten: int,
                      kans_van: Callable[[np.ndarray, np.ndarray], np.ndarray],
                      grens: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Events of several kinds per row: each (row, kind) pair with its own chance <= ``grens``.

    Works as :func:`gebeurt_begrensd` on the ``len(rijen) x soorten`` pairs, so one call draws
    e.g. every new obstacle of every adult. With one bound per kind, each kind's pairs are
    drawn with its own bound (fewer candidates when the kinds' chances differ a lot).

    Args:
        rng: The model's generator.
        rijen: Row indices, or ``n`` for all rows ``0..n-1``.
        soorten: Number of kinds of event per row.
        kans_van: Function from (rows, kinds) of candidate pairs to their probability.
        grens: Upper bound of the probability of every pair, or one bound per kind.

    Returns:
        Rows and kinds (0..soorten-1) of the events: ordered as ``rijen``, then by kind (one
        bound); by kind, then as ``rijen`` (a bound per kind).

    Raises:
        ValueError: When a candidate's probability exceeds its bound.
    """
    if np.ndim(grens) == 0:
        paar = posities(rng, _lengte(rijen) * soorten, grens)
        if soorten == 1:  # one kind (gebeurt_begrensd): positions are rows
            rij, soort = _rij(rijen, paar), np.zeros_like(paar)
        else:
            rij, soort = _rij(rijen, paar // soorten), paar % soorten
        grenzen: float | np.ndarray = float(grens)
    else:
        rij, soort, grenzen = kandidaat_paren(rng, rijen, np.asarray(grens, dtype=float))
    if len(rij) == 0:
        return rij, soort
    houd = dun(rng, kans_van(rij, soort), grenzen)
    return rij[houd], soort[houd]


def kandidaat_paren(rng: np.random.Generator, rijen: Rijen,
                    grenzen: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate (row, kind) pairs, each kind drawn with its own common chance (its bound).

    The first half of thinning with a bound per kind (:func:`gebeurt_per_soort`); keep each
    candidate with chance ``kans / grens`` (:func:`dun`) to get events with their own chance.

    Args:
        rng: The model's generator.
        rijen: Row indices, or ``n`` for all rows ``0..n-1``.
        grenzen: Chance (bound) per kind.

    Returns:
        Rows, kinds and the bound of each candidate pair, by kind, then in the order of
        ``rijen``.
    """
    delen = [posities(rng, _lengte(rijen), float(g)) for g in grenzen]
    soort = np.repeat(np.arange(len(grenzen)), [len(d) for d in delen])
    return _rij(rijen, np.concatenate(delen)), soort, grenzen[soort]


def dun(rng: np.random.Generator, kans: np.ndarray, grens: float | np.ndarray) -> np.ndarray:
    """Which candidates drawn with chance ``grens`` are kept to have chance ``kans`` (thinning).

    Args:
        rng: The model's generator.
        kans: Each candidate's own chance.
        grens: The chance each was drawn with (one for all or one each), at least ``kans``.

    Returns:
        Boolean mask of the kept candidates.

    Raises:
        ValueError: When a candidate's probability exceeds its bound.
    """
    if np.any(kans > grens * (1 + 1e-9)):
        te_hoog = np.argmax(kans - grens)
        raise ValueError(f"probability {float(kans[te_hoog])} above its bound "
                         f"{float(np.broadcast_to(grens, kans.shape)[te_hoog])}")
    return rng.random(len(kans)) * grens < kans


def toestand_uit(u: np.ndarray, drempels: np.ndarray, groep: np.ndarray) -> np.ndarray:
    """The state each uniform draw falls in, given cumulative shares per group.

    The number of thresholds below each draw: ``(u[:, None] > drempels.T[groep]).sum(axis=1)``,
    without the array of every draw against every threshold. Only draws above a threshold
    are compared with the next one, so the cost follows the draws outside the first state.

    Args:
        u: Uniform draws (0..1).
        drempels: Cumulative shares, one row per state and one column per group;
            non-decreasing down each column (a cumulative sum of non-negative shares).
        groep: Column of ``drempels`` for each draw.

    Returns:
        int64 state per draw (0 .. number of rows).
    """
    toestand = np.zeros(len(u), dtype=np.int64)
    rest = np.arange(len(u))
    for rij in drempels:
        rest = rest[u[rest] > rij[groep[rest]]]
        if len(rest) == 0:
            break
        toestand[rest] += 1
    return toestand


def posities(rng: np.random.Generator, n: int, kans: float) -> np.ndarray:
    """Positions ``0..n-1`` at which an event with a common chance happens, in increasing order.

    The gaps between successive events are geometric, so only the events are drawn (the same
    distribution as one uniform draw per position).

    Args:
        rng: The model's generator.
        n: Number of positions.
        kans: Chance per position.

    Returns:
        int64 positions.
    """
    if n == 0 or kans <= 0:
        return np.zeros(0, dtype=np.int64)
    if kans >= 1:
        return np.arange(n)
    verwacht = n * kans
    stap = int(verwacht + 5 * math.sqrt(verwacht)) + 16
    pos = _sprongen(rng, n, kans, stap).cumsum()
    pos -= 1
    while pos[-1] < n:  # rarely: more events than drawn so far
        pos = np.concatenate([pos, pos[-1] + _sprongen(rng, n, kans, stap).cumsum()])
    return pos[: pos.searchsorted(n)]


def _sprongen(rng: np.random.Generator, n: int, kans: float, stap: int) -> np.ndarray:
    """``stap`` geometric gaps, each capped at ``n + 1`` (any larger gap ends past ``n`` as well).

    The cap keeps the running sum far from int64 overflow when the chance is tiny (numpy then
    returns gaps up to the int64 maximum).
    """
    return np.minimum(rng.geometric(kans, size=stap), n + 1)
