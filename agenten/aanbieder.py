"""Providers (aanbieders): capacity, price, waiting list and staff turnover.

Kinds (DOMEIN "Employers and providers"): thuiszorg / huishoudelijke hulp, welzijn (collective),
dagbesteding, re-integratie, schuldhulp and GGZ-begeleiding. A provider serves residents whose
``zorg`` bit for its service is set, up to its capacity; the rest wait (``wacht`` bit). Staff
turnover creates vacancies (about 15,000 replacement hires a year in thuiszorg nationally,
landelijk.csv), which enter the labour market as care-sector vacancies.
"""

from __future__ import annotations

from typing import Any

import mesa

#: Provider kind -> the resident service bit name it delivers (see agenten.inwoners).
AANBIEDER_SOORTEN = {
    "thuiszorg": "hh",
    "welzijn": "welzijn",
    "dagbesteding": "dagbesteding",
    "reintegratie": "reintegratie",
    "schuldhulp": "schuldhulp",
    "ggz_begeleiding": "begeleiding",
}


class Aanbieder(mesa.Agent):
    """A provider of one kind of service.

    Args:
        model: The Gemeente model.
        soort: One of ``AANBIEDER_SOORTEN``.
        capaciteit: Clients served at once (``inf`` for open-ended services).
        prijs: Euro per client per month.
        personeel: Staff in fte.
        verloop: Staff turnover per year (fraction).
        gecontracteerd: Whether the municipality contracts it for the Wmo.
    """

    def __init__(self, model: Any, soort: str, capaciteit: float, prijs: float,
                 personeel: float = 0.0, verloop: float = 0.0,
                 gecontracteerd: bool = True) -> None:
        """Create the provider."""
        super().__init__(model)
        if soort not in AANBIEDER_SOORTEN:
            raise ValueError(f"soort {soort!r} not in {tuple(AANBIEDER_SOORTEN)}")
        self.soort = soort
        self.dienst = AANBIEDER_SOORTEN[soort]
        self.capaciteit = float(capaciteit)
        self.prijs = float(prijs)
        self.personeel = float(personeel)
        self.verloop = float(verloop)
        self.gecontracteerd = gecontracteerd
        self.clienten = 0
        self.wachtlijst = 0
        self.vacatures = 0.0

    def zet_capaciteit(self, capaciteit: float, personeel_per_plaats: float | None = None) -> None:
        """Set the number of places (and the staff it takes, when given per place)."""
        self.capaciteit = float(capaciteit)
        if personeel_per_plaats is not None:
            self.personeel = self.capaciteit * personeel_per_plaats

    @property
    def vrije_plaatsen(self) -> int:
        """Places free this month."""
        if self.capaciteit == float("inf"):
            return 1 << 30
        return max(0, int(self.capaciteit) - self.clienten)

    def verloop_vacatures(self) -> float:
        """Expected vacancies from staff turnover this month (fte)."""
        return self.personeel * self.verloop / 12.0
