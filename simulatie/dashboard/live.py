"""Month-by-month updates of the page without re-rendering it.

A simulated month changes only a few widgets: the month counter, the key figures, the chart
image and its values. Re-rendering Solara components for that cost more than drawing the month
(py-spy on the server: reconciling the component tree took about a third of the CPU per month).
So these parts are plain widgets that a component creates once (per build of the session) and
shows in a column; they subscribe to the session (:meth:`Sessie.luister`) and get their new
values set directly, in the thread that stepped the model.

They are not reacton elements on purpose: reacton re-applies an element's render-time
arguments to its widget whenever an ancestor re-renders, which would put an old month back.

Main function: :func:`use_live`; widget factories :func:`tekst`, :func:`html` and
:func:`beeld`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipyvue
import ipywidgets
import solara

from simulatie.dashboard.sessie import Sessie


def use_live(sessie: Sessie, maak: Callable[[], list[ipywidgets.Widget]],
             waarden: Callable[[], Sequence[dict[str, Any]]],
             dependencies: list[Any]) -> None:
    """Display widgets that follow ``sessie`` month by month.

    Args:
        sessie: The session whose steps update the widgets.
        maak: Creates the widgets, empty (called again when ``dependencies`` change; the old
            widgets are closed). They get ``waarden()`` at once.
        waarden: Per widget, trait name -> value at the current month.
        dependencies: Whatever the widgets depend on besides the month, including the
            session's build (:attr:`Sessie.opbouw`).
    """

    def nieuw() -> tuple[list[ipywidgets.Widget], int, int]:
        widgets = maak()
        _zet(widgets, waarden())
        return widgets, sessie.opbouw, sessie.maand

    widgets, opbouw, maand = solara.use_memo(nieuw, dependencies)

    def koppel() -> Callable[[], None]:
        def bij_stap() -> Callable[[], None]:
            nieuw = waarden()
            return lambda: _zet(widgets, nieuw)

        stop = sessie.luister(bij_stap)
        if (sessie.opbouw, sessie.maand) != (opbouw, maand):  # a step came in between
            bij_stap()()

        def opruimen() -> None:
            stop()
            for widget in widgets:
                widget.close()

        return opruimen

    solara.use_effect(koppel, dependencies)
    solara.Column(children=widgets, gap="4px")


def _zet(widgets: list[ipywidgets.Widget], waarden: Sequence[dict[str, Any]]) -> None:
    """Set each widget's traits (one message per widget)."""
    for widget, traits in zip(widgets, waarden, strict=True):
        with widget.hold_sync():
            for naam, waarde in traits.items():
                setattr(widget, naam, waarde)


def _klassen(classes: Sequence[str]) -> str:
    return " ".join(classes)


def tekst(classes: Sequence[str] = (), style: str = "") -> ipywidgets.Widget:
    """A text span (like ``solara.Text``); its ``children`` hold the text."""
    return ipyvue.Html(tag="span", children=[], class_=_klassen(classes), style_=style)


def html(classes: Sequence[str] = (), style: str = "") -> ipywidgets.Widget:
    """A div with raw HTML (like ``solara.HTML``); its ``unsafe_innerHTML`` holds the HTML."""
    return solara.widgets.HTML(tag="div", unsafe_innerHTML="",
                               attributes={"class": _klassen(classes), "style": style})


def beeld(classes: Sequence[str] = ()) -> ipywidgets.Widget:
    """A PNG image at full width (like ``solara.Image``); its ``value`` holds the PNG."""
    return ipywidgets.Image(format="png", layout=ipywidgets.Layout(width="100%"),
                            _dom_classes=["solara-image", *classes])
