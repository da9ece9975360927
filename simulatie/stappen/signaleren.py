"""Verb 2, signaleren: who becomes known to the municipality.

Entitled residents apply at the loket, or do not (non-take-up, ``niet_gebruik_bijstand``; CPB/SZW
estimate 20-35%); non-takers stay without income (``verborgen_recht``) and apply later with a
monthly chance that outreach can raise (``model.sturing.aanvraag_later``). Under work-first a
share of applicants withdraws (``model.sturing.afzien_aanvraag``; Divosa benchmark: about a
third): some find work, the others leave view without income and are counted in ``buiten_beeld``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agenten import inwoners as I
from simulatie.kans import gebeurt
from simulatie.overgangen import naar_bijstand
from simulatie.rijen import uniek, zonder

if TYPE_CHECKING:
    from simulatie.model import Gemeente

def signaleren(model: Gemeente) -> None:
    """Turn this month's entitled residents and some earlier non-takers into applications."""
    t, rng, s = model.tabel, model.rng, model.sturing
    k = t.kol
    ids = np.concatenate(model.aanvragers) if model.aanvragers else np.zeros(0, np.int64)
    model.aanvragers.clear()
    nieuw = t.rijen_van(uniek(ids))
    nieuw = nieuw[t.actief[nieuw] & (t.inkomensbron[nieuw] == I.GEEN)]
    niet = gebeurt(rng, nieuw, model.p.signaleren.niet_gebruik_bijstand)
    k["verborgen_recht"][niet] = True
    aanvraag = zonder(nieuw, niet)
    verborgen = np.flatnonzero(t.verborgen_recht & t.actief)
    verborgen = zonder(verborgen, niet)
    later = gebeurt(rng, verborgen, s.aanvraag_later)
    k["verborgen_recht"][later] = False
    aanvraag = np.concatenate([aanvraag, later])
    model.teller["aanvragen_bijstand"] += len(aanvraag)
    afzien = gebeurt(rng, aanvraag, s.afzien_aanvraag)
    if len(afzien):
        werk = afzien[rng.random(len(afzien)) < s.afzien_naar_werk]
        k["inkomensbron"][werk] = I.WERK
        k["trede"][werk] = 6
        model.teller["afgezien_aanvraag"] += len(afzien)
        model.buiten_beeld += len(afzien) - len(werk)
        aanvraag = zonder(aanvraag, afzien)
    naar_bijstand(model, aanvraag)
    model.teller["niet_gebruik_nieuw"] += len(niet)
