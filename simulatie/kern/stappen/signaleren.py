"""Verb 2, signaleren: who becomes known to the municipality.

Who lost an income is entitled only after the household means test (:func:`heeft_recht`: a
partner with an income of its own counts), and a household gets one benefit
(:func:`een_uitkering_per_huishouden`).
Entitled residents apply at the loket, or do not (non-take-up, ``niet_gebruik_bijstand``; CPB/SZW
estimate 20-35%); non-takers stay without income (``verborgen_recht``) and apply later with a
monthly chance that outreach can raise (mechanism ``aanvraag_later``). With gatekeeping at intake
(mechanism ``afzien_aanvraag``; the Divosa benchmark found about a third) a share of
applicants withdraws: some find work (``afzien_naar_werk``), the others leave view without
income (:func:`~simulatie.kern.overgangen.uit_beeld`). They keep their obstacles and needs, and
a share applies again later (``heraanvraag_uit_beeld`` a month), as do those who left bijstand
without a known income.
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import huishoudens as H
from simulatie.kern import overgangen
from simulatie.kern.regels import verreken_partnerinkomen
from simulatie.kern.rijen import uniek, zonder
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import gebeurt, gebeurt_elk


def afzienkans(model: ModelToegang, rijen: np.ndarray) -> np.ndarray:
    """Chance per applicant to withdraw at intake.

    Only potential participants of the obligation - applicants with at most
    ``afzien_max_belemmeringen`` obstacles - can be deterred; with several problems there is
    no alternative to the benefit (DOMEIN: those are parked instead).
    """
    m = model.mechanismen
    n = I.aantal_bits(model.tabel.belemmeringen[rijen])
    return np.where(n <= m.afzien_max_belemmeringen, m.afzien_aanvraag, 0.0)


def heeft_recht(model: ModelToegang, rijen: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Which of the residents who lost their income are entitled: the household means test.

    Bijstand is a household benefit (Participatiewet; DOMEIN: a couple is one benefit unit): who
    lives with a partner with an income of its own (work or another benefit) is not entitled,
    unless that income is below the norm (chance ``recht_met_partnerinkomen``); whose partner
    receives bijstand already has it as a household (the couple norm). The others stay without
    an income of their own.

    Args:
        model: The model.
        rijen: Residents who lost their income this month.
        u: One uniform draw per resident.
    """
    kans = H.recht(model.tabel, rijen, model.p)
    return (kans >= 1.0) | (u < kans)


def een_uitkering_per_huishouden(model: ModelToegang, rijen: np.ndarray,
                                 alle: np.ndarray | None = None) -> np.ndarray:
    """The applicants (increasing rows) who become the household's recipient.

    Bijstand is one benefit per household (the couple norm): an applicant whose partner
    receives bijstand by now already has it as a household, and of two partners who apply in
    the same month one becomes the recipient (the first row). The others keep no income of their
    own in a household on bijstand. The means test of :func:`heeft_recht` saw the household
    when the income was lost; applications of non-takers and of people out of view come later.
    ``alle``: the members of the applicants' households if known, else looked up.
    """
    t = model.tabel
    paar = rijen[t.huishouden[rijen] == I.PAAR]
    if len(paar) == 0:
        return rijen
    partner = H.partners(t, paar, alle)
    heeft = partner >= 0
    al = np.zeros(len(paar), dtype=bool)
    al[heeft] = ((t.inkomensbron[partner[heeft]] == I.BIJSTAND)
                 | (np.isin(partner[heeft], paar) & (partner[heeft] < paar[heeft])))
    return zonder(rijen, paar[al])


def signaleren(model: ModelToegang) -> None:
    """Turn this month's entitled residents and some earlier non-takers into applications."""
    t, rng, m = model.tabel, model.rng, model.mechanismen
    k = t.kol
    ids = np.concatenate(model.aanvragers) if model.aanvragers else np.zeros(0, np.int64)
    model.aanvragers.clear()
    nieuw = t.rijen_van(uniek(ids))
    nieuw = nieuw[t.actief[nieuw] & (t.inkomensbron[nieuw] == I.GEEN)]
    nieuw = nieuw[heeft_recht(model, nieuw, rng.random(len(nieuw)))]
    niet = gebeurt(rng, nieuw, model.p.signaleren.niet_gebruik_bijstand)
    k["verborgen_recht"][niet] = True
    aanvraag = zonder(nieuw, niet)
    verborgen = np.flatnonzero(t.verborgen_recht & t.actief)
    verborgen = zonder(verborgen, niet)
    later = gebeurt(rng, verborgen, m.aanvraag_later)
    k["verborgen_recht"][later] = False
    # Out of view without income: some come back and apply again.
    terug = gebeurt(rng, zonder(np.flatnonzero(t.uit_beeld & t.actief), nieuw),
                    model.p.signaleren.heraanvraag_uit_beeld)
    k["uit_beeld"][terug] = False
    # Those coming back from out of view have tried to do without: the gate does not deter
    # them a second time.
    eerste = uniek(aanvraag, later)
    afzien = gebeurt_elk(rng, eerste, afzienkans(model, eerste))
    aanvraag = uniek(eerste, terug)
    if len(afzien):
        werk = afzien[rng.random(len(afzien)) < m.afzien_naar_werk]
        overgangen.vindt_werk(model, werk)
        overgangen.uit_beeld(model, zonder(afzien, werk))
        model.tel("afgezien_aanvraag", len(afzien))
        aanvraag = zonder(aanvraag, afzien)
    # One look-up of the applicant couples' households serves both household rules.
    paar = aanvraag[t.huishouden[aanvraag] == I.PAAR]
    alle = H.leden(t, t.huishouden_id[paar]) if len(paar) else None
    aanvraag = een_uitkering_per_huishouden(model, aanvraag, alle)
    overgangen.naar_bijstand(model, aanvraag)
    verreken_partnerinkomen(model, aanvraag, alle)
