"""Employers (werkgevers): vacancies that follow the business cycle, openness, instruments.

Each employer stands for a cluster of firms in one sector. Monthly vacancies follow a trend times
a business-cycle wave (``conjunctuur``); openness is the chance to hire a bijstand candidate over
another applicant; the municipality's instruments are loonkostensubsidie (for lasting lower
productivity), jobcoach and proefplaatsing (DOMEIN: "wage-cost subsidy only works for people with
lasting lower productivity, for others covering risk works better").
"""

from __future__ import annotations

import math
from typing import Any

import mesa

SECTOREN = ("zorg", "schoonmaak", "detailhandel", "horeca", "logistiek", "industrie",
            "zakelijke_diensten", "overheid")


class Werkgever(mesa.Agent):
    """An employer cluster.

    Args:
        model: The Gemeente model.
        sector: One of ``SECTOREN``.
        vacatures_trend: Mean vacancies per month open to low/middle-skilled applicants.
        openheid: Chance (0..1) to take a bijstand candidate over another applicant.
        fase: Phase of this employer's business cycle (radians).
        instrumenten: Which of ``loonkostensubsidie``, ``jobcoach``, ``proefplaatsing`` it uses.
    """

    def __init__(self, model: Any, sector: str, vacatures_trend: float, openheid: float,
                 fase: float = 0.0, instrumenten: tuple[str, ...] = ("loonkostensubsidie",
                                                                     "jobcoach",
                                                                     "proefplaatsing")) -> None:
        """Create the employer."""
        super().__init__(model)
        if sector not in SECTOREN:
            raise ValueError(f"sector {sector!r} not in {SECTOREN}")
        self.sector = sector
        self.vacatures_trend = float(vacatures_trend)
        self.openheid = float(openheid)
        self.fase = fase
        self.instrumenten = set(instrumenten)
        self.vacatures = 0
        self.aangenomen_bijstand = 0
        self.werknemers_ex_bijstand = 0

    def vacatures_deze_maand(self, maand: int, conjunctuur: float, amplitude: float,
                             periode: float) -> float:
        """Expected vacancies this month: trend x (1 + level + wave).

        Args:
            maand: Current month.
            conjunctuur: Level shift of the cycle (-0.9 .. 1).
            amplitude: Relative amplitude of the wave.
            periode: Length of the cycle in months.

        Returns:
            Expected number of vacancies (non-negative).
        """
        golf = amplitude * math.sin(2 * math.pi * maand / periode + self.fase)
        return max(0.0, self.vacatures_trend * (1.0 + conjunctuur + golf))
