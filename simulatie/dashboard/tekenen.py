"""Fast redrawing of charts: declare panels once, update their data every month.

Main objects:
    * :class:`Reeks` and :class:`Paneel` - a chart declared as data: which columns, drawn how
      (lines, stacked areas, or a difference as filled bars), with Dutch labels.
    * :class:`Blitter` - base of the drawers. A *live* drawer (one per chart per browser session)
      keeps the rendered background (axes, ticks, legend) as a bitmap and per month draws only
      the data artists and the title onto it (matplotlib blitting); the background is redrawn
      only when the axis limits change. Axis limits move in "nice" steps and only when the data
      leave them or use less than half of them, so most months need no full redraw.
    * :class:`PaneelTekenaar` - a chart of stacked time-series panels. The x-axis spans the whole
      horizon from month 0, so the chart fills in while the simulation runs.

A non-live drawer (exports, tests) draws a normal figure that ``savefig`` writes completely.

:func:`op_tekendraad` runs drawing on one long-lived thread: matplotlib caches loaded fonts per
thread, and the web server handles events on changing threads, so drawing there reloaded the
fonts for every frame (tens of milliseconds).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from matplotlib.transforms import IdentityTransform
from PIL import Image

#: The one thread all dashboard drawing runs on (see :func:`op_tekendraad`). It holds no
#: session data: every call brings its own figure.
_TEKENDRAAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tekenen")


def op_tekendraad[T](functie: Callable[..., T], *args: object) -> T:
    """Run ``functie(*args)`` on the drawing thread and return its result.

    Drawing is serialised anyway (the GIL); on one thread matplotlib's per-thread font cache
    stays warm.
    """
    if threading.current_thread().name.startswith("tekenen"):
        return functie(*args)
    return _TEKENDRAAD.submit(functie, *args).result()


#: Screen resolution of the live charts (dots per inch); exports use more.
DPI = 80
#: Width of every chart in inches.
BREEDTE = 8.8


def getal(x: float, _pos: int | None = None) -> str:
    """Dutch number format for axis ticks: ``12.500``, ``0,25``."""
    if abs(x) >= 100 or abs(x - round(x)) < 1e-9:
        return f"{x:,.0f}".replace(",", ".")
    return f"{x:.3g}".replace(".", ",")


GETAL = FuncFormatter(getal)


#: Headroom of the first limits of a level series, as a share of its range.
EERSTE_MARGE = 0.05


def mooie_grenzen(lo: float, hi: float, huidig: tuple[float, float] | None,
                  nul: bool = True, ruimte: float = 0.5,
                  groei: float | None = None) -> np.ndarray | None:
    """New "nice" tick positions when ``[lo, hi]`` no longer fits the current limits well.

    Args:
        lo: Smallest data value.
        hi: Largest data value.
        huidig: Current axis limits (None: none yet).
        nul: Always include zero.
        ruimte: Headroom added (as a share of the data range) when the limits must move.
        groei: For series that keep growing (cumulative): the factor by which they will
            still grow (horizon / month). New limits then cover the projected growth (at most
            2.5 times the data) and shrink only below 15% use, so a cumulative chart needs new
            limits only a few times.

    Returns:
        Tick positions whose first and last are the new limits, or None to keep the limits
        (the data fit and use at least a quarter of the current span). The first limits leave
        :data:`EERSTE_MARGE` of headroom, so a level that barely moves (the ladder) keeps them;
        later ones leave ``ruimte`` in the direction of growth.
    """
    if not (np.isfinite(lo) and np.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if nul:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < 1e-9:
        lo, hi = (lo - 0.5, hi + 0.5) if not nul else (lo, hi + 1.0)
    if groei is not None:
        if huidig is not None and huidig[0] <= lo and hi <= huidig[1] and (
                hi - lo) >= 0.15 * (huidig[1] - huidig[0]):
            return None
        factor = min(max(1.0 + ruimte, groei), 2.5)
        return MaxNLocator(nbins=5).tick_values(lo * factor if lo < 0 else lo,
                                                hi * factor if hi > 0 else hi)
    bereik = hi - lo
    if huidig is None:
        hi += EERSTE_MARGE * bereik if hi > 0 else 0.0
        lo -= EERSTE_MARGE * bereik if lo < 0 else 0.0
    else:
        a, b = huidig
        if a <= lo and hi <= b and (hi - lo) >= 0.25 * (b - a):
            return None
        # growing series (cumulative costs) would otherwise need new limits every month
        if hi > b:
            hi += ruimte * bereik
        if lo < a:
            lo -= ruimte * bereik
    return MaxNLocator(nbins=5).tick_values(lo, hi)


def x_ticks(horizon: int) -> np.ndarray:
    """Month ticks: every year (every 2, 5 years for long horizons)."""
    stap = next(s for s in (3, 6, 12, 24, 60, 120) if horizon / s <= 12)
    return np.arange(0, horizon + 1, stap)


class Blitter:
    """Renders a figure to PNG, redrawing only the animated artists when the rest is unchanged.

    Subclasses build ``self.figuur`` and register the artists that change every month in
    ``self.bewegend`` (marked animated when live); they set ``self.vuil`` when anything else
    changed (title, colour bar, x-axis), or add an axes to ``self.vuile_assen`` when only its
    limits changed: then only that axes is redrawn into the background, without its title and
    legend (they do not depend on the limits, and text is the dearest part of a redraw).

    Args:
        live: Keep a background bitmap and blit (screen); False draws plain figures (export).
    """

    def __init__(self, live: bool = False) -> None:
        """Start without a figure."""
        self.live = live
        self.figuur: Figure | None = None
        self.bewegend: list = []
        self.vuil = True
        self.vuile_assen: set[Axes] = set()
        self._achtergrond = None
        self._slot = threading.RLock()

    def _beweeg(self, artiest):
        """Register an artist that changes every month; returns it."""
        if self.live:
            artiest.set_animated(True)
        self.bewegend.append(artiest)
        return artiest

    def _maak_kop(self, fig: Figure, titel: str):
        """The chart title (suptitle).

        Live, it belongs to the background, not to the artists redrawn every month: drawing
        text is the dearest part of a blit (py-spy: about half of it), so the screen title
        carries no month (the page shows the month above the chart).
        """
        kop = fig.suptitle(titel, fontsize=11, x=0.01, ha="left")
        return kop if self.live else self._beweeg(kop)

    def _zet_kop(self, tekst: str) -> None:
        """Set the title text; live, a changed title means redrawing the background."""
        if tekst != self._kop.get_text():
            self._kop.set_text(tekst)
            self.vuil = self.vuil or self.live

    def png(self) -> bytes:
        """The current picture as PNG (fast compression; the background is reused if clean).

        Live frames are palette PNGs; exports are full-colour.
        """
        with self._slot:
            fig = self.figuur
            if fig is None:
                raise RuntimeError("nothing drawn yet: call teken() first")
            canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else \
                FigureCanvasAgg(fig)
            if not self.live:
                buffer = io.BytesIO()
                fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
                return buffer.getvalue()
            if self.vuil or self._achtergrond is None:
                canvas.draw()
                self._achtergrond = canvas.copy_from_bbox(fig.bbox)
            else:
                canvas.restore_region(self._achtergrond)
                if self.vuile_assen:
                    for ax in self.vuile_assen:
                        _herteken(ax, canvas.get_renderer())
                    self._achtergrond = canvas.copy_from_bbox(fig.bbox)
            self.vuil = False
            self.vuile_assen.clear()
            for artiest in self.bewegend:
                fig.draw_artist(artiest)
            breedte, hoogte = canvas.get_width_height()
            beeld = Image.frombuffer("RGBA", (breedte, hoogte), canvas.buffer_rgba(),
                                     "raw", "RGBA", 0, 1).convert("RGB")
            # 256 colours (a chart has a few hundred, mostly anti-aliasing shades): encoding
            # takes 3 ms instead of 5 and the frame is 8 kB instead of 20 (each participant
            # receives one per month); no pixel is off by more than 14 of 255.
            beeld = beeld.quantize(256, method=Image.Quantize.FASTOCTREE)
            buffer = io.BytesIO()
            beeld.save(buffer, format="png", compress_level=1)
            return buffer.getvalue()


def _herteken(ax: Axes, renderer) -> None:
    """Redraw one axes after its y-limits changed, over its old picture.

    Only what the y-limits move is redrawn: the axes with its grid, the y tick labels and the
    y label. Titles, legend, x tick labels and x label stay as they are (text is the dearest
    part of a redraw). First their area is painted with the figure's background colour, on
    whole pixels so no old pixel shines through at an edge: the margin left of the axes up to
    the figure's edge (the y label moves with the width of the tick labels), and the axes
    itself down to the end of its x tick marks.
    """
    vast = [t for t in (ax.title, ax._left_title, ax._right_title, ax.get_legend(),
                        ax.xaxis.label, *(t.label1 for t in ax.xaxis.get_major_ticks()))
            if t is not None and t.get_visible()]
    for t in vast:
        t.set_visible(False)
    try:
        fig = ax.get_figure(root=True)
        streepje = max((t.tick1line.get_markersize() for t in ax.xaxis.get_major_ticks()),
                       default=0.0) * fig.dpi / 72
        vak, assen = ax.get_tightbbox(renderer), ax.bbox
        links = np.floor(assen.x0)
        for x0, x1, y0, y1 in (
                (0.0, links, vak.y0 - 1, vak.y1 + 1),
                (links - 1, vak.x1 + 1, assen.y0 - streepje - 1, assen.y1 + 2)):
            x0, y0, x1, y1 = np.floor(x0), np.floor(y0), np.ceil(x1), np.ceil(y1)
            Rectangle((x0, y0), x1 - x0, y1 - y0, transform=IdentityTransform(), figure=fig,
                      facecolor=fig.get_facecolor(), edgecolor="none",
                      antialiased=False).draw(renderer)
        ax.draw(renderer)
    finally:
        for t in vast:
            t.set_visible(True)


@dataclass(frozen=True)
class Reeks:
    """One series of a panel.

    Attributes:
        kolom: Column of the table.
        label: Dutch legend label.
        kleur: Colour.
        stijl: Line style for lines.
    """

    kolom: str
    label: str
    kleur: str
    stijl: str = "-"


@dataclass(frozen=True)
class Paneel:
    """One axes of a chart.

    Attributes:
        reeksen: The series.
        soort: ``"lijn"`` (lines), ``"stapel"`` (stacked areas, first series at the bottom) or
            ``"verschil"`` (one series as positive/negative filled bars around zero).
        ylabel: Y-axis label.
        titel: Small title above the axes.
        schaal: Display multiplier (1e-6 for millions of euro).
        referentie: Y value of a dashed reference line (e.g. 100% caseload).
        legenda: Whether to show a legend (right of the axes).
        legenda_titel: Title of the legend.
        groeit: The series keep growing (cumulative): limits are set for the projected end.
        beter: For a ``"verschil"`` panel: the direction that is better (``"hoger"``,
            ``"lager"``) colours the bars green (better) and red (worse), with the word in the
            legend; None colours them neutrally.
        band: For a ``"verschil"`` panel: columns (low, high) of an uncertainty band drawn
            behind the bars (missing or NaN: no band).
    """

    reeksen: tuple[Reeks, ...]
    soort: str = "lijn"
    ylabel: str = ""
    titel: str = ""
    schaal: float = 1.0
    referentie: float | None = None
    legenda: bool = True
    legenda_titel: str = ""
    groeit: bool = False
    beter: str | None = None
    band: tuple[str, str] | None = None


class PaneelTekenaar(Blitter):
    """Draws a chart of stacked time-series panels and updates it in place.

    Args:
        panelen: The panels, top to bottom.
        titel: Chart title (the suptitle starts with it).
        hoogte: Figure height in inches (default from the number of panels).
        dpi: Resolution.
        live: Blit for the screen (see :class:`Blitter`).
    """

    def __init__(self, panelen: tuple[Paneel, ...], titel: str, hoogte: float | None = None,
                 dpi: int = DPI, live: bool = False) -> None:
        """Remember the declaration; the figure is built on the first :meth:`teken`."""
        super().__init__(live)
        self.panelen = panelen
        self.titel = titel
        self.hoogte = hoogte or (3.6 if len(panelen) == 1 else 2.3 * len(panelen) + 0.4)
        self.dpi = dpi
        self._artiesten: list[list] = []
        self._horizon = -1

    def _bouw(self) -> None:
        legendes = any(p.legenda and len(p.reeksen) > 1 for p in self.panelen)
        breed_label = max((len(r.label) for p in self.panelen for r in p.reeksen
                           if len(p.reeksen) > 1), default=0)
        rechts = 0.97 if not legendes else max(0.66, 0.9 - 0.0105 * breed_label)
        fig = Figure(figsize=(BREEDTE, self.hoogte), dpi=self.dpi)
        FigureCanvasAgg(fig)
        assen = fig.subplots(len(self.panelen), 1, sharex=True, squeeze=False)[:, 0]
        een = len(self.panelen) == 1
        fig.subplots_adjust(left=0.09, right=rechts, top=0.86 if een else 0.9,
                            bottom=0.14 if een else 0.09, hspace=0.45)
        self._artiesten, self.bewegend = [], []
        self._grenzen: list[tuple[float, float] | None] = [None] * len(self.panelen)
        x0 = np.zeros(1)
        for ax, paneel in zip(assen, self.panelen, strict=True):
            ax.grid(True, axis="y", alpha=0.3, linewidth=0.6)
            ax.spines[["top", "right"]].set_visible(False)
            ax.yaxis.set_major_formatter(GETAL)
            ax.tick_params(labelsize=8)
            ax.set_ylabel(paneel.ylabel, fontsize=9)
            if paneel.titel:
                ax.set_title(paneel.titel, fontsize=9, loc="left")
            if paneel.referentie is not None:
                ax.axhline(paneel.referentie, color="#999999", linewidth=1, linestyle="--")
            artiesten: list = []
            if paneel.soort == "stapel":
                for r in paneel.reeksen:
                    artiesten.append(ax.fill_between(x0, x0, x0, color=r.kleur, linewidth=0,
                                                     label=r.label))
            elif paneel.soort == "verschil":
                r = paneel.reeksen[0]
                hoog, laag = _verschil_kleuren(paneel.beter)
                artiesten.append(ax.fill_between(x0, x0, x0, color=hoog[0], linewidth=0,
                                                 step="mid", label=f"{r.label} hoger{hoog[1]}"))
                artiesten.append(ax.fill_between(x0, x0, x0, color=laag[0], linewidth=0,
                                                 step="mid", label=f"{r.label} lager{laag[1]}"))
                if paneel.band is not None:
                    artiesten.append(ax.fill_between(x0, x0, x0, color="#000000", alpha=0.12,
                                                     linewidth=0, label="band over seeds"))
                ax.axhline(0, color="#333333", linewidth=0.8)
            else:
                for r in paneel.reeksen:
                    (lijn,) = ax.plot(x0, x0, color=r.kleur, linestyle=r.stijl, linewidth=1.8,
                                      label=r.label)
                    artiesten.append(lijn)
            if paneel.legenda and len(artiesten) > 1:
                handles, labels = ax.get_legend_handles_labels()
                if paneel.soort == "stapel":
                    handles, labels = handles[::-1], labels[::-1]
                ax.legend(handles, labels, loc="center left", bbox_to_anchor=(1.01, 0.5),
                          fontsize=8, frameon=False, title=paneel.legenda_titel or None,
                          title_fontsize=8)
            for a in artiesten:
                self._beweeg(a)
            self._artiesten.append(artiesten)
        assen[-1].set_xlabel("maand", fontsize=9)
        self._kop = self._maak_kop(fig, self.titel)
        self.assen = list(assen)
        self.figuur = fig
        self.vuil = True

    def teken(self, tabel: pd.DataFrame, kop: str = "", horizon: int = 120) -> Figure:
        """Draw ``tabel`` (column ``maand`` plus the series' columns) into the figure.

        Args:
            tabel: The data, one row per month.
            kop: Text after the title (municipality, variant, month).
            horizon: Last month on the x-axis.

        Returns:
            The (updated) figure.
        """
        with self._slot:
            if self.figuur is None:
                self._bouw()
            x = tabel["maand"].to_numpy(dtype=float)
            horizon = max(horizon, int(x.max()) if len(x) else 1)
            if horizon != self._horizon:
                self.assen[-1].set_xlim(0, horizon)
                self.assen[-1].xaxis.set_major_locator(FixedLocator(x_ticks(horizon)))
                self._horizon, self.vuil = horizon, True
            for i, (ax, paneel, artiesten) in enumerate(zip(self.assen, self.panelen,
                                                            self._artiesten, strict=True)):
                waarden = [tabel[r.kolom].to_numpy(dtype=float) * paneel.schaal
                           for r in paneel.reeksen]
                if paneel.band is not None:
                    waarden += [(tabel[k].to_numpy(dtype=float) if k in tabel.columns
                                 else np.full(len(x), np.nan)) * paneel.schaal
                                for k in paneel.band]
                lo, hi = self._werk_bij(paneel, artiesten, x, waarden)
                # differences wander around zero: give them room to move
                ticks = mooie_grenzen(lo, hi, self._grenzen[i],
                                      ruimte=1.0 if paneel.soort == "verschil" else 0.5,
                                      groei=horizon / max(1.0, x.max()) if paneel.groeit
                                      and len(x) else None)
                if ticks is not None:
                    self._grenzen[i] = (float(ticks[0]), float(ticks[-1]))
                    ax.set_ylim(*self._grenzen[i])
                    ax.yaxis.set_major_locator(FixedLocator(ticks))
                    self.vuile_assen.add(ax)
            self._zet_kop(f"{self.titel} - {kop}" if kop else self.titel)
            return self.figuur

    @staticmethod
    def _werk_bij(paneel: Paneel, artiesten: list, x: np.ndarray,
                  waarden: list[np.ndarray]) -> tuple[float, float]:
        """Update the artists of one panel; returns the data's (min, max)."""
        if not len(x):
            return 0.0, 1.0
        if paneel.soort == "stapel":
            onder = np.zeros_like(x)
            for coll, w in zip(artiesten, waarden, strict=True):
                boven = onder + np.nan_to_num(w)
                _zet_vlak(coll, x, onder, boven)
                onder = boven
            return 0.0, float(onder.max())
        if paneel.soort == "verschil":
            w = np.nan_to_num(waarden[0])
            _zet_vlak(artiesten[0], x, np.zeros_like(x), np.maximum(w, 0))
            _zet_vlak(artiesten[1], x, np.zeros_like(x), np.minimum(w, 0))
            lo, hi = float(w.min()), float(w.max())
            if paneel.band is not None:
                onder, boven = waarden[1], waarden[2]
                zichtbaar = np.isfinite(onder) & np.isfinite(boven)
                onder = np.where(zichtbaar, onder, 0.0)
                boven = np.where(zichtbaar, boven, 0.0)
                _zet_vlak(artiesten[2], x, onder, boven)
                if zichtbaar.any():
                    lo, hi = min(lo, float(onder.min())), max(hi, float(boven.max()))
            return lo, hi
        for lijn, w in zip(artiesten, waarden, strict=True):
            lijn.set_data(x, w)
        alles = np.concatenate(waarden)
        alles = alles[np.isfinite(alles)]
        if paneel.referentie is not None:
            alles = np.append(alles, paneel.referentie)
        return (float(alles.min()), float(alles.max())) if len(alles) else (0.0, 1.0)


def _verschil_kleuren(beter: str | None) -> tuple[tuple[str, str], tuple[str, str]]:
    """(colour, legend suffix) of positive and negative differences for a direction."""
    goed, slecht = ("#1a9641", " (beter)"), ("#d7191c", " (slechter)")
    if beter == "hoger":
        return goed, slecht
    if beter == "lager":
        return slecht, goed
    return ("#f28e2b", ""), ("#4e79a7", "")


def _zet_vlak(coll, x: np.ndarray, f1: np.ndarray, f2: np.ndarray) -> None:
    """Set the data of a fill_between collection (matplotlib >= 3.10: ``set_data``)."""
    if hasattr(coll, "set_data"):
        coll.set_data(x, f1, f2)
        return
    verts = np.concatenate([np.column_stack([x, f1]), np.column_stack([x, f2])[::-1]])
    coll.set_verts([verts])
