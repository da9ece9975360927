"""Experiments on the model: runs, comparisons, sweeps, validation, summaries, writers and plots.

Main modules:
    * :mod:`.run` - :func:`~simulatie.experiment.run.simuleer`, the one entry point for a run
      (a scenario and a seed in, tables out; no file I/O);
    * :mod:`.schrijven` - writing a run's tables, manifest and plots;
    * :mod:`.vergelijk` and :mod:`.samenvatting` - policy comparisons and their Dutch summary;
      :mod:`.onzekerheid` - their plausible worlds (ensemble member and policy effect sizes
      per replication) and the drivers of each effect;
    * :mod:`.sweep` - declared sweeps on a local pool or Dask, resumable storage, analysis;
    * :mod:`.validatie` - the baseline against public facts;
    * :mod:`.ema` - the EMA Workbench adapter; :mod:`.documentatie` - the parameter reference.

Layer: above :mod:`simulatie.kern` and :mod:`simulatie.beleid`, below the dashboard and the CLI.
"""
