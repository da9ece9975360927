"""Running a sweep: backends (in-process, local process pool, Dask) and the driver loop.

Main objects:
    * :func:`voer_sweep` - plan the runs, skip those already stored, run the rest on a backend,
      store each result as it arrives, show progress; returns a :class:`Samenvatting`.
    * :func:`lokaal` - results from an in-process loop (one worker) or a
      :class:`~concurrent.futures.ProcessPoolExecutor` (several), as they finish.
    * :func:`op_dask` - results from a ``dask.distributed`` cluster (``dask scheduler`` and
      ``dask worker`` processes on one or many machines), as they finish.

Only the driver writes; backends yield ``(taak, resultaat)`` pairs. Both keep a bounded number
of runs in flight, so memory does not grow with the size of the sweep. A run lost with its
worker is resubmitted by the Dask scheduler; one that still cannot finish is left unrecorded and
runs on the next invocation.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import re
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulatie.experiment.processen import volg_driver
from simulatie.experiment.sweep.declaratie import SweepDeclaratie
from simulatie.experiment.sweep.ontwerp import maak_runs
from simulatie.experiment.sweep.opslag import Opslag, controleer_map
from simulatie.experiment.sweep.uitvoeren import Context, voer_run
from simulatie.kern.fouten import toon_naam
from simulatie.kern.scenario import ScenarioFout


@dataclass
class Samenvatting:
    """What a sweep invocation did.

    Attributes:
        gepland: Runs in the design.
        overgeslagen: Runs already stored before this invocation (skipped).
        gedaan: Runs finished and stored now.
        fouten: Of those, runs that failed (recorded with their error).
        onvoltooid: Runs neither stored before nor now (lost or interrupted).
        looptijd_s: Wall time of this invocation.
        backend: ``"lokaal"`` or ``"dask"``.
        workers: Worker processes (local) or worker threads of the cluster at the start
            (Dask).
    """

    gepland: int
    overgeslagen: int
    gedaan: int
    fouten: int
    onvoltooid: int
    looptijd_s: float
    backend: str
    workers: int

    @property
    def runs_per_uur(self) -> float:
        """Throughput of this invocation."""
        return 3600.0 * self.gedaan / self.looptijd_s if self.looptijd_s > 0 else 0.0


# ---- local backend -----------------------------------------------------------------------------

_CONTEXT: Context | None = None


def _zet_context(context: Context) -> None:
    """Initialise a pool worker: keep the context, and end with the driver (see below)."""
    global _CONTEXT
    _CONTEXT = context
    volg_driver()


def _pool_run(taak: dict[str, Any]) -> dict[str, Any]:
    assert _CONTEXT is not None, "worker started without context"
    return voer_run(taak, _CONTEXT)


def lokaal(taken: list[dict[str, Any]], context: Context, workers: int
           ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Run tasks on this machine and yield results as they finish.

    Args:
        taken: Runs to do (``run_id``, ``seed``, ``invoer``, bookkeeping).
        context: Shared context.
        workers: 1 runs in this process; more uses a process pool of that size.

    Yields:
        ``(taak, resultaat)`` pairs in completion order.
    """
    if workers <= 1:
        for taak in taken:
            yield taak, voer_run(taak, context)
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["simulatie.experiment.sweep.uitvoeren", "simulatie.experiment.run"])
    venster = 4 * workers
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_zet_context,
                             initargs=(context,)) as pool:
        rest = iter(taken)
        lopend: dict[Future, dict[str, Any]] = {}
        try:
            while True:
                while len(lopend) < venster and (taak := next(rest, None)) is not None:
                    lopend[pool.submit(_pool_run, taak)] = taak
                if not lopend:
                    break
                klaar, _ = wait(lopend, return_when=FIRST_COMPLETED)
                for f in klaar:
                    taak = lopend.pop(f)
                    try:
                        resultaat = f.result()
                    except BrokenProcessPool:
                        print("a worker process died (out of memory?); the remaining runs are "
                              "left for the next invocation", file=sys.stderr)
                        return
                    yield taak, resultaat
        finally:
            for f in lopend:
                f.cancel()


# ---- Dask backend ------------------------------------------------------------------------------

#: A Dask scheduler address: ``[protocol://]host:port``.
ADRES = re.compile(r"^((tcp|tls|ws|wss|ucx)://)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-_]+):"
                   r"([0-9]{1,5})/?$")


def controleer_adres(adres: str) -> None:
    """Refuse a scheduler address that is not ``[protocol://]host:port``.

    Raises:
        ScenarioFout: Naming the address and the expected form.
    """
    gevonden = ADRES.match(adres)
    if gevonden is None or not 1 <= int(gevonden.group(4)) <= 65535:
        raise ScenarioFout(f"--scheduler {toon_naam(adres)}: not a scheduler address; expected "
                           "[tcp://]host:port, e.g. tcp://127.0.0.1:8786")


def verbind(adres: str) -> Any:
    """Connect to a Dask scheduler (before anything is written).

    Args:
        adres: Scheduler address, e.g. ``tcp://10.0.0.5:8786``.

    Returns:
        A ``distributed.Client``.

    Raises:
        ScenarioFout: When the address is malformed or the scheduler cannot be reached.
    """
    from distributed import Client

    controleer_adres(adres)
    try:
        return Client(adres, timeout="30s")
    except (OSError, TimeoutError, ValueError, TypeError) as fout:
        raise ScenarioFout(f"--scheduler {toon_naam(adres)}: cannot reach the Dask scheduler "
                           f"({toon_naam(str(fout))})") from None


def op_dask(taken: list[dict[str, Any]], context: Context, adres: Any, sleutel: str = "run",
            info: dict[str, Any] | None = None
            ) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Run tasks on a Dask distributed cluster and yield results as they finish.

    Args:
        taken: Runs to do.
        context: Shared context (sent with each task).
        adres: Scheduler address, e.g. ``tcp://10.0.0.5:8786``, or a client of
            :func:`verbind` (closed when done).
        sleutel: Prefix of the task keys (unique per sweep).
        info: Filled with ``threads``: the cluster's worker threads when connected.

    Yields:
        ``(taak, resultaat)`` pairs; ``resultaat`` is None when the cluster could not finish
        the run (e.g. it killed too many workers); such runs stay unrecorded.
    """
    from distributed import as_completed

    client = verbind(adres) if isinstance(adres, str) else adres
    with client:
        threads = max(1, sum(client.nthreads().values()))
        if info is not None:
            info["threads"] = threads
        venster = max(16, 4 * threads)
        rest = iter(taken)
        lopend: dict[Any, dict[str, Any]] = {}

        def dien_in(n: int) -> list[Any]:
            nieuw = []
            for _ in range(n):
                taak = next(rest, None)
                if taak is None:
                    break
                f = client.submit(voer_run, taak, context, key=f"{sleutel}-{taak['run_id']}",
                                  pure=False, retries=1)
                lopend[f] = taak
                nieuw.append(f)
            return nieuw

        stroom = as_completed(dien_in(venster))
        try:
            for f in stroom:
                taak = lopend.pop(f)
                if f.status == "finished":
                    yield taak, f.result()
                else:
                    yield taak, None
                f.release()
                for nieuw in dien_in(1):
                    stroom.add(nieuw)
        finally:
            client.cancel(list(lopend))


# ---- driver ------------------------------------------------------------------------------------

def _taken(d: SweepDeclaratie, ontwerp: Any, klaar: set[str]) -> list[dict[str, Any]]:
    invoer = d.invoer_paden()
    wereld = d.wereld_paden()
    boek = ["run_id", "punt", "hefboom_index", "replicatie", "seed"]
    taken = []
    for rij in ontwerp[~ontwerp["run_id"].isin(klaar)].to_dict("records"):
        taak = {k: rij[k] for k in boek}
        taak["invoer"] = {p: rij[p] for p in invoer}
        if wereld:
            taak["wereld"] = {p: rij[p] for p in wereld}
        taken.append(taak)
    return taken


def voer_sweep(d: SweepDeclaratie, uit: str | Path, *, workers: int = 1,
               scheduler: str | None = None, voortgang: bool = True,
               herhaal_fouten: bool = False, schrijf_elke: int = 20,
               schrijf_interval_s: float = 10.0) -> Samenvatting:
    """Run (or resume) a sweep and store its results in ``uit``.

    Args:
        d: The validated declaration.
        uit: Output folder (see :class:`~simulatie.experiment.sweep.opslag.Opslag`).
        workers: Local worker processes (ignored with ``scheduler``).
        scheduler: Address of a Dask scheduler; None runs locally.
        voortgang: Show a progress bar (runs done, failures, ETA) on stderr.
        herhaal_fouten: Run previously failed runs again (their old rows are dropped).
        schrijf_elke: Write a part after this many finished runs.
        schrijf_interval_s: ... or after this many seconds.

    Returns:
        A :class:`Samenvatting` of this invocation.

    Raises:
        ScenarioFout: When ``uit`` is a file or holds anything but this sweep, or the scheduler
            cannot be reached (checked before anything is written).
    """
    begin = time.perf_counter()
    controleer_map(Path(uit), d)
    client = verbind(scheduler) if scheduler else None  # before anything is written
    try:
        return _voer_sweep(d, Path(uit), begin, workers=workers, scheduler=scheduler,
                           client=client, voortgang=voortgang, herhaal_fouten=herhaal_fouten,
                           schrijf_elke=schrijf_elke, schrijf_interval_s=schrijf_interval_s)
    finally:
        if client is not None:
            client.close()


def _voer_sweep(d: SweepDeclaratie, uit: Path, begin: float, *, workers: int,
                scheduler: str | None, client: Any, voortgang: bool, herhaal_fouten: bool,
                schrijf_elke: int, schrijf_interval_s: float) -> Samenvatting:
    """:func:`voer_sweep` once the folder is checked and the cluster (if any) is reached."""
    from tqdm import tqdm

    opslag = Opslag(uit, d, schrijf_elke=schrijf_elke, schrijf_interval_s=schrijf_interval_s)
    if herhaal_fouten:
        opslag.verwijder_fouten()
    ontwerp = maak_runs(d)
    backend = "dask" if scheduler else "lokaal"
    opslag.schrijf_manifest(ontwerp, {"backend": backend,
                                      "workers": None if scheduler else workers,
                                      "scheduler": scheduler})
    klaar = set(opslag.gedaan()["run_id"])
    taken = _taken(d, ontwerp, klaar)
    context = Context.van(d)
    cluster: dict[str, Any] = {}
    if scheduler:
        stroom = op_dask(taken, context, client, sleutel=f"{d.naam}-{d.vingerafdruk()}",
                         info=cluster)
    else:
        stroom = lokaal(taken, context, workers)
    gedaan = fouten = 0
    balk = tqdm(total=len(taken), desc=f"{d.naam} ({len(klaar)} al gedaan)", unit="run",
                disable=not voortgang, dynamic_ncols=True,
                mininterval=0.5 if sys.stderr.isatty() else 30.0)
    try:
        for _taak, resultaat in stroom:
            if resultaat is None:
                continue
            opslag.voeg_toe(resultaat)
            gedaan += 1
            fouten += resultaat["rij"]["status"] != "ok"
            balk.update(1)
            balk.set_postfix(fouten=fouten, refresh=False)
    finally:
        opslag.schrijf()
        balk.close()
        stroom.close()
        samenvatting = Samenvatting(
            gepland=len(ontwerp), overgeslagen=len(klaar), gedaan=gedaan, fouten=fouten,
            onvoltooid=len(taken) - gedaan, looptijd_s=time.perf_counter() - begin,
            backend=backend, workers=cluster.get("threads", 0) if scheduler else workers)
        opslag.sluit_sessie(workers=samenvatting.workers, gedaan=gedaan, fouten=fouten,
                            onvoltooid=samenvatting.onvoltooid,
                            looptijd_s=round(samenvatting.looptijd_s, 2),
                            runs_per_uur=round(samenvatting.runs_per_uur, 1))
    if samenvatting.onvoltooid == 0:
        opslag.compacteer()  # a complete sweep keeps one pair of parts
    return samenvatting
