"""A sweep as data: the TOML declaration, its pydantic schema and validation against the model.

Main objects:
    * :class:`SweepDeclaratie` - the validated sweep (base scenario, variants, levers,
      uncertainties, constants, outcomes, time series, design, replications).
    * :class:`Variant`, :class:`Hefboom`, :class:`Onzekerheid`, :class:`Uitkomst`,
      :class:`Ontwerp` - its parts.
    * :func:`laad_sweep` - read a sweep TOML, validate it and check every path and bound against
      the scenario schema; raises :class:`~simulatie.kern.fouten.ScenarioFout` before anything
      runs.
    * :func:`hard_bereik` - the hard (input) bounds of a scenario path.
    * :func:`run_overrides` - the ``--set``-style overrides of one run.
    * :func:`expliciete_paden` - the paths a run's scenario sets itself (a world does not
      change them).

The variants are one categorical lever (:data:`VARIANT`): each value is a named set of
``--set``-style overrides, crossed with the other levers like any lever value. A policy
comparison (``simulatie vergelijk``) is a sweep whose only lever is the variants.

A *world* (``[[wereld]]``, one table per replication) holds per-replication values of model
parameters and policy settings: replication ``r`` of every lever setting and design point runs
in world ``r`` (common worlds, like common random numbers). A world replaces defaults only: a
path the run's scenario sets itself (the base scenario, a policy preset it names, the variant,
a constant, a lever or an uncertainty) keeps that value. ``simulatie vergelijk`` uses worlds for
its plausible parameter sets (:mod:`simulatie.experiment.onzekerheid`).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from simulatie.experiment.mappen import is_bestand
from simulatie.kern.beleid import register
from simulatie.kern.fouten import toon, toon_naam
from simulatie.kern.grenzen import REPLICATIES_MAX, RUNS_MAX, SEED_MAX
from simulatie.kern.meldingen import fout_tekst
from simulatie.kern.parameters import Parameters
from simulatie.kern.scenario import (
    STRIKT,
    BeleidsRonde,
    Naam,
    Scenario,
    ScenarioFout,
    bouw_scenario,
    lees_toml,
)

#: Most levers, uncertainties or outcomes of one sweep, and most values of one lever.
MAX_LIJST = 100
#: Most lever settings (combinations) of one sweep.
MAX_COMBINATIES = 10_000
#: Up to this many lever settings every one is built at validation; above, each value alone.
MAX_GECONTROLEERD = 200


def korte_naam(pad: str) -> str:
    """Default short name of a path: its last part; for policies ``<beleid>_<instelling>``.

    ``beleid.work_first.actief`` becomes ``work_first``, ``beleid.work_first.sanctie_kans``
    becomes ``work_first_sanctie_kans``, ``parameters.arbeidsmarkt.openheid`` becomes
    ``openheid``; ``rondes.0.start`` (the first ``[[rondes]]`` table, round 2) becomes
    ``ronde2_start`` and ``rondes.0.beleid.work_first.actief`` ``ronde2_work_first``.
    """
    delen = pad.split(".")
    if delen[0] == "beleid" and len(delen) == 3:
        return delen[1] if delen[2] == "actief" else f"{delen[1]}_{delen[2]}"
    if delen[0] == "rondes" and len(delen) >= 3 and delen[1].isdigit():
        ronde = f"ronde{int(delen[1]) + 2}"  # round 1 is [beleid]: rondes.0 is round 2
        if delen[2:] == ["start"]:
            return f"{ronde}_start"
        return f"{ronde}_{korte_naam('.'.join(delen[2:]))}"
    return delen[-1]


#: Name of the categorical lever whose values are the variants (column, keyword, label).
VARIANT = "variant"


class _Deel(BaseModel):
    model_config = STRIKT


#: A dotted scenario path (``parameters.arbeidsmarkt.openheid``).
Pad = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.]+$")]


class Variant(_Deel):
    """A value of the categorical lever :data:`VARIANT`: a named set of ``--set``-style overrides.

    In TOML: ``[[variant]]`` with ``naam`` and ``set = { "beleid.work_first.actief" = true }``.
    """

    model_config = ConfigDict(**STRIKT, validate_by_name=True, validate_by_alias=True)

    naam: Naam = Field(..., description="Name of the variant (e.g. work_first).")
    overrides: dict[str, Any] = Field(default_factory=dict, alias="set",
                                      description="Dotted scenario paths to values, like --set.")

    @field_validator("overrides", mode="before")
    @classmethod
    def _paden(cls, waarde: Any) -> Any:
        return _plat(waarde) if isinstance(waarde, dict) else waarde


class Hefboom(_Deel):
    """A lever: a setting the municipality controls, crossed over its listed values."""

    pad: Pad = Field(..., description="Dotted scenario path, e.g. beleid.work_first.actief.")
    waarden: list[bool | int | float | str] = Field(..., min_length=1, max_length=MAX_LIJST,
                                                   description="Values to cross (full factorial).")
    naam: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=60,
                             description="Short name (default: see korte_naam).")

    @field_validator("waarden")
    @classmethod
    def _een_soort(cls, waarden: list[Any]) -> list[Any]:
        soorten = {"true or false" if isinstance(w, bool) else "text" if isinstance(w, str)
                   else "numbers" for w in waarden}
        if len(soorten) > 1:
            raise ValueError(f"mixes {' and '.join(sorted(soorten))}; the values of one lever "
                             "are of one kind")
        if len(set(map(toon, waarden))) < len(waarden):
            raise ValueError("a value is listed twice")
        return waarden

    @property
    def kort(self) -> str:
        """Short name used for keyword arguments and plot labels (see :func:`korte_naam`)."""
        return self.naam or korte_naam(self.pad)


class Onzekerheid(_Deel):
    """An uncertainty: a parameter we do not know, with bounds and a distribution.

    The design samples the unit interval; :mod:`simulatie.experiment.sweep.ontwerp` maps it onto
    ``[min, max]`` with the distribution (``uniform``; ``driehoek`` with ``modus``; ``normaal``
    with ``gemiddelde`` and ``sd``, truncated at the bounds).
    """

    pad: Pad = Field(..., description="Dotted scenario path, e.g. "
                     "parameters.arbeidsmarkt.openheid.")
    min: float
    max: float
    verdeling: Literal["uniform", "driehoek", "normaal"] = "uniform"
    modus: float | None = Field(None, description="Mode of the triangular distribution.")
    gemiddelde: float | None = Field(None, description="Mean of the (truncated) normal.")
    sd: float | None = Field(None, gt=0, description="Standard deviation of the normal.")
    naam: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=60,
                             description="Short name (default: see korte_naam).")

    @property
    def kort(self) -> str:
        """Short name used for keyword arguments and plot labels (see :func:`korte_naam`)."""
        return self.naam or korte_naam(self.pad)

    @model_validator(mode="after")
    def _grenzen(self) -> Onzekerheid:
        if not self.min < self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        if self.verdeling == "driehoek":
            if self.modus is None or not self.min <= self.modus <= self.max:
                raise ValueError("verdeling 'driehoek' needs modus within [min, max]")
        if self.verdeling == "normaal" and (self.gemiddelde is None or self.sd is None):
            raise ValueError("verdeling 'normaal' needs gemiddelde and sd")
        return self


class Uitkomst(_Deel):
    """A named scalar outcome: an aggregation of a ``tijdreeks`` column (optionally a ratio)."""

    naam: str = Field(..., pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=60)
    kolom: str = Field(..., max_length=100, description="Column of Resultaat.tijdreeks.")
    aggregatie: Literal["som", "eind", "gemiddelde", "max", "min"] = "eind"
    noemer: str | None = Field(None, max_length=100,
                               description="Column aggregated the same way; divides.")
    vanaf: int = Field(1, ge=0, le=600, description="First month included (sums skip month 0).")
    richting: Literal["min", "max"] = Field("min", description="Lower or higher is better.")
    drempel: float | None = Field(None, description="Failure threshold for scenario discovery "
                                  "(fails when worse than this in `richting`).")


class Ontwerp(_Deel):
    """The experimental design over the uncertainties (levers are always crossed fully)."""

    methode: Literal["grid", "lhs", "sobol", "morris"] = "lhs"
    n: int = Field(10, ge=1, le=1_000_000, description="lhs: points; sobol: base sample N "
                   "(N*(D+2) or N*(2D+2) points); morris: trajectories (n*(D+1) points).")
    niveaus: int = Field(3, ge=2, le=100, description="grid and morris: levels per dimension.")
    tweede_orde: bool = Field(False, description="sobol: also second-order indices.")
    replicaties: int = Field(1, ge=1, le=REPLICATIES_MAX, description="Seeds per design point.")
    seed: int = Field(12345, ge=0, le=SEED_MAX, description="Master seed of design and run "
                      "seeds.")

    def punten(self, d: int) -> int:
        """Design points over ``d`` uncertainties (1 without uncertainties)."""
        if d == 0:
            return 1
        if self.methode == "grid":
            return self.niveaus ** d
        if self.methode == "sobol":
            return self.n * ((2 * d + 2) if self.tweede_orde else (d + 2))
        if self.methode == "morris":
            return self.n * (d + 1)
        return self.n


class SweepDeclaratie(_Deel):
    """A complete sweep declaration (the validated TOML)."""

    naam: Naam = "sweep"
    scenario: str = Field(..., min_length=1, max_length=4096, description="Base scenario TOML, "
                          "relative to the sweep file.")
    constanten: dict[str, Any] = Field(default_factory=dict,
                                       description="Dotted paths fixed for every run (they "
                                       "override a variant's value for the same path).")
    variant: list[Variant] = Field(default_factory=list, max_length=MAX_LIJST,
                                   description="Values of the categorical lever 'variant'.")
    hefboom: list[Hefboom] = Field(default_factory=list, max_length=MAX_LIJST)
    onzekerheid: list[Onzekerheid] = Field(default_factory=list, max_length=MAX_LIJST)
    uitkomst: list[Uitkomst] = Field(..., min_length=1, max_length=MAX_LIJST)
    tijdreeksen: list[Annotated[str, Field(max_length=100)]] | Literal["alle"] = Field(
        default_factory=list, description="tijdreeks columns stored per run and month; 'alle' "
        "stores every column (resolved into the list of columns when the sweep is read).")
    ontwerp: Ontwerp = Field(default_factory=Ontwerp)
    wereld: list[dict[str, Any]] = Field(
        default_factory=list, max_length=REPLICATIES_MAX,
        description="Per replication a table of dotted paths to values (one per replication, "
        "every table the same paths): the world of replication r for every lever setting and "
        "design point; it replaces defaults only, never a value the run's scenario sets.")
    #: Filled by :func:`laad_sweep`: the parsed base scenario (absolute, self-contained).
    basis: dict[str, Any] = Field(default_factory=dict)

    @field_validator("wereld", mode="before")
    @classmethod
    def _werelden_plat(cls, waarde: Any) -> Any:
        if isinstance(waarde, list):
            return [_plat(w) if isinstance(w, dict) else w for w in waarde]
        return waarde

    @model_validator(mode="after")
    def _uniek(self) -> SweepDeclaratie:
        for soort, lijst in (("hefboom", self.hefboom), ("onzekerheid", self.onzekerheid)):
            paden = [x.pad for x in lijst]
            dubbel = {p for p in paden if paden.count(p) > 1}
            if dubbel:
                raise ValueError(f"{soort}: path listed twice: {', '.join(sorted(dubbel))}")
        dubbel = {h.pad for h in self.hefboom} & {o.pad for o in self.onzekerheid}
        dubbel |= ({h.pad for h in self.hefboom} | {o.pad for o in self.onzekerheid}) & set(
            self.constanten)
        if dubbel:
            raise ValueError(f"path both lever/uncertainty/constant: {', '.join(sorted(dubbel))}")
        namen = [u.naam for u in self.uitkomst]
        if len(set(namen)) != len(namen):
            raise ValueError("uitkomst: names must be unique")
        namen = [v.naam for v in self.variant]
        if len(set(namen)) != len(namen):
            raise ValueError(f"variant: names must be unique (got {', '.join(namen)})")
        for v in self.variant:
            dubbel = set(v.overrides) & ({h.pad for h in self.hefboom}
                                         | {o.pad for o in self.onzekerheid})
            if dubbel:
                raise ValueError(f"variant {toon(v.naam)}: path also a lever or uncertainty: "
                                 f"{', '.join(sorted(dubbel))}")
        self._controleer_werelden()
        korte = [x.kort for x in (*self.hefboom, *self.onzekerheid)]
        korte += [VARIANT] if self.variant else []
        if len(set(korte)) != len(korte):
            raise ValueError("hefboom/onzekerheid: short names (last path part, or naam) must "
                             "be unique; set naam = ... to disambiguate")
        if self.ontwerp.methode in ("sobol", "morris") and not self.onzekerheid:
            raise ValueError(f"ontwerp.methode {toon(self.ontwerp.methode)} needs at least one "
                             "onzekerheid")
        if isinstance(self.tijdreeksen, list):
            dubbel = {k for k in self.tijdreeksen if self.tijdreeksen.count(k) > 1}
            if dubbel:
                raise ValueError(f"tijdreeksen: column listed twice: {', '.join(sorted(dubbel))}")
            if "maand" in self.tijdreeksen:
                raise ValueError("tijdreeksen: maand is always stored; leave it out")
        self._controleer_omvang()
        return self

    def _controleer_werelden(self) -> None:
        """Check the worlds: one per replication, all the same paths, every value a number.

        No world path may be a lever, an uncertainty or a constant.
        """
        if not self.wereld:
            return
        if len(self.wereld) != self.ontwerp.replicaties:
            raise ValueError(f"wereld: {len(self.wereld)} worlds for "
                             f"{self.ontwerp.replicaties} replicaties; give one per replication")
        paden = list(self.wereld[0])
        for i, w in enumerate(self.wereld):
            if list(w) != paden:
                raise ValueError(f"wereld[{i}]: sets other paths than wereld[0]; every world "
                                 "sets the same paths")
            for pad, waarde in w.items():
                if isinstance(waarde, str) or not isinstance(waarde, bool | int | float):
                    raise ValueError(f"wereld[{i}].{pad}: {toon(waarde)} is not a number or "
                                     "true/false")
        dubbel = set(paden) & ({h.pad for h in self.hefboom} | {o.pad for o in self.onzekerheid}
                               | set(self.constanten))
        if dubbel:
            raise ValueError(f"wereld: path also a lever, uncertainty or constant: "
                             f"{', '.join(sorted(dubbel))}")

    def wereld_paden(self) -> list[str]:
        """The paths the worlds set (none without worlds)."""
        return list(self.wereld[0]) if self.wereld else []

    def _controleer_omvang(self) -> None:
        """Refuse a sweep whose lever settings or runs a machine could not hold or run."""
        combinaties = max(1, len(self.variant))
        for h in self.hefboom:
            combinaties *= len(h.waarden)
        if combinaties > MAX_COMBINATIES:
            raise ValueError(f"{combinaties} lever settings (variants x lever values); at most "
                             f"{MAX_COMBINATIES}")
        runs = combinaties * self.ontwerp.punten(len(self.onzekerheid)) * self.ontwerp.replicaties
        if runs > RUNS_MAX:
            tekst = str(runs) if runs < 10**12 else f"more than {10**12}"
            raise ValueError(f"the design plans {tekst} runs (lever settings x design points x "
                             f"replicaties); at most {RUNS_MAX} per sweep: lower ontwerp.n, "
                             "ontwerp.niveaus or replicaties, or split the sweep")

    def hefboom_combinaties(self) -> list[dict[str, Any]]:
        """All lever settings (full factorial), each a mapping of path to value.

        With variants the mapping starts with :data:`VARIANT` (the variant's name); variants
        vary slowest.
        """
        assen = [(VARIANT, [v.naam for v in self.variant])] if self.variant else []
        assen += [(h.pad, h.waarden) for h in self.hefboom]
        paden = [pad for pad, _ in assen]
        return [dict(zip(paden, combi, strict=True))
                for combi in itertools.product(*(waarden for _, waarden in assen))]

    def invoer_paden(self) -> list[str]:
        """The inputs of a run: :data:`VARIANT` (with variants), lever and uncertainty paths."""
        return ([VARIANT] if self.variant else []) + [h.pad for h in self.hefboom] + [
            o.pad for o in self.onzekerheid]

    def overrides(self, invoer: Mapping[str, Any], replicatie: int | None = None
                  ) -> dict[str, Any]:
        """The overrides of one run with these inputs (see :func:`run_overrides`).

        Args:
            invoer: The run's variant, lever and uncertainty values.
            replicatie: The run's replication; with worlds, its world fills the defaults.
        """
        wereld = self.wereld[replicatie] if self.wereld and replicatie is not None else None
        return run_overrides({v.naam: v.overrides for v in self.variant}, self.constanten,
                             invoer, wereld=wereld, basis=self.basis)

    def vingerafdruk(self) -> str:
        """A short hash of everything that determines the runs (guards resuming).

        A sweep without worlds hashes as before worlds existed, so its folders still resume.
        """
        inhoud = self.model_dump(mode="json", exclude=None if self.wereld else {"wereld"})
        tekst = json.dumps(inhoud, sort_keys=True, default=str)
        return hashlib.sha256(tekst.encode()).hexdigest()[:16]


def run_overrides(varianten: Mapping[str, Mapping[str, Any]], constanten: Mapping[str, Any],
                  invoer: Mapping[str, Any], wereld: Mapping[str, Any] | None = None,
                  basis: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``--set``-style overrides of one run, in the order they apply.

    First the world's values for the paths the run's scenario does not set itself (see
    :func:`expliciete_paden`), then the variant's overrides (when ``invoer`` names one under
    :data:`VARIANT`), then the constants, then the run's levers and uncertainties: a later one
    wins for the same path.

    Args:
        varianten: Variant name -> its overrides.
        constanten: Paths fixed for every run.
        invoer: The run's lever and uncertainty values by path, and optionally its variant.
        wereld: The run's world (its replication's values), or None.
        basis: The base scenario tables (to see what it sets itself; needed with ``wereld``).

    Returns:
        Dotted path -> value, for :func:`~simulatie.kern.scenario.bouw_scenario`.
    """
    eigen = {k: v for k, v in invoer.items() if k != VARIANT}
    variant = varianten[invoer[VARIANT]] if VARIANT in invoer else {}
    uit = {**variant, **constanten, **eigen}
    if not wereld:
        return uit
    vast = expliciete_paden(basis or {}, uit)
    return {**{k: v for k, v in wereld.items() if k not in vast}, **uit}


def expliciete_paden(basis: Mapping[str, Any], overrides: Mapping[str, Any]) -> set[str]:
    """The ``parameters.*`` and ``beleid.*`` paths a run's scenario sets itself.

    These are the paths of the base scenario's ``[parameters]`` and ``[beleid]`` tables, the
    overrides (variant, constants, levers, uncertainties), and the settings of the policy preset
    that the overrides or the base scenario name (``beleid.preset``).

    Args:
        basis: The base scenario tables.
        overrides: The run's overrides (dotted paths).

    Returns:
        The dotted paths that a world must leave alone.
    """
    paden = set(_plat({k: basis[k] for k in ("parameters", "beleid")
                       if isinstance(basis.get(k), dict)}))
    paden |= set(_plat(dict(overrides)))
    beleid = basis.get("beleid")
    preset = overrides.get("beleid.preset",
                           beleid.get("preset") if isinstance(beleid, dict) else None)
    if isinstance(preset, str):
        from simulatie.kern.presets import lees_presets

        tabellen = lees_presets().get(preset, {}).get("beleid", {})
        if isinstance(tabellen, dict):
            paden |= set(_plat(tabellen, "beleid."))
    return paden


def _veld_van(pad: str) -> tuple[Any, str] | None:
    """The pydantic FieldInfo of a ``parameters.*`` or ``beleid.*`` path, or None if unknown."""
    delen = pad.split(".")
    if delen[0] == "parameters" and len(delen) == 3:
        groep = Parameters.model_fields.get(delen[1])
        if groep is None:
            return None
        veld = groep.annotation.model_fields.get(delen[2])
        return (veld, "parameters") if veld is not None else None
    if delen[0] == "beleid" and len(delen) == 3:
        klasse = register().get(delen[1])
        if klasse is None:
            return None
        veld = klasse.Instellingen.model_fields.get(delen[2])
        return (veld, "beleid") if veld is not None else None
    if delen[0] == "rondes" and len(delen) >= 3 and delen[1].isdigit():
        # A round of the base scenario's [[rondes]]: its month, or a policy setting in it.
        if delen[2:] == ["start"]:
            return BeleidsRonde.model_fields["start"], "rondes"
        if delen[2] == "beleid" and len(delen) == 5:
            gevonden = _veld_van(".".join(["beleid", *delen[3:]]))
            return (gevonden[0], "rondes") if gevonden is not None else None
    return None


def toegestane_paden() -> list[str]:
    """Every lever/uncertainty path the scenario schema knows (parameters and policy settings)."""
    paden = [f"parameters.{g}.{n}" for g, groep in Parameters.model_fields.items()
             for n in groep.annotation.model_fields]
    paden += [f"beleid.{b}.{n}" for b, k in register().items()
              for n in k.Instellingen.model_fields]
    return paden


def hard_bereik(pad: str) -> tuple[float, float]:
    """Hard input bounds of a scenario path (``-inf``/``inf`` where none is declared).

    Args:
        pad: A ``parameters.*`` or ``beleid.*`` path.

    Returns:
        ``(laag, hoog)``; strict bounds (gt/lt) are returned as their limit.

    Raises:
        ScenarioFout: When the path is not in the scenario schema.
    """
    gevonden = _veld_van(pad)
    if gevonden is None:
        raise ScenarioFout(f"{pad}: unknown path")
    laag, hoog = float("-inf"), float("inf")
    for m in gevonden[0].metadata:
        if isinstance(m, Ge | Gt):
            laag = float(m.ge if isinstance(m, Ge) else m.gt)
        elif isinstance(m, Le | Lt):
            hoog = float(m.le if isinstance(m, Le) else m.lt)
    return laag, hoog


def is_geheel(pad: str) -> bool:
    """True when the path holds an integer (sampled values are then rounded)."""
    gevonden = _veld_van(pad)
    return gevonden is not None and gevonden[0].annotation is int


def _controleer_paden(d: SweepDeclaratie, bron: str) -> None:
    """Check every lever/uncertainty path exists and every bound lies inside its hard bounds."""
    for soort, lijst in (("hefboom", d.hefboom), ("onzekerheid", d.onzekerheid)):
        for i, x in enumerate(lijst):
            if soort == "hefboom" and x.pad == "beleid.preset":
                continue  # a named composition of policies; values checked by bouw_scenario
            if _veld_van(x.pad) is None:
                verwant = [p for p in toegestane_paden()
                           if p.rsplit(".", 1)[-1] == x.pad.rsplit(".", 1)[-1]]
                tip = f"; did you mean {', '.join(verwant)}?" if verwant else (
                    "; allowed: parameters.<groep>.<naam> (see `parameter_catalogus()`), "
                    "beleid.<naam>.<instelling>, rondes.<i>.start or "
                    "rondes.<i>.beleid.<naam>.<instelling>")
                raise ScenarioFout(f"{bron}: {soort}[{i}].pad: unknown path {toon(x.pad)}{tip}")
    for pad in d.wereld_paden():
        if _veld_van(pad) is None:
            raise ScenarioFout(f"{bron}: wereld: unknown path {toon(pad)}; allowed: "
                               "parameters.<groep>.<naam> (see `parameter_catalogus()`) or "
                               "beleid.<naam>.<instelling>")
    for i, o in enumerate(d.onzekerheid):
        if _veld_van(o.pad)[0].annotation is bool:
            raise ScenarioFout(f"{bron}: onzekerheid[{i}].pad: {o.pad} is true or false, not a "
                               "number; declare it as a hefboom with waarden = [false, true]")
        laag, hoog = hard_bereik(o.pad)
        if o.min < laag or o.max > hoog:
            raise ScenarioFout(f"{bron}: onzekerheid[{i}] ({o.pad}): bounds [{o.min}, {o.max}] "
                               f"outside the hard bounds [{laag}, {hoog}] of the parameter")
        if o.verdeling == "normaal" and not _normaal_eindig(o):
            raise ScenarioFout(f"{bron}: onzekerheid[{i}] ({o.pad}): the normal distribution "
                               f"with gemiddelde {o.gemiddelde} and sd {o.sd}, truncated at "
                               f"[{o.min}, {o.max}], cannot be sampled; put gemiddelde nearer "
                               "the bounds or widen sd")


def _normaal_eindig(o: Onzekerheid) -> bool:
    """Whether the truncated normal of ``o`` gives finite values inside its bounds."""
    import numpy as np
    from scipy import stats

    a, b = (o.min - o.gemiddelde) / o.sd, (o.max - o.gemiddelde) / o.sd
    with np.errstate(all="ignore"):
        waarden = stats.truncnorm(a, b, loc=o.gemiddelde, scale=o.sd).ppf([0.0, 1e-6, 0.5,
                                                                          1 - 1e-6, 1.0])
    return bool(np.all(np.isfinite(waarden)) and np.all(waarden >= o.min - 1e-9 * abs(o.min))
                and np.all(waarden <= o.max + 1e-9 * abs(o.max)))


def _beschrijf(combi: Mapping[str, Any]) -> str:
    """A lever setting in words, for error messages."""
    delen = [f"variant {combi[VARIANT]}"] if VARIANT in combi else []
    rest = [f"{k} = {toon(v)}" for k, v in combi.items() if k != VARIANT]
    return ", ".join(delen + ([f"levers {', '.join(rest)}"] if rest else [])) or "no levers"


def _te_controleren(d: SweepDeclaratie) -> list[dict[str, Any]]:
    """The lever settings to build at validation: all of them, or each value alone when many.

    Up to :data:`MAX_GECONTROLEERD` settings every combination is built; above, every variant
    and every lever value once (the other levers at their first value), so a wrong value is
    still found before anything runs.
    """
    combinaties = d.hefboom_combinaties()
    if len(combinaties) <= MAX_GECONTROLEERD:
        return combinaties
    eerste = combinaties[0]
    los = [{**eerste, VARIANT: v.naam} for v in d.variant]
    los += [{**eerste, h.pad: w} for h in d.hefboom for w in h.waarden]
    return los


def _controleer_scenarios(d: SweepDeclaratie, bron: str) -> list[str]:
    """Build the scenario at every lever setting with the uncertainties at both ends.

    Returns:
        The columns of the tijdreeks (from a one-month run of a tiny copy).
    """
    maanden = []
    for combi in _te_controleren(d):
        for kant in ("min", "max") if d.onzekerheid else ("min",):
            onzeker = {o.pad: (round(getattr(o, kant)) if is_geheel(o.pad) else getattr(o, kant))
                       for o in d.onzekerheid}
            waar = _beschrijf(combi) + (f"; uncertainties at {kant}" if onzeker else "")
            maanden.append(bouw_scenario(d.basis, d.overrides({**combi, **onzeker}),
                                         bron=f"{bron} (base scenario with {waar})").maanden)
    eerste = _te_controleren(d)[0]
    for r in range(len(d.wereld)):  # every world, at the first lever setting
        bouw_scenario(d.basis, d.overrides(eerste, replicatie=r),
                      bron=f"{bron} (base scenario with {_beschrijf(eerste)}; wereld[{r}])")
    probe = bouw_scenario(d.basis, d.constanten, bron=bron)
    kolommen, getallen = _tijdreeks_kolommen(probe)
    for i, u in enumerate(d.uitkomst):
        for veld in ("kolom", "noemer"):
            waarde = getattr(u, veld)
            if waarde is not None and waarde not in getallen:
                raise ScenarioFout(f"{bron}: uitkomst[{i}].{veld}: {toon(waarde)} is not a "
                                   f"numeric column of the tijdreeks; allowed: "
                                   f"{', '.join(getallen)}")
        if u.vanaf > min(maanden, default=probe.maanden):
            raise ScenarioFout(f"{bron}: uitkomst[{i}].vanaf: {u.vanaf} beyond the horizon "
                               f"({min(maanden, default=probe.maanden)} maanden)")
    for kolom in [] if d.tijdreeksen == "alle" else d.tijdreeksen:
        if kolom not in kolommen:
            raise ScenarioFout(f"{bron}: tijdreeksen: unknown column {toon(kolom)}; allowed: "
                               f"{', '.join(k for k in kolommen if k != 'maand')} (or \"alle\")")
    return kolommen


def _tijdreeks_kolommen(scenario: Scenario) -> tuple[list[str], list[str]]:
    """The columns of ``Resultaat.tijdreeks``, and of those the numeric ones.

    From a one-month run of a tiny copy of the scenario.
    """
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    from simulatie.experiment.run import simuleer

    gemeente = scenario.gemeente
    schaal = min(1.0, 2000 / gemeente.inwoners)
    klein = scenario.model_copy(update={
        "maanden": 1,
        "gemeente": gemeente.model_copy(update={
            "inwoners": max(100, int(gemeente.inwoners * schaal)),
            "wwb": int(gemeente.wwb * schaal), "wajong": int(gemeente.wajong * schaal),
            "wsw": int(gemeente.wsw * schaal),
            "awbz_extramuraal": int(gemeente.awbz_extramuraal * schaal),
            "wijken": min(gemeente.wijken, 5)}),
    })
    tijdreeks = simuleer(klein, seed=0, voortgang=False).tijdreeks
    getallen = [k for k in tijdreeks.columns
                if is_numeric_dtype(tijdreeks[k]) and not is_bool_dtype(tijdreeks[k])]
    return list(tijdreeks.columns), getallen


def bouw_sweep(data: dict[str, Any], map_: Path | None = None,
               bron: str = "sweep") -> SweepDeclaratie:
    """Validate a sweep given as a mapping (parsed TOML).

    Args:
        data: The sweep tables.
        map_: Folder the ``scenario`` path is relative to (default: current folder).
        bron: Name used in error messages.

    Returns:
        The validated declaration with ``basis`` filled in.

    Raises:
        ScenarioFout: Naming the field and the allowed values.
    """
    data = dict(data)
    if isinstance(data.get("constanten"), dict):
        data["constanten"] = _plat(data["constanten"])
    try:
        d = SweepDeclaratie.model_validate(data)
    except ValidationError as fout:
        raise ScenarioFout(f"{bron}: {fout_tekst(fout, SweepDeclaratie)}") from None
    if not d.basis:
        pad = (map_ or Path.cwd()) / d.scenario
        if not is_bestand(pad):
            raise ScenarioFout(f"{bron}: scenario: file not found: {toon_naam(str(pad))}")
        basis = lees_toml(pad, "scenario")
        basis.setdefault("naam", pad.stem)
        d.basis = basis
    _controleer_paden(d, bron)
    kolommen = _controleer_scenarios(d, bron)
    if d.tijdreeksen == "alle":
        d.tijdreeksen = [k for k in kolommen if k != "maand"]
    return d


def laad_sweep(pad: str | Path) -> SweepDeclaratie:
    """Read and validate a sweep TOML file.

    Args:
        pad: Path to the sweep TOML.

    Returns:
        The validated :class:`SweepDeclaratie`.

    Raises:
        ScenarioFout: When the file is missing or any declaration is invalid (before any run).
    """
    pad = Path(pad)
    data = lees_toml(pad, "sweep")
    data.setdefault("naam", pad.stem)
    return bouw_sweep(data, pad.parent, bron=str(pad))


def _plat(tabel: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested tables into dotted paths (``{"a": {"b": 1}}`` -> ``{"a.b": 1}``)."""
    uit: dict[str, Any] = {}
    for sleutel, waarde in tabel.items():
        pad = f"{prefix}{sleutel}"
        if isinstance(waarde, dict):
            uit.update(_plat(waarde, pad + "."))
        else:
            uit[pad] = waarde
    return uit
