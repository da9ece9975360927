"""The sidebar controls: play, pause, month, reset, speed, municipality, policies, uncertainties.

Main components: :func:`Speler` (run controls), :func:`Instellingen` (choices that rebuild the
models) and :func:`BeleidSchakelaar` (one policy on/off with its settings). Every change of a
choice goes through one callback (``wijzig``) that rebuilds the session's models at month 0.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import reacton.ipyvuetify as v
import solara
from solara.util import IPYVUETIFY_V3

from simulatie.dashboard import live
from simulatie.dashboard.invoer import GetalInvoer
from simulatie.dashboard.keuzes import (
    GROOTTES,
    BeleidInfo,
    Keuzes,
    Veld,
    gemeente_opties,
    onzekerheden,
)
from simulatie.dashboard.sessie import Sessie
from simulatie.dashboard.tekenen import getal

#: Largest seed offered (numpy accepts more, but a 20-digit seed is a typing error).
SEED_MAX = 2**32 - 1


@solara.component
def Speler(sessie: Sessie, opbouw: int, horizon: int,
           spelen: solara.Reactive[bool], tempo: solara.Reactive[int],
           stap: Callable[[int], None], opnieuw: Callable[[], None]) -> None:
    """Play / pause, one month, one year, reset, and the speed slider.

    Only :func:`Maand` changes every month (see :mod:`simulatie.dashboard.live`); the buttons
    follow ``spelen``.
    """
    klaar = sessie.klaar
    with solara.Card("Simulatie", margin=0, classes=["mb-2"]):
        Maand(sessie, opbouw, horizon)
        with solara.Row(gap="4px", style={"flex-wrap": "wrap"}):
            solara.Button("Pauze" if spelen.value else "Afspelen",
                          icon_name="mdi-pause" if spelen.value else "mdi-play",
                          color="primary", on_click=lambda: spelen.set(not spelen.value),
                          disabled=klaar and not spelen.value,
                          classes=["dash-afspelen"])
            solara.Button("1 maand", icon_name="mdi-step-forward", on_click=lambda: stap(1),
                          disabled=spelen.value, classes=["dash-stap"],
                          outlined=True)
            solara.Button("1 jaar", icon_name="mdi-fast-forward", on_click=lambda: stap(12),
                          disabled=spelen.value, classes=["dash-jaar"],
                          outlined=True)
            solara.Button("Opnieuw", icon_name="mdi-restart", on_click=opnieuw,
                          classes=["dash-opnieuw"], outlined=True)
        solara.SliderInt("Snelheid (maanden per seconde)", value=tempo, min=1, max=10)


@solara.component
def Maand(sessie: Sessie, opbouw: int, horizon: int) -> None:
    """The current month."""
    live.use_live(sessie, lambda: [live.tekst(["dash-maand", "text-h6"])],
                  lambda: [{"children": [f"Maand {sessie.maand} van {horizon}"]}],
                  [opbouw, horizon])


@solara.component
def VeldInvoer(veld: Veld, waarde: Any, op_waarde: Callable[[Any], None]) -> None:
    """One setting of a policy: its label and unit, and a slider, checkbox or select."""
    with solara.Column(gap="0px", classes=[f"dash-veld-{veld.naam}"]):
        if veld.soort == "bool":
            solara.Checkbox(label=veld.label, value=bool(waarde), on_value=op_waarde)
        else:
            Label(f"{veld.label}: {getal(float(waarde))}", veld.eenheid)
        if veld.soort == "keuze":
            solara.Select("", values=list(veld.opties), value=waarde, on_value=op_waarde)
        elif veld.soort == "int":
            solara.SliderInt("", value=int(waarde), min=int(veld.minimum),
                             max=int(veld.maximum), on_value=op_waarde)
        elif veld.soort == "float":
            bereik = float(veld.maximum) - float(veld.minimum)
            stap = 10 ** (math.floor(math.log10(bereik or 1)) - 2)
            solara.SliderFloat("", value=float(waarde), min=float(veld.minimum),
                               max=float(veld.maximum), step=stap, on_value=op_waarde)


def Label(tekst: str, toelichting: str = "") -> None:
    """A control label with a small explanation under it, as one HTML element."""
    klein = (f"<div style='font-size:0.75em;color:#777'>{html.escape(toelichting)}</div>"
             if toelichting else "")
    solara.HTML(tag="div", unsafe_innerHTML=f"<div style='font-size:0.9em'>"
                f"{html.escape(tekst)}</div>{klein}")


@solara.component
def BeleidSchakelaar(info: BeleidInfo, instellingen: dict[str, Any],
                     op_wijzig: Callable[..., None]) -> None:
    """A policy switched on or off; its main settings show when it is on, the rest folded.

    The main settings stay rendered while the policy is off, hidden: a click on the switch then
    changes one style on the server instead of creating or closing their widgets (creating
    widgets was most of a click's cost with 25 participants on one server).
    """
    open_ = solara.use_reactive(False)
    actief = bool(instellingen.get("actief", False))
    # The vuetify switch itself, not solara.Switch: that keeps a state of its own and sets it
    # before calling back, so each click rendered the whole page twice (a click on a team page:
    # 26-30 ms CPU, 15-20 ms with one render). The caller owns the state.
    v.Switch(label=info.titel, v_model=actief, on_v_model=lambda w: op_wijzig(actief=bool(w)),
             class_=f"dash-beleid dash-beleid-{info.naam}",
             children=[] if IPYVUETIFY_V3 else [info.titel])
    if not info.velden:
        return
    zichtbaar = {} if actief else {"display": "none"}
    with solara.Column(gap="6px", style={"padding-left": "12px",
                                         "border-left": "2px solid #ddd", **zichtbaar},
                       classes=["dash-velden", f"dash-velden-{info.naam}"]):
        for veld in info.velden:
            if veld.hoofd:
                VeldInvoer(veld, instellingen.get(veld.naam, veld.standaard),
                           lambda w, naam=veld.naam: op_wijzig(**{naam: w}))
        overig = [v for v in info.velden if not v.hoofd]
        if overig:
            solara.Button(("Minder" if open_.value else "Meer") + " instellingen",
                          icon_name="mdi-chevron-up" if open_.value else "mdi-chevron-down",
                          text=True, small=True, on_click=lambda: open_.set(not open_.value),
                          classes=["dash-meer"])
            if open_.value:  # rendered only when open: a smaller page renders faster
                for veld in overig:
                    VeldInvoer(veld, instellingen.get(veld.naam, veld.standaard),
                               lambda w, naam=veld.naam: op_wijzig(**{naam: w}))


@solara.component
def Instellingen(keuzes: Keuzes, catalogus: list[BeleidInfo], heeft_basis: bool,
                 wijzig: Callable[[Keuzes], None], bewerk: solara.Reactive[str]) -> None:
    """Municipality, seed, comparison mode, policies and uncertainties."""
    gemeenten = gemeente_opties(heeft_basis)
    with solara.Card("Gemeente", margin=0, classes=["mb-2"]):
        solara.Select("Gemeente", values=gemeenten, value=keuzes.gemeente,
                      on_value=lambda v: wijzig(replace(keuzes, gemeente=v)))
        solara.Select("Grootte", values=list(GROOTTES), value=keuzes.grootte,
                      on_value=lambda v: wijzig(replace(keuzes, grootte=v)))
        with solara.Row():
            GetalInvoer("Seed", keuzes.seed, lambda v: wijzig(replace(keuzes, seed=int(v))),
                        0, SEED_MAX, classes=["dash-seed"])
            GetalInvoer("Horizon (maanden)", keuzes.maanden,
                        lambda v: wijzig(replace(keuzes, maanden=int(v))), 1, 600,
                        classes=["dash-horizon"])
    with solara.Card("Beleid", margin=0, classes=["mb-2"]):
        solara.Switch(label="Vergelijk twee varianten (A en B)", value=keuzes.vergelijken,
                      on_value=lambda v: wijzig(replace(keuzes, vergelijken=v)),
                      classes=["dash-vergelijken"])
        variant = bewerk.value if keuzes.vergelijken else "A"
        if keuzes.vergelijken:
            solara.Text("Beleid van variant:")
            solara.ToggleButtonsSingle(value=bewerk, values=["A", "B"],
                                       classes=["dash-bewerk"])
        if not catalogus:
            solara.Text("Er is nog geen beleid geregistreerd; de basis is de verkokerde "
                        "gemeente.")
        for info in catalogus:
            BeleidSchakelaar(info, keuzes.beleid(variant).get(info.naam, info.standaard()),
                             lambda naam=info.naam, **w: wijzig(keuzes.met_beleid(variant, naam,
                                                                                  **w)))
    with solara.Card("Onzekerheden", margin=0, classes=["mb-2"]):
        solara.Text("Effecten die niet bewezen zijn; schuif binnen het plausibele bereik.",
                    style={"font-size": "0.85em", "color": "#666"})
        for o in onzekerheden():
            Label(f"{o.label}: {getal(keuzes.onzeker.get(o.pad, o.standaard))}",
                  f"{o.eenheid}; standaard {getal(o.standaard)}; bron: {o.bron}")
            solara.SliderFloat("", value=keuzes.onzeker.get(o.pad, o.standaard),
                               min=o.minimum, max=o.maximum,
                               step=(o.maximum - o.minimum) / 40,
                               on_value=lambda w, pad=o.pad: wijzig(replace(
                                   keuzes, onzeker={**keuzes.onzeker, pad: float(w)})))
