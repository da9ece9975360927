"""Policy comparison: a sweep whose only lever is the variants, then tables from its time series.

``simulatie vergelijk CONFIG [--replicaties R] [--uit DIR] [--set pad=waarde ...]`` reads a
comparison file (``experimenten/beleidsvergelijking.toml``: a base scenario, variants as
``--set``-style overrides, replications, seed, years) or a plain scenario (then: the basis and
each registered policy) and turns it into a sweep declaration
(:class:`~simulatie.experiment.sweep.declaratie.SweepDeclaratie`): the variants are its
categorical lever ``variant`` (the basis first, with no overrides), ``--set`` becomes its
constants, the replications are its design's replications and every ``tijdreeks`` column is
stored. The sweep machinery then runs it (local process pool or Dask), derives the seeds
(``SeedSequence([seed, 0, replicatie])``: every variant of a replication gets the same seed,
common random numbers) and stores every run as it finishes in ``DIR/sweep/`` (the sweep layout:
``manifest.json``, ``ontwerp.parquet``, ``runs/``, ``reeksen/``). An interrupted comparison
resumes when the same command runs again: stored runs are skipped. From the stored time series
it writes into ``DIR``:

    * ``tijdreeks.parquet`` - every month of every run (columns ``variant`` and ``seed``);
    * ``vergelijking.csv`` - per variant, year and indicator: mean and 90% interval over
      replications, and the seed-paired difference with the basis (mean and 90% interval);
    * ``vergelijking.md`` - the same as readable tables, one per variant;
    * ``samenvatting.md`` - the Dutch summary paragraph per variant
      (:mod:`simulatie.experiment.samenvatting`);
    * plots with their CSV: ``ladder.png`` (ladder per variant), ``kosten.png`` (cumulative cost
      per line), ``afweging.png`` (total cost against participation with intervals);
    * ``manifest.json`` - configs, seeds, versions, git commit, run time.

Main objects: :class:`Vergelijking`, :func:`lees_vergelijking`, :func:`uitvoermap`,
:func:`voer_uit`, :func:`lees_tijdreeks`, :func:`schrijf`; the tables are in
:mod:`simulatie.experiment.vergelijk_tabellen`, the command line in
:mod:`simulatie.cli.vergelijk`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
from pydantic import BaseModel, Field, ValidationError, field_validator

from simulatie.experiment.mappen import controleer_leeg, is_bestand, map_onder
from simulatie.experiment.sweep.declaratie import (
    MAX_LIJST,
    VARIANT,
    SweepDeclaratie,
    Variant,
    bouw_sweep,
)
from simulatie.experiment.sweep.ontwerp import maak_runs
from simulatie.experiment.sweep.opslag import Opslag
from simulatie.experiment.sweep.uitvoering import Samenvatting, voer_sweep
from simulatie.experiment.vergelijk_tabellen import (
    JAREN,
    samenvattingen,
    tabel_markdown,
    vergelijkingstabel,
)
from simulatie.kern.fouten import toon_naam
from simulatie.kern.grenzen import REPLICATIES_MAX, SEED_MAX
from simulatie.kern.meldingen import fout_tekst
from simulatie.kern.scenario import STRIKT, Naam, Scenario, ScenarioFout, bouw_scenario, lees_toml
from simulatie.kern.uitvoer import PER_NAAM

#: Subfolder of the comparison folder that holds its runs (the sweep storage).
RUNS = "sweep"
#: Scalar outcomes stored per run (for ``simulatie analyseer DIR/sweep``).
UITKOMSTEN = ("bijstand", "gemiddelde_trede", "kosten_totaal")


@dataclass
class Vergelijking:
    """A validated comparison.

    Attributes:
        naam: Name of the comparison (tables, default output folder).
        declaratie: The sweep that runs it (variants as its lever ``variant``).
        scenarios: The validated scenario of every variant, in order; the first is the basis.
        seeds: Replication seeds, the same for every variant (common random numbers).
        jaren: Years of the table.
        bron: The file it came from.
    """

    naam: str
    declaratie: SweepDeclaratie
    scenarios: dict[str, Scenario]
    seeds: list[int]
    jaren: tuple[int, ...] = JAREN
    bron: str = ""

    @property
    def varianten(self) -> list[str]:
        """The variant names, the basis first."""
        return list(self.scenarios)


#: Standard number of replications of a comparison.
REPLICATIES = 20


class VergelijkingBestand(BaseModel):
    """The schema of a comparison file (``experimenten/beleidsvergelijking.toml``)."""

    model_config = STRIKT

    naam: Naam | None = Field(None, description="Name (default: the file name).")
    scenario: str = Field("basis.toml", min_length=1, max_length=4096,
                          description="Base scenario TOML, relative to this file.")
    replicaties: int = Field(REPLICATIES, ge=1, le=REPLICATIES_MAX,
                             description="Replications per variant.")
    seed: int | None = Field(None, ge=0, le=SEED_MAX, description="Master seed (default: the "
                             "scenario's, else 0).")
    jaren: list[Annotated[int, Field(ge=1, le=50)]] = Field(
        list(JAREN), min_length=1, max_length=50, description="Years of the tables.")
    variant: list[Variant] | None = Field(None, max_length=MAX_LIJST,
                                          description="Variants (default: every policy).")

    @field_validator("jaren")
    @classmethod
    def _uniek(cls, jaren: list[int]) -> list[int]:
        if len(set(jaren)) < len(jaren):
            raise ValueError("a year is listed twice")
        return jaren


def _standaard_varianten() -> list[dict[str, Any]]:
    from simulatie.kern.beleid import register

    return [{"naam": naam, "set": {f"beleid.{naam}.actief": True}} for naam in register()]


def _uitkomsten() -> list[dict[str, Any]]:
    """The outcomes of :data:`UITKOMSTEN`, aggregated as their output declaration says."""
    return [{"naam": n, "kolom": n, "aggregatie": PER_NAAM[n].run,
             "richting": "max" if PER_NAAM[n].beter == "hoger" else "min"} for n in UITKOMSTEN]


def lees_vergelijking(pad: str | Path, overrides: Mapping[str, Any] | None = None,
                      replicaties: int | None = None,
                      varianten: Sequence[str] | None = None) -> Vergelijking:
    """Read a comparison file (or a plain scenario) and validate it as a sweep.

    Args:
        pad: ``experimenten/beleidsvergelijking.toml`` or a scenario TOML.
        overrides: ``--set`` overrides applied to every variant (they win over the variant's
            own overrides for the same path).
        replicaties: Number of replications (default: the file's, else 20).
        varianten: Run only these variants (and the basis, which always runs).

    Returns:
        The validated :class:`Vergelijking`.

    Raises:
        ScenarioFout: For a missing file, bad TOML, an unknown variant, policy or setting, or a
            value out of range (naming the variant, policy, parameter and allowed range).
    """
    pad = Path(pad)
    data = lees_toml(pad, "comparison")
    if "scenario" in data or "variant" in data:
        bestand = _lees_bestand(data, pad)
        scen_pad = pad.parent / bestand.scenario
        if not is_bestand(scen_pad):
            raise ScenarioFout(f"{toon_naam(str(pad))}: scenario: file not found: "
                               f"{toon_naam(str(scen_pad))}")
        basis = lees_toml(scen_pad, "scenario")
        basis.setdefault("naam", scen_pad.stem)
        scenario = bestand.scenario
        eigen = ([v.model_dump(by_alias=True) for v in bestand.variant] if bestand.variant
                 else _standaard_varianten())
        naam = bestand.naam or pad.stem
        n = bestand.replicaties
        seed = bestand.seed
        jaren = tuple(bestand.jaren)
    else:
        basis, scenario = data, pad.name
        basis.setdefault("naam", pad.stem)
        eigen = _standaard_varianten()
        naam = f"vergelijking_{pad.stem}"
        n, seed, jaren = REPLICATIES, None, JAREN
    if seed is None and type(basis.get("seed")) is int and 0 <= basis["seed"] <= SEED_MAX:
        seed = basis["seed"]  # a wrong seed is reported when the scenario is validated
    n = replicaties if replicaties is not None else n
    if any(v.get("naam") == "basis" for v in eigen):
        raise ScenarioFout(f"{toon_naam(str(pad))}: variant naam \"basis\" is reserved for the "
                           "baseline")
    eigen = _kies(eigen, varianten)
    declaratie = bouw_sweep({
        "naam": naam, "scenario": scenario, "basis": basis, "constanten": dict(overrides or {}),
        "variant": [{"naam": "basis"}, *eigen], "uitkomst": _uitkomsten(),
        "tijdreeksen": "alle", "ontwerp": {"replicaties": n, "seed": seed or 0},
    }, pad.parent, bron=str(pad))
    scenarios = {v.naam: bouw_scenario(declaratie.basis, declaratie.overrides({VARIANT: v.naam}),
                                       bron=f"{pad} [variant {v.naam}]")
                 for v in declaratie.variant}
    ontwerp = maak_runs(declaratie)
    seeds = [int(s) for s in ontwerp.drop_duplicates("replicatie")["seed"]]
    return Vergelijking(naam=naam, declaratie=declaratie, scenarios=scenarios, seeds=seeds,
                        jaren=jaren, bron=str(pad))


def _lees_bestand(data: dict[str, Any], pad: Path) -> VergelijkingBestand:
    """Validate the tables of a comparison file (before its scenario is read)."""
    try:
        return VergelijkingBestand.model_validate(data)
    except ValidationError as fout:
        raise ScenarioFout(f"{toon_naam(str(pad))}: {fout_tekst(fout, VergelijkingBestand)}"
                           ) from None


def _kies(eigen: list[Any], varianten: Sequence[str] | None) -> list[Any]:
    """The declared variants restricted to ``varianten`` (None: all)."""
    if varianten is None:
        return eigen
    bekend = [v.get("naam") for v in eigen]
    onbekend = set(varianten) - set(bekend) - {"basis"}
    if onbekend:
        raise ScenarioFout(f"--varianten: unknown {', '.join(map(toon_naam, sorted(onbekend)))}; "
                           f"allowed: {', '.join(['basis', *map(str, bekend)])}")
    return [v for v in eigen if v.get("naam") in set(varianten)]


def _vingerafdruk(map_: Path) -> str | None:
    """The fingerprint of the comparison stored in ``map_``, or None."""
    manifest = map_ / RUNS / "manifest.json"
    try:
        if not manifest.is_file():
            return None
        return json.loads(manifest.read_text("utf-8")).get("vingerafdruk")
    except (OSError, ValueError, AttributeError):
        return None


def uitvoermap(uit: str | Path | None, vergelijking: Vergelijking,
               basis: str | Path = "resultaten", maak: bool = True) -> Path:
    """The comparison's folder: new, or one that holds this same comparison (to resume).

    Args:
        uit: Requested folder, or None for ``resultaten/<naam>-<fingerprint>`` (so the same
            command finds its folder again; the name made safe for a folder).
        vergelijking: The comparison.
        basis: Parent of the default folder.
        maak: Create the folder (False: only check it, see
            :class:`~simulatie.experiment.mappen.Aanmaak`).

    Returns:
        The folder (created when missing and ``maak``).

    Raises:
        ScenarioFout: When the path is a file or the folder holds anything else than this
            comparison (results are never overwritten).
    """
    vingerafdruk = vergelijking.declaratie.vingerafdruk()
    pad = (Path(uit) if uit is not None
           else map_onder(basis, vergelijking.naam, f"-{vingerafdruk}"))
    if _vingerafdruk(pad) is None:
        controleer_leeg(pad)
    elif _vingerafdruk(pad) != vingerafdruk:
        raise ScenarioFout(f"--uit {toon_naam(str(pad))}: holds a different comparison "
                           f"(fingerprint {_vingerafdruk(pad)}; this one {vingerafdruk}); results "
                           "are never overwritten (choose a new folder)")
    if maak:
        pad.mkdir(parents=True, exist_ok=True)
    return pad


def heeft_runs(map_: Path) -> bool:
    """Whether the comparison folder ``map_`` holds stored runs (worth resuming)."""
    return any((Path(map_) / RUNS / "runs").glob("part-*.parquet"))


def voer_uit(vergelijking: Vergelijking, map_: Path, *, workers: int = 2,
             scheduler: str | None = None, voortgang: bool = False) -> Samenvatting:
    """Run the comparison's runs that ``map_`` does not hold yet, storing each as it finishes.

    The stored results do not depend on ``workers`` or the backend. Failed runs of an earlier
    invocation run again.

    Args:
        vergelijking: The comparison.
        map_: The comparison's folder (see :func:`uitvoermap`); runs go to ``map_/sweep``.
        workers: Local processes (1: in this process); ignored with ``scheduler``.
        scheduler: Address of a Dask scheduler, or None to run locally.
        voortgang: Show a progress bar on stderr.

    Returns:
        What this invocation did (:class:`~simulatie.experiment.sweep.Samenvatting`).
    """
    return voer_sweep(vergelijking.declaratie, Path(map_) / RUNS, workers=workers,
                      scheduler=scheduler, voortgang=voortgang, herhaal_fouten=True,
                      schrijf_elke=1)


def _opslag(vergelijking: Vergelijking, map_: Path) -> Opslag:
    """The storage of the comparison's runs in ``map_`` (which must hold it)."""
    if _vingerafdruk(Path(map_)) is None:
        raise ScenarioFout(f"{map_}: no {RUNS}/manifest.json; not the folder of a comparison")
    return Opslag(Path(map_) / RUNS, vergelijking.declaratie)


def mislukt(vergelijking: Vergelijking, map_: Path) -> pd.DataFrame:
    """The stored runs that failed: ``run_id``, ``variant``, ``seed`` and ``fout``."""
    runs = _opslag(vergelijking, map_).runs()
    return runs.loc[runs["status"] != "ok", ["run_id", VARIANT, "seed", "fout"]]


def lees_tijdreeks(vergelijking: Vergelijking, map_: Path) -> pd.DataFrame:
    """Every month of every stored run, ordered by variant (as declared), seed and month.

    Args:
        vergelijking: The comparison.
        map_: Its folder, after :func:`voer_uit` stored every run.

    Returns:
        The ``tijdreeks`` of every run with the column ``variant`` in front.

    Raises:
        ScenarioFout: When the folder holds no comparison, or runs are missing or failed (run
            the comparison again).
    """
    opslag = _opslag(vergelijking, map_)
    runs = opslag.runs(["run_id", VARIANT, "status"])
    ok = runs[runs["status"] == "ok"]
    gepland = len(vergelijking.scenarios) * len(vergelijking.seeds)
    if len(ok) < gepland:
        raise ScenarioFout(f"{map_}: {gepland - len(ok)} of {gepland} runs missing or failed; "
                           "run the same command again")
    reeksen = opslag.reeksen()
    kolommen = [VARIANT, *(k for k in reeksen.columns if k != "run_id")]
    tijdreeks = reeksen.merge(ok[["run_id", VARIANT]], on="run_id", validate="many_to_one")
    volgorde = tijdreeks[VARIANT].map({v: i for i, v in enumerate(vergelijking.varianten)})
    tijdreeks = tijdreeks.assign(_v=volgorde).sort_values(["_v", "seed", "maand"], kind="stable")
    return tijdreeks[kolommen].reset_index(drop=True)


def schrijf(vergelijking: Vergelijking, tijdreeks: pd.DataFrame, map_: Path,
            looptijd_s: float | None = None, workers: int = 2) -> list[Path]:
    """Write tables, summaries, plots (with CSV) and the manifest into ``map_``."""
    from simulatie.experiment import vergelijk_plots
    from simulatie.experiment.schrijven import git_commit, versies

    geschreven = []
    pad = map_ / "tijdreeks.parquet"
    tijdreeks.to_parquet(pad, index=False)
    geschreven.append(pad)
    tabel = vergelijkingstabel(tijdreeks, vergelijking.jaren)
    pad = map_ / "vergelijking.csv"
    tabel.to_csv(pad, index=False)
    geschreven.append(pad)
    pad = map_ / "vergelijking.md"
    pad.write_text(f"# {vergelijking.naam}\n\n{len(vergelijking.seeds)} replicaties per "
                   f"variant, dezelfde seeds voor elke variant.\n\n"
                   + tabel_markdown(tabel), "utf-8")
    geschreven.append(pad)
    teksten = samenvattingen(tijdreeks)
    pad = map_ / "samenvatting.md"
    pad.write_text(f"# Samenvatting: {vergelijking.naam}\n\n"
                   + "\n\n".join(teksten.values()) + "\n", "utf-8")
    geschreven.append(pad)
    geschreven += vergelijk_plots.ladder(tijdreeks, map_ / "ladder.png")
    geschreven += vergelijk_plots.kosten(tijdreeks, map_ / "kosten.png")
    geschreven += vergelijk_plots.afweging(tijdreeks, map_ / "afweging.png")
    d = vergelijking.declaratie
    manifest = {
        "vergelijking": vergelijking.naam,
        "bron": vergelijking.bron,
        "seeds": vergelijking.seeds,
        "jaren": list(vergelijking.jaren),
        "varianten": {v.naam: {"overrides": v.overrides,
                               "config": vergelijking.scenarios[v.naam].model_dump(mode="json")}
                      for v in d.variant},
        "runs": f"{RUNS}/",
        "vingerafdruk": d.vingerafdruk(),
        "workers": workers,
        "looptijd_s": None if looptijd_s is None else round(looptijd_s, 1),
        "versies": versies(),
        "git_commit": git_commit(),
    }
    pad = map_ / "manifest.json"
    pad.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str), "utf-8")
    geschreven.append(pad)
    return geschreven
