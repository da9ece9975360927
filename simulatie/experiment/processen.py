"""Worker processes that end with the process that started them.

Main object: :func:`volg_driver`, called in the initializer of a process pool's workers (the
sweep's local pool, the dashboard's pool of runs). Kept apart from the sweep package so that a
worker pays no import cost for it.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading


def volg_driver() -> None:
    """End this worker process as soon as the driver process is gone.

    A pool worker otherwise waits forever for work when the driver is killed (SIGKILL, out of
    memory): it and the forkserver, which the worker keeps alive, would stay behind. The
    parent's sentinel becomes ready when the driver's end of the pipe closes, i.e. when it
    dies; a daemon thread waits for that and exits the process.
    """
    ouder = multiprocessing.parent_process()
    if ouder is None or ouder.sentinel is None:
        return

    def wacht() -> None:
        multiprocessing.connection.wait([ouder.sentinel])
        os._exit(1)

    threading.Thread(target=wacht, name="volg-driver", daemon=True).start()
