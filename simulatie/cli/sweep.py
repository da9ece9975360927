"""The ``simulatie sweep`` and ``simulatie analyseer`` subcommands.

Main objects:
    * :func:`voeg_toe` - add both subparsers to the CLI.
    * :func:`sweep` - run or resume a sweep TOML locally or on a Dask cluster.
    * :func:`analyseer_cmd` - write sensitivity, robustness and scenario-discovery tables and plots.
"""

from __future__ import annotations

import argparse
import sys

from simulatie.cli.argumenten import geheel, pad
from simulatie.kern.grenzen import WORKERS_MAX


def voeg_toe(sub: argparse._SubParsersAction) -> None:
    """Add the ``sweep`` and ``analyseer`` subcommands.

    Args:
        sub: The CLI's subparsers object.
    """
    p = sub.add_parser(
        "sweep", help="run or resume a parameter sweep (local pool or Dask cluster)",
        description="Run the runs of a sweep TOML that are not yet stored in --uit. Results are "
                    "written as runs finish (Parquet: DIR/runs, DIR/reeksen, DIR/manifest.json); "
                    "re-running the same command resumes.")
    p.add_argument("sweep_toml", type=pad, metavar="SWEEP.toml",
                   help="sweep declaration (TOML)")
    p.add_argument("--workers", "--werkers", type=geheel(1, WORKERS_MAX), default=1, metavar="N",
                   help="local worker processes (default 1: in this process)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address, e.g. tcp://127.0.0.1:8786 (overrides --workers)")
    p.add_argument("--uit", type=pad, metavar="DIR",
                   help="output folder (default resultaten/<sweep naam>)")
    p.add_argument("--herhaal-fouten", action="store_true",
                   help="run previously failed runs again")
    p.add_argument("--stil", action="store_true", help="no progress bar")
    p.add_argument("--schrijf-elke", type=geheel(1, 100_000), default=20, metavar="N",
                   help="write results after every N finished runs (or 10 s)")
    p.set_defaults(func=sweep)

    a = sub.add_parser("analyseer", help="analyse a stored sweep (sensitivity, robustness, "
                                         "scenario discovery)")
    a.add_argument("map", type=pad, metavar="DIR", help="output folder of a sweep")
    a.add_argument("--uit", type=pad, metavar="MAP",
                   help="folder for tables and plots (default DIR/analyse)")
    a.set_defaults(func=analyseer_cmd)


def sweep(args: argparse.Namespace) -> int:
    """Run a sweep; exit code 0 when every planned run is stored without failure, else 1."""
    from simulatie.experiment.mappen import Aanmaak, map_onder
    from simulatie.experiment.sweep.declaratie import laad_sweep
    from simulatie.experiment.sweep.opslag import controleer_map, heeft_runs
    from simulatie.experiment.sweep.uitvoering import controleer_adres, voer_sweep

    if args.scheduler:
        controleer_adres(args.scheduler)
    d = laad_sweep(args.sweep_toml)
    uit = args.uit or map_onder("resultaten", d.naam)
    controleer_map(uit, d)
    with Aanmaak(uit, bewaar=lambda: heeft_runs(uit)):
        s = voer_sweep(d, uit, workers=args.workers, scheduler=args.scheduler,
                       voortgang=not args.stil, herhaal_fouten=args.herhaal_fouten,
                       schrijf_elke=args.schrijf_elke)
    print(f"{d.naam}: {s.gepland} runs gepland, {s.overgeslagen} al gedaan, {s.gedaan} nu gedaan "
          f"({s.fouten} fout), {s.onvoltooid} onvoltooid; {s.looptijd_s:.1f} s, "
          f"{s.runs_per_uur:.0f} runs/uur ({s.backend}, {s.workers} workers) -> {uit}")
    if s.onvoltooid:
        print("niet alle runs zijn klaar: herhaal hetzelfde commando om verder te gaan",
              file=sys.stderr)
    if s.fouten:
        print(f"{s.fouten} runs faalden (status 'fout', zie kolom 'fout'); "
              "--herhaal-fouten draait ze opnieuw", file=sys.stderr)
    return 1 if (s.onvoltooid or s.fouten) else 0


def analyseer_cmd(args: argparse.Namespace) -> int:
    """Analyse a stored sweep and write the tables and plots."""
    from simulatie.experiment.sweep.analyse import analyseer

    geschreven = analyseer(args.map, args.uit)
    for bestand in geschreven:
        print(bestand)
    return 0
