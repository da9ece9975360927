"""A team's page (``/team``): join with the session code, choose policies, see the cost, submit.

Without a code and name in the address it asks for both (Dutch messages for an unknown code or
a bad name); after joining they go into the address, so a reload rejoins the same team. A
joined team sees the task and the budgets, the policies the trainer allows (with their main
settings), policies from earlier rounds locked, an estimate of what the choice costs in the
first year of the round (run in the pool on request), and a button to submit.

Main component: :func:`TeamPagina`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import solara

from simulatie.dashboard.bediening import BeleidSchakelaar
from simulatie.dashboard.begroting import begroting
from simulatie.dashboard.delen import zoekparameter
from simulatie.dashboard.indicatoren import BETER, SLECHTER
from simulatie.dashboard.invoer import TekstInvoer
from simulatie.dashboard.kamer import (
    BUDGETTEN,
    NAAM_MAX,
    REGISTER,
    KamerFout,
    Team,
    Trainingssessie,
    Wachttijd,
)
from simulatie.dashboard.keuzes import BeleidInfo, beleid_catalogus
from simulatie.dashboard.opmaak import euro_mln, nl
from simulatie.dashboard.rangorde import criterium_label, rangorde
from simulatie.dashboard.volgen import use_versie


@solara.component
def TeamPagina() -> None:
    """Join form, or the team's page when code and name are in the address."""
    router = solara.use_router()
    code = zoekparameter(router.search, "code")
    naam = zoekparameter(router.search, "team")
    solara.Title("Training - team")
    sessie, team, fout = None, None, ""
    if code and naam:
        try:
            sessie = REGISTER.zoek(code)
            team = sessie.meld_aan(naam)
        except KamerFout as e:
            fout = str(e)
    if sessie is None or team is None:
        Aanmelden(code, naam, fout)
        return
    TeamWerk(sessie, team)


@solara.component
def Aanmelden(code: str, naam: str, fout: str) -> None:
    """Session code and team name."""
    router = solara.use_router()
    c = solara.use_reactive(code)
    n = solara.use_reactive(naam)
    melding = solara.use_reactive(fout)

    def doe_mee() -> None:
        try:
            sessie = REGISTER.zoek(c.value)
            team = sessie.meld_aan(n.value)
        except KamerFout as e:
            melding.set(str(e))
            return
        router.push(f"/team?code={quote(sessie.code)}&team={quote(team.naam)}")

    with solara.Card("Meedoen aan een training", style={"max-width": "480px", "margin": "16px"}):
        TekstInvoer("Sessiecode", c.value, c.set, 20, classes=["dash-code-invoer"])
        TekstInvoer("Teamnaam", n.value, n.set, NAAM_MAX, classes=["dash-team-invoer"])
        solara.Button("Meedoen", color="primary", on_click=doe_mee, classes=["dash-meedoen"])
        if melding.value:
            solara.Error(melding.value, classes=["dash-melding"])


def _schatting_html(sessie: Trainingssessie, team: Team) -> str:
    """The estimate: spending and balance per budget in the first year of the round."""
    s = team.schatting
    if s is None:
        return "Klik op 'Kosten schatten' om te zien wat deze keuze het eerste jaar kost."
    if s == "bezig":
        return "Schatting wordt berekend..."
    if isinstance(s, str):
        return html.escape(s)
    _, ts = s
    ref = sessie.referentie.hoofd
    if ref is None:
        return "De run zonder beleid wordt nog berekend..."
    jaar = sessie.opzet.rondes[sessie.ronde] // 12 + 1
    eigen = begroting(ts)
    zonder = begroting(ref[ref["maand"] <= ts["maand"].max()])
    eigen, zonder = eigen[eigen["jaar"] == jaar], zonder[zonder["jaar"] == jaar]
    regels = ["<tr><th style='text-align:left;padding:2px 8px'>budget (jaar "
              f"{jaar})</th><th style='padding:2px 8px'>lasten met dit plan</th>"
              "<th style='padding:2px 8px'>verschil met geen beleid</th>"
              "<th style='padding:2px 8px'>saldo</th></tr>"]
    for (_, r), (_, z) in zip(eigen.iterrows(), zonder.iterrows(), strict=True):
        verschil = r["lasten"] - z["lasten"]
        kl = SLECHTER if verschil > 0 else BETER
        saldo_kl = BETER if r["saldo"] >= 0 else SLECHTER
        regels.append(
            f"<tr><td style='padding:2px 8px'>{html.escape(r['post'])}</td>"
            f"<td style='text-align:right;padding:2px 8px'>{euro_mln(r['lasten'])}</td>"
            f"<td style='text-align:right;padding:2px 8px;color:{kl}'>"
            f"{'+' if verschil > 0 else ''}{euro_mln(verschil)}</td>"
            f"<td style='text-align:right;padding:2px 8px;color:{saldo_kl}'>"
            f"{'+' if r['saldo'] > 0 else ''}{euro_mln(r['saldo'])}</td></tr>")
    return ("<table class='dash-schatting' style='border-collapse:collapse;font-size:0.9em'>"
            + "".join(regels) + "</table><div style='font-size:0.8em;color:#666'>Eén run op "
            "de seed van de training; de uitkomst na inleveren kan anders uitvallen.</div>")


@solara.component
def TeamWerk(sessie: Trainingssessie, team: Team) -> None:
    """The team's choice for the current round, its cost estimate and the submit button."""
    def stand() -> tuple:
        run = team.run
        return (sessie.ronde, sessie.gepauzeerd, sessie.afgesloten, id(team.schatting),
                id(run), run is not None and run.hoofd is not None,
                sessie.referentie.hoofd is not None)

    versie = use_versie(sessie, stand)  # only what this page shows: not every other team
    opzet = sessie.opzet
    catalogus = [b for b in beleid_catalogus() if b.naam in opzet.beleid]
    vast = team.keuzes[sessie.ronde - 1] if sessie.ronde and team.keuzes else {}
    # The choice of this round, written by each policy's own component (TeamBeleid): a click
    # re-renders that policy only, not the page. A new round starts from the policies running.
    keuze = solara.use_memo(lambda: {n: dict(v) for n, v in vast.items()}, [sessie.ronde])
    melding = solara.use_reactive("")
    bericht = solara.use_reactive("")
    _ = versie

    solara.use_effect(lambda: bericht.set(""), [sessie.ronde])

    def beleid() -> dict[str, dict[str, Any]]:
        return {n: {k: v for k, v in inst.items() if k != "actief"}
                for n, inst in keuze.items() if inst.get("actief", True)}

    def schat() -> None:
        try:
            sessie.schat(team.naam, beleid())
            melding.set("")
        except KamerFout as e:
            melding.set(str(e))

    def lever_in() -> None:
        try:
            sessie.lever_in(team.naam, beleid())
        except KamerFout as e:
            melding.set(str(e))
            return
        melding.set("")
        bericht.set(f"Ingeleverd voor ronde {sessie.ronde + 1}. Het resultaat verschijnt op "
                    "het plenaire scherm.")

    with solara.Column(gap="8px", style={"padding": "12px", "max-width": "980px"},
                       classes=["dash-teampagina"]):
        solara.HTML(tag="h3", unsafe_innerHTML=(
            f"Team {html.escape(team.naam)} - sessie {sessie.code} - ronde "
            f"{sessie.ronde + 1} van {len(opzet.rondes)} (vanaf maand "
            f"{opzet.rondes[sessie.ronde]})"), classes=["dash-teamkop"])
        solara.Markdown(f"**Opdracht:** {opzet.taak}")
        budgetten = [f"{BUDGETTEN[p][0]}: {nl(w, 2 if abs(w) < 10 else 0)} "
                     f"({BUDGETTEN[p][1]})" for p, w in opzet.budget.items() if p in BUDGETTEN]
        if budgetten:
            solara.Text("Budgetten: " + "; ".join(budgetten),
                        style={"font-size": "0.9em", "color": "#444"})
        if sessie.afgesloten:
            solara.Info("De trainer heeft de sessie afgesloten. Bedankt!")
        elif sessie.gepauzeerd:
            solara.Warning("De trainer heeft de ronde gepauzeerd.")
        with solara.Row(gap="16px", style={"flex-wrap": "wrap", "align-items": "flex-start"}):
            with solara.Card("Beleid", margin=0, style={"min-width": "300px", "flex": "1 1 0"}):
                for info in catalogus:
                    if info.naam in vast:
                        solara.Text(f"{info.titel}: aan sinds een eerdere ronde. Uitzetten of "
                                    "bijstellen kan: het stopt dan aan het begin van deze ronde "
                                    "(bijstellen begint het opnieuw, met de nieuwe instellingen).",
                                    classes=[f"dash-vast-{info.naam}"],
                                    style={"font-size": "0.9em", "color": "#444"})
                    TeamBeleid(info, keuze, lambda: bericht.set("")).key(
                        f"{info.naam}-{sessie.ronde}")
            with solara.Card("Wat kost het?", margin=0,
                             style={"min-width": "300px", "flex": "1 1 0"}):
                solara.HTML(tag="div", unsafe_innerHTML=_schatting_html(sessie, team),
                            classes=["dash-schatting-blok"])
                with solara.Row(gap="8px"):
                    solara.Button("Kosten schatten", on_click=schat, outlined=True,
                                  classes=["dash-schat"])
                    solara.Button("Inleveren", color="primary", on_click=lever_in,
                                  disabled=sessie.gepauzeerd or sessie.afgesloten,
                                  classes=["dash-inleveren"])
                if melding.value:
                    solara.Error(melding.value, classes=["dash-melding"])
                if bericht.value:
                    solara.Success(bericht.value, classes=["dash-bericht"])
        # The run's state as a prop: a component whose props are unchanged is not re-rendered
        EigenResultaat(sessie, team, stand())


@solara.component
def TeamBeleid(info: BeleidInfo, keuze: dict[str, dict[str, Any]],
               gewijzigd: Callable[[], None]) -> None:
    """One policy on the team page, with its own state.

    Args:
        info: The policy.
        keuze: The team's choice of this round (policy -> settings), updated in place.
        gewijzigd: Called after every change (clears the "submitted" message).
    """
    inst = solara.use_reactive(dict(keuze.get(info.naam, {"actief": False})))

    def wijzig(**waarden: Any) -> None:
        nieuw = {**inst.value, **waarden}
        keuze[info.naam] = nieuw
        inst.set(nieuw)
        gewijzigd()

    BeleidSchakelaar(info, {**info.standaard(), **inst.value}, wijzig)


def wachttekst(wacht: Wachttijd | None) -> str:
    """What a team reads while its plan computes: its place in the queue and the time left."""
    if wacht is None:
        return "Uw plan wordt doorgerekend..."
    tijd = f"klaar over ongeveer {max(1, round(wacht.seconden))} s"
    if wacht.voor == 0:
        return f"Uw plan wordt nu doorgerekend ({tijd})."
    wat = "berekening gaat" if wacht.voor == 1 else "berekeningen gaan"
    return f"Uw plan wordt doorgerekend: {wacht.voor} {wat} voor ({tijd})."


@solara.component
def EigenResultaat(sessie: Trainingssessie, team: Team, stand: tuple = ()) -> None:
    """The team's latest result on the trainer's criteria, next to no policy.

    Args:
        sessie: The session.
        team: The team.
        stand: What the result depends on (the run and whether it is back); re-renders when
            it changes.
    """
    _ = stand
    run = team.run
    if run is None:
        return
    if run.fout:
        solara.Error(run.fout, classes=["dash-melding"])
        return
    if run.hoofd is None:
        solara.Text(wachttekst(sessie.wachttijd(team.naam)), classes=["dash-rekent"])
        return
    ref = sessie.referentie
    referentie = [ref.hoofd, *ref.replicaties] if ref.hoofd is not None else []
    tabel = rangorde({team.naam: [run.hoofd, *run.replicaties]}, sessie.opzet.criteria,
                     referentie)
    rij = tabel.iloc[0]
    regels = [f"<li>{html.escape(criterium_label(k))}: {nl(float(rij[k]), 2)}"
              + (f" (verschil met geen beleid {nl(float(rij[f'{k}_verschil']), 2)})"
                 if rij[f"{k}_verschil"] == rij[f"{k}_verschil"] else "") + "</li>"
              for k in sessie.opzet.criteria]
    solara.HTML(tag="div", unsafe_innerHTML="<b>Uw resultaat (hele looptijd)</b><ul>"
                + "".join(regels) + "</ul>", classes=["dash-eigen-resultaat"])
