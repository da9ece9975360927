"""State transitions shared by several verbs: entering and leaving bijstand, job start and loss.

Each function changes whole index subsets of the resident table and books the flow on the
model's monthly counters (``model.teller``), so every move in or out of bijstand is counted once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agenten import inwoners as I

if TYPE_CHECKING:
    from simulatie.model import Gemeente

_PROFIEL = {naam: i for i, naam in enumerate(I.KLANTPROFIELEN)}
UITSTROOM_REDENEN = ("werk", "aow", "overig", "buiten_beeld", "vertrek")


def classificeer(model: Gemeente, rijen: np.ndarray) -> None:
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


def naar_bijstand(model: Gemeente, rijen: np.ndarray) -> None:
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
    model.teller["instroom_bijstand"] += len(rijen)


def uit_bijstand(model: Gemeente, rijen: np.ndarray, reden: str) -> None:
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
    k["klantmanager"][rijen] = -1
    k["wacht_sinds"][rijen] = -1
    k["uitkeringsduur"][rijen] = 0
    k["deeltijd_inkomen"][rijen] = 0
    k["sanctie"][rijen] = 0
    # Work-side services stop with the benefit; Wmo provisions go on.
    stop = np.uint8(I.REINTEGRATIE)
    k["zorg"][rijen] &= ~stop
    k["wacht"][rijen] &= ~stop
    model.teller["uitstroom_bijstand"] += len(rijen)
    model.teller[f"uitstroom_{reden}"] += len(rijen)
    if reden == "buiten_beeld":
        model.buiten_beeld += len(rijen)


def start_baan(model: Gemeente, rijen: np.ndarray, werkgever: np.ndarray, lks: np.ndarray,
               zorgsector: np.ndarray | None = None) -> None:
    """Bijstand clients start a job: outflow to work, rung 5 (with LKS) or 6.

    Args:
        model: The model.
        rijen: Rows of the hired clients.
        werkgever: Employer index per hire.
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
    k["klantmanager"][rijen] = -1
    k["wacht_sinds"][rijen] = -1
    k["uitkeringsduur"][rijen] = 0
    k["deeltijd_inkomen"][rijen] = 0
    k["sanctie"][rijen] = 0
    k["zorg"][rijen] &= ~np.uint8(I.REINTEGRATIE)
    k["wacht"][rijen] &= ~np.uint8(I.REINTEGRATIE)
    n = int(uit_bijstand_werk.sum())
    model.teller["uitstroom_bijstand"] += n
    model.teller["uitstroom_werk"] += n
    if zorgsector is not None:
        model.teller["uitstroom_naar_werk_zorg"] += int((zorgsector & uit_bijstand_werk).sum())
    model.cohort_werk[model.maand] = k["id"][rijen[uit_bijstand_werk]].copy()


def aanvragen(model: Gemeente, rijen: np.ndarray) -> None:
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
