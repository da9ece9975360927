"""Every dashboard chart as a pair: the table it shows and the tekenaar that draws that table.

Main objects:
    * :class:`Grafiek` - key, Dutch title, view options, a ``data`` function and a ``tekenaar``
      factory. The page shows ``tekenaar(optie).teken(data(...))``; the export buttons write the
      same table as CSV and the same figure as PNG, so a download always matches the screen.
    * :data:`GRAFIEKEN` - the charts by key: ladder, bijstand, kosten, wmo, caseload, wijken,
      vergelijking.
    * :data:`VERGELIJK_INDICATOREN` - outcomes offered in comparison mode.
    * :func:`balans` - the "wat kost dit, wat levert het op?" table of A against B.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd
from matplotlib.figure import Figure

from simulatie.dashboard.indicatoren import beter, label
from simulatie.dashboard.kaart import WIJK_INDICATOREN, KaartTekenaar
from simulatie.dashboard.sessie import Sessie
from simulatie.dashboard.tekenen import Paneel, PaneelTekenaar, Reeks
from simulatie.dashboard.werelden import band_tekst
from simulatie.kern.uitvoer import KOSTENPOSTEN

TREDE_NAMEN = ("1 geïsoleerd", "2 sociale contacten", "3 georganiseerde activiteiten",
               "4 onbetaald werk", "5 betaald werk met ondersteuning", "6 betaald werk")
TREDE_KLEUREN = ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac")
KOSTEN_NAMEN = {k: label(k) for k in KOSTENPOSTEN}
SALDO_NAMEN = {k: label(k) for k in ("saldo_ideel", "saldo_participatie", "saldo_wmo",
                                     "saldo_jeugd")}
KLEUREN = ("#4e79a7", "#f28e2b", "#59a14f", "#b6992d", "#9c755f", "#e15759", "#76b7b2")
WACHTLIJSTEN = {
    "wachtlijst_wmo_onderzoek": "Wmo-onderzoek",
    "wachtlijst_begeleiding": "begeleiding",
    "wachtlijst_dagbesteding": "dagbesteding",
    "wachtlijst_schuldhulp": "schuldhulp",
    "wachtlijst_reintegratie": "re-integratie",
}


class Tekenaar(Protocol):
    """Anything that draws a table into a figure (and may update it in place)."""

    figuur: Figure | None

    def teken(self, tabel: pd.DataFrame, kop: str = "", horizon: int = 120) -> Figure:
        """Draw ``tabel``; ``kop`` goes after the title, ``horizon`` is the last month."""
        ...

    def png(self) -> bytes:
        """The current picture as PNG."""
        ...


@dataclass(frozen=True)
class VergelijkIndicator:
    """An outcome shown in comparison mode.

    Attributes:
        kolom: Column of the tijdreeks.
        label: Dutch label with unit.
        cumulatief: Sum over months 1..now (flows and costs) instead of the monthly level.
        schaal: Display multiplier (1e-6 for millions of euro).
    """

    kolom: str
    label: str
    cumulatief: bool = False
    schaal: float = 1.0

    @property
    def sleutel(self) -> str:
        """Key of the indicator (column, with ``_cum`` when cumulative)."""
        return self.kolom + ("_cum" if self.cumulatief else "")


def _vi(kolom: str, cumulatief: bool = False) -> VergelijkIndicator:
    """A comparison indicator with its label and unit from the output declarations."""
    euro = kolom.startswith(("kosten_", "saldo_"))
    eenheid = "mln euro" if euro else ("trede" if "trede" in kolom and "gemiddelde" in kolom
                                       else "personen")
    tekst = label(kolom) + (", cumulatief" if cumulatief and kolom != "buiten_beeld" else "")
    return VergelijkIndicator(kolom, f"{tekst} ({eenheid})", cumulatief, 1e-6 if euro else 1.0)


VERGELIJK_INDICATOREN: dict[str, VergelijkIndicator] = {i.sleutel: i for i in (
    _vi("kosten_totaal", True),
    _vi("bijstand"),
    _vi("trede_1"),
    _vi("buiten_beeld"),
    _vi("uitstroom_naar_werk", True),
    _vi("instroom_bijstand", True),
    _vi("gemiddelde_trede"),
    _vi("gemiddelde_trede_bijstand"),
    _vi("stijging_trede", True),
    _vi("wmo_clienten"),
    _vi("wachtlijst_begeleiding"),
    _vi("wachtlijst_klantmanager"),
    *(_vi(k, True) for k in SALDO_NAMEN),
    *(_vi(k, True) for k in KOSTEN_NAMEN),
)}


@dataclass(frozen=True)
class Grafiek:
    """One chart of the dashboard.

    Attributes:
        sleutel: Key (also the start of export file names).
        titel: Dutch tab title.
        data: ``(sessie, variant, optie) -> DataFrame``: the table behind the chart.
        tekenaar: ``(optie, live) -> Tekenaar``: a new drawer for that option (``live``:
            blitting drawer for the screen).
        opties: View options: value -> Dutch label (the first is the default).
        optie_label: Dutch label of the option selector.
        uitleg: One Dutch sentence under the chart.
    """

    sleutel: str
    titel: str
    data: Callable[[Sessie, str, str], pd.DataFrame]
    tekenaar: Callable[[str, bool], Tekenaar]
    opties: dict[str, str] = field(default_factory=dict)
    optie_label: str = ""
    uitleg: str = ""

    def standaard_optie(self) -> str:
        """The default view option ('' when the chart has none)."""
        return next(iter(self.opties), "")


def _cumulatief(reeks: pd.Series, maand: pd.Series) -> pd.Series:
    """Sum over months 1..t (month 0 is the starting position, not a month of the run)."""
    return reeks.astype(float).where(maand > 0, 0.0).cumsum()


# ---- data per chart --------------------------------------------------------------------------
def data_ladder(sessie: Sessie, variant: str, optie: str) -> pd.DataFrame:
    """Residents per trede per month (adults 18 to AOW age, or bijstand clients)."""
    prefix = "bijstand_trede_" if optie == "bijstand" else "trede_"
    return sessie.tijdreeks(variant)[["maand", *(f"{prefix}{t}" for t in range(1, 7))]]


def data_bijstand(sessie: Sessie, variant: str, optie: str) -> pd.DataFrame:
    """Bijstand stock and monthly inflow, outflow and outflow to work."""
    return sessie.tijdreeks(variant)[["maand", "bijstand", "instroom_bijstand",
                                      "uitstroom_bijstand", "uitstroom_naar_werk"]]


def data_kosten(sessie: Sessie, variant: str, optie: str) -> pd.DataFrame:
    """Costs per budget line in euro, per month or cumulative."""
    kolommen = [*KOSTEN_NAMEN, "kosten_totaal"]
    df = sessie.tijdreeks(variant)[["maand", *kolommen]].copy()
    if optie == "cumulatief":
        for k in kolommen:
            df[k] = _cumulatief(df[k], df["maand"])
    return df


def data_begroting(sessie: Sessie, variant: str, optie: str) -> pd.DataFrame:
    """Balance per budget line in euro (+ is a surplus), per month or cumulative."""
    df = sessie.tijdreeks(variant)[["maand", *SALDO_NAMEN]].copy()
    if optie == "cumulatief":
        for k in SALDO_NAMEN:
            df[k] = _cumulatief(df[k], df["maand"])
    return df


def data_wmo(sessie: Sessie, variant: str, optie: str) -> pd.DataFrame:
    """Wmo clients and waiting lists per month."""
    return sessie.tijdreeks(variant)[["maand", "wmo_clienten", *WACHTLIJSTEN]]


def data_caseload(sessie: Sessie, variant: str, optie: str) -> pd.DataFrame:
    """Use of the klantmanagers' caseload capacity (percent) and the queue for one."""
    df = sessie.tijdreeks(variant)
    return pd.DataFrame({"maand": df["maand"],
                         "bezetting_klantmanagers_pct": 100 * df["bezetting_klantmanagers"],
                         "wachtlijst_klantmanager": df["wachtlijst_klantmanager"]})


def data_wijken(sessie: Sessie, variant: str, optie: str) -> pd.DataFrame:
    """Indicators per wijk at the current month."""
    return sessie.wijken(variant)


def data_vergelijking(sessie: Sessie, variant: str, optie: str) -> pd.DataFrame:
    """One indicator of variant A and B per month, and the difference B - A."""
    ind = VERGELIJK_INDICATOREN[optie or next(iter(VERGELIJK_INDICATOREN))]
    a, b = sessie.tijdreeks("A"), sessie.tijdreeks("B")
    n = min(len(a), len(b))  # both variants step together; guard against a step in between
    maand = a["maand"].iloc[:n].reset_index(drop=True)
    uit = pd.DataFrame({"maand": maand})
    for v, df in (("A", a), ("B", b)):
        reeks = df[ind.kolom].iloc[:n].astype(float).reset_index(drop=True)
        uit[v] = _cumulatief(reeks, maand) if ind.cumulatief else reeks
    uit["verschil"] = uit["B"] - uit["A"]
    laag, hoog = sessie.verschilband(ind.kolom, ind.cumulatief, n)
    if laag is not None:
        uit["verschil_laag"], uit["verschil_hoog"] = laag, hoog
    return uit


# ---- drawers per chart -----------------------------------------------------------------------
def _ladder(optie: str, live: bool = False) -> Tekenaar:
    prefix = "bijstand_trede_" if optie == "bijstand" else "trede_"
    groep = "bijstandscliënten" if optie == "bijstand" else "inwoners 18 jaar tot AOW"
    reeksen = tuple(Reeks(f"{prefix}{t}", TREDE_NAMEN[t - 1], TREDE_KLEUREN[t - 1])
                    for t in range(1, 7))
    # trede 1 also as its own line: a change of tens of people on the lowest rung is a
    # sliver in a stack of tens of thousands
    return PaneelTekenaar((
        Paneel(reeksen, "stapel", "personen", titel="alle treden, gestapeld",
               legenda_titel="trede"),
        Paneel((Reeks(f"{prefix}1", "trede 1", TREDE_KLEUREN[0]),), ylabel="personen",
               titel="trede 1 (geïsoleerd), apart", legenda=False),
    ), f"Participatieladder, {groep}", live=live)


def _bijstand(optie: str, live: bool = False) -> Tekenaar:
    return PaneelTekenaar((
        Paneel((Reeks("bijstand", "bijstandsbestand", KLEUREN[0]),), ylabel="bestand",
               titel="bijstandsbestand"),
        Paneel((Reeks("instroom_bijstand", "instroom", KLEUREN[5]),
                Reeks("uitstroom_bijstand", "uitstroom totaal", KLEUREN[6]),
                Reeks("uitstroom_naar_werk", "uitstroom naar werk", KLEUREN[2])),
               ylabel="per maand", titel="instroom en uitstroom per maand"),
    ), "Bijstand", live=live)


def _kosten(optie: str, live: bool = False) -> Tekenaar:
    cum = optie == "cumulatief"
    reeksen = tuple(Reeks(k, v, KLEUREN[i]) for i, (k, v) in enumerate(KOSTEN_NAMEN.items()))
    return PaneelTekenaar((Paneel(reeksen, "stapel", "mln euro" + (" cumulatief" if cum
                                                                    else " per maand"),
                                  schaal=1e-6, groeit=cum),),
                          "Kosten per begrotingspost" + (", cumulatief" if cum
                                                         else ", per maand"), live=live)


def _begroting(optie: str, live: bool = False) -> Tekenaar:
    cum = optie == "cumulatief"
    reeksen = tuple(Reeks(k, v, KLEUREN[i]) for i, (k, v) in enumerate(SALDO_NAMEN.items()))
    return PaneelTekenaar((Paneel(reeksen, "lijn", "mln euro" + (" cumulatief" if cum
                                                                  else " per maand"),
                                  schaal=1e-6, groeit=cum, referentie=0.0),),
                          "Saldo per budget (+ is overschot)" + (", cumulatief" if cum
                                                                 else ", per maand"),
                          live=live)


def _wmo(optie: str, live: bool = False) -> Tekenaar:
    return PaneelTekenaar((
        Paneel((Reeks("wmo_clienten", "Wmo-cliënten", KLEUREN[2]),), ylabel="cliënten",
               titel=label("wmo_clienten")),
        Paneel(tuple(Reeks(k, v, KLEUREN[i]) for i, (k, v) in enumerate(WACHTLIJSTEN.items())),
               ylabel="wachtenden", titel="wachtlijsten", legenda_titel="wachtlijst"),
    ), "Wmo en wachtlijsten", live=live)


def _caseload(optie: str, live: bool = False) -> Tekenaar:
    return PaneelTekenaar((
        Paneel((Reeks("bezetting_klantmanagers_pct", "bezetting", KLEUREN[0]),),
               ylabel="procent", titel="bezetting van de caseload van klantmanagers (%)",
               referentie=100.0),
        Paneel((Reeks("wachtlijst_klantmanager", "wachtlijst", KLEUREN[5]),),
               ylabel="personen", titel="wachtend op een klantmanager"),
    ), "Caseload", live=live)


def _wijken(optie: str, live: bool = False) -> Tekenaar:
    indicator = optie or next(iter(WIJK_INDICATOREN))
    return KaartTekenaar(indicator, f"Wijken: {WIJK_INDICATOREN[indicator]}", live=live)


def _vergelijking(optie: str, live: bool = False) -> Tekenaar:
    ind = VERGELIJK_INDICATOREN[optie or next(iter(VERGELIJK_INDICATOREN))]
    return PaneelTekenaar((
        Paneel((Reeks("A", "A", KLEUREN[0]), Reeks("B", "B", KLEUREN[5], "--")),
               titel=ind.label, schaal=ind.schaal, groeit=ind.cumulatief),
        Paneel((Reeks("verschil", "B", KLEUREN[1]),), "verschil", titel="verschil B - A",
               schaal=ind.schaal, groeit=ind.cumulatief, beter=beter(ind.kolom),
               band=("verschil_laag", "verschil_hoog")),
    ), "Vergelijking A en B", hoogte=5.0, live=live)


GRAFIEKEN: dict[str, Grafiek] = {g.sleutel: g for g in (
    Grafiek("ladder", "Ladder", data_ladder, _ladder,
            {"volwassenen": "Inwoners 18 jaar tot AOW", "bijstand": "Bijstandscliënten"},
            "Groep", "Aantal personen per trede van de participatieladder, gestapeld; "
            "daaronder trede 1 apart."),
    Grafiek("bijstand", "Bijstand", data_bijstand, _bijstand,
            uitleg="Bestand aan het eind van de maand; instroom en uitstroom in de maand."),
    Grafiek("kosten", "Kosten", data_kosten, _kosten,
            {"per_maand": "Per maand", "cumulatief": "Cumulatief"}, "Weergave",
            "Kosten per begrotingspost in miljoenen euro, gestapeld."),
    Grafiek("begroting", "Begroting", data_begroting, _begroting,
            {"cumulatief": "Cumulatief", "per_maand": "Per maand"}, "Weergave",
            "Budget min lasten per budget; onder de grafiek de begroting per jaar."),
    Grafiek("wmo", "Wmo", data_wmo, _wmo,
            uitleg="Inwoners met een individuele Wmo-voorziening en de wachtlijsten."),
    Grafiek("caseload", "Caseload", data_caseload, _caseload,
            uitleg="Boven 100% is de formatie van klantmanagers te klein voor het bestand."),
    Grafiek("wijken", "Wijkkaart", data_wijken, _wijken, dict(WIJK_INDICATOREN), "Indicator",
            "Schematische kaart: de wijken hebben geen echte ligging."),
    Grafiek("vergelijking", "Vergelijking", data_vergelijking, _vergelijking,
            {k: v.label for k, v in VERGELIJK_INDICATOREN.items()}, "Indicator",
            "Variant A en B op dezelfde seed (common random numbers); onder het verschil, "
            "groen als B beter is, rood als B slechter is; grijs: de band over de "
            f"achtergrondruns ({band_tekst()})."),
)}


def balans(sessie: Sessie) -> pd.DataFrame:
    """What variant B costs and yields against A so far: one row per outcome.

    Returns:
        Columns ``indicator`` (Dutch label with unit), ``A``, ``B``, ``verschil`` (B - A),
        ``laag`` and ``hoog`` (the band of the difference over the seeds run so far: the main
        run and the background replications, paired on seed; NaN without replications) and
        ``oordeel`` (``beter``, ``slechter``, ``onzeker`` when the band includes zero, or
        ``neutraal`` when the sources name no direction); cumulative outcomes are summed over
        months 1..now, costs in euro.
    """
    from simulatie.dashboard.indicatoren import oordeel

    a, b = sessie.tijdreeks("A"), sessie.tijdreeks("B")
    n = min(len(a), len(b))
    rijen = []
    for ind in VERGELIJK_INDICATOREN.values():
        if ind.cumulatief and ind.kolom != "buiten_beeld":
            wa, wb = (float(t.loc[(t["maand"] > 0) & (t["maand"] < n), ind.kolom].sum())
                      for t in (a, b))
            tekst = ind.label.replace("(mln euro)", "(euro)")
        else:
            wa, wb = float(a[ind.kolom].iloc[n - 1]), float(b[ind.kolom].iloc[n - 1])
            tekst = ind.label.replace("(mln euro)", "(euro)")
        laag, hoog = sessie.verschilband(ind.kolom, ind.cumulatief, n)
        lo = laag[-1] if laag else float("nan")
        hi = hoog[-1] if hoog else float("nan")
        verdict = oordeel(ind.kolom, wb - wa)
        if laag and verdict != "neutraal" and lo <= 0 <= hi:
            verdict = "onzeker"
        rijen.append({"indicator": tekst, "A": wa, "B": wb, "verschil": wb - wa,
                      "laag": lo, "hoog": hi, "oordeel": verdict})
    return pd.DataFrame(rijen)
