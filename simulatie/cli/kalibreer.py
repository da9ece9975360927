"""The ``kalibreer`` subcommand: calibrate the uncertain parameters to the validation targets.

``simulatie kalibreer [SCENARIO] --uit DIR [--budget N] [--workers W] [--scheduler ADRES]
[--populatie P] [--leden L] [--ruis-seeds K] [--seeds-per-voorstel R] [--ruis-factor F]
[--bevestig K] [--kandidaten N] [--emulator P] [--pool N] [--seed S] [--inwoners N] [--maanden M]
[--parameters a,b] [--doelen CSV] [--set pad=waarde ...]``; the calibration is
:mod:`simulatie.experiment.kalibratie`. Without ``--parameters`` it runs in stages
(:mod:`simulatie.experiment.kalibratie.fasen`); with it, the chosen parameters are free
together. Running the same command again resumes an interrupted calibration in the same folder.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from simulatie.cli.argumenten import SEED, geheel, getal, pad
from simulatie.kern.grenzen import WORKERS_MAX

#: Most simulations a calibration may be given.
BUDGET_MAX = 1_000_000
#: Below this share of the population the effective ensemble size is reported as a warning.
ESS_MIN = 0.5
#: Largest ``--ruis-factor``.
FACTOR_MAX = 5.0


def voeg_toe(sub: argparse._SubParsersAction) -> None:
    """Add the ``kalibreer`` subcommand."""
    p = sub.add_parser("kalibreer", help="calibrate the uncertain parameters to the validation "
                       "targets (ABC-SMC); re-run to resume")
    p.add_argument("config", type=pad, nargs="?", default="experimenten/basis.toml",
                   help="scenario TOML (default: experimenten/basis.toml); its policies are "
                   "switched off")
    p.add_argument("--uit", type=pad, required=True,
                   help="calibration folder (new, or the folder of a calibration to resume)")
    p.add_argument("--budget", type=geheel(10, BUDGET_MAX), default=3000,
                   help="simulations at most (default 3000)")
    p.add_argument("--workers", "--werkers", type=geheel(1, WORKERS_MAX), default=2,
                   help="processes (default 2; 1 is deterministic)")
    p.add_argument("--scheduler", metavar="ADRES", default=None,
                   help="Dask scheduler address, e.g. tcp://127.0.0.1:8786 (overrides --workers)")
    p.add_argument("--populatie", type=geheel(10, 10_000), default=100,
                   help="parameter sets per generation (of each stage; default 100)")
    p.add_argument("--leden", type=geheel(10, 10_000), default=100,
                   help="members of the combined ensemble of a staged calibration (default 100)")
    p.add_argument("--seed", type=SEED, default=1, help="seed (default 1)")
    p.add_argument("--inwoners", type=geheel(1000, 5_000_000), default=None,
                   help="run a municipality of this size with the same rates (faster; "
                   "default: the scenario's own size)")
    p.add_argument("--maanden", type=geheel(1, 600), default=120,
                   help="horizon of every run (default 120: the stationarity targets; at "
                   "least 24 unless every target is at month 0)")
    p.add_argument("--parameters", default=None, help="comma-separated free parameters "
                   "of the uncertain ones, or 'alle', free together (default: the screened "
                   "active ones in stages, FASEN in simulatie/experiment/kalibratie/prior.py)")
    p.add_argument("--ruis-seeds", type=geheel(0, 100), default=10,
                   help="runs at the defaults that measure each target's seed noise first; a "
                   "run may lie two noise standard deviations outside a band (default 10; 0: "
                   "the bands as they are)")
    p.add_argument("--seeds-per-voorstel", type=geheel(1, 20), default=1,
                   help="runs per proposal and per candidate, judged on their mean: the noise "
                   "allowance shrinks with its square root, the runs grow with it (default 1; "
                   "--budget counts proposals)")
    p.add_argument("--ruis-factor", type=getal(0.0, FACTOR_MAX), default=2.0,
                   help="noise standard deviations (of a proposal's mean) a run may lie outside a "
                   "band (default 2; match it to the precision of the verdict the ensemble will "
                   "face, see docs/kalibratie.md)")
    p.add_argument("--bevestig", type=geheel(0, 20), default=0, metavar="K",
                   help="confirm at full size: candidates, closest first, run K times at the "
                   "scenario's own size and the first --leden whose mean lies in every plain "
                   "band form the ensemble (the validation's rule; 5 as simulatie valideer; "
                   "default 0: the closest candidates at the calibration's size; stages only)")
    p.add_argument("--kandidaten", type=geheel(1, 1000), default=3, metavar="N",
                   help="candidates per member drawn from the stages (default 3); a resume with "
                   "more keeps the earlier ones and their runs (when --bevestig runs out of "
                   "candidates)")
    p.add_argument("--emulator", type=getal(0.0, 1.0), default=None, metavar="P",
                   help="with --bevestig: draw --pool parameter sets from the prior, screen them "
                   "with an emulator of the stages' runs (Gaussian processes) and confirm, in "
                   "the order drawn, only those whose predicted chance to pass at full size is "
                   "at least P (e.g. 0.1); --leden pairings of the stages run at the "
                   "calibration's size as the emulator's check")
    p.add_argument("--marge", type=getal(0.0, 3.0), default=None, metavar="SD",
                   help="with --bevestig: a candidate's full-size mean must lie this many "
                   "standard deviations of that mean (each target's seed noise) inside each end "
                   "of every band, so that members stay in the bands on other seeds (e.g. 0.5; "
                   "default 0: the validation's rule as it is; see docs/kalibratie.md)")
    p.add_argument("--pool", type=geheel(100, 5_000_000), default=None, metavar="N",
                   help="prior draws the emulator screens (default 500000)")
    p.add_argument("--doelen", type=pad, default=None, help="CSV of targets (doel, waarde, "
                   "ondergrens, bovengrens, bron; default: the validation targets)")
    p.add_argument("--set", dest="zet", action="append", metavar="PAD=WAARDE",
                   help="fix a field in every run (repeatable)")
    p.set_defaults(func=kalibreer)


def kalibreer(args: argparse.Namespace) -> int:
    """Run (or resume) the calibration and write its results; returns the exit code."""
    from simulatie.experiment.kalibratie.abcsmc import OPZET
    from simulatie.experiment.kalibratie.uitvoeren import opzet, voer_uit
    from simulatie.experiment.mappen import Aanmaak, controleer_leeg
    from simulatie.kern.scenario import laad_scenario, lees_toml, parse_set

    data = lees_toml(args.config, "scenario")
    data.setdefault("naam", args.config.stem)
    zet = parse_set(args.zet)
    laad_scenario(args.config, zet)  # validates the file and the overrides first
    kies = [k.strip() for k in args.parameters.split(",") if k.strip()] if args.parameters \
        else None
    if kies is not None and (args.bevestig or args.emulator is not None):
        optie = "--bevestig" if args.bevestig else "--emulator"
        print(f"fout: {optie} werkt alleen bij een kalibratie in fasen (zonder --parameters)",
              file=sys.stderr)
        return 2
    if args.pool is not None and args.emulator is None:
        print("fout: --pool werkt alleen met --emulator P", file=sys.stderr)
        return 2
    if args.marge is not None and not args.bevestig:
        print("fout: --marge werkt alleen met --bevestig K: de marge geldt voor de bevestiging "
              "op volle grootte", file=sys.stderr)
        return 2
    if args.emulator is not None and not args.bevestig:
        print("fout: --emulator werkt alleen met --bevestig K: de zeef kiest welke kandidaten "
              "op volle grootte draaien", file=sys.stderr)
        return 2
    opzet(data, inwoners=args.inwoners, maanden=args.maanden, seed=args.seed,
          populatie=args.populatie, budget=args.budget, parameters=kies, doelen_csv=args.doelen,
          overrides=zet, ruis_seeds=args.ruis_seeds, seeds_per_voorstel=args.seeds_per_voorstel,
          ruis_factor=args.ruis_factor)
    map_ = args.uit
    if not (map_ / OPZET).is_file():
        controleer_leeg(map_)
    waar = f"scheduler {args.scheduler}" if args.scheduler else f"{args.workers} workers"
    print(f"kalibratie van {data['naam']}: budget {args.budget} simulaties, populatie "
          f"{args.populatie}, {waar} -> {map_}", flush=True)

    def melding(r: dict) -> None:
        print(f"  generatie {r['generatie']}: tolerantie {r['tolerantie']:.3g}, "
              f"{r['simulaties']} simulaties, acceptatie {r['acceptatie']:.0%}, effectieve "
              f"grootte {r['ess']:.0f}", flush=True)

    if kies is None:
        return _in_fasen(args, data, zet, map_, melding)
    with Aanmaak(map_, bewaar=lambda: (map_ / OPZET).is_file()):
        verloop, fit = voer_uit(data, map_, budget=args.budget, werkers=args.workers,
                                scheduler=args.scheduler, inwoners=args.inwoners,
                                maanden=args.maanden, seed=args.seed, populatie=args.populatie,
                                parameters=kies, doelen_csv=args.doelen, overrides=zet,
                                ruis_seeds=args.ruis_seeds,
                                seeds_per_voorstel=args.seeds_per_voorstel,
                                ruis_factor=args.ruis_factor, melding=melding)
    if verloop.al_klaar:
        print(f"hervat: {verloop.al_klaar} simulaties stonden al klaar, {verloop.simulaties_nu} "
              "nu gedraaid")
    print(f"klaar ({verloop.reden}) in {verloop.seconden:.0f} s, {verloop.simulaties_nu} "
          f"simulaties; {_in_band(fit)}; resultaten: {map_}")
    _waarschuw({"": verloop}, args.populatie)
    return 0 if math.isfinite(float(fit["posterior_in_band"].min())) else 1


def _in_fasen(args: argparse.Namespace, data: dict, zet: dict, map_: Path,
              melding: Callable[[dict], None]) -> int:
    """The default: the staged calibration (:mod:`simulatie.experiment.kalibratie.fasen`)."""
    from simulatie.experiment.kalibratie.abcsmc import OPZET
    from simulatie.experiment.kalibratie.fasen import POOLGROOTTE, voer_fasen_uit
    from simulatie.experiment.kalibratie.prior import FASEN
    from simulatie.experiment.mappen import Aanmaak

    groepen = ", ".join(f"{n}: {len(p)} parameters" for n, p in FASEN.items())
    gedraaid = args.leden if args.emulator is not None else args.kandidaten * args.leden
    print(f"in {len(FASEN)} fasen ({groepen}), elk {args.budget // len(FASEN)} simulaties; "
          f"daarna {gedraaid} kandidaten uit de fasen gedraaid"
          f"{f' (elk {args.seeds_per_voorstel} keer)' if args.seeds_per_voorstel > 1 else ''}"
          + (f" als controle van een emulator van de fasen, die {args.pool or POOLGROOTTE:,} "
             f"trekkingen uit de prior zeeft (kans op slagen minstens {args.emulator:g}); "
             f"de gezeefde worden op volgorde van trekking op volle grootte bevestigd "
             f"({args.bevestig} runs elk) tot {args.leden} in elke band liggen: het ensemble"
             if args.emulator is not None else
             f", op volgorde van afstand op volle grootte bevestigd ({args.bevestig} runs elk) tot "
             f"{args.leden} in elke band liggen: het ensemble" if args.bevestig else
             f", waarvan de {args.leden} dichtst bij de banden het ensemble vormen"), flush=True)
    gemeld: set[str] = set()

    def per_fase(fase: str, r: dict) -> None:
        if fase not in gemeld:
            gemeld.add(fase)
            print(f" fase {fase}:", flush=True)
        if fase == "combinatie":
            print(f"  {r['klaar']} van {r['totaal']} runs van de kandidaten gedraaid",
                  flush=True)
        elif fase == "bevestiging":
            print(f"  {r['geprobeerd']} van {r['totaal']} kandidaten op volle grootte "
                  f"gedraaid: {r['leden']} in elke band", flush=True)
        else:
            melding(r)

    with Aanmaak(map_, bewaar=lambda: (map_ / OPZET).is_file()):
        verlopen, fit = voer_fasen_uit(
            data, map_, budget=args.budget, werkers=args.workers, scheduler=args.scheduler,
            inwoners=args.inwoners, maanden=args.maanden, seed=args.seed,
            populatie=args.populatie, leden=args.leden, doelen_csv=args.doelen, overrides=zet,
            ruis_seeds=args.ruis_seeds, seeds_per_voorstel=args.seeds_per_voorstel,
            ruis_factor=args.ruis_factor, bevestig=args.bevestig, kandidaten=args.kandidaten,
            emulator=args.emulator, pool=args.pool or POOLGROOTTE, marge=args.marge or 0.0,
            melding=per_fase)
    nu = sum(v.simulaties_nu for v in verlopen.values())
    al = sum(v.al_klaar for v in verlopen.values())
    if al:
        print(f"hervat: {al} simulaties stonden al klaar, {nu} nu gedraaid")
    redenen = "; ".join(f"{n}: {v.reden}" for n, v in verlopen.items())
    combinatie = json.loads((map_ / "manifest.json").read_text())["combinatie"]
    leden = combinatie.get("bevestiging", {}).get("leden", args.leden)
    print(f"klaar: {nu} simulaties in de fasen ({redenen}); "
          f"gecombineerd ensemble van {leden} leden: {_in_band(fit)}; resultaten: {map_}")
    if "emulator" in combinatie:
        e = combinatie["emulator"]
        print(f"emulator: {e['boven_drempel']} van {e['pool']} trekkingen met kans op "
              f"slagen van minstens {e['drempel']:g} (verwacht geslaagd in totaal "
              f"{e['verwacht_geslaagd']:g}); controle op {e['controleruns']} runs: gemiddeld "
              f"{e['dekking_gemiddeld']:.0%} binnen twee standaardafwijkingen (emulator.csv)")
    if "bevestiging" in combinatie:
        b = combinatie["bevestiging"]
        marge = f", {b['marge_sd']:g} sd binnen de randen" if b.get("marge_sd") else ""
        print(f"bevestiging op volle grootte: {b['bevestigd']} van {b['geprobeerd']} "
              f"kandidaten in elke band ({b['runs']} runs elk{marge})")
        if leden < args.leden:
            meer = (f"een grotere --pool (nu {args.pool or POOLGROOTTE}) of een lagere "
                    f"--emulator (nu {args.emulator:g})" if args.emulator is not None else
                    f"een grotere --kandidaten (nu {args.kandidaten})")
            print(f"let op: {leden} van de gevraagde {args.leden} leden bevestigd; de kandidaten "
                  f"zijn op: herhaal met {meer} om er meer te trekken", file=sys.stderr)
    _waarschuw(verlopen, args.populatie)
    return 0 if math.isfinite(float(fit["posterior_in_band"].min())) else 1


def _in_band(fit: Any) -> str:
    binnen = fit["posterior_in_band"]
    return (f"{int((binnen >= 0.9).sum())} van {len(fit)} doelen met >= 90% van het ensemble "
            "in de band")


def _waarschuw(verlopen: dict[str, Any], populatie: int) -> None:
    """Say on stderr when a (stage's) ensemble is not done: tolerance above 0 or low ESS."""
    for naam, verloop in verlopen.items():
        laatste = verloop.generaties[-1]
        waar = f" van fase {naam}" if naam else ""
        if laatste["tolerantie"] > 0:
            print(f"let op: het ensemble{waar} is nog niet af - tolerantie "
                  f"{laatste['tolerantie']:.3g} (0: elk lid in elke band), effectieve grootte "
                  f"{laatste['ess']:.0f} van {populatie}; herhaal met een groter --budget om "
                  "verder te gaan", file=sys.stderr)
        elif laatste["ess"] < ESS_MIN * populatie:
            # tolerance 0 ends the calibration: a larger budget would not run another generation
            print(f"let op: het ensemble{waar} houdt elk lid in elke band, maar rust op weinig "
                  f"leden: effectieve grootte {laatste['ess']:.0f} van {populatie}; een nieuwe "
                  "kalibratie met een grotere --populatie geeft er meer", file=sys.stderr)
