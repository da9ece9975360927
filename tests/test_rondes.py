"""Rounds of policies in a scenario file (``[[rondes]]``): played by the model, clear errors."""

from __future__ import annotations

import subprocess

import pandas as pd
import pytest
from hulp import cli, klein_scenario

from simulatie import simuleer
from simulatie.kern.beleid import register
from simulatie.kern.model import Gemeente
from simulatie.kern.scenario import ScenarioFout, bouw_scenario, laad_scenario

TOML = """naam = "rondes"
maanden = 20
seed = 3
[gemeente]
naam = "Proef"
inwoners = 3000
wwb = 140
wajong = 55
wsw = 22
awbz_extramuraal = 97
[beleid.work_first]
actief = true
[[rondes]]
start = 6
[rondes.beleid.preventie]
actief = true
budget_per_inwoner = 40.0
[rondes.beleid.integrale_teams]
actief = true
[[rondes]]
start = 12
[rondes.beleid.work_first]
actief = true
sanctie_kans = 0.02
"""


def _met_rondes(tmp_path, overrides=None):
    pad = tmp_path / "rondes.toml"
    pad.write_text(TOML, encoding="utf-8")
    return laad_scenario(pad, overrides)


def test_rounds_play_as_stopping_and_starting_policies_by_hand(tmp_path):
    scenario = _met_rondes(tmp_path)
    met = simuleer(scenario).tijdreeks
    # The same plan through the model's own API, between the months of the round boundaries.
    hand = Gemeente(bouw_scenario({**scenario.model_dump(exclude={"rondes"})}), seed=3)
    klassen = register()
    for maand in range(scenario.maanden):
        if maand == 6:
            hand.stop_beleid("work_first")
            for naam, inst in (("integrale_teams", {}), ("preventie",
                                                         {"budget_per_inwoner": 40.0})):
                hand.start_beleid(klassen[naam](klassen[naam].Instellingen(actief=True, **inst)))
        if maand == 12:
            hand.stop_beleid("integrale_teams")
            hand.stop_beleid("preventie")
            hand.start_beleid(klassen["work_first"](klassen["work_first"].Instellingen(
                actief=True, sanctie_kans=0.02)))
        hand.step()
    verwacht = pd.DataFrame(hand.reeks)
    pd.testing.assert_frame_equal(met[verwacht.columns].reset_index(drop=True), verwacht,
                                  check_dtype=False)
    zonder = simuleer(bouw_scenario({**scenario.model_dump(exclude={"rondes"})})).tijdreeks
    pd.testing.assert_frame_equal(met.iloc[:7], zonder.iloc[:7])  # months 0..6: round 1
    assert not met.iloc[7:].equals(zonder.iloc[7:])
    assert met["professionals"].iloc[7] > met["professionals"].iloc[6]  # wijkcoaches


def test_set_moves_a_round_by_its_index(tmp_path):
    later = _met_rondes(tmp_path, {"rondes.0.start": 9})
    assert [r.start for r in later.rondes] == [9, 12]
    with pytest.raises(ScenarioFout, match="5 is no entry of rondes; allowed: 0 to 1"):
        _met_rondes(tmp_path, {"rondes.5.start": 3})


@pytest.mark.parametrize(("pad", "waarde", "melding"), [
    ("rondes.1.start", 6, r"rondes\[1\].start = 6 must be later than the previous round \(6\)"),
    ("rondes.1.start", 20, r"rondes\[1\].start = 20 must be before the horizon \(maanden = 20\)"),
    ("rondes.0.start", 0, r"rondes\[0\].start: 0 is out of range; allowed: 1 to 600"),
    ("rondes.0.beleid.bla", {"actief": True}, r"rondes\[0\]: beleid.bla: unknown policy; "
     r"allowed: contract_compliance"),
    ("rondes.1.beleid.work_first.sanctie", 1, r"rondes\[1\]: beleid.work_first.sanctie: "
     r"unknown setting of policy work_first; allowed: actief"),
    ("rondes.1.beleid.work_first.sanctie_kans", 2.0, r"rondes\[1\]: beleid.work_first."
     r"sanctie_kans: 2.0 is out of range"),
    ("rondes.1.bla", 1, r"rondes\[1\].bla: unknown field; allowed: beleid, start"),
])
def test_a_bad_round_names_the_round_and_the_field(tmp_path, pad, waarde, melding):
    with pytest.raises(ScenarioFout, match=melding):
        _met_rondes(tmp_path, {pad: waarde})


def test_the_command_line_says_what_is_wrong_with_a_round(tmp_path):
    pad = tmp_path / "rondes.toml"
    pad.write_text(TOML.replace("start = 12", "start = 3"), encoding="utf-8")
    uit = subprocess.run(cli("run", str(pad), "--uit", str(tmp_path / "uit")),
                         capture_output=True, text=True, timeout=120)
    assert uit.returncode == 2
    assert "rondes[1].start = 3 must be later than the previous round (6)" in uit.stderr
    assert "Traceback" not in uit.stderr and not (tmp_path / "uit").exists()


def test_validation_switches_the_rounds_off_with_the_policies():
    from simulatie.experiment.validatie.valideren import basisscenario

    data = {**klein_scenario(maanden=12).model_dump(),
            "rondes": [{"start": 3, "beleid": {"work_first": {"actief": True}}}]}
    scenario = basisscenario(data, maanden=12)
    assert scenario.rondes == [] and scenario.beleid == {}


def test_a_comparison_variant_may_start_a_policy_in_a_later_round(tmp_path):
    from simulatie.experiment.vergelijk import lees_vergelijking

    (tmp_path / "rondes.toml").write_text(TOML.split("[beleid.work_first]")[0], "utf-8")
    (tmp_path / "vergelijking.toml").write_text(
        'naam = "later"\nscenario = "rondes.toml"\nreplicaties = 2\nseed = 1\njaren = [1]\n'
        '[[variant]]\nnaam = "direct"\nset = { "beleid.work_first.actief" = true }\n'
        '[[variant]]\nnaam = "vanaf_jaar_2"\n'
        'set = { rondes = [{ start = 12, beleid = { work_first = { actief = true } } }] }\n',
        "utf-8")
    verg = lees_vergelijking(tmp_path / "vergelijking.toml", onzekerheid="seeds")
    assert verg.scenarios["basis"].rondes == [] and verg.scenarios["direct"].rondes == []
    later = verg.scenarios["vanaf_jaar_2"]
    assert later.beleid == {} and [r.start for r in later.rondes] == [12]
    assert later.rondes[0].beleid["work_first"]["actief"]
    assert later.beleid_tekst() == "geen; vanaf maand 13: work_first"
    # The summary says when which policy runs in a variant with rounds.
    uit = subprocess.run(cli("vergelijk", str(tmp_path / "vergelijking.toml"), "--uit",
                             str(tmp_path / "uit"), "--onzekerheid", "seeds", "--workers", "1",
                             "--set", "maanden=14"),
                         capture_output=True, text=True, timeout=300)
    assert uit.returncode == 0, uit.stderr
    tekst = (tmp_path / "uit" / "samenvatting.md").read_text("utf-8")
    assert "Beleid in deze variant: geen; vanaf maand 13: work_first." in tekst
    assert tekst.count("Beleid in deze variant") == 1  # not for the variant without rounds
