"""Shared fixtures."""

from __future__ import annotations

import pytest
from hulp import klein_scenario


@pytest.fixture
def klein():
    """A 20,000-inhabitant, 24-month scenario."""
    return klein_scenario()
