"""Policies as plug-ins: the base class, the registry and validation of ``[beleid.<naam>]``.

A policy is a :class:`Beleid` subclass with a pydantic ``Instellingen`` model (its documented
settings, always including ``actief``) and hooks into the monthly verbs. Register it with
:func:`registreer`; a scenario switches it on with ``[beleid.<naam>] actief = true``.

Hooks: :meth:`Beleid.start` runs once after the municipality is built (set knobs on
``model.sturing``); ``voor_<verb>(model)`` and ``na_<verb>(model)`` run around each verb of the
monthly step (verbs: demografie, signaleren, toewijzen, begeleiden, activeren, arbeidsmarkt,
wmo, boekhouden).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

REGISTER: dict[str, type[Beleid]] = {}


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

    def start(self, model: Any) -> None:
        """Called once after the municipality is built; set knobs on ``model.sturing``."""

    def hook(self, moment: str, verb: str, model: Any) -> None:
        """Run ``<moment>_<verb>`` if this policy defines it.

        Args:
            moment: ``"voor"`` or ``"na"``.
            verb: Name of the monthly verb.
            model: The running model.
        """
        methode = getattr(self, f"{moment}_{verb}", None)
        if methode is not None:
            methode(model)


def registreer(klasse: type[Beleid]) -> type[Beleid]:
    """Class decorator: add a policy to the registry under ``klasse.naam``."""
    if not klasse.naam:
        raise ValueError(f"{klasse.__name__} has no naam")
    REGISTER[klasse.naam] = klasse
    return klasse


def _laad_ingebouwd() -> None:
    """Import the built-in policy modules so they register themselves."""
    from simulatie.beleid import ingebouwd  # noqa: F401


def valideer_beleid(beleid: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Validate ``[beleid.*]`` tables against the registry.

    Args:
        beleid: Mapping of policy name to its raw settings table.

    Returns:
        Mapping of policy name to the validated settings as a plain dict.

    Raises:
        ValueError: Naming the policy, the parameter and the allowed values.
    """
    _laad_ingebouwd()
    uit: dict[str, dict[str, Any]] = {}
    for naam, tabel in beleid.items():
        if naam not in REGISTER:
            raise ValueError(f"beleid.{naam}: unknown policy; allowed: "
                             f"{', '.join(sorted(REGISTER)) or '(none registered)'}")
        if not isinstance(tabel, dict):
            raise ValueError(f"beleid.{naam}: must be a table with at least 'actief'")
        try:
            uit[naam] = REGISTER[naam].Instellingen.model_validate(tabel).model_dump()
        except ValidationError as fout:
            e = fout.errors()[0]
            veld = ".".join(str(p) for p in e["loc"])
            ctx = e.get("ctx") or {}
            toegestaan = ", ".join(f"{k} {v}" for k, v in ctx.items()) or e["msg"]
            raise ValueError(f"beleid.{naam}.{veld}: {e.get('input')!r} not allowed "
                             f"({toegestaan})") from None
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
