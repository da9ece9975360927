"""Writing a run's results: Parquet tables, a manifest, plots with their CSV.

The model does no file I/O; this module writes what :func:`simulatie.simuleer` returned. A results
folder is never overwritten: :func:`kies_map` refuses an existing non-empty folder, and builds
the default folder from the scenario name made safe for a folder.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from simulatie.experiment.mappen import controleer_leeg, map_onder
from simulatie.experiment.run import Resultaat
from simulatie.kern.scenario import Scenario

PAKKETTEN = ("simulatie-sociaal-domein", "mesa", "numpy", "pandas", "pyarrow", "pydantic",
             "matplotlib")


def kies_map(uit: str | Path | None, naam: str, basis: str | Path = "resultaten") -> Path:
    """The results folder of a run, checked but not yet created.

    Args:
        uit: Requested folder, or None for ``resultaten/<naam>-<timestamp>`` (the name made
            safe for a folder, see :func:`~simulatie.experiment.mappen.mapnaam`).
        naam: Scenario name (for the default folder name).
        basis: Parent of default folders.

    Returns:
        A folder that does not exist yet, or exists and is empty.

    Raises:
        ScenarioFout: When the requested folder is a file or is not empty (never overwritten).
    """
    if uit is None:
        stempel = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        pad = map_onder(basis, naam, f"-{stempel}")
        teller = 1
        while pad.exists():
            teller += 1
            pad = map_onder(basis, naam, f"-{stempel}-{teller}")
        return pad
    pad = Path(uit)
    controleer_leeg(pad)
    return pad


def nieuwe_map(uit: str | Path | None, naam: str, basis: str | Path = "resultaten") -> Path:
    """Create the results folder (default: a new timestamped folder under ``resultaten/``).

    Args:
        uit: Requested folder, or None for ``resultaten/<naam>-<timestamp>``.
        naam: Scenario name (for the default folder name).
        basis: Parent of default folders.

    Returns:
        The created, empty folder.

    Raises:
        ScenarioFout: When the requested folder exists and is not empty (never overwritten).
    """
    pad = kies_map(uit, naam, basis)
    pad.mkdir(parents=True, exist_ok=True)
    return pad


def git_commit() -> str | None:
    """The git commit of the source tree, or None outside a git checkout."""
    try:
        uit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                             cwd=Path(__file__).parent, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return uit.stdout.strip() or None if uit.returncode == 0 else None


def versies() -> dict[str, str]:
    """Versions of Python and the packages that shape results."""
    uit = {"python": platform.python_version()}
    for naam in PAKKETTEN:
        try:
            uit[naam] = metadata.version(naam)
        except metadata.PackageNotFoundError:
            pass
    return uit


def manifest(scenario: Scenario, seed: int, extra: dict[str, Any] | None = None) -> dict:
    """The manifest of a run: config as run, seed, versions, git commit, time."""
    return {
        "scenario": scenario.naam,
        "seed": seed,
        "config": scenario.model_dump(mode="json"),
        "versies": versies(),
        "git_commit": git_commit(),
        "aangemaakt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **(extra or {}),
    }


def schrijf_run(resultaat: Resultaat, scenario: Scenario, map_: Path) -> list[Path]:
    """Write all outputs of one run into ``map_``.

    Args:
        resultaat: What :func:`simulatie.simuleer` returned.
        scenario: The scenario as run.
        map_: An existing, empty folder.

    Returns:
        The files written.
    """
    from simulatie.experiment import plots  # matplotlib only when writing

    geschreven = []
    for naam in ("tijdreeks", "inwoners_start", "inwoners_eind", "wijken", "huishoudens"):
        pad = map_ / f"{naam}.parquet"
        getattr(resultaat, naam).to_parquet(pad, index=False)
        geschreven.append(pad)
    pad = map_ / "manifest.json"
    pad.write_text(json.dumps(manifest(scenario, resultaat.seed,
                                      {"looptijd_s": round(resultaat.looptijd_s, 3)}),
                              indent=2, ensure_ascii=False), "utf-8")
    geschreven.append(pad)
    rondes = [r.start for r in scenario.rondes]
    geschreven += plots.ladder(resultaat.tijdreeks, map_ / "ladder.png", rondes)
    geschreven += plots.kosten(resultaat.tijdreeks, map_ / "kosten.png", rondes)
    return geschreven
