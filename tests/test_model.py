"""The monthly step: determinism, invariants (people and money), the agent view."""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd
import pytest
from hulp import klein_scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from agenten import Inwoner
from simulatie import Gemeente, bouw_scenario, simuleer
from simulatie.kern.stappen.boekhouden import KOSTENPOSTEN


def test_zelfde_seed_zelfde_uitkomst_andere_seed_andere(klein):
    a = simuleer(klein, seed=11).tijdreeks
    b = simuleer(klein, seed=11).tijdreeks
    pd.testing.assert_frame_equal(a, b)
    c = simuleer(klein, seed=12).tijdreeks
    assert not a.drop(columns="seed").equals(c.drop(columns="seed"))


def test_a_policy_that_only_draws_changes_nothing(tijdelijk_beleid):
    """Common random numbers: each phase of a month has its own random stream, so a policy
    whose hooks draw random numbers but change nothing leaves the whole run as it was. With
    one stream for the run its draws would shift every later draw."""
    from simulatie.kern import Beleid, na, voor

    class AlleenLoten(Beleid):
        naam = "alleen_loten"

        @voor("demografie")
        def een(self, model):
            model.rng.random(1000)

        @na("signaleren")
        def twee(self, model):
            model.rng.integers(0, 10, size=77)

        @voor("arbeidsmarkt")
        def drie(self, model):
            model.rng.normal(size=5)

    tijdelijk_beleid(AlleenLoten)
    scen = klein_scenario(maanden=18)
    basis = simuleer(scen, seed=4).tijdreeks
    data = scen.model_dump()
    data["beleid"]["alleen_loten"] = {"actief": True}
    met = simuleer(bouw_scenario(data), seed=4).tijdreeks
    pd.testing.assert_frame_equal(basis.drop(columns="scenario"), met.drop(columns="scenario"))


def test_horizon_volgt_maanden():
    ts = simuleer(klein_scenario(maanden=7), seed=1).tijdreeks
    assert list(ts.maand) == list(range(8))


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.integers(3_000, 12_000), st.floats(0.0, 1.0))
def test_invarianten(seed, inwoners, overdrachtsverlies):
    scen = klein_scenario(maanden=14, inwoners=inwoners,
                          **{"parameters.begeleiden.overdrachtsverlies": overdrachtsverlies})
    model = Gemeente(scen, seed=seed)
    for _ in range(scen.maanden):
        model.step()
        t = model.tabel
        # Each active resident is on exactly one rung 1..6.
        assert np.isin(t.trede[t.actief], np.arange(1, 7)).all()
    ts = pd.DataFrame(model.reeks)
    vorig, nu = ts.iloc[:-1].reset_index(drop=True), ts.iloc[1:].reset_index(drop=True)
    # Residents are conserved: every move in or out is accounted for.
    assert (nu.inwoners == vorig.inwoners + nu.geboren + nu.gevestigd - nu.overleden
            - nu.vertrokken).all()
    # Bijstand stock moves only by booked inflow and outflow.
    assert (nu.bijstand == vorig.bijstand + nu.instroom_bijstand - nu.uitstroom_bijstand).all()
    assert (nu.uitstroom_bijstand == nu.uitstroom_naar_werk + nu.uitstroom_aow
            + nu.uitstroom_overig + nu.uitstroom_buiten_beeld + nu.uitstroom_vertrek).all()
    # Ladder counts cover everyone aged 18 to pension age.
    trede = ts[[f"trede_{i}" for i in range(1, 7)]].sum(axis=1)
    assert (ts[[f"bijstand_trede_{i}" for i in range(1, 7)]].sum(axis=1) == ts.bijstand).all()
    assert (trede > 0).all()
    # Money: non-negative lines that add up to the total.
    assert (ts[list(KOSTENPOSTEN)] >= 0).all().all()
    np.testing.assert_allclose(ts.kosten_totaal, ts[list(KOSTENPOSTEN)].sum(axis=1), rtol=1e-12)
    assert (ts.buiten_beeld.diff().dropna() >= 0).all()


def test_inwoner_is_mesa_agent_op_de_tabel(klein):
    model = Gemeente(klein, seed=2)
    rij = int(np.flatnonzero(model.tabel.inkomensbron == 3)[0])
    agent = model.inwoner(int(model.tabel.id[rij]))
    assert isinstance(agent, mesa.Agent) and isinstance(agent, Inwoner)
    assert agent.trede == model.tabel.trede[rij]
    agent.trede = 2
    assert model.tabel.trede[rij] == 2
    assert model.inwoner(int(model.tabel.id[rij])) is agent
    model.step()
    # The view follows its resident (rows may move when the table is compacted).
    assert agent.leeftijd_maanden == model.tabel.leeftijd_maanden[
        model.tabel.rij_van(agent.inwoner_id)]
    groep = model.inwoner_agenten(np.flatnonzero(model.tabel.actief)[:50])
    assert len(groep) == 50
    assert sum(groep.get("trede")) == int(model.tabel.trede[np.flatnonzero(
        model.tabel.actief)[:50]].sum())
    with pytest.raises(KeyError):
        model.inwoner(10**9)


def test_views_worden_niet_vooraf_gemaakt(klein):
    model = Gemeente(klein, seed=2)
    inwoners = [a for a in model.agents if isinstance(a, Inwoner)]
    assert inwoners == []
    assert len(model.agents) < 300  # professionals, employers and providers only


def test_bijstand_rijen_gelijk_aan_volledige_scan(monkeypatch):
    """The cached bijstand rows equal a scan of the whole table at every call (all policies)."""
    from agenten import inwoners as I
    from simulatie.kern.beleid import register

    scen = klein_scenario(maanden=30, inwoners=6_000,
                          **{f"beleid.{naam}.actief": True for naam in register()})
    model = Gemeente(scen, seed=4)
    gecached = Gemeente.bijstand_rijen
    aanroepen = 0

    def gecontroleerd(self: Gemeente) -> np.ndarray:
        nonlocal aanroepen
        aanroepen += 1
        t = self.tabel
        verwacht = np.flatnonzero((t.inkomensbron == I.BIJSTAND) & t.actief)
        rijen = gecached(self)
        np.testing.assert_array_equal(rijen, verwacht)
        return rijen

    monkeypatch.setattr(Gemeente, "bijstand_rijen", gecontroleerd)
    for _ in range(scen.maanden):
        model.step()
    assert aanroepen > 10 * scen.maanden
    assert model.tabel.indeling > 0  # the run compacted the table at least once


def test_kolom_attributen_volgen_de_tabel_ook_na_kopie():
    """Column attributes are views of the columns, after growth, compaction and a deep copy."""
    import copy

    from agenten.inwoners import InwonerTabel

    t = InwonerTabel(5)
    t.voeg_toe(3000)  # grows the arrays
    t.kol["actief"][:10] = False
    t.compacteer()
    kopie = copy.deepcopy(t)
    for tabel in (t, kopie):
        assert len(tabel.trede) == tabel.n == 2995
        tabel.kol["trede"][0] = 5
        assert tabel.trede[0] == 5
        assert np.shares_memory(tabel.trede, tabel.kol["trede"])
    kopie.kol["trede"][1] = 2
    assert t.trede[1] == 1  # the copy is independent


def test_phase_streams_are_reproducible_distinct_and_uncorrelated(klein):
    """The same phase gives the same numbers; neighbouring phases, months and seeds give
    uniform numbers that are uncorrelated with each other."""
    from simulatie.kern.model import VERB, VOOR

    m, ander = Gemeente(klein, seed=3), Gemeente(klein, seed=4)

    def trek(model: Gemeente, maand: int, *sleutel: int) -> np.ndarray:
        model.maand = maand
        model.kies_stroom(*sleutel)
        return model.rng.random(20_000)

    a = trek(m, 5, 2, VERB)
    assert np.array_equal(a, trek(m, 5, 2, VERB))
    buren = [trek(m, 5, 3, VERB), trek(m, 6, 2, VERB), trek(m, 5, 2, VOOR, 17),
             trek(ander, 5, 2, VERB)]
    for b in buren:
        assert abs(np.corrcoef(a, b)[0, 1]) < 0.03  # 4.2 standard errors
        assert abs(b.mean() - 0.5) < 0.01
        assert not np.array_equal(a[:3], b[:3])
