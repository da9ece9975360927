"""Helpers for the policy tests: a model whose residents are a tiny hand-built table."""

from __future__ import annotations

from typing import Any

import numpy as np
from hulp import klein_scenario

from agenten import inwoners as I
from agenten.inwoners import InwonerTabel
from simulatie import Gemeente

#: Defaults of a hand-built resident: a 35-year-old working single in wijk 0.
STANDAARD = {"leeftijd_maanden": 35 * 12, "inkomensbron": I.WERK, "trede": 6,
             "motivatie": 0.7, "huishouden": I.ALLEENSTAAND, "wijk": 0}


def groep(n: int, **kolommen: Any) -> list[dict[str, Any]]:
    """``n`` residents with the same column values (on top of :data:`STANDAARD`)."""
    return [dict(kolommen) for _ in range(n)]


def hand_model(rijen: list[dict[str, Any]], seed: int = 0, **overrides: Any) -> Gemeente:
    """A small Gemeente whose resident table is replaced by the given rows.

    A row without a ``huishouden_id`` lives alone (a household of its own). The model's
    professionals, employers and providers come from a 2,000-inhabitant scenario
    (``overrides`` are dotted scenario paths, e.g. ``{"parameters.signaleren.wmo_aanvraag":
    0.0}``); policies in the scenario are started on the original population, so tests
    usually construct the policy object themselves and call its hooks.
    """
    scen = klein_scenario(maanden=12, inwoners=2_000, **overrides)
    model = Gemeente(scen, seed=seed)
    tabel = InwonerTabel(len(rijen))
    k = tabel.kol
    for naam, waarde in STANDAARD.items():
        k[naam][: len(rijen)] = waarde
    for i, rij in enumerate(rijen):
        for naam, waarde in rij.items():
            k[naam][i] = waarde
    # Rows without a household of their own choosing each form a one-person household.
    hid = k["huishouden_id"][: len(rijen)]
    zonder = hid == I.GEEN_HUISHOUDEN
    hid[zonder] = hid.max(initial=-1) + 1 + np.arange(int(zonder.sum()))
    tabel.volgend_huishouden = int(hid.max(initial=-1)) + 1
    model.tabel = tabel
    model.aanvragers = []
    model.cohort_werk = {}
    model.tellers.leeg()
    model.buiten_beeld = 0
    model._views.clear()
    model._onthoud_begin_maand()
    return model


def rijen_met(model: Gemeente, **kolommen: Any) -> np.ndarray:
    """Rows whose columns equal the given values."""
    masker = np.ones(len(model.tabel), dtype=bool)
    for naam, waarde in kolommen.items():
        masker &= getattr(model.tabel, naam) == waarde
    return np.flatnonzero(masker)
