"""Re-render throttling of the pages that follow a training session (dashboard.volgen)."""

from __future__ import annotations

import threading
import time

from simulatie.dashboard.kamer import Trainingssessie
from simulatie.dashboard.volgen import volg


class _Sessie:
    """A session reduced to what :func:`volg` uses: its version, a change and the wait for one
    (the real session's methods, without a municipality to compute)."""

    _wijzig = Trainingssessie._wijzig
    wacht = Trainingssessie.wacht

    def __init__(self) -> None:
        self.versie = 0
        self.gewijzigd = time.monotonic()
        self._slot = threading.Condition()


def test_een_nieuw_plan_wacht_niet_op_het_lange_interval():
    """Replications re-render at most once per ``interval``; a new plan that comes while such
    a render waits is drawn ``kort`` after the last render (the projector's figure showed a
    plan up to 5 s late)."""
    sessie, stop = _Sessie(), threading.Event()
    stand = {"plannen": 0, "replicaties": 0}
    tikken: list[float] = []
    draad = threading.Thread(target=volg, args=(
        sessie, lambda: tuple(stand.values()), lambda: tikken.append(time.monotonic()), stop),
        kwargs={"interval": 2.0, "dringend": lambda: stand["plannen"], "kort": 0.3},
        daemon=True)
    draad.start()
    try:
        begin = time.monotonic()
        stand["replicaties"] += 1
        sessie._wijzig()  # the first change after a quiet spell: at once
        while len(tikken) < 1 and time.monotonic() - begin < 5:
            time.sleep(0.01)
        stand["replicaties"] += 1
        sessie._wijzig()  # a replication: waits out the 2 s interval...
        time.sleep(0.1)
        stand["plannen"] += 1
        sessie._wijzig()  # ...until a plan comes: 0.3 s after the last render
        while len(tikken) < 2 and time.monotonic() - begin < 5:
            time.sleep(0.01)
        assert len(tikken) == 2
        assert tikken[0] - begin < 0.5
        assert 0.25 < tikken[1] - tikken[0] < 1.0, tikken[1] - tikken[0]
        # Without a new plan the interval holds.
        stand["replicaties"] += 1
        sessie._wijzig()
        while len(tikken) < 3 and time.monotonic() - begin < 8:
            time.sleep(0.01)
        assert tikken[2] - tikken[1] > 1.9, tikken[2] - tikken[1]
    finally:
        stop.set()
        draad.join(2)
    assert not draad.is_alive()
