"""Professionals: klantmanagers werk, Wmo-consulenten and generalists such as wijkcoaches.

A professional has a part of a full-time job (fte), a monthly capacity in hours and a caseload
(the residents assigned to them, kept as the ``klantmanager`` column of the resident table for
klantmanagers). The five competences of effective professionals (VJ brochure; DIV13) are scores
in 0..1 that scale how well they recognise obstacles outside their own silo.
"""

from __future__ import annotations

from typing import Any

import mesa

#: The five competences (Verwey-Jonker / Divosa): vraaggericht, kansgericht, contextgericht,
#: integraal, opbrengstgericht.
COMPETENTIES = ("vraaggericht", "kansgericht", "contextgericht", "integraal", "opbrengstgericht")

#: Roles of professionals in the source documents (VJ, DIV13).
ROLLEN = ("klantmanager", "wmo_consulent", "wijkcoach")


def formatie(fte: float) -> list[float]:
    """A formation of ``fte`` as persons: full-timers and one part-timer for the rest.

    A desk's size is set in fte (per inhabitants, per client); rounding it to whole persons
    would change its capacity by up to half a person, a large share in a small municipality
    (a size effect the calibration measured: ``experimenten/grootte_effect.py``).

    Args:
        fte: Formation in fte (at least 0).

    Returns:
        The fte of each person: ``1.0`` for all but the last, the remainder for the last (at
        least one person, with 0 fte when the formation is 0).
    """
    fte = round(max(float(fte), 0.0), 9)  # 23.0000000001 is 23 persons, not 24
    hele = int(fte)
    rest = round(fte - hele, 9)
    return [1.0] * hele + [rest] if rest > 0 or hele == 0 else [1.0] * hele


class Professional(mesa.Agent):
    """A professional with capacity, caseload and competences.

    Args:
        model: The Gemeente model.
        rol: One of ``ROLLEN``.
        capaciteit_uren: Productive hours per month (of a full-timer; times ``fte``).
        uren_per_client: Hours one client on the caseload takes per month.
        competenties: Score 0..1 per competence (missing ones default to 0.5).
        wijk: Neighbourhood served (wijkcoaches), or -1 for the whole municipality.
        fte: Part of a full-time job (:func:`formatie`); salary costs count it.
    """

    def __init__(self, model: Any, rol: str, capaciteit_uren: float, uren_per_client: float,
                 competenties: dict[str, float] | None = None, wijk: int = -1,
                 fte: float = 1.0) -> None:
        """Create the professional."""
        super().__init__(model)
        if rol not in ROLLEN:
            raise ValueError(f"rol {rol!r} not in {ROLLEN}")
        self.rol = rol
        self.fte = float(fte)
        self.capaciteit_uren = float(capaciteit_uren) * self.fte
        self.uren_per_client = float(uren_per_client)
        self.competenties = {c: 0.5 for c in COMPETENTIES} | dict(competenties or {})
        self.wijk = wijk
        self.caseload = 0

    @property
    def max_caseload(self) -> int:
        """Clients this professional can carry within capacity."""
        return int(self.capaciteit_uren // self.uren_per_client)

    @property
    def vrije_plekken(self) -> int:
        """Clients that can still be added this month."""
        return max(0, self.max_caseload - self.caseload)

    @property
    def bezetting(self) -> float:
        """Caseload as a share of capacity."""
        return self.caseload / max(1, self.max_caseload)
