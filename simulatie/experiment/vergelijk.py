"""Policy comparison: the baseline and each policy with replications on common random numbers.

``simulatie vergelijk CONFIG [--replicaties R] [--uit DIR] [--set pad=waarde ...]`` reads a
comparison file (``experimenten/beleidsvergelijking.toml``: a base scenario, variants as
``--set``-style overrides, replications, years) or a plain scenario (then: the basis and each
registered policy), runs every variant with the same R seeds in a process pool, and writes:

    * ``tijdreeks.parquet`` - every month of every run (columns ``variant`` and ``seed``);
    * ``vergelijking.csv`` - per variant, year and indicator: mean and 90% interval over
      replications, and the seed-paired difference with the basis (mean and 90% interval);
    * ``vergelijking.md`` - the same as readable tables, one per variant;
    * ``samenvatting.md`` - the Dutch summary paragraph per variant
      (:mod:`simulatie.experiment.samenvatting`);
    * plots with their CSV: ``ladder.png`` (ladder per variant), ``kosten.png`` (cumulative cost
      per line), ``afweging.png`` (total cost against participation with intervals);
    * ``manifest.json`` - configs, seeds, versions, git commit, run time.

Main objects: :class:`Vergelijking`, :func:`lees_vergelijking`, :func:`voer_uit`,
:func:`vergelijkingstabel`, :func:`schrijf`. The command line is in :mod:`simulatie.cli.vergelijk`.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulatie.experiment.samenvatting import INDICATOREN, indicatoren, interval, samenvat
from simulatie.kern.scenario import Scenario, ScenarioFout, bouw_scenario, lees_toml

#: Years at which the comparison table is made (unless the file says otherwise).
JAREN = (1, 5, 10)


@dataclass
class Variant:
    """One arm of the comparison.

    Attributes:
        naam: Short name (``basis``, a policy name, a combination or preset name).
        overrides: ``--set``-style overrides applied on top of the base scenario.
        scenario: The validated scenario of this variant.
    """

    naam: str
    overrides: dict[str, Any]
    scenario: Scenario


@dataclass
class Vergelijking:
    """A validated comparison.

    Attributes:
        naam: Name of the comparison (output folder and tables).
        varianten: The arms; the first is the basis.
        seeds: Replication seeds, the same for every arm (common random numbers).
        jaren: Years of the table.
        bron: The file it came from.
    """

    naam: str
    varianten: list[Variant]
    seeds: list[int]
    jaren: tuple[int, ...] = JAREN
    bron: str = ""
    config: dict[str, Any] = field(default_factory=dict)


def replicatie_seeds(seed: int, n: int) -> list[int]:
    """``n`` replication seeds derived from one seed (numpy SeedSequence; reproducible)."""
    return [int(s) for s in np.random.SeedSequence(seed).generate_state(n, dtype=np.uint32)]


def _standaard_varianten() -> list[tuple[str, dict[str, Any]]]:
    from simulatie.kern.beleid import register

    return [("basis", {})] + [(naam, {f"beleid.{naam}.actief": True}) for naam in register()]


def lees_vergelijking(pad: str | Path, overrides: Mapping[str, Any] | None = None,
                      replicaties: int | None = None) -> Vergelijking:
    """Read a comparison file (or a plain scenario) and validate every variant.

    Args:
        pad: ``experimenten/beleidsvergelijking.toml`` or a scenario TOML.
        overrides: ``--set`` overrides applied to every variant (after the variant's own).
        replicaties: Number of replications (default: the file's, else 20).

    Returns:
        The validated :class:`Vergelijking`.

    Raises:
        ScenarioFout: For a missing file, bad TOML, an unknown policy or setting, or a value out
            of range (naming the variant, policy, parameter and allowed range).
    """
    pad = Path(pad)
    data = lees_toml(pad, "comparison")
    if "scenario" in data or "variant" in data:
        scen_pad = (pad.parent / data.get("scenario", "basis.toml")).resolve()
        if not scen_pad.is_file():
            raise ScenarioFout(f"{pad}: scenario = {data.get('scenario')!r}: file not found")
        basis = lees_toml(scen_pad, "scenario")
        basis.setdefault("naam", scen_pad.stem)
        arms = [("basis", {})]
        for v in data.get("variant", []):
            if not isinstance(v, dict) or "naam" not in v:
                raise ScenarioFout(f"{pad}: every [[variant]] needs a naam")
            if v["naam"] == "basis":
                raise ScenarioFout(f"{pad}: variant naam 'basis' is reserved for the baseline")
            arms.append((str(v["naam"]), dict(v.get("set", {}))))
        if not data.get("variant"):
            arms = _standaard_varianten()
        naam = str(data.get("naam", pad.stem))
        n = int(replicaties or data.get("replicaties", 20))
        seed = int(data.get("seed", basis.get("seed") or 0))
        jaren = tuple(int(j) for j in data.get("jaren", JAREN))
    else:
        basis = data
        basis.setdefault("naam", pad.stem)
        arms = _standaard_varianten()
        naam = f"vergelijking_{pad.stem}"
        n = int(replicaties or 20)
        seed = int(basis.get("seed") or 0)
        jaren = JAREN
    if n < 1:
        raise ScenarioFout(f"--replicaties {n}: must be at least 1")
    namen = [a for a, _ in arms]
    if len(set(namen)) != len(namen):
        raise ScenarioFout(f"{pad}: variant names must be unique (got {namen})")
    varianten = []
    for vnaam, eigen in arms:
        alles = {**eigen, **dict(overrides or {})}
        scen = bouw_scenario(basis, alles, bron=f"{pad} [variant {vnaam}]")
        varianten.append(Variant(vnaam, eigen, scen))
    return Vergelijking(naam=naam, varianten=varianten, seeds=replicatie_seeds(seed, n),
                        jaren=jaren, bron=str(pad), config=data)


def _een_run(taak: tuple[str, Scenario, int]) -> pd.DataFrame:
    """Run one variant with one seed (in a worker process); returns its tijdreeks."""
    from simulatie.experiment.run import simuleer

    vnaam, scenario, seed = taak
    ts = simuleer(scenario, seed=seed, voortgang=False).tijdreeks
    ts.insert(0, "variant", vnaam)
    return ts


def voer_uit(vergelijking: Vergelijking, workers: int = 2,
             voortgang: bool = False) -> pd.DataFrame:
    """Run every variant with every seed; the result does not depend on ``workers``.

    Args:
        vergelijking: The comparison.
        workers: Processes (1: in this process).
        voortgang: Print one line per finished run.

    Returns:
        All tijdreeksen stacked, ordered by variant (as declared) and seed.
    """
    taken = [(v.naam, v.scenario, s) for s in vergelijking.seeds for v in vergelijking.varianten]
    if workers <= 1:
        delen = []
        for i, taak in enumerate(taken):
            delen.append(_een_run(taak))
            if voortgang:
                print(f"  [{i + 1}/{len(taken)}] {taak[0]} seed {taak[2]}", flush=True)
    else:
        # forkserver: no fork of a multi-threaded parent; the server preloads the model.
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["simulatie.experiment.run", "simulatie.beleid.ingebouwd"])
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            delen = []
            for i, ts in enumerate(pool.map(_een_run, taken)):
                delen.append(ts)
                if voortgang:
                    print(f"  [{i + 1}/{len(taken)}] {taken[i][0]} seed {taken[i][2]}",
                          flush=True)
    alles = pd.concat(delen, ignore_index=True)
    volgorde = {v.naam: i for i, v in enumerate(vergelijking.varianten)}
    alles["_v"] = alles["variant"].map(volgorde)
    alles = alles.sort_values(["_v", "seed", "maand"], kind="stable").drop(columns="_v")
    return alles.reset_index(drop=True)


def vergelijkingstabel(tijdreeks: pd.DataFrame, jaren: tuple[int, ...] = JAREN,
                       basis: str = "basis", niveau: float = 0.90) -> pd.DataFrame:
    """Per variant, year and indicator: mean and interval, and the paired difference.

    Args:
        tijdreeks: Output of :func:`voer_uit` (column ``variant``).
        jaren: Years to evaluate (skipped when beyond the horizon).
        basis: Name of the baseline variant.
        niveau: Interval level.

    Returns:
        Long table with ``variant, jaar, indicator, label, eenheid, gemiddelde, laag, hoog,
        verschil, verschil_laag, verschil_hoog, n``.
    """
    horizon = int(tijdreeks["maand"].max())
    rijen = []
    b_ts = tijdreeks[tijdreeks["variant"] == basis]
    for jaar in jaren:
        maand = 12 * jaar
        if maand > horizon:
            continue
        b = indicatoren(b_ts, maand) if len(b_ts) else None
        for vnaam, ts in tijdreeks.groupby("variant", sort=False):
            v = indicatoren(ts, maand)
            gedeeld = v.index.intersection(b.index) if b is not None else v.index[:0]
            for ind in INDICATOREN:
                laag, hoog = interval(v[ind.naam], niveau)
                rij = {"variant": vnaam, "jaar": jaar, "indicator": ind.naam,
                       "label": ind.label, "eenheid": ind.eenheid,
                       "gemiddelde": float(v[ind.naam].mean()), "laag": laag, "hoog": hoog,
                       "n": len(v)}
                if len(gedeeld):
                    d = v.loc[gedeeld, ind.naam] - b.loc[gedeeld, ind.naam]
                    dl, dh = interval(d, niveau)
                    rij.update(verschil=float(d.mean()), verschil_laag=dl, verschil_hoog=dh)
                else:
                    rij.update(verschil=np.nan, verschil_laag=np.nan, verschil_hoog=np.nan)
                rijen.append(rij)
    return pd.DataFrame(rijen)


def _fmt(x: float, eenheid: str) -> str:
    if not np.isfinite(x):
        return ""
    if eenheid == "euro":
        return f"{x / 1e6:,.1f} mln"
    if eenheid in ("trede", "procent"):
        return f"{x:,.2f}"
    return f"{x:,.0f}"


def tabel_markdown(tabel: pd.DataFrame, basis: str = "basis") -> str:
    """Readable markdown: one table per variant with each year as columns."""
    delen = []
    for vnaam, groep in tabel.groupby("variant", sort=False):
        jaren = sorted(groep["jaar"].unique())
        kop = "| indicator | " + " | ".join(f"jaar {j}" for j in jaren) + " |"
        delen += [f"## {vnaam}", "", "Gemiddelde over replicaties [90%-interval]"
                  + ("" if vnaam == basis else "; verschil met de basis (gepaard op seed) "
                     "[90%-interval]") + ".", "", kop,
                  "|---|" + "---|" * len(jaren)]
        for ind in INDICATOREN:
            cellen = []
            for j in jaren:
                r = groep[(groep["jaar"] == j) & (groep["indicator"] == ind.naam)].iloc[0]
                e = ind.eenheid
                cel = f"{_fmt(r['gemiddelde'], e)} [{_fmt(r['laag'], e)} - {_fmt(r['hoog'], e)}]"
                if vnaam != basis and np.isfinite(r["verschil"]):
                    cel += (f"; Δ {_fmt(r['verschil'], e)} [{_fmt(r['verschil_laag'], e)} - "
                            f"{_fmt(r['verschil_hoog'], e)}]")
                cellen.append(cel)
            delen.append(f"| {ind.label} | " + " | ".join(cellen) + " |")
        delen.append("")
    return "\n".join(delen)


def samenvattingen(tijdreeks: pd.DataFrame, basis: str = "basis") -> dict[str, str]:
    """The Dutch summary paragraph of every variant against the basis."""
    b = tijdreeks[tijdreeks["variant"] == basis]
    return {vnaam: samenvat(vnaam, b, ts)
            for vnaam, ts in tijdreeks.groupby("variant", sort=False) if vnaam != basis}


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
    manifest = {
        "vergelijking": vergelijking.naam,
        "bron": vergelijking.bron,
        "seeds": vergelijking.seeds,
        "jaren": list(vergelijking.jaren),
        "varianten": {v.naam: {"overrides": v.overrides,
                               "config": v.scenario.model_dump(mode="json")}
                      for v in vergelijking.varianten},
        "workers": workers,
        "looptijd_s": None if looptijd_s is None else round(looptijd_s, 1),
        "versies": versies(),
        "git_commit": git_commit(),
    }
    pad = map_ / "manifest.json"
    pad.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str), "utf-8")
    geschreven.append(pad)
    return geschreven
