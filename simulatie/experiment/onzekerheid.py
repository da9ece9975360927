"""Uncertainty of a policy comparison: plausible worlds, drivers of an effect, the Dutch sentence.

``simulatie vergelijk --onzekerheid parameters`` (the default) runs every replication in a
*plausible world*: replication ``r`` pairs its seed (``SeedSequence([seed, 0, r])``, as in
``--onzekerheid seeds``) with

    * an ensemble member (:mod:`simulatie.experiment.kalibratie.ensemble`) drawn with probability
      proportional to its weight, and
    * for every registered policy setting whose effect size is unproven (``onzeker = True`` in
      its metadata, with a numeric ``bereik``) a value drawn uniformly from that range (integer
      settings: every whole number in the range equally likely),

all from one generator seeded with ``SeedSequence([seed, 1, r])``, so replication ``r`` has the
same world in every variant (common worlds, next to common random numbers) and more
replications keep the first worlds. ``--onzekerheid effecten`` draws the same way from an ensemble
of one member that sets nothing (:func:`zonder_ensemble`): the worlds vary the policies'
effect sizes only, the core parameters stay at their defaults - what the comparison can say
about the policies' own assumptions before a calibrated ensemble exists. The worlds become the
sweep's ``[[wereld]]`` tables (see
:mod:`simulatie.experiment.sweep.declaratie`): stored in ``ontwerp.parquet`` and each run's row,
part of the fingerprint, so an interrupted comparison resumes. A world replaces defaults only:
a path that ``--set``, a variant, a policy preset or the base scenario sets keeps that value
(paths set with ``--set`` are not drawn at all).

Drivers (:func:`drijvers`): for each variant, indicator and varied parameter, ``bijdrage`` is the
squared Spearman rank correlation (``scipy.stats.spearmanr``) between the parameter's value in
each world and the paired difference variant - basis in that world, at the horizon. Why this
measure: the worlds are not a sampling design of SALib (Sobol/Saltelli or Morris), so a variance
decomposition is not available; SALib's given-data methods (``delta``, ``pawn``) need hundreds
of samples to be stable, while a comparison has about twenty worlds and ensemble members may be
drawn twice (ties). A squared rank correlation works with twenty draws and ties, is what
``simulatie analyseer`` already reports for Latin hypercube sweeps, and reads as "the share of
the rank variation of the effect that moves with this assumption alone". It is a marginal,
monotone measure: correlated ensemble parameters share the credit, a non-monotone effect is
missed, and with twenty worlds and a few dozen assumptions the largest value reaches about 0.5
by chance alone (see :func:`drempel`; the Dutch sentence says so below that). A parameter that
took one value in every world gets 0.

Main objects: :data:`MODI`, :func:`onzekere_beleidsinstellingen`, :func:`laad_ensemble`,
:func:`zonder_ensemble`, :func:`trek_werelden`, :func:`drijvers`, :func:`drempel`,
:func:`onzekerheidszin`.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulatie.experiment.kalibratie.ensemble import GEWICHT, STANDAARD, lees_ensemble, lid
from simulatie.experiment.kalibratie.ensemble import trek_leden as _trek_leden
from simulatie.experiment.kalibratie.prior import onzeker_getal
from simulatie.experiment.mappen import is_bestand
from simulatie.experiment.samenvatting import INDICATOREN, indicatoren
from simulatie.experiment.sweep.declaratie import hard_bereik
from simulatie.kern.fouten import ScenarioFout, toon_naam
from simulatie.kern.grenzen import ONZEKERHEID_MODI

#: The values of ``--onzekerheid``: plausible worlds (default), worlds that vary the policies'
#: unproven effect sizes only (core parameters at their defaults: no ensemble needed), or seed
#: noise alone.
MODI = ONZEKERHEID_MODI
#: The modes whose replications are worlds (a draw per replication, a seed-only set beside it).
WERELDEN = ("parameters", "effecten")
#: Second entry of the SeedSequence of a replication's world (the run seed uses 0).
WERELD_STROOM = 1
#: Indicators of the Dutch sentence: total cost (lower is better) and participation.
KOSTEN, PARTICIPATIE = "kosten_totaal_cum", "gemiddelde_trede"
#: Fewest worlds for which the Dutch sentence calls an assumption a driver (see :func:`drempel`).
MIN_WERELDEN = 10


@dataclass(frozen=True)
class OnzekereInstelling:
    """A policy setting with an unproven effect size, drawn per world.

    Attributes:
        pad: Dotted path, e.g. ``beleid.work_first.baankans_factor``.
        beleid: The policy's registered name.
        laag: Lower end of its declared ``bereik``.
        hoog: Upper end.
        geheel: Whole numbers only (drawn as one of ``laag..hoog``).
    """

    pad: str
    beleid: str
    laag: float
    hoog: float
    geheel: bool


def zonder_ensemble() -> pd.DataFrame:
    """The ensemble of ``--onzekerheid effecten``: one member that sets no core parameter."""
    return pd.DataFrame({GEWICHT: [1.0]})


def onzekere_beleidsinstellingen() -> list[OnzekereInstelling]:
    """Every registered policy setting with ``onzeker = True`` and a numeric range, in order."""
    from simulatie.kern.beleid import register
    from simulatie.kern.parameters import parameter_catalogus

    uit = []
    for naam, klasse in register().items():
        for r in parameter_catalogus(klasse.Instellingen, f"beleid.{naam}"):
            if onzeker_getal(r):
                uit.append(OnzekereInstelling(r["pad"], naam, float(r["bereik"][0]),
                                              float(r["bereik"][1]),
                                              isinstance(r["default"], int)))
    return uit


#: Key figures whose density (per inhabitant) says which municipality an ensemble fits.
KENGETALLEN = ("wwb", "wajong", "wsw", "awbz_extramuraal")
#: Relative difference in a density beyond which a municipality is another than the ensemble's
#: (scaling a municipality rounds its key figures far less than this).
DICHTHEID_MARGE = 0.05


def afwijkende_dichtheden(ensemble: Path, gemeente: Mapping[str, Any]
                          ) -> tuple[str | None, list[str]]:
    """Where ``gemeente``'s key-figure densities differ from those the ensemble was calibrated on.

    The calibration's manifest (``manifest.json`` beside the ensemble) records the municipality
    it ran (possibly scaled); a municipality with the same densities of the key figures counts as
    the same. Measured on 2 Dec 2026 (docs/kalibratie.md): of 30 members of the ensemble
    calibrated on Groningen, 1 passes every band of Enschede, so worlds fitted to one
    municipality are no plausible worlds of another.

    Args:
        ensemble: The ensemble file.
        gemeente: The municipality (``inwoners`` and the key figures).

    Returns:
        The calibration's municipality name and, per differing key figure, both densities in
        Dutch (empty when they match or the calibration's municipality is unknown: no readable
        manifest).
    """
    try:
        g = json.loads(ensemble.with_name("manifest.json").read_text("utf-8"))
        g = g["instellingen"]["gemeente"]
        dichtheid = {k: float(g[k]) / float(g["inwoners"]) for k in KENGETALLEN}
    except (OSError, ValueError, KeyError, TypeError, ZeroDivisionError):
        return None, []
    anders = []
    for k in KENGETALLEN:
        verwacht = dichtheid[k] * gemeente["inwoners"]
        if abs(gemeente[k] - verwacht) > max(DICHTHEID_MARGE * verwacht, 2.0):
            anders.append(f"{k} {gemeente[k] / gemeente['inwoners']:.2%} tegen "
                          f"{dichtheid[k]:.2%}")
    return g.get("naam"), anders


def andere_gemeente(ensemble: Path, gemeente: Mapping[str, Any]) -> str | None:
    """A Dutch warning when ``gemeente`` is not the municipality the ensemble was calibrated on.

    Args:
        ensemble: The ensemble file.
        gemeente: The comparison's municipality (``naam``, ``inwoners`` and the key figures).

    Returns:
        The warning, or None when :func:`afwijkende_dichtheden` finds no difference.
    """
    naam, anders = afwijkende_dichtheden(ensemble, gemeente)
    if not anders:
        return None
    return (f"let op: het ensemble {toon_naam(str(ensemble))} is gekalibreerd op "
            f"{naam or 'een andere gemeente'}, niet op {gemeente['naam']} (per inwoner: "
            f"{'; '.join(anders)}). Zijn werelden zijn voor {gemeente['naam']} niet getoetst "
            "(gemeten: van het meegeleverde ensemble, gekalibreerd op Groningen, slaagt 1 van "
            "30 leden voor de banden van Enschede; docs/kalibratie.md). Kalibreer eerst voor "
            "deze gemeente (README: recept voor een andere gemeente) en geef dat ensemble met "
            "--ensemble, of kies --onzekerheid effecten.")


def laad_ensemble(pad: str | Path | None) -> tuple[pd.DataFrame, Path]:
    """Read and check the ensemble of ``--ensemble`` (None: the shipped one).

    Args:
        pad: ``ensemble.parquet``, or None for the shipped one
            (:data:`~simulatie.experiment.kalibratie.ensemble.STANDAARD`).

    Returns:
        The ensemble (weights summing to 1) and its path.

    Raises:
        ScenarioFout: In Dutch, naming ``--ensemble`` and the file: the shipped ensemble does not
            exist (yet), the file is missing or unreadable, a column is not a model parameter,
            the weights are bad, or a value lies outside the parameter's hard bounds.
    """
    if pad is None:
        if not is_bestand(STANDAARD):
            raise ScenarioFout(
                f"--onzekerheid parameters: er is (nog) geen meegeleverd ensemble "
                f"({toon_naam(str(STANDAARD))} ontbreekt); geef een ensemble met --ensemble PAD "
                "(een ensemble.parquet van simulatie kalibreer) of kies --onzekerheid "
                "effecten (alleen de onzekere aannames van het beleid getrokken) of "
                "--onzekerheid seeds (alleen toevalsruis, parameters op hun standaardwaarde)")
        pad = STANDAARD
    pad = Path(pad)
    if not is_bestand(pad):
        raise ScenarioFout(f"--ensemble {toon_naam(str(pad))}: bestand niet gevonden; verwacht "
                           f"een parquet-bestand met een kolom per parameterpad "
                           f"(parameters.<groep>.<naam>) en {GEWICHT!r}, of kies --onzekerheid "
                           "seeds")
    try:
        ensemble = lees_ensemble(pad)
    except ScenarioFout as fout:
        tekst = "".join(t if t.isprintable() else f"\\x{ord(t):02x}" for t in str(fout))
        raise ScenarioFout(f"--ensemble {tekst}") from None
    for kolom in (k for k in ensemble.columns if k != GEWICHT):
        try:
            waarden = ensemble[kolom].to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise ScenarioFout(f"--ensemble {toon_naam(str(pad))}: kolom {kolom!r} bevat geen "
                               "getallen") from None
        laag, hoog = hard_bereik(kolom)
        slecht = ~np.isfinite(waarden) | (waarden < laag) | (waarden > hoog)
        if slecht.any():
            i = int(np.flatnonzero(slecht)[0])
            raise ScenarioFout(f"--ensemble {toon_naam(str(pad))}: kolom {kolom!r}, rij {i}: "
                               f"{waarden[i]} ligt buiten het toegestane bereik [{laag}, {hoog}]")
    return ensemble, pad


def sha256(pad: Path) -> str:
    """The SHA-256 of a file (the ensemble's provenance in the manifest)."""
    return hashlib.sha256(Path(pad).read_bytes()).hexdigest()


def wereld_rng(seed: int, replicatie: int) -> np.random.Generator:
    """The generator of replication ``replicatie``'s world: ``SeedSequence([seed, 1, r])``."""
    return np.random.default_rng(np.random.SeedSequence([seed, WERELD_STROOM, replicatie]))


def trek_werelden(ensemble: pd.DataFrame, seed: int, n: int,
                  instellingen: Sequence[OnzekereInstelling], weglaten: Iterable[str] = ()
                  ) -> tuple[list[dict[str, float | int]], list[int]]:
    """The plausible world of each replication (see the module docstring).

    Every setting is drawn even when left out, so ``weglaten`` does not shift the other draws.

    Args:
        ensemble: The ensemble (:func:`laad_ensemble`).
        seed: The comparison's master seed.
        n: Replications.
        instellingen: Policy settings to draw (:func:`onzekere_beleidsinstellingen`).
        weglaten: Paths fixed by ``--set`` (not part of any world).

    Returns:
        Per replication its world (dotted path -> value, ensemble columns first) and the
        index of the ensemble member it drew.
    """
    weg = set(weglaten)
    werelden, leden = [], []
    for r in range(n):
        rng = wereld_rng(seed, r)
        i = int(_trek_leden(ensemble, 1, rng)[0])
        wereld: dict[str, float | int] = {k: v for k, v in lid(ensemble, i).items()
                                          if k not in weg}
        for o in instellingen:
            waarde = (int(rng.integers(int(o.laag), int(o.hoog), endpoint=True)) if o.geheel
                      else float(rng.uniform(o.laag, o.hoog)))
            if o.pad not in weg:
                wereld[o.pad] = waarde
        werelden.append(wereld)
        leden.append(i)
    return werelden, leden


def gevarieerd(ensemble: pd.DataFrame, instellingen: Sequence[OnzekereInstelling],
               weglaten: Iterable[str] = ()) -> list[str]:
    """The paths that differ between worlds: ensemble columns that vary, then policy settings."""
    weg = set(weglaten)
    kolommen = [k for k in ensemble.columns
                if k != GEWICHT and k not in weg and ensemble[k].nunique() > 1]
    return kolommen + [o.pad for o in instellingen if o.pad not in weg]


def _verschillen(tijdreeks: pd.DataFrame, variant: str, basis: str, maand: int) -> pd.DataFrame:
    """Per seed (index) and indicator: the paired difference variant - basis at ``maand``."""
    b = indicatoren(tijdreeks[tijdreeks["variant"] == basis], maand)
    v = indicatoren(tijdreeks[tijdreeks["variant"] == variant], maand)
    gedeeld = v.index.intersection(b.index)
    namen = [i.naam for i in INDICATOREN]
    return v.loc[gedeeld, namen] - b.loc[gedeeld, namen]


def _rho2(x: np.ndarray, y: np.ndarray) -> float:
    """Squared Spearman rank correlation; 0 when either side takes one value only."""
    from scipy import stats

    if len(x) < 3 or np.unique(x).size < 2 or np.unique(y).size < 2:
        return 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rho = float(stats.spearmanr(x, y).statistic)
    return rho * rho if np.isfinite(rho) else 0.0


def drijvers(tijdreeks: pd.DataFrame, werelden: pd.DataFrame,
             paden: Mapping[str, Sequence[str]], basis: str = "basis") -> pd.DataFrame:
    """Which assumptions drive each policy effect (squared Spearman rank correlation).

    Args:
        tijdreeks: Every month of every run of the plausible worlds (columns ``variant`` and
            ``seed``).
        werelden: The world of each seed: one row per seed (index ``seed``), one column per path
            (from the sweep's ``ontwerp.parquet``).
        paden: Per variant (not the basis) the paths to assess.
        basis: Name of the baseline variant.

    Returns:
        Columns ``variant``, ``indicator``, ``parameter``, ``bijdrage``: every listed path for
        every indicator, at the horizon (the last month), the largest ``bijdrage`` first within
        a variant and indicator (ties by path).
    """
    maand = int(tijdreeks.groupby("variant")["maand"].max().min())
    rijen = []
    for variant, lijst in paden.items():
        d = _verschillen(tijdreeks, variant, basis, maand)
        x = werelden.loc[d.index]
        for ind in INDICATOREN:
            y = d[ind.naam].to_numpy(dtype=float)
            deel = [{"variant": variant, "indicator": ind.naam, "parameter": p,
                     "bijdrage": _rho2(x[p].to_numpy(dtype=float), y)} for p in lijst]
            deel.sort(key=lambda r: (-r["bijdrage"], r["parameter"]))
            rijen += deel
    return pd.DataFrame(rijen, columns=["variant", "indicator", "parameter", "bijdrage"])


def drempel(n: int, k: int, niveau: float = 0.05) -> float:
    """The ``bijdrage`` that chance alone exceeds with probability ``niveau``.

    The largest squared rank correlation of ``k`` parameters unrelated to the effect, over
    ``n`` worlds, exceeds it with probability at most ``niveau`` (Bonferroni over ``k``;
    Spearman's rho under independence is about normal with variance ``1 / (n - 1)``). Below
    :data:`MIN_WERELDEN` worlds that approximation fails (with three worlds a perfect rank
    correlation happens one time in three); then the result is 1, which no ``bijdrage``
    exceeds.
    """
    from scipy import stats

    if n < MIN_WERELDEN or k < 1:
        return 1.0
    z = float(stats.norm.ppf(1.0 - niveau / (2.0 * k)))
    return min(1.0, z * z / (n - 1))


def _getal(x: float, decimalen: int = 2) -> str:
    return f"{x:.{decimalen}f}".replace(".", ",")


def onzekerheidszin(naam: str, tijdreeks: pd.DataFrame, drijvers_tabel: pd.DataFrame,
                    basis: str = "basis") -> str:
    """The Dutch sentence on how often a policy pays off and which assumption it hangs on.

    E.g. "In 17 van de 20 plausibele werelden verlaagt work_first de totale kosten en in 12 van
    de 20 verhoogt het de participatie (de gemiddelde trede van volwassenen); het effect op de
    kosten hangt het meest af van `beleid.work_first.baankans_factor` (ρ² = 0,41)."

    Args:
        naam: The variant.
        tijdreeks: The plausible worlds' runs (columns ``variant`` and ``seed``).
        drijvers_tabel: :func:`drijvers` of the comparison.
        basis: Name of the baseline variant.

    Returns:
        One sentence, counted at the horizon (the month :func:`drijvers` uses).
    """
    maand = int(tijdreeks.groupby("variant")["maand"].max().min())
    d = _verschillen(tijdreeks, naam, basis, maand)
    n = len(d)
    lager = int((d[KOSTEN] < 0).sum())
    hoger = int((d[PARTICIPATIE] > 0).sum())
    werelden = "plausibele werelden" if n != 1 else "plausibele wereld"
    zin = (f"In {lager} van de {n} {werelden} verlaagt {naam} de totale kosten en in "
           f"{hoger} van de {n} verhoogt het de participatie (de gemiddelde trede van "
           "volwassenen)")
    eigen = drijvers_tabel[(drijvers_tabel["variant"] == naam)
                           & (drijvers_tabel["indicator"] == KOSTEN)]
    if eigen.empty or eigen["bijdrage"].max() <= 0:
        return zin + "; geen van de gevarieerde aannames hangt samen met het effect op de kosten."
    top = eigen.sort_values("bijdrage", ascending=False, kind="stable").iloc[0]
    maat = f"ρ² = {_getal(float(top['bijdrage']))}"
    if float(top["bijdrage"]) > drempel(n, len(eigen)):
        return zin + (f"; het effect op de kosten hangt het meest af van `{top['parameter']}` "
                      f"({maat}).")
    return zin + (f"; het effect op de kosten hangt het meest samen met `{top['parameter']}` "
                  f"({maat}), maar bij {n} werelden en {len(eigen)} gevarieerde aannames is dat "
                  "niet van toeval te onderscheiden.")
