"""The dashboard in real headless Chromium (Playwright driving the Debian chromium package).

Set-up: ``pip install -e .[dashboard,browser]``; Chromium comes from Debian (``apt-get install
chromium chromium-driver``) - the ``chromium`` fixture installs it when it is missing and the
tests run as root, and skips with the reason otherwise. ``playwright install`` is never needed.
One dashboard server (``simulatie dashboard``) serves all tests of this module; every test opens
its own browser context, so it gets its own session and model.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from simulatie.dashboard.export import lees_csv
from simulatie.dashboard.indicatoren import kolomlabels

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
#: Flags for a closed network: no first-run, sync, update or QUIC connection attempts.
VLAGGEN = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage"]
TITEL = "Sociaal domein - trainingsdashboard"
WACHT_MS = 90_000


def _installeer_chromium() -> Path:
    """Return the Chromium binary, installing the Debian packages when missing and root."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip("Chromium ontbreekt (/usr/bin/chromium): apt-get install chromium "
                    "chromium-driver (als root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, timeout=900, check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"],
                   env=env, timeout=1800, check=False)
    if not CHROMIUM.exists():
        pytest.skip("apt-get install chromium chromium-driver failed")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="pip install -e .[browser] (Playwright)")
    pad = _installeer_chromium()
    with sync_api.sync_playwright() as p:
        # launch() gives every run a fresh temporary user-data-dir
        b = p.chromium.launch(executable_path=str(pad), headless=True, args=VLAGGEN)
        yield b
        b.close()


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_dashboard(log_pad: Path) -> tuple[subprocess.Popen, str]:
    """Start the dashboard on a free port; the process and its URL once it answers.

    The port is picked free here and then bound by the server: another process can take it in
    between. Then the server stops with "address already in use" and a new port is tried.
    """
    env = {**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False"}
    for _ in range(3):
        poort = _vrije_poort()
        with open(log_pad, "wb") as log:
            proc = subprocess.Popen([sys.executable, "-m", "simulatie.cli", "dashboard",
                                     "--port", str(poort)], stdout=log,
                                    stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{poort}/"
        eind = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                tekst = log_pad.read_text(errors="replace")
                if "address already in use" in tekst.lower():
                    break  # the next port
                pytest.fail(f"dashboard stopped:\n{tekst[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    if r.status == 200:
                        return proc, url
            except OSError:
                pass
            if time.monotonic() > eind:
                proc.kill()
                pytest.fail(f"dashboard did not start:\n{log_pad.read_text()[-3000:]}")
            time.sleep(0.5)
    pytest.fail("three free ports were taken before the dashboard bound them")


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    pytest.importorskip("solara", reason="pip install -e .[dashboard]")
    proc, url = _start_dashboard(tmp_path_factory.mktemp("dashboard") / "server.log")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def pagina(browser, dashboard):
    """A new browser context (own session) with the dashboard loaded."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = ctx.new_page()
    _open(page, dashboard)
    yield page
    ctx.close()


def _open(page, url: str) -> None:
    page.goto(url, timeout=WACHT_MS)
    page.wait_for_selector(".dash-maand", timeout=WACHT_MS)


def _maand(page, n: int) -> None:
    from playwright.sync_api import expect

    expect(page.locator(".dash-maand")).to_have_text(re.compile(rf"^Maand {n} van "),
                                                     timeout=WACHT_MS)


def _kerncijfers(page, variant: str = "A") -> dict[str, str]:
    rij = page.locator(f".dash-kerncijfers-{variant}")
    return {k: rij.locator(f".dash-kc-{k}").inner_text()
            for k in ("bijstand", "uitstroom", "gemiddelde", "wmo-clienten", "kosten")}


def _download_csv(page, grafiek: str) -> tuple[str, pd.DataFrame]:
    with page.expect_download(timeout=WACHT_MS) as info:
        knop = page.locator(f".dash-grafiek-{grafiek}").get_by_role("button",
                                                                   name="CSV (Excel NL)")
        knop.click()
    download = info.value
    return download.suggested_filename, lees_csv(Path(download.path()).read_bytes())


def _eerste_beleid() -> str:
    from simulatie.dashboard.keuzes import beleid_catalogus

    catalogus = beleid_catalogus()
    if not catalogus:
        pytest.skip("no policy registered")
    return catalogus[0].naam


def test_page_loads_with_dutch_title(pagina):
    from playwright.sync_api import expect

    expect(pagina).to_have_title(TITEL, timeout=WACHT_MS)
    _maand(pagina, 0)
    expect(pagina.get_by_role("button", name="Afspelen")).to_be_visible()
    assert "Bijstand" in pagina.locator(".dash-kerncijfers-A").inner_text()
    assert pagina.locator(".dash-beeld").count() == 1


def test_switching_a_policy_changes_the_numbers_after_12_months(pagina):
    naam = _eerste_beleid()
    pagina.locator(".dash-jaar").click()
    _maand(pagina, 12)
    basis = (_kerncijfers(pagina), pagina.locator(".dash-waarden").inner_text())
    pagina.locator(f".dash-beleid-{naam} label").click()
    _maand(pagina, 0)
    pagina.locator(".dash-jaar").click()
    _maand(pagina, 12)
    met_beleid = (_kerncijfers(pagina), pagina.locator(".dash-waarden").inner_text())
    assert "maand: 12" in met_beleid[1]
    assert met_beleid != basis


def test_comparison_shows_both_series_and_their_difference(pagina):
    naam = _eerste_beleid()
    pagina.locator(".dash-vergelijken label").click()
    pagina.wait_for_selector(".dash-kerncijfers-B", timeout=WACHT_MS)
    pagina.wait_for_selector(".dash-grafiek-vergelijking", timeout=WACHT_MS)
    pagina.locator(f".dash-beleid-{naam} label").click()  # edits variant B (the default)
    _maand(pagina, 0)
    pagina.locator(".dash-jaar").click()
    _maand(pagina, 12)
    assert _kerncijfers(pagina, "A") != _kerncijfers(pagina, "B")
    bestand, tabel = _download_csv(pagina, "vergelijking")
    assert bestand.endswith(".csv") and f"B-{naam}" in bestand  # the file names the variants
    assert list(tabel.columns)[:4] == ["Maand", "Variant A", "Variant B", "Verschil B - A"]
    assert tabel["Maand"].tolist() == list(range(13))
    a, b, d = tabel["Variant A"], tabel["Variant B"], tabel["Verschil B - A"]
    assert (d - (b - a)).abs().max() < 1e-6 * (1 + a.abs().max())
    assert d.abs().max() > 0
    assert pagina.locator(".dash-samenvatting").inner_text().strip()


def test_csv_export_downloads_and_matches_the_chart(pagina):
    for _ in range(3):
        pagina.locator(".dash-stap").click()
    _maand(pagina, 3)
    bestand, tabel = _download_csv(pagina, "ladder")
    assert bestand == "ladder_volwassenen_A.csv"
    assert list(tabel.columns) == ["Maand", *(kolomlabels([f"trede_{t}"])[f"trede_{t}"]
                                              for t in range(1, 7))]
    assert tabel["Maand"].tolist() == [0, 1, 2, 3]
    getoond = pagina.locator(".dash-waarden").inner_text()
    trede_6 = int(tabel.iloc[-1, -1])
    assert f"trede 6 (betaald werk): {trede_6:,}".replace(",", ".") in getoond
    with pagina.expect_download(timeout=WACHT_MS) as info:
        pagina.locator(".dash-grafiek-ladder").get_by_role("button", name="PNG").click()
    assert info.value.suggested_filename == "ladder_volwassenen_A.png"
    assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_two_browser_contexts_step_independent_models(browser, dashboard):
    eerste = browser.new_context()
    tweede = browser.new_context()
    try:
        p1, p2 = eerste.new_page(), tweede.new_page()
        _open(p1, dashboard)
        _open(p2, dashboard)
        p1.locator(".dash-jaar").click()
        _maand(p1, 12)
        _maand(p2, 0)
        p2.locator(".dash-stap").click()
        _maand(p2, 1)
        _maand(p1, 12)
        assert _kerncijfers(p1)["uitstroom"] != _kerncijfers(p2)["uitstroom"]
    finally:
        eerste.close()
        tweede.close()


def test_play_runs_months_until_paused(pagina):
    pagina.get_by_role("button", name="Afspelen").click()
    pagina.wait_for_function(
        "() => parseInt(document.querySelector('.dash-maand').textContent.split(' ')[1]) >= 3",
        timeout=WACHT_MS)
    pagina.get_by_role("button", name="Pauze").click()
    pagina.get_by_role("button", name="Afspelen").wait_for(timeout=WACHT_MS)
    bij_pauze = _maandnummer(pagina)
    # a month that was being computed when Pauze was clicked may still arrive (on a loaded
    # machine); after that the month must stand still
    pagina.wait_for_timeout(1000)
    stand = _maandnummer(pagina)
    assert stand <= bij_pauze + 1
    pagina.wait_for_timeout(1500)
    assert _maandnummer(pagina) == stand


def _maandnummer(pagina) -> int:
    return int(pagina.locator(".dash-maand").inner_text().split(" ")[1])


def test_a_page_that_loses_its_connection_while_playing_pauses(browser, dashboard):
    """No close beacon (lid shut, network lost): the server keeps the session but stops playing.

    The page's websocket is routed through Playwright, cut on both sides while the model plays,
    held off for 4 s (16 months at the default 4 a second) and then let through again: the page
    reconnects to the same session, which stands paused at the month reached.
    """
    from playwright.sync_api import expect

    staat = {"dicht": False, "open": []}

    def route(ws) -> None:
        if staat["dicht"]:
            ws.close()  # the page retries
            return
        staat["open"].append((ws, ws.connect_to_server()))

    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = ctx.new_page()
        page.route_web_socket(re.compile(r".*"), route)
        _open(page, dashboard)
        page.get_by_role("button", name="Afspelen").click()
        page.wait_for_function(
            "() => parseInt(document.querySelector('.dash-maand').textContent.split(' ')[1]) >= 2",
            timeout=WACHT_MS)
        staat["dicht"] = True
        bij_verbreken = _maandnummer(page)
        for ws, server in staat.pop("open"):
            server.close()
            ws.close()
        staat["open"] = []
        page.wait_for_timeout(4000)
        staat["dicht"] = False
        page.get_by_role("button", name="Afspelen").wait_for(timeout=WACHT_MS)  # reconnected
        assert staat["open"], "the page did not reconnect"
        stand = _maandnummer(page)
        assert stand <= bij_verbreken + 2  # a month under way at the cut may still arrive
        page.wait_for_timeout(1500)
        assert _maandnummer(page) == stand
        page.locator(".dash-stap").click()  # the session goes on from there
        expect(page.locator(".dash-maand")).to_have_text(re.compile(rf"^Maand {stand + 1} van "),
                                                         timeout=WACHT_MS)
    finally:
        ctx.close()


# ---- a training session -----------------------------------------------------------------------
TEAMS = ("Rood", "Blauw", "Groen", "Geel", "Paars")


def _vul(page, selector: str, tekst: str) -> None:
    veld = page.locator(f"{selector} input, {selector} textarea").first
    veld.fill(tekst)
    veld.press("Tab")


def _vul_tot(page, selector: str, tekst: str, deel: str, pogingen: int = 3) -> None:
    """Fill a field until its message contains ``deel``.

    Under full-suite load the echo of the previous value can reach the browser after the new
    value is typed and put the old one back (seen once: the message of "-3" stayed after a
    5,000-character value); a user would type again, and so does this helper, at most
    ``pogingen`` times.
    """
    from playwright.sync_api import expect

    for poging in range(pogingen):
        _vul(page, selector, tekst)
        try:
            expect(page.locator(selector)).to_contain_text(
                deel, timeout=WACHT_MS if poging == pogingen - 1 else WACHT_MS // 6)
            return
        except AssertionError:  # what expect raises on its timeout
            if poging == pogingen - 1:
                raise


def _doe_mee(page, url: str, code: str, team: str) -> None:
    page.goto(url + "team", timeout=WACHT_MS)
    page.wait_for_selector(".dash-meedoen", timeout=WACHT_MS)
    _vul(page, ".dash-code-invoer", code.lower())  # case does not matter
    _vul(page, ".dash-team-invoer", team)
    page.locator(".dash-meedoen").click()
    page.wait_for_selector(".dash-teampagina", timeout=WACHT_MS)


def _lever_in(page) -> None:
    from playwright.sync_api import expect

    page.locator(".dash-inleveren").click()
    expect(page.locator(".dash-bericht")).to_contain_text("Ingeleverd", timeout=WACHT_MS)


def test_training_session_trainer_five_teams_two_rounds_and_summary(browser, dashboard):
    """A trainer and 5 teams (own browser contexts) play two rounds; the projector shows
    every team and the summary exports as PDF and PNG."""
    from playwright.sync_api import expect

    contexten = [browser.new_context(viewport={"width": 1024, "height": 900},
                                     accept_downloads=True) for _ in range(len(TEAMS) + 2)]
    try:
        trainer = contexten[0].new_page()
        trainer.goto(dashboard + "training", timeout=WACHT_MS)
        trainer.wait_for_selector(".dash-start-sessie", timeout=WACHT_MS)
        _vul(trainer, ".dash-opzet-horizon", "36")
        _vul(trainer, ".dash-opzet-rondelengte", "12")
        trainer.locator(".dash-start-sessie").click()
        trainer.wait_for_selector(".dash-bediening", timeout=WACHT_MS)
        code = trainer.locator(".dash-code").inner_text().strip()
        assert re.fullmatch(r"[A-Z2-9]{5}", code)

        plenair = contexten[1].new_page()
        plenair.goto(dashboard + f"plenair?code={code}", timeout=WACHT_MS)
        plenair.wait_for_selector(".dash-plenair", timeout=WACHT_MS)

        teams = []
        for ctx, naam in zip(contexten[2:], TEAMS, strict=True):
            page = ctx.new_page()
            _doe_mee(page, dashboard, code, naam)
            teams.append(page)
        beleid = ["preventie", "work_first", "", "integrale_teams", "contract_compliance"]
        for page, naam in zip(teams, beleid, strict=True):
            if naam:
                page.locator(f".dash-beleid-{naam} label").click()
        teams[0].locator(".dash-schat").click()  # the cost before submitting
        expect(teams[0].locator(".dash-schatting")).to_contain_text("I-deel", timeout=WACHT_MS)
        for page in teams:
            _lever_in(page)
        for naam in TEAMS:  # the projector shows every team
            expect(plenair.locator(f".dash-rang-{naam.lower()}")).to_be_visible(
                timeout=WACHT_MS)
        # the picture is drawn in the background and follows the ranking
        expect(plenair.locator(".dash-plenair-beeld")).to_have_count(1, timeout=WACHT_MS)
        # the trainer sees what a plan costs the server now, for the whole room
        expect(trainer.locator(".dash-capaciteit")).to_contain_text(
            "Leveren alle 5 teams tegelijk in", timeout=WACHT_MS)

        trainer.locator(".dash-volgende-ronde").click()
        expect(trainer.locator(".dash-ronde")).to_have_text("2", timeout=WACHT_MS)
        expect(teams[2].locator(".dash-teamkop")).to_contain_text("ronde 2", timeout=WACHT_MS)
        # a policy from round 1 is carried over (it may stop or change); a new one starts
        expect(teams[0].locator(".dash-vast-preventie")).to_be_visible(timeout=WACHT_MS)
        teams[2].locator(".dash-beleid-work_first label").click()
        for page in teams:
            _lever_in(page)
        expect(plenair.locator(".dash-teamstatus")).to_contain_text(
            "Groen: ingeleverd ronde 2", timeout=WACHT_MS)
        for naam in TEAMS:
            expect(plenair.locator(f".dash-rang-{naam.lower()}")).to_be_visible(
                timeout=WACHT_MS)

        trainer.locator(".dash-afsluiten").click()
        expect(teams[1].locator(".dash-teampagina")).to_contain_text("afgesloten",
                                                                     timeout=WACHT_MS)
        with trainer.expect_download(timeout=WACHT_MS) as info:
            trainer.get_by_role("button", name="Samenvatting (PDF)").click()
        pdf = Path(info.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= len(TEAMS) + 1
        with trainer.expect_download(timeout=WACHT_MS) as info:
            trainer.get_by_role("button", name="Dia Rood (PNG)").click()
        assert info.value.suggested_filename == "dia_Rood.png"
        assert Path(info.value.path()).read_bytes()[:4] == b"\x89PNG"
        # a participant cannot control the session without the trainer's key
        vreemd = teams[0]
        vreemd.goto(dashboard + f"training?code={code}", timeout=WACHT_MS)
        expect(vreemd.locator(".dash-melding")).to_contain_text("geen toegang",
                                                                timeout=WACHT_MS)
    finally:
        for ctx in contexten:
            ctx.close()


def test_bad_input_gives_dutch_messages_and_no_traceback(pagina, dashboard, browser):
    """Numbers, text, very long values, rapid clicks and reloads: Dutch messages in place."""
    from playwright.sync_api import expect

    for tekst, deel in (("12345678901234567890", "tussen"), ("abc", "getal"),
                        ("-3", "tussen"), ("9" * 5000, "te lang"), ("", "ontbreekt")):
        _vul_tot(pagina, ".dash-seed", tekst, deel)
    _vul(pagina, ".dash-horizon", "-3")
    expect(pagina.locator(".dash-horizon")).to_contain_text("tussen 1 en 600", timeout=WACHT_MS)
    _vul(pagina, ".dash-horizon", "24")
    _maand(pagina, 0)
    expect(pagina.locator(".dash-maand")).to_have_text(re.compile("van 24$"), timeout=WACHT_MS)
    for _ in range(15):  # rapid clicks
        pagina.locator(".dash-stap").click()
    _maand(pagina, 15)
    pagina.goto(dashboard + "?k=dit-is-geen-link", timeout=WACHT_MS)
    pagina.wait_for_selector(".dash-maand", timeout=WACHT_MS)
    expect(pagina.locator(".dash-melding")).to_contain_text("link", timeout=WACHT_MS)
    for adres in ("team?code=XXXXX&team=" + "a" * 3000, "plenair?code=%00%00",
                  "training?code=ABCDE&sleutel=x", "team?code=&team="):
        pagina.goto(dashboard + adres, timeout=WACHT_MS)
        pagina.wait_for_load_state("networkidle", timeout=WACHT_MS)
        tekst = pagina.locator("body").inner_text(timeout=WACHT_MS)
        assert "Traceback" not in tekst and "File \"" not in tekst, adres
    # the choices survive a reload (they are in the address)
    pagina.goto(dashboard, timeout=WACHT_MS)
    pagina.wait_for_selector(".dash-maand", timeout=WACHT_MS)
    _vul(pagina, ".dash-seed", "7")
    pagina.wait_for_url(re.compile(r"\?k="), timeout=WACHT_MS)
    pagina.reload(timeout=WACHT_MS)
    pagina.wait_for_selector(".dash-maand", timeout=WACHT_MS)
    assert pagina.locator(".dash-seed input").input_value() == "7"


def test_a_port_taken_before_the_server_binds_it_is_replaced(tmp_path, monkeypatch):
    pytest.importorskip("solara", reason="pip install -e .[dashboard]")
    bezet = socket.socket()
    bezet.bind(("127.0.0.1", 0))
    bezet.listen()
    genomen = bezet.getsockname()[1]
    gevraagd = []

    def poort() -> int:
        gevraagd.append(genomen if not gevraagd else _vrij())
        return gevraagd[-1]

    _vrij = _vrije_poort
    monkeypatch.setattr(sys.modules[__name__], "_vrije_poort", poort)
    try:
        proc, url = _start_dashboard(tmp_path / "server.log")
        proc.terminate()
        proc.wait(timeout=15)
    finally:
        bezet.close()
    assert len(gevraagd) == 2 and url == f"http://127.0.0.1:{gevraagd[1]}/"
