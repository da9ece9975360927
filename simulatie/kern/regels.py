"""Shared rules: the model's behavioural rules that more than one verb or a policy uses.

Main objects:
    * :func:`herkenkans`, :func:`diagnosticeer`, :func:`verwijs` - the diagnosis and plan of a
      professional, and referrals with hand-off losses (verb begeleiden, integrated teams);
    * :func:`sterfte_per_jaar` - mortality by age (Gompertz), for deaths and for the Wmo's
      starting prevalence;
    * :func:`met_werkgever` - workers placed from bijstand.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from agenten import inwoners as I
from simulatie.kern import huishoudens as H
from simulatie.kern import overgangen, wiskunde
from simulatie.kern.rijen import zonder
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.toeval import gebeurt

#: Yearly growth of adult mortality with age in the Gompertz law (CBS life tables: mortality
#: roughly doubles every 7.3 years of age, ln 2 / 7.3 = 0.095).
GOMPERTZ_GROEI = 0.095

#: Shape of the gamma distribution of part-time earnings beside bijstand (coefficient of
#: variation 1/sqrt(4) = 0.5; an assumption, the mean is ``bevolking.deeltijd_inkomen``).
DEELTIJD_VORM = 4
#: Benefit duration (months) after which it no longer lowers the chance of a job
#: (``arbeidsmarkt.duur_rem``: "max 60 maanden").
DUUR_REM_MAX = 60


def sterfte_per_jaar(sterfte_80: float, leeftijd_jaar: np.ndarray) -> np.ndarray:
    """Yearly chance of death at an age (years, may be fractional): Gompertz through age 80."""
    return np.minimum(1.0, sterfte_80 * wiskunde.exp(GOMPERTZ_GROEI * (leeftijd_jaar - 80.0)))


def deeltijd_inkomens(rng: np.random.Generator, n: int, gemiddeld: float) -> np.ndarray:
    """Monthly part-time earnings of ``n`` clients (gamma, mean ``gemiddeld``)."""
    return rng.gamma(DEELTIJD_VORM, gemiddeld / DEELTIJD_VORM, size=n)


def verreken_partnerinkomen(model: ModelToegang, rijen: np.ndarray,
                            alle: np.ndarray | None = None) -> None:
    """A partner's own income counts in the household's benefit (Participatiewet art. 31-32).

    A recipient whose partner has an income of its own - work, WW, Wajong, Wsw or AOW
    (:data:`~simulatie.kern.huishoudens.EIGEN_INKOMEN`) - is entitled only because that
    income stays below the norm (the means test's ``recht_met_partnerinkomen``). The model has
    no amounts for wages or other benefits, so the income is drawn as part-time earnings (mean
    ``bevolking.deeltijd_inkomen``, at most the couple norm) and netted from the benefit while
    the partner keeps an income of its own (verb boekhouden); a partner who finds work or
    reaches pension age gets a new draw.

    Args:
        model: The model.
        rijen: Recipients (rows), e.g. those admitted this month.
        alle: The members of their households if known (:func:`~simulatie.kern.huishoudens.
            leden`), else looked up.
    """
    t = model.tabel
    paar = rijen[t.huishouden[rijen] == I.PAAR]
    if len(paar) == 0:
        return
    eigen = paar[H.eigen_inkomen(H.partner_inkomen(t, paar, alle))]
    p = model.p
    bedrag = np.minimum(deeltijd_inkomens(model.rng, len(eigen), p.bevolking.deeltijd_inkomen),
                        p.kosten.norm_paar)
    overgangen.partner_verdient(model, eigen, bedrag)


def inkomensrisico(tabel: I.InwonerTabel, rijen: np.ndarray, p: Any) -> np.ndarray:
    """Relative risk of losing one's income (and needing bijstand), from one's obstacles.

    ``1 + risico_per_belemmering x sum of weights`` over the obstacles; language and social
    skills and caring alone for children weigh more (``risicogewicht_taal``,
    ``risicogewicht_naasten``): T4.1 finds them in bijstand far more often than in the
    population.
    """
    lg = p.levensgebeurtenissen
    bits = tabel.belemmeringen[rijen]
    gewicht = (I.aantal_bits(bits) + (lg.risicogewicht_taal - 1.0) * ((bits & I.TAAL) > 0)
               + (lg.risicogewicht_naasten - 1.0) * ((bits & I.NAASTEN) > 0))
    return 1.0 + lg.risico_per_belemmering * gewicht


def met_werkgever(model: ModelToegang) -> np.ndarray:
    """Rows of active workers placed from bijstand (``werkgever`` set): a small share of all."""
    t = model.tabel
    rijen = np.flatnonzero(t.werkgever != -1)
    return rijen[t.actief[rijen] & (t.inkomensbron[rijen] == I.WERK)]


# ---- diagnosis, plan and referral ----------------------------------------------------------

def herkenkans(model: ModelToegang, rijen: np.ndarray) -> np.ndarray:
    """Chance per client (rows) and obstacle (6 columns) that the klantmanager recognises it.

    The silo's chance (``signaleer_*`` mechanisms) times 0.5 + the klantmanager's *integraal*
    competence (VJ, DIV13: integral working is one of the five competences).
    """
    m = model.mechanismen
    basis = np.array([m.signaleer_zorg, m.signaleer_werk, m.signaleer_werk,
                      m.signaleer_schulden, m.signaleer_zorg, m.signaleer_zorg])
    integraal = np.array([p.competenties["integraal"] for p in model.klantmanagers])
    km = model.tabel.klantmanager[rijen]
    factor = np.where(km >= 0, 0.5 + integraal[np.maximum(km, 0)], 1.0)
    return np.minimum(1.0, basis[None, :] * factor[:, None])


def diagnosticeer(model: ModelToegang, rijen: np.ndarray, kans: np.ndarray, verlies: float,
                  herzie: bool = False, alleen: int | None = None) -> None:
    """Recognise obstacles and refer: the diagnosis and plan of the given clients.

    Work obstacles are referred directly (taal -> re-integratie, debts -> schuldhulp); care
    obstacles go to the Wmo desk or welzijn and are lost with chance ``verlies``.

    Args:
        model: The model.
        rijen: Clients to diagnose.
        kans: Chance to recognise each obstacle, shape (len(rijen), 6) or (6,).
        verlies: Chance a care referral is lost in the hand-off.
        herzie: Refer for every known obstacle not yet served (an integral plan), instead of
            only for the newly recognised ones; clients who already have or await the service
            are skipped.
        alleen: Refer only to these services (bitmask; default all).
    """
    t, rng = model.tabel, model.rng
    k = t.kol
    # The diagnosis reassesses the fase of the clients in bijstand (and so their plan below);
    # month 0's diagnoses are in the past, and its fases are Tabel 4.1's.
    if model.maand > 0:
        overgangen.herbeoordeel_fase(model, rijen)
    # One draw per client and obstacle: recognised if the client has it and the draw is below
    # the chance; the six columns packed into the obstacle bitmask (column b is bit b).
    r = rng.random((len(rijen), 6))
    heeft = np.unpackbits(t.belemmeringen[rijen][:, None], axis=1, count=6, bitorder="little")
    herkend = heeft.view(bool) & (r < kans)
    nieuw_bekend = np.packbits(herkend, axis=1, bitorder="little")[:, 0]
    nieuw_bekend &= ~t.bekend[rijen]
    k["bekend"][rijen] |= nieuw_bekend
    if herzie:
        nieuw_bekend = t.bekend[rijen] & t.belemmeringen[rijen]
    due = rijen

    def verwijs_plan(wie: np.ndarray, dienst: int, verlies: float, wmo: bool = False) -> None:
        if alleen is not None and not dienst & alleen:
            return
        if herzie:
            al = t.zorg[wie] | t.wacht[wie] | t.wmo_aanvraag[wie] | t.wmo_behoefte[wie]
            wie = wie[(al & dienst) == 0]
        verwijs(model, wie, dienst, verlies, wmo)

    # Work desk refers directly: taal -> re-integratie, debts -> schuldhulp.
    verwijs_plan(due[(nieuw_bekend & I.TAAL) > 0], I.REINTEGRATIE, verlies=0.0)
    verwijs_plan(due[(nieuw_bekend & I.SCHULDEN) > 0], I.SCHULDHULP, verlies=0.0)
    # Fase 2/3 clients without a remaining known obstacle: a work trajectory.
    klaar = due[(t.fase[due] == 2) & ((t.bekend[due] & t.belemmeringen[due]) == 0)
                & (t.trede[due] <= 4)]
    verwijs_plan(klaar, I.REINTEGRATIE, verlies=0.0)
    # Care obstacles go to the Wmo desk / welzijn: hand-off with loss (none if integral).
    psych = (nieuw_bekend & I.PSYCHISCH) > 0
    iso = (nieuw_bekend & I.ISOLEMENT) > 0
    verwijs_plan(due[psych], I.BEGELEIDING, verlies, wmo=True)
    verwijs_plan(due[iso & ((t.belemmeringen[due] & I.PSYCHISCH) > 0)], I.DAGBESTEDING,
                 verlies, wmo=True)
    verwijs_plan(due[(iso & ((t.belemmeringen[due] & I.PSYCHISCH) == 0))
                     | ((nieuw_bekend & I.NAASTEN) > 0)], I.WELZIJN, verlies)


def verwijs(model: ModelToegang, rijen: np.ndarray, dienst: int, verlies: float,
            wmo: bool = False) -> None:
    """Refer clients to a service; with ``wmo`` they become applications at the Wmo desk.

    Args:
        model: The model.
        rijen: Clients to refer.
        dienst: Service bit.
        verlies: Chance the referral is lost in the hand-off (counted).
        wmo: Whether the service needs a Wmo assessment first.
    """
    if len(rijen) == 0:
        return
    k = model.tabel.kol
    rijen = rijen[(k["zorg"][rijen] & dienst) == 0]
    kwijt = gebeurt(model.rng, rijen, verlies)
    model.tel("overdracht_verloren", len(kwijt))
    rijen = zonder(rijen, kwijt)
    if wmo:
        k["wmo_aanvraag"][rijen] |= np.uint8(dienst)
    else:
        overgangen.wacht_op_dienst(model, rijen, dienst)
