"""A/B timing of two versions of the model, alternating, for a noisy machine.

On a shared machine the speed drifts by up to 2x within minutes, so timings of two versions
taken one after the other compare the hours, not the code. This script runs the same scenario
on version A and version B in turn, each run in a fresh child process (imports and a small
warm-up run excluded from the timing), and judges B against A on the pairs: each pair is one A
run and the B run right after it (the order within a pair alternates, so neither version always
runs second), and the ratio of their CPU times cancels the drift between pairs. It reports the
median CPU time of each version, the median ratio B / A over the pairs with a 90% interval
(bootstrap over the pairs), and the share of pairs in which B was faster.

A version is a git revision (each gets a temporary ``git worktree``, removed afterwards) or
``WERK``, the working tree as it is (uncommitted changes included).

Usage::

    python benchmarks/ab.py HEAD WERK                       # 20,000 x 120, all policies, 6 pairs
    python benchmarks/ab.py HEAD~3 HEAD --inwoners 200000 --paren 4
    python benchmarks/ab.py HEAD WERK --zonder-beleid --maanden 60

The output ends with ``key=value`` lines (``ratio_b_a``, ``ratio_laag``, ``ratio_hoog``,
``cpu_a_s``, ``cpu_b_s``, ``b_sneller``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

HIER = Path(__file__).resolve().parent
ROOT = HIER.parent
#: The version that is the working tree as it is.
WERK = "WERK"

#: What a child process runs: the version's own package and benchmark scenario, one warm-up
#: run, then one timed run; prints CPU and wall seconds and where the package came from.
KIND = """
import json, sys, time
bron = sys.argv[1]
sys.path[:0] = [bron, bron + "/benchmarks"]
from bench import scenario
import simulatie
from simulatie import simuleer
inwoners, maanden, beleid = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
simuleer(scenario(1_000, 2, beleid=beleid), seed=1)
s = scenario(inwoners, maanden, beleid=beleid)
t, c = time.perf_counter(), time.process_time()
simuleer(s, seed=1)
print(json.dumps({"cpu": time.process_time() - c, "wall": time.perf_counter() - t,
                  "pakket": simulatie.__file__}))
"""


def meet(bron: Path, inwoners: int, maanden: int, beleid: bool) -> dict[str, Any]:
    """One timed run of the version in ``bron`` (a fresh child process).

    Returns:
        ``cpu`` and ``wall`` seconds, and ``pakket``: where the child imported the package.

    Raises:
        RuntimeError: When the child imported the package from elsewhere than ``bron``.
    """
    uit = subprocess.run([sys.executable, "-c", KIND, str(bron), str(inwoners), str(maanden),
                          "1" if beleid else "0"], capture_output=True, text=True, check=True,
                         cwd=bron)
    r = json.loads(uit.stdout.strip().splitlines()[-1])
    if not Path(r["pakket"]).resolve().is_relative_to(bron.resolve()):
        raise RuntimeError(f"the run for {bron} imported the package from {r['pakket']}")
    return r


def vergelijk_paren(a: list[float], b: list[float], seed: int = 0) -> dict[str, float]:
    """Median ratio B / A over the pairs, its bootstrap 90% interval, and B's share of wins.

    Args:
        a: CPU seconds of version A, one per pair.
        b: CPU seconds of version B, in the same pairs.
        seed: Seed of the bootstrap.
    """
    ratio = np.asarray(b) / np.asarray(a)
    rng = np.random.default_rng(seed)
    trek = rng.choice(ratio, size=(2_000, len(ratio)), replace=True)
    medianen = np.median(trek, axis=1)
    return {"ratio_b_a": float(np.median(ratio)),
            "ratio_laag": float(np.quantile(medianen, 0.05)),
            "ratio_hoog": float(np.quantile(medianen, 0.95)),
            "b_sneller": float(np.mean(ratio < 1.0))}


def bron_van(versie: str, map_: Path) -> Path:
    """The folder of a version: the working tree, or a new worktree of a git revision."""
    if versie == WERK:
        return ROOT
    doel = map_ / versie.replace("/", "_").replace("~", "-").replace("^", "-")
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet",
                    str(doel), versie], check=True)
    return doel


def main(argv: list[str] | None = None) -> int:
    """Run the pairs and print the comparison and key=value lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", help=f"version A: a git revision or {WERK} (the working tree)")
    parser.add_argument("b", help=f"version B: a git revision or {WERK}")
    parser.add_argument("--inwoners", type=int, default=20_000)
    parser.add_argument("--maanden", type=int, default=120)
    parser.add_argument("--paren", type=int, default=6, help="pairs of runs (default 6)")
    parser.add_argument("--zonder-beleid", action="store_true", help="no policies (baseline)")
    args = parser.parse_args(argv)
    if args.paren < 2 or args.inwoners < 1_000 or args.maanden < 1:
        parser.error("--paren at least 2, --inwoners at least 1000, --maanden at least 1")

    beleid = not args.zonder_beleid
    worktrees: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="ab-") as tmp:
        try:
            bronnen: dict[str, Path] = {}
            for kant, versie in (("a", args.a), ("b", args.b)):
                bronnen[kant] = bron_van(versie, Path(tmp))
                if bronnen[kant] != ROOT:
                    worktrees.append(bronnen[kant])
            print(f"A = {args.a}, B = {args.b}: {args.inwoners:,} inwoners x {args.maanden} "
                  f"maanden, {'alle beleid' if beleid else 'geen beleid'}, {args.paren} paren",
                  flush=True)
            tijden: dict[str, list[float]] = {"a": [], "b": []}
            for paar in range(args.paren):
                volgorde = ("a", "b") if paar % 2 == 0 else ("b", "a")
                for kant in volgorde:
                    tijden[kant].append(
                        meet(bronnen[kant], args.inwoners, args.maanden, beleid)["cpu"])
                print(f"  paar {paar + 1}: A {tijden['a'][-1]:.2f} s, B {tijden['b'][-1]:.2f} s "
                      f"CPU", flush=True)
        finally:
            for wt in worktrees:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(wt)], check=False)
    uitkomst = vergelijk_paren(tijden["a"], tijden["b"])
    uitkomst.update(cpu_a_s=statistics.median(tijden["a"]), cpu_b_s=statistics.median(tijden["b"]))
    print(f"B / A = {uitkomst['ratio_b_a']:.3f} (90% interval {uitkomst['ratio_laag']:.3f} - "
          f"{uitkomst['ratio_hoog']:.3f}); median CPU A {uitkomst['cpu_a_s']:.2f} s, "
          f"B {uitkomst['cpu_b_s']:.2f} s; B faster in {uitkomst['b_sneller']:.0%} of the pairs")
    for sleutel, waarde in uitkomst.items():
        print(f"{sleutel}={waarde:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
