"""Validate the members of a calibrated ensemble at full size: which pass every band?

Each member (or the first ``LEDEN`` of them) runs ``simulatie valideer``'s baseline checks on the
scenario's municipality (flows, stationarity and overlap; 5 seeds, the verdict on their mean),
with the member's parameter values as ``--set`` values. Prints the share of members that pass
every band and, per target, how many members fail it; writes ``ensemble_validatie.csv`` (one row
per member and target) into the output folder.

Usage: ``python experimenten/ensemble_valideren.py ENSEMBLE UIT [LEDEN] [WERKERS] [GEMEENTE]``
(default all members, 2 workers, Groningen; about 11 s per member on two cores for Groningen).
``GEMEENTE`` is another of ``simulatie valideer --volledig``'s municipalities (``Enschede``,
``Dorp (20.000, 1%)``, ...): whether an ensemble calibrated on one municipality holds on another
(the overlap shares are judged for the presets only, as in ``simulatie valideer``).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pandas as pd

from simulatie.experiment.kalibratie.ensemble import lees_ensemble, lid
from simulatie.experiment.validatie.gemeenten import SEEDS, validatiegemeenten
from simulatie.experiment.validatie.uitvoeren import draai
from simulatie.experiment.validatie.valideren import basisscenario, beoordeel_basis

SCENARIO = Path(__file__).with_name("basis.toml")


def main(ensemble: str, uit: str, leden: int | None = None, werkers: int = 2,
         gemeente: str | None = None) -> pd.DataFrame:
    """Validate the members; returns one row per member and target."""
    data = tomllib.loads(SCENARIO.read_text())
    data.setdefault("naam", "basis")
    tabel = lees_ensemble(ensemble)
    n = len(tabel) if leden is None else min(leden, len(tabel))
    g = None
    if gemeente is not None:
        alle = {v.naam: v for v in validatiegemeenten()}
        if gemeente not in alle:
            sys.exit(f"fout: gemeente {gemeente!r} onbekend; toegestaan: {', '.join(alle)}")
        g = alle[gemeente]
    scenarios = [basisscenario(data, g.gemeente if g else None, overrides=lid(tabel, i))
                 for i in range(n)]
    runs = draai([(sc, s) for sc in scenarios for s in range(1, SEEDS + 1)], werkers)
    delen = []
    for i in range(n):
        rijen = pd.DataFrame(beoordeel_basis(g.naam if g else scenarios[i].gemeente.naam,
                                             runs[i * SEEDS:(i + 1) * SEEDS],
                                             g.verzonnen if g else False))
        rijen.insert(0, "lid", i)
        delen.append(rijen)
        geslaagd = bool(rijen.loc[rijen["beoordeeld"], "geslaagd"].all())
        print(f"lid {i}: {'geslaagd' if geslaagd else 'NIET geslaagd'}"
              + ("" if geslaagd else " - " + ", ".join(
                  f"{r.doel} {r.moment} {r.gemiddelde:.2f} ({r.band})"
                  for r in rijen[~rijen["geslaagd"]].itertuples())), flush=True)
    alles = pd.concat(delen, ignore_index=True)
    Path(uit).mkdir(parents=True, exist_ok=True)
    alles.drop(columns=["waarden"]).to_csv(Path(uit) / "ensemble_validatie.csv", index=False)
    per_lid = alles[alles["beoordeeld"]].groupby("lid")["geslaagd"].all()
    print(f"{int(per_lid.sum())} van {len(per_lid)} leden ({per_lid.mean():.0%}) slagen voor "
          "elke band")
    fout = alles[~alles["geslaagd"]].groupby(["doel", "moment"]).size()
    if len(fout):
        print("doelen waarop leden zakken (aantal leden):")
        print(fout.sort_values(ascending=False).to_string())
    return alles


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:5]),
         *(sys.argv[5:6] or [None]))
