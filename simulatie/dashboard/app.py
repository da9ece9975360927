"""The Solara app of the dashboard (``simulatie dashboard`` serves it): its pages and layout.

Pages (:data:`routes`): ``/`` the single-user dashboard (:func:`Page`), ``/training`` the
trainer's page, ``/team`` a team's page and ``/plenair`` the projector (see
:mod:`~simulatie.dashboard.pagina_trainer`, :mod:`~simulatie.dashboard.pagina_team`,
:mod:`~simulatie.dashboard.pagina_plenair`). Each browser session gets its own
:class:`Sessie` (kept with ``solara.use_memo``), its own choices and its own play loop; a
training's shared state lives in :data:`simulatie.dashboard.kamer.REGISTER`.

The choices are kept in the address bar (``?k=...``, :mod:`~simulatie.dashboard.delen`), so a
reload or a shared link restores them. The base scenario (``--scenario FILE``) is read from the
environment variable :data:`SCENARIO_VAR`; it is configuration, not state.

Layout: a plain two-column page (settings left, views right) instead of Solara's app bar with
a drawer, which covered the charts below 1280 px; the settings column folds away with a
labelled button.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import replace
from urllib.parse import quote

import solara
import solara.lab

from simulatie.dashboard import delen, export, live, verbinding
from simulatie.dashboard.bediening import Instellingen, Speler
from simulatie.dashboard.geheugen import geef_geheugen_terug
from simulatie.dashboard.grafieken import GRAFIEKEN
from simulatie.dashboard.invoer import Veilig
from simulatie.dashboard.keuzes import UIT_SCENARIO, Keuzes, beleid_catalogus, standaard_keuzes
from simulatie.dashboard.pagina_plenair import PlenairPagina
from simulatie.dashboard.pagina_team import TeamPagina
from simulatie.dashboard.pagina_trainer import TrainerPagina
from simulatie.dashboard.sessie import Sessie
from simulatie.dashboard.weergave import GrafiekPaneel, Kerncijfers, Uitleg, VergelijkPaneel
from simulatie.kern.scenario import Scenario, ScenarioFout, laad_scenario

# Every page that closes (a tab, a participant leaving, a culled page) gives its memory back.
solara.lab.on_kernel_start(lambda: geef_geheugen_terug)

#: Environment variable with the path of the base scenario (set by ``simulatie dashboard``).
SCENARIO_VAR = "SIMULATIE_DASHBOARD_SCENARIO"
#: Browser title of the page.
TITEL = "Sociaal domein - trainingsdashboard"
#: Replications per variant run in the background in comparison mode (uncertainty band).
REPLICATIES = 4
#: Width of the settings column.
BREEDTE_INSTELLINGEN = "340px"


@functools.cache
def basis_scenario(pad: str | None = None) -> Scenario | None:
    """The base scenario from ``pad`` (default: :data:`SCENARIO_VAR`), or None."""
    pad = pad or os.environ.get(SCENARIO_VAR)
    return laad_scenario(pad) if pad else None


def begin_keuzes(basis: Scenario | None, search: str | None) -> tuple[Keuzes, str]:
    """The choices a page starts with: from the link (``?k=``) or the defaults.

    Returns:
        (choices, Dutch message when the link could not be read).
    """
    standaard = standaard_keuzes(basis)
    link = delen.zoekparameter(search, "k")
    if not link:
        return standaard, ""
    try:
        return delen.uit_link(link, standaard), ""
    except delen.LinkFout as fout:
        return standaard, f"{fout} Het dashboard begint met de standaardkeuzes."


@solara.component
def Layout(children: list | None = None) -> None:
    """Every page: full width, no app bar or drawer."""
    solara.Column(children=children or [], gap="0px", style={"width": "100%"})


@solara.component
def Page() -> None:
    """The dashboard: settings on the left, key figures and views on the right."""
    with Veilig(naam="het dashboard"):
        Dashboard()


@solara.component
def Dashboard() -> None:
    """The single-user dashboard (see :func:`Page`)."""
    basis = basis_scenario()
    router = solara.use_router()
    catalogus = solara.use_memo(beleid_catalogus, [])
    begin, link_fout = solara.use_memo(lambda: begin_keuzes(basis, router.search), [])
    keuzes = solara.use_reactive(begin)
    sessie = solara.use_memo(lambda: Sessie(basis), [])
    tekenaars = solara.use_memo(dict, [])
    spelen = solara.use_reactive(False)
    tempo = solara.use_reactive(4)
    bewerk = solara.use_reactive("B")
    tonen = solara.use_reactive("A")
    weergave = solara.use_reactive("vergelijking" if begin.vergelijken else "ladder")
    fout = solara.use_reactive(link_fout)
    opbouw = solara.use_reactive(0)
    open_ = solara.use_reactive(True)
    context = solara.use_memo(verbinding.huidige_context, [])  # this page's connection

    if not sessie.modellen:
        sessie.reset(keuzes.value)
        if keuzes.value.vergelijken:
            sessie.start_replicaties(REPLICATIES)

    def wijzig(nieuw: Keuzes) -> None:
        spelen.set(False)
        try:
            sessie.reset(nieuw)
        except (ScenarioFout, ValueError, OverflowError) as e:
            fout.set(f"Deze keuze kan niet: {e}")
            return
        fout.set("")
        tekenaars.clear()  # new run: axis limits start afresh
        if nieuw.vergelijken:
            sessie.start_replicaties(REPLICATIES)
        if nieuw.vergelijken and not keuzes.value.vergelijken:
            weergave.set("vergelijking")
        keuzes.set(nieuw)
        opbouw.set(sessie.opbouw)  # re-render even when the choices are equal ("Opnieuw")
        router.push(f"{router.path}?k={quote(delen.naar_link(nieuw, standaard_keuzes(basis)))}")

    def speel() -> None:
        gestart_met = sessie.keuzes
        # is_current() turns False when the page closes (the session's components unmount);
        # a page that lost its connection without closing stays mounted until it is culled, so
        # playing also pauses when no page of this session is connected (it shows "paused" at
        # the month reached if it reconnects)
        while (spelen.value and not sessie.klaar and sessie.keuzes is gestart_met
               and taak.is_current() and verbinding.verbonden(context)):
            begin_s = time.perf_counter()
            sessie.stap(1, gestart_met)
            rest = 1.0 / max(1, tempo.value) - (time.perf_counter() - begin_s)
            if rest > 0:
                time.sleep(rest)
        if sessie.klaar or not verbinding.verbonden(context):
            spelen.set(False)

    taak = solara.lab.use_task(speel, dependencies=[spelen.value], prefer_threaded=True)

    k = keuzes.value
    _ = opbouw.value  # subscribe: "Opnieuw" rebuilds with equal choices
    gemeente = sessie.modellen["A"].config.gemeente
    naam = gemeente.naam if k.gemeente == UIT_SCENARIO else k.gemeente
    kop = f"{naam}, {nl_inwoners(gemeente.inwoners)} inwoners, seed {k.seed}"

    solara.Title(TITEL)
    with solara.Row(gap="12px", style={"align-items": "flex-start", "padding": "8px",
                                       "flex-wrap": "nowrap", "width": "100%",
                                       "box-sizing": "border-box"}):
        if open_.value:
            with solara.Column(gap="0px", classes=["dash-instellingen"],
                               style={"width": BREEDTE_INSTELLINGEN, "flex": "0 0 auto"}):
                solara.Button("Instellingen verbergen", icon_name="mdi-chevron-left",
                              text=True, small=True, on_click=lambda: open_.set(False),
                              classes=["dash-verberg"])
                Speler(sessie, sessie.opbouw, k.maanden, spelen, tempo, sessie.stap,
                       lambda: wijzig(replace(k)))
                if fout.value:
                    solara.Error(fout.value, classes=["dash-melding"])
                Instellingen(k, catalogus, basis is not None, wijzig, bewerk)
                Delen(k, basis)
        with solara.Column(gap="8px", style={"flex": "1 1 0", "min-width": "0"}):
            if not open_.value:
                solara.Button("Instellingen tonen", icon_name="mdi-chevron-right", text=True,
                              small=True, on_click=lambda: open_.set(True),
                              classes=["dash-toon"])
            Kop(sessie, sessie.opbouw, kop)
            Kerncijfers(sessie, sessie.opbouw)
            Weergaven(sessie, k, catalogus, tekenaars, kop, spelen, weergave, tonen)


@solara.component
def Weergaven(sessie: Sessie, k: Keuzes, catalogus: list, tekenaars: dict, kop: str,
              spelen: solara.Reactive[bool], weergave: solara.Reactive[str],
              tonen: solara.Reactive[str]) -> None:
    """The view buttons and the chosen view."""
    variant = tonen.value if k.vergelijken else "A"
    weergaven = (["vergelijking"] if k.vergelijken else []) + [
        g for g in GRAFIEKEN if g != "vergelijking"] + ["uitleg"]
    gekozen = weergave.value if weergave.value in weergaven else weergaven[0]
    with solara.Row(gap="4px", style={"flex-wrap": "wrap", "align-items": "center"},
                    classes=["dash-weergaven"]):
        for sleutel in weergaven:
            titel = GRAFIEKEN[sleutel].titel if sleutel in GRAFIEKEN else "Uitleg"
            solara.Button(titel, text=sleutel != gekozen, color="primary",
                          on_click=lambda s=sleutel: weergave.set(s),
                          classes=[f"dash-weergave-{sleutel}"])
        if k.vergelijken and gekozen not in ("vergelijking", "uitleg"):
            solara.Text("  Toon variant:")
            solara.ToggleButtonsSingle(value=tonen, values=["A", "B"], classes=["dash-tonen"])
    with Veilig(naam="deze weergave"):
        if gekozen == "vergelijking":
            VergelijkPaneel(sessie, spelen, k, catalogus, tekenaars, kop)
        elif gekozen == "uitleg":
            Uitleg(catalogus)
        else:
            GrafiekPaneel(GRAFIEKEN[gekozen], sessie, variant, tekenaars,
                          kop + (f", variant {variant}" if k.vergelijken else ""), k.maanden)


@solara.component
def Delen(keuzes: Keuzes, basis: Scenario | None) -> None:
    """Save and share: the link in the address bar, and the scenario file per variant."""
    with solara.Card("Bewaren en delen", margin=0, classes=["mb-2"]):
        solara.Markdown("Het adres in de adresbalk bewaart alle keuzes: kopieer het om ze te "
                        "delen of later verder te gaan. Het scenariobestand draait met "
                        "`simulatie run` en geeft dezelfde getallen.")
        with solara.Row(gap="4px", style={"flex-wrap": "wrap"}):
            for variant in ("A", "B") if keuzes.vergelijken else ("A",):
                solara.FileDownload(
                    lambda v=variant: delen.scenario_toml(keuzes, v, basis).encode("utf-8"),
                    filename=export.bestandsnaam("scenario", variant if keuzes.vergelijken
                                                 else "", extensie="toml"),
                    label=f"Scenario {variant}" if keuzes.vergelijken else "Scenariobestand",
                    mime_type="application/toml", icon_name="mdi-file-download-outline")


@solara.component
def Kop(sessie: Sessie, opbouw: int, kop: str) -> None:
    """Municipality, size, seed and the current month."""
    live.use_live(sessie, lambda: [live.tekst(["text-subtitle-1"])],
                  lambda: [{"children": [f"{kop} - maand {sessie.maand}"]}], [opbouw, kop])


def nl_inwoners(n: int) -> str:
    """Inhabitants with a Dutch thousands separator."""
    return f"{n:,}".replace(",", ".")


@solara.component
def Training() -> None:
    """The trainer's page."""
    with Veilig(naam="de trainerspagina"):
        TrainerPagina()


@solara.component
def Team() -> None:
    """A team's page."""
    with Veilig(naam="de teampagina"):
        TeamPagina()


@solara.component
def Plenair() -> None:
    """The projector page."""
    with Veilig(naam="het plenaire scherm"):
        PlenairPagina()


#: The pages; each has :func:`Layout` (Solara drops a module-level Layout when the module
#: defines routes, and would wrap the pages in its app bar with tabs).
routes = [
    solara.Route(path="/", component=Page, label="Dashboard", layout=Layout),
    solara.Route(path="training", component=Training, label="Training", layout=Layout),
    solara.Route(path="team", component=Team, label="Team", layout=Layout),
    solara.Route(path="plenair", component=Plenair, label="Plenair", layout=Layout),
]
