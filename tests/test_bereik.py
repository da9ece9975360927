"""A parameter's declared range is a promise: every value inside it runs.

Every model parameter, policy setting and trend is run at both ends and the midpoint of its
plausible range (``bereik``, what sweeps explore) and of its hard bounds (``ge``/``le``, what
the input accepts), for 12 months at 20,000 inhabitants, with finite outputs. To keep this
fast, the values of one kind (say, every upper hard bound) are run together: each value joins
the first run of that kind whose scenario still validates with it (shares that split one whole
must sum to at most 1, so some go to a second run). When the model refuses a combination
(a consistency check with a clear message), the run is split until single values remain.
Every value inside its plausible range must run; at a hard bound a value may instead be refused
with a message (never a crash). Outputs are never infinite; inside the plausible range NaN only
where a default run has NaN too (ratios not yet defined).
"""

from __future__ import annotations

import numpy as np
import pytest
from annotated_types import Ge, Gt, Le, Lt
from hulp import klein_scenario
from pydantic import BaseModel

from simulatie import ScenarioFout, simuleer
from simulatie.kern.beleid import register
from simulatie.kern.parameters import Parameters
from simulatie.kern.scenario import Trends

SOORTEN = ("bereik_laag", "bereik_midden", "bereik_hoog", "grens_laag", "grens_midden",
           "grens_hoog")


def _velden(model: type[BaseModel], prefix: str):
    """(dotted path, FieldInfo) of every leaf field of a settings model."""
    for naam, veld in model.model_fields.items():
        if isinstance(veld.annotation, type) and issubclass(veld.annotation, BaseModel):
            yield from _velden(veld.annotation, f"{prefix}.{naam}")
        else:
            yield f"{prefix}.{naam}", veld


def alle_velden() -> list[tuple[str, object]]:
    """Every parameter, policy setting and trend of a scenario."""
    velden = list(_velden(Parameters, "parameters"))
    for naam, klasse in register().items():
        velden += [(p, v) for p, v in _velden(klasse.Instellingen, f"beleid.{naam}")
                   if not p.endswith(".actief")]
    velden += list(_velden(Trends, "trends"))
    return velden


def _grenzen(veld) -> tuple[float, float]:
    laag = hoog = None
    for m in veld.metadata:
        if isinstance(m, Ge | Gt):
            laag = m.ge if isinstance(m, Ge) else m.gt
        elif isinstance(m, Le | Lt):
            hoog = m.le if isinstance(m, Le) else m.lt
    return laag, hoog


def waarde(pad: str, veld, soort: str):
    """The value of ``soort`` for a field (None when it has none, e.g. no midpoint of a bool)."""
    if veld.annotation is bool:
        return {"bereik_laag": False, "bereik_hoog": True, "grens_laag": False,
                "grens_hoog": True}.get(soort)
    if soort.startswith("bereik"):
        extra = veld.json_schema_extra or {}
        laag, hoog = extra.get("bereik") or (None, None)
    else:
        laag, hoog = _grenzen(veld)
    assert laag is not None and hoog is not None, f"{pad}: no {soort.split('_')[0]} declared"
    w = {"laag": laag, "midden": (laag + hoog) / 2, "hoog": hoog}[soort.split("_")[1]]
    return round(w) if veld.annotation is int else float(w)


def _aan(pad: str) -> dict:
    """What must be switched on for a setting to act: its policy, or the trend."""
    delen = pad.split(".")
    if delen[0] == "beleid":
        return {f"beleid.{delen[1]}.actief": True}
    if delen[0] == "trends" and delen[1] != "participatiewet":
        return {"trends.participatiewet": True}
    return {}


def _geldig(overrides: dict) -> bool:
    try:
        klein_scenario(maanden=12, **overrides)
    except ScenarioFout:
        return False
    return True


def runs_van(soort: str) -> tuple[list[dict], list[str]]:
    """The runs of one kind: each value in the first run that validates with it.

    Returns:
        The runs, and the values refused by validation on their own (allowed only at the hard
        bounds: e.g. a share of 1.0 that leaves nothing for the other shares).
    """
    runs: list[dict] = []
    geweigerd: list[str] = []
    for pad, veld in alle_velden():
        w = waarde(pad, veld, soort)
        if w is None:
            continue
        for run in runs:
            kandidaat = {**run, **_aan(pad), pad: w}
            if pad not in run and _geldig(kandidaat):
                run.update(kandidaat)
                break
        else:
            alleen = {**_aan(pad), pad: w}
            if _geldig(alleen):
                runs.append(alleen)
            else:
                assert soort.startswith("grens"), f"{pad} = {w} ({soort}) does not validate"
                geweigerd.append(pad)
    return runs, geweigerd


_NAN_KOLOMMEN: set[str] = set()


def _nan_in_basis() -> set[str]:
    """Columns that are NaN in a default run too (ratios not yet defined, e.g. after 18 months)."""
    if not _NAN_KOLOMMEN:
        ts = simuleer(klein_scenario(maanden=12, inwoners=20_000), seed=1,
                      voortgang=False).tijdreeks
        getallen = ts.select_dtypes("number")
        _NAN_KOLOMMEN.update(k for k in getallen if getallen[k].isna().any())
        _NAN_KOLOMMEN.add("")
    return _NAN_KOLOMMEN


def _draai(overrides: dict, soort: str, geweigerd: list[str]) -> set[str]:
    """Run 12 months with ``overrides``; split the run when the model refuses the combination.

    A combination of values (each inside its range) can be refused by the model's consistency
    checks (:class:`ScenarioFout`, a clear message, exit code 2 on the command line): then each
    half is run on its own, down to single values. A single value inside its plausible range
    must run; at a hard bound a refusal is allowed (and recorded in ``geweigerd``).

    Returns:
        The paths of the values that ran.
    """
    try:
        ts = simuleer(klein_scenario(maanden=12, inwoners=20_000, **overrides), seed=1,
                      voortgang=False).tijdreeks
    except Exception as fout:  # noqa: BLE001 - split to name the value that fails
        eigen = [p for p in overrides if not p.endswith(".actief") or len(overrides) == 1]
        if len(eigen) <= 1:
            if not isinstance(fout, ScenarioFout):
                pytest.fail(f"{soort}: run with {overrides} failed: {fout!r}")
            assert soort.startswith("grens"), f"{soort}: {overrides} refused: {fout}"
            geweigerd += eigen
            return set()
        helft = len(eigen) // 2
        gedraaid = set()
        for deel in (eigen[:helft], eigen[helft:]):
            sub = {p: overrides[p] for p in deel}
            for p in deel:
                sub.update(_aan(p))
            gedraaid |= _draai(sub, soort, geweigerd)
        return gedraaid
    getallen = ts.select_dtypes("number")
    waarden = getallen.to_numpy(dtype=float)
    assert not np.isinf(waarden).any(), f"{soort}: infinite output with {overrides}"
    nan = {k for k in getallen if getallen[k].isna().any()}
    if soort.startswith("bereik"):  # at a hard bound a group can be empty: a ratio undefined
        assert nan <= _nan_in_basis(), f"{soort}: NaN in {sorted(nan)} with {overrides}"
    assert len(ts) == 13
    return set(overrides)


def test_elke_parameter_heeft_een_bereik_en_eindige_grenzen():
    for pad, veld in alle_velden():
        if veld.annotation is bool:
            continue
        laag, hoog = _grenzen(veld)
        assert laag is not None and hoog is not None, f"{pad}: hard bounds must be finite"
        bereik = (veld.json_schema_extra or {}).get("bereik")
        assert bereik, f"{pad}: no plausible range"
        assert laag <= bereik[0] <= bereik[1] <= hoog, f"{pad}: range {bereik} outside bounds"


@pytest.mark.parametrize("soort", SOORTEN)
def test_elke_waarde_in_het_bereik_draait(soort):
    runs, geweigerd = runs_van(soort)
    gedraaid: set[str] = set()
    for overrides in runs:
        gedraaid |= _draai(overrides, soort, geweigerd)
    verwacht = {p for p, v in alle_velden() if waarde(p, v, soort) is not None}
    assert verwacht <= gedraaid | set(geweigerd)
    if soort.startswith("bereik"):
        assert not geweigerd
