"""Argument types of the command line: every number with its bounds, every path checked.

Main objects:
    * :class:`Parser` - an ``ArgumentParser`` whose errors read ``fout: ...`` (exit code 2),
      like every other bad input of the CLI.
    * :func:`geheel`, :func:`getal`, :func:`pad` - argument types for a bounded whole number,
      a bounded number and a path
      (from :mod:`simulatie.kern.grenzen`, so the dashboard's command uses them too).
    * :data:`SEED` - the type of ``--seed``.

Only light modules are imported here: ``simulatie --help`` must answer fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from simulatie.kern.grenzen import SEED_MAX, geheel, getal, pad

__all__ = ["SEED", "Parser", "geheel", "getal", "pad"]


class Parser(argparse.ArgumentParser):
    """An argument parser that reports bad arguments as ``fout: <message>`` with exit code 2."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the message, then exit with code 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"fout: {self.prog}: {message}\n")


#: The type of ``--seed`` (stored as a signed 64-bit integer in every table).
SEED = geheel(0, SEED_MAX)
