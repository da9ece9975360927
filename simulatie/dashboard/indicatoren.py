"""Dutch labels, units and better/worse colours of the model's outputs, read from one place.

Every output is declared once in :data:`simulatie.kern.uitvoer.UITVOER` (label, unit, the
direction a municipality prefers). The dashboard shows those labels - never a raw column name -
and colours a difference green when it is better, red when it is worse and grey when the
sources name no direction (:func:`kleur`), so "B lager" is green for the bijstand stock and red
for the mean rung.

Main functions: :func:`label`, :func:`eenheid`, :func:`beter`, :func:`kleur`, :func:`oordeel`
and :func:`kolomlabels` (column -> label for exports and the values under a chart).
"""

from __future__ import annotations

from simulatie.kern.uitvoer import PER_NAAM

#: Colours of a difference: better, worse, no direction (colour-blind safe blue/orange pair
#: would hide the meaning on a projector; green/red with a text label, never colour alone).
BETER, SLECHTER, NEUTRAAL = "#1a9641", "#d7191c", "#777777"

#: Labels of derived columns the dashboard adds (not model outputs).
EXTRA: dict[str, tuple[str, str, str | None]] = {
    "bezetting_klantmanagers_pct": ("Bezetting klantmanagers", "procent", None),
    "A": ("Variant A", "", None),
    "B": ("Variant B", "", None),
    "verschil": ("Verschil B - A", "", None),
    "maand": ("Maand", "maand", None),
    "jaar": ("Jaar", "jaar", None),
}


def _sleutel(kolom: str) -> tuple[str, bool]:
    """The declared output behind a column (``kosten_totaal_cum`` -> ``kosten_totaal``)."""
    if kolom.endswith("_cum") and kolom[:-4] in PER_NAAM:
        return kolom[:-4], True
    return kolom, False


def label(kolom: str) -> str:
    """Dutch label of an output column (the column name itself only if undeclared)."""
    if kolom in EXTRA:
        return EXTRA[kolom][0]
    naam, cum = _sleutel(kolom)
    u = PER_NAAM.get(naam)
    if u is None:
        return kolom.replace("_", " ").capitalize()
    return u.label + (" (cumulatief)" if cum and u.soort != "cumulatief" else "")


def eenheid(kolom: str) -> str:
    """Unit of an output column (``euro per maand`` becomes ``euro`` when cumulative)."""
    if kolom in EXTRA:
        return EXTRA[kolom][1]
    naam, cum = _sleutel(kolom)
    u = PER_NAAM.get(naam)
    if u is None:
        return ""
    if cum:
        return u.eenheid.replace(" per maand", "")
    return u.eenheid


def beter(kolom: str) -> str | None:
    """``"hoger"``, ``"lager"`` or None: the direction a municipality prefers."""
    if kolom in EXTRA:
        return EXTRA[kolom][2]
    u = PER_NAAM.get(_sleutel(kolom)[0])
    return None if u is None else u.beter


def oordeel(kolom: str, verschil: float) -> str:
    """``"beter"``, ``"slechter"`` or ``"neutraal"`` for a difference (B - A, or team - basis)."""
    richting = beter(kolom)
    if richting is None or verschil == 0 or verschil != verschil:  # NaN: no judgement
        return "neutraal"
    return "beter" if (verschil > 0) == (richting == "hoger") else "slechter"


def kleur(kolom: str, verschil: float) -> str:
    """Colour of a difference: :data:`BETER`, :data:`SLECHTER` or :data:`NEUTRAAL`."""
    return {"beter": BETER, "slechter": SLECHTER, "neutraal": NEUTRAAL}[oordeel(kolom, verschil)]


def kolomlabels(kolommen: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Column -> Dutch label with its unit in brackets, for CSV headers and value texts."""
    uit = {}
    for k in kolommen:
        e = eenheid(k)
        uit[k] = label(k) + (f" ({e})" if e and e not in ("maand", "jaar", "") else "")
    return uit
