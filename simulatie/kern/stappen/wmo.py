"""Verb 7, wmo: demand for individual provisions, applications, assessment and allocation.

Need for huishoudelijke hulp, hulpmiddelen, begeleiding and dagbesteding arises as yearly
hazards that depend on age (67-74, 75+, 80+), obstacles (fysiek, psychisch, isolement) and AWBZ
extramural care (``awbz_factor``). Need becomes an application with a monthly chance
(mechanism ``wmo_aanvraag``; non-take-up is real); Wmo-consulenten assess applications within
their hours (the rest wait); a share is granted (``toekenning``) and queues at the provider
(verb begeleiden takes them in). Provisions end with a yearly hazard (and at death). Hazards are
calibrated on ``EXT:wmo_clienten_per_1000_inwoners`` (63 per 1,000).
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import overgangen
from simulatie.kern.overgangen import VOLWASSEN_MAANDEN
from simulatie.kern.regels import sterfte_per_jaar
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import gebeurt, gebeurt_elk, gebeurt_per_soort, per_maand, posities

WMO_DIENSTEN = (I.HH, I.HULPMIDDEL, I.BEGELEIDING, I.DAGBESTEDING)
_BITS = np.array(WMO_DIENSTEN, dtype=np.uint8)


def behoefte_kans(model: ModelToegang, rijen: np.ndarray,
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

    volwassen = jaar >= VOLWASSEN_MAANDEN // 12

    def fysiek() -> np.ndarray:
        return ((bits & I.FYSIEK) > 0) & volwassen

    def psych() -> np.ndarray:
        return ((bits & I.PSYCHISCH) > 0) & volwassen

    def iso() -> np.ndarray:
        return (bits & I.ISOLEMENT) > 0

    # The first condition that holds gives the chance (np.where chains: cheaper than np.select
    # on the few thousand candidates of a monthly draw).
    kans = {
        I.HH: lambda: np.where(p75, w.behoefte_hh_75plus,
                               np.where(p67, w.behoefte_hh_67_74,
                                        np.where(fysiek(), w.behoefte_hh_fysiek, 0.0))),
        I.HULPMIDDEL: lambda: np.where(p75, w.behoefte_hulpmiddel_75plus,
                                       np.where(p67, w.behoefte_hulpmiddel_67_74,
                                                np.where(fysiek(), w.behoefte_hulpmiddel_fysiek,
                                                         0.0))),
        I.BEGELEIDING: lambda: np.where(psych(), w.behoefte_begeleiding_psychisch,
                                        np.where(p80, w.behoefte_begeleiding_80plus, 0.0)),
        I.DAGBESTEDING: lambda: np.where(p80, w.behoefte_dagbesteding_80plus,
                                         np.where(iso() & psych(),
                                                  w.behoefte_dagbesteding_isolement, 0.0)),
    }
    return {dienst: awbz * kans[dienst]() for dienst in diensten}


def behoefte_grens(model: ModelToegang, dienst: int, awbz: bool = True) -> float:
    """Upper bound of the yearly chance of new need for a provision.

    Every chance in :func:`behoefte_kans` is one ``behoefte_<provision>_*`` parameter, times
    ``awbz_factor`` for AWBZ extramural clients.

    Args:
        model: The model.
        dienst: Provision bit.
        awbz: Whether the bound must cover AWBZ extramural clients (default: all residents);
            ``False`` gives the bound for the others.
    """
    w = model.p.wmo
    voorziening = I.VOORZIENINGEN[dienst.bit_length() - 1]
    hoogste = max(v for naam, v in w if naam.startswith(f"behoefte_{voorziening}_"))
    return hoogste * (max(1.0, w.awbz_factor) if awbz else 1.0)


def behoefte_kandidaten(model: ModelToegang) -> np.ndarray:
    """Active residents who may have a positive chance in :func:`behoefte_kans`.

    Every chance there needs age 67 or older, or a fysiek or psychisch obstacle (isolement only
    counts together with psychisch). The rest have chance zero for every provision.
    """
    t = model.tabel
    mogelijk = (t.leeftijd_maanden >= 67 * 12) | ((t.belemmeringen & (I.FYSIEK | I.PSYCHISCH)) > 0)
    return np.flatnonzero(mogelijk & t.actief)


def nieuwe_behoefte_kans(model: ModelToegang, rijen: np.ndarray, soort: np.ndarray) -> np.ndarray:
    """Monthly chance of new need for (resident, provision) pairs.

    No new need for a provision one has, waits for or applied for.

    Args:
        model: The model.
        rijen: Residents (rows).
        soort: Provision of each pair, as a position in ``WMO_DIENSTEN``.

    Returns:
        Monthly chance per pair.
    """
    t = model.tabel
    kansen = behoefte_kans(model, rijen)
    jaarkans = np.choose(soort, [kansen[d] for d in WMO_DIENSTEN])
    al = t.zorg[rijen] | t.wacht[rijen] | t.wmo_behoefte[rijen] | t.wmo_aanvraag[rijen]
    jaarkans[(al & _BITS[soort]) != 0] = 0.0
    # Most pairs have no chance at all: the monthly chance is computed only for the others.
    h = np.zeros(len(rijen))
    positief = jaarkans > 0
    h[positief] = per_maand(jaarkans[positief])
    return h


def _einde(model: ModelToegang) -> dict[int, float]:
    w = model.p.wmo
    return {I.HH: w.einde_hh, I.HULPMIDDEL: w.einde_hulpmiddel,
            I.BEGELEIDING: w.einde_begeleiding, I.DAGBESTEDING: w.einde_dagbesteding}


def initialiseer(model: ModelToegang) -> None:
    """Month 0: each provision with its expected prevalence, within provider capacity.

    Below pension age the prevalence is the stationary h*g / (h*g + e + mortality). From pension
    age on, hazards rise with age, so prevalence is built up year by year from the pension age
    (p' = h*g*(1 - p) - (e + mortality)*p), which avoids starting far above the model's own
    steady state. Residents beyond a provider's capacity start on its waiting list.
    """
    t = model.tabel
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
        overgangen.start_dienst(model, krijgt[:cap], dienst)
        overgangen.wacht_op_dienst(model, krijgt[cap:], dienst)


def _sterfte(model: ModelToegang, jaar: np.ndarray) -> np.ndarray:
    """Yearly mortality by age (the Gompertz hazard of verb demografie)."""
    return sterfte_per_jaar(model.p.demografie.sterfte_80, jaar)


def _opbouw(model: ModelToegang, dienst: int, rijen: np.ndarray, jaar: np.ndarray,
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


def _leeftijdskans(model: ModelToegang, dienst: int, leeftijden: np.ndarray,
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


def wmo(model: ModelToegang) -> None:
    """Need, application, assessment within capacity, allocation, and ending of provisions.

    Compute, then commit: provisions end only if they were held at the start of the verb (a
    hulpmiddel delivered this month does not end in the same month).
    """
    t, w, rng = model.tabel, model.p.wmo, model.rng
    k = t.kol
    # New need for all four provisions in one draw over (resident, provision) pairs. Only
    # residents with some positive chance are candidates (see behoefte_kandidaten); their pairs
    # are drawn with the highest bound of their group and thinned to each pair's own chance.
    kandidaten = behoefte_kandidaten(model)
    # AWBZ extramural clients (a few percent) have a higher bound: drawn apart.
    awbz = t.awbz_extramuraal[kandidaten]
    rij, soort = [], []
    for groep, met_awbz in ((kandidaten[~awbz], False), (kandidaten[awbz], True)):
        grens = max(per_maand(behoefte_grens(model, d, met_awbz)) for d in WMO_DIENSTEN)
        r, s = gebeurt_per_soort(rng, groep, len(WMO_DIENSTEN),
                                 lambda r, s: nieuwe_behoefte_kans(model, r, s), grens)
        rij.append(r)
        soort.append(s)
    rij, soort = np.concatenate(rij), np.concatenate(soort)
    nieuw = _BITS[soort]
    if model.mechanismen.wmo_collectief > 0:
        # Part of the new need (not for hulpmiddelen) is met by collective provisions
        # (welzijn); the provision starts at once (welzijn has no waiting list).
        kan = np.flatnonzero(nieuw != I.HULPMIDDEL)
        collectief = kan[posities(rng, len(kan), model.mechanismen.wmo_collectief)]
        overgangen.start_dienst(model, rij[collectief], I.WELZIJN)
        houd = np.ones(len(rij), dtype=bool)
        houd[collectief] = False
        rij, nieuw = rij[houd], nieuw[houd]
    np.bitwise_or.at(k["wmo_behoefte"], rij, nieuw)  # a resident may get several needs
    # Rows with a need, an application or an individual provision: one scan of the table, the
    # steps below select from these rows.
    wmo_rijen = np.flatnonzero(
        t.actief & ((t.wmo_behoefte | t.wmo_aanvraag | (t.zorg & I.WMO_INDIVIDUEEL)) > 0))
    # The individual provisions held at the start (none has changed yet in this verb).
    clienten = wmo_rijen[(t.zorg[wmo_rijen] & I.WMO_INDIVIDUEEL) > 0]
    bezit = t.zorg[clienten] & np.uint8(I.WMO_INDIVIDUEEL)
    # Need -> application (non-take-up: the rest keep their need and may apply later).
    behoefte = wmo_rijen[t.wmo_behoefte[wmo_rijen] > 0]
    vraagt = gebeurt(rng, behoefte, model.mechanismen.wmo_aanvraag)
    k["wmo_aanvraag"][vraagt] |= k["wmo_behoefte"][vraagt]
    k["wmo_behoefte"][vraagt] = 0
    # Assessment within the consultants' hours.
    aanvragen = wmo_rijen[t.wmo_aanvraag[wmo_rijen] > 0]
    capaciteit = sum(p.max_caseload for p in model.wmo_consulenten)
    onderzocht = aanvragen if len(aanvragen) <= capaciteit else rng.choice(
        aanvragen, size=capaciteit, replace=False)
    for prof in model.wmo_consulenten:
        prof.caseload = int(round(len(onderzocht) / len(model.wmo_consulenten)))
    toegekend = gebeurt(rng, onderzocht, w.toekenning)
    # Hulpmiddelen are delivered directly; the other provisions queue at their provider.
    aangevraagd = k["wmo_aanvraag"][toegekend]
    overgangen.start_dienst(model, toegekend, aangevraagd & np.uint8(I.HULPMIDDEL))
    overgangen.wacht_op_dienst(model, toegekend, aangevraagd & ~np.uint8(I.HULPMIDDEL))
    k["wmo_aanvraag"][onderzocht] = 0
    model.wachtend_wmo_onderzoek = len(aanvragen) - len(onderzocht)
    # Provisions end: one draw over (client, provision) pairs, each provision a client held at
    # the start of the verb with its own monthly hazard.
    einde = per_maand(np.array([_einde(model)[d] for d in WMO_DIENSTEN]))

    def einde_kans(rijen: np.ndarray, soort: np.ndarray) -> np.ndarray:
        gehad = bezit[np.searchsorted(clienten, rijen)]
        return np.where((gehad & _BITS[soort]) > 0, einde[soort], 0.0)

    klaar, soort = gebeurt_per_soort(rng, clienten, len(WMO_DIENSTEN), einde_kans, einde.max())
    overgangen.stop_dienst(model, klaar, _BITS[soort])  # a client may end several provisions
