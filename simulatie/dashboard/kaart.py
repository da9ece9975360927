"""Schematic map of the wijken: one hexagon per wijk, coloured by an indicator.

The model has no geography, so the wijken ("Wijk 1" .. "Wijk n") are laid out as a honeycomb
in reading order. Main objects: :data:`WIJK_INDICATOREN`, :func:`hex_centra`,
:class:`KaartTekenaar`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import RegularPolygon

from simulatie.dashboard.tekenen import BREEDTE, DPI, GETAL, Blitter, mooie_grenzen

#: Indicators a participant can colour the map by: column -> Dutch label.
WIJK_INDICATOREN = {
    "gemiddelde_trede": "gemiddelde trede (18 jaar tot AOW)",
    "aandeel_isolement": "aandeel sociaal geïsoleerd (18+)",
    "wmo_per_1000": "Wmo-clienten per 1.000 inwoners",
}
#: Colour map per indicator: high trede is good (blue), isolation and Wmo use are "warm".
_KLEURENSCHAAL = {"gemiddelde_trede": "RdYlBu", "aandeel_isolement": "OrRd",
                  "wmo_per_1000": "YlGn"}
#: Part of the colour map used: light enough for black text on every hexagon.
_BEREIK = (0.12, 0.82)


def hex_centra(n: int) -> np.ndarray:
    """Centres of ``n`` pointy-top hexagons of radius 1 in a roughly square honeycomb.

    Returns:
        Array of shape ``(n, 2)``; row ``i`` is the centre of "Wijk i+1".
    """
    kolommen = max(1, math.ceil(math.sqrt(n * 1.3)))
    rij, kol = np.divmod(np.arange(n), kolommen)
    x = math.sqrt(3) * (kol + 0.5 * (rij % 2))
    y = -1.5 * rij
    return np.column_stack([x, y])


def _tekst(waarde: float, indicator: str) -> str:
    if indicator == "aandeel_isolement":
        return f"{100 * waarde:.0f}%"
    if indicator == "wmo_per_1000":
        return f"{waarde:.0f}"
    return f"{waarde:.2f}".replace(".", ",")


class KaartTekenaar(Blitter):
    """Draws the hex tile map and updates colours and values in place.

    Args:
        indicator: Key of :data:`WIJK_INDICATOREN`.
        titel: Chart title (the suptitle starts with it).
        breedte: Figure width in inches.
        dpi: Resolution.
        live: Blit for the screen (see :class:`~simulatie.dashboard.tekenen.Blitter`).
    """

    def __init__(self, indicator: str, titel: str = "Wijken", breedte: float = BREEDTE,
                 dpi: int = DPI, live: bool = False) -> None:
        """Remember the choice; the figure is built on the first :meth:`teken`."""
        super().__init__(live)
        self.indicator = indicator
        self.titel = titel
        self.breedte = breedte
        self.dpi = dpi
        self._n = -1

    def _bouw(self, namen: list[str]) -> None:
        n = len(namen)
        centra = hex_centra(n)
        fig = Figure(figsize=(self.breedte, 4.4), dpi=self.dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.02, 0.02, 0.8, 0.84))
        cax = fig.add_axes((0.86, 0.12, 0.025, 0.64))
        self.bewegend = []
        self._grenzen: tuple[float, float] | None = None
        self._norm = Normalize(0, 1)
        volledig = colormaps[_KLEURENSCHAAL.get(self.indicator, "viridis")]
        self._kaart = ListedColormap(volledig(np.linspace(*_BEREIK, 256)))
        hexen = [RegularPolygon((x, y), numVertices=6, radius=0.98) for x, y in centra]
        self._coll = PatchCollection(hexen, cmap=self._kaart, norm=self._norm,
                                     edgecolor="white", linewidth=1.5)
        self._coll.set_array(np.zeros(n))
        ax.add_collection(self._coll)
        self._beweeg(self._coll)
        klein = n > 30
        # one two-line label per wijk (name and value): half the text objects to redraw
        self._namen = list(namen)
        self._labels = [self._beweeg(ax.text(x, y, naam, ha="center", va="center",
                                             fontsize=6 if klein else 8.5, linespacing=1.6))
                        for (x, y), naam in zip(centra, namen, strict=True)]
        ax.set_xlim(centra[:, 0].min() - 1.2, centra[:, 0].max() + 1.2)
        ax.set_ylim(centra[:, 1].min() - 1.3, centra[:, 1].max() + 1.3)
        ax.set_aspect("equal", adjustable="box")
        ax.axis("off")
        self._balk = fig.colorbar(self._coll, cax=cax,
                                  label=WIJK_INDICATOREN.get(self.indicator, self.indicator))
        cax.tick_params(labelsize=8)
        cax.yaxis.set_major_formatter(GETAL)
        cax.yaxis.label.set_size(8)
        self._kop = self._maak_kop(fig, self.titel)
        self.figuur, self._n, self.vuil = fig, n, True

    def teken(self, tabel: pd.DataFrame, kop: str = "", horizon: int = 0) -> Figure:
        """Colour the map by ``tabel[indicator]`` (one row per wijk, column ``naam``).

        Args:
            tabel: Indicators per wijk.
            kop: Text after the title.
            horizon: Unused (same signature as the time-series charts).

        Returns:
            The (updated) figure.
        """
        with self._slot:
            if self.figuur is None or self._n != len(tabel):
                self._bouw(list(tabel["naam"]))
            waarden = tabel[self.indicator].to_numpy(dtype=float)
            ticks = mooie_grenzen(float(np.nanmin(waarden)), float(np.nanmax(waarden)),
                                  self._grenzen, nul=False)
            if ticks is not None:
                self._grenzen = (float(ticks[0]), float(ticks[-1]))
                self._norm.vmin, self._norm.vmax = self._grenzen
                self._balk.update_normal(self._coll)
                self.vuil = True
            self._coll.set_array(waarden)
            for tekst, naam, w in zip(self._labels, self._namen, waarden, strict=True):
                tekst.set_text(f"{naam}\n{_tekst(w, self.indicator)}")
            self._zet_kop(f"{self.titel} - {kop}" if kop else self.titel)
            return self.figuur
