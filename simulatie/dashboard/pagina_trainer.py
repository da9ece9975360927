"""The trainer's page (``/training``): set up a session, then run it.

Without a session in the address it shows the set-up (municipality, size, horizon, rounds, the
task, the budgets, the policies teams may use, the ranking criteria, replications for the
bands); "Sessie starten" creates the session and puts its code and the trainer's key in the
address (a reload keeps the session; only an address with the key controls it). With a session
it shows the code, the links for teams and the projector, the teams and their submissions, the
round controls (next round, pause, show or hide results, end, and after the end delete: the
server forgets the session and its runs) and the downloads: summary slides
per team and for the room (PNG, and all in one PDF), every team's runs as CSV, and each
team's plan as a scenario file that ``simulatie run`` plays with the same numbers.

Main component: :func:`TrainerPagina`.
"""

from __future__ import annotations

import html
from dataclasses import replace
from urllib.parse import quote

import pandas as pd
import solara

from simulatie.dashboard import dia, export
from simulatie.dashboard.delen import zoekparameter
from simulatie.dashboard.invoer import GetalInvoer, TekstInvoer
from simulatie.dashboard.kamer import (
    BUDGETTEN,
    CRITERIA,
    REGISTER,
    KamerFout,
    Opzet,
    Trainingssessie,
)
from simulatie.dashboard.keuzes import GROOTTES, beleid_catalogus, gemeente_opties
from simulatie.dashboard.opmaak import nl
from simulatie.dashboard.pagina_plenair import teams_en_runs
from simulatie.dashboard.rangorde import criterium_label, plan_tekst, rangorde
from simulatie.dashboard.tekenen import op_tekendraad
from simulatie.dashboard.volgen import use_versie


@solara.component
def TrainerPagina() -> None:
    """Set-up form, or the control panel of the session in the address."""
    router = solara.use_router()
    code = zoekparameter(router.search, "code")
    sleutel = zoekparameter(router.search, "sleutel")
    solara.Title("Training - trainer")
    if code:
        try:
            sessie = REGISTER.zoek(code)
        except KamerFout as fout:
            with solara.Column(style={"padding": "16px"}):
                solara.Error(str(fout), classes=["dash-melding"])
                solara.Button("Nieuwe sessie", on_click=lambda: router.push("/training"))
            return
        if sleutel != sessie.sleutel:
            with solara.Column(style={"padding": "16px"}):
                solara.Error("Deze link geeft geen toegang tot de trainersbediening. Deelnemers "
                             "gaan naar /team.", classes=["dash-melding"])
            return
        Bediening(sessie)
        return
    Opzetten()


@solara.component
def Opzetten() -> None:
    """The set-up of a new session."""
    router = solara.use_router()
    catalogus = solara.use_memo(beleid_catalogus, [])
    opzet = solara.use_reactive(Opzet(beleid=tuple(b.naam for b in catalogus)))
    rondelengte = solara.use_reactive(24)
    aantal = solara.use_reactive(2)
    melding = solara.use_reactive("")
    o = opzet.value

    def zet(**w) -> None:
        opzet.set(replace(opzet.value, **w))

    def start() -> None:
        starts = tuple(i * rondelengte.value for i in range(aantal.value))
        try:
            sessie = REGISTER.maak(replace(opzet.value, rondes=starts))
        except KamerFout as fout:
            melding.set(str(fout))
            return
        router.push(f"/training?code={quote(sessie.code)}&sleutel={quote(sessie.sleutel)}")

    with solara.Column(gap="8px", style={"padding": "12px", "max-width": "900px"},
                       classes=["dash-opzet"]):
        solara.HTML(tag="h2", unsafe_innerHTML="Nieuwe trainingssessie")
        with solara.Row(gap="12px", style={"flex-wrap": "wrap"}):
            solara.Select("Gemeente", values=gemeente_opties(False), value=o.gemeente,
                          on_value=lambda v: zet(gemeente=v))
            solara.Select("Grootte", values=[g for g in GROOTTES if GROOTTES[g]],
                          value=o.grootte, on_value=lambda v: zet(grootte=v))
            GetalInvoer("Horizon (maanden)", o.maanden, lambda v: zet(maanden=int(v)), 12, 240,
                        classes=["dash-opzet-horizon"])
            GetalInvoer("Aantal rondes", aantal.value, lambda v: aantal.set(int(v)), 1, 5,
                        classes=["dash-opzet-rondes"])
            GetalInvoer("Maanden per ronde", rondelengte.value,
                        lambda v: rondelengte.set(int(v)), 1, 120,
                        classes=["dash-opzet-rondelengte"])
        TekstInvoer("Opdracht voor de teams", o.taak, lambda v: zet(taak=v), 500,
                    classes=["dash-opzet-taak"])
        solara.Text("Budgetten", style={"font-weight": "600"})
        with solara.Row(gap="12px", style={"flex-wrap": "wrap"}):
            for pad, (label, eenheid) in BUDGETTEN.items():
                standaard = -0.03 if pad.endswith("ideel_marge") else None
                huidig = o.budget.get(pad, standaard)
                if huidig is None:
                    from simulatie.kern.parameters import parameter_catalogus

                    rij = next(r for r in parameter_catalogus() if r["pad"] == pad)
                    huidig = float(rij["default"])
                grenzen = (-0.5, 0.5) if pad.endswith("ideel_marge") else (0.0, 100_000.0)
                GetalInvoer(f"{label} ({eenheid})", huidig,
                            lambda v, p=pad: zet(budget={**opzet.value.budget, p: float(v)}),
                            *grenzen, geheel=False)
        solara.Text("Beleid dat teams mogen kiezen", style={"font-weight": "600"})
        with solara.Row(gap="12px", style={"flex-wrap": "wrap"}):
            for info in catalogus:
                solara.Checkbox(label=info.titel, value=info.naam in o.beleid,
                                on_value=lambda v, n=info.naam: zet(beleid=tuple(
                                    b for b in (*opzet.value.beleid, n)
                                    if b != n or v)))
        solara.Text("Criteria voor de rangorde", style={"font-weight": "600"})
        with solara.Row(gap="12px", style={"flex-wrap": "wrap"}):
            for k in CRITERIA:
                solara.Checkbox(label=criterium_label(k), value=k in o.criteria,
                                on_value=lambda v, k=k: zet(criteria=tuple(
                                    c for c in (*opzet.value.criteria, k) if c != k or v)))
        GetalInvoer("Extra runs per plan voor de onzekerheidsband", o.replicaties,
                    lambda v: zet(replicaties=int(v)), 0, 10)
        solara.Button("Sessie starten", color="primary", on_click=start,
                      classes=["dash-start-sessie"])
        if melding.value:
            solara.Error(melding.value, classes=["dash-melding"])


def _csv_alles(sessie: Trainingssessie) -> bytes:
    """Every team's main run and the run without policy, one table (Dutch CSV)."""
    delen = []
    for naam, runs in [("geen beleid", [sessie.referentie.hoofd]),
                       *((t.naam, [t.run.hoofd]) for t in sessie.klaar_teams())]:
        if runs[0] is not None:
            delen.append(runs[0].assign(team=naam))
    tabel = pd.concat(delen, ignore_index=True) if delen else pd.DataFrame()
    return export.csv(tabel)


def dias(sessie: Trainingssessie) -> list:
    """The summary slides: one per team with a result, then the room."""
    teams, referentie = teams_en_runs(sessie)
    tabel = rangorde(dict(teams), sessie.opzet.criteria, referentie)
    titels = {b.naam: b.titel for b in beleid_catalogus()}
    figuren = []
    for _, rij in tabel.iterrows():
        team = sessie.teams[rij["team"]]
        figuren.append(dia.team_dia(rij["team"], rij, sessie.opzet.criteria,
                                    plan_tekst(team.run.plan, sessie.opzet.rondes, titels),
                                    len(tabel), sessie.opzet.taak))
    figuren.append(dia.zaal_dia(tabel, sessie.opzet.criteria, teams, referentie,
                                sessie.opzet.maanden, sessie.opzet.rondes,
                                f"Training {sessie.code}: alle teams"))
    return figuren


@solara.component
def Bediening(sessie: Trainingssessie) -> None:
    """The control panel of a running session."""
    use_versie(sessie, interval=1.0)
    melding = solara.use_reactive("")
    weg = solara.use_reactive(False)
    opzet = sessie.opzet
    if weg.value:
        solara.Info(f"Sessie {sessie.code} is verwijderd: de server is haar gegevens kwijt.",
                    classes=["dash-verwijderd"])
        return

    def verwijder() -> None:
        REGISTER.verwijder(sessie.code)
        weg.set(True)

    def doe(actie) -> None:
        try:
            actie()
            melding.set("")
        except KamerFout as fout:
            melding.set(str(fout))

    with solara.Column(gap="8px", style={"padding": "12px"}, classes=["dash-bediening"]):
        solara.HTML(tag="div", unsafe_innerHTML=(
            f"<span style='font-size:2.4em;font-weight:700' class='dash-code'>{sessie.code}"
            f"</span>&nbsp;&nbsp;Ronde <b class='dash-ronde'>{sessie.ronde + 1}</b> van "
            f"{len(opzet.rondes)} (vanaf maand {opzet.rondes[sessie.ronde]})"
            + (" - <b>gepauzeerd</b>" if sessie.gepauzeerd else "")
            + (" - <b>afgesloten</b>" if sessie.afgesloten else "")))
        solara.Markdown(
            f"Teams: open **/team** op dit adres en vul code **{sessie.code}** in, of gebruik "
            f"[/team?code={sessie.code}](/team?code={sessie.code}). Projector: "
            f"[/plenair?code={sessie.code}](/plenair?code={sessie.code}).")
        with solara.Row(gap="8px", style={"flex-wrap": "wrap"}):
            solara.Button("Volgende ronde", on_click=lambda: doe(sessie.volgende_ronde),
                          color="primary", classes=["dash-volgende-ronde"],
                          disabled=sessie.afgesloten)
            solara.Button("Hervatten" if sessie.gepauzeerd else "Pauzeren",
                          on_click=lambda: doe(lambda: sessie.pauzeer(not sessie.gepauzeerd)),
                          outlined=True, classes=["dash-pauzeer"])
            solara.Button("Resultaten verbergen" if sessie.onthuld else "Resultaten tonen",
                          on_click=lambda: doe(lambda: sessie.onthul(not sessie.onthuld)),
                          outlined=True, classes=["dash-onthul"])
            solara.Button("Sessie afsluiten", on_click=lambda: doe(sessie.sluit_af),
                          outlined=True, classes=["dash-afsluiten"],
                          disabled=sessie.afgesloten)
            solara.Button("Sessie verwijderen", on_click=verwijder, outlined=True,
                          color="error", classes=["dash-verwijder"],
                          disabled=not sessie.afgesloten)
        if melding.value:
            solara.Error(melding.value, classes=["dash-melding"])
        regels = []
        titels = {b.naam: b.titel for b in beleid_catalogus()}
        for t in sessie.teams.values():
            if t.run is None:
                staat = "nog niet ingeleverd"
            elif t.run.fout:
                staat = html.escape(t.run.fout)
            elif t.run.hoofd is None:
                staat = "rekent..."
            else:
                staat = (f"klaar ({len(t.run.replicaties)} extra runs); "
                         + "; ".join(plan_tekst(t.run.plan, opzet.rondes, titels)))
            regels.append(f"<li><b>{html.escape(t.naam)}</b>: {staat}</li>")
        solara.HTML(tag="div", unsafe_innerHTML="<b>Teams</b><ul class='dash-teamlijst'>"
                    + ("".join(regels) or "<li>nog geen teams</li>") + "</ul>")
        capaciteit = sessie.capaciteit()
        if capaciteit is not None and sessie.teams:
            tekst = capaciteitstekst(*capaciteit, len(sessie.teams), opzet.maanden)
            (solara.Warning if capaciteit[1] > WACHTEN_MAX_S else solara.Text)(
                tekst, classes=["dash-capaciteit"])
        with solara.Row(gap="8px", style={"flex-wrap": "wrap"}, classes=["dash-downloads"]):
            solara.FileDownload(lambda: dia.pdf(op_tekendraad(dias, sessie)),
                                filename=f"samenvatting_{sessie.code}.pdf",
                                label="Samenvatting (PDF)", mime_type="application/pdf",
                                icon_name="mdi-file-pdf-box")
            solara.FileDownload(lambda: dia.png(op_tekendraad(dias, sessie)[-1]),
                                filename=f"samenvatting_{sessie.code}_zaal.png",
                                label="Dia van de zaal (PNG)", mime_type="image/png",
                                icon_name="mdi-image-outline")
            for t in sessie.klaar_teams():
                solara.FileDownload(
                    lambda naam=t.naam: dia.png(next(
                        f for f, r in zip(op_tekendraad(dias, sessie), _volgorde(sessie),
                                          strict=False) if r == naam)),
                    filename=export.bestandsnaam("dia", t.naam, extensie="png"),
                    label=f"Dia {t.naam} (PNG)", mime_type="image/png",
                    icon_name="mdi-image-outline")
            for t in sessie.klaar_teams():
                solara.FileDownload(
                    lambda naam=t.naam: sessie.plan_toml(naam).encode("utf-8"),
                    filename=export.bestandsnaam("plan", t.naam, extensie="toml"),
                    label=f"Plan {t.naam} (scenario-bestand)", mime_type="application/toml",
                    icon_name="mdi-file-download-outline")
            solara.FileDownload(lambda: _csv_alles(sessie),
                                filename=f"training_{sessie.code}.csv", label="Alle runs (CSV)",
                                mime_type="text/csv", icon_name="mdi-download")


#: Seconds a room should wait at most for its plans (issue: within 10 s on the projector).
WACHTEN_MAX_S = 10.0


def capaciteitstekst(plan_s: float, alle_s: float, teams: int, maanden: int) -> str:
    """The trainer's view of the server's capacity: one plan, and every team at once."""
    tekst = (f"Rekentijd: een plan van {maanden} maanden kost nu ongeveer {nl(plan_s, 1)} s. "
             f"Leveren alle {teams} teams tegelijk in, dan staat het laatste plan na ongeveer "
             f"{max(1, round(alle_s))} s op het scherm.")
    if alle_s > WACHTEN_MAX_S:
        tekst += (" Dat is meer dan 10 s: kies een kleinere gemeente of een kortere horizon, "
                  "laat de teams na elkaar inleveren, of start de server op een machine met "
                  "meer cores met meer rekenprocessen (simulatie dashboard --rekenprocessen N).")
    return tekst


def _volgorde(sessie: Trainingssessie) -> list[str]:
    """Team names in the order of the slides (by rank)."""
    teams, referentie = teams_en_runs(sessie)
    return list(rangorde(dict(teams), sessie.opzet.criteria, referentie)["team"])
