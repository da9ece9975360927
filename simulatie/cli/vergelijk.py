"""The ``vergelijk`` subcommand: the basis against each policy, with replications.

``simulatie vergelijk CONFIG [--replicaties R] [--uit DIR] [--set pad=waarde ...] [--workers W]
[--varianten a,b]``; the comparison itself is :mod:`simulatie.experiment.vergelijk`.
"""

from __future__ import annotations

import argparse
import time

from simulatie.kern.fouten import ScenarioFout


def voeg_toe(sub: argparse._SubParsersAction) -> None:
    """Add the ``vergelijk`` subcommand."""
    p = sub.add_parser("vergelijk", help="compare the basis with each policy (replications, "
                       "common random numbers, 90%% intervals)")
    p.add_argument("config", help="comparison TOML (experimenten/beleidsvergelijking.toml) or a "
                   "scenario TOML (then: basis and every policy)")
    p.add_argument("--replicaties", type=int, default=None,
                   help="replications per variant (default: the file's, else 20)")
    p.add_argument("--uit", default=None, help="results folder (default: new under resultaten/)")
    p.add_argument("--set", dest="zet", action="append", metavar="PAD=WAARDE",
                   help="override a field in every variant, e.g. --set maanden=24 (repeatable)")
    p.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    p.add_argument("--varianten", default=None,
                   help="comma-separated subset of variants to run (the basis always runs)")
    p.set_defaults(func=vergelijk)


def vergelijk(args: argparse.Namespace) -> int:
    """Run the comparison and write its results; returns the exit code."""
    from simulatie.experiment.schrijven import nieuwe_map
    from simulatie.experiment.vergelijk import lees_vergelijking, samenvattingen, schrijf, voer_uit
    from simulatie.kern.scenario import parse_set

    verg = lees_vergelijking(args.config, parse_set(args.zet), args.replicaties)
    if args.varianten:
        gekozen = {v.strip() for v in args.varianten.split(",") if v.strip()}
        bekend = {v.naam for v in verg.varianten}
        onbekend = gekozen - bekend
        if onbekend:
            raise ScenarioFout(f"--varianten: unknown {', '.join(sorted(onbekend))}; allowed: "
                               f"{', '.join(v.naam for v in verg.varianten)}")
        verg.varianten = [v for v in verg.varianten if v.naam == "basis" or v.naam in gekozen]
    if args.workers < 1:
        raise ScenarioFout(f"--workers {args.workers}: must be at least 1")
    map_ = nieuwe_map(args.uit, verg.naam)
    begin = time.perf_counter()
    print(f"{verg.naam}: {len(verg.varianten)} varianten x {len(verg.seeds)} replicaties, "
          f"{verg.varianten[0].scenario.maanden} maanden, {args.workers} workers")
    tijdreeks = voer_uit(verg, workers=args.workers, voortgang=True)
    looptijd = time.perf_counter() - begin
    schrijf(verg, tijdreeks, map_, looptijd, args.workers)
    print(f"klaar in {looptijd:.0f} s; resultaten: {map_}")
    for tekst in samenvattingen(tijdreeks).values():
        print()
        print(tekst)
    return 0
