"""Knobs that policies turn: the values the monthly verbs read instead of raw parameters.

The baseline (siloed municipality) takes every knob from the parameters; a policy's ``start``
hook or its verb hooks change them. Keeping them in one dataclass makes the interface between the
model core and the policy plug-ins explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulatie.parameters import Parameters


@dataclass
class Sturing:
    """Policy knobs with their baseline values.

    Attributes:
        overdrachtsverlies: Chance a referral between the werk and Wmo desks is lost.
        signaleer_werk: Chance the klantmanager recognises taal / fysiek obstacles.
        signaleer_schulden: Chance debts are recognised.
        signaleer_zorg: Chance psychisch / isolement / naasten obstacles are recognised.
        integrale_diagnose: One plan over all life domains (obstacles worked on together).
        afzien_aanvraag: Chance a new applicant withdraws (work-first deterrence).
        afzien_naar_werk: Share of withdrawn applicants that finds work (the rest is out of view).
        aanvraag_later: Monthly chance that a non-taker applies after all (outreach raises it).
        wmo_aanvraag: Monthly chance that Wmo need turns into an application.
        belemmering_factor: Multiplier on the hazard of each new obstacle (prevention).
        steun_factor: Multiplier on ladder rises per trede 1..6 (index 0..5).
        terugval_factor: Multiplier on relapse.
        terugval_trede: Multiplier on relapse per trede 1..6 (index 0..5; parking raises it).
        baankans_factor: Multiplier on job finding for bijstand candidates.
        uitstroom_overig_factor: Multiplier on outflow for other reasons (sanctions, deterrence).
        sanctie_kans: Monthly chance a client gets a benefit cut.
        sanctie_hoogte: Share of the norm cut during a sanction month.
        sanctie_baankans: Multiplier on job finding for clients under a sanction this month.
        wmo_collectief: Share of new need for hh, begeleiding and dagbesteding met by collective
            provisions (welzijn) instead of an individual provision (prevention).
        extra_kosten_wmo_individueel: Euro per month booked on Wmo individueel by policies.
        extra_kosten_reintegratie: Euro per month booked on re-integratie by policies.
        extra_kosten_wmo_collectief: Euro per month booked on Wmo collectief by policies.
        extra_kosten_apparaat: Euro per month booked on apparaat by policies.
    """

    overdrachtsverlies: float
    signaleer_werk: float
    signaleer_schulden: float
    signaleer_zorg: float
    aanvraag_later: float
    wmo_aanvraag: float
    integrale_diagnose: bool = False
    afzien_aanvraag: float = 0.0
    afzien_naar_werk: float = 0.45  # Divosa "Work first werkt": 45% of withdrawers find work
    belemmering_factor: np.ndarray = field(default_factory=lambda: np.ones(6))
    steun_factor: np.ndarray = field(default_factory=lambda: np.ones(6))
    terugval_factor: float = 1.0
    terugval_trede: np.ndarray = field(default_factory=lambda: np.ones(6))
    baankans_factor: float = 1.0
    uitstroom_overig_factor: float = 1.0
    sanctie_kans: float = 0.0
    sanctie_hoogte: float = 0.0
    sanctie_baankans: float = 1.0
    wmo_collectief: float = 0.0
    extra_kosten_reintegratie: float = 0.0
    extra_kosten_wmo_individueel: float = 0.0
    extra_kosten_wmo_collectief: float = 0.0
    extra_kosten_apparaat: float = 0.0

    @classmethod
    def uit_parameters(cls, p: Parameters) -> Sturing:
        """The siloed baseline."""
        return cls(
            overdrachtsverlies=p.begeleiden.overdrachtsverlies,
            signaleer_werk=p.begeleiden.signaleer_werk,
            signaleer_schulden=p.begeleiden.signaleer_schulden,
            signaleer_zorg=p.begeleiden.signaleer_zorg,
            aanvraag_later=p.signaleren.aanvraag_later,
            wmo_aanvraag=p.signaleren.wmo_aanvraag,
        )
