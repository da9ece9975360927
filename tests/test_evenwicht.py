"""The month-0 equilibria of the core (simulatie.kern.evenwicht)."""

from __future__ import annotations

import numpy as np
import pytest

from simulatie.kern.evenwicht import pijplijn_met_belemmering


def _ketens(schaal: float, maanden: int = 600, k: int = 2) -> dict:
    """Inputs of two chains; ``schaal`` multiplies every hazard (above 1/0.05: chances > 1)."""
    return {"behoefte": np.full((maanden, k, 2, 2), 0.01 * schaal),
            "nieuw": np.full((maanden, k), 0.004 * schaal), "herstel": np.full(k, 0.02),
            "effect": np.full(k, 0.03), "verwijzing": np.full((k, 2, 2), 0.005 * schaal),
            "arm_in": np.full(maanden, 0.002 * schaal),
            "arm_uit": np.full((maanden, k, 2), 0.02), "arm_risico": 3.0, "aanvraag": 0.5,
            "toekenning": 0.8, "einde": np.full(k, 0.01), "meteen": np.array([True, False])}


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
