"""Policy presets: the documents' named variants as compositions of the built-in policies.

A preset is a TOML file in ``simulatie/data/beleid_presets/`` (package data) with ``titel``,
``bron``, ``uitleg`` and ``[beleid.<naam>]`` tables. A scenario uses one with
``[beleid] preset = "<naam>"`` (or ``--set beleid.preset=<naam>``); the preset's tables are
filled in first, explicit ``[beleid.<naam>]`` tables and settings win. Policies a preset does
not mention stay off.

Main objects:
    * :func:`lees_presets` - all presets by name.
    * :func:`pas_preset_toe` - expand ``preset`` in a scenario's ``beleid`` table.
"""

from __future__ import annotations

import copy
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from simulatie.kern.fouten import toon

#: Where the preset files live (installed with the package).
PRESET_MAP = Path(str(resources.files("simulatie") / "data" / "beleid_presets"))


@cache
def lees_presets(map_: Path = PRESET_MAP) -> dict[str, dict[str, Any]]:
    """Read every ``*.toml`` preset.

    Args:
        map_: Folder with the preset files.

    Returns:
        Mapping of preset name (file stem) to its contents.
    """
    if not map_.is_dir():
        return {}
    return {p.stem: tomllib.loads(p.read_text("utf-8")) for p in sorted(map_.glob("*.toml"))}


def pas_preset_toe(beleid: dict[str, Any]) -> dict[str, Any]:
    """Expand ``beleid["preset"]`` into policy tables; explicit settings win.

    Args:
        beleid: A scenario's ``beleid`` mapping with the key ``preset``.

    Returns:
        A new mapping of policy name to settings table, without ``preset``.

    Raises:
        ValueError: When the preset is unknown (naming the allowed presets).
    """
    beleid = dict(beleid)
    naam = beleid.pop("preset")
    presets = lees_presets()
    if not isinstance(naam, str) or naam not in presets:
        toegestaan = ", ".join(sorted(presets)) or f"(none found in {PRESET_MAP})"
        raise ValueError(f"beleid.preset: unknown preset {toon(naam)}; allowed: {toegestaan}")
    uit = copy.deepcopy(presets[naam].get("beleid", {}))
    for pol, tabel in beleid.items():
        if isinstance(tabel, dict) and isinstance(uit.get(pol), dict):
            uit[pol].update(tabel)
        else:
            uit[pol] = tabel
    return uit
