"""Save and share: the link in the address bar and the scenario file for ``simulatie run``."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from simulatie.cli import main
from simulatie.dashboard import delen
from simulatie.dashboard.invoer import lees_getal
from simulatie.dashboard.keuzes import standaard_keuzes
from simulatie.dashboard.sessie import Sessie


def _keuzes():
    return (replace(standaard_keuzes(), grootte="20.000 inwoners", maanden=12, seed=5,
                    vergelijken=True)
            .met_beleid("B", "work_first", actief=True, sanctie_kans=0.02))


def test_link_is_short_and_restores_the_choices():
    k = _keuzes()
    link = delen.naar_link(k)
    assert len(link) < 200 and link.isascii()
    assert delen.uit_link(link) == k
    assert delen.uit_link(delen.naar_link(standaard_keuzes())) == standaard_keuzes()


@pytest.mark.parametrize("tekst", ["", "abc", "x" * 5000, delen.naar_link(standaard_keuzes())[:-4]
                                   + "!!!!", "eJyrVspLzE1VslIqS8wpTVWqBQApsgUo"])
def test_a_damaged_link_gives_a_dutch_message(tekst):
    with pytest.raises(delen.LinkFout) as fout:
        delen.uit_link(tekst)
    assert "link" in str(fout.value).lower()


def test_scenario_file_runs_with_the_same_numbers(tmp_path):
    k = _keuzes()
    sessie = Sessie()
    sessie.reset(k)
    sessie.stap(12)
    for variant in ("A", "B"):
        pad = tmp_path / f"dashboard-{variant}.toml"
        pad.write_text(delen.scenario_toml(k, variant), encoding="utf-8")
        uit = tmp_path / f"uit-{variant}"
        assert main(["run", str(pad), "--uit", str(uit), "--stil"]) == 0
        gedraaid = pd.read_parquet(uit / "tijdreeks.parquet")
        scherm = sessie.tijdreeks(variant)
        pd.testing.assert_frame_equal(gedraaid.drop(columns="scenario"),
                                      scherm.drop(columns="scenario"), check_dtype=False)


@pytest.mark.parametrize(("tekst", "goed"), [
    ("12", 12), ("1.000", 1000), ("12345678901234567890", None), ("-3", None), ("abc", None),
    ("", None), ("2,5", None), ("x" * 100, None), ("nan", None), ("1e400", None)])
def test_number_fields_read_dutch_input_and_refuse_the_rest_in_dutch(tekst, goed):
    waarde, melding = lees_getal(tekst, 0, 2**32 - 1, True, "De seed")
    assert waarde == goed
    if goed is None:
        assert melding.startswith("De seed") and "Value" not in melding
