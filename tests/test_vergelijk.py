"""Policy comparison: reading, common seeds, determinism across workers, outputs, directions,
resuming an interrupted comparison."""

from __future__ import annotations

import json
import subprocess

import pandas as pd
import pytest
from hulp import cli, onderbreek

from simulatie import ScenarioFout, simuleer
from simulatie.cli import main
from simulatie.experiment.samenvatting import samenvat
from simulatie.experiment.sweep.ontwerp import run_seed
from simulatie.experiment.vergelijk import (
    RUNS,
    lees_tijdreeks,
    lees_vergelijking,
    uitvoermap,
    voer_uit,
)
from simulatie.experiment.vergelijk_tabellen import vergelijkingstabel
from simulatie.kern.uitvoer import KOSTENPOSTEN

BELEID = ("work_first", "integrale_teams", "contract_compliance", "preventie")


def _bestanden(map_, inwoners=3000, maanden=12, replicaties=2, varianten=BELEID):
    """A small scenario and a comparison file in ``map_``; returns the comparison path."""
    f = inwoners / 193_127
    (map_ / "klein.toml").write_text(
        f'naam = "klein"\nmaanden = {maanden}\nseed = 7\n\n[gemeente]\nnaam = "Klein"\n'
        f"inwoners = {inwoners}\nwwb = {round(8850 * f)}\nwajong = {round(3590 * f)}\n"
        f"wsw = {round(1427 * f)}\nawbz_extramuraal = {round(6260 * f)}\nwijken = 3\n", "utf-8")
    regels = ['naam = "test"', 'scenario = "klein.toml"', f"replicaties = {replicaties}",
              "seed = 3", "jaren = [1, 5]", ""]
    for v in varianten:
        regels += ["[[variant]]", f'naam = "{v}"', f'set = {{ "beleid.{v}.actief" = true }}', ""]
    pad = map_ / "vergelijking.toml"
    pad.write_text("\n".join(regels), "utf-8")
    return pad


def test_varianten_delen_dezelfde_seeds(tmp_path):
    verg = lees_vergelijking(_bestanden(tmp_path, replicaties=3), {"maanden": 6},
                             onzekerheid="seeds")
    assert verg.varianten == ["basis", *BELEID]
    assert len(verg.seeds) == len(set(verg.seeds)) == 3
    assert verg.scenarios["basis"].actieve_beleid() == []
    assert verg.scenarios["work_first"].actieve_beleid() == ["work_first"]
    assert all(s.maanden == 6 for s in verg.scenarios.values())
    # One seed derivation: the sweep's, from the file's seed (3), design point 0, replication.
    assert verg.seeds == [run_seed(3, 0, r) for r in range(3)]
    # The same file gives the same seeds (more replications add seeds, keep the first ones).
    assert lees_vergelijking(tmp_path / "vergelijking.toml",
                             onzekerheid="seeds").seeds[:3] == verg.seeds
    # The comparison is a sweep with one categorical lever: the variants.
    d = verg.declaratie
    assert [v.naam for v in d.variant] == verg.varianten and not d.hefboom
    assert d.variant[1].overrides == {"beleid.work_first.actief": True}
    assert d.constanten == {"maanden": 6} and d.ontwerp.replicaties == 3
    assert "kosten_totaal" in d.tijdreeksen and "seed" in d.tijdreeksen


def test_set_wint_van_de_variant(tmp_path):
    verg = lees_vergelijking(_bestanden(tmp_path), {"beleid.work_first.actief": False},
                             onzekerheid="seeds")
    assert verg.scenarios["work_first"].actieve_beleid() == []


def test_een_scenario_als_config_vergelijkt_basis_met_elk_beleid(tmp_path):
    _bestanden(tmp_path)
    verg = lees_vergelijking(tmp_path / "klein.toml", replicaties=2, onzekerheid="seeds")
    assert verg.varianten == ["basis", *sorted(BELEID)]
    assert verg.scenarios["preventie"].actieve_beleid() == ["preventie"]


def test_uitkomst_onafhankelijk_van_het_aantal_workers(tmp_path):
    verg = lees_vergelijking(_bestanden(tmp_path, varianten=("work_first",)), {"maanden": 4},
                             onzekerheid="seeds")
    een = tmp_path / "een"
    twee = tmp_path / "twee"
    assert voer_uit(verg, uitvoermap(een, verg), workers=1).gedaan == 4
    assert voer_uit(verg, uitvoermap(twee, verg), workers=2).gedaan == 4
    ts = lees_tijdreeks(verg, een)
    pd.testing.assert_frame_equal(ts, lees_tijdreeks(verg, twee))
    # The stored series are the runs' tijdreeks exactly (values, types, column order).
    direct = pd.concat([simuleer(verg.scenarios[v], seed=s, voortgang=False).tijdreeks
                        .assign(variant=v) for v in verg.varianten for s in sorted(verg.seeds)],
                       ignore_index=True)
    pd.testing.assert_frame_equal(ts, direct[["variant", *direct.columns[:-1]]])


def test_de_runs_van_een_vergelijking_zijn_een_sweepmap(tmp_path):
    from simulatie.experiment.sweep.analyse import analyseer

    verg = lees_vergelijking(_bestanden(tmp_path, varianten=("work_first",)), {"maanden": 3},
                             onzekerheid="seeds")
    map_ = uitvoermap(tmp_path / "uit", verg)
    voer_uit(verg, map_, workers=1)
    analyseer(map_ / RUNS)
    robuust = pd.read_csv(map_ / RUNS / "analyse" / "robuustheid.csv")
    assert set(robuust["beleid"]) == {"basis", "work_first"}
    assert set(robuust["uitkomst"]) == {"bijstand", "gemiddelde_trede", "kosten_totaal"}
    band = pd.read_csv(map_ / RUNS / "analyse" / "tijdreeksen.csv")
    assert {"bijstand_p50", "wmo_clienten_p50"} <= set(band.columns)  # every series
    notities = json.loads((map_ / RUNS / "analyse" / "analyse.json").read_text())["notities"]
    assert any("outcome columns only" in n for n in notities)


def test_vergelijking_op_een_dask_cluster(tmp_path, cluster):
    adres, _ = cluster
    pad = _bestanden(tmp_path, maanden=3, varianten=("work_first",))  # shorter than a year
    uit = tmp_path / "dask"
    tekst = subprocess.run(cli("vergelijk", str(pad), "--uit", str(uit), "--scheduler", adres,
                               "--onzekerheid", "seeds"),
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert tekst.returncode == 0, tekst.stderr
    sessie = json.loads((uit / RUNS / "manifest.json").read_text())["sessies"][-1]
    assert sessie["backend"] == "dask" and sessie["gedaan"] == 4
    verg = lees_vergelijking(pad, onzekerheid="seeds")
    lokaal = uitvoermap(tmp_path / "lokaal", verg)
    voer_uit(verg, lokaal, workers=1)
    pd.testing.assert_frame_equal(pd.read_parquet(uit / "tijdreeks.parquet"),
                                  lees_tijdreeks(verg, lokaal))
    assert pd.read_csv(uit / "vergelijking.csv").empty  # no year within 3 months
    assert "Geen van de gevraagde jaren" in (uit / "vergelijking.md").read_text()


def test_een_ingevulde_map_wordt_niet_overschreven(tmp_path):
    verg = lees_vergelijking(_bestanden(tmp_path, varianten=("work_first",)), {"maanden": 2},
                             onzekerheid="seeds")
    vreemd = tmp_path / "vreemd"
    vreemd.mkdir()
    (vreemd / "notitie.txt").write_text("van iemand anders")
    with pytest.raises(ScenarioFout, match="never overwritten"):
        uitvoermap(vreemd, verg)
    assert [p.name for p in vreemd.iterdir()] == ["notitie.txt"]
    map_ = uitvoermap(tmp_path / "uit", verg)
    voer_uit(verg, map_, workers=1)
    ander = lees_vergelijking(tmp_path / "vergelijking.toml", {"maanden": 3}, onzekerheid="seeds")
    with pytest.raises(ScenarioFout, match="different comparison"):
        uitvoermap(map_, ander)
    assert uitvoermap(map_, verg) == map_  # the same comparison: resume


def test_cli_schrijft_tabel_plots_samenvatting_en_manifest(tmp_path, capsys):
    pad = _bestanden(tmp_path, varianten=("work_first", "preventie"))
    uit = tmp_path / "uit"
    code = main(["vergelijk", str(pad), "--replicaties", "2", "--uit", str(uit),
                 "--set", "maanden=12", "--onzekerheid", "seeds"])
    assert code == 0
    for naam in ("ladder", "kosten", "afweging"):
        assert (uit / f"{naam}.png").stat().st_size > 0
        assert len(pd.read_csv(uit / f"{naam}.csv")) > 0
    tabel = pd.read_csv(uit / "vergelijking.csv")
    assert set(tabel["variant"]) == {"basis", "work_first", "preventie"}
    assert set(tabel["jaar"]) == {1}   # year 5 is beyond the 12-month horizon
    basis = tabel[tabel["variant"] == "basis"]
    assert (basis["verschil"] == 0).all()
    assert (tabel["laag"] <= tabel["gemiddelde"] + 1e-9).all()
    assert (tabel["gemiddelde"] <= tabel["hoog"] + 1e-9).all()
    # --onzekerheid seeds: the seed-only interval is the total one; no drivers (nothing varies).
    assert list(tabel.columns[-3:]) == ["verschil_laag_seeds", "verschil_hoog_seeds",
                                        "aandeel_positief"]
    assert tabel["verschil_laag_seeds"].equals(tabel["verschil_laag"])
    assert tabel["verschil_hoog_seeds"].equals(tabel["verschil_hoog"])
    assert tabel["aandeel_positief"].between(0, 1).all()
    assert not (uit / "drijvers.csv").exists() and not (uit / "sweep_seeds").exists()
    tekst = (uit / "samenvatting.md").read_text("utf-8")
    assert "work_first: ten opzichte van de basis" in tekst and "preventie:" in tekst
    manifest = json.loads((uit / "manifest.json").read_text("utf-8"))
    assert len(manifest["seeds"]) == 2 and set(manifest["varianten"]) == {"basis", "work_first",
                                                                        "preventie"}
    ts = pd.read_parquet(uit / "tijdreeks.parquet")
    assert list(ts.columns[:3]) == ["variant", "maand", "inwoners"] and "seed" in ts.columns
    assert len(ts) == 3 * 2 * 13 and set(ts["seed"]) == set(manifest["seeds"])
    runs = pd.read_parquet(uit / RUNS / "runs")  # the sweep storage of the comparison
    assert len(runs) == 6 and set(runs["variant"]) == {"basis", "work_first", "preventie"}
    assert "ten opzichte van de basis" in capsys.readouterr().out
    # The same command again resumes: nothing runs, the same tables are written.
    tabel_voor = (uit / "vergelijking.csv").read_text()
    assert main(["vergelijk", str(pad), "--replicaties", "2", "--uit", str(uit),
                 "--set", "maanden=12", "--onzekerheid", "seeds"]) == 0
    assert "hervat: 6 van 6 runs waren al gedaan, 0 nu" in capsys.readouterr().out
    assert (uit / "vergelijking.csv").read_text() == tabel_voor


@pytest.mark.parametrize("zet, woorden", [
    ("beleid.onbekend.actief=true", ["beleid.onbekend", "unknown policy", "work_first"]),
    ("beleid.preventie.budget_per_inwoner=-5", ["beleid.preventie.budget_per_inwoner", "-5",
                                                "0.0 to 1000.0"]),
    ("beleid.work_first.sanctie_kans=2", ["work_first", "sanctie_kans", "0.0 to 1.0"]),
])
def test_foute_invoer_geeft_exitcode_2(tmp_path, capsys, zet, woorden):
    pad = _bestanden(tmp_path)
    code = main(["vergelijk", str(pad), "--replicaties", "1", "--uit", str(tmp_path / "u"),
                 "--set", zet, "--onzekerheid", "seeds"])
    fout = capsys.readouterr().err
    assert code == 2
    for w in woorden:
        assert w in fout
    assert not (tmp_path / "u").exists()


def test_samenvatting_noemt_de_richting():
    rijen = []
    for seed in (1, 2, 3):
        for maand in range(13):
            rijen.append({"maand": maand, "seed": seed, **{f"trede_{i}": 100 for i in range(1, 7)},
                          "bijstand": 1000, "gemiddelde_trede": 4.0,
                          "gemiddelde_trede_bijstand": 3.0, "stijging_trede": 5,
                          "stijging_trede_meervoudig": 1, "uitstroom_naar_werk": 10,
                          "uitstroom_naar_werk_zorg": 1, "wmo_clienten": 500,
                          "buiten_beeld": 0, "nieuwe_belemmeringen": 20,
                          **{k: 1e6 for k in KOSTENPOSTEN},
                          "kosten_totaal": 1e6 * len(KOSTENPOSTEN)})
    basis = pd.DataFrame(rijen)
    variant = basis.copy()
    variant["bijstand"] = 900 + variant["seed"]
    variant["buiten_beeld"] = 50
    variant["kosten_uitkeringen"] = 0.9e6
    variant["kosten_totaal"] = 1e6 * len(KOSTENPOSTEN) - 0.1e6
    tekst = samenvat("work_first", basis, variant)
    assert tekst.startswith("work_first: ten opzichte van de basis 1 jaar na de start")
    assert "bijstandsbestand 98 personen kleiner" in tekst
    assert "50 meer inwoners buiten beeld" in tekst
    assert "totale kosten over deze periode zijn € 1,2 mln lager" in tekst
    assert samenvat("x", basis, basis).count("geen duidelijk verschil") == 1


def test_onderbroken_vergelijking_gaat_verder_zonder_runs_te_herhalen(tmp_path):
    """Kill ``simulatie vergelijk`` mid-way, run the same command again: every run is stored
    once, none runs twice, and the result equals an uninterrupted run in one process."""
    pad = _bestanden(tmp_path, maanden=12, replicaties=10, varianten=("work_first",))
    uit = tmp_path / "uit"
    args = cli("vergelijk", str(pad), "--uit", str(uit), "--workers", "2", "--onzekerheid",
               "seeds")
    voor = onderbreek(args, tmp_path, uit / RUNS, na=4)
    assert 0 < voor < 20, f"kill should land mid-way (had {voor} of 20)"
    assert not (uit / "tijdreeks.parquet").exists()

    tweede = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert tweede.returncode == 0, tweede.stderr
    assert f"hervat: {voor} van 20 runs waren al gedaan, {20 - voor} nu" in tweede.stdout
    runs = pd.read_parquet(uit / RUNS / "runs")
    assert len(runs) == 20 and runs["run_id"].is_unique and (runs["status"] == "ok").all()
    sessies = json.loads((uit / RUNS / "manifest.json").read_text())["sessies"]
    assert sessies[-1]["gedaan"] == 20 - voor  # the second invocation ran only the rest
    ts = pd.read_parquet(uit / "tijdreeks.parquet")
    assert not ts.duplicated(["variant", "seed", "maand"]).any()

    verg = lees_vergelijking(pad, onzekerheid="seeds")
    rustig = uitvoermap(tmp_path / "rustig", verg)
    voer_uit(verg, rustig, workers=1)
    pd.testing.assert_frame_equal(ts, lees_tijdreeks(verg, rustig))
    tabel = pd.read_csv(uit / "vergelijking.csv")
    pd.testing.assert_frame_equal(tabel, vergelijkingstabel(lees_tijdreeks(verg, rustig),
                                                            verg.jaren))


def test_ensemble_van_een_andere_gemeente_geeft_een_waarschuwing(tmp_path):
    """The shipped ensemble was calibrated on Groningen: a comparison for a municipality with
    Groningen's densities (at any size) uses it silently, one for Enschede says in the summary
    and the manifest that its worlds were not checked there; an ensemble without a manifest is
    not judged."""
    from simulatie.experiment.kalibratie.ensemble import STANDAARD

    zelfde = lees_vergelijking(_bestanden(tmp_path, varianten=("work_first",)), {"maanden": 3},
                               replicaties=2, onzekerheid="parameters")
    assert zelfde.ensemble == STANDAARD and zelfde.waarschuwing is None
    enschede = tmp_path / "enschede"
    enschede.mkdir()
    (enschede / "e.toml").write_text('naam = "e"\nmaanden = 3\n\n[gemeente]\n'
                                     'preset = "Enschede"\n', "utf-8")
    verg = lees_vergelijking(enschede / "e.toml", replicaties=2, varianten=["work_first"],
                             onzekerheid="parameters")
    assert "gekalibreerd op Groningen" in verg.waarschuwing
    assert "niet op Enschede" in verg.waarschuwing and "wwb" in verg.waarschuwing
    assert "--onzekerheid effecten" in verg.waarschuwing
    los = tmp_path / "los" / "ensemble.parquet"
    los.parent.mkdir()
    los.write_bytes(STANDAARD.read_bytes())  # the same members, no manifest beside them
    assert lees_vergelijking(enschede / "e.toml", replicaties=2, varianten=["work_first"],
                             onzekerheid="parameters", ensemble=los).waarschuwing is None
