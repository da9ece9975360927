"""Whether a browser page of a Solara session is still connected (its websocket open).

A page that goes away without closing (a laptop lid shut, the network lost, a browser killed:
no close beacon reaches the server) keeps its session on the server for
:data:`~simulatie.dashboard.commando.CULL_TIMEOUT`, so that it can reconnect. Its components stay
mounted, so a loop that runs "while the page is there" would go on computing for nobody. Such
loops ask :func:`verbonden` as well.

Main functions: :func:`huidige_context` (call while rendering) and :func:`verbonden`.
"""

from __future__ import annotations

from typing import Any


def huidige_context() -> Any | None:
    """The Solara kernel context of the page being rendered, or None outside a server."""
    try:
        from solara.server import kernel_context
    except ImportError:  # solara without its server part
        return None
    if not kernel_context.has_current_context():
        return None
    return kernel_context.get_current_context()


def verbonden(context: Any | None) -> bool:
    """False when every page of ``context`` has lost or closed its connection.

    Args:
        context: A Solara kernel context (:func:`huidige_context`); None (no server, e.g. in a
            test that renders a component directly) counts as connected.
    """
    status = getattr(context, "page_status", None)
    if not status:  # no server, or no page connected yet
        return True
    from solara.server.kernel_context import PageStatus

    return PageStatus.CONNECTED in tuple(status.values())
