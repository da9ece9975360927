"""Rounds: a training plan whose policies start, stop or change settings at round boundaries.

A training round is a period (a year, or several); a team chooses its policies per round. A
plan is a scenario with rounds (:func:`scenario_van_plan`): its first round is the scenario's
``[beleid]``, the later ones its ``[[rondes]]``, which the model plays itself
(:mod:`simulatie.kern.rondes`: stops first, then starts, each in registry order; started
policies act from the next month). So ``simulatie run`` of a plan saved as a scenario file
gives the same numbers as the training (tested), and a plan with every policy in the first
round is the plain scenario.

This module adds what the training pages need: Dutch messages for a plan that cannot be played
(:func:`controleer`) and the plan's run (:func:`speel`).

Main objects: :class:`Ronde`, :class:`RondeFout`, :func:`controleer`, :func:`wissels`,
:func:`scenario_van_plan`, :func:`speel`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pydantic import ValidationError

from simulatie.kern.beleid import register
from simulatie.kern.model import Gemeente
from simulatie.kern.rondes import wissels as kern_wissels
from simulatie.kern.scenario import Scenario, bouw_scenario


class RondeFout(ValueError):
    """A plan the rounds cannot play; the message is Dutch and says what to change."""


@dataclass(frozen=True)
class Ronde:
    """The policies of one round.

    Attributes:
        start: First month of the round (0 for the first round): policies new in this round
            (or with new settings) start after this month's accounts, so they act from month
            ``start + 1``; policies no longer in it stop then, so month ``start`` is their last.
        beleid: Active policies with their settings (name -> settings, ``actief`` optional).
    """

    start: int
    beleid: dict[str, dict[str, Any]] = field(default_factory=dict)


def _instellingen(naam: str, inst: dict[str, Any]) -> dict[str, Any]:
    """Validated settings of one policy (``actief`` set), as a plain dict."""
    klasse = register()[naam].Instellingen
    return klasse.model_validate({**inst, "actief": True}).model_dump()


def controleer(rondes: Sequence[Ronde], titels: dict[str, str] | None = None) -> None:
    """Check that a plan can be played: rounds in order, known policies, valid settings.

    A policy may start, stop or change its settings in any round.

    Args:
        rondes: The rounds, first round first.
        titels: Dutch titles of the policies for the message (default: their names).

    Raises:
        RondeFout: With a Dutch message naming the round and the policy.
    """
    titels = titels or {}
    if not rondes or rondes[0].start != 0:
        raise RondeFout("Een plan begint met ronde 1 op maand 0.")
    for i, ronde in enumerate(rondes, 1):
        if i > 1 and ronde.start <= rondes[i - 2].start:
            raise RondeFout(f"Ronde {i} moet later beginnen dan ronde {i - 1}.")
        onbekend = [n for n in ronde.beleid if n not in register()]
        if onbekend:
            raise RondeFout(f"Onbekend beleid in ronde {i}: {', '.join(onbekend)}.")
        for naam, inst in ronde.beleid.items():
            try:
                _instellingen(naam, inst)
            except ValidationError as fout:
                velden = ", ".join(str(e["loc"][0]) for e in fout.errors() if e["loc"])
                raise RondeFout(f"De instellingen van {titels.get(naam, naam)} in ronde {i} "
                                f"zijn ongeldig ({velden}).") from None


def wissels(vorige: dict[str, dict[str, Any]], ronde: Ronde) -> tuple[list[str], list[str]]:
    """Which policies stop and which start when ``ronde`` begins.

    Args:
        vorige: The running policies with their settings (name -> settings).
        ronde: The round that begins.

    Returns:
        ``(stoppen, starten)`` in registry order: a policy whose settings change is in both
        (:func:`simulatie.kern.rondes.wissels`).
    """
    return kern_wissels({n: _instellingen(n, inst) for n, inst in vorige.items()},
                        {n: _instellingen(n, inst) for n, inst in ronde.beleid.items()})


def scenario_van_plan(basis: Scenario, rondes: Sequence[Ronde]) -> Scenario:
    """``basis`` with the plan's policies, as a scenario with rounds.

    The first round becomes ``[beleid]``, the others ``[[rondes]]`` (those that begin before
    the horizon), every chosen policy active. ``simulatie run`` of this scenario plays the
    plan (:mod:`simulatie.kern.rondes`).
    """

    def aan(beleid: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {n: {**inst, "actief": True} for n, inst in beleid.items()}

    data = basis.model_dump(exclude={"beleid", "rondes"})
    data["beleid"] = aan(rondes[0].beleid)
    data["rondes"] = [{"start": r.start, "beleid": aan(r.beleid)} for r in rondes[1:]
                      if r.start < basis.maanden]
    return bouw_scenario(data, bron="plan")


def speel(basis: Scenario, rondes: Sequence[Ronde], seed: int, maanden: int | None = None,
          bij_maand: Callable[[Gemeente], None] | None = None) -> pd.DataFrame:
    """Run a plan from month 0 to the horizon, starting and stopping policies on time.

    Args:
        basis: The scenario without policies (municipality, parameters, horizon); its own
            ``beleid`` is ignored.
        rondes: The rounds (checked with :func:`controleer`).
        seed: Seed of the run.
        maanden: Horizon (default ``basis.maanden``).
        bij_maand: Called after every month (e.g. to collect wijk indicators).

    Returns:
        The tijdreeks: one row per month 0..horizon, with ``seed`` and ``scenario``.

    Raises:
        RondeFout: When the plan cannot be played.
    """
    controleer(rondes)
    horizon = basis.maanden if maanden is None else maanden
    model = Gemeente(scenario_van_plan(basis, rondes), seed=seed)
    while model.maand < horizon:
        model.step()
        if bij_maand is not None:
            bij_maand(model)
    tijdreeks = pd.DataFrame(model.reeks)
    tijdreeks["seed"] = model.seed_waarde
    tijdreeks["scenario"] = basis.naam
    return tijdreeks
