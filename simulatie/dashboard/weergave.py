"""The views of the main area: key figures, charts with export buttons, comparison, explanations.

Main components: :func:`Kerncijfers`, :func:`GrafiekPaneel`, :func:`VergelijkPaneel` and
:func:`Uitleg`. Charts are drawn by a live tekenaar kept per session (see
:mod:`simulatie.dashboard.tekenen`) and shown as PNG; the download buttons compute their bytes
only when clicked.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from typing import Any

import pandas as pd
import solara

from simulatie.dashboard import export, live
from simulatie.dashboard.begroting import begroting, begroting_html
from simulatie.dashboard.grafieken import GRAFIEKEN, Grafiek, balans
from simulatie.dashboard.indicatoren import BETER, NEUTRAAL, SLECHTER, label
from simulatie.dashboard.keuzes import BeleidInfo, Keuzes, onzekerheden
from simulatie.dashboard.opmaak import nl
from simulatie.dashboard.sessie import Sessie
from simulatie.dashboard.tekenen import op_tekendraad

log = logging.getLogger(__name__)

_KLEIN = {"font-size": "0.85em", "color": "#555"}
_KAART = ("min-width:150px;padding:6px 12px;border-radius:4px;background:white;"
          "box-shadow:0 1px 3px rgba(0,0,0,0.25)")
#: Seconds without a new month before the balance table and summary are computed.
_RUST_S = 0.6


def _euro(x: float) -> str:
    from simulatie.dashboard.opmaak import euro_mln

    return euro_mln(x)


def kerncijfers(sessie: Sessie, variant: str) -> dict[str, tuple[str, str]]:
    """The headline numbers of one variant at the current month.

    Returns:
        Key -> (Dutch label, formatted value); flows and costs are summed since the start.
    """
    rijen = sessie.rijen(variant)  # plain dicts: a DataFrame per month costs more than this
    laatste = rijen[-1]
    uitstroom = sum(r["uitstroom_naar_werk"] for r in rijen if r["maand"] > 0)
    kosten = sum(r["kosten_totaal"] for r in rijen if r["maand"] > 0)
    saldo = sum(r["saldo_ideel"] for r in rijen if r["maand"] > 0)
    return {
        "bijstand": ("Bijstand", nl(laatste["bijstand"])),
        "trede1": ("Trede 1 (geïsoleerd)", nl(laatste["trede_1"])),
        "buitenbeeld": ("Buiten beeld (sinds start)", nl(laatste["buiten_beeld"])),
        "uitstroom": ("Uitstroom naar werk (sinds start)", nl(uitstroom)),
        "gemiddelde": ("Gemiddelde trede", nl(laatste["gemiddelde_trede"], 2)),
        "wmo-clienten": ("Wmo-cliënten", nl(laatste["wmo_clienten"])),
        "kosten": ("Kosten (sinds start)", _euro(kosten)),
        "saldo-ideel": ("Saldo I-deel (sinds start)", ("+" if saldo > 0 else "")
                        + _euro(saldo)),
    }


def _kerncijfers_html(sessie: Sessie, variant: str) -> str:
    """One row of headline numbers of one variant as HTML."""
    kaarten = "".join(
        f"<div style='{_KAART}'><div style='font-size:0.8em;color:#555'>{label}</div>"
        f"<div class='text-h6 dash-kc-{sleutel}'>{waarde}</div></div>"
        for sleutel, (label, waarde) in kerncijfers(sessie, variant).items())
    letter = (f"<div class='text-h5' style='width:1.5em'>{variant}</div>"
              if len(sessie.varianten) > 1 else "")
    return letter + kaarten


@solara.component
def Kerncijfers(sessie: Sessie, opbouw: int) -> None:
    """One row of headline numbers per running variant (one HTML element per row)."""
    for variant in sessie.varianten:
        KerncijferRij(sessie, opbouw, variant)


@solara.component
def KerncijferRij(sessie: Sessie, opbouw: int, variant: str) -> None:
    """The headline numbers of one variant, updated every month."""
    live.use_live(
        sessie, lambda: [live.html([f"dash-kerncijfers-{variant}"],
                                   "display:flex;flex-wrap:wrap;gap:8px;align-items:stretch")],
        lambda: [{"unsafe_innerHTML": _kerncijfers_html(sessie, variant)}], [opbouw, variant])


def _laatste_waarden(tabel: pd.DataFrame) -> str:
    """The last row of a chart's table as text (what the chart shows now)."""
    if tabel.empty:
        return ""
    rij = tabel.iloc[-1]
    delen = []
    for k, v in rij.items():
        if k in ("verschil_laag", "verschil_hoog"):
            continue
        naam = label(str(k)).lower() if k != "maand" else "maand"
        if isinstance(v, float | int) and not isinstance(v, bool):
            if v != v:  # NaN: no value this month
                continue
            geheel = float(v).is_integer() or abs(float(v)) >= 100
            delen.append(f"{naam}: {nl(float(v), 0 if geheel else 2)}")
        else:
            delen.append(f"{naam}: {v}")
    return " · ".join(delen)


@solara.component
def GrafiekPaneel(grafiek: Grafiek, sessie: Sessie, variant: str,
                  tekenaars: dict[tuple, Any], kop: str, horizon: int,
                  varianten_tekst: str = "", bestand_extra: str = "") -> None:
    """One chart with its option selector, PNG and CSV download and current values.

    Only the :func:`Beeld` inside changes when the month changes. ``varianten_tekst`` (which
    policies A and B have) goes into the exported PNG's title; ``bestand_extra`` into the
    file names.
    """
    optie = solara.use_reactive(grafiek.standaard_optie())
    sleutel = (grafiek.sleutel, optie.value, variant)
    if sleutel not in tekenaars:
        tekenaars[sleutel] = grafiek.tekenaar(optie.value, True)

    def als_png() -> bytes:
        tabel = grafiek.data(sessie, variant, optie.value)

        def teken() -> bytes:
            tekst = f"{kop}, maand {sessie.maand}" + (f"\n{varianten_tekst}"
                                                       if varianten_tekst else "")
            return export.png(grafiek.tekenaar(optie.value, False).teken(tabel, tekst, horizon))

        return op_tekendraad(teken)

    def als_csv() -> bytes:
        return export.csv(grafiek.data(sessie, variant, optie.value))

    def als_csv_punt() -> bytes:
        return export.csv(grafiek.data(sessie, variant, optie.value), nederlands=False)

    stam = (grafiek.sleutel, optie.value, variant if grafiek.sleutel != "vergelijking" else "",
            bestand_extra)
    with solara.Column(gap="4px", classes=[f"dash-grafiek-{grafiek.sleutel}"]):
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            if grafiek.opties:
                with solara.Column(style={"min-width": "320px"}):
                    solara.Select(grafiek.optie_label, values=list(grafiek.opties.values()),
                                  value=grafiek.opties[optie.value],
                                  on_value=lambda label: optie.set(next(
                                      k for k, v in grafiek.opties.items() if v == label)))
            solara.FileDownload(als_png, filename=export.bestandsnaam(*stam, extensie="png"),
                                label="PNG", mime_type="image/png",
                                icon_name="mdi-image-outline")
            solara.FileDownload(als_csv, filename=export.bestandsnaam(*stam, extensie="csv"),
                                label="CSV (Excel NL)", mime_type="text/csv",
                                icon_name="mdi-download")
            solara.FileDownload(als_csv_punt,
                                filename=export.bestandsnaam(*stam, "punt", extensie="csv"),
                                label="CSV (punt)", mime_type="text/csv",
                                icon_name="mdi-download")
        Beeld(grafiek, sessie, variant, optie.value, tekenaars[sleutel], kop, horizon)
        if grafiek.uitleg:
            solara.Text(grafiek.uitleg, style=_KLEIN)
        if grafiek.sleutel == "begroting":
            BegrotingTabel(sessie, variant, bestand_extra)


@solara.component
def BegrotingTabel(sessie: Sessie, variant: str, bestand_extra: str = "") -> None:
    """The yearly begroting under the balance chart, updated every month."""
    def nu() -> list[dict[str, Any]]:
        return [{"unsafe_innerHTML": begroting_html(begroting(sessie.tijdreeks(variant)))}]

    live.use_live(sessie, lambda: [live.html(["dash-begroting-tabel"],
                                             "overflow-x:auto;max-width:100%")],
                  nu, [sessie.opbouw, variant])
    solara.FileDownload(lambda: export.csv(begroting(sessie.tijdreeks(variant))),
                        filename=export.bestandsnaam("begroting", variant, bestand_extra,
                                                     extensie="csv"),
                        label="Begroting (CSV)", mime_type="text/csv",
                        icon_name="mdi-download")


@solara.component
def Beeld(grafiek: Grafiek, sessie: Sessie, variant: str, optie: str, tekenaar: Any, kop: str,
          horizon: int) -> None:
    """The chart image of the current month and the values it shows (text).

    Rendered once per chart; every month after that sets the new picture on the image widget
    (:func:`~simulatie.dashboard.live.use_live`). Every build of the session, option and
    variant has a new tekenaar, and with it new widgets.
    """

    def teken() -> tuple[bytes, str]:
        tabel = grafiek.data(sessie, variant, optie)
        tekenaar.teken(tabel, kop, horizon)  # the month is in the page, not in the live title
        return tekenaar.png(), _laatste_waarden(tabel) if grafiek.sleutel != "wijken" else ""

    def nu() -> list[dict[str, Any]]:
        png, waarden = op_tekendraad(teken)
        return [{"value": png}, {"children": [waarden]}]

    live.use_live(sessie, lambda: [live.beeld(["dash-beeld"]), live.tekst(
        ["dash-waarden"], "font-size:0.75em;color:#777")], nu, [tekenaar, kop, horizon])


def _beleid_tekst(keuzes: Keuzes, variant: str, catalogus: list[BeleidInfo]) -> str:
    """The active policies of a variant in words ("geen beleid" when none)."""
    titels = {b.naam: b.titel for b in catalogus}
    actief = [titels.get(n, n) for n, inst in keuzes.beleid(variant).items()
              if inst.get("actief")]
    return ", ".join(actief) if actief else "geen beleid (verkokerde gemeente)"


def varianten_tekst(keuzes: Keuzes, catalogus: list[BeleidInfo]) -> str:
    """``A: ...; B: ...`` for titles of exported comparison charts."""
    return (f"A: {_beleid_tekst(keuzes, 'A', catalogus)}; "
            f"B: {_beleid_tekst(keuzes, 'B', catalogus)}")


def varianten_bestand(keuzes: Keuzes, catalogus: list[BeleidInfo]) -> str:
    """Short policy names of A and B for file names (``A-geen_B-work_first``)."""
    def kort(variant: str) -> str:
        namen = [n for n, inst in keuzes.beleid(variant).items() if inst.get("actief")]
        return "+".join(namen) if namen else "geen"

    return f"A-{kort('A')}_B-{kort('B')}"


def samenvatting(sessie: Sessie, naam: str, naam_a: str = "variant A") -> str:
    """The Dutch summary of B against A (:func:`simulatie.experiment.samenvatting.samenvat`).

    Args:
        sessie: The session.
        naam: Name of variant B with its policies.
        naam_a: What A is ("variant A (geen beleid)"): the summary never calls A "de basis".
    """
    if sessie.maand < 1:
        return "Laat de simulatie een paar maanden lopen voor een samenvatting."
    try:
        from simulatie.experiment.samenvatting import samenvat
    except ImportError:
        samenvat = None
    if samenvat is not None:
        try:
            return samenvat(naam, sessie.tijdreeks("A"), sessie.tijdreeks("B"),
                            basisnaam=naam_a)
        except Exception:  # noqa: BLE001 - the dashboard must keep running during a session
            log.exception("samenvat failed; falling back to the short summary")
    b = balans(sessie).set_index("indicator")
    kosten = b.iloc[0]["verschil"]
    bijstand = b.iloc[1]["verschil"]
    return (f"{naam}: na {sessie.maand} maanden zijn de totale kosten "
            f"{_euro(abs(kosten))} {'hoger' if kosten > 0 else 'lager'} en is het "
            f"bijstandsbestand {nl(abs(bijstand))} personen "
            f"{'groter' if bijstand > 0 else 'kleiner'} dan in variant A.")


@solara.component
def VergelijkPaneel(sessie: Sessie, spelen: solara.Reactive[bool], keuzes: Keuzes,
                    catalogus: list[BeleidInfo], tekenaars: dict[tuple, Any],
                    kop: str) -> None:
    """Comparison: both series and their difference, the balance table and the summary.

    The balance table and the summary (:func:`Balans`) are computed when the simulation stands
    still: they are read, not watched, and leaving them out keeps the months flowing.
    """
    tekst_a = _beleid_tekst(keuzes, "A", catalogus)
    tekst_b = _beleid_tekst(keuzes, "B", catalogus)
    solara.HTML(tag="div", unsafe_innerHTML=(
        f"<b>A</b>: {html.escape(tekst_a)}<br><b>B</b>: {html.escape(tekst_b)}<br>Zelfde "
        f"gemeente en seed ({keuzes.seed}): verschillen komen door het beleid en het toeval "
        "dat het beleid anders laat lopen."))
    GrafiekPaneel(GRAFIEKEN["vergelijking"], sessie, "AB", tekenaars, kop, keuzes.maanden,
                  varianten_tekst(keuzes, catalogus), varianten_bestand(keuzes, catalogus))
    Balans(sessie, spelen, tekst_a, tekst_b, varianten_bestand(keuzes, catalogus))


@solara.component
def Balans(sessie: Sessie, spelen: solara.Reactive[bool], tekst_a: str, tekst_b: str,
           bestand: str = "") -> None:
    """The balance table and the summary of the current month.

    A watcher thread of this session computes them once no new month has come for
    :data:`_RUST_S` seconds and the simulation is paused, so stepping and playing never wait
    for them (they are read, not watched).
    """
    uitkomst = solara.use_reactive(None)

    def bewaak(stop: threading.Event) -> None:
        gezien, laatste, sinds = None, None, time.monotonic()
        while not stop.wait(0.2):
            stand = (sessie.opbouw, sessie.maand)
            if stand != laatste:
                laatste, sinds = stand, time.monotonic()
                continue
            if stand != gezien and not spelen.peek() and time.monotonic() - sinds >= _RUST_S:
                uitkomst.set((sessie.maand, balans(sessie),
                              samenvatting(sessie, f"Variant B ({tekst_b})",
                                           f"variant A ({tekst_a})")))
                gezien = stand

    solara.use_thread(bewaak, dependencies=[tekst_a, tekst_b], intrusive_cancel=False)
    if uitkomst.value is None:
        solara.HTML(tag="h4", unsafe_innerHTML="Wat kost het, wat levert het op?")
        solara.Text("Tabel en samenvatting verschijnen als de simulatie even stilstaat.",
                    style=_KLEIN)
        return
    maand, tabel, tekst = uitkomst.value
    solara.HTML(tag="h4", unsafe_innerHTML=f"Wat kost het, wat levert het op? (maand {maand})")
    solara.HTML(tag="div", unsafe_innerHTML=_html_tabel(tabel), classes=["dash-balans"])
    solara.FileDownload(lambda: export.csv(balans(sessie)),
                        filename=export.bestandsnaam("balans", bestand or "A_B", extensie="csv"),
                        label="CSV (Excel NL)", mime_type="text/csv", icon_name="mdi-download")
    solara.HTML(tag="h4", unsafe_innerHTML="Samenvatting")
    solara.Text(tekst, classes=["dash-samenvatting"])


def _html_tabel(tabel: pd.DataFrame) -> str:
    """The balance table as HTML: Dutch numbers, the difference coloured by its judgement.

    Green is better and red is worse for the municipality (direction declared with the
    outputs); grey is uncertain (the band over the seeds includes zero) or has no direction.
    The judgement is also written out, so colour is never the only signal.
    """
    kleuren = {"beter": BETER, "slechter": SLECHTER, "onzeker": NEUTRAAL, "neutraal": "#333"}
    kop = ("<tr><th style='text-align:left;padding:2px 10px'>indicator</th>"
           + "".join(f"<th style='text-align:right;padding:2px 10px'>{k}</th>"
                     for k in ("A", "B", "verschil B - A", "band over seeds", "oordeel"))
           + "</tr>")
    rijen = []

    def getal(w: float) -> str:
        return nl(w, 0 if abs(w) >= 100 or float(w).is_integer() else 2)

    for _, rij in tabel.iterrows():
        kleur = kleuren.get(str(rij["oordeel"]), "#333")
        band = ("-" if rij["laag"] != rij["laag"]
                else f"{getal(float(rij['laag']))} tot {getal(float(rij['hoog']))}")
        cellen = [f"<td style='padding:2px 10px'>{html.escape(str(rij['indicator']))}</td>",
                  *(f"<td style='text-align:right;padding:2px 10px'>{getal(float(rij[k]))}"
                    "</td>" for k in ("A", "B")),
                  f"<td style='text-align:right;padding:2px 10px;color:{kleur};"
                  f"font-weight:600'>{getal(float(rij['verschil']))}</td>",
                  f"<td style='text-align:right;padding:2px 10px;color:#555'>{band}</td>",
                  f"<td style='text-align:right;padding:2px 10px;color:{kleur}'>"
                  f"{html.escape(str(rij['oordeel']))}</td>"]
        rijen.append("<tr>" + "".join(cellen) + "</tr>")
    return ("<table style='border-collapse:collapse;font-size:0.9em'>" + kop
            + "".join(rijen) + "</table>")


@solara.component
def Uitleg(catalogus: list[BeleidInfo]) -> None:
    """Plain-Dutch explanation per policy (mechanism and source) and of the uncertainties."""
    solara.Markdown(
        "De simulatie volgt iedere inwoner van een synthetische gemeente maand voor maand: "
        "levensgebeurtenissen, melden bij het loket, begeleiding door klantmanagers en "
        "Wmo-consulenten, stappen op de participatieladder, werk vinden en de kosten per "
        "begrotingspost. Beleid grijpt in op die stappen. Dezelfde seed geeft precies "
        "dezelfde uitkomst; zet in de vergelijking twee varianten naast elkaar op dezelfde "
        "seed om te zien wat beleid kost en wat het oplevert.")
    if not catalogus:
        solara.Text("Er is nog geen beleid geregistreerd.")
    for info in catalogus:
        with solara.Card(info.titel, margin=0, classes=["mb-2", f"dash-uitleg-{info.naam}"]):
            solara.Markdown(info.uitleg or "(geen toelichting)")
            if info.velden:
                regels = [f"- **{v.label}**" + (f" ({v.eenheid})" if v.eenheid else "")
                          + (f"; bron: {v.bron}" if v.bron else "") for v in info.velden]
                solara.Markdown("Instellingen:\n\n" + "\n".join(regels))
    with solara.Card("Onzekerheden", margin=0):
        solara.Markdown("\n".join(
            f"- **{o.label}**: {o.eenheid}; bereik {nl(o.minimum, 3)} tot {nl(o.maximum, 3)}; "
            f"bron: {o.bron}" for o in onzekerheden()))
