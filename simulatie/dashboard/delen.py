"""Save and share: a participant's choices as a short link and as a scenario file.

* :func:`naar_link` / :func:`uit_link` - the choices (:class:`Keuzes`) as a short text for the
  address bar (``?k=...``): only what differs from the starting choices, as JSON, compressed
  with zlib and base64url-encoded. A link that cannot be read gives a Dutch message.
* :func:`scenario_toml` - the scenario of variant A or B as a TOML file that ``simulatie run``
  reads; ``simulatie run`` of that file gives the same numbers as the dashboard (tested).
* :func:`scenario_als_toml` - any scenario as such a file, with its rounds of policies (a
  training team's plan: :meth:`Trainingssessie.plan_toml
  <simulatie.dashboard.kamer.Trainingssessie.plan_toml>`).

Main functions: :func:`naar_link`, :func:`uit_link`, :func:`scenario_toml`,
:func:`scenario_als_toml`.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import fields, replace
from typing import Any
from urllib.parse import parse_qs

import tomli_w

from simulatie.dashboard.keuzes import Keuzes, maak_scenario, standaard_keuzes
from simulatie.kern.parameters import Parameters
from simulatie.kern.scenario import Scenario, ScenarioFout, Trends

#: Longest link text accepted (a longer one is refused before decoding).
MAX_LINK = 4000


def zoekparameter(search: str | None, naam: str) -> str:
    """One query parameter of a page address (``""`` when absent)."""
    waarden = parse_qs(search or "").get(naam)
    return waarden[0] if waarden else ""


class LinkFout(ValueError):
    """A link that cannot be read; the message is Dutch."""


def _verschil(keuzes: Keuzes, basis: Keuzes) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    for f in fields(Keuzes):
        nu, was = getattr(keuzes, f.name), getattr(basis, f.name)
        if f.name in ("beleid_a", "beleid_b"):
            beleid = {}
            for naam, inst in nu.items():
                standaard = was.get(naam, {})
                anders = {k: v for k, v in inst.items() if standaard.get(k) != v}
                if anders:
                    beleid[naam] = anders
            if beleid:
                uit[f.name] = beleid
        elif f.name == "onzeker":
            anders = {k: v for k, v in nu.items() if was.get(k) != v}
            if anders:
                uit[f.name] = anders
        elif nu != was:
            uit[f.name] = nu
    return uit


def naar_link(keuzes: Keuzes, basis: Keuzes | None = None) -> str:
    """The choices as a short URL-safe text (only what differs from ``basis``)."""
    basis = basis or standaard_keuzes()
    tekst = json.dumps(_verschil(keuzes, basis), separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(zlib.compress(tekst.encode("utf-8"), 9)).decode(
        "ascii").rstrip("=")


def uit_link(tekst: str, basis: Keuzes | None = None) -> Keuzes:
    """The choices of a link made by :func:`naar_link`, checked by building their scenario.

    Raises:
        LinkFout: With a Dutch message when the link is damaged, too long, from another
            version or describes choices that are not allowed.
    """
    basis = basis or standaard_keuzes()
    tekst = (tekst or "").strip()
    if not tekst:
        raise LinkFout("De link bevat geen keuzes.")
    if len(tekst) > MAX_LINK:
        raise LinkFout("De link is te lang; vraag een nieuwe link.")
    try:
        uitpakker = zlib.decompressobj()
        ruw = uitpakker.decompress(base64.b64decode(tekst + "=" * (-len(tekst) % 4),
                                                    altchars=b"-_", validate=True),
                                   65536)  # at most 64 kB: no zip bomb
        if uitpakker.unconsumed_tail or not uitpakker.eof:
            raise ValueError("too large or incomplete")
        data = json.loads(ruw.decode("utf-8"))
    except (ValueError, zlib.error, UnicodeDecodeError):
        raise LinkFout("Deze link is beschadigd: de keuzes zijn niet te lezen.") from None
    if not isinstance(data, dict):
        raise LinkFout("Deze link is beschadigd: de keuzes zijn niet te lezen.")
    namen = {f.name for f in fields(Keuzes)}
    if set(data) - namen:
        raise LinkFout("Deze link komt van een andere versie van het dashboard.")
    waarden: dict[str, Any] = {}
    try:
        for naam, waarde in data.items():
            huidig = getattr(basis, naam)
            if naam in ("beleid_a", "beleid_b"):
                if not isinstance(waarde, dict):
                    raise TypeError
                alle = {k: dict(v) for k, v in huidig.items()}
                for beleid, inst in waarde.items():
                    if beleid not in alle or not isinstance(inst, dict):
                        raise TypeError
                    alle[beleid].update(inst)
                waarden[naam] = alle
            elif naam == "onzeker":
                if not isinstance(waarde, dict) or set(waarde) - set(huidig):
                    raise TypeError
                waarden[naam] = {**huidig, **{k: float(v) for k, v in waarde.items()}}
            elif type(waarde) is not type(huidig):
                raise TypeError
            else:
                waarden[naam] = waarde
        keuzes = replace(basis, **waarden)
        for variant in ("A", "B") if keuzes.vergelijken else ("A",):
            maak_scenario(keuzes, variant)
    except (TypeError, ValueError, ScenarioFout, KeyError):
        raise LinkFout("Deze link beschrijft keuzes die niet (meer) kunnen.") from None
    return keuzes


def _parameters_anders(scenario: Scenario) -> dict[str, Any]:
    """Only the parameters that differ from their defaults."""
    nu, standaard = scenario.parameters.model_dump(), Parameters().model_dump()
    uit: dict[str, Any] = {}
    for groep, waarden in nu.items():
        anders = {k: v for k, v in waarden.items() if standaard[groep].get(k) != v}
        if anders:
            uit[groep] = anders
    return uit


def scenario_als_toml(scenario: Scenario, kop: str) -> str:
    """A scenario as TOML text for ``simulatie run``, after the comment lines ``kop``.

    It holds what ``simulatie run`` needs for the same numbers: the municipality, the changed
    parameters and trends, the policies and their rounds, the horizon and the seed.
    """
    data: dict[str, Any] = {
        "naam": scenario.naam,
        "maanden": scenario.maanden,
        "gemeente": {k: v for k, v in scenario.gemeente.model_dump().items()
                     if v is not None and k != "preset"},
    }
    if scenario.seed is not None:
        data["seed"] = scenario.seed
    parameters = _parameters_anders(scenario)
    if parameters:
        data["parameters"] = parameters
    standaard = Trends().model_dump()
    trends = {k: v for k, v in scenario.trends.model_dump().items() if standaard[k] != v}
    if trends:
        data["trends"] = trends
    if scenario.beleid:
        data["beleid"] = scenario.beleid
    if scenario.rondes:
        data["rondes"] = [r.model_dump() for r in scenario.rondes]
    return kop + tomli_w.dumps(data)


def scenario_toml(keuzes: Keuzes, variant: str = "A", basis: Scenario | None = None) -> str:
    """The scenario of one variant as TOML text for ``simulatie run``.

    Args:
        keuzes: The choices.
        variant: ``"A"`` or ``"B"``.
        basis: The ``--scenario`` file the dashboard started from, if any.

    Returns:
        TOML with the municipality, the changed parameters, the active policies, the horizon
        and the seed.
    """
    scenario = maak_scenario(keuzes, variant, basis)
    scenario = scenario.model_copy(update={"naam": f"dashboard-{variant}"})
    return scenario_als_toml(scenario, f"# Scenario uit het trainingsdashboard, variant "
                                       f"{variant}.\n# Draaien: simulatie run "
                                       f"dashboard-{variant}.toml\n")
