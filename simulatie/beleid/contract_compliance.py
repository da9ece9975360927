"""Contract compliance (social return): contracted providers fill vacancies with bijstand clients.

Mechanisms (DOMEIN "The four policies"; Kamerbrief 2009: Apeldoorn, Den Haag, Drechtsteden):
    * Places: each month the contracted Wmo providers (thuiszorg / huishoudelijke hulp,
      begeleiding, dagbesteding: their staff-turnover vacancies) and the municipality's groen
      and schoonmaak contracts fill a share ``quotum`` of their vacancies with bijstand clients.
    * Route (Apeldoorn): two weeks of training, then six months seconded at up to 24 hours a
      week off benefit (rung 5, outflow to work counted as ``uitstroom_naar_werk_zorg``), then a
      permanent contract (rung 6) unless the secondment fails (``uitval_detachering``).
    * Growth model: clients with social-contact obstacles (sociale vaardigheden/taal,
      isolement) only take places without client contact (groen, schoonmaak) at first.
    * Costs: training per participant (re-integratie line) and a tariff premium on the
      contracted Wmo provisions (Wmo individueel line).
    * Displacement: a share of the placements pushes a regular candidate out of work (to WW);
      the size is uncertain (``verdringing``).
    * Stop (a training round): no new places; seconded clients stay as care-sector placements
      (:meth:`ContractCompliance.stop`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import Field

from agenten import inwoners as I
from simulatie.kern import (
    Beleid,
    BeleidInstellingen,
    Leden,
    kans,
    na,
    overgangen,
    par,
    registreer,
    voor,
)

#: Contracted Wmo providers whose vacancies involve client contact.
AANBIEDERS_CONTACT = ("thuiszorg", "ggz_begeleiding", "dagbesteding")
#: Obstacles in social contact: start without client contact (growth model).
SOCIAAL_CONTACT = I.TAAL | I.ISOLEMENT
#: Employer code of a contracted provider in the ``werkgever`` column.
AANBIEDER = overgangen.AANBIEDER_WERKGEVER


class ContractComplianceInstellingen(BeleidInstellingen):
    """Settings of contract compliance (``[beleid.contract_compliance]``)."""

    quotum: float = kans(0.3, "fractie van de vacatures van gecontracteerde aanbieders",
                         "aanname; Kamerbrief 2009 (Apeldoorn: tientallen kandidaten)",
                         (0.1, 0.5), uitleg="Share of vacancies filled with bijstand clients.")
    vacatures_groen_schoonmaak: float = par(0.3, "vacatures per maand per 10.000 inwoners bij "
                                            "gecontracteerde groen- en schoonmaakbedrijven",
                                            "aanname", (0.1, 0.6), le=20.0)
    min_trede: int = Field(3, ge=1, le=4, description="Lowest rung of eligible clients.",
                           json_schema_extra={"eenheid": "trede", "bron": "aanname (training "
                                              "en werk vragen georganiseerde activiteit)",
                                              "bereik": [2, 4], "onzeker": False})
    max_belemmeringen: int = Field(2, ge=0, le=6, description="Most obstacles of eligible "
                                   "clients.", json_schema_extra={"eenheid": "belemmeringen",
                                                                  "bron": "aanname",
                                                                  "bereik": [1, 3],
                                                                  "onzeker": False})
    opleiding_kosten: float = par(1500, "euro per deelnemer (twee weken training)", "aanname; "
                                  "Kamerbrief 2009 (training vakkundig huishoudelijk handelen)",
                                  (800, 2500), le=20000, onzeker=True)
    detachering_maanden: int = Field(6, ge=1, le=24, description="Months seconded before a "
                                     "permanent contract.",
                                     json_schema_extra={"eenheid": "maanden", "bron":
                                                        "landelijk.csv contract_compliance_"
                                                        "apeldoorn_uren (half jaar detachering)",
                                                        "bereik": [6, 6], "onzeker": False})
    uitval_detachering: float = kans(0.2, "kans dat de detachering niet tot een vast contract "
                                     "leidt", "aanname (vgl. proefplaatsing_uitval)", (0.1, 0.4),
                                     onzeker=True)
    tariefopslag: float = par(0.02, "opslag op de tarieven van gecontracteerde Wmo-voorzieningen",
                              "aanname", (0.0, 0.05), le=0.5, onzeker=True)
    verdringing: float = kans(0.3, "fractie plaatsingen die een reguliere kandidaat verdringt",
                              "aanname - onzeker", (0.0, 0.7), onzeker=True)


@registreer
class ContractCompliance(Beleid):
    """Social return in Wmo procurement: training, secondment, then a permanent contract."""

    naam = "contract_compliance"
    titel = "Contract compliance"
    Instellingen = ContractComplianceInstellingen

    def __init__(self, instellingen: ContractComplianceInstellingen) -> None:
        """Keep the settings; no one seconded yet."""
        super().__init__(instellingen)
        self.i: ContractComplianceInstellingen = instellingen
        self.gedetacheerd = Leden(contact=np.bool_)
        self.geplaatst_maand = 0
        self.geplaatst_contact = 0
        self.geplaatst_zonder_contact = 0
        self.vast = 0
        self.verdrongen = 0

    def stop(self, model: Any) -> None:
        """End the contracts' social return between two months.

        No new places from the next month, no more training costs or tariff premium. Clients
        seconded now keep their place at the provider as an ordinary care-sector placement of
        the core (rung 5, the core's job loss of placed workers), so no one loses a job
        because a contract clause ends; the permanent-contract decision at the end of the
        secondment is no longer made.
        """
        self.gedetacheerd.houd(np.zeros(len(self.gedetacheerd), dtype=bool))
        self.geplaatst_maand = 0

    def _kandidaten(self, model: Any) -> np.ndarray:
        t = model.tabel
        bij = model.bijstand_rijen()
        n = I.aantal_bits(t.belemmeringen[bij])
        return bij[(t.trede[bij] >= self.i.min_trede) & (n <= self.i.max_belemmeringen)]

    def plaatsen(self, model: Any, plekken_contact: int, plekken_zonder: int) -> None:
        """Fill places with eligible clients, respecting the growth model, and second them."""
        t, rng = model.tabel, model.rng
        kand = rng.permutation(self._kandidaten(model))
        sociaal = (t.belemmeringen[kand] & SOCIAAL_CONTACT) > 0
        contact = kand[~sociaal][:plekken_contact]
        rest = np.concatenate([kand[sociaal], kand[~sociaal][plekken_contact:]])
        zonder = rest[:plekken_zonder]
        rijen = np.concatenate([contact, zonder])
        if len(rijen) == 0:
            self.geplaatst_maand = 0
            return
        overgangen.start_baan(model, rijen, np.full(len(rijen), AANBIEDER, dtype=np.int16),
                              np.zeros(len(rijen), dtype=bool), np.ones(len(rijen), dtype=bool))
        t.kol["trede"][rijen] = 5  # seconded with guidance
        met_contact = np.zeros(len(rijen), dtype=bool)
        met_contact[:len(contact)] = True
        self.gedetacheerd.voeg_toe(t.id[rijen], contact=met_contact)
        self.geplaatst_maand = len(rijen)
        self.geplaatst_contact += len(contact)
        self.geplaatst_zonder_contact += len(zonder)
        self._verdring(model, len(rijen))

    def _verdring(self, model: Any, n: int) -> None:
        """Displaced regular candidates: regular workers who lose out go to WW."""
        t, rng = model.tabel, model.rng
        aantal = int(rng.binomial(n, self.i.verdringing)) if n else 0
        if aantal == 0:
            return
        regulier = np.flatnonzero(model.volwassen() & (t.inkomensbron == I.WERK)
                                  & (t.werkgever == -1))
        weg = rng.choice(regulier, size=min(aantal, len(regulier)), replace=False)
        overgangen.naar_ww(model, weg)
        self.verdrongen += len(weg)

    @na("arbeidsmarkt")
    def plaats_en_sluit(self, model: Any) -> None:
        """New places from this month's vacancies; secondments end in a contract or fail."""
        t, rng, i = model.tabel, model.rng, self.i
        # Secondments that reach their end: permanent contract or back to bijstand.
        rijen, gevonden = self.gedetacheerd.rijen(t)
        nog = (t.inkomensbron[rijen] == I.WERK) & (t.werkgever[rijen] == AANBIEDER)
        klaar = nog & (t.baan_maanden[rijen] >= i.detachering_maanden)
        mislukt = klaar & (rng.random(len(rijen)) < i.uitval_detachering)
        overgangen.verlies_baan(model, rijen[mislukt])
        vast = rijen[klaar & ~mislukt]
        t.kol["trede"][vast] = 6
        self.vast += len(vast)
        houd = np.zeros(len(self.gedetacheerd), dtype=bool)
        houd[np.flatnonzero(gevonden)[nog & ~klaar]] = True
        self.gedetacheerd.houd(houd)
        # This month's places.
        v_contact = sum(model.aanbieders[a].vacatures for a in AANBIEDERS_CONTACT)
        v_zonder = rng.poisson(i.vacatures_groen_schoonmaak * np.count_nonzero(t.actief) / 10_000)
        self.plaatsen(model, int(rng.binomial(int(v_contact), i.quotum)),
                      int(rng.binomial(int(v_zonder), i.quotum)))

    @voor("boekhouden")
    def kosten(self, model: Any) -> None:
        """Training of this month's participants; tariff premium on contracted provisions."""
        t, a = model.tabel, model.p.aanbieders
        zorg = t.van_actieven("zorg")

        def aantal(dienst: int) -> int:
            return int(np.count_nonzero(zorg & np.uint8(dienst)))

        omzet = (aantal(I.HH) * a.prijs_hh + aantal(I.BEGELEIDING) * a.prijs_begeleiding
                 + aantal(I.DAGBESTEDING) * a.prijs_dagbesteding)
        model.boek("reintegratie", self.geplaatst_maand * self.i.opleiding_kosten)
        model.boek("wmo_individueel", float(omzet) * self.i.tariefopslag)
