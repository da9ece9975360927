"""A/B timing of two versions of the model, alternating, for a noisy machine.

On a shared machine the speed drifts by up to 2x within minutes, so timings of two versions
taken one after the other compare the hours, not the code. This script runs the same scenario
on version A and version B in turn, each run in a fresh child process (imports and a small
warm-up run excluded from the timing), and judges B against A on the pairs: each pair is one A
run and the B run right after it (the order within a pair alternates, so neither version always
runs second), and the ratio of their CPU times cancels the drift between pairs. It reports the
median CPU time of each version, the median ratio B / A over the pairs with a 90% interval
(bootstrap over the pairs), and the share of pairs in which B was faster.

With ``--gelijktijdig`` the two runs of a pair run at the same time, each on its own core
(``os.sched_setaffinity``; the cores swap between pairs): both then see the same minute of the
machine (on 3 December pairs run one after the other gave 0.87 for a change that
simultaneous pairs measured at 0.97, 200,000 inhabitants). It needs two cores;
the two runs then share the memory bandwidth, so the absolute times are those of a loaded
machine.

A version is a git revision (each gets a temporary ``git worktree``, removed afterwards) or
``WERK``, the working tree as it is (uncommitted changes included).

Usage::

    python benchmarks/ab.py HEAD WERK                       # 20,000 x 120, all policies, 6 pairs
    python benchmarks/ab.py HEAD~3 HEAD --inwoners 200000 --paren 4
    python benchmarks/ab.py HEAD WERK --zonder-beleid --maanden 60
    python benchmarks/ab.py HEAD~1 HEAD --gelijktijdig --paren 8   # one core each, at once

The output ends with ``key=value`` lines (``ratio_b_a``, ``ratio_laag``, ``ratio_hoog``,
``cpu_a_s``, ``cpu_b_s``, ``b_sneller``).
"""

from __future__ import annotations

import argparse
import json
import os
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
import json, os, sys, time
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
kernen = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
print(json.dumps({"cpu": time.process_time() - c, "wall": time.perf_counter() - t,
                  "pakket": simulatie.__file__, "kernen": kernen}))
"""


def start(bron: Path, inwoners: int, maanden: int, beleid: bool,
          kern: int | None = None) -> subprocess.Popen:
    """Start one timed run of the version in ``bron`` (a fresh child process).

    Args:
        bron: The version's folder.
        inwoners: Size of the scenario.
        maanden: Horizon.
        beleid: All policies on.
        kern: Run the child on this core only (default: wherever the system puts it).
    """
    vastzetten = None if kern is None else (lambda: os.sched_setaffinity(0, {kern}))
    return subprocess.Popen([sys.executable, "-c", KIND, str(bron), str(inwoners), str(maanden),
                             "1" if beleid else "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=bron, preexec_fn=vastzetten)


def uitslag(bron: Path, kind: subprocess.Popen) -> dict[str, Any]:
    """Wait for a run started by :func:`start` and read its timing.

    Returns:
        ``cpu`` and ``wall`` seconds, ``pakket``: where the child imported the package, and
        ``kernen``: the cores the child was allowed to run on.

    Raises:
        RuntimeError: When the child failed, or imported the package from elsewhere than
            ``bron``.
    """
    uit, fout = kind.communicate()
    if kind.returncode != 0:
        raise RuntimeError(f"the run for {bron} failed:\n{fout}")
    r = json.loads(uit.strip().splitlines()[-1])
    if not Path(r["pakket"]).resolve().is_relative_to(bron.resolve()):
        raise RuntimeError(f"the run for {bron} imported the package from {r['pakket']}")
    return r


def meet(bron: Path, inwoners: int, maanden: int, beleid: bool) -> dict[str, Any]:
    """One timed run of the version in ``bron`` (a fresh child process): see :func:`uitslag`."""
    return uitslag(bron, start(bron, inwoners, maanden, beleid))


def meet_tegelijk(bronnen: dict[str, Path], inwoners: int, maanden: int, beleid: bool,
                  kernen: tuple[int, int]) -> dict[str, dict[str, Any]]:
    """One run of each version at the same time, ``a`` on the first core and ``b`` on the second.

    Returns:
        The timing of each side (:func:`uitslag`), by ``a`` and ``b``.
    """
    kinderen = {kant: start(bronnen[kant], inwoners, maanden, beleid, kern)
                for kant, kern in zip(("a", "b"), kernen, strict=True)}
    return {kant: uitslag(bronnen[kant], kind) for kant, kind in kinderen.items()}


def twee_kernen() -> tuple[int, int] | None:
    """Two cores this process may use, or None (fewer, or no affinity on this system)."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    kernen = sorted(os.sched_getaffinity(0))
    return (kernen[0], kernen[1]) if len(kernen) >= 2 else None


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
    parser.add_argument("--gelijktijdig", action="store_true",
                        help="run the two runs of a pair at the same time, one core each")
    args = parser.parse_args(argv)
    if args.paren < 2 or args.inwoners < 1_000 or args.maanden < 1:
        parser.error("--paren at least 2, --inwoners at least 1000, --maanden at least 1")
    kernen = twee_kernen() if args.gelijktijdig else None
    if args.gelijktijdig and kernen is None:
        parser.error("--gelijktijdig needs two cores this process may use (os.sched_setaffinity)")

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
                  f"maanden, {'alle beleid' if beleid else 'geen beleid'}, {args.paren} paren"
                  + (f", tegelijk op kernen {kernen[0]} en {kernen[1]}" if kernen else ""),
                  flush=True)
            tijden: dict[str, list[float]] = {"a": [], "b": []}
            for paar in range(args.paren):
                if kernen is not None:
                    # Swap the cores every pair: neither version always has the same core.
                    samen = meet_tegelijk(bronnen, args.inwoners, args.maanden, beleid,
                                          kernen if paar % 2 == 0 else kernen[::-1])
                else:
                    volgorde = ("a", "b") if paar % 2 == 0 else ("b", "a")
                    samen = {kant: meet(bronnen[kant], args.inwoners, args.maanden, beleid)
                             for kant in volgorde}
                for kant in ("a", "b"):
                    tijden[kant].append(samen[kant]["cpu"])
                waar = ({kant: f" (kern {samen[kant]['kernen']})" for kant in ("a", "b")}
                        if kernen is not None else {"a": "", "b": ""})
                print(f"  paar {paar + 1}: A {tijden['a'][-1]:.2f} s{waar['a']}, "
                      f"B {tijden['b'][-1]:.2f} s{waar['b']} CPU", flush=True)
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
