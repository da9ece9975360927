"""How fast the pool turns submitted plans into results, without browsers.

A training session in this process (as the server holds it) with ``--teams`` teams that all
submit a plan for the whole horizon at once; measured: per team the time from submission until
its main run is back (what the projector needs), and until all replications are back.

Usage::

    python benchmarks/training_rekenen.py --teams 25 --maanden 120 --rekenprocessen 2
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--teams", type=int, default=25)
    p.add_argument("--maanden", type=int, default=120)
    p.add_argument("--rekenprocessen", type=int, default=2)
    p.add_argument("--replicaties", type=int, default=4)
    args = p.parse_args()
    os.environ["SIMULATIE_REKENPROCESSEN"] = str(args.rekenprocessen)
    from simulatie.dashboard.kamer import REGISTER, Opzet

    beleid = ("preventie", "work_first", "integrale_teams", "contract_compliance")
    sessie = REGISTER.maak(Opzet(maanden=args.maanden, replicaties=args.replicaties))
    versie = -1
    while sessie.referentie.hoofd is None:  # workers started, reference run done
        versie = sessie.wacht(versie, 1)
    for i in range(args.teams):
        sessie.meld_aan(f"team{i}")
    begin = time.monotonic()
    for i in range(args.teams):
        sessie.lever_in(f"team{i}", {beleid[i % 4]: {}})
    while not all(t.run.hoofd is not None for t in sessie.teams.values()):
        versie = sessie.wacht(versie, 1)
    hoofd = np.array([t.run.klaar - t.run.ingeleverd for t in sessie.teams.values()])
    while not all(len(t.run.replicaties) == args.replicaties for t in sessie.teams.values()):
        versie = sessie.wacht(versie, 1)
    alles = time.monotonic() - begin
    print(f"{args.teams} plannen van {args.maanden} maanden, {args.rekenprocessen} "
          f"rekenprocessen: hoofdrun terug na mediaan {np.median(hoofd):.1f} s, max "
          f"{hoofd.max():.1f} s, binnen 10 s: {100 * np.mean(hoofd <= 10):.0f}%; alle "
          f"{args.replicaties} replicaties per plan na {alles:.1f} s")


if __name__ == "__main__":
    main()
