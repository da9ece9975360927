"""Every status change of a resident, written once.

Verbs and policies change a resident's income source, job, benefit, rung, obstacles and services
only through these functions, so each change sets every column it concerns and books its flow
on the month's counters in one place. All functions take whole index arrays of rows.

Main groups:
    * work: :func:`vindt_werk`, :func:`start_baan`, :func:`verlies_baan`, :func:`naar_ww`,
      :func:`ww_afgelopen`, :func:`stopt_met_werk`, :func:`start_deeltijd`,
      :func:`stop_deeltijd`;
    * bijstand: :func:`aanvragen`, :func:`naar_bijstand`, :func:`uit_bijstand`,
      :func:`classificeer`;
    * life course: :func:`naar_aow`, :func:`wordt_volwassen`, :func:`vertrek`,
      :func:`scheiden`;
    * obstacles: :func:`krijgt_belemmeringen`, :func:`los_belemmeringen_op`;
    * services and Wmo provisions: :func:`start_dienst`, :func:`stop_dienst`,
      :func:`wacht_op_dienst`.
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
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

_PROFIEL = {naam: i for i, naam in enumerate(I.KLANTPROFIELEN)}
UITSTROOM_REDENEN = ("werk", "aow", "overig", "buiten_beeld", "vertrek")


# ---- work ----------------------------------------------------------------------------------

def vindt_werk(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents outside bijstand (no income, WW, withdrawn applicants) find a regular job."""
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.WERK
    k["trede"][rijen] = 6


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
    """Workers placed from bijstand lose their job and fall back to rung 4.

    Within ``arbeidsmarkt.ww_na_maanden_werk`` months of work they have no WW rights and apply
    for bijstand again; later they get the shortest WW entitlement.
    """
    t = model.tabel
    binnen = rijen[t.baan_maanden[rijen] <= model.p.arbeidsmarkt.ww_na_maanden_werk]
    na = rijen[t.baan_maanden[rijen] > model.p.arbeidsmarkt.ww_na_maanden_werk]
    naar_ww(model, na, WW_MINIMUM_MAANDEN)
    k = t.kol
    k["trede"][binnen] = 4
    k["werkgever"][binnen] = -1
    k["lks"][binnen] = False
    aanvragen(model, binnen)


def naar_ww(model: ModelToegang, rijen: np.ndarray, duur: int | None = None) -> None:
    """Workers lose their job with WW rights: rung 4, WW for ``duur`` months.

    Args:
        model: The model.
        rijen: Rows of the workers.
        duur: WW duration in months; None draws it uniformly from the shortest entitlement up
            to ``levensgebeurtenissen.ww_max_duur`` (the model's current random stream).
    """
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.WW
    if duur is None:
        k["ww_duur"][rijen] = model.rng.integers(
            WW_MINIMUM_MAANDEN, model.p.levensgebeurtenissen.ww_max_duur + 1, size=len(rijen))
    else:
        k["ww_duur"][rijen] = duur
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    k["trede"][rijen] = 4


def ww_afgelopen(model: ModelToegang, rijen: np.ndarray) -> None:
    """WW ends without a job: no income (rung at most 4); applying is a separate event."""
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.GEEN
    k["trede"][rijen] = np.minimum(k["trede"][rijen], 4)


def stopt_met_werk(model: ModelToegang, rijen: np.ndarray) -> None:
    """Workers leave work without entitlement (study, care, a partner's income): rung 3."""
    k = model.tabel.kol
    k["inkomensbron"][rijen] = I.GEEN
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    k["trede"][rijen] = 3


def start_deeltijd(model: ModelToegang, rijen: np.ndarray, inkomen: np.ndarray) -> None:
    """Bijstand clients start part-time work beside the benefit (rung 5, earnings deducted)."""
    k = model.tabel.kol
    k["trede"][rijen] = 5
    k["deeltijd_inkomen"][rijen] = inkomen


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
    k["trede"][rijen] = np.minimum(k["trede"][rijen], 4)
    model.aanvragers.append(k["id"][rijen].copy())


def classificeer(model: ModelToegang, rijen: np.ndarray) -> None:
    """Give new bijstand clients a fase and klantprofiel from their situation at intake.

    No obstacle: fase 1; one or two: fase 2/3 ("uitvallers"); three or more: fase 4 with the
    Tabel 4.1 profile that fits age, household, sex and obstacles best.
    """
    k = model.tabel.kol
    bits = k["belemmeringen"][rijen]
    n = I.aantal_bits(bits)
    fase = np.select([n == 0, n <= 2], [1, 2], 4).astype(np.int8)
    leeftijd = k["leeftijd_maanden"][rijen] // 12
    f4 = np.select(
        [k["huishouden"][rijen] == I.ALLEENSTAANDE_OUDER, leeftijd < 30,
         (bits & I.PSYCHISCH) > 0, leeftijd >= 50],
        [_PROFIEL["alleenstaande_ouders"], _PROFIEL["jongeren"], _PROFIEL["ex_psychiatrisch"],
         np.where(k["geslacht"][rijen] == 1, _PROFIEL["vrouwen_50plus"],
                  _PROFIEL["mannen_50plus"])],
        _PROFIEL["overig"])
    profiel = np.select([fase == 1, fase == 2], [_PROFIEL["fase_1"],
                                                 _PROFIEL["uitvallers_fase_2_3"]], f4)
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
    k["werkgever"][rijen] = -1
    k["lks"][rijen] = False
    k["baan_maanden"][rijen] = 0
    k["klantmanager"][rijen] = -1
    k["wacht_sinds"][rijen] = model.maand
    k["diagnose_maand"][rijen] = I.NOOIT
    k["bekend"][rijen] = 0
    k["deeltijd_inkomen"][rijen] = 0
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
    k["sanctie"][rijen] = 0
    stop = np.uint8(I.REINTEGRATIE)
    k["zorg"][rijen] &= ~stop
    k["wacht"][rijen] &= ~stop


def uit_bijstand(model: ModelToegang, rijen: np.ndarray, reden: str) -> None:
    """Leave bijstand for a reason in ``UITSTROOM_REDENEN``.

    Work is handled by :func:`start_baan`; ``aow`` sets the AOW income; ``overig`` and
    ``buiten_beeld`` leave without benefit (``buiten_beeld``: no known income, counted
    cumulatively); ``vertrek`` is used for deaths and moves out of the municipality.
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
    model.tel("uitstroom_bijstand", len(rijen))
    model.tel(f"uitstroom_{reden}", len(rijen))
    if reden == "buiten_beeld":
        model.buiten_beeld += len(rijen)


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
    k["trede"][rijen] = np.minimum(k["trede"][rijen], 4)


def wordt_volwassen(model: ModelToegang, rijen: np.ndarray) -> None:
    """Children turn 18: single household of their own, rung 3."""
    k = model.tabel.kol
    k["huishouden"][rijen] = I.ALLEENSTAAND
    k["trede"][rijen] = 3


def vertrek(model: ModelToegang, rijen: np.ndarray) -> None:
    """Residents die or move out of the municipality (bijstand outflow ``vertrek``)."""
    t = model.tabel
    uit_bijstand(model, rijen[t.inkomensbron[rijen] == I.BIJSTAND], "vertrek")
    t.kol["actief"][rijen] = False


def scheiden(model: ModelToegang, rijen: np.ndarray, met_kinderen: np.ndarray) -> None:
    """Couples split: single parent (where ``met_kinderen``) or single."""
    model.tabel.kol["huishouden"][rijen] = np.where(met_kinderen, I.ALLEENSTAANDE_OUDER,
                                                    I.ALLEENSTAAND)


# ---- obstacles -----------------------------------------------------------------------------

def krijgt_belemmeringen(model: ModelToegang, rijen: np.ndarray, bits: np.ndarray | int) -> None:
    """New obstacles (bitmasks; a row may appear several times), counted as new obstacles."""
    if np.ndim(bits) == 0:
        model.tabel.kol["belemmeringen"][rijen] |= np.uint8(bits)
    else:
        np.bitwise_or.at(model.tabel.kol["belemmeringen"], rijen, bits)
    model.tel("nieuwe_belemmeringen", len(rijen))


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
