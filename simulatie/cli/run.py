"""The ``run`` and ``valideer`` subcommands.

``simulatie run CONFIG [--seed N] [--uit DIR] [--set pad=waarde ...]`` runs one scenario and writes
its tables, manifest and plots; ``simulatie valideer [CONFIG] [--seed N] [--uit DIR]`` runs the
baseline and compares it with public facts (see :mod:`simulatie.experiment.validatie`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulatie.kern.scenario import laad_scenario, parse_set


def _gemeenschappelijk(p: argparse.ArgumentParser, config_verplicht: bool = True) -> None:
    if config_verplicht:
        p.add_argument("config", help="scenario TOML, e.g. experimenten/basis.toml")
    else:
        p.add_argument("config", nargs="?", default="experimenten/basis.toml",
                       help="scenario TOML (default: experimenten/basis.toml)")
    p.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
    p.add_argument("--uit", default=None, help="results folder (default: new under resultaten/)")
    p.add_argument("--set", dest="zet", action="append", metavar="PAD=WAARDE",
                   help="override a field, e.g. --set maanden=24 (repeatable)")


def voeg_toe(sub: argparse._SubParsersAction) -> None:
    """Add the ``run`` and ``valideer`` subcommands."""
    p = sub.add_parser("run", help="run one scenario and write results and plots")
    _gemeenschappelijk(p)
    p.add_argument("--stil", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
    v = sub.add_parser("valideer", help="compare the baseline with public facts")
    _gemeenschappelijk(v, config_verplicht=False)
    v.set_defaults(func=valideer)


def run(args: argparse.Namespace) -> int:
    """Run a scenario and write its results; returns the exit code."""
    from simulatie.experiment.run import simuleer
    from simulatie.experiment.schrijven import nieuwe_map, schrijf_run

    scenario = laad_scenario(args.config, parse_set(args.zet))
    map_ = nieuwe_map(args.uit, scenario.naam)
    resultaat = simuleer(scenario, seed=args.seed, voortgang=None if not args.stil else False)
    schrijf_run(resultaat, scenario, map_)
    ts = resultaat.tijdreeks
    eind = ts.iloc[-1]
    print(f"{scenario.naam}: {scenario.gemeente.naam}, {int(eind['inwoners'])} inwoners, "
          f"{scenario.maanden} maanden, seed {resultaat.seed} ({resultaat.looptijd_s:.1f} s)")
    print(f"  bijstand {int(ts['bijstand'].iloc[0])} -> {int(eind['bijstand'])}, "
          f"gemiddelde trede (18-AOW) {ts['gemiddelde_trede'].iloc[0]:.2f} -> "
          f"{eind['gemiddelde_trede']:.2f}, Wmo-clienten {int(eind['wmo_clienten'])}")
    print(f"  kosten totaal {ts['kosten_totaal'].sum() / 1e6:,.1f} mln euro over de looptijd")
    print(f"  resultaten: {map_}")
    return 0


def valideer(args: argparse.Namespace) -> int:
    """Run the baseline, print and write the validation table; exit 0 only if all pass."""
    from simulatie.experiment.run import simuleer
    from simulatie.experiment.schrijven import nieuwe_map
    from simulatie.experiment.validatie import valideer as valideer_tabel

    scenario = laad_scenario(args.config, parse_set(args.zet))
    if scenario.maanden < 120:
        print(f"let op: de doelen gelden na 10 jaar; dit scenario loopt {scenario.maanden} "
              f"maanden", file=sys.stderr)
    map_ = nieuwe_map(args.uit, f"validatie-{scenario.naam}")
    resultaat = simuleer(scenario, seed=args.seed)
    tabel = valideer_tabel(resultaat.tijdreeks)
    tabel.drop(columns="bron").to_csv(Path(map_) / "validatie.csv", index=False)
    print(f"Validatie {scenario.naam} ({scenario.gemeente.naam}, seed {resultaat.seed}, "
          f"{scenario.maanden} maanden)")
    print(f"{'doel':34s} {'band':>11s} {'gesimuleerd':>12s}  oordeel")
    for r in tabel.itertuples():
        band = f"{r.ondergrens:g}-{r.bovengrens:g}"
        print(f"{r.doel:34s} {band:>11s} {r.gesimuleerd:12.1f}  "
              f"{'geslaagd' if r.geslaagd else 'NIET geslaagd'}")
    print(f"geschreven: {Path(map_) / 'validatie.csv'}")
    return 0 if tabel["geslaagd"].all() else 1
