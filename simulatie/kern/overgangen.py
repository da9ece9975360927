"""Every status change of a resident, written once.

Verbs and policies change a resident's income source, job, benefit, rung, obstacles and services
only through these functions, so each change sets every column it concerns and books its flow
on the month's counters in one place. All functions take whole index arrays of rows.

Main groups:
    * work: :func:`vindt_werk`, :func:`start_baan`, :func:`verlies_baan`, :func:`naar_ww`,
      :func:`ww_afgelopen`, :func:`stopt_met_werk`, :func:`start_deeltijd`,
      :func:`stop_deeltijd`;
    * bijstand: :func:`aanvragen`, :func:`naar_bijstand`, :func:`uit_bijstand`,
      :func:`classificeer`, :func:`herbeoordeel_fase`, :func:`uit_beeld` (and who lives in
      poverty: :func:`armoede`);
    * life course: :func:`naar_aow`, :func:`wordt_volwassen`, :func:`gaat_uit_huis`,
      :func:`vertrek`, :func:`vestig_als`, :func:`scheiden` (households:
      :mod:`simulatie.kern.huishoudens`);
    * obstacles: :func:`krijgt_belemmeringen`, :func:`los_belemmeringen_op`;
    * services and Wmo provisions: :func:`start_dienst`, :func:`stop_dienst`,
      :func:`wacht_op_dienst`, :func:`vraagt_wmo_aan`; youth care: :func:`start_jeugdhulp`;
    * schemes: :func:`naar_wajong`, :func:`naar_wsw`, :func:`uit_wsw`, :func:`start_awbz`,
      :func:`einde_awbz`;
    * the rung of residents outside bijstand: :func:`volg_situatie` (called by the others).
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import huishoudens as H
from simulatie.kern import wiskunde
from simulatie.kern.ladder import kies_activiteit, trede_uit_situatie
from simulatie.kern.toegang import ModelToegang

#: Months after a placement during which job loss is followed (CBS measures "still in work
#: after 18 months", ``EXT:nog_in_baan_na_18_maanden``); placed workers count as regular
#: workers afterwards.
PLAATSINGSVENSTER = 18
#: Shortest WW entitlement in months (WW lasts 3 to 24 months, UWV).
WW_MINIMUM_MAANDEN = 3
#: Age in months from which a resident is an adult.
VOLWASSEN_MAANDEN = 18 * 12
#: ``werkgever`` of a job at a contracted care or Wmo provider (not an employer agent).
AANBIEDER_WERKGEVER = -2
#: ``werkgever`` of a regular job (not a placement from bijstand) or of no job.
GEEN_WERKGEVER = -1

_PROFIEL = {naam: i for i, naam in enumerate(I.KLANTPROFIELEN)}
UITSTROOM_REDENEN = ("werk", "aow", "overig", "buiten_beeld", "vertrek")


def volg_situatie(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents outside bijstand take the rung of their situation.

    Bijstand clients move on the ladder by verb activeren instead.
    """
    if len(rijen) == 0:
        return
    t = model.tabel
    rijen = rijen[(t.inkomensbron[rijen] != I.BIJSTAND)
                  & (t.leeftijd_maanden[rijen] >= VOLWASSEN_MAANDEN)]
    if len(rijen):
        t.kol["trede"][rijen] = trede_uit_situatie(t, rijen)


# ---- work ----------------------------------------------------------------------------------

def vindt_werk(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents outside bijstand (no income, WW, withdrawn applicants) find a regular job."""
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.WERK
    k["uit_beeld"][rijen] = False
    k["trede"][rijen] = 6


def uit_beeld(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents without income leave the municipality's view.

    They withdrew an application or left bijstand without a known income. They keep their
    obstacles and needs: they run the poverty risk, go to the Wmo desk, may need shelter, and
    re-apply with ``heraanvraag_uit_beeld``.
    """
    k = model.tabel.kol
    k["uit_beeld"][rijen] = True
    model.buiten_beeld += len(rijen)


def armoede(tabel: I.InwonerTabel, rijen: np.ndarray) -> np.ndarray:
    """Whether residents live at the minimum or below it.

    In bijstand, an entitled non-taker, or out of view without income.
    """
    return ((tabel.inkomensbron[rijen] == I.BIJSTAND) | tabel.verborgen_recht[rijen]
            | tabel.uit_beeld[rijen])


def armoede_masker(tabel: I.InwonerTabel) -> np.ndarray:
    """:func:`armoede` for every row of the table (a boolean mask; departed rows included)."""
    return (tabel.inkomensbron == I.BIJSTAND) | tabel.verborgen_recht | tabel.uit_beeld


def start_baan(model: ModelToegang, rijen: np.ndarray, werkgever: np.ndarray, lks: np.ndarray,
               zorgsector: np.ndarray | None = None) -> None:
    """Bijstand clients start a job: outflow to work, rung 5 (with LKS) or 6.

    Args:
        model: The model.
        rijen: Rows of the hired clients.
        werkgever: Employer index per hire (:data:`AANBIEDER_WERKGEVER` for a provider).
        lks: Whether the job comes with loonkostensubsidie.
        zorgsector: Whether the job is at a care or Wmo provider (counted separately).
    """
    if len(rijen) == 0:
        return
    k = model.tabel.kol
    uit_bijstand_werk = k["inkomensbron"][rijen] == I.BIJSTAND
    k["inkomensbron"][rijen] = I.WERK
    k["uit_beeld"][rijen] = False
    k["werkgever"][rijen] = werkgever
    k["lks"][rijen] = lks
    k["baan_maanden"][rijen] = 0
    k["trede"][rijen] = np.where(lks, 5, 6)
    _einde_uitkering(model, rijen)
    n = int(uit_bijstand_werk.sum())
    model.tel("uitstroom_bijstand", n)
    model.tel("uitstroom_naar_werk", n)
    if zorgsector is not None:
        model.tel("uitstroom_naar_werk_zorg", int((zorgsector & uit_bijstand_werk).sum()))
    model.cohort_werk[model.maand] = k["id"][rijen[uit_bijstand_werk]].copy()


def verlies_baan(model: ModelToegang, rijen: np.ndarray) -> None:
    """Workers placed from bijstand lose their job; their rung follows their new situation.

    Within ``arbeidsmarkt.ww_na_maanden_werk`` months of work they have no WW rights and apply
    for bijstand again; later they get the shortest WW entitlement.
    """
    t = model.tabel
    binnen = rijen[t.baan_maanden[rijen] <= model.p.arbeidsmarkt.ww_na_maanden_werk]
    na = rijen[t.baan_maanden[rijen] > model.p.arbeidsmarkt.ww_na_maanden_werk]
    naar_ww(model, na, WW_MINIMUM_MAANDEN)
    k = t.kol
    k["werkgever"][binnen] = -1
    k["lks"][binnen] = False
    aanvragen(model, binnen)


def naar_ww(model: ModelToegang, rijen: np.ndarray, duur: int | None = None) -> None:
    """Workers lose their job with WW rights: WW for ``duur`` months, rung of their situation.

    Args:
        model: The model.
        rijen: Rows of the workers.
        duur: WW duration in months; None draws it uniformly from the shortest entitlement up
            to ``levensgebeurtenissen.ww_max_duur`` (the model's current random stream).
    """
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.WW
    k["uit_beeld"][rijen] = False
    if duur is None:
        k["ww_duur"][rijen] = model.rng.integers(
            WW_MINIMUM_MAANDEN, model.p.levensgebeurtenissen.ww_max_duur + 1, size=len(rijen))
    else:
        k["ww_duur"][rijen] = duur
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    volg_situatie(model, rijen)


def ww_afgelopen(model: ModelToegang, rijen: np.ndarray) -> None:
    """WW ends without a job: no income; applying for bijstand is a separate event."""
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.GEEN
    volg_situatie(model, rijen)


def stopt_met_werk(model: ModelToegang, rijen: np.ndarray) -> None:
    """Workers leave work without entitlement (study, care, a partner's income)."""
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.GEEN
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    volg_situatie(model, rijen)


def start_deeltijd(model: ModelToegang, rijen: np.ndarray, inkomen: np.ndarray) -> None:
    """Bijstand or Wajong clients start part-time work beside the benefit (rung 5)."""
    k = model.tabel.kol
    k["trede"][rijen] = 5
    k["deeltijd_inkomen"][rijen] = inkomen


def partner_verdient(model: ModelToegang, rijen: np.ndarray, bedrag: np.ndarray) -> None:
    """Recipients' partners have an income below the norm: the household's benefit nets it."""
    model.tabel.kol["partner_inkomen"][rijen] = bedrag


def stop_deeltijd(model: ModelToegang, rijen: np.ndarray) -> None:
    """Part-time work beside bijstand stops (rung 4)."""
    k = model.tabel.kol
    k["trede"][rijen] = 4
    k["deeltijd_inkomen"][rijen] = 0


# ---- bijstand ------------------------------------------------------------------------------

def aanvragen(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents who lost their income become entitled; they apply in the next ``signaleren``.

    Their income source becomes ``geen`` until the application is granted. They are kept by
    id, since rows may move when the table is compacted at the end of a month.
    """
    if len(rijen) == 0:
        return
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.GEEN
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    k["ww_duur"][rijen] = 0
    k["uit_beeld"][rijen] = False
    volg_situatie(model, rijen)
    model.aanvragers.append(k["id"][rijen].copy())


def classificeer(model: ModelToegang, rijen: np.ndarray) -> None:
    """Give new bijstand clients a fase and klantprofiel from their situation at intake.

    No obstacle: fase 1; one or two: fase 2/3 ("uitvallers"); three or more: fase 4 with the
    Tabel 4.1 profile that fits age, household, sex and obstacles best.
    """
    n = I.aantal_bits(model.tabel.kol["belemmeringen"][rijen])
    _deel_in(model, rijen, _FASE_BIJ_INTAKE[n])


#: Fase at intake by number of obstacles (0..8): none 1, one or two 2 (fase 2/3), else 4.
_FASE_BIJ_INTAKE = np.array([1, 2, 2] + [4] * 6, dtype=np.int8)


#: Fase codes, in the order of the rows of :func:`faseprofiel`.
FASEN = (1, 2, 4)
#: Age bands (years, lower bounds after the first) of the cells of :func:`fase_cel`.
FASE_LEEFTIJDEN = (30, 50)
#: Obstacle counts told apart in the cells of :func:`fase_cel` (0, 1, 2, and 3 or more).
FASE_BELEMMERINGEN = 4


def fase_cel(tabel: I.InwonerTabel, rijen: np.ndarray) -> np.ndarray:
    """Cell of each client for the fase: obstacles (0, 1, 2, 3+) by age band (<30, 30-49, 50+)."""
    n = np.minimum(I.aantal_bits(tabel.belemmeringen[rijen]),
                   FASE_BELEMMERINGEN - 1).astype(np.int64)
    band = np.searchsorted(FASE_LEEFTIJDEN, tabel.leeftijd_maanden[rijen] // 12, side="right")
    return n * (len(FASE_LEEFTIJDEN) + 1) + band


def faseprofiel(tabel: I.InwonerTabel, bijstand: np.ndarray) -> np.ndarray:
    """Month 0: clients per fase (rows: :data:`FASEN`) and cell (:func:`fase_cel`)."""
    cellen = FASE_BELEMMERINGEN * (len(FASE_LEEFTIJDEN) + 1)
    cel = fase_cel(tabel, bijstand)
    fase = tabel.fase[bijstand]
    return np.stack([np.bincount(cel[fase == f], minlength=cellen) for f in FASEN]).astype(float)


def herbeoordeel_fase(model: ModelToegang, rijen: np.ndarray) -> None:
    """A reassessment gives bijstand clients the fase their situation now has at month 0.

    The fase is a judgement of the distance to work, made at intake and again at each
    diagnosis. Month 0 follows Tabel 4.1 and the mean spell of each fase
    (``bevolking.duur_fase_*``); a client with obstacles ``x`` (count and age band,
    :func:`fase_cel`) in month ``d`` of the spell gets fase ``f`` with the chance that
    month 0 gives such a client: proportional to ``(N_f(x) + aandeel_f) exp(-d / duur_f) /
    duur_f``, ``N_f(x)`` the month-0 clients of fase ``f`` in the cell
    (:attr:`faseprofiel <simulatie.kern.toegang.ModelToegang.faseprofiel>`; the share
    ``aandeel_f`` keeps thin cells at the overall mix). Spells lengthen and obstacles come
    and go, so clients move between fases as they would in the month-0 caseload; with the
    intake rule alone, fase 4 fell from 40% to 16% of clients in ten years.
    """
    t, b = model.tabel, model.p.bevolking
    rijen = rijen[t.inkomensbron[rijen] == I.BIJSTAND]
    if len(rijen) == 0:
        return
    aandeel = np.array([b.aandeel_fase_1, b.aandeel_fase_23,
                        max(0.0, 1.0 - b.aandeel_fase_1 - b.aandeel_fase_23)])
    # At least a month: the model's step (a mean of 0, allowed at a range end, has no density).
    duur = np.maximum(np.array([b.duur_fase_1, b.duur_fase_23, b.duur_fase_4]), 1.0)
    # Per cell (a small table), then per client: the log weight of each fase.
    aantal = model.faseprofiel.T + aandeel
    log_cel = wiskunde.log(np.maximum(aantal, 1e-300)) - wiskunde.log(duur)
    log_w = log_cel[fase_cel(t, rijen)] - t.uitkeringsduur[rijen][:, None] / duur
    w = wiskunde.exp(log_w - log_w.max(axis=1, keepdims=True))
    drempel = np.cumsum(w, axis=1)
    u = model.rng.random(len(rijen)) * drempel[:, -1]
    _deel_in(model, rijen, np.asarray(FASEN, dtype=np.int8)[(u[:, None] >= drempel[:, :-1])
                                                            .sum(axis=1)])


def _deel_in(model: ModelToegang, rijen: np.ndarray, fase: np.ndarray) -> None:
    """Set the fase of clients and the klantprofiel that goes with it.

    Fase 4: the Tabel 4.1 profile that fits age, household, sex and obstacles best.
    """
    k = model.tabel.kol
    bits = k["belemmeringen"][rijen]
    leeftijd = k["leeftijd_maanden"][rijen] // 12
    # The first rule that holds gives the profile (np.where from the last rule to the first:
    # as np.select, without its fixed cost on the small groups of each month).
    vrouw = k["geslacht"][rijen] == 1
    profiel = np.where(leeftijd >= 50, np.where(vrouw, _PROFIEL["vrouwen_50plus"],
                                                _PROFIEL["mannen_50plus"]), _PROFIEL["overig"])
    profiel = np.where((bits & I.PSYCHISCH) > 0, _PROFIEL["ex_psychiatrisch"], profiel)
    profiel = np.where(leeftijd < 30, _PROFIEL["jongeren"], profiel)
    profiel = np.where(k["huishouden"][rijen] == I.ALLEENSTAANDE_OUDER,
                       _PROFIEL["alleenstaande_ouders"], profiel)
    profiel = np.where(fase == 2, _PROFIEL["uitvallers_fase_2_3"], profiel)
    profiel = np.where(fase == 1, _PROFIEL["fase_1"], profiel)
    k["fase"][rijen] = fase
    k["klantprofiel"][rijen] = profiel


def naar_bijstand(model: ModelToegang, rijen: np.ndarray) -> None:
    """Admit applicants to bijstand (income source, spell, queue for a klantmanager).

    Args:
        model: The model.
        rijen: Rows of residents whose application is granted.
    """
    if len(rijen) == 0:
        return
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.BIJSTAND
    model.bijstand_toegelaten(rijen)
    k["uitkeringsduur"][rijen] = 0
    k["ww_duur"][rijen] = 0
    k["verborgen_recht"][rijen] = False
    k["uit_beeld"][rijen] = False
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    k["baan_maanden"][rijen] = 0
    k["klantmanager"][rijen] = -1
    k["wacht_sinds"][rijen] = model.maand
    k["diagnose_maand"][rijen] = I.NOOIT
    k["bekend"][rijen] = 0
    k["deeltijd_inkomen"][rijen] = 0
    k["partner_inkomen"][rijen] = 0
    k["sanctie"][rijen] = 0
    k["trede"][rijen] = np.minimum(k["trede"][rijen], 4)
    classificeer(model, rijen)
    model.tel("instroom_bijstand", len(rijen))


def _einde_uitkering(model: ModelToegang, rijen: np.ndarray) -> None:
    """The benefit ends: no klantmanager or queue place, no spell, sanction or work trajectory.

    Wmo provisions and other services go on.
    """
    k = model.tabel.kol
    k["klantmanager"][rijen] = -1
    k["wacht_sinds"][rijen] = -1
    k["uitkeringsduur"][rijen] = 0
    k["deeltijd_inkomen"][rijen] = 0
    k["partner_inkomen"][rijen] = 0
    k["sanctie"][rijen] = 0
    stop = np.uint8(I.REINTEGRATIE)
    k["zorg"][rijen] &= ~stop
    k["wacht"][rijen] &= ~stop


def uit_bijstand(model: ModelToegang, rijen: np.ndarray, reden: str) -> None:
    """Leave bijstand for a reason in ``UITSTROOM_REDENEN``.

    Work is handled by :func:`start_baan`; ``aow`` sets the AOW income; ``overig`` and
    ``buiten_beeld`` leave without benefit (``buiten_beeld``: no known income, out of view:
    :func:`uit_beeld`); ``vertrek`` is used for deaths and moves out of the municipality.
    """
    if len(rijen) == 0:
        return
    if reden not in UITSTROOM_REDENEN:
        raise ValueError(f"reden {reden!r} not in {UITSTROOM_REDENEN}")
    k = model.tabel.kol
    if reden == "aow":
        k["inkomensbron"][rijen] = I.AOW
    elif reden in ("overig", "buiten_beeld"):
        k["inkomensbron"][rijen] = I.GEEN
    _einde_uitkering(model, rijen)
    if reden != "vertrek":
        volg_situatie(model, rijen)
    model.tel("uitstroom_bijstand", len(rijen))
    model.tel(f"uitstroom_{reden}", len(rijen))
    if reden == "buiten_beeld":
        uit_beeld(model, rijen)


# ---- life course ---------------------------------------------------------------------------

def naar_aow(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents reach pension age: AOW income (bijstand outflow ``aow``), rung at most 4."""
    t = model.tabel
    uit_bijstand(model, rijen[t.inkomensbron[rijen] == I.BIJSTAND], "aow")
    k = t.kol
    k["inkomensbron"][rijen] = I.AOW
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    k["verborgen_recht"][rijen] = False
    k["uit_beeld"][rijen] = False
    k["deeltijd_inkomen"][rijen] = 0
    k["trede"][rijen] = trede_uit_situatie(t, rijen)


def wordt_volwassen(model: ModelToegang, rijen: np.ndarray) -> None:
    """Children turn 18: what they do besides school, their rung.

    They still live at home (:func:`gaat_uit_huis` is the move to a household of their own).
    """
    k = model.tabel.kol
    k["activiteit"][rijen] = kies_activiteit(model.rng, len(rijen), model.p)
    volg_situatie(model, rijen)


def gaat_uit_huis(model: ModelToegang, rijen: np.ndarray) -> None:
    """Children at home (18+) leave their parents for a one-person household of their own."""
    model.tabel.kol["huishouden"][rijen] = I.ALLEENSTAAND
    H.nieuw_huishouden(model.tabel, rijen)


def vertrek(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents die or move out of the municipality (bijstand outflow ``vertrek``)."""
    t = model.tabel
    uit_bijstand(model, rijen[t.inkomensbron[rijen] == I.BIJSTAND], "vertrek")
    t.kol["actief"][rijen] = False


#: Columns a newcomer does not take over from the resident it resembles (administration of
#: this municipality: caseworker, queue, diagnosis, what the desks know, pending requests, a
#: placement with a local employer).
_NIEUW_BIJ_VESTIGING = {"klantmanager": -1, "wacht_sinds": -1, "diagnose_maand": I.NOOIT,
                        "bekend": 0, "wmo_behoefte": 0, "wmo_aanvraag": 0, "wacht": 0,
                        "werkgever": -1, "lks": False, "jobcoach": False, "baan_maanden": 0,
                        "sanctie": 0, "wmo_contact": I.NOOIT}


def vestig_als(model: ModelToegang, voorbeeld: np.ndarray) -> np.ndarray:
    """Newcomers who resemble given residents: same age, household, income, obstacles, care.

    A newcomer takes over every state column of its example except the local administration
    (:data:`_NIEUW_BIJ_VESTIGING`); one moving in with bijstand joins the queue for a
    klantmanager and counts as inflow. Used for migration that leaves the composition of the
    population unchanged (verb demografie). The newcomer also takes the example's
    ``huishouden_id``: it takes the place of a mover in the household, or the caller gives it
    a household (:func:`simulatie.kern.stappen.demografie.geboorte_en_balans`).

    Args:
        model: The model.
        voorbeeld: Rows of the residents to resemble (may repeat).

    Returns:
        The rows of the newcomers.
    """
    t = model.tabel
    if len(voorbeeld) == 0:
        return np.zeros(0, dtype=np.int64)
    rijen = t.voeg_toe_als(voorbeeld)
    k = t.kol
    nieuw = slice(rijen[0], rijen[-1] + 1)
    for naam, waarde in _NIEUW_BIJ_VESTIGING.items():
        k[naam][nieuw] = waarde
    bij = rijen[k["inkomensbron"][rijen] == I.BIJSTAND]
    k["wacht_sinds"][bij] = model.maand
    model.bijstand_toegelaten(bij)
    model.tel("instroom_bijstand", len(bij))
    return rijen


def scheiden(model: ModelToegang, blijft: np.ndarray, gaat: np.ndarray,
             met_kinderen: np.ndarray) -> None:
    """Couples split: one partner keeps the household (and the children), the other leaves.

    The partner who stays with the children becomes a single parent, who cares for them alone:
    the obstacle care for relatives (T4.1: every single parent of young children in bijstand
    has it). The other partner, and both where no children live at home, live alone; the one
    who leaves starts a household of their own (in the same wijk).

    Args:
        model: The model.
        blijft: Rows of the partners who keep the household.
        gaat: Rows of their partners, who leave it.
        met_kinderen: Whether children live in each household.
    """
    k = model.tabel.kol
    k["huishouden"][blijft] = np.where(met_kinderen, I.ALLEENSTAANDE_OUDER, I.ALLEENSTAAND)
    k["huishouden"][gaat] = I.ALLEENSTAAND
    H.nieuw_huishouden(model.tabel, gaat)
    ouders = blijft[met_kinderen]
    krijgt_belemmeringen(model, ouders[(model.tabel.belemmeringen[ouders] & I.NAASTEN) == 0],
                         I.NAASTEN)


# ---- obstacles -----------------------------------------------------------------------------

def krijgt_belemmeringen(model: ModelToegang, rijen: np.ndarray, bits: np.ndarray | int) -> None:
    """New obstacles (bitmasks; a row may appear several times), counted as new obstacles."""
    if np.ndim(bits) == 0:
        model.tabel.kol["belemmeringen"][rijen] |= np.uint8(bits)
    else:
        np.bitwise_or.at(model.tabel.kol["belemmeringen"], rijen, bits)
    model.tel("nieuwe_belemmeringen", len(rijen))
    volg_situatie(model, rijen)


def los_belemmeringen_op(model: ModelToegang, rijen: np.ndarray, bits: np.ndarray | int,
                         tel: bool = True) -> None:
    """Obstacles resolve (bitmasks; a row may appear several times); the municipality forgets them.

    Args:
        model: The model.
        rijen: Rows.
        bits: Obstacle bitmask per row, or one for all.
        tel: Count them as ``belemmeringen_opgelost`` (resolved by a service); spontaneous
            recovery is not counted.
    """
    k = model.tabel.kol
    if np.ndim(bits) == 0:
        weg = np.uint8(~np.uint8(bits))
        k["belemmeringen"][rijen] &= weg
        k["bekend"][rijen] &= weg
    else:
        weg = ~np.asarray(bits, dtype=np.uint8)
        np.bitwise_and.at(k["belemmeringen"], rijen, weg)
        np.bitwise_and.at(k["bekend"], rijen, weg)
    if tel:
        model.tel("belemmeringen_opgelost", len(rijen))
    volg_situatie(model, rijen)


# ---- services and Wmo provisions -------------------------------------------------------------

def start_dienst(model: ModelToegang, rijen: np.ndarray, bits: np.ndarray | int) -> None:
    """A service or provision starts (and its waiting place ends)."""
    k = model.tabel.kol
    if np.ndim(bits) == 0:
        bit = np.uint8(bits)
        k["zorg"][rijen] |= bit
        k["wacht"][rijen] &= ~bit
    else:
        bits = np.asarray(bits, dtype=np.uint8)
        k["zorg"][rijen] |= bits
        k["wacht"][rijen] &= ~bits
    volg_situatie(model, rijen)


def vraagt_wmo_aan(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents' Wmo need becomes an application at the desk (all of the need they have)."""
    k = model.tabel.kol
    k["wmo_aanvraag"][rijen] |= k["wmo_behoefte"][rijen]
    k["wmo_behoefte"][rijen] = 0


def start_jeugdhulp(model: ModelToegang, rijen: np.ndarray) -> None:
    """Children's youth care starts (their wait ends)."""
    model.tabel.kol["jeugdhulp"][rijen] = I.JEUGD_ZORG


def wacht_op_dienst(model: ModelToegang, rijen: np.ndarray, bits: np.ndarray | int) -> None:
    """Residents join the waiting list of a service or granted provision."""
    k = model.tabel.kol
    k["wacht"][rijen] |= np.uint8(bits) if np.ndim(bits) == 0 else np.asarray(bits, np.uint8)


def stop_dienst(model: ModelToegang, rijen: np.ndarray, bits: np.ndarray | int) -> None:
    """Services or provisions end (bitmasks; a row may appear several times)."""
    k = model.tabel.kol
    if np.ndim(bits) == 0:
        k["zorg"][rijen] &= ~np.uint8(bits)
    else:
        np.bitwise_and.at(k["zorg"], rijen, ~np.asarray(bits, dtype=np.uint8))
    volg_situatie(model, rijen)


# ---- schemes: Wajong, Wsw, AWBZ ----------------------------------------------------------------

def _naar_regeling(model: ModelToegang, rijen: np.ndarray, bron: int) -> None:
    """Residents start a long-term scheme; bijstand ends ('overig'), work and WW end."""
    t = model.tabel
    k = t.kol
    uit_bijstand(model, rijen[t.inkomensbron[rijen] == I.BIJSTAND], "overig")
    k["inkomensbron"][rijen] = bron
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    k["ww_duur"][rijen] = 0
    k["verborgen_recht"][rijen] = False
    k["uit_beeld"][rijen] = False
    k["deeltijd_inkomen"][rijen] = 0
    # The disability behind the scheme: a fysiek or psychisch obstacle if none is known.
    zonder = rijen[(t.belemmeringen[rijen] & (I.FYSIEK | I.PSYCHISCH)) == 0]
    psychisch = model.rng.random(len(zonder)) < model.p.bevolking.aandeel_psychisch_wajong_wsw
    krijgt_belemmeringen(model, zonder, np.where(psychisch, I.PSYCHISCH, I.FYSIEK)
                         .astype(np.uint8))
    volg_situatie(model, rijen)


def naar_wajong(model: ModelToegang, rijen: np.ndarray) -> None:
    """Young adults with a disability start Wajong."""
    _naar_regeling(model, rijen, I.WAJONG)


def naar_wsw(model: ModelToegang, rijen: np.ndarray) -> None:
    """Adults with a disability start sheltered employment (Wsw, rung 5)."""
    _naar_regeling(model, rijen, I.WSW)


def uit_wsw(model: ModelToegang, rijen: np.ndarray) -> None:
    """Wsw employees move on to a regular job (the Wsw's other outflow)."""
    model.tabel.kol["inkomensbron"][rijen] = I.WERK
    volg_situatie(model, rijen)


def start_awbz(model: ModelToegang, rijen: np.ndarray) -> None:
    """AWBZ extramural care starts."""
    model.tabel.kol["awbz_extramuraal"][rijen] = True


def einde_awbz(model: ModelToegang, rijen: np.ndarray) -> None:
    """AWBZ extramural care ends (recovery or intramural care)."""
    model.tabel.kol["awbz_extramuraal"][rijen] = False
