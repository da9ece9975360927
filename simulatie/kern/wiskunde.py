"""exp, log and powers that give the same bits on every CPU.

numpy picks the kernel of ``np.exp``, ``np.log`` and ``np.power`` for float64 arrays at run
time by the CPU's SIMD features, and the kernels round differently in the last bit (measured on
4 December 2026: AVX-512 against AVX2, numpy 2.5.5). One different bit in a hazard can flip a
draw ``u < p``, and from there the run goes its own way: the same scenario and seed gave other
numbers on another machine. The model therefore computes these functions here, from operations
that IEEE 754 rounds exactly the same everywhere (``+``, ``-``, ``*``, ``/``, ``rint``,
``frexp``, ``ldexp``), each a separate numpy call so no compiler fuses them.

Accuracy: within 3 units in the last place of the correctly rounded value (checked against
Python's ``math`` in ``tests/test_wiskunde.py``). Scalars go through the same code.

Main functions: :func:`exp`, :func:`log`, :func:`macht`; for one number (parameters, the same
few values every month) the cached :func:`exp_getal` and :func:`macht_getal` (the same bits
as the array functions).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

#: ln 2 split in a part with zeros in its last 11 bits (n * LN2_HOOG is exact for |n| < 2048)
#: and the rest (fdlibm's constants).
LN2_HOOG = 6.93147180369123816490e-01
LN2_LAAG = 1.90821492927058770002e-10
#: Outside these bounds exp overflows to inf or underflows to 0.
EXP_MAX = 709.782712893384
EXP_MIN = -745.1332191019412
#: 1/k! for k = 0..13: e^r on |r| <= ln2/2 to below 1e-17 relative.
_EXP_COEF = tuple(1.0 / float(np.prod(np.arange(1, k + 1), dtype=float)) for k in range(14))
#: 2/(2k+1) for k = 0..11: log(1+f) = 2 atanh(s), s = f/(2+f), |s| <= 0.172.
_LOG_COEF = tuple(2.0 / (2 * k + 1) for k in range(12))
_WORTEL_HALF = 0.7071067811865476


def exp(x: float | np.ndarray) -> np.ndarray:
    """E to the power ``x``, elementwise, the same bits on every CPU.

    Args:
        x: Exponents (any shape; NaN gives NaN).

    Returns:
        float64 array of the shape of ``x`` (0-d for a scalar).
    """
    x = np.asarray(x, dtype=np.float64)
    xc = np.clip(np.where(np.isnan(x), 0.0, x), EXP_MIN, EXP_MAX)
    n = np.rint(xc / LN2_HOOG)
    r = (xc - n * LN2_HOOG) - n * LN2_LAAG
    p = np.full_like(r, _EXP_COEF[-1])
    for c in _EXP_COEF[-2::-1]:
        p = p * r + c
    # 2^n in two steps: n may reach -1075, below the smallest normal exponent
    half = np.trunc(n / 2)
    y = np.ldexp(np.ldexp(p, half.astype(np.int64)), (n - half).astype(np.int64))
    return np.where(np.isnan(x), np.nan, np.where(x > EXP_MAX, np.inf,
                                                  np.where(x < EXP_MIN, 0.0, y)))


def log(x: float | np.ndarray) -> np.ndarray:
    """Natural logarithm, elementwise, the same bits on every CPU.

    Args:
        x: Positive numbers (0 gives -inf, negative numbers and NaN give NaN, inf gives inf).

    Returns:
        float64 array of the shape of ``x`` (0-d for a scalar).
    """
    x = np.asarray(x, dtype=np.float64)
    veilig = np.where((x > 0) & np.isfinite(x), x, 1.0)
    m, e = np.frexp(veilig)  # veilig = m * 2^e, 0.5 <= m < 1
    klein = m < _WORTEL_HALF
    m = np.where(klein, m * 2.0, m)  # exact
    e = np.where(klein, e - 1, e).astype(np.float64)
    f = m - 1.0  # exact (Sterbenz), |f| <= 0.415
    s = f / (2.0 + f)
    z = s * s
    p = np.full_like(z, _LOG_COEF[-1])
    for c in _LOG_COEF[-2::-1]:
        p = p * z + c
    y = e * LN2_HOOG + (s * p + e * LN2_LAAG)
    y = np.where(x == 0, -np.inf, y)
    y = np.where(np.isposinf(x), np.inf, y)
    return np.where((x < 0) | np.isnan(x), np.nan, y)


def macht(grondtal: float | np.ndarray, exponent: float | np.ndarray) -> np.ndarray:
    """``grondtal ** exponent``, elementwise, the same bits on every CPU.

    ``0 ** y`` is 0 for y > 0 and 1 for y = 0; a negative base has a power only for a whole
    exponent (as ``np.power``: NaN otherwise); other values go through :func:`exp` and
    :func:`log` (a relative error up to about ``|exponent * log(grondtal)|`` units in the last
    place, far below any difference a probability in the model could make).

    Args:
        grondtal: Bases.
        exponent: Exponents (broadcast against the bases).

    Returns:
        float64 array of the broadcast shape.
    """
    g = np.asarray(grondtal, dtype=np.float64)
    y = np.asarray(exponent, dtype=np.float64)
    a = np.abs(g)
    uit = exp(y * log(np.where(a > 0, a, 1.0)))
    uit = np.where(a == 0, np.where(y > 0, 0.0, np.inf), uit)
    heel = y == np.trunc(y)
    oneven = heel & (np.remainder(y, 2.0) == 1.0)
    uit = np.where(g < 0, np.where(heel, np.where(oneven, -uit, uit), np.nan), uit)
    return np.where(y == 0, 1.0, uit)


@lru_cache(maxsize=4096)
def exp_getal(x: float) -> float:
    """:func:`exp` of one number (cached: parameters give the same few values every month)."""
    return float(exp(x))


@lru_cache(maxsize=4096)
def macht_getal(grondtal: float, exponent: float) -> float:
    """:func:`macht` of one base and exponent (cached)."""
    return float(macht(grondtal, exponent))


def per_waarde(functie: Callable[[float], float], x: np.ndarray,
               hooguit: int = 64) -> np.ndarray | None:
    """``functie`` (built on the cached ``*_getal``) applied to each element of ``x``.

    Arrays in the model often hold a few distinct values (products of category factors): then
    each distinct value is computed once, through the cache. The result has the same bits as the
    array function, which is used when there are more than ``hooguit`` distinct values.

    Args:
        functie: :func:`exp_getal` or another one-argument function built on the cached
            ones.
        x: Values.
        hooguit: Most distinct values to compute one by one.

    Returns:
        float64 array of the shape of ``x``; None when ``x`` has more than ``hooguit``
        distinct values (the caller then uses the array function).
    """
    waarden, terug = np.unique(x, return_inverse=True)
    if len(waarden) > hooguit:
        return None
    return np.array([functie(v) for v in waarden.tolist()], dtype=np.float64)[terug].reshape(
        np.shape(x))


@lru_cache(maxsize=256)
def exp_reeks(stap: float, lengte: int) -> np.ndarray:
    """``exp(-stap * k)`` for k = 0 .. lengte - 1 (cached; read-only).

    For factors of the form ``exp(-rem * n)`` with n a small whole number (obstacles, months):
    a look-up instead of an exp per resident.
    """
    uit = exp(-stap * np.arange(lengte, dtype=np.float64))
    uit.flags.writeable = False
    return uit
