"""An ensemble of plausible parameter sets: read, check, draw members, and the shipped default.

An ensemble is a table with one row per accepted parameter set: one column per dotted parameter
path (``parameters.wmo.toekenning``) and a column ``gewicht`` (its weight; the weights sum to 1).
``simulatie kalibreer`` writes it as ``ensemble.parquet``; the ensemble of the default scenario
ships as package data (:data:`STANDAARD`).

Main objects: :func:`lees_ensemble`, :func:`mediaan`, :func:`trek_leden`, :data:`STANDAARD`.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from simulatie.kern.fouten import ScenarioFout
from simulatie.kern.parameters import parameter_catalogus

#: Weight column of an ensemble.
GEWICHT = "gewicht"
#: The shipped ensemble of the default scenario (Groningen), package data.
STANDAARD = Path(str(resources.files("simulatie") / "data" / "kalibratie" / "ensemble.parquet"))


def parameterpaden() -> set[str]:
    """Every dotted path of a core model parameter (the columns an ensemble may have)."""
    return {r["pad"] for r in parameter_catalogus()}


def lees_ensemble(pad: str | Path | None = None) -> pd.DataFrame:
    """Read and check an ensemble.

    Args:
        pad: ``ensemble.parquet`` (default: the shipped one, :data:`STANDAARD`).

    Returns:
        The table, weights normalised to sum to 1.

    Raises:
        ScenarioFout: The file is missing or unreadable, a column is not a model parameter, or
            the weights are not positive.
    """
    pad = Path(pad) if pad is not None else STANDAARD
    if not pad.is_file():
        raise ScenarioFout(f"{pad}: geen ensemble gevonden (maak er een met simulatie kalibreer)")
    try:
        tabel = pd.read_parquet(pad)
    except Exception as fout:  # noqa: BLE001 - any unreadable file is bad input
        raise ScenarioFout(f"{pad}: geen leesbaar parquet-bestand "
                           f"({type(fout).__name__})") from None
    onbekend = sorted(set(tabel.columns) - parameterpaden() - {GEWICHT})
    if onbekend:
        raise ScenarioFout(f"{pad}: kolom {onbekend[0]!r} is geen modelparameter; toegestaan: "
                           f"de paden van docs/parameters.md (parameters.*) en {GEWICHT!r}")
    if GEWICHT not in tabel.columns:
        raise ScenarioFout(f"{pad}: kolom {GEWICHT!r} ontbreekt")
    if len(tabel) == 0:
        raise ScenarioFout(f"{pad}: het ensemble is leeg")
    w = tabel[GEWICHT].to_numpy(dtype=float)
    if not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise ScenarioFout(f"{pad}: kolom {GEWICHT!r} moet eindige getallen >= 0 bevatten met "
                           "een som > 0")
    tabel = tabel.reset_index(drop=True)
    tabel[GEWICHT] = w / w.sum()
    return tabel


def gewogen_kwantiel(x: np.ndarray, w: np.ndarray, q: float) -> float:
    """The weighted ``q``-quantile of ``x`` (NaN values left out; NaN when none is left)."""
    ok = np.isfinite(x)
    if not ok.any():
        return float("nan")
    x, w = x[ok], w[ok]
    volgorde = np.argsort(x, kind="stable")
    x, w = x[volgorde], w[volgorde]
    cum = np.cumsum(w) - 0.5 * w
    return float(np.interp(q, cum / w.sum(), x))


def kwantiel(ensemble: pd.DataFrame, q: float) -> dict[str, float]:
    """The weighted ``q``-quantile of every parameter of an ensemble."""
    w = ensemble[GEWICHT].to_numpy(dtype=float)
    return {k: gewogen_kwantiel(ensemble[k].to_numpy(dtype=float), w, q)
            for k in ensemble.columns if k != GEWICHT}


def mediaan(ensemble: pd.DataFrame) -> dict[str, float]:
    """The weighted median of every parameter (a ``--set`` mapping, integers rounded)."""
    return afgerond(kwantiel(ensemble, 0.5))


@functools.cache
def _gehele_paden() -> frozenset[str]:
    return frozenset(r["pad"] for r in parameter_catalogus()
                     if isinstance(r["default"], int) and not isinstance(r["default"], bool))


def afgerond(waarden: dict[str, float]) -> dict[str, float | int]:
    """Round the values of integer parameters (months, hours) so the scenario accepts them."""
    geheel = _gehele_paden()
    return {k: int(round(v)) if k in geheel else float(v) for k, v in waarden.items()}


def lid(ensemble: pd.DataFrame, i: int) -> dict[str, float | int]:
    """Member ``i`` as a ``--set`` mapping (parameter path -> value)."""
    rij = ensemble.iloc[i]
    return afgerond({k: float(rij[k]) for k in ensemble.columns if k != GEWICHT})


def trek_leden(ensemble: pd.DataFrame, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draw ``n`` member indices with probability proportional to their weight."""
    return rng.choice(len(ensemble), size=n, replace=True,
                      p=ensemble[GEWICHT].to_numpy(dtype=float))
