"""Verb 3, toewijzen: bijstand clients get a klantmanager within caseload capacity; others wait.

Capacity is hours per month per professional divided by hours per client (regular caseload of
100, ``EXT:caseload_regulier``). Waiting clients are served in order of arrival, or job-ready
clients first when the mechanism ``voorrang_werkfit`` is on; clients on a rung at or below
``parkeren_tot_trede`` get no klantmanager and wait behind everyone (parked); when they rise
above it, or parking stops, they are back in the queue from that month. The waiting list
is an output (``wachtlijst_klantmanager``).
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern.regels import verwijs
from simulatie.kern.toegang import ModelToegang

#: ``wacht_sinds`` of a parked client: behind every queue position a month can have.
GEPARKEERD = 32_000


def overdragen(model: ModelToegang, rijen: np.ndarray) -> None:
    """Hand clients over to the Wmo desk: their care obstacles become applications there.

    The Wmo desk makes its own assessment (keukentafelgesprek), so it finds the obstacles the
    work desk never diagnosed; Wmo professionals "komen uit bij vrijwilligerswerk of
    dagbesteding" (INT17). Psychisch -> begeleiding, isolement -> dagbesteding, care for
    relatives -> welzijn, debts -> debt counselling; the hand-off loses referrals like any
    other (mechanism ``overdrachtsverlies``).
    """
    belemmeringen = model.tabel.belemmeringen[rijen]
    for obstakel, dienst in ((I.PSYCHISCH, I.BEGELEIDING), (I.ISOLEMENT, I.DAGBESTEDING),
                             (I.NAASTEN, I.WELZIJN), (I.SCHULDEN, I.SCHULDHULP)):
        verwijs(model, rijen[(belemmeringen & obstakel) > 0], dienst,
                model.mechanismen.overdrachtsverlies, wmo=True)


def toewijzen(model: ModelToegang) -> None:
    """Update caseloads and assign waiting clients to klantmanagers with free places."""
    t, m = model.tabel, model.mechanismen
    k = t.kol
    kms = model.klantmanagers
    bij = model.bijstand_rijen()
    if m.parkeren_tot_trede > 0:
        park = bij[t.trede[bij] <= m.parkeren_tot_trede]
        if m.parkeren_naar_wmo:
            overdragen(model, park[(t.klantmanager[park] >= 0)
                                   | (t.wacht_sinds[park] != GEPARKEERD)])
        k["klantmanager"][park] = -1
        k["wacht_sinds"][park] = GEPARKEERD
    # No longer parked (rose above the rung, or parking stopped with the policy that set it):
    # back in the queue as of now.
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
