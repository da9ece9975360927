"""Verb 4, begeleiden: diagnosis and plan, hand-offs between the desks, providers at work.

Siloed baseline (VJ; DOMEIN "the two laws pull in different directions"): the klantmanager sees
work-related obstacles well (taal/sociale vaardigheden, fysiek), debts poorly (24% of clients have
debts, only 6% are in a debt trajectory) and care obstacles (psychisch, isolement, zorg voor
naasten) only partly; those go to the Wmo desk, and each such referral is lost with chance
``overdrachtsverlies``. A professional's ``integraal`` competence scales recognition
(0.5 + score). Providers take clients from their waiting list up to capacity and work on the
obstacle their service addresses; effect sizes are uncertain parameters (DIV13: only activation
and learning effective behaviour are proven).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agenten import inwoners as I
from simulatie.kans import gebeurt
from simulatie.rijen import uniek, zonder

if TYPE_CHECKING:
    from simulatie.model import Gemeente

#: Capacitated provider kind per service bit (welzijn is open-ended).
DIENST_AANBIEDER = {I.REINTEGRATIE: "reintegratie", I.SCHULDHULP: "schuldhulp",
                    I.BEGELEIDING: "ggz_begeleiding", I.DAGBESTEDING: "dagbesteding",
                    I.HH: "thuiszorg", I.WELZIJN: "welzijn"}
#: Obstacle each service works on (and the parameter of its monthly effect).
DIENST_EFFECT = {I.REINTEGRATIE: (I.TAAL, "effect_reintegratie"),
                 I.SCHULDHULP: (I.SCHULDEN, "effect_schuldhulp"),
                 I.BEGELEIDING: (I.PSYCHISCH, "effect_begeleiding"),
                 I.DAGBESTEDING: (I.ISOLEMENT, "effect_welzijn"),
                 I.WELZIJN: (I.ISOLEMENT | I.NAASTEN, "effect_welzijn")}


def begeleiden(model: Gemeente) -> None:
    """Sanctions, diagnosis of due clients, referrals, providers taking in and working."""
    sancties(model)
    diagnose(model)
    aanbieders_nemen_op(model)
    aanbieders_werken(model)


def sancties(model: Gemeente) -> None:
    """Benefit cuts this month (none in the baseline; work-first sets ``sanctie_kans``)."""
    k, s = model.tabel.kol, model.sturing
    bij = model.bijstand_rijen()
    k["sanctie"][bij] = 0.0
    getroffen = gebeurt(model.rng, bij, s.sanctie_kans)
    k["sanctie"][getroffen] = s.sanctie_hoogte
    model.teller["sancties"] += len(getroffen)


def herkenkans(model: Gemeente, rijen: np.ndarray) -> np.ndarray:
    """Chance per client (rows) and obstacle (6 columns) that the diagnosis recognises it."""
    s = model.sturing
    basis = np.array([s.signaleer_zorg, s.signaleer_werk, s.signaleer_werk,
                      s.signaleer_schulden, s.signaleer_zorg, s.signaleer_zorg])
    integraal = np.array([p.competenties["integraal"] for p in model.klantmanagers])
    km = model.tabel.klantmanager[rijen]
    factor = np.where(km >= 0, 0.5 + integraal[np.maximum(km, 0)], 1.0)
    return np.minimum(1.0, basis[None, :] * factor[:, None])


def diagnose(model: Gemeente) -> None:
    """Clients with a klantmanager whose diagnosis is due get one; referrals follow."""
    t, s = model.tabel, model.sturing
    k = t.kol
    herdiag = model.p.begeleiden.herdiagnose_maanden
    bij = model.bijstand_rijen()
    due = bij[(t.klantmanager[bij] >= 0) & (model.maand - t.diagnose_maand[bij] >= herdiag)]
    if len(due) == 0:
        return
    k["diagnose_maand"][due] = model.maand
    diagnosticeer(model, due, herkenkans(model, due),
                  0.0 if s.integrale_diagnose else s.overdrachtsverlies)


def diagnosticeer(model: Gemeente, rijen: np.ndarray, kans: np.ndarray, verlies: float,
                  herzie: bool = False) -> None:
    """Recognise obstacles and refer: the diagnosis and plan of the given clients.

    Work obstacles are referred directly (taal -> re-integratie, debts -> schuldhulp); care
    obstacles go to the Wmo desk or welzijn and are lost with chance ``verlies``.

    Args:
        model: The model.
        rijen: Clients to diagnose.
        kans: Chance to recognise each obstacle, shape (len(rijen), 6) or (6,).
        verlies: Chance a care referral is lost in the hand-off.
        herzie: Refer for every known obstacle not yet served (an integral plan), instead of
            only for the newly recognised ones; clients who already have or await the service
            are skipped.
    """
    t, rng = model.tabel, model.rng
    k = t.kol
    bits = t.belemmeringen[rijen]
    kans = np.broadcast_to(kans, (len(rijen), 6))
    nieuw_bekend = np.zeros(len(rijen), dtype=np.uint8)
    r = rng.random(kans.shape)
    for b in range(6):
        hit = ((bits >> b) & 1).astype(bool) & (r[:, b] < kans[:, b])
        nieuw_bekend |= (hit.astype(np.uint8) << b).astype(np.uint8)
    nieuw_bekend &= ~t.bekend[rijen]
    k["bekend"][rijen] |= nieuw_bekend
    model.teller["diagnoses"] += len(rijen)
    if herzie:
        nieuw_bekend = t.bekend[rijen] & t.belemmeringen[rijen]
    due = rijen

    def verwijs(wie: np.ndarray, dienst: int, verlies: float, wmo: bool = False) -> None:
        if herzie:
            al = t.zorg[wie] | t.wacht[wie] | t.wmo_aanvraag[wie] | t.wmo_behoefte[wie]
            wie = wie[(al & dienst) == 0]
        _verwijs(model, wie, dienst, verlies, wmo)

    # Work desk refers directly: taal -> re-integratie, debts -> schuldhulp.
    verwijs(due[(nieuw_bekend & I.TAAL) > 0], I.REINTEGRATIE, verlies=0.0)
    verwijs(due[(nieuw_bekend & I.SCHULDEN) > 0], I.SCHULDHULP, verlies=0.0)
    # Fase 2/3 clients without a remaining known obstacle: a work trajectory.
    klaar = due[(t.fase[due] == 2) & ((t.bekend[due] & t.belemmeringen[due]) == 0)
                & (t.trede[due] <= 4)]
    verwijs(klaar, I.REINTEGRATIE, verlies=0.0)
    # Care obstacles go to the Wmo desk / welzijn: hand-off with loss (none if integral).
    psych = (nieuw_bekend & I.PSYCHISCH) > 0
    iso = (nieuw_bekend & I.ISOLEMENT) > 0
    verwijs(due[psych], I.BEGELEIDING, verlies, wmo=True)
    verwijs(due[iso & ((t.belemmeringen[due] & I.PSYCHISCH) > 0)], I.DAGBESTEDING,
            verlies, wmo=True)
    verwijs(due[(iso & ((t.belemmeringen[due] & I.PSYCHISCH) == 0))
                | ((nieuw_bekend & I.NAASTEN) > 0)], I.WELZIJN, verlies)


def _verwijs(model: Gemeente, rijen: np.ndarray, dienst: int, verlies: float,
             wmo: bool = False) -> None:
    """Refer clients to a service; with ``wmo`` they become applications at the Wmo desk.

    Args:
        model: The model.
        rijen: Clients to refer.
        dienst: Service bit.
        verlies: Chance the referral is lost in the hand-off.
        wmo: Whether the service needs a Wmo assessment first.
    """
    if len(rijen) == 0:
        return
    k = model.tabel.kol
    rijen = rijen[(k["zorg"][rijen] & dienst) == 0]
    kwijt = gebeurt(model.rng, rijen, verlies)
    model.teller["overdracht_verloren"] += len(kwijt)
    rijen = zonder(rijen, kwijt)
    bit = np.uint8(dienst)
    if wmo:
        k["wmo_aanvraag"][rijen] |= bit
    else:
        k["wacht"][rijen] |= bit
    model.teller["doorverwezen"] += len(rijen)


def aanbieders_nemen_op(model: Gemeente) -> None:
    """Each provider takes clients from its waiting list, in random order, up to capacity."""
    t = model.tabel
    k = t.kol
    # Services of the active residents, and those with any waiting place (a small part of the
    # table). Each provider changes only its own bit, so both stay valid for the others.
    zorg = t.van_actieven("zorg")
    in_wacht = np.flatnonzero(t.actief & (t.wacht > 0))
    for dienst, soort in DIENST_AANBIEDER.items():
        aanbieder = model.aanbieders[soort]
        bit = np.uint8(dienst)
        wachtend = in_wacht[(t.wacht[in_wacht] & bit) > 0]
        aanbieder.clienten = int(np.count_nonzero(zorg & bit))
        n = min(aanbieder.vrije_plaatsen, len(wachtend))
        if n:
            op = model.rng.choice(wachtend, size=n, replace=False)
            k["zorg"][op] |= bit
            k["wacht"][op] &= ~bit
            aanbieder.clienten += n
        aanbieder.wachtlijst = len(wachtend) - n


def aanbieders_werken(model: Gemeente) -> None:
    """Active services work on their obstacle; work-side trajectories end after their duration."""
    t, a, rng = model.tabel, model.p.aanbieders, model.rng
    k = t.kol
    actief = np.flatnonzero(t.actief & ((t.zorg & (I.REINTEGRATIE | I.SCHULDHULP | I.BEGELEIDING
                                                   | I.DAGBESTEDING | I.WELZIJN)) > 0))
    zorg = t.zorg[actief]
    einde = 1.0 / a.duur_traject
    for dienst, (obstakel, effect_naam) in DIENST_EFFECT.items():
        clienten = actief[(zorg & dienst) > 0]
        effect = getattr(a, effect_naam)
        opgelost = gebeurt(rng, clienten[(t.belemmeringen[clienten] & obstakel) > 0], effect)
        k["belemmeringen"][opgelost] &= ~np.uint8(obstakel)
        k["bekend"][opgelost] &= ~np.uint8(obstakel)
        model.teller["belemmeringen_opgelost"] += len(opgelost)
        if dienst in (I.REINTEGRATIE, I.SCHULDHULP, I.WELZIJN):
            klaar = gebeurt(rng, clienten, einde)
            if dienst == I.SCHULDHULP:
                klaar = uniek(klaar, opgelost)
            k["zorg"][klaar] &= ~np.uint8(dienst)
