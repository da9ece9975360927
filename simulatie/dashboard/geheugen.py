"""The server's memory: small garbage collections during play, memory back after a close.

Main functions: :func:`ruim_op` (collect and freeze after a build) and
:func:`geef_geheugen_terug` (after a page or a training session closed).
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import threading


def ruim_op() -> None:
    """Collect garbage now and freeze what survives, so later collections stay small.

    A full collection scans every object the server holds (Solara, matplotlib, pandas and the
    models of all sessions): 115 ms measured, at a moment the allocator picks - in the browser
    benchmark during the first month after a build. Collecting right after a build, which
    takes about as long anyway, and freezing the survivors (:func:`gc.freeze`) keeps the
    collections during the months small. Unfreezing first lets the garbage of an earlier
    build go. At exit everything is unfrozen again, so the interpreter can still free it.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


atexit.register(gc.unfreeze)  # harmless when nothing was frozen

#: Seconds between a page or session closing and giving its memory back.
TERUGGEVEN_NA_S = 2.0
_terug_slot = threading.Lock()
_terug_gepland = False


def geef_geheugen_terug(na_s: float = TERUGGEVEN_NA_S) -> None:
    """A moment after a page or session closed: collect its garbage and return freed memory.

    Python frees the objects of a closed page, but the C allocator keeps the freed pages of its
    per-thread arenas (every Solara page has threads), so the server's memory would only grow
    over a day of sessions. After the collection (:func:`ruim_op`, which also lets go of what
    an earlier freeze kept), glibc's ``malloc_trim`` hands free pages back to the system.
    Closes coming in a burst (a room leaving) are combined into one call.
    """
    global _terug_gepland
    with _terug_slot:
        if _terug_gepland:
            return
        _terug_gepland = True

    def doe() -> None:
        global _terug_gepland
        with _terug_slot:
            _terug_gepland = False
        ruim_op()
        _malloc_trim()

    timer = threading.Timer(na_s, doe)
    timer.daemon = True
    timer.start()


def _malloc_trim() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to hand back this way
        pass
