"""Synthetic municipality at month 0, built from key figures.

:func:`bouw_bevolking` fills an :class:`~agenten.inwoners.InwonerTabel` so that the counts of the
``[gemeente]`` table (inwoners, wwb, wajong, wsw, awbz_extramuraal, wijken) are reproduced
exactly. Bijstand clients get a fase, a klantprofiel and obstacles following Tabel 4.1
(``data/klantprofielen.csv``) by exact allocation (largest remainder), so shares hold to rounding
at any size; their starting trede and benefit duration follow from their obstacles and fase.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

import numpy as np

from agenten import inwoners as I
from simulatie.kern.overgangen import VOLWASSEN_MAANDEN
from simulatie.kern.parameters import Parameters
from simulatie.kern.regels import deeltijd_inkomens
from simulatie.kern.scenario import GemeenteConfig

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
#: Mean years above 18 of Wajong recipients (exponential; Wajong starts young) - assumption.
WAJONG_JAREN_BOVEN_18 = 15
#: Rungs of Wajong recipients without work: uniform 2..4 (assumption).
WAJONG_TREDEN = (2, 4)
#: Youngest age of Wsw employees (assumption; ages uniform up to pension age).
WSW_VANAF = 25
#: Mean years above pension age of the elderly (exponential, capped) - assumption matching the
#: CBS age structure of 67+.
OUDEREN_JAREN_BOVEN_AOW = 11
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
    """Obstacle bitmasks for ``n`` clients of one profile, prevalences exact to rounding.

    A group of size ``min(geen, 1 - max prevalence)`` keeps no obstacle (the source's "geen
    belemmeringen"); each obstacle then goes to exactly ``round(p * n)`` of the others. Unknown
    prevalences ('?' in the source) take the whole-caseload row.

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
    volgorde = rng.permutation(n)
    overig = volgorde[n_geen:]
    for k, p in enumerate(prev):
        m = min(len(overig), int(round(p * n)))
        if m:
            bits[rng.choice(overig, size=m, replace=False)] |= np.uint8(1 << k)
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


def bouw_bevolking(gemeente: GemeenteConfig, p: Parameters,
                   rng: np.random.Generator) -> tuple[I.InwonerTabel, np.ndarray]:
    """Build the residents of month 0.

    Args:
        gemeente: Key figures (counts are reproduced exactly).
        p: Model parameters (``p.bevolking`` mostly).
        rng: The model's random generator.

    Returns:
        The filled table and the relative deprivation of each wijk (used for inflow weights).
    """
    b = p.bevolking
    n = gemeente.inwoners
    tabel = I.InwonerTabel(n)
    k = tabel.kol
    aow = p.demografie.aow_leeftijd

    n_bijstand, n_wajong, n_wsw = gemeente.wwb, gemeente.wajong, gemeente.wsw
    rest = n - n_bijstand - n_wajong - n_wsw
    n_kind = min(rest, int(round(b.aandeel_0_17 * n)))
    n_oud = min(rest - n_kind, int(round(b.aandeel_67plus * n)))
    n_volw = rest - n_kind - n_oud

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
    k["motivatie"][bij] = np.clip(k["motivatie"][bij] - b.motivatie_per_belemmering
                                  * I.aantal_bits(k["belemmeringen"][bij]), MOTIVATIE_MIN, 1)

    # --- Wajong, Wsw ---
    sl = blok["wajong"]
    m = sl.stop - sl.start
    k["leeftijd_maanden"][sl] = np.minimum(
        VOLWASSEN_MAANDEN + rng.exponential(WAJONG_JAREN_BOVEN_18 * 12, size=m),
        (aow - 1) * 12).astype(np.int16)
    k["inkomensbron"][sl] = I.WAJONG
    werkt = rng.random(m) < b.aandeel_wajong_werkend
    k["trede"][sl] = np.where(werkt, 5, rng.integers(WAJONG_TREDEN[0], WAJONG_TREDEN[1] + 1,
                                                     size=m))
    k["belemmeringen"][sl] = np.where(rng.random(m) < b.aandeel_psychisch_wajong_wsw,
                                      I.PSYCHISCH, I.FYSIEK)
    sl = blok["wsw"]
    k["leeftijd_maanden"][sl] = _leeftijd_uniform(rng, sl.stop - sl.start, WSW_VANAF, aow - 1)
    k["inkomensbron"][sl] = I.WSW
    k["trede"][sl] = 5
    k["belemmeringen"][sl] = np.where(rng.random(sl.stop - sl.start)
                                      < b.aandeel_psychisch_wajong_wsw, I.PSYCHISCH, I.FYSIEK)

    # --- children, elderly, other adults ---
    sl = blok["kind"]
    k["leeftijd_maanden"][sl] = _leeftijd_uniform(rng, sl.stop - sl.start, 0,
                                                  VOLWASSEN_MAANDEN // 12 - 1)
    k["huishouden"][sl] = I.KIND
    k["inkomensbron"][sl] = I.GEEN
    sl = blok["oud"]
    m = sl.stop - sl.start
    k["leeftijd_maanden"][sl] = np.minimum(
        aow * 12 + rng.exponential(OUDEREN_JAREN_BOVEN_AOW * 12, size=m),
        MAX_LEEFTIJD * 12).astype(np.int16)
    k["inkomensbron"][sl] = I.AOW
    k["trede"][sl] = 3
    sl = blok["volw"]
    m = sl.stop - sl.start
    k["leeftijd_maanden"][sl] = _leeftijd_uniform(rng, m, VOLWASSEN_MAANDEN // 12, aow - 1)
    u = rng.random(m)
    bron = np.where(u < b.aandeel_werkend, I.WERK,
                    np.where(u < b.aandeel_werkend + b.aandeel_ww, I.WW, I.GEEN))
    k["inkomensbron"][sl] = bron
    k["ww_duur"][sl] = np.where(bron == I.WW, rng.integers(1, p.levensgebeurtenissen.ww_max_duur
                                                          + 1, size=m), 0)
    aandelen = [b.aandeel_alleenstaand_volwassen, b.aandeel_ouder_volwassen,
                1.0 - b.aandeel_alleenstaand_volwassen - b.aandeel_ouder_volwassen]
    k["huishouden"][sl] = rng.choice(np.array([I.ALLEENSTAAND, I.ALLEENSTAANDE_OUDER, I.PAAR],
                                              dtype=np.int8), size=m, p=aandelen)
    k["trede"][sl] = np.select([bron == I.WERK, bron == I.WW], [6, 4], 3)
    for rijen in (blok["wajong"], blok["wsw"], blok["oud"]):
        k["huishouden"][rijen] = np.where(
            rng.random(rijen.stop - rijen.start) < b.aandeel_paar_uitkering, I.PAAR,
            I.ALLEENSTAAND)

    # --- obstacles outside bijstand: stationary prevalence of the hazards ---
    belemmeringen_bevolking(tabel, np.arange(blok["oud"].start, blok["volw"].stop), p, rng)
    belemmeringen_bevolking(tabel, np.arange(blok["wajong"].start, blok["wsw"].stop), p, rng,
                             aanvullen=True)

    # --- wijken: sizes vary; bijstand concentrates in deprived wijken ---
    w = gemeente.wijken
    grootte = rng.dirichlet(np.full(w, WIJK_CONCENTRATIE))
    achterstand = rng.lognormal(0.0, ACHTERSTAND_SPREIDING, size=w)
    k["wijk"][:n] = rng.choice(w, size=n, p=grootte)
    pb = grootte * achterstand
    k["wijk"][bij] = rng.choice(w, size=len(bij), p=pb / pb.sum())

    # --- AWBZ extramural care: exact count, mostly the very old and disabled ---
    leeftijd = k["leeftijd_maanden"][:n] // 12
    gewicht = np.select([leeftijd >= 80, leeftijd >= 67, k["inkomensbron"][:n] == I.WAJONG,
                         (k["belemmeringen"][:n] & I.PSYCHISCH) > 0,
                         leeftijd >= VOLWASSEN_MAANDEN // 12], AWBZ_GEWICHT, AWBZ_GEWICHT_KIND)
    kies = rng.choice(n, size=gemeente.awbz_extramuraal, replace=False, p=gewicht / gewicht.sum())
    k["awbz_extramuraal"][kies] = True

    # Shuffle rows so that blocks carry no meaning, then give ids in row order.
    perm = rng.permutation(n)
    for arr in k.values():
        arr[:n] = arr[:n][perm]
    k["id"][:n] = np.arange(n)
    k["actief"][:n] = True
    return tabel, achterstand


def belemmeringen_bevolking(tabel: I.InwonerTabel, rijen: np.ndarray, p: Parameters,
                             rng: np.random.Generator, aanvullen: bool = False) -> None:
    """Give residents outside bijstand the stationary prevalence h / (h + r) of each obstacle.

    Args:
        tabel: The resident table.
        rijen: Rows to fill.
        p: Parameters (hazards ``nieuw_*`` and resolutions ``herstel_*``).
        rng: Random generator.
        aanvullen: Keep existing bits and add to them.
    """
    bp = p.belemmeringen
    leeftijd = tabel.kol["leeftijd_maanden"][rijen] // 12
    bits = tabel.kol["belemmeringen"][rijen] if aanvullen else np.zeros(len(rijen), np.uint8)
    for k, naam in enumerate(I.BELEMMERINGEN):
        h, r = getattr(bp, f"nieuw_{naam}"), getattr(bp, f"herstel_{naam}")
        hv = np.where((leeftijd >= FYSIEK_OUDER_VANAF) & (naam == "fysiek"), 2 * h, h)
        kans = hv / (hv + r)
        bits |= ((rng.random(len(rijen)) < kans).astype(np.uint8) << k).astype(np.uint8)
    tabel.kol["belemmeringen"][rijen] = bits
