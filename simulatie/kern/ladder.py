"""The participatieladder: a resident's rung from their situation, and the moves of clients.

Outside bijstand a resident's rung follows from their situation (DOMEIN, the ladder's
definitions): paid work is rung 6, paid work with support (loonkostensubsidie, Wsw, earnings
beside a benefit) rung 5; without work, volunteer work is rung 4, organised activities (a
course, study, a club, dagbesteding or welzijn) rung 3, social contacts outside the home rung 2,
and social isolation rung 1. Bijstand clients start on the rung of their situation (at most 4)
and then move by the chances of :func:`ladder_kansen` (verb activeren): support raises rises
and lowers relapse, obstacles work the other way.

Main objects: :func:`trede_uit_situatie`, :func:`steun`, :func:`ladder_kansen`,
:data:`ACTIVITEITEN`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from agenten import inwoners as I
from simulatie.kern import wiskunde
from simulatie.kern.toegang import ModelToegang

#: What a resident without work does (column ``activiteit``): 0 social contacts only,
#: 1 organised activities (a course, a club), 2 volunteer work.
ACTIVITEITEN = ("sociale_contacten", "georganiseerd", "vrijwilligerswerk")
GEEN_ACTIVITEIT, GEORGANISEERD, VRIJWILLIGERSWERK = range(3)
#: Age (years) below which a young adult without income is taken to be in education (rung 3).
STUDIE_TOT = 25
#: Services that count as active support on the ladder (besides a diagnosing klantmanager).
STEUN_DIENSTEN = I.REINTEGRATIE | I.BEGELEIDING | I.DAGBESTEDING | I.WELZIJN | I.SCHULDHULP
#: Provisions that are themselves organised activities (rung 3).
ACTIVITEIT_DIENSTEN = I.DAGBESTEDING | I.WELZIJN


def trede_uit_situatie(tabel: I.InwonerTabel, rijen: np.ndarray) -> np.ndarray:
    """The rung each resident's situation gives (outside the dynamics of bijstand clients).

    The rule (:func:`_trede_regel`) depends on seven small codes; it is evaluated once for
    every combination (:func:`_tredetabel`) and looked up per resident.

    Args:
        tabel: The resident table.
        rijen: Rows.

    Returns:
        int8 rungs 1..6.
    """
    if len(rijen) <= KLEIN:
        return np.array([trede_van_rij(tabel, r) for r in rijen.tolist()], dtype=np.int8)
    return _tredetabel()[situatie_sleutel(tabel, rijen)]


#: Up to this many rows the rung is looked up row by row (most calls concern a handful of
#: residents, where the fixed cost of some twenty array operations dominates).
KLEIN = 12


def trede_van_rij(tabel: I.InwonerTabel, r: int) -> int:
    """:func:`trede_uit_situatie` of one row, with scalar reads (same key, same table)."""
    sleutel = ((int(tabel.inkomensbron[r]) * len(ACTIVITEITEN) + int(tabel.activiteit[r])) << 5
               | (int(tabel.leeftijd_maanden[r]) < STUDIE_TOT * 12) << 4
               | (int(tabel.belemmeringen[r]) & I.ISOLEMENT > 0) << 3
               | (int(tabel.zorg[r]) & ACTIVITEIT_DIENSTEN > 0) << 2
               | (float(tabel.deeltijd_inkomen[r]) > 0) << 1
               | bool(tabel.lks[r]))
    return int(_tredetabel()[sleutel])


def situatie_sleutel(tabel: I.InwonerTabel, rijen: np.ndarray) -> np.ndarray:
    """Index of each resident's situation in :func:`_tredetabel`."""
    sleutel = (tabel.inkomensbron[rijen] * len(ACTIVITEITEN)
               + tabel.activiteit[rijen]).astype(np.int16) << 5
    sleutel |= (tabel.leeftijd_maanden[rijen] < STUDIE_TOT * 12) << 4
    sleutel |= ((tabel.belemmeringen[rijen] & I.ISOLEMENT) > 0) << 3
    sleutel |= ((tabel.zorg[rijen] & ACTIVITEIT_DIENSTEN) > 0) << 2
    sleutel |= (tabel.deeltijd_inkomen[rijen] > 0) << 1
    sleutel |= tabel.lks[rijen]
    return sleutel


@cache
def _tredetabel() -> np.ndarray:
    """:func:`_trede_regel` for every key of :func:`situatie_sleutel`."""
    sleutel = np.arange(len(I.INKOMENSBRONNEN) * len(ACTIVITEITEN) << 5)
    bron_act = sleutel >> 5
    return _trede_regel(bron_act // len(ACTIVITEITEN), bron_act % len(ACTIVITEITEN),
                        (sleutel >> 4) & 1 > 0, (sleutel >> 3) & 1 > 0, (sleutel >> 2) & 1 > 0,
                        (sleutel >> 1) & 1 > 0, sleutel & 1 > 0)


def _trede_regel(bron: np.ndarray, act: np.ndarray, jong: np.ndarray, isolement: np.ndarray,
                 activiteit: np.ndarray, naast_inkomen: np.ndarray,
                 lks: np.ndarray) -> np.ndarray:
    """The rung of a situation (DOMEIN, the ladder's definitions).

    Args:
        bron: Income source.
        act: Activity without work (:data:`ACTIVITEITEN`).
        jong: Younger than :data:`STUDIE_TOT` (without income: in education).
        isolement: Has the obstacle social isolation.
        activiteit: Uses a provision that is an organised activity (dagbesteding, welzijn).
        naast_inkomen: Has earnings beside a benefit.
        lks: The job has loonkostensubsidie.

    Returns:
        int8 rungs 1..6.
    """
    trede = np.full(len(bron), 2, dtype=np.int8)
    trede[act == GEORGANISEERD] = 3
    trede[act == VRIJWILLIGERSWERK] = 4
    student = (bron == I.GEEN) & jong
    trede[student] = np.maximum(trede[student], 3)
    trede[isolement] = 1
    trede[activiteit] = np.maximum(trede[activiteit], 3)
    naast = ((bron == I.BIJSTAND) | (bron == I.WAJONG)) & naast_inkomen
    werk = bron == I.WERK
    trede[naast | (bron == I.WSW) | (werk & lks)] = 5
    trede[werk & ~lks] = 6
    return trede


def kies_activiteit(rng: np.random.Generator, n: int, p: Any) -> np.ndarray:
    """What adults do besides (or without) work: volunteer work, organised activities, or not.

    Args:
        rng: Random generator.
        n: Number of adults.
        p: Parameters (``bevolking.aandeel_vrijwilligerswerk``, ``aandeel_georganiseerd``).
    """
    b = p.bevolking
    u = rng.random(n)
    activiteit = np.full(n, GEEN_ACTIVITEIT, dtype=np.int8)
    activiteit[u < b.aandeel_vrijwilligerswerk + b.aandeel_georganiseerd] = GEORGANISEERD
    activiteit[u < b.aandeel_vrijwilligerswerk] = VRIJWILLIGERSWERK  # the first band wins
    return activiteit


def steun(model: ModelToegang, rijen: np.ndarray) -> np.ndarray:
    """Whether each client gets active support (diagnosed klantmanager or a service)."""
    t = model.tabel
    return (((t.klantmanager[rijen] >= 0) & (t.diagnose_maand[rijen] != I.NOOIT))
            | ((t.zorg[rijen] & STEUN_DIENSTEN) > 0))


def ladder_kansen(model: ModelToegang, rijen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Monthly chance to rise one rung and to fall one rung, for bijstand clients on 1-4.

    Rising: ``stijging_basis x exp(-belemmering_rem x n) x motivatie x (1 + steun_effect x
    steun) x steun_factor[rung]`` with n the remaining obstacles (DIV13: activation is proven
    effective, its size is not). Falling: ``terugval_basis x (1 + terugval_per_belemmering x
    n)``, times ``nazorg_terugval`` with support (long-term guidance prevents relapse, DIV13)
    and ``terugval_trede[rung]``. Rung 5 needs a job (verb arbeidsmarkt).
    """
    t, a, m = model.tabel, model.p.activeren, model.mechanismen
    n = I.aantal_bits(t.belemmeringen[rijen]).astype(float)
    trede = t.trede[rijen]
    st = steun(model, rijen)
    p_op = (a.stijging_basis * wiskunde.exp_reeks(a.belemmering_rem, 9)[n.astype(np.intp)]
            * t.motivatie[rijen]
            * (1 + a.steun_effect * st) * m.steun_factor[trede - 1])
    p_op[trede >= 4] = 0.0
    p_neer = (a.terugval_basis * (1 + a.terugval_per_belemmering * n)
              * np.where(st, a.nazorg_terugval, 1.0) * m.terugval_trede[trede - 1])
    p_neer[trede <= 1] = 0.0
    return p_op, p_neer
