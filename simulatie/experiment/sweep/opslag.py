"""Write-as-you-go storage of a sweep: Parquet datasets, a manifest and resuming.

Main objects:
    * :class:`Opslag` - the output folder of one sweep:

      - ``manifest.json``: the declaration (with the base scenario), its fingerprint, the number
        of planned runs, versions and the sessions that ran;
      - ``ontwerp.parquet``: every planned run (run_id, design point, lever index, replication,
        seed, inputs);
      - ``runs/part-*.parquet``: one row per finished run (inputs, seed, status, error, outcomes);
      - ``reeksen/part-*.parquet``: the stored time series (run_id, maand, columns).

Finished runs are buffered and written in small parts (every few runs or seconds). A part is
written to a hidden temporary file and renamed, the time series part before its runs part, so a
killed process leaves no half file and a run is "done" exactly when its row is in ``runs/``.
Resuming reads the done run ids and skips them; orphan time-series parts are removed.

When a sweep is complete its parts are merged into one pair (:meth:`Opslag.compacteer`), so a
sweep of thousands of runs leaves two files instead of hundreds. The merge is crash-safe: the
merged parts are written under hidden names, then a journal (``.compactie.json``) names them and
the parts they replace; only then are they renamed into place and the old parts removed.
Opening the folder finishes a merge whose journal exists.
"""

from __future__ import annotations

import json
import os
import platform
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from simulatie.experiment.sweep.declaratie import SweepDeclaratie
from simulatie.kern.fouten import toon, toon_naam
from simulatie.kern.scenario import ScenarioFout


def _atomisch(tabel: pa.Table, doel: Path) -> None:
    """Write a Parquet file under a hidden name and rename it into place."""
    tijdelijk = doel.with_name(f".{doel.name}.tmp")
    pq.write_table(tabel, tijdelijk)
    os.replace(tijdelijk, doel)


def _lees_delen(map_: Path, leeg: list[str], kolommen: list[str] | None = None
                ) -> pd.DataFrame:
    """All parts of a table folder as one frame; ``leeg`` names the columns when there are none.

    Parts are merged as in :meth:`Opslag.compacteer` (types promoted where parts differ).
    """
    delen = sorted(map_.glob("part-*.parquet"))
    if not delen:
        return pd.DataFrame({k: pd.Series(dtype=str) for k in leeg})
    tabel = pa.concat_tables([pq.read_table(p, columns=kolommen) for p in delen],
                             promote_options="default")
    return tabel.to_pandas()


#: What a sweep folder holds (anything else: the folder belongs to someone else).
INHOUD = {"manifest.json", "ontwerp.parquet", "runs", "reeksen", "analyse", ".compactie.json",
          ".compactie.json.tmp", ".manifest.json.tmp", ".ontwerp.parquet.tmp"}


def controleer_map(map_: Path, declaratie: SweepDeclaratie) -> None:
    """Check that ``map_`` may hold this sweep: new, empty, or a sweep folder of this sweep.

    Args:
        map_: The output folder.
        declaratie: The sweep.

    Raises:
        ScenarioFout: When ``map_`` is a file, holds other files, or holds another sweep.
    """
    naam = toon_naam(str(map_))
    try:
        if map_.exists() and not map_.is_dir():
            raise ScenarioFout(f"--uit {naam}: exists and is not a folder")
        if not map_.is_dir():
            return
        vreemd = sorted(p.name for p in map_.iterdir() if p.name not in INHOUD)
        manifest = map_ / "manifest.json"
        oud = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else None
    except OSError as fout:
        raise ScenarioFout(f"--uit {naam}: cannot use it ({fout.strerror})") from None
    except ValueError:
        raise ScenarioFout(f"--uit {naam}: manifest.json is not a sweep manifest; choose "
                           "another folder") from None
    if vreemd:
        raise ScenarioFout(f"--uit {naam}: folder holds other files ({', '.join(vreemd[:3])}"
                           f"{', ...' if len(vreemd) > 3 else ''}); a sweep writes only into a new "
                           "or empty folder or resumes its own")
    vingerafdruk = declaratie.vingerafdruk()
    if oud is not None and (not isinstance(oud, dict)
                            or oud.get("vingerafdruk") != vingerafdruk):
        wat = oud if isinstance(oud, dict) else {}
        raise ScenarioFout(
            f"--uit {naam}: holds results of a different sweep ({toon(wat.get('sweep'))}, "
            f"fingerprint {toon(wat.get('vingerafdruk'))}; this one {vingerafdruk}); choose "
            "another folder or remove it")


def heeft_runs(map_: Path) -> bool:
    """Whether the sweep folder ``map_`` holds stored runs (worth resuming)."""
    return any((Path(map_) / "runs").glob("part-*.parquet"))


class Opslag:
    """The output folder of a sweep.

    Args:
        map_: Output folder (created when missing).
        declaratie: The validated sweep.
        schrijf_elke: Write a part after this many finished runs.
        schrijf_interval_s: ... or after this many seconds, whichever comes first.

    Raises:
        ScenarioFout: When the path is a file, or the folder holds other files or the results
            of a different sweep.
    """

    def __init__(self, map_: Path, declaratie: SweepDeclaratie, *, schrijf_elke: int = 20,
                 schrijf_interval_s: float = 10.0) -> None:
        """Open or create the folder and check it belongs to this sweep."""
        self.map = Path(map_)
        self.runs_map = self.map / "runs"
        self.reeksen_map = self.map / "reeksen"
        self.declaratie = declaratie
        self.schrijf_elke = schrijf_elke
        self.schrijf_interval_s = schrijf_interval_s
        self._rijen: list[dict[str, Any]] = []
        self._reeksen: list[pd.DataFrame] = []
        self._laatst = time.monotonic()
        self.manifest_pad = self.map / "manifest.json"
        controleer_map(self.map, declaratie)
        self.runs_map.mkdir(parents=True, exist_ok=True)
        self.reeksen_map.mkdir(parents=True, exist_ok=True)
        self._ruim_op()

    # ---- manifest and design -----------------------------------------------------------------

    def schrijf_manifest(self, ontwerp: pd.DataFrame, sessie: dict[str, Any]) -> None:
        """Write the design table (once) and add a session to the manifest.

        Args:
            ontwerp: The planned runs (see :func:`simulatie.experiment.sweep.ontwerp.maak_runs`).
            sessie: Facts of this invocation (backend, workers, start time).
        """
        ontwerp_pad = self.map / "ontwerp.parquet"
        if not ontwerp_pad.is_file():
            _atomisch(pa.Table.from_pandas(ontwerp, preserve_index=False), ontwerp_pad)
        manifest = self.lees_manifest() or {
            "sweep": self.declaratie.naam,
            "vingerafdruk": self.declaratie.vingerafdruk(),
            "gemaakt": datetime.now(UTC).isoformat(timespec="seconds"),
            "runs_gepland": len(ontwerp),
            "declaratie": self.declaratie.model_dump(mode="json"),
            "tabellen": {"runs": "runs/", "reeksen": "reeksen/", "ontwerp": "ontwerp.parquet"},
            "sessies": [],
        }
        from simulatie.experiment.schrijven import git_commit, versies

        sessie = {"start": datetime.now(UTC).isoformat(timespec="seconds"),
                  "versies": versies(), "git_commit": git_commit(),
                  "host": platform.node(), **sessie}
        manifest["sessies"].append(sessie)
        self._schrijf_json(manifest)

    def sluit_sessie(self, **feiten: Any) -> None:
        """Record the end of this session (counts, wall time) in the manifest."""
        manifest = self.lees_manifest()
        if manifest and manifest["sessies"]:
            manifest["sessies"][-1].update(
                eind=datetime.now(UTC).isoformat(timespec="seconds"), **feiten)
            self._schrijf_json(manifest)

    def lees_manifest(self) -> dict[str, Any] | None:
        """The manifest, or None before the first session."""
        if not self.manifest_pad.is_file():
            return None
        return json.loads(self.manifest_pad.read_text("utf-8"))

    def _schrijf_json(self, manifest: dict[str, Any]) -> None:
        tijdelijk = self.map / ".manifest.json.tmp"
        tijdelijk.write_text(json.dumps(manifest, indent=2, default=str), "utf-8")
        os.replace(tijdelijk, self.manifest_pad)

    # ---- resuming ----------------------------------------------------------------------------

    def _ruim_op(self) -> None:
        """Finish an interrupted merge; remove temporary files and orphan time-series parts.

        A time-series part is an orphan when its runs part was never written.
        """
        journaal = self.map / ".compactie.json"
        if journaal.is_file():
            self._voltooi_compactie(json.loads(journaal.read_text("utf-8")))
        for map_ in (self.runs_map, self.reeksen_map):
            for pad in map_.glob(".*.tmp"):
                pad.unlink(missing_ok=True)
        runs = {p.name for p in self.runs_map.glob("part-*.parquet")}
        for pad in self.reeksen_map.glob("part-*.parquet"):
            if pad.name not in runs:
                pad.unlink()

    def gedaan(self) -> pd.DataFrame:
        """``run_id`` and ``status`` of every recorded run (empty before the first part)."""
        return self.runs(["run_id", "status"])

    def runs(self, kolommen: list[str] | None = None) -> pd.DataFrame:
        """The recorded runs, one row each (all columns, or only ``kolommen``)."""
        return _lees_delen(self.runs_map, kolommen or ["run_id", "status"], kolommen)

    def reeksen(self) -> pd.DataFrame:
        """The stored time series of the recorded runs (``run_id``, ``maand``, the columns)."""
        return _lees_delen(self.reeksen_map, ["run_id", "maand"])

    def verwijder_fouten(self) -> int:
        """Drop failed runs from the stored parts so they run again; returns how many."""
        weg = 0
        for pad in sorted(self.runs_map.glob("part-*.parquet")):
            tabel = pq.read_table(pad).to_pandas()
            fout = tabel["status"] != "ok"
            if not fout.any():
                continue
            weg += int(fout.sum())
            reeks_pad = self.reeksen_map / pad.name
            if fout.all():
                pad.unlink()
                reeks_pad.unlink(missing_ok=True)
            else:
                _atomisch(pa.Table.from_pandas(tabel[~fout], preserve_index=False), pad)
        return weg

    # ---- merging -----------------------------------------------------------------------------

    def compacteer(self) -> int:
        """Merge all parts into one pair (``runs/`` and ``reeksen/``, same name).

        Returns:
            The number of runs parts merged (0 when there was at most one).
        """
        journaal = self._bereid_compactie()
        if journaal is None:
            return 0
        self._voltooi_compactie(journaal)
        return len(journaal["bronnen"])

    def _bereid_compactie(self) -> dict[str, Any] | None:
        """Write the merged parts under hidden names and the journal; None if nothing to do."""
        self.schrijf()
        bronnen = sorted(p.name for p in self.runs_map.glob("part-*.parquet"))
        if len(bronnen) <= 1:
            return None
        naam = f"part-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}-samen.parquet"
        for map_ in (self.reeksen_map, self.runs_map):
            delen = [map_ / b for b in bronnen if (map_ / b).is_file()]
            if delen:
                tabel = pa.concat_tables([pq.read_table(d) for d in delen],
                                         promote_options="default")
                pq.write_table(tabel, map_ / f".{naam}.tmp")
        journaal = {"doel": naam, "bronnen": bronnen}
        tijdelijk = self.map / ".compactie.json.tmp"
        tijdelijk.write_text(json.dumps(journaal), "utf-8")
        os.replace(tijdelijk, self.map / ".compactie.json")
        return journaal

    def _voltooi_compactie(self, journaal: dict[str, Any]) -> None:
        """Put the merged parts in place, remove the parts they replace, drop the journal."""
        naam = journaal["doel"]
        for map_ in (self.reeksen_map, self.runs_map):
            tijdelijk = map_ / f".{naam}.tmp"
            if tijdelijk.is_file():
                os.replace(tijdelijk, map_ / naam)
        for bron in journaal["bronnen"]:
            if bron != naam:
                (self.runs_map / bron).unlink(missing_ok=True)
                (self.reeksen_map / bron).unlink(missing_ok=True)
        (self.map / ".compactie.json").unlink()

    # ---- writing -----------------------------------------------------------------------------

    def voeg_toe(self, resultaat: dict[str, Any]) -> None:
        """Buffer one finished run; writes a part when the buffer is full or old enough."""
        self._rijen.append(resultaat["rij"])
        if resultaat.get("reeks") is not None:
            self._reeksen.append(resultaat["reeks"])
        if (len(self._rijen) >= self.schrijf_elke
                or time.monotonic() - self._laatst >= self.schrijf_interval_s):
            self.schrijf()

    def schrijf(self) -> None:
        """Write the buffered runs as one part (time series first, then the runs)."""
        self._laatst = time.monotonic()
        if not self._rijen:
            return
        naam = f"part-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.parquet"
        if self._reeksen:
            reeks = pd.concat(self._reeksen, ignore_index=True)
            _atomisch(pa.Table.from_pandas(reeks, preserve_index=False), self.reeksen_map / naam)
        runs = pd.DataFrame(self._rijen)
        _atomisch(pa.Table.from_pandas(runs, preserve_index=False), self.runs_map / naam)
        self._rijen, self._reeksen = [], []
