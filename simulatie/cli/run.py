"""The ``run`` and ``valideer`` subcommands.

``simulatie run CONFIG [--seed N] [--uit DIR] [--set pad=waarde ...]`` runs one scenario and writes
its tables, manifest and plots; ``simulatie valideer [CONFIG] [--seeds N] [--werkers N]
[--volledig] [--docs DIR]`` runs the baseline (and with ``--volledig`` every validation
municipality and the policy effects) and compares it with the sources (see
:mod:`simulatie.experiment.validatie`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulatie.cli.argumenten import SEED, geheel, pad
from simulatie.kern.grenzen import REPLICATIES_MAX, WORKERS_MAX


def _gemeenschappelijk(p: argparse.ArgumentParser, config_verplicht: bool = True) -> None:
    if config_verplicht:
        p.add_argument("config", type=pad, help="scenario TOML, e.g. experimenten/basis.toml")
    else:
        p.add_argument("config", type=pad, nargs="?", default="experimenten/basis.toml",
                       help="scenario TOML (default: experimenten/basis.toml)")
    p.add_argument("--seed", type=SEED, default=None, help="seed (default: the scenario's)")
    p.add_argument("--uit", type=pad, default=None,
                   help="results folder (default: new under resultaten/)")
    p.add_argument("--set", dest="zet", action="append", metavar="PAD=WAARDE",
                   help="override a field, e.g. --set maanden=24 (repeatable)")


def voeg_toe(sub: argparse._SubParsersAction) -> None:
    """Add the ``run`` and ``valideer`` subcommands."""
    p = sub.add_parser("run", help="run one scenario and write results and plots")
    _gemeenschappelijk(p)
    p.add_argument("--stil", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
    v = sub.add_parser("valideer", help="compare the baseline and the policies with the sources")
    v.add_argument("config", type=pad, nargs="?", default="experimenten/basis.toml",
                   help="scenario TOML whose parameters and municipality are validated "
                   "(default: experimenten/basis.toml); its policies are switched off")
    v.add_argument("--seeds", type=geheel(2, REPLICATIES_MAX), default=None,
                   help="replications (default 3,600 / bijstand clients, 5 to 40: the mean's "
                   "noise stays near a third of the 5%% band; at least 2: the verdict uses "
                   "their spread)")
    v.add_argument("--werkers", "--workers", type=geheel(1, WORKERS_MAX), default=1,
                   help="parallel processes (default 1)")
    v.add_argument("--volledig", action="store_true",
                   help="all validation municipalities (presets and generated) and the "
                   "ten-year policy effects")
    v.add_argument("--docs", type=pad, default=None,
                   help="also write validatie.md and its plots to this folder (e.g. docs)")
    v.add_argument("--uit", type=pad, default=None,
                   help="results folder (default: new under resultaten/)")
    v.add_argument("--set", dest="zet", action="append", metavar="PAD=WAARDE",
                   help="override a field of every run, e.g. --set maanden=24 (repeatable)")
    v.set_defaults(func=valideer)


def run(args: argparse.Namespace) -> int:
    """Run a scenario and write its results; returns the exit code."""
    from simulatie.experiment.mappen import Aanmaak
    from simulatie.experiment.run import simuleer
    from simulatie.experiment.schrijven import kies_map, schrijf_run
    from simulatie.kern.scenario import laad_scenario, parse_set

    scenario = laad_scenario(args.config, parse_set(args.zet))
    with Aanmaak(kies_map(args.uit, scenario.naam)) as map_:
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
    if scenario.beleid or scenario.rondes:
        print(f"  beleid: {scenario.beleid_tekst()}")
    print(f"  resultaten: {map_}")
    return 0


def valideer(args: argparse.Namespace) -> int:
    """Run the validation, print and write its table; exit 0 only if every target passes."""
    from simulatie.experiment.mappen import Aanmaak
    from simulatie.experiment.schrijven import kies_map
    from simulatie.experiment.validatie import rapport
    from simulatie.experiment.validatie.gemeenten import seeds_voor
    from simulatie.experiment.validatie.valideren import valideer_scenario, valideer_volledig
    from simulatie.kern.scenario import laad_scenario, lees_toml, parse_set

    data = lees_toml(args.config, "scenario")
    data.setdefault("naam", Path(args.config).stem)
    zet = parse_set(args.zet)
    scenario = laad_scenario(args.config, zet)  # validates the file and the overrides first
    map_ = kies_map(args.uit, f"validatie-{scenario.naam}")  # checked now, created at the end

    def melding(wat: str, klaar: int, totaal: int) -> None:
        print(f"  {wat}: {klaar}/{totaal} runs", file=sys.stderr, flush=True)

    if args.volledig:
        tabel = valideer_volledig(data, args.werkers, overrides=zet, melding=melding)
        opdracht = "simulatie valideer --volledig"
    else:
        seeds = args.seeds or seeds_voor(scenario.gemeente.wwb)
        tabel = valideer_scenario(data, seeds, args.werkers, overrides=zet, melding=melding)
        opdracht = f"simulatie valideer {args.config}"
    with Aanmaak(map_):
        rapport.schrijf_csv(tabel, map_ / "validatie.csv")
        rapport.schrijf_markdown(tabel, map_ / "validatie.md", map_ / "validatie", opdracht)
    if args.docs:
        docs = Path(args.docs)
        docs.mkdir(parents=True, exist_ok=True)
        rapport.schrijf_markdown(tabel, docs / "validatie.md", docs / "validatie", opdracht)
    print(f"{'gemeente':26s} {'moment':16s} {'doel':44s} {'band':>14s} {'gesimuleerd':>12s}  "
          "oordeel")
    for r in tabel.itertuples():
        oordeel = ("niet beoordeeld" if not r.beoordeeld
                   else "geslaagd" if r.geslaagd else "NIET geslaagd")
        print(f"{r.gemeente[:26]:26s} {r.moment[:16]:16s} {r.label[:44]:44s} {r.band:>14s} "
              f"{r.gemiddelde:12.2f}  {oordeel}")
    beoordeeld = tabel[tabel["beoordeeld"]]
    print(f"{int(beoordeeld['geslaagd'].sum())} van {len(beoordeeld)} geslaagd; geschreven: "
          f"{map_ / 'validatie.md'}")
    return 0 if tabel["geslaagd"].all() else 1
