"""One run of a sweep as a pure, picklable function: inputs in, one result row out.

Main objects:
    * :class:`Context` - what every run of a sweep shares (base scenario, constants, outcomes).
    * :func:`voer_run` - build the scenario of one run, simulate it and compute its outcomes;
      an exception becomes a row with ``status = "fout"`` and the error text.
    * :func:`bereken_uitkomsten` - scalar outcomes from a ``tijdreeks`` table.
    * :func:`herhaal_run` - re-run one stored run of a sweep folder with all its tables.

The same function runs in-process, in a local process pool and on Dask workers; it does no file
I/O, so only the driver writes results.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simulatie.experiment.sweep.declaratie import SweepDeclaratie, Uitkomst, run_overrides

if TYPE_CHECKING:
    from simulatie.experiment.run import Resultaat
    from simulatie.kern.scenario import Scenario


@dataclass(frozen=True)
class Context:
    """What all runs of a sweep share.

    Attributes:
        basis: Parsed base scenario tables.
        constanten: Dotted paths fixed for every run.
        uitkomsten: Outcome declarations.
        tijdreeksen: Columns of the time series table.
        sweep: Name of the sweep (stored in every row).
        varianten: Variant name -> its overrides.
    """

    basis: dict[str, Any]
    constanten: dict[str, Any]
    uitkomsten: tuple[Uitkomst, ...]
    tijdreeksen: tuple[str, ...] = ()
    sweep: str = "sweep"
    varianten: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def van(cls, d: SweepDeclaratie) -> Context:
        """The context of a declaration."""
        return cls(basis=d.basis, constanten=d.constanten, uitkomsten=tuple(d.uitkomst),
                   tijdreeksen=tuple(d.tijdreeksen), sweep=d.naam,
                   varianten={v.naam: v.overrides for v in d.variant})


def _aggregeer(reeks: pd.Series, aggregatie: str) -> float:
    if aggregatie == "som":
        return float(reeks.sum())
    if aggregatie == "eind":
        return float(reeks.iloc[-1])
    if aggregatie == "gemiddelde":
        return float(reeks.mean())
    if aggregatie == "max":
        return float(reeks.max())
    return float(reeks.min())


def bereken_uitkomsten(tijdreeks: pd.DataFrame, uitkomsten: tuple[Uitkomst, ...] | list[Uitkomst]
                       ) -> dict[str, float]:
    """Scalar outcomes of one run.

    Args:
        tijdreeks: ``Resultaat.tijdreeks`` (one row per month).
        uitkomsten: The outcome declarations.

    Returns:
        Mapping of outcome name to value (NaN for a ratio with a zero denominator).
    """
    uit: dict[str, float] = {}
    for u in uitkomsten:
        deel = tijdreeks[tijdreeks["maand"] >= u.vanaf]
        waarde = _aggregeer(deel[u.kolom], u.aggregatie)
        if u.noemer is not None:
            noemer = _aggregeer(deel[u.noemer], u.aggregatie)
            waarde = waarde / noemer if noemer else float("nan")
        uit[u.naam] = waarde
    return uit


def _waarde(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


def voer_run(taak: dict[str, Any], context: Context) -> dict[str, Any]:
    """Simulate one run of a sweep.

    Args:
        taak: ``run_id``, ``seed`` and ``invoer`` (dotted path -> value, and the ``variant``
            when the sweep has variants) of the run, optionally ``wereld`` (the values of its
            replication's world, see :func:`~simulatie.experiment.sweep.declaratie.run_overrides`),
            plus any design bookkeeping (``punt``, ``hefboom_index``, ``replicatie``) copied to
            the row.
        context: The shared :class:`Context`.

    Returns:
        ``{"rij": {...}, "reeks": DataFrame | None}``: the row has the bookkeeping, inputs,
        ``status`` (``"ok"`` or ``"fout"``), ``fout`` (error text), ``looptijd_s`` (wall
        time), ``cpu_s`` (CPU time of the worker process during the run) and the outcomes
        (NaN when failed); ``reeks`` holds ``run_id``, ``maand`` and the stored time series
        columns.
    """
    from simulatie.experiment.run import simuleer
    from simulatie.kern.scenario import bouw_scenario

    begin, cpu = time.perf_counter(), time.process_time()
    invoer = {k: _waarde(v) for k, v in taak["invoer"].items()}
    wereld = {k: _waarde(v) for k, v in (taak.get("wereld") or {}).items()}
    rij: dict[str, Any] = {k: _waarde(v) for k, v in taak.items()
                           if k not in ("invoer", "wereld")}
    rij.update(invoer)
    rij.update(wereld)
    rij["sweep"] = context.sweep
    rij["scenario"] = str(context.constanten.get("naam", context.basis.get("naam", "scenario")))
    reeks = None
    try:
        scenario = bouw_scenario(context.basis,
                                 run_overrides(context.varianten, context.constanten, invoer,
                                               wereld=wereld, basis=context.basis),
                                 bron=f"run {taak['run_id']}")
        resultaat = simuleer(scenario, seed=int(taak["seed"]), voortgang=False)
        rij.update(bereken_uitkomsten(resultaat.tijdreeks, context.uitkomsten))
        rij.update(status="ok", fout="")
        if context.tijdreeksen:
            reeks = resultaat.tijdreeks[["maand", *context.tijdreeksen]].copy()
            reeks.insert(0, "run_id", taak["run_id"])
    except Exception as fout:  # noqa: BLE001 - a failing run is recorded, the sweep goes on
        rij.update({u.naam: float("nan") for u in context.uitkomsten})
        regels = traceback.format_exception_only(fout)
        rij.update(status="fout", fout="".join(regels).strip()[-2000:])
    rij["looptijd_s"] = time.perf_counter() - begin
    rij["cpu_s"] = time.process_time() - cpu
    return {"rij": rij, "reeks": reeks}


def herhaal_run(map_: str | Path, run_id: str) -> tuple[Scenario, int, Resultaat]:
    """Re-run one stored run of a sweep folder, with all its tables.

    The scenario is rebuilt from the manifest (base scenario, constants) and the design table
    (the run's inputs and seed), so the outcomes equal the stored ones.

    Args:
        map_: Output folder of ``simulatie sweep``.
        run_id: The run, e.g. ``"p000003-h001-r000"``.

    Returns:
        ``(scenario, seed, resultaat)``.

    Raises:
        ScenarioFout: When the folder or the run is unknown.
    """
    import json

    from simulatie.experiment.run import simuleer
    from simulatie.kern.scenario import ScenarioFout, bouw_scenario

    map_ = Path(map_)
    if not (map_ / "manifest.json").is_file():
        raise ScenarioFout(f"{map_}: no manifest.json; not a sweep folder")
    d = SweepDeclaratie.model_validate(
        json.loads((map_ / "manifest.json").read_text("utf-8"))["declaratie"])
    ontwerp = pd.read_parquet(map_ / "ontwerp.parquet")
    rij = ontwerp[ontwerp["run_id"] == run_id]
    if rij.empty:
        raise ScenarioFout(f"run_id {run_id!r} is not in {map_ / 'ontwerp.parquet'}")
    rij = rij.iloc[0]
    invoer = {p: _waarde(rij[p]) for p in d.invoer_paden()}
    scenario = bouw_scenario(d.basis, d.overrides(invoer, replicatie=int(rij["replicatie"])),
                             bron=f"run {run_id}")
    seed = int(rij["seed"])
    return scenario, seed, simuleer(scenario, seed=seed, voortgang=False)
