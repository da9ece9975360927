"""Free parameters of a calibration and their priors, from the parameter metadata.

The free parameters are the core parameters marked ``onzeker`` (unproven effect sizes, with a
declared plausible range); the other hand-set parameters were screened by
``experimenten/scherm_aannames.py`` and move no output beyond the seed noise. Each prior is
uniform over the declared range (``bereik``), so nothing is listed twice. Integer parameters
(months, hours) are drawn as reals and rounded when a scenario is built.

Main objects: :class:`Vrij`, :func:`vrije_parameters`, :func:`pyabc_naam`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulatie.kern.fouten import ScenarioFout
from simulatie.kern.parameters import parameter_catalogus


@dataclass(frozen=True)
class Vrij:
    """A free parameter: dotted path, default, and the uniform prior's ends."""

    pad: str
    default: float
    laag: float
    hoog: float
    geheel: bool


def pyabc_naam(pad: str) -> str:
    """A parameter name pyabc stores safely (dots become double underscores)."""
    return pad.replace(".", "__")


def pad_van(naam: str) -> str:
    """The dotted path of a pyabc parameter name."""
    return naam.replace("__", ".")


def vrije_parameters(kies: Sequence[str] | None = None) -> list[Vrij]:
    """The free parameters: every uncertain core parameter with a range, or the chosen ones.

    Args:
        kies: Dotted paths (or their last part) to calibrate instead of all uncertain ones.

    Raises:
        ScenarioFout: A chosen name is not an uncertain parameter with a range.
    """
    rijen = [r for r in parameter_catalogus() if r["onzeker"] and len(r["bereik"]) == 2
             and r["bereik"][0] < r["bereik"][1] and not isinstance(r["default"], bool)]
    alle = [Vrij(r["pad"], float(r["default"]), float(r["bereik"][0]), float(r["bereik"][1]),
                 isinstance(r["default"], int)) for r in rijen]
    if not kies:
        return alle
    per_naam = {v.pad: v for v in alle} | {v.pad.rsplit(".", 1)[1]: v for v in alle}
    onbekend = [k for k in kies if k not in per_naam]
    if onbekend:
        raise ScenarioFout(f"--parameters: {onbekend[0]!r} is geen onzekere parameter met een "
                           "bereik; toegestaan: de paden met 'onzeker = ja' in "
                           "docs/parameters.md (of hun laatste deel)")
    return list(dict.fromkeys(per_naam[k] for k in kies))
