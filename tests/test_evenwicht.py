"""The month-0 equilibria of the core (simulatie.kern.evenwicht)."""

from __future__ import annotations

import numpy as np
import pytest
from hulp import klein_scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from agenten import inwoners as I
from simulatie import Gemeente
from simulatie.kern.evenwicht import (
    pijplijn_met_belemmering,
    treden_na_duur,
    werkkans_naar_risico,
)


def _ketens(schaal: float, maanden: int = 600, k: int = 2) -> dict:
    """Inputs of two chains; ``schaal`` multiplies every hazard (above 1/0.05: chances > 1)."""
    return {"behoefte": np.full((maanden, k, 2, 2), 0.01 * schaal),
            "nieuw": np.full((maanden, k), 0.004 * schaal), "herstel": np.full(k, 0.02),
            "effect": np.full(k, 0.03), "verwijzing": np.full((k, 2, 2), 0.005 * schaal),
            "arm_in": np.full(maanden, 0.002 * schaal),
            "arm_uit": np.full((maanden, k, 2), 0.02), "arm_risico": 3.0, "aanvraag": 0.5,
            "toekenning": 0.8, "einde": np.full(k, 0.01), "meteen": np.array([True, False])}


def _stap_voor_stap(behoefte, nieuw, herstel, effect, verwijzing, arm_in, arm_uit, arm_risico,
                    aanvraag, toekenning, einde, meteen):
    """The recurrence written out step by step (pipeline, obstacle, poverty) per month: the
    form the matrix product of ``pijplijn_met_belemmering`` must equal."""
    maanden, k = nieuw.shape
    # A monthly chance above one (possible at the hard bounds of the ranges, where hazards are
    # multiplied) is an event that happens for sure, as in the dynamics; unclipped, the
    # recurrence would leave [0, 1] and overflow. At ordinary values nothing changes.
    behoefte, verwijzing = np.minimum(behoefte, 1.0), np.minimum(verwijzing, 1.0)
    herstel, effect, einde = (np.minimum(x, 1.0) for x in (herstel, effect, einde))
    arm_in, arm_uit = np.clip(arm_in, 0.0, 1.0), np.clip(arm_uit, 0.0, 1.0)
    staat = np.zeros((k, 2, 2, 4))
    staat[:, 0, 0, 0] = 1.0
    uit = np.empty((maanden, k, 2, 2, 4))
    e = einde[:, None, None]
    wacht = np.where(meteen, 0.0, 1.0)[:, None, None]
    v = verwijzing
    vraag_n = aanvraag + v * (1.0 - aanvraag)  # need -> application (own step or referral)
    # Recovery of those with the obstacle per pipeline state (K, 1, 4); risk per poverty state.
    weg = np.repeat(herstel[:, None, None], 4, axis=2)
    weg[:, 0, 3] = 1.0 - (1.0 - herstel) * (1.0 - effect)
    risico = np.array([1.0, arm_risico])[None, :, None]
    # Everything that does not depend on the state, for all months at once (the same doubles
    # as computed month by month: one loop step is then a few in-place operations).
    zelf = behoefte * (1.0 - v)                      # (months, K, 2, 2)
    blijft_0 = 1.0 - v - zelf
    vraagt_0 = zelf * aanvraag + v
    erbij = np.minimum(nieuw[:, :, None, None] * risico, 1.0)  # (months, K, 2 poverty, 1)
    eruit = arm_uit[..., None]                       # (months, K, 2 obstacle, 1)
    nieuw_staat = np.empty_like(staat)
    volgende = np.empty_like(staat)
    vraagt = np.empty(staat.shape[:-1])
    toegekend = np.empty_like(vraagt)
    for a in range(maanden):
        uit[a] = staat
        s0, sn, sw, sp = staat[..., 0], staat[..., 1], staat[..., 2], staat[..., 3]
        np.add(s0 * vraagt_0[a], sn * vraag_n, out=vraagt)
        np.multiply(vraagt, toekenning, out=toegekend)
        nieuw_staat[..., 0] = s0 * blijft_0[a] + vraagt * (1.0 - toekenning) + sp * e
        nieuw_staat[..., 1] = s0 * zelf[a] * (1.0 - aanvraag) + sn * (1.0 - aanvraag) * (1.0 - v)
        nieuw_staat[..., 2] = toegekend * wacht
        nieuw_staat[..., 3] = sp * (1.0 - e) + sw + toegekend * (1.0 - wacht)
        zonder, met = nieuw_staat[:, :, 0, :], nieuw_staat[:, :, 1, :]
        volgende[:, :, 0, :] = zonder * (1.0 - erbij[a]) + met * weg
        volgende[:, :, 1, :] = met * (1.0 - weg) + zonder * erbij[a]
        niet, wel = volgende[:, 0], volgende[:, 1]
        staat[:, 0] = niet * (1.0 - arm_in[a]) + wel * eruit[a]
        staat[:, 1] = wel * (1.0 - eruit[a]) + niet * arm_in[a]
    return uit


@pytest.mark.parametrize("schaal", [1.0, 40.0, 500.0])
def test_joint_chain_keeps_shares_that_sum_to_one_even_at_certain_hazards(schaal):
    """Shares over poverty x obstacle x pipeline state stay in [0, 1] and sum to one per month
    of age, also when the hazards at the hard bounds of the ranges make chances above one (the
    recurrence overflowed to NaN there before the chances were clipped)."""
    with np.errstate(all="raise"):
        uit = pijplijn_met_belemmering(**_ketens(schaal))
    assert uit.shape == (600, 2, 2, 2, 4)
    assert np.all((uit >= 0) & (uit <= 1))
    np.testing.assert_allclose(uit.sum(axis=(2, 3, 4)), 1.0, rtol=1e-9)


def test_a_provision_outlives_its_obstacle_in_the_joint_chain():
    """With the obstacle resolving, people who got a provision keep it: among those without the
    obstacle, some still have the provision (the build assumed they did not, issue 12)."""
    uit = pijplijn_met_belemmering(**_ketens(1.0))
    zonder_belemmering = uit[-1, 0, :, 0, :]  # last month, chain 0, both poverty states
    assert zonder_belemmering[..., 3].sum() > 0


@pytest.mark.parametrize("schaal", [1.0, 40.0])
def test_matrix_form_equals_the_recurrence_step_by_step(schaal):
    """One 16x16 matrix per month and chain gives the shares of the written-out recurrence
    (distinct rates per chain, poverty and obstacle, so a swapped index would show)."""
    rng = np.random.default_rng(7)
    invoer = _ketens(schaal, maanden=300, k=3) | {"meteen": np.array([True, False, False])}
    for naam in ("behoefte", "nieuw", "herstel", "effect", "verwijzing", "arm_uit", "einde"):
        invoer[naam] = invoer[naam] * rng.uniform(0.2, 3.0, invoer[naam].shape)
    invoer["arm_in"] = invoer["arm_in"] * rng.uniform(0.2, 3.0, 300)
    np.testing.assert_allclose(pijplijn_met_belemmering(**invoer), _stap_voor_stap(**invoer),
                               rtol=1e-10, atol=1e-15)


def _geisoleerd_met_activiteit(model: Gemeente) -> np.ndarray:
    """Share isolated among adult users of welzijn and of dagbesteding (under 80)."""
    t = model.tabel
    lm = t.leeftijd_maanden
    iso = (t.belemmeringen & I.ISOLEMENT) > 0
    uit = []
    for bit in (I.WELZIJN, I.DAGBESTEDING):
        gebruikt = t.actief & (lm >= 18 * 12) & (lm < 80 * 12) & ((t.zorg & bit) > 0)
        uit.append((gebruikt & iso).sum() / max(1, gebruikt.sum()))
    return np.array(uit)


def test_activiteiten_bij_maand_0_ook_bij_wie_niet_meer_geisoleerd_is():
    """Month 0: welzijn and dagbesteding also with users whose isolation has since resolved.

    The provider resolves isolation while these provisions run (``effect_welzijn``), so in
    the monthly rules a share of their users is no longer isolated. Month 0 gave them to the
    isolated only: all dagbesteding users under 80 were isolated, a third after three years.
    Now the isolated share of the users holds from month 0 to years 2-3 (3 seeds), and moving
    the provisions changes neither their number nor anyone's obstacles.
    """
    begin, later = np.zeros(2), np.zeros(2)
    for seed in (1, 2, 3):
        model = Gemeente(klein_scenario(maanden=36, inwoners=30_000), seed=seed)
        begin += _geisoleerd_met_activiteit(model) / 3
        for maand in range(1, 37):
            model.step()
            if maand > 12:
                later += _geisoleerd_met_activiteit(model) / 3 / 24
    assert np.abs(later - begin).max() < 0.1, (begin, later)
    assert begin[1] < 0.7, begin  # dagbesteding: not only the isolated


def test_verplaatsen_van_activiteiten_houdt_aantallen_en_belemmeringen(monkeypatch):
    """The month-0 move of welzijn and dagbesteding keeps every obstacle and their number."""
    from simulatie.kern.stappen import wmo

    gezien = {}
    echt = wmo._naar_voormalig_geisoleerden

    def meet(model, rijen, einde):
        t = model.tabel
        voor = (t.belemmeringen.copy(), [int(((t.zorg & b) > 0).sum())
                                         for b in (I.WELZIJN, I.DAGBESTEDING)])
        echt(model, rijen, einde)
        gezien["voor"], gezien["na"] = voor, (t.belemmeringen.copy(), [
            int(((t.zorg & b) > 0).sum()) for b in (I.WELZIJN, I.DAGBESTEDING)])

    monkeypatch.setattr(wmo, "_naar_voormalig_geisoleerden", meet)
    Gemeente(klein_scenario(maanden=1, inwoners=30_000), seed=4)
    assert (gezien["voor"][0] == gezien["na"][0]).all()
    assert gezien["voor"][1] == gezien["na"][1] and min(gezien["na"][1]) > 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0.01, 0.99), st.floats(1e-4, 0.05), st.integers(0, 3)),
                min_size=1, max_size=60))
def test_werkkans_naar_risico_houdt_het_aandeel_per_groep(rijen):
    aandeel, verlies, groep = (np.array(x) for x in zip(*rijen, strict=True))
    kans = werkkans_naar_risico(aandeel, verlies, groep)
    assert ((kans > 0) & (kans < 1)).all()
    for g in np.unique(groep):
        assert kans[groep == g].mean() == pytest.approx(aandeel[groep == g].mean(), abs=1e-6)
        # Within a group a higher job-loss hazard never means a higher chance to work.
        volgorde = np.argsort(verlies[groep == g], kind="stable")
        assert (np.diff(kans[groep == g][volgorde]) <= 1e-12).all()


def test_werkkans_naar_risico_is_de_balans_van_vinden_en_verliezen():
    # Two residents of one age with loss hazards 0.01 and 0.03 and a mean chance of 0.5: the
    # finding hazard F solves F/(F+0.01) + F/(F+0.03) = 1, i.e. F = sqrt(0.01 * 0.03).
    kans = werkkans_naar_risico(np.array([0.5, 0.5]), np.array([0.01, 0.03]), np.array([0, 0]))
    f = np.sqrt(0.01 * 0.03)
    assert kans == pytest.approx([f / (f + 0.01), f / (f + 0.03)], abs=1e-9)
    # A common hazard leaves the chain's share as it is.
    gelijk = werkkans_naar_risico(np.array([0.2, 0.7]), np.array([0.02, 0.02]),
                                  np.array([0, 1]))
    assert gelijk == pytest.approx([0.2, 0.7], abs=1e-9)


def test_treden_na_duur_volgt_de_keten_van_de_ladder():
    n = 3
    op = np.tile([0.03, 0.03, 0.03, 0.0], (n, 1))
    neer = np.tile([0.0, 0.01, 0.01, 0.01], (n, 1))
    geen_uitstroom = np.zeros((n, 4))
    kans = treden_na_duur(np.array([1, 4, 2]), op, neer, geen_uitstroom, np.array([0, 2000, 1]))
    assert kans.sum(axis=1) == pytest.approx(np.ones(n))
    assert kans[0] == pytest.approx([1, 0, 0, 0])                  # no months: the entry rung
    assert kans[2] == pytest.approx([0.01, 0.96, 0.03, 0])         # one month from rung 2
    # A long spell forgets the entry rung: the birth-death chain's stationary shares, each
    # rung three times the one below (0.03 up against 0.01 down).
    assert kans[1] == pytest.approx(np.array([1, 3, 9, 27]) / 40, abs=1e-9)


def test_wie_blijft_staat_lager_als_hogere_treden_vaker_uitstromen():
    n = 2
    op = np.tile([0.02, 0.02, 0.02, 0.0], (n, 1))
    neer = np.tile([0.0, 0.02, 0.02, 0.02], (n, 1))
    uit = np.array([[0.0, 0.0, 0.0, 0.0], [0.0, 0.01, 0.03, 0.06]])
    kans = treden_na_duur(np.array([4, 4]), op, neer, uit, np.array([600, 600]))
    assert kans[0] == pytest.approx([0.25] * 4, abs=1e-3)  # equal rates: equal shares
    gemiddeld = kans @ np.arange(1, 5)
    assert gemiddeld[1] < gemiddeld[0] - 0.5
