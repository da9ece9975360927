"""Benchmark of the simulator: wall time, peak memory, time per verb, and the object model.

Usage::

    python benchmarks/bench.py            # full: 200,000 and 50,000 inhabitants (a few minutes)
    python benchmarks/bench.py --klein    # tiny sizes, a few seconds (CI)

What it measures, in one run:

1. ``simuleer()`` of a Groningen-like municipality of 200,000 inhabitants over 120 months with
   every registered policy (``simulatie.kern.beleid.register()``) switched on: wall and CPU
   time (median of ``--herhaal`` runs in a warm process, imports excluded, population build
   included), peak memory (peak RSS of that process), the time to build month 0 and the mean
   time per month of each verb and of the policy hooks. The same for 50,000 inhabitants. Each
   size runs in its own child process so that its peak memory is its own.
2. The object-per-agent reference (``benchmarks/referentie.py``) against the real model at
   50,000 x 24 months (baseline, the reference supports no policies): wall times and their ratio.
3. A statistical check that both implement the same rules: end-of-run rung distribution and
   bijstand stock, and the run totals of flows and costs, over several seeds (``z`` and Welch's
   ``p`` per output; they agree when no p is below 1% divided by the number of outputs,
   Bonferroni; 16 seeds: with 8, chance alone took the largest of 56 |z| to 3.8).

The output ends with ``key=value`` lines (``wall_200k_120_s``, ``peak_mem_200k_120_mb``,
``ratio_referentie``, ...). In ``--klein`` mode the same keys are written for tiny sizes
(``modus=klein``, sizes in ``inwoners_groot`` etc.). Timings on a shared machine are noisy:
the load average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HIER = Path(__file__).resolve().parent
ROOT = HIER.parent
sys.path.insert(0, str(HIER))

#: Key figures of the Groningen preset (end 2011), scaled to any size.
GRONINGEN = {"inwoners": 193_127, "wwb": 8_850, "wajong": 3_590, "wsw": 1_427,
             "awbz_extramuraal": 6_260}

VOL = {"groot": (200_000, 120), "middel": (50_000, 120), "referentie": (50_000, 24),
       "check": (5_000, 24), "check_seeds": 16, "herhaal": 3}
KLEIN = {"groot": (4_000, 12), "middel": (2_000, 12), "referentie": (2_000, 6),
         "check": (1_500, 6), "check_seeds": 10, "herhaal": 1}


def scenario(inwoners: int, maanden: int, beleid: bool = True) -> Any:
    """A Groningen-like scenario of the given size, with all registered policies on or off."""
    from simulatie import laad_scenario
    from simulatie.kern.beleid import register

    f = inwoners / GRONINGEN["inwoners"]
    overrides: dict[str, Any] = {"maanden": maanden, "gemeente.inwoners": inwoners}
    for naam in ("wwb", "wajong", "wsw", "awbz_extramuraal"):
        overrides[f"gemeente.{naam}"] = round(GRONINGEN[naam] * f)
    if beleid:
        for naam in register():
            overrides[f"beleid.{naam}.actief"] = True
    return laad_scenario(ROOT / "experimenten" / "basis.toml", overrides=overrides)


def meet_grootte(inwoners: int, maanden: int, herhaal: int) -> dict[str, Any]:
    """Time ``simuleer`` and the verbs at one size (run in a child process)."""
    from simulatie import Gemeente, simuleer
    from simulatie.kern import stappen
    from simulatie.kern.beleid import register

    simuleer(scenario(1_000, 2), seed=1)  # warm up: imports, caches, first allocations
    s = scenario(inwoners, maanden)
    wall, cpu = [], []
    for _ in range(herhaal):
        t, c = time.perf_counter(), time.process_time()
        simuleer(s, seed=1)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)

    # One more run, stepped by hand with a timer around every verb and policy hook.
    t = time.perf_counter()
    model = Gemeente(s, seed=1)
    bouw = time.perf_counter() - t
    per_verb = dict.fromkeys([*stappen.VERB_FUNCTIES, "verzamelen", "beleid"], 0.0)
    per_verb_cpu = dict.fromkeys(per_verb, 0.0)
    origineel = dict(stappen.VERB_FUNCTIES)
    origineel_verzamelen = stappen.verzamelen.verzamelen

    def getimed(naam: str, functie: Any) -> Any:
        def gemeten(*args: Any) -> None:
            t0, c0 = time.perf_counter(), time.process_time()
            functie(*args)
            per_verb[naam] += time.perf_counter() - t0
            per_verb_cpu[naam] += time.process_time() - c0
        return gemeten

    for b in model.beleid:
        b.roep = getimed("beleid", b.roep)  # all hooks of all policies together
    try:
        for naam, functie in origineel.items():
            stappen.VERB_FUNCTIES[naam] = getimed(naam, functie)
        stappen.verzamelen.verzamelen = getimed("verzamelen", origineel_verzamelen)
        for _ in range(maanden):
            model.step()
    finally:
        stappen.VERB_FUNCTIES.update(origineel)
        stappen.verzamelen.verzamelen = origineel_verzamelen
    return {
        "inwoners": inwoners, "maanden": maanden, "beleid": sorted(register()),
        "wall_s": statistics.median(wall), "wall_alle_s": wall, "cpu_s": statistics.median(cpu),
        "bouw_s": bouw, "verb_ms": {k: 1000 * v / maanden for k, v in per_verb.items()},
        "verb_cpu_ms": {k: 1000 * v / maanden for k, v in per_verb_cpu.items()},
        "peak_mem_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_kind(inwoners: int, maanden: int, herhaal: int) -> dict[str, Any]:
    """Run :func:`meet_grootte` in a fresh Python process and return its result."""
    uit = subprocess.run([sys.executable, __file__, "--kind", str(inwoners), str(maanden),
                          str(herhaal)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(uit.stdout.strip().splitlines()[-1])


def meet_referentie(inwoners: int, maanden: int, herhaal: int) -> dict[str, float]:
    """Wall time of the real model and of the object-per-agent reference (baseline)."""
    from referentie import simuleer_referentie

    from simulatie import simuleer

    s = scenario(inwoners, maanden, beleid=False)
    simuleer(scenario(1_000, 2, beleid=False), seed=1)
    model = []
    for _ in range(herhaal):
        t = time.perf_counter()
        simuleer(s, seed=1)
        model.append(time.perf_counter() - t)
    t = time.perf_counter()
    simuleer_referentie(s, seed=1)
    ref = time.perf_counter() - t
    return {"model_s": statistics.median(model), "referentie_s": ref,
            "ratio": ref / statistics.median(model)}


def druk_grootte(label: str, r: dict[str, Any]) -> None:
    """Print one size's timings."""
    print(f"\n== {r['inwoners']:,} inwoners x {r['maanden']} maanden, beleid: "
          f"{', '.join(r['beleid']) or '(geen)'}")
    print(f"simuleer(): wall {r['wall_s']:.2f} s (median of "
          f"{', '.join(f'{x:.2f}' for x in r['wall_alle_s'])}), cpu {r['cpu_s']:.2f} s, "
          f"peak RSS {r['peak_mem_mb']:.0f} MB")
    print(f"month 0 (population build, professionals, Wmo start): {r['bouw_s'] * 1000:.0f} ms")
    print("time per month (instrumented run), wall and cpu:")
    for naam, ms in r["verb_ms"].items():
        print(f"  {naam:<13} {ms:7.2f} ms  {r['verb_cpu_ms'][naam]:7.2f} ms")
    print(f"  {'totaal':<13} {sum(r['verb_ms'].values()):7.2f} ms  "
          f"{sum(r['verb_cpu_ms'].values()):7.2f} ms")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report and key=value lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--klein", action="store_true", help="tiny sizes (CI smoke test)")
    parser.add_argument("--herhaal", type=int, help="timed runs per size (median reported)")
    parser.add_argument("--zonder-referentie", action="store_true",
                        help="skip the object-per-agent reference and the check")
    parser.add_argument("--kind", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.kind:
        print(json.dumps(meet_grootte(*args.kind)))
        return 0

    maat = KLEIN if args.klein else VOL
    herhaal = args.herhaal or maat["herhaal"]
    load_begin = os.getloadavg()
    print(f"benchmark ({'klein' if args.klein else 'vol'}); {os.cpu_count()} cores, "
          f"load average {load_begin[0]:.2f} {load_begin[1]:.2f} {load_begin[2]:.2f}")
    waarden: dict[str, Any] = {"modus": "klein" if args.klein else "vol"}
    for label, sleutel in (("groot", "200k_120"), ("middel", "50k_120")):
        r = in_kind(*maat[label], herhaal)
        druk_grootte(label, r)
        kort = sleutel.split("_")[0]
        waarden.update({f"inwoners_{label}": r["inwoners"], f"maanden_{label}": r["maanden"],
                        f"wall_{sleutel}_s": round(r["wall_s"], 3),
                        f"cpu_{sleutel}_s": round(r["cpu_s"], 3),
                        f"peak_mem_{sleutel}_mb": round(r["peak_mem_mb"], 1),
                        f"bouw_{kort}_s": round(r["bouw_s"], 3)})
        waarden.update({f"verb_{kort}_{k}_ms": round(v, 3) for k, v in r["verb_ms"].items()})
        waarden.update({f"verb_cpu_{kort}_{k}_ms": round(v, 3)
                        for k, v in r["verb_cpu_ms"].items()})
        waarden["beleid"] = ",".join(r["beleid"])

    if not args.zonder_referentie:
        from referentie import vergelijk

        n, m = maat["referentie"]
        print(f"\n== object-per-agent reference vs model, {n:,} x {m} maanden (baseline)")
        r = meet_referentie(n, m, herhaal)
        print(f"model {r['model_s']:.2f} s, reference {r['referentie_s']:.2f} s, "
              f"ratio {r['ratio']:.0f}x")
        waarden.update({"model_50k_24_s": round(r["model_s"], 3),
                        "referentie_50k_24_s": round(r["referentie_s"], 3),
                        "ratio_referentie": round(r["ratio"], 1)})

        n, m = maat["check"]
        seeds = range(1, 1 + maat["check_seeds"])
        print(f"\n== same rules? model vs reference, {n:,} x {m} maanden, seeds "
              f"{seeds.start}..{seeds.stop - 1} (z = difference of means / standard error)")
        tabel = vergelijk(scenario(n, m, beleid=False), seeds)
        print(tabel.to_string(float_format=lambda x: f"{x:,.2f}"))
        max_z = float(tabel["z"].abs().max())
        min_p = float(tabel["p"].min())
        drempel = 0.01 / len(tabel)  # Bonferroni: family-wise 1% over the outputs
        print(f"max |z| = {max_z:.2f}, smallest p = {min_p:.2g} over {len(tabel)} outputs "
              f"({'agree' if min_p >= drempel else 'DISAGREE'} within sampling error: "
              f"Welch p >= 0.01 / {len(tabel)})")
        waarden.update({"check_max_abs_z": round(max_z, 2), "check_min_p": float(f"{min_p:.3g}"),
                        "check_ok": int(min_p >= drempel)})

    load_eind = os.getloadavg()
    waarden["load_begin"] = round(load_begin[0], 2)
    waarden["load_eind"] = round(load_eind[0], 2)
    print()
    for k, v in waarden.items():
        print(f"{k}={v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
