"""The error for bad input, in a module without heavy imports (the CLI catches it at start-up).

Main objects:
    * :class:`ScenarioFout` - raised for any bad input; the CLI turns it into exit code 2.
    * :func:`toon` - a value as a person wrote it (TOML notation, shortened), for messages:
      messages show ``true``, ``"abc"`` or ``[1, 2]``, never a Python repr.
"""

from __future__ import annotations

import json
import math
from typing import Any

#: Longest rendering of a value in a message (longer ones end in "...").
TOON_MAX_TEKENS = 60


class ScenarioFout(ValueError):
    """Invalid input. The message names the file, the field and the allowed values."""


def _tekst(tekst: str) -> str:
    """A string in double quotes with control characters escaped (JSON, as TOML writes it)."""
    return json.dumps(tekst, ensure_ascii=False)


def _toon(waarde: Any, diepte: int) -> str:
    if waarde is None:
        return "nothing"
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int):
        if abs(waarde) < 10**30:
            return str(waarde)
        return f"a number of about {int(waarde.bit_length() * math.log10(2)) + 1} digits"
    if isinstance(waarde, float):
        if math.isnan(waarde):
            return "nan"
        if math.isinf(waarde):
            return "inf" if waarde > 0 else "-inf"
        return repr(waarde)  # float's repr is its TOML notation (1.5, 1e+30, -0.0)
    if isinstance(waarde, str):
        if len(waarde) <= TOON_MAX_TEKENS:
            return _tekst(waarde)
        return _tekst(waarde[:TOON_MAX_TEKENS]) + f"... ({len(waarde)} characters)"
    if diepte > 2:
        return "..."
    if isinstance(waarde, list | tuple):
        return "[" + ", ".join(_toon(v, diepte + 1) for v in list(waarde)[:5]) + (
            ", ...]" if len(waarde) > 5 else "]")
    if isinstance(waarde, dict):
        delen = [f"{_toon(str(k), diepte + 1)} = {_toon(v, diepte + 1)}"
                 for k, v in list(waarde.items())[:5]]
        return "{" + ", ".join(delen) + (", ...}" if len(waarde) > 5 else "}")
    item = getattr(waarde, "item", None)  # a numpy scalar
    if callable(item):
        try:
            return _toon(item(), diepte)
        except (TypeError, ValueError):
            pass
    return f"a value of type {type(waarde).__name__}"


def toon(waarde: Any) -> str:
    """A value as it would be written in a TOML file, shortened for a message.

    Args:
        waarde: Any input value (string, number, boolean, list, table).

    Returns:
        E.g. ``true``, ``1.5``, ``inf``, ``"abc"``, ``[1, 2]``, ``{"a" = 1}``; at most about
        :data:`TOON_MAX_TEKENS` characters.
    """
    tekst = _toon(waarde, 0)
    return tekst if len(tekst) <= TOON_MAX_TEKENS + 10 else tekst[:TOON_MAX_TEKENS] + "..."


def toon_naam(naam: str) -> str:
    """A name or path from the input, with control characters escaped and shortened."""
    tekst = "".join(t if t.isprintable() else f"\\x{ord(t):02x}" for t in str(naam))
    return tekst if len(tekst) <= 2 * TOON_MAX_TEKENS else tekst[: 2 * TOON_MAX_TEKENS] + "..."
