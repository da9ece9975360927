"""Verb 8, jeugd: children's need for youth support (Jeugdwet), waiting, care and its end.

The third decentralisation (DIV13, 1.3: all youth care to municipalities in 2015, "1 gezin,
1 plan, 1 regisseur") as a chain per child (0-17) in the column ``jeugdhulp``:
``GEEN`` -> ``WACHT`` (a need, registered, care not yet started) -> ``ZORG`` (in care) ->
``GEEN``. Sources (``data/aanvullend.csv``): CBS counts 10.6% of young people under 23 with
youth care in 2023 and about three quarters of those active in a period are in care on a given
day (``jeugdhulp_stand_tot_actief``), hence ``parameters.jeugd.prevalentie``; a third of the
trajectories ends per half year (``jeugdhulp_uitstroom_halfjaar``: a mean of about 18 months);
``kosten_per_jaar`` from the AEF figure of about 10,000 euro per child per year.

The entry hazard is derived at the build (:func:`initialiseer`) so that the stock of children in
care is stationary at ``prevalentie`` given the wait, the duration and the children who turn 18
(the chain per month of age of :func:`simulatie.kern.evenwicht.prevalentie`): without a declared
trend the stock stays where it starts. Children turning 18 leave youth care (verlengde
jeugdhulp up to 23 is not modelled). The hazard is the same for every child; a higher need in
households with several problems needs households (issue 15) and is not modelled yet.
"""

from __future__ import annotations

import numpy as np

from simulatie.kern.evenwicht import instroomkans
from simulatie.kern.overgangen import VOLWASSEN_MAANDEN
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import gebeurt, gebeurt_waar, toestand_uit

#: States of the column ``jeugdhulp``.
GEEN, WACHT, ZORG = 0, 1, 2


def _kansen(model: ModelToegang) -> tuple[float, float]:
    """Monthly chance that care starts (after the wait) and that it ends (after the duration)."""
    j = model.p.jeugd
    return min(1.0, 1.0 / j.wachttijd), min(1.0, 1.0 / j.duur)


def bezetting(instroom: float, start: float, einde: float) -> np.ndarray:
    """Share of a cohort waiting and in care at each month of age 0..17 (starting at birth).

    Args:
        instroom: Monthly chance of a new need (children without one).
        start: Monthly chance that the care of a waiting child starts.
        einde: Monthly chance that care ends.

    Returns:
        Array of shape (2, 216): the share waiting and the share in care by month of age.
    """
    wacht = [0.0] * VOLWASSEN_MAANDEN
    zorg = [0.0] * VOLWASSEN_MAANDEN
    for a in range(VOLWASSEN_MAANDEN - 1):
        geen = 1.0 - wacht[a] - zorg[a]
        wacht[a + 1] = wacht[a] * (1.0 - start) + geen * instroom
        zorg[a + 1] = zorg[a] * (1.0 - einde) + wacht[a] * start
    return np.array([wacht, zorg])


def initialiseer(model: ModelToegang) -> None:
    """Month 0: the entry hazard for a stationary stock, and each child's state by age.

    The hazard is the one at which the share of children 0-17 in care (ages evenly spread,
    as the age balance of verb demografie keeps them) equals ``prevalentie``; each child is
    then waiting or in care with the stationary chance at its month of age.
    """
    t = model.tabel
    start, einde = _kansen(model)
    doel = model.p.jeugd.prevalentie * VOLWASSEN_MAANDEN
    model.afgeleid["jeugd_instroom"] = instroomkans(
        lambda h: float(bezetting(h, start, einde)[1].sum()), doel, "jeugd.prevalentie",
        hoogste=1.0)
    kinderen = np.flatnonzero(t.actief & (t.leeftijd_maanden < VOLWASSEN_MAANDEN))
    wacht, zorg = bezetting(model.afgeleid["jeugd_instroom"], start, einde)
    # Cumulative shares per month of age: in care, then waiting, then none.
    drempels = np.array([zorg, zorg + wacht])
    staat = toestand_uit(model.rng.random(len(kinderen)), drempels,
                         t.leeftijd_maanden[kinderen].astype(np.int64))
    t.kol["jeugdhulp"][kinderen] = np.array([ZORG, WACHT, GEEN], dtype=np.int8)[staat]


def jeugd(model: ModelToegang) -> None:
    """One month: new needs, care that starts after the wait, care that ends, and turning 18.

    Compute, then commit: a child whose need arose this month does not start care in the same
    month, and care that started this month does not end in it.
    """
    t, rng = model.tabel, model.rng
    k = t.kol
    staat = t.jeugdhulp
    lopend = np.flatnonzero(staat != GEEN)  # a boolean scan: 5x faster than on int8
    lopend = lopend[t.actief[lopend]]
    volwassen = lopend[t.leeftijd_maanden[lopend] >= VOLWASSEN_MAANDEN]
    lopend = lopend[t.leeftijd_maanden[lopend] < VOLWASSEN_MAANDEN]
    start, einde = _kansen(model)
    begint = gebeurt(rng, lopend[staat[lopend] == WACHT], start)
    klaar = gebeurt(rng, lopend[staat[lopend] == ZORG], einde)
    nieuw = gebeurt_waar(
        rng, len(t), lambda r: t.actief[r] & (t.leeftijd_maanden[r] < VOLWASSEN_MAANDEN)
        & (staat[r] == GEEN), model.afgeleid["jeugd_instroom"])
    k["jeugdhulp"][volwassen] = GEEN
    k["jeugdhulp"][klaar] = GEEN
    k["jeugdhulp"][begint] = ZORG
    k["jeugdhulp"][nieuw] = WACHT
    model.tel("instroom_jeugdhulp", len(nieuw))
