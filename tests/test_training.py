"""Training sessions without a browser: rounds, the room, the pool, ranking, budgets, slides."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
import pytest
from hulp import cli, klein_scenario

from simulatie import bouw_scenario, simuleer
from simulatie.dashboard import begroting, dia, kamer, plenair, rangorde, rekenen
from simulatie.dashboard.kamer import CODE_TEKENS, KamerFout, Opzet, Register
from simulatie.dashboard.rondes import Ronde, RondeFout, controleer, speel, wissels
from simulatie.kern.scenario import laad_scenario

ROOT = Path(__file__).resolve().parents[1]


def _met_beleid(scenario, beleid):
    data = scenario.model_dump(exclude={"beleid"})
    data["beleid"] = {n: {**i, "actief": True} for n, i in beleid.items()}
    return bouw_scenario(data)


def _gelijk(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.drop(columns="scenario").reset_index(drop=True),
                                  b.drop(columns="scenario").reset_index(drop=True))


def test_one_round_plan_gives_the_numbers_of_a_plain_run():
    basis = klein_scenario(maanden=18)
    beleid = {"preventie": {"budget_per_inwoner": 30.0}, "work_first": {}}
    _gelijk(speel(basis, [Ronde(0, beleid)], seed=4),
            simuleer(_met_beleid(basis, beleid), seed=4).tijdreeks)


def test_a_policy_started_in_round_two_acts_only_from_that_round():
    basis = klein_scenario(maanden=24)
    zonder = speel(basis, [Ronde(0, {})], seed=2)
    later = speel(basis, [Ronde(0, {}), Ronde(12, {"work_first": {}})], seed=2)
    _gelijk(later.iloc[:13], zonder.iloc[:13])  # months 0..12: no policy yet
    assert (later["afgezien_aanvraag"].iloc[13:].sum()
            > zonder["afgezien_aanvraag"].iloc[13:].sum())


def test_prevention_started_later_builds_up_from_its_own_start():
    basis = klein_scenario(maanden=14)
    kosten = speel(basis, [Ronde(0, {}), Ronde(12, {"preventie": {}})], seed=1)
    zonder = speel(basis, [Ronde(0, {})], seed=1)
    extra = kosten["kosten_wmo_collectief"] - zonder["kosten_wmo_collectief"]
    assert extra.iloc[:13].abs().max() == 0 and extra.iloc[13] > 0


def test_a_plan_may_stop_and_change_policies_and_bad_settings_are_refused_in_dutch():
    controleer([Ronde(0, {"work_first": {}}), Ronde(12, {})], {"work_first": "Work first"})
    controleer([Ronde(0, {"preventie": {}}),
                Ronde(12, {"preventie": {"budget_per_inwoner": 40.0}})])
    with pytest.raises(RondeFout, match="Preventie in ronde 2 zijn ongeldig"):
        controleer([Ronde(0, {}), Ronde(12, {"preventie": {"budget_per_inwoner": -1.0}})],
                   {"preventie": "Preventie"})
    assert wissels({"preventie": {}, "work_first": {}},
                   Ronde(12, {"preventie": {"budget_per_inwoner": 40.0},
                              "integrale_teams": {}})) == (
        ["preventie", "work_first"], ["integrale_teams", "preventie"])
    assert wissels({"preventie": {"actief": True}}, Ronde(12, {"preventie": {}})) == ([], [])


PLAN = [Ronde(0, {"work_first": {}, "preventie": {}}),
        Ronde(6, {"preventie": {"budget_per_inwoner": 40.0}, "integrale_teams": {}}),
        Ronde(12, {"work_first": {"sanctie_kans": 0.02}})]


def test_a_plan_with_stops_and_changes_plays_deterministically():
    basis = klein_scenario(maanden=18, inwoners=3_000)
    controleer(PLAN)
    een, twee = speel(basis, PLAN, seed=5), speel(basis, PLAN, seed=5)
    _gelijk(een, twee)
    zonder_wissel = speel(basis, PLAN[:1], seed=5)
    _gelijk(een.iloc[:7], zonder_wissel.iloc[:7])  # months 0..6: round 1's policies
    assert not een.iloc[7:].equals(zonder_wissel.iloc[7:])
    # Round 2 stops work first: no deterrence; round 3 starts it again with new settings.
    assert een["afgezien_aanvraag"].iloc[7:13].sum() == 0
    assert een["afgezien_aanvraag"].iloc[13:].sum() > 0
    # Round 2 staffs wijkcoaches, round 3 lets them go.
    assert een["professionals"].iloc[7] > een["professionals"].iloc[6]
    assert een["professionals"].iloc[13] == een["professionals"].iloc[0]


def test_stopping_prevention_ends_its_budget_at_once():
    basis = klein_scenario(maanden=14, inwoners=3_000)
    gestopt = speel(basis, [Ronde(0, {"preventie": {}}), Ronde(12, {})], seed=1)
    zonder = speel(basis, [Ronde(0, {})], seed=1)
    from simulatie.beleid.preventie import Preventie
    from simulatie.kern.parameters import Parameters

    a = Parameters().aanbieders

    def geboekt_op_collectief(ts: pd.DataFrame) -> pd.Series:
        # the Wmo collectief line less the welzijn subsidy and participants (boekhouden)
        return (ts["kosten_wmo_collectief"] - ts["inwoners"] * a.welzijn_subsidie_per_inwoner
                / 12 - ts["in_welzijn"] * a.welzijn_kosten_per_deelnemer)

    # the budget per inhabitant of the month
    budget = Preventie.Instellingen().budget_per_inwoner * gestopt["inwoners"] / 12
    # the budget is booked every month of round 1 and not after it (the difference in welzijn
    # participants between the two worlds, up to -700 a month at 3,000 inhabitants, is not
    # the budget's)
    geboekt = geboekt_op_collectief(gestopt)
    assert geboekt.iloc[1:13].to_numpy() == pytest.approx(budget.iloc[1:13].to_numpy())
    assert geboekt.iloc[13:].to_numpy() == pytest.approx(0.0, abs=1e-6)
    assert geboekt_op_collectief(zonder).to_numpy() == pytest.approx(0.0, abs=1e-6)


def test_begroting_adds_the_months_of_each_year():
    ts = simuleer(klein_scenario(maanden=18), seed=1).tijdreeks
    b = begroting.begroting(ts)
    ideel = b[b["post"].str.startswith("I-deel")].set_index("jaar")
    assert list(ideel.index) == [1, 2] and list(ideel["maanden"]) == [12, 6]
    assert ideel.loc[1, "lasten"] == pytest.approx(ts.loc[1:12, "kosten_uitkeringen"].sum())
    assert ideel.loc[1, "saldo"] == pytest.approx(ts.loc[1:12, "saldo_ideel"].sum())
    assert (b["budget"] - b["lasten"] - b["saldo"]).abs().max() < 1e-6
    tekst = begroting.begroting_html(b)
    assert "Jaar 2 (6 mnd)" in tekst and "saldo" in tekst
    assert begroting.begroting(ts[ts["maand"] == 0]).empty


@pytest.fixture
def register(monkeypatch):
    """A room whose runs compute in a thread of the test process."""
    monkeypatch.setattr(rekenen, "_REKENAAR", rekenen.Rekenaar(0))
    yield Register()
    rekenen._REKENAAR.sluit()


def _wacht(sessie, voorwaarde, seconden=120):
    eind = time.monotonic() + seconden
    versie = -1
    while not voorwaarde():
        assert time.monotonic() < eind, "timed out"
        versie = sessie.wacht(versie, 0.5)


OPZET = Opzet(grootte="20.000 inwoners", maanden=24, rondes=(0, 12), replicaties=2)


def test_a_session_with_teams_two_rounds_and_a_ranking(register):
    sessie = register.maak(OPZET)
    assert len(sessie.code) == kamer.CODE_LENGTE and set(sessie.code) <= set(CODE_TEKENS)
    assert register.zoek(sessie.code.lower() + " ") is sessie
    for naam in ("Rood", "Blauw"):
        sessie.meld_aan(naam)
    assert sessie.meld_aan(" Rood ") is sessie.teams["Rood"]  # a reload rejoins
    sessie.lever_in("Rood", {"preventie": {}})
    sessie.lever_in("Blauw", {})
    _wacht(sessie, lambda: len(sessie.klaar_teams()) == 2 and sessie.referentie.hoofd
           is not None)
    sessie.volgende_ronde()
    sessie.lever_in("Blauw", {"work_first": {}})
    _wacht(sessie, lambda: sessie.teams["Blauw"].run.hoofd is not None and len(
        sessie.teams["Blauw"].run.replicaties) == 2 and len(sessie.referentie.replicaties) == 2)
    blauw = sessie.teams["Blauw"].run
    assert blauw.plan == ({}, {"work_first": {}})
    assert len(blauw.hoofd) == 25 and blauw.klaar >= blauw.ingeleverd
    # the main runs use the same seed: Blauw equals no policy until round 2 starts
    ref = sessie.referentie.hoofd
    pd.testing.assert_frame_equal(blauw.hoofd.iloc[:13], ref.iloc[:13])
    assert sorted(int(r["seed"].iloc[0]) for r in blauw.replicaties) == [1001, 2001]
    teams = {t.naam: [t.run.hoofd, *t.run.replicaties] for t in sessie.klaar_teams()}
    tabel = rangorde.rangorde(teams, OPZET.criteria,
                              [ref, *sessie.referentie.replicaties])
    assert set(tabel["team"]) == {"Rood", "Blauw"} and tabel["rang"].min() == 1
    rij = tabel.set_index("team").loc["Blauw"]
    assert rij["saldo_ideel_verschil"] == pytest.approx(
        rangorde.waarde(blauw.hoofd, "saldo_ideel") - rangorde.waarde(ref, "saldo_ideel"))
    assert rij["saldo_ideel_verschil_n"] == 3  # main run and two replications, paired on seed


def test_a_teams_plan_saved_as_a_scenario_file_runs_with_the_same_numbers(register, tmp_path):
    sessie = register.maak(replace(OPZET, replicaties=0))
    sessie.meld_aan("Groen")
    with pytest.raises(KamerFout, match="nog geen plan"):
        sessie.plan_toml("Groen")
    sessie.lever_in("Groen", {"preventie": {}})
    sessie.volgende_ronde()
    sessie.lever_in("Groen", {"work_first": {}, "preventie": {"budget_per_inwoner": 40.0}})
    _wacht(sessie, lambda: sessie.teams["Groen"].run.hoofd is not None)
    pad = tmp_path / "plan.toml"
    pad.write_text(sessie.plan_toml("Groen"), encoding="utf-8")
    scenario = laad_scenario(pad)
    assert [r.start for r in scenario.rondes] == [12]
    uit = subprocess.run(cli("run", str(pad), "--uit", str(tmp_path / "uit")),
                         capture_output=True, text=True, timeout=300)
    assert uit.returncode == 0, uit.stderr
    assert "vanaf maand 13: preventie, work_first" in uit.stdout
    gedraaid = pd.read_parquet(tmp_path / "uit" / "tijdreeks.parquet")
    hoofd = sessie.teams["Groen"].run.hoofd
    assert len(hoofd.columns) > 20
    pd.testing.assert_frame_equal(gedraaid[hoofd.columns], hoofd, check_dtype=False)


def test_room_refuses_bad_input_in_dutch(register):
    with pytest.raises(KamerFout, match="Rondes beginnen"):
        register.maak(Opzet(rondes=(6, 12)))
    with pytest.raises(KamerFout, match="horizon"):
        register.maak(Opzet(maanden=10**20))
    sessie = register.maak(OPZET)
    with pytest.raises(KamerFout, match="geen sessie"):
        register.zoek("ZZZZZ9")
    with pytest.raises(KamerFout, match="teamnaam"):
        sessie.meld_aan("   ")
    with pytest.raises(KamerFout, match="hoogstens"):
        sessie.meld_aan("x" * 10_000)
    sessie.meld_aan("Groen")
    with pytest.raises(KamerFout, match="niet te kiezen"):
        sessie.lever_in("Groen", {"bestaat_niet": {}})
    with pytest.raises(KamerFout, match="instelling"):
        sessie.lever_in("Groen", {"preventie": {"budget_per_inwoner": -5}})
    sessie.pauzeer(True)
    with pytest.raises(KamerFout, match="gepauzeerd"):
        sessie.lever_in("Groen", {})
    sessie.pauzeer(False)
    sessie.lever_in("Groen", {"preventie": {}})
    sessie.volgende_ronde()
    with pytest.raises(KamerFout, match="ronde 2 zijn ongeldig"):
        sessie.lever_in("Groen", {"preventie": {"opbouw_maanden": 0}})
    sessie.lever_in("Groen", {})  # stopping prevention in round 2 is a plan like any other
    with pytest.raises(KamerFout, match="laatste ronde"):
        sessie.volgende_ronde()
    sessie.sluit_af()
    with pytest.raises(KamerFout, match="afgesloten"):
        sessie.lever_in("Groen", {"preventie": {}})


def test_cost_estimate_runs_the_first_year_of_the_round(register):
    sessie = register.maak(OPZET)
    sessie.meld_aan("Paars")
    sessie.schat("Paars", {"preventie": {"budget_per_inwoner": 40.0}})
    _wacht(sessie, lambda: isinstance(sessie.teams["Paars"].schatting, tuple))
    beleid, ts = sessie.teams["Paars"].schatting
    assert beleid == {"preventie": {"budget_per_inwoner": 40.0}}
    assert ts["maand"].max() == 12


def test_plans_go_before_replications_in_the_pool():
    volgorde = []
    r = rekenen.Rekenaar(0)
    r._bezig = 1  # hold the dispatcher while the queue fills
    taak = rekenen.Taak({"gemeente": {}}, ((0, {}),), 1)
    r.dien_in(taak, lambda u: volgorde.append("replicatie"), rekenen.REPLICATIE)
    r.dien_in(taak, lambda u: volgorde.append("plan"), rekenen.PLAN)
    with r._slot:
        r._bezig = 0
        r._slot.notify_all()
    eind = time.monotonic() + 30
    while len(volgorde) < 2 and time.monotonic() < eind:
        time.sleep(0.05)
    r.sluit()
    assert volgorde == ["plan", "replicatie"]


class _Pool:
    """A stand-in for the process pool whose runs end when the test says so."""

    def __init__(self):
        self.taken = []

    def submit(self, functie, taak):
        from concurrent.futures import Future

        self.taken.append((taak, Future()))
        return self.taken[-1][1]


def _wacht_tot(voorwaarde, s=30.0):
    eind = time.monotonic() + s
    while not voorwaarde() and time.monotonic() < eind:
        time.sleep(0.01)
    assert voorwaarde()


def test_the_pool_computes_each_distinct_task_once():
    r = rekenen.Rekenaar(0)
    pool = r._pool = _Pool()
    r.werkers = 2
    try:
        uit = {}
        basis = {"gemeente": {"inwoners": 3000}}
        plan = rekenen.Taak(basis, ((0, {"preventie": {}}),), 1)
        zelfde = rekenen.Taak({"gemeente": {"inwoners": 3000}}, ((0, {"preventie": {}}),), 1)
        ander = rekenen.Taak(basis, ((0, {"preventie": {}}),), 2)
        for naam, taak in (("a", plan), ("b", zelfde), ("c", ander)):
            r.dien_in(taak, lambda u, naam=naam: uit.__setitem__(naam, u))
        _wacht_tot(lambda: r.hergebruikt == 1)
        assert len(pool.taken) == 2  # a and b are one run, c another
        ts = pd.DataFrame({"maand": [0, 1], "bijstand": [10.0, 11.0]})
        pool.taken[0][1].set_result(rekenen.Uitkomst(ts, "", 1.0))
        _wacht_tot(lambda: {"a", "b"} <= set(uit))
        assert "c" not in uit
        pd.testing.assert_frame_equal(uit["a"].tijdreeks, uit["b"].tijdreeks)
        assert uit["a"].tijdreeks is not uit["b"].tijdreeks  # each receiver its own table
        # A repeat after the run is answered from the kept result, without a run.
        r.dien_in(plan, lambda u: uit.__setitem__("d", u), rekenen.REPLICATIE)
        _wacht_tot(lambda: "d" in uit)
        assert len(pool.taken) == 2 and r.hergebruikt == 2
        pd.testing.assert_frame_equal(uit["d"].tijdreeks, ts)
        # A failed run is not kept: its repeat runs again; a forgotten result too.
        pool.taken[1][1].set_exception(RuntimeError("worker died"))
        _wacht_tot(lambda: "c" in uit)
        assert uit["c"].tijdreeks is None and "mislukt" in uit["c"].fout
        r.dien_in(ander, lambda u: uit.__setitem__("e", u))
        _wacht_tot(lambda: len(pool.taken) == 3)
        r.vergeet()
        r.dien_in(plan, lambda u: uit.__setitem__("f", u))
        _wacht_tot(lambda: len(pool.taken) == 4)
    finally:
        r._pool = None
        r.sluit()


def test_replications_wait_until_the_plans_have_come_in():
    r = rekenen.Rekenaar(0)
    pool = r._pool = _Pool()
    r.werkers, r.rust_s = 2, 60.0
    try:
        plan = rekenen.Taak({"gemeente": {}}, ((0, {"preventie": {}}),), 1)
        replicatie = rekenen.Taak({"gemeente": {}}, ((0, {"preventie": {}}),), 2)
        r.dien_in(plan, lambda u: None)
        r.dien_in(replicatie, lambda u: None, rekenen.REPLICATIE)
        _wacht_tot(lambda: len(pool.taken) >= 1)
        time.sleep(0.3)
        assert len(pool.taken) == 1  # a worker is free, but a plan has just come in
        with r._slot:
            r.rust_s = 0.0  # the room has gone quiet
            r._slot.notify_all()
        _wacht_tot(lambda: len(pool.taken) == 2)
        assert pool.taken[1][0] == replicatie
        # A plan that comes in later still goes first when a worker is free.
        r.rust_s = 60.0
        for seed in (3, 4):
            r.dien_in(rekenen.Taak({"gemeente": {}}, ((0, {}),), seed), lambda u: None,
                      rekenen.REPLICATIE)
        tweede = rekenen.Taak({"gemeente": {}}, ((0, {"work_first": {}}),), 1)
        r.dien_in(tweede, lambda u: None)
        pool.taken[0][1].set_result(rekenen.Uitkomst(pd.DataFrame({"maand": [0]}), "", 1.0))
        _wacht_tot(lambda: len(pool.taken) == 3)
        time.sleep(0.3)
        assert [t for t, _ in pool.taken[2:]] == [tweede]
    finally:
        r._pool = None
        r.sluit()


def test_a_tasks_key_is_its_exact_content():
    def sleutel(basis, rondes=((0, {}),), seed=1):
        return rekenen.Taak(basis, rondes, seed).sleutel()

    assert sleutel({"a": np.arange(3)}) == sleutel({"a": [0, 1, 2]})
    assert sleutel({"a": 0.1}) != sleutel({"a": 0.1 + 1e-15})
    assert sleutel({"a": 1}) != sleutel({"a": 1}, seed=2)
    assert sleutel({"a": 1}, ((0, {"preventie": {}}),)) != sleutel({"a": 1})
    assert sleutel({"x": object()}) != sleutel({"x": object()})  # never shared


def test_a_team_that_submits_reads_its_place_in_the_pool(monkeypatch):
    pool = rekenen.Rekenaar(0)
    stand_in = pool._pool = _Pool()
    pool.werkers = 1
    monkeypatch.setattr(rekenen, "_REKENAAR", pool)
    try:
        sessie = Register().maak(replace(OPZET, replicaties=1))
        _wacht_tot(lambda: len(stand_in.taken) == 1)  # the reference run is going
        for naam in ("Rood", "Blauw"):
            sessie.meld_aan(naam)
        sessie.lever_in("Rood", {"preventie": {}})
        assert sessie.wachttijd("Rood") is None  # no run time known yet
        ts = pd.DataFrame({"maand": [0]})
        stand_in.taken[0][1].set_result(rekenen.Uitkomst(ts, "", 3.0))
        _wacht_tot(lambda: len(stand_in.taken) == 2)  # Rood's plan before the replications
        sessie.lever_in("Blauw", {"work_first": {}})
        rood, blauw = sessie.wachttijd("Rood"), sessie.wachttijd("Blauw")
        assert rood.voor == 0 and 0 < rood.seconden <= 3.0
        assert blauw.voor == 1 and blauw.seconden == pytest.approx(3.0 * 0.5 + 3.0)
    finally:
        pool._pool = None
        pool.sluit()


def test_a_repeated_plan_in_a_room_is_computed_once(register, monkeypatch):
    gerekend = []
    echt = rekenen.reken
    monkeypatch.setattr(rekenen, "reken", lambda taak: gerekend.append(taak) or echt(taak))
    sessie = register.maak(replace(OPZET, maanden=12, rondes=(0, 6), replicaties=1))
    for team in ("Rood", "Blauw"):
        sessie.meld_aan(team)
        sessie.lever_in(team, {"preventie": {}})
    _wacht(sessie, lambda: all(t.run.hoofd is not None and len(t.run.replicaties) == 1
                               for t in sessie.teams.values()))
    rood, blauw = (sessie.teams[n].run for n in ("Rood", "Blauw"))
    pd.testing.assert_frame_equal(rood.hoofd, blauw.hoofd)
    plannen = [t for t in gerekend if t.rondes[0][1] == {"preventie": {}}]
    assert len(plannen) == 2  # the plan and its replication, once for both teams


def test_the_pool_tells_a_task_its_place_and_expected_time():
    r = rekenen.Rekenaar(0)
    pool = r._pool = _Pool()
    r.werkers = 1
    try:
        taken = [rekenen.Taak({"gemeente": {}}, ((0, {}),), seed) for seed in (1, 2, 3)]
        for taak in taken:
            r.dien_in(taak, lambda u: None)
        _wacht_tot(lambda: len(pool.taken) == 1)
        assert r.wachttijd(taken[2].sleutel()) is None  # no run time known yet
        pool.taken[0][1].set_result(rekenen.Uitkomst(pd.DataFrame({"maand": [0]}), "", 2.0))
        _wacht_tot(lambda: len(pool.taken) == 2)
        assert r.plan_seconden == 2.0
        lopend, wacht = r.wachttijd(taken[1].sleutel()), r.wachttijd(taken[2].sleutel())
        assert lopend.voor == 0 and 0.5 <= lopend.seconden <= 2.0
        # one run going on the single worker: half of it left on average, then its own
        assert wacht.voor == 1 and wacht.seconden == pytest.approx(2.0 * 0.5 + 2.0)
        assert r.wachttijd(taken[0].sleutel()) is None  # done
        # An estimate (a shorter horizon) does not count as a plan's run time.
        pool.taken[1][1].set_result(rekenen.Uitkomst(pd.DataFrame({"maand": [0]}), "", 4.0))
        r.dien_in(rekenen.Taak({"gemeente": {}}, ((0, {}),), 9, maanden=12), lambda u: None)
        _wacht_tot(lambda: len(pool.taken) == 3)
        assert r.plan_seconden == 3.0
    finally:
        r._pool = None
        r.sluit()


def test_teams_and_trainer_read_the_waiting_time_in_dutch(register):
    from simulatie.dashboard.pagina_team import wachttekst
    from simulatie.dashboard.pagina_trainer import capaciteitstekst

    assert wachttekst(None) == "Uw plan wordt doorgerekend..."
    assert wachttekst(rekenen.Wachttijd(0, 1.4)) == (
        "Uw plan wordt nu doorgerekend (klaar over ongeveer 1 s).")
    assert wachttekst(rekenen.Wachttijd(3, 6.6)) == (
        "Uw plan wordt doorgerekend: 3 berekeningen gaan voor (klaar over ongeveer 7 s).")
    assert "1 berekening gaat voor" in wachttekst(rekenen.Wachttijd(1, 3.0))
    kort = capaciteitstekst(1.26, 5.0, 8, 120)
    assert "ongeveer 1,3 s" in kort and "na ongeveer 5 s" in kort and "10 s" not in kort
    lang = capaciteitstekst(2.5, 12.5, 8, 120)
    assert "--rekenprocessen" in lang and "kortere horizon" in lang
    sessie = register.maak(replace(OPZET, replicaties=0))
    _wacht(sessie, lambda: sessie.referentie.hoofd is not None)
    for naam in ("Rood", "Blauw", "Geel"):
        sessie.meld_aan(naam)
    plan, alle = sessie.capaciteit()
    assert plan > 0 and alle == pytest.approx(3 * plan)  # one worker in this test's pool
    assert sessie.wachttijd("Rood") is None  # nothing submitted


def test_a_worker_process_runs_a_plan_and_reports_errors_in_dutch():
    r = rekenen.Rekenaar(1)
    try:
        uit = []
        basis = klein_scenario(maanden=6).model_dump(exclude={"beleid"})
        r.dien_in(rekenen.Taak(basis, ((0, {}),), 3), uit.append)
        r.dien_in(rekenen.Taak(basis, ((0, {"work_first": {}}), (3, {"work_first": {
            "sanctie_kans": 2.0}})), 3), uit.append)
        eind = time.monotonic() + 120
        while len(uit) < 2 and time.monotonic() < eind:
            time.sleep(0.1)
        goed, fout = uit
        _gelijk(goed.tijdreeks, simuleer(klein_scenario(maanden=6), seed=3).tijdreeks)
        assert fout.tijdreeks is None and "ronde 2 zijn ongeldig (sanctie_kans)" in fout.fout
        # A long run is going when the server closes: no worker process is left behind.
        r.dien_in(rekenen.Taak(klein_scenario(maanden=120).model_dump(exclude={"beleid"}),
                               ((0, {}),), 4), uit.append)
        time.sleep(1.0)
        processen = list(r._pool._processes.values())
        assert processen
    finally:
        r.sluit()
    assert not any(p.is_alive() for p in processen)


def test_the_pool_starts_its_workers_warmed_up_before_any_plan():
    assert rekenen._opwarmen() > 0  # the warm-up itself runs (every policy, 3 months)
    r = rekenen.Rekenaar(2)
    try:
        eind = time.monotonic() + 60
        while time.monotonic() < eind and (len(r._pool._processes) < 2
                                            or r._pool._pending_work_items):
            time.sleep(0.1)
        # Both workers run and their warm-up is done, with no task submitted.
        assert len(r._pool._processes) == 2
        assert not r._pool._pending_work_items
    finally:
        r.sluit()


def test_plenary_picture_and_slides_export():
    basis = klein_scenario(maanden=12)
    ref = [speel(basis, [Ronde(0, {})], seed=s) for s in (1, 1001)]
    team = [speel(basis, [Ronde(0, {"preventie": {}})], seed=s) for s in (1, 1001)]
    fig = plenair.teken_plenair([("Rood", team)], ref, 12, tot=6, starts=(0, 6))
    assert len(fig.axes) == len(plenair.PANELEN)
    lijn = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Rood")
    assert lijn.get_xdata().max() == 6  # replay up to month 6
    tabel = rangorde.rangorde({"Rood": team}, ("saldo_wmo", "trede_1"), ref)
    rij = tabel.iloc[0]
    assert rij["saldo_wmo_verschil"] < 0  # prevention costs money on the Wmo line
    d = dia.team_dia("Rood", rij, ("saldo_wmo", "trede_1"), ["Ronde 1: Preventie"], 1)
    assert dia.png(d).startswith(b"\x89PNG")
    z = dia.zaal_dia(tabel, ("saldo_wmo",), [("Rood", team)], ref, 12, (0,), "Training")
    assert dia.pdf([d, z]).startswith(b"%PDF")


def test_the_projector_figure_kept_between_draws_equals_a_fresh_one():
    """The projector keeps one figure and replaces the runs: after drawing another picture
    (other teams, other scale, another month) it draws pixel for pixel what a new figure does."""
    from PIL import Image

    basis = klein_scenario(maanden=12)
    ref = [speel(basis, [Ronde(0, {})], seed=s) for s in (1, 1001)]
    rood = [speel(basis, [Ronde(0, {"preventie": {}})], seed=s) for s in (1, 1001)]
    blauw = [speel(basis, [Ronde(0, {"work_first": {}})], seed=s) for s in (1, 1001)]
    groot = [r.assign(bijstand=r["bijstand"] * 50) for r in blauw]
    beeld = plenair.PlenairBeeld(12, (0, 6), dpi=50)
    dia.png(beeld.teken([("Blauw", groot), ("Rood", rood[:1])], ref, 9, "eerder"))
    hergebruikt = dia.png(beeld.teken([("Rood", rood), ("Blauw", blauw)], ref[:1], 12, "nu"))
    vers = dia.png(plenair.teken_plenair([("Rood", rood), ("Blauw", blauw)], ref[:1], 12,
                                         starts=(0, 6), titel="nu", dpi=50))

    def pixels(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    assert np.array_equal(pixels(hergebruikt), pixels(vers))


def test_ranking_follows_the_declared_direction():
    def ts(bijstand, trede):
        return pd.DataFrame({"maand": [0, 1], "bijstand": [100, bijstand],
                             "gemiddelde_trede": [4.0, trede], "seed": [1, 1]})

    tabel = rangorde.rangorde({"A": [ts(90, 4.1)], "B": [ts(110, 4.2)]},
                              ("bijstand", "gemiddelde_trede"))
    per = tabel.set_index("team")
    assert per.loc["A", "bijstand_rang"] == 1 and per.loc["B", "gemiddelde_trede_rang"] == 1
    assert np.isnan(per.loc["A", "bijstand_verschil"])


def test_a_killed_server_leaves_no_worker_behind():
    """SIGKILL of the server process (no atexit): its pool's workers and forkserver end too."""
    code = (
        "import time\n"
        "from simulatie.dashboard import rekenen\n"
        "from simulatie import laad_scenario\n"
        "r = rekenen.Rekenaar(2)\n"
        "s = laad_scenario('experimenten/basis.toml', {'maanden': 120, 'gemeente.inwoners': 20000,"
        " 'gemeente.wwb': 920, 'gemeente.wajong': 370, 'gemeente.wsw': 150,"
        " 'gemeente.awbz_extramuraal': 650})\n"
        "for seed in range(4):\n"
        "    r.dien_in(rekenen.Taak(s.model_dump(exclude={'beleid'}), ((0, {}),), seed),"
        " lambda u: None)\n"
        "print('gestart', flush=True)\n"
        "time.sleep(600)\n")
    proces = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True, start_new_session=True)
    try:
        assert proces.stdout.readline().strip() == "gestart"
        eind = time.monotonic() + 60
        kinderen: list[psutil.Process] = []
        while time.monotonic() < eind:  # forkserver and two workers
            kinderen = psutil.Process(proces.pid).children(recursive=True)
            if len(kinderen) >= 3:
                break
            time.sleep(0.1)
        assert len(kinderen) >= 3, kinderen
        os.kill(proces.pid, signal.SIGKILL)
        proces.wait()
        _, over = psutil.wait_procs(kinderen, timeout=15)
        assert not over, f"left behind: {[k.pid for k in over]}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proces.pid, signal.SIGKILL)


def test_a_member_rejoining_a_team_changes_nothing_the_pages_follow(register):
    """25 participants in 8 teams: every member's page joins its team; only a new team is a
    change the projector and the trainer page re-render for."""
    sessie = register.maak(OPZET)
    sessie.meld_aan("Rood")
    versie = sessie.versie
    sessie.meld_aan("Rood")
    assert sessie.versie == versie
    sessie.meld_aan("Blauw")
    assert sessie.versie > versie


def test_a_click_on_the_team_page_renders_that_policy_only_and_reaches_the_plan(register,
                                                                              monkeypatch):
    """A switch re-renders its own policy (the settings hide instead of being removed), not the
    page; what was switched on is what the team submits, and the page then shows its run."""
    solara = pytest.importorskip("solara")
    import simulatie.dashboard.bediening as bediening
    import simulatie.dashboard.pagina_team as pagina_team

    sessie = register.maak(OPZET)
    team = sessie.meld_aan("Groen")
    renders: dict[str, int] = {}
    for module, naam in ((pagina_team, "TeamWerk"), (bediening, "BeleidSchakelaar")):
        component = getattr(module, naam)
        origineel = component.f

        def geteld(*a, _f=origineel, _n=naam, **k):
            renders[_n] = renders.get(_n, 0) + 1
            return _f(*a, **k)

        monkeypatch.setattr(component, "f", geteld)
    box, _ = solara.render(pagina_team.TeamWerk(sessie, team), handle_error=False)

    def met_klasse(klasse: str) -> list:
        gevonden, rij = [], [box]
        while rij:
            w = rij.pop()
            klassen = (getattr(w, "class_", "") or "").split() + (  # vuetify, solara.HTML
                (getattr(w, "attributes", None) or {}).get("class", "").split())
            if klasse in klassen:
                gevonden.append(w)
            rij += [c for c in (getattr(w, "children", None) or []) if hasattr(c, "keys")]
        return gevonden

    [schakelaar] = met_klasse("dash-beleid-work_first")
    [velden] = met_klasse("dash-velden-work_first")
    assert "display:none" in velden.style_
    renders.clear()
    schakelaar.v_model = True
    assert renders == {"BeleidSchakelaar": 1}  # not TeamWerk: not the whole page
    assert "display:none" not in velden.style_
    [knop] = met_klasse("dash-inleveren")
    knop.fire_event("click", {})
    assert list(team.run.plan[0]) == ["work_first"]
    # the team's own part follows its run: computing, then its result
    assert met_klasse("dash-rekent")
    _wacht_tot(lambda: bool(met_klasse("dash-eigen-resultaat")), s=120)
    assert not met_klasse("dash-rekent")


def test_memory_goes_back_once_after_a_burst_of_closes(monkeypatch):
    from simulatie.dashboard import geheugen

    geroepen = []
    monkeypatch.setattr(geheugen, "ruim_op", lambda: geroepen.append("gc"))
    monkeypatch.setattr(geheugen, "_malloc_trim", lambda: geroepen.append("trim"))
    for _ in range(25):  # a room leaving
        geheugen.geef_geheugen_terug(na_s=0.2)
    time.sleep(0.6)
    assert geroepen == ["gc", "trim"]
    geheugen.geef_geheugen_terug(na_s=0.05)  # a later close is handled again
    time.sleep(0.3)
    assert geroepen == ["gc", "trim", "gc", "trim"]


def test_deleting_a_session_gives_its_memory_back(register, monkeypatch):
    geroepen = []
    monkeypatch.setattr(kamer, "geef_geheugen_terug", lambda: geroepen.append(1))
    sessie = register.maak(OPZET)
    register.verwijder(sessie.code)
    register.verwijder(sessie.code)  # twice: nothing left to give back
    assert geroepen == [1] and len(register) == 0
