"""The ``vergelijk`` subcommand: the basis against each policy, with replications.

``simulatie vergelijk CONFIG [--replicaties R] [--uit DIR] [--set pad=waarde ...] [--workers W]
[--scheduler ADRES] [--varianten a,b] [--onzekerheid {parameters,effecten,seeds}]
[--ensemble PAD]``;
the comparison itself is :mod:`simulatie.experiment.vergelijk`. Running the same command again
resumes an interrupted comparison.
"""

from __future__ import annotations

import argparse
import sys
import time

from simulatie.cli.argumenten import geheel, pad
from simulatie.kern.grenzen import ONZEKERHEID_MODI, REPLICATIES_MAX, WORKERS_MAX


def voeg_toe(sub: argparse._SubParsersAction) -> None:
    """Add the ``vergelijk`` subcommand."""
    p = sub.add_parser("vergelijk", help="compare the basis with each policy (replications, "
                       "common random numbers, 90%% intervals); re-run to resume")
    p.add_argument("config", type=pad, help="comparison TOML (experimenten/"
                   "beleidsvergelijking.toml) or a scenario TOML (then: basis and every policy)")
    p.add_argument("--replicaties", type=geheel(1, REPLICATIES_MAX), default=None,
                   help="replications per variant (default: the file's, else 20)")
    p.add_argument("--uit", type=pad, default=None, help="results folder (default: "
                   "resultaten/<naam>-<fingerprint>, so the same command resumes there)")
    p.add_argument("--set", dest="zet", action="append", metavar="PAD=WAARDE",
                   help="override a field in every variant, e.g. --set maanden=24 (repeatable)")
    p.add_argument("--workers", "--werkers", type=geheel(1, WORKERS_MAX), default=2,
                   help="processes (default 2)")
    p.add_argument("--scheduler", metavar="ADRES", default=None,
                   help="Dask scheduler address, e.g. tcp://127.0.0.1:8786 (overrides --workers)")
    p.add_argument("--varianten", default=None,
                   help="comma-separated subset of variants to run (the basis always runs)")
    p.add_argument("--onzekerheid", choices=ONZEKERHEID_MODI, default=None,
                   help="parameters: every replication a plausible world (seed, ensemble "
                   "member, drawn policy effect sizes; the same for every variant) plus a "
                   "seed-only set at the ensemble median; effecten: the same with the core "
                   "parameters at their defaults (only the policies' unproven effect sizes are "
                   "drawn); seeds: only the seed varies (default: parameters when an ensemble "
                   "is given or ships, else effecten, with a notice)")
    p.add_argument("--ensemble", type=pad, default=None, metavar="PAD",
                   help="ensemble.parquet of --onzekerheid parameters (default: the shipped "
                   "ensemble of the default scenario)")
    p.set_defaults(func=vergelijk)


def standaard_onzekerheid(ensemble: object) -> str:
    """``parameters`` when an ensemble is given or ships, else ``effecten`` (and say so)."""
    from simulatie.experiment.kalibratie.ensemble import STANDAARD
    from simulatie.experiment.mappen import is_bestand

    if ensemble is not None or is_bestand(STANDAARD):
        return "parameters"
    print("let op: er is (nog) geen gekalibreerd ensemble meegeleverd; de intervallen tonen "
          "toevalsruis en de onzekere aannames van het beleid: effectgroottes en aangenomen "
          "kosten (--onzekerheid effecten), "
          "niet de onzekerheid van de kernparameters. Geef --ensemble PAD (een "
          "ensemble.parquet van simulatie kalibreer) voor die onzekerheid.", file=sys.stderr)
    return "effecten"


def vergelijk(args: argparse.Namespace) -> int:
    """Run (or resume) the comparison and write its results; returns the exit code."""
    from simulatie.experiment.mappen import Aanmaak
    from simulatie.experiment.vergelijk import (
        RUNS_SEEDS,
        heeft_runs,
        lees_tijdreeks,
        lees_vergelijking,
        mislukt,
        schrijf,
        uitvoermap,
        voer_uit,
    )
    from simulatie.kern.scenario import parse_set

    kies = None
    if args.varianten:
        kies = [v.strip() for v in args.varianten.split(",") if v.strip()]
    onzekerheid = args.onzekerheid or standaard_onzekerheid(args.ensemble)
    verg = lees_vergelijking(args.config, parse_set(args.zet), args.replicaties, kies,
                             onzekerheid=onzekerheid, ensemble=args.ensemble)
    map_ = uitvoermap(args.uit, verg, maak=False)
    begin = time.perf_counter()
    waar = f"scheduler {args.scheduler}" if args.scheduler else f"{args.workers} workers"
    wat = (f"{len(verg.seeds)} plausibele werelden (+ {len(verg.seeds)} replicaties op de "
           f"mediaan van {verg.ensemble})" if verg.onzekerheid == "parameters"
           else f"{len(verg.seeds)} werelden met getrokken beleidsaannames (+ "
           f"{len(verg.seeds)} replicaties op de standaardwaarden)" if verg.werelden
           else f"{len(verg.seeds)} replicaties")
    print(f"{verg.naam}: {len(verg.varianten)} varianten x {wat}, "
          f"{next(iter(verg.scenarios.values())).maanden} maanden, {waar} -> {map_}")
    if verg.waarschuwing:
        print(verg.waarschuwing, file=sys.stderr)
    with Aanmaak(map_, bewaar=lambda: heeft_runs(map_)):
        s = voer_uit(verg, map_, workers=args.workers, scheduler=args.scheduler,
                     voortgang=True)
    if s.overgeslagen:
        print(f"hervat: {s.overgeslagen} van {s.gepland} runs waren al gedaan, {s.gedaan} nu")
    if s.onvoltooid or s.fouten:
        for rij in mislukt(verg, map_).itertuples():
            print(f"run {rij.run_id} ({rij.variant}, seed {rij.seed}) faalde: {rij.fout}",
                  file=sys.stderr)
        print(f"{s.onvoltooid} runs onvoltooid, {s.fouten} fout: geen tabellen geschreven; "
              "herhaal hetzelfde commando om verder te gaan", file=sys.stderr)
        return 1
    tijdreeks = lees_tijdreeks(verg, map_)
    seeds = lees_tijdreeks(verg, map_, RUNS_SEEDS) if verg.werelden else None
    looptijd = time.perf_counter() - begin
    schrijf(verg, tijdreeks, map_, looptijd, args.workers, tijdreeks_seeds=seeds)
    print(f"klaar in {looptijd:.0f} s; resultaten: {map_}")
    samenvatting = (map_ / "samenvatting.md").read_text("utf-8")
    for tekst in samenvatting.split("\n\n")[1:]:
        print()
        print(tekst.rstrip("\n"))
    return 0
