"""Outcome indicators of a run and the plain-language Dutch summary of a policy against the basis.

Main objects:
    * :data:`INDICATOREN` - the fixed outcome list of a policy comparison (name, Dutch label,
      unit, whether lower is better).
    * :func:`indicatoren` - one row per replication (seed) with every indicator at a month.
    * :func:`verschillen` - paired differences variant - basis per indicator (common random
      numbers: replications are matched on ``seed``), with mean and 90% interval.
    * :func:`samenvat` - the Dutch paragraph "ten opzichte van de basis ..." from two tijdreeks
      tables; used by ``simulatie vergelijk`` and the dashboard.

Labels, units and directions come from the declared outputs (:mod:`simulatie.kern.uitvoer`,
no model import), so the dashboard can import this cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulatie.kern.uitvoer import KOSTENPOSTEN as _KOSTENPOSTEN
from simulatie.kern.uitvoer import PER_NAAM

#: Cost lines of the tijdreeks (euro per month), summed to cumulative costs.
KOSTENPOSTEN = (*_KOSTENPOSTEN, "kosten_totaal")

#: How an indicator is made from its declared column.
BEWERKINGEN = ("stand", "cumulatief", "jaar")


@dataclass(frozen=True)
class Indicator:
    """One outcome of the comparison, derived from a declared output column.

    Label, unit and direction come from the declaration (:mod:`simulatie.kern.uitvoer`), so
    tables, summaries and the dashboard say the same.

    Attributes:
        naam: Column name in :func:`indicatoren`.
        kolom: The declared ``tijdreeks`` column it is made from.
        bewerking: ``stand`` (the value at the month), ``cumulatief`` (the sum over months
            1..month) or ``jaar`` (the sum over the last 12 months).
        zin: Dutch clause with ``{x}`` (the amount), ``{r}`` (the direction word) and
            ``{label}``.
        richting: Direction words for (increase, decrease).
        eigen_label: A label of its own (derived indicators), instead of the declaration's.
        eigen_eenheid: A unit of its own, instead of the declaration's.
    """

    naam: str
    kolom: str
    bewerking: str = "stand"
    zin: str = "{label} {x} {r}"
    richting: tuple[str, str] = ("hoger", "lager")
    eigen_label: str | None = None
    eigen_eenheid: str | None = None

    @property
    def label(self) -> str:
        """Dutch label for tables and the summary."""
        if self.eigen_label:
            return self.eigen_label
        u = PER_NAAM[self.kolom]
        return {"stand": u.label, "cumulatief": f"{u.label} (cumulatief)",
                "jaar": f"{u.label} in het afgelopen jaar"}[self.bewerking]

    @property
    def eenheid(self) -> str:
        """``personen``, ``euro``, ``trede`` or ``procent``."""
        if self.eigen_eenheid:
            return self.eigen_eenheid
        eenheid = PER_NAAM[self.kolom].eenheid
        return "euro" if eenheid.startswith("euro") else (
            "trede" if eenheid == "trede" else "personen")

    @property
    def lager_beter(self) -> bool | None:
        """Whether a decrease is what a municipality prefers (None: the sources do not say)."""
        beter = PER_NAAM[self.kolom].beter
        return None if beter is None else beter == "lager"


#: The outcomes of a policy comparison, in reporting order.
INDICATOREN: tuple[Indicator, ...] = (
    Indicator("bijstand", "bijstand", zin="is het bijstandsbestand {x} personen {r}",
              richting=("groter", "kleiner")),
    Indicator("gemiddelde_trede", "gemiddelde_trede",
              zin="ligt de gemiddelde trede van volwassenen {x} {r}"),
    Indicator("gemiddelde_trede_bijstand", "gemiddelde_trede_bijstand",
              zin="ligt de gemiddelde trede van bijstandscliënten {x} {r}"),
    Indicator("stijging_pct", "stijging_trede", "jaar",
              zin="stijgen in het laatste jaar {x} {r} volwassenen een trede",
              richting=("meer", "minder"),
              eigen_label="Inwoners die in het afgelopen jaar een trede stegen (per 100 "
                          "volwassenen)", eigen_eenheid="procent"),
    Indicator("stijging_trede_cum", "stijging_trede", "cumulatief",
              zin="zijn er {x} {r} stijgingen op de ladder", richting=("meer", "minder")),
    Indicator("stijging_trede_meervoudig_cum", "stijging_trede_meervoudig", "cumulatief",
              zin="zijn er {x} {r} stijgingen van cliënten met twee of meer belemmeringen",
              richting=("meer", "minder")),
    Indicator("uitstroom_naar_werk_cum", "uitstroom_naar_werk", "cumulatief",
              zin="stromen {x} {r} mensen uit de bijstand naar werk", richting=("meer", "minder")),
    Indicator("uitstroom_naar_werk_zorg_cum", "uitstroom_naar_werk_zorg", "cumulatief",
              zin="vinden {x} {r} mensen werk bij zorg- en Wmo-aanbieders",
              richting=("meer", "minder")),
    Indicator("wmo_clienten", "wmo_clienten",
              zin="zijn er {x} {r} Wmo-cliënten met een maatwerkvoorziening",
              richting=("meer", "minder")),
    Indicator("buiten_beeld", "buiten_beeld",
              zin="raken {x} {r} inwoners buiten beeld zonder bekend inkomen",
              richting=("meer", "minder")),
    Indicator("nieuwe_belemmeringen_12m", "nieuwe_belemmeringen", "jaar",
              zin="ontstaan in het laatste jaar {x} {r} nieuwe belemmeringen",
              richting=("meer", "minder")),
    *(Indicator(f"{k}_cum", k, "cumulatief") for k in KOSTENPOSTEN),
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
        rij: dict[str, float] = {"seed": seed, "maand": m}
        for ind in INDICATOREN:
            if ind.bewerking == "stand":
                rij[ind.naam] = float(nu[ind.kolom])
            elif ind.bewerking == "cumulatief":
                rij[ind.naam] = float(tot[ind.kolom].sum())
            else:
                rij[ind.naam] = float(jaar[ind.kolom].sum())
        rij["stijging_pct"] = 100.0 * rij["stijging_pct"] / max(volw, 1.0)
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
             basisnaam: str = "de basis",
             seeds: tuple[pd.DataFrame, pd.DataFrame] | None = None,
             midden: str = "de mediaan van het ensemble") -> str:
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
        seeds: With plausible worlds (``simulatie vergelijk --onzekerheid parameters``):
            the seed-only set's tijdreeks of the basis and of the variant; each interval is
            then the union with the seed-only one, as in ``vergelijking.csv``.
        midden: Where the seed-only set's parameters stand, in Dutch ("de standaardwaarden"
            with ``--onzekerheid effecten``).

    Returns:
        One paragraph of Dutch text.
    """
    if maand is None:
        maand = int(min(basis["maand"].max(), variant["maand"].max()))
    tabel = verschillen(basis, variant, maand, niveau)
    n = int(tabel["n"].iloc[0])
    jaren = maand / 12
    periode = (f"{_getal(jaren, 0)} jaar" if maand % 12 == 0 else f"{maand} maanden")
    if seeds is not None:
        alleen_toeval = verschillen(seeds[0], seeds[1], maand, niveau)
        tabel["verschil_laag"] = np.fmin(tabel["verschil_laag"],
                                         alleen_toeval["verschil_laag"])
        tabel["verschil_hoog"] = np.fmax(tabel["verschil_hoog"],
                                         alleen_toeval["verschil_hoog"])
        herkomst = (f"{n} plausibele werelden, dezelfde als voor {basisnaam}; intervallen "
                    f"inclusief het toeval bij {midden}" if n >= 2 else
                    "één plausibele wereld, dus zonder onzekerheidsinterval")
    elif n >= 2:
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
        delen = [f"{PER_NAAM[k].label.lower()} {'+' if r['verschil'] > 0 else '-'}"
                 f"{_bedrag(r['verschil'])}" for k, r in posten[:3]]
        kosten += "; de grootste verschuivingen: " + ", ".join(delen)
    zinnen.append(kosten + ".")
    if onduidelijk:
        zinnen.append("Geen duidelijk verschil (het interval omvat nul) in: "
                      + ", ".join(i.label for i, _ in onduidelijk) + ".")
    return " ".join(zinnen)
