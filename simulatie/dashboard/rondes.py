"""Rounds: a plan whose policies start, stop or change settings at round boundaries.

A training round is a period (a year, or several); a team chooses its policies per round. At
the first month of a round this module changes the running model between two months through
the core's API: a policy that is no longer chosen stops (:meth:`Gemeente.stop_beleid`: it
releases what it holds and the mechanisms are rebuilt without it), a policy that is new starts
(:meth:`Gemeente.start_beleid`: a new policy object with validated settings, its ``start``
drawing from its own random stream of that month), and a policy whose settings change stops
and starts again with the new settings. Stops come first, then starts, each in registry order;
hooks of the started policies run from the next month on.

A plan with every policy in the first round is the plain scenario: :func:`speel` then gives the
same numbers as ``simulatie run`` of that scenario (tested).

Main objects: :class:`Ronde`, :class:`RondeFout`, :func:`controleer`, :func:`wissels`,
:func:`speel`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pydantic import ValidationError

from simulatie.kern.beleid import register
from simulatie.kern.model import Gemeente
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
        ``(stoppen, starten)`` in registry order: a policy whose settings change is in both.
    """
    nu = {n: _instellingen(n, inst) for n, inst in ronde.beleid.items()}
    oud = {n: _instellingen(n, inst) for n, inst in vorige.items()}
    volgorde = list(register())
    stoppen = [n for n in volgorde if n in oud and oud[n] != nu.get(n)]
    starten = [n for n in volgorde if n in nu and nu[n] != oud.get(n)]
    return stoppen, starten


def start_beleid(model: Gemeente, naam: str, instellingen: dict[str, Any]) -> None:
    """Start one policy on a running model at its current month, as the model does at month 0.

    Args:
        model: The model, between two steps.
        naam: Registered policy name.
        instellingen: Its settings.
    """
    klasse = register()[naam]
    model.start_beleid(klasse(klasse.Instellingen.model_validate({**instellingen,
                                                                  "actief": True})))


def scenario_van_ronde(basis: Scenario, ronde: Ronde) -> Scenario:
    """``basis`` with the policies of ``ronde`` (the first round) and nothing else."""
    data = basis.model_dump(exclude={"beleid"})
    data["beleid"] = {n: {**inst, "actief": True} for n, inst in ronde.beleid.items()}
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
    model = Gemeente(scenario_van_ronde(basis, rondes[0]), seed=seed)
    aan = dict(rondes[0].beleid)
    starts = {r.start: r for r in rondes[1:]}
    while model.maand < horizon:
        ronde = starts.get(model.maand)
        if ronde is not None:
            stoppen, starten = wissels(aan, ronde)
            for naam in stoppen:
                model.stop_beleid(naam)
            for naam in starten:
                start_beleid(model, naam, ronde.beleid[naam])
            aan = dict(ronde.beleid)
        model.step()
        if bij_maand is not None:
            bij_maand(model)
    tijdreeks = pd.DataFrame(model.reeks)
    tijdreeks["seed"] = model.seed_waarde
    tijdreeks["scenario"] = basis.naam
    return tijdreeks
