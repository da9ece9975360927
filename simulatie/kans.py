"""Random draws on index subsets, all from the model's one generator.

Events with a common probability are drawn as a binomial count followed by a choice without
replacement, so the cost scales with the number of events rather than with the population.
"""

from __future__ import annotations

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
