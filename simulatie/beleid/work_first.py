"""Work-first: work (or a work-like obligation) from the first month, sanctions, outflow focus.

Mechanisms (DOMEIN "The four policies"; Divosa benchmark "Work first werkt"):
    * Deterrence: a share of the potential participants - applicants with few enough obstacles
      for the obligation - withdraws (``afzien_aanvraag``, about a third); of those a share
      finds work, the rest leaves view without known income (``uit_beeld``).
    * Work obligation: new clients with few obstacles start on a work-like place (trede 4,
      werkervaringsplaats) from their first month for ``verplichting_duur`` months, then
      return to their rung of before unless they rose or found work; programme cost per
      participant.
    * Caseload priority: job-ready clients (trede 4+ or fase 1) go first in the klantmanager
      queue; the organisation focuses on outflow (``baankans_factor``).
    * Sanctions: benefit cuts raise job finding in the sanction month (Van den Berg et al.,
      +140%) and other outflow, but jobs found under sanction are lost more often.
    * Parking: clients on rungs 1-2 lose their klantmanager and get less support; they relapse
      more, and without guidance their psychological and isolation problems grow (the core's
      ``risico_zonder_begeleiding``). They are handed over to the Wmo desk (mechanism
      ``parkeren_naar_wmo``; INT17's "sorteermachine"), so costs move to the Wmo side.
    * Out of view: applicants who withdrew without work live without income; the core keeps
      them in view of the model (``uit_beeld``): they run the poverty risk of new obstacles, go
      to the Wmo desk, may need shelter, and a share applies again later.
    * Stop (a training round): running work obligations end as when their time is up, parked
      clients are back in the queue, the mechanisms are the baseline's (:meth:`WorkFirst.stop`).
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
    Mechanismen,
    gebeurt,
    kans,
    na,
    overgangen,
    par,
    registreer,
    voor,
)

#: Rungs on which clients are parked (no klantmanager, less support).
PARKEER_TREDE = 2


class WorkFirstInstellingen(BeleidInstellingen):
    """Settings of work-first (``[beleid.work_first]``)."""

    afzien_aanvraag: float = kans(0.2, "extra fractie potentiele deelnemers (aanvragers met ten "
                                  "hoogste verplichting_max_belemmeringen) die afziet",
                                  "EXT:work_first_afzien_aanvraag (Divosa benchmark: ongeveer een "
                                  "derde, bruto en zonder controlegroep; een deel zou ook zonder "
                                  "work first hebben afgezien, 002 noot 14: weinig interventies "
                                  "bewezen effectief) - de derde als bovengrens", (0.1, 0.33),
                                  onzeker=True, uitleg="Extra share of applicants who withdraw.")
    afzien_naar_werk: float = kans(0.45, "fractie van wie afziet", "EXT:work_first_naar_regulier_"
                                   "werk (45%)", (0.3, 0.6), onzeker=True,
                                   uitleg="Share of withdrawn applicants who find work; the rest "
                                          "is out of view.")
    verplichting_max_belemmeringen: int = Field(
        1, ge=0, le=6, description="New clients with at most this many obstacles start on a "
        "work-like place (trede 4) in their first month.",
        json_schema_extra={"eenheid": "belemmeringen", "bron": "aanname (werkplicht vanaf dag "
                           "een; wie meer belemmeringen heeft kan niet aan de plicht voldoen)",
                           "bereik": [0, 2], "onzeker": False})
    verplichting_duur: int = Field(
        6, ge=1, le=60, description="Months on the work-like place; then the client returns "
        "to the rung of before unless they rose or found work.",
        json_schema_extra={"eenheid": "maanden", "bron": "aanname (werkervaringsplaats of "
                           "work first-traject van enkele maanden; Divosa benchmark)",
                           "bereik": [3, 12], "onzeker": True})
    trajectkosten: float = par(1450, "euro per deelnemer", "EXT:work_first_traject (1100-1800)",
                               (1100, 1800), le=20000, uitleg="Programme cost per participant.")
    baankans_factor: float = par(1.05, "vermenigvuldiger op de baankans", "aanname; DOMEIN "
                                 "(focus op uitstroom, werkgeversbenadering); Sanders et al. "
                                 "2020 (enkele procentpunten)", (1.0, 1.15),
                                 ge=0.5, le=3.0, onzeker=True,
                                 uitleg="Outflow focus: multiplier on job finding.")
    voorrang_werkfit: bool = Field(True, description="Job-ready clients first in the "
                                   "klantmanager queue.",
                                   json_schema_extra={"eenheid": "ja/nee", "bron": "DOMEIN "
                                                      "(prioriteit voor wie snel aan het werk "
                                                      "kan)", "bereik": [0, 1],
                                                      "onzeker": False})
    sanctie_kans: float = kans(0.01, "kans per maand per client", "aanname (drang en dwang; "
                               "DIV13)", (0.003, 0.03), uitleg="Monthly chance of a benefit cut.")
    sanctie_hoogte: float = kans(0.3, "fractie van de norm in een sanctiemaand", "aanname "
                                 "(Participatiewet: maatregel tot 100%)", (0.1, 1.0),
                                 uitleg="Share of the norm cut.")
    sanctie_effect: float = par(2.4, "vermenigvuldiger op de baankans in een sanctiemaand",
                                "EXT:sanctie_effect_uitstroom (+140%, Van den Berg et al.)",
                                (1.0, 3.0), ge=1.0, le=5.0, onzeker=True,
                                uitleg="Job finding under sanction.")
    uitstroom_overig_factor: float = par(1.05, "vermenigvuldiger op overige uitstroom",
                                         "aanname (sancties en controle: een deel vertrekt "
                                         "zonder bekend inkomen); Edzes 2010", (1.0, 1.15),
                                         ge=1.0, le=3.0, onzeker=True, uitleg="Other outflow.")
    baanverlies_na_sanctie: float = par(1.5, "vermenigvuldiger op baanverlies in de eerste 18 "
                                        "maanden na een plaatsing onder sanctie",
                                        "EXT:sanctie_effect_uitstroom (baankwaliteit "
                                        "twijfelachtig) - aanname", (1.0, 2.5), ge=1.0, le=5.0,
                                        onzeker=True, uitleg="Lower job quality.")
    parkeren: bool = Field(True, description="Clients on rungs 1-2 get no klantmanager and less "
                           "support.", json_schema_extra={"eenheid": "ja/nee", "bron": "DOMEIN "
                                                          "(risico: parkeren)", "bereik": [0, 1],
                                                          "onzeker": False})
    steun_geparkeerd: float = kans(0.5, "vermenigvuldiger op de stijgkans op trede 1-2",
                                   "aanname", (0.2, 0.9), onzeker=True,
                                   uitleg="Less support for parked clients.")
    terugval_geparkeerd: float = par(1.5, "vermenigvuldiger op terugval van trede 2", "aanname; "
                                     "DIV13 (terugval zonder nazorg)", (1.0, 2.5), ge=1.0, le=5.0,
                                     onzeker=True, uitleg="More relapse when parked.")


@registreer
class WorkFirst(Beleid):
    """Work-first: obligation from day one, priority for the job-ready, sanctions, parking."""

    naam = "work_first"
    titel = "Work first"
    Instellingen = WorkFirstInstellingen

    def __init__(self, instellingen: WorkFirstInstellingen) -> None:
        """Keep the settings; start with no participants and no sanction placements."""
        super().__init__(instellingen)
        self.i: WorkFirstInstellingen = instellingen
        self.deelnemers_maand = 0
        self.deelnemers_totaal = 0
        self.sanctie_banen = Leden()
        self.plicht = Leden(eind=np.int16, trede_voor=np.int8)
        self._gesanctioneerd = np.zeros(0, dtype=np.int64)

    def pas_toe(self, mechanismen: Mechanismen) -> None:
        """Set the mechanisms of gatekeeping, outflow focus, sanctions, priority and parking."""
        m, i = mechanismen, self.i
        m.afzien_aanvraag = 1.0 - (1.0 - m.afzien_aanvraag) * (1.0 - i.afzien_aanvraag)
        m.afzien_naar_werk = i.afzien_naar_werk
        m.afzien_max_belemmeringen = min(m.afzien_max_belemmeringen,
                                         i.verplichting_max_belemmeringen)
        m.baankans_factor *= i.baankans_factor
        m.sanctie_kans = max(m.sanctie_kans, i.sanctie_kans)
        m.sanctie_hoogte = max(m.sanctie_hoogte, i.sanctie_hoogte)
        m.sanctie_baankans *= i.sanctie_effect
        m.uitstroom_overig_factor *= i.uitstroom_overig_factor
        m.voorrang_werkfit = m.voorrang_werkfit or i.voorrang_werkfit
        if i.parkeren:
            m.parkeren_tot_trede = max(m.parkeren_tot_trede, PARKEER_TREDE)
            m.parkeren_naar_wmo = True
            m.steun_factor = m.steun_factor.copy()
            m.steun_factor[:PARKEER_TREDE] *= i.steun_geparkeerd
            m.terugval_trede = m.terugval_trede.copy()
            m.terugval_trede[PARKEER_TREDE - 1] *= i.terugval_geparkeerd

    def stop(self, model: Any) -> None:
        """End the policy between two months.

        Running work obligations end as when their time is up: clients still in bijstand on
        the work-like place (trede 4) go back to their rung of before (at most 4); no more
        programme costs. Gatekeeping, the outflow focus, sanctions, priority and parking end
        with the mechanisms (the core rebuilds them); a benefit cut of this month ends at the
        next month's sanctions, and parked clients are back in the klantmanager queue at the
        next ``toewijzen``. Jobs found under sanction are no longer lost more often. Who
        withdrew or left view stays where they are: the core's own rules go on for them.
        """
        t = model.tabel
        rijen, gevonden = self.plicht.rijen(t)
        op_plek = (t.inkomensbron[rijen] == I.BIJSTAND) & (t.trede[rijen] == 4)
        voor = self.plicht.kol["trede_voor"][gevonden][op_plek]
        t.kol["trede"][rijen[op_plek]] = np.minimum(4, voor)
        self.plicht.houd(np.zeros(len(self.plicht), dtype=bool))
        self.sanctie_banen.houd(np.zeros(len(self.sanctie_banen), dtype=bool))
        self._gesanctioneerd = np.zeros(0, dtype=np.int64)
        self.deelnemers_maand = 0

    # ---- work obligation for new clients ----------------------------------------------------
    @na("signaleren")
    def werkplicht(self, model: Any) -> None:
        """New clients with few obstacles start on a work-like place (trede 4) for a while."""
        t = model.tabel
        self._einde_plicht(model)
        bij = model.bijstand_rijen()
        nieuw = bij[t.wacht_sinds[bij] == model.maand]
        n = I.aantal_bits(t.belemmeringen[nieuw])
        plicht = nieuw[n <= self.i.verplichting_max_belemmeringen]
        plicht = plicht[~self.plicht.bevat(t.id[plicht])]
        self.plicht.voeg_toe(t.id[plicht], eind=model.maand + self.i.verplichting_duur,
                             trede_voor=t.trede[plicht])
        t.kol["trede"][plicht] = np.maximum(t.trede[plicht], 4)
        self.deelnemers_maand = len(plicht)
        self.deelnemers_totaal += len(plicht)

    def _einde_plicht(self, model: Any) -> None:
        """End the places that are over: back to the rung of before, unless risen or gone."""
        t = model.tabel
        rijen, gevonden = self.plicht.rijen(t)
        eind = self.plicht.kol["eind"][gevonden]
        klaar = eind <= model.maand
        terug = rijen[klaar & (t.inkomensbron[rijen] == I.BIJSTAND) & (t.trede[rijen] == 4)]
        voor = self.plicht.kol["trede_voor"][gevonden][
            klaar & (t.inkomensbron[rijen] == I.BIJSTAND) & (t.trede[rijen] == 4)]
        t.kol["trede"][terug] = np.minimum(4, voor)
        houd = np.zeros(len(self.plicht), dtype=bool)
        houd[np.flatnonzero(gevonden)[~klaar & (t.inkomensbron[rijen] == I.BIJSTAND)]] = True
        self.plicht.houd(houd)

    # ---- job quality of placements under sanction ------------------------------------------
    @voor("arbeidsmarkt")
    def onthoud_sancties(self, model: Any) -> None:
        """Remember who is under a sanction this month."""
        t = model.tabel
        bij = model.bijstand_rijen()
        self._gesanctioneerd = t.id[bij[t.sanctie[bij] > 0]].copy()

    @na("arbeidsmarkt")
    def sanctiebanen(self, model: Any) -> None:
        """Track jobs found under sanction; they are lost more often in the placement window."""
        t = model.tabel
        if len(self._gesanctioneerd):
            rij = t.rijen_van(self._gesanctioneerd)
            nieuw = rij[(t.inkomensbron[rij] == I.WERK) & (t.werkgever[rij] != -1)]
            nieuw_ids = t.id[nieuw]
            nieuw_ids = nieuw_ids[~self.sanctie_banen.bevat(nieuw_ids)]
            self.sanctie_banen.voeg_toe(nieuw_ids)
        rijen, gevonden = self.sanctie_banen.rijen(t)
        nog = ((t.inkomensbron[rijen] == I.WERK) & (t.werkgever[rijen] != -1)
               & (t.baan_maanden[rijen] < overgangen.PLAATSINGSVENSTER))
        houd = np.zeros(len(self.sanctie_banen), dtype=bool)
        houd[np.flatnonzero(gevonden)[nog]] = True
        self.sanctie_banen.houd(houd)
        kandidaten = rijen[nog]
        extra = (model.p.arbeidsmarkt.baanverlies_na_plaatsing
                 * (self.i.baanverlies_na_sanctie - 1.0))
        kwijt = gebeurt(model.rng, kandidaten, extra)
        if len(kwijt):
            overgangen.verlies_baan(model, kwijt)

    @voor("boekhouden")
    def kosten(self, model: Any) -> None:
        """Programme cost of this month's participants (re-integratie line)."""
        model.boek("reintegratie", self.deelnemers_maand * self.i.trajectkosten)
