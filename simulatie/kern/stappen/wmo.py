"""Verb 7, wmo: the Wmo desk (het sociaal loket): need, application, assessment, allocation.

Need arises as yearly hazards for everyone, from age (67-74, 75+, 80+), obstacles and AWBZ
extramural care (``awbz_factor``): huishoudelijke hulp and hulpmiddelen from fysiek obstacles,
begeleiding from psychisch, dagbesteding from isolement with psychisch, debt counselling from
debts and welzijn (collective activities, mantelzorgondersteuning) from isolement or care for a
relative. Poverty raises need below pension age (``factor_armoede``). Bijstand clients and people
out of view go to the desk themselves like anyone else; klantmanagers refer too (verb
begeleiden). Need becomes an application with a monthly chance (mechanism ``wmo_aanvraag``;
non-take-up is real). Wmo-consulenten assess applications for individual provisions within their
hours (the rest wait); a share is granted (``toekenning``) and queues at the provider (verb
begeleiden takes them in); hulpmiddelen are delivered at once; debt counselling and welzijn go
straight to the provider's list. People out of view with several problems (psychisch or debts
among them) may need shelter (maatschappelijke opvang, prestatieveld 7), which starts at once.
Provisions end with a yearly hazard (and at death). Every application and every provision counts
as contact with the desk (``wmo_contact``: known at the Wmo within the past year).

Month 0 starts in the pipeline's own equilibrium (:func:`initialiseer`), and providers get the
capacity that equilibrium needs times ``ruimte_*``, so waiting lists start stationary.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np

from agenten import inwoners as I
from simulatie.kern import overgangen, wiskunde
from simulatie.kern.bevolking import FYSIEK_OUDER_VANAF
from simulatie.kern.evenwicht import pijplijn_delen, pijplijn_met_belemmering
from simulatie.kern.overgangen import VOLWASSEN_MAANDEN, armoede, armoede_masker
from simulatie.kern.rijen import uniek
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import (
    dun,
    gebeurt,
    gebeurt_per_soort,
    kandidaat_paren,
    per_maand,
    posities,
)

#: What need can arise for at the desk, in the order of the draws.
WMO_DIENSTEN = (I.HH, I.HULPMIDDEL, I.BEGELEIDING, I.DAGBESTEDING, I.SCHULDHULP, I.WELZIJN,
                I.OPVANG)
_BITS = np.array(WMO_DIENSTEN, dtype=np.uint8)
#: Applications that go to the provider without an assessment by a Wmo-consulent.
DIRECT = np.uint8(I.SCHULDHULP | I.WELZIJN)
#: Provisions that are delivered when granted (no waiting list).
METEEN = np.uint8(I.HULPMIDDEL)
#: Everything that makes a resident known at the desk.
LOKET = np.uint8(I.WMO_INDIVIDUEEL | I.SCHULDHULP | I.WELZIJN | I.OPVANG)
#: Provisions that end with their own yearly hazard in this verb (the others end with their
#: trajectory, verb begeleiden).
EINDIGT = np.uint8(I.WMO_INDIVIDUEEL | I.OPVANG)
#: Age bands of the need hazards (years).
LEEFTIJD_67, LEEFTIJD_75, LEEFTIJD_80 = 67, 75, 80
#: Months a desk contact keeps a resident "known at the Wmo" (bekend_wmo).
BEKEND_MAANDEN = 12
#: Provisions whose provider gets its capacity from the desk's equilibrium at month 0: the
#: provider and its ``ruimte_*`` parameter.
CAPACITEIT = {I.HH: ("thuiszorg", "ruimte_thuiszorg"),
              I.BEGELEIDING: ("ggz_begeleiding", "ruimte_begeleiding"),
              I.DAGBESTEDING: ("dagbesteding", "ruimte_dagbesteding"),
              I.SCHULDHULP: ("schuldhulp", "ruimte_schuldhulp")}


def behoefte_kans(model: ModelToegang, rijen: np.ndarray,
                  diensten: tuple[int, ...] = WMO_DIENSTEN) -> dict[int, np.ndarray]:
    """Yearly chance of new need per provision for the given residents.

    Args:
        model: The model.
        rijen: Residents (rows).
        diensten: Provisions to compute (default all).

    Returns:
        Provision bit -> chance per row.
    """
    t, w = model.tabel, model.p.wmo
    jaar = t.leeftijd_maanden[rijen] // 12
    bits = t.belemmeringen[rijen]
    arm = armoede(t, rijen)
    # Poverty raises the need for care and support below pension age (the two laws meet).
    awbz = (np.where(t.awbz_extramuraal[rijen], w.awbz_factor, 1.0)
            * np.where(arm & (jaar < LEEFTIJD_67), w.factor_armoede, 1.0))
    p75, p80 = jaar >= LEEFTIJD_75, jaar >= LEEFTIJD_80
    p67 = (jaar >= LEEFTIJD_67) & ~p75
    volwassen = jaar >= VOLWASSEN_MAANDEN // 12

    def heeft(bit: int) -> np.ndarray:
        return ((bits & bit) > 0) & volwassen

    # The first condition that holds gives the chance (np.where chains: cheaper than np.select
    # on the few thousand candidates of a monthly draw).
    kans = {
        I.HH: lambda: awbz * np.where(p75, w.behoefte_hh_75plus,
                                      np.where(p67, w.behoefte_hh_67_74,
                                               np.where(heeft(I.FYSIEK), w.behoefte_hh_fysiek,
                                                        0.0))),
        I.HULPMIDDEL: lambda: awbz * np.where(
            p75, w.behoefte_hulpmiddel_75plus,
            np.where(p67, w.behoefte_hulpmiddel_67_74,
                     np.where(heeft(I.FYSIEK), w.behoefte_hulpmiddel_fysiek, 0.0))),
        I.BEGELEIDING: lambda: awbz * np.where(heeft(I.PSYCHISCH),
                                               w.behoefte_begeleiding_psychisch,
                                               np.where(p80, w.behoefte_begeleiding_80plus, 0.0)),
        I.DAGBESTEDING: lambda: awbz * np.where(
            p80, w.behoefte_dagbesteding_80plus,
            np.where(heeft(I.ISOLEMENT) & heeft(I.PSYCHISCH), w.behoefte_dagbesteding_isolement,
                     0.0)),
        I.SCHULDHULP: lambda: np.where(arm, w.factor_armoede, 1.0) * np.where(
            heeft(I.SCHULDEN), w.behoefte_schuldhulp_schulden, 0.0),
        I.WELZIJN: lambda: np.where(arm, w.factor_armoede, 1.0) * np.where(
            heeft(I.ISOLEMENT), w.behoefte_welzijn_isolement,
            np.where(heeft(I.NAASTEN), w.behoefte_welzijn_naasten, 0.0)),
        I.OPVANG: lambda: np.where(
            t.uit_beeld[rijen] & (I.aantal_bits(bits) >= 2)
            & ((bits & (I.PSYCHISCH | I.SCHULDEN)) > 0), w.behoefte_opvang_uit_beeld, 0.0),
    }
    return {dienst: kans[dienst]() for dienst in diensten}


def behoefte_grens(model: ModelToegang, dienst: int, awbz: bool = True,
                   arm: bool = True) -> float:
    """Upper bound of the yearly chance of new need for a provision.

    Every chance in :func:`behoefte_kans` is one ``behoefte_<provision>_*`` parameter, times
    ``awbz_factor`` for AWBZ extramural clients (individual provisions) and ``factor_armoede``
    for those in poverty; shelter (no factor) is only for those out of view, who live in
    poverty.

    Args:
        model: The model.
        dienst: Provision bit.
        awbz: Whether the bound must cover AWBZ extramural clients (default: all residents);
            ``False`` gives the bound for the others.
        arm: Whether the bound must cover residents in poverty (default: all residents);
            ``False`` gives the bound for the others.
    """
    return float(behoefte_grenzen(model, awbz, arm)[WMO_DIENSTEN.index(dienst)])


def behoefte_grenzen(model: ModelToegang, awbz: bool = True, arm: bool = True) -> np.ndarray:
    """:func:`behoefte_grens` of every provision of :data:`WMO_DIENSTEN`, in that order."""
    w = model.p.wmo
    grenzen = np.zeros(len(WMO_DIENSTEN))
    for i, (dienst, namen) in enumerate(zip(WMO_DIENSTEN, _behoefte_namen(type(w)), strict=True)):
        hoogste = max(getattr(w, naam) for naam in namen)
        if dienst == I.OPVANG:
            grenzen[i] = hoogste if arm else 0.0  # out of view is poverty, with no factor
            continue
        individueel = bool(dienst & I.WMO_INDIVIDUEEL)
        grenzen[i] = (hoogste * (max(1.0, w.awbz_factor) if awbz and individueel else 1.0)
                      * (max(1.0, w.factor_armoede) if arm else 1.0))
    return grenzen


@cache
def _behoefte_namen(groep: type) -> tuple[tuple[str, ...], ...]:
    """Names of the ``behoefte_<provision>_*`` parameters per provision of WMO_DIENSTEN."""
    return tuple(tuple(naam for naam in groep.model_fields
                       if naam.startswith(f"behoefte_{I.VOORZIENINGEN[d.bit_length() - 1]}_"))
                 for d in WMO_DIENSTEN)


def behoefte_kandidaten(model: ModelToegang) -> np.ndarray:
    """Active residents who may have a positive chance in :func:`behoefte_kans`.

    Every chance there needs age 67 or older or an obstacle other than taal. The rest have
    chance zero for every provision.
    """
    t = model.tabel
    return np.flatnonzero(kan_behoefte(t.leeftijd_maanden, t.belemmeringen) & t.actief)


def kan_behoefte(leeftijd_maanden: np.ndarray, belemmeringen: np.ndarray) -> np.ndarray:
    """Whether residents of these ages and obstacles may have need (67+ or not only taal)."""
    return (leeftijd_maanden >= LEEFTIJD_67 * 12) | ((belemmeringen & ~np.uint8(I.TAAL)) > 0)


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


def nieuwe_behoefte(model: ModelToegang) -> tuple[np.ndarray, np.ndarray]:
    """Who gets new need for which provision this month (the model's current stream).

    Every (resident, provision) pair is an event with its monthly chance
    (:func:`nieuwe_behoefte_kans`). Only residents with some positive chance are candidates
    (:func:`behoefte_kandidaten`); they are split by what raises their chances (AWBZ extramural
    care, poverty), and in each group every provision is drawn with its own bound
    (:func:`behoefte_grenzen`) and thinned to each pair's chance, so the cost follows the
    events of each provision, not the largest chance of all.

    Returns:
        Rows and provisions (positions in :data:`WMO_DIENSTEN`) of the new needs.
    """
    t, rng = model.tabel, model.rng
    kandidaten = behoefte_kandidaten(model)
    groep = ((armoede_masker(t).view(np.uint8) << 1) | t.awbz_extramuraal.view(np.uint8))[
        kandidaten]
    rij, soort, grens = [], [], []
    for met_awbz, arm in ((False, False), (True, False), (False, True), (True, True)):
        r, s, g = kandidaat_paren(rng, kandidaten[groep == met_awbz + 2 * arm],
                                  per_maand(behoefte_grenzen(model, met_awbz, arm)))
        rij.append(r)
        soort.append(s)
        grens.append(g)
    rij, soort = np.concatenate(rij), np.concatenate(soort)
    houd = dun(rng, nieuwe_behoefte_kans(model, rij, soort), np.concatenate(grens))
    return rij[houd], soort[houd]


def einde_per_jaar(model: ModelToegang) -> dict[int, float]:
    """Yearly chance that a provision ends (debt counselling and welzijn: one trajectory)."""
    w, a = model.p.wmo, model.p.aanbieders
    traject = 1.0 - wiskunde.macht_getal(1.0 - 1.0 / a.duur_traject, 12.0)
    return {I.HH: w.einde_hh, I.HULPMIDDEL: w.einde_hulpmiddel,
            I.BEGELEIDING: w.einde_begeleiding, I.DAGBESTEDING: w.einde_dagbesteding,
            I.SCHULDHULP: traject, I.WELZIJN: traject, I.OPVANG: w.einde_opvang}


#: Provisions the klantmanager refers bijstand clients to (:func:`~simulatie.kern.regels.
#: diagnosticeer`): the obstacle whose recognition refers, and the obstacle that must be there.
VERWEZEN = {I.BEGELEIDING: (I.PSYCHISCH, I.PSYCHISCH),
            I.DAGBESTEDING: (I.ISOLEMENT, I.PSYCHISCH)}


def verwijzing_kans(model: ModelToegang, rijen: np.ndarray, dienst: int) -> np.ndarray:
    """Monthly chance that the work desk refers these residents to a provision, on average.

    Verb begeleiden diagnoses a bijstand client at entry and every ``herdiagnose_maanden``;
    a care obstacle recognised for the first time in the spell (chance ``signaleer_zorg``
    times 0.5 + the klantmanagers' mean *integraal* competence, :func:`~simulatie.kern.regels.
    herkenkans`) is referred, and the referral is lost with ``overdrachtsverlies``. Over the
    ``k`` diagnoses of a spell of ``uitkeringsduur`` months that gives a referral with chance
    ``(1 - verlies)(1 - (1 - q)^k)``, spread over the ``k`` diagnosis periods: the mean monthly
    chance of the spell so far. Zero outside bijstand and without the obstacles of
    :data:`VERWEZEN`.

    Args:
        model: The model.
        rijen: Residents (rows).
        dienst: Provision bit.

    Returns:
        Monthly chance per row.
    """
    if dienst not in VERWEZEN:
        return np.zeros(len(rijen))
    t, m = model.tabel, model.mechanismen
    herkend, nodig = VERWEZEN[dienst]
    bits = t.belemmeringen[rijen]
    wie = ((t.inkomensbron[rijen] == I.BIJSTAND) & ((bits & herkend) > 0)
           & ((bits & nodig) > 0))
    integraal = np.mean([p.competenties["integraal"] for p in model.klantmanagers])
    q = min(1.0, m.signaleer_zorg * (0.5 + integraal))
    herdiag = model.p.begeleiden.herdiagnose_maanden
    k = 1 + t.uitkeringsduur[rijen].astype(np.int64) // herdiag
    gemiddeld = (1.0 - m.overdrachtsverlies) * (1.0 - wiskunde.macht(1.0 - q, k)) / (k * herdiag)
    return np.where(wie, gemiddeld, 0.0)


def _leeftijdskans(model: ModelToegang, dienst: int, maanden: np.ndarray) -> np.ndarray:
    """Yearly need hazard from age alone (pension age and older, no obstacles, no AWBZ)."""
    w = model.p.wmo
    jaar = maanden // 12
    p75, p80 = jaar >= LEEFTIJD_75, jaar >= LEEFTIJD_80
    return {
        I.HH: np.where(p75, w.behoefte_hh_75plus, w.behoefte_hh_67_74),
        I.HULPMIDDEL: np.where(p75, w.behoefte_hulpmiddel_75plus, w.behoefte_hulpmiddel_67_74),
        I.BEGELEIDING: np.where(p80, w.behoefte_begeleiding_80plus, 0.0),
        I.DAGBESTEDING: np.where(p80, w.behoefte_dagbesteding_80plus, 0.0),
    }.get(dienst, np.zeros(len(maanden)))


def _per_leeftijd(model: ModelToegang, dienst: int, leeftijd_m: np.ndarray, awbz: np.ndarray,
                  aanvraag: float, toekenning: float, einde: float, meteen: bool,
                  begin: tuple[tuple[float, ...], tuple[float, ...]]) -> np.ndarray:
    """Pipeline shares from pension age on, followed month by month of age per AWBZ status.

    Need rises with age after pension age, so shares lag the quasi-stationary ones; where the
    hazard depends on age only, the shares are integrated along age, from the shares
    ``begin`` (per AWBZ status: without, with) that residents bring to pension age: a
    provision granted before it does not end at it.
    """
    w = model.p.wmo
    aow_m = model.p.demografie.aow_leeftijd * 12
    maanden = np.arange(aow_m, 121 * 12)
    basis = _leeftijdskans(model, dienst, maanden)
    staat = np.stack([
        _pijplijn_langs_leeftijd(tuple(per_maand(np.minimum(1.0, basis * factor)).tolist()),
                                 aanvraag, toekenning, einde, meteen, start)
        for factor, start in zip((1.0, w.awbz_factor), begin, strict=True)])
    return staat[awbz.astype(np.intp), np.minimum(leeftijd_m, maanden[-1]) - aow_m]


@lru_cache(maxsize=32)
def _pijplijn_langs_leeftijd(h: tuple[float, ...], aanvraag: float, toekenning: float,
                             einde: float, meteen: bool,
                             begin: tuple[float, ...] = (1.0, 0.0, 0.0, 0.0)) -> np.ndarray:
    """Pipeline shares (none, need, waiting, provision) month by month of age, from ``begin``.

    Python floats in the loop (the same doubles as array arithmetic, far cheaper per month);
    cached, as it depends on parameters only (a read-only array).

    Args:
        h: Monthly need hazard at each month of age.
        aanvraag: Monthly chance that need becomes an application.
        toekenning: Chance an application is granted.
        einde: Monthly chance the provision ends.
        meteen: Delivered when granted (no waiting month).
        begin: Shares at the first month (default: all none).

    Returns:
        Array (len(h), 4) of shares.
    """
    staat = [tuple(begin)]
    s0, sn, sw, sp = staat[0]
    for hi in h[:-1]:
        # Deaths leave all states alike (newcomers like them replace them): no term.
        nieuw_n = s0 * hi * (1 - aanvraag) + sn * (1 - aanvraag)
        toegekend = (s0 * hi + sn) * aanvraag * toekenning
        afgewezen = (s0 * hi + sn) * aanvraag * (1 - toekenning)
        nieuw_w = 0.0 if meteen else toegekend
        nieuw_p = sp * (1 - einde) + sw + (toegekend if meteen else 0.0)
        nieuw_0 = s0 * (1 - hi) + afgewezen + sp * einde
        s0, sn, sw, sp = nieuw_0, nieuw_n, nieuw_w, nieuw_p
        staat.append((s0, sn, sw, sp))
    uit = np.array(staat)
    uit.flags.writeable = False
    return uit


def _begin_aow(model: ModelToegang, rijen: np.ndarray, positie: np.ndarray,
               aandeel: list[np.ndarray], leeftijd_m: np.ndarray,
               aow_m: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The pipeline shares residents bring to pension age, per AWBZ status (without, with).

    The mean shares of the residents in the year before pension age (those without any need
    hazard count as none); all none where there are none of that status.

    Args:
        model: The model.
        rijen: Active residents (rows).
        positie: Positions in ``rijen`` of the shares ``aandeel``.
        aandeel: Shares (none, need, waiting, provision) at ``positie``.
        leeftijd_m: Age in months of each of ``rijen``.
        aow_m: Pension age in months.
    """
    jaar_ervoor = (leeftijd_m >= aow_m - 12) & (leeftijd_m < aow_m)
    awbz = model.tabel.awbz_extramuraal[rijen]
    begin = []
    for status in (False, True):
        groep = jaar_ervoor & (awbz == status)
        n = int(np.count_nonzero(groep))
        if n == 0:
            begin.append((1.0, 0.0, 0.0, 0.0))
            continue
        hier = groep[positie]
        delen = [float(kolom[hier].sum()) / n for kolom in aandeel[1:]]
        begin.append((1.0 - sum(delen), *delen))
    return begin[0], begin[1]


#: Provisions whose need below pension age comes from one obstacle, which the provision
#: outlives (and begeleiding works on): the obstacle and the provider's monthly effect on it
#: (``aanbieders.effect_*``, None: none). Month 0 follows obstacle and pipeline together along
#: age (:func:`_langs_leeftijd_met_belemmering`).
MET_BELEMMERING = {I.HH: ("fysiek", None), I.HULPMIDDEL: ("fysiek", None),
                   I.BEGELEIDING: ("psychisch", "effect_begeleiding")}


def _ketens_met_belemmering(model: ModelToegang, rijen: np.ndarray, leeftijd_m: np.ndarray,
                            aanvraag: float, toekenning: float,
                            einde: dict[int, float]) -> np.ndarray:
    """Poverty, obstacle and pipeline followed together along age, per provision and AWBZ.

    :func:`~simulatie.kern.evenwicht.pijplijn_met_belemmering` with the hazards of
    :func:`behoefte_kans` for each provision of :data:`MET_BELEMMERING` (times ``awbz_factor``
    for AWBZ extramural clients, times ``factor_armoede`` in poverty below 67), the obstacle's
    hazard and recovery of verb demografie (fysiek doubled from ``FYSIEK_OUDER_VANAF``, times
    ``risicofactor_bijstand`` in poverty), the provider's effect on it (verb begeleiden) and,
    in poverty, the work desk's referrals (the mean :func:`verwijzing_kans` of those in
    poverty with the obstacle). Poverty ends at pension age and before it with the chance whose
    mean spell is the mean benefit duration of this municipality's bijstand clients with (or
    without) the obstacle at month 0 (``duur_fase_*``: those with obstacles stay longer), and
    starts at the rate that keeps the share in poverty of the adults below pension age.

    Returns:
        Array (months of age from 18 to 121 years, provision x AWBZ status, 2 poverty,
        2 obstacle, 4 states).
    """
    t, w, bp = model.tabel, model.p.wmo, model.p.belemmeringen
    aow_m = model.p.demografie.aow_leeftijd * 12
    maanden = np.arange(VOLWASSEN_MAANDEN, 121 * 12)
    jaar = maanden // 12
    volw = np.flatnonzero((leeftijd_m >= VOLWASSEN_MAANDEN) & (leeftijd_m < aow_m))
    arm = armoede(t, rijen[volw])
    aandeel_arm = float(arm.mean()) if len(volw) else 0.0
    bij = rijen[volw[t.inkomensbron[rijen[volw]] == I.BIJSTAND]]
    duur = t.uitkeringsduur[bij].astype(float)

    def uitkans(wie: np.ndarray) -> float:
        # The mean elapsed spell of a stock with a constant monthly exit chance x is 1/x - 1.
        return 1.0 / (1.0 + float(duur[wie].mean())) if wie.any() else 0.0

    arm_in = np.where(maanden < aow_m,
                      uitkans(np.ones(len(bij), bool)) * aandeel_arm
                      / max(1.0 - aandeel_arm, 1e-9), 0.0)
    pensioen = np.where(maanden < aow_m - 1, 0.0, np.where(maanden == aow_m - 1, 1.0, -1.0))
    arm_uit = []
    armfactor = np.where(jaar < LEEFTIJD_67, w.factor_armoede, 1.0)
    arm_rijen = rijen[volw[arm]]  # adults below pension age in poverty
    behoefte, nieuw, herstel, effect, verwijzing, eindes, meteen = [], [], [], [], [], [], []
    for dienst, (naam, effect_naam) in MET_BELEMMERING.items():
        b = I.BELEMMERINGEN.index(naam)
        h = (float(per_maand(getattr(bp, f"nieuw_{naam}")))
             * float(model.mechanismen.belemmering_factor[b]))
        oud = _leeftijdskans(model, dienst, np.maximum(maanden, LEEFTIJD_67 * 12))
        zonder = np.where(jaar >= LEEFTIJD_67, oud, 0.0)
        if dienst == I.BEGELEIDING:
            met = np.full(len(maanden), w.behoefte_begeleiding_psychisch)
        else:
            fysiek = w.behoefte_hh_fysiek if dienst == I.HH else w.behoefte_hulpmiddel_fysiek
            met = np.where(jaar >= LEEFTIJD_67, oud, fysiek)
        # Referrals: the mean of those in poverty with the obstacle (zero outside bijstand).
        arm_met = arm_rijen[(t.belemmeringen[arm_rijen] & np.uint8(1 << b)) > 0]
        v = (float(verwijzing_kans(model, arm_met, dienst).mean())
             if dienst in VERWEZEN and len(arm_met) else 0.0)
        heeft = (t.belemmeringen[bij] & np.uint8(1 << b)) > 0
        uit_o = np.array([uitkans(~heeft), uitkans(heeft)])
        # (months, 2 obstacle): the spell's chance before pension age, 1 at it, 0 after.
        uit_o = np.where(pensioen[:, None] == 0, uit_o[None, :], np.maximum(pensioen, 0.0)[:, None])
        for factor in (1.0, w.awbz_factor):
            arm_uit.append(uit_o)
            per_belemmering = np.stack([zonder, met], axis=-1)
            jaarkans = np.stack([per_belemmering, per_belemmering * armfactor[:, None]],
                                axis=1) * factor
            behoefte.append(per_maand(np.minimum(1.0, jaarkans)))
            nieuw.append(np.where((naam == "fysiek") & (jaar >= FYSIEK_OUDER_VANAF), 2 * h, h))
            herstel.append(float(per_maand(getattr(bp, f"herstel_{naam}"))))
            effect.append(getattr(model.p.aanbieders, effect_naam) if effect_naam else 0.0)
            verwijzing.append([[0.0, 0.0], [0.0, v]])
            eindes.append(einde[dienst])
            meteen.append(bool(dienst & METEEN))
    return pijplijn_met_belemmering(
        np.stack(behoefte, axis=1), np.stack(nieuw, axis=1), np.array(herstel),
        np.array(effect), np.array(verwijzing), arm_in, np.stack(arm_uit, axis=1),
        bp.risicofactor_bijstand,
        aanvraag, toekenning, np.array(eindes), np.array(meteen))


def _langs_leeftijd_met_belemmering(
        model: ModelToegang, rijen: np.ndarray, leeftijd_m: np.ndarray, dienst: int,
        ketens: np.ndarray, einde: float) -> tuple[np.ndarray, list[np.ndarray]]:
    """Month-0 shares of a provision of :data:`MET_BELEMMERING` for every adult.

    Outside poverty (and from pension age on): the shares given one's age, AWBZ status and
    whether one has the obstacle now, from the chains of :func:`_ketens_met_belemmering` (a
    provision may outlive its obstacle and the poverty spell that raised the need for it). In
    poverty below pension age: the stationary shares at one's own hazard, with the work desk's
    referrals (measured in Groningen: the dynamics keep the poor there, while the chain's
    constant exit from poverty gives them a quarter to a third fewer provisions).
    ``einde`` is the provision's monthly chance to end.

    Returns:
        Positions in ``rijen`` (the adults) and the four columns of shares there.
    """
    t = model.tabel
    aow_m = model.p.demografie.aow_leeftijd * 12
    positie = np.flatnonzero(leeftijd_m >= VOLWASSEN_MAANDEN)
    wie = rijen[positie]
    leeftijd = leeftijd_m[positie]
    naam = MET_BELEMMERING[dienst][0]
    i = list(MET_BELEMMERING).index(dienst)
    keten = ketens[:, 2 * i:2 * i + 2]
    # Shares given the state (all none where nobody of that age is in it).
    totaal = keten.sum(axis=-1, keepdims=True)
    gegeven = np.where(totaal > 0, keten / np.where(totaal > 0, totaal, 1.0),
                       np.array([1.0, 0.0, 0.0, 0.0]))
    index = np.minimum(leeftijd, 121 * 12 - 1) - VOLWASSEN_MAANDEN
    awbz = t.awbz_extramuraal[wie].astype(np.intp)
    arm = (armoede(t, wie) & (leeftijd < aow_m)).astype(np.intp)
    heeft = ((t.belemmeringen[wie] & np.uint8(1 << I.BELEMMERINGEN.index(naam))) > 0
             ).astype(np.intp)
    delen = gegeven[index, awbz, arm, heeft]
    # In poverty below pension age: the stationary shares at one's own hazard, with referrals.
    hier = np.flatnonzero(arm)
    kans = behoefte_kans(model, wie[hier], (dienst,))[dienst]
    w = model.p.wmo
    delen[hier] = np.column_stack(pijplijn_delen(
        per_maand(np.minimum(1.0, kans)), model.mechanismen.wmo_aanvraag, w.toekenning, einde,
        bool(dienst & METEEN), verwijzing_kans(model, wie[hier], dienst)
        if dienst in VERWEZEN else 0.0))
    return positie, [delen[:, j] for j in range(4)]


def _zet_toestand(model: ModelToegang, rijen: np.ndarray, positie: np.ndarray,
                  aandeel: list[np.ndarray], dienst: int, verwacht: dict[int, float]) -> None:
    """Draw each resident's state of a provision from its shares and set it.

    Args:
        model: The model.
        rijen: Active residents (rows).
        positie: Positions in ``rijen`` that have shares (the rest are at none).
        aandeel: Shares (none, need, waiting, provision) at ``positie``.
        dienst: Provision bit.
        verwacht: Expected clients (provision or waiting) per provision of
            :data:`CAPACITEIT`, filled in here.
    """
    k = model.tabel.kol
    u = model.rng.random(len(rijen))[positie]
    # The state each draw falls in: the cumulative shares below it.
    drempel = aandeel[0]
    staat = (u > drempel).astype(np.int8)
    for kolom in aandeel[1:]:
        drempel = drempel + kolom
        staat += u > drempel
    wie = rijen[positie]
    bit = np.uint8(dienst)
    k["wmo_behoefte"][wie[staat == 1]] |= bit
    overgangen.wacht_op_dienst(model, wie[staat == 2], dienst)
    overgangen.start_dienst(model, wie[staat == 3], dienst)
    if dienst in CAPACITEIT:
        # Summed over every resident (zeros included), as the shares of the municipality.
        verwacht[dienst] = float(aandeel[2].sum() + aandeel[3].sum())


#: Provisions whose provider resolves social isolation while they run (verb begeleiden,
#: ``effect_welzijn``), with the obstacle their need from isolation also requires (and the age
#: from which their need comes from age alone).
OPGELOST_DOOR_AANBIEDER = {I.WELZIJN: (0, None), I.DAGBESTEDING: (I.PSYCHISCH, LEEFTIJD_80)}


def isolement_opgelost(model: ModelToegang, einde: float) -> float:
    """The share of running provisions whose user's isolation has resolved since they started.

    While the provision runs, isolation resolves by itself (``herstel_sociaal_isolement``) or
    through the provider (``effect_welzijn``): together a monthly chance l. The months a running
    provision has run are geometric with its monthly end chance e, so the share still isolated
    is e / (e + l - e l).
    """
    bp, a = model.p.belemmeringen, model.p.aanbieders
    weg = 1.0 - (1.0 - float(per_maand(bp.herstel_sociaal_isolement))) * (1.0 - a.effect_welzijn)
    if einde <= 0:
        return 1.0
    return 1.0 - einde / (einde + weg - einde * weg)


def _naar_voormalig_geisoleerden(model: ModelToegang, rijen: np.ndarray,
                                 einde: dict[int, float]) -> None:
    """Month 0: welzijn and dagbesteding also with those whose isolation has since resolved.

    The shares of :func:`pijplijn_delen` give these provisions (need from social isolation) to
    the isolated only, while in the monthly rules isolation resolves during the provision
    (:func:`isolement_opgelost`: dagbesteding 0.66, welzijn 0.27 at the defaults). That share
    of the isolated users' provisions moves to adults of the same income source without
    isolation (with psychisch for dagbesteding) and with no state at that provision: the
    formerly isolated. The number of provisions and every obstacle stay as built (Tabel 4.1
    holds). Without it all dagbesteding users below pension age were isolated at month 0
    against a third after three years; it accounts for about a quarter of the rise of rung 1
    (isolated without an activity), from 16-19% to 11-15% in ten years.
    """
    t, rng = model.tabel, model.rng
    volw = rijen[t.leeftijd_maanden[rijen] >= VOLWASSEN_MAANDEN]
    for dienst, (ook, tot) in OPGELOST_DOOR_AANBIEDER.items():
        bit = np.uint8(dienst)
        leeftijd = volw if tot is None else volw[t.leeftijd_maanden[volw] < tot * 12]
        bel = t.belemmeringen[leeftijd]
        iso = (bel & I.ISOLEMENT) > 0
        nodig = (bel & np.uint8(ook)) == ook
        gebruikt = (t.zorg[leeftijd] & bit) > 0
        geen = ((t.zorg[leeftijd] | t.wacht[leeftijd] | t.wmo_behoefte[leeftijd]) & bit) == 0
        van = leeftijd[gebruikt & iso & nodig]
        van = van[rng.random(len(van)) < isolement_opgelost(model, einde[dienst])]
        kan = leeftijd[geen & ~iso & nodig]
        bron_van, bron_kan = t.inkomensbron[van], t.inkomensbron[kan]
        weg, erbij = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for bron in np.unique(bron_van):
            uit, hier = van[bron_van == bron], kan[bron_kan == bron]
            n = min(len(uit), len(hier))
            weg.append(uit if n == len(uit) else rng.choice(uit, size=n, replace=False))
            erbij.append(rng.choice(hier, size=n, replace=False))
        overgangen.stop_dienst(model, np.concatenate(weg), bit)
        overgangen.start_dienst(model, np.concatenate(erbij), bit)


def initialiseer(model: ModelToegang) -> None:
    """Month 0 in the equilibrium of the desk's pipeline, and providers sized to it.

    Each resident's state per provision (none, need, granted and waiting, provision) is drawn
    from the shares the monthly rules hold. For huishoudelijke hulp, hulpmiddelen and
    begeleiding (need from an obstacle below pension age, :data:`MET_BELEMMERING`) those are,
    outside poverty and from pension age on, the shares given one's age, AWBZ status and
    obstacle when poverty, obstacle and pipeline are followed together along age
    (:func:`_ketens_met_belemmering`): a provision outlives the obstacle and the poverty
    spell that led to it. Otherwise they are the stationary shares of :func:`pijplijn` at
    the resident's need hazard, with the work desk's referrals of bijstand clients to
    begeleiding and dagbesteding as a second way to an application (:func:`verwijzing_kans`);
    for dagbesteding from pension age on the age-driven part is followed
    along age (:func:`_per_leeftijd`) from the shares residents bring to pension age
    (:func:`_begin_aow`). Provider capacity for huishoudelijke hulp, begeleiding, dagbesteding
    and debt counselling is the expected number of clients (those with the provision or waiting
    for it) times ``ruimte_*``; ``ruimte_*`` above 1 leaves room for referrals from the work desk.
    """
    t = model.tabel
    k = t.kol
    w, a = model.p.wmo, model.p.aanbieders
    rijen = np.flatnonzero(t.actief)
    aanvraag = model.mechanismen.wmo_aanvraag
    einde = {d: float(per_maand(e)) for d, e in einde_per_jaar(model).items()}
    aow_m = model.p.demografie.aow_leeftijd * 12
    leeftijd_m = t.leeftijd_maanden[rijen].astype(np.int64)
    oud = leeftijd_m >= aow_m
    # Only residents with some need hazard (kan_behoefte) or of pension age can be anywhere
    # but at none: everyone else has the shares (1, 0, 0, 0). Positions in ``rijen``:
    deel = np.flatnonzero(kan_behoefte(leeftijd_m, t.belemmeringen[rijen]) | oud)
    kansen = behoefte_kans(model, rijen[deel])
    oud_deel = oud[deel]
    verwacht: dict[int, float] = {}
    # Debt counselling also ends when the debts are resolved.
    einde[I.SCHULDHULP] = 1.0 - (1.0 - einde[I.SCHULDHULP]) * (1.0 - a.effect_schuldhulp)
    ketens = _ketens_met_belemmering(model, rijen, leeftijd_m, aanvraag, w.toekenning, einde)
    for dienst in WMO_DIENSTEN:
        toekenning = 1.0 if dienst & (DIRECT | I.OPVANG) else w.toekenning
        meteen = bool(dienst & (METEEN | I.OPVANG))
        if dienst in MET_BELEMMERING:
            positie, aandeel = _langs_leeftijd_met_belemmering(model, rijen, leeftijd_m, dienst,
                                                               ketens, einde[dienst])
            _zet_toestand(model, rijen, positie, aandeel, dienst, verwacht)
            continue
        kans = kansen[dienst]
        hier = np.flatnonzero((kans > 0) | oud_deel)  # positions in ``deel``
        aandeel = pijplijn_delen(per_maand(np.minimum(1.0, kans[hier])),
                                 1.0 if dienst == I.OPVANG else aanvraag, toekenning,
                                 einde[dienst], meteen,
                                 verwijzing_kans(model, rijen[deel[hier]], dienst)
                                 if dienst in VERWEZEN else 0.0)
        ouder = np.flatnonzero(oud_deel[hier])  # positions in ``hier``
        if dienst & I.WMO_INDIVIDUEEL and len(ouder):
            # Where the need comes from age alone, follow it along age; where an obstacle
            # gives another hazard, the quasi-stationary share holds.
            wie = deel[hier[ouder]]
            awbz = t.awbz_extramuraal[rijen[wie]]
            begin = _begin_aow(model, rijen, deel[hier], aandeel, leeftijd_m, aow_m)
            alleen_leeftijd = np.isclose(
                kans[hier[ouder]], _leeftijdskans(model, dienst, leeftijd_m[wie])
                * np.where(awbz, w.awbz_factor, 1.0))
            leeftijd = _per_leeftijd(model, dienst, leeftijd_m[wie[alleen_leeftijd]],
                                     awbz[alleen_leeftijd], aanvraag, toekenning, einde[dienst],
                                     meteen, begin)
            for kolom, langs_leeftijd in zip(aandeel, leeftijd.T, strict=True):
                kolom[ouder[alleen_leeftijd]] = langs_leeftijd
        _zet_toestand(model, rijen, deel[hier], aandeel, dienst, verwacht)
    _naar_voormalig_geisoleerden(model, rijen, einde)
    for dienst, (soort, ruimte) in CAPACITEIT.items():
        model.aanbieders[soort].zet_capaciteit(max(1.0, getattr(a, ruimte) * verwacht[dienst]),
                                               model.personeel_per_plaats(soort))
    # Desk contact within the past year: a random month of that year for those with need.
    bekend = rijen[(t.wmo_behoefte[rijen] | t.wacht[rijen] | t.zorg[rijen]) & LOKET > 0]
    k["wmo_contact"][bekend] = -model.rng.integers(0, BEKEND_MAANDEN, size=len(bekend))


def bekend_wmo(model: ModelToegang, rijen: np.ndarray) -> np.ndarray:
    """Whether residents are known at the Wmo desk.

    Known: a provision, a waiting place or an application there, or a contact (application,
    assessment, end of a provision) within the past year.
    """
    t = model.tabel
    return (((t.zorg[rijen] | t.wacht[rijen] | t.wmo_aanvraag[rijen]) & LOKET) > 0) | (
        model.maand - t.wmo_contact[rijen] < BEKEND_MAANDEN)


def wmo(model: ModelToegang) -> None:
    """Need, application, assessment within capacity, allocation, and ending of provisions.

    Compute, then commit: provisions end only if they were held at the start of the verb (a
    hulpmiddel delivered this month does not end in the same month).
    """
    t, w, rng = model.tabel, model.p.wmo, model.rng
    k = t.kol
    rij, soort = nieuwe_behoefte(model)
    nieuw = _BITS[soort]
    if model.mechanismen.wmo_collectief > 0:
        # Part of the new need for hh, begeleiding and dagbesteding is met by collective
        # provisions (welzijn); the provision starts at once (welzijn has no waiting list).
        kan = np.flatnonzero((nieuw & (I.HH | I.BEGELEIDING | I.DAGBESTEDING)) > 0)
        collectief = kan[posities(rng, len(kan), model.mechanismen.wmo_collectief)]
        overgangen.start_dienst(model, rij[collectief], I.WELZIJN)
        houd = np.ones(len(rij), dtype=bool)
        houd[collectief] = False
        rij, nieuw = rij[houd], nieuw[houd]
    # Shelter (maatschappelijke opvang) starts at once: a crisis, not an application.
    opvang = nieuw == I.OPVANG
    in_opvang = uniek(rij[opvang])
    overgangen.start_dienst(model, in_opvang, I.OPVANG)
    k["wmo_contact"][in_opvang] = model.maand
    rij, nieuw = rij[~opvang], nieuw[~opvang]
    np.bitwise_or.at(k["wmo_behoefte"], rij, nieuw)  # a resident may get several needs
    # Rows with a need, an application or an individual provision: one scan of the table, the
    # steps below select from these rows.
    wmo_rijen = np.flatnonzero(
        t.actief & ((t.wmo_behoefte | t.wmo_aanvraag | (t.zorg & EINDIGT)) > 0))
    # The individual provisions and shelter held at the start of the verb (shelter that
    # started just now does not end in its first month).
    clienten = wmo_rijen[(t.zorg[wmo_rijen] & EINDIGT) > 0]
    bezit = t.zorg[clienten] & EINDIGT
    bezit[np.searchsorted(clienten, in_opvang)] &= ~np.uint8(I.OPVANG)
    # Need -> application (non-take-up: the rest keep their need and may apply later).
    behoefte = wmo_rijen[t.wmo_behoefte[wmo_rijen] > 0]
    overgangen.vraagt_wmo_aan(model, gebeurt(rng, behoefte, model.mechanismen.wmo_aanvraag))
    # Debt counselling and welzijn: straight to the provider's list.
    direct = wmo_rijen[(t.wmo_aanvraag[wmo_rijen] & DIRECT) > 0]
    overgangen.wacht_op_dienst(model, direct, t.wmo_aanvraag[direct] & DIRECT)
    k["wmo_aanvraag"][direct] &= ~DIRECT
    k["wmo_contact"][direct] = model.maand
    # Assessment of individual provisions within the consultants' hours.
    aanvragen = wmo_rijen[t.wmo_aanvraag[wmo_rijen] > 0]
    capaciteit = sum(p.max_caseload for p in model.wmo_consulenten)
    onderzocht = aanvragen if len(aanvragen) <= capaciteit else rng.choice(
        aanvragen, size=capaciteit, replace=False)
    model.tel("wmo_onderzoeken", len(onderzocht))
    for prof in model.wmo_consulenten:
        prof.caseload = int(round(len(onderzocht) / len(model.wmo_consulenten)))
    toegekend = gebeurt(rng, onderzocht, w.toekenning)
    # Hulpmiddelen are delivered directly; the other provisions queue at their provider.
    aangevraagd = k["wmo_aanvraag"][toegekend]
    overgangen.start_dienst(model, toegekend, aangevraagd & np.uint8(I.HULPMIDDEL))
    overgangen.wacht_op_dienst(model, toegekend, aangevraagd & ~np.uint8(I.HULPMIDDEL))
    k["wmo_aanvraag"][onderzocht] = 0
    k["wmo_contact"][onderzocht] = model.maand
    model.wachtend_wmo_onderzoek = len(aanvragen) - len(onderzocht)
    # Provisions end: one draw over (client, provision) pairs, each provision a client held at
    # the start of the verb with its own monthly hazard.
    # Provisions that end elsewhere (trajectories, verb begeleiden) have bound 0 here.
    einde = per_maand(np.array([einde_per_jaar(model)[d] for d in WMO_DIENSTEN]))
    einde = np.where((_BITS & EINDIGT) > 0, einde, 0.0)

    def einde_kans(rijen: np.ndarray, soort: np.ndarray) -> np.ndarray:
        gehad = bezit[np.searchsorted(clienten, rijen)]
        return np.where((gehad & _BITS[soort]) > 0, einde[soort], 0.0)

    klaar, soort = gebeurt_per_soort(rng, clienten, len(WMO_DIENSTEN), einde_kans, einde)
    overgangen.stop_dienst(model, klaar, _BITS[soort])  # a client may end several provisions
    k["wmo_contact"][klaar] = model.maand
