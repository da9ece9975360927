"""Verb 1, demografie: ageing, AOW, deaths, births, migration, life events and new obstacles.

Households stay whole through every change (:mod:`simulatie.kern.huishoudens`): children at
home aged 18+ leave for a household of their own (``uit_huis_per_jaar``); a newborn joins its
mother's household; a resident who moves out is replaced by a newcomer who takes its place in
the household; after deaths and moves without replacement the households are repaired
(:func:`~simulatie.kern.huishoudens.herstel`); a divorce splits the couple's household; new
couples keep the number of partners at each age where month 0 has it
(:func:`~simulatie.kern.huishoudens.samenwonen`). Household draws whose number depends on the
state (custody, children without an adult, mothers, new couples) come from a generator seeded
by one draw of the verb's stream (:func:`huishoud_rng`), so the verb's other draws stay aligned
across the arms of a comparison (common random numbers).

Sources: mortality, births and migration from CBS (``data/aanvullend.csv``); life events that
feed bijstand (job loss, end of WW, divorce, loss of other support) are hazards whose relative
weights are parameters and whose level is anchored to the municipality's own stock at the build
(``afgeleid["bijstand_instroomfactor"]``, ``instroom_nieuw_per_jaar``);
new obstacles are hazards that prevention can lower (mechanism ``belemmering_factor``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from agenten import inwoners as I
from simulatie.kern import huishoudens as H
from simulatie.kern import overgangen
from simulatie.kern.bevolking import (
    AWBZ_GEWICHT,
    FYSIEK_OUDER_VANAF,
    MOTIVATIE_BETA,
    awbz_gewicht,
    kan_wajong,
    kan_wsw,
)
from simulatie.kern.huishoudens import andere_leden
from simulatie.kern.ladder import STUDIE_TOT, steun
from simulatie.kern.overgangen import (
    GEEN_WERKGEVER,
    PLAATSINGSVENSTER,
    VOLWASSEN_MAANDEN,
    armoede,
)
from simulatie.kern.regels import (
    deeltijd_inkomens,
    inkomensrisico,
    sterfte_per_jaar,
    verreken_partnerinkomen,
)
from simulatie.kern.rijen import bevat, uniek, zonder
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import (
    gebeurt,
    gebeurt_begrensd,
    gebeurt_per_soort,
    gebeurt_waar,
    per_maand,
)

#: Relative chance to move out for ages 0-17, 18-34, 35-66, 67+ (CBS: movers are mostly young
#: adults; children move with their parents; the elderly rarely move away).
VERHUISGEWICHT = (0.6, 3.0, 0.8, 0.2)
#: Lower bounds (months) of the age bands of :data:`VERHUISGEWICHT` after the first.
VERHUISBANDEN = (18 * 12, 35 * 12, 67 * 12)
#: Age (years) below which mortality is negligible for this model (< 0.3% a year).
STERFTE_VANAF = 50
#: Ages (months) of the women who can have a child: 18 to 44 (CBS: few births outside them).
MOEDER_LEEFTIJD = (18 * 12, 45 * 12)


def demografie(model: ModelToegang) -> None:
    """Run the demographic and life-event part of one month."""
    rng_h = huishoud_rng(model)
    veroudering(model)
    verlaten = [uit_huis(model), sterfte_en_vertrek(model), geboorte_en_balans(model, rng_h)]
    levensgebeurtenissen(model, np.concatenate(verlaten), rng_h)
    if model.maand % H.PAREN_ELKE_MAANDEN == 0:
        H.samenwonen(model, model.partnerprofiel, rng_h)
    regelingen(model)
    nieuwe_belemmeringen(model)


def veroudering(model: ModelToegang) -> None:
    """Everyone ages a month; at pension age income becomes AOW; at 18 adult life starts.

    At :data:`~simulatie.kern.ladder.STUDIE_TOT` the rung is taken from the situation again
    (no longer in education).
    """
    t = model.tabel
    lm = t.leeftijd_maanden
    lm += 1
    aow_m = model.p.demografie.aow_leeftijd * 12
    studie_m = STUDIE_TOT * 12
    jarig = np.flatnonzero(((lm == VOLWASSEN_MAANDEN) | (lm == studie_m) | (lm == aow_m))
                           & t.actief)
    leeftijd = lm[jarig]
    overgangen.naar_aow(model, jarig[leeftijd == aow_m])
    partner_krijgt_aow(model, jarig[leeftijd == aow_m])
    overgangen.wordt_volwassen(model, jarig[leeftijd == VOLWASSEN_MAANDEN])
    # Young adults without income count as in education until STUDIE_TOT (ladder): then
    # their rung follows their situation.
    overgangen.volg_situatie(model, jarig[leeftijd == studie_m])


def huishoud_rng(model: ModelToegang) -> np.random.Generator:
    """A generator for this month's household draws, seeded by one draw of the verb's stream.

    Its draws do not shift the verb's stream, however many the state asks for.
    """
    return np.random.Generator(np.random.PCG64(int(model.rng.integers(2**63))))


def herstel_huishoudens(model: ModelToegang, huishoudens: np.ndarray, rng: np.random.Generator,
                        alle: np.ndarray | None = None) -> None:
    """Repair households that lost members; children without an adult who leave are counted.

    See :func:`simulatie.kern.huishoudens.herstel` (``alle``: rows that include the members).
    """
    if len(huishoudens) == 0:
        return
    weg = H.herstel(model, huishoudens, rng, alle)
    if len(weg):
        overgangen.vertrek(model, weg)
        model.tel("vertrokken", len(weg))


def uit_huis(model: ModelToegang) -> np.ndarray:
    """Children at home aged 18+ leave home for a one-person household (``uit_huis_per_jaar``).

    Returns:
        The households they left (repaired later in the month: :func:`herstel_huishoudens`).
    """
    t = model.tabel
    gaan = gebeurt_waar(model.rng, len(t),
                        lambda r: t.actief[r] & (t.huishouden[r] == I.KIND)
                        & (t.leeftijd_maanden[r] >= VOLWASSEN_MAANDEN),
                        per_maand(model.p.demografie.uit_huis_per_jaar))
    oud = t.huishouden_id[gaan].copy()
    overgangen.gaat_uit_huis(model, gaan)
    return oud


def sterfte_en_vertrek(model: ModelToegang) -> np.ndarray:
    """Deaths (Gompertz hazard by age) and moves out, each mover replaced by a newcomer.

    Migration is an exchange: every resident who moves out is replaced by a newcomer of the
    same age and situation (:func:`~simulatie.kern.overgangen.vestig_als`), so moving renews
    the people without changing the composition of the municipality (no net migration unless
    a scenario declares it). Movers are mostly young adults; bijstand clients move less
    (``vertrek_factor_bijstand``). People, not households, move: the newcomer takes the
    mover's place in its household (a simplification: a household never moves as a whole).

    Returns:
        The households of the dead (repaired later in the month: :func:`herstel_huishoudens`).
    """
    t, d = model.tabel, model.p.demografie
    lm, actief = t.leeftijd_maanden, t.actief
    sterftekans = sterftekans_per_maand(d.sterfte_80)

    def doodskans(rijen: np.ndarray) -> np.ndarray:
        return np.where(actief[rijen] & (lm[rijen] >= STERFTE_VANAF * 12),
                        sterftekans[lm[rijen]], 0.0)

    # The chance rises with age, so the oldest row's chance bounds everyone's.
    doden = gebeurt_begrensd(model.rng, len(t), doodskans,
                             float(sterftekans[lm.max()]) if len(t) else 0.0)
    kans = verhuiskansen(model)

    def vertrekkans(rijen: np.ndarray) -> np.ndarray:
        band = verhuisband(lm[rijen])
        return np.where(actief[rijen], kans[band + 4 * (t.inkomensbron[rijen] == I.BIJSTAND)],
                        0.0)

    vertrek = gebeurt_begrensd(model.rng, len(t), vertrekkans, kans.max())
    vertrek = zonder(vertrek, doden)
    overgangen.vertrek(model, uniek(doden, vertrek))
    model.tel("overleden", len(doden))
    model.tel("vertrokken", len(vertrek))
    model.tel("gevestigd", len(overgangen.vestig_als(model, vertrek)))
    return t.huishouden_id[doden]


def verhuiskansen(model: ModelToegang) -> np.ndarray:
    """Monthly chance to move out by age band, without and with bijstand.

    The yearly ``vertrek_per_jaar`` spread over the age bands by :data:`VERHUISGEWICHT`
    (weights relative to their mean over the active residents), bijstand clients times
    ``vertrek_factor_bijstand``, at most 1.

    Returns:
        Eight chances, indexed by :func:`verhuisband` + 4 x (in bijstand).
    """
    t, d = model.tabel, model.p.demografie
    lm = t.leeftijd_maanden
    # Age band per resident; weights are relative to their mean.
    n = np.count_nonzero(t.actief)
    boven = [n] + [np.count_nonzero(t.actief & (lm >= g)) for g in VERHUISBANDEN] + [0]
    aantal = -np.diff(boven)
    gewicht = np.asarray(VERHUISGEWICHT)
    gewicht = gewicht / (aantal @ gewicht / n)
    # A band's weight above the mean can lift a high yearly rate past certainty: capped at 1
    # (the power of a negative survival would be undefined).
    return np.minimum(1.0, per_maand(d.vertrek_per_jaar) * np.concatenate(
        [gewicht, gewicht * d.vertrek_factor_bijstand]))


def verhuisband(leeftijd_maanden: np.ndarray) -> np.ndarray:
    """Age band (index into :data:`VERHUISGEWICHT`) of each age in months."""
    return np.searchsorted(VERHUISBANDEN, leeftijd_maanden, side="right")


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


def geboorte_en_balans(model: ModelToegang,
                       rng_h: np.random.Generator | None = None) -> np.ndarray:
    """Births, then the age structure of month 0 kept: the municipality does not age.

    After ageing, deaths and births, each year of age has a few residents more or fewer than
    the month-0 profile (smoothed over five years). Each month a twelfth of the gap is closed:
    those missing come as newcomers resembling random residents of that age, those in excess
    move out at random (balancing migration, composition-neutral in expectation; bijstand
    clients take no part). Ageing of the population is a trend a scenario has to declare;
    without it every age-dependent stock (AOW, Wmo, AWBZ) stays anchored to month 0.
    A newborn joins its mother's household and wijk (:func:`_moeders`); newcomers are housed by
    :func:`_huisvest`.

    Returns:
        The households of those who moved out (repaired later in the month:
        :func:`herstel_huishoudens`).
    """
    t, d, rng = model.tabel, model.p.demografie, model.rng
    n_act = int(np.count_nonzero(t.actief))
    moeders = _moeders(model, int(rng.poisson(per_maand(d.geboorte_per_jaar) * n_act)),
                       rng if rng_h is None else rng_h)
    geboren = len(moeders)
    rijen = t.voeg_toe(geboren)
    k = t.kol
    k["wijk"][rijen] = k["wijk"][moeders]
    k["huishouden_id"][rijen] = k["huishouden_id"][moeders]
    k["geslacht"][rijen] = rng.integers(0, 2, size=geboren)
    k["motivatie"][rijen] = rng.beta(*MOTIVATIE_BETA, size=geboren).astype(np.float32)
    k["huishouden"][rijen] = I.KIND
    model.tel("geboren", geboren)

    profiel = model.leeftijdsprofiel
    laatste = len(profiel) - 1
    jaar = np.minimum(t.leeftijd_maanden // 12, laatste)
    # Residents by year of age; departed rows counted in a second block that is dropped.
    alle = np.bincount(jaar + (laatste + 1) * ~t.actief, minlength=2 * (laatste + 1))[
        :laatste + 1]
    # A twelfth of the gap a month, rounded at random: the profile holds within noise without
    # exchanging residents every month for the noise of each year of age.
    gat = (profiel - alle) / 12.0
    verschil = np.floor(gat).astype(np.int64)
    verschil += rng.random(len(gat)) < gat - verschil
    if not verschil.any():
        return np.zeros(0, dtype=np.int32)
    # Bijstand clients are left out: their deaths and ageing are outflows the inflow anchor
    # accounts for (movers among them are replaced in sterfte_en_vertrek).
    kan = np.flatnonzero(t.actief & (t.inkomensbron != I.BIJSTAND))
    bij, weg = _balans_kiezen(rng, kan, jaar, verschil)
    # Newcomers first, while the households of their examples are as they were; then the moves
    # out (newcomers who joined a household they leave are repaired with it).
    if len(bij):
        nieuw = overgangen.vestig_als(model, bij)
        _huisvest(model, nieuw)
        model.tel("gevestigd", len(nieuw))
    if len(weg):
        overgangen.vertrek(model, weg)
        model.tel("vertrokken", len(weg))
    return t.huishouden_id[weg]


def _moeders(model: ModelToegang, aantal: int, rng: np.random.Generator) -> np.ndarray:
    """Mothers of ``aantal`` newborns: random women aged 18-44 who are a partner or a parent.

    Drawn with replacement (twins are possible) by rejection from random rows, so the table is
    not scanned; a woman who lives alone or at her parents' has no child in the model (her
    household would change type, a simplification).
    """
    if aantal == 0:
        return np.zeros(0, dtype=np.int64)
    t = model.tabel

    def kan(r: np.ndarray) -> np.ndarray:
        lm, rol = t.leeftijd_maanden[r], t.huishouden[r]
        return (t.actief[r] & (t.geslacht[r] == 1) & (lm >= MOEDER_LEEFTIJD[0])
                & (lm < MOEDER_LEEFTIJD[1]) & ((rol == I.PAAR) | (rol == I.ALLEENSTAANDE_OUDER)))

    for _ in range(3):
        kandidaat = rng.integers(0, len(t), size=40 * aantal + 100)
        goed = kandidaat[kan(kandidaat)]
        if len(goed) >= aantal:
            return goed[:aantal]
    alle = np.flatnonzero(kan(np.arange(len(t))))
    return rng.choice(alle, size=aantal) if len(alle) else alle


def _huisvest(model: ModelToegang, nieuw: np.ndarray) -> None:
    """Households of newcomers who resemble residents (age balancing).

    A newcomer resembling a child at home joins that child's household (a sibling); any other
    newcomer arrives alone, in a household of its own (one resembling a partner or a single
    parent lives alone: couples come about by :func:`~simulatie.kern.huishoudens.samenwonen`).
    """
    t = model.tabel
    alleen = nieuw[t.huishouden[nieuw] != I.KIND]
    H.nieuw_huishouden(t, alleen)
    t.kol["huishouden"][alleen] = I.ALLEENSTAAND


def _balans_kiezen(rng: np.random.Generator, kan: np.ndarray, jaar: np.ndarray,
                   verschil: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Residents to copy (years short) and to move out (years in excess), drawn at random.

    One random sample of distinct residents, grouped by year of age in a random order, serves every
    year: the first ``-verschil`` of a year in excess move out (without replacement), newcomers
    of a year short copy residents drawn with replacement. Years the sample covers too thinly
    are drawn from all their residents.

    Args:
        rng: The model's generator.
        kan: Rows that may be copied or move out.
        jaar: Year of age of every row of the table.
        verschil: Residents to add (> 0) or remove (< 0) per year of age.

    Returns:
        Rows to copy (with repeats) and distinct rows to move out.
    """
    # Distinct residents in random order; a stable sort by year keeps that order per year.
    steekproef = kan[rng.choice(len(kan), size=min(len(kan), 40 * int(np.abs(verschil).sum())),
                                replace=False)]
    steekproef_jaar = jaar[steekproef]
    volgorde = np.argsort(steekproef_jaar, kind="stable")
    steekproef = steekproef[volgorde]
    begin = np.searchsorted(steekproef_jaar[volgorde], np.arange(len(verschil) + 1))
    beschikbaar = np.diff(begin)
    aantal = np.abs(verschil)
    dun = (beschikbaar < aantal) & (aantal > 0)
    # Years in excess: the first of each year's random order.
    teveel = np.flatnonzero((verschil < 0) & ~dun)
    weg = [steekproef[_reeksen(begin[teveel], aantal[teveel])]]
    # Years short: with replacement from each year's residents.
    tekort = np.flatnonzero((verschil > 0) & ~dun)
    herhaal = np.repeat(tekort, aantal[tekort])
    bij = [steekproef[begin[herhaal] + (rng.random(len(herhaal))
                                         * beschikbaar[herhaal]).astype(np.int64)]]
    for j in np.flatnonzero(dun):
        kandidaten = kan[jaar[kan] == j]
        if len(kandidaten) == 0:
            continue
        if verschil[j] > 0:
            bij.append(rng.choice(kandidaten, size=int(aantal[j])))
        else:
            weg.append(rng.choice(kandidaten, size=min(int(aantal[j]), len(kandidaten)),
                                  replace=False))
    return np.concatenate(bij), uniek(*weg)


def _reeksen(begin: np.ndarray, lengte: np.ndarray) -> np.ndarray:
    """Concatenated ranges ``begin[i] .. begin[i] + lengte[i] - 1``."""
    totaal = int(lengte.sum())
    if totaal == 0:
        return np.zeros(0, dtype=np.int64)
    start = np.repeat(begin - np.cumsum(lengte) + lengte, lengte)
    return start + np.arange(totaal)


def levensgebeurtenissen(model: ModelToegang, verlaten: np.ndarray | None = None,
                         rng_h: np.random.Generator | None = None) -> None:
    """Job loss, end of WW, divorce and loss of other support: who becomes entitled to bijstand.

    The households members left earlier in the month (``verlaten``) are repaired just before
    the divorces (:func:`herstel_huishoudens`), with one look-up of the members of both.

    Compute, then commit: every pool is taken from the income sources at the start of the
    verb, and a resident has at most one income event a month (someone sent to WW cannot also
    find work in the same month, someone who just lost a job cannot also "find work" from no
    income). People with more obstacles run a higher risk (factor 1 + ``risico_per_belemmering``
    per obstacle).
    """
    t, lg, rng = model.tabel, model.p.levensgebeurtenissen, model.rng
    k = t.kol
    n = len(t)
    aow_m = model.p.demografie.aow_leeftijd * 12
    bron = t.inkomensbron.copy()  # the state at the start of the verb

    # Pools as conditions on rows: the rare events are drawn over the table and only their
    # candidates are tested (toeval.gebeurt_waar), not every resident.
    def volw(r: np.ndarray) -> np.ndarray:
        lm = t.leeftijd_maanden[r]
        return t.actief[r] & (lm >= VOLWASSEN_MAANDEN) & (lm < aow_m)

    def in_werk(r: np.ndarray) -> np.ndarray:
        return (volw(r) & (bron[r] == I.WERK)
                & ((t.werkgever[r] == GEEN_WERKGEVER)
                   | (t.baan_maanden[r] >= PLAATSINGSVENSTER)))

    def zonder_inkomen(r: np.ndarray) -> np.ndarray:
        return volw(r) & (bron[r] == I.GEEN) & ~t.verborgen_recht[r]
    # The routes into bijstand at the level anchored to the municipality's stock.
    kappa = model.afgeleid["bijstand_instroomfactor"]
    zonder_ww_kans = min(1.0, kappa * lg.baanverlies_zonder_ww)
    na_ww_kans = min(1.0, kappa * lg.bijstand_na_ww)
    geen_kans = min(1.0, kappa * lg.geen_naar_bijstand)
    scheiding_kans = min(1.0, kappa * lg.bijstand_na_scheiding)
    gebeurd = np.zeros(len(bron), dtype=bool)  # had an income event this month

    def risico(rijen: np.ndarray) -> np.ndarray:
        return inkomensrisico(t, rijen, model.p)

    hoogste_risico = 1.0 + lg.risico_per_belemmering * (
        len(I.BELEMMERINGEN) + lg.risicogewicht_taal + lg.risicogewicht_naasten - 2.0)

    def begrensd(kans: float, pool: Callable[[np.ndarray], np.ndarray]) -> tuple:
        grens = min(1.0, kans * hoogste_risico)
        return (lambda r: np.where(pool(r), np.minimum(grens, kans * risico(r)), 0.0)), grens

    # Regular workers (not placed from bijstand within the placement window: see arbeidsmarkt).
    naar_ww = gebeurt_waar(rng, n, in_werk, lg.baanverlies)
    zonder_ww = gebeurt_begrensd(rng, n, *begrensd(zonder_ww_kans, in_werk))
    zonder_ww = zonder(zonder_ww, naar_ww)
    # The workers without another event this month.
    al = uniek(naar_ww, zonder_ww)
    stoppen = gebeurt_waar(rng, n, lambda r: in_werk(r) & ~bevat(al, r),
                           model.afgeleid["werk_naar_geen"])
    # WW: find work or run out of rights.
    ww = np.flatnonzero(bron == I.WW)
    ww = ww[volw(ww)]
    gevonden = gebeurt(rng, ww, lg.ww_naar_werk)
    k["ww_duur"][ww] -= 1
    op = ww[t.ww_duur[ww] <= 0]
    op = zonder(op, gevonden)
    ww_naar_bijstand = gebeurt(rng, op, na_ww_kans)
    # Without income (students, partners, zzp): loss of support or a job. Those out of view
    # are entitled already (they may apply again: verb signaleren) but can find work.
    nood = gebeurt_begrensd(rng, n, *begrensd(
        geen_kans, lambda r: zonder_inkomen(r) & ~t.uit_beeld[r]))
    werk_gevonden = gebeurt_waar(rng, n, lambda r: zonder_inkomen(r) & ~bevat(nood, r),
                                 min(1.0, lg.geen_naar_werk
                                     + model.afgeleid["geen_naar_werk_extra"]))

    overgangen.naar_ww(model, naar_ww)
    overgangen.aanvragen(model, zonder_ww)
    overgangen.stopt_met_werk(model, stoppen)
    overgangen.vindt_werk(model, gevonden)
    overgangen.ww_afgelopen(model, op)
    overgangen.aanvragen(model, ww_naar_bijstand)
    overgangen.vindt_werk(model, werk_gevonden)
    overgangen.aanvragen(model, nood)
    partner_vindt_werk(model, uniek(gevonden, werk_gevonden))
    for rijen in (naar_ww, zonder_ww, stoppen, gevonden, op, werk_gevonden, nood):
        gebeurd[rijen] = True

    # Divorce: couples split (``scheiding`` a year per couple: each partner aged 18 to pension
    # age is drawn with half of it); the partner with the children becomes a single parent.
    # Those without an income of their own (and without another event this month) may need
    # bijstand. Who works or has a benefit keeps it.
    getrokken = gebeurt_waar(rng, n, lambda r: volw(r) & (t.huishouden[r] == I.PAAR),
                             per_maand(lg.scheiding) / 2)
    verlaten = np.zeros(0, dtype=np.int32) if verlaten is None else verlaten
    alle = H.leden(t, np.concatenate([verlaten, t.huishouden_id[getrokken]]))
    rng_h = rng if rng_h is None else rng_h
    herstel_huishoudens(model, verlaten, rng_h, alle)
    scheiden = _scheidingen(model, getrokken, alle[t.actief[alle]], rng_h)
    kan = scheiden[(bron[scheiden] == I.GEEN) & ~t.verborgen_recht[scheiden]
                   & ~t.uit_beeld[scheiden] & ~gebeurd[scheiden]]
    overgangen.aanvragen(model, gebeurt(rng, kan, scheiding_kans))


def _scheidingen(model: ModelToegang, getrokken: np.ndarray, leden: np.ndarray,
                 rng: np.random.Generator) -> np.ndarray:
    """Split the couples of the drawn partners (``leden``: rows including their households).

    The children stay with their mother with chance ``aandeel_vrouw_alleenstaande_ouder``
    (with either partner at even chance in a same-sex couple).

    Returns:
        The rows of both partners (increasing).
    """
    t = model.tabel
    partner = H.partners(t, getrokken, leden)
    a, b = getrokken[partner >= 0], partner[partner >= 0]
    _, eerste = np.unique(t.huishouden_id[a], return_index=True)  # one split per couple
    a, b = a[eerste], b[eerste]
    kinderen = leden[t.huishouden[leden] == I.KIND]
    met_kinderen = H.in_huishoudens(t, a, t.huishouden_id[kinderen])
    vrouw_a, vrouw_b = t.geslacht[a] == 1, t.geslacht[b] == 1
    moeder = rng.random(len(a)) < model.p.bevolking.aandeel_vrouw_alleenstaande_ouder
    a_blijft = np.where(vrouw_a != vrouw_b, vrouw_a == moeder, rng.random(len(a)) < 0.5)
    blijft, gaat = np.where(a_blijft, a, b), np.where(a_blijft, b, a)
    overgangen.scheiden(model, blijft, gaat, met_kinderen)
    return np.sort(np.concatenate([blijft, gaat]))


def regelingen(model: ModelToegang) -> None:
    """Entry into and exit from Wajong, Wsw and AWBZ extramural care.

    The entry hazards are derived at the build from the key figures (the rate whose stationary
    stock is the key figure, :mod:`simulatie.kern.evenwicht`), so without a declared trend the
    stocks stay where they start. Wajong: young adults (18 to :data:`WAJONG_TOT`) without a
    benefit; Wsw: adults up to :data:`WSW_TOT` without a scheme, who leave for a regular job with
    ``wsw_uitstroom``; AWBZ: everyone, weighted by age and disability, ending with
    ``awbz_einde``. Under the declared trend ``participatiewet`` (2015) the Wsw is closed to new
    entrants and only ``wajong_na_2015`` of the Wajong entrants still qualify; the others
    become entitled to bijstand.
    """
    t, rng, b = model.tabel, model.rng, model.p.bevolking
    a = model.afgeleid
    bron = t.inkomensbron
    participatiewet = model.trend_actief("participatiewet")
    # Wajong: young adults without a benefit.
    wajong = gebeurt_waar(rng, len(t), lambda r: kan_wajong(t, r), a["wajong_instroom"])
    if participatiewet:
        blijft = rng.random(len(wajong)) < model.config.trends.wajong_na_2015
        overgangen.aanvragen(model, wajong[~blijft & (bron[wajong] == I.GEEN)])
        wajong = wajong[blijft]
    overgangen.naar_wajong(model, wajong)
    # Earnings beside the Wajong for the same share of entrants as of the month-0 stock, so
    # that the share holds as the stock renews (without it, it fell by a quarter in ten years).
    werkt = wajong[rng.random(len(wajong)) < b.aandeel_wajong_werkend]
    overgangen.start_deeltijd(model, werkt, deeltijd_inkomens(rng, len(werkt),
                                                               b.deeltijd_inkomen))
    # Wsw: adults without a scheme; outflow to regular work.
    wsw = gebeurt_waar(rng, len(t), lambda r: kan_wsw(t, r), a["wsw_instroom"])
    if participatiewet:
        overgangen.aanvragen(model, wsw[bron[wsw] == I.GEEN])
        wsw = wsw[:0]
    overgangen.uit_wsw(model, gebeurt_waar(rng, len(t),
                                           lambda r: t.actief[r] & (bron[r] == I.WSW),
                                           per_maand(b.wsw_uitstroom)))
    overgangen.naar_wsw(model, wsw)
    # AWBZ extramural care: entry weighted by age and disability, and its end.
    einde = gebeurt_waar(rng, len(t), lambda r: t.actief[r] & t.awbz_extramuraal[r],
                         per_maand(b.awbz_einde))
    aow = model.p.demografie.aow_leeftijd
    nieuw = gebeurt_begrensd(
        rng, len(t),
        lambda r: np.where(t.actief[r] & ~t.awbz_extramuraal[r],
                           a["awbz_instroom"] * awbz_gewicht(t, r, aow), 0.0),
        a["awbz_instroom"] * max(AWBZ_GEWICHT))
    overgangen.einde_awbz(model, einde)
    overgangen.start_awbz(model, nieuw)


def nieuwe_belemmeringen(model: ModelToegang) -> None:
    """New obstacles arise and old ones resolve, as hazards per adult (18+).

    People in poverty (bijstand, entitled non-takers, out of view without income) run
    ``risicofactor_bijstand`` times the hazard (DOMEIN: poverty raises the risk); bijstand
    clients without guidance (no diagnosing klantmanager and no service, e.g. parked) run
    ``risico_zonder_begeleiding`` times it for psychisch and isolement (DIV13: without
    long-term guidance problems return); prevention lowers every hazard via the mechanism
    ``belemmering_factor``. Fysiek doubles from :data:`FYSIEK_OUDER_VANAF`.

    Care for relatives is tied to the household (:func:`naasten_factoren`): it arises
    ``risico_zorgvrager`` times as often where another member needs care, and resolves
    ``ontlasting`` times as fast where another member's care is provided.
    """
    t, bp, rng = model.tabel, model.p.belemmeringen, model.rng
    namen = I.BELEMMERINGEN
    fysiek = namen.index("fysiek")
    nieuw = (np.array([per_maand(getattr(bp, f"nieuw_{naam}")) for naam in namen])
             * model.mechanismen.belemmering_factor)
    herstel = np.array([per_maand(getattr(bp, f"herstel_{naam}")) for naam in namen])
    naasten = namen.index("zorg_voor_naasten")
    kinderen = float(per_maand(bp.herstel_zorg_kinderen))
    zorg = H.zorg_in_huishouden(t)
    f_nieuw, f_herstel = naasten_factoren(model)

    def heeft(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        return ((t.belemmeringen[rijen] >> b.astype(np.uint8)) & 1) > 0

    zelf = np.array([naam in ("psychisch", "sociaal_isolement") for naam in namen])

    def volwassen(rijen: np.ndarray) -> np.ndarray:
        return t.actief[rijen] & (t.leeftijd_maanden[rijen] >= VOLWASSEN_MAANDEN)

    def kans_nieuw(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        arm = armoede(t, rijen)
        factor = (np.where(arm, bp.risicofactor_bijstand, 1.0)
                  * np.where((b == fysiek)
                             & (t.leeftijd_maanden[rijen] >= FYSIEK_OUDER_VANAF * 12), 2.0, 1.0))
        los = (zelf[b] & (t.inkomensbron[rijen] == I.BIJSTAND)) & ~steun(model, rijen)
        factor = np.where(los, factor * bp.risico_zonder_begeleiding, factor)
        zorgt = np.flatnonzero(b == naasten)  # the household only matters for this kind
        factor[zorgt] *= f_nieuw[andere_leden(t, rijen[zorgt], zorg)[0].astype(np.int64)]
        return np.where(heeft(rijen, b) | ~volwassen(rijen), 0.0, nieuw[b] * factor)

    def kans_herstel(rijen: np.ndarray, b: np.ndarray) -> np.ndarray:
        # A single parent's care for the children ends as the children grow up.
        ouder = (b == naasten) & (t.huishouden[rijen] == I.ALLEENSTAANDE_OUDER)
        eigen = herstel[b]
        zorgt = np.flatnonzero(b == naasten)
        eigen[zorgt] *= f_herstel[andere_leden(t, rijen[zorgt], zorg)[1].astype(np.int64)]
        return np.where(heeft(rijen, b) & volwassen(rijen), np.where(ouder, kinderen, eigen), 0.0)

    # Every (adult, obstacle) pair is an event with its own chance, drawn with a common bound
    # and thinned (toeval.gebeurt_per_soort): the cost follows the events, not the 150,000
    # adults. Both kinds are drawn on the obstacles at the start of the month, then applied.
    rij_nieuw, b_nieuw = gebeurt_per_soort(
        rng, len(t), len(namen), kans_nieuw,
        max(nieuw.max() * 2.0 * max(1.0, bp.risicofactor_bijstand * bp.risico_zonder_begeleiding),
            nieuw[naasten] * max(1.0, bp.risicofactor_bijstand) * f_nieuw.max()))
    rij_herstel, b_herstel = gebeurt_per_soort(
        rng, len(t), len(namen), kans_herstel,
        max(herstel.max(), herstel[naasten] * f_herstel.max(), kinderen))
    overgangen.krijgt_belemmeringen(model, rij_nieuw, (1 << b_nieuw).astype(np.uint8))
    overgangen.los_belemmeringen_op(model, rij_herstel, (1 << b_herstel).astype(np.uint8),
                                    tel=False)


def naasten_factoren(model: ModelToegang) -> tuple[np.ndarray, np.ndarray]:
    """Multipliers on the new and resolving hazards of care for relatives, by the household.

    Returns:
        ``(nieuw, herstel)``, each indexed 0 or 1: the factor on the new hazard without and with
        another member who needs care, and on the resolving hazard without and with another
        member whose care is provided. Their base (index 0) is derived at month 0
        (:func:`initialiseer_naasten`).
    """
    bp, a = model.p.belemmeringen, model.afgeleid
    return (np.array([1.0, bp.risico_zorgvrager]) * a["naasten_nieuw"],
            np.array([1.0, bp.ontlasting]) * a["naasten_herstel"])


def initialiseer_naasten(model: ModelToegang) -> None:
    """Month 0: the base of the household-tied hazards of care for relatives.

    ``risico_zorgvrager`` and ``ontlasting`` move care for relatives to households where a
    member needs care, not up or down: the base factors are set so that, over the adults of
    month 0, the mean new hazard stays ``nieuw_zorg_voor_naasten`` and the mean resolving
    hazard of carers (single parents' care for the children aside) stays
    ``herstel_zorg_voor_naasten``. No draws.
    """
    t, bp = model.tabel, model.p.belemmeringen
    volw = np.flatnonzero(t.actief & (t.leeftijd_maanden >= VOLWASSEN_MAANDEN))
    vraag, verzorgd = andere_leden(t, volw, H.zorg_in_huishouden(t))
    zorgt = (t.belemmeringen[volw] & I.NAASTEN) > 0
    carers = zorgt & (t.huishouden[volw] != I.ALLEENSTAANDE_OUDER)
    n_zonder, n_carers = int((~zorgt).sum()), int(carers.sum())
    model.afgeleid["naasten_nieuw"] = (
        n_zonder / (n_zonder + (bp.risico_zorgvrager - 1.0) * int((vraag & ~zorgt).sum()))
        if n_zonder else 1.0)
    model.afgeleid["naasten_herstel"] = (
        n_carers / (n_carers + (bp.ontlasting - 1.0) * int((verzorgd & carers).sum()))
        if n_carers else 1.0)


def partner_krijgt_aow(model: ModelToegang, gepensioneerd: np.ndarray) -> None:
    """The partner of a recipient reaches pension age: the AOW is netted from the benefit.

    The AOW of one partner stays below the couple's norm, so the household keeps a
    supplementary benefit, less the partner's income (Participatiewet art. 31-32,
    :func:`~simulatie.kern.regels.verreken_partnerinkomen`), where nothing was netted before.

    Args:
        model: The model.
        gepensioneerd: Rows of residents who reached pension age this month.
    """
    t = model.tabel
    gepensioneerd = gepensioneerd[t.huishouden[gepensioneerd] == I.PAAR]
    if len(gepensioneerd) == 0:
        return
    # From the few recipients, not the table: a couple's household holds two partners, and the
    # one who reached pension age left bijstand (overgangen.naar_aow), so a recipient in a
    # couple that shares a household with a new pensioner is that pensioner's partner.
    bij = model.bijstand_rijen()
    bij = bij[(t.huishouden[bij] == I.PAAR) & (t.partner_inkomen[bij] == 0)]
    verreken_partnerinkomen(model, bij[H.in_huishoudens(t, bij, t.huishouden_id[gepensioneerd])])


def partner_vindt_werk(model: ModelToegang, werkers: np.ndarray) -> None:
    """The household's benefit ends when the partner of a recipient finds work.

    Bijstand is a household benefit: the partner's earnings count (the means test of verb
    signaleren), so the recipient leaves bijstand, unless those earnings stay below the norm
    (``recht_met_partnerinkomen``: the benefit goes on, less those earnings,
    :func:`~simulatie.kern.regels.verreken_partnerinkomen`). Counted as ``uitstroom_overig``,
    whose anonymous hazard has this route's share taken out at month 0
    (``afgeleid["uitstroom_overig_factor"]``,
    :func:`~simulatie.kern.bevolking.partnerroute`).
    """
    t = model.tabel
    werkers = werkers[t.huishouden[werkers] == I.PAAR]
    if len(werkers) == 0:
        return
    partner = H.partners(t, werkers)
    partner = partner[partner >= 0]
    partner = partner[t.actief[partner] & (t.inkomensbron[partner] == I.BIJSTAND)]
    eindigt = gebeurt(model.rng, partner, 1.0 - model.p.signaleren.recht_met_partnerinkomen)
    overgangen.uit_bijstand(model, eindigt, "overig")
    verreken_partnerinkomen(model, zonder(partner, eindigt))
