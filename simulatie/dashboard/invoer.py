"""Input fields that answer bad input with a Dutch message in place, never a traceback.

Solara's ``InputInt`` answers text with "Value must be an integer" (English) and a 20-digit seed
reached numpy and replaced the page with a traceback. :func:`GetalInvoer` reads the text
itself (:func:`lees_getal`), shows a Dutch message under the field and passes on only a value
inside the allowed range; a value clamped to the range is shown as it was set. :func:`Veilig`
is an error boundary: an unexpected error in a part of a page shows a short Dutch message with
a button to carry on, and is logged on the server (not shown in the page).

Main objects: :func:`lees_getal`, :func:`GetalInvoer`, :func:`TekstInvoer`, :func:`Veilig`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import solara

from simulatie.dashboard.opmaak import nl

log = logging.getLogger(__name__)

#: Longest text accepted in a number field (a longer text is refused without parsing it).
MAX_TEKENS = 40


def lees_getal(tekst: str, minimum: float, maximum: float, geheel: bool = True,
               naam: str = "De waarde") -> tuple[float | int | None, str]:
    """Read a number typed by a person.

    Accepts Dutch and English notation (``1.000``, ``0,25``, ``0.25``).

    Args:
        tekst: What was typed.
        minimum: Smallest allowed value.
        maximum: Largest allowed value.
        geheel: Whole numbers only.
        naam: Name of the field for the message.

    Returns:
        (value, message): the value is None when the text is not a number or out of range;
        the message is empty when all is well.
    """
    t = str(tekst if tekst is not None else "").strip().replace(" ", "")
    d = 0 if geheel else 2
    bereik = f"tussen {nl(minimum, d)} en {nl(maximum, d)}"
    if not t:
        return None, f"{naam} ontbreekt: vul een getal in {bereik}."
    if len(t) > MAX_TEKENS:
        return None, f"{naam} is te lang: vul een getal in {bereik}."
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif geheel and t.count(".") >= 1 and all(len(d) == 3 for d in t.split(".")[1:]):
        t = t.replace(".", "")  # 1.000 is a thousand
    try:
        waarde = float(t)
    except ValueError:
        return None, f"{naam} moet een getal zijn, {bereik}."
    if waarde != waarde or waarde in (float("inf"), float("-inf")):
        return None, f"{naam} moet een getal zijn, {bereik}."
    if geheel and not waarde.is_integer():
        return None, f"{naam} moet een geheel getal zijn, {bereik}."
    if not minimum <= waarde <= maximum:
        return None, f"{naam} moet {bereik} liggen."
    return (int(waarde) if geheel else waarde), ""


@solara.component
def GetalInvoer(label: str, waarde: float, op_waarde: Callable[[float], None], minimum: float,
                maximum: float, geheel: bool = True, classes: list[str] | None = None) -> None:
    """A number field with a Dutch message for bad input; only valid values reach ``op_waarde``.

    The text follows ``waarde`` whenever it changes from outside, so the field never keeps
    showing a value that was not taken.
    """
    tekst = solara.use_reactive(str(int(waarde)) if geheel else str(waarde))
    melding = solara.use_reactive("")

    def van_buiten() -> None:
        tekst.set(str(int(waarde)) if geheel else str(waarde))
        melding.set("")

    solara.use_effect(van_buiten, [waarde])

    def bij_tekst(t: str) -> None:
        tekst.set(t)
        w, fout = lees_getal(t, minimum, maximum, geheel, label)
        melding.set(fout)
        if w is not None and w != waarde:
            op_waarde(w)

    solara.InputText(label, value=tekst.value, on_value=bij_tekst, continuous_update=False,
                     error=melding.value or False, classes=classes or [])


@solara.component
def TekstInvoer(label: str, waarde: str, op_waarde: Callable[[str], None], maximum: int = 60,
                classes: list[str] | None = None) -> None:
    """A text field that refuses text longer than ``maximum`` characters with a Dutch message."""
    melding = solara.use_reactive("")

    def bij_tekst(t: str) -> None:
        t = t or ""
        if len(t) > maximum:
            melding.set(f"{label} is hoogstens {maximum} tekens.")
            return
        melding.set("")
        op_waarde(t)

    solara.InputText(label, value=waarde, on_value=bij_tekst, continuous_update=False,
                     error=melding.value or False, classes=classes or [])


@solara.component
def Veilig(children: list | None = None, naam: str = "dit onderdeel") -> None:
    """Show ``children``; an unexpected error shows a Dutch message and a button instead.

    The error is logged on the server with its traceback; the page shows none.
    """
    fout, herstel = solara.use_exception()
    if fout is not None:
        log.error("error in %s", naam, exc_info=fout)
        with solara.Column(classes=["dash-fout"]):
            solara.Error(f"Er ging iets mis in {naam}. Uw keuzes zijn bewaard; probeer het "
                         "opnieuw of kies iets anders.")
            solara.Button("Verder", on_click=herstel, outlined=True)
        return
    solara.Column(children=children or [], gap="8px", style={"width": "100%"})
