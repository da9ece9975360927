"""The same scenario and seed give the same numbers on every CPU.

numpy chooses SIMD kernels at run time (on x86: AVX2, AVX-512, ...). Those of ``np.exp``,
``np.log`` and ``np.power`` round differently in the last bit, and those of the default
``np.argsort`` and ``np.argpartition`` order ties and the k smallest differently (measured on
4 December 2026 with numpy 2.5.5: before the fix, seeds 1-6 of a 2,000-inhabitant run gave other
outputs with AVX-512 than without). The model uses :mod:`simulatie.kern.wiskunde` and stable
sorts instead. Here a run in a process whose numpy may use no SIMD kernel beyond its baseline
must equal the same run in this process.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulatie.kern import wiskunde as W

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

#: A small run with every policy on, hashed over its tables (the code runs here and in a child).
_RUN = """
import sys
sys.path.insert(0, {bench!r})
import pandas as pd
from bench import scenario
from simulatie import simuleer
r = simuleer(scenario(3000, 18, beleid=True), seed=3)
print(*(int(pd.util.hash_pandas_object(df, index=False).sum()) & (2**64 - 1)
        for df in (r.tijdreeks, r.inwoners_eind, r.huishoudens)))
"""


def _ulp(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b) / np.spacing(np.abs(b))


def test_exp_log_and_powers_are_within_3_ulp_of_the_c_library():
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.uniform(-30, 30, 50_000), rng.uniform(-745, 709, 5_000),
                        [0.0, -0.0, 1e-300, 1.0, -1.0, 709.7, -745.0]])
    uit = W.exp(x)
    ref = np.array([math.exp(v) for v in x])
    assert _ulp(uit[ref > 0], ref[ref > 0]).max() <= 1
    p = np.concatenate([rng.random(50_000), rng.uniform(0, 1e6, 5_000),
                        np.array([math.exp(v) for v in rng.uniform(-700, 700, 5_000)]),
                        [0.5, 2.0, 1e-310, 5e-324]])
    ref = np.array([math.log(v) for v in p])
    assert _ulp(W.log(p)[ref != 0], ref[ref != 0]).max() <= 3
    assert W.log(1.0) == 0.0
    q = rng.random(50_000)
    assert _ulp(W.macht(1 - q, 1 / 12), np.array([math.pow(1 - v, 1 / 12) for v in q])).max() <= 2
    k = np.arange(0, 40)
    assert _ulp(W.macht(0.93, k), 0.93 ** k.astype(float)).max() <= 2


def test_special_values():
    assert np.array_equal(W.exp(np.array([np.inf, -np.inf, 800.0, -800.0])),
                          [np.inf, 0.0, np.inf, 0.0])
    assert np.isnan(W.exp(np.nan))
    assert np.array_equal(W.log(np.array([0.0, np.inf])), [-np.inf, np.inf])
    assert np.isnan(W.log(np.array([-1.0, np.nan]))).all()
    assert np.array_equal(W.macht(np.array([0.0, 0.0, 4.0, 0.0]), np.array([2.0, 0.0, 0.5, -1.0])),
                          [0.0, 1.0, 2.0, np.inf])
    assert W.macht(3.0, 0.0) == 1.0
    assert np.allclose(W.macht(-2.0, np.array([2.0, 3.0, 0.0, -1.0])), [4.0, -8.0, 1.0, -0.5],
                       rtol=1e-15, atol=0)
    assert np.isnan(W.macht(-2.0, 0.5))


def _simd_doelen() -> list[str]:
    """numpy's SIMD dispatch targets that this CPU has (beyond the baseline it was built for)."""
    from numpy._core import _multiarray_umath as umath

    return [d for d in umath.__cpu_dispatch__ if umath.__cpu_features__.get(d)]


def test_a_run_gives_the_same_numbers_without_numpys_simd_kernels():
    doelen = _simd_doelen()
    if not doelen:
        pytest.skip("numpy uses no SIMD kernel beyond its baseline on this CPU: nothing to vary")
    code = _RUN.format(bench=str(BENCHMARKS))
    hier = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=600).stdout.split()
    env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(doelen)}
    zonder = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=600, env=env)
    assert "NPY_DISABLE_CPU_FEATURES" not in zonder.stderr, zonder.stderr  # numpy took it
    assert zonder.stdout.split() == hier, f"without {doelen} the outputs differ"


def test_the_weighted_draw_does_not_depend_on_the_order_argpartition_leaves():
    from simulatie.kern.huishoudens import _trek

    kandidaten = np.arange(1_000)
    gewicht = np.linspace(0.1, 2.0, 1_000)
    a = _trek(np.random.default_rng(5), kandidaten, gewicht, 50)
    sleutel = np.random.default_rng(5).exponential(size=1_000) / gewicht
    assert np.array_equal(a, kandidaten[np.argsort(sleutel, kind="stable")[:50]])
    assert pd.Series(a).is_unique
