"""Verb 9, boekhouden: every euro of the month on its budget line, and the budgets' balances.

Lines (euro per month):
    * ``kosten_uitkeringen`` - bijstand norm of the benefit unit (``EXT:bijstandsnorm_*``; the
      kostendelersnorm where the home holds more adults of 21 or older:
      :func:`simulatie.kern.huishoudens.norm`) times (1 - sanction share) minus part-time
      earnings and minus a partner's own income below the norm (work, WW, Wajong, Wsw, AOW)
      (:func:`simulatie.kern.regels.verreken_partnerinkomen`), summed over recipients (I-deel).
    * ``kosten_reintegratie`` - re-integration trajectories, loonkostensubsidie
      ((1 - loonwaarde) x WML incl. employer charges, ``EXT:loonwaarde_lks``), jobcoach in year 1
      (``EXT:jobcoach_intensiteit``), and what policies booked on ``reintegratie``
      (participatiebudget).
    * ``kosten_wmo_individueel`` - hh, hulpmiddelen, begeleiding, dagbesteding, schuldhulp,
      maatschappelijke opvang, and
      what policies booked on ``wmo_individueel`` (e.g. tariff premiums on Wmo contracts).
    * ``kosten_wmo_collectief`` - welzijn subsidy per inhabitant plus participants, and what
      policies booked on ``wmo_collectief`` (e.g. prevention budgets).
    * ``kosten_apparaat`` - professionals (fte x loaded salary) plus other execution per benefit
      (``EXT:uitvoeringskosten_per_uitkering``) and per Wmo provision, and what policies booked
      on ``apparaat``.
    * ``kosten_jeugd`` - children in youth care (verb jeugd) x ``jeugd.kosten_per_jaar`` / 12
      (Jeugdwet).
    * ``kosten_totaal`` - their sum.
Budgets: the I-deel is fixed at month 0's benefit costs (x ``ideel_marge``), the
participatiebudget at ``participatiebudget_per_client`` x the month-0 stock, the Wmo budget at
``wmo_budget_per_inwoner``, the Jeugdwet budget at ``jeugd.budget_dekking`` x month 0's youth
care costs; each ``saldo_*`` is budget minus the costs it covers.
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import huishoudens as H
from simulatie.kern.stappen.jeugd import WACHT, ZORG
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.uitvoer import KOSTENPOSTEN


def partnerinkomen(t: I.InwonerTabel, bij: np.ndarray, alle: np.ndarray) -> np.ndarray:
    """The partner's income netted from each recipient's benefit, while the partner has one.

    ``alle``: the members of the recipients' households (:func:`~simulatie.kern.huishoudens.leden`).
    """
    netto = t.partner_inkomen[bij].astype(np.float64)
    heeft = np.flatnonzero(netto > 0)
    if len(heeft):
        eigen = H.eigen_inkomen(H.partner_inkomen(t, bij[heeft], alle))
        netto[heeft[~eigen]] = 0.0
    return netto


def boekhouden(model: ModelToegang) -> None:
    """Compute this month's costs per line into ``model.kosten``."""
    t, kp, a = model.tabel, model.p.kosten, model.p.aanbieders
    am = model.p.arbeidsmarkt
    actief = t.actief
    bij = model.bijstand_rijen()
    # One look-up of the recipients' households serves the norm and the partners' earnings.
    alle = H.leden(t, t.huishouden_id[bij])
    norm = H.norm(t, bij, model.p, alle)
    uitkering = np.maximum(0.0, norm * (1.0 - t.sanctie[bij]) - t.deeltijd_inkomen[bij]
                           - partnerinkomen(t, bij, alle))

    zorg = t.van_actieven("zorg")
    tel = {d: int(np.count_nonzero(zorg & d))
           for d in (I.HH, I.HULPMIDDEL, I.BEGELEIDING, I.DAGBESTEDING, I.REINTEGRATIE,
                     I.SCHULDHULP, I.WELZIJN, I.OPVANG)}
    werk = actief & (t.inkomensbron == I.WERK) & t.lks
    n_lks = int(np.count_nonzero(werk))
    n_coach = int(np.count_nonzero(werk & t.jobcoach & (t.baan_maanden < 12)))
    lks = n_lks * (1.0 - am.loonwaarde) * am.wml_werkgeverslasten
    coach = n_coach * am.jobcoach_uren * am.jobcoach_tarief

    inwoners = int(np.count_nonzero(actief))
    fte = sum(p.fte for p in model.professionals)
    n_wmo = tel[I.HH] + tel[I.HULPMIDDEL] + tel[I.BEGELEIDING] + tel[I.DAGBESTEDING]
    jeugd = t.jeugdhulp
    n_zorg = int(np.count_nonzero((jeugd == ZORG) & actief))
    n_wacht = int(np.count_nonzero((jeugd == WACHT) & actief))
    model.kosten = {
        "kosten_uitkeringen": float(uitkering.sum()),
        "kosten_reintegratie": tel[I.REINTEGRATIE] * a.prijs_reintegratie + lks + coach
        + model.geboekt("reintegratie"),
        "kosten_wmo_individueel": tel[I.HH] * a.prijs_hh + tel[I.HULPMIDDEL] * a.prijs_hulpmiddel
        + tel[I.BEGELEIDING] * a.prijs_begeleiding + tel[I.DAGBESTEDING] * a.prijs_dagbesteding
        + tel[I.SCHULDHULP] * a.prijs_schuldhulp + tel[I.OPVANG] * a.prijs_opvang
        + model.geboekt("wmo_individueel"),
        "kosten_wmo_collectief": inwoners * a.welzijn_subsidie_per_inwoner / 12
        + tel[I.WELZIJN] * a.welzijn_kosten_per_deelnemer + model.geboekt("wmo_collectief"),
        "kosten_apparaat": fte * kp.loonkosten_professional / 12
        + len(bij) * kp.uitvoering_per_uitkering / 12 + n_wmo * kp.uitvoering_per_wmo_voorziening
        / 12 + model.geboekt("apparaat"),
        "kosten_jeugd": n_zorg * model.p.jeugd.kosten_per_jaar / 12,
    }
    model.sluit_boeken()
    model.kosten["kosten_totaal"] = sum(model.kosten[k] for k in KOSTENPOSTEN)
    model.kosten["lks_clienten"] = n_lks
    model.kosten["wmo_voorzieningen"] = n_wmo
    model.kosten["jeugdhulp"] = n_zorg
    model.kosten["wachtlijst_jeugdhulp"] = n_wacht
    if hasattr(model, "budget"):
        saldi(model)


def begin_budgetten(model: ModelToegang) -> dict[str, float]:
    """Monthly budgets, fixed at month 0 (the state's budgets do not follow local results)."""
    kp, g = model.p.kosten, model.config.gemeente
    return {
        "budget_ideel": model.kosten["kosten_uitkeringen"] * (1.0 + kp.ideel_marge),
        "budget_participatie": kp.participatiebudget_per_client * g.wwb / 12,
        "budget_wmo": kp.wmo_budget_per_inwoner * g.inwoners / 12,
        "budget_jeugd": model.p.jeugd.budget_dekking * model.kosten["kosten_jeugd"],
    }


def saldi(model: ModelToegang) -> None:
    """Surplus (+) or deficit (-) per budget this month, added to ``model.kosten``."""
    k, b, kp = model.kosten, model.budget, model.p.kosten
    wmo_apparaat = (sum(p.fte for p in model.wmo_consulenten) * kp.loonkosten_professional / 12
                    + k["wmo_voorzieningen"] * kp.uitvoering_per_wmo_voorziening / 12)
    k.update(b)
    k["saldo_ideel"] = b["budget_ideel"] - k["kosten_uitkeringen"]
    k["saldo_participatie"] = b["budget_participatie"] - k["kosten_reintegratie"]
    k["saldo_wmo"] = b["budget_wmo"] - (k["kosten_wmo_individueel"] + k["kosten_wmo_collectief"]
                                        + wmo_apparaat)
    k["saldo_jeugd"] = b["budget_jeugd"] - k["kosten_jeugd"]
