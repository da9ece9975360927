"""How long merging a large sweep folder takes (``Opslag.compacteer``).

Writes a synthetic sweep folder - ``--runs`` runs in parts of 20, each with a 121-month series -
and times the merge into one pair of files.

Usage::

    python benchmarks/compactie.py                 # 10,000 runs, 500 parts
    python benchmarks/compactie.py --runs 50000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_sweep_uitvoering import sweep  # noqa: E402

from simulatie.experiment.sweep.opslag import Opslag  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        opslag = Opslag(map_, sweep(), schrijf_elke=20, schrijf_interval_s=1e9)
        for i in range(args.runs):
            opslag.voeg_toe({
                "rij": {"run_id": f"r{i}", "status": "ok", "fout": None, "seed": i,
                        "kosten": rng.random()},
                "reeks": pd.DataFrame({"run_id": f"r{i}", "maand": np.arange(121),
                                       "bijstand": rng.random(121)})})
        opslag.schrijf()
        delen = len(list((map_ / "runs").glob("part-*.parquet")))
        begin = time.perf_counter()
        opslag.compacteer()
        duur = time.perf_counter() - begin
        rijen = len(pd.read_parquet(map_ / "reeksen"))
        print(f"{args.runs:,} runs in {delen} parts, {rijen:,} series rows: merged in "
              f"{duur:.2f} s")


if __name__ == "__main__":
    main()
