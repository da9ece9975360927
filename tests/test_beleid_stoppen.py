"""Stopping a running policy between two months (``Gemeente.stop_beleid``): what remains."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hulp import klein_scenario

from agenten import inwoners as I
from simulatie import Gemeente
from simulatie.kern import Beleid, BeleidInstellingen, Mechanismen
from simulatie.kern.beleid import register
from simulatie.kern.stappen.toewijzen import GEPARKEERD

ALLE = ("contract_compliance", "integrale_teams", "preventie", "work_first")


def _model(*namen: str, maanden: int = 0, seed: int = 1, **instellingen) -> Gemeente:
    """A 3,000-inhabitant municipality with the given policies, stepped ``maanden`` months."""
    scenario = klein_scenario(maanden=24, inwoners=3_000, **{
        f"beleid.{n}.actief": True for n in namen}, **instellingen)
    model = Gemeente(scenario, seed=seed)
    for _ in range(maanden):
        model.step()
    return model


def _gelijke_mechanismen(a: Mechanismen, b: Mechanismen) -> None:
    for veld in dataclasses.fields(Mechanismen):
        x, y = getattr(a, veld.name), getattr(b, veld.name)
        assert np.array_equal(x, y), f"{veld.name}: {x} != {y}"


def test_stopping_every_policy_gives_the_baseline_mechanisms():
    model = _model(*ALLE, maanden=8)
    for naam in ("work_first", "contract_compliance", "preventie", "integrale_teams"):
        model.stop_beleid(naam)
    assert model.beleid == []
    _gelijke_mechanismen(model.mechanismen, Mechanismen.uit_parameters(model.p))
    model.step()  # the model runs on without them
    _gelijke_mechanismen(model.mechanismen, Mechanismen.uit_parameters(model.p))


@pytest.mark.parametrize(("twee", "stop"), [
    (("integrale_teams", "work_first"), "integrale_teams"),
    (("preventie", "work_first"), "work_first"),  # prevention's build-up is month-dependent
])
def test_stopping_one_of_two_leaves_exactly_the_others_mechanisms(twee, stop):
    beide = _model(*twee, maanden=7)
    beide.stop_beleid(stop)
    (blijft,) = set(twee) - {stop}
    alleen = _model(blijft, maanden=7)
    _gelijke_mechanismen(beide.mechanismen, alleen.mechanismen)
    beide.step()
    alleen.step()
    _gelijke_mechanismen(beide.mechanismen, alleen.mechanismen)


class _SteunInstellingen(BeleidInstellingen):
    factor: float = 1.3


class _ExtraSteun(Beleid):
    """A test policy that multiplies the same mechanisms work-first multiplies."""

    naam = "zz_extra_steun"
    Instellingen = _SteunInstellingen

    def pas_toe(self, mechanismen: Mechanismen) -> None:
        mechanismen.baankans_factor *= self.instellingen.factor
        mechanismen.steun_factor = mechanismen.steun_factor * self.instellingen.factor


def test_a_stop_removes_only_its_own_factor_from_a_shared_mechanism(tijdelijk_beleid):
    tijdelijk_beleid(_ExtraSteun)
    beide = _model("work_first", "zz_extra_steun", maanden=3)
    wf = _model("work_first", maanden=3).mechanismen
    extra = _model("zz_extra_steun", maanden=3).mechanismen
    assert beide.mechanismen.baankans_factor == pytest.approx(wf.baankans_factor * 1.3)
    beide.stop_beleid("work_first")
    _gelijke_mechanismen(beide.mechanismen, extra)
    # ... and a policy started again later applies its factor once more, once.
    beide.start_beleid(register()["work_first"](register()["work_first"].Instellingen(
        actief=True)))
    assert beide.mechanismen.baankans_factor == pytest.approx(wf.baankans_factor * 1.3)
    beide.stop_beleid("zz_extra_steun")
    _gelijke_mechanismen(beide.mechanismen, wf)


def test_stopped_wijkteams_leave_no_coach_and_no_client_behind():
    model = _model("integrale_teams", maanden=6)
    teams = model.beleid[0]
    coaches = list(teams.coaches)
    assert coaches and len(teams.huishoudens) > 0
    regulier = sum(p.fte for p in (*model.klantmanagers, *model.wmo_consulenten))
    assert model.reeks[-1]["professionals"] == pytest.approx(regulier
                                                             + sum(c.fte for c in coaches))
    model.stop_beleid("integrale_teams")
    assert all(p.rol != "wijkcoach" for p in model.professionals)
    assert len(model.professionals) == len(model.klantmanagers) + len(model.wmo_consulenten)
    assert not any(c in model.agents for c in coaches)
    assert len(teams.coaches) == 0 and len(teams.huishoudens) == 0
    model.step()
    assert model.reeks[-1]["professionals"] == pytest.approx(regulier)
    # Every client's klantmanager is one of the core's klantmanagers (or none).
    km = model.tabel.klantmanager[model.bijstand_rijen()]
    assert km.max() < len(model.klantmanagers) and km.min() >= -1
    assert all(k.rol == "klantmanager" for k in model.klantmanagers)


def test_stopped_work_first_leaves_no_one_under_obligation_or_parked():
    model = _model("work_first", maanden=6,
                   **{"beleid.work_first.verplichting_duur": 24,
                      "beleid.work_first.verplichting_max_belemmeringen": 3})
    wf = model.beleid[0]
    t = model.tabel
    rijen, gevonden = wf.plicht.rijen(t)
    op_plek = (t.inkomensbron[rijen] == I.BIJSTAND) & (t.trede[rijen] == 4)
    verwacht = np.minimum(4, wf.plicht.kol["trede_voor"][gevonden][op_plek])
    wie = t.id[rijen[op_plek]]
    assert len(wie) > 0
    geparkeerd = model.bijstand_rijen()[t.wacht_sinds[model.bijstand_rijen()] == GEPARKEERD]
    assert len(geparkeerd) > 0
    model.stop_beleid("work_first")
    assert len(wf.plicht) == 0
    assert np.array_equal(t.trede[t.rijen_van(wie)], verwacht)  # back to the rung of before
    model.step()
    bij = model.bijstand_rijen()
    assert not np.any(model.tabel.wacht_sinds[bij] == GEPARKEERD)
    assert model.reeks[-1]["afgezien_aanvraag"] == 0  # no more deterrence at the desk


def test_a_stop_moves_no_one_and_books_nothing():
    model = _model(*ALLE, maanden=6)
    t = model.tabel
    ids, bron, zorg = t.id[t.actief].copy(), t.inkomensbron[t.actief].copy(), \
        t.zorg[t.actief].copy()
    kosten, budget = dict(model.kosten), dict(model.budget)
    reeks = [dict(r) for r in model.reeks]
    for naam in ALLE:
        model.stop_beleid(naam)
    t = model.tabel
    assert np.array_equal(t.id[t.actief], ids)
    assert np.array_equal(t.inkomensbron[t.actief], bron)
    assert np.array_equal(t.zorg[t.actief], zorg)
    assert model.kosten == kosten and model.budget == budget and model.reeks == reeks
    assert all(model.geboekt(post) == 0 for post in ("reintegratie", "wmo_individueel",
                                                     "wmo_collectief", "apparaat"))
    model.step()  # the next month's accounts add up as usual
    rij = model.reeks[-1]
    assert rij["inwoners"] == np.count_nonzero(model.tabel.actief)


def test_stopping_a_policy_that_does_not_run_is_an_error():
    model = _model("preventie")
    with pytest.raises(KeyError, match="work_first"):
        model.stop_beleid("work_first")
    with pytest.raises(ValueError, match="already running"):
        model.start_beleid(register()["preventie"](register()["preventie"].Instellingen(
            actief=True)))
    with pytest.raises(ValueError, match="cannot be removed"):
        model.verwijder_professional(model.klantmanagers[0])


class _OudeStijl(Beleid):
    """Changes a mechanism in start itself: the change would be lost at a rebuild."""

    naam = "zz_oude_stijl"

    def start(self, model) -> None:
        model.mechanismen.baankans_factor *= 2.0


def test_a_mechanism_change_outside_pas_toe_is_an_error_not_silence(tijdelijk_beleid):
    tijdelijk_beleid(_OudeStijl)
    with pytest.raises(ValueError, match="zz_oude_stijl.*pas_toe"):
        _model("zz_oude_stijl")
