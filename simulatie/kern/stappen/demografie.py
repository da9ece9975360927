"""Verb 1, demografie: ageing, AOW, deaths, births, migration, life events and new obstacles.

Sources: mortality, births and migration from CBS (``data/aanvullend.csv``); life events that
feed bijstand (job loss, end of WW, divorce, loss of other support) are hazards calibrated on the
Divosa benchmark inflow (``EXT:bijstand_instroom_pct_per_jaar``, 24.1% of the stock a year);
new obstacles are hazards that prevention can lower (mechanism ``belemmering_factor``).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from agenten import inwoners as I
from simulatie.kern import overgangen
from simulatie.kern.bevolking import FYSIEK_OUDER_VANAF, MOTIVATIE_BETA, belemmeringen_bevolking
from simulatie.kern.overgangen import PLAATSINGSVENSTER, VOLWASSEN_MAANDEN
from simulatie.kern.regels import sterfte_per_jaar
from simulatie.kern.rijen import uniek, zonder
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import gebeurt, gebeurt_begrensd, gebeurt_per_soort, per_maand

#: Relative chance to move out for ages 0-17, 18-34, 35-66, 67+ (CBS: movers are mostly young
#: adults; children move with their parents; the elderly rarely move away).
VERHUISGEWICHT = (0.6, 3.0, 0.8, 0.2)
#: Lower bounds (months) of the age bands of :data:`VERHUISGEWICHT` after the first.
VERHUISBANDEN = (18 * 12, 35 * 12, 67 * 12)
#: Share of children among newcomers (families moving in).
AANDEEL_KINDEREN_VESTIGERS = 0.15
#: Age range (years, upper exclusive) of adult newcomers: mostly young adults who work or study.
LEEFTIJD_VESTIGERS = (18, 40)
#: Share of couples among adult newcomers (assumption).
AANDEEL_PAAR_VESTIGERS = 0.5
#: Age (years) below which mortality is negligible for this model (< 0.3% a year).
STERFTE_VANAF = 50
#: Share of divorcing adults who become a single parent (assumption: about half of divorces
#: involve minor children, CBS).
AANDEEL_SCHEIDING_MET_KINDEREN = 0.5


def demografie(model: ModelToegang) -> None:
    """Run the demographic and life-event part of one month."""
    veroudering(model)
    sterfte_en_vertrek(model)
    geboorte_en_vestiging(model)
    levensgebeurtenissen(model)
    nieuwe_belemmeringen(model)


def veroudering(model: ModelToegang) -> None:
    """Everyone ages a month; at pension age income becomes AOW; at 18 adult life starts."""
    t = model.tabel
    lm = t.leeftijd_maanden
    lm += 1
    aow_m = model.p.demografie.aow_leeftijd * 12
    overgangen.naar_aow(model, np.flatnonzero((lm == aow_m) & t.actief))
    overgangen.wordt_volwassen(model, np.flatnonzero((lm == VOLWASSEN_MAANDEN) & t.actief))


def sterfte_en_vertrek(model: ModelToegang) -> None:
    """Deaths (Gompertz hazard by age) and moves out of the municipality."""
    t, d = model.tabel, model.p.demografie
    lm = t.leeftijd_maanden
    oud = np.flatnonzero(t.actief & (lm >= STERFTE_VANAF * 12))
    sterftekans = sterftekans_per_maand(d.sterfte_80)
    # The chance rises with age, so the oldest resident's chance bounds everyone's.
    doden = gebeurt_begrensd(model.rng, oud, lambda rijen: sterftekans[lm[rijen]],
                             float(sterftekans[lm[oud].max()]) if len(oud) else 0.0)
    # Moves out: mostly young adults; bijstand clients move less (vertrek_factor_bijstand).
    # Age band per resident; weights are relative to their mean.
    n = np.count_nonzero(t.actief)
    boven = [n] + [np.count_nonzero(t.actief & (lm >= g)) for g in VERHUISBANDEN] + [0]
    aantal = -np.diff(boven)
    gewicht = np.asarray(VERHUISGEWICHT)
    gewicht = gewicht / (aantal @ gewicht / n)
    kans = per_maand(d.vertrek_per_jaar) * np.concatenate(
        [gewicht, gewicht * d.vertrek_factor_bijstand])  # index: band + 4 x bijstand

    def vertrekkans(rijen: np.ndarray) -> np.ndarray:
        band = sum((lm[rijen] >= g).astype(np.int8) for g in VERHUISBANDEN)
        return kans[band + 4 * (t.inkomensbron[rijen] == I.BIJSTAND)]

    vertrek = gebeurt_begrensd(model.rng, np.flatnonzero(t.actief), vertrekkans, kans.max())
    weg = uniek(doden, vertrek)
    overgangen.vertrek(model, weg)
    model.tel("overleden", len(doden))
    model.tel("vertrokken", len(weg) - len(doden))


@lru_cache(maxsize=4)
def sterftekans_per_maand(sterfte_80: float) -> np.ndarray:
    """Monthly chance of death indexed by age in months (Gompertz, yearly ``sterfte_80`` at 80).

    A lookup table over every possible ``leeftijd_maanden`` value, so the hazard is evaluated
    once per run instead of once per resident per month.
    """
    leeftijd = np.arange(np.iinfo(np.int16).max + 1) / 12.0
    kans = per_maand(sterfte_per_jaar(sterfte_80, leeftijd))
    kans.flags.writeable = False
    return kans


def geboorte_en_vestiging(model: ModelToegang) -> None:
    """Births and newcomers (mostly young adults who work or study) keep the size stable."""
    t, d = model.tabel, model.p.demografie
    n_act = int(np.count_nonzero(t.actief))
    geboren = int(model.rng.poisson(per_maand(d.geboorte_per_jaar) * n_act))
    uit = model.tellers["overleden"] + model.tellers["vertrokken"]
    vestigers = int(model.rng.poisson(max(0.0, d.vestiging_factor * uit - geboren)))
    rijen = t.voeg_toe(geboren + vestigers)
    k = t.kol
    w = model.config.gemeente.wijken
    k["wijk"][rijen] = model.rng.integers(0, w, size=len(rijen))
    k["geslacht"][rijen] = model.rng.integers(0, 2, size=len(rijen))
    k["motivatie"][rijen] = model.rng.beta(*MOTIVATIE_BETA, size=len(rijen)).astype(np.float32)
    kind, nieuw = rijen[:geboren], rijen[geboren:]
    k["huishouden"][kind] = I.KIND
    k["trede"][kind] = 1
    jong = model.rng.random(len(nieuw)) < AANDEEL_KINDEREN_VESTIGERS
    kinderen, volw = nieuw[jong], nieuw[~jong]
    k["leeftijd_maanden"][kinderen] = model.rng.integers(0, VOLWASSEN_MAANDEN, size=len(kinderen))
    k["huishouden"][kinderen] = I.KIND
    k["trede"][kinderen] = 1
    van, tot = LEEFTIJD_VESTIGERS
    k["leeftijd_maanden"][volw] = model.rng.integers(van * 12, tot * 12, size=len(volw))
    werkt = model.rng.random(len(volw)) < model.p.bevolking.aandeel_werkend
    k["inkomensbron"][volw] = np.where(werkt, I.WERK, I.GEEN)
    k["trede"][volw] = np.where(werkt, 6, 3)
    k["huishouden"][volw] = np.where(model.rng.random(len(volw)) < 1 - AANDEEL_PAAR_VESTIGERS,
                                     I.ALLEENSTAAND, I.PAAR)
    belemmeringen_bevolking(model.tabel, volw, model.p, model.rng)
    model.tel("geboren", geboren)
    model.tel("gevestigd", vestigers)


def levensgebeurtenissen(model: ModelToegang) -> None:
    """Job loss, end of WW, divorce and loss of other support: who becomes entitled to bijstand.

    Compute, then commit: every pool is taken from the income sources at the start of the
    verb, and a resident has at most one income event a month (someone sent to WW cannot also
    find work in the same month, someone who just lost a job cannot also "find work" from no
    income). People with more obstacles run a higher risk (factor 1 + ``risico_per_belemmering``
    per obstacle).
    """
    t, lg, rng = model.tabel, model.p.levensgebeurtenissen, model.rng
    k = t.kol
    volw = model.volwassen()
    bron = t.inkomensbron.copy()  # the state at the start of the verb
    gebeurd = np.zeros(len(bron), dtype=bool)  # had an income event this month

    def risico(rijen: np.ndarray) -> np.ndarray:
        return 1.0 + lg.risico_per_belemmering * I.aantal_bits(t.belemmeringen[rijen])

    hoogste_risico = 1.0 + lg.risico_per_belemmering * len(I.BELEMMERINGEN)

    # Regular workers (not placed from bijstand within the placement window: see arbeidsmarkt).
    werk = np.flatnonzero(volw & (bron == I.WERK) & ((t.werkgever < 0)
                                                    | (t.baan_maanden >= PLAATSINGSVENSTER)))
    naar_ww = gebeurt(rng, werk, lg.baanverlies)
    zonder_ww = gebeurt_begrensd(rng, werk, lambda r: lg.baanverlies_zonder_ww * risico(r),
                                 lg.baanverlies_zonder_ww * hoogste_risico)
    zonder_ww = zonder(zonder_ww, naar_ww)
    # The workers without another event this month (by position in the increasing ``werk``).
    overig = np.ones(len(werk), dtype=bool)
    overig[np.searchsorted(werk, naar_ww)] = False
    overig[np.searchsorted(werk, zonder_ww)] = False
    stoppen = gebeurt(rng, werk[overig], lg.werk_naar_geen)
    # WW: find work or run out of rights.
    ww = np.flatnonzero(volw & (bron == I.WW))
    gevonden = gebeurt(rng, ww, lg.ww_naar_werk)
    k["ww_duur"][ww] -= 1
    op = ww[t.ww_duur[ww] <= 0]
    op = zonder(op, gevonden)
    ww_naar_bijstand = gebeurt(rng, op, lg.bijstand_na_ww)
    # Without income (students, partners, zzp): loss of support or a job.
    geen = np.flatnonzero(volw & (bron == I.GEEN) & ~t.verborgen_recht)
    nood = gebeurt_begrensd(rng, geen, lambda r: lg.geen_naar_bijstand * risico(r),
                            lg.geen_naar_bijstand * hoogste_risico)
    zonder_nood = np.ones(len(geen), dtype=bool)
    zonder_nood[np.searchsorted(geen, nood)] = False
    werk_gevonden = gebeurt(rng, geen[zonder_nood], lg.geen_naar_werk)

    overgangen.naar_ww(model, naar_ww)
    overgangen.aanvragen(model, zonder_ww)
    overgangen.stopt_met_werk(model, stoppen)
    overgangen.vindt_werk(model, gevonden)
    overgangen.ww_afgelopen(model, op)
    overgangen.aanvragen(model, ww_naar_bijstand)
    overgangen.vindt_werk(model, werk_gevonden)
    overgangen.aanvragen(model, nood)
    for rijen in (naar_ww, zonder_ww, stoppen, gevonden, op, werk_gevonden, nood):
        gebeurd[rijen] = True

    # Divorce: couples become single parents or single; those without bijstand and without
    # another event this month may need bijstand.
    paar = np.flatnonzero(volw & (t.huishouden == I.PAAR))
    scheiden = gebeurt(rng, paar, per_maand(lg.scheiding))
    overgangen.scheiden(model, scheiden,
                        rng.random(len(scheiden)) < AANDEEL_SCHEIDING_MET_KINDEREN)
    kan = scheiden[(bron[scheiden] != I.BIJSTAND) & ~gebeurd[scheiden]]
    overgangen.aanvragen(model, gebeurt(rng, kan, lg.bijstand_na_scheiding))


def nieuwe_belemmeringen(model: ModelToegang) -> None:
    """New obstacles arise and old ones resolve, as hazards per adult (18+).

    Bijstand clients run ``risicofactor_bijstand`` times the hazard; prevention lowers it via
    the mechanism ``belemmering_factor``. Fysiek doubles from :data:`FYSIEK_OUDER_VANAF`.
    """
    t, bp, rng = model.tabel, model.p.belemmeringen, model.rng
    namen = I.BELEMMERINGEN
    fysiek = namen.index("fysiek")
    nieuw = (np.array([per_maand(getattr(bp, f"nieuw_{naam}")) for naam in namen])
             * model.mechanismen.belemmering_factor)
    herstel = np.array([per_maand(getattr(bp, f"herstel_{naam}")) for naam in namen])

    def heeft(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        return ((t.belemmeringen[rijen] >> b.astype(np.uint8)) & 1) > 0

    def kans_nieuw(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        factor = np.where(t.inkomensbron[rijen] == I.BIJSTAND, bp.risicofactor_bijstand,
                          np.where((b == fysiek)
                                   & (t.leeftijd_maanden[rijen] >= FYSIEK_OUDER_VANAF * 12),
                                   2.0, 1.0))
        return np.where(heeft(rijen, b), 0.0, nieuw[b] * factor)

    def kans_herstel(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.where(heeft(rijen, b), herstel[b], 0.0)

    # Every (adult, obstacle) pair is an event with its own chance, drawn with a common bound
    # and thinned (toeval.gebeurt_per_soort): the cost follows the events, not the 150,000
    # adults. Both kinds are drawn on the obstacles at the start of the month, then applied.
    volw = np.flatnonzero(t.actief & (t.leeftijd_maanden >= VOLWASSEN_MAANDEN))
    rij_nieuw, b_nieuw = gebeurt_per_soort(
        rng, volw, len(namen), kans_nieuw, nieuw.max() * max(2.0, bp.risicofactor_bijstand))
    rij_herstel, b_herstel = gebeurt_per_soort(rng, volw, len(namen), kans_herstel,
                                               herstel.max())
    overgangen.krijgt_belemmeringen(model, rij_nieuw, (1 << b_nieuw).astype(np.uint8))
    overgangen.los_belemmeringen_op(model, rij_herstel, (1 << b_herstel).astype(np.uint8),
                                    tel=False)
