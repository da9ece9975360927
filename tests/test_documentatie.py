"""The parameter reference in docs/ cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

from simulatie.experiment.documentatie import parameter_tabel
from simulatie.kern.parameters import parameter_catalogus

DOCS = Path(__file__).parent.parent / "docs"


def test_parameters_md_komt_overeen_met_de_code():
    assert (DOCS / "parameters.md").read_text("utf-8").strip() == parameter_tabel().strip(), (
        "regenerate with: python -m simulatie.experiment.documentatie > docs/parameters.md")


def test_elke_parameter_heeft_eenheid_bron_en_bereik():
    for r in parameter_catalogus():
        assert r["eenheid"] and r["bron"], r["pad"]
        assert len(r["bereik"]) == 2 and r["bereik"][0] <= r["bereik"][1], r["pad"]
        if isinstance(r["default"], (int, float)) and r["bereik"][0] != r["bereik"][1]:
            assert r["bereik"][0] <= r["default"] <= r["bereik"][1], r["pad"]
