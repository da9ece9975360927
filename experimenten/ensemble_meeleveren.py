"""Ship a calibration of the default scenario as package data (``simulatie/data/kalibratie/``).

Copies the files that the package reads or that document the ensemble (``ensemble.parquet``,
``parameters.csv``, ``fit.csv``, ``bevestiging.csv``, ``manifest.json``; ``emulator.csv`` when
there is one) from a calibration folder and regenerates ``docs/parameters.md`` (its posterior
column). Refuses a calibration that was not confirmed at full size (``simulatie kalibreer
--bevestig 5``) or has fewer than 100 members: the shipped ensemble is what every comparison
draws its worlds from, so it must be one that passes the validation's rule. Check it
afterwards, on the validation's own seeds, with ``experimenten/ensemble_valideren.py``.

Usage: ``python experimenten/ensemble_meeleveren.py KALIBRATIEMAP``
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOEL = ROOT / "simulatie" / "data" / "kalibratie"
BESTANDEN = ("ensemble.parquet", "parameters.csv", "fit.csv", "bevestiging.csv", "manifest.json")
#: Copied too when the calibration has them (``--emulator``: the emulator's check).
ZO_NODIG = ("emulator.csv",)
#: Fewest members a shipped ensemble has (issue 14).
MIN_LEDEN = 100
#: Fewest full-size runs per member (the validation judges the mean of five).
MIN_RUNS = 5


def main(map_: str) -> int:
    """Copy the calibration's files into the package and regenerate the parameter reference."""
    bron = Path(map_)
    ontbreekt = [b for b in BESTANDEN if not (bron / b).is_file()]
    if ontbreekt:
        print(f"fout: {bron / ontbreekt[0]} ontbreekt (een kalibratie in fasen met --bevestig "
              "schrijft het)", file=sys.stderr)
        return 2
    bevestiging = json.loads((bron / "manifest.json").read_text())["combinatie"]["bevestiging"]
    if bevestiging["leden"] < MIN_LEDEN or bevestiging["runs"] < MIN_RUNS:
        print(f"fout: {bron / 'manifest.json'}: {bevestiging['leden']} leden bevestigd met "
              f"{bevestiging['runs']} runs elk; nodig: minstens {MIN_LEDEN} leden en "
              f"{MIN_RUNS} runs", file=sys.stderr)
        return 2
    DOEL.mkdir(parents=True, exist_ok=True)
    for b in BESTANDEN + tuple(z for z in ZO_NODIG if (bron / z).is_file()):
        shutil.copyfile(bron / b, DOEL / b)
    from simulatie.experiment.documentatie import parameter_tabel

    (ROOT / "docs" / "parameters.md").write_text(parameter_tabel() + "\n", encoding="utf-8")
    print(f"{bevestiging['leden']} leden meegeleverd in {DOEL}; docs/parameters.md bijgewerkt")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
