"""Scenario configuration: the TOML schema, presets, ``--set`` overrides and clear errors.

Main objects:
    * :class:`Scenario` - a validated scenario (gemeente, parameters, beleid, horizon).
    * :func:`laad_scenario` - read a TOML file, apply dotted overrides, validate.
    * :class:`ScenarioFout` - raised for any bad input; its message names the field and what
      is allowed. The CLI turns it into exit code 2.
"""

from __future__ import annotations

import copy
import csv
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from simulatie.kern.beleid import actieve_namen, valideer_beleid
from simulatie.kern.fouten import ScenarioFout
from simulatie.kern.parameters import Parameters


def lees_presets() -> dict[str, dict[str, int]]:
    """Read the municipality presets (key figures end 2011) from ``data/gemeenten.csv``.

    Returns:
        Mapping of preset name to its key figures.
    """
    tekst = resources.files("simulatie").joinpath("data/gemeenten.csv").read_text("utf-8")
    regels = [r for r in tekst.splitlines() if r and not r.startswith("#")]
    presets = {}
    for rij in csv.DictReader(regels):
        naam = rij.pop("gemeente")
        presets[naam] = {k: int(v) for k, v in rij.items()}
    return presets


class GemeenteConfig(BaseModel):
    """Key figures of the municipality at month 0 (``[gemeente]`` table)."""

    model_config = ConfigDict(extra="forbid")

    preset: str | None = Field(None, description="Name of a preset in data/gemeenten.csv.")
    naam: str = Field(..., min_length=1, description="Name of the municipality.")
    inwoners: int = Field(..., ge=100, le=5_000_000, description="Inhabitants at month 0.")
    wwb: int = Field(..., ge=0, description="Bijstand (WWB) recipients at month 0.")
    wajong: int = Field(..., ge=0, description="Wajong recipients at month 0.")
    wsw: int = Field(..., ge=0, description="Wsw employees at month 0.")
    awbz_extramuraal: int = Field(..., ge=0, description="AWBZ extramural care users.")
    wijken: int = Field(10, ge=1, le=200, description="Number of neighbourhoods (wijken).")
    beroepsbevolking: int | None = Field(None, ge=0, description="Labour force (information).")

    @model_validator(mode="after")
    def _aantallen_passen(self) -> GemeenteConfig:
        volwassen = int(self.inwoners * 0.6)
        if self.wwb + self.wajong + self.wsw > volwassen:
            raise ValueError(
                f"wwb + wajong + wsw = {self.wwb + self.wajong + self.wsw} must fit in the "
                f"working-age population (at most {volwassen} of {self.inwoners} inwoners)"
            )
        if self.awbz_extramuraal > self.inwoners // 2:
            raise ValueError(
                f"awbz_extramuraal = {self.awbz_extramuraal} must be at most half of inwoners "
                f"({self.inwoners // 2})"
            )
        return self


class Trends(BaseModel):
    """Trends a scenario declares (``[trends]``); without them the baseline is stationary."""

    model_config = ConfigDict(extra="forbid")

    participatiewet: bool = Field(False, description="The Participatiewet of 2015: the Wsw is "
                                  "closed to new entrants and Wajong is only for full, lasting "
                                  "incapacity; the others are entitled to bijstand.")
    participatiewet_vanaf: int = Field(1, ge=0, le=600, description="First month it applies.")
    wajong_na_2015: float = Field(0.25, ge=0.0, le=1.0, description="Share of former Wajong "
                                  "entrants who still qualify (aanname; UWV: inflow fell to a "
                                  "fraction after 2015).",
                                  json_schema_extra={"eenheid": "fractie", "bereik": [0.1, 0.4],
                                                     "bron": "aanname", "onzeker": True})


class Scenario(BaseModel):
    """A complete, validated scenario."""

    model_config = ConfigDict(extra="forbid")

    naam: str = Field("scenario", min_length=1, description="Scenario name (in every row).")
    maanden: int = Field(120, ge=1, le=600, description="Horizon in months.")
    seed: int | None = Field(None, ge=0, description="Default seed when none is given.")
    gemeente: GemeenteConfig
    parameters: Parameters = Field(default_factory=Parameters)
    trends: Trends = Field(default_factory=Trends, description="Declared trends ([trends]).")
    beleid: dict[str, Any] = Field(default_factory=dict,
                                   description="Policies: [beleid.<naam>] tables, and "
                                   "optionally preset = <naam> (simulatie.kern.presets).")

    @model_validator(mode="after")
    def _beleid_bekend(self) -> Scenario:
        self.beleid = valideer_beleid(self.beleid)
        return self

    def actieve_beleid(self) -> list[str]:
        """Names of the active policies, in the order their hooks run."""
        return actieve_namen(self.beleid)


def _met_preset(gemeente: Mapping[str, Any]) -> dict[str, Any]:
    """Fill a ``[gemeente]`` table from its preset; explicit fields win."""
    gemeente = dict(gemeente)
    preset = gemeente.get("preset")
    if preset is None:
        return gemeente
    presets = lees_presets()
    if preset not in presets:
        raise ScenarioFout(
            f"gemeente.preset: unknown preset {preset!r}; allowed: {', '.join(sorted(presets))}"
        )
    basis = {"naam": preset, **presets[preset]}
    basis.update(gemeente)
    return basis


def _zet(data: dict[str, Any], pad: str, waarde: Any) -> None:
    """Set ``data[a][b][c] = waarde`` for ``pad = "a.b.c"``, creating tables as needed."""
    delen = pad.split(".")
    if not all(delen):
        raise ScenarioFout(f"--set {pad}: empty part in dotted path")
    doel = data
    for deel in delen[:-1]:
        volgende = doel.setdefault(deel, {})
        if not isinstance(volgende, dict):
            raise ScenarioFout(f"--set {pad}: {deel!r} is a value, not a table")
        doel = volgende
    doel[delen[-1]] = waarde


def parse_waarde(tekst: str) -> Any:
    """Parse the value of a ``--set pad=waarde`` as TOML (falls back to a plain string).

    Args:
        tekst: The text after ``=``.

    Returns:
        An int, float, bool, list or string.
    """
    try:
        return tomllib.loads(f"v = {tekst}")["v"]
    except tomllib.TOMLDecodeError:
        return tekst


def parse_set(items: list[str] | None) -> dict[str, Any]:
    """Turn ``["a.b=1", ...]`` into ``{"a.b": 1, ...}``.

    Args:
        items: Strings of the form ``pad.naar.veld=waarde``.

    Returns:
        Mapping of dotted paths to parsed values.

    Raises:
        ScenarioFout: When an item has no ``=``.
    """
    uit: dict[str, Any] = {}
    for item in items or []:
        if "=" not in item:
            raise ScenarioFout(f"--set {item!r}: expected pad.naar.veld=waarde")
        pad, tekst = item.split("=", 1)
        uit[pad.strip()] = parse_waarde(tekst.strip())
    return uit


def _velden_op(loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed at a location of the scenario schema (empty if unknown)."""
    model: Any = Scenario
    for deel in loc:
        veld = getattr(model, "model_fields", {}).get(deel)
        if veld is None or not (isinstance(veld.annotation, type)
                                and issubclass(veld.annotation, BaseModel)):
            return []
        model = veld.annotation
    return sorted(getattr(model, "model_fields", {}))


def _bereik_tekst(loc: tuple[Any, ...], typ: str, ctx: dict[str, Any]) -> str:
    """Both bounds of a numeric field when known (``0.0 to 1.0``), else the violated one."""
    veld = None
    model: Any = Scenario
    for deel in loc:
        veld = getattr(model, "model_fields", {}).get(deel)
        model = veld.annotation if veld is not None else None
    onder = boven = None
    for m in getattr(veld, "metadata", []):
        onder = getattr(m, "ge", None) if getattr(m, "ge", None) is not None else onder
        boven = getattr(m, "le", None) if getattr(m, "le", None) is not None else boven
    if onder is not None and boven is not None:
        return f"{onder} to {boven}"
    teken = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">",
             "less_than": "<"}[typ]
    return f"{teken} {next(iter(ctx.values()))}"


def _fout_tekst(fout: ValidationError) -> str:
    """One readable message for a pydantic ValidationError (first error, with its field)."""
    regels = []
    for e in fout.errors():
        pad = ".".join(str(p) for p in e["loc"]) or "scenario"
        typ = e["type"]
        ctx = e.get("ctx") or {}
        if typ == "value_error":
            bericht = str(ctx.get("error", e["msg"]))
            regels.append(f"{pad}: {bericht}" if e["loc"] else bericht)
        elif typ == "extra_forbidden":
            toegestaan = _velden_op(e["loc"][:-1])
            regels.append(f"{pad}: unknown field; allowed: {', '.join(toegestaan)}"
                          if toegestaan else f"{pad}: unknown field")
        elif typ == "missing":
            regels.append(f"{pad}: required field is missing")
        elif typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            regels.append(f"{pad}: {e['input']!r} is out of range; allowed: "
                          f"{_bereik_tekst(e['loc'], typ, ctx)}")
        else:
            regels.append(f"{pad}: {e['msg']} (got {e.get('input')!r})")
    return "; ".join(regels)


def bouw_scenario(data: Mapping[str, Any], overrides: Mapping[str, Any] | None = None,
                  bron: str = "scenario") -> Scenario:
    """Validate a scenario given as a mapping (parsed TOML), after applying overrides.

    Args:
        data: The scenario tables.
        overrides: Dotted paths to values, exactly like ``--set``.
        bron: Name used in error messages (usually the file path).

    Returns:
        The validated :class:`Scenario`.

    Raises:
        ScenarioFout: On any invalid or unknown field.
    """
    data = copy.deepcopy(dict(data))
    for pad, waarde in (overrides or {}).items():
        _zet(data, pad, waarde)
    if "gemeente" in data:
        if not isinstance(data["gemeente"], dict):
            raise ScenarioFout(f"{bron}: gemeente must be a table")
        data["gemeente"] = _met_preset(data["gemeente"])
    try:
        return Scenario.model_validate(data)
    except ValidationError as fout:
        raise ScenarioFout(f"{bron}: {_fout_tekst(fout)}") from None


def lees_toml(pad: str | Path, soort: str = "scenario") -> dict[str, Any]:
    """Read a TOML input file, turning a missing file or bad TOML into :class:`ScenarioFout`.

    Args:
        pad: Path to the file.
        soort: What the file is, for the message (``scenario``, ``sweep``, ``comparison``).

    Returns:
        The parsed tables.
    """
    pad = Path(pad)
    if not pad.is_file():
        raise ScenarioFout(f"{pad}: {soort} file not found")
    try:
        return tomllib.loads(pad.read_text("utf-8"))
    except tomllib.TOMLDecodeError as fout:
        raise ScenarioFout(f"{pad}: not valid TOML ({fout})") from None


def laad_scenario(pad: str | Path, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """Read and validate a scenario TOML file.

    Args:
        pad: Path to the TOML file.
        overrides: Dotted paths to values, e.g. ``{"maanden": 24}`` (like ``--set``).

    Returns:
        The validated :class:`Scenario`.

    Raises:
        ScenarioFout: When the file is missing, is not valid TOML, or does not validate.
    """
    pad = Path(pad)
    data = lees_toml(pad, "scenario")
    data.setdefault("naam", pad.stem)
    return bouw_scenario(data, overrides, bron=str(pad))
