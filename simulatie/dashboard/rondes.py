"""Rounds: a plan whose policies start at round boundaries, replayed on one model.

A training round is a period (a year, or several); a team chooses its policies per round. The
model starts its policies once, after month 0 (:meth:`Beleid.start`); this module starts a
policy of a later round on the running model at the first month of that round, exactly as the
model does at month 0: a new policy object with validated settings, its ``start`` drawing from
its own random stream for that month (:meth:`Gemeente.kies_stroom` with the ``START`` phase),
and its hooks running in registry order from the next month on.

What it cannot do without a change in the model core: stop a policy or change its settings
halfway. ``start`` changes mechanisms and may add professionals, and the policy API declares no
way to undo that (see ``docs/training.md``, "Wat (nog) niet kan"). :func:`controleer` therefore
refuses a plan in which a policy that is on goes off or changes, with a Dutch message.

A plan with every policy in the first round is the plain scenario: :func:`speel` then gives the
same numbers as ``simulatie run`` of that scenario (tested).

Main objects: :class:`Ronde`, :class:`RondeFout`, :func:`controleer`, :func:`speel`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from simulatie.kern.beleid import register
from simulatie.kern.model import START, Gemeente, beleid_stroom
from simulatie.kern.scenario import Scenario, bouw_scenario


class RondeFout(ValueError):
    """A plan the rounds cannot play; the message is Dutch and says what to change."""


@dataclass(frozen=True)
class Ronde:
    """The policies of one round.

    Attributes:
        start: First month of the round (0 for the first round): policies new in this round
            start after this month's accounts, so they act from month ``start + 1``.
        beleid: Active policies with their settings (name -> settings, ``actief`` optional).
    """

    start: int
    beleid: dict[str, dict[str, Any]] = field(default_factory=dict)


def _instellingen(naam: str, inst: dict[str, Any]) -> dict[str, Any]:
    """Validated settings of one policy (``actief`` set), as a plain dict."""
    klasse = register()[naam].Instellingen
    return klasse.model_validate({**inst, "actief": True}).model_dump()


def controleer(rondes: Sequence[Ronde], titels: dict[str, str] | None = None) -> None:
    """Check that a plan can be played: rounds in order, policies that are on stay on unchanged.

    Args:
        rondes: The rounds, first round first.
        titels: Dutch titles of the policies for the message (default: their names).

    Raises:
        RondeFout: With a Dutch message naming the round and the policy.
    """
    titels = titels or {}
    if not rondes or rondes[0].start != 0:
        raise RondeFout("Een plan begint met ronde 1 op maand 0.")
    vorige: dict[str, dict[str, Any]] = {}
    for i, ronde in enumerate(rondes, 1):
        if i > 1 and ronde.start <= rondes[i - 2].start:
            raise RondeFout(f"Ronde {i} moet later beginnen dan ronde {i - 1}.")
        onbekend = [n for n in ronde.beleid if n not in register()]
        if onbekend:
            raise RondeFout(f"Onbekend beleid in ronde {i}: {', '.join(onbekend)}.")
        nu = {n: _instellingen(n, inst) for n, inst in ronde.beleid.items()}
        for naam, inst in vorige.items():
            titel = titels.get(naam, naam)
            if naam not in nu:
                raise RondeFout(f"{titel} staat aan sinds een eerdere ronde en kan in ronde {i} "
                                "niet stoppen: het model kan beleid nog niet halverwege "
                                "stoppen.")
            if nu[naam] != inst:
                raise RondeFout(f"De instellingen van {titel} liggen vast sinds de ronde waarin "
                                f"het begon; ze kunnen in ronde {i} niet veranderen.")
        vorige = nu


def start_beleid(model: Gemeente, naam: str, instellingen: dict[str, Any]) -> None:
    """Start one policy on a running model at its current month, as the model does at month 0.

    Args:
        model: The model, between two steps.
        naam: Registered policy name.
        instellingen: Its settings.
    """
    klasse = register()[naam]
    beleid = klasse(klasse.Instellingen.model_validate({**instellingen, "actief": True}))
    model.kies_stroom(0, START, beleid_stroom(naam))
    beleid.start(model)
    volgorde = list(register())
    model.beleid = sorted([*model.beleid, beleid], key=lambda b: volgorde.index(b.naam))


def scenario_van_ronde(basis: Scenario, ronde: Ronde) -> Scenario:
    """``basis`` with the policies of ``ronde`` (the first round) and nothing else."""
    data = basis.model_dump(exclude={"beleid"})
    data["beleid"] = {n: {**inst, "actief": True} for n, inst in ronde.beleid.items()}
    return bouw_scenario(data, bron="plan")


def speel(basis: Scenario, rondes: Sequence[Ronde], seed: int, maanden: int | None = None,
          bij_maand: Callable[[Gemeente], None] | None = None) -> pd.DataFrame:
    """Run a plan from month 0 to the horizon, starting each round's new policies on time.

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
    aan = set(rondes[0].beleid)
    starts = {r.start: r for r in rondes[1:]}
    while model.maand < horizon:
        ronde = starts.get(model.maand)
        if ronde is not None:
            for naam in sorted(set(ronde.beleid) - aan, key=list(register()).index):
                start_beleid(model, naam, ronde.beleid[naam])
                aan.add(naam)
        model.step()
        if bij_maand is not None:
            bij_maand(model)
    tijdreeks = pd.DataFrame(model.reeks)
    tijdreeks["seed"] = model.seed_waarde
    tijdreeks["scenario"] = basis.naam
    return tijdreeks
