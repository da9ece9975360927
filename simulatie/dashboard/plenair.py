"""The plenary picture: every team side by side, with uncertainty bands, for the projector.

One matplotlib figure of small panels: the three budget balances (cumulative, million euro),
trede 1 (its own line, so a rise on the lowest rung is never a sliver in a stack), the mean
rung, the bijstand stock, Wmo clients and people out of view. Each team is one colour; its
band spans its main run and the replications on other seeds (as many as have come back); the
run without policy is the dashed grey line. Round starts are dotted vertical lines.

Main objects: :data:`PANELEN`, :func:`reeks`, :class:`PlenairBeeld` (kept between draws on
the projector page) and :func:`teken_plenair` (a new figure, for slides).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from simulatie.dashboard.indicatoren import beter, label
from simulatie.dashboard.tekenen import GETAL, x_ticks

#: Panels: column, title, cumulative (sum over months 1..t), scale.
PANELEN: tuple[tuple[str, str, bool, float], ...] = (
    ("saldo_ideel", "Saldo I-deel, cum. (mln €)", True, 1e-6),
    ("saldo_participatie", "Saldo participatie, cum. (mln €)", True, 1e-6),
    ("saldo_wmo", "Saldo Wmo, cum. (mln €)", True, 1e-6),
    ("trede_1", "Trede 1 (geïsoleerd)", False, 1.0),
    ("gemiddelde_trede", "Gemiddelde trede (18-AOW)", False, 1.0),
    ("bijstand", "Bijstandsbestand", False, 1.0),
    ("wmo_clienten", "Wmo-cliënten (maatwerk)", False, 1.0),
    ("buiten_beeld", "Buiten beeld (cumulatief)", False, 1.0),
)
#: Team colours (tab10 without grey, which marks "geen beleid").
TEAMKLEUREN = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
               "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")


def teamkleur(i: int) -> str:
    """Colour of the i-th team."""
    return TEAMKLEUREN[i % len(TEAMKLEUREN)]


def reeks(tijdreeks: pd.DataFrame, kolom: str, cumulatief: bool, tot: int) -> tuple[np.ndarray,
                                                                                  np.ndarray]:
    """Months 0..``tot`` and the values of a column (summed over months 1..t if cumulative).

    On the column's numpy array, not a filtered copy of the frame: a draw of the projector's
    picture asks for some 450 of these (pandas' filtering took half of the draw).
    """
    maand = tijdreeks["maand"].to_numpy()
    hier = maand <= tot
    x = maand[hier]
    y = tijdreeks[kolom].to_numpy(dtype=float)[hier]
    if cumulatief:
        y = np.cumsum(np.where(x > 0, y, 0.0))
    return x, y


class PlenairBeeld:
    """The plenary figure, kept between draws.

    Axes, titles, grid and round lines are set up once; each draw replaces only the runs (half
    of a draw's cost was building the axes).

    Args:
        horizon: Last month (the x-axis spans 0..horizon).
        starts: First month of each round (dotted lines).
        breedte: Width in inches.
        dpi: Resolution.
    """

    def __init__(self, horizon: int, starts: tuple[int, ...] = (0,), breedte: float = 13.0,
                 dpi: int = 80) -> None:
        """Build the figure and its empty panels."""
        self.horizon = horizon
        self.fig = Figure(figsize=(breedte, 6.4), dpi=dpi)
        FigureCanvasAgg(self.fig)
        self.assen = self.fig.subplots(2, 4, sharex=True).ravel()
        self.fig.subplots_adjust(left=0.05, right=0.985, top=0.86, bottom=0.09, hspace=0.38,
                                 wspace=0.3)
        for ax, (kolom, paneeltitel, _, _) in zip(self.assen, PANELEN, strict=True):
            richting = beter(kolom)
            pijl = {"hoger": " ↑ beter", "lager": " ↓ beter"}.get(richting or "", "")
            ax.set_title(paneeltitel + pijl, fontsize=8.5, loc="left")
            ax.grid(True, axis="y", alpha=0.3, linewidth=0.6)
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(labelsize=7.5)
            ax.yaxis.set_major_formatter(GETAL)
            for s in starts[1:]:
                ax.axvline(s, color="#999999", linewidth=0.8, linestyle=":")
            ax.set_xlim(0, horizon)
            ax.set_xticks(x_ticks(horizon))
        for ax in self.assen[4:]:
            ax.set_xlabel("maand", fontsize=8)
        self._runs: list = []  # the artists of the last draw
        self._titel = self.fig.suptitle("", x=0.01, ha="left", fontsize=12)
        self._band = self.fig.text(0.01, 0.905, "", fontsize=8, color="#555555")

    def teken(self, teams: list[tuple[str, list[pd.DataFrame]]],
              referentie: list[pd.DataFrame], tot: int | None = None, titel: str = "") -> Figure:
        """Draw every team's runs up to month ``tot`` (replacing the previous draw).

        Args:
            teams: (team name, runs) with the main run first; a team without runs is skipped.
            referentie: Runs without policy (main run first); may be empty.
            tot: Show months up to this one (replaying month by month); default the horizon.
            titel: Figure title.

        Returns:
            The figure.
        """
        tot = self.horizon if tot is None else max(0, min(int(tot), self.horizon))
        for artist in self._runs:
            artist.remove()
        self._runs = []
        for ax, (kolom, _, cum, schaal) in zip(self.assen, PANELEN, strict=True):
            ax.ignore_existing_data_limits = True  # the y-range follows the new runs only
            if referentie:
                x, y = reeks(referentie[0], kolom, cum, tot)
                self._runs += ax.plot(x, y * schaal, color="#555555", linestyle="--",
                                      linewidth=1.2, label="geen beleid")
            for i, (naam, runs) in enumerate(teams):
                if not runs:
                    continue
                kleur = teamkleur(i)
                if len(runs) > 1:
                    alle = np.vstack([reeks(r, kolom, cum, tot)[1] for r in runs])
                    x = reeks(runs[0], kolom, cum, tot)[0]
                    self._runs.append(ax.fill_between(
                        x, alle.min(axis=0) * schaal, alle.max(axis=0) * schaal, color=kleur,
                        alpha=0.18, linewidth=0))
                x, y = reeks(runs[0], kolom, cum, tot)
                self._runs += ax.plot(x, y * schaal, color=kleur, linewidth=1.6, label=naam)
            ax.autoscale_view(scalex=False)  # data limits: only what was added since the reset
        handles, labels = self.assen[0].get_legend_handles_labels()
        if handles:
            self._runs.append(self.fig.legend(
                handles, labels, loc="upper right", ncol=min(8, len(labels)), fontsize=8.5,
                frameon=False, bbox_to_anchor=(0.985, 0.955)))
        self._titel.set_text(titel or f"Alle teams - maand {tot}")
        n = max((len(r) for _, r in teams), default=0)
        self._band.set_text("Band: laagste tot hoogste waarde over de seeds"
                            + (f" (tot {n} runs per team)" if n > 1
                               else " (nog geen replicaties terug)")
                            + "; stippellijn: begin van een ronde.")
        return self.fig


def teken_plenair(teams: list[tuple[str, list[pd.DataFrame]]], referentie: list[pd.DataFrame],
                  horizon: int, tot: int | None = None, starts: tuple[int, ...] = (0,),
                  titel: str = "", breedte: float = 13.0, dpi: int = 80) -> Figure:
    """Draw every team's runs up to month ``tot`` in a new figure (see :class:`PlenairBeeld`).

    Args:
        teams: (team name, runs) with the main run first; a team without runs is skipped.
        referentie: Runs without policy (main run first); may be empty.
        horizon: Last month (the x-axis spans 0..horizon).
        tot: Show months up to this one (replaying month by month); default the horizon.
        starts: First month of each round (dotted lines).
        titel: Figure title.
        breedte: Width in inches.
        dpi: Resolution.

    Returns:
        The figure.
    """
    return PlenairBeeld(horizon, starts, breedte, dpi).teken(teams, referentie, tot, titel)


def kolomtitel(kolom: str) -> str:
    """Short label for tables on the plenary page."""
    return label(kolom)
