"""Policy comparison: a sweep whose only lever is the variants, then tables from its time series.

``simulatie vergelijk CONFIG [--replicaties R] [--uit DIR] [--set pad=waarde ...]
[--onzekerheid {parameters,effecten,seeds}] [--ensemble PAD]`` reads a comparison file
(``experimenten/beleidsvergelijking.toml``: a base scenario, variants as ``--set``-style
overrides, replications, seed, years) or a plain scenario (then: the basis and each registered
policy) and turns it into a sweep declaration
(:class:`~simulatie.experiment.sweep.declaratie.SweepDeclaratie`): the variants are its
categorical lever ``variant`` (the basis first, with no overrides), ``--set`` becomes its
constants, the replications are its design's replications and every ``tijdreeks`` column is
stored. The sweep machinery then runs it (local process pool or Dask), derives the seeds
(``SeedSequence([seed, 0, replicatie])``: every variant of a replication gets the same seed,
common random numbers) and stores every run as it finishes in ``DIR/sweep/`` (the sweep layout:
``manifest.json``, ``ontwerp.parquet``, ``runs/``, ``reeksen/``). An interrupted comparison
resumes when the same command runs again: stored runs are skipped.

Uncertainty (``--onzekerheid``):

    * ``parameters`` (the default): replication ``r`` runs in a plausible world - its seed, an
      ensemble member (``--ensemble``, default the shipped
      :data:`~simulatie.experiment.kalibratie.ensemble.STANDAARD`) and a draw of every policy's
      unproven effect sizes, the same for every variant (common worlds; see
      :mod:`simulatie.experiment.onzekerheid`). The worlds are the sweep's per-replication
      ``[[wereld]]`` tables, stored in ``DIR/sweep/ontwerp.parquet``. A second sweep,
      ``DIR/sweep_seeds/``, runs the same seeds with every ensemble parameter at its weighted
      median and the effect sizes at their defaults: the interval from seed noise alone. It has
      as many replications as the first: the two intervals are empirical 5%/95% quantiles, and
      with fewer draws the seed-only interval would be systematically narrower, which would
      flatter the comparison of the two. So this mode runs twice the runs of ``seeds``.
    * ``effecten``: as ``parameters`` with an ensemble of one member that sets nothing
      (:func:`~simulatie.experiment.onzekerheid.zonder_ensemble`): the worlds draw the policies'
      effect sizes only, every core parameter keeps its default; the seed-only set runs at the
      defaults. The fallback while no calibrated ensemble ships.
    * ``seeds``: every replication at the model's defaults; only the seed varies (the
      comparison as it was before issue 14; ``DIR/sweep/`` only).

From the stored time series it writes into ``DIR``:

    * ``tijdreeks.parquet`` - every month of every run of ``DIR/sweep`` (columns ``variant`` and
      ``seed``);
    * ``vergelijking.csv`` - per variant, year and indicator: mean and 90% interval over
      replications; the paired difference with the basis (mean and 90% interval; with worlds
      the union with the seed-only interval, see
      :mod:`simulatie.experiment.vergelijk_tabellen`), ``verschil_laag_seeds`` and
      ``verschil_hoog_seeds`` (the 90% interval from seed noise alone; with ``seeds`` the same
      as the total) and ``aandeel_positief`` (the share of paired draws with a difference
      above 0);
    * ``vergelijking.md`` - the same as readable tables, one per variant;
    * ``drijvers.csv`` - only with worlds (``parameters``, ``effecten``): per variant,
      indicator and varied parameter its ``bijdrage`` to the paired difference at the horizon
      (:func:`simulatie.experiment.onzekerheid.drijvers`); with ``seeds`` nothing varies but the
      seed, so the file is not written;
    * ``samenvatting.md`` - the Dutch summary paragraph per variant
      (:mod:`simulatie.experiment.samenvatting`), with worlds followed by the sentence
      on how many plausible worlds lower the cost and raise participation, and the assumption
      the cost effect depends on most (:func:`simulatie.experiment.onzekerheid.onzekerheidszin`);
    * plots with their CSV: ``ladder.png`` (ladder per variant), ``kosten.png`` (cumulative cost
      per line), ``afweging.png`` (total cost against participation with intervals), over the
      runs of ``DIR/sweep``;
    * ``manifest.json`` - configs, seeds, mode, ensemble (path, SHA-256, drawn members; null
      with ``effecten``), versions, git commit, run time.

Main objects: :class:`Vergelijking`, :func:`lees_vergelijking`, :func:`uitvoermap`,
:func:`voer_uit`, :func:`lees_tijdreeks`, :func:`schrijf`; the tables are in
:mod:`simulatie.experiment.vergelijk_tabellen`, the command line in
:mod:`simulatie.cli.vergelijk`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
from pydantic import BaseModel, Field, ValidationError, field_validator

from simulatie.experiment import onzekerheid as onz
from simulatie.experiment.kalibratie.ensemble import mediaan
from simulatie.experiment.mappen import controleer_leeg, is_bestand, map_onder
from simulatie.experiment.sweep.declaratie import (
    MAX_LIJST,
    VARIANT,
    SweepDeclaratie,
    Variant,
    bouw_sweep,
    expliciete_paden,
)
from simulatie.experiment.sweep.ontwerp import maak_runs
from simulatie.experiment.sweep.opslag import Opslag
from simulatie.experiment.sweep.uitvoering import Samenvatting, voer_sweep
from simulatie.experiment.vergelijk_tabellen import (
    JAREN,
    samenvattingen,
    tabel_markdown,
    verbreed_aantal,
    verbreed_tot_seeds,
    vergelijkingstabel,
)
from simulatie.kern.fouten import toon_naam
from simulatie.kern.grenzen import REPLICATIES_MAX, SEED_MAX
from simulatie.kern.meldingen import fout_tekst
from simulatie.kern.scenario import STRIKT, Naam, Scenario, ScenarioFout, bouw_scenario, lees_toml
from simulatie.kern.uitvoer import PER_NAAM

#: Subfolder of the comparison folder that holds its runs (the sweep storage).
RUNS = "sweep"
#: Subfolder with the seed-only set of ``--onzekerheid parameters`` (a sweep storage too).
RUNS_SEEDS = "sweep_seeds"
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
        onzekerheid: ``"parameters"`` (plausible worlds), ``"effecten"`` (worlds that vary the
            policies' effect sizes only) or ``"seeds"`` (seed noise only).
        declaratie_seeds: With worlds (``parameters``, ``effecten``): the seed-only set (the
            same sweep, every world at the ensemble median); None with ``seeds``.
        ensemble: With ``parameters``: the ensemble file.
        leden: With ``parameters``: the ensemble member of each replication's world.
        gevarieerd: With worlds: the paths that differ between worlds.
        waarschuwing: With ``parameters``: a Dutch warning when the municipality is not the
            one the ensemble was calibrated on (:func:`.onzekerheid.andere_gemeente`), else None.
    """

    naam: str
    declaratie: SweepDeclaratie
    scenarios: dict[str, Scenario]
    seeds: list[int]
    jaren: tuple[int, ...] = JAREN
    bron: str = ""
    onzekerheid: str = "seeds"
    declaratie_seeds: SweepDeclaratie | None = None
    ensemble: Path | None = None
    leden: list[int] = field(default_factory=list)
    gevarieerd: list[str] = field(default_factory=list)
    waarschuwing: str | None = None

    @property
    def werelden(self) -> bool:
        """Whether the replications are worlds (``parameters`` or ``effecten``)."""
        return self.onzekerheid in onz.WERELDEN

    @property
    def varianten(self) -> list[str]:
        """The variant names, the basis first."""
        return list(self.scenarios)

    def sweeps(self) -> dict[str, SweepDeclaratie]:
        """Subfolder -> the sweep stored there (:data:`RUNS`, and :data:`RUNS_SEEDS`)."""
        uit = {RUNS: self.declaratie}
        if self.declaratie_seeds is not None:
            uit[RUNS_SEEDS] = self.declaratie_seeds
        return uit

    def vingerafdruk(self) -> str:
        """A short hash of every sweep of the comparison (the main one's alone with ``seeds``)."""
        if self.declaratie_seeds is None:
            return self.declaratie.vingerafdruk()
        tekst = "+".join(d.vingerafdruk() for d in self.sweeps().values())
        return hashlib.sha256(tekst.encode()).hexdigest()[:16]


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
                      varianten: Sequence[str] | None = None, *,
                      onzekerheid: str = "parameters",
                      ensemble: str | Path | None = None) -> Vergelijking:
    """Read a comparison file (or a plain scenario) and validate it as a sweep.

    Args:
        pad: ``experimenten/beleidsvergelijking.toml`` or a scenario TOML.
        overrides: ``--set`` overrides applied to every variant (they win over the variant's
            own overrides for the same path, and are never drawn for a world).
        replicaties: Number of replications (default: the file's, else 20).
        varianten: Run only these variants (and the basis, which always runs).
        onzekerheid: ``"parameters"`` (plausible worlds and a seed-only set), ``"effecten"``
            (the same with the core parameters at their defaults: only the policies' effect
            sizes are drawn) or ``"seeds"``.
        ensemble: The ensemble of ``parameters`` (default: the shipped one); not allowed with
            the other modes.

    Returns:
        The validated :class:`Vergelijking`.

    Raises:
        ScenarioFout: For a missing file, bad TOML, an unknown variant, policy or setting, or a
            value out of range (naming the variant, policy, parameter and allowed range); an
            unknown mode, or a missing or bad ensemble (naming ``--ensemble`` and the file).
    """
    if onzekerheid not in onz.MODI:
        raise ScenarioFout(f"--onzekerheid {toon_naam(str(onzekerheid))}: onbekend; toegestaan: "
                           f"{', '.join(onz.MODI)}")
    if onzekerheid != "parameters" and ensemble is not None:
        raise ScenarioFout(f"--ensemble {toon_naam(str(ensemble))}: alleen te gebruiken met "
                           f"--onzekerheid parameters (met {onzekerheid} staan de "
                           "kernparameters op hun standaardwaarde)")
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
    constanten = dict(overrides or {})
    gegevens: dict[str, Any] = {
        "naam": naam, "scenario": scenario, "basis": basis, "constanten": constanten,
        "variant": [{"naam": "basis"}, *eigen], "uitkomst": _uitkomsten(),
        "tijdreeksen": "alle", "ontwerp": {"replicaties": n, "seed": seed or 0},
    }
    extra: dict[str, Any] = {}
    if onzekerheid in onz.WERELDEN:
        tabel, ens_pad = (onz.laad_ensemble(ensemble) if onzekerheid == "parameters"
                          else (onz.zonder_ensemble(), None))
        instellingen = onz.onzekere_beleidsinstellingen()
        werelden, leden = onz.trek_werelden(tabel, seed or 0, n, instellingen, constanten)
        gegevens["wereld"] = werelden
        midden = {k: v for k, v in mediaan(tabel).items() if k not in constanten}
        extra = {"ensemble": ens_pad, "leden": leden,
                 "gevarieerd": onz.gevarieerd(tabel, instellingen, constanten)}
    declaratie = bouw_sweep(gegevens, pad.parent, bron=str(pad))
    if onzekerheid in onz.WERELDEN:
        extra["declaratie_seeds"] = _seeds_set(declaratie, midden, str(pad))
    scenarios = {v.naam: bouw_scenario(declaratie.basis, declaratie.overrides({VARIANT: v.naam}),
                                       bron=f"{pad} [variant {v.naam}]")
                 for v in declaratie.variant}
    if extra.get("ensemble") is not None:
        extra["waarschuwing"] = onz.andere_gemeente(
            extra["ensemble"], next(iter(scenarios.values())).gemeente.model_dump())
    ontwerp = maak_runs(declaratie)
    seeds = [int(s) for s in ontwerp.drop_duplicates("replicatie")["seed"]]
    return Vergelijking(naam=naam, declaratie=declaratie, scenarios=scenarios, seeds=seeds,
                        jaren=jaren, bron=str(pad), onzekerheid=onzekerheid, **extra)


def _seeds_set(declaratie: SweepDeclaratie, midden: dict[str, Any], bron: str
               ) -> SweepDeclaratie:
    """The seed-only set: the same sweep with every world at the ensemble median.

    The main sweep was validated (paths, scenarios, series columns); this one differs only in
    its worlds, whose paths are a subset of the main worlds' and whose values lie between the
    ensemble's, so only the median world is built once more.
    """
    gegevens = declaratie.model_dump()
    gegevens["wereld"] = [dict(midden) for _ in range(declaratie.ontwerp.replicaties)]
    try:
        seeds = SweepDeclaratie.model_validate(gegevens)
    except ValidationError as fout:
        raise ScenarioFout(f"{bron}: {fout_tekst(fout, SweepDeclaratie)}") from None
    eerste = {VARIANT: declaratie.variant[0].naam}
    bouw_scenario(seeds.basis, seeds.overrides(eerste, replicatie=0),
                  bron=f"{bron} (base scenario with the ensemble median)")
    return seeds


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


def _vingerafdruk(map_: Path, deel: str = RUNS) -> str | None:
    """The fingerprint of the sweep stored in ``map_/deel``, or None."""
    manifest = map_ / deel / "manifest.json"
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
    pad = (Path(uit) if uit is not None
           else map_onder(basis, vergelijking.naam, f"-{vergelijking.vingerafdruk()}"))
    if _vingerafdruk(pad) is None:
        controleer_leeg(pad)
    for deel, d in vergelijking.sweeps().items():  # a stored sweep must be this one's
        oud, nieuw = _vingerafdruk(pad, deel), d.vingerafdruk()
        if oud is not None and oud != nieuw:
            raise ScenarioFout(f"--uit {toon_naam(str(pad))}: holds a different comparison "
                               f"({deel}: fingerprint {oud}; this one {nieuw}); results are "
                               "never overwritten (choose a new folder)")
    if maak:
        pad.mkdir(parents=True, exist_ok=True)
    return pad


def heeft_runs(map_: Path) -> bool:
    """Whether the comparison folder ``map_`` holds stored runs (worth resuming)."""
    return any(any((Path(map_) / deel / "runs").glob("part-*.parquet"))
               for deel in (RUNS, RUNS_SEEDS))


def voer_uit(vergelijking: Vergelijking, map_: Path, *, workers: int = 2,
             scheduler: str | None = None, voortgang: bool = False) -> Samenvatting:
    """Run the comparison's runs that ``map_`` does not hold yet, storing each as it finishes.

    The stored results do not depend on ``workers`` or the backend. Failed runs of an earlier
    invocation run again. With ``--onzekerheid parameters`` the plausible worlds run first
    (``map_/sweep``), then the seed-only set (``map_/sweep_seeds``).

    Args:
        vergelijking: The comparison.
        map_: The comparison's folder (see :func:`uitvoermap`); runs go to ``map_/sweep``.
        workers: Local processes (1: in this process); ignored with ``scheduler``.
        scheduler: Address of a Dask scheduler, or None to run locally.
        voortgang: Show a progress bar on stderr.

    Returns:
        What this invocation did (:class:`~simulatie.experiment.sweep.Samenvatting`), summed
        over both sweeps.
    """
    delen = [voer_sweep(d, Path(map_) / deel, workers=workers, scheduler=scheduler,
                        voortgang=voortgang, herhaal_fouten=True, schrijf_elke=1)
             for deel, d in vergelijking.sweeps().items()]
    if len(delen) == 1:
        return delen[0]
    som = {k: sum(getattr(s, k) for s in delen)
           for k in ("gepland", "overgeslagen", "gedaan", "fouten", "onvoltooid", "looptijd_s")}
    return Samenvatting(**som, backend=delen[0].backend, workers=delen[0].workers)


def _opslag(vergelijking: Vergelijking, map_: Path, deel: str = RUNS) -> Opslag:
    """The storage of the comparison's runs in ``map_/deel`` (which must hold it)."""
    if _vingerafdruk(Path(map_), deel) is None:
        raise ScenarioFout(f"{map_}: no {deel}/manifest.json; not the folder of a comparison "
                           "(or its runs have not started)")
    return Opslag(Path(map_) / deel, vergelijking.sweeps()[deel])


def mislukt(vergelijking: Vergelijking, map_: Path) -> pd.DataFrame:
    """The stored runs that failed: ``run_id``, ``variant``, ``seed`` and ``fout``.

    Runs of the seed-only set have ``run_id`` ``sweep_seeds/<run_id>``.
    """
    delen = []
    for deel in vergelijking.sweeps():
        if _vingerafdruk(Path(map_), deel) is None:
            continue
        runs = _opslag(vergelijking, map_, deel).runs()
        if "fout" not in runs.columns:
            continue
        runs = runs.loc[runs["status"] != "ok", ["run_id", VARIANT, "seed", "fout"]]
        if deel != RUNS:
            runs = runs.assign(run_id=f"{deel}/" + runs["run_id"].astype(str))
        delen.append(runs)
    if not delen:
        return pd.DataFrame(columns=["run_id", VARIANT, "seed", "fout"])
    return pd.concat(delen, ignore_index=True)


def lees_tijdreeks(vergelijking: Vergelijking, map_: Path, deel: str = RUNS) -> pd.DataFrame:
    """Every month of every stored run, ordered by variant (as declared), seed and month.

    Args:
        vergelijking: The comparison.
        map_: Its folder, after :func:`voer_uit` stored every run.
        deel: :data:`RUNS` (the runs of the table: plausible worlds, or seeds only), or
            :data:`RUNS_SEEDS` (the seed-only set of ``--onzekerheid parameters``).

    Returns:
        The ``tijdreeks`` of every run with the column ``variant`` in front.

    Raises:
        ScenarioFout: When the folder holds no comparison, or runs are missing or failed (run
            the comparison again).
    """
    opslag = _opslag(vergelijking, map_, deel)
    runs = opslag.runs(["run_id", VARIANT, "status"])
    ok = runs[runs["status"] == "ok"]
    gepland = len(vergelijking.scenarios) * len(vergelijking.seeds)
    if len(ok) < gepland:
        raise ScenarioFout(f"{map_}: {gepland - len(ok)} of {gepland} runs missing or failed"
                           f"{'' if deel == RUNS else f' in {deel}'}; run the same command "
                           "again")
    reeksen = opslag.reeksen()
    kolommen = [VARIANT, *(k for k in reeksen.columns if k != "run_id")]
    tijdreeks = reeksen.merge(ok[["run_id", VARIANT]], on="run_id", validate="many_to_one")
    volgorde = tijdreeks[VARIANT].map({v: i for i, v in enumerate(vergelijking.varianten)})
    tijdreeks = tijdreeks.assign(_v=volgorde).sort_values(["_v", "seed", "maand"], kind="stable")
    return tijdreeks[kolommen].reset_index(drop=True)


def lees_werelden(vergelijking: Vergelijking, map_: Path) -> pd.DataFrame:
    """The world of each seed, from the stored design (``map_/sweep/ontwerp.parquet``).

    Returns:
        One row per seed (index ``seed``): ``replicatie`` and one column per world path (none
        with ``--onzekerheid seeds``).
    """
    ontwerp = pd.read_parquet(Path(map_) / RUNS / "ontwerp.parquet")
    eerste = ontwerp[ontwerp[VARIANT] == vergelijking.varianten[0]]
    kolommen = ["replicatie", *vergelijking.declaratie.wereld_paden()]
    return eerste.set_index("seed")[kolommen]


def drijver_paden(vergelijking: Vergelijking) -> dict[str, list[str]]:
    """Per variant (not the basis) the varied paths that can drive its difference.

    Every varied ensemble parameter; a policy's effect size only when that policy is active in
    the variant or the basis; never a path the variant's scenario sets itself (then its world
    value does not apply, see :func:`~simulatie.experiment.sweep.declaratie.run_overrides`).
    """
    beleid = {o.pad: o.beleid for o in onz.onzekere_beleidsinstellingen()}
    basis, *rest = vergelijking.varianten
    actief_basis = set(vergelijking.scenarios[basis].actieve_beleid())
    d = vergelijking.declaratie
    uit = {}
    for naam in rest:
        actief = actief_basis | set(vergelijking.scenarios[naam].actieve_beleid())
        vast = expliciete_paden(d.basis, d.overrides({VARIANT: naam}))
        uit[naam] = [p for p in vergelijking.gevarieerd
                     if p not in vast and (p not in beleid or beleid[p] in actief)]
    return uit


def schrijf(vergelijking: Vergelijking, tijdreeks: pd.DataFrame, map_: Path,
            looptijd_s: float | None = None, workers: int = 2,
            tijdreeks_seeds: pd.DataFrame | None = None) -> list[Path]:
    """Write tables, drivers, summaries, plots (with CSV) and the manifest into ``map_``.

    Args:
        vergelijking: The comparison.
        tijdreeks: :func:`lees_tijdreeks` of ``map_`` (plausible worlds, or seeds only).
        map_: The comparison's folder.
        looptijd_s: Wall time of the runs (manifest).
        workers: Local processes used (manifest).
        tijdreeks_seeds: With ``--onzekerheid parameters``: :func:`lees_tijdreeks` of the
            seed-only set (``deel=RUNS_SEEDS``); required there.

    Returns:
        The paths written.
    """
    from simulatie.experiment import vergelijk_plots
    from simulatie.experiment.schrijven import git_commit, versies

    werelden = vergelijking.werelden
    if werelden and tijdreeks_seeds is None:
        raise ValueError(f"--onzekerheid {vergelijking.onzekerheid}: schrijf needs the "
                         "seed-only set")
    geschreven = []
    pad = map_ / "tijdreeks.parquet"
    tijdreeks.to_parquet(pad, index=False)
    geschreven.append(pad)
    ruw = vergelijkingstabel(tijdreeks, vergelijking.jaren,
                             tijdreeks_seeds=tijdreeks_seeds if werelden else None,
                             verbreed=False)
    tabel = verbreed_tot_seeds(ruw)
    verbreed = verbreed_aantal(ruw, tabel)
    pad = map_ / "vergelijking.csv"
    tabel.to_csv(pad, index=False)
    geschreven.append(pad)
    n = len(vergelijking.seeds)
    kop = f"{n} replicaties per variant, dezelfde seeds voor elke variant."
    met_ensemble = vergelijking.onzekerheid == "parameters"
    midden = "de mediaan van het ensemble" if met_ensemble else "de standaardwaarden"
    if werelden:
        wereld = ("seed, een lid van het ensemble en een trekking van de onzekere "
                  "aannames van elk beleid" if met_ensemble else
                  "seed en een trekking van de onzekere aannames van elk beleid, zoals "
                  "effectgroottes en aangenomen kosten; de "
                  "kernparameters staan op hun standaardwaarde, want er is geen gekalibreerd "
                  "ensemble gebruikt: hun onzekerheid zit niet in de intervallen")
        kop = (f"{n} replicaties per variant: elke replicatie is een plausibele wereld ({wereld}"
               f"), dezelfde voor elke variant. Daarnaast {n} replicaties met dezelfde "
               f"seeds en alle parameters op {midden} (alleen toeval). Het "
               f"totale 90%-interval van een verschil is de vereniging van het interval over de "
               f"werelden en dat van alleen toeval; in {verbreed} van de "
               f"{int((tabel['variant'] != vergelijking.varianten[0]).sum())} cellen was het "
               f"interval over de werelden aan een kant smaller en is het zo verbreed.")
    pad = map_ / "vergelijking.md"
    pad.write_text(f"# {vergelijking.naam}\n\n{kop}\n\n" + tabel_markdown(tabel, werelden=werelden),
                   "utf-8")
    geschreven.append(pad)
    teksten = samenvattingen(tijdreeks, tijdreeks_seeds=tijdreeks_seeds if werelden else None,
                             midden=midden)
    if werelden:
        tabel_d = onz.drijvers(tijdreeks, lees_werelden(vergelijking, map_),
                               drijver_paden(vergelijking), basis=vergelijking.varianten[0])
        pad = map_ / "drijvers.csv"
        tabel_d.to_csv(pad, index=False)
        geschreven.append(pad)
        teksten = {v: f"{t} {onz.onzekerheidszin(v, tijdreeks, tabel_d)}"
                   for v, t in teksten.items()}
    # A variant with rounds of policies says when which policy runs.
    teksten = {v: (f"{t} Beleid in deze variant: {vergelijking.scenarios[v].beleid_tekst()}."
                   if v in vergelijking.scenarios and vergelijking.scenarios[v].rondes else t)
               for v, t in teksten.items()}
    pad = map_ / "samenvatting.md"
    vooraf = [vergelijking.waarschuwing] if vergelijking.waarschuwing else []
    pad.write_text(f"# Samenvatting: {vergelijking.naam}\n\n"
                   + "\n\n".join([*vooraf, *teksten.values()]) + "\n", "utf-8")
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
        "vingerafdruk": vergelijking.vingerafdruk(),
        "workers": workers,
        "looptijd_s": None if looptijd_s is None else round(looptijd_s, 1),
        "versies": versies(),
        "git_commit": git_commit(),
        "onzekerheid": vergelijking.onzekerheid,
    }
    if werelden:
        manifest.update({
            "runs_seeds": f"{RUNS_SEEDS}/",
            "ensemble": None if vergelijking.ensemble is None else {
                "pad": str(vergelijking.ensemble), "sha256": onz.sha256(vergelijking.ensemble),
                "leden": vergelijking.leden},
            "gevarieerd": vergelijking.gevarieerd,
            "intervallen_verbreed": verbreed,
            "waarschuwing": vergelijking.waarschuwing,
        })
    pad = map_ / "manifest.json"
    pad.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str), "utf-8")
    geschreven.append(pad)
    return geschreven
