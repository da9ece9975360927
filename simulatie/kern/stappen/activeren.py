"""Verb 5, activeren: ladder moves on rungs 1-4 for bijstand clients, and relapse.

The chances are the shared rule :func:`simulatie.kern.ladder.ladder_kansen` (support raises
rises and lowers relapse; obstacles work the other way). Rungs 5-6 come from work (verb
arbeidsmarkt).
"""

from __future__ import annotations

from simulatie.kern.ladder import ladder_kansen
from simulatie.kern.toegang import ModelToegang


def activeren(model: ModelToegang) -> None:
    """Move bijstand clients on rungs 1-4 up or down."""
    t, rng = model.tabel, model.rng
    k = t.kol
    bij = model.bijstand_rijen()
    bij = bij[t.trede[bij] <= 4]
    if len(bij) == 0:
        return
    p_op, p_neer = ladder_kansen(model, bij)
    u = rng.random(len(bij))
    op = u < p_op
    neer = ~op & (u < p_op + p_neer)
    k["trede"][bij[op]] += 1
    k["trede"][bij[neer]] -= 1
