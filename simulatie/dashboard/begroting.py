"""The municipality's money per year: budget, spending and balance per budget line.

The model books every euro on a line and computes the four budgets the municipality receives
(``budget_ideel``, ``budget_participatie``, ``budget_wmo``, ``budget_jeugd``) and their
balances (``saldo_*``, + is a surplus) per month. :func:`begroting` adds them up per year of
the run - the view a municipality's begroting takes - and :func:`begroting_html` shows that
table with surpluses in green and deficits in red. Costs outside the four budgets (execution
of work and income) are listed without a budget.

Main objects: :data:`POSTEN`, :func:`begroting`, :func:`begroting_html`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from simulatie.dashboard.indicatoren import BETER, SLECHTER
from simulatie.dashboard.opmaak import euro_mln


@dataclass(frozen=True)
class Post:
    """One line of the begroting.

    Attributes:
        sleutel: Short key (``ideel``, ``participatie``, ``wmo``, ``jeugd``, ``overig``).
        naam: Dutch name.
        budget: Budget column of the tijdreeks (None: no budget, spending only).
        saldo: Balance column (None: no budget).
        lasten: Spending column; None means budget - saldo (the Wmo line also carries the Wmo
            share of execution, which only the model splits off).
    """

    sleutel: str
    naam: str
    budget: str | None
    saldo: str | None
    lasten: str | None


POSTEN: tuple[Post, ...] = (
    Post("ideel", "I-deel (bijstandsuitkeringen)", "budget_ideel", "saldo_ideel",
         "kosten_uitkeringen"),
    Post("participatie", "Participatiebudget (re-integratie)", "budget_participatie",
         "saldo_participatie", "kosten_reintegratie"),
    Post("wmo", "Wmo (individueel, collectief, uitvoering Wmo)", "budget_wmo", "saldo_wmo",
         None),
    Post("jeugd", "Jeugdwet (jeugdhulp)", "budget_jeugd", "saldo_jeugd", "kosten_jeugd"),
)


def begroting(tijdreeks: pd.DataFrame) -> pd.DataFrame:
    """Budget, spending and balance per line per year (months 1-12 are year 1).

    A year not yet complete is summed over its months so far (column ``maanden``).

    Args:
        tijdreeks: One run's monthly outputs (months 0..now).

    Returns:
        One row per year and line: ``jaar``, ``maanden``, ``post``, ``budget``, ``lasten``,
        ``saldo`` (euro), plus a row ``totaal`` per year over the four budgets. Empty (with
        these columns) before month 1.
    """
    kolommen = ["jaar", "maanden", "post", "budget", "lasten", "saldo"]
    df = tijdreeks[tijdreeks["maand"] > 0]
    if df.empty:
        return pd.DataFrame(columns=kolommen)
    jaar = (df["maand"] - 1) // 12 + 1
    rijen = []
    for j, g in df.groupby(jaar, sort=True):
        totaal = {"budget": 0.0, "lasten": 0.0, "saldo": 0.0}
        for post in POSTEN:
            budget = float(g[post.budget].sum())
            saldo = float(g[post.saldo].sum())
            lasten = float(g[post.lasten].sum()) if post.lasten else budget - saldo
            rijen.append({"jaar": int(j), "maanden": len(g), "post": post.naam,
                          "budget": budget, "lasten": lasten, "saldo": saldo})
            for k, v in (("budget", budget), ("lasten", lasten), ("saldo", saldo)):
                totaal[k] += v
        rijen.append({"jaar": int(j), "maanden": len(g), "post": "Totaal vier budgetten",
                      **totaal})
    return pd.DataFrame(rijen, columns=kolommen)


def saldo_per_jaar(tijdreeks: pd.DataFrame, post: str = "ideel") -> pd.Series:
    """Balance of one line per year (index ``jaar``), euro."""
    naam = next(p.naam for p in POSTEN if p.sleutel == post)
    b = begroting(tijdreeks)
    return b[b["post"] == naam].set_index("jaar")["saldo"]


def _cel(waarde: float, kleur: bool = False) -> str:
    stijl = "text-align:right;padding:2px 8px;white-space:nowrap"
    if kleur and waarde:
        stijl += f";color:{BETER if waarde > 0 else SLECHTER};font-weight:600"
    teken = "+" if kleur and waarde > 0 else ""
    return f"<td style='{stijl}'>{teken}{euro_mln(waarde)}</td>"


def begroting_html(tabel: pd.DataFrame, klasse: str = "dash-begroting") -> str:
    """The begroting as an HTML table: lines down, years across.

    A balance is green when it is a surplus and red when it is a deficit, with its sign
    written out (not colour alone).
    """
    if tabel.empty:
        return "<div>Nog geen maand gerekend: de begroting verschijnt na maand 1.</div>"
    jaren = sorted(tabel["jaar"].unique())
    maanden = tabel.groupby("jaar")["maanden"].first()
    kop = "".join(
        f"<th style='text-align:right;padding:2px 8px'>Jaar {j}"
        + (f" ({maanden[j]} mnd)" if maanden[j] < 12 else "") + "</th>" for j in jaren)
    regels = [f"<tr><th style='text-align:left;padding:2px 8px'>Post</th>{kop}</tr>"]
    for post in [*(p.naam for p in POSTEN), "Totaal vier budgetten"]:
        deel = tabel[tabel["post"] == post].set_index("jaar")
        dik = "font-weight:600;" if post.startswith("Totaal") else ""
        regels.append(f"<tr style='border-top:1px solid #ccc;{dik}'><td colspan="
                      f"{len(jaren) + 1} style='padding:4px 8px 0'>{html.escape(post)}</td></tr>")
        for soort, naam in (("budget", "budget"), ("lasten", "lasten"), ("saldo", "saldo")):
            cellen = "".join(_cel(float(deel.loc[j, soort]), soort == "saldo") for j in jaren)
            regels.append(f"<tr><td style='padding:0 8px 0 20px;color:#555'>{naam}</td>"
                          f"{cellen}</tr>")
    return (f"<table class='{klasse}' style='border-collapse:collapse;font-size:0.85em'>"
            + "".join(regels) + "</table>")
