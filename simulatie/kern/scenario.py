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
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from simulatie.kern.beleid import actieve_namen, valideer_beleid
from simulatie.kern.fouten import ScenarioFout, toon, toon_naam
from simulatie.kern.grenzen import BESTAND_MAX_BYTES, NAAM_MAX_TEKENS, SEED_MAX
from simulatie.kern.meldingen import fout_tekst
from simulatie.kern.parameters import Parameters

#: Every schema of the input files: strict types (``true`` or ``"12"`` is no number, ``1.0`` no
#: whole number), finite numbers only, unknown fields refused.
STRIKT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


def _is_naam(tekst: str) -> str:
    """A name is printable text (it appears in tables, plots and folder names)."""
    if not tekst.isprintable():
        raise ValueError(f"{toon(tekst)} contains a control character; a name is printable text")
    if not tekst.strip():
        raise ValueError("a name must contain more than spaces")
    return tekst


#: The type of every ``naam`` of an input file: printable, 1 to 100 characters.
Naam = Annotated[str, Field(min_length=1, max_length=NAAM_MAX_TEKENS), AfterValidator(_is_naam)]


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

    model_config = STRIKT

    preset: str | None = Field(None, description="Name of a preset in data/gemeenten.csv.")
    naam: Naam = Field(..., description="Name of the municipality.")
    inwoners: int = Field(..., ge=100, le=5_000_000, description="Inhabitants at month 0.")
    wwb: int = Field(..., ge=0, description="Bijstand (WWB) recipients at month 0.")
    wajong: int = Field(..., ge=0, description="Wajong recipients at month 0.")
    wsw: int = Field(..., ge=0, description="Wsw employees at month 0.")
    awbz_extramuraal: int = Field(..., ge=0, description="AWBZ extramural care users.")
    wijken: int = Field(10, ge=1, le=200, description="Number of neighbourhoods (wijken).")
    beroepsbevolking: int | None = Field(None, ge=0, le=5_000_000,
                                         description="Labour force (information).")

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

    model_config = STRIKT

    participatiewet: bool = Field(False, description="The Participatiewet of 2015: the Wsw is "
                                  "closed to new entrants and Wajong is only for full, lasting "
                                  "incapacity; the others are entitled to bijstand.")
    participatiewet_vanaf: int = Field(1, ge=0, le=600, description="First month it applies.",
                                       json_schema_extra={"eenheid": "maand", "bereik": [0, 120],
                                                          "bron": "scenario", "onzeker": False})
    wajong_na_2015: float = Field(0.25, ge=0.0, le=1.0, description="Share of former Wajong "
                                  "entrants who still qualify (aanname; UWV: inflow fell to a "
                                  "fraction after 2015).",
                                  json_schema_extra={"eenheid": "fractie", "bereik": [0.1, 0.4],
                                                     "bron": "aanname", "onzeker": True})


class BeleidsRonde(BaseModel):
    """A later round of policies (``[[rondes]]``): the policies from the end of month ``start``.

    The top-level ``[beleid]`` tables are the first round (from month 0). At the end of month
    ``start`` the running policies become exactly this round's: a policy not in it stops (month
    ``start`` is its last), a new policy, or one whose settings change, starts and acts from
    month ``start + 1`` (:mod:`simulatie.kern.rondes`). The training's rounds are such rounds.
    """

    model_config = STRIKT

    start: int = Field(..., ge=1, le=600, description="Last month of the previous round: this "
                       "round's policies act from the next month.",
                       json_schema_extra={"eenheid": "maand", "bereik": [1, 119],
                                          "bron": "scenario", "onzeker": False})
    beleid: dict[str, Any] = Field(default_factory=dict,
                                   description="The policies of this round: [rondes.beleid."
                                   "<naam>] tables (empty: no policy).")

    @model_validator(mode="after")
    def _beleid_bekend(self) -> BeleidsRonde:
        self.beleid = valideer_beleid(self.beleid)
        return self


class Scenario(BaseModel):
    """A complete, validated scenario."""

    model_config = STRIKT

    naam: Naam = Field("scenario", description="Scenario name (in every row).")
    maanden: int = Field(120, ge=1, le=600, description="Horizon in months.")
    seed: int | None = Field(None, ge=0, le=SEED_MAX,
                             description="Default seed when none is given.")
    gemeente: GemeenteConfig
    parameters: Parameters = Field(default_factory=Parameters)
    trends: Trends = Field(default_factory=Trends, description="Declared trends ([trends]).")
    beleid: dict[str, Any] = Field(default_factory=dict,
                                   description="Policies: [beleid.<naam>] tables, and "
                                   "optionally preset = <naam> (simulatie.kern.presets).")
    rondes: list[BeleidsRonde] = Field(default_factory=list, max_length=120,
                                       description="Later rounds of policies ([[rondes]]), "
                                       "each from the end of its month start on.")

    @model_validator(mode="after")
    def _beleid_bekend(self) -> Scenario:
        self.beleid = valideer_beleid(self.beleid)
        vorige = 0
        for i, ronde in enumerate(self.rondes):
            if ronde.start <= vorige:
                raise ValueError(f"rondes[{i}].start = {ronde.start} must be later than "
                                 f"{'the previous round' if i else 'month 0'} ({vorige})")
            if ronde.start >= self.maanden:
                raise ValueError(f"rondes[{i}].start = {ronde.start} must be before the "
                                 f"horizon (maanden = {self.maanden})")
            vorige = ronde.start
        return self

    def actieve_beleid(self) -> list[str]:
        """Names of the active policies, in the order their hooks run."""
        return actieve_namen(self.beleid)

    def beleid_tekst(self) -> str:
        """The policies per round in words: ``<beleid>; vanaf maand 13: <beleid>, <beleid>``.

        A round's policies act from the month after its ``start``; ``geen`` is no policy.
        """
        def namen(beleid: dict[str, Any]) -> str:
            return ", ".join(actieve_namen(beleid)) or "geen"

        return "; ".join([namen(self.beleid)] + [f"vanaf maand {r.start + 1}: {namen(r.beleid)}"
                                                 for r in self.rondes])


def _met_preset(gemeente: Mapping[str, Any]) -> dict[str, Any]:
    """Fill a ``[gemeente]`` table from its preset; explicit fields win."""
    gemeente = dict(gemeente)
    preset = gemeente.get("preset")
    if preset is None:
        return gemeente
    presets = lees_presets()
    if not isinstance(preset, str) or preset not in presets:
        raise ScenarioFout(
            f"gemeente.preset: unknown preset {toon(preset)}; allowed: "
            f"{', '.join(sorted(presets))}")
    basis = {"naam": preset, **presets[preset]}
    basis.update(gemeente)
    return basis


def zet_pad(data: dict[str, Any], pad: str, waarde: Any) -> None:
    """Set ``data[a][b][c] = waarde`` for ``pad = "a.b.c"``, creating tables as needed.

    A number indexes an existing list of tables: ``rondes.0.start`` is the ``start`` of the
    first ``[[rondes]]`` table.
    """
    delen = pad.split(".")
    if not all(delen):
        raise ScenarioFout(f"--set {toon_naam(pad)}: empty part in dotted path")
    doel: Any = data
    for i, deel in enumerate(delen):
        laatste = i == len(delen) - 1
        if isinstance(doel, list):
            if not (deel.isdigit() and int(deel) < len(doel)):
                raise ScenarioFout(f"--set {toon_naam(pad)}: {toon_naam(deel)} is no entry of "
                                   f"{toon_naam('.'.join(delen[:i]))}; allowed: 0 to "
                                   f"{len(doel) - 1}" if doel else
                                   f"--set {toon_naam(pad)}: "
                                   f"{toon_naam('.'.join(delen[:i]))} has no entries")
            if laatste:
                doel[int(deel)] = waarde
                return
            doel = doel[int(deel)]
            continue
        if laatste:
            doel[deel] = waarde
            return
        volgende = doel.setdefault(deel, {})
        if not isinstance(volgende, dict | list):
            raise ScenarioFout(f"--set {toon_naam(pad)}: {toon_naam(deel)} is a value, not a "
                               "table")
        doel = volgende


def parse_waarde(tekst: str) -> Any:
    """Parse the value of a ``--set pad=waarde`` as TOML (falls back to a plain string).

    Args:
        tekst: The text after ``=``.

    Returns:
        An int, float, bool, list or string.
    """
    try:
        tabel = tomllib.loads(f"v = {tekst}")
    except (ValueError, RecursionError):  # not TOML (TOMLDecodeError), or nested too deeply
        return tekst
    return tabel["v"] if len(tabel) == 1 else tekst


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
            raise ScenarioFout(f"--set {toon_naam(item)}: expected pad.naar.veld=waarde")
        pad, tekst = item.split("=", 1)
        uit[pad.strip()] = parse_waarde(tekst.strip())
    return uit


def _fout_tekst(fout: ValidationError) -> str:
    """One readable message for a ValidationError of a scenario (see :mod:`~.meldingen`)."""
    return fout_tekst(fout, Scenario)


def _python(waarde: Any) -> Any:
    """Numpy scalars as Python values, recursively (the strict schema takes Python types)."""
    if isinstance(waarde, dict):
        return {k: _python(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_python(v) for v in waarde]
    if type(waarde).__module__ == "numpy" and callable(getattr(waarde, "item", None)):
        return waarde.item()
    return waarde


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
    data = _python(copy.deepcopy(dict(data)))
    for pad, waarde in (overrides or {}).items():
        zet_pad(data, pad, _python(waarde))
    if "gemeente" in data:
        if not isinstance(data["gemeente"], dict):
            raise ScenarioFout(f"{bron}: gemeente: must be a table (got "
                               f"{toon(data['gemeente'])})")
        data["gemeente"] = _met_preset(data["gemeente"])
    try:
        return Scenario.model_validate(data)
    except ValidationError as fout:
        raise ScenarioFout(f"{bron}: {_fout_tekst(fout)}") from None


def lees_toml(pad: str | Path, soort: str = "scenario") -> dict[str, Any]:
    """Read a TOML input file; a missing, large, binary or bad file is a :class:`ScenarioFout`.

    Args:
        pad: Path to the file.
        soort: What the file is, for the message (``scenario``, ``sweep``, ``comparison``).

    Returns:
        The parsed tables.

    Raises:
        ScenarioFout: When the file is missing, not a regular file, larger than
            :data:`~simulatie.kern.grenzen.BESTAND_MAX_BYTES`, not UTF-8 text or not valid TOML.
    """
    pad = Path(pad)
    naam = toon_naam(str(pad))
    try:
        if not pad.is_file():
            wat = "is a folder, not a file" if pad.is_dir() else "file not found"
            raise ScenarioFout(f"{naam}: {soort} {wat}")
        if pad.stat().st_size > BESTAND_MAX_BYTES:
            raise ScenarioFout(f"{naam}: {soort} file of {pad.stat().st_size} bytes; at most "
                               f"{BESTAND_MAX_BYTES} (is it the right file?)")
        inhoud = pad.read_bytes()[: BESTAND_MAX_BYTES + 1]
    except OSError as fout:
        raise ScenarioFout(f"{naam}: cannot read the {soort} file ({fout.strerror})") from None
    try:
        tekst = inhoud.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as fout:
        raise ScenarioFout(f"{naam}: not UTF-8 text (byte {fout.start}); save the {soort} "
                           "file as UTF-8") from None
    try:
        return tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as fout:
        raise ScenarioFout(f"{naam}: not valid TOML ({fout})") from None
    except RecursionError:
        raise ScenarioFout(f"{naam}: not valid TOML (arrays or tables nested too deeply)"
                           ) from None
    except ValueError as fout:  # e.g. an integer of more than 4300 digits
        raise ScenarioFout(f"{naam}: not valid TOML ({fout})") from None


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
