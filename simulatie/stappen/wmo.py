"""Verb 7, wmo: demand for individual provisions, applications, assessment and allocation.

Need for huishoudelijke hulp, hulpmiddelen, begeleiding and dagbesteding arises as yearly
hazards that depend on age (67-74, 75+, 80+), obstacles (fysiek, psychisch, isolement) and AWBZ
extramural care (``awbz_factor``). Need becomes an application with a monthly chance
(``model.sturing.wmo_aanvraag``; non-take-up is real); Wmo-consulenten assess applications within
their hours (the rest wait); a share is granted (``toekenning``) and queues at the provider
(verb begeleiden takes them in). Provisions end with a yearly hazard (and at death). Hazards are
calibrated on ``EXT:wmo_clienten_per_1000_inwoners`` (63 per 1,000).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agenten import inwoners as I
from simulatie.kans import gebeurt, gebeurt_begrensd, gebeurt_elk, per_maand
from simulatie.rijen import zonder

if TYPE_CHECKING:
    from simulatie.model import Gemeente

WMO_DIENSTEN = (I.HH, I.HULPMIDDEL, I.BEGELEIDING, I.DAGBESTEDING)


def behoefte_kans(model: Gemeente, rijen: np.ndarray,
                  diensten: tuple[int, ...] = WMO_DIENSTEN) -> dict[int, np.ndarray]:
    """Yearly chance of new need per provision for the given residents.

    Args:
        model: The model.
        rijen: Residents (rows).
        diensten: Provisions to compute (default all four; the monthly draw asks for one).

    Returns:
        Provision bit -> chance per row.
    """
    t, w = model.tabel, model.p.wmo
    jaar = t.leeftijd_maanden[rijen] // 12
    bits = t.belemmeringen[rijen]
    awbz = np.where(t.awbz_extramuraal[rijen], w.awbz_factor, 1.0)
    p75, p67, p80 = jaar >= 75, (jaar >= 67) & (jaar < 75), jaar >= 80

    def fysiek() -> np.ndarray:
        return ((bits & I.FYSIEK) > 0) & (jaar >= 18)

    def psych() -> np.ndarray:
        return ((bits & I.PSYCHISCH) > 0) & (jaar >= 18)

    def iso() -> np.ndarray:
        return (bits & I.ISOLEMENT) > 0

    kans = {
        I.HH: lambda: np.select([p75, p67, fysiek()], [w.behoefte_hh_75plus,
                                                       w.behoefte_hh_67_74,
                                                       w.behoefte_hh_fysiek], 0.0),
        I.HULPMIDDEL: lambda: np.select([p75, p67, fysiek()], [w.behoefte_hulpmiddel_75plus,
                                                               w.behoefte_hulpmiddel_67_74,
                                                               w.behoefte_hulpmiddel_fysiek],
                                        0.0),
        I.BEGELEIDING: lambda: np.select([psych(), p80], [w.behoefte_begeleiding_psychisch,
                                                          w.behoefte_begeleiding_80plus], 0.0),
        I.DAGBESTEDING: lambda: np.select([p80, iso() & psych()],
                                          [w.behoefte_dagbesteding_80plus,
                                           w.behoefte_dagbesteding_isolement], 0.0),
    }
    return {dienst: awbz * kans[dienst]() for dienst in diensten}


def behoefte_grens(model: Gemeente, dienst: int) -> float:
    """Upper bound of the yearly chance of new need for a provision, over all residents.

    Every chance in :func:`behoefte_kans` is one ``behoefte_<provision>_*`` parameter, times
    ``awbz_factor`` for AWBZ extramural clients.
    """
    w = model.p.wmo
    voorziening = I.VOORZIENINGEN[dienst.bit_length() - 1]
    hoogste = max(v for naam, v in w if naam.startswith(f"behoefte_{voorziening}_"))
    return hoogste * max(1.0, w.awbz_factor)


def _einde(model: Gemeente) -> dict[int, float]:
    w = model.p.wmo
    return {I.HH: w.einde_hh, I.HULPMIDDEL: w.einde_hulpmiddel,
            I.BEGELEIDING: w.einde_begeleiding, I.DAGBESTEDING: w.einde_dagbesteding}


def initialiseer(model: Gemeente) -> None:
    """Month 0: each provision with its expected prevalence, within provider capacity.

    Below pension age the prevalence is the stationary h*g / (h*g + e + mortality). From pension
    age on, hazards rise with age, so prevalence is built up year by year from the pension age
    (p' = h*g*(1 - p) - (e + mortality)*p), which avoids starting far above the model's own
    steady state. Residents beyond a provider's capacity start on its waiting list.
    """
    t = model.tabel
    k = t.kol
    rijen = np.flatnonzero(t.actief)
    g = model.p.wmo.toekenning
    einde = _einde(model)
    aow = model.p.demografie.aow_leeftijd
    capaciteit = {I.HH: model.aanbieders["thuiszorg"].capaciteit,
                  I.BEGELEIDING: model.aanbieders["ggz_begeleiding"].capaciteit,
                  I.DAGBESTEDING: model.aanbieders["dagbesteding"].capaciteit}
    jaar = t.leeftijd_maanden[rijen] // 12
    sterfte = _sterfte(model, jaar)
    kansen = behoefte_kans(model, rijen)
    oud = jaar >= aow
    for dienst, h in kansen.items():
        hg = h * g
        p = hg / (hg + einde[dienst] + sterfte + 1e-12)
        p[oud] = _opbouw(model, dienst, rijen[oud], jaar[oud], einde[dienst])
        krijgt = model.rng.permutation(gebeurt_elk(model.rng, rijen, p))
        cap = int(min(capaciteit.get(dienst, len(krijgt)), len(krijgt)))
        k["zorg"][krijgt[:cap]] |= np.uint8(dienst)
        k["wacht"][krijgt[cap:]] |= np.uint8(dienst)


def _sterfte(model: Gemeente, jaar: np.ndarray) -> np.ndarray:
    """Yearly mortality by age (the Gompertz hazard of verb demografie)."""
    return np.minimum(1.0, model.p.demografie.sterfte_80 * np.exp(0.095 * (jaar - 80.0)))


def _opbouw(model: Gemeente, dienst: int, rijen: np.ndarray, jaar: np.ndarray,
            einde: float) -> np.ndarray:
    """Prevalence at each age from pension age on, integrated yearly per AWBZ status."""
    g = model.p.wmo.toekenning
    aow = model.p.demografie.aow_leeftijd
    leeftijden = np.arange(aow, 121)
    uit = np.zeros(len(rijen))
    awbz = model.tabel.awbz_extramuraal[rijen]
    for status in (False, True):
        # A synthetic resident of each age with this AWBZ status and no obstacles.
        h = _leeftijdskans(model, dienst, leeftijden, status)
        p = np.zeros(len(leeftijden))
        for i in range(1, len(leeftijden)):
            r = einde + _sterfte(model, leeftijden[i - 1:i])[0]
            p[i] = min(1.0, p[i - 1] + h[i - 1] * g * (1 - p[i - 1]) - r * p[i - 1])
        kies = awbz == status
        uit[kies] = p[np.minimum(jaar[kies], 120) - aow]
    return uit


def _leeftijdskans(model: Gemeente, dienst: int, leeftijden: np.ndarray,
                   awbz: bool) -> np.ndarray:
    """Yearly need hazard by age for residents without obstacles (pension age and older)."""
    w = model.p.wmo
    f = w.awbz_factor if awbz else 1.0
    p75, p80 = leeftijden >= 75, leeftijden >= 80
    return f * {
        I.HH: np.where(p75, w.behoefte_hh_75plus, w.behoefte_hh_67_74),
        I.HULPMIDDEL: np.where(p75, w.behoefte_hulpmiddel_75plus, w.behoefte_hulpmiddel_67_74),
        I.BEGELEIDING: np.where(p80, w.behoefte_begeleiding_80plus, 0.0),
        I.DAGBESTEDING: np.where(p80, w.behoefte_dagbesteding_80plus, 0.0),
    }[dienst]


def wmo(model: Gemeente) -> None:
    """Need, application, assessment within capacity, allocation, and ending of provisions."""
    t, w, rng = model.tabel, model.p.wmo, model.rng
    k = t.kol
    actief = np.flatnonzero(t.actief)
    for dienst in WMO_DIENSTEN:

        def kans(rijen: np.ndarray, dienst: int = dienst) -> np.ndarray:
            # No new need for a provision one has, waits for or applied for. Most candidates
            # have no chance at all: the monthly chance is computed only for the others.
            jaarkans = behoefte_kans(model, rijen, (dienst,))[dienst]
            al = t.zorg[rijen] | t.wacht[rijen] | t.wmo_behoefte[rijen] | t.wmo_aanvraag[rijen]
            jaarkans[(al & dienst) != 0] = 0.0
            h = np.zeros(len(rijen))
            positief = jaarkans > 0
            h[positief] = per_maand(jaarkans[positief])
            return h

        # Need chances are evaluated only for candidates drawn with their common bound.
        nieuw = gebeurt_begrensd(rng, actief, kans, per_maand(behoefte_grens(model, dienst)))
        if dienst != I.HULPMIDDEL and model.sturing.wmo_collectief > 0:
            # Prevention: part of the new need is met by collective provisions (welzijn).
            collectief = gebeurt(rng, nieuw, model.sturing.wmo_collectief)
            k["zorg"][collectief] |= np.uint8(I.WELZIJN)
            model.teller["wmo_collectief_opgevangen"] += len(collectief)
            nieuw = zonder(nieuw, collectief)
        k["wmo_behoefte"][nieuw] |= np.uint8(dienst)
        model.teller["wmo_behoefte_nieuw"] += len(nieuw)
    # Need -> application (non-take-up: the rest keep their need and may apply later).
    behoefte = np.flatnonzero(t.actief & (t.wmo_behoefte > 0))
    vraagt = gebeurt(rng, behoefte, model.sturing.wmo_aanvraag)
    k["wmo_aanvraag"][vraagt] |= k["wmo_behoefte"][vraagt]
    k["wmo_behoefte"][vraagt] = 0
    # Assessment within the consultants' hours.
    aanvragen = np.flatnonzero(t.actief & (t.wmo_aanvraag > 0))
    capaciteit = sum(p.max_caseload for p in model.wmo_consulenten)
    onderzocht = aanvragen if len(aanvragen) <= capaciteit else rng.choice(
        aanvragen, size=capaciteit, replace=False)
    for prof in model.wmo_consulenten:
        prof.caseload = int(round(len(onderzocht) / len(model.wmo_consulenten)))
    toegekend = gebeurt(rng, onderzocht, w.toekenning)
    # Hulpmiddelen are delivered directly; the other provisions queue at their provider.
    k["zorg"][toegekend] |= k["wmo_aanvraag"][toegekend] & np.uint8(I.HULPMIDDEL)
    k["wacht"][toegekend] |= k["wmo_aanvraag"][toegekend] & ~np.uint8(I.HULPMIDDEL)
    k["wmo_aanvraag"][onderzocht] = 0
    model.teller["wmo_onderzocht"] += len(onderzocht)
    model.teller["wmo_toegekend"] += len(toegekend)
    model.teller["wmo_wacht_onderzoek"] = len(aanvragen) - len(onderzocht)
    # Provisions end (each provision only clears its own bit, so one list of clients serves all).
    clienten = np.flatnonzero(t.actief & ((t.zorg & I.WMO_INDIVIDUEEL) > 0))
    for dienst, e in _einde(model).items():
        in_zorg = clienten[(t.zorg[clienten] & dienst) > 0]
        klaar = gebeurt(rng, in_zorg, per_maand(e))
        k["zorg"][klaar] &= ~np.uint8(dienst)
