"""Screen the uncertain parameters: which ones move a calibration target?

Reads generation 0 of a calibration (its runs drew every free parameter from the prior) and
ranks each parameter by its largest absolute Spearman rank correlation with any target, and
names that target. Run a short calibration with every uncertain parameter free first, e.g.
``simulatie kalibreer --uit DIR --inwoners 50000 --parameters alle --budget 300`` (generation 0
only), then ``python experimenten/scherm_kalibratie.py DIR [DREMPEL]``. The parameters at or
above the threshold (default 0.34) are the calibration's active parameters
(``simulatie/experiment/kalibratie/prior.py``, ``ACTIEF``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
from scipy.stats import spearmanr


def scherm(map_: str | Path) -> pd.DataFrame:
    """One row per parameter: largest |rho| with a target, its sign and the target."""
    parameters, waarden = [], []
    for bestand in sorted((Path(map_) / "simulaties").glob("*.json")):
        inhoud = json.loads(bestand.read_text())
        if inhoud.get("generatie") == 0 and not inhoud.get("fout"):
            parameters.append(inhoud["parameters"])
            waarden.append(inhoud["waarden"])
    p, w = pd.DataFrame(parameters), pd.DataFrame(waarden)
    rijen = []
    for naam in p.columns:
        beste = (0.0, "")
        for doel in w.columns:
            ok = w[doel].notna()
            rho = float(spearmanr(p.loc[ok, naam], w.loc[ok, doel]).statistic)
            if abs(rho) > abs(beste[0]):
                beste = (rho, doel)
        rijen.append({"parameter": naam, "abs_rho": abs(beste[0]), "rho": beste[0],
                      "doel": beste[1], "runs": len(p)})
    return pd.DataFrame(rijen).sort_values("abs_rho", ascending=False, ignore_index=True)


if __name__ == "__main__":
    tabel = scherm(sys.argv[1])
    drempel = float(sys.argv[2]) if len(sys.argv) > 2 else 0.34
    pd.set_option("display.width", 200)
    print(tabel.to_string(index=False))
    print(f"{int((tabel['abs_rho'] >= drempel).sum())} parameters met |rho| >= {drempel}")
