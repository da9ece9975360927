"""One calibration simulation: parameter values in, target values out, each stored once.

:class:`Simulator` is the model pyabc calls. It builds the municipality's no-policy scenario with
the proposed values (integers rounded), runs it with a seed derived from the calibration seed and
the values themselves, and returns the value of every target. Every simulation is written to
``DIR/simulaties/<sleutel>.json`` as it finishes (atomically), and a proposal whose file exists
is read instead of run: an interrupted calibration that proposes the same values again (the
proposals are seeded per generation, see :mod:`.abc`) repeats no finished simulation.

Main objects: :class:`Simulator`, :func:`sleutel`, :func:`geschaalde_gemeente`,
:func:`draai_bewaard`.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from simulatie.experiment.kalibratie.doelen import Kaldoel, meet
from simulatie.experiment.kalibratie.prior import Vrij, pad_van
from simulatie.kern.fouten import ScenarioFout
from simulatie.kern.scenario import lees_presets

#: Count fields of ``[gemeente]`` that scale with the inhabitants.
AANTALLEN = ("wwb", "wajong", "wsw", "awbz_extramuraal", "beroepsbevolking")


def geschaalde_gemeente(gemeente: Mapping[str, Any], inwoners: int) -> dict[str, Any]:
    """The municipality with ``inwoners`` inhabitants and the same rates (stocks per inhabitant).

    Args:
        gemeente: The scenario's ``[gemeente]`` table (a preset is resolved first).
        inwoners: Inhabitants of the scaled municipality.
    """
    g = _met_preset(gemeente)
    f = inwoners / int(g["inwoners"])
    uit = {**g, "inwoners": inwoners, "naam": f"{g['naam']} ({inwoners:,} inwoners)"}
    for k in AANTALLEN:
        if g.get(k) is not None:
            uit[k] = round(int(g[k]) * f)
    wijken = int(g.get("wijken", 10))
    uit["wijken"] = max(1, min(wijken, round(wijken * f)))
    return uit


def _met_preset(gemeente: Mapping[str, Any]) -> dict[str, Any]:
    """A ``[gemeente]`` table with its preset's key figures filled in (the table's own win)."""
    g = dict(gemeente)
    if g.get("preset"):
        g = {**lees_presets()[g.pop("preset")], **g}
        g.setdefault("naam", str(gemeente["preset"]))
    return g


def inwoners_van(gemeente: Mapping[str, Any]) -> int:
    """The inhabitants of a scenario's ``[gemeente]`` table (a preset resolved)."""
    return int(_met_preset(gemeente)["inwoners"])


def sleutel(waarden: Mapping[str, float], seed: int) -> str:
    """A stable key of a proposal: the calibration seed and the values (exact, sorted by name)."""
    tekst = json.dumps([seed, sorted((k, float(v).hex()) for k, v in waarden.items())])
    return hashlib.sha256(tekst.encode()).hexdigest()[:32]


def run_seed(key: str) -> int:
    """The model seed of a proposal (from its key, so a repeated proposal gets the same run)."""
    return run_seeds(key, 1)[0]


def run_seeds(key: str, n: int) -> list[int]:
    """The ``n`` model seeds of a proposal judged on a mean; the first is :func:`run_seed`."""
    return [int(s) for s in np.random.SeedSequence(int(key, 16)).generate_state(n)]


def gemiddeld(runs: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """Each target's mean over runs (over the finite values; NaN when none is finite)."""
    uit = {}
    for doel in runs[0]:
        x = np.array([r[doel] for r in runs], dtype=float)
        x = x[np.isfinite(x)]
        uit[doel] = float(x.mean()) if len(x) else float("nan")
    return uit


class Simulator:
    """The model pyabc calls: proposed values -> target values, stored per simulation.

    Attributes:
        generatie: The generation being sampled (set before each; stored with every simulation,
            so the prior predictive is the simulations of generation 0).
    """

    def __init__(self, data: Mapping[str, Any], vrij: list[Vrij], doelen: list[Kaldoel],
                 map_: Path, seed: int, maanden: int,
                 overrides: Mapping[str, Any] | None = None, seeds: int = 1) -> None:
        """Set up.

        Args:
            data: Parsed scenario TOML (its municipality, possibly scaled; policies dropped).
            vrij: Free parameters.
            doelen: Targets.
            map_: ``DIR/simulaties``.
            seed: Calibration seed.
            maanden: Horizon of every run.
            overrides: The user's ``--set`` values (fixed in every run).
            seeds: Runs per proposal (seeds :func:`run_seeds`); its targets are their mean.
        """
        self.data = dict(data)
        self.vrij = {v.pad: v for v in vrij}
        self.doelen = doelen
        self.map = Path(map_)
        self.seed = seed
        self.maanden = maanden
        self.overrides = dict(overrides or {})
        self.seeds = seeds
        self.generatie = 0

    def waarden(self, parameter: Mapping[str, float]) -> dict[str, float | int]:
        """A pyabc parameter (logistic scale) as ``--set`` values (paths, integers rounded)."""
        uit: dict[str, float | int] = {}
        for naam, z in parameter.items():
            v = self.vrij[pad_van(naam)]
            x = v.waarde(float(z))
            uit[v.pad] = int(round(x)) if v.geheel else x
        return uit

    def __call__(self, parameter: Mapping[str, float]) -> dict[str, float]:
        """Run (or read) the simulation of one proposal and return its target values.

        With ``seeds`` above 1 the proposal runs that many times and its values are the means.
        Values the model cannot start with (its month-0 equilibrium raises
        :class:`ScenarioFout`, e.g. an employment share the labour-market rates cannot hold)
        give NaN for every target: the distance rejects them, and the file keeps the message.
        """
        z = {pad_van(k): float(v) for k, v in parameter.items()}
        key = sleutel(z, self.seed)
        bestand = self.map / f"{key}.json"
        if bestand.is_file():
            return json.loads(bestand.read_text())["waarden"]
        waarden = self.waarden(parameter)
        fout = None
        try:
            uit = gemiddeld([self.draai(waarden, s) for s in run_seeds(key, self.seeds)])
        except ScenarioFout as f:  # values the model's month-0 equilibrium cannot meet
            uit, fout = {d.doel: float("nan") for d in self.doelen}, str(f)
        bewaar_json(bestand, {"generatie": self.generatie, "z": z, "parameters": waarden,
                              "waarden": uit, "fout": fout})
        return uit

    def draai(self, waarden: Mapping[str, Any], seed: int) -> dict[str, float]:
        """One run of the no-policy scenario with these values; the target values."""
        from simulatie.experiment.run import simuleer
        from simulatie.experiment.validatie.valideren import basisscenario

        scenario = basisscenario(self.data, maanden=self.maanden,
                                 overrides={**waarden, **self.overrides})
        return _doelwaarden(simuleer(scenario, seed=seed, voortgang=False).tijdreeks,
                            self.doelen)


def _doelwaarden(tijdreeks: Any, doelen: list[Kaldoel]) -> dict[str, float]:
    """The target values of a run, infinite ones as NaN (JSON and the distance want NaN)."""
    return {k: (v if math.isfinite(v) else float("nan"))
            for k, v in meet(tijdreeks, doelen).items()}


def bewaar_json(bestand: Path, inhoud: dict[str, Any], indent: int | None = None) -> None:
    """Write JSON under a temporary name and rename it into place (atomic)."""
    tijdelijk = bestand.with_suffix(f".{os.getpid()}.tmp")
    tijdelijk.write_text(json.dumps(inhoud, indent=indent, ensure_ascii=False))
    os.replace(tijdelijk, bestand)


def draai_bewaard(run_data: Mapping[str, Any], doelen: list[Kaldoel], map_: Path, maanden: int,
                  taken: Sequence[tuple[str, Mapping[str, Any], int]], werkers: int = 1,
                  melding: Callable[[int, int], None] | None = None) -> list[dict[str, float]]:
    """Run no-policy scenarios and return their target values, each run stored once.

    Run ``(key, values, seed)`` is ``map_/<key>.json``; stored runs are read, not repeated, and
    the rest are stored one by one as they finish (in one pool of workers), so an interruption
    loses at most the runs in flight.

    Args:
        run_data: The calibration's scenario data (its municipality, possibly scaled).
        doelen: Targets.
        map_: Folder of the stored runs.
        maanden: Horizon.
        taken: Key, ``--set`` values (the user's included) and model seed per run.
        werkers: Processes.
        melding: Called with (done, total) every few runs and after the last.
    """
    from simulatie.experiment.validatie.uitvoeren import draai_los
    from simulatie.experiment.validatie.valideren import basisscenario

    map_.mkdir(parents=True, exist_ok=True)
    open_ = [t for t in taken if not (map_ / f"{t[0]}.json").is_file()]
    runs = [(basisscenario(run_data, maanden=maanden, overrides=dict(w)), s) for _, w, s in open_]
    stap = max(4 * werkers, 8)
    for klaar, (i, ts) in enumerate(draai_los(runs, werkers), start=1):
        key, waarden, _ = open_[i]
        bewaar_json(map_ / f"{key}.json", {"parameters": dict(waarden),
                                        "waarden": _doelwaarden(ts, doelen)})
        if melding and (klaar % stap == 0 or klaar == len(open_)):
            melding(klaar, len(open_))
    return [json.loads((map_ / f"{key}.json").read_text())["waarden"] for key, _, _ in taken]
