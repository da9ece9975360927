"""Imports the built-in policies so that they register themselves (in this order).

Adding a policy: write one module with a :class:`~simulatie.beleid.Beleid` subclass decorated
with :func:`~simulatie.beleid.registreer`, and import it here (see docs/beleid.md).
"""

from simulatie.beleid import contract_compliance, integrale_teams, preventie, work_first

__all__ = ["contract_compliance", "integrale_teams", "preventie", "work_first"]
