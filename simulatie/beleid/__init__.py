"""Policies as plug-ins: the base class, the registry and validation of ``[beleid.<naam>]``.

A policy is a :class:`Beleid` subclass with a pydantic ``Instellingen`` model (its documented
settings, always including ``actief``) and hooks into the monthly verbs. Register it with
:func:`registreer`; a scenario switches it on with ``[beleid.<naam>] actief = true``.

Hooks: :meth:`Beleid.start` runs once after the municipality is built (set knobs on
``model.sturing``); ``voor_<verb>(model)`` and ``na_<verb>(model)`` run around each verb of the
monthly step (verbs: demografie, signaleren, toewijzen, begeleiden, activeren, arbeidsmarkt,
wmo, boekhouden); :meth:`Beleid.kosten` returns the policy's own costs of the month per budget
line, booked by the base class around ``boekhouden``.

A scenario may name a composition of policies with ``[beleid] preset = "<naam>"`` (see
:mod:`simulatie.beleid.presets`); its tables are filled in first and explicit tables win.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

REGISTER: dict[str, type[Beleid]] = {}

#: Budget lines a policy can book on (keys of :meth:`Beleid.kosten`) and their Sturing knob.
KOSTEN_KNOPPEN = {"reintegratie": "extra_kosten_reintegratie",
                  "wmo_individueel": "extra_kosten_wmo_individueel",
                  "wmo_collectief": "extra_kosten_wmo_collectief",
                  "apparaat": "extra_kosten_apparaat"}


class BeleidInstellingen(BaseModel):
    """Base settings of every policy."""

    model_config = ConfigDict(extra="forbid")

    actief: bool = False


class Beleid:
    """Base class of a policy plug-in.

    Attributes:
        naam: Registry name (the ``[beleid.<naam>]`` table).
        titel: Short Dutch title for reports and the dashboard.
        Instellingen: Pydantic model of the settings.
        instellingen: The validated settings of this run.
    """

    naam: ClassVar[str] = ""
    titel: ClassVar[str] = ""
    Instellingen: ClassVar[type[BeleidInstellingen]] = BeleidInstellingen

    def __init__(self, instellingen: BeleidInstellingen) -> None:
        """Keep the validated settings."""
        self.instellingen = instellingen
        self._geboekt: dict[str, float] = {}

    def start(self, model: Any) -> None:
        """Called once after the municipality is built; set knobs on ``model.sturing``."""

    def kosten(self, model: Any) -> dict[str, float]:
        """This month's own costs of the policy in euro, per line of :data:`KOSTEN_KNOPPEN`."""
        return {}

    def hook(self, moment: str, verb: str, model: Any) -> None:
        """Run ``<moment>_<verb>`` if this policy defines it; book :meth:`kosten`.

        Args:
            moment: ``"voor"`` or ``"na"``.
            verb: Name of the monthly verb.
            model: The running model.
        """
        methode = getattr(self, f"{moment}_{verb}", None)
        if methode is not None:
            methode(model)
        if verb == "boekhouden":
            self._boek(moment, model)

    def _boek(self, moment: str, model: Any) -> None:
        """Add this month's costs to the Sturing knobs before boekhouden, remove them after."""
        if moment == "voor":
            self._geboekt = {post: float(bedrag) for post, bedrag in self.kosten(model).items()}
            teken = 1.0
        else:
            teken = -1.0
        for post, bedrag in self._geboekt.items():
            knop = KOSTEN_KNOPPEN[post]
            setattr(model.sturing, knop, getattr(model.sturing, knop) + teken * bedrag)
        if moment == "na":
            self._geboekt = {}


def registreer(klasse: type[Beleid]) -> type[Beleid]:
    """Class decorator: add a policy to the registry under ``klasse.naam``."""
    if not klasse.naam:
        raise ValueError(f"{klasse.__name__} has no naam")
    REGISTER[klasse.naam] = klasse
    return klasse


def _laad_ingebouwd() -> None:
    """Import the built-in policy modules so they register themselves."""
    from simulatie.beleid import ingebouwd  # noqa: F401


def _bereik(klasse: type[BeleidInstellingen], veld: str) -> str:
    """Allowed range of a setting from its hard bounds, plus its plausible range if declared."""
    info = klasse.model_fields.get(veld)
    if info is None:
        return ""
    onder = boven = None
    for m in info.metadata:
        onder = getattr(m, "ge", onder) if getattr(m, "ge", None) is not None else onder
        boven = getattr(m, "le", boven) if getattr(m, "le", None) is not None else boven
    delen = []
    if onder is not None or boven is not None:
        delen.append(f"{'-inf' if onder is None else onder} to {'inf' if boven is None else boven}")
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if extra.get("bereik"):
        laag, hoog = extra["bereik"]
        delen.append(f"plausible {laag} to {hoog}")
    if extra.get("eenheid"):
        delen.append(f"unit: {extra['eenheid']}")
    return "; ".join(delen)


def valideer_beleid(beleid: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Validate ``[beleid.*]`` tables against the registry (after expanding ``preset``).

    Args:
        beleid: Mapping of policy name to its raw settings table; the key ``preset`` may name
            a composition from :mod:`simulatie.beleid.presets`.

    Returns:
        Mapping of policy name to the validated settings as a plain dict.

    Raises:
        ValueError: Naming the policy, the parameter and the allowed values.
    """
    _laad_ingebouwd()
    if "preset" in beleid:
        from simulatie.beleid.presets import pas_preset_toe

        beleid = pas_preset_toe(beleid)
    uit: dict[str, dict[str, Any]] = {}
    for naam, tabel in beleid.items():
        if naam not in REGISTER:
            raise ValueError(f"beleid.{naam}: unknown policy; allowed: "
                             f"{', '.join(sorted(REGISTER)) or '(none registered)'}")
        if not isinstance(tabel, dict):
            raise ValueError(f"beleid.{naam}: must be a table with at least 'actief'")
        klasse = REGISTER[naam].Instellingen
        try:
            uit[naam] = klasse.model_validate(tabel).model_dump()
        except ValidationError as fout:
            e = fout.errors()[0]
            veld = ".".join(str(p) for p in e["loc"])
            if e["type"] == "extra_forbidden":
                raise ValueError(f"beleid.{naam}.{veld}: unknown setting of policy {naam!r}; "
                                 f"allowed: {', '.join(klasse.model_fields)}") from None
            bereik = _bereik(klasse, str(e["loc"][0])) if e["loc"] else ""
            reden = e["msg"] if not bereik else f"allowed: {bereik}"
            raise ValueError(f"beleid.{naam}.{veld}: {e.get('input')!r} not allowed for policy "
                             f"{naam!r} ({reden})") from None
    return uit


def maak_beleid(scenario_beleid: dict[str, dict[str, Any]]) -> list[Beleid]:
    """Instantiate the active policies of a scenario, in registry order."""
    _laad_ingebouwd()
    actief = []
    for naam, klasse in REGISTER.items():
        tabel = scenario_beleid.get(naam)
        if tabel and tabel.get("actief"):
            actief.append(klasse(klasse.Instellingen.model_validate(tabel)))
    return actief
