"""Verb 3, toewijzen: bijstand clients get a klantmanager within caseload capacity; others wait.

Capacity is hours per month per professional divided by hours per client (regular caseload of
100, ``EXT:caseload_regulier``). Waiting clients are served in order of arrival, or job-ready
clients first when the mechanism ``voorrang_werkfit`` is on; clients on a rung at or below
``parkeren_tot_trede`` get no klantmanager and wait behind everyone (parked). The waiting list
is an output (``wachtlijst_klantmanager``).
"""

from __future__ import annotations

import numpy as np

from simulatie.kern.toegang import ModelToegang

#: ``wacht_sinds`` of a parked client: behind every queue position a month can have.
GEPARKEERD = 32_000


def toewijzen(model: ModelToegang) -> None:
    """Update caseloads and assign waiting clients to klantmanagers with free places."""
    t, m = model.tabel, model.mechanismen
    k = t.kol
    kms = model.klantmanagers
    bij = model.bijstand_rijen()
    if m.parkeren_tot_trede > 0:
        park = bij[t.trede[bij] <= m.parkeren_tot_trede]
        k["klantmanager"][park] = -1
        k["wacht_sinds"][park] = GEPARKEERD
        # No longer parked (rose above the rung): back in the queue as of now.
        terug = bij[(t.wacht_sinds[bij] == GEPARKEERD) & (t.trede[bij] > m.parkeren_tot_trede)]
        k["wacht_sinds"][terug] = model.maand
    km = t.klantmanager[bij]
    caseload = np.bincount(km[km >= 0], minlength=len(kms))
    for prof, n in zip(kms, caseload, strict=True):
        prof.caseload = int(n)
    wachtend = bij[(km < 0) & (t.wacht_sinds[bij] != GEPARKEERD)]
    if len(wachtend) == 0:
        return
    sinds = t.wacht_sinds[wachtend]
    if m.voorrang_werkfit:
        werkfit = (sinds >= 0) & ((t.trede[wachtend] >= 4) | (t.fase[wachtend] == 1))
        volgorde = np.lexsort((sinds, ~werkfit))
    else:
        volgorde = np.argsort(sinds, kind="stable")
    wachtend = wachtend[volgorde]
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
