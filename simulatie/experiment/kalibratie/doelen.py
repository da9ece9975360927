"""Calibration targets: the validation figures of one municipality's baseline, or a user's table.

The default targets are exactly those ``simulatie valideer`` judges for one scenario (so nothing
is listed twice): the flow targets, the stationarity targets (month 0 to the last month) and the
overlap targets at month 0 and at the end. Each has a band (from :mod:`...validatie.doelen`); a
run fits a target when its value lies in the band. A user's table (``--doelen FILE``, CSV with
``doel``, ``waarde``, ``ondergrens``, ``bovengrens``, ``bron``) replaces the bands, e.g. with a
municipality's own observed figures; ``doel`` must be one of the names of :func:`standaard`.

Main objects: :class:`Kaldoel`, :func:`standaard`, :func:`lees_doelen`, :func:`meet`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simulatie.experiment.validatie import meten
from simulatie.experiment.validatie.doelen import OVERLAP, STATIONAIR, Doel
from simulatie.experiment.validatie.stromen import DOELEN as STROMEN
from simulatie.experiment.validatie.stromen import kengetallen
from simulatie.kern.fouten import ScenarioFout

#: Suffixes of the overlap targets at month 0 and at the last month.
BEGIN, EIND = "@maand0", "@eind"
#: Standard deviations of seed noise a single run may lie outside a band (about 95%).
RUIS_FACTOR = 2.0
#: Columns of a user's target table.
KOLOMMEN = ("doel", "waarde", "ondergrens", "bovengrens", "bron")


@dataclass(frozen=True)
class Kaldoel:
    """One calibration target.

    Attributes:
        doel: Name (a validation target, with ``@maand0``/``@eind`` for overlap targets).
        label: Dutch label for plots.
        waarde: The observed or central value (the middle of a two-sided band when the source
            gives a band only; NaN for a one-sided band).
        ondergrens: Lower end of the band (``-inf`` for none).
        bovengrens: Upper end of the band (``inf`` for none).
        bron: Source of the band.
        ruis: Seed noise of one run at the calibration's size (standard deviation over seeds
            at the default parameters, :mod:`.ruis`); the distance allows ``ruis_factor``
            times it on either side of the band (0: the band as it is).
        ruis_factor: Noise standard deviations a run may lie outside the band (default
            :data:`RUIS_FACTOR`).
    """

    doel: str
    label: str
    waarde: float
    ondergrens: float
    bovengrens: float
    bron: str
    ruis: float = 0.0
    ruis_factor: float = RUIS_FACTOR

    @property
    def schaal(self) -> float:
        """Distance scale: the band's width, or the size of its finite end for a one-sided band."""
        if math.isfinite(self.ondergrens) and math.isfinite(self.bovengrens):
            return max(self.bovengrens - self.ondergrens, 1e-9)
        eind = self.ondergrens if math.isfinite(self.ondergrens) else self.bovengrens
        return max(abs(eind), 1.0)

    def afstand(self, x: float) -> float:
        """Distance of ``x`` outside the band widened by the seed noise, in band widths.

        0 inside the band or within ``ruis_factor`` noise standard deviations of it; 10 for
        a missing value. The band is what the sources say about the municipality (judged on a
        mean of several seeds by ``simulatie valideer``); a calibration judges single runs, so
        it allows their seed noise (as history matching's implausibility does).
        """
        if not math.isfinite(x):
            return 10.0
        marge = self.ruis_factor * self.ruis
        return max(self.ondergrens - marge - x, x - self.bovengrens - marge, 0.0) / self.schaal

    def in_band(self, x: float, marge: float = 0.0) -> bool:
        """Whether ``x`` lies in the band itself (no noise allowance), ``marge`` inside its ends.

        Args:
            x: The value.
            marge: How far inside each finite end ``x`` must lie (0: on the end passes).
        """
        return math.isfinite(x) and self.ondergrens + marge <= x <= self.bovengrens - marge


def _kaldoel(d: Doel, naam: str, label: str) -> Kaldoel:
    tweezijdig = math.isfinite(d.ondergrens) and math.isfinite(d.bovengrens)
    waarde = (d.ondergrens + d.bovengrens) / 2 if tweezijdig else math.nan
    return Kaldoel(naam, label, waarde, d.ondergrens, d.bovengrens, d.bron)


def standaard() -> list[Kaldoel]:
    """The validation targets of one municipality's baseline (flows, stationarity, overlap)."""
    uit = [_kaldoel(d, d.naam, d.label) for d in (*STROMEN, *STATIONAIR)]
    for achter, wanneer in ((BEGIN, "maand 0"), (EIND, "eind")):
        uit += [_kaldoel(d, d.naam + achter, f"{d.label} ({wanneer})") for d in OVERLAP]
    return uit


def lees_doelen(pad: str | Path) -> list[Kaldoel]:
    """A user's target table (CSV): the named default targets get the given value and band.

    Raises:
        ScenarioFout: The file is missing or unreadable, a column is missing, a target is not
            known, or a band is empty.
    """
    pad = Path(pad)
    try:
        tabel = pd.read_csv(pad)
    except (OSError, ValueError, UnicodeDecodeError) as fout:
        raise ScenarioFout(f"{pad}: geen leesbare CSV ({type(fout).__name__})") from None
    ontbreekt = [k for k in KOLOMMEN if k not in tabel.columns]
    if ontbreekt:
        raise ScenarioFout(f"{pad}: kolom {ontbreekt[0]!r} ontbreekt; nodig: {', '.join(KOLOMMEN)}")
    bekend = {d.doel: d for d in standaard()}
    uit = []
    for i, r in enumerate(tabel.itertuples(), start=2):
        if r.doel not in bekend:
            raise ScenarioFout(f"{pad}, regel {i}, doel: {r.doel!r} is onbekend; toegestaan: "
                               f"{', '.join(sorted(bekend))}")
        try:
            waarde, onder, boven = (float(x) for x in (r.waarde, r.ondergrens, r.bovengrens))
        except (TypeError, ValueError):
            raise ScenarioFout(f"{pad}, regel {i}: waarde, ondergrens en bovengrens moeten "
                               "getallen zijn (leeg of -inf/inf voor geen grens)") from None
        onder = -math.inf if math.isnan(onder) else onder
        boven = math.inf if math.isnan(boven) else boven
        if not onder < boven:
            raise ScenarioFout(f"{pad}, regel {i}, ondergrens: {onder:g} moet kleiner zijn dan "
                               f"bovengrens {boven:g}")
        uit.append(Kaldoel(r.doel, bekend[r.doel].label, waarde, onder, boven, str(r.bron)))
    if not uit:
        raise ScenarioFout(f"{pad}: geen doelen")
    return uit


def meet(tijdreeks: pd.DataFrame, doelen: list[Kaldoel]) -> dict[str, float]:
    """The simulated value of every target from one run's monthly table."""
    eind = int(tijdreeks["maand"].max())
    alle = {**kengetallen(tijdreeks), **meten.stationair(tijdreeks)}
    alle |= {k + BEGIN: v for k, v in meten.overlap(tijdreeks, 0).items()}
    alle |= {k + EIND: v for k, v in meten.overlap(tijdreeks, eind).items()}
    return {d.doel: float(alle[d.doel]) for d in doelen}
