"""Run the validation: baseline runs per municipality, policy runs, and the verdict table.

:func:`valideer_scenario` checks one scenario's municipality (flows, stationarity, overlap);
:func:`valideer_volledig` does that for every municipality of :mod:`.gemeenten` and adds the
policy effects for Groningen and a generated municipality. Both return a table with one row per
(municipality, moment, target) - see :func:`.beoordelen.beoordeel` for its columns.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from simulatie.experiment.validatie import meten
from simulatie.experiment.validatie.beleidseffect import BELEIDSNAMEN, effecten
from simulatie.experiment.validatie.beoordelen import beoordeel
from simulatie.experiment.validatie.doelen import BELEID, OVERLAP, STATIONAIR
from simulatie.experiment.validatie.gemeenten import Valideergemeente, validatiegemeenten
from simulatie.experiment.validatie.stromen import DOELEN as STROMEN
from simulatie.experiment.validatie.stromen import kengetallen
from simulatie.experiment.validatie.uitvoeren import draai
from simulatie.kern.scenario import Scenario, bouw_scenario

#: Horizon of every validation run (the targets hold after ten years).
MAANDEN = 120
#: Replications of the policy effects (issue 12: ten, for Groningen); municipalities below
#: :data:`KLEIN_BELEID` inhabitants get twice as many (a smaller effect in persons is noisier).
SEEDS_BELEID = 10
KLEIN_BELEID = 100_000

Melding = Callable[[str, int, int], None]


def basisscenario(data: Mapping[str, Any], gemeente: Mapping[str, Any] | None = None,
                  maanden: int = MAANDEN, beleid: str | None = None,
                  overrides: Mapping[str, Any] | None = None) -> Scenario:
    """The scenario's parameters with no policy (or only ``beleid``), for another municipality.

    Args:
        data: Parsed scenario TOML (its ``beleid`` tables and ``rondes`` are dropped).
        gemeente: ``[gemeente]`` table to use instead of the scenario's.
        maanden: Horizon.
        beleid: The one policy to switch on, at its default settings.
        overrides: The user's ``--set`` values, applied last.
    """
    d = copy.deepcopy(dict(data))
    d.pop("beleid", None)
    d.pop("rondes", None)
    d.pop("trends", None)
    if gemeente is not None:
        d["gemeente"] = dict(gemeente)
    d["maanden"] = maanden
    d.setdefault("naam", "validatie")
    zet = {f"beleid.{beleid}.actief": True} if beleid else {}
    return bouw_scenario(d, {**zet, **(overrides or {})}, bron=str(d["naam"]))


def beoordeel_basis(naam: str, runs: list[pd.DataFrame],
                    verzonnen: bool = False) -> list[dict[str, Any]]:
    """Rows for the flow, stationarity and overlap targets of one municipality's basis runs.

    Args:
        naam: Municipality name.
        runs: Its basis runs, one per seed.
        verzonnen: A generated municipality: targets marked ``alleen_presets`` are reported
            without a verdict.
    """
    rijen = []
    stromen = [kengetallen(ts) for ts in runs]
    rijen += [beoordeel(d, [s[d.naam] for s in stromen], naam) for d in STROMEN]
    stat = [meten.stationair(ts) for ts in runs]
    eind = int(runs[0]["maand"].iloc[-1])
    rijen += [beoordeel(d, [s[d.naam] for s in stat], naam, f"maand 0 -> {eind}")
              for d in STATIONAIR]
    for maand in (0, eind):
        ov = [meten.overlap(ts, maand) for ts in runs]
        rijen += [beoordeel(d, [o[d.naam] for o in ov], naam, f"maand {maand}",
                            not (verzonnen and d.alleen_presets)) for d in OVERLAP]
    return rijen


def _melder(melding: Melding | None, wat: str) -> Callable[[int, int], None] | None:
    return None if melding is None else (lambda klaar, totaal: melding(wat, klaar, totaal))


def valideer_scenario(data: Mapping[str, Any], seeds: int, werkers: int = 1,
                      maanden: int = MAANDEN, overrides: Mapping[str, Any] | None = None,
                      melding: Melding | None = None) -> pd.DataFrame:
    """Validate the baseline of one scenario's municipality with ``seeds`` replications."""
    scenario = basisscenario(data, maanden=maanden, overrides=overrides)
    runs = draai([(scenario, s) for s in range(1, seeds + 1)], werkers,
                 _melder(melding, scenario.gemeente.naam))
    return pd.DataFrame(beoordeel_basis(scenario.gemeente.naam, runs))


def valideer_volledig(data: Mapping[str, Any], werkers: int = 1,
                      gemeenten: list[Valideergemeente] | None = None,
                      beleid_voor: tuple[str, ...] = ("Groningen", "Middenstad (60.000, 3%)"),
                      maanden: int = MAANDEN, overrides: Mapping[str, Any] | None = None,
                      melding: Melding | None = None) -> pd.DataFrame:
    """Every municipality's baseline, and the policy effects for ``beleid_voor``.

    Args:
        data: Parsed scenario TOML whose parameters are used (its municipality is not).
        werkers: Processes.
        gemeenten: Municipalities (default :func:`validatiegemeenten`).
        beleid_voor: Names of the municipalities whose policy effects are measured, with
            :data:`SEEDS_BELEID` replications, twice as many below :data:`KLEIN_BELEID`
            inhabitants (their baseline uses as many).
        maanden: Horizon.
        overrides: The user's ``--set`` values, applied to every run.
        melding: Progress callback (what, done, total).
    """
    rijen: list[dict[str, Any]] = []
    for vg in gemeenten or validatiegemeenten():
        met_beleid = vg.naam in beleid_voor
        beleid_seeds = SEEDS_BELEID * (1 if vg.inwoners >= KLEIN_BELEID else 2)
        seeds = max(vg.seeds, beleid_seeds) if met_beleid else vg.seeds
        varianten = [None, *BELEIDSNAMEN] if met_beleid else [None]
        taken = [(basisscenario(data, vg.gemeente, maanden, b, overrides), s)
                 for b in varianten for s in range(1, seeds + 1)]
        runs = draai(taken, werkers, _melder(melding, vg.naam))
        basis = runs[:seeds]
        rijen += beoordeel_basis(vg.naam, basis, vg.verzonnen)
        if met_beleid:
            per_beleid = {b: runs[(i + 1) * seeds:(i + 2) * seeds]
                          for i, b in enumerate(BELEIDSNAMEN)}
            waarden = effecten(basis, per_beleid)
            rijen += [beoordeel(d, waarden[d.naam], vg.naam, "jaar 10") for d in BELEID]
    return pd.DataFrame(rijen)
