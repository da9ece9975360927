"""Every validation target once: what is measured, its band, its source, and whether it was tuned.

A target belongs to a group: ``stromen`` (flows of one run as shares of the stock),
``stationair`` (a no-policy baseline keeps each stock of month 0), ``overlap`` (the two laws at
month 0 and at the end), ``beleid`` (the size of each policy's ten-year effect against what the
literature allows). ``afgestemd`` says honestly whether a default parameter was set while
looking at the target: ``ja`` (calibrated on it), ``deels`` (looked at while setting defaults)
or ``nee`` (never used: a real check).

Main objects: :class:`Doel`, :data:`STATIONAIR`, :data:`OVERLAP`, :data:`BELEID`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Criterium = Literal["gemiddelde", "interval"]


@dataclass(frozen=True)
class Doel:
    """One validation target.

    Attributes:
        naam: Key (an output column, or ``beleid.indicator`` for policy effects).
        label: Dutch label for tables and plots.
        groep: ``stromen``, ``stationair``, ``overlap`` or ``beleid``.
        ondergrens: Lower end of the band (``-inf`` for none).
        bovengrens: Upper end of the band (``inf`` for none).
        eenheid: Unit of the simulated value.
        bron: Source of the band (DOMEIN section, EXT: key of kengetallen_extern.csv, issue).
        afgestemd: ``ja``, ``deels`` or ``nee`` (see the module docstring).
        criterium: ``gemiddelde``: the mean over seeds lies in the band; ``interval``: the 90%
            confidence interval of the mean lies in it (a direction that must be clear of noise).
        alleen_presets: Judged only for the preset cities; for generated municipalities of
            other densities the value is reported but not judged (a share that scales with the
            bijstand density, from a source about one city).
    """

    naam: str
    label: str
    groep: str
    ondergrens: float
    bovengrens: float
    eenheid: str
    bron: str
    afgestemd: str = "nee"
    criterium: Criterium = "gemiddelde"
    alleen_presets: bool = False

    @property
    def band(self) -> str:
        """The band as text, e.g. ``-5 tot 5`` or ``> 0``."""
        if math.isinf(self.ondergrens) and math.isinf(self.bovengrens):
            return "-"
        if math.isinf(self.bovengrens):
            return f"> {self.ondergrens:g}"
        if math.isinf(self.ondergrens):
            return f"< {self.bovengrens:g}"
        return f"{self.ondergrens:g} tot {self.bovengrens:g}"


_STAT = "issue 12 (stationaire basis: binnen 5% van maand 0 na 10 jaar, gemiddelde van seeds)"

_LADDER = ("issue 12 (de ladderverdeling en elke voorraad blijft rond maand 0); band 10%: deze "
           "voorraden zijn kleiner dan de regelingen, trede 1 in een dorp van 20.000 telt "
           "zo'n 250 mensen")

#: Stocks that stay where month 0 puts them: relative change month 0 -> end, in %.
STATIONAIR: tuple[Doel, ...] = (
    Doel("bijstand", "Bijstand (verandering)", "stationair", -5, 5, "%", _STAT, "nee"),
    Doel("wajong", "Wajong (verandering)", "stationair", -5, 5, "%", _STAT, "nee"),
    Doel("wsw", "Wsw (verandering)", "stationair", -5, 5, "%", _STAT, "nee"),
    Doel("awbz_extramuraal", "AWBZ-extramuraal (verandering)", "stationair", -5, 5, "%", _STAT,
         "nee"),
    Doel("ww", "WW (verandering)", "stationair", -5, 5, "%", _STAT, "nee"),
    Doel("wmo_per_1000", "Wmo-cliënten per 1.000 (verandering)", "stationair", -5, 5, "%",
         _STAT, "nee"),
    Doel("werkzaam_18_aow", "Werkzaam 18-AOW (verandering)", "stationair", -2, 2,
         "procentpunt", "issue 12 (werkzaamheid binnen 2 procentpunt)", "nee"),
    Doel("gemiddelde_trede", "Gemiddelde trede 18-AOW (verandering)", "stationair", -0.05, 0.05,
         "trede", "issue 12 (gemiddelde trede binnen 0,05)", "nee"),
    *(Doel(f"trede_{i}", f"Trede {i} 18-AOW (verandering)", "stationair", -10, 10, "%",
           _LADDER, "nee") for i in range(1, 6)),
    Doel("gemiddelde_trede_bijstand", "Gemiddelde trede in de bijstand (verandering)",
         "stationair", -0.05, 0.05, "trede",
         "issue 12 (ook de samenstelling van de bijstand blijft rond maand 0: de ladder van de "
         "cliënten); band als de gemiddelde trede 18-AOW", "nee"),
    Doel("werk_ex_bijstand", "Aan het werk na de bijstand (verandering)", "stationair", -10, 10,
         "%", _LADDER, "nee"),
)

#: Overlap between the schemes and obstacles, measured at month 0 and at the end, in %.
OVERLAP: tuple[Doel, ...] = (
    Doel("bijstand_t12_bekend_wmo", "Trede 1-2 bekend bij de Wmo", "overlap", 40, 75, "%",
         "DOMEIN (Ouder-Amstel: 50-60% van trede 1-2 bekend bij Wmo/CJG)", "nee"),
    Doel("bijstand_met_wmo", "Bijstand met Wmo-maatwerk", "overlap", 7, 25, "%",
         "DOMEIN (7% van WWB gebruikt Wmo; 18% overlap Noord-Groningen)", "nee"),
    Doel("wmo_in_bijstand", "Wmo-cliënten in de bijstand", "overlap", 10, 35, "%",
         "DOMEIN (Arnhem: 21% van de Wmo-cliënten heeft WWB; het aandeel hangt af van de "
         "bijstandsdichtheid, de bron is één stad)", "deels", alleen_presets=True),
    Doel("wmo_met_aow", "Wmo-cliënten met AOW", "overlap", 45, 70, "%",
         "bron 002 par. 1.9 (Arnhem 2011: 57% van de klanten met een Wmo-voorziening heeft AOW)",
         "nee"),
    Doel("wsw_met_wmo", "Wsw'ers met Wmo-maatwerk", "overlap", 8, 20, "%",
         "bron 002 par. 1.9 (Arnhem 2011: 13% van de Wsw'ers gebruikt een Wmo-voorziening)",
         "nee"),
    Doel("bijstand_hh_hulpmiddel", "Bijstand met hh of hulpmiddel", "overlap", 8, 17, "%",
         "data/wmo_voorzieningen.csv (Wvg of hh: 10-15%)", "ja"),
    Doel("bijstand_in_schuldhulp", "Bijstand in schuldhulp", "overlap", 4, 9, "%",
         "DOMEIN (24% schulden, 6% in een traject)", "deels"),
    Doel("bijstand_met_belemmering", "Bijstand met een belemmering", "overlap", 72, 88, "%",
         "DOMEIN (enquête 2012: 80% heeft een of meer belemmeringen)", "ja"),
)

_EFFECT = ("DOMEIN (hoe groot kan een lokaal effect zijn: De Koning e.a. 1998, Edzes 2010, "
           "Sanders e.a. 2020; een beleid dat een bestand halveert weerspreekt dat)")

#: Ten-year effects of each policy against the basis, paired by seed.
BELEID: tuple[Doel, ...] = (
    Doel("work_first.bijstand", "Work first: bijstand", "beleid", -20, -2, "% t.o.v. basis",
         _EFFECT + "; issue 12 (2-20% lager)", "deels"),
    Doel("work_first.wmo_clienten", "Work first: Wmo-cliënten", "beleid", 0, math.inf,
         "% t.o.v. basis", "DOMEIN (work first: kosten schuiven naar de Wmo); INT17 "
         "(sorteermachine)", "deels", "interval"),
    Doel("work_first.kosten_wmo_individueel", "Work first: kosten Wmo individueel", "beleid", 0,
         math.inf, "% t.o.v. basis", "DOMEIN (work first: kosten schuiven naar de Wmo)",
         "deels", "interval"),
    Doel("integrale_teams.bijstand", "Integrale teams: bijstand", "beleid", -20, 20,
         "% t.o.v. basis", _EFFECT, "nee"),
    Doel("integrale_teams.wmo_onderzoeken", "Integrale teams: Wmo-onderzoeken", "beleid", 0, 30,
         "% t.o.v. basis", "EXT:wijkteams_meer_verwijzingen (CPB: +14% snellere groei van "
         "verwijzingen naar maatwerk-Wmo)", "nee", "interval"),
    Doel("contract_compliance.bijstand", "Contract compliance: bijstand", "beleid", -20, 20,
         "% t.o.v. basis", _EFFECT, "nee"),
    Doel("contract_compliance.uitstroom_naar_werk_zorg", "Contract compliance: uitstroom naar "
         "zorgbanen", "beleid", 0, math.inf, "% t.o.v. basis", "DOMEIN (Den Haag, "
         "Drechtsteden, Apeldoorn: aanbieders nemen bijstandscliënten in dienst)", "nee",
         "interval"),
    Doel("preventie.bijstand", "Preventie: bijstand", "beleid", -20, 20, "% t.o.v. basis",
         _EFFECT, "nee"),
    Doel("preventie.nieuwe_belemmeringen", "Preventie: nieuwe belemmeringen in jaar 10",
         "beleid", -math.inf, 0, "% t.o.v. basis", "DOMEIN (preventie: minder mensen hebben "
         "dure voorzieningen nodig)", "nee", "interval"),
    Doel("preventie.vertraging", "Preventie: effect jaar 10 min effect jaar 1", "beleid",
         -math.inf, 0, "procentpunt", "DOMEIN (preventie: effecten kosten tijd)", "nee",
         "interval"),
)
