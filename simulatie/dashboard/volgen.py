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

#: Seconds between two checks of an urgent change while a render waits out its interval.
STAP_S = 0.25


def volg(sessie: Trainingssessie, meet: Callable[[], Hashable], tik: Callable[[], None],
         stop: threading.Event, interval: float = 0.0,
         dringend: Callable[[], Hashable] | None = None, kort: float = 0.0) -> None:
    """Call ``tik()`` when ``meet()`` changes, at most once per ``interval`` seconds.

    A change of ``dringend()`` (part of what ``meet`` shows, e.g. which plans a picture holds)
    waits only ``kort`` seconds since the last render, also when it comes while a render waits
    out ``interval`` for a lesser change (e.g. replications). Runs until ``stop`` is set.
    """
    versie, gezien, laatst = sessie.versie, meet(), 0.0
    gezien_dringend = dringend() if dringend else None
    while not stop.is_set():
        versie = sessie.wacht(versie, 0.5)
        if meet() == gezien or stop.is_set():
            continue
        while True:
            wacht = kort if dringend and dringend() != gezien_dringend else interval
            rust = wacht - (time.monotonic() - laatst)
            if rust <= 0:
                break
            if stop.wait(min(rust, STAP_S)):
                return
        gezien, laatst = meet(), time.monotonic()
        gezien_dringend = dringend() if dringend else None
        tik()


def use_versie(sessie: Trainingssessie | None,
               stand: Callable[[], Hashable] | None = None, interval: float = 0.0,
               dringend: Callable[[], Hashable] | None = None, kort: float = 0.0) -> int:
    """A counter that moves when ``stand()`` changes (default: any change of the session).

    Args:
        sessie: The session (None: nothing to follow).
        stand: What the page shows, as a hashable value.
        interval: Fewest seconds between two re-renders (changes in between are combined).
        dringend: The part of ``stand`` that may re-render after ``kort`` seconds (:func:`volg`).
        kort: Fewest seconds between two re-renders for a change of ``dringend``.
    """
    teller = solara.use_reactive(0)

    def volgen(stop: threading.Event) -> None:
        if sessie is None:
            return
        volg(sessie, stand or (lambda: sessie.versie), lambda: teller.set(teller.peek() + 1),
             stop, interval, dringend, kort)

    solara.use_thread(volgen, dependencies=[sessie], intrusive_cancel=False)
    return teller.value
