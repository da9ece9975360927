"""The model core: state, parameters, population, rules, transitions, verbs and the model.

This package names no policy. Its public API for policies (``simulatie.beleid`` and any
plug-in elsewhere) is what this module exports; a policy imports nothing else of the core:

    * the policy API - :class:`Beleid`, :class:`BeleidInstellingen`, :func:`registreer`, the hook
      decorators :func:`voor` and :func:`na`, :data:`VERBS`;
    * mechanisms - :class:`Mechanismen` (``model.mechanismen``), the values verbs read that a
      policy may change, in its ``pas_toe`` (the core rebuilds them from the baseline and the
      running policies when one starts or stops: ``model.herbouw_mechanismen()``);
    * a policy's life cycle - ``start``, ``stop`` (release what it holds, e.g.
      ``model.verwijder_professional``); a running model starts and stops policies between two
      months with ``model.start_beleid`` and ``model.stop_beleid``;
    * transitions - :mod:`overgangen` (every status change: job, WW, bijstand, obstacles,
      services);
    * shared rules - :mod:`regels` (diagnosis and referral, mortality, placed workers) and
      :mod:`ladder` (the rung of a situation, ladder chances of clients);
    * households - :mod:`huishoudens` (the members of households, partners);
    * arithmetic - :mod:`wiskunde` (exp, log and powers with the same bits on every CPU: use
      them instead of ``np.exp``, ``np.log``, ``np.power`` and ``**`` on arrays);
    * random draws - :func:`gebeurt`, :func:`gebeurt_elk`, :func:`per_maand`, ... on the
      model's current stream (``model.rng``);
    * state by resident id - :class:`Leden`; sets of rows - :func:`uniek`, :func:`zonder`;
    * parameter declarations - :func:`par`, :func:`kans` (unit, range, source);
    * cost booking - ``model.boek(post, bedrag)`` on the lines of :data:`BOEKBARE_POSTEN`;
    * the model surface a hook sees - :class:`ModelToegang`.

Modules inside ``kern`` import each other by module path, never through this file.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulatie.kern import huishoudens, ladder, overgangen, regels, wiskunde
    from simulatie.kern.beleid import (
        MOMENTEN,
        VERBS,
        Beleid,
        BeleidInstellingen,
        na,
        registreer,
        voor,
    )
    from simulatie.kern.leden import Leden
    from simulatie.kern.mechanismen import Mechanismen
    from simulatie.kern.parameters import kans, par
    from simulatie.kern.rijen import uniek, zonder
    from simulatie.kern.toegang import ModelToegang
    from simulatie.kern.toeval import (
        gebeurt,
        gebeurt_begrensd,
        gebeurt_elk,
        gebeurt_per_soort,
        per_maand,
        posities,
    )
    from simulatie.kern.uitvoer import BOEKBARE_POSTEN

#: Public name -> (module, attribute); loaded on first use, so that importing a light module
#: of the core (``simulatie.kern.fouten``) does not import numpy, pydantic or Mesa.
_WAAR: dict[str, tuple[str, str | None]] = {
    "overgangen": ("simulatie.kern.overgangen", None),
    "regels": ("simulatie.kern.regels", None),
    "ladder": ("simulatie.kern.ladder", None),
    "huishoudens": ("simulatie.kern.huishoudens", None),
    "wiskunde": ("simulatie.kern.wiskunde", None),
    **{n: ("simulatie.kern.beleid", n) for n in ("MOMENTEN", "VERBS", "Beleid",
                                                  "BeleidInstellingen", "na", "registreer",
                                                  "voor")},
    "Leden": ("simulatie.kern.leden", "Leden"),
    "Mechanismen": ("simulatie.kern.mechanismen", "Mechanismen"),
    "kans": ("simulatie.kern.parameters", "kans"),
    "par": ("simulatie.kern.parameters", "par"),
    "uniek": ("simulatie.kern.rijen", "uniek"),
    "zonder": ("simulatie.kern.rijen", "zonder"),
    "ModelToegang": ("simulatie.kern.toegang", "ModelToegang"),
    **{n: ("simulatie.kern.toeval", n) for n in ("gebeurt", "gebeurt_begrensd", "gebeurt_elk",
                                                  "gebeurt_per_soort", "per_maand",
                                                  "posities")},
    "BOEKBARE_POSTEN": ("simulatie.kern.uitvoer", "BOEKBARE_POSTEN"),
}

__all__ = ["BOEKBARE_POSTEN", "MOMENTEN", "VERBS", "Beleid", "BeleidInstellingen", "Leden",
           "Mechanismen", "ModelToegang", "gebeurt", "gebeurt_begrensd", "gebeurt_elk",
           "gebeurt_per_soort", "huishoudens", "kans", "ladder", "na", "overgangen", "par",
           "per_maand", "posities", "regels", "registreer", "uniek", "voor", "wiskunde",
           "zonder"]


def __getattr__(naam: str) -> Any:
    """Load a public name of the core on first use (PEP 562)."""
    if naam not in _WAAR:
        raise AttributeError(f"module 'simulatie.kern' has no attribute {naam!r}")
    module, attribuut = _WAAR[naam]
    waarde = importlib.import_module(module)
    if attribuut is not None:
        waarde = getattr(waarde, attribuut)
    globals()[naam] = waarde
    return waarde
