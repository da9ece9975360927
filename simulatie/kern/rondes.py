"""Rounds of policies: a scenario whose policies start, stop or change settings on a month.

A scenario's ``[beleid]`` tables are its first round; each ``[[rondes]]`` table
(:class:`~simulatie.kern.scenario.BeleidsRonde`) names the policies from the end of its month
``start`` on. Between month ``start`` and the next the model changes its running policies
through its own API (:meth:`Gemeente.stop_beleid <simulatie.kern.model.Gemeente.stop_beleid>`,
:meth:`Gemeente.start_beleid <simulatie.kern.model.Gemeente.start_beleid>`): a policy that is
no longer chosen stops (it releases what it holds and the mechanisms are rebuilt without it), a
new one starts (its ``start`` draws from its own stream of that month), and a policy whose
settings change stops and starts again with the new settings. Stops come first, then starts,
each in registry order; started policies act from the next month. So ``simulatie run`` of a
file with rounds plays the same plan as a training team's submission with those rounds.

Main objects: :func:`wissels`, :func:`wissel`.
"""

from __future__ import annotations

from typing import Any

from simulatie.kern.beleid import actieve_namen, register
from simulatie.kern.toegang import ModelToegang


def wissels(oud: dict[str, dict[str, Any]],
            nieuw: dict[str, dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Which policies stop and which start when the policies ``oud`` become ``nieuw``.

    Args:
        oud: The running round's validated policy tables (name -> settings with ``actief``).
        nieuw: The next round's validated tables.

    Returns:
        ``(stoppen, starten)`` in registry order: a policy whose settings change is in both.
    """
    aan_oud = {n: oud[n] for n in actieve_namen(oud)}
    aan_nieuw = {n: nieuw[n] for n in actieve_namen(nieuw)}
    volgorde = list(register())
    stoppen = [n for n in volgorde if n in aan_oud and aan_oud[n] != aan_nieuw.get(n)]
    starten = [n for n in volgorde if n in aan_nieuw and aan_nieuw[n] != aan_oud.get(n)]
    return stoppen, starten


def wissel(model: ModelToegang, oud: dict[str, dict[str, Any]],
           nieuw: dict[str, dict[str, Any]]) -> None:
    """Change a running model's policies from ``oud`` to ``nieuw``, between two months.

    Args:
        model: The model (a :class:`~simulatie.kern.model.Gemeente`), between two steps.
        oud: The running round's validated policy tables.
        nieuw: The next round's validated tables.
    """
    stoppen, starten = wissels(oud, nieuw)
    beschikbaar = register()
    for naam in stoppen:
        model.stop_beleid(naam)  # type: ignore[attr-defined]
    for naam in starten:
        klasse = beschikbaar[naam]
        model.start_beleid(  # type: ignore[attr-defined]
            klasse(klasse.Instellingen.model_validate(nieuw[naam])))
