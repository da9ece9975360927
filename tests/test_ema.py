"""EMA Workbench adapter: the keyword function and a tiny EMA experiment."""

from __future__ import annotations

import numpy as np
import pytest
from test_sweep_onderbreken import SWEEP

from simulatie import ScenarioFout
from simulatie.experiment.ema import maak_functie
from simulatie.experiment.sweep.uitvoeren import Context, voer_run

EXTRA = """
[[hefboom]]
pad = "parameters.toewijzen.caseload_regulier"
waarden = [70, 100]

[[onzekerheid]]
pad = "parameters.arbeidsmarkt.werkgevers"
min = 20
max = 60
"""


@pytest.fixture
def sweep_toml(tmp_path):
    pad = tmp_path / "ema.toml"
    tekst = SWEEP + EXTRA
    pad.write_text(tekst.replace("maanden = 12", "maanden = 6"))
    return pad


def test_functie_met_trefwoorden_geeft_dezelfde_uitkomst_als_de_sweep(sweep_toml):
    f = maak_functie(sweep_toml)
    uit = f(openheid=0.3, werkgevers=30, caseload_regulier=70, seed=4)
    assert set(uit) == {"kosten", "bijstand_reeks"}
    assert uit["bijstand_reeks"].shape == (7,)
    taak = {"run_id": "x", "seed": 4, "invoer": {
        "parameters.arbeidsmarkt.openheid": 0.3, "parameters.arbeidsmarkt.werkgevers": 30,
        "parameters.toewijzen.caseload_regulier": 70}}
    assert voer_run(taak, Context.van(f.declaratie))["rij"]["kosten"] == uit["kosten"]
    with pytest.raises(ScenarioFout, match="openhied"):
        f(openhied=0.3)


def test_varianten_zijn_een_trefwoord(tmp_path):
    pad = tmp_path / "varianten.toml"
    pad.write_text(SWEEP.replace("maanden = 12", "maanden = 3").replace(
        "[constanten]", '[[variant]]\nnaam = "basis"\n\n[[variant]]\nnaam = "wf"\n'
        'set = { "beleid.work_first.actief" = true }\n\n[constanten]'))
    f = maak_functie(pad)
    uit = f(openheid=0.3, variant="wf", seed=4)
    taak = {"run_id": "x", "seed": 4, "invoer": {"parameters.arbeidsmarkt.openheid": 0.3,
                                                "variant": "wf"}}
    assert voer_run(taak, Context.van(f.declaratie))["rij"]["kosten"] == uit["kosten"]
    assert f(openheid=0.3, variant="basis", seed=4)["kosten"] != uit["kosten"]
    with pytest.raises(ScenarioFout, match="variant 'wv': unknown; allowed: basis, wf"):
        f(variant="wv")


def test_klein_ema_experiment(sweep_toml):
    import ema_workbench as ema

    from simulatie.experiment.ema import maak_model

    model = maak_model(sweep_toml)
    assert {u.name for u in model.uncertainties} == {"openheid", "werkgevers"}
    assert [lever.name for lever in model.levers] == ["caseload_regulier"]
    assert len(model.replications) == 2
    beleid = [ema.Sample(name=f"c{c}", caseload_regulier=c) for c in (70, 100)]
    experimenten, uitkomsten = ema.perform_experiments(model, scenarios=2, policies=beleid)
    assert len(experimenten) == 4
    assert uitkomsten["kosten"].shape == (4,) and np.isfinite(uitkomsten["kosten"]).all()
    reeks = uitkomsten["bijstand_reeks"]
    assert reeks.shape == (4, 2, 7)  # experiments x replications x months
    # the two replications use different seeds
    assert not np.array_equal(reeks[0, 0], reeks[0, 1])
