"""Helpers for tests: small scenarios that run in well under a second."""

from __future__ import annotations

from simulatie import Scenario, bouw_scenario


def klein_scenario(maanden: int = 24, inwoners: int = 20_000, **overrides) -> Scenario:
    """A small municipality with Groningen-like ratios; overrides are dotted paths."""
    f = inwoners / 193_127
    data = {"naam": "klein", "maanden": maanden,
            "gemeente": {"naam": "Klein", "inwoners": inwoners, "wwb": round(8850 * f),
                         "wajong": round(3590 * f), "wsw": round(1427 * f),
                         "awbz_extramuraal": round(6260 * f), "wijken": 5}}
    return bouw_scenario(data, overrides)
