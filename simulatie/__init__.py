"""Agent-based simulator (Mesa) of a Dutch municipality's social domain.

Public API:
    * :func:`laad_scenario` - read and validate a scenario TOML (with ``--set``-style overrides).
    * :func:`simuleer` - run a scenario with a seed; returns a :class:`Resultaat` of DataFrames.
    * :class:`Gemeente` - the Mesa model, for stepping by hand (dashboard, notebooks).
    * :class:`ScenarioFout` - the error raised for bad input.
"""

from simulatie.config import Scenario, ScenarioFout, bouw_scenario, laad_scenario
from simulatie.model import Gemeente
from simulatie.run import Resultaat, simuleer

__all__ = ["Gemeente", "Resultaat", "Scenario", "ScenarioFout", "bouw_scenario",
           "laad_scenario", "simuleer"]
__version__ = "0.1.0"
