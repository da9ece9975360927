"""Summary slides at the end of a session: one per team and one for the room, PNG and PDF.

A slide is a 16:9 matplotlib figure: the team's plan per round, its results on the trainer's
criteria next to the run without policy (better in green, worse in red, with the word written
out) with the band over the seeds, and its rank. The room slide has the ranking table and the
plenary picture. :func:`pdf` puts all slides in one PDF (matplotlib's PDF backend: no extra
package).

Main functions: :func:`team_dia`, :func:`zaal_dia`, :func:`png`, :func:`pdf`.
"""

from __future__ import annotations

import io

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from simulatie.dashboard.indicatoren import kleur, oordeel
from simulatie.dashboard.opmaak import kolom_getal
from simulatie.dashboard.plenair import teken_plenair
from simulatie.dashboard.rangorde import GESOMD, criterium_label, onzeker

BREED, HOOG = 13.33, 7.5


def team_dia(team: str, rij: pd.Series, criteria: tuple[str, ...], plan: list[str],
             aantal_teams: int, taak: str = "") -> Figure:
    """The slide of one team.

    Args:
        team: Team name.
        rij: The team's row of :func:`simulatie.dashboard.rangorde.rangorde`.
        criteria: The trainer's criteria.
        plan: Lines of :func:`simulatie.dashboard.rangorde.plan_tekst`.
        aantal_teams: Number of teams (for "rang 2 van 5").
        taak: The task.
    """
    fig = Figure(figsize=(BREED, HOOG), dpi=100)
    FigureCanvasAgg(fig)
    fig.text(0.04, 0.92, f"Team {team}", fontsize=28, weight="bold")
    fig.text(0.96, 0.92, f"rang {int(rij['rang'])} van {aantal_teams}", fontsize=22,
             ha="right")
    if taak:
        fig.text(0.04, 0.86, f"Opdracht: {taak}", fontsize=12, color="#444444", wrap=True)
    y = 0.78
    fig.text(0.04, y, "Plan", fontsize=15, weight="bold")
    for regel in plan:
        y -= 0.045
        fig.text(0.06, y, regel, fontsize=12.5)
    y -= 0.08
    fig.text(0.04, y, "Resultaat", fontsize=15, weight="bold")
    fig.text(0.52, y, "t.o.v. geen beleid", fontsize=11, color="#555555")
    fig.text(0.73, y, "band over de seeds", fontsize=11, color="#555555")
    for k in criteria:
        y -= 0.055
        verschil = float(rij.get(f"{k}_verschil", float("nan")))
        fig.text(0.06, y, criterium_label(k), fontsize=12.5)
        fig.text(0.40, y, kolom_getal(k, float(rij[k])), fontsize=12.5, weight="bold")
        if verschil == verschil:
            twijfel = onzeker(float(rij[f"{k}_verschil_laag"]), float(rij[f"{k}_verschil_hoog"]),
                              int(rij[f"{k}_verschil_n"]))
            woord = {"beter": "beter", "slechter": "slechter", "neutraal": ""}[
                oordeel(k, verschil)]
            if twijfel:
                woord = (woord + ", onzeker").strip(", ")
            fig.text(0.52, y, f"{kolom_getal(k, verschil, True)} {woord}".strip(), fontsize=12.5,
                     color="#777777" if twijfel else kleur(k, verschil))
        laag, hoog = float(rij[f"{k}_laag"]), float(rij[f"{k}_hoog"])
        fig.text(0.73, y, f"{kolom_getal(k, laag)} tot {kolom_getal(k, hoog)}", fontsize=12,
                 color="#444444")
    fig.text(0.04, 0.04, "Saldo's en kosten tellen over de hele looptijd, de andere criteria "
             "aan het eind. 'Onzeker': het verschil met geen beleid heeft niet op elke seed "
             "hetzelfde teken (grijs).", fontsize=10, color="#666666")
    return fig


def zaal_dia(tabel: pd.DataFrame, criteria: tuple[str, ...], teams: list, referentie: list,
             horizon: int, starts: tuple[int, ...], titel: str) -> Figure:
    """The room's slide: the ranking and the plenary picture."""
    fig = Figure(figsize=(BREED, HOOG), dpi=100)
    FigureCanvasAgg(fig)
    fig.text(0.03, 0.94, titel, fontsize=22, weight="bold")
    kop = ["rang", "team", *(criterium_label(k).split(" (")[0] for k in criteria)]
    cellen = [[str(int(r["rang"])), str(r["team"]),
               *(kolom_getal(k, float(r[k])) for k in criteria)] for _, r in tabel.iterrows()]
    ax = fig.add_axes((0.03, 0.52, 0.94, 0.38))
    ax.axis("off")
    if cellen:
        t = ax.table(cellText=cellen, colLabels=kop, loc="upper left", cellLoc="left")
        t.auto_set_font_size(False)
        t.set_fontsize(10)
        t.scale(1, 1.4)
    plaatje = teken_plenair(teams, referentie, horizon, starts=starts, breedte=BREED, dpi=100)
    buffer = io.BytesIO()
    plaatje.savefig(buffer, format="png", dpi=100)
    import matplotlib.image as mpimg

    beeld = mpimg.imread(io.BytesIO(buffer.getvalue()), format="png")
    ax2 = fig.add_axes((0.0, 0.0, 1.0, 0.5))
    ax2.imshow(beeld)
    ax2.axis("off")
    return fig


def png(fig: Figure) -> bytes:
    """A slide as PNG."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()


def pdf(figuren: list[Figure]) -> bytes:
    """All slides in one PDF, one page each."""
    buffer = io.BytesIO()
    with PdfPages(buffer) as doc:
        for fig in figuren:
            doc.savefig(fig)
    return buffer.getvalue()


__all__ = ["GESOMD", "pdf", "png", "team_dia", "zaal_dia"]
