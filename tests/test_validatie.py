"""Baseline calibration against public facts (Groningen, ten years)."""

from __future__ import annotations

import pandas as pd
import pytest

from simulatie import laad_scenario, simuleer
from simulatie.cli import main
from simulatie.experiment.validatie import DOELEN, valideer


@pytest.fixture(scope="module")
def groningen():
    return simuleer(laad_scenario("experimenten/basis.toml"), seed=1).tijdreeks


def test_basis_groningen_binnen_alle_banden(groningen):
    tabel = valideer(groningen)
    assert len(tabel) == len(DOELEN)
    mislukt = tabel[~tabel.geslaagd]
    assert mislukt.empty, mislukt.to_string()


def test_bestand_blijft_plausibel(groningen):
    # No runaway drift in the baseline: stock and ladder of bijstand within 20% of month 0.
    eerste, laatste = groningen.iloc[0], groningen.iloc[-1]
    assert 0.8 < laatste.bijstand / eerste.bijstand < 1.2
    assert abs(laatste.gemiddelde_trede_bijstand - eerste.gemiddelde_trede_bijstand) < 0.4


def test_valideer_commando_schrijft_csv(tmp_path):
    uit = tmp_path / "v"
    main(["valideer", "experimenten/basis.toml", "--set", "maanden=36", "--set",
          "gemeente.inwoners=20000", "--set", "gemeente.wwb=920", "--set", "gemeente.wajong=370",
          "--set", "gemeente.wsw=150", "--set", "gemeente.awbz_extramuraal=650", "--uit",
          str(uit)])
    tabel = pd.read_csv(uit / "validatie.csv")
    assert list(tabel.columns) == ["doel", "ondergrens", "bovengrens", "gesimuleerd", "geslaagd"]
    assert len(tabel) == len(DOELEN)
