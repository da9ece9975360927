"""Does a calibration at a smaller size see the same model? The size effect on every target.

A calibration runs Groningen's rates scaled to fewer inhabitants (``kalibreer --inwoners``) to
save time; issue 14 allows that only if the answer does not change. This script runs the same
parameter sets at full size and at the smaller size and compares each validation target's
mean over seeds: the difference (small minus full), its standard error from the seed spread,
and ``z`` = difference / standard error (none where no seed spreads: month-0 shares set
exactly, which differ only by rounding counts). Parameter sets: the defaults, then draws from the
calibration's prior over its free parameters (seeded).

Usage: ``python experimenten/grootte_effect.py UIT [--inwoners 50000] [--sets 8]
[--seeds-klein 16] [--seeds-vol 5] [--werkers 2] [--seed 1] [--alleen 1,5]``. Writes
``grootte_effect.csv`` (one row per set and target) into UIT and prints, per target, the mean
difference and how many sets differ by more than three standard errors.
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

from simulatie.experiment.kalibratie.prior import vrije_parameters
from simulatie.experiment.kalibratie.simulator import geschaalde_gemeente
from simulatie.experiment.validatie.uitvoeren import draai
from simulatie.experiment.validatie.valideren import basisscenario, beoordeel_basis

SCENARIO = Path(__file__).with_name("basis.toml")


def parametersets(aantal: int, seed: int) -> list[dict[str, float]]:
    """The defaults, then ``aantal - 1`` draws from the calibration's prior."""
    vrij = vrije_parameters()
    rng = np.random.default_rng(seed)
    sets: list[dict[str, float]] = [{}]
    for _ in range(aantal - 1):
        sets.append({v.pad: (round(v.kwantiel(u)) if v.geheel else v.kwantiel(u))
                     for v, u in zip(vrij, rng.random(len(vrij)), strict=True)})
    return sets


def doelen(data: dict, gemeente: dict | None, overrides: dict, seeds: int,
           werkers: int) -> pd.DataFrame:
    """Each target's mean and seed standard error for one parameter set at one size."""
    sc = basisscenario(data, gemeente=gemeente, overrides=overrides)
    runs = draai([(sc, s) for s in range(1, seeds + 1)], werkers)
    rijen = pd.DataFrame(beoordeel_basis(sc.gemeente.naam, runs))
    uit = pd.DataFrame({
        "doel": rijen["doel"] + " " + rijen["moment"].astype(str),
        "gemiddelde": rijen["gemiddelde"],
        "se": rijen["se"],
        "geslaagd": rijen["geslaagd"]})
    return uit


def main() -> None:
    """Run the sets at both sizes, write the table, print the summary per target."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("uit")
    p.add_argument("--inwoners", type=int, default=50_000)
    p.add_argument("--sets", type=int, default=8)
    p.add_argument("--seeds-klein", type=int, default=16)
    p.add_argument("--seeds-vol", type=int, default=5)
    p.add_argument("--werkers", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--alleen", help="only these sets (comma-separated numbers)")
    a = p.parse_args()
    data = tomllib.loads(SCENARIO.read_text())
    data.setdefault("naam", "basis")
    klein = geschaalde_gemeente(data["gemeente"], a.inwoners)
    delen = []
    kies = None if a.alleen is None else {int(x) for x in a.alleen.split(",")}
    for i, zet in enumerate(parametersets(a.sets, a.seed)):
        if kies is not None and i not in kies:
            continue
        vol = doelen(data, None, zet, a.seeds_vol, a.werkers)
        kl = doelen(data, klein, zet, a.seeds_klein, a.werkers)
        d = vol.merge(kl, on="doel", suffixes=("_vol", "_klein"))
        d.insert(0, "set", i)
        d["verschil"] = d["gemiddelde_klein"] - d["gemiddelde_vol"]
        se = np.sqrt(d["se_vol"] ** 2 + d["se_klein"] ** 2)
        # Targets without seed spread (month-0 shares drawn exactly) have no z.
        d["z"] = (d["verschil"] / se).where(se > 0)
        delen.append(d)
        print(f"set {i}: vol {int(vol['geslaagd'].sum())}/{len(vol)} in band, "
              f"{a.inwoners:,}: {int(kl['geslaagd'].sum())}/{len(kl)}; |z| > 3 op "
              + (", ".join(d.loc[d["z"].abs() > 3, "doel"]) or "geen"), flush=True)
    alles = pd.concat(delen, ignore_index=True)
    Path(a.uit).mkdir(parents=True, exist_ok=True)
    alles.to_csv(Path(a.uit) / "grootte_effect.csv", index=False)
    per_doel = alles.groupby("doel").agg(verschil=("verschil", "mean"),
                                         z_mediaan=("z", "median"),
                                         sets_z3=("z", lambda z: int((z.abs() > 3).sum())))
    print(per_doel.to_string())


if __name__ == "__main__":
    main()
