"""Pages that follow a training session: re-render when the shared state changes.

:func:`use_versie` starts a thread per page that waits on the session's condition variable
(:meth:`Trainingssessie.wacht`) and sets a page-local reactive value when the version moves, so
a submitted plan appears on every page that shows it without polling the whole state. The
thread ends when the page closes.
"""

from __future__ import annotations

import threading

import solara

from simulatie.dashboard.kamer import Trainingssessie


def use_versie(sessie: Trainingssessie | None) -> int:
    """The session's version number, kept current while the page is open (0 without one)."""
    versie = solara.use_reactive(sessie.versie if sessie is not None else 0)

    def volg(stop: threading.Event) -> None:
        if sessie is None:
            return
        gezien = versie.peek()
        while not stop.is_set():
            nieuw = sessie.wacht(gezien, 0.5)
            if nieuw != gezien and not stop.is_set():
                gezien = nieuw
                versie.set(nieuw)

    solara.use_thread(volg, dependencies=[sessie], intrusive_cancel=False)
    return versie.value
