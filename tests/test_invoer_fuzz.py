"""Fuzzing the command line: malformed files and arguments end in exit 2 or a run, never a crash.

Cases (see :mod:`invoer_gevallen`) mutate the three kinds of input file (scenario, comparison,
sweep) and the arguments of every command, and are run in-process through
:func:`simulatie.cli.main` in a fresh folder each. Every case must end with exit code 0, or 2
with a ``fout:`` message; no exception may leave ``main``; nothing may be written, changed or
removed outside the case's work folder, and existing results inside it stay as they were.

The number of cases is set by the hypothesis profile: ``ci`` (default, a few dozen cases so the
test stays under a minute) or ``fuzz`` (``HYPOTHESIS_PROFILE=fuzz``, many more).
``benchmarks/fuzz.py`` runs thousands of cases without hypothesis.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invoer_gevallen import maak_geval, voer_uit

settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
PROFIEL = os.environ.get("HYPOTHESIS_PROFILE", "ci")


@settings(settings.get_profile(PROFIEL))
@given(st.data())
def test_slechte_invoer_geeft_een_melding_nooit_een_traceback(data):
    geval = maak_geval(lambda opties: data.draw(st.sampled_from(list(opties))))
    with tempfile.TemporaryDirectory() as tmp:
        uitkomst = voer_uit(geval, Path(tmp), limiet_s=60)
    assert uitkomst.klasse in ("ok", "fout"), (
        f"{uitkomst.klasse} (exit {uitkomst.code}) for {geval.beschrijving()}\n"
        f"{uitkomst.stderr}")
