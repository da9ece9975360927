"""Pages that follow a training session: re-render when what they show changes.

:func:`use_versie` starts a thread per page that waits on the session's condition variable
(:meth:`Trainingssessie.wacht`). A page passes a ``stand`` function - what it shows, e.g. its
own team's result and the round - and re-renders only when that changes, at most once per
``interval`` seconds: a burst of replications coming back for 25 teams then costs the projector
one render, and a team page none. The thread ends when the page closes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

import solara

from simulatie.dashboard.kamer import Trainingssessie


def use_versie(sessie: Trainingssessie | None,
               stand: Callable[[], Hashable] | None = None, interval: float = 0.0) -> int:
    """A counter that moves when ``stand()`` changes (default: any change of the session).

    Args:
        sessie: The session (None: nothing to follow).
        stand: What the page shows, as a hashable value.
        interval: Fewest seconds between two re-renders (changes in between are combined).
    """
    teller = solara.use_reactive(0)

    def volg(stop: threading.Event) -> None:
        if sessie is None:
            return
        meet = stand or (lambda: sessie.versie)
        versie, gezien, laatst = sessie.versie, meet(), 0.0
        while not stop.is_set():
            versie = sessie.wacht(versie, 0.5)
            nu = meet()
            if nu == gezien or stop.is_set():
                continue
            rust = interval - (time.monotonic() - laatst)
            if rust > 0 and stop.wait(rust):
                return
            gezien, laatst = meet(), time.monotonic()
            teller.set(teller.peek() + 1)

    solara.use_thread(volg, dependencies=[sessie], intrusive_cancel=False)
    return teller.value
