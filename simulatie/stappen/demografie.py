"""Verb 1, demografie: ageing, AOW, deaths, births, migration, life events and new obstacles.

Sources: mortality, births and migration from CBS (``data/aanvullend.csv``); life events that
feed bijstand (job loss, end of WW, divorce, loss of other support) are hazards calibrated on the
Divosa benchmark inflow (``EXT:bijstand_instroom_pct_per_jaar``, 24.1% of the stock a year);
new obstacles are hazards that prevention can lower (``model.sturing.belemmering_factor``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from agenten import inwoners as I
from simulatie.bevolking import belemmeringen_bevolking
from simulatie.kans import gebeurt, gebeurt_begrensd, gebeurt_per_soort, per_maand
from simulatie.overgangen import aanvragen, uit_bijstand
from simulatie.rijen import uniek, zonder

if TYPE_CHECKING:
    from simulatie.model import Gemeente

#: Relative chance to move out for ages 0-17, 18-34, 35-66, 67+ (CBS: movers are mostly young
#: adults; children move with their parents; the elderly rarely move away).
VERHUISGEWICHT = (0.6, 3.0, 0.8, 0.2)
#: Share of children among newcomers (families moving in).
AANDEEL_KINDEREN_VESTIGERS = 0.15


def demografie(model: Gemeente) -> None:
    """Run the demographic and life-event part of one month."""
    veroudering(model)
    sterfte_en_vertrek(model)
    geboorte_en_vestiging(model)
    levensgebeurtenissen(model)
    nieuwe_belemmeringen(model)


def veroudering(model: Gemeente) -> None:
    """Everyone ages a month; at pension age income becomes AOW (bijstand outflow 'aow')."""
    t = model.tabel
    lm = t.leeftijd_maanden
    lm += 1
    aow_m = model.p.demografie.aow_leeftijd * 12
    nu_aow = np.flatnonzero((lm == aow_m) & t.actief)
    bij = nu_aow[t.inkomensbron[nu_aow] == I.BIJSTAND]
    uit_bijstand(model, bij, "aow")
    k = t.kol
    k["inkomensbron"][nu_aow] = I.AOW
    k["werkgever"][nu_aow] = -1
    k["lks"][nu_aow] = False
    k["verborgen_recht"][nu_aow] = False
    k["trede"][nu_aow] = np.minimum(k["trede"][nu_aow], 4)
    volwassen = np.flatnonzero((lm == 18 * 12) & t.actief)
    k["huishouden"][volwassen] = I.ALLEENSTAAND
    k["trede"][volwassen] = 3


def sterfte_en_vertrek(model: Gemeente) -> None:
    """Deaths (Gompertz hazard by age) and moves out of the municipality."""
    t, d = model.tabel, model.p.demografie
    lm = t.leeftijd_maanden
    # Below 50 mortality is negligible for this model (< 0.3%/yr).
    oud = np.flatnonzero(t.actief & (lm >= 50 * 12))
    sterftekans = sterftekans_per_maand(d.sterfte_80)
    # The chance rises with age, so the oldest resident's chance bounds everyone's.
    doden = gebeurt_begrensd(model.rng, oud, lambda rijen: sterftekans[lm[rijen]],
                             float(sterftekans[lm[oud].max()]) if len(oud) else 0.0)
    # Moves out: mostly young adults; bijstand clients move less (vertrek_factor_bijstand).
    # Age band (0-17, 18-34, 35-66, 67+) per resident; weights are relative to their mean.
    grenzen = (18 * 12, 35 * 12, 67 * 12)
    n = np.count_nonzero(t.actief)
    boven = [n] + [np.count_nonzero(t.actief & (lm >= g)) for g in grenzen] + [0]
    aantal = -np.diff(boven)
    gewicht = np.asarray(VERHUISGEWICHT)
    gewicht = gewicht / (aantal @ gewicht / n)
    kans = per_maand(d.vertrek_per_jaar) * np.concatenate(
        [gewicht, gewicht * d.vertrek_factor_bijstand])  # index: band + 4 x bijstand

    def vertrekkans(rijen: np.ndarray) -> np.ndarray:
        band = sum((lm[rijen] >= g).astype(np.int8) for g in grenzen)
        return kans[band + 4 * (t.inkomensbron[rijen] == I.BIJSTAND)]

    vertrek = gebeurt_begrensd(model.rng, np.flatnonzero(t.actief), vertrekkans, kans.max())
    weg = uniek(doden, vertrek)
    bij = weg[t.inkomensbron[weg] == I.BIJSTAND]
    uit_bijstand(model, bij, "vertrek")
    t.kol["actief"][weg] = False
    model.teller["overleden"] += len(doden)
    model.teller["vertrokken"] += len(weg) - len(doden)


@lru_cache(maxsize=4)
def sterftekans_per_maand(sterfte_80: float) -> np.ndarray:
    """Monthly chance of death indexed by age in months (Gompertz, yearly ``sterfte_80`` at 80).

    A lookup table over every possible ``leeftijd_maanden`` value, so the hazard is evaluated
    once per run instead of once per resident per month.
    """
    leeftijd = np.arange(np.iinfo(np.int16).max + 1) / 12.0
    kans = per_maand(np.minimum(1.0, sterfte_80 * np.exp(0.095 * (leeftijd - 80.0))))
    kans.flags.writeable = False
    return kans


def geboorte_en_vestiging(model: Gemeente) -> None:
    """Births and newcomers (mostly young adults who work or study) keep the size stable."""
    t, d = model.tabel, model.p.demografie
    n_act = int(np.count_nonzero(t.actief))
    geboren = int(model.rng.poisson(per_maand(d.geboorte_per_jaar) * n_act))
    uit = model.teller["overleden"] + model.teller["vertrokken"]
    vestigers = int(model.rng.poisson(max(0.0, d.vestiging_factor * uit - geboren)))
    rijen = t.voeg_toe(geboren + vestigers)
    k = t.kol
    w = model.config.gemeente.wijken
    k["wijk"][rijen] = model.rng.integers(0, w, size=len(rijen))
    k["geslacht"][rijen] = model.rng.integers(0, 2, size=len(rijen))
    k["motivatie"][rijen] = model.rng.beta(5, 2, size=len(rijen)).astype(np.float32)
    kind, nieuw = rijen[:geboren], rijen[geboren:]
    k["huishouden"][kind] = I.KIND
    k["trede"][kind] = 1
    jong = model.rng.random(len(nieuw)) < AANDEEL_KINDEREN_VESTIGERS
    kinderen, volw = nieuw[jong], nieuw[~jong]
    k["leeftijd_maanden"][kinderen] = model.rng.integers(0, 18 * 12, size=len(kinderen))
    k["huishouden"][kinderen] = I.KIND
    k["trede"][kinderen] = 1
    k["leeftijd_maanden"][volw] = model.rng.integers(18 * 12, 40 * 12, size=len(volw))
    werkt = model.rng.random(len(volw)) < model.p.bevolking.aandeel_werkend
    k["inkomensbron"][volw] = np.where(werkt, I.WERK, I.GEEN)
    k["trede"][volw] = np.where(werkt, 6, 3)
    k["huishouden"][volw] = np.where(model.rng.random(len(volw)) < 0.5, I.ALLEENSTAAND, I.PAAR)
    belemmeringen_bevolking(model.tabel, volw, model.p, model.rng)
    model.teller["geboren"] += geboren
    model.teller["gevestigd"] += vestigers


def levensgebeurtenissen(model: Gemeente) -> None:
    """Job loss, end of WW, divorce and loss of other support: who becomes entitled to bijstand.

    People with more obstacles run a higher risk (factor 1 + ``risico_per_belemmering`` per
    obstacle).
    """
    t, lg, rng = model.tabel, model.p.levensgebeurtenissen, model.rng
    k = t.kol
    volw = model.volwassen()
    bron = t.inkomensbron

    def risico(rijen: np.ndarray) -> np.ndarray:
        return 1.0 + lg.risico_per_belemmering * I.aantal_bits(t.belemmeringen[rijen])

    hoogste_risico = 1.0 + lg.risico_per_belemmering * len(I.BELEMMERINGEN)

    # Regular workers (not placed from bijstand in the last 18 months: see arbeidsmarkt).
    werk = np.flatnonzero(volw & (bron == I.WERK) & ((t.werkgever < 0) | (t.baan_maanden >= 18)))
    naar_ww = gebeurt(rng, werk, lg.baanverlies)
    zonder_ww = gebeurt_begrensd(rng, werk, lambda r: lg.baanverlies_zonder_ww * risico(r),
                                 lg.baanverlies_zonder_ww * hoogste_risico)
    zonder_ww = zonder(zonder_ww, naar_ww)
    k["inkomensbron"][naar_ww] = I.WW
    k["ww_duur"][naar_ww] = rng.integers(3, lg.ww_max_duur + 1, size=len(naar_ww))
    k["werkgever"][naar_ww] = -1
    k["lks"][naar_ww] = False
    k["trede"][naar_ww] = 4
    aanvragen(model, zonder_ww)
    # The workers without another event this month (by position in the increasing ``werk``).
    overig = np.ones(len(werk), dtype=bool)
    overig[np.searchsorted(werk, naar_ww)] = False
    overig[np.searchsorted(werk, zonder_ww)] = False
    stoppen = gebeurt(rng, werk[overig], lg.werk_naar_geen)
    k["inkomensbron"][stoppen] = I.GEEN
    k["werkgever"][stoppen] = -1
    k["lks"][stoppen] = False
    k["trede"][stoppen] = 3

    # WW: find work or run out of rights.
    ww = np.flatnonzero(volw & (bron == I.WW))
    gevonden = gebeurt(rng, ww, lg.ww_naar_werk)
    k["inkomensbron"][gevonden] = I.WERK
    k["trede"][gevonden] = 6
    k["ww_duur"][ww] -= 1
    op = ww[(t.ww_duur[ww] <= 0) & (t.inkomensbron[ww] == I.WW)]
    naar_bijstand = gebeurt(rng, op, lg.bijstand_na_ww)
    k["inkomensbron"][op] = I.GEEN
    k["trede"][op] = np.minimum(k["trede"][op], 4)
    aanvragen(model, naar_bijstand)

    # Divorce: couples become single parents (half) or single; some need bijstand.
    paar = np.flatnonzero(volw & (t.huishouden == I.PAAR))
    scheiden = gebeurt(rng, paar, per_maand(lg.scheiding))
    k["huishouden"][scheiden] = np.where(rng.random(len(scheiden)) < 0.5,
                                         I.ALLEENSTAANDE_OUDER, I.ALLEENSTAAND)
    geen_bijstand = scheiden[t.inkomensbron[scheiden] != I.BIJSTAND]
    aanvragen(model, gebeurt(rng, geen_bijstand, lg.bijstand_na_scheiding))

    # Without income (students, partners, zzp): loss of support or a job.
    geen = np.flatnonzero(volw & (t.inkomensbron == I.GEEN) & ~t.verborgen_recht)
    nood = gebeurt_begrensd(rng, geen, lambda r: lg.geen_naar_bijstand * risico(r),
                            lg.geen_naar_bijstand * hoogste_risico)
    zonder_nood = np.ones(len(geen), dtype=bool)
    zonder_nood[np.searchsorted(geen, nood)] = False
    werk_gevonden = gebeurt(rng, geen[zonder_nood], lg.geen_naar_werk)
    k["inkomensbron"][werk_gevonden] = I.WERK
    k["trede"][werk_gevonden] = 6
    aanvragen(model, nood)


def nieuwe_belemmeringen(model: Gemeente) -> None:
    """New obstacles arise and old ones resolve, as hazards per adult (18+).

    Bijstand clients run ``risicofactor_bijstand`` times the hazard; prevention lowers it via
    ``model.sturing.belemmering_factor``. Fysiek doubles from age 50.
    """
    t, bp, rng = model.tabel, model.p.belemmeringen, model.rng
    k = t.kol
    namen = I.BELEMMERINGEN
    fysiek = namen.index("fysiek")
    nieuw = (np.array([per_maand(getattr(bp, f"nieuw_{naam}")) for naam in namen])
             * model.sturing.belemmering_factor)
    herstel = np.array([per_maand(getattr(bp, f"herstel_{naam}")) for naam in namen])

    def heeft(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        return ((t.belemmeringen[rijen] >> b.astype(np.uint8)) & 1) > 0

    def kans_nieuw(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        factor = np.where(t.inkomensbron[rijen] == I.BIJSTAND, bp.risicofactor_bijstand,
                          np.where((b == fysiek) & (t.leeftijd_maanden[rijen] >= 50 * 12),
                                   2.0, 1.0))
        return np.where(heeft(rijen, b), 0.0, nieuw[b] * factor)

    def kans_herstel(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.where(heeft(rijen, b), herstel[b], 0.0)

    # Every (adult, obstacle) pair is an event with its own chance, drawn with a common bound
    # and thinned (kans.gebeurt_per_soort): the cost follows the events, not the 150,000
    # adults. Both kinds are drawn on the obstacles at the start of the month, then applied.
    volw = np.flatnonzero(t.actief & (t.leeftijd_maanden >= 18 * 12))
    rij_nieuw, b_nieuw = gebeurt_per_soort(
        rng, volw, len(namen), kans_nieuw, nieuw.max() * max(2.0, bp.risicofactor_bijstand))
    rij_herstel, b_herstel = gebeurt_per_soort(rng, volw, len(namen), kans_herstel,
                                               herstel.max())
    np.bitwise_or.at(k["belemmeringen"], rij_nieuw, (1 << b_nieuw).astype(np.uint8))
    weg = ~(1 << b_herstel).astype(np.uint8)
    np.bitwise_and.at(k["belemmeringen"], rij_herstel, weg)
    np.bitwise_and.at(k["bekend"], rij_herstel, weg)
    nieuw_totaal = len(rij_nieuw)
    model.teller["nieuwe_belemmeringen"] += nieuw_totaal
