"""The municipalities validation runs for: the presets and generated ones of other sizes.

The generated municipalities are not in the repository's data and were never used to set a
parameter: they test whether the baseline holds for any key figures (issue 12: 5,000 to 700,000
inhabitants, bijstand density 1% to 7%). Their Wajong, Wsw and AWBZ stocks scale with the
inhabitants as in Groningen; only the bijstand density differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulatie.kern.scenario import lees_presets

#: Fewer inhabitants than this get :data:`SEEDS_KLEIN` seeds (the stock of a small
#: municipality is noisy: 200 clients have a seed spread of several percent).
KLEIN = 50_000
SEEDS = 5
SEEDS_KLEIN = 10


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
        """Replications: :data:`SEEDS`, or :data:`SEEDS_KLEIN` below :data:`KLEIN`."""
        return SEEDS if self.inwoners >= KLEIN else SEEDS_KLEIN


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
