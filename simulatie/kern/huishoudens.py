"""Households as linked units: who lives with whom, at month 0 and through the months.

A household is the set of active residents sharing a ``huishouden_id``; it has no row of its
own, so a household whose last member leaves no longer exists, and compacting the table keeps
every id valid. A member's ``huishouden`` column is its role in the household:
``alleenstaand`` (living alone),
``alleenstaande_ouder`` (the one parent of the children at home), ``paar`` (one of the two
partners of a couple), ``thuiswonend_kind`` (a child at home, of any age) and ``overig_lid``
(an adult sharing a home with adults who are not a partner or parent). The type of a
household follows from its members (:func:`huishoudtype`): ``alleenstaand`` (one member),
``paar_zonder_kinderen``, ``paar_met_kinderen`` (two partners, no other adult in another role,
with or without children at home), ``eenouder`` (one parent and children) and ``overig``
(everything else, e.g. adult siblings without a parent).

Invariants that every change keeps (``tests/test_huishoudens.py`` checks them after every
month): every active resident has the id of a household; a household with a partner has exactly
two partners and, besides them, only children; a single parent is the one member besides the
children; someone ``alleenstaand`` lives alone; every child under 18 lives with someone aged 18
or older; the members of a household live in one wijk.

Main functions:
    * :func:`vorm_huishoudens` - month 0: roles and households that give the CBS household shares
      (``bevolking.huishoudens_*``) at the CBS mean size (``bevolking.huishoudensgrootte``),
      keeping the roles of bijstand clients;
    * :func:`leden`, :func:`partners` - the rows of some households, the partner of a partner;
    * :func:`herstel` - after members left: a lone partner lives on alone (or as a single parent)
      and children without an adult move to another household or out of the municipality;
    * :func:`samenvatting` - one row per household for the outputs;
    * :func:`regelingen` - the schemes each household uses, for the monthly outputs.
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import wiskunde
from simulatie.kern.parameters import Parameters
from simulatie.kern.rijen import volgorde

#: Household types, in the order of their codes (:func:`huishoudtype`).
TYPEN = ("alleenstaand", "paar_zonder_kinderen", "paar_met_kinderen", "eenouder", "overig")
ALLEEN, PAAR_ZONDER, PAAR_MET, EENOUDER, OVERIG = range(5)

#: Age in months from which a member counts as an adult who can look after children.
VOLWASSEN_MAANDEN = 18 * 12

#: Share of adults living with a partner by age (years): the relative weight of being one of
#: the partners at month 0 (aanname, in the shape of CBS StatLine 37620 2024: few partners
#: before 25, about three in four from 35 to 70, fewer at high ages after a partner's death).
PARTNER_LEEFTIJD = (18, 22, 25, 30, 35, 70, 78, 85, 95)
PARTNER_AANDEEL = (0.03, 0.15, 0.4, 0.6, 0.72, 0.75, 0.62, 0.4, 0.15)
#: Relative weight by age (years) of a parent at home with children (single parents and the
#: couples who have children), at month 0 (aanname: CBS mothers are 30 at their first child
#: on average; children leave home at about 23).
OUDER_LEEFTIJD = (18, 22, 30, 40, 50, 58, 67)
OUDER_GEWICHT = (0.0, 0.2, 0.8, 1.0, 0.7, 0.15, 0.0)
#: Mean and spread (years) of a parent's age at the birth of a child, for matching children to
#: the families of month 0 (CBS: mothers about 31 at a birth).
OUDER_LEEFTIJDSVERSCHIL = (31.0, 4.5)
#: Oldest age (years) of a child at home at month 0.
KIND_THUIS_TOT = 35
#: Relative weight of income sources for the partner of a bijstand client at month 0: mostly
#: without an income of their own (a couple on bijstand is one benefit unit; aanname).
PARTNER_BIJSTAND_GEWICHT = {I.GEEN: 1.0, I.WERK: 0.05, I.WW: 0.05}


# ---- month 0 ---------------------------------------------------------------------------------

def _trek(rng: np.random.Generator, kandidaten: np.ndarray, gewicht: np.ndarray,
          k: int) -> np.ndarray:
    """``k`` candidates drawn without replacement in proportion to their weights.

    Efraimidis-Spirakis: the ``k`` smallest keys E / w (E exponential) are a weighted sample
    without replacement. Candidates with weight 0 are never drawn; fewer than ``k`` with a
    positive weight are all returned.
    """
    positief = gewicht > 0
    kandidaten, gewicht = kandidaten[positief], gewicht[positief]
    if k <= 0:
        return kandidaten[:0]
    if k >= len(kandidaten):
        return kandidaten
    sleutel = rng.exponential(size=len(kandidaten)) / gewicht
    # argpartition leaves the k smallest in an order that depends on the CPU's sort kernel
    # (AVX-512 or not): sorted by key, the draw is the same everywhere
    gekozen = np.argpartition(sleutel, k - 1)[:k]
    return kandidaten[gekozen[volgorde(sleutel[gekozen])]]


def _koppel_op_leeftijd(a: np.ndarray, b: np.ndarray, leeftijd: np.ndarray,
                        rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Pair two equally long groups of rows by rank of age (with a little noise)."""
    ruis_a = leeftijd[a] + rng.normal(0.0, 24.0, size=len(a))
    ruis_b = leeftijd[b] + rng.normal(0.0, 24.0, size=len(b))
    return a[volgorde(ruis_a)], b[volgorde(ruis_b)]


def _vorm_paren(rng: np.random.Generator, rijen: np.ndarray, leeftijd: np.ndarray,
                geslacht: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Couples from a group of partners: men with women by rank of age, the rest among each other.

    Returns:
        The two partners of each couple and the one row left over (empty or one row).
    """
    man, vrouw = rijen[geslacht[rijen] == 0], rijen[geslacht[rijen] == 1]
    m = min(len(man), len(vrouw))
    man, vrouw = rng.permutation(man), rng.permutation(vrouw)
    a, b = _koppel_op_leeftijd(man[:m], vrouw[:m], leeftijd, rng)
    rest = np.concatenate([man[m:], vrouw[m:]])
    rest = rest[volgorde(leeftijd[rest] + rng.normal(0.0, 24.0, size=len(rest)))]
    even = len(rest) // 2 * 2
    return (np.concatenate([a, rest[0:even:2]]), np.concatenate([b, rest[1:even:2]]),
            rest[even:])


def type_aandelen(p: Parameters) -> np.ndarray:
    """The household shares of month 0 by type (:data:`TYPEN`), the parameters normalised.

    Raises:
        ValueError: When every share is 0.
    """
    b = p.bevolking
    aandelen = np.array([b.huishoudens_alleenstaand, b.huishoudens_paar_zonder_kinderen,
                         b.huishoudens_paar_met_kinderen, b.huishoudens_eenouder,
                         b.huishoudens_overig])
    if aandelen.sum() <= 0:
        raise ValueError("parameters.bevolking.huishoudens_*: at least one household share must "
                         "be above 0")
    return aandelen / aandelen.sum()


def vorm_huishoudens(tabel: I.InwonerTabel, bijstand: np.ndarray, kinderen: np.ndarray,
                     overig: np.ndarray, h: np.ndarray, p: Parameters,
                     rng: np.random.Generator, achterstand: np.ndarray,
                     grootte: np.ndarray) -> None:
    """Give every resident of month 0 a role and a household (and each household one wijk).

    The number of households is the population over the mean size
    (``bevolking.huishoudensgrootte``), split by type with the CBS shares
    (``bevolking.huishoudens_*``). Bijstand clients keep their roles (Tabel 4.1 single parents,
    ``aandeel_paar_bijstand``): single clients live alone, a client in a couple has a partner
    outside bijstand (mostly without income: a couple on bijstand is one benefit unit, so the
    key figure counts the client only), a single parent has children. The roles of the other
    adults are drawn by age to fill the remaining households: first the adult children who
    still live with their parents (as many as the mean size leaves: ``uit_huis_per_jaar``
    shapes their ages), then single parents (mostly women), partners (by the share living
    with a partner at each age), pairs of adults in 'overig' households; the rest live alone.
    Couples are formed by rank of age (men with women where the numbers allow). The couples
    with children are drawn by age; children 0-17 and the adult children are matched to
    families by age (a parent about :data:`OUDER_LEEFTIJDSVERSCHIL` years older), every
    family gets at least one.

    Where the roles of bijstand clients or the number of children make a share impossible
    (e.g. more single parents in bijstand than the share allows, or fewer children than
    families), the nearest feasible households are formed.

    Args:
        tabel: The residents (ages, sexes, incomes and the bijstand roles set).
        bijstand: Rows of bijstand clients.
        kinderen: Rows of the children 0-17.
        overig: Rows of the other adults (Wajong, Wsw, AOW, others).
        h: Number of households of each type (:data:`TYPEN`) to aim at.
        p: Parameters.
        rng: The build's generator.
        achterstand: Deprivation of each wijk (bijstand households concentrate there).
        grootte: Relative size of each wijk.
    """
    b = p.bevolking
    k = tabel.kol
    n = len(bijstand) + len(kinderen) + len(overig)
    leeftijd = k["leeftijd_maanden"]
    jaar = leeftijd[overig] / 12.0
    rol_b = k["huishouden"][bijstand]
    b_alleen = bijstand[rol_b == I.ALLEENSTAAND]
    b_ouder = bijstand[rol_b == I.ALLEENSTAANDE_OUDER]
    b_paar = bijstand[rol_b == I.PAAR]

    # --- how many households of each type, and so how many adults in each role ---
    if tabel.volgend_huishouden != 0:
        raise ValueError("vorm_huishoudens builds the households of a new table")
    paren = max(int(h[1] + h[2]), len(b_paar))
    n_partner = 2 * paren - len(b_paar)
    n_ouder = max(0, int(h[3]) - len(b_ouder))
    n_alleen = max(0, int(h[0]) - len(b_alleen))
    n_overig = 2 * int(h[4])
    nodig = n_partner + n_ouder + n_alleen + n_overig
    if nodig > len(overig):  # too few adults for these households: fewer of each
        f = len(overig) / nodig
        n_partner = min(int(n_partner * f) + len(b_paar) % 2, len(overig))
        n_ouder, n_alleen = int(n_ouder * f), int(n_alleen * f)
        n_overig = int(n_overig * f) // 2 * 2
    n_kind_thuis = max(0, len(overig) - n_partner - n_ouder - n_alleen - n_overig)

    # --- roles of the other adults, drawn by age ---
    vrij = np.ones(len(overig), dtype=bool)
    pos = np.arange(len(overig))

    def kies(gewicht: np.ndarray, aantal: int) -> np.ndarray:
        gekozen = _trek(rng, pos[vrij], gewicht[vrij], aantal)
        vrij[gekozen] = False
        return gekozen

    thuis_kans = wiskunde.macht(1.0 - p.demografie.uit_huis_per_jaar, jaar - 18.0)
    bron = k["inkomensbron"][overig]
    thuis = kies(np.where((jaar < KIND_THUIS_TOT) & (bron != I.AOW), thuis_kans, 0.0),
                 n_kind_thuis)
    ouder_gewicht = np.interp(jaar, OUDER_LEEFTIJD, OUDER_GEWICHT)
    vrouw = k["geslacht"][overig] == 1
    ouders = kies(ouder_gewicht * np.where(vrouw, b.aandeel_vrouw_alleenstaande_ouder,
                                           1.0 - b.aandeel_vrouw_alleenstaande_ouder), n_ouder)
    # Partners of bijstand clients first (mostly without income), then the other partners.
    partner_gewicht = np.interp(jaar, PARTNER_LEEFTIJD, PARTNER_AANDEEL)
    voor_bijstand = np.zeros(len(overig))
    for code, w in PARTNER_BIJSTAND_GEWICHT.items():
        voor_bijstand[bron == code] = w
    p_bijstand = kies(voor_bijstand * partner_gewicht, min(len(b_paar), n_partner))
    partners = kies(partner_gewicht, n_partner - len(p_bijstand))
    rest = pos[vrij]
    samen = rng.permutation(rest)[:n_overig]
    vrij[samen] = False
    alleen = pos[vrij]
    overig_rij = overig  # positions in `overig` -> rows (too few young adults to be the
    # children at home: the others live alone, so one-person households are then more)

    # --- couples ---
    lm = leeftijd.astype(np.float64)
    b_paar = b_paar[volgorde(lm[b_paar] + rng.normal(0.0, 24.0, size=len(b_paar)))]
    p_b = overig_rij[p_bijstand]
    p_b = p_b[volgorde(lm[p_b] + rng.normal(0.0, 24.0, size=len(p_b)))]
    zonder_partner = b_paar[len(p_b):]  # only when adults ran out
    paar_a, paar_b, los = _vorm_paren(rng, overig_rij[partners], lm, k["geslacht"])
    paar_a = np.concatenate([b_paar[:len(p_b)], paar_a])
    paar_b = np.concatenate([p_b, paar_b])

    # --- families: couples with children and single parents, and their children ---
    # (children need somewhere to live: at least one couple has them if nobody else can)
    n_met = min(max(int(h[2]), int(len(kinderen) > 0 and len(b_ouder) + len(ouders) == 0)),
                len(paar_a))
    gem = (lm[paar_a] + lm[paar_b]) / 24.0
    met = _trek(rng, np.arange(len(paar_a)), np.interp(gem, OUDER_LEEFTIJD, OUDER_GEWICHT)
                + 1e-6, n_met)
    alle_ouders = np.concatenate([b_ouder, overig_rij[ouders]])
    kind_rijen = np.concatenate([kinderen, overig_rij[thuis]])
    # Fewer children than families: the couples first, then single parents, go without.
    n_gezin = len(met) + len(alle_ouders)
    if len(kind_rijen) < n_gezin:
        tekort = n_gezin - len(kind_rijen)
        weg = min(tekort, len(met))
        met = met[: len(met) - weg]
        alle_ouders = alle_ouders[: len(alle_ouders) - (tekort - weg)]
        n_gezin = len(met) + len(alle_ouders)

    # Household ids: singles, couples, single parents, pairs of other adults.
    alleen_rijen = np.concatenate([b_alleen, overig_rij[alleen], los, zonder_partner])
    ouders_zonder = np.setdiff1d(np.concatenate([b_ouder, overig_rij[ouders]]), alle_ouders,
                                 assume_unique=True)
    alleen_rijen = np.concatenate([alleen_rijen, ouders_zonder])
    n_h = len(alleen_rijen) + len(paar_a) + len(alle_ouders) + len(samen) // 2
    ids = tabel.nieuwe_huishoudens(n_h)
    hid = k["huishouden_id"]
    rol = k["huishouden"]
    i = 0
    hid[alleen_rijen] = ids[i:i + len(alleen_rijen)]
    i += len(alleen_rijen)
    rol[overig_rij[alleen]] = I.ALLEENSTAAND
    rol[los] = I.ALLEENSTAAND
    rol[zonder_partner] = I.ALLEENSTAAND
    paar_id = ids[i:i + len(paar_a)]
    i += len(paar_a)
    hid[paar_a] = paar_id
    hid[paar_b] = paar_id
    rol[paar_a] = I.PAAR
    rol[paar_b] = I.PAAR
    ouder_id = ids[i:i + len(alle_ouders)]
    i += len(alle_ouders)
    hid[alle_ouders] = ouder_id
    rol[overig_rij[ouders]] = I.ALLEENSTAANDE_OUDER
    samen_rij = overig_rij[samen]
    samen_id = ids[i:i + len(samen) // 2]
    hid[samen_rij[0::2][: len(samen_id)]] = samen_id
    hid[samen_rij[1::2][: len(samen_id)]] = samen_id
    rol[samen_rij] = I.OVERIG_LID
    rol[kind_rijen] = I.KIND

    # Children to families by age: each family at least one, the others spread at random.
    gezin_id = np.concatenate([paar_id[met], ouder_id])
    gezin_leeftijd = np.concatenate([gem[met], lm[alle_ouders] / 12.0])
    if len(kind_rijen) and n_gezin == 0:
        raise ValueError("no couple or single parent for the children to live with: the "
                         "household shares leave no family")
    if n_gezin:
        extra = rng.multinomial(len(kind_rijen) - n_gezin, np.full(n_gezin, 1.0 / n_gezin))
        orde = volgorde(gezin_leeftijd + rng.normal(0.0, 1.0, size=n_gezin))
        plaatsen = np.repeat(orde, 1 + extra[orde])
        doel = lm[kind_rijen] / 12.0 + np.clip(
            rng.normal(*OUDER_LEEFTIJDSVERSCHIL, size=len(kind_rijen)), 18.0, 45.0)
        hid[kind_rijen[volgorde(doel)]] = gezin_id[plaatsen]

    # One wijk per household: households with a bijstand client in deprived wijken.
    lokaal = hid[:n].astype(np.int64)
    aantal = tabel.volgend_huishouden
    met_bijstand = np.bincount(lokaal[bijstand], minlength=aantal) > 0
    pb = grootte * achterstand
    wijk_h = np.where(met_bijstand, rng.choice(len(grootte), size=aantal, p=pb / pb.sum()),
                      rng.choice(len(grootte), size=aantal, p=grootte))
    k["wijk"][:n] = wijk_h[lokaal]


# ---- households of rows ------------------------------------------------------------------

#: Age in months from which a member of the home is a kostendeler (Participatiewet art. 19a:
#: persons of 21 or older in the same home; students with student finance are not modelled).
KOSTENDELER_VANAF = 21 * 12


def kostendelers(tabel: I.InwonerTabel, rijen: np.ndarray,
                 alle: np.ndarray | None = None) -> np.ndarray:
    """The number of kostendelers in each resident's household (21 or older, itself included).

    Args:
        tabel: The residents.
        rijen: Residents (rows).
        alle: The members of their households if known (:func:`leden`), else looked up.
    """
    if len(rijen) == 0:
        return np.zeros(0, dtype=np.int64)
    hid = tabel.huishouden_id
    if alle is None:
        alle = leden(tabel, hid[rijen])
    eigen, aantal = np.unique(hid[alle[tabel.leeftijd_maanden[alle] >= KOSTENDELER_VANAF]],
                              return_counts=True)
    if len(eigen) == 0:
        return np.zeros(len(rijen), dtype=np.int64)
    pos = np.minimum(np.searchsorted(eigen, hid[rijen]), len(eigen) - 1)
    return np.where(eigen[pos] == hid[rijen], aantal[pos], 0)


def norm(tabel: I.InwonerTabel, rijen: np.ndarray, p: Parameters,
         alle: np.ndarray | None = None) -> np.ndarray:
    """The monthly bijstand norm of each recipient's benefit unit (Participatiewet art. 21-22a).

    A single (or a single parent) alone in the home gets its own norm; a couple alone gets the
    couple norm (one benefit per household: the means test of verb signaleren). Where the home
    holds more kostendelers (members of 21 or older: adult children, other members), the
    kostendelersnorm applies: ``(40 + 30 A) / (100 A)`` of the couple norm per person, for a
    couple twice that, with A the number of kostendelers (art. 22a; at A = 1 this is the single
    norm, 70% of the couple norm). ``alle``: the members of the recipients' households if known.
    """
    kp = p.kosten
    rol = tabel.huishouden[rijen]
    eigen = np.array([kp.norm_alleenstaand, kp.norm_alleenstaande_ouder, kp.norm_paar,
                      kp.norm_alleenstaand, kp.norm_alleenstaand])[rol]
    a = kostendelers(tabel, rijen, alle)
    paar = rol == I.PAAR
    gedeeld = np.where(paar, a > 2, a > 1)
    per_persoon = (40.0 + 30.0 * a) / (100.0 * np.maximum(a, 1)) * kp.norm_paar
    return np.where(gedeeld, np.where(paar, 2.0, 1.0) * per_persoon, eigen)


#: Wmo provisions for care (not a hulpmiddel): a member who needs one needs care at home.
ZORG_BITS = np.uint8(I.HH | I.BEGELEIDING | I.DAGBESTEDING)


def zorg_in_huishouden(tabel: I.InwonerTabel) -> tuple[np.ndarray, np.ndarray]:
    """Per household id: its members who need care, and those whose care is provided.

    A member needs care with AWBZ extramural care, with a Wmo provision for care (hh,
    begeleiding, dagbesteding) needed, applied for, waited for or in use, or as a child waiting
    for or in youth care. The care is provided (it relieves the household) with such a Wmo
    provision in use or youth care started.

    Returns:
        ``(vraag, verzorgd)``: per household id, the number of members of each kind; see
        :func:`andere_leden` for the count without the resident itself.
    """
    t = tabel
    vraag, verzorgd = _zorgvrager(t, slice(None))
    n = t.volgend_huishouden + 1
    hid = t.huishouden_id
    return (np.bincount(hid[vraag & t.actief], minlength=n),
            np.bincount(hid[verzorgd & t.actief], minlength=n))


def _zorgvrager(t: I.InwonerTabel, rijen: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
    """Whether each resident needs care, and whether that care is provided."""
    zorg, jeugd = t.zorg[rijen], t.jeugdhulp[rijen]
    bits = (zorg | t.wacht[rijen] | t.wmo_behoefte[rijen] | t.wmo_aanvraag[rijen]) & ZORG_BITS
    vraag = t.awbz_extramuraal[rijen] | (bits > 0) | (jeugd != I.JEUGD_GEEN)
    return vraag, ((zorg & ZORG_BITS) > 0) | (jeugd == I.JEUGD_ZORG)


def andere_leden(tabel: I.InwonerTabel, rijen: np.ndarray,
                 zorg: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Whether another member of each resident's household needs care, and has it provided.

    Args:
        tabel: The residents.
        rijen: Residents (rows).
        zorg: :func:`zorg_in_huishouden` of the table.
    """
    vraag, verzorgd = zorg
    hid = tabel.huishouden_id[rijen]
    zelf_vraag, zelf_verzorgd = _zorgvrager(tabel, rijen)
    return vraag[hid] - zelf_vraag > 0, verzorgd[hid] - zelf_verzorgd > 0


def in_huishoudens(tabel: I.InwonerTabel, rijen: np.ndarray,
                   huishoudens: np.ndarray) -> np.ndarray:
    """Whether the household of each of ``rijen`` is one of ``huishoudens`` (ids, may repeat).

    As ``np.isin(tabel.huishouden_id[rijen], huishoudens)``, with a flag per household id
    (the extra last flag, never set, is that of :data:`~agenten.inwoners.GEEN_HUISHOUDEN`).
    """
    return _vlag(tabel, huishoudens).take(tabel.huishouden_id[rijen])


def _vlag(tabel: I.InwonerTabel, huishoudens: np.ndarray) -> np.ndarray:
    """A flag per household id (and a last one, never set, for ``GEEN_HUISHOUDEN``)."""
    vlag = np.zeros(tabel.volgend_huishouden + 1, dtype=bool)
    vlag[huishoudens] = True
    return vlag


def leden(tabel: I.InwonerTabel, huishoudens: np.ndarray) -> np.ndarray:
    """Active rows whose household is one of ``huishoudens`` (increasing)."""
    return np.flatnonzero(_vlag(tabel, huishoudens).take(tabel.huishouden_id) & tabel.actief)


#: Income sources of a partner that count in the household's means test for bijstand.
EIGEN_INKOMEN = np.array([I.WERK, I.WW, I.WAJONG, I.WSW, I.AOW], dtype=np.int8)
#: Per income source, whether it is one of :data:`EIGEN_INKOMEN`; one entry more for "no
#: partner" (-1, which indexes the last).
_EIGEN_VLAG = np.zeros(len(I.INKOMENSBRONNEN) + 1, dtype=bool)
_EIGEN_VLAG[EIGEN_INKOMEN] = True


def eigen_inkomen(bron: np.ndarray) -> np.ndarray:
    """Whether each partner's income source (-1: no partner) is one of :data:`EIGEN_INKOMEN`.

    As ``np.isin(bron, EIGEN_INKOMEN)`` by a table look-up (called for small groups each
    month, where ``isin``'s fixed cost dominates).
    """
    return _EIGEN_VLAG[bron]


def partner_inkomen(tabel: I.InwonerTabel, rijen: np.ndarray,
                    alle: np.ndarray | None = None) -> np.ndarray:
    """The income source of each resident's partner (-1: no partner in the household).

    ``alle``: the members of the residents' households if known (:func:`leden`), else looked up.
    """
    uit = np.full(len(rijen), -1, dtype=np.int8)
    paar = np.flatnonzero(tabel.huishouden[rijen] == I.PAAR)
    if len(paar) == 0:
        return uit
    partner = partners(tabel, rijen[paar], alle)
    heeft = partner >= 0
    p = partner[heeft]
    uit[paar[heeft]] = np.where(tabel.actief[p], tabel.inkomensbron[p], -1)
    return uit


def recht(tabel: I.InwonerTabel, rijen: np.ndarray, p: Parameters) -> np.ndarray:
    """Chance that each resident would be entitled on losing its income: the means test.

    Bijstand is a household benefit: 0 beside a partner in bijstand (the household has it),
    ``recht_met_partnerinkomen`` beside a partner with an income of its own (only an income
    below the norm leaves entitlement), 1 otherwise.
    """
    bron = partner_inkomen(tabel, rijen)
    return np.where(bron == I.BIJSTAND, 0.0,
                    np.where(eigen_inkomen(bron),
                             p.signaleren.recht_met_partnerinkomen, 1.0))


def partners(tabel: I.InwonerTabel, rijen: np.ndarray,
             alle: np.ndarray | None = None) -> np.ndarray:
    """The row of each partner's partner (-1 where the household holds no other partner).

    Args:
        tabel: The residents.
        rijen: Rows of partners.
        alle: The members of their households if known (:func:`leden`), else looked up.
    """
    uit = np.full(len(rijen), -1, dtype=np.int64)
    if len(rijen) == 0:
        return uit
    hid = tabel.huishouden_id
    if alle is None:
        alle = leden(tabel, hid[rijen])
    alle = alle[tabel.huishouden[alle] == I.PAAR]
    if len(alle) == 0:
        return uit
    alle = alle[np.argsort(hid[alle], kind="stable")]
    h = hid[alle]
    eerste = np.searchsorted(h, hid[rijen])
    tweede = eerste + 1
    geldig = (eerste < len(alle)) & (tweede < len(alle))
    geldig[geldig] &= h[np.minimum(tweede[geldig], len(alle) - 1)] == hid[rijen][geldig]
    a, b = alle[np.minimum(eerste, len(alle) - 1)], alle[np.minimum(tweede, len(alle) - 1)]
    uit[geldig] = np.where(a[geldig] == rijen[geldig], b[geldig], a[geldig])
    return uit


def _tellingen(tabel: I.InwonerTabel, rijen: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per household of ``rijen``: index of each row, and the counts of its members.

    Returns:
        ``(ids, index, grootte, partners, kinderen, volwassenen)``: the distinct household
        ids, each row's position in them, members, partners, children at home (any age) and
        members aged 18+.
    """
    ids, index = np.unique(tabel.huishouden_id[rijen], return_inverse=True)
    rol = tabel.huishouden[rijen]
    m = len(ids)
    grootte = np.bincount(index, minlength=m)
    paar = np.bincount(index, weights=rol == I.PAAR, minlength=m)
    kind = np.bincount(index, weights=rol == I.KIND, minlength=m)
    volw = np.bincount(index, weights=tabel.leeftijd_maanden[rijen] >= VOLWASSEN_MAANDEN,
                       minlength=m)
    return ids, index, grootte, paar, kind, volw


def huishoudtype(grootte: np.ndarray, paar: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """The type code (:data:`TYPEN`) of households from their member counts."""
    ander = grootte - paar - kind
    return np.select([grootte == 1, (paar == 2) & (ander == 0) & (kind == 0),
                      (paar == 2) & (ander == 0) & (kind > 0),
                      (paar == 0) & (ander == 1) & (kind > 0)],
                     [ALLEEN, PAAR_ZONDER, PAAR_MET, EENOUDER], OVERIG).astype(np.int8)


# ---- keeping households whole -------------------------------------------------------------

def nieuw_huishouden(tabel: I.InwonerTabel, rijen: np.ndarray) -> None:
    """Each of the rows starts a household of its own."""
    tabel.kol["huishouden_id"][rijen] = tabel.nieuwe_huishoudens(len(rijen))


def herstel(model: object, huishoudens: np.ndarray, rng: np.random.Generator,
            alle: np.ndarray | None = None) -> np.ndarray:
    """Make households whole again after members died or left.

    A partner whose partner left lives on as a single parent when children are at home, else
    alone. A household without a parent or partner left: a lone adult child lives alone; when
    no member aged 18+ is left the children move, together, to another household in the
    municipality with chance ``demografie.wees_in_gemeente`` (a random couple or single parent,
    aged 25-60: family or foster care) or leave the municipality.

    Args:
        model: The model (``tabel``, ``p``).
        huishoudens: Ids of the households that lost members (may repeat).
        rng: The generator for the household draws (see verb demografie).
        alle: Rows that include every member of those households (:func:`leden` of a
            superset), if known; else they are looked up.

    Returns:
        Rows of the children who leave the municipality (the caller lets them leave and counts
        them).
    """
    t = model.tabel  # type: ignore[attr-defined]
    if alle is None:
        rijen = leden(t, huishoudens)
    else:
        rijen = alle[in_huishoudens(t, alle, huishoudens) & t.actief[alle]]
    if len(rijen) == 0:
        return rijen
    k = t.kol
    ids, index, grootte, paar, kind, volw = _tellingen(t, rijen)
    rol = k["huishouden"]
    # A lone partner: single parent with children at home, else single.
    los = rijen[(paar[index] == 1) & (rol[rijen] == I.PAAR)]
    rol[los] = np.where(kind[index][np.searchsorted(rijen, los)] > 0, I.ALLEENSTAANDE_OUDER,
                        I.ALLEENSTAAND)
    # A lone child at home aged 18+, or a lone other member: lives alone.
    rol[rijen[(grootte[index] == 1) & ((rol[rijen] == I.KIND) | (rol[rijen] == I.OVERIG_LID))
              & (t.leeftijd_maanden[rijen] >= VOLWASSEN_MAANDEN)]] = I.ALLEENSTAAND
    # Children without anyone aged 18+.
    zonder = np.flatnonzero(volw == 0)
    if len(zonder) == 0:
        return rijen[:0]
    blijft = rng.random(len(zonder)) < model.p.demografie.wees_in_gemeente  # type: ignore[attr-defined]
    gastheer = _gastheren(t, int(blijft.sum()), rng)
    if len(gastheer) < blijft.sum():  # nobody to take them in: they leave
        blijft[np.flatnonzero(blijft)[len(gastheer):]] = False
    nieuw_id = np.full(len(ids), -1, dtype=np.int64)
    nieuw_wijk = np.zeros(len(ids), dtype=k["wijk"].dtype)
    nieuw_id[zonder[blijft]] = k["huishouden_id"][gastheer]
    nieuw_wijk[zonder[blijft]] = k["wijk"][gastheer]
    verhuist = rijen[(volw[index] == 0) & (nieuw_id[index] >= 0)]
    k["huishouden_id"][verhuist] = nieuw_id[index][np.searchsorted(rijen, verhuist)]
    k["wijk"][verhuist] = nieuw_wijk[index][np.searchsorted(rijen, verhuist)]
    weg = rijen[(volw[index] == 0) & (nieuw_id[index] < 0)]
    return weg


#: Width (years) of the age bands in which the number of partners is kept (:func:`samenwonen`).
PAREN_BAND_JAREN = 5
#: Months between two rounds of couples forming, and the share of the shortfall of partners
#: in a band closed in a round (aanname: within about half a year, so the couples that end are
#: replaced without a lasting gap; a round every quarter because counting the partners of
#: every band costs a pass over the table).
PAREN_ELKE_MAANDEN = 3
PAREN_AANVULLING = 0.5


#: Age band of every age in months (the last band, 115+, open).
_BAND = np.minimum(np.arange(np.iinfo(np.int16).max + 1) // (12 * PAREN_BAND_JAREN),
                   23).astype(np.uint8)


def partners_per_band(tabel: I.InwonerTabel) -> np.ndarray:
    """Active partners by age band of :data:`PAREN_BAND_JAREN` years (the last band open)."""
    paar = ((tabel.huishouden == I.PAAR) & tabel.actief).view(np.uint8)
    # One count over band + 24 x partner (cheaper than selecting the partners first).
    return np.bincount(_BAND.take(tabel.leeftijd_maanden) + np.uint8(24) * paar,
                       minlength=48)[24:]


def samenwonen(model: object, profiel: np.ndarray, rng: np.random.Generator) -> int:
    """New couples where an age band has fewer partners than at month 0.

    Couples end (divorce, death, a move) and their partners age; without forming new ones the
    young would live alone ever more. Every :data:`PAREN_ELKE_MAANDEN` months (verb
    demografie) a share :data:`PAREN_AANVULLING` of the
    shortfall of partners in each age band of :data:`PAREN_BAND_JAREN` years (against
    ``profiel``, month 0; rounded at random) is closed by a man and a woman of that band who
    live without a partner - alone, or as a single parent with their children - moving in
    together: the one who lives alone moves into the other's household (the man into the
    woman's where both live alone; two single parents are not paired). Bijstand clients do not
    form couples here: moving in with a partner would change or end the benefit, which the
    household benefit of issue 15 (item 2) has to model. So, without a declared
    trend, the number of couples at each age stays where month 0 has it (the partner market in
    equilibrium, like the age balancing of verb demografie; no published rate of forming
    couples is used). A band with too few candidates forms fewer couples.

    Args:
        model: The model (``tabel``).
        profiel: Partners per age band at month 0 (:func:`partners_per_band`).
        rng: The generator for the household draws (see verb demografie).

    Returns:
        The number of new couples.
    """
    t = model.tabel  # type: ignore[attr-defined]
    # Couples (two partners each) to form: a share of the shortfall, rounded at random.
    gat = np.maximum(profiel - partners_per_band(t), 0) / 2.0 * PAREN_AANVULLING
    nodig = np.floor(gat).astype(np.int64)
    nodig += rng.random(len(gat)) < gat - nodig
    totaal = int(nodig.sum())
    if totaal == 0 or len(t) == 0:
        return 0
    lm = t.leeftijd_maanden
    rol = t.huishouden
    kandidaat = np.flatnonzero(((rol == I.ALLEENSTAAND) | (rol == I.ALLEENSTAANDE_OUDER))
                               & t.actief)
    kandidaat = kandidaat[(lm[kandidaat] >= VOLWASSEN_MAANDEN)
                          & (t.inkomensbron[kandidaat] != I.BIJSTAND)]
    kandidaat = kandidaat[nodig[_BAND.take(lm[kandidaat])] > 0]
    # A random sample, large enough for every band, in a random order.
    kandidaat = kandidaat[rng.choice(len(kandidaat), size=min(len(kandidaat), 20 * totaal + 200),
                                     replace=False)]
    # The first `nodig` men and women of each band in that order.
    band = _BAND.take(lm[kandidaat]).astype(np.int64)
    gekozen = []
    for sekse in (0, 1):
        wie = t.geslacht[kandidaat] == sekse
        groep, b = kandidaat[wie], band[wie]
        orde = np.argsort(b, kind="stable")
        groep, b = groep[orde], b[orde]
        rang = np.arange(len(b)) - np.searchsorted(b, b)
        gekozen.append((groep[rang < nodig[b]], b[rang < nodig[b]]))
    (man, b_man), (vrouw, b_vrouw) = gekozen
    # Pair within bands: as many couples per band as both sexes allow.
    n_band = np.minimum(np.bincount(b_man, minlength=len(profiel)),
                        np.bincount(b_vrouw, minlength=len(profiel)))
    man = man[np.arange(len(man)) - np.searchsorted(b_man, b_man) < n_band[b_man]]
    vrouw = vrouw[np.arange(len(vrouw)) - np.searchsorted(b_vrouw, b_vrouw) < n_band[b_vrouw]]
    if len(man) == 0:
        return 0
    rol = t.kol["huishouden"]
    hid = t.kol["huishouden_id"]
    man_ouder, vrouw_ouder = rol[man] == I.ALLEENSTAANDE_OUDER, rol[vrouw] == I.ALLEENSTAANDE_OUDER
    # Two single parents do not move in together here (a simplification: no blended families).
    samen = ~(man_ouder & vrouw_ouder)
    man, vrouw, man_ouder = man[samen], vrouw[samen], man_ouder[samen]
    # The single parent keeps the household; the other, who lives alone, moves in.
    blijft, komt = np.where(man_ouder, man, vrouw), np.where(man_ouder, vrouw, man)
    hid[komt] = hid[blijft]
    t.kol["wijk"][komt] = t.wijk[blijft]
    rol[man] = I.PAAR
    rol[vrouw] = I.PAAR
    return len(man)


def _gastheren(t: I.InwonerTabel, aantal: int, rng: np.random.Generator) -> np.ndarray:
    """Rows of ``aantal`` random partners or single parents aged 25-60 (distinct rows).

    Drawn by rejection from random rows (no pass over the table); fewer when few qualify.
    """
    if aantal == 0 or len(t) == 0:
        return np.zeros(0, dtype=np.int64)
    kandidaat = rng.integers(0, len(t), size=50 * aantal + 200)
    lm, rol = t.leeftijd_maanden[kandidaat], t.huishouden[kandidaat]
    kandidaat = kandidaat[t.actief[kandidaat] & (lm >= 25 * 12) & (lm < 60 * 12)
                          & ((rol == I.PAAR) | (rol == I.ALLEENSTAANDE_OUDER))]
    _, eerste = np.unique(kandidaat, return_index=True)
    return kandidaat[np.sort(eerste)][:aantal]


# ---- outputs -------------------------------------------------------------------------------

#: The schemes counted for "households using two or more provisions" (bits of
#: :func:`regelingen`, in this order): bijstand, Wajong, Wsw, AWBZ extramural care, an individual
#: Wmo provision (hh, hulpmiddel, begeleiding or dagbesteding), debt counselling, shelter.
REGELINGEN = ("bijstand", "wajong", "wsw", "awbz_extramuraal", "wmo_maatwerk", "schuldhulp",
              "opvang")
BIT_BIJSTAND = 1
#: Scheme bits by income source, and by bitmask of services (lookup tables).
_BRON_BITS = np.zeros(len(I.INKOMENSBRONNEN), dtype=np.uint8)
_BRON_BITS[[I.BIJSTAND, I.WAJONG, I.WSW]] = (1, 2, 4)
_ZORG_BITS = np.array([(16 if z & I.WMO_INDIVIDUEEL else 0) | (32 if z & I.SCHULDHULP else 0)
                       | (64 if z & I.OPVANG else 0) for z in range(256)], dtype=np.uint8)
_ZORG_REGELING = np.uint8(I.WMO_INDIVIDUEEL | I.SCHULDHULP | I.OPVANG)


def regelingen_per_lid(tabel: I.InwonerTabel, rijen: np.ndarray) -> np.ndarray:
    """Bitmask of :data:`REGELINGEN` used by each of the rows."""
    return (_BRON_BITS.take(tabel.inkomensbron[rijen]) | _ZORG_BITS.take(tabel.zorg[rijen])
            | (tabel.awbz_extramuraal[rijen].view(np.uint8) << 3))


def regelingen(tabel: I.InwonerTabel) -> np.ndarray:
    """Bitmask of the schemes (:data:`REGELINGEN`) any member uses, indexed by household id.

    Only the residents who use a scheme are looked at; their bits are combined per household
    by repeated buffered assignment (a member whose bits a household mate overwrote is written
    again), cheaper than ``np.bitwise_or.at`` for the few households with several users.
    """
    bron = tabel.inkomensbron.view(np.uint8)
    gebruikt = (((tabel.zorg & _ZORG_REGELING) != 0) | tabel.awbz_extramuraal
                | ((bron - np.uint8(I.BIJSTAND)) < 3))  # bijstand, Wajong or Wsw
    rijen = np.flatnonzero(gebruikt & tabel.actief)
    bits = regelingen_per_lid(tabel, rijen)
    hid = tabel.huishouden_id[rijen]
    per_huishouden = np.zeros(tabel.volgend_huishouden, dtype=np.uint8)
    per_huishouden[hid] = bits
    while len(hid):
        mist = (per_huishouden[hid] & bits) != bits
        hid, bits = hid[mist], bits[mist]
        per_huishouden[hid] |= bits
    return per_huishouden


def twee_of_meer(bits: np.ndarray) -> int:
    """How many of the bitmasks have two or more bits set."""
    return int(np.count_nonzero(bits & (bits - np.uint8(1))))


#: Income source of a household, by the first that applies to any member aged 18+ (the codes
#: of :data:`agenten.inwoners.INKOMENSBRONNEN`).
INKOMEN_VOLGORDE = (I.BIJSTAND, I.WERK, I.WW, I.WAJONG, I.WSW, I.AOW, I.GEEN)


def samenvatting(tabel: I.InwonerTabel) -> dict[str, np.ndarray]:
    """One entry per household of the active residents, for the ``huishoudens`` table.

    Returns:
        Arrays ``huishouden_id``, ``type`` (code of :data:`TYPEN`), ``grootte``, ``kinderen``
        (members under 18), ``inkomensbron`` (code: bijstand if any adult member has bijstand,
        else work, WW, Wajong, Wsw, AOW, none - the first that an adult member has),
        ``wmo_leden`` (members with an individual Wmo provision), ``regelingen`` (number of
        :data:`REGELINGEN` in use by any member) and ``wijk``.
    """
    rijen = np.flatnonzero(tabel.actief)
    ids, index, grootte, paar, kind, _ = _tellingen(tabel, rijen)
    m = len(ids)
    lm = tabel.leeftijd_maanden[rijen]
    kinderen = np.bincount(index, weights=lm < VOLWASSEN_MAANDEN, minlength=m)
    rang = np.full(len(I.INKOMENSBRONNEN), len(INKOMEN_VOLGORDE), dtype=np.int64)
    rang[list(INKOMEN_VOLGORDE)] = np.arange(len(INKOMEN_VOLGORDE))
    r = np.where(lm >= VOLWASSEN_MAANDEN, rang[tabel.inkomensbron[rijen]], len(INKOMEN_VOLGORDE))
    beste = np.full(m, len(INKOMEN_VOLGORDE) - 1, dtype=np.int64)
    np.minimum.at(beste, index, np.minimum(r, len(INKOMEN_VOLGORDE) - 1))
    wmo = np.bincount(index, weights=(tabel.zorg[rijen] & I.WMO_INDIVIDUEEL) > 0, minlength=m)
    bits = np.zeros(m, dtype=np.uint8)
    np.bitwise_or.at(bits, index, regelingen_per_lid(tabel, rijen))
    wijk = np.zeros(m, dtype=tabel.wijk.dtype)
    wijk[index] = tabel.wijk[rijen]
    return {"huishouden_id": ids, "type": huishoudtype(grootte, paar, kind),
            "grootte": grootte.astype(np.int32), "kinderen": kinderen.astype(np.int32),
            "inkomensbron": np.asarray(INKOMEN_VOLGORDE)[beste].astype(np.int8),
            "wmo_leden": wmo.astype(np.int32), "regelingen": I.aantal_bits(bits).astype(np.int8),
            "wijk": wijk}
