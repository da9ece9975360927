"""The rung of a situation: the table lookup, the row-by-row path and the rule agree."""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern.ladder import (
    ACTIVITEIT_DIENSTEN,
    KLEIN,
    STUDIE_TOT,
    _trede_regel,
    trede_uit_situatie,
)


class _Tabel:
    """Random columns of every code the rule reads (all combinations occur)."""

    def __init__(self, n: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.inkomensbron = rng.integers(0, len(I.INKOMENSBRONNEN), n).astype(np.int8)
        self.activiteit = rng.integers(0, 3, n).astype(np.int8)
        self.leeftijd_maanden = rng.integers(18 * 12, 40 * 12, n).astype(np.int16)
        self.belemmeringen = rng.integers(0, 64, n).astype(np.uint8)
        self.zorg = rng.integers(0, 256, n).astype(np.uint8)
        self.deeltijd_inkomen = ((rng.random(n) < 0.3) * rng.random(n)).astype(np.float32)
        self.lks = rng.random(n) < 0.3


def test_opzoeken_per_rij_en_per_blok_geeft_de_regel():
    t = _Tabel(20_000, seed=4)
    verwacht = _trede_regel(t.inkomensbron, t.activiteit, t.leeftijd_maanden < STUDIE_TOT * 12,
                            (t.belemmeringen & I.ISOLEMENT) > 0,
                            (t.zorg & ACTIVITEIT_DIENSTEN) > 0, t.deeltijd_inkomen > 0, t.lks)
    rijen = np.arange(20_000)
    assert np.array_equal(trede_uit_situatie(t, rijen), verwacht)  # table lookup
    for begin in range(0, 2_000, KLEIN):  # row by row
        deel = rijen[begin:begin + KLEIN]
        assert np.array_equal(trede_uit_situatie(t, deel), verwacht[deel])
    assert trede_uit_situatie(t, rijen[:0]).dtype == np.int8
