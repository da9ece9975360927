"""Imports the built-in policies so that they register themselves (in this order).

Adding a policy: write one module with a :class:`~simulatie.beleid.Beleid` subclass decorated
with :func:`~simulatie.beleid.registreer`, and import it here (see docs/beleid.md).
"""
# TEAM NOTE FOR HELPERS (remove when done): read /tmp/gemeenschappelijk.md for the team rules
# (virtualenv at /work/main/.venv, stage only your own paths - never `git add -A`,
# finish by 10:15 UTC).

from simulatie.beleid import contract_compliance, integrale_teams, preventie, work_first

__all__ = ["contract_compliance", "integrale_teams", "preventie", "work_first"]
