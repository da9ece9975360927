"""Verb 8, jeugd: children's need for youth support (Jeugdwet), waiting, care and its end.

The third decentralisation (DIV13, 1.3: all youth care to municipalities in 2015, "1 gezin,
1 plan, 1 regisseur") as a chain per child (0-17) in the column ``jeugdhulp``:
``GEEN`` -> ``WACHT`` (a need, registered, care not yet started) -> ``ZORG`` (in care) ->
``GEEN``. Sources (``data/aanvullend.csv``): CBS counts 10.6% of young people under 23 with
youth care in 2023 and about three quarters of those active in a period are in care on a given
day (``jeugdhulp_stand_tot_actief``), hence ``parameters.jeugd.prevalentie``; a third of the
trajectories ends per half year (``jeugdhulp_uitstroom_halfjaar``: a mean of about 18 months);
``kosten_per_jaar`` from the AEF figure of about 10,000 euro per child per year.

A child's need is higher in a household where a member receives bijstand
(``risico_bijstand``) and in a one-parent household (``risico_eenouder``): CBS (2023,
achtergrondkenmerken van jongeren met jeugdzorg) finds youth care going together with a benefit
as the household's main income and with one-parent families; the sizes are uncertain and declared
as ranges. The base hazard is derived at the build (:func:`initialiseer`) so that the stock of
children in care is stationary at ``prevalentie`` given these risks, the wait, the duration and
the children who turn 18 (the chain per month of age, as
:func:`simulatie.kern.evenwicht.prevalentie`): without a declared trend the stock stays where it
starts. Children turning 18 leave youth care (verlengde jeugdhulp up to 23 is not modelled).
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import overgangen
from simulatie.kern.evenwicht import instroomkans
from simulatie.kern.overgangen import VOLWASSEN_MAANDEN
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import gebeurt, gebeurt_begrensd, toestand_uit

#: States of the column ``jeugdhulp``.
GEEN, WACHT, ZORG = I.JEUGD_GEEN, I.JEUGD_WACHT, I.JEUGD_ZORG


def _kansen(model: ModelToegang) -> tuple[float, float]:
    """Monthly chance that care starts (after the wait) and that it ends (after the duration)."""
    j = model.p.jeugd
    return min(1.0, 1.0 / j.wachttijd), min(1.0, 1.0 / j.duur)


def risico(model: ModelToegang, rijen: np.ndarray) -> np.ndarray:
    """Relative chance of a new need of each child (1 in a two-parent household without bijstand).

    ``risico_bijstand`` when a member of the child's household receives bijstand, times
    ``risico_eenouder`` when the household has one parent.
    """
    t, j = model.tabel, model.p.jeugd
    hh = t.huishouden_id
    bijstand = np.zeros(t.volgend_huishouden + 1, dtype=bool)  # by id, as huishoudens.leden
    bijstand[hh[model.bijstand_rijen()]] = True
    eenouder = np.zeros_like(bijstand)
    ouders = np.flatnonzero((t.huishouden == I.ALLEENSTAANDE_OUDER) & t.actief)
    eenouder[hh[ouders]] = True
    eigen = hh[rijen]
    return (np.where(bijstand[eigen], j.risico_bijstand, 1.0)
            * np.where(eenouder[eigen], j.risico_eenouder, 1.0))


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

    The base hazard is the one at which the share of children 0-17 in care equals
    ``prevalentie``, given each child's relative risk (:func:`risico`) at month 0 and ages evenly
    spread (as the age balance of verb demografie keeps them); each child is then waiting or in
    care with the stationary chance at its month of age and risk.
    """
    t = model.tabel
    start, einde = _kansen(model)
    kinderen = np.flatnonzero(t.actief & (t.leeftijd_maanden < VOLWASSEN_MAANDEN))
    groep, per_kind = np.unique(risico(model, kinderen), return_inverse=True)
    aandeel = np.bincount(per_kind, minlength=len(groep)) / max(len(kinderen), 1)

    def in_zorg(h: float) -> float:
        return float(sum(a * bezetting(min(1.0, h * r), start, einde)[1].mean()
                         for a, r in zip(aandeel, groep, strict=True)))

    model.afgeleid["jeugd_instroom"] = instroomkans(
        in_zorg, model.p.jeugd.prevalentie, "jeugd.prevalentie",
        hoogste=1.0 / float(groep.max(initial=1.0)))
    staat = np.empty(len(kinderen), dtype=np.int64)
    u = model.rng.random(len(kinderen))
    for g, r in enumerate(groep):
        wacht, zorg = bezetting(model.afgeleid["jeugd_instroom"] * r, start, einde)
        # Cumulative shares per month of age: in care, then waiting, then none.
        hier = per_kind == g
        staat[hier] = toestand_uit(u[hier], np.array([zorg, zorg + wacht]),
                                   t.leeftijd_maanden[kinderen[hier]].astype(np.int64))
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
    j, basis = model.p.jeugd, model.afgeleid["jeugd_instroom"]

    def kans(rijen: np.ndarray) -> np.ndarray:
        kind = (t.actief[rijen] & (t.leeftijd_maanden[rijen] < VOLWASSEN_MAANDEN)
                & (staat[rijen] == GEEN))
        return np.where(kind, basis * risico(model, rijen), 0.0)

    nieuw = gebeurt_begrensd(rng, len(t), kans, basis * j.risico_bijstand * j.risico_eenouder)
    k["jeugdhulp"][volwassen] = GEEN
    k["jeugdhulp"][klaar] = GEEN
    overgangen.start_jeugdhulp(model, begint)
    k["jeugdhulp"][nieuw] = WACHT
    model.tel("instroom_jeugdhulp", len(nieuw))
