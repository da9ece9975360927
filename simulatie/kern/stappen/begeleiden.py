"""Verb 4, begeleiden: diagnosis and plan, hand-offs between the desks, providers at work.

Siloed baseline (VJ; DOMEIN "the two laws pull in different directions"): the klantmanager sees
work-related obstacles well (taal/sociale vaardigheden, fysiek), debts poorly (24% of clients have
debts, only 6% are in a debt trajectory) and care obstacles (psychisch, isolement, zorg voor
naasten) only partly; those go to the Wmo desk, and each such referral is lost with chance
``overdrachtsverlies`` (the shared rules :func:`~simulatie.kern.regels.diagnosticeer` and
:func:`~simulatie.kern.regels.verwijs`). Providers take clients from their waiting list up to
capacity and work on the obstacle their service addresses; effect sizes are uncertain
parameters (DIV13: only activation and learning effective behaviour are proven).
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import overgangen
from simulatie.kern.regels import diagnosticeer, herkenkans
from simulatie.kern.rijen import uniek
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import gebeurt, per_maand

#: Capacitated provider kind per service bit (welzijn is open-ended).
DIENST_AANBIEDER = {I.REINTEGRATIE: "reintegratie", I.SCHULDHULP: "schuldhulp",
                    I.BEGELEIDING: "ggz_begeleiding", I.DAGBESTEDING: "dagbesteding",
                    I.HH: "thuiszorg", I.WELZIJN: "welzijn"}
#: Wmo providers whose contracts follow demand, with their ``ruimte_*`` parameter.
INKOOP = {"schuldhulp": "ruimte_schuldhulp", "ggz_begeleiding": "ruimte_begeleiding",
          "dagbesteding": "ruimte_dagbesteding", "thuiszorg": "ruimte_thuiszorg"}
#: Obstacle each service works on (and the parameter of its monthly effect).
DIENST_EFFECT = {I.REINTEGRATIE: (I.TAAL, "effect_reintegratie"),
                 I.SCHULDHULP: (I.SCHULDEN, "effect_schuldhulp"),
                 I.BEGELEIDING: (I.PSYCHISCH, "effect_begeleiding"),
                 I.DAGBESTEDING: (I.ISOLEMENT, "effect_welzijn"),
                 I.WELZIJN: (I.ISOLEMENT | I.NAASTEN, "effect_welzijn")}
#: Services that end after their mean duration (the others end with the Wmo's hazards).
TRAJECTEN = (I.REINTEGRATIE, I.SCHULDHULP, I.WELZIJN)


def begeleiden(model: ModelToegang) -> None:
    """Sanctions, diagnosis of due clients, referrals, providers taking in and working."""
    sancties(model)
    diagnose(model)
    aanbieders_nemen_op(model)
    aanbieders_werken(model)


def sancties(model: ModelToegang) -> None:
    """Benefit cuts this month (mechanisms ``sanctie_kans`` and ``sanctie_hoogte``)."""
    k, m = model.tabel.kol, model.mechanismen
    bij = model.bijstand_rijen()
    k["sanctie"][bij] = 0.0
    getroffen = gebeurt(model.rng, bij, m.sanctie_kans)
    k["sanctie"][getroffen] = m.sanctie_hoogte


def diagnose(model: ModelToegang, alleen: int | None = None) -> None:
    """Clients with a klantmanager whose diagnosis is due get one; referrals follow.

    Args:
        model: The model.
        alleen: Refer only to these services (bitmask; default all).
    """
    t = model.tabel
    k = t.kol
    herdiag = model.p.begeleiden.herdiagnose_maanden
    bij = model.bijstand_rijen()
    due = bij[(t.klantmanager[bij] >= 0) & (model.maand - t.diagnose_maand[bij] >= herdiag)]
    if len(due) == 0:
        return
    k["diagnose_maand"][due] = model.maand
    diagnosticeer(model, due, herkenkans(model, due), model.mechanismen.overdrachtsverlies,
                  alleen=alleen)


def aanbieders_nemen_op(model: ModelToegang, alleen: int | None = None) -> None:
    """Each provider takes clients from its waiting list, in random order, up to capacity.

    The Wmo providers' contracts follow demand: each month the municipality closes a part
    (``inkoop_bijstelling`` a year) of the gap between ``ruimte_*`` times demand (clients and
    waiting) and the places it has; in the steady state that gap is zero.

    Args:
        model: The model.
        alleen: Only the providers of these service bits (default: all).
    """
    t, a = model.tabel, model.p.aanbieders
    bijstelling = float(per_maand(a.inkoop_bijstelling))
    # Services of the active residents, and those with any waiting place (a small part of the
    # table). Each provider changes only its own bit, so both stay valid for the others.
    zorg = t.van_actieven("zorg")
    in_wacht = np.flatnonzero(t.actief & (t.wacht > 0))
    for dienst, soort in DIENST_AANBIEDER.items():
        if alleen is not None and not dienst & alleen:
            continue
        aanbieder = model.aanbieders[soort]
        bit = np.uint8(dienst)
        wachtend = in_wacht[(t.wacht[in_wacht] & bit) > 0]
        aanbieder.clienten = int(np.count_nonzero(zorg & bit))
        ruimte = INKOOP.get(soort)
        if ruimte is not None and bijstelling > 0:
            doel = getattr(a, ruimte) * (aanbieder.clienten + len(wachtend))
            aanbieder.zet_capaciteit(
                max(1.0, aanbieder.capaciteit + bijstelling * (doel - aanbieder.capaciteit)),
                model.personeel_per_plaats(soort))
        n = min(aanbieder.vrije_plaatsen, len(wachtend))
        if n:
            op = model.rng.choice(wachtend, size=n, replace=False)
            overgangen.start_dienst(model, op, dienst)
            aanbieder.clienten += n
        aanbieder.wachtlijst = len(wachtend) - n


def aanbieders_werken(model: ModelToegang) -> None:
    """Active services work on their obstacle; work-side trajectories end after their duration."""
    t, a, rng = model.tabel, model.p.aanbieders, model.rng
    actief = np.flatnonzero(t.actief & ((t.zorg & (I.REINTEGRATIE | I.SCHULDHULP | I.BEGELEIDING
                                                   | I.DAGBESTEDING | I.WELZIJN)) > 0))
    zorg = t.zorg[actief]
    einde = 1.0 / a.duur_traject
    for dienst, (obstakel, effect_naam) in DIENST_EFFECT.items():
        clienten = actief[(zorg & dienst) > 0]
        effect = getattr(a, effect_naam)
        if dienst == I.WELZIJN:
            # Support for carers does not end a single parent's care for the children; their
            # isolation it does address.
            ouder = t.huishouden[clienten] == I.ALLEENSTAANDE_OUDER
            for wie, bits in ((clienten[~ouder], obstakel),
                              (clienten[ouder], obstakel & ~np.uint8(I.NAASTEN))):
                heeft = wie[(t.belemmeringen[wie] & bits) > 0]
                overgangen.los_belemmeringen_op(model, gebeurt(rng, heeft, effect), bits)
        else:
            heeft = clienten[(t.belemmeringen[clienten] & obstakel) > 0]
            opgelost = gebeurt(rng, heeft, effect)
            overgangen.los_belemmeringen_op(model, opgelost, obstakel)
        if dienst in TRAJECTEN:
            klaar = gebeurt(rng, clienten, einde)
            if dienst == I.SCHULDHULP:
                klaar = uniek(klaar, opgelost)
            overgangen.stop_dienst(model, klaar, dienst)
