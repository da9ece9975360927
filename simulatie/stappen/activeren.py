"""Verb 5, activeren: ladder moves on rungs 1-4 for bijstand clients, and relapse.

Rising one rung has a monthly chance ``stijging_basis x exp(-belemmering_rem x n) x motivatie
x (1 + steun_effect x steun)``, with n the remaining obstacles and steun 1 when the client has a
klantmanager with a diagnosis or an active service (DIV13: activation is proven effective; the
size is uncertain). Relapse has chance ``terugval_basis x (1 + terugval_per_belemmering x n)``,
times ``nazorg_terugval`` with support (long-term guidance prevents relapse, DIV13).
Rungs 5-6 come from work (verb arbeidsmarkt).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agenten import inwoners as I

if TYPE_CHECKING:
    from simulatie.model import Gemeente

STEUN_DIENSTEN = I.REINTEGRATIE | I.BEGELEIDING | I.DAGBESTEDING | I.WELZIJN | I.SCHULDHULP


def steun(model: Gemeente, rijen: np.ndarray) -> np.ndarray:
    """Whether each client gets active support (diagnosed klantmanager or a service)."""
    t = model.tabel
    return (((t.klantmanager[rijen] >= 0) & (t.diagnose_maand[rijen] != I.NOOIT))
            | ((t.zorg[rijen] & STEUN_DIENSTEN) > 0))


def kansen(model: Gemeente, rijen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Monthly chance to rise one rung and to fall one rung, for bijstand clients on 1-4."""
    t, a, s = model.tabel, model.p.activeren, model.sturing
    n = I.aantal_bits(t.belemmeringen[rijen]).astype(float)
    trede = t.trede[rijen]
    st = steun(model, rijen)
    p_op = (a.stijging_basis * np.exp(-a.belemmering_rem * n) * t.motivatie[rijen]
            * (1 + a.steun_effect * st) * s.steun_factor[trede - 1])
    p_op[trede >= 4] = 0.0  # rung 5 needs a job (arbeidsmarkt)
    p_neer = (a.terugval_basis * (1 + a.terugval_per_belemmering * n)
              * np.where(st, a.nazorg_terugval, 1.0) * s.terugval_factor
              * s.terugval_trede[trede - 1])
    p_neer[trede <= 1] = 0.0
    return p_op, p_neer


def activeren(model: Gemeente) -> None:
    """Move bijstand clients on rungs 1-4 up or down."""
    t, rng = model.tabel, model.rng
    k = t.kol
    bij = model.bijstand_rijen()
    bij = bij[t.trede[bij] <= 4]
    if len(bij) == 0:
        return
    p_op, p_neer = kansen(model, bij)
    u = rng.random(len(bij))
    op = u < p_op
    neer = ~op & (u < p_op + p_neer)
    k["trede"][bij[op]] += 1
    k["trede"][bij[neer]] -= 1
    model.teller["trede_omhoog"] += int(op.sum())
    model.teller["trede_omlaag"] += int(neer.sum())
