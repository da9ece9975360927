"""Verb 3, toewijzen: bijstand clients get a klantmanager within caseload capacity; others wait.

Capacity is hours per month per professional divided by hours per client (regular caseload of
100, ``EXT:caseload_regulier``). Waiting clients are served in order of arrival; the waiting list
is an output (``wachtlijst_klantmanager``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from simulatie.model import Gemeente


def toewijzen(model: Gemeente) -> None:
    """Update caseloads and assign waiting clients to klantmanagers with free places."""
    t = model.tabel
    k = t.kol
    kms = model.klantmanagers
    bij = model.bijstand_rijen()
    km = t.klantmanager[bij]
    caseload = np.bincount(km[km >= 0], minlength=len(kms))
    for prof, n in zip(kms, caseload, strict=True):
        prof.caseload = int(n)
    wachtend = bij[km < 0]
    if len(wachtend) == 0:
        return
    wachtend = wachtend[np.argsort(t.wacht_sinds[wachtend], kind="stable")]
    vrij = np.array([p.vrije_plekken for p in kms])
    plekken = np.repeat(np.arange(len(kms)), vrij)
    n = min(len(plekken), len(wachtend))
    if n == 0:
        return
    # Spread over professionals: shuffle the free places so no one fills up first.
    gekozen = model.rng.permutation(plekken)[:n]
    k["klantmanager"][wachtend[:n]] = gekozen
    k["wacht_sinds"][wachtend[:n]] = -1
    extra = np.bincount(gekozen, minlength=len(kms))
    for prof, e in zip(kms, extra, strict=True):
        prof.caseload += int(e)
