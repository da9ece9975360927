"""Calibration: an ensemble of parameter sets that fit the validation targets (issue 14).

:mod:`.ensemble` reads and writes an ensemble (``ensemble.parquet``: one column per dotted
parameter path, plus ``gewicht``) and names the shipped one; the calibration itself lives in the
other modules of this package.
"""
