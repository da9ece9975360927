"""The municipalities validation runs for: the presets and generated ones of other sizes.

The generated municipalities are not in the repository's data and were never used to set a
parameter: they test whether the baseline holds for any key figures (issue 12: 5,000 to 700,000
inhabitants, bijstand density 1% to 7%). Their Wajong, Wsw and AWBZ stocks scale with the
inhabitants as in Groningen; only the bijstand density differs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from simulatie.kern.scenario import lees_presets

#: Fewest and most replications of a municipality's baseline.
SEEDS, SEEDS_MAX = 5, 40
#: Seeds times bijstand clients that keep the mean's standard error of the ten-year change in
#: the bijstand stock near a third of its 5% band: a stationary stock of N clients has a seed
#: spread of about 100 / sqrt(N) percent (Poisson), so the mean of n seeds has a standard error
#: of 100 / sqrt(n N) percent, 1.67 at n N = 3,600 (measured in a village of 20,000 inhabitants
#: with 200 clients: 6.6% over 40 seeds, where this predicts 7%).
SEEDS_MAAL_CLIENTEN = 3_600


def seeds_voor(wwb: int) -> int:
    """Replications for a baseline with ``wwb`` bijstand clients at month 0.

    Args:
        wwb: Bijstand clients at month 0.

    Returns:
        ``SEEDS_MAAL_CLIENTEN / wwb`` rounded up, at least :data:`SEEDS`, at most
        :data:`SEEDS_MAX`.
    """
    return int(min(SEEDS_MAX, max(SEEDS, math.ceil(SEEDS_MAAL_CLIENTEN / max(wwb, 1)))))


@dataclass(frozen=True)
class Valideergemeente:
    """A municipality to validate on.

    Attributes:
        naam: Name shown in tables.
        gemeente: The scenario's ``[gemeente]`` table.
        verzonnen: Generated (True) or a preset from the data (False).
    """

    naam: str
    gemeente: dict[str, Any]
    verzonnen: bool

    @property
    def inwoners(self) -> int:
        """Number of inhabitants."""
        return int(self.gemeente.get("inwoners") or lees_presets()[self.naam]["inwoners"])

    @property
    def seeds(self) -> int:
        """Replications of the baseline, by its bijstand stock (:func:`seeds_voor`)."""
        return seeds_voor(int(self.gemeente.get("wwb") or lees_presets()[self.naam]["wwb"]))


def verzonnen(naam: str, inwoners: int, dichtheid: float, wijken: int) -> Valideergemeente:
    """A generated municipality with ``dichtheid`` (share of inhabitants) on bijstand.

    Wajong, Wsw and AWBZ-extramural scale with the inhabitants as in Groningen (end 2011).
    """
    g = lees_presets()["Groningen"]
    f = inwoners / g["inwoners"]
    return Valideergemeente(naam, {
        "naam": naam, "inwoners": inwoners, "wwb": round(dichtheid * inwoners),
        "wajong": round(g["wajong"] * f), "wsw": round(g["wsw"] * f),
        "awbz_extramuraal": round(g["awbz_extramuraal"] * f), "wijken": wijken}, True)


def validatiegemeenten() -> list[Valideergemeente]:
    """Groningen and Enschede (presets), then three generated municipalities (1%, 3%, 7%)."""
    return [Valideergemeente("Groningen", {"preset": "Groningen"}, False),
            Valideergemeente("Enschede", {"preset": "Enschede"}, False),
            verzonnen("Dorp (20.000, 1%)", 20_000, 0.01, 4),
            verzonnen("Middenstad (60.000, 3%)", 60_000, 0.03, 6),
            verzonnen("Grote stad (700.000, 7%)", 700_000, 0.07, 30)]
