"""Outcome indicators of a run and the plain-language Dutch summary of a policy against the basis.

Main objects:
    * :data:`INDICATOREN` - the fixed outcome list of a policy comparison (name, Dutch label,
      unit, whether lower is better).
    * :func:`indicatoren` - one row per replication (seed) with every indicator at a month.
    * :func:`verschillen` - paired differences variant - basis per indicator (common random
      numbers: replications are matched on ``seed``), with mean and 90% interval.
    * :func:`samenvat` - the Dutch paragraph "ten opzichte van de basis ..." from two tijdreeks
      tables; used by ``simulatie vergelijk`` and the dashboard.

Only pandas and numpy: no model imports, so the dashboard can import this cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Cost lines of the tijdreeks (euro per month), summed to cumulative costs.
KOSTENPOSTEN = ("kosten_uitkeringen", "kosten_reintegratie", "kosten_wmo_individueel",
                "kosten_wmo_collectief", "kosten_apparaat", "kosten_totaal")

_KOSTEN_LABEL = {
    "kosten_uitkeringen": "uitkeringslasten",
    "kosten_reintegratie": "re-integratiekosten",
    "kosten_wmo_individueel": "kosten van individuele Wmo-voorzieningen",
    "kosten_wmo_collectief": "kosten van collectieve voorzieningen en preventie",
    "kosten_apparaat": "apparaatskosten (personeel en uitvoering)",
    "kosten_totaal": "totale kosten",
}


@dataclass(frozen=True)
class Indicator:
    """One outcome of the comparison.

    Attributes:
        naam: Column name in :func:`indicatoren`.
        label: Dutch label for tables and the summary.
        eenheid: ``"personen"``, ``"euro"``, ``"trede"`` or ``"procent"``.
        lager_beter: Whether a decrease is the policy goal (for wording only).
        zin: Dutch clause with ``{x}`` (the amount) and ``{r}`` (the direction word).
        richting: Direction words for (increase, decrease).
    """

    naam: str
    label: str
    eenheid: str
    lager_beter: bool | None = None
    zin: str = "{label} {x} {r}"
    richting: tuple[str, str] = ("hoger", "lager")


#: The outcomes of a policy comparison, in reporting order.
INDICATOREN: tuple[Indicator, ...] = (
    Indicator("bijstand", "bijstandsbestand", "personen", True,
              "is het bijstandsbestand {x} personen {r}", ("groter", "kleiner")),
    Indicator("gemiddelde_trede", "gemiddelde trede (18 jaar tot AOW)", "trede", False,
              "ligt de gemiddelde trede van volwassenen {x} {r}"),
    Indicator("gemiddelde_trede_bijstand", "gemiddelde trede van bijstandscliënten", "trede",
              False, "ligt de gemiddelde trede van bijstandscliënten {x} {r}"),
    Indicator("stijging_pct", "inwoners die in het afgelopen jaar een trede stegen "
              "(per 100 volwassenen)", "procent", False,
              "stijgen in het laatste jaar {x} {r} volwassenen een trede", ("meer", "minder")),
    Indicator("stijging_trede_cum", "stijgingen op de ladder (cumulatief)", "personen", False,
              "zijn er {x} {r} stijgingen op de ladder", ("meer", "minder")),
    Indicator("stijging_trede_meervoudig_cum", "stijgingen van cliënten met twee of meer "
              "belemmeringen (cumulatief)", "personen", False,
              "zijn er {x} {r} stijgingen op de ladder van cliënten met twee of meer "
              "belemmeringen", ("meer", "minder")),
    Indicator("uitstroom_naar_werk_cum", "uitstroom naar werk (cumulatief)", "personen", False,
              "stromen {x} {r} mensen uit de bijstand naar werk", ("meer", "minder")),
    Indicator("uitstroom_naar_werk_zorg_cum", "uitstroom naar werk bij zorg- en "
              "Wmo-aanbieders (cumulatief)", "personen", False,
              "vinden {x} {r} mensen werk bij zorg- en Wmo-aanbieders", ("meer", "minder")),
    Indicator("wmo_clienten", "Wmo-cliënten met een maatwerkvoorziening", "personen", None,
              "zijn er {x} {r} Wmo-cliënten met een maatwerkvoorziening", ("meer", "minder")),
    Indicator("buiten_beeld", "inwoners buiten beeld (cumulatief)", "personen", True,
              "raken {x} {r} inwoners buiten beeld zonder bekend inkomen", ("meer", "minder")),
    Indicator("nieuwe_belemmeringen_12m", "nieuwe belemmeringen in het afgelopen jaar",
              "personen", True, "ontstaan in het laatste jaar {x} {r} nieuwe belemmeringen",
              ("meer", "minder")),
    *(Indicator(f"{k}_cum", f"{_KOSTEN_LABEL[k]} (cumulatief)", "euro", True)
      for k in KOSTENPOSTEN),
)
_PER_NAAM = {i.naam: i for i in INDICATOREN}


def _per_seed(df: pd.DataFrame) -> list[tuple[int, pd.DataFrame]]:
    if "seed" not in df.columns:
        return [(0, df.sort_values("maand"))]
    return [(int(s), g.sort_values("maand")) for s, g in df.groupby("seed", sort=True)]


def indicatoren(tijdreeks: pd.DataFrame, maand: int | None = None) -> pd.DataFrame:
    """Every indicator of :data:`INDICATOREN` per replication at a month.

    Cumulative indicators sum months 1..``maand`` (month 0 is the starting state); stocks are
    taken at ``maand``; ``stijging_pct`` and ``nieuwe_belemmeringen_12m`` cover the last 12 months
    up to ``maand``.

    Args:
        tijdreeks: A tijdreeks table (one or more replications, told apart by ``seed``).
        maand: Month to evaluate (default: the last month present).

    Returns:
        One row per seed (index ``seed``), one column per indicator, plus ``maand``.
    """
    rijen = []
    for seed, g in _per_seed(tijdreeks):
        m = int(g["maand"].max()) if maand is None else int(maand)
        tot = g[(g["maand"] >= 1) & (g["maand"] <= m)]
        jaar = g[(g["maand"] > m - 12) & (g["maand"] >= 1) & (g["maand"] <= m)]
        nu = g[g["maand"] == m]
        if nu.empty:
            raise ValueError(f"seed {seed}: no row for maand {m}")
        nu = nu.iloc[0]
        volw = float(sum(nu[f"trede_{i}"] for i in range(1, 7)))
        rij = {
            "seed": seed,
            "maand": m,
            "bijstand": float(nu["bijstand"]),
            "gemiddelde_trede": float(nu["gemiddelde_trede"]),
            "gemiddelde_trede_bijstand": float(nu["gemiddelde_trede_bijstand"]),
            "stijging_pct": 100.0 * float(jaar["stijging_trede"].sum()) / max(volw, 1.0),
            "stijging_trede_cum": float(tot["stijging_trede"].sum()),
            "stijging_trede_meervoudig_cum": float(tot["stijging_trede_meervoudig"].sum()),
            "uitstroom_naar_werk_cum": float(tot["uitstroom_naar_werk"].sum()),
            "uitstroom_naar_werk_zorg_cum": float(tot["uitstroom_naar_werk_zorg"].sum()),
            "wmo_clienten": float(nu["wmo_clienten"]),
            "buiten_beeld": float(nu["buiten_beeld"]),
            "nieuwe_belemmeringen_12m": float(jaar["nieuwe_belemmeringen"].sum()),
            **{f"{k}_cum": float(tot[k].sum()) for k in KOSTENPOSTEN},
        }
        rijen.append(rij)
    return pd.DataFrame(rijen).set_index("seed")


def interval(waarden: np.ndarray | pd.Series, niveau: float = 0.90) -> tuple[float, float]:
    """Central interval over replications (empirical percentiles; ``nan`` when empty)."""
    w = np.asarray(waarden, dtype=float)
    w = w[~np.isnan(w)]
    if len(w) == 0:
        return float("nan"), float("nan")
    staart = (1.0 - niveau) / 2.0
    return float(np.quantile(w, staart)), float(np.quantile(w, 1.0 - staart))


def verschillen(basis: pd.DataFrame, variant: pd.DataFrame, maand: int | None = None,
                niveau: float = 0.90) -> pd.DataFrame:
    """Differences variant - basis per indicator, paired on seed when the seeds match.

    With common random numbers (the same seeds in both tables) each replication of the variant
    is compared with the basis run of the same seed; otherwise the variant's replications are
    compared with the basis mean.

    Args:
        basis: Tijdreeks of the baseline.
        variant: Tijdreeks of the policy.
        maand: Month to evaluate (default: the last month both tables have).
        niveau: Interval level (default 90%).

    Returns:
        One row per indicator (index = name) with ``basis``, ``variant``, ``verschil``,
        ``verschil_laag``, ``verschil_hoog``, ``relatief`` (verschil / basis), ``n`` and
        ``gepaard``.
    """
    if maand is None:
        maand = int(min(basis["maand"].max(), variant["maand"].max()))
    b, v = indicatoren(basis, maand), indicatoren(variant, maand)
    gedeeld = b.index.intersection(v.index)
    gepaard = len(gedeeld) > 0
    rijen = {}
    for ind in INDICATOREN:
        if gepaard:
            d = v.loc[gedeeld, ind.naam] - b.loc[gedeeld, ind.naam]
        else:
            d = v[ind.naam] - b[ind.naam].mean()
        laag, hoog = interval(d, niveau)
        bm = float(b[ind.naam].mean())
        rijen[ind.naam] = {
            "basis": bm,
            "variant": float(v[ind.naam].mean()),
            "verschil": float(d.mean()),
            "verschil_laag": laag,
            "verschil_hoog": hoog,
            "relatief": float(d.mean()) / bm if bm else float("nan"),
            "n": int(len(d)),
            "gepaard": gepaard,
        }
    return pd.DataFrame.from_dict(rijen, orient="index")


# ---- Dutch wording -----------------------------------------------------------------------------
def _getal(x: float, decimalen: int = 0) -> str:
    """Dutch number format: 12.345,6."""
    tekst = f"{abs(x):,.{decimalen}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return tekst


def _bedrag(x: float) -> str:
    """Euro amount in words-friendly units (mln when large)."""
    a = abs(x)
    if a >= 1e6:
        return f"€ {_getal(a / 1e6, 1)} mln"
    if a >= 1e3:
        return f"€ {_getal(a / 1e3, 0)} duizend"
    return f"€ {_getal(a, 0)}"


def _hoeveelheid(x: float, eenheid: str) -> str:
    if eenheid == "euro":
        return _bedrag(x)
    if eenheid == "trede":
        return f"{_getal(x, 2)} trede"
    if eenheid == "procent":
        return f"{_getal(x, 1)} procentpunt"
    return _getal(x, 0)


def _met_teken(x: float, eenheid: str) -> str:
    return ("-" if x < 0 else "+") + _hoeveelheid(x, eenheid)


def _interval_tekst(rij: pd.Series, eenheid: str) -> str:
    if rij["n"] < 2:
        return ""
    return (f"90%-interval {_met_teken(rij['verschil_laag'], eenheid)} tot "
            f"{_met_teken(rij['verschil_hoog'], eenheid)}")


def _zeker(rij: pd.Series) -> bool:
    """Whether the difference has the same sign in (almost) all replications."""
    if rij["n"] < 2:
        return rij["verschil"] != 0
    return bool(rij["verschil_laag"] > 0 or rij["verschil_hoog"] < 0)


def _haakjes(ind: Indicator, rij: pd.Series) -> str:
    extra = []
    if ind.eenheid in ("personen", "euro") and np.isfinite(rij["relatief"]) and rij["basis"]:
        extra.append(f"{_getal(100 * abs(rij['relatief']), 1)}%")
    iv = _interval_tekst(rij, ind.eenheid)
    if iv:
        extra.append(iv)
    return f" ({'; '.join(extra)})" if extra else ""


def _verschil_tekst(ind: Indicator, rij: pd.Series) -> str:
    """'X hoger/lager (p%; 90%-interval ...)' for one indicator."""
    richting = ind.richting[0] if rij["verschil"] > 0 else ind.richting[1]
    return f"{_hoeveelheid(rij['verschil'], ind.eenheid)} {richting}{_haakjes(ind, rij)}"


def _zin(ind: Indicator, rij: pd.Series) -> str:
    """The indicator's Dutch clause, e.g. 'is het bijstandsbestand 310 personen kleiner (...)'."""
    richting = ind.richting[0] if rij["verschil"] > 0 else ind.richting[1]
    x = _hoeveelheid(rij["verschil"], ind.eenheid)
    return ind.zin.format(label=ind.label, x=x, r=richting) + _haakjes(ind, rij)


def samenvat(naam: str, basis: pd.DataFrame, variant: pd.DataFrame, *,
             maand: int | None = None, niveau: float = 0.90,
             basisnaam: str = "de basis") -> str:
    """A plain-language Dutch paragraph on what a policy does compared with the basis.

    The paragraph names the horizon and the number of replications, then the outcomes whose
    difference has the same sign in the central ``niveau`` of the (seed-paired) replications,
    the cost lines that move most, and the outcomes with no clear difference.

    Args:
        naam: Name of the policy or preset (e.g. ``"work_first"``).
        basis: Tijdreeks table of the baseline (one or more replications, column ``seed``).
        variant: Tijdreeks table of the policy, same seeds for common random numbers.
        maand: Month to evaluate (default: the last month both tables have).
        niveau: Interval level (default 90%).
        basisnaam: What the reference is called (the dashboard passes "variant A (...)",
            which may have policies of its own).

    Returns:
        One paragraph of Dutch text.
    """
    if maand is None:
        maand = int(min(basis["maand"].max(), variant["maand"].max()))
    tabel = verschillen(basis, variant, maand, niveau)
    n = int(tabel["n"].iloc[0])
    jaren = maand / 12
    periode = (f"{_getal(jaren, 0)} jaar" if maand % 12 == 0 else f"{maand} maanden")
    if n >= 2:
        herkomst = (f"{n} replicaties met dezelfde seeds als {basisnaam}"
                    if tabel["gepaard"].iloc[0]
                    else f"{n} replicaties, vergeleken met het gemiddelde van {basisnaam}")
    else:
        herkomst = "één replicatie, dus zonder onzekerheidsinterval"
    zinnen = [f"{naam}: ten opzichte van {basisnaam} {periode} na de start ({herkomst})"]

    hoofd = ("bijstand", "gemiddelde_trede", "stijging_pct", "stijging_trede_meervoudig_cum",
             "uitstroom_naar_werk_cum", "uitstroom_naar_werk_zorg_cum", "wmo_clienten",
             "buiten_beeld", "nieuwe_belemmeringen_12m")
    duidelijk, onduidelijk = [], []
    for k in hoofd:
        rij, ind = tabel.loc[k], _PER_NAAM[k]
        if rij["verschil"] == 0 and rij["verschil_laag"] == 0 and rij["verschil_hoog"] == 0:
            continue
        (duidelijk if _zeker(rij) else onduidelijk).append((ind, rij))
    if duidelijk:
        zinnen[0] += " " + "; ".join(_zin(i, r) for i, r in duidelijk) + "."
    else:
        zinnen[0] += " is er geen duidelijk verschil in bijstand, ladder, werk of Wmo."

    totaal = tabel.loc["kosten_totaal_cum"]
    if totaal["verschil"] == 0 and totaal["verschil_laag"] == 0 and totaal["verschil_hoog"] == 0:
        kosten = "De totale kosten over deze periode zijn gelijk"
    else:
        kosten = ("De totale kosten over deze periode zijn "
                  + _verschil_tekst(_PER_NAAM["kosten_totaal_cum"], totaal))
    if not _zeker(totaal) and totaal["verschil"] != 0:
        kosten += ", maar het verschil is onzeker (het interval omvat nul)"
    posten = [(k, tabel.loc[f"{k}_cum"]) for k in KOSTENPOSTEN if k != "kosten_totaal"]
    posten = [(k, r) for k, r in posten if _zeker(r) and abs(r["verschil"]) > 0]
    posten.sort(key=lambda kr: -abs(kr[1]["verschil"]))
    if posten:
        delen = [f"{_KOSTEN_LABEL[k]} {'+' if r['verschil'] > 0 else '-'}{_bedrag(r['verschil'])}"
                 for k, r in posten[:3]]
        kosten += "; de grootste verschuivingen: " + ", ".join(delen)
    zinnen.append(kosten + ".")
    if onduidelijk:
        zinnen.append("Geen duidelijk verschil (het interval omvat nul) in: "
                      + ", ".join(i.label for i, _ in onduidelijk) + ".")
    return " ".join(zinnen)
