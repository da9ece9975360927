"""How much the random streams per phase tighten policy comparisons (common random numbers).

For each policy: run the basis and the policy on the same seeds and take the paired difference
(policy - basis) of five outcomes after ``--maanden`` months. Its standard deviation over the
seeds is the noise a comparison has to beat. Two ways of drawing are compared:

* ``per fase``: the model as it is - each verb and each policy hook of a month draws from its
  own stream (``Gemeente.kies_stroom``);
* ``een stroom``: the same model with one stream for the whole run (``kies_stroom`` does
  nothing), so a policy that draws differently shifts every later draw.

The ratio ``sd per fase / sd een stroom`` below 1 means tighter comparisons; its square is the
share of replications needed for the same precision.

Usage::

    python benchmarks/crn.py                      # 12 seeds, 60 months, 30,000 inhabitants
    python benchmarks/crn.py --seeds 20 --maanden 120
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import scenario  # noqa: E402

from simulatie.kern.model import Gemeente  # noqa: E402

UITKOMSTEN = ("bijstand", "uitstroom naar werk (cum.)", "kosten totaal (cum.)", "Wmo-clienten",
              "gemiddelde trede")


class EenStroom(Gemeente):
    """The model with one random stream for the whole run (for comparison only)."""

    def kies_stroom(self, *sleutel: int) -> None:
        """Keep drawing from the stream of the build."""


def uitkomsten(model_klasse: type[Gemeente], sc, seed: int, maanden: int) -> np.ndarray:
    """The five outcomes after ``maanden`` months."""
    m = model_klasse(sc, seed=seed)
    for _ in range(maanden):
        m.step()
    r = m.reeks
    return np.array([r[-1]["bijstand"], sum(x["uitstroom_naar_werk"] for x in r[1:]),
                     sum(x["kosten_totaal"] for x in r[1:]), r[-1]["wmo_clienten"],
                     r[-1]["gemiddelde_trede"]])


def meet(beleid: str, inwoners: int, maanden: int, seeds: range) -> pd.DataFrame:
    """Standard deviation of the paired differences per outcome, for both ways of drawing."""
    from simulatie import bouw_scenario

    basis = scenario(inwoners, maanden, beleid=False)
    data = basis.model_dump()
    data.setdefault("beleid", {})[beleid] = {"actief": True}
    met = bouw_scenario(data)
    rijen = {}
    for naam, klasse in (("per fase", Gemeente), ("een stroom", EenStroom)):
        verschil = np.array([uitkomsten(klasse, met, s, maanden)
                             - uitkomsten(klasse, basis, s, maanden) for s in seeds])
        rijen[f"sd {naam}"] = verschil.std(axis=0, ddof=1)
        rijen[f"gemiddeld {naam}"] = verschil.mean(axis=0)
    tabel = pd.DataFrame(rijen, index=list(UITKOMSTEN))
    tabel["ratio sd"] = tabel["sd per fase"] / tabel["sd een stroom"]
    tabel.insert(0, "beleid", beleid)
    return tabel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=12)
    parser.add_argument("--maanden", type=int, default=60)
    parser.add_argument("--inwoners", type=int, default=30_000)
    parser.add_argument("--beleid", default="work_first,integrale_teams,contract_compliance,"
                        "preventie", help="comma-separated policies")
    args = parser.parse_args()
    begin = time.perf_counter()
    tabellen = [meet(b, args.inwoners, args.maanden, range(1, args.seeds + 1))
                for b in args.beleid.split(",")]
    alles = pd.concat(tabellen)
    print(f"{args.inwoners:,} inwoners, {args.maanden} maanden, {args.seeds} seeds "
          f"({time.perf_counter() - begin:.0f} s)")
    print(alles.to_string(float_format=lambda x: f"{x:,.3g}"))
    print(f"mediaan ratio sd: {alles['ratio sd'].median():.2f} "
          f"(min {alles['ratio sd'].min():.2f}, max {alles['ratio sd'].max():.2f})")


if __name__ == "__main__":
    main()
