"""Agent-based simulator (Mesa) of a Dutch municipality's social domain.

Public API:
    * :func:`laad_scenario` - read and validate a scenario TOML (with ``--set``-style overrides).
    * :func:`bouw_scenario` - the same from a mapping.
    * :func:`simuleer` - run a scenario with a seed; returns a :class:`Resultaat` of DataFrames.
    * :class:`Gemeente` - the Mesa model, for stepping by hand (dashboard, notebooks).
    * :class:`ScenarioFout` - the error raised for bad input.

The names are loaded on first use, so ``import simulatie`` (and ``simulatie --help``) does not
import numpy, pandas or Mesa. Layers (docs/architectuur.md): ``kern`` (the model) <- ``beleid``
(policy plug-ins) <- ``experiment`` (runs, comparisons, sweeps, writers) <- ``dashboard`` <-
``cli``; nothing inside the package imports this module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulatie.experiment.run import Resultaat, simuleer
    from simulatie.kern.model import Gemeente
    from simulatie.kern.scenario import Scenario, ScenarioFout, bouw_scenario, laad_scenario

_WAAR = {"Scenario": "simulatie.kern.scenario", "ScenarioFout": "simulatie.kern.scenario",
         "bouw_scenario": "simulatie.kern.scenario", "laad_scenario": "simulatie.kern.scenario",
         "Gemeente": "simulatie.kern.model", "Resultaat": "simulatie.experiment.run",
         "simuleer": "simulatie.experiment.run"}

__all__ = ["Gemeente", "Resultaat", "Scenario", "ScenarioFout", "bouw_scenario",
           "laad_scenario", "simuleer"]
__version__ = "0.1.0"


def __getattr__(naam: str) -> Any:
    """Load a public name on first use (PEP 562)."""
    if naam in _WAAR:
        waarde = getattr(importlib.import_module(_WAAR[naam]), naam)
        globals()[naam] = waarde
        return waarde
    raise AttributeError(f"module 'simulatie' has no attribute {naam!r}")


def __dir__() -> list[str]:
    """The public names (for tab completion)."""
    return sorted([*globals(), *__all__])
