"""Shared fixtures."""

from __future__ import annotations

import pytest
from hulp import klein_scenario


@pytest.fixture
def klein():
    """A 20,000-inhabitant, 24-month scenario."""
    return klein_scenario()


@pytest.fixture
def tijdelijk_beleid():
    """Register policy classes for one test only (``tijdelijk_beleid(Klasse)``)."""
    from simulatie.kern.beleid import afmelden, registreer

    namen = []

    def registreer_tijdelijk(klasse):
        registreer(klasse)
        namen.append(klasse.naam)
        return klasse

    yield registreer_tijdelijk
    for naam in namen:
        afmelden(naam)
