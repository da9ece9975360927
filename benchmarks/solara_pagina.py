"""A page of a Solara app opened over its websocket, as a browser tab opens it, without a browser.

For load tests: 25 headless Chromium contexts do not fit on a 2-core machine next to the server
(measured: Chromium, started as root, resets its own CPU priority and takes the cores the server
needs), while the server's work per participant is the same whoever is on the other end of the
websocket. A :class:`Pagina` does what the browser's Solara client does - fetch the page for the
session cookie, open the kernel websocket, open the ``solara.control`` comm and ``run`` the page
at its path - and then keeps the state of every widget the server sends (``comm_open`` and
``update`` messages of the Jupyter widget protocol). It can change a widget's value and fire a
click, and times each until the server reports the message handled (the kernel's ``status:
idle`` for that message: every re-render and widget update it caused has been sent by then).
Closing sends the close beacon a browser sends on ``pagehide``.

Main object: :class:`Pagina`.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import websockets
from solara.server.kernel import deserialize_binary_message

#: Name of Solara's session cookie.
COOKIE = "solara-session-id"


def _bericht(msg_type: str, content: dict[str, Any], sessie: str) -> dict[str, Any]:
    return {"header": {"msg_id": uuid.uuid4().hex, "username": "", "session": sessie,
                       "msg_type": msg_type, "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ")},
            "parent_header": {}, "metadata": {}, "content": content, "buffers": [],
            "channel": "shell"}


class Pagina:
    """One open page: its widgets by comm id, and timed interactions.

    Args:
        basis: Server address, e.g. ``http://127.0.0.1:8765``.
        pad: Page path with query, e.g. ``/team?code=ABCDE&team=team1``.
    """

    def __init__(self, basis: str, pad: str) -> None:
        self.basis, self.pad = basis.rstrip("/"), pad
        self.kernel_id, self.page_id = str(uuid.uuid4()), str(uuid.uuid4())
        self.widgets: dict[str, dict[str, Any]] = {}
        self._wacht: dict[str, asyncio.Future[float]] = {}
        self._verzonden: dict[str, float] = {}
        self._teksten: dict[str, asyncio.Future[float]] = {}
        self._ws: Any = None
        self._lezer: asyncio.Task | None = None
        self._cookie = ""
        self._klaar: asyncio.Future[str] | None = None

    async def open(self) -> float:
        """Load the page and run the app at its path; seconds until the page was rendered."""
        begin = time.perf_counter()
        self._cookie = await asyncio.to_thread(self._haal_cookie)
        ws_url = (self.basis.replace("http", "ws", 1) + f"/jupyter/api/kernels/{self.kernel_id}"
                  f"/channels?session_id={self.page_id}")
        self._ws = await websockets.connect(ws_url, additional_headers={"Cookie": self._cookie},
                                            max_size=None, compression=None)
        self._klaar = asyncio.get_running_loop().create_future()
        self._lezer = asyncio.create_task(self._lees())
        comm = str(uuid.uuid4())
        self._control = comm
        await self._stuur("comm_open", {"comm_id": comm, "target_name": "solara.control",
                                        "data": {}})
        await self._stuur("comm_msg", {"comm_id": comm, "data": {
            "method": "run", "args": {"path": self.pad, "appName": None, "dark": False,
                                      "themes": {}}}})
        await asyncio.wait_for(self._klaar, 600)
        return time.perf_counter() - begin

    def _haal_cookie(self) -> str:
        with urllib.request.urlopen(self.basis + self.pad, timeout=120) as antwoord:
            for kop in antwoord.headers.get_all("Set-Cookie") or []:
                if kop.startswith(COOKIE + "="):
                    return kop.split(";", 1)[0]
        return ""

    async def _stuur(self, msg_type: str, content: dict[str, Any]) -> str:
        bericht = _bericht(msg_type, content, self.page_id)
        msg_id = bericht["header"]["msg_id"]
        self._verzonden[msg_id] = time.perf_counter()
        await self._ws.send(json.dumps(bericht))
        return msg_id

    async def _lees(self) -> None:
        try:
            async for ruw in self._ws:
                msg = (json.loads(ruw) if isinstance(ruw, str)
                       else deserialize_binary_message(ruw))
                self._verwerk(msg)
        except websockets.ConnectionClosed:
            pass

    def _verwerk(self, msg: dict[str, Any]) -> None:
        soort = msg["header"]["msg_type"]
        inhoud = msg.get("content", {})
        if soort == "status" and inhoud.get("execution_state") == "idle":
            ouder = msg.get("parent_header", {}).get("msg_id")
            toekomst = self._wacht.pop(ouder, None)
            if toekomst is not None and not toekomst.done():
                toekomst.set_result(time.perf_counter() - self._verzonden[ouder])
        elif soort == "comm_open":
            data = inhoud.get("data", {})
            self.widgets[inhoud["comm_id"]] = dict(data.get("state", {}))
            self._zie(data.get("state", {}))
        elif soort == "comm_msg":
            data = inhoud.get("data", {})
            if inhoud.get("comm_id") == self._control:
                if data.get("method") == "finished" and self._klaar and not self._klaar.done():
                    self._klaar.set_result(data.get("widget_id", ""))
            elif data.get("method") in ("update", "echo_update"):
                self.widgets.setdefault(inhoud["comm_id"], {}).update(data.get("state", {}))
                self._zie(data.get("state", {}))
        elif soort == "comm_close":
            self.widgets.pop(inhoud.get("comm_id"), None)

    def _zie(self, staat: dict[str, Any]) -> None:
        if not self._teksten:
            return
        tekst = json.dumps(staat, default=str)
        for naald, toekomst in list(self._teksten.items()):
            if naald in tekst and not toekomst.done():
                toekomst.set_result(time.perf_counter())
                del self._teksten[naald]

    # ---- what a participant does ------------------------------------------------------
    def met_klasse(self, klasse: str) -> list[str]:
        """Comm ids of the widgets whose CSS classes include ``klasse``."""
        return [c for c, s in self.widgets.items()
                if klasse in str(s.get("class_", "") or "").split()]

    def tekst(self) -> Iterator[str]:
        """Every string in the page's widget states (HTML, labels, values)."""
        for staat in self.widgets.values():
            for w in staat.values():
                if isinstance(w, str):
                    yield w
                elif isinstance(w, dict):
                    yield from (v for v in w.values() if isinstance(v, str))

    def zoek(self, patroon: str) -> str | None:
        """The first match of a regular expression's group 1 in the page's strings."""
        for t in self.tekst():
            m = re.search(patroon, t)
            if m:
                return m.group(1)
        return None

    async def zet(self, comm_id: str, **staat: Any) -> float:
        """Change widget state as the browser does on input; seconds until handled."""
        self.widgets.setdefault(comm_id, {}).update(staat)  # the server does not echo it
        return await self._bediening(comm_id, {"method": "update", "state": staat,
                                               "buffer_paths": []})

    async def klik(self, comm_id: str, gebeurtenis: str = "click") -> float:
        """Fire a Vue event (a click) on a widget; seconds until handled."""
        return await self._bediening(comm_id, {"method": "custom", "content": {
            "event": gebeurtenis, "data": {}}})

    async def _bediening(self, comm_id: str, data: dict[str, Any]) -> float:
        bericht = _bericht("comm_msg", {"comm_id": comm_id, "data": data}, self.page_id)
        msg_id = bericht["header"]["msg_id"]
        toekomst = asyncio.get_running_loop().create_future()
        self._wacht[msg_id] = toekomst
        self._verzonden[msg_id] = time.perf_counter()
        await self._ws.send(json.dumps(bericht))
        return await asyncio.wait_for(toekomst, 600)

    def verwacht(self, naald: str) -> asyncio.Future[float]:
        """A future with the moment a widget state containing ``naald`` arrives."""
        toekomst = asyncio.get_running_loop().create_future()
        self._teksten[naald] = toekomst
        return toekomst

    def verwacht_figuur(self, team: str) -> asyncio.Future[float]:
        """A future with the moment the projector's figure caption lists ``team``."""
        toekomst = asyncio.get_running_loop().create_future()

        def kijk() -> None:
            for staat in self.widgets.values():
                if ("dash-plenair-figuurteams" in str(staat.get("class_", ""))
                        and re.search(rf"[:,] {re.escape(team)}[,.]",
                                      str(staat.get("children", "")))):
                    if not toekomst.done():
                        toekomst.set_result(time.perf_counter())
                    return
            asyncio.get_running_loop().call_later(0.05, kijk)

        kijk()
        return toekomst

    async def sluit(self) -> None:
        """Close the websocket and send the close beacon, as a browser does on ``pagehide``."""
        if self._ws is not None:
            await self._ws.close()
        if self._lezer is not None:
            await asyncio.gather(self._lezer, return_exceptions=True)
        url = f"{self.basis}/_solara/api/close/{self.kernel_id}?session_id={self.page_id}"
        verzoek = urllib.request.Request(url, method="POST", headers={"Cookie": self._cookie})
        try:
            await asyncio.to_thread(urllib.request.urlopen, verzoek, None, 30)
        except OSError:
            pass
