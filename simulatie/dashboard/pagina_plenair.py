"""The projector page (``/plenair?code=...``): all teams side by side, ranking, replay.

Shows the session code and how to join, which teams have submitted, and - when the trainer
reveals them - the plenary picture (:class:`simulatie.dashboard.plenair.PlenairBeeld`, drawn in
the background so the ranking shows a returned plan at once) with a month slider and a replay
button, and the ranking on the trainer's criteria with the difference against no policy (green
better, red worse, grey uncertain: the band over the seeds includes zero). It re-renders when
the session changes (:func:`~simulatie.dashboard.volgen.use_versie`).

Main component: :func:`PlenairPagina`; :func:`ranglijst_html` is the ranking as HTML.
"""

from __future__ import annotations

import html
import re
import time

import pandas as pd
import solara
import solara.lab

from simulatie.dashboard import dia, verbinding
from simulatie.dashboard.delen import zoekparameter
from simulatie.dashboard.indicatoren import NEUTRAAL, kleur
from simulatie.dashboard.kamer import REGISTER, KamerFout, Trainingssessie
from simulatie.dashboard.opmaak import kolom_getal
from simulatie.dashboard.plenair import PlenairBeeld, teamkleur
from simulatie.dashboard.rangorde import criterium_label, onzeker, rangorde
from simulatie.dashboard.tekenen import op_tekendraad
from simulatie.dashboard.volgen import use_versie


def slug(naam: str) -> str:
    """A CSS-safe form of a team name (for test and style hooks)."""
    return re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-") or "team"


def teams_en_runs(sessie: Trainingssessie) -> tuple[list[tuple[str, list[pd.DataFrame]]],
                                                       list[pd.DataFrame]]:
    """(team name, runs) of every team with a result, and the runs without policy."""
    teams = [(t.naam, [t.run.hoofd, *t.run.replicaties]) for t in sessie.klaar_teams()]
    ref = sessie.referentie
    referentie = [ref.hoofd, *ref.replicaties] if ref.hoofd is not None else []
    return teams, referentie


def ranglijst_html(tabel: pd.DataFrame, criteria: tuple[str, ...], namen: list[str]) -> str:
    """The ranking: per team its rank and per criterion value and difference with no policy."""
    if tabel.empty:
        return "<div>Nog geen resultaten.</div>"
    kop = "<th style='padding:3px 8px'>rang</th><th style='padding:3px 8px'>team</th>" + "".join(
        f"<th style='padding:3px 8px;text-align:right'>{html.escape(criterium_label(k))}</th>"
        for k in criteria)
    regels = [f"<tr style='border-bottom:1px solid #999'>{kop}</tr>"]
    for _, r in tabel.iterrows():
        i = namen.index(r["team"]) if r["team"] in namen else 0
        cellen = [f"<td style='padding:3px 8px;font-weight:700'>{int(r['rang'])}</td>",
                  f"<td style='padding:3px 8px;font-weight:700;color:{teamkleur(i)}'>"
                  f"{html.escape(str(r['team']))}</td>"]
        for k in criteria:
            v = float(r[f"{k}_verschil"])
            twijfel = onzeker(float(r[f"{k}_verschil_laag"]), float(r[f"{k}_verschil_hoog"]),
                              int(r[f"{k}_verschil_n"]))
            kl = NEUTRAAL if twijfel else kleur(k, v)
            verschil = ("" if v != v else f"<br><span style='color:{kl};font-size:0.85em'>"
                        f"{kolom_getal(k, v, True)} t.o.v. geen beleid"
                        f"{' (onzeker)' if twijfel else ''}</span>")
            cellen.append(f"<td style='padding:3px 8px;text-align:right'>"
                          f"{kolom_getal(k, float(r[k]))}{verschil}</td>")
        regels.append(f"<tr class='dash-rang-{slug(str(r['team']))}'>{''.join(cellen)}</tr>")
    return ("<table class='dash-rangorde' style='border-collapse:collapse;font-size:1em'>"
            + "".join(regels) + "</table>")


@solara.component
def PlenairPagina() -> None:
    """The projector page of the session in the address (``?code=``)."""
    router = solara.use_router()
    code = zoekparameter(router.search, "code")
    solara.Title("Training - plenair")
    try:
        sessie = REGISTER.zoek(code)
    except KamerFout as fout:
        with solara.Column(style={"padding": "16px"}):
            solara.Error(f"{fout} Open deze pagina via de link op de trainerspagina.",
                         classes=["dash-melding"])
        return
    Plenair(sessie)


@solara.component
def Plenair(sessie: Trainingssessie) -> None:
    """Everything the projector shows for one session."""
    # The ranking and status: at most one render per 2 s, so a burst of runs coming back is
    # shown once. The picture costs a second or more of the server's CPU to draw: at most one
    # per 5 s for new replications (the first change after a quiet spell at once), but a new
    # plan is drawn at most 2 s after the last draw (it waited up to 5 s: in a slow hour the
    # figure showed the last plan 12-13 s after it was submitted, the ranking 9 s).
    use_versie(sessie, interval=2.0)

    def plannen() -> tuple:  # which plans the picture holds
        return (tuple((t.naam, id(t.run)) for t in sessie.klaar_teams()),
                sessie.referentie.hoofd is not None, sessie.ronde)

    def beeldstand() -> tuple:  # what the picture shows (not, e.g., a team joining)
        return (plannen(), tuple(len(t.run.replicaties) for t in sessie.klaar_teams()),
                len(sessie.referentie.replicaties))

    beeldversie = use_versie(sessie, beeldstand, interval=5.0, dringend=plannen, kort=2.0)
    opzet = sessie.opzet
    tot = solara.use_reactive(opzet.maanden)
    spelen = solara.use_reactive(False)

    context = solara.use_memo(verbinding.huidige_context, [])  # this page's connection

    def speel() -> None:
        if not spelen.value:  # the task also runs when the page opens
            return
        if tot.value >= opzet.maanden:
            tot.set(0)
        # each month drawn costs the server a picture: stop when the projector is gone
        while (spelen.value and tot.value < opzet.maanden and taak.is_current()
               and verbinding.verbonden(context)):
            time.sleep(0.25)
            tot.set(min(opzet.maanden, tot.value + max(1, opzet.maanden // 40)))
        spelen.set(False)

    taak = solara.lab.use_task(speel, dependencies=[spelen.value], prefer_threaded=True)
    teams, referentie = teams_en_runs(sessie)
    namen = list(sessie.teams)

    onthuld = sessie.onthuld
    figuur = solara.use_memo(lambda: PlenairBeeld(opzet.maanden, opzet.rondes, dpi=72), [])

    def beeld() -> tuple[bytes, tuple[str, ...]] | None:
        if not onthuld:  # nothing to draw while the trainer hides the results
            return None
        getekend = teams_en_runs(sessie)  # the latest runs when the drawing starts

        def teken() -> bytes:  # on the drawing thread: one draw of this figure at a time
            return dia.png(figuur.teken(*getekend, tot.value,
                                        f"Ronde {sessie.ronde + 1} - maand {tot.value}"))

        return op_tekendraad(teken), tuple(naam for naam, _ in getekend[0])

    # Drawn in the background: the ranking and the status show a returned plan at once, the
    # picture follows; a newer version supersedes a draw.
    tekening = solara.lab.use_task(beeld, dependencies=[beeldversie, tot.value, onthuld],
                                   prefer_threaded=True)
    png, getekende_teams = tekening.latest or (None, ())
    with solara.Column(gap="8px", style={"padding": "12px"}, classes=["dash-plenair"]):
        with solara.Row(style={"align-items": "baseline", "flex-wrap": "wrap"}, gap="24px"):
            solara.HTML(tag="div", unsafe_innerHTML=(
                f"<span style='font-size:2.2em;font-weight:700' class='dash-code'>"
                f"{sessie.code}</span>"))
            solara.HTML(tag="div", unsafe_innerHTML=(
                f"Doe mee: open <b>/team</b> op dit adres en vul code <b>{sessie.code}</b> in. "
                f"Ronde {sessie.ronde + 1} van {len(opzet.rondes)} (vanaf maand "
                f"{opzet.rondes[sessie.ronde]})"
                + (" - <b>gepauzeerd</b>" if sessie.gepauzeerd else "")
                + (" - <b>afgesloten</b>" if sessie.afgesloten else "")),
                classes=["dash-status"])
        solara.Text(f"Opdracht: {opzet.taak}", style={"font-size": "1.1em"})
        status = []
        for i, t in enumerate(sessie.teams.values()):
            if t.run is None:
                staat = "nog niet ingeleverd"
            elif t.run.fout:
                staat = "plan kon niet"
            elif t.run.hoofd is None:
                staat = "rekent..."
            else:
                staat = f"ingeleverd ronde {len(t.run.plan)}"
            status.append(f"<span style='color:{teamkleur(i)};font-weight:700'>"
                          f"{html.escape(t.naam)}</span>: {staat}")
        solara.HTML(tag="div", unsafe_innerHTML=" · ".join(status) or "Nog geen teams.",
                    classes=["dash-teamstatus"])
        if not sessie.onthuld:
            solara.Info("De trainer toont de resultaten straks.")
            return
        with solara.Row(gap="8px", style={"align-items": "center"}):
            solara.Button("Pauze" if spelen.value else "Afspelen",
                          icon_name="mdi-pause" if spelen.value else "mdi-play",
                          on_click=lambda: spelen.set(not spelen.value),
                          classes=["dash-plenair-afspelen"])
            with solara.Column(style={"min-width": "260px", "flex": "1 1 0"}):
                solara.SliderInt("Tot maand", value=tot, min=0, max=opzet.maanden)
        if png:
            solara.Image(png, width="100%", classes=["dash-plenair-beeld"])
            solara.Text("In de figuur: " + (", ".join(getekende_teams) or "nog geen teams")
                        + ".", classes=["dash-plenair-figuurteams"],
                        style={"font-size": "0.85em", "color": "#555"})
        else:
            solara.Text("De figuur wordt getekend...", classes=["dash-plenair-tekent"])
        tabel = rangorde({n: r for n, r in teams}, opzet.criteria, referentie)
        solara.HTML(tag="div", unsafe_innerHTML=ranglijst_html(tabel, opzet.criteria, namen),
                    classes=["dash-ranglijst"], style="overflow-x:auto")
        solara.Text("Rang: gemiddelde van de rangen per criterium. Grijs en '(onzeker)': het "
                    "verschil met geen beleid heeft niet op elke seed hetzelfde teken.",
                    style={"font-size": "0.85em", "color": "#555"})
