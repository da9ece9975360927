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


def csv(tabel: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (comma separated, point as decimal mark, no index)."""
    return tabel.to_csv(index=False).encode("utf-8")


def bestandsnaam(*delen: object, extensie: str) -> str:
    """A safe file name from parts, e.g. ``kosten_cumulatief_A_maand12.csv``."""
    stam = "_".join(str(d) for d in delen if d not in (None, ""))
    stam = re.sub(r"[^A-Za-z0-9_.-]+", "-", stam).strip("-_")
    return f"{stam}.{extensie}"
