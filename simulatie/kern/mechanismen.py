"""Mechanisms: the values the monthly verbs read that a policy may change.

Each mechanism is read by the core (the verb that reads it is named), has a baseline value -
the siloed municipality of ONTWERP.md, taken from the parameters where the baseline has a
figure - and is documented here. A policy changes mechanisms in its ``start`` or in a hook;
it never reaches into a verb. Arrays are indexed by obstacle (``BELEMMERINGEN`` order) or by
rung 1..6 (index 0..5); a policy that changes one copies it first.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields

import numpy as np

from simulatie.kern.parameters import Parameters


@dataclass
class Mechanismen:
    """Mechanisms with their baseline values.

    Attributes:
        overdrachtsverlies: Chance a referral from the work desk to the Wmo desk or welzijn is
            lost at the hand-off (begeleiden). Baseline: ``begeleiden.overdrachtsverlies``.
        signaleer_werk: Chance the klantmanager recognises taal and fysiek obstacles
            (begeleiden). Baseline: ``begeleiden.signaleer_werk``.
        signaleer_schulden: Chance debts are recognised (begeleiden).
        signaleer_zorg: Chance psychisch, isolement and naasten obstacles are recognised
            (begeleiden).
        aanvraag_later: Monthly chance that an entitled non-taker applies after all
            (signaleren). Baseline: ``signaleren.aanvraag_later``; outreach raises it.
        wmo_aanvraag: Monthly chance that Wmo need becomes an application (wmo). Baseline:
            ``signaleren.wmo_aanvraag``.
        afzien_aanvraag: Share of applicants who withdraw at intake - a search period or an
            obligation before the benefit (signaleren). Baseline 0: no gatekeeping.
        afzien_naar_werk: Share of withdrawn applicants who find work; the others leave view
            without known income (signaleren). Only read when ``afzien_aanvraag`` > 0.
        afzien_max_belemmeringen: Only applicants with at most this many obstacles can be
            deterred - the potential participants of a work-like obligation (signaleren; the
            Divosa benchmark's third is "of potential participants"). Baseline 6: anyone.
        belemmering_factor: Multiplier on the monthly hazard of each new obstacle
            (demografie). Baseline 1.
        steun_factor: Multiplier on ladder rises per rung (activeren). Baseline 1.
        terugval_trede: Multiplier on relapse per rung (activeren). Baseline 1.
        baankans_factor: Multiplier on job finding of bijstand candidates (arbeidsmarkt).
            Baseline 1.
        uitstroom_overig_factor: Multiplier on outflow from bijstand for other reasons
            (arbeidsmarkt). Baseline 1.
        sanctie_kans: Monthly chance a client gets a benefit cut (begeleiden). Baseline 0.
        sanctie_hoogte: Share of the norm cut in a sanction month (begeleiden, boekhouden).
        sanctie_baankans: Multiplier on job finding in a sanction month (arbeidsmarkt).
        wmo_collectief: Share of new need for hh, begeleiding and dagbesteding met by a
            collective provision (welzijn) instead of an individual one (wmo). Baseline 0.
        parkeren_tot_trede: Clients on this rung or lower get no klantmanager and wait behind
            everyone else (toewijzen). Baseline 0: nobody is parked.
        voorrang_werkfit: Job-ready clients (rung 4 or higher, or fase 1) go first in the
            klantmanager queue (toewijzen). Baseline: order of arrival.
        parkeren_naar_wmo: Parked clients are handed over to the Wmo desk, whose own assessment
            turns each care obstacle (psychisch, isolement, care for relatives, debts) into an
            application there (toewijzen; INT17: "als je niet onder de een valt, dan val je
            onder de ander"). Baseline off.
    """

    overdrachtsverlies: float
    signaleer_werk: float
    signaleer_schulden: float
    signaleer_zorg: float
    aanvraag_later: float
    wmo_aanvraag: float
    afzien_aanvraag: float = 0.0
    afzien_naar_werk: float = 0.0
    afzien_max_belemmeringen: int = 6
    belemmering_factor: np.ndarray = field(default_factory=lambda: np.ones(6))
    steun_factor: np.ndarray = field(default_factory=lambda: np.ones(6))
    terugval_trede: np.ndarray = field(default_factory=lambda: np.ones(6))
    baankans_factor: float = 1.0
    uitstroom_overig_factor: float = 1.0
    sanctie_kans: float = 0.0
    sanctie_hoogte: float = 0.0
    sanctie_baankans: float = 1.0
    wmo_collectief: float = 0.0
    parkeren_tot_trede: int = 0
    voorrang_werkfit: bool = False
    parkeren_naar_wmo: bool = False

    def kopie(self) -> Mechanismen:
        """An independent copy (arrays copied too)."""
        return copy.deepcopy(self)

    def gelijk_aan(self, ander: Mechanismen) -> bool:
        """Whether every mechanism has exactly the same value as in ``ander``."""
        return all(np.array_equal(getattr(self, f.name), getattr(ander, f.name))
                   for f in fields(self))

    @classmethod
    def uit_parameters(cls, p: Parameters) -> Mechanismen:
        """The siloed baseline."""
        return cls(
            overdrachtsverlies=p.begeleiden.overdrachtsverlies,
            signaleer_werk=p.begeleiden.signaleer_werk,
            signaleer_schulden=p.begeleiden.signaleer_schulden,
            signaleer_zorg=p.begeleiden.signaleer_zorg,
            aanvraag_later=p.signaleren.aanvraag_later,
            wmo_aanvraag=p.signaleren.wmo_aanvraag,
        )
