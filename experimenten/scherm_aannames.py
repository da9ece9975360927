"""One-at-a-time screen of the hand-set parameters that are not marked uncertain.

Each parameter whose source is an assumption ('aanname') or a calibration ('gekalibreerd') and
that is not marked ``onzeker`` runs at both ends of its declared range; the table lists the
change of five outputs after ten years against the defaults (same seeds). Parameters whose ends
move an output by more than the seed noise (about 5% here) belong marked uncertain.

Usage: ``python experimenten/scherm_aannames.py [INWONERS] [SEEDS] [WERKERS]``
(default 30000 2 2; about 10 minutes on two cores).
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from simulatie import bouw_scenario
from simulatie.experiment.validatie.gemeenten import verzonnen
from simulatie.experiment.validatie.uitvoeren import draai
from simulatie.kern.parameters import parameter_catalogus

UITKOMSTEN = ("bijstand", "wmo_clienten", "kosten_laatste_jaar", "trede", "naar_werk")


def uitkomsten(ts: pd.DataFrame) -> np.ndarray:
    """Bijstand and Wmo clients at the end, cost of the last year, mean rung, outflow to work."""
    return np.array([ts.bijstand.iloc[-1], ts.wmo_clienten.iloc[-1],
                     ts.kosten_totaal.iloc[-12:].sum(), ts.gemiddelde_trede.iloc[-1],
                     ts.uitstroom_naar_werk.iloc[1:].sum()])


def main(inwoners: int = 30_000, seeds: int = 2, werkers: int = 2) -> pd.DataFrame:
    """Run the screen and return its table (largest effect first)."""
    gemeente = verzonnen("Scherm", inwoners, 0.046, 5).gemeente
    kandidaten = [r for r in parameter_catalogus()
                  if any(w in r["bron"].lower() for w in ("aanname", "gekalibreerd"))
                  and not r.get("onzeker") and not isinstance(r["default"], bool)]
    varianten: list[tuple[str | None, float | None]] = [(None, None)]
    for r in kandidaten:
        for waarde in r["bereik"]:
            if waarde != r["default"]:
                varianten.append((r["pad"], int(waarde) if isinstance(r["default"], int)
                                  else waarde))
    taken = [(bouw_scenario({"naam": "scherm", "maanden": 120, "gemeente": gemeente},
                            {pad: waarde} if pad else None), s)
             for pad, waarde in varianten for s in range(1, seeds + 1)]
    runs = [uitkomsten(ts) for ts in draai(taken, werkers)]
    basis = np.mean(runs[:seeds], axis=0)
    rijen = []
    for i, (pad, waarde) in enumerate(varianten[1:], start=1):
        rel = 100 * (np.mean(runs[i * seeds:(i + 1) * seeds], axis=0) / basis - 1)
        rijen.append({"parameter": pad, "waarde": waarde,
                      **{f"{u} %": round(float(x), 1) for u, x in zip(UITKOMSTEN, rel,
                                                                        strict=True)}})
    tabel = pd.DataFrame(rijen)
    tabel["grootste %"] = tabel.filter(like=" %").abs().max(axis=1)
    return tabel.sort_values("grootste %", ascending=False)


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 500)
    print(main(*(int(a) for a in sys.argv[1:4])).to_string(index=False))
