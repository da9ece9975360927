"""Integrale teams: generalist wijkcoaches with one integral diagnosis and plan per household.

Mechanisms (DOMEIN "The four policies"; DIV13 cases Enschede, Groningen; INT17):
    * The unit is the household ("1 gezin, 1 plan, 1 regisseur", DIV13; Enschede's
      "1 huishouden, 1 hulpverlener" with the wijkcoach as regisseur: "een probleem [kan] in één
      keer worden aangepakt"). A household is in the target group when a member receives
      bijstand and it has two or more problems: the obstacles of its members in bijstand plus its
      children in youth care or waiting for it (DIV13: "wat enkelvoudig kan worden opgelost, moet
      ook enkelvoudig blijven").
    * Staff: wijkcoaches per wijk (Professional agents, ``rol="wijkcoach"``), staffed at month
      0 for a share (``bereik``) of the target households, with caseloads in households by
      complexity (``EXT:caseload_integraal_complex`` 6 and ``_kwetsbaar`` 35 households per
      professional; the regular desk stays per person, the klantmanager's 100 clients); a higher
      cost per professional (``loonkosten_factor``).
    * Intake: each month coaches take target households in their wijk within their hours,
      complex households first; a household leaves the team when no member receives bijstand
      any more or fewer than two problems are left (a household that splits keeps its plan for
      the part that keeps its id).
    * One integral diagnosis and plan for the household, by one coach: every adult member is
      diagnosed with ``herkenning`` and referred for every known obstacle at once, without
      hand-off losses; a member's care need that the household has not yet brought to the Wmo
      desk is recognised (``herkenning``) and becomes an application; the coach as regisseur
      gets a waiting child's youth care started sooner (``jeugd_regie``).
    * Cooperation with the sociale dienst (``samenwerking_sociale_dienst``; 51% in 2015, 37% in
      2016), per household: only with cooperation is the work side part of the plan (work
      obstacles, and activation: more rises from rungs 1-3, ``activering``) and the
      klantmanagers of the members in bijstand do not diagnose separately; otherwise the
      klantmanager keeps a separate, siloed diagnosis per person.
    * Outreach: hidden need is found - non-takers of bijstand apply sooner and Wmo need becomes
      an application more often (CPB: referrals to individual Wmo care grew 14% faster).
    * Stop (a training round): the wijkcoaches leave, their households are with the regular
      desks only (:meth:`IntegraleTeams.stop`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import Field

from agenten import Professional, formatie
from agenten import inwoners as I
from simulatie.kern import (
    Beleid,
    BeleidInstellingen,
    Leden,
    Mechanismen,
    gebeurt,
    huishoudens,
    kans,
    ladder,
    na,
    overgangen,
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
#: Age in months from which a member's obstacles are part of the household's plan.
VOLWASSEN = 18 * 12


class IntegraleTeamsInstellingen(BeleidInstellingen):
    """Settings of integrated teams (``[beleid.integrale_teams]``)."""

    bereik: float = kans(0.5, "fractie van de huishoudens in de bijstand met twee of meer "
                         "problemen waarvoor de teams op maand 0 bemenst worden",
                         "aanname (hefboom)", (0.2, 1.0),
                         uitleg="Team size as a share of the multi-problem households.")
    caseload_complex: float = par(6, "huishoudens per professional",
                                  "EXT:caseload_integraal_complex (5-7)", (5, 7), ge=1, le=200)
    caseload_kwetsbaar: float = par(35, "huishoudens per professional",
                                    "EXT:caseload_integraal_kwetsbaar (30-40)", (30, 40), ge=1,
                                    le=200)
    complex_vanaf: int = Field(4, ge=2, le=8, description="Problems (obstacles of the members "
                               "in bijstand plus children in youth care) from which a household "
                               "counts as complex (caseload_complex); below: kwetsbaar.",
                               json_schema_extra={"eenheid": "problemen", "bron": "aanname "
                                                  "(LPBL-tool: complexe multiprobleemhuishoudens)",
                                                  "bereik": [3, 5], "onzeker": False})
    loonkosten_factor: float = par(1.15, "loonkosten wijkcoach t.o.v. loonkosten_professional",
                                   "aanname (hbo-generalist, teamcoordinatie, overleg)",
                                   (1.0, 1.4), ge=0.5, le=3.0, onzeker=True)
    herkenning: float = kans(0.85, "kans dat de wijkcoach een belemmering of zorgvraag van een "
                             "lid van het huishouden herkent", "aanname; VJ (integrale diagnose "
                             "achter de voordeur)", (0.6, 0.95), onzeker=True)
    samenwerking_sociale_dienst: float = kans(0.51, "fractie teamhuishoudens met een plan samen "
                                              "met de sociale dienst", "landelijk.csv wijkteams_"
                                              "samenwerking_sociale_dienst (51% 2015, 37% 2016); "
                                              "INT17", (0.37, 0.8), onzeker=True)
    activering: float = par(2.0, "vermenigvuldiger op de stijgkans op trede 1-3 voor teamclienten "
                            "met een gezamenlijk plan", "aanname; DIV13 (activering bewezen "
                            "effectief, omvang onzeker)", (1.0, 3.0), ge=1.0, le=5.0, onzeker=True)
    jeugd_regie: float = kans(0.3, "kans per maand dat de wijkcoach als regisseur de jeugdhulp van "
                              "een wachtend kind in een teamhuishouden laat beginnen (boven de "
                              "gewone wachttijd)", "aanname; DIV13 Enschede ('1 huishouden, 1 "
                              "hulpverlener': een probleem in een keer aangepakt)", (0.0, 0.7),
                              onzeker=True)
    outreach_niet_gebruik: float = par(1.5, "vermenigvuldiger op de kans dat een niet-gebruiker "
                                       "alsnog bijstand aanvraagt", "aanname (outreach)",
                                       (1.0, 2.5), ge=1.0, le=5.0, onzeker=True)
    outreach_wmo: float = par(1.2, "vermenigvuldiger op de kans dat Wmo-behoefte een aanvraag "
                              "wordt", "EXT:wijkteams_meer_verwijzingen (CPB: 14% snellere groei "
                              "verwijzingen maatwerk-Wmo)", (1.0, 1.5), ge=1.0, le=5.0,
                              onzeker=True)


class Doelgroep:
    """The month's households with a member in bijstand, by household id.

    Attributes:
        ids: Ids of the households with a member in bijstand (increasing).
        problemen: Per household of ``ids``: obstacles of its members in bijstand plus its
            children waiting for or in youth care.
        wijk: Per household of ``ids``: the wijk of its members in bijstand.
    """

    def __init__(self, model: Any) -> None:
        """Count the problems of every household with a member in bijstand."""
        t = model.tabel
        bij = model.bijstand_rijen()
        self.ids, plek = np.unique(t.huishouden_id[bij], return_inverse=True)
        self.problemen = np.bincount(plek, weights=I.aantal_bits(t.belemmeringen[bij]),
                                     minlength=len(self.ids))
        kind = np.flatnonzero(t.jeugdhulp != I.JEUGD_GEEN)
        pos, hier = self._plek(t.huishouden_id[kind[t.actief[kind]]])
        self.problemen += np.bincount(pos[hier], minlength=len(self.ids))
        self.wijk = np.zeros(len(self.ids), dtype=np.int64)
        self.wijk[plek] = t.wijk[bij]

    def _plek(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Position of each household id in :attr:`ids`, and whether it is there."""
        if len(self.ids) == 0:
            return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
        pos = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
        return pos, self.ids[pos] == ids

    def problemen_van(self, ids: np.ndarray) -> np.ndarray:
        """Problems of each household (0 without a member in bijstand)."""
        pos, hier = self._plek(ids)
        return np.where(hier, self.problemen[pos], 0.0)

    def wijk_van(self, ids: np.ndarray) -> np.ndarray:
        """The wijk of each household with a member in bijstand."""
        return self.wijk[self._plek(ids)[0]]

    def in_doelgroep(self, ids: np.ndarray) -> np.ndarray:
        """Whether each household (id) is in the target group this month."""
        return self.problemen_van(ids) >= 2

    def doel(self) -> np.ndarray:
        """Ids of the target households (increasing)."""
        return self.ids[self.problemen >= 2]


@registreer
class IntegraleTeams(Beleid):
    """Sociale wijkteams: wijkcoaches, one integral plan per household, outreach, activation."""

    naam = "integrale_teams"
    titel = "Integrale wijkteams"
    Instellingen = IntegraleTeamsInstellingen

    def __init__(self, instellingen: IntegraleTeamsInstellingen) -> None:
        """Keep the settings; the caseload is empty until the first intake."""
        super().__init__(instellingen)
        self.i: IntegraleTeamsInstellingen = instellingen
        #: The team's households, by ``huishouden_id`` (household ids are never reused).
        self.huishoudens = Leden(samen=np.bool_, diagnose=np.int32, uren=np.float64)
        self.uren_per_wijk = np.zeros(0)
        self.coaches: list[Professional] = []
        self._wachtend = np.zeros(0, dtype=np.int64)
        self._leden: tuple[tuple, np.ndarray, np.ndarray] | None = None

    # ---- set-up ----------------------------------------------------------------------------
    def _uren(self, model: Any, doel: Doelgroep, ids: np.ndarray) -> np.ndarray:
        """Coach hours per month a household takes, by complexity."""
        uren = model.p.toewijzen.uren_per_fte
        return np.where(doel.problemen_van(ids) >= self.i.complex_vanaf,
                        uren / self.i.caseload_complex, uren / self.i.caseload_kwetsbaar)

    def pas_toe(self, mechanismen: Mechanismen) -> None:
        """Outreach: non-takers apply sooner, Wmo need becomes an application more often."""
        m, i = mechanismen, self.i
        m.aanvraag_later = min(1.0, m.aanvraag_later * i.outreach_niet_gebruik)
        m.wmo_aanvraag = min(1.0, m.wmo_aanvraag * i.outreach_wmo)

    def start(self, model: Any) -> None:
        """Staff the wijkteams and switch on outreach."""
        super().start(model)
        i = self.i
        uren_fte = model.p.toewijzen.uren_per_fte
        wijken = model.config.gemeente.wijken
        doel = Doelgroep(model)
        ids = doel.doel()
        nodig = np.bincount(doel.wijk_van(ids), weights=self._uren(model, doel, ids),
                            minlength=wijken)
        fte = i.bereik * nodig / uren_fte
        for w in range(wijken):
            for deel in formatie(fte[w]) if fte[w] > 0 else []:
                coach = Professional(model, ROL, uren_fte, uren_fte / i.caseload_kwetsbaar,
                                     COMPETENTIES_WIJKCOACH, wijk=w, fte=deel)
                model.voeg_professional_toe(coach)
                self.coaches.append(coach)
        self.uren_per_wijk = fte * uren_fte

    def stop(self, model: Any) -> None:
        """Disband the wijkteams between two months.

        The wijkcoaches leave the professionals (and the staff costs); their households are
        back with the regular desks only: the klantmanager a member has, or the queue, and the
        klantmanager's own diagnosis at its usual moment. What a coach recognised stays known,
        and referrals already made run their course. Outreach ends with the mechanisms.
        """
        for coach in self.coaches:
            model.verwijder_professional(coach)
        self.coaches = []
        self.huishoudens.houd(np.zeros(len(self.huishoudens), dtype=bool))
        self.uren_per_wijk = np.zeros_like(self.uren_per_wijk)

    # ---- caseload, diagnosis and plan ------------------------------------------------------
    def _bijwerken(self, model: Any) -> None:
        """Drop households that left the target group; take in new ones within the hours."""
        rng, hh = model.rng, self.huishoudens
        doel = Doelgroep(model)
        hh.houd(doel.in_doelgroep(hh.ids))
        hh.kol["uren"] = self._uren(model, doel, hh.ids)

        wijken = len(self.uren_per_wijk)
        bezet = np.bincount(doel.wijk_van(hh.ids), weights=hh.kol["uren"], minlength=wijken)
        vrij = self.uren_per_wijk - bezet
        nieuw_ids = doel.doel()
        nieuw_ids = nieuw_ids[~hh.bevat(nieuw_ids)]
        if len(nieuw_ids) and vrij.max() > 0:
            uren = self._uren(model, doel, nieuw_ids)
            # Complex households first, random order within complexity.
            volgorde = np.lexsort((rng.random(len(nieuw_ids)), -uren))
            nieuw_ids, uren = nieuw_ids[volgorde], uren[volgorde]
            wijk = doel.wijk_van(nieuw_ids)
            nieuw = []
            for w in np.flatnonzero(vrij > 0):
                in_wijk = np.flatnonzero(wijk == w)
                nieuw.append(in_wijk[np.cumsum(uren[in_wijk]) <= vrij[w]])
            nieuw = np.concatenate(nieuw) if nieuw else np.zeros(0, dtype=np.int64)
            if len(nieuw):
                samen = rng.random(len(nieuw)) < self.i.samenwerking_sociale_dienst
                hh.voeg_toe(nieuw_ids[nieuw], samen=samen, diagnose=I.NOOIT, uren=uren[nieuw])
        self._caseloads(doel)

    def _caseloads(self, doel: Doelgroep) -> None:
        """Each coach's caseload: the team's households in the coach's wijk, shared by fte."""
        if not self.coaches:
            return
        wijken = len(self.uren_per_wijk)
        per_wijk = np.bincount(doel.wijk_van(self.huishoudens.ids), minlength=wijken)
        fte = np.bincount([c.wijk for c in self.coaches], weights=[c.fte for c in self.coaches],
                          minlength=wijken)
        per_fte = (per_wijk / np.maximum(fte, 1e-9)).tolist()
        for c in self.coaches:
            c.caseload = round(per_fte[c.wijk] * c.fte)

    def leden(self, model: Any,
              masker: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Active members of the team's households (or of those where ``masker`` holds).

        Returns:
            ``(rijen, positie)``: the members' rows (increasing) and the position of each
            member's household in ``self.huishoudens``.
        """
        t, ids = model.tabel, self.huishoudens.ids
        # Households change only in verb demografie and at intake: the members found once are
        # valid for the rest of the month (one scan of the table instead of one per hook).
        sleutel = (model.maand, id(t), t.indeling, len(t), hash(ids.tobytes()))
        if self._leden is None or self._leden[0] != sleutel:
            rijen = huishoudens.leden(t, ids)
            self._leden = (sleutel, rijen, np.searchsorted(ids, t.huishouden_id[rijen]))
        _, rijen, positie = self._leden
        if masker is None:
            return rijen, positie
        hier = masker[positie]
        return rijen[hier], positie[hier]

    @voor("begeleiden")
    def diagnose_en_plan(self, model: Any) -> None:
        """Intake, then the household's integral diagnosis and plan where it is due."""
        self._bijwerken(model)
        hh = self.huishoudens
        if len(hh) == 0:
            return
        t = model.tabel
        herdiag = model.p.begeleiden.herdiagnose_maanden
        due = (model.maand - hh.kol["diagnose"]) >= herdiag
        rijen, positie = self.leden(model, due)
        samen = hh.kol["samen"][positie]
        volwassen = t.leeftijd_maanden[rijen] >= VOLWASSEN
        for met in (True, False):
            wie = rijen[volwassen & (samen == met)]
            if len(wie) == 0:
                continue
            herken = np.full(6, self.i.herkenning)
            if not met:
                herken[list(WERK_KOLOMMEN)] = 0.0  # the work side stays with the sociale dienst
            regels.diagnosticeer(model, wie, herken, verlies=0.0, herzie=met)
            if met:
                # One plan: the klantmanagers of the members in bijstand do not diagnose apart.
                bij = wie[t.inkomensbron[wie] == I.BIJSTAND]
                t.kol["diagnose_maand"][bij] = model.maand
        # The care needs of any member that the household had not yet brought to the desk.
        zorgvraag = rijen[t.wmo_behoefte[rijen] > 0]
        overgangen.vraagt_wmo_aan(model, gebeurt(model.rng, zorgvraag, self.i.herkenning))
        hh.kol["diagnose"][due] = model.maand

    @voor("jeugd")
    def wachtende_kinderen(self, model: Any) -> None:
        """Remember the team's children waiting for youth care before this month's new needs."""
        if self.i.jeugd_regie <= 0.0 or len(self.huishoudens) == 0:
            self._wachtend = np.zeros(0, dtype=np.int64)
            return
        rijen, _ = self.leden(model)
        self._wachtend = rijen[model.tabel.jeugdhulp[rijen] == I.JEUGD_WACHT]

    @na("jeugd")
    def jeugdhulp_regie(self, model: Any) -> None:
        """The regisseur gets care started for children who were waiting and still wait."""
        t = model.tabel
        wie = self._wachtend[(t.jeugdhulp[self._wachtend] == I.JEUGD_WACHT)
                             & t.actief[self._wachtend]]
        overgangen.start_jeugdhulp(model, gebeurt(model.rng, wie, self.i.jeugd_regie))
        self._wachtend = np.zeros(0, dtype=np.int64)

    @na("activeren")
    def activering(self, model: Any) -> None:
        """Activation is central: extra rises from rungs 1-3 for members with a joint plan."""
        if self.i.activering <= 1.0 or len(self.huishoudens) == 0:
            return
        t = model.tabel
        rijen, _ = self.leden(model, self.huishoudens.kol["samen"])
        rijen = rijen[t.inkomensbron[rijen] == I.BIJSTAND]
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
        fte = sum(c.fte for c in self.coaches)
        model.boek("apparaat", fte * model.p.kosten.loonkosten_professional
                   * (self.i.loonkosten_factor - 1.0) / 12)
