"""Desks sized in fte: no rounding to whole persons, so capacity scales with the municipality."""

from __future__ import annotations

import math

import pytest
from hulp import klein_scenario
from hypothesis import given
from hypothesis import strategies as st

from agenten import formatie
from simulatie import Gemeente


@given(st.floats(min_value=0.0, max_value=500.0, allow_nan=False))
def test_formatie_telt_op_tot_de_fte_met_hoogstens_een_deeltijder(fte):
    delen = formatie(fte)
    assert math.isclose(sum(delen), fte, abs_tol=1e-8)
    assert len(delen) >= 1
    assert all(d == 1.0 for d in delen[:-1])
    assert 0.0 <= delen[-1] <= 1.0
    assert len(delen) == max(1, math.ceil(round(fte, 9)))


def test_formatie_voorbeelden():
    assert formatie(2.5) == [1.0, 1.0, 0.5]
    assert formatie(3.0) == [1.0, 1.0, 1.0]
    assert formatie(23.0000000001) == [1.0] * 23
    assert formatie(0.3) == [0.3]
    assert formatie(0.0) == [0.0]


@pytest.mark.parametrize("inwoners", [5_000, 23_000, 50_000])
def test_loketten_hebben_de_fte_van_hun_parameter(inwoners):
    """Before, the Wmo desk had round(fte) persons and the work desk ceil(fte): at 50,000
    inhabitants and 1.29 fte per 10,000 that was 6 persons for 6.45 fte (7% less capacity than
    at full size, where 24.9 fte became 25), and a 5% lower Wmo stock after ten years."""
    sc = klein_scenario(maanden=1, inwoners=inwoners,
                        **{"parameters.toewijzen.wmo_consulenten_per_10000": 1.29})
    m = Gemeente(sc, seed=1)
    t, g = m.p.toewijzen, sc.gemeente
    wmo_fte = sum(p.fte for p in m.wmo_consulenten)
    assert math.isclose(wmo_fte, g.inwoners / 10_000 * 1.29, rel_tol=1e-9)
    km_fte = sum(p.fte for p in m.klantmanagers)
    assert math.isclose(km_fte, g.wwb * t.formatie_factor / t.caseload_regulier, rel_tol=1e-9)
    # Capacity follows the fte: assessments a month within 1 of fte x hours / hours per one.
    capaciteit = sum(p.max_caseload for p in m.wmo_consulenten)
    assert abs(capaciteit - wmo_fte * t.uren_per_fte / t.uren_per_wmo_onderzoek) <= 1
    # Salary costs count fte, not persons.
    assert math.isclose(m.reeks[-1]["professionals"], wmo_fte + km_fte, rel_tol=1e-9)
