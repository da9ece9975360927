"""Integrale teams: generalist wijkcoaches with one integral diagnosis and plan per household.

Mechanisms (DOMEIN "The four policies"; DIV13 cases Enschede, Groningen; INT17):
    * Staff: wijkcoaches per wijk (Professional agents, ``rol="wijkcoach"``), staffed at month
      0 for a share (``bereik``) of the bijstand clients with two or more obstacles, with
      caseloads by complexity (``EXT:caseload_integraal_complex`` 6 and ``_kwetsbaar`` 35
      households per professional; regular clients stay at the klantmanager's 100); a higher
      cost per professional (``loonkosten_factor``).
    * Intake: each month coaches take clients with two or more obstacles in their wijk within
      their hours, complex households first; clients leave the team when they leave bijstand or
      have fewer than two obstacles left.
    * One integral diagnosis and plan: the coach recognises obstacles with ``herkenning`` and
      refers for every known obstacle at once, without hand-off losses.
    * Cooperation with the sociale dienst (``samenwerking_sociale_dienst``; 51% in 2015, 37% in
      2016): only with cooperation is the work side part of the plan (work obstacles, and
      activation: more rises from rungs 1-3, ``activering``); otherwise the klantmanager keeps a
      separate, siloed diagnosis.
    * Outreach: hidden need is found - non-takers of bijstand apply sooner and Wmo need becomes
      an application more often (CPB: referrals to individual Wmo care grew 14% faster).
    * Stop (a training round): the wijkcoaches leave, their clients are with the regular desk
      only (:meth:`IntegraleTeams.stop`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import Field

from agenten import Professional
from agenten import inwoners as I
from simulatie.kern import (
    Beleid,
    BeleidInstellingen,
    Leden,
    Mechanismen,
    kans,
    ladder,
    na,
    par,
    regels,
    registreer,
    voor,
)

#: Role of the generalists this policy adds.
ROL = "wijkcoach"
#: Competences of a wijkcoach (VJ, DIV13: integral and context-oriented working).
COMPETENTIES_WIJKCOACH = {"integraal": 0.8, "contextgericht": 0.8}

#: Obstacle columns the klantmanager's work side sees (fysiek, taal): coaches without
#: cooperation leave these to the sociale dienst.
WERK_KOLOMMEN = (1, 2)


class IntegraleTeamsInstellingen(BeleidInstellingen):
    """Settings of integrated teams (``[beleid.integrale_teams]``)."""

    bereik: float = kans(0.5, "fractie van de bijstandsclienten met twee of meer belemmeringen "
                         "waarvoor de teams op maand 0 bemenst worden", "aanname (hefboom)",
                         (0.2, 1.0), uitleg="Team size as a share of the multi-problem caseload.")
    caseload_complex: float = par(6, "huishoudens per professional",
                                  "EXT:caseload_integraal_complex (5-7)", (5, 7), ge=1, le=200)
    caseload_kwetsbaar: float = par(35, "huishoudens per professional",
                                    "EXT:caseload_integraal_kwetsbaar (30-40)", (30, 40), ge=1,
                                    le=200)
    complex_vanaf: int = Field(4, ge=2, le=6, description="Obstacles from which a household "
                               "counts as complex (caseload_complex); below: kwetsbaar.",
                               json_schema_extra={"eenheid": "belemmeringen", "bron": "aanname "
                                                  "(LPBL-tool: complexe multiprobleemhuishoudens)",
                                                  "bereik": [3, 5], "onzeker": False})
    loonkosten_factor: float = par(1.15, "loonkosten wijkcoach t.o.v. loonkosten_professional",
                                   "aanname (hbo-generalist, teamcoordinatie, overleg)",
                                   (1.0, 1.4), ge=0.5, le=3.0)
    herkenning: float = kans(0.85, "kans dat de wijkcoach een belemmering herkent", "aanname; VJ "
                             "(integrale diagnose achter de voordeur)", (0.6, 0.95), onzeker=True)
    samenwerking_sociale_dienst: float = kans(0.51, "fractie teamclienten met een plan samen met "
                                              "de sociale dienst", "landelijk.csv wijkteams_"
                                              "samenwerking_sociale_dienst (51% 2015, 37% 2016); "
                                              "INT17", (0.37, 0.8), onzeker=True)
    activering: float = par(2.0, "vermenigvuldiger op de stijgkans op trede 1-3 voor teamclienten "
                            "met een gezamenlijk plan", "aanname; DIV13 (activering bewezen "
                            "effectief, omvang onzeker)", (1.0, 3.0), ge=1.0, le=5.0, onzeker=True)
    outreach_niet_gebruik: float = par(1.5, "vermenigvuldiger op de kans dat een niet-gebruiker "
                                       "alsnog bijstand aanvraagt", "aanname (outreach)",
                                       (1.0, 2.5), ge=1.0, le=5.0, onzeker=True)
    outreach_wmo: float = par(1.2, "vermenigvuldiger op de kans dat Wmo-behoefte een aanvraag "
                              "wordt", "EXT:wijkteams_meer_verwijzingen (CPB: 14% snellere groei "
                              "verwijzingen maatwerk-Wmo)", (1.0, 1.5), ge=1.0, le=5.0,
                              onzeker=True)


@registreer
class IntegraleTeams(Beleid):
    """Sociale wijkteams: wijkcoaches, one integral plan, outreach, activation."""

    naam = "integrale_teams"
    titel = "Integrale wijkteams"
    Instellingen = IntegraleTeamsInstellingen

    def __init__(self, instellingen: IntegraleTeamsInstellingen) -> None:
        """Keep the settings; the caseload is empty until the first intake."""
        super().__init__(instellingen)
        self.i: IntegraleTeamsInstellingen = instellingen
        self.clienten = Leden(samen=np.bool_, diagnose=np.int32, uren=np.float64)
        self.uren_per_wijk = np.zeros(0)
        self.coaches: list[Professional] = []

    # ---- set-up ----------------------------------------------------------------------------
    def _uren(self, model: Any, rijen: np.ndarray) -> np.ndarray:
        """Coach hours per month a client takes, by complexity."""
        uren = model.p.toewijzen.uren_per_fte
        n = I.aantal_bits(model.tabel.belemmeringen[rijen])
        return np.where(n >= self.i.complex_vanaf, uren / self.i.caseload_complex,
                        uren / self.i.caseload_kwetsbaar)

    def _doelgroep(self, model: Any) -> np.ndarray:
        bij = model.bijstand_rijen()
        return bij[I.aantal_bits(model.tabel.belemmeringen[bij]) >= 2]

    def pas_toe(self, mechanismen: Mechanismen) -> None:
        """Outreach: non-takers apply sooner, Wmo need becomes an application more often."""
        m, i = mechanismen, self.i
        m.aanvraag_later = min(1.0, m.aanvraag_later * i.outreach_niet_gebruik)
        m.wmo_aanvraag = min(1.0, m.wmo_aanvraag * i.outreach_wmo)

    def start(self, model: Any) -> None:
        """Staff the wijkteams and switch on outreach."""
        super().start(model)
        t, i = model.tabel, self.i
        uren_fte = model.p.toewijzen.uren_per_fte
        wijken = model.config.gemeente.wijken
        doel = self._doelgroep(model)
        nodig = np.bincount(t.wijk[doel], weights=self._uren(model, doel), minlength=wijken)
        fte = np.ceil(i.bereik * nodig / uren_fte).astype(int)
        for w in range(wijken):
            for _ in range(int(fte[w])):
                coach = Professional(model, ROL, uren_fte, uren_fte / i.caseload_kwetsbaar,
                                     COMPETENTIES_WIJKCOACH, wijk=w)
                model.voeg_professional_toe(coach)
                self.coaches.append(coach)
        self.uren_per_wijk = fte * uren_fte

    def stop(self, model: Any) -> None:
        """Disband the wijkteams between two months.

        The wijkcoaches leave the professionals (and the staff costs); their clients are back
        with the regular desk only: the klantmanager they have, or the queue, and the
        klantmanager's own diagnosis at its usual moment. What a coach recognised stays known,
        and referrals already made run their course. Outreach ends with the mechanisms.
        """
        for coach in self.coaches:
            model.verwijder_professional(coach)
        self.coaches = []
        self.clienten.houd(np.zeros(len(self.clienten), dtype=bool))
        self.uren_per_wijk = np.zeros_like(self.uren_per_wijk)

    # ---- caseload, diagnosis and plan ------------------------------------------------------
    def _bijwerken(self, model: Any) -> None:
        """Drop clients who left; take in new ones within the coaches' hours."""
        t, rng = model.tabel, model.rng
        rijen, gevonden = self.clienten.rijen(t)
        blijft = ((t.inkomensbron[rijen] == I.BIJSTAND)
                  & (I.aantal_bits(t.belemmeringen[rijen]) >= 2))
        houd = np.zeros(len(self.clienten), dtype=bool)
        houd[np.flatnonzero(gevonden)[blijft]] = True
        self.clienten.houd(houd)
        rijen = rijen[blijft]
        self.clienten.kol["uren"] = self._uren(model, rijen)

        wijken = len(self.uren_per_wijk)
        bezet = np.bincount(t.wijk[rijen], weights=self.clienten.kol["uren"], minlength=wijken)
        vrij = self.uren_per_wijk - bezet
        doel = self._doelgroep(model)
        doel = doel[~self.clienten.bevat(t.id[doel])]
        if len(doel) and vrij.max() > 0:
            uren = self._uren(model, doel)
            # Complex households first, random order within complexity.
            volgorde = np.lexsort((rng.random(len(doel)), -uren))
            doel, uren = doel[volgorde], uren[volgorde]
            nieuw = []
            wijk_doel = t.wijk[doel]
            for w in np.flatnonzero(vrij > 0):
                in_wijk = np.flatnonzero(wijk_doel == w)
                past = in_wijk[np.cumsum(uren[in_wijk]) <= vrij[w]]
                nieuw.append(past)
            nieuw = np.concatenate(nieuw) if nieuw else np.zeros(0, dtype=np.int64)
            if len(nieuw):
                samen = rng.random(len(nieuw)) < self.i.samenwerking_sociale_dienst
                self.clienten.voeg_toe(t.id[doel[nieuw]], samen=samen, diagnose=I.NOOIT,
                                       uren=uren[nieuw])
        rijen, _ = self.clienten.rijen(t)
        self._caseloads(model, rijen)

    def _caseloads(self, model: Any, rijen: np.ndarray) -> None:
        wijken = len(self.uren_per_wijk)
        per_wijk = np.bincount(model.tabel.wijk[rijen], minlength=wijken)
        if not self.coaches:
            return
        aantal = np.bincount([c.wijk for c in self.coaches], minlength=wijken)
        per_coach = np.rint(per_wijk / np.maximum(aantal, 1)).astype(int).tolist()
        for c in self.coaches:
            c.caseload = per_coach[c.wijk]

    @voor("begeleiden")
    def diagnose_en_plan(self, model: Any) -> None:
        """Intake, then the integral diagnosis and plan of clients who are due."""
        self._bijwerken(model)
        rijen, gevonden = self.clienten.rijen(model.tabel)
        if len(rijen) == 0:
            return
        rij_van_lid = np.full(len(self.clienten), -1, dtype=np.int64)
        rij_van_lid[gevonden] = rijen
        k = model.tabel.kol
        herdiag = model.p.begeleiden.herdiagnose_maanden
        diag = self.clienten.kol["diagnose"]
        samen = self.clienten.kol["samen"]
        due = gevonden & ((model.maand - diag) >= herdiag)
        for met in (True, False):
            wie = rij_van_lid[due & (samen == met)]
            if len(wie) == 0:
                continue
            kans = np.full(6, self.i.herkenning)
            if not met:
                kans[list(WERK_KOLOMMEN)] = 0.0  # the work side stays with the sociale dienst
            regels.diagnosticeer(model, wie, kans, verlies=0.0, herzie=met)
            if met:
                # One plan: the klantmanager does not diagnose separately.
                k["diagnose_maand"][wie] = model.maand
        diag[due] = model.maand

    @na("activeren")
    def activering(self, model: Any) -> None:
        """Activation is central: extra rises from rungs 1-3 for clients with a joint plan."""
        if self.i.activering <= 1.0 or len(self.clienten) == 0:
            return
        t = model.tabel
        rijen, gevonden = self.clienten.rijen(t)
        samen = self.clienten.kol["samen"][gevonden]
        rijen = rijen[samen & (t.inkomensbron[rijen] == I.BIJSTAND)]
        m = len(model.trede_vorige)
        rijen = rijen[(rijen < m) & (t.trede[rijen] <= 3)]
        rijen = rijen[t.trede[rijen] == model.trede_vorige[rijen]]
        if len(rijen) == 0:
            return
        p_op, _ = ladder.ladder_kansen(model, rijen)
        op = rijen[model.rng.random(len(rijen)) < p_op * (self.i.activering - 1.0)]
        t.kol["trede"][op] += 1

    @voor("boekhouden")
    def kosten(self, model: Any) -> None:
        """Extra cost of generalists above the regular loaded salary (apparaat line)."""
        n = len(self.coaches)
        model.boek("apparaat", n * model.p.kosten.loonkosten_professional
                   * (self.i.loonkosten_factor - 1.0) / 12)
