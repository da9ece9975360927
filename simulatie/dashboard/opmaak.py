"""Dutch number formatting shared by the views, exports and slides.

Main functions: :func:`nl` (``12.345`` / ``4,95``), :func:`euro_mln` (``€ 1,2 mln``),
:func:`met_teken` (``+12`` / ``-3,5``) and :func:`kolom_getal` (a value of an output column).
"""

from __future__ import annotations


def nl(x: float, decimalen: int = 0) -> str:
    """A number in Dutch notation: ``12.345`` or ``4,95``."""
    tekst = f"{x:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def euro_mln(x: float, decimalen: int = 1) -> str:
    """Euro in millions with a Dutch decimal comma: ``€ 1,2 mln`` (``-€ 0,4 mln``)."""
    teken = "-" if x < 0 and round(abs(x) / 1e6, decimalen) > 0 else ""
    return f"{teken}€ {nl(abs(x) / 1e6, decimalen)} mln"


def met_teken(x: float, decimalen: int = 0) -> str:
    """A signed Dutch number: ``+12``, ``-3,5``, ``0``."""
    if round(x, decimalen) == 0:
        return nl(0, decimalen)
    return ("+" if x > 0 else "-") + nl(abs(x), decimalen)


def kolom_getal(kolom: str, waarde: float, teken: bool = False) -> str:
    """A value of an output column: euro in millions for money, two decimals for means.

    Args:
        kolom: Column name (``saldo_*`` and ``kosten_*`` are money, ``gemiddelde*`` means).
        waarde: The value.
        teken: Show the sign (a difference).
    """
    if kolom.startswith(("saldo_", "kosten_")):
        tekst = euro_mln(waarde)
        return ("+" + tekst) if teken and waarde > 0 else tekst
    decimalen = 2 if kolom.startswith("gemiddelde") else 0
    return met_teken(waarde, decimalen) if teken else nl(waarde, decimalen)
