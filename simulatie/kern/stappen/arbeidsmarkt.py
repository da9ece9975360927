"""Verb 6, arbeidsmarkt: vacancies, matching of bijstand clients, job loss, other outflow.

Employers post vacancies that follow the business cycle; providers' staff turnover adds care
vacancies (landelijk.csv: 15,000 replacement hires a year in thuiszorg). Every bijstand client is
a candidate; each finds a job with chance
``baankans_basis x w x V/V_trend x mean openness`` where the weight ``w`` falls with obstacles and
with each rung below 4 (``trede_rem_baan``),
benefit duration (``EXT:uitstroom_naar_werk_5plus_jaar``: 2% a year after 5 years) and rises with
motivation and a klantmanager (werkgeversbenadering). Hires go to employers in proportion to
vacancies x openness. Clients with a known lasting (fysiek/psychisch) obstacle get
loonkostensubsidie (DOMEIN: LKS only for lasting lower productivity) where the employer applies
it, and a jobcoach in year 1 where the employer admits one. Employers offering a proefplaatsing
raise the chance of the long-term unemployed (DOMEIN: "for others covering risk works better"),
but a share of those trials does not become a job.
Job loss after placement is ``baanverlies_na_plaatsing`` a month during the placement window
of 18 months (``EXT:nog_in_baan_na_18_maanden``, 72%); within ``ww_na_maanden_werk`` there are
no WW rights, so the person applies for bijstand again (:func:`~simulatie.kern.overgangen.
verlies_baan`). Other outflow (partner, study, other benefit) has a monthly hazard,
a share of it without known income ("buiten beeld").
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import overgangen, wiskunde
from simulatie.kern.overgangen import AANBIEDER_WERKGEVER, PLAATSINGSVENSTER
from simulatie.kern.regels import DUUR_REM_MAX, deeltijd_inkomens, met_werkgever
from simulatie.kern.rijen import zonder
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import gebeurt, gebeurt_elk


def arbeidsmarkt(model: ModelToegang) -> None:
    """Vacancies, matching, job loss after placement, and other outflow from bijstand.

    Compute, then commit: job loss after placement applies to those placed before this month
    (a job found this month is not lost in the same month).
    """
    geplaatst = met_werkgever(model)
    vacatures(model)
    matching(model)
    baanverlies_na_plaatsing(model, geplaatst)
    deeltijdwerk(model)
    overige_uitstroom(model)
    model.tabel.kol["uitkeringsduur"][model.bijstand_rijen()] += 1


def vacatures(model: ModelToegang) -> None:
    """Employers draw their vacancies for this month (Poisson around the cycle)."""
    a = model.p.arbeidsmarkt
    for w in model.werkgevers:
        verwacht = w.vacatures_deze_maand(model.maand, a.conjunctuur, a.conjunctuur_amplitude,
                                          a.conjunctuur_periode)
        w.vacatures = int(model.rng.poisson(verwacht))
        w.aangenomen_bijstand = 0
    for aanbieder in model.aanbieders.values():
        aanbieder.vacatures = float(model.rng.poisson(aanbieder.verloop_vacatures()))


def kandidaat_gewicht(model: ModelToegang, rijen: np.ndarray) -> np.ndarray:
    """Employability weight of bijstand candidates (see module docstring)."""
    t, a = model.tabel, model.p.arbeidsmarkt
    n = I.aantal_bits(t.belemmeringen[rijen])
    duur = np.minimum(t.uitkeringsduur[rijen], DUUR_REM_MAX)
    km = np.where(t.klantmanager[rijen] >= 0, a.werkgeversbenadering, 1.0)
    afstand = np.maximum(0, 4 - t.trede[rijen])  # rungs below unpaid work
    # Each factor depends on a small whole number: looked up (wiskunde.exp: the same bits on
    # every CPU, where np.exp differs by the CPU's SIMD kernels).
    return (wiskunde.exp_reeks(a.belemmering_rem_baan, 9)[n]
            * wiskunde.exp_reeks(a.duur_rem, DUUR_REM_MAX + 1)[duur]
            * wiskunde.exp_reeks(a.trede_rem_baan, 4)[afstand] * t.motivatie[rijen] * km)


#: Benefit duration (months) above which a proefplaatsing applies (long-term unemployed).
PROEFPLAATSING_DUUR = 24
#: Highest monthly chance of a job for one candidate (keeps the hazard a probability when the
#: labour market is very tight).
MAX_BAANKANS = 0.5


def matching(model: ModelToegang) -> None:
    """Match bijstand candidates to vacancies; book hires on employers and providers."""
    t, a, rng = model.tabel, model.p.arbeidsmarkt, model.rng
    bij = model.bijstand_rijen()
    kandidaten = bij  # every client; the rung lowers the chance (kandidaat_gewicht)
    if len(kandidaten) == 0:
        return
    trend = sum(w.vacatures_trend for w in model.werkgevers)
    v_werkgevers = np.array([w.vacatures for w in model.werkgevers], dtype=float)
    open_w = np.array([w.openheid for w in model.werkgevers])
    zorg = model.aanbieders["thuiszorg"]
    v_totaal = v_werkgevers.sum() + zorg.vacatures
    gem_open = (v_werkgevers @ open_w + zorg.vacatures * a.openheid) / max(v_totaal, 1e-9)
    druk = v_totaal / max(trend, 1e-9) * gem_open
    m = model.mechanismen
    # Employers (and the thuiszorg provider, last, offering every instrument) hire in
    # proportion to vacancies x openness.
    gewicht = np.append(v_werkgevers * open_w, zorg.vacatures * a.openheid)
    if gewicht.sum() <= 0:
        return
    instrument = {naam: np.append([naam in w.instrumenten for w in model.werkgevers], True)
                  for naam in ("loonkostensubsidie", "jobcoach", "proefplaatsing")}
    # Proefplaatsing covers the employer's risk: long-term unemployed get a better chance.
    pp_aandeel = gewicht[instrument["proefplaatsing"]].sum() / gewicht.sum()
    lang = t.uitkeringsduur[kandidaten] > PROEFPLAATSING_DUUR
    pp = np.where(lang, 1 + (a.proefplaatsing_effect - 1) * pp_aandeel, 1.0)
    p = np.minimum(MAX_BAANKANS, a.baankans_basis * kandidaat_gewicht(model, kandidaten) * druk * pp
                   * m.baankans_factor * np.where(t.sanctie[kandidaten] > 0,
                                                  m.sanctie_baankans, 1.0))
    aangenomen = gebeurt_elk(rng, kandidaten, p)
    if len(aangenomen) == 0:
        return
    wie = rng.choice(len(gewicht), size=len(aangenomen), p=gewicht / gewicht.sum())
    # A share of the trial placements of long-term unemployed does not become a job.
    proef = instrument["proefplaatsing"][wie] & (t.uitkeringsduur[aangenomen]
                                                 > PROEFPLAATSING_DUUR)
    mislukt = proef & (rng.random(len(aangenomen)) < a.proefplaatsing_uitval)
    aangenomen, wie = aangenomen[~mislukt], wie[~mislukt]
    zorgsector = wie == len(model.werkgevers)
    per_werkgever = np.bincount(wie, minlength=len(gewicht)).tolist()
    for w, n in zip(model.werkgevers, per_werkgever, strict=False):  # the last is thuiszorg
        w.aangenomen_bijstand = n
    werkgever = np.where(zorgsector, AANBIEDER_WERKGEVER, wie).astype(np.int16)
    blijvend = (t.bekend[aangenomen] & (I.FYSIEK | I.PSYCHISCH)) > 0
    lks = (blijvend & instrument["loonkostensubsidie"][wie]
           & (rng.random(len(aangenomen)) < a.aandeel_lks))
    overgangen.start_baan(model, aangenomen, werkgever, lks, zorgsector)
    model.tabel.kol["jobcoach"][aangenomen] = lks & instrument["jobcoach"][wie]


def baanverlies_na_plaatsing(model: ModelToegang, geplaatst: np.ndarray | None = None) -> None:
    """Placed ex-clients lose their job with a raised hazard during the placement window.

    Args:
        model: The model.
        geplaatst: Rows of the placed workers to consider (default: all placed now).
    """
    t, a, rng = model.tabel, model.p.arbeidsmarkt, model.rng
    k = t.kol
    if geplaatst is None:
        geplaatst = met_werkgever(model)
    geplaatst = geplaatst[t.baan_maanden[geplaatst] < PLAATSINGSVENSTER]
    kwijt = gebeurt(rng, geplaatst, a.baanverlies_na_plaatsing)
    k["baan_maanden"][geplaatst] += 1
    overgangen.verlies_baan(model, kwijt)
    # Placed people past the window keep their employer but count as regular workers.
    lang = met_werkgever(model)
    lang = lang[t.baan_maanden[lang] >= PLAATSINGSVENSTER]
    k["baan_maanden"][lang] = np.minimum(k["baan_maanden"][lang] + 1, MAX_BAAN_MAANDEN)


#: ``baan_maanden`` stops counting here (int16 column; only "past the window" matters).
MAX_BAAN_MAANDEN = 10_000


def deeltijdwerk(model: ModelToegang) -> None:
    """Part-time work besides bijstand (rung 5, earnings deducted): starts on rung 4, stops.

    The start chance is derived at the build (:func:`simulatie.kern.bevolking.deeltijd_start`)
    so that the share of part-timers holds.
    """
    t, b, rng = model.tabel, model.p.bevolking, model.rng
    bij = model.bijstand_rijen()
    trede = t.trede[bij]
    start = gebeurt(rng, bij[trede == 4], model.afgeleid["deeltijd_start"])
    stop = gebeurt(rng, bij[(trede == 5) & (t.deeltijd_inkomen[bij] > 0)], b.deeltijd_einde)
    overgangen.start_deeltijd(model, start, deeltijd_inkomens(rng, len(start),
                                                              b.deeltijd_inkomen))
    overgangen.stop_deeltijd(model, stop)


def overige_uitstroom(model: ModelToegang) -> None:
    """Outflow for other reasons; twice as likely in the first year of a spell.

    The partner's income, one of the other reasons, is a route of its own in verb demografie;
    ``afgeleid["uitstroom_overig_factor"]`` leaves room for it
    (:func:`simulatie.kern.bevolking.partnerroute`).
    """
    t, a, rng = model.tabel, model.p.arbeidsmarkt, model.rng
    bij = model.bijstand_rijen()
    kort = t.uitkeringsduur[bij] < 12
    # The partner route (verb demografie) has its share taken out at month 0.
    p = (a.uitstroom_overig * model.mechanismen.uitstroom_overig_factor
         * model.afgeleid["uitstroom_overig_factor"])
    weg = np.concatenate([gebeurt(rng, bij[kort], 2 * p), gebeurt(rng, bij[~kort], p)])
    onbekend = gebeurt(rng, weg, a.aandeel_onbekend)
    overgangen.uit_bijstand(model, zonder(weg, onbekend), "overig")
    overgangen.uit_bijstand(model, onbekend, "buiten_beeld")
