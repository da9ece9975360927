"""One entry point for a run: a scenario and a seed in, tables out (no file I/O).

:func:`simuleer` is what the CLI, comparisons, sweeps, the dashboard and the EMA adapter call.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from agenten import inwoners as I
from simulatie.kern import huishoudens as H
from simulatie.kern.model import Gemeente
from simulatie.kern.scenario import Scenario
from simulatie.kern.stappen.wmo import bekend_wmo


@dataclass
class Resultaat:
    """The tables of one run.

    Attributes:
        tijdreeks: One row per month 0..T (model-level outputs, costs, seed, scenario).
        inwoners_start: One row per resident at month 0.
        inwoners_eind: One row per resident at the end.
        wijken: One row per wijk per year (month 0, 12, 24, ...): indicators for maps.
        huishoudens: One row per household at month 0 and at the end (:func:`huishoudens`).
        seed: The seed used.
        looptijd_s: Wall time of the run in seconds.
    """

    tijdreeks: pd.DataFrame
    inwoners_start: pd.DataFrame
    inwoners_eind: pd.DataFrame
    wijken: pd.DataFrame
    huishoudens: pd.DataFrame
    seed: int
    looptijd_s: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def snapshot(model: Gemeente) -> pd.DataFrame:
    """One row per active resident, with coded columns as readable categories."""
    t = model.tabel
    actief = np.flatnonzero(t.actief)  # the rows once, then a gather per column
    bits = t.belemmeringen[actief]
    profiel = t.klantprofiel[actief]

    df = pd.DataFrame({
        "id": t.id[actief],
        "huishouden_id": t.huishouden_id[actief],
        "leeftijd": (t.leeftijd_maanden[actief] // 12).astype(np.int16),
        "geslacht": _cat(t.geslacht[actief], ("man", "vrouw")),
        "wijk": t.wijk[actief],
        "huishouden": _cat(t.huishouden[actief], I.HUISHOUDENS),
        "inkomensbron": _cat(t.inkomensbron[actief], I.INKOMENSBRONNEN),
        "awbz_extramuraal": t.awbz_extramuraal[actief],
        "fase": t.fase[actief],
        "klantprofiel": pd.Categorical.from_codes(profiel.astype(np.int16),
                                                  categories=list(I.KLANTPROFIELEN)),
        "trede": t.trede[actief],
        **{f"belemmering_{n}": ((bits >> k) & 1).astype(bool)
           for k, n in enumerate(I.BELEMMERINGEN)},
        "uitkeringsduur_maanden": t.uitkeringsduur[actief],
        "niet_gebruik": t.verborgen_recht[actief],
        "uit_beeld": t.uit_beeld[actief],
        "bekend_wmo": bekend_wmo(model, actief),
        "klantmanager": t.klantmanager[actief],
        "motivatie": t.motivatie[actief],
        **{f"voorziening_{n}": ((t.zorg[actief] >> k) & 1).astype(bool)
           for k, n in enumerate(I.VOORZIENINGEN)},
    })
    return df


def _cat(codes: np.ndarray, namen: tuple[str, ...]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.astype(np.int16), categories=list(namen))


def huishoudens(model: Gemeente) -> pd.DataFrame:
    """One row per household of the active residents now.

    Columns: ``maand``, ``huishouden_id``, ``type`` (alleenstaand, paar_zonder_kinderen,
    paar_met_kinderen, eenouder, overig: from the members' roles), ``grootte`` (members),
    ``kinderen`` (members under 18), ``inkomensbron`` (bijstand if any member aged 18+ has
    bijstand, else the first of werk, ww, wajong, wsw, aow that an adult member has, else
    geen), ``wmo_leden`` (members with an individual Wmo provision), ``regelingen`` (schemes in
    use by any member, of bijstand, Wajong, Wsw, AWBZ extramural care, an individual Wmo
    provision, debt counselling and shelter) and ``wijk``.
    """
    s = H.samenvatting(model.tabel)
    return pd.DataFrame({
        "maand": np.full(len(s["huishouden_id"]), model.maand, dtype=np.int16),
        "huishouden_id": s["huishouden_id"],
        "type": _cat(s["type"], H.TYPEN),
        "grootte": s["grootte"],
        "kinderen": s["kinderen"],
        "inkomensbron": _cat(s["inkomensbron"], I.INKOMENSBRONNEN),
        "wmo_leden": s["wmo_leden"],
        "regelingen": s["regelingen"],
        "wijk": s["wijk"],
    })


def _wijkrijen(model: Gemeente) -> list[dict[str, float]]:
    ind = model.wijk_indicatoren()
    return [{"maand": model.maand, "wijk": w, **{k: float(v[w]) for k, v in ind.items()}}
            for w in range(model.config.gemeente.wijken)]


def simuleer(scenario: Scenario, seed: int | None = None, *, voortgang: bool | None = None,
             maanden: int | None = None) -> Resultaat:
    """Run a scenario and return its tables.

    Args:
        scenario: A validated scenario (see :func:`simulatie.laad_scenario`).
        seed: Seed of the model's generator; ``None`` uses the scenario's ``seed``, else 0.
        voortgang: Show a progress bar (default: only on an interactive terminal for runs
            expected to take more than a few seconds).
        maanden: Horizon override (default: ``scenario.maanden``).

    Returns:
        A :class:`Resultaat` with ``tijdreeks``, ``inwoners_start``, ``inwoners_eind``,
        ``wijken`` and ``huishoudens`` as pandas DataFrames.
    """
    begin = time.perf_counter()
    model = Gemeente(scenario, seed=seed)
    horizon = scenario.maanden if maanden is None else maanden
    start = snapshot(model)
    huishoudens_start = huishoudens(model)
    wijken = _wijkrijen(model)
    if voortgang is None:
        import sys

        voortgang = sys.stderr.isatty() and scenario.gemeente.inwoners * horizon > 5_000_000
    stappen = range(horizon)
    if voortgang:
        from tqdm import tqdm

        stappen = tqdm(stappen, desc=f"{scenario.naam} seed {model.seed_waarde}", unit="maand")
    for _ in stappen:
        model.step()
        if model.maand % 12 == 0:
            wijken.extend(_wijkrijen(model))
    tijdreeks = pd.DataFrame(model.reeks)
    tijdreeks["seed"] = model.seed_waarde
    tijdreeks["scenario"] = scenario.naam
    return Resultaat(
        tijdreeks=tijdreeks,
        inwoners_start=start,
        inwoners_eind=snapshot(model),
        wijken=pd.DataFrame(wijken),
        huishoudens=pd.concat([huishoudens_start, huishoudens(model)], ignore_index=True),
        seed=model.seed_waarde,
        looptijd_s=time.perf_counter() - begin,
    )
