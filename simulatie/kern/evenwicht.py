"""Equilibrium of the monthly rules, so that month 0 is a stationary state, not a start-up.

The build (:mod:`simulatie.kern.bevolking`) draws each resident's state from the distribution
the model's own monthly rules hold still: the share on Wajong, in Wsw and in AWBZ care, the
income source and the obstacles, each by age. The entry rates of those schemes are anchored to
the municipality's key figures (the rate at which the stationary stock equals the figure), so a
baseline without a declared trend stays where it starts, for any municipality.

Main objects:
    * :func:`prevalentie` - share of a cohort in a state by month of age, from entry and exit
      hazards (one recursion over months of age, vectorised over cohorts);
    * :func:`instroomkans` - the monthly entry hazard whose stationary stock equals a target;
    * :func:`inkomensketen` - work, WW (by months left) and no income by month of age;
    * :func:`werkkans_naar_risico` - who of an age works, given each one's job-loss hazard;
    * :func:`belemmering_per_leeftijd` - stationary obstacle prevalence by age;
    * :func:`pijplijn` - stationary shares of the Wmo desk's pipeline (with referrals);
    * :func:`pijplijn_met_belemmering` - poverty, an obstacle and the pipeline by age;
    * :func:`overleving_geplaatst` - the share of a month's placements still in their job;
    * :func:`extern` - a public figure of ``data/kengetallen_extern.csv``;
    * :func:`naar_werk_per_jaar` - the sourced outflow from bijstand to work.

All hazards are monthly chances; ages are months.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from scipy.optimize import brentq

from simulatie.kern import wiskunde
from simulatie.kern.fouten import ScenarioFout
from simulatie.kern.toeval import per_maand


@cache
def extern(grootheid: str) -> float:
    """A public figure from ``data/kengetallen_extern.csv`` (the column ``waarde``).

    Raises:
        KeyError: When the figure is not in the table.
    """
    tekst = resources.files("simulatie").joinpath("data/kengetallen_extern.csv").read_text(
        "utf-8")
    regels = [r for r in tekst.splitlines() if r and not r.startswith("#")]
    for rij in csv.DictReader(regels):
        if rij["grootheid"] == grootheid:
            return float(rij["waarde"])
    raise KeyError(f"{grootheid!r} is not in data/kengetallen_extern.csv")


def prevalentie(instroom: np.ndarray, uitstroom: np.ndarray | float) -> np.ndarray:
    """Share of a cohort in a state at each month of age, starting outside it.

    ``p[a + 1] = p[a] (1 - uitstroom[a]) + (1 - p[a]) instroom[a]``, with ``p[0] = 0``.

    Args:
        instroom: Monthly entry hazard by month of age; extra leading axes are cohorts.
        uitstroom: Monthly exit hazard by month of age (or one for all ages).

    Returns:
        Prevalence by month of age, the same shape as ``instroom``.
    """
    instroom = np.asarray(instroom, dtype=float)
    uit = np.broadcast_to(np.asarray(uitstroom, dtype=float), instroom.shape)
    if instroom.ndim == 1:
        return np.array(volg_leeftijd(instroom.tolist(), uit.tolist()))
    p = np.zeros_like(instroom)
    for a in range(instroom.shape[-1] - 1):
        p[..., a + 1] = p[..., a] * (1.0 - uit[..., a]) + (1.0 - p[..., a]) * instroom[..., a]
    return p


def volg_leeftijd(instroom: list[float], uitstroom: list[float],
                  begin: float = 0.0) -> list[float]:
    """The recursion of :func:`prevalentie` for one cohort, on Python floats.

    The same operations in the same order as the array version (so the same doubles), without
    the cost of numpy scalars in a loop over some 800 months of age: the build solves for entry
    hazards by repeating it.

    Args:
        instroom: Monthly entry hazard by month of age.
        uitstroom: Monthly exit hazard by month of age (same length).
        begin: Share at the first month of age.

    Returns:
        Prevalence by month of age.
    """
    p = [begin] * len(instroom)
    x = begin
    for a in range(len(instroom) - 1):
        x = x * (1.0 - uitstroom[a]) + (1.0 - x) * instroom[a]
        p[a + 1] = x
    return p


def instroomkans(stand: Callable[[float], float], doel: float, naam: str,
                 hoogste: float = 0.5) -> float:
    """The monthly entry hazard (a scale factor) at which a stationary stock equals ``doel``.

    Args:
        stand: Stationary stock as a function of the factor (increasing).
        doel: Target stock (a key figure of the municipality).
        naam: Name of the key figure, for the error message.
        hoogste: Largest factor tried.

    Raises:
        ScenarioFout: When no factor up to ``hoogste`` reaches the target (the key figure is
            too large for the population that can enter).
    """
    if doel <= 0:
        return 0.0
    maximum = stand(hoogste)
    if maximum < doel:
        raise ScenarioFout(f"gemeente.{naam}: {doel:g} cannot be a stationary stock of this "
                           f"population (at most about {maximum:.0f}); lower it or change the "
                           "age structure")
    return float(brentq(lambda k: stand(k) - doel, 0.0, hoogste, xtol=1e-12, rtol=1e-10))


def belemmering_per_leeftijd(nieuw: float, herstel: float, leeftijd_maanden: np.ndarray,
                             verdubbel_vanaf: int | None = None, volwassen: int = 18 * 12,
                             extra_herstel: float = 0.0) -> np.ndarray:
    """Stationary prevalence of one obstacle by age (obstacles arise from age 18).

    Monthly hazard ``h`` (doubled from ``verdubbel_vanaf`` months, if given) and recovery
    ``r``: ``p(t) = p* + (p0 - p*)(1 - h - r)^t`` from ``p0 = 0`` at 18, with ``p* = h/(h+r)``.

    Args:
        nieuw: Yearly hazard of the obstacle.
        herstel: Yearly chance of recovery without help.
        leeftijd_maanden: Ages in months.
        verdubbel_vanaf: Age in months from which the hazard doubles.
        volwassen: Age in months from which obstacles arise.
        extra_herstel: Monthly recovery added by the services people with the obstacle use.

    Returns:
        Prevalence per age (0 below ``volwassen``).
    """
    h, r = float(per_maand(nieuw)), float(per_maand(herstel)) + extra_herstel
    a = np.asarray(leeftijd_maanden, dtype=float)

    def stuk(h_: float, t: np.ndarray, p0: np.ndarray | float) -> np.ndarray:
        ster = h_ / (h_ + r) if h_ + r > 0 else 0.0
        return ster + (p0 - ster) * wiskunde.macht(1.0 - h_ - r, np.maximum(t, 0.0))

    p = stuk(h, a - volwassen, 0.0)
    if verdubbel_vanaf is not None:
        p50 = stuk(h, np.array(verdubbel_vanaf - volwassen, dtype=float), 0.0)
        p = np.where(a >= verdubbel_vanaf, stuk(2 * h, a - verdubbel_vanaf, p50), p)
    return np.where(a >= volwassen, p, 0.0)


@lru_cache(maxsize=64)
def inkomensketen(aow_maanden: int, ww_max: int, ww_min: int, baanverlies: float,
                  zonder_ww: float, werk_naar_geen: float, ww_naar_werk: float,
                  geen_naar_werk: float, volwassen: int = 18 * 12) -> np.ndarray:
    """Income of adults outside the schemes by month of age: the stationary Markov chain.

    States: 0 work, 1 no income, 2.. WW with 1..``ww_max`` months left. Everyone starts at 18
    without income (school); the monthly events are those of verb demografie, at most one a
    month: work -> WW (duration uniform ``ww_min``..``ww_max``), work -> no income (with or
    without a bijstand entitlement), WW -> work, WW runs out, no income -> work. Bijstand is
    a key figure of its own and is left out of the chain.

    Returns:
        Array (ages from 18 to pension age, 2 + ``ww_max``) of state shares per month of age.
    """
    n = 2 + ww_max
    m = np.zeros((n, n))
    # work
    duur = np.arange(ww_min, ww_max + 1)
    m[0, 1 + duur] += baanverlies / len(duur)  # state 2 + (d - 1) = 1 + d
    weg = (1 - baanverlies) * zonder_ww
    m[0, 1] += weg + (1 - baanverlies) * (1 - zonder_ww) * werk_naar_geen
    m[0, 0] = 1 - m[0].sum()
    # no income
    m[1, 0] = geen_naar_werk
    m[1, 1] = 1 - geen_naar_werk
    # WW with r months left: found work, else one month less (0 left: no income)
    for r in range(1, ww_max + 1):
        m[1 + r, 0] = ww_naar_werk
        m[1 + r, 1 + r - 1 if r > 1 else 1] += 1 - ww_naar_werk
    toestand = np.zeros(n)
    toestand[1] = 1.0
    uit = np.empty((aow_maanden - volwassen, n))
    for i in range(aow_maanden - volwassen):
        uit[i] = toestand
        toestand = toestand @ m
    return uit


def naar_werk_per_jaar() -> float:
    """Yearly outflow from bijstand to work as a share of the stock (0..1).

    ``EXT:uitstroom_naar_werk_aandeel`` of ``EXT:bijstand_uitstroom_pct_per_jaar``: the flow
    the month-0 placements, the clients' ladder and the return to work of the build rest on.
    """
    return (extern("uitstroom_naar_werk_aandeel") / 100
            * extern("bijstand_uitstroom_pct_per_jaar") / 100)


def werk_naar_geen_voor(doel: float, gewicht: np.ndarray, **keten: float) -> float:
    """The monthly chance work -> no income at which the chain's employment share is ``doel``.

    Args:
        doel: Employment share of adults outside the schemes (``bevolking.aandeel_werkend``).
        gewicht: Residents per month of age from 18 to pension age (weights of the mean).
        **keten: The other arguments of :func:`inkomensketen`.

    Raises:
        ScenarioFout: When the share cannot be reached with the other rates.
    """
    def aandeel(x: float) -> float:
        return float(inkomensketen(werk_naar_geen=round(x, 10), **keten)[:, 0] @ gewicht
                     / gewicht.sum())

    hoogste = aandeel(0.0)
    if doel >= hoogste:
        raise ScenarioFout(f"parameters.bevolking.aandeel_werkend: {doel:g} is more than the "
                           f"other labour-market rates allow (at most {hoogste:.3f}); lower it "
                           "or raise parameters.levensgebeurtenissen.geen_naar_werk")
    laagste = aandeel(0.5)
    if doel <= laagste:
        raise ScenarioFout(f"parameters.bevolking.aandeel_werkend: {doel:g} is less than the "
                           f"other labour-market rates allow (at least {laagste:.3f}); raise it "
                           "or lower parameters.levensgebeurtenissen.geen_naar_werk")
    return float(brentq(lambda x: aandeel(x) - doel, 0.0, 0.5, xtol=1e-9))


def werkkans_naar_risico(aandeel: np.ndarray, verlies: np.ndarray, groep: np.ndarray,
                         iteraties: int = 60) -> np.ndarray:
    """Each adult's chance to be in work given its own job-loss hazard, keeping each group's share.

    In the monthly rules the chance to lose a job rises with one's obstacles
    (:func:`~simulatie.kern.regels.inkomensrisico`) while the chance to find one does not, so in
    the stationary state those with more obstacles are in work less often. In a two-state
    balance (work and out of work) a resident with loss hazard ``L`` works with chance
    ``F / (F + L)``, ``F`` the hazard of finding work. ``F`` is solved per group (a year of age)
    so that the group's mean chance stays the chain's employment share at that age: the
    employment by age of :func:`inkomensketen` holds, and only who works within an age changes.

    Args:
        aandeel: The chain's chance to be in work at each adult's age (0..1).
        verlies: Each adult's monthly job-loss hazard (> 0).
        groep: Group of each adult (0..g-1), e.g. the year of age.
        iteraties: Bisection steps on ``log F`` (60 give far below 1e-9 of the shares).

    Returns:
        Chance to be in work per adult; the group means equal those of ``aandeel``.
    """
    g = int(groep.max()) + 1 if len(groep) else 0
    n = np.maximum(np.bincount(groep, minlength=g), 1)
    doel = np.clip(np.bincount(groep, aandeel, minlength=g) / n, 1e-9, 1 - 1e-9)
    laag, hoog = np.full(g, -30.0), np.full(g, 30.0)  # log F, far outside any hazard
    log_l = wiskunde.log(verlies)
    # The bisection runs on the distinct (group, hazard) pairs, weighted by how many adults
    # share each: hazards take a few values (they follow the obstacles), so a few hundred terms
    # instead of one per adult.
    waarden, welke = np.unique(log_l, return_inverse=True)
    paar, telling = np.unique(groep * len(waarden) + welke, return_counts=True)
    paar_groep, paar_log_l = paar // len(waarden), waarden[paar % len(waarden)]
    for _ in range(iteraties):
        midden = (laag + hoog) / 2
        kans = telling / (1.0 + wiskunde.exp(paar_log_l - midden[paar_groep]))
        te_hoog = np.bincount(paar_groep, kans, minlength=g) / n > doel
        hoog = np.where(te_hoog, midden, hoog)
        laag = np.where(te_hoog, laag, midden)
    return 1.0 / (1.0 + wiskunde.exp(log_l - ((laag + hoog) / 2)[groep]))


def treden_na_duur(start: np.ndarray, op: np.ndarray, neer: np.ndarray, uit: np.ndarray,
                   duur: np.ndarray) -> np.ndarray:
    """Chance of each rung after a spell, for clients who did not leave: the ladder's own chain.

    Each month a client on rung k rises with ``op[:, k]``, falls with ``neer[:, k]`` (verb
    activeren) and leaves with ``uit[:, k]`` (e.g. for work, which favours higher rungs); the
    chain runs ``duur`` months from the entry rung and is conditioned on having stayed.

    Args:
        start: Entry rung of each client (1..R).
        op: Monthly chance to rise, per client and rung (0 on the top rung).
        neer: Monthly chance to fall, per client and rung (0 on rung 1).
        uit: Monthly chance to leave, per client and rung.
        duur: Months in the spell so far, per client.

    Returns:
        Array (clients, R) of rung chances; each row sums to 1.
    """
    n, r = op.shape
    kans = np.zeros((n, r))
    kans[np.arange(n), start.astype(np.int64) - 1] = 1.0
    volgorde = np.argsort(-duur, kind="stable")  # the longest spells first: a shrinking slice
    kans, op, neer, blijft = kans[volgorde], op[volgorde], neer[volgorde], 1.0 - uit[volgorde]
    # Clients whose spell is longer than m months (duur > m), for every m: the first `aantal`.
    nog = np.searchsorted(-duur[volgorde], -np.arange(int(duur.max(initial=0))), side="left")
    for aantal in nog.tolist():
        k = kans[:aantal] * blijft[:aantal]
        nieuw = k * (1.0 - op[:aantal] - neer[:aantal])
        nieuw[:, 1:] += k[:, :-1] * op[:aantal, :-1]
        nieuw[:, :-1] += k[:, 1:] * neer[:aantal, 1:]
        kans[:aantal] = nieuw / np.maximum(nieuw.sum(axis=1, keepdims=True), 1e-300)
    uit_kans = np.empty_like(kans)
    uit_kans[volgorde] = kans
    return uit_kans


def overleving_geplaatst(maanden: int, verlies_venster: float, verlies_daarna: float,
                         venster: int) -> np.ndarray:
    """Share of the workers placed from bijstand in one month still in that job m months later.

    Monthly job loss ``verlies_venster`` during the placement window, ``verlies_daarna`` after.

    Returns:
        Array of length ``maanden`` (m = 0 .. maanden - 1).
    """
    m = np.arange(maanden)
    return (wiskunde.macht(1.0 - verlies_venster, np.minimum(m, venster))
            * wiskunde.macht(1.0 - verlies_daarna, np.maximum(m - venster, 0)))


def pijplijn(h: np.ndarray, aanvraag: float, toekenning: float, einde: float,
             meteen: bool, verwijzing: np.ndarray | float = 0.0) -> np.ndarray:
    """Stationary shares (none, need, waiting, provision) of the desk's monthly pipeline.

    A resident without the provision gets need with monthly chance ``h``; need becomes an
    application with ``aanvraag`` a month (assessed that month, granted with ``toekenning``);
    a granted provision waits a month for its provider (not when ``meteen``); a provision ends
    with ``einde`` a month. A referral by the work desk (chance ``verwijzing`` a month, from
    none or need) is an application at once (:func:`simulatie.kern.regels.verwijs`).

    Args:
        h: Monthly need hazard per resident.
        aanvraag: Monthly chance that need becomes an application.
        toekenning: Chance an application is granted.
        einde: Monthly chance the provision ends.
        meteen: Delivered when granted.
        verwijzing: Monthly chance of a referral that becomes an application (per resident
            or one for all; 0: none).

    Returns:
        Array (len(h), 4) of shares.
    """
    return np.column_stack(pijplijn_delen(h, aanvraag, toekenning, einde, meteen, verwijzing))


def pijplijn_delen(h: np.ndarray, aanvraag: float, toekenning: float, einde: float,
                   meteen: bool, verwijzing: np.ndarray | float = 0.0) -> list[np.ndarray]:
    """The four columns of :func:`pijplijn` (none, need, waiting, provision) as arrays.

    Without a referral (``verwijzing`` 0) every expression reduces to the same doubles as the
    pipeline of need alone.
    """
    v = verwijzing
    zelf = h * (1.0 - v)              # need of one's own, when not referred first
    x = zelf * (1.0 - aanvraag)       # none -> need (no application yet)
    y = zelf * aanvraag * toekenning + v * toekenning  # none -> granted in that month
    # Need becomes an application by one's own step or by a referral.
    n = x / np.maximum(aanvraag + v * (1.0 - aanvraag), 1e-12)
    toegekend = y + x * toekenning
    w = np.zeros_like(h) if meteen else toegekend
    p = toegekend / max(einde, 1e-12)
    totaal = 1.0 + n + w + p
    return [1.0 / totaal, n / totaal, w / totaal, p / totaal]


def pijplijn_met_belemmering(behoefte: np.ndarray, nieuw: np.ndarray, herstel: np.ndarray,
                             effect: np.ndarray, verwijzing: np.ndarray, arm_in: np.ndarray,
                             arm_uit: np.ndarray, arm_risico: float, aanvraag: float,
                             toekenning: float, einde: float, meteen: np.ndarray) -> np.ndarray:
    """Joint shares of poverty, an obstacle and the desk's pipeline by month of age.

    The need for a provision comes from an obstacle (and from age) and is higher in poverty;
    both come and go while a provision runs: a provision outlives the obstacle and the
    poverty spell that led to it, and the service may resolve the obstacle (``effect``). Month
    by month of age, from no poverty, no obstacle and no provision, the pipeline of
    :func:`pijplijn` moves at the need hazard (and, in poverty, the work desk's referrals) of
    each state; then the obstacle arises (``nieuw``, times ``arm_risico`` in poverty) or
    resolves (``herstel``, plus ``effect`` with the provision), then poverty starts
    (``arm_in``) or ends (``arm_uit``). Deaths leave all states alike. Vectorised over ``K``
    chains (provisions, AWBZ status) and the states; one loop over months of age.

    Args:
        behoefte: Monthly need hazard, shape (months, K, 2 poverty, 2 obstacle).
        nieuw: Monthly hazard of the obstacle per month of age, shape (months, K).
        herstel: Monthly chance the obstacle resolves by itself, shape (K,).
        effect: Monthly chance the provision resolves the obstacle, shape (K,).
        verwijzing: Monthly chance of a referral that becomes an application, shape
            (K, 2 poverty, 2 obstacle).
        arm_in: Monthly chance that poverty starts, per month of age.
        arm_uit: Monthly chance that poverty ends, shape (months, K, 2 obstacle).
        arm_risico: Multiplier on the obstacle's hazard in poverty.
        aanvraag: Monthly chance that need becomes an application.
        toekenning: Chance an application is granted.
        einde: Monthly chance the provision ends, shape (K,).
        meteen: Delivered when granted (no waiting month), shape (K,) of bool.

    Returns:
        Array (months, K, 2 poverty, 2 obstacle, 4 none/need/waiting/provision).
    """
    maanden, k = nieuw.shape
    # A monthly chance above one (possible at the hard bounds of the ranges, where hazards are
    # multiplied) is an event that happens for sure, as in the dynamics; unclipped, the
    # recurrence would leave [0, 1] and overflow. At ordinary values nothing changes.
    behoefte, verwijzing = np.minimum(behoefte, 1.0), np.minimum(verwijzing, 1.0)
    herstel, effect, einde = (np.minimum(x, 1.0) for x in (herstel, effect, einde))
    arm_in, arm_uit = np.clip(arm_in, 0.0, 1.0), np.clip(arm_uit, 0.0, 1.0)
    overgang = _maandovergangen(behoefte, nieuw, herstel, effect, verwijzing, arm_in, arm_uit,
                                arm_risico, aanvraag, toekenning, einde, meteen)
    # One month of age is one matrix product per chain (the 16 states of poverty x obstacle x
    # pipeline); the loop over months is all that stays sequential.
    staat = np.zeros((k, 16, 1))
    staat[:, 0, 0] = 1.0
    uit = np.empty((maanden, k, 16))
    for a in range(maanden):
        uit[a] = staat[..., 0]
        staat = overgang[a] @ staat
    return uit.reshape(maanden, k, 2, 2, 4)


def _maandovergangen(behoefte: np.ndarray, nieuw: np.ndarray, herstel: np.ndarray,
                     effect: np.ndarray, verwijzing: np.ndarray, arm_in: np.ndarray,
                     arm_uit: np.ndarray, arm_risico: float, aanvraag: float, toekenning: float,
                     einde: np.ndarray, meteen: np.ndarray) -> np.ndarray:
    """The monthly transition matrices of :func:`pijplijn_met_belemmering` (chances clipped).

    A month is three steps, each a 2x2 or 4x4 block: the pipeline moves within each poverty x
    obstacle state, then the obstacle arises or resolves within each poverty x pipeline state,
    then poverty starts or ends within each obstacle x pipeline state. Their product is one
    16x16 matrix per month and chain, states ordered (poverty, obstacle, pipeline).

    Returns:
        Array (months, K, 16, 16): ``staat[a + 1] = overgang[a] @ staat[a]``.
    """
    maanden, k = nieuw.shape
    t, aan = toekenning, aanvraag
    v = verwijzing                                           # (K, 2 poverty, 2 obstacle)
    e = einde[:, None, None]
    wacht = np.where(meteen, 0.0, 1.0)[:, None, None]
    zelf = behoefte * (1.0 - v)                              # (months, K, 2, 2)
    vraagt_0 = zelf * aan + v                                # none -> application
    vraagt_n = np.broadcast_to(aan + v * (1.0 - aan), zelf.shape)  # need -> application
    # Pipeline, per (poverty, obstacle): [out state, from state] over none/need/waiting/provision.
    pijp = np.zeros((maanden, k, 2, 2, 4, 4))
    pijp[..., 0, 0] = 1.0 - v - zelf + vraagt_0 * (1.0 - t)
    pijp[..., 0, 1] = vraagt_n * (1.0 - t)
    pijp[..., 0, 3] = e
    pijp[..., 1, 0] = zelf * (1.0 - aan)
    pijp[..., 1, 1] = (1.0 - aan) * (1.0 - v)
    pijp[..., 2, 0] = vraagt_0 * t * wacht
    pijp[..., 2, 1] = vraagt_n * t * wacht
    pijp[..., 3, 0] = vraagt_0 * t * (1.0 - wacht)
    pijp[..., 3, 1] = vraagt_n * t * (1.0 - wacht)
    pijp[..., 3, 2] = 1.0
    pijp[..., 3, 3] = 1.0 - e
    # Obstacle, per (poverty, pipeline state): [after, before], 0 without and 1 with. It arises
    # at the hazard times arm_risico in poverty; it resolves by itself, or with a running
    # provision also by its effect.
    erbij = np.minimum(nieuw[:, :, None] * np.array([1.0, arm_risico]), 1.0)[..., None]
    weg = np.repeat(herstel[:, None], 4, axis=1)
    weg[:, 3] = 1.0 - (1.0 - herstel) * (1.0 - effect)
    weg = np.broadcast_to(weg[None, :, None, :], (maanden, k, 2, 4))
    bel = np.empty((maanden, k, 2, 4, 2, 2))
    bel[..., 0, 0], bel[..., 0, 1] = 1.0 - erbij, weg
    bel[..., 1, 0], bel[..., 1, 1] = erbij, 1.0 - weg
    # Poverty, per (obstacle, pipeline state): [after, before], 0 not poor and 1 poor.
    erin = arm_in[:, None, None, None]
    eruit = np.broadcast_to(arm_uit[..., None], (maanden, k, 2, 4))
    arm = np.empty((maanden, k, 2, 4, 2, 2))
    arm[..., 0, 0], arm[..., 0, 1] = 1.0 - erin, eruit
    arm[..., 1, 0], arm[..., 1, 1] = erin, 1.0 - eruit
    # M[(p', o', q'), (p, o, q)] = arm[o', q'][p', p] * bel[p, q'][o', o] * pijp[p, o][q', q],
    # each factor broadcast to the axes (month, K, p', o', q', p, o, q).
    m = np.empty((maanden, k, 2, 2, 4, 2, 2, 4))
    np.multiply(arm.transpose(0, 1, 4, 2, 3, 5)[..., None, None],
                bel.transpose(0, 1, 4, 3, 2, 5)[:, :, None, :, :, :, :, None], out=m)
    m *= pijp.transpose(0, 1, 4, 2, 3, 5)[:, :, None, None]
    return m.reshape(maanden, k, 16, 16)
