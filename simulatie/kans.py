"""Random draws on index subsets, all from the model's one generator.

Events with a common probability are drawn as a binomial count followed by a choice without
replacement, so the cost scales with the number of events rather than with the population.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def per_maand(jaarkans: float | np.ndarray) -> float | np.ndarray:
    """Convert a yearly probability into a monthly one: 1 - (1 - p)^(1/12)."""
    return 1.0 - np.power(1.0 - np.asarray(jaarkans, dtype=float), 1.0 / 12.0)


def gebeurt(rng: np.random.Generator, rijen: np.ndarray, kans: float) -> np.ndarray:
    """Rows (a subset of ``rijen``) for which an event with a common probability happens.

    Args:
        rng: The model's generator.
        rijen: Candidate row indices.
        kans: Probability per candidate (0..1).

    Returns:
        The chosen rows, in random order.
    """
    n = len(rijen)
    if n == 0 or kans <= 0:
        return rijen[:0]
    k = int(rng.binomial(n, min(1.0, kans)))
    if k == 0:
        return rijen[:0]
    return rijen[rng.choice(n, size=k, replace=False)]


def gebeurt_elk(rng: np.random.Generator, rijen: np.ndarray, kans: np.ndarray) -> np.ndarray:
    """Rows for which an event with a per-row probability happens (same order as ``rijen``)."""
    if len(rijen) == 0:
        return rijen
    return rijen[rng.random(len(rijen)) < kans]


def gebeurt_begrensd(rng: np.random.Generator, rijen: np.ndarray,
                     kans_van: Callable[[np.ndarray], np.ndarray], grens: float) -> np.ndarray:
    """Rows for which an event with a per-row probability at most ``grens`` happens.

    Candidates are drawn with the common bound ``grens`` (as :func:`gebeurt`) and each is kept
    with chance ``kans / grens`` (thinning). This is the same distribution as one uniform draw
    per row, but the per-row probability is only evaluated for the candidates, so the cost
    scales with the events rather than with the population.

    Args:
        rng: The model's generator.
        rijen: Candidate row indices.
        kans_van: Function from rows to their probability (0..grens).
        grens: Upper bound of the probability of every row.

    Returns:
        The chosen rows, in increasing order.

    Raises:
        ValueError: When a candidate's probability exceeds ``grens``.
    """
    kandidaten = gebeurt(rng, rijen, grens)
    if len(kandidaten) == 0:
        return kandidaten
    kans = kans_van(kandidaten)
    if np.any(kans > grens * (1 + 1e-9)):
        raise ValueError(f"probability {float(np.max(kans))} above its bound {grens}")
    return np.sort(kandidaten[rng.random(len(kandidaten)) * grens < kans])
