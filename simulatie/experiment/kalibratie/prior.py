"""Free parameters of a calibration and their priors, from the parameter metadata.

The candidates are the core parameters marked ``onzeker`` (unproven effect sizes, with a declared
plausible range); the other hand-set parameters were screened by
``experimenten/scherm_aannames.py`` and move no output beyond the seed noise. Each prior is
triangular over the declared range (``bereik``) with its mode at the sourced value, so nothing is
listed twice: the range says what is plausible, the sourced value (the default, set from the
sources where they give a figure; ``bronwaarde`` where the default became the shipped calibration's
median) what is most plausible. A uniform prior over the range was tried first (30 Nov 2026): many
defaults lie near an end of their range, so most of its mass sat where the sources do not point,
its runs overshot the Wmo bands (Wmo clients per 1,000: prior median 89 against a band of 50-80)
and after three generations (1,379 runs) the ensemble still missed them.

By default the calibration frees the :data:`ACTIEF` ones: the uncertain parameters that move a
target (an "active variable" screen, as in history matching). pyabc's importance weights are
products of one density per parameter and underflow above about 30 free parameters (measured:
a population of 100 fails at 40, works at 30), so all 86 cannot be free at once. The screen
(``experimenten/scherm_kalibratie.py``) ranks each uncertain parameter by its largest absolute
Spearman correlation with any target over generation 0 of a calibration (parameters drawn from
the prior); :data:`ACTIEF` are the 21 with at least 0.34 on 297 prior runs of Groningen scaled to
50,000 inhabitants (30 Nov 2026; the largest chance correlation over 31 targets is about 0.17).
The others stay at their defaults during calibration; ``--parameters`` chooses others.
Integer parameters (months, hours) are drawn as reals and rounded when a scenario is built.

pyabc samples on an unbounded scale: each parameter is ``z`` with a standard logistic prior and
the model value is the triangular quantile of ``1 / (1 + exp(-z))``, which has exactly the
triangular prior. On the bounded scale pyabc's Gaussian perturbations leave the box in almost every
proposal once there are dozens of parameters (0.9 per parameter gives 0.9^86, about 1e-4, inside)
and a generation never fills; on the logistic scale every proposal is a valid parameter set.

Main objects: :class:`Vrij`, :func:`vrije_parameters`, :data:`FASEN`, :func:`pyabc_naam`,
:meth:`Vrij.waarde`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from simulatie.kern.fouten import ScenarioFout
from simulatie.kern.parameters import parameter_catalogus


@dataclass(frozen=True)
class Vrij:
    """A free parameter: dotted path, default, the prior's ends, whether it is whole.

    ``bronwaarde`` is the value the sources point to and the prior's mode; it differs from
    ``default`` (where the parameter stays while others are free) only when the default is the
    shipped calibration's median (None: the default).
    """

    pad: str
    default: float
    laag: float
    hoog: float
    geheel: bool
    bronwaarde: float | None = None

    @property
    def modale_waarde(self) -> float:
        """The value at the prior's top: ``bronwaarde``, or the default when there is none."""
        return self.default if self.bronwaarde is None else self.bronwaarde

    @cached_property
    def modus(self) -> float:
        """Mode of the triangular prior as a share of the range (the sourced value, clipped)."""
        return min(max((self.modale_waarde - self.laag) / (self.hoog - self.laag), 0.0), 1.0)

    def kwantiel(self, u: float) -> float:
        """The prior's ``u``-quantile (triangular over the range, mode at the sourced value)."""
        c, breedte = self.modus, self.hoog - self.laag
        if u <= c:
            return self.laag + breedte * math.sqrt(u * c)
        return self.hoog - breedte * math.sqrt((1.0 - u) * (1.0 - c))

    def kwantielen(self, u: np.ndarray) -> np.ndarray:
        """:meth:`kwantiel` of many probabilities at once."""
        c, breedte = self.modus, self.hoog - self.laag
        u = np.asarray(u, dtype=float)
        return np.where(u <= c, self.laag + breedte * np.sqrt(u * c),
                        self.hoog - breedte * np.sqrt((1.0 - u) * (1.0 - c)))

    def cdf(self, x: float | np.ndarray) -> float | np.ndarray:
        """The prior's cumulative probability at ``x`` (the inverse of :meth:`kwantiel`)."""
        t = np.clip((np.asarray(x, dtype=float) - self.laag) / (self.hoog - self.laag), 0.0, 1.0)
        c = self.modus
        with np.errstate(divide="ignore", invalid="ignore"):
            onder = np.where(c > 0, t * t / c, 0.0)
            boven = np.where(c < 1, 1.0 - (1.0 - t) ** 2 / (1.0 - c), 1.0)
        uit = np.where(t <= c, onder, boven)
        return float(uit) if uit.ndim == 0 else uit

    def dichtheid(self, x: float) -> float:
        """The prior's density at ``x``."""
        breedte = self.hoog - self.laag
        u, c = (x - self.laag) / breedte, self.modus
        if not 0.0 <= u <= 1.0:
            return 0.0
        deel = u / c if u < c else (1.0 - u) / (1.0 - c) if u > c else 1.0
        return 2.0 / breedte * deel

    def waarde(self, z: float) -> float:
        """The model value of pyabc's logistic-scale value ``z`` (distributed as the prior)."""
        if z >= 0:
            u = 1.0 / (1.0 + math.exp(-z))
        else:
            e = math.exp(z)
            u = e / (1.0 + e)
        return self.kwantiel(u)


#: The active parameters in groups of at most eight, each grouped with the targets it drives
#: most (the screen: its largest rank correlation), for the staged calibration
#: (:mod:`.fasen`): pyabc's weights degenerate with all 21 free at once (effective size 3 of 100
#: measured) but not with six to eight (a toy: 39-54 of 100 with six).
FASEN: dict[str, tuple[str, ...]] = {
    # bijstand's flows, durations and outflow to work; the obstacles clients bring in
    "arbeid": tuple(f"parameters.{p}" for p in (
        "bevolking.aandeel_fase_1", "belemmeringen.risicofactor_bijstand",
        "arbeidsmarkt.openheid", "arbeidsmarkt.baankans_basis", "arbeidsmarkt.duur_rem",
        "arbeidsmarkt.uitstroom_overig", "arbeidsmarkt.trede_rem_baan")),
    # the Wmo desk: need, poverty's factor, the consultants' capacity, how long provisions last
    "wmo": tuple(f"parameters.{p}" for p in (
        "wmo.factor_armoede", "toewijzen.uren_per_wmo_onderzoek",
        "toewijzen.wmo_consulenten_per_10000", "wmo.behoefte_hulpmiddel_75plus",
        "wmo.behoefte_begeleiding_psychisch", "wmo.behoefte_hulpmiddel_fysiek",
        "wmo.einde_hulpmiddel", "wmo.einde_begeleiding")),
    # new and resolved obstacles, debts and debt counselling
    "belemmeringen": tuple(f"parameters.{p}" for p in (
        "wmo.behoefte_schuldhulp_schulden", "aanbieders.effect_schuldhulp",
        "belemmeringen.nieuw_schulden", "belemmeringen.nieuw_fysiek",
        "belemmeringen.nieuw_psychisch", "belemmeringen.herstel_fysiek")),
}
#: Uncertain parameters that move a calibration target (the screen above), by stage.
ACTIEF: tuple[str, ...] = tuple(p for groep in FASEN.values() for p in groep)


def pyabc_naam(pad: str) -> str:
    """A parameter name pyabc stores safely (dots become double underscores)."""
    return pad.replace(".", "__")


def pad_van(naam: str) -> str:
    """The dotted path of a pyabc parameter name."""
    return naam.replace("__", ".")


def onzeker_getal(r: dict) -> bool:
    """Whether a catalogue row is an uncertain number with a range to draw from.

    Args:
        r: A row of :func:`~simulatie.kern.parameters.parameter_catalogus`.
    """
    standaard, bereik = r["default"], r["bereik"]
    return (r["onzeker"] and isinstance(standaard, int | float)
            and not isinstance(standaard, bool) and len(bereik) == 2 and bereik[0] < bereik[1])


def vrije_parameters(kies: Sequence[str] | None = None) -> list[Vrij]:
    """The free parameters: :data:`ACTIEF`, or the chosen uncertain ones (``alle``: all).

    Args:
        kies: Dotted paths (or their last part) of uncertain parameters, or ``["alle"]``.

    Raises:
        ScenarioFout: A chosen name is not an uncertain parameter with a range.
    """
    rijen = [r for r in parameter_catalogus() if onzeker_getal(r)]
    alle = [Vrij(r["pad"], float(r["default"]), float(r["bereik"][0]), float(r["bereik"][1]),
                 isinstance(r["default"], int), float(r["bronwaarde"])) for r in rijen]
    if kies and list(kies) == ["alle"]:
        return alle
    kies = kies or ACTIEF
    # the full path, without its "parameters." prefix, or its last part
    per_naam = ({v.pad: v for v in alle} | {v.pad.split(".", 1)[1]: v for v in alle}
                | {v.pad.rsplit(".", 1)[1]: v for v in alle})
    onbekend = [k for k in kies if k not in per_naam]
    if onbekend:
        raise ScenarioFout(f"--parameters: {onbekend[0]!r} is geen onzekere parameter met een "
                           "bereik; toegestaan: de paden met 'onzeker = ja' in "
                           "docs/parameters.md (met of zonder 'parameters.', of hun laatste "
                           "deel), of 'alle'")
    return list(dict.fromkeys(per_naam[k] for k in kies))
