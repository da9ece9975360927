"""Preventie: a budget per inhabitant for collective provisions and early signalling.

Mechanisms (DOMEIN "The four policies"; Divosa 2005 par. 6.5; Groningen's viertrapsraket):
    * Cost: ``budget_per_inwoner`` a year on the Wmo collectief line, from the first month.
    * Fewer new problems: the hazards of new isolation, debts and psychological problems fall
      by ``reductie_*`` (relative), building up linearly over ``opbouw_maanden``.
    * Collective instead of individual: a share ``substitutie`` of new need for huishoudelijke
      hulp, begeleiding and dagbesteding is met by collective provisions (welzijn), building up
      over the same period.
    * Dose: effects are given at the reference budget (EUR 20 per inhabitant per year) and scale
      with diminishing returns, ``(1 - exp(-b / 20)) / (1 - exp(-1))``.
Stopping (a training round): budget and effect end at once, without decay (:meth:`Preventie.stop`).
The documents doubt the pay-back ("leiden eerder tot meer kwaliteit voor de burger dan tot een
inverdieneffect"), so all effect parameters are uncertainties with wide ranges.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from agenten import inwoners as I
from simulatie.kern import (
    Beleid,
    BeleidInstellingen,
    Mechanismen,
    kans,
    par,
    registreer,
    voor,
    wiskunde,
)

#: Budget (euro per inhabitant per year) at which the ``reductie_*`` and ``substitutie``
#: settings hold.
REFERENTIEBUDGET = 20.0


class PreventieInstellingen(BeleidInstellingen):
    """Settings of prevention (``[beleid.preventie]``)."""

    budget_per_inwoner: float = par(20.0, "euro per inwoner per jaar", "aanname (basis: welzijn "
                                    "ca. 40 euro per inwoner; EXT:wmo_uitgaven_per_inwoner 308)",
                                    (5.0, 50.0), le=1000.0,
                                    uitleg="Extra budget for collective provisions and early "
                                           "signalling.")
    opbouw_maanden: float = par(24, "maanden tot het volle effect (lineaire opbouw)", "aanname; "
                                "DOMEIN (effecten kosten tijd)", (12, 48), ge=1, le=240,
                                onzeker=True)
    reductie_isolement: float = kans(0.2, "relatieve daling van de kans op nieuw sociaal "
                                     "isolement", "aanname - onzeker", (0.0, 0.4), onzeker=True)
    reductie_schulden: float = kans(0.2, "relatieve daling van de kans op nieuwe schulden "
                                    "(vroegsignalering)", "aanname - onzeker", (0.0, 0.4),
                                    onzeker=True)
    reductie_psychisch: float = kans(0.05, "relatieve daling van de kans op nieuwe psychische "
                                     "problemen", "aanname - onzeker", (0.0, 0.15), onzeker=True)
    substitutie: float = kans(0.1, "fractie nieuwe vraag naar hh, begeleiding en dagbesteding "
                              "die collectief wordt opgevangen", "aanname; Divosa 2005 par. 6.5 "
                              "(collectieve voorzieningen anders inzetten) - inverdieneffect "
                              "betwijfeld", (0.0, 0.25), onzeker=True)


def dosis(budget: float) -> float:
    """Relative effect of a budget versus the reference budget (diminishing returns)."""
    return ((1.0 - wiskunde.exp_getal(-budget / REFERENTIEBUDGET))
            / (1.0 - wiskunde.exp_getal(-1.0)))


@registreer
class Preventie(Beleid):
    """Collective provisions and early signalling, with a build-up lag."""

    naam = "preventie"
    titel = "Preventie"
    Instellingen = PreventieInstellingen

    def __init__(self, instellingen: PreventieInstellingen) -> None:
        """Keep the settings; no effect yet."""
        super().__init__(instellingen)
        self.i: PreventieInstellingen = instellingen
        self._start_maand = 0
        self._effect = 0.0

    def start(self, model: Any) -> None:
        """Remember the month it starts (0, or the month before a training round's first).

        The effect builds up from there, starting from nothing.
        """
        self._start_maand = model.maand
        self._effect = 0.0
        super().start(model)

    def stop(self, model: Any) -> None:
        """Stop at once: budget and effect end together, with no decay.

        The collective provisions and the early signalling are what the budget pays for; when
        it stops they stop, so from the next month the hazards of new obstacles and the
        collective share of new Wmo need are the baseline's again (the core rebuilds the
        mechanisms without this policy). Obstacles prevented so far stay prevented and
        provisions already given run their course: only new problems are no longer prevented.
        A later start builds up from zero again.
        """
        self._effect = 0.0

    def opbouw(self, maand: int) -> float:
        """Share of the full effect reached in a month (linear build-up from the start)."""
        return min(1.0, max(0, maand - self._start_maand) / self.i.opbouw_maanden)

    def pas_toe(self, mechanismen: Mechanismen) -> None:
        """Lower the hazards of new obstacles and meet new need collectively, by the effect."""
        i, m, effect = self.i, mechanismen, self._effect
        factor = m.belemmering_factor.copy()
        for naam, reductie in (("sociaal_isolement", i.reductie_isolement),
                               ("schulden", i.reductie_schulden),
                               ("psychisch", i.reductie_psychisch)):
            b = I.BELEMMERINGEN.index(naam)
            factor[b] *= max(0.0, 1.0 - reductie * effect)
        m.belemmering_factor = factor
        rest = 1.0 - m.wmo_collectief
        m.wmo_collectief = m.wmo_collectief + rest * min(1.0, i.substitutie * effect)

    @voor("demografie")
    def zet_effecten(self, model: Any) -> None:
        """This month's effect of the build-up, in the mechanisms."""
        self._effect = self.opbouw(model.maand) * dosis(self.i.budget_per_inwoner)
        model.herbouw_mechanismen()

    @voor("boekhouden")
    def kosten(self, model: Any) -> None:
        """The prevention budget (Wmo collectief line)."""
        inwoners = int(np.count_nonzero(model.tabel.actief))
        model.boek("wmo_collectief", self.i.budget_per_inwoner * inwoners / 12.0)
