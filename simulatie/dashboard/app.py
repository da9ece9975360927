"""The Solara page of the training dashboard (``simulatie dashboard`` serves it).

Main component: :func:`Page`. Each browser session gets its own :class:`Sessie` (kept with
``solara.use_memo``), its own choices and its own play loop, so participants never share a model.
The base scenario (``--scenario FILE``) is read from the environment variable
:data:`SCENARIO_VAR`; it is configuration, not state.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import replace

import solara
import solara.lab

from simulatie.dashboard import live
from simulatie.dashboard.bediening import Instellingen, Speler
from simulatie.dashboard.grafieken import GRAFIEKEN
from simulatie.dashboard.keuzes import UIT_SCENARIO, Keuzes, beleid_catalogus, standaard_keuzes
from simulatie.dashboard.sessie import Sessie
from simulatie.dashboard.weergave import GrafiekPaneel, Kerncijfers, Uitleg, VergelijkPaneel
from simulatie.kern.scenario import Scenario, ScenarioFout, laad_scenario

#: Environment variable with the path of the base scenario (set by ``simulatie dashboard``).
SCENARIO_VAR = "SIMULATIE_DASHBOARD_SCENARIO"
#: Browser title of the page.
TITEL = "Sociaal domein - trainingsdashboard"



@functools.cache
def basis_scenario(pad: str | None = None) -> Scenario | None:
    """The base scenario from ``pad`` (default: :data:`SCENARIO_VAR`), or None."""
    pad = pad or os.environ.get(SCENARIO_VAR)
    return laad_scenario(pad) if pad else None


@solara.component
def Page() -> None:
    """The dashboard: controls on the left, key figures and chart tabs on the right."""
    basis = basis_scenario()
    catalogus = solara.use_memo(beleid_catalogus, [])
    keuzes = solara.use_reactive(solara.use_memo(lambda: standaard_keuzes(basis), []))
    sessie = solara.use_memo(lambda: Sessie(basis), [])
    tekenaars = solara.use_memo(dict, [])
    spelen = solara.use_reactive(False)
    tempo = solara.use_reactive(4)
    bewerk = solara.use_reactive("B")
    tonen = solara.use_reactive("A")
    weergave = solara.use_reactive("ladder")
    fout = solara.use_reactive("")
    opbouw = solara.use_reactive(0)

    if not sessie.modellen:
        sessie.reset(keuzes.value)

    def wijzig(nieuw: Keuzes) -> None:
        spelen.set(False)
        try:
            sessie.reset(nieuw)
        except (ScenarioFout, ValueError) as e:
            fout.set(f"Deze keuze kan niet: {e}")
            return
        fout.set("")
        tekenaars.clear()  # new run: axis limits start afresh
        if nieuw.vergelijken and not keuzes.value.vergelijken:
            weergave.set("vergelijking")
        keuzes.set(nieuw)
        opbouw.set(sessie.opbouw)  # re-render even when the choices are equal ("Opnieuw")

    def speel() -> None:
        gestart_met = sessie.keuzes
        # is_current() turns False when the page closes (the session's components unmount),
        # so a tab closed while playing stops computing
        while (spelen.value and not sessie.klaar and sessie.keuzes is gestart_met
               and taak.is_current()):
            begin = time.perf_counter()
            sessie.stap(1, gestart_met)
            rest = 1.0 / max(1, tempo.value) - (time.perf_counter() - begin)
            if rest > 0:
                time.sleep(rest)
        if sessie.klaar:
            spelen.set(False)

    taak = solara.lab.use_task(speel, dependencies=[spelen.value], prefer_threaded=True)

    k = keuzes.value
    _ = opbouw.value  # subscribe: "Opnieuw" rebuilds with equal choices
    gemeente = sessie.modellen["A"].config.gemeente
    naam = gemeente.naam if k.gemeente == UIT_SCENARIO else k.gemeente
    kop = f"{naam}, {nl_inwoners(gemeente.inwoners)} inwoners, seed {k.seed}"

    # A month re-renders nothing: the parts that show the month update their widgets
    # themselves (simulatie.dashboard.live), keyed on the session's build.
    solara.Title(TITEL)
    with solara.Sidebar():
        Speler(sessie, sessie.opbouw, k.maanden, spelen, tempo, sessie.stap,
               lambda: wijzig(replace(k)))
        if fout.value:
            solara.Error(fout.value)
        Instellingen(k, catalogus, basis is not None, wijzig, bewerk)

    with solara.Column(gap="8px", style={"padding": "8px", "width": "100%"}):
        Kop(sessie, sessie.opbouw, kop)
        Kerncijfers(sessie, sessie.opbouw)
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
                solara.ToggleButtonsSingle(value=tonen, values=["A", "B"],
                                           classes=["dash-tonen"])
        if gekozen == "vergelijking":
            VergelijkPaneel(sessie, spelen, k, catalogus, tekenaars, kop)
        elif gekozen == "uitleg":
            Uitleg(catalogus)
        else:
            GrafiekPaneel(GRAFIEKEN[gekozen], sessie, variant, tekenaars,
                          kop + (f", variant {variant}" if k.vergelijken else ""), k.maanden)


@solara.component
def Kop(sessie: Sessie, opbouw: int, kop: str) -> None:
    """Municipality, size, seed and the current month."""
    live.use_live(sessie, lambda: [live.tekst(["text-subtitle-1"])],
                  lambda: [{"children": [f"{kop} - maand {sessie.maand}"]}], [opbouw, kop])


def nl_inwoners(n: int) -> str:
    """Inhabitants with a Dutch thousands separator."""
    return f"{n:,}".replace(",", ".")
