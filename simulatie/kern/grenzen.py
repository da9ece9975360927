"""Limits of every input that a machine could not honour beyond, in a module without heavy imports.

The command line reads these at start-up (argument types :func:`geheel` and :func:`pad`), the
schemas of scenario, comparison and sweep files use them as their bounds, so a limit is stated
once and named in the message.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable
from pathlib import Path

from simulatie.kern.fouten import toon, toon_naam

#: Largest seed: it is stored as a signed 64-bit integer in every output table.
SEED_MAX = 2**63 - 1
#: Largest input file read (scenario, comparison, sweep); real ones are a few kB.
BESTAND_MAX_BYTES = 1_000_000
#: Longest name of a scenario, comparison, sweep or variant (it becomes part of a folder name).
NAAM_MAX_TEKENS = 100
#: Longest part of a folder name built from a name (the rest of the name is cut off).
MAPNAAM_MAX_TEKENS = 80
#: Most replications of a comparison or of a sweep's design point.
REPLICATIES_MAX = 1000
#: Most local worker processes of a sweep, comparison or validation.
WORKERS_MAX = 256
#: Most runs one sweep may plan (its design table is held in memory).
RUNS_MAX = 1_000_000
#: Longest path accepted on the command line (longer ones fail in the file system anyway).
PAD_MAX_TEKENS = 4096
#: The values of ``simulatie vergelijk --onzekerheid`` (see
#: :mod:`simulatie.experiment.onzekerheid`): plausible worlds, worlds that vary the policies'
#: effect sizes only, seed noise alone.
ONZEKERHEID_MODI = ("parameters", "effecten", "seeds")


def geheel(minimum: int, maximum: int) -> Callable[[str], int]:
    """An argument type for a whole number from ``minimum`` to ``maximum``.

    Args:
        minimum: Smallest allowed value.
        maximum: Largest allowed value.

    Returns:
        A function that turns the text into an int or raises ``ArgumentTypeError``.
    """
    def lees(tekst: str) -> int:
        t = tekst.strip()
        if not (len(t) <= 25 and re.fullmatch(r"[+-]?[0-9]+", t)):
            raise argparse.ArgumentTypeError(
                f"{toon(tekst)} is not a whole number; allowed: {minimum} to {maximum}")
        waarde = int(t)
        if not minimum <= waarde <= maximum:
            raise argparse.ArgumentTypeError(
                f"{waarde} is out of range; allowed: {minimum} to {maximum}")
        return waarde

    lees.__name__ = "geheel getal"
    return lees


def getal(minimum: float, maximum: float) -> Callable[[str], float]:
    """An argument type for a number from ``minimum`` to ``maximum`` (NaN and inf refused).

    Args:
        minimum: Smallest allowed value.
        maximum: Largest allowed value.

    Returns:
        A function that turns the text into a float or raises ``ArgumentTypeError``.
    """
    def lees(tekst: str) -> float:
        try:
            waarde = float(tekst)
        except ValueError:
            waarde = math.nan
        if not minimum <= waarde <= maximum:
            raise argparse.ArgumentTypeError(
                f"{tekst[:30]!r} is not a number from {minimum:g} to {maximum:g}")
        return waarde

    lees.__name__ = "getal"
    return lees


def pad(tekst: str) -> Path:
    """An argument type for a path: no NUL character, no empty or overlong text."""
    if not tekst or "\x00" in tekst or len(tekst) > PAD_MAX_TEKENS:
        raise argparse.ArgumentTypeError(f"not a usable path: {toon_naam(tekst)}")
    return Path(tekst)
