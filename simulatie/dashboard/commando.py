"""``simulatie dashboard``: serve the Dutch training dashboard (a Solara app) in the browser.

Main functions: :func:`voeg_toe` (the subparser) and :func:`start` (runs the Solara server).
Solara is imported only inside :func:`start`, so the rest of the CLI starts fast without it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from simulatie.kern.fouten import toon_naam
from simulatie.kern.grenzen import geheel, pad

#: Module of the Solara page.
APP = "simulatie.dashboard.app"
#: How long the server keeps the session of a page that went away without closing.
CULL_TIMEOUT = "10m"


def voeg_toe(sub: argparse._SubParsersAction) -> None:
    """Add the ``dashboard`` subcommand."""
    p = sub.add_parser(
        "dashboard", help="start the training dashboard in the browser (Dutch)",
        description="Start the live training dashboard (Solara). Every browser session gets "
                    "its own model; /training runs a training session for a room (trainer, "
                    "teams on /team, projector on /plenair). Listens on localhost unless "
                    "--host says otherwise.")
    p.add_argument("--host", type=_host, default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for a training room)")
    p.add_argument("--port", type=geheel(1, 65535), default=8765, help="port (default 8765)")
    p.add_argument("--scenario", type=pad, metavar="FILE",
                   help="scenario TOML as starting point (municipality, parameters, policies)")
    p.add_argument("--rekenprocessen", type=geheel(0, 32), default=2, metavar="N",
                   help="worker processes for training plans and background replications "
                        "(default 2; 0 computes in the web process)")
    p.add_argument("--ontwikkel", action="store_true",
                   help="development mode: restart on code changes, show tracebacks")
    p.set_defaults(func=start)


def _host(tekst: str) -> str:
    """An argument type for a host name or IP address (letters, digits, ``.-:_``)."""
    if not re.fullmatch(r"[A-Za-z0-9.:_\-\[\]%]{1,253}", tekst):
        raise argparse.ArgumentTypeError(f"not a host name or address: {toon_naam(tekst)}")
    return tekst


def start(args: argparse.Namespace) -> int:
    """Validate the scenario, then run the Solara server until interrupted.

    Returns:
        Exit code (0 after a normal stop, 2 when solara is not installed).

    Raises:
        ScenarioFout: When ``--scenario`` is missing or invalid (the CLI exits with 2).
    """
    from simulatie.dashboard.app import SCENARIO_VAR
    from simulatie.dashboard.rekenen import WERKERS_VAR
    from simulatie.kern.scenario import laad_scenario

    os.environ[WERKERS_VAR] = str(args.rekenprocessen)

    if args.scenario:
        scenario = laad_scenario(args.scenario)  # fail early, with the CLI's clear message
        if scenario.rondes:
            print(f"let op: {args.scenario} heeft {len(scenario.rondes)} latere ronde(s) van "
                  "beleid; het dashboard begint met het beleid van ronde 1 en speelt de "
                  "rondes niet (simulatie run en de training wel)", file=sys.stderr)
        os.environ[SCENARIO_VAR] = str(Path(args.scenario).resolve())
    else:
        os.environ.pop(SCENARIO_VAR, None)
    os.environ.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    # A page that goes away without closing (a laptop lid, a lost network) keeps its session
    # on the server until this timeout (Solara's default: 24 hours); a page that comes back
    # later reloads and a team rejoins from its address.
    os.environ.setdefault("SOLARA_KERNEL_CULL_TIMEOUT", CULL_TIMEOUT)
    try:
        from solara.__main__ import run
    except ImportError:
        print("fout: het dashboard heeft solara nodig: pip install 'simulatie-sociaal-domein"
              "[dashboard]'", file=sys.stderr)
        return 2
    _webbestanden()
    _zonder_websocket_compressie()
    print(f"Dashboard op http://{args.host}:{args.port} (stoppen met Ctrl+C)", file=sys.stderr)
    opties = [APP, "--host", args.host, "--port", str(args.port), "--no-open",
              "--no-check-version", "--log-level-uvicorn", "warning"]
    opties += ["--auto-restart"] if args.ontwikkel else ["--production"]
    run.main(args=opties, standalone_mode=False)
    return 0


def _zonder_websocket_compressie() -> None:
    """Switch off per-message deflate on the websocket of the server Solara starts.

    Every month sends a new PNG chart (tens of kB, already compressed); deflating it again
    cost about a seventh of the server's CPU per month (py-spy, comparison view) and saves
    nothing. Solara's ``run`` has no option for it, so uvicorn's ``Config`` default is changed.
    """
    import uvicorn

    if getattr(uvicorn.Config, "_zonder_compressie", False):
        return

    class Config(uvicorn.Config):
        _zonder_compressie = True

        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs.setdefault("ws_per_message_deflate", False)
            super().__init__(*args, **kwargs)

    uvicorn.Config = Config


def _webbestanden() -> None:
    """Put Solara's browser files in its cache (from npm) so the page also loads offline."""
    from simulatie.dashboard import webbestanden

    if not webbestanden.ontbrekend():
        return
    print("Browserbestanden van Solara ophalen (eenmalig)...", file=sys.stderr)
    try:
        webbestanden.klaarzetten()
    except OSError as fout:
        print(f"let op: ophalen lukte niet ({fout}); Solara probeert het zelf via jsDelivr "
              "bij het eerste bezoek", file=sys.stderr)
