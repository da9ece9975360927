"""Validation against the sources: flows, a stationary baseline, overlap, policy sizes, the command.

The slow tests run the real targets of ``simulatie valideer`` on a generated municipality that
is not in the repository's data (60,000 inhabitants, 3% on bijstand), so they check what the
parameters were not set on.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from simulatie import laad_scenario, simuleer
from simulatie.cli import main
from simulatie.experiment.samenvatting import indicatoren
from simulatie.experiment.validatie import BELEID, DOELEN, OVERLAP, STATIONAIR, Doel
from simulatie.experiment.validatie.beleidseffect import BELEIDSNAMEN, effecten
from simulatie.experiment.validatie.beoordelen import beoordeel
from simulatie.experiment.validatie.gemeenten import verzonnen
from simulatie.experiment.validatie.uitvoeren import draai
from simulatie.experiment.validatie.valideren import basisscenario, beoordeel_basis
from simulatie.experiment.vergelijk_tabellen import vergelijkingstabel
from simulatie.kern.scenario import lees_toml

MIDDENSTAD = verzonnen("Middenstad", 60_000, 0.03, 6)
SEEDS = 10


@pytest.fixture(scope="module")
def groningen():
    return simuleer(laad_scenario("experimenten/basis.toml"), seed=1).tijdreeks


@pytest.fixture(scope="module")
def middenstad():
    """Basis and each policy alone, 120 months, seeds 1..10 (two processes)."""
    data = lees_toml("experimenten/basis.toml")
    taken = [(basisscenario(data, MIDDENSTAD.gemeente, beleid=b), s)
             for b in (None, *BELEIDSNAMEN) for s in range(1, SEEDS + 1)]
    runs = draai(taken, werkers=2)
    return {b: runs[i * SEEDS:(i + 1) * SEEDS] for i, b in enumerate((None, *BELEIDSNAMEN))}


def test_basis_groningen_stromen_binnen_banden(groningen):
    rijen = pd.DataFrame(beoordeel_basis("Groningen", [groningen]))
    stromen = rijen[rijen.groep == "stromen"]
    assert len(stromen) == len(DOELEN)
    assert stromen.geslaagd.all(), stromen[["doel", "band", "gemiddelde"]].to_string()


@pytest.mark.traag
def test_basis_blijft_stationair_en_overlap_klopt(middenstad):
    # All ten seeds: at 60,000 inhabitants one seed's WW stock moves -20% to +14% in ten years,
    # so the mean of five is too noisy for a 5% band (simulatie valideer uses 20 here).
    rijen = pd.DataFrame(beoordeel_basis("Middenstad", middenstad[None], verzonnen=True))
    assert set(rijen.groep) == {"stromen", "stationair", "overlap"}
    assert len(rijen[rijen.groep == "overlap"]) == 2 * len(OVERLAP)   # month 0 and month 120
    # Every stock holds, rung 1 included: it rose 7-15% in ten years while the build drew
    # obstacles independently of who works (bevolking.bouw_bevolking, werkkans_naar_risico).
    mislukt = rijen[~rijen.geslaagd]
    assert mislukt.empty, mislukt[["moment", "doel", "band", "gemiddelde", "waarden"]].to_string()
    stat = rijen[rijen.groep == "stationair"].set_index("doel")
    assert set(stat.index) == {d.naam for d in STATIONAIR}


@pytest.mark.traag
def test_beleidseffecten_binnen_wat_de_bronnen_toelaten(middenstad):
    waarden = effecten(middenstad[None], {b: middenstad[b] for b in BELEIDSNAMEN})
    rijen = pd.DataFrame([beoordeel(d, waarden[d.naam], "Middenstad", "jaar 10")
                          for d in BELEID]).set_index("doel")
    # Work-first's rise in Wmo clients is about 1% (Groningen, 10 seeds: interval above zero);
    # at 60,000 inhabitants ten seeds do not resolve it, so here only its mean must be positive
    # (simulatie valideer --volledig uses twenty seeds for this municipality).
    assert rijen.loc["work_first.wmo_clienten", "gemiddelde"] > 0
    mislukt = rijen[~rijen.geslaagd].drop(index="work_first.wmo_clienten", errors="ignore")
    assert mislukt.empty, mislukt[["band", "gemiddelde", "ci90_laag", "ci90_hoog"]].to_string()


def _t_gepaard(ts: pd.DataFrame, variant: str, indicator: str, maand: int) -> float:
    """Paired t statistic of variant - basis over common seeds."""
    b = indicatoren(ts[ts["variant"] == "basis"], maand)[indicator]
    v = indicatoren(ts[ts["variant"] == variant], maand)[indicator]
    d = (v - b.loc[v.index]).to_numpy()
    if d.std() == 0:
        return float(np.sign(d.mean()) * np.inf) if d.mean() != 0 else 0.0
    return float(d.mean() / (d.std(ddof=1) / np.sqrt(len(d))))


@pytest.mark.traag
def test_elk_beleid_beweegt_de_uitkomsten_in_de_richting_van_de_bronnen(middenstad):
    """Each policy alone against the basis on common seeds (the runs above: 60,000 inhabitants,
    10 years, 10 seeds): paired t-statistics must exceed 2 in the direction the sources report,
    on the indicators of the comparison's table. The full-size numbers (Groningen, 20 x 10
    years) are in docs/beleid.md.

    The weakest effect is integrale_teams on Wmo clients after ten years; at 30,000
    inhabitants it needed twelve replications to clear t = 2 reliably (+33 per replication,
    standard deviation 41), here the municipality is twice as large.
    """
    ts = pd.concat([r.assign(variant=b or "basis", seed=s)
                    for b, runs in middenstad.items() for s, r in enumerate(runs, start=1)],
                   ignore_index=True)
    verwacht = [
        ("work_first", "bijstand", 12, -1),
        ("work_first", "buiten_beeld", 120, +1),
        ("work_first", "kosten_wmo_individueel_cum", 120, +1),
        ("integrale_teams", "kosten_apparaat_cum", 120, +1),
        ("integrale_teams", "wmo_clienten", 120, +1),
        ("integrale_teams", "stijging_trede_meervoudig_cum", 120, +1),
        ("contract_compliance", "uitstroom_naar_werk_cum", 120, +1),
        ("contract_compliance", "uitstroom_naar_werk_zorg_cum", 120, +1),
        ("preventie", "nieuwe_belemmeringen_12m", 120, -1),
        ("preventie", "nieuwe_belemmeringen_12m", 36, -1),
        ("preventie", "kosten_wmo_collectief_cum", 120, +1),
    ]
    t = {(v, i, m): _t_gepaard(ts, v, i, m) for v, i, m, _ in verwacht}
    fout = {(v, i, m): round(t[v, i, m], 2) for v, i, m, r in verwacht if r * t[v, i, m] <= 2.0}
    assert not fout, f"paired t not beyond 2 in the expected direction: {fout}"
    tabel = vergelijkingstabel(ts, (1, 5, 10))
    assert set(tabel["variant"]) == {"basis", *BELEIDSNAMEN}


def test_beoordeel_gemiddelde_en_interval():
    band = Doel("x", "x", "beleid", 0, math.inf, "%", "test")
    # Mean above zero but the interval is not clear of it: passes as a mean, not as interval.
    waarden = [3.0, -2.0, 4.0, -1.0, 2.0]
    assert beoordeel(band, waarden, "G")["geslaagd"]
    interval = Doel("x", "x", "beleid", 0, math.inf, "%", "test", criterium="interval")
    rij = beoordeel(interval, waarden, "G")
    assert not rij["geslaagd"] and rij["ci90_laag"] < 0 < rij["gemiddelde"]
    assert beoordeel(interval, [3.0, 2.5, 3.5, 2.8, 3.1], "G")["geslaagd"]
    assert not beoordeel(Doel("x", "x", "beleid", -5, 5, "%", "t"), [6.0, 7.0], "G")["geslaagd"]
    assert beoordeel(band, [1.0, math.nan, 2.0], "G")["seeds"] == 2   # failed runs are skipped


def test_valideer_commando_schrijft_tabel_rapport_en_plots(tmp_path, capsys):
    uit = tmp_path / "v"
    code = main(["valideer", "experimenten/basis.toml", "--set", "maanden=24", "--seeds", "2",
                 "--set", "gemeente.inwoners=20000", "--set", "gemeente.wwb=920", "--set",
                 "gemeente.wajong=370", "--set", "gemeente.wsw=150", "--set",
                 "gemeente.awbz_extramuraal=650", "--uit", str(uit), "--docs",
                 str(tmp_path / "docs")])
    tabel = pd.read_csv(uit / "validatie.csv")
    assert {"gemeente", "moment", "doel", "band", "gemiddelde", "ci90_laag", "geslaagd", "bron",
            "afgestemd", "waarden"} <= set(tabel.columns)
    assert len(tabel) == len(DOELEN) + len(STATIONAIR) + 2 * len(OVERLAP)
    assert code == (0 if tabel.geslaagd.all() else 1)
    md = (tmp_path / "docs" / "validatie.md").read_text("utf-8")
    assert "## Stationaire basis" in md and "validatie/overlap_wmo_in_bijstand.png" in md
    assert (tmp_path / "docs" / "validatie" / "stationair_bijstand.png").stat().st_size > 1000
    assert "geslaagd" in capsys.readouterr().out


def test_valideer_weigert_te_weinig_seeds(tmp_path, capsys):
    with pytest.raises(SystemExit) as uit:  # refused while the arguments are read
        main(["valideer", "--seeds", "1", "--uit", str(tmp_path / "v")])
    assert uit.value.code == 2
    fout = capsys.readouterr().err
    assert "--seeds" in fout and "allowed: 2 to" in fout and "Traceback" not in fout
    assert not (tmp_path / "v").exists()
