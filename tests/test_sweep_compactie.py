"""A complete sweep is merged into one pair of parts; an interrupted merge is finished."""

from __future__ import annotations

import pandas as pd
from test_sweep_uitvoering import lees, sweep

from simulatie.experiment.sweep import voer_sweep
from simulatie.experiment.sweep.opslag import Opslag


def delen(map_) -> tuple[int, int]:
    return (len(list((map_ / "runs").glob("part-*.parquet"))),
            len(list((map_ / "reeksen").glob("part-*.parquet"))))


def reeksen(map_) -> pd.DataFrame:
    return (pd.read_parquet(map_ / "reeksen").sort_values(["run_id", "maand"])
            .reset_index(drop=True))


def test_a_complete_sweep_keeps_one_pair_of_parts_with_the_same_rows(tmp_path):
    d = sweep()
    voer_sweep(d, tmp_path / "een_deel", voortgang=False)  # one part: nothing to merge
    voer_sweep(d, tmp_path / "veel", voortgang=False, schrijf_elke=1)  # six parts, merged
    assert delen(tmp_path / "veel") == (1, 1)
    pd.testing.assert_frame_equal(lees(tmp_path / "een_deel"), lees(tmp_path / "veel"))
    pd.testing.assert_frame_equal(reeksen(tmp_path / "een_deel"), reeksen(tmp_path / "veel"))
    assert not list((tmp_path / "veel").rglob(".*"))  # no journal or temporary file left
    tweede = voer_sweep(d, tmp_path / "veel", voortgang=False)  # resuming after a merge
    assert tweede.gedaan == 0 and tweede.overgeslagen == 6


def test_an_interrupted_merge_is_finished_when_the_folder_is_opened(tmp_path):
    d = sweep()
    voer_sweep(d, tmp_path / "ref", voortgang=False)
    opslag = Opslag(tmp_path / "uit", d, schrijf_elke=1)
    for rij in pd.read_parquet(tmp_path / "ref" / "runs").to_dict("records"):  # 6 parts, no series
        opslag.voeg_toe({"rij": rij})
    assert delen(tmp_path / "uit") == (6, 0)
    journaal = opslag._bereid_compactie()  # killed after the journal, before the renames
    assert journaal is not None and delen(tmp_path / "uit") == (6, 0)
    Opslag(tmp_path / "uit", d)  # opening finishes the merge
    assert delen(tmp_path / "uit") == (1, 0)
    pd.testing.assert_frame_equal(lees(tmp_path / "ref"), lees(tmp_path / "uit"))
    assert not list((tmp_path / "uit").rglob(".*"))
