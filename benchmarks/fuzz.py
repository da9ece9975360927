"""Push thousands of malformed inputs through the real command line and count the outcomes.

Cases are built by ``tests/invoer_gevallen.py`` (mutated scenario, comparison and sweep files
and arguments of every command) with a seeded ``random.Random``, and run in-process through
``simulatie.cli.main``, each in a fresh temporary folder. Prints the counts per class
(``ok``, ``fout``, ``traceback``, ``code``, ``hang``, ``buiten``) per kind of case, and the
first few cases of every bad class. Exit code 1 when any case is in a bad class.

Usage::

    python benchmarks/fuzz.py                   # 2,000 cases
    python benchmarks/fuzz.py --gevallen 100    # small, as in CI
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from invoer_gevallen import maak_geval, voer_uit  # noqa: E402

#: Classes that must not occur.
SLECHT = ("traceback", "code", "hang", "buiten")


def main(argv: list[str] | None = None) -> int:
    """Run the cases and print the counts; returns 1 when any case is in a bad class."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gevallen", type=int, default=2000, help="number of cases (default 2000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the case generator")
    p.add_argument("--limiet", type=int, default=60, help="seconds per case before 'hang'")
    args = p.parse_args(argv)

    rng = random.Random(args.seed)
    tellingen: dict[str, Counter] = defaultdict(Counter)
    voorbeelden: dict[str, list[str]] = defaultdict(list)
    begin = time.perf_counter()
    for i in range(args.gevallen):
        geval = maak_geval(lambda opties: rng.choice(list(opties)))
        with tempfile.TemporaryDirectory() as tmp:
            uitkomst = voer_uit(geval, Path(tmp), limiet_s=args.limiet)
        tellingen[geval.soort][uitkomst.klasse] += 1
        if uitkomst.klasse in SLECHT and len(voorbeelden[uitkomst.klasse]) < 5:
            voorbeelden[uitkomst.klasse].append(
                f"#{i} exit {uitkomst.code}: {geval.beschrijving()[:600]}\n    "
                + uitkomst.stderr.strip().replace("\n", "\n    ")[-800:])
        if (i + 1) % 100 == 0:
            print(f"{i + 1} cases, {time.perf_counter() - begin:.0f} s", file=sys.stderr,
                  flush=True)

    klassen = ("ok", "fout", *SLECHT)
    print(f"{'soort':12s}" + "".join(f"{k:>10s}" for k in klassen))
    totaal: Counter = Counter()
    for soort, teller in sorted(tellingen.items()):
        totaal.update(teller)
        print(f"{soort:12s}" + "".join(f"{teller[k]:10d}" for k in klassen))
    print(f"{'totaal':12s}" + "".join(f"{totaal[k]:10d}" for k in klassen))
    print(f"{args.gevallen} cases in {time.perf_counter() - begin:.0f} s")
    for klasse, lijst in voorbeelden.items():
        print(f"\n{klasse}:")
        for tekst in lijst:
            print(f"  {tekst}")
    return 1 if any(totaal[k] for k in SLECHT) else 0


if __name__ == "__main__":
    sys.exit(main())
