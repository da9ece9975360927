"""Dashboard behaviour without a browser: choices -> scenario, sessions, charts, export, CLI."""

from __future__ import annotations

import io
import tarfile
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from simulatie.cli import maak_parser, main
from simulatie.dashboard import export, webbestanden
from simulatie.dashboard.grafieken import GRAFIEKEN, VERGELIJK_INDICATOREN, balans
from simulatie.dashboard.indicatoren import kolomlabels
from simulatie.dashboard.kaart import hex_centra
from simulatie.dashboard.keuzes import (
    GROOTTES,
    Keuzes,
    beleid_catalogus,
    maak_scenario,
    onzekerheden,
    standaard_keuzes,
)
from simulatie.dashboard.sessie import Sessie
from simulatie.dashboard.tekenen import mooie_grenzen
from simulatie.kern import Beleid, BeleidInstellingen

KLEIN = "20.000 inwoners"


def keuzes(**kw) -> Keuzes:
    return replace(standaard_keuzes(), grootte=KLEIN, maanden=24, **kw)


def test_scaled_municipality_keeps_proportions_and_validates():
    for grootte, inwoners in GROOTTES.items():
        if inwoners is None:
            continue
        scen = maak_scenario(replace(standaard_keuzes(), grootte=grootte))
        g = scen.gemeente
        assert g.inwoners == inwoners
        assert 0.01 < g.wwb / g.inwoners < 0.1  # Groningen: 8,850 of 193,127
        assert g.naam == "Groningen"


def test_uncertainty_sliders_come_from_the_catalogue_and_reach_the_scenario():
    onz = onzekerheden()
    assert onz and all(o.minimum <= o.standaard <= o.maximum for o in onz)
    pad = onz[0].pad
    k = keuzes(onzeker={**standaard_keuzes().onzeker, pad: onz[0].maximum})
    waarde = maak_scenario(k)
    for deel in pad.split("."):
        waarde = getattr(waarde, deel)
    assert waarde == pytest.approx(onz[0].maximum)


def test_policy_catalogue_shows_whatever_is_registered(tijdelijk_beleid):
    class Instellingen(BeleidInstellingen):
        sterkte: float = 0.5

    class Proef(Beleid):
        """Proefbeleid: doet niets."""

        naam = "proef_dashboard"
        titel = "Proefbeleid"

    Proef.Instellingen = Instellingen
    tijdelijk_beleid(Proef)
    info = {b.naam: b for b in beleid_catalogus()}["proef_dashboard"]
    assert info.titel == "Proefbeleid"
    assert "doet niets" in info.uitleg
    (veld,) = info.velden
    assert veld.naam == "sterkte" and veld.soort == "float"
    assert veld.minimum <= 0.5 <= veld.maximum
    scen = maak_scenario(keuzes().met_beleid("A", "proef_dashboard", actief=True, sterkte=0.7))
    assert scen.beleid["proef_dashboard"] == {"actief": True, "sterkte": 0.7}


def test_every_registered_policy_has_dutch_explanation_or_docstring():
    for info in beleid_catalogus():
        assert info.uitleg.strip(), info.naam


def test_sessions_are_independent_and_stop_at_the_horizon():
    a, b = Sessie(), Sessie()
    a.reset(keuzes())
    b.reset(keuzes())
    a.stap(3)
    assert (a.maand, b.maand) == (3, 0)
    assert a.modellen["A"] is not b.modellen["A"]
    a.stap(100)
    assert a.maand == 24 and a.klaar
    assert len(a.tijdreeks()) == 25


def test_comparison_uses_common_random_numbers():
    s = Sessie()
    s.reset(keuzes(vergelijken=True))
    s.stap(6)
    pd.testing.assert_frame_equal(s.tijdreeks("A").drop(columns="scenario"),
                                  s.tijdreeks("B").drop(columns="scenario"))
    assert (balans(s)["verschil"] == 0).all()


@pytest.mark.skipif(not beleid_catalogus(), reason="no policy registered")
def test_a_policy_in_variant_b_changes_the_difference_chart():
    naam = beleid_catalogus()[0].naam
    s = Sessie()
    s.reset(keuzes(vergelijken=True).met_beleid("B", naam, actief=True))
    s.stap(12)
    sleutel = "kosten_totaal_cum"
    df = GRAFIEKEN["vergelijking"].data(s, "AB", sleutel)
    assert list(df.columns) == ["maand", "A", "B", "verschil"]
    np.testing.assert_allclose(df["verschil"], df["B"] - df["A"])
    assert df["verschil"].abs().max() > 0
    assert df["A"].iloc[0] == 0  # cumulative over months 1..t
    assert VERGELIJK_INDICATOREN[sleutel].cumulatief


def test_every_chart_draws_and_exports_png_and_csv():
    s = Sessie()
    s.reset(keuzes(vergelijken=True))
    s.stap(2)
    for grafiek in GRAFIEKEN.values():
        for optie in list(grafiek.opties) or [""]:
            tabel = grafiek.data(s, "A", optie)
            assert len(tabel) == (10 if grafiek.sleutel == "wijken" else 3)
            fig = grafiek.tekenaar(optie, False).teken(tabel, "test", 24)
            assert export.png(fig, dpi=40).startswith(b"\x89PNG")
            data = export.csv(tabel)
            terug = export.lees_csv(data)
            assert list(terug.columns) == list(kolomlabels(list(tabel.columns)).values())
            assert not any("_" in k for k in terug.columns)  # Dutch labels, no raw names
            getallen = tabel.select_dtypes("number")
            plekken = [tabel.columns.get_loc(k) for k in getallen.columns]
            np.testing.assert_allclose(terug.iloc[:, plekken].to_numpy(float),
                                       getallen.to_numpy(float), rtol=1e-9)
            eerste = data.decode("utf-8-sig").splitlines()[0]
            assert eerste.count(";") == len(tabel.columns) - 1


@pytest.mark.parametrize(("sleutel", "optie"), [
    ("ladder", "volwassenen"), ("bijstand", ""), ("kosten", "cumulatief"), ("wmo", ""),
    ("caseload", ""), ("wijken", "wmo_per_1000"), ("vergelijking", "kosten_totaal_cum"),
    ("vergelijking", "gemiddelde_trede")])
def test_blitted_frames_equal_a_full_redraw(sleutel, optie):
    """The live drawer reuses its background and redraws only axes whose limits moved; every
    frame must equal a complete redraw, pixel for pixel."""
    s = Sessie()
    naam = beleid_catalogus()[0].naam
    s.reset(keuzes(vergelijken=True).met_beleid("B", naam, actief=True))
    grafiek = GRAFIEKEN[sleutel]
    live = grafiek.tekenaar(optie, True)
    deels = 0
    for _ in range(24):
        s.stap(1)
        live.teken(grafiek.data(s, "A", optie), "Testgemeente", 24)
        deels += bool(live.vuile_assen) and not live.vuil
        snel = live.png()
        scherm = np.asarray(live.figuur.canvas.buffer_rgba())[..., :3].astype(int)
        palet = np.asarray(Image.open(io.BytesIO(snel)).convert("RGB")).astype(int)
        assert np.abs(palet - scherm).max() <= 24  # the 256-colour frame looks the same
        live.vuil = True
        assert live.png() == snel, f"month {s.maand}"
    if sleutel in ("kosten", "vergelijking"):
        assert deels > 0  # the partial redraw was exercised


def test_nice_limits_move_only_when_needed():
    eerste = mooie_grenzen(0, 95, None)
    assert eerste[0] == 0 and eerste[-1] >= 95
    assert mooie_grenzen(0, 90, (eerste[0], eerste[-1])) is None
    assert mooie_grenzen(0, 300, (eerste[0], eerste[-1]))[-1] >= 300
    assert mooie_grenzen(0, 10, (eerste[0], eerste[-1]))[-1] < eerste[-1]
    ladder = mooie_grenzen(0, 31_960, None)  # a level just under a nice number
    assert mooie_grenzen(0, 32_010, (ladder[0], ladder[-1])) is None


def test_hex_map_places_every_wijk_without_overlap():
    for n in (1, 7, 10, 48):
        c = hex_centra(n)
        afstand = np.linalg.norm(c[:, None] - c[None], axis=-1) + np.eye(n) * 99
        assert afstand.min() >= np.sqrt(3) - 1e-9


def test_export_file_names_are_safe():
    assert export.bestandsnaam("kosten", "cumulatief", "A", extensie="csv") == \
        "kosten_cumulatief_A.csv"
    assert "/" not in export.bestandsnaam("a/b", "..", extensie="png")


def test_solara_assets_list_and_safe_unpacking(tmp_path):
    namen = [n for n, _ in webbestanden.benodigde_pakketten()]
    assert any("solara-vuetify" in n for n in namen) and "requirejs" in namen
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for naam, inhoud in (("package/package.json", b"{}"), ("package/dist/a.js", b"x"),
                             ("package/../../boos.txt", b"!")):
            info = tarfile.TarInfo(naam)
            info.size = len(inhoud)
            tar.addfile(info, io.BytesIO(inhoud))
    webbestanden._pak_uit(buffer.getvalue(), tmp_path / "pkg@1.0.0")
    assert (tmp_path / "pkg@1.0.0" / "dist" / "a.js").read_bytes() == b"x"
    assert not (tmp_path / "boos.txt").exists() and not (tmp_path.parent / "boos.txt").exists()


def test_cli_dashboard_defaults_to_localhost():
    args = maak_parser().parse_args(["dashboard"])
    assert (args.host, args.port, args.scenario) == ("127.0.0.1", 8765, None)


def test_cli_dashboard_rejects_a_missing_scenario_before_starting(tmp_path, capsys):
    assert main(["dashboard", "--scenario", str(tmp_path / "weg.toml")]) == 2
    assert "not found" in capsys.readouterr().err


def test_a_scenario_file_is_the_starting_point(tmp_path):
    from simulatie import laad_scenario
    from simulatie.dashboard.keuzes import UIT_SCENARIO

    pad = tmp_path / "klein.toml"
    pad.write_text('naam = "klein"\nmaanden = 18\nseed = 7\n[gemeente]\nnaam = "Klein"\n'
                   "inwoners = 20000\nwwb = 900\nwajong = 350\nwsw = 150\n"
                   "awbz_extramuraal = 600\nwijken = 5\n"
                   "[parameters.arbeidsmarkt]\nopenheid = 0.3\n", encoding="utf-8")
    basis = laad_scenario(pad)
    k = standaard_keuzes(basis)
    assert (k.gemeente, k.maanden, k.seed) == (UIT_SCENARIO, 18, 7)
    assert k.onzeker["parameters.arbeidsmarkt.openheid"] == pytest.approx(0.3)
    scen = maak_scenario(k, basis=basis)
    assert (scen.gemeente.naam, scen.gemeente.inwoners, scen.gemeente.wijken) == \
        ("Klein", 20000, 5)
    # another preset keeps the file's parameters
    elders = maak_scenario(replace(k, gemeente="Enschede", grootte=KLEIN), basis=basis)
    assert elders.gemeente.naam == "Enschede"
    assert elders.parameters.arbeidsmarkt.openheid == pytest.approx(0.3)


def test_a_play_loop_never_steps_a_rebuilt_model():
    s = Sessie()
    s.reset(keuzes())
    oud = s.keuzes
    s.stap(2, oud)
    s.reset(keuzes(seed=5))
    assert s.stap(1, oud) == 0
    assert s.stap(1, s.keuzes) == 1


def _widgets(widget, gevonden=None) -> list:
    """All widgets below ``widget`` (children first)."""
    import ipywidgets

    gevonden = [] if gevonden is None else gevonden
    gevonden.append(widget)
    for kind in getattr(widget, "children", None) or []:
        if isinstance(kind, ipywidgets.Widget):
            _widgets(kind, gevonden)
    return gevonden


def test_a_month_updates_the_views_and_a_re_render_does_not_put_an_old_month_back():
    """The month's widgets are set directly (no render); when a parent renders again for
    another reason (a download button, a tab), they must keep showing the current month."""
    solara = pytest.importorskip("solara")
    from simulatie.dashboard.app import Kop
    from simulatie.dashboard.weergave import GrafiekPaneel, Kerncijfers

    s = Sessie()
    s.reset(keuzes())
    teller = solara.reactive(0)
    tekenaars: dict = {}  # the page keeps its drawers across renders (use_memo)

    @solara.component
    def Ouder():
        solara.Text(f"render {teller.value}")  # reading the value re-renders the parent
        Kop(s, s.opbouw, "Testgemeente")
        Kerncijfers(s, s.opbouw)
        GrafiekPaneel(GRAFIEKEN["ladder"], s, "A", tekenaars, "Testgemeente", 24)

    box, rc = solara.render(Ouder(), handle_error=False)

    def getoond() -> tuple[str, str, str, bytes]:
        alles = _widgets(box)
        kop = next(w for w in alles if "text-subtitle-1" in (getattr(w, "class_", "") or ""))
        waarden = next(w for w in alles if "dash-waarden" in (getattr(w, "class_", "") or ""))
        kc = next(w for w in alles if "dash-kerncijfers-A" in
                  str(getattr(w, "attributes", {}).get("class", "")))
        beeld = next(w for w in alles if "dash-beeld" in getattr(w, "_dom_classes", ()))
        return kop.children[0], waarden.children[0], kc.unsafe_innerHTML, beeld.value

    begin = getoond()
    assert begin[0].endswith("maand 0") and begin[1].startswith("maand: 0 ")
    s.stap(3)
    na_stap = getoond()
    assert na_stap[0].endswith("maand 3") and na_stap[1].startswith("maand: 3 ")
    assert na_stap[2] != begin[2] and na_stap[3] != begin[3]
    teller.value += 1  # the parent renders again
    assert getoond() == na_stap
    rc.close()
    assert not s._luisteraars  # closing the page ends the subscriptions


def test_verbonden_is_false_only_when_no_page_of_the_session_is_connected():
    from types import SimpleNamespace

    from solara.server.kernel_context import PageStatus

    from simulatie.dashboard.verbinding import huidige_context, verbonden

    def context(*status: PageStatus) -> SimpleNamespace:
        return SimpleNamespace(page_status={f"p{i}": s for i, s in enumerate(status)})

    assert verbonden(context(PageStatus.CONNECTED))
    assert verbonden(context(PageStatus.DISCONNECTED, PageStatus.CONNECTED))
    assert not verbonden(context(PageStatus.DISCONNECTED))
    assert not verbonden(context(PageStatus.CLOSED, PageStatus.DISCONNECTED))
    assert verbonden(context())  # no page has connected yet
    assert huidige_context() is None  # outside a server: rendering in a test counts as connected
    assert verbonden(None)
