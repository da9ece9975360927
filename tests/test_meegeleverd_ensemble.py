"""The shipped ensemble of the default scenario (issue 14): complete, confirmed, documented.

Whether its members pass the validation at full size is measured by
``experimenten/ensemble_valideren.py`` (minutes per member batch; reported in
``docs/kalibratie.md``); these tests check what shipping must keep true.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from simulatie.experiment.kalibratie.ensemble import GEWICHT, STANDAARD, lees_ensemble
from simulatie.experiment.kalibratie.prior import FASEN, vrije_parameters

MAP = STANDAARD.parent
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not STANDAARD.is_file(),
                                reason="geen meegeleverd ensemble (simulatie/data/kalibratie/)")


def test_ensemble_heeft_100_leden_met_elke_parameter_binnen_zijn_prior():
    ensemble = lees_ensemble()
    vrij = {v.pad: v for v in vrije_parameters([p for g in FASEN.values() for p in g])}
    assert len(ensemble) >= 100
    assert set(ensemble.columns) == set(vrij) | {GEWICHT}
    assert ensemble[GEWICHT].sum() == pytest.approx(1.0)
    for pad, v in vrij.items():
        assert ensemble[pad].between(v.laag, v.hoog).all(), pad


def test_elk_lid_is_op_volle_grootte_bevestigd():
    manifest = json.loads((MAP / "manifest.json").read_text())
    bevestiging = manifest["combinatie"]["bevestiging"]
    tabel = pd.read_csv(MAP / "bevestiging.csv", keep_default_na=False)
    leden = tabel[tabel["lid"]]
    assert bevestiging["runs"] >= 5 and bevestiging["leden"] == len(leden) == len(lees_ensemble())
    assert leden["bevestigd"].all() and (leden["gemist"] == "").all()
    combinatie = manifest["combinatie"]
    if "emulator" in combinatie:  # prior draws the emulator passed, tried in drawn order
        assert tabel["kandidaat"].is_monotonic_increasing
        assert (tabel["kans"] >= combinatie["emulator"]["drempel"]).all()
        assert (MAP / "emulator.csv").is_file()
    else:  # members are the first confirmed candidates in order of distance
        assert tabel["afstand"].is_monotonic_increasing
    assert manifest["instellingen"]["gemeente"]["naam"].startswith("Groningen")


def test_parameterreferentie_toont_de_posterior():
    parameters = pd.read_csv(MAP / "parameters.csv")
    assert set(parameters["parameter"]) == set(lees_ensemble().columns) - {GEWICHT}
    tekst = (ROOT / "docs" / "parameters.md").read_text()
    assert "posterior 90%" in tekst
    for pad in parameters["parameter"]:
        regel = next(r for r in tekst.splitlines() if r.startswith(f"| `{pad}` |"))
        assert " - " in regel.split("|")[6], regel  # the interval column is filled


def test_prior_van_de_meegeleverde_kalibratie_is_die_van_de_huidige_parameters():
    """The shipped calibration's priors had their mode at today's sourced values, so its
    posterior belongs to the parameter metadata in the code (a changed sourced value calls for
    a new calibration)."""
    from simulatie.kern.parameters import parameter_catalogus

    catalogus = {r["pad"]: r for r in parameter_catalogus()}
    parameters = pd.read_csv(MAP / "parameters.csv")
    for r in parameters.to_dict("records"):
        c = catalogus[r["parameter"]]
        # the mode the calibration's prior had: its bronwaarde column, or (before that column)
        # the default at the time
        assert c["bronwaarde"] == pytest.approx(r.get("bronwaarde", r["default"])), r["parameter"]
        assert (c["bereik"][0], c["bereik"][1]) == pytest.approx(
            (r["prior_laag"], r["prior_hoog"])), r["parameter"]
