"""Bytes for the download buttons: every chart as PNG and its table as CSV.

Main functions: :func:`png`, :func:`csv`, :func:`bestandsnaam`. The page passes these as lazy
callables to ``solara.FileDownload``, so nothing is rendered until a participant clicks.
"""

from __future__ import annotations

import io
import re

import pandas as pd
from matplotlib.figure import Figure

#: Resolution of exported PNG files (the screen uses less).
EXPORT_DPI = 150


def png(figuur: Figure, dpi: int = EXPORT_DPI) -> bytes:
    """The figure as PNG bytes (white background, margins kept)."""
    buffer = io.BytesIO()
    figuur.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def csv(tabel: pd.DataFrame, nederlands: bool = True) -> bytes:
    """The table as CSV with Dutch column labels (and units), no index.

    Args:
        tabel: The table behind a chart.
        nederlands: Semicolon-separated with a decimal comma and a UTF-8 byte-order mark, as
            Dutch Excel opens it (default); False gives comma-separated with a decimal point.
    """
    from simulatie.dashboard.indicatoren import kolomlabels

    tabel = tabel.rename(columns=kolomlabels(list(tabel.columns)))
    if nederlands:
        return tabel.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    return tabel.to_csv(index=False).encode("utf-8")


def lees_csv(data: bytes) -> pd.DataFrame:
    """Read a CSV written by :func:`csv` (Dutch notation) back into a table."""
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")


def bestandsnaam(*delen: object, extensie: str) -> str:
    """A safe file name from parts, e.g. ``kosten_cumulatief_A_maand12.csv``."""
    stam = "_".join(str(d) for d in delen if d not in (None, ""))
    stam = re.sub(r"[^A-Za-z0-9_.-]+", "-", stam).strip("-_")
    return f"{stam}.{extensie}"
