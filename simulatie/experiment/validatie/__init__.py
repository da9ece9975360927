"""Validation of the model against the sources: flows, a stationary baseline, overlap, policy sizes.

Modules: :mod:`.doelen` (every target once, with band, source and whether it was tuned),
:mod:`.stromen` and :mod:`.meten` (values of one run), :mod:`.beleidseffect` (paired policy
effects), :mod:`.gemeenten` (presets and generated municipalities), :mod:`.uitvoeren` (runs in
parallel, order fixed), :mod:`.beoordelen` (verdict per target), :mod:`.valideren` (the whole
validation) and :mod:`.rapport` (CSV, Markdown, plots). Command: ``simulatie valideer``.
"""

from simulatie.experiment.validatie.doelen import BELEID, OVERLAP, STATIONAIR, Doel
from simulatie.experiment.validatie.stromen import DOELEN, kengetallen
from simulatie.experiment.validatie.valideren import valideer_scenario, valideer_volledig

__all__ = ["BELEID", "DOELEN", "OVERLAP", "STATIONAIR", "Doel", "kengetallen",
           "valideer_scenario", "valideer_volledig"]
