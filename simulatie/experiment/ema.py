"""EMA Workbench adapter: drive the model from EMA with the declarations of a sweep TOML.

Main objects:
    * :class:`ModelFunctie` - a picklable function of keyword arguments (the levers and
      uncertainties by short name, plus ``seed``) returning a dict of outcomes; EMA calls it
      unmodified, and so can anyone else.
    * :func:`maak_functie` - that function for a sweep TOML.
    * :func:`maak_model` - a ready :class:`ema_workbench.ReplicatorModel` with the sweep's
      uncertainties, levers, outcomes and replications (seeds from the sweep's master seed).

EMA Workbench is imported only inside :func:`maak_model` (it takes seconds to import). EMA
samples uncertainties uniformly between their bounds; the ``verdeling`` of an uncertainty is
used only by ``simulatie sweep`` designs. Keyword names are the short names of the declaration
(the last part of the path, or ``naam``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from simulatie.experiment.sweep.declaratie import VARIANT, SweepDeclaratie, is_geheel, laad_sweep
from simulatie.experiment.sweep.ontwerp import run_seed
from simulatie.experiment.sweep.uitvoeren import Context, voer_run
from simulatie.kern.scenario import ScenarioFout


class ModelFunctie:
    """The model as a function of keyword arguments returning a dict of outcomes.

    Args:
        declaratie: A validated sweep declaration; its base scenario and constants are fixed,
            levers and uncertainties are the keyword arguments (missing ones keep the base
            scenario's value).
    """

    def __init__(self, declaratie: SweepDeclaratie) -> None:
        """Keep the declaration and map short names to scenario paths."""
        self.declaratie = declaratie
        self.context = Context.van(declaratie)
        self.paden = {x.kort: x.pad for x in (*declaratie.hefboom, *declaratie.onzekerheid)}
        if declaratie.variant:
            self.paden[VARIANT] = VARIANT

    def __call__(self, seed: int | None = None, **kwargs: Any) -> dict[str, Any]:
        """Run the model once.

        Args:
            seed: Seed of the run (default: the sweep's master seed).
            **kwargs: Levers and uncertainties by short name, and ``variant`` (a variant's
                name) when the sweep declares variants.

        Returns:
            The scalar outcomes by name, and each stored time series as a numpy array under
            ``<kolom>_reeks``.

        Raises:
            ScenarioFout: On an unknown keyword or a run that fails.
        """
        onbekend = set(kwargs) - set(self.paden)
        if onbekend:
            raise ScenarioFout(f"unknown keyword(s) {', '.join(sorted(onbekend))}; allowed: "
                               f"{', '.join(self.paden)}, seed")
        invoer = {self.paden[k]: _gewoon(v) for k, v in kwargs.items()}
        namen = [v.naam for v in self.declaratie.variant]
        if VARIANT in invoer and invoer[VARIANT] not in namen:
            raise ScenarioFout(f"variant {invoer[VARIANT]!r}: unknown; allowed: "
                               f"{', '.join(namen)}")
        taak = {"run_id": "ema", "seed": self.declaratie.ontwerp.seed if seed is None else seed,
                "invoer": invoer}
        resultaat = voer_run(taak, self.context)
        rij = resultaat["rij"]
        if rij["status"] != "ok":
            raise ScenarioFout(rij["fout"])
        uit: dict[str, Any] = {u.naam: rij[u.naam] for u in self.declaratie.uitkomst}
        for kolom in self.declaratie.tijdreeksen:
            uit[reeksnaam(kolom)] = resultaat["reeks"][kolom].to_numpy()
        return uit


def reeksnaam(kolom: str) -> str:
    """Outcome name of a stored time series (``bijstand`` -> ``bijstand_reeks``)."""
    return f"{kolom}_reeks"


def _gewoon(v: Any) -> Any:
    """Plain Python value (EMA passes numpy scalars and categories)."""
    return v.item() if isinstance(v, np.generic) else v


def _gemiddeld(waarden: list[float]) -> float:
    """Mean over the replications of a scalar outcome."""
    return float(np.mean(waarden))


def maak_functie(sweep_pad: str | Path) -> ModelFunctie:
    """The model function of a sweep TOML (no EMA needed).

    Args:
        sweep_pad: Path to a sweep TOML.

    Returns:
        A :class:`ModelFunctie`.
    """
    return ModelFunctie(laad_sweep(sweep_pad))


def maak_model(sweep_pad: str | Path, naam: str | None = None) -> Any:
    """A ready EMA ``ReplicatorModel`` built from a sweep TOML.

    Args:
        sweep_pad: Path to a sweep TOML (levers, uncertainties, outcomes, replications, seed).
        naam: Model name (default: the sweep's name, made alphanumeric).

    Returns:
        An ``ema_workbench.ReplicatorModel`` with ``uncertainties``, ``levers``, ``outcomes``
        and ``replications`` (one ``{"seed": ...}`` per replication) set. Scalar outcomes are
        the mean over the replications; time series are arrays of shape (replications,
        months + 1) per experiment.
    """
    from ema_workbench import (
        ArrayOutcome,
        BooleanParameter,
        CategoricalParameter,
        IntegerParameter,
        RealParameter,
        ReplicatorModel,
        ScalarOutcome,
    )

    functie = maak_functie(sweep_pad)
    d = functie.declaratie
    model = ReplicatorModel(re.sub(r"\W", "_", naam or d.naam), function=functie)
    model.uncertainties = [
        IntegerParameter(o.kort, int(np.ceil(o.min)), int(np.floor(o.max))) if is_geheel(o.pad)
        else RealParameter(o.kort, o.min, o.max) for o in d.onzekerheid]
    varianten = [CategoricalParameter(VARIANT, [v.naam for v in d.variant])] if d.variant else []
    model.levers = varianten + [
        BooleanParameter(h.kort) if all(isinstance(w, bool) for w in h.waarden)
        else CategoricalParameter(h.kort, h.waarden) for h in d.hefboom]
    model.outcomes = [
        ScalarOutcome(u.naam, kind=ScalarOutcome.MINIMIZE if u.richting == "min"
                      else ScalarOutcome.MAXIMIZE, function=_gemiddeld) for u in d.uitkomst
    ] + [ArrayOutcome(reeksnaam(k), function=np.stack) for k in d.tijdreeksen]
    model.replications = [{"seed": run_seed(d.ontwerp.seed, 0, r)}
                          for r in range(d.ontwerp.replicaties)]
    return model
