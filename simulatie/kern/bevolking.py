"""Synthetic municipality at month 0, built from key figures.

:func:`bouw_bevolking` fills an :class:`~agenten.inwoners.InwonerTabel` so that the counts of the
``[gemeente]`` table (inwoners, wwb, wajong, wsw, awbz_extramuraal, wijken) are reproduced
exactly. Bijstand clients get a fase, a klantprofiel and obstacles following Tabel 4.1
(``data/klantprofielen.csv``) by exact allocation (largest remainder), so shares hold to rounding
at any size; their starting trede and benefit duration follow from their obstacles and fase.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from agenten import inwoners as I
from simulatie.kern import huishoudens as H
from simulatie.kern.evenwicht import (
    belemmering_per_leeftijd,
    extern,
    inkomensketen,
    instroomkans,
    naar_werk_per_jaar,
    pijplijn,
    prevalentie,
    volg_leeftijd,
    werk_naar_geen_voor,
    werkkans_naar_risico,
)
from simulatie.kern.ladder import kies_activiteit, trede_uit_situatie
from simulatie.kern.overgangen import VOLWASSEN_MAANDEN, WW_MINIMUM_MAANDEN
from simulatie.kern.parameters import Parameters
from simulatie.kern.regels import deeltijd_inkomens, inkomensrisico, sterfte_per_jaar
from simulatie.kern.scenario import GemeenteConfig
from simulatie.kern.toeval import per_maand, toestand_uit

#: Age band (years) per fase-4 profile: ages are drawn uniformly inside it.
PROFIEL_LEEFTIJD = {
    "alleenstaande_ouders": (20, 45), "jongeren": (18, 29), "ex_psychiatrisch": (25, 62),
    "verslaafd_dakloos": (25, 60), "oudkomers": (30, 66), "vrouwen_50plus": (50, 66),
    "mannen_50plus": (50, 66), "overig": (25, 66), "uitvallers_fase_2_3": (18, 66),
    "fase_1": (18, 60),
}


#: Longest benefit duration at month 0 in months (int16 column).
MAX_DUUR = 32_000
#: Age (years) from which the hazard of a new physical obstacle doubles (assumption; used by
#: the stationary prevalence here and by the hazards of verb demografie).
FYSIEK_OUDER_VANAF = 50
#: Beta distribution of motivation (0..1; mean 5/7): an assumption, shared with newcomers.
MOTIVATIE_BETA = (5, 2)
#: Lowest motivation of a bijstand client after the drop per obstacle.
MOTIVATIE_MIN = 0.05
#: Age (years) before which Wajong starts (young people with a disability from childhood or
#: study; Wajong 2010 and earlier: before 18 or during study, so entry up to about 27).
WAJONG_TOT = 27
#: Age (years) before which a Wsw indication starts (assumption).
WSW_TOT = 60
#: Mean factor on other outflow from bijstand over a spell (twice as high in the first year:
#: verb arbeidsmarkt), for the stationary number of people out of view at month 0.
UITSTROOM_EERSTE_JAAR_FACTOR_GEMIDDELD = 1.2
#: Share of single parents outside bijstand for whom caring for the children alone is an
#: obstacle (assumption; T4.1: all single parents of young children in bijstand).
ZORG_ALLEENSTAANDE_OUDER = 0.6
#: Oldest age in years at month 0.
MAX_LEEFTIJD = 105
#: Concentration of the Dirichlet distribution of wijk sizes (higher: more equal wijken).
WIJK_CONCENTRATIE = 8.0
#: Spread (sd of the log) of the deprivation index of wijken; bijstand concentrates where it
#: is high (lognormal, mean of the log 0) - assumption.
ACHTERSTAND_SPREIDING = 0.5
#: Relative weight of being chosen for AWBZ extramural care, by the first group that applies:
#: 80+, 67+, Wajong, psychisch, other adults; children weigh :data:`AWBZ_GEWICHT_KIND`
#: (DIV13: extramural care is mostly the very old and the disabled; sizes are assumptions).
AWBZ_GEWICHT = (30.0, 6.0, 8.0, 3.0, 0.3)
AWBZ_GEWICHT_KIND = 0.1
#: The weights by group of :func:`awbz_groep` (children last).
AWBZ_GROEP_GEWICHT = np.array([*AWBZ_GEWICHT, AWBZ_GEWICHT_KIND])
AWBZ_GROEP_GEWICHT.flags.writeable = False
#: Share of isolated clients who stand on rung 2 rather than 1 at month 0 (assumption).
ISOLEMENT_OP_TREDE_2 = 0.4
#: Share of clients whose starting rung is one higher or lower than their obstacles suggest.
TREDE_RUIS = 0.15


@dataclass(frozen=True)
class Profiel:
    """One row of Tabel 4.1: share and obstacle prevalences (None = unknown in the source)."""

    naam: str
    aandeel: float
    geen: float
    prevalentie: tuple[float | None, ...]


def lees_klantprofielen() -> dict[str, Profiel]:
    """Read Tabel 4.1 (``data/klantprofielen.csv``).

    Returns:
        Profile name -> :class:`Profiel`, including ``totaal_fase4`` and
        ``uitvallers_fase_2_3``. Fractions, not percentages.
    """
    tekst = resources.files("simulatie").joinpath("data/klantprofielen.csv").read_text("utf-8")
    regels = [r for r in tekst.splitlines() if r and not r.startswith("#")]
    uit = {}
    kolommen = ["psychisch_pct", "fysiek_pct", "sociale_vaardigheden_taal_pct", "schulden_pct",
                "zorg_voor_naasten_pct", "sociaal_isolement_pct"]
    for rij in csv.DictReader(regels):
        prev = tuple(float(rij[k]) / 100 if rij[k] != "" else None for k in kolommen)
        uit[rij["profiel"]] = Profiel(rij["profiel"], float(rij["aandeel_pct"]) / 100,
                                      float(rij["geen_pct"]) / 100, prev)
    return uit


def verdeel(totaal: int, aandelen: np.ndarray) -> np.ndarray:
    """Split ``totaal`` into integer counts proportional to ``aandelen`` (largest remainder).

    Args:
        totaal: Number to split.
        aandelen: Non-negative weights.

    Returns:
        Integer counts that sum to ``totaal``.
    """
    w = np.asarray(aandelen, dtype=float)
    exact = totaal * w / w.sum()
    n = np.floor(exact).astype(np.int64)
    rest = totaal - int(n.sum())
    if rest:
        n[np.argsort(-(exact - n), kind="stable")[:rest]] += 1
    return n


def wijs_belemmeringen_toe(n: int, profiel: Profiel, totaal: Profiel,
                           rng: np.random.Generator) -> np.ndarray:
    """Obstacle bitmasks for ``n`` clients of one profile, shares exact to rounding.

    A group of size ``min(geen, 1 - max prevalence)`` keeps no obstacle (the source's "geen
    belemmeringen"); every other client has at least one, and each obstacle goes to exactly
    ``round(p * n)`` of them: first one obstacle to each client in turn (drawn in proportion to
    what is left of each obstacle's count), then the remaining counts at random among those who
    do not have that obstacle yet. Unknown prevalences ('?' in the source) take the
    whole-caseload row.

    Args:
        n: Number of clients.
        profiel: Their profile.
        totaal: The source's whole-caseload row (for unknown cells).
        rng: Random generator.

    Returns:
        uint8 bitmask per client.
    """
    bits = np.zeros(n, dtype=np.uint8)
    if n == 0:
        return bits
    prev = [p if p is not None else totaal.prevalentie[k]
            for k, p in enumerate(profiel.prevalentie)]
    n_geen = int(round(n * min(profiel.geen, 1.0 - max(prev))))
    overig = rng.permutation(n)[n_geen:]
    rest = np.array([min(len(overig), int(round(p * n))) for p in prev])
    if rest.sum() < len(overig):  # the shares cannot give everyone one: fewest without
        overig = overig[: rest.sum()]
    # One obstacle each: a random order of obstacle "tickets" in proportion to the counts.
    kaartjes = rng.permutation(np.repeat(np.arange(len(prev)), rest))[: len(overig)]
    bits[overig] = (1 << kaartjes).astype(np.uint8)
    rest -= np.bincount(kaartjes, minlength=len(prev))
    for k in range(len(prev)):
        if rest[k] <= 0:
            continue
        zonder = overig[(bits[overig] & np.uint8(1 << k)) == 0]
        kies = rng.choice(zonder, size=min(rest[k], len(zonder)), replace=False)
        bits[kies] |= np.uint8(1 << k)
    return bits


def start_trede(bits: np.ndarray, fase: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Starting rung consistent with obstacles: fewer obstacles, higher rung (max 4).

    Fase 1 and 2/3 start at 4, fase 4 at 3; two or more obstacles cost a rung, four or more
    another; social isolation puts someone on rung 1 or 2 (definition of the ladder); 15%
    noise of one rung (:data:`TREDE_RUIS`). Part-time work (rung 5) is set separately.
    """
    n_obst = I.aantal_bits(bits)
    trede = np.where(fase == 4, 3, 4).astype(np.int8)
    trede -= (n_obst >= 2).astype(np.int8) + (n_obst >= 4).astype(np.int8)
    geisoleerd = (bits & I.ISOLEMENT) > 0
    trede[geisoleerd] = np.minimum(trede[geisoleerd],
                                   1 + (rng.random(geisoleerd.sum()) < ISOLEMENT_OP_TREDE_2))
    ruis = rng.random(len(trede)) < TREDE_RUIS
    trede[ruis] += rng.choice(np.array([-1, 1], dtype=np.int8), size=ruis.sum())
    return np.clip(trede, 1, 4).astype(np.int8)


def _leeftijd_uniform(rng: np.random.Generator, n: int, van: int, tot: int) -> np.ndarray:
    """Ages in months, uniform over whole years ``van..tot`` inclusive."""
    return (rng.integers(van * 12, (tot + 1) * 12, size=n)).astype(np.int16)


def _leeftijd_naar(rng: np.random.Generator, n: int, gewicht: np.ndarray,
                   van_maand: int) -> np.ndarray:
    """Ages in months drawn with weights per month of age, the first weight at ``van_maand``."""
    if n == 0:
        return np.zeros(0, dtype=np.int16)
    kans = gewicht / gewicht.sum()
    return (van_maand + rng.choice(len(gewicht), size=n, p=kans)).astype(np.int16)


@dataclass
class Bouw:
    """The municipality of month 0 and the entry rates that keep it stationary.

    Attributes:
        tabel: The residents.
        achterstand: Relative deprivation of each wijk.
        afgeleid: Monthly rates derived from the key figures (see :func:`bouw_bevolking`).
    """

    tabel: I.InwonerTabel
    achterstand: np.ndarray
    afgeleid: dict[str, float] = field(default_factory=dict)


def _wajong_prevalentie(kans: float, aow_m: int, tot_m: int) -> np.ndarray:
    """Share on Wajong by month of age (0 .. pension age) at a monthly entry hazard ``kans``."""
    h = np.zeros(aow_m)
    h[VOLWASSEN_MAANDEN:tot_m] = kans
    return prevalentie(h, 0.0)


def _wsw_prevalentie(kans: float, uit: float, aow_m: int, tot_m: int) -> np.ndarray:
    """Share in Wsw by month of age at a monthly entry hazard ``kans`` and exit hazard ``uit``."""
    h = np.zeros(aow_m)
    h[VOLWASSEN_MAANDEN:tot_m] = kans
    return prevalentie(h, uit)


def wajong_kandidaten(tabel: I.InwonerTabel) -> np.ndarray:
    """Rows who can enter the Wajong: young adults (18 to :data:`WAJONG_TOT`) without a benefit."""
    return np.flatnonzero(kan_wajong(tabel, slice(None)))


def kan_wajong(tabel: I.InwonerTabel, rijen: np.ndarray | slice) -> np.ndarray:
    """Whether each row can enter the Wajong (see :func:`wajong_kandidaten`)."""
    lm, bron = tabel.leeftijd_maanden[rijen], tabel.inkomensbron[rijen]
    return (tabel.actief[rijen] & (lm >= VOLWASSEN_MAANDEN) & (lm < WAJONG_TOT * 12)
            & ((bron == I.GEEN) | (bron == I.WERK)) & ~tabel.verborgen_recht[rijen])


def wsw_kandidaten(tabel: I.InwonerTabel) -> np.ndarray:
    """Rows who can enter the Wsw: adults up to :data:`WSW_TOT` without another scheme."""
    return np.flatnonzero(kan_wsw(tabel, slice(None)))


def kan_wsw(tabel: I.InwonerTabel, rijen: np.ndarray | slice) -> np.ndarray:
    """Whether each row can enter the Wsw (see :func:`wsw_kandidaten`)."""
    lm, bron = tabel.leeftijd_maanden[rijen], tabel.inkomensbron[rijen]
    return (tabel.actief[rijen] & (lm >= VOLWASSEN_MAANDEN) & (lm < WSW_TOT * 12)
            & (bron != I.WAJONG) & (bron != I.WSW) & (bron != I.AOW))


def _corrigeer_voor_kandidaten(tabel: I.InwonerTabel, afgeleid: dict[str, float]) -> None:
    """Scale the Wajong and Wsw entry hazards to the pools that can actually enter.

    The stationary stocks are solved for entry among everyone of the ages outside the scheme;
    the monthly step draws only from :func:`wajong_kandidaten` (no benefit, no non-takers) /
    :func:`wsw_kandidaten` (no other scheme, no pension), so the hazard is divided by that pool's
    share of month 0.
    """
    lm, bron = tabel.leeftijd_maanden, tabel.inkomensbron
    volw = tabel.actief & (lm >= VOLWASSEN_MAANDEN)
    for naam, kandidaten, tot, eigen in (("wajong_instroom", wajong_kandidaten, WAJONG_TOT,
                                          I.WAJONG),
                                         ("wsw_instroom", wsw_kandidaten, WSW_TOT, I.WSW)):
        buiten = np.count_nonzero(volw & (lm < tot * 12) & (bron != eigen))
        if buiten and afgeleid.get(naam, 0.0) > 0:
            afgeleid[naam] /= max(len(kandidaten(tabel)) / buiten, 0.5)


def awbz_groep(tabel: I.InwonerTabel, rijen: np.ndarray, aow: int) -> np.ndarray:
    """Group of each resident for entering AWBZ extramural care: the first that applies.

    0: 80+, 1: pension age, 2: Wajong, 3: psychisch, 4: other adults, 5: children; their
    weights are :data:`AWBZ_GROEP_GEWICHT`.
    """
    jaar = tabel.leeftijd_maanden[rijen] // 12
    # The first that applies: np.where from the last group to the first (as np.select).
    groep = np.where(jaar >= VOLWASSEN_MAANDEN // 12, 4, 5).astype(np.int8)
    groep[(tabel.belemmeringen[rijen] & I.PSYCHISCH) > 0] = 3
    groep[tabel.inkomensbron[rijen] == I.WAJONG] = 2
    groep[jaar >= aow] = 1
    groep[jaar >= 80] = 0
    return groep


def awbz_gewicht(tabel: I.InwonerTabel, rijen: np.ndarray, aow: int) -> np.ndarray:
    """Relative weight of entering AWBZ extramural care (first group that applies).

    80+, pension age, Wajong, psychisch, other adults; children :data:`AWBZ_GEWICHT_KIND`
    (DIV13: extramural care is mostly the very old and the disabled; sizes are assumptions).
    """
    return AWBZ_GROEP_GEWICHT[awbz_groep(tabel, rijen, aow)]


def _awbz_prevalentie(kans: float, uit: float, groep: np.ndarray, oud: np.ndarray,
                      oud_maand: np.ndarray, aow_m: int) -> np.ndarray:
    """Stationary chance of being in AWBZ care per resident at a monthly factor ``kans``.

    Below pension age the weight of a resident's group is constant, so its quasi-stationary
    share ``h / (h + uit)`` holds; from pension age the hazard rises with age (6 from pension
    age, 30 from 80), so the share is followed month by month of age from the share at
    pension age.

    Args:
        kans: Monthly entry hazard at weight 1.
        uit: Monthly exit hazard.
        groep: Group of each resident (:func:`awbz_groep`).
        oud: Positions of the residents of pension age or older.
        oud_maand: Their months of age since pension age (at most up to
            :data:`MAX_LEEFTIJD`).
        aow_m: Pension age in months.
    """
    h = kans * AWBZ_GROEP_GEWICHT
    p = (h / (h + uit))[groep]
    leeftijden = np.arange(aow_m, MAX_LEEFTIJD * 12 + 1)
    h_oud = kans * np.where(leeftijden >= 80 * 12, AWBZ_GEWICHT[0], AWBZ_GEWICHT[1])
    start = kans * AWBZ_GEWICHT[4] / (kans * AWBZ_GEWICHT[4] + uit)
    p_oud = np.array(volg_leeftijd(h_oud.tolist(), [uit] * len(leeftijden), start))
    p[oud] = p_oud[oud_maand]
    return p


def deeltijd_start(op_trede_4: int, deeltijd: int, einde: float) -> float:
    """The monthly chance that a client on rung 4 starts part-time work beside bijstand.

    The rate at which the month-0 number of part-timers (EXT:parttime_werk_naast_bijstand, 8%
    of clients) stays where it is: the part-timers who stop (``deeltijd_einde``) or leave
    bijstand (EXT:bijstand_uitstroom_pct_per_jaar, the mean outflow of all clients) are
    replaced from rung 4. A hand-set start chance of 0.006 held 3.6% of clients, not 8%.

    Args:
        op_trede_4: Clients on rung 4 at month 0.
        deeltijd: Part-timers at month 0.
        einde: Monthly chance that part-time work stops.
    """
    if op_trede_4 == 0:
        return 0.0
    uitstroom = float(per_maand(extern("bijstand_uitstroom_pct_per_jaar") / 100))
    return min(1.0, deeltijd * (einde + uitstroom) / op_trede_4)


def bouw_bevolking(gemeente: GemeenteConfig, p: Parameters, rng: np.random.Generator) -> Bouw:
    """Build the residents of month 0 in the equilibrium of the model's monthly rules.

    The counts of the ``[gemeente]`` table are reproduced exactly. Bijstand clients follow
    Tabel 4.1 (fase, profile, obstacles). Everyone else's state is drawn from the stationary
    distribution of the monthly rules (:mod:`simulatie.kern.evenwicht`): the age of Wajong and
    Wsw recipients from the entry hazard whose stationary stock is the key figure, obstacles by
    age, the income of other adults from the labour-market chain by age (its rate work -> no
    income is derived so the employment share is ``aandeel_werkend``) and, within an age, from
    their obstacles (:func:`~simulatie.kern.evenwicht.werkkans_naar_risico`), AWBZ care from
    the hazard whose stationary stock is the key figure. Those derived rates are returned in
    :attr:`Bouw.afgeleid` (``werk_naar_geen``, ``wajong_instroom``, ``wsw_instroom``,
    ``awbz_instroom``; monthly) and are what keeps the baseline where it starts.

    Args:
        gemeente: Key figures (counts are reproduced exactly).
        p: Model parameters (``p.bevolking`` mostly).
        rng: The model's random generator.

    Returns:
        The table, the deprivation of each wijk and the derived rates.
    """
    b, lg = p.bevolking, p.levensgebeurtenissen
    n = gemeente.inwoners
    tabel = I.InwonerTabel(n)
    k = tabel.kol
    aow = p.demografie.aow_leeftijd
    aow_m = aow * 12
    afgeleid: dict[str, float] = {}

    n_bijstand, n_wajong, n_wsw = gemeente.wwb, gemeente.wajong, gemeente.wsw
    rest = n - n_bijstand - n_wajong - n_wsw
    n_kind = min(rest, int(round(b.aandeel_0_17 * n)))
    n_oud = min(rest - n_kind, int(round(b.aandeel_67plus * n)))
    n_volw = rest - n_kind - n_oud
    n_18_aow = n - n_kind - n_oud

    # Row blocks: [bijstand | wajong | wsw | kinderen | ouderen | overige volwassenen].
    grenzen = np.cumsum([0, n_bijstand, n_wajong, n_wsw, n_kind, n_oud, n_volw])
    blok = {naam: slice(grenzen[i], grenzen[i + 1]) for i, naam in
            enumerate(["bijstand", "wajong", "wsw", "kind", "oud", "volw"])}

    k["geslacht"][:n] = rng.integers(0, 2, size=n)
    k["motivatie"][:n] = rng.beta(*MOTIVATIE_BETA, size=n)

    # --- bijstand clients: fase, profile, obstacles (Tabel 4.1) ---
    profielen = lees_klantprofielen()
    totaal = profielen["totaal_fase4"]
    fase_n = verdeel(n_bijstand, np.array([b.aandeel_fase_1, b.aandeel_fase_23,
                                           max(0.0, 1 - b.aandeel_fase_1 - b.aandeel_fase_23)]))
    fase4_namen = list(I.KLANTPROFIELEN[:8])
    profiel_n = verdeel(int(fase_n[2]), np.array([profielen[x].aandeel for x in fase4_namen]))
    groepen = [("fase_1", 1, int(fase_n[0])), ("uitvallers_fase_2_3", 2, int(fase_n[1]))]
    groepen += [(naam, 4, int(m)) for naam, m in zip(fase4_namen, profiel_n, strict=True)]
    bij = np.arange(blok["bijstand"].start, blok["bijstand"].stop)
    start = 0
    for naam, fase, m in groepen:
        rijen = bij[start:start + m]
        start += m
        k["fase"][rijen] = fase
        k["klantprofiel"][rijen] = I.KLANTPROFIELEN.index(naam)
        if naam != "fase_1":
            k["belemmeringen"][rijen] = wijs_belemmeringen_toe(m, profielen[naam], totaal, rng)
        van, tot = PROFIEL_LEEFTIJD[naam]
        k["leeftijd_maanden"][rijen] = _leeftijd_uniform(rng, m, van, min(tot, aow - 1))
        if naam == "vrouwen_50plus":
            k["geslacht"][rijen] = 1
        elif naam == "mannen_50plus":
            k["geslacht"][rijen] = 0
        elif naam == "alleenstaande_ouders":
            k["geslacht"][rijen] = (rng.random(m) < b.aandeel_vrouw_alleenstaande_ouder)
    k["inkomensbron"][bij] = I.BIJSTAND
    fase_b = k["fase"][bij]
    # Household: alleenstaande ouders by profile; couples as a share of the rest.
    hh = np.full(len(bij), I.ALLEENSTAAND, dtype=np.int8)
    ouder_profiel = k["klantprofiel"][bij] == I.KLANTPROFIELEN.index("alleenstaande_ouders")
    hh[ouder_profiel] = I.ALLEENSTAANDE_OUDER
    overig = ~ouder_profiel
    hh[overig & (rng.random(len(bij)) < b.aandeel_ouder_bijstand_overig)] = (
        I.ALLEENSTAANDE_OUDER)
    hh[overig & (hh == I.ALLEENSTAAND) & (rng.random(len(bij)) < b.aandeel_paar_bijstand)] = I.PAAR
    k["huishouden"][bij] = hh
    k["trede"][bij] = start_trede(k["belemmeringen"][bij], fase_b, rng)
    # Benefit duration: exponential with the fase mean, bounded by adult life so far.
    gem = np.select([fase_b == 1, fase_b == 2], [b.duur_fase_1, b.duur_fase_23], b.duur_fase_4)
    duur = rng.exponential(gem)
    max_duur = k["leeftijd_maanden"][bij].astype(float) - VOLWASSEN_MAANDEN
    k["uitkeringsduur"][bij] = np.clip(np.minimum(duur, max_duur), 0, MAX_DUUR).astype(np.int16)
    # Part-time work besides bijstand (rung 5): among clients with at most one obstacle.
    kandidaat = bij[I.aantal_bits(k["belemmeringen"][bij]) <= 1]
    m = min(len(kandidaat), int(round(b.aandeel_deeltijdwerk * n_bijstand)))
    deeltijd = rng.choice(kandidaat, size=m, replace=False)
    k["trede"][deeltijd] = 5
    k["deeltijd_inkomen"][deeltijd] = deeltijd_inkomens(rng, m, b.deeltijd_inkomen)
    afgeleid["deeltijd_start"] = deeltijd_start(int(np.count_nonzero(k["trede"][bij] == 4)), m,
                                                b.deeltijd_einde)
    k["motivatie"][bij] = np.clip(k["motivatie"][bij] - b.motivatie_per_belemmering
                                  * I.aantal_bits(k["belemmeringen"][bij]), MOTIVATIE_MIN, 1)

    # --- Wajong and Wsw: ages from the entry hazards whose stationary stocks are the key
    # figures (adults assumed evenly spread over the ages 18 to pension age) ---
    wajong_tot = WAJONG_TOT * 12
    afgeleid["wajong_instroom"] = instroomkans(
        lambda h: n_18_aow * float(_wajong_prevalentie(h, aow_m, wajong_tot)
                                   [VOLWASSEN_MAANDEN:].mean()), n_wajong, "wajong")
    sl = blok["wajong"]
    m = sl.stop - sl.start
    gewicht = _wajong_prevalentie(afgeleid["wajong_instroom"], aow_m, wajong_tot)
    k["leeftijd_maanden"][sl] = _leeftijd_naar(rng, m, gewicht[VOLWASSEN_MAANDEN:],
                                               VOLWASSEN_MAANDEN)
    k["inkomensbron"][sl] = I.WAJONG
    werkt = rng.random(m) < b.aandeel_wajong_werkend
    k["deeltijd_inkomen"][sl] = np.where(werkt, deeltijd_inkomens(rng, m, b.deeltijd_inkomen),
                                         0.0)
    k["belemmeringen"][sl] = np.where(rng.random(m) < b.aandeel_psychisch_wajong_wsw,
                                      I.PSYCHISCH, I.FYSIEK)
    uit_wsw = float(per_maand(b.wsw_uitstroom))
    wsw_tot = WSW_TOT * 12
    afgeleid["wsw_instroom"] = instroomkans(
        lambda h: n_18_aow * float(_wsw_prevalentie(h, uit_wsw, aow_m, wsw_tot)
                                   [VOLWASSEN_MAANDEN:].mean()), n_wsw, "wsw")
    sl = blok["wsw"]
    m = sl.stop - sl.start
    gewicht = _wsw_prevalentie(afgeleid["wsw_instroom"], uit_wsw, aow_m, wsw_tot)
    k["leeftijd_maanden"][sl] = _leeftijd_naar(rng, m, gewicht[VOLWASSEN_MAANDEN:],
                                               VOLWASSEN_MAANDEN)
    k["inkomensbron"][sl] = I.WSW
    k["belemmeringen"][sl] = np.where(rng.random(m) < b.aandeel_psychisch_wajong_wsw,
                                      I.PSYCHISCH, I.FYSIEK)

    # --- children and the elderly (ages follow survival from pension age) ---
    sl = blok["kind"]
    k["leeftijd_maanden"][sl] = _leeftijd_uniform(rng, sl.stop - sl.start, 0,
                                                  VOLWASSEN_MAANDEN // 12 - 1)
    k["huishouden"][sl] = I.KIND
    k["inkomensbron"][sl] = I.GEEN
    k["trede"][sl] = 1
    sl = blok["oud"]
    m = sl.stop - sl.start
    leeftijden = np.arange(aow_m, MAX_LEEFTIJD * 12) / 12.0
    overleven = np.cumprod(1.0 - per_maand(sterfte_per_jaar(p.demografie.sterfte_80,
                                                              leeftijden)))
    k["leeftijd_maanden"][sl] = _leeftijd_naar(rng, m, overleven, aow_m)
    k["inkomensbron"][sl] = I.AOW

    # --- other adults: income from the stationary labour-market chain at their age ---
    sl = blok["volw"]
    m = sl.stop - sl.start
    k["leeftijd_maanden"][sl] = _leeftijd_uniform(rng, m, VOLWASSEN_MAANDEN // 12, aow - 1)
    keten = dict(aow_maanden=aow_m, ww_max=lg.ww_max_duur, ww_min=WW_MINIMUM_MAANDEN,
                 baanverlies=lg.baanverlies, zonder_ww=lg.baanverlies_zonder_ww,
                 ww_naar_werk=lg.ww_naar_werk, geen_naar_werk=lg.geen_naar_werk)
    afgeleid["werk_naar_geen"] = werk_naar_geen_voor(
        b.aandeel_werkend, np.ones(aow_m - VOLWASSEN_MAANDEN), **keten)
    aandelen = inkomensketen(werk_naar_geen=round(afgeleid["werk_naar_geen"], 10), **keten)
    # Obstacles first (the stationary prevalence at each age), then who works given them: the
    # monthly rules take jobs from those with obstacles more often (regels.inkomensrisico),
    # so drawing income and obstacles independently started a drift of obstacles from work
    # to no income (rung 1 +11-15% in ten years). The loss hazard counts the bijstand inflow
    # factor as 1 (it is derived from this table below).
    belemmeringen_bevolking(tabel, np.arange(blok["oud"].start, blok["volw"].stop), p, rng)
    leeftijd = k["leeftijd_maanden"][sl] - VOLWASSEN_MAANDEN
    verlies = lg.baanverlies + (1 - lg.baanverlies) * (
        lg.baanverlies_zonder_ww * inkomensrisico(tabel, np.arange(sl.start, sl.stop), p)
        + afgeleid["werk_naar_geen"])
    werkt = rng.random(m) < werkkans_naar_risico(aandelen[leeftijd, 0], verlies, leeftijd // 12)
    # Out of work: no income or WW by the chain's shares of those states at that age.
    zonder_werk = aandelen[:, 1:] / np.maximum(1.0 - aandelen[:, :1], 1e-12)
    toestand = 1 + toestand_uit(rng.random(m), np.cumsum(zonder_werk, axis=1).T, leeftijd)
    toestand = np.where(werkt, 0, np.minimum(toestand, aandelen.shape[1] - 1))
    k["inkomensbron"][sl] = np.select([toestand == 0, toestand == 1], [I.WERK, I.GEEN], I.WW)
    k["ww_duur"][sl] = np.where(toestand >= 2, toestand - 1, 0)

    # --- households: roles of the adults outside bijstand, couples, families, one wijk each;
    # bijstand concentrates in deprived wijken ---
    w = gemeente.wijken
    grootte = rng.dirichlet(np.full(w, WIJK_CONCENTRATIE))
    achterstand = rng.lognormal(0.0, ACHTERSTAND_SPREIDING, size=w)
    aantallen = verdeel(int(round(n / b.huishoudensgrootte)), H.type_aandelen(p))
    andere = np.concatenate([np.arange(blok[x].start, blok[x].stop)
                             for x in ("wajong", "wsw", "oud", "volw")])
    H.vorm_huishoudens(tabel, bij, np.arange(blok["kind"].start, blok["kind"].stop), andere,
                       aantallen, p, rng, achterstand, grootte)

    # --- obstacles of Wajong and Wsw recipients (the others' are drawn with their income) ---
    belemmeringen_bevolking(tabel, np.arange(blok["wajong"].start, blok["wsw"].stop), p, rng,
                             aanvullen=True)
    ouders = np.flatnonzero(k["huishouden"][:n] == I.ALLEENSTAANDE_OUDER)
    ouders = ouders[k["inkomensbron"][ouders] != I.BIJSTAND]  # clients follow Tabel 4.1
    k["belemmeringen"][ouders[rng.random(len(ouders)) < ZORG_ALLEENSTAANDE_OUDER]] |= (
        np.uint8(I.NAASTEN))
    # --- what adults without work do (rung 2, 3 or 4) ---
    volw = np.flatnonzero(k["leeftijd_maanden"][:n] >= VOLWASSEN_MAANDEN)
    k["activiteit"][volw] = kies_activiteit(rng, len(volw), p)

    # --- AWBZ extramural care: exact count, drawn with the stationary chance per resident ---
    groep = awbz_groep(tabel, np.arange(n), aow)
    uit_awbz = float(per_maand(b.awbz_einde))
    leeftijd_m = k["leeftijd_maanden"][:n].astype(np.int64)
    oud = np.flatnonzero(leeftijd_m >= aow_m)
    oud_maand = np.minimum(leeftijd_m[oud], MAX_LEEFTIJD * 12) - aow_m

    def awbz_kans(h: float) -> np.ndarray:
        return _awbz_prevalentie(h, uit_awbz, groep, oud, oud_maand, aow_m)

    afgeleid["awbz_instroom"] = instroomkans(
        lambda h: float(awbz_kans(h).sum()), gemeente.awbz_extramuraal, "awbz_extramuraal",
        hoogste=1.0 / max(AWBZ_GEWICHT))
    kans = awbz_kans(afgeleid["awbz_instroom"])
    if gemeente.awbz_extramuraal:
        kies = rng.choice(n, size=gemeente.awbz_extramuraal, replace=False, p=kans / kans.sum())
        k["awbz_extramuraal"][kies] = True

    # --- bijstand inflow anchored to the stock; non-takers at their stationary number ---
    kappa, verwacht = bijstand_instroom(tabel, p, np.arange(n))
    afgeleid["bijstand_instroomfactor"] = kappa
    # Employment stays where the chain puts it once the flows through bijstand are counted:
    # the chain sends job losers without WW to no income, the model sends them into bijstand,
    # from which EXT:uitstroom_naar_werk_aandeel of the outflow goes back to work. The rate
    # work -> no income takes the difference.
    werkers = np.flatnonzero((k["inkomensbron"][:n] == I.WERK)
                             & (k["leeftijd_maanden"][:n] >= VOLWASSEN_MAANDEN)
                             & (k["leeftijd_maanden"][:n] < aow_m))
    risico_w = inkomensrisico(tabel, werkers, p)
    zonder = (1 - lg.baanverlies) * lg.baanverlies_zonder_ww
    naar_bijstand = min(1.0, kappa * zonder) * float(risico_w.sum()) - zonder * len(werkers)
    terug = naar_werk_per_jaar() * n_bijstand / 12
    nodig = (afgeleid["werk_naar_geen"] + (terug - naar_bijstand) / len(werkers)
             if len(werkers) else afgeleid["werk_naar_geen"])
    afgeleid["werk_naar_geen"] = max(0.0, nodig)
    # Where the routes into bijstand take more from work than work -> no income can give back
    # (a dense municipality, or job losers without entitlement who stay at home: the household
    # means test), residents without an income find work more often by the difference, so that
    # employment stays where the chain puts it.
    tekort = max(0.0, -nodig) * len(werkers)
    aantal = int(round(p.signaleren.niet_gebruik_bijstand * kappa * verwacht
                       / max(p.signaleren.aanvraag_later, 1e-9)))
    kan = np.flatnonzero((k["inkomensbron"][:n] == I.GEEN)
                         & (k["leeftijd_maanden"][:n] >= VOLWASSEN_MAANDEN)
                         & (k["leeftijd_maanden"][:n] < aow_m))
    if aantal and len(kan):
        risico = inkomensrisico(tabel, kan, p) * H.recht(tabel, kan, p)  # non-takers are entitled
        kies = rng.choice(kan, size=min(aantal, int(np.count_nonzero(risico))), replace=False,
                          p=risico / risico.sum())
        k["verborgen_recht"][kies] = True
    zoekers = np.count_nonzero(~k["verborgen_recht"][kan])
    afgeleid["geen_naar_werk_extra"] = tekort / zoekers if zoekers else 0.0
    afgeleid["uitstroom_overig_factor"] = partnerroute(tabel, p, afgeleid, n)
    # Out of view: those who left bijstand without a known income (the other outflow's unknown
    # share), at the number their re-application and finding work keep.
    am = p.arbeidsmarkt
    instroom = n_bijstand * am.uitstroom_overig * UITSTROOM_EERSTE_JAAR_FACTOR_GEMIDDELD \
        * afgeleid["uitstroom_overig_factor"] * am.aandeel_onbekend
    aantal = int(round(instroom / (p.signaleren.heraanvraag_uit_beeld + lg.geen_naar_werk
                                   + afgeleid["geen_naar_werk_extra"])))
    kan = kan[~k["verborgen_recht"][kan]]
    if aantal and len(kan):
        risico = inkomensrisico(tabel, kan, p)
        kies = rng.choice(kan, size=min(aantal, len(kan)), replace=False,
                          p=risico / risico.sum())
        k["uit_beeld"][kies] = True

    # --- rungs of everyone outside bijstand follow from their situation ---
    buiten = np.flatnonzero((k["inkomensbron"][:n] != I.BIJSTAND)
                            & (k["leeftijd_maanden"][:n] >= VOLWASSEN_MAANDEN))
    k["trede"][buiten] = trede_uit_situatie(tabel, buiten)

    # Shuffle rows so that blocks carry no meaning, then give ids in row order.
    perm = rng.permutation(n)
    for arr in k.values():
        arr[:n] = arr[:n][perm]
    k["id"][:n] = np.arange(n)
    k["actief"][:n] = True
    _corrigeer_voor_kandidaten(tabel, afgeleid)
    return Bouw(tabel, achterstand, afgeleid)


def partnerroute(tabel: I.InwonerTabel, p: Parameters, afgeleid: dict[str, float],
                 n: int) -> float:
    """The factor on other outflow that leaves room for the partner route, at month 0.

    ``uitstroom_overig`` is the outflow for other reasons, the partner's income among them;
    verb demografie ends the benefit of a recipient whose partner finds work
    (:func:`~simulatie.kern.stappen.demografie.partner_vindt_werk`). So that the total outflow
    stays what ``uitstroom_overig`` gives, the other outflow is scaled down by the partner
    route's expected share at month 0 (partners without income find work with
    ``geen_naar_werk`` plus its anchor, partners on WW with ``ww_naar_werk``; each ends the
    benefit unless ``recht_met_partnerinkomen``).
    """
    k = tabel.kol
    lg = p.levensgebeurtenissen
    bij = np.flatnonzero(k["inkomensbron"][:n] == I.BIJSTAND)
    overig = len(bij) * p.arbeidsmarkt.uitstroom_overig * UITSTROOM_EERSTE_JAAR_FACTOR_GEMIDDELD
    if overig <= 0:
        return 1.0
    paar = bij[k["huishouden"][bij] == I.PAAR]
    partner = H.partners(tabel, paar)
    partner = partner[partner >= 0]
    bron = k["inkomensbron"][partner]
    vindt = (np.where((bron == I.GEEN) & ~k["verborgen_recht"][partner],
                      lg.geen_naar_werk + afgeleid["geen_naar_werk_extra"], 0.0)
             + np.where(bron == I.WW, lg.ww_naar_werk, 0.0))
    verwacht = float(vindt.sum()) * (1.0 - p.signaleren.recht_met_partnerinkomen)
    return max(0.0, 1.0 - verwacht / overig)


def bijstand_instroom(tabel: I.InwonerTabel, p: Parameters,
                      rijen: np.ndarray) -> tuple[float, float]:
    """The common factor of the inflow routes that gives ``instroom_nieuw_per_jaar`` new ones.

    Args:
        tabel: The residents of month 0.
        p: Parameters.
        rijen: The rows of the residents.

    Returns:
        ``(factor, verwacht)``: the factor, and the expected number of new entitlements a
        month at factor 1 (job loss without WW, end of WW, divorce, loss of other support,
        with the risk per obstacle of verb demografie).
    """
    lg, aow_m = p.levensgebeurtenissen, p.demografie.aow_leeftijd * 12
    k = tabel.kol
    lm, bron = k["leeftijd_maanden"][rijen], k["inkomensbron"][rijen]
    volw = (lm >= VOLWASSEN_MAANDEN) & (lm < aow_m)
    # Only the entitled count (the household means test of verb signaleren).
    risico = inkomensrisico(tabel, rijen, p) * H.recht(tabel, rijen, p)
    werk = volw & (bron == I.WERK)
    op = volw & (bron == I.WW) & (k["ww_duur"][rijen] == 1)
    geen = volw & (bron == I.GEEN) & ~k["verborgen_recht"][rijen]
    paar = volw & (k["huishouden"][rijen] == I.PAAR) & geen
    verwacht = float(
        (1 - lg.baanverlies) * lg.baanverlies_zonder_ww * risico[werk].sum()
        + (1 - lg.ww_naar_werk) * lg.bijstand_na_ww * H.recht(tabel, rijen[op], p).sum()
        + lg.geen_naar_bijstand * risico[geen].sum()
        + per_maand(lg.scheiding) * lg.bijstand_na_scheiding * paar.sum())
    n_bijstand = int(np.count_nonzero(bron == I.BIJSTAND))
    doel = lg.instroom_nieuw_per_jaar * n_bijstand / 12
    return (doel / verwacht if verwacht > 0 else 0.0), verwacht


def behandeling(p: Parameters) -> np.ndarray:
    """Monthly recovery per obstacle that the Wmo desk's services add, on average.

    The share of people with an obstacle who use the service that works on it (the stationary
    pipeline of the desk at their need hazard, :func:`~simulatie.kern.evenwicht.pijplijn`)
    times the service's monthly effect: begeleiding on psychisch, welzijn on isolement and on
    care for a relative, debt counselling on debts. Taal is worked on only for bijstand clients
    (re-integratie), fysiek by none.
    """
    w, a = p.wmo, p.aanbieders
    aanvraag = p.signaleren.wmo_aanvraag
    traject = 1.0 / a.duur_traject

    def gebruik(jaarkans: float, einde: float, toekenning: float) -> float:
        aandeel = pijplijn(np.array([float(per_maand(jaarkans))]), aanvraag, toekenning, einde,
                           False)
        return float(aandeel[0, 3])

    uit = np.zeros(len(I.BELEMMERINGEN))
    uit[I.BELEMMERINGEN.index("psychisch")] = a.effect_begeleiding * gebruik(
        w.behoefte_begeleiding_psychisch, float(per_maand(w.einde_begeleiding)), w.toekenning)
    uit[I.BELEMMERINGEN.index("sociaal_isolement")] = a.effect_welzijn * gebruik(
        w.behoefte_welzijn_isolement, traject, 1.0)
    uit[I.BELEMMERINGEN.index("zorg_voor_naasten")] = a.effect_welzijn * gebruik(
        w.behoefte_welzijn_naasten, traject, 1.0)
    uit[I.BELEMMERINGEN.index("schulden")] = a.effect_schuldhulp * gebruik(
        w.behoefte_schuldhulp_schulden, traject, 1.0)
    return uit


def belemmeringen_bevolking(tabel: I.InwonerTabel, rijen: np.ndarray, p: Parameters,
                             rng: np.random.Generator, aanvullen: bool = False) -> None:
    """Give residents outside bijstand the stationary prevalence of each obstacle at their age.

    Obstacles arise from 18 with hazard ``nieuw_*`` (fysiek doubled from
    :data:`FYSIEK_OUDER_VANAF`) and resolve with ``herstel_*`` plus what the desk's services do
    for those who use them (:func:`behandeling`,
    :func:`~simulatie.kern.evenwicht.belemmering_per_leeftijd`).

    Args:
        tabel: The resident table.
        rijen: Rows to fill.
        p: Parameters (hazards ``nieuw_*`` and resolutions ``herstel_*``).
        rng: Random generator.
        aanvullen: Keep existing bits and add to them.
    """
    bp = p.belemmeringen
    leeftijd = tabel.kol["leeftijd_maanden"][rijen]
    bits = tabel.kol["belemmeringen"][rijen] if aanvullen else np.zeros(len(rijen), np.uint8)
    behandeld = behandeling(p)
    # The prevalence per month of age, looked up per resident (a few hundred ages, not
    # 100,000 residents, go through the power function).
    maanden = np.arange(int(leeftijd.max()) + 1 if len(leeftijd) else 0)
    for k, naam in enumerate(I.BELEMMERINGEN):
        kans = belemmering_per_leeftijd(
            getattr(bp, f"nieuw_{naam}"), getattr(bp, f"herstel_{naam}"), maanden,
            verdubbel_vanaf=FYSIEK_OUDER_VANAF * 12 if naam == "fysiek" else None,
            extra_herstel=float(behandeld[k]))[leeftijd]
        bits |= ((rng.random(len(rijen)) < kans).astype(np.uint8) << k).astype(np.uint8)
    tabel.kol["belemmeringen"][rijen] = bits
