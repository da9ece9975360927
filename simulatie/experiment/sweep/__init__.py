"""Experiments at scale: declared sweeps, local or Dask execution, resumable storage, analysis.

Main objects:
    * :func:`laad_sweep` - read and validate a sweep TOML (:mod:`.declaratie`).
    * :func:`maak_runs` - the planned runs with their seeds (:mod:`.ontwerp`).
    * :func:`voer_sweep` - run or resume a sweep into an output folder (:mod:`.uitvoering`,
      storage in :mod:`.opslag`).
    * :func:`herhaal_run` - re-run one stored run with all its tables (:mod:`.uitvoeren`).
    * :func:`~simulatie.experiment.sweep.analyse.analyseer` - sensitivity indices, robustness and
      scenario discovery (:mod:`.analyse`).

The command line is in :mod:`.commando` (``simulatie sweep`` and ``simulatie analyseer``).
"""

from simulatie.experiment.sweep.declaratie import SweepDeclaratie, bouw_sweep, laad_sweep
from simulatie.experiment.sweep.ontwerp import maak_runs
from simulatie.experiment.sweep.uitvoeren import herhaal_run
from simulatie.experiment.sweep.uitvoering import Samenvatting, voer_sweep

__all__ = ["Samenvatting", "SweepDeclaratie", "bouw_sweep", "herhaal_run", "laad_sweep",
           "maak_runs", "voer_sweep"]
