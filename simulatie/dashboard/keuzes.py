"""What a dashboard participant chooses, and how it becomes a validated scenario.

Main objects:
    * :class:`Keuzes` - municipality, size, policies of variant A and B, uncertainties, seed.
    * :func:`beleid_catalogus` - the registered policies (:func:`simulatie.kern.beleid.register`)
      with their settings, read at run time so the dashboard shows whatever is registered.
    * :func:`onzekerheden` - the key uncertainties offered as sliders (from the parameter
      catalogue, with unit, range and source).
    * :func:`maak_scenario` - :class:`Keuzes` plus an optional base scenario -> ``Scenario``.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args, get_origin

from simulatie.dashboard.teksten import HOOFDINSTELLINGEN, UITLEG
from simulatie.dashboard.teksten import label as tekst_label
from simulatie.kern.parameters import parameter_catalogus
from simulatie.kern.scenario import Scenario, bouw_scenario, lees_presets

#: Label of the municipality choice that keeps the ``--scenario`` file's own municipality.
UIT_SCENARIO = "Uit scenariobestand"

#: Size choices: label -> inhabitants (None keeps the real size of the preset).
GROOTTES: dict[str, int | None] = {
    "20.000 inwoners": 20_000,
    "50.000 inwoners": 50_000,
    "100.000 inwoners": 100_000,
    "Ware grootte": None,
}

#: Key uncertainties shown as sliders: dotted path -> Dutch label.
ONZEKERHEDEN: dict[str, str] = {
    "parameters.arbeidsmarkt.conjunctuur": "Conjunctuur (vacatures t.o.v. trend)",
    "parameters.arbeidsmarkt.openheid": "Openheid van werkgevers",
    "parameters.begeleiden.overdrachtsverlies": "Overdrachtsverlies tussen loketten",
    "parameters.activeren.steun_effect": "Effect van begeleiding op de ladder",
    "parameters.signaleren.niet_gebruik_bijstand": "Niet-gebruik van de bijstand",
    "parameters.aanbieders.effect_schuldhulp": "Effect van schuldhulp",
}

#: Counts of the ``[gemeente]`` table that scale with the number of inhabitants.
_SCHAALBAAR = ("wwb", "wajong", "wsw", "awbz_extramuraal", "beroepsbevolking")


@dataclass(frozen=True)
class Veld:
    """One setting of a policy, as the dashboard shows it.

    Attributes:
        naam: Field name in the policy's ``Instellingen``.
        label: Dutch label for the control (from the field name).
        soort: ``"bool"``, ``"int"``, ``"float"`` or ``"keuze"``.
        standaard: Default value.
        minimum: Lower end of the slider.
        maximum: Upper end of the slider.
        opties: Allowed values for ``"keuze"``.
        eenheid: Unit from the field metadata.
        bron: Source from the field metadata.
        hoofd: Shown directly under the policy (else behind "Meer instellingen").
    """

    naam: str
    label: str
    soort: str
    standaard: Any
    minimum: float | None = None
    maximum: float | None = None
    opties: tuple[Any, ...] = ()
    eenheid: str = ""
    bron: str = ""
    hoofd: bool = True


@dataclass(frozen=True)
class BeleidInfo:
    """A registered policy with its explanation and settings.

    Attributes:
        naam: Registry name (``[beleid.<naam>]``).
        titel: Short Dutch title.
        uitleg: Dutch explanation (mechanism and source), see :mod:`~simulatie.dashboard.teksten`.
        velden: Settings other than ``actief``.
    """

    naam: str
    titel: str
    uitleg: str
    velden: tuple[Veld, ...]

    def standaard(self) -> dict[str, Any]:
        """Default settings, switched off."""
        return {"actief": False, **{v.naam: v.standaard for v in self.velden}}


@dataclass(frozen=True)
class Onzekerheid:
    """An uncertain parameter offered as a slider.

    Attributes:
        pad: Dotted path in the scenario.
        label: Dutch label.
        standaard: Default value.
        minimum: Low end of the plausible range.
        maximum: High end of the plausible range.
        eenheid: Unit.
        bron: Source.
    """

    pad: str
    label: str
    standaard: float
    minimum: float
    maximum: float
    eenheid: str
    bron: str


@dataclass(frozen=True)
class Keuzes:
    """Everything a participant sets; equal choices give identical runs.

    Attributes:
        gemeente: Preset name or :data:`UIT_SCENARIO`.
        grootte: Key of :data:`GROOTTES`.
        beleid_a: Policy settings of variant A: name -> settings (with ``actief``).
        beleid_b: Policy settings of variant B (used in comparison mode).
        onzeker: Values of the uncertainty sliders: dotted path -> value.
        vergelijken: Comparison mode: run A and B side by side on the same seed.
        maanden: Horizon; playing stops there.
        seed: Seed of both variants (common random numbers).
    """

    gemeente: str
    grootte: str = "50.000 inwoners"
    beleid_a: dict[str, dict[str, Any]] = field(default_factory=dict)
    beleid_b: dict[str, dict[str, Any]] = field(default_factory=dict)
    onzeker: dict[str, float] = field(default_factory=dict)
    vergelijken: bool = False
    maanden: int = 120
    seed: int = 1

    def met_beleid(self, variant: str, naam: str, **waarden: Any) -> Keuzes:
        """A copy with settings of one policy of variant ``"A"`` or ``"B"`` changed."""
        attr = "beleid_a" if variant == "A" else "beleid_b"
        alle = {k: dict(v) for k, v in getattr(self, attr).items()}
        alle[naam] = {**alle.get(naam, {}), **waarden}
        return replace(self, **{attr: alle})

    def beleid(self, variant: str) -> dict[str, dict[str, Any]]:
        """Policy settings of variant ``"A"`` or ``"B"``."""
        return self.beleid_a if variant == "A" else self.beleid_b


def _uitleg(klasse: type) -> str:
    """Explanation of a policy: Dutch text from :mod:`teksten`, ``uitleg``, or its docstring."""
    if getattr(klasse, "naam", "") in UITLEG:
        return UITLEG[klasse.naam]
    tekst = getattr(klasse, "uitleg", None)
    if isinstance(tekst, str) and tekst.strip():
        return inspect.cleandoc(tekst)
    return inspect.getdoc(klasse) or ""


def _veld(naam: str, info: Any) -> Veld | None:
    """Describe one pydantic field of a policy's settings (None when not shown)."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    ann = info.annotation
    label = tekst_label(naam)
    eenheid, bron = str(extra.get("eenheid", "")), str(extra.get("bron", ""))
    opties = get_args(ann) if get_origin(ann) is Literal else ()
    if opties:
        return Veld(naam, label, "keuze", info.default, opties=opties, eenheid=eenheid, bron=bron)
    if ann is bool:
        return Veld(naam, label, "bool", bool(info.default), eenheid=eenheid, bron=bron)
    if ann not in (int, float):
        return None
    lo = hi = None
    for m in info.metadata:
        lo = getattr(m, "ge", getattr(m, "gt", lo))
        hi = getattr(m, "le", getattr(m, "lt", hi))
    bereik = extra.get("bereik")
    if bereik and len(bereik) == 2 and bereik[0] != bereik[1]:
        lo = min(bereik[0], info.default) if lo is None else max(lo, min(bereik[0], info.default))
        hi = max(bereik[1], info.default) if hi is None else min(hi, max(bereik[1], info.default))
    standaard = info.default
    lo = 0 if lo is None else lo
    hi = (max(1, 2 * abs(standaard)) if hi is None else hi)
    soort = "int" if ann is int else "float"
    return Veld(naam, label, soort, standaard, float(lo), float(hi), eenheid=eenheid, bron=bron)


def beleid_catalogus() -> list[BeleidInfo]:
    """The registered policies, in registry order.

    Returns:
        One :class:`BeleidInfo` per policy in :func:`simulatie.kern.beleid.register` (empty
        when none is registered).
    """
    from simulatie.kern.beleid import register

    uit = []
    for naam, klasse in register().items():
        velden = []
        for veld_naam, info in klasse.Instellingen.model_fields.items():
            if veld_naam == "actief":
                continue
            veld = _veld(veld_naam, info)
            if veld is not None:
                velden.append(veld)
        hoofd = HOOFDINSTELLINGEN.get(naam, tuple(v.naam for v in velden[:3]))
        velden = [replace(v, hoofd=v.naam in hoofd) for v in velden]
        uit.append(BeleidInfo(naam, klasse.titel or naam, _uitleg(klasse), tuple(velden)))
    return uit


def onzekerheden() -> list[Onzekerheid]:
    """The key uncertainties of :data:`ONZEKERHEDEN` found in the parameter catalogue."""
    catalogus = {r["pad"]: r for r in parameter_catalogus()}
    uit = []
    for pad, label in ONZEKERHEDEN.items():
        r = catalogus.get(pad)
        if r is None:
            continue
        lo, hi = r["bereik"] if len(r["bereik"]) == 2 else (0.0, 2 * float(r["default"]))
        uit.append(Onzekerheid(pad, label, float(r["default"]), float(min(lo, r["default"])),
                               float(max(hi, r["default"])), r["eenheid"], r["bron"]))
    return uit


def gemeente_opties(heeft_basis: bool) -> list[str]:
    """Municipality choices: the scenario file's own (if any), then the presets.

    Groningen (the municipality of the default experiment) comes first.
    """
    presets = sorted(lees_presets(), key=lambda naam: (naam != "Groningen", naam))
    return ([UIT_SCENARIO] if heeft_basis else []) + presets


def standaard_keuzes(basis: Scenario | None = None) -> Keuzes:
    """The choices a new session starts with (from the base scenario when given)."""
    catalogus = beleid_catalogus()
    beleid = {b.naam: b.standaard() for b in catalogus}
    if basis is not None:
        for naam, inst in basis.beleid.items():
            beleid[naam] = {**beleid.get(naam, {}), **inst}
        grootte = "Ware grootte" if basis.gemeente.inwoners <= 50_000 else "50.000 inwoners"
        return Keuzes(gemeente=UIT_SCENARIO, grootte=grootte, beleid_a=beleid,
                      beleid_b={k: dict(v) for k, v in beleid.items()},
                      onzeker=_waarden(basis), maanden=basis.maanden, seed=basis.seed or 1)
    return Keuzes(gemeente=gemeente_opties(False)[0], beleid_a=beleid,
                  beleid_b={k: dict(v) for k, v in beleid.items()}, onzeker=_waarden(None))


def _waarden(basis: Scenario | None) -> dict[str, float]:
    """Current values of the uncertainty sliders (defaults, or the base scenario's)."""
    uit = {}
    for o in onzekerheden():
        waarde: Any = basis
        if basis is not None:
            for deel in o.pad.split("."):
                waarde = getattr(waarde, deel)
        uit[o.pad] = float(waarde) if basis is not None else o.standaard
    return uit


def geschaalde_gemeente(gemeente: dict[str, Any], inwoners: int | None) -> dict[str, Any]:
    """Scale a complete ``[gemeente]`` table to ``inwoners`` (counts scale proportionally).

    Args:
        gemeente: A ``[gemeente]`` table with every count filled in.
        inwoners: Target size; None keeps the table as it is.

    Returns:
        A new table.
    """
    if inwoners is None or inwoners == gemeente["inwoners"]:
        return dict(gemeente)
    factor = inwoners / gemeente["inwoners"]
    uit = dict(gemeente, inwoners=inwoners)
    for k in _SCHAALBAAR:
        if uit.get(k) is not None:
            uit[k] = int(round(uit[k] * factor))
    return uit


def maak_scenario(keuzes: Keuzes, variant: str = "A", basis: Scenario | None = None) -> Scenario:
    """Build the validated scenario of one variant.

    The parameters of ``basis`` (the ``--scenario`` file) always apply; its municipality only
    when :attr:`Keuzes.gemeente` is :data:`UIT_SCENARIO`.

    Args:
        keuzes: The participant's choices.
        variant: ``"A"`` or ``"B"`` (which policy settings to use).
        basis: Optional base scenario.

    Returns:
        The scenario.

    Raises:
        ScenarioFout: When a choice is out of range.
    """
    data: dict[str, Any] = (basis.model_dump(exclude={"beleid", "rondes"})
                            if basis is not None else {})
    if keuzes.gemeente == UIT_SCENARIO and basis is not None:
        gemeente = data["gemeente"]
    else:
        presets = lees_presets()
        gemeente = {"naam": keuzes.gemeente, "preset": keuzes.gemeente,
                    "wijken": basis.gemeente.wijken if basis is not None else 10,
                    **presets[keuzes.gemeente]}
    data["gemeente"] = geschaalde_gemeente(gemeente, GROOTTES[keuzes.grootte])
    data["naam"] = f"dashboard {variant}"
    data["maanden"] = keuzes.maanden
    data["seed"] = keuzes.seed
    data["beleid"] = {naam: dict(inst) for naam, inst in keuzes.beleid(variant).items()
                      if inst.get("actief")}
    overrides = dict(keuzes.onzeker)
    return bouw_scenario(data, overrides, bron="dashboard")
