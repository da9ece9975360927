"""The policy API: how a policy plugs into the model without the core knowing it.

A policy is a :class:`Beleid` subclass with a pydantic ``Instellingen`` model (its documented
settings, always including ``actief``) and *declared* hooks around the monthly verbs::

    @registreer
    class MijnBeleid(Beleid):
        naam = "mijn_beleid"
        Instellingen = MijnInstellingen

        def pas_toe(self, mechanismen):         # its changes to the mechanisms
            mechanismen.wmo_aanvraag *= 1.2

        @na("arbeidsmarkt")                     # after the verb, every month
        def plaats(self, model):
            ...
            model.boek("reintegratie", kosten)  # a cost on a budget line

Life cycle: a policy starts after month 0 is built, or between two months when a training round
starts it (:meth:`Gemeente.start_beleid <simulatie.kern.model.Gemeente.start_beleid>`), and may
stop between two months (:meth:`Gemeente.stop_beleid
<simulatie.kern.model.Gemeente.stop_beleid>`). Its changes to the mechanisms live in
:meth:`Beleid.pas_toe`, never only in ``start`` or a hook: the core keeps ``model.mechanismen``
equal to the baseline (:meth:`Mechanismen.uit_parameters
<simulatie.kern.mechanismen.Mechanismen.uit_parameters>`) with ``pas_toe`` of every running
policy applied in registry order, and rebuilds it that way when a policy starts or stops (and
when a policy whose changes vary over time asks, ``model.herbouw_mechanismen()``). So a stop
removes exactly what the stopped policy changed, even when several policies multiply the same
mechanism. Whatever else a policy holds (professionals it added, people in a programme) it
releases in :meth:`Beleid.stop`. Starting again later is a new policy object.

What a policy may use is the public API of :mod:`simulatie.kern` (mechanisms, transitions,
shared rules, random draws, :class:`~simulatie.kern.leden.Leden`, cost booking); nothing else
of the core. Hooks are checked when the policy registers: a hook on an unknown verb or moment,
or a method that looks like an old-style hook (``voor_*`` / ``na_*``) without a declaration,
is an error then, not silence.

Registry: :func:`registreer` adds a class (a decorator; also usable from a script or a test).
The built-in policies are plug-ins in :mod:`simulatie.beleid`, found through the entry-point
group ``simulatie.beleid`` of the installed package (``pyproject.toml``); another package can add
its own policies the same way, without touching this repository. Policies run in the
alphabetical order of their names.

A scenario may name a composition of policies with ``[beleid] preset = "<naam>"`` (see
:mod:`simulatie.kern.presets`); its tables are filled in first and explicit tables win.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from simulatie.kern.fouten import toon, toon_naam
from simulatie.kern.meldingen import fout_tekst

if TYPE_CHECKING:
    from simulatie.kern.mechanismen import Mechanismen

#: The monthly verbs a policy can hook into, in the order they run (verzamelen is not hookable).
VERBS = ("demografie", "signaleren", "toewijzen", "begeleiden", "activeren", "arbeidsmarkt",
         "wmo", "jeugd", "boekhouden")
#: Moments of a hook relative to its verb.
MOMENTEN = ("voor", "na")
#: Entry-point group where packages declare their policies (``naam = "module:Klasse"``).
ENTRY_POINT_GROEP = "simulatie.beleid"

_REGISTER: dict[str, type[Beleid]] = {}
_PLUGINS_GELADEN = False


class BeleidInstellingen(BaseModel):
    """Base settings of every policy: strict types, finite numbers, no unknown settings."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

    actief: bool = False


def _haak(moment: str, verb: str) -> Callable[[Callable], Callable]:
    if moment not in MOMENTEN:
        raise ValueError(f"hook moment {moment!r} unknown; allowed: {', '.join(MOMENTEN)}")
    if verb not in VERBS:
        raise ValueError(f"hook on unknown verb {verb!r}; allowed: {', '.join(VERBS)}")

    def markeer(functie: Callable) -> Callable:
        functie.__dict__.setdefault("_haken", []).append((moment, verb))
        return functie

    return markeer


def voor(verb: str) -> Callable[[Callable], Callable]:
    """Declare a method as a hook that runs before ``verb`` every month.

    Raises:
        ValueError: When ``verb`` is not one of :data:`VERBS`.
    """
    return _haak("voor", verb)


def na(verb: str) -> Callable[[Callable], Callable]:
    """Declare a method as a hook that runs after ``verb`` every month.

    Raises:
        ValueError: When ``verb`` is not one of :data:`VERBS`.
    """
    return _haak("na", verb)


class Beleid:
    """Base class of a policy plug-in.

    Attributes:
        naam: Registry name (the ``[beleid.<naam>]`` table).
        titel: Short Dutch title for reports and the dashboard.
        Instellingen: Pydantic model of the settings.
        haken: Filled at registration: ``(moment, verb)`` -> names of the hook methods.
        instellingen: The validated settings of this run.
    """

    naam: ClassVar[str] = ""
    titel: ClassVar[str] = ""
    Instellingen: ClassVar[type[BeleidInstellingen]] = BeleidInstellingen
    haken: ClassVar[dict[tuple[str, str], tuple[str, ...]]] = {}

    def __init__(self, instellingen: BeleidInstellingen) -> None:
        """Keep the validated settings."""
        self.instellingen = instellingen

    def pas_toe(self, mechanismen: Mechanismen) -> None:
        """Apply this policy's changes to the mechanisms (default: none).

        The core calls this on the mechanisms of the baseline and of the policies before it
        in registry order, whenever it rebuilds them (a start, a stop, or
        ``model.herbouw_mechanismen()``), so it must depend only on the settings and the
        policy's own state, and change only ``mechanismen``. Arrays are copied before a change.

        Args:
            mechanismen: The :class:`~simulatie.kern.mechanismen.Mechanismen` being built.
        """

    def start(self, model: Any) -> None:
        """Called once when the policy starts: after month 0 is built, or between two months.

        The default applies :meth:`pas_toe` to ``model.mechanismen``; a policy that does more
        at its start (staff, state) overrides this and calls ``super().start(model)``.

        Args:
            model: The model (:class:`~simulatie.kern.toegang.ModelToegang`).
        """
        self.pas_toe(model.mechanismen)

    def stop(self, model: Any) -> None:
        """Called once when the policy stops between two months (default: nothing).

        Release what the policy holds in the model: professionals it added
        (``model.verwijder_professional``), people in its programmes (back to where the core's
        own rules put them). Its hooks no longer run afterwards, and the core rebuilds the
        mechanisms without its :meth:`pas_toe`. The stop itself moves no one in or out of the
        municipality and books nothing.

        Args:
            model: The model (:class:`~simulatie.kern.toegang.ModelToegang`).
        """

    def heeft_haak(self, moment: str, verb: str) -> bool:
        """Whether this policy declared a hook at ``moment`` of ``verb``."""
        return (moment, verb) in self.haken

    def roep(self, moment: str, verb: str, model: Any) -> None:
        """Run the hooks declared for ``moment`` of ``verb``, in the order they were defined."""
        for methode in self.haken.get((moment, verb), ()):
            getattr(self, methode)(model)


_OUDE_HAAK = re.compile(rf"^({'|'.join(MOMENTEN)})_")


def _verzamel_haken(klasse: type[Beleid]) -> dict[tuple[str, str], tuple[str, ...]]:
    """The declared hooks of a policy class; raise on undeclared hook-like methods."""
    haken: dict[tuple[str, str], list[str]] = {}
    for naam, waarde in inspect.getmembers(klasse, inspect.isfunction):
        verklaard = getattr(waarde, "_haken", None)
        if verklaard is None:
            if _OUDE_HAAK.match(naam):
                raise ValueError(
                    f"policy {klasse.naam!r}: method {naam!r} looks like a hook but is not "
                    f"declared; decorate it with @voor(verb) or @na(verb) (verbs: "
                    f"{', '.join(VERBS)})")
            continue
        for moment, verb in verklaard:
            if moment not in MOMENTEN or verb not in VERBS:
                raise ValueError(f"policy {klasse.naam!r}: hook {naam!r} on unknown "
                                 f"{moment!r} {verb!r}; allowed verbs: {', '.join(VERBS)}")
            haken.setdefault((moment, verb), []).append(naam)
    # Several hooks of one moment run in source order (getmembers sorts by name).
    def regel(naam: str) -> int:
        return getattr(klasse, naam).__code__.co_firstlineno

    return {sleutel: tuple(sorted(namen, key=regel)) for sleutel, namen in haken.items()}


def registreer(klasse: type[Beleid]) -> type[Beleid]:
    """Class decorator: check a policy and add it to the registry under ``klasse.naam``.

    Raises:
        ValueError: When the class has no ``naam``, its ``Instellingen`` do not derive from
            :class:`BeleidInstellingen`, a hook names an unknown verb or moment, a method looks
            like an undeclared hook, or another class is registered under the same name.
    """
    if not klasse.naam or not re.fullmatch(r"[a-z][a-z0-9_]*", klasse.naam):
        raise ValueError(f"{klasse.__name__}: naam must be a lowercase identifier, got "
                         f"{klasse.naam!r}")
    if not (isinstance(klasse.Instellingen, type)
            and issubclass(klasse.Instellingen, BeleidInstellingen)):
        raise ValueError(f"policy {klasse.naam!r}: Instellingen must derive from "
                         "BeleidInstellingen")
    bestaand = _REGISTER.get(klasse.naam)
    if bestaand is not None and bestaand.__qualname__ != klasse.__qualname__:
        raise ValueError(f"policy {klasse.naam!r} is already registered "
                         f"({bestaand.__module__}.{bestaand.__qualname__})")
    klasse.haken = _verzamel_haken(klasse)
    _REGISTER[klasse.naam] = klasse
    return klasse


def afmelden(naam: str) -> None:
    """Remove a policy from the registry (for tests and notebooks that registered their own)."""
    _REGISTER.pop(naam, None)


def laad_plugins() -> None:
    """Import the policies declared in the entry-point group ``simulatie.beleid`` (once)."""
    global _PLUGINS_GELADEN
    if _PLUGINS_GELADEN:
        return
    _PLUGINS_GELADEN = True
    for ep in sorted(entry_points(group=ENTRY_POINT_GROEP), key=lambda e: e.name):
        klasse = ep.load()
        if klasse.naam != ep.name:
            raise ValueError(f"entry point {ep.name!r} loads policy named {klasse.naam!r}")
        registreer(klasse)


def register() -> dict[str, type[Beleid]]:
    """All registered policies by name, in alphabetical order (the order their hooks run)."""
    laad_plugins()
    return dict(sorted(_REGISTER.items()))


def valideer_beleid(beleid: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Validate ``[beleid.*]`` tables against the registry (after expanding ``preset``).

    Args:
        beleid: Mapping of policy name to its raw settings table; the key ``preset`` may name
            a composition from :mod:`simulatie.kern.presets`.

    Returns:
        Mapping of policy name to the validated settings as a plain dict.

    Raises:
        ValueError: Naming the policy, the parameter and the allowed values.
    """
    beschikbaar = register()
    if "preset" in beleid:
        from simulatie.kern.presets import pas_preset_toe

        beleid = pas_preset_toe(beleid)
    uit: dict[str, dict[str, Any]] = {}
    for naam, tabel in beleid.items():
        if naam not in beschikbaar:
            raise ValueError(f"beleid.{toon_naam(naam)}: unknown policy; allowed: "
                             f"{', '.join(beschikbaar) or '(none registered)'}")
        if not isinstance(tabel, dict):
            raise ValueError(f"beleid.{naam}: must be a table with at least actief (got "
                             f"{toon(tabel)})")
        klasse = beschikbaar[naam].Instellingen
        try:
            uit[naam] = klasse.model_validate(tabel).model_dump()
        except ValidationError as fout:
            tekst = fout_tekst(fout, klasse, f"setting of policy {naam}")
            raise ValueError(f"beleid.{naam}.{tekst}") from None
    return uit


def actieve_namen(scenario_beleid: dict[str, dict[str, Any]]) -> list[str]:
    """Names of the active policies of a scenario's validated tables, in run order."""
    return [naam for naam in register()
            if isinstance(scenario_beleid.get(naam), dict) and scenario_beleid[naam].get("actief")]


def maak_beleid(scenario_beleid: dict[str, dict[str, Any]]) -> list[Beleid]:
    """Instantiate the active policies of a scenario, in run order."""
    beschikbaar = register()
    return [beschikbaar[naam](beschikbaar[naam].Instellingen.model_validate(
        scenario_beleid[naam])) for naam in actieve_namen(scenario_beleid)]
