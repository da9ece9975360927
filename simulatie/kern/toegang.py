"""What a verb, a transition or a policy may use of the model: a typing Protocol.

The verbs take ``model: ModelToegang`` instead of the concrete :class:`~simulatie.kern.model.
Gemeente`, so they do not import the model (no import circle) and the surface they rely on is
written down in one place. Mesa's ``Model`` attributes (agents, steps) are deliberately not part
of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from agenten import Aanbieder, Professional, Werkgever
    from agenten.inwoners import InwonerTabel
    from simulatie.kern.mechanismen import Mechanismen
    from simulatie.kern.parameters import Parameters
    from simulatie.kern.uitvoer import Tellers


class ModelToegang(Protocol):
    """The model as the monthly verbs and the policies see it.

    Attributes:
        tabel: Resident state (one numpy column per variable).
        p: The run's parameters.
        mechanismen: Values that policies may change (:mod:`simulatie.kern.mechanismen`).
        rng: The random stream of the current phase of the month.
        maand: Current month (0 while building).
        config: The scenario as run (``config.gemeente`` holds the key figures).
        klantmanagers: Klantmanager agents (their index is the ``klantmanager`` column).
        wmo_consulenten: Wmo-consulent agents.
        professionals: Every professional, including those added by policies.
        werkgevers: Employer agents; ``aanbieders``: provider agents by kind.
        aanvragers: Ids of residents who became entitled this month (applied next).
        cohort_werk: Ids of those who left bijstand for work, by month.
        buiten_beeld: People out of view since month 0 (cumulative).
        trede_vorige: Rungs at the start of the month.
        bijstand_vorige: Bijstand status at the start of the month.
        kosten: This month's costs per line (after ``boekhouden``).
        tellers: This month's counted flows so far (read with ``tellers[naam]``).
        wachtend_wmo_onderzoek: Wmo applications left unassessed this month.
        leeftijdsprofiel: Residents per year of age at month 0 (kept by verb demografie).
        partnerprofiel: Partners per age band at month 0 (kept by verb demografie).
        faseprofiel: Bijstand clients per fase and cell at month 0 (the reassessment of
            :func:`~simulatie.kern.overgangen.herbeoordeel_fase` follows it).
        afgeleid: Monthly rates derived from the key figures at the build.
        budget: Monthly budgets per line (set after month 0's accounts).
        reeks: The output rows so far; ``datacollector``: Mesa's DataCollector.
    """

    tabel: InwonerTabel
    p: Parameters
    mechanismen: Mechanismen
    rng: np.random.Generator
    maand: int
    config: Any
    klantmanagers: list[Professional]
    wmo_consulenten: list[Professional]
    professionals: list[Professional]
    werkgevers: list[Werkgever]
    aanbieders: dict[str, Aanbieder]
    aanvragers: list[np.ndarray]
    cohort_werk: dict[int, np.ndarray]
    buiten_beeld: int
    trede_vorige: np.ndarray
    bijstand_vorige: np.ndarray
    kosten: dict[str, float]
    tellers: Tellers
    wachtend_wmo_onderzoek: int
    leeftijdsprofiel: np.ndarray
    partnerprofiel: np.ndarray
    faseprofiel: np.ndarray
    afgeleid: dict[str, float]
    budget: dict[str, float]
    reeks: list[dict[str, float]]
    datacollector: Any

    def tel(self, naam: str, aantal: int) -> None:
        """Count a declared flow of this month (:data:`simulatie.kern.uitvoer.TELLERS`)."""

    def boek(self, post: str, bedrag: float) -> None:
        """Book a policy's cost of this month on a budget line (``reintegratie``, ...)."""

    def geboekt(self, post: str) -> float:
        """What policies booked on a budget line this month so far."""

    def sluit_boeken(self) -> None:
        """Start a new month of bookings."""

    def bijstand_rijen(self) -> np.ndarray:
        """Rows of active bijstand recipients, increasing."""

    def bijstand_toegelaten(self, rijen: np.ndarray) -> None:
        """Tell the bijstand row cache about rows just admitted."""

    def volwassen(self) -> np.ndarray:
        """Mask of active residents aged 18 up to pension age."""

    def voeg_professional_toe(self, professional: Professional) -> None:
        """Add a professional (staff cost and counts follow)."""

    def verwijder_professional(self, professional: Professional) -> None:
        """Remove a professional a policy added (when the policy stops)."""

    def herbouw_mechanismen(self) -> None:
        """Rebuild the mechanisms: baseline plus every running policy's ``pas_toe``."""

    def personeel_per_plaats(self, soort: str) -> float:
        """Staff (fte) per place of a provider."""

    def trend_actief(self, naam: str) -> bool:
        """Whether a declared trend of the scenario applies this month."""
