"""The dashboard's background runs use members of the calibrated ensemble (issue 14, point 4)."""

from __future__ import annotations

import pandas as pd

from simulatie.dashboard import werelden
from simulatie.kern.scenario import bouw_scenario

PAD = "parameters.wmo.factor_armoede"


def test_achtergrondruns_krijgen_een_ensemblelid_en_de_gespeelde_run_niet(monkeypatch):
    ensemble = pd.DataFrame({PAD: [2.0, 6.0], "gewicht": [0.5, 0.5]})
    monkeypatch.setattr(werelden, "_ensemble", lambda: ensemble)
    basis = bouw_scenario({"naam": "t", "maanden": 12, "gemeente": {"preset": "Groningen"}}
                          ).model_dump(exclude={"beleid"})
    standaard = basis["parameters"]["wmo"]["factor_armoede"]
    assert werelden.wereld_basis(basis, 7, 0)["parameters"]["wmo"]["factor_armoede"] == standaard
    waarden = [werelden.wereld_basis(basis, 7, i)["parameters"]["wmo"]["factor_armoede"]
               for i in range(1, 9)]
    assert set(waarden) == {2.0, 6.0}  # both members drawn over eight runs
    assert waarden == [werelden.wereld_basis(basis, 7, i)["parameters"]["wmo"]["factor_armoede"]
                       for i in range(1, 9)]  # the same world for A, B and every team
    assert basis["parameters"]["wmo"]["factor_armoede"] == standaard  # input not changed


def test_zonder_ensemble_alleen_andere_seeds(monkeypatch):
    monkeypatch.setattr(werelden, "_ensemble", lambda: None)
    basis = {"parameters": {"wmo": {"factor_armoede": 5.5}}}
    assert werelden.wereld_basis(basis, 1, 3) == basis


def test_het_bijschrift_zegt_wat_de_band_laat_zien(monkeypatch):
    monkeypatch.setattr(werelden, "_ensemble", lambda: None)
    assert "alleen toeval" in werelden.band_tekst()
    monkeypatch.setattr(werelden, "_ensemble", lambda: pd.DataFrame({PAD: [2.0], "gewicht": [1]}))
    assert "gekalibreerde ensemble" in werelden.band_tekst()
    assert "alleen toeval" not in werelden.band_tekst()


def test_een_andere_gemeente_dan_die_van_de_kalibratie_krijgt_alleen_andere_seeds(monkeypatch):
    """The shipped ensemble was calibrated on Groningen; its members fail Enschede's bands
    (docs/kalibratie.md), so Enschede's background runs keep the defaults."""
    ensemble = pd.DataFrame({PAD: [2.0, 6.0], "gewicht": [0.5, 0.5]})
    monkeypatch.setattr(werelden, "_ensemble", lambda: ensemble)
    basis = bouw_scenario({"naam": "t", "maanden": 12, "gemeente": {"preset": "Enschede"}}
                          ).model_dump(exclude={"beleid"})
    assert all(werelden.wereld_basis(basis, 7, i) == basis for i in range(1, 5))
