"""Command line: ``simulatie <command>``; commands live in their own modules.

Each command module has ``voeg_toe(sub)`` that adds its subparser and sets ``func`` (a function of
the parsed arguments returning an exit code). Bad input (:class:`ScenarioFout`, or ``ValueError``
raised while reading input) ends with exit code 2 and one message, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from simulatie.cli.argumenten import Parser
from simulatie.kern.fouten import ScenarioFout

#: Modules that contribute subcommands (loaded lazily so heavy imports stay out of start-up).
COMMANDOS = ("simulatie.cli.run", "simulatie.cli.vergelijk", "simulatie.cli.sweep",
             "simulatie.cli.kalibreer", "simulatie.dashboard.commando")


def maak_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every available subcommand."""
    parser = Parser(
        prog="simulatie",
        description="Agent-based simulator of a Dutch municipality's social domain (Mesa).")
    sub = parser.add_subparsers(dest="commando", required=True, metavar="COMMANDO")
    for naam in COMMANDOS:
        try:
            module = importlib.import_module(naam)
        except ModuleNotFoundError as fout:
            if fout.name and naam.startswith(fout.name):
                continue  # command not (yet) part of this installation
            raise
        module.voeg_toe(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``simulatie`` console command.

    Args:
        argv: Arguments (default: ``sys.argv[1:]``).

    Returns:
        Exit code: 0 success, 1 run failure, 2 bad input.
    """
    parser = maak_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ScenarioFout as fout:
        print(f"fout: {fout}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("afgebroken", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
