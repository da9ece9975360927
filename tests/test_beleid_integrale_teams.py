"""Integrated-team mechanisms, each on a tiny hand-built population."""

from __future__ import annotations

import numpy as np
import pytest
from beleid_hulp import groep, hand_model

from agenten import inwoners as I
from simulatie.beleid.integrale_teams import IntegraleTeams, IntegraleTeamsInstellingen
from simulatie.kern.stappen import begeleiden

COMPLEX = I.PSYCHISCH | I.FYSIEK | I.SCHULDEN | I.ISOLEMENT   # four obstacles
KWETSBAAR = I.PSYCHISCH | I.ISOLEMENT                         # two obstacles


def _teams(model, **kw) -> IntegraleTeams:
    beleid = IntegraleTeams(IntegraleTeamsInstellingen(actief=True, **kw))
    model.professionals[:] = [*model.klantmanagers, *model.wmo_consulenten]
    beleid.start(model)
    return beleid


def test_bemensing_per_wijk_naar_complexiteit_en_hogere_loonkosten():
    rijen = (groep(12, inkomensbron=I.BIJSTAND, trede=2, belemmeringen=COMPLEX, wijk=0)
             + groep(70, inkomensbron=I.BIJSTAND, trede=2, belemmeringen=KWETSBAAR, wijk=1)
             + groep(50, inkomensbron=I.BIJSTAND, trede=3, belemmeringen=I.FYSIEK, wijk=1))
    model = hand_model(rijen)
    beleid = _teams(model, bereik=1.0, caseload_complex=6, caseload_kwetsbaar=35,
                    loonkosten_factor=1.2)
    coaches = [p for p in model.professionals if p.rol == "wijkcoach"]
    assert coaches == beleid.coaches
    wijk = [c.wijk for c in coaches]
    assert wijk.count(0) == 2   # 12 complex households / 6
    assert wijk.count(1) == 2   # 70 vulnerable households / 35; one obstacle: klantmanager
    verwacht = 4 * model.p.kosten.loonkosten_professional * 0.2 / 12
    beleid.roep("voor", "boekhouden", model)
    assert model.geboekt("apparaat") == pytest.approx(verwacht)


def test_intake_binnen_uren_complexe_huishoudens_eerst():
    rijen = (groep(6, inkomensbron=I.BIJSTAND, belemmeringen=COMPLEX, trede=2)
             + groep(100, inkomensbron=I.BIJSTAND, belemmeringen=KWETSBAAR, trede=2))
    model = hand_model(rijen)
    beleid = _teams(model, bereik=0.3)
    uren_fte = model.p.toewijzen.uren_per_fte
    uren = 0.3 * (6 * uren_fte / 6 + 100 * uren_fte / 35)  # 30% of the hours needed: 1.16 fte
    assert sorted(c.fte for c in beleid.coaches) == pytest.approx([uren / uren_fte - 1, 1.0])
    beleid.roep("voor", "begeleiden", model)
    rijen_team, _ = beleid.leden(model)
    assert set(range(6)) <= set(rijen_team.tolist())     # complex first
    assert len(rijen_team) < len(rijen)                  # not everyone fits
    assert beleid.huishoudens.kol["uren"].sum() <= uren + 1e-9


def test_een_integrale_diagnose_zonder_overdrachtsverlies():
    rijen = groep(200, inkomensbron=I.BIJSTAND, trede=2, belemmeringen=KWETSBAAR, klantmanager=0)
    siloed = hand_model(rijen, **{"parameters.begeleiden.overdrachtsverlies": 1.0,
                                  "parameters.begeleiden.signaleer_zorg": 1.0})
    begeleiden.diagnose(siloed)
    assert (siloed.tabel.wmo_aanvraag & I.BEGELEIDING).sum() == 0   # every hand-off lost
    team = hand_model(rijen, **{"parameters.begeleiden.overdrachtsverlies": 1.0})
    beleid = _teams(team, bereik=1.0, herkenning=1.0, samenwerking_sociale_dienst=1.0)
    beleid.roep("voor", "begeleiden", team)
    t = team.tabel
    assert ((t.wmo_aanvraag & I.BEGELEIDING) > 0).all()
    assert ((t.wmo_aanvraag & I.DAGBESTEDING) > 0).all()   # isolation and psychisch together
    assert team.tellers["overdracht_verloren"] == 0
    assert (t.diagnose_maand == team.maand).all()           # one plan: no second diagnosis


def test_zonder_samenwerking_blijft_de_werkkant_bij_de_sociale_dienst():
    rijen = groep(100, inkomensbron=I.BIJSTAND, trede=2, belemmeringen=I.TAAL | I.PSYCHISCH)
    model = hand_model(rijen)
    beleid = _teams(model, bereik=1.0, herkenning=1.0, samenwerking_sociale_dienst=0.0)
    beleid.roep("voor", "begeleiden", model)
    t = model.tabel
    assert ((t.bekend & I.PSYCHISCH) > 0).all()
    assert ((t.bekend & I.TAAL) == 0).all()
    assert ((t.wacht & I.REINTEGRATIE) == 0).all()
    assert (t.diagnose_maand == I.NOOIT).all()   # the klantmanager still diagnoses separately


def test_activering_meer_stijgingen_van_trede_1_3_bij_een_gezamenlijk_plan():
    rijen = (groep(3000, inkomensbron=I.BIJSTAND, trede=2, belemmeringen=KWETSBAAR, wijk=0)
             + groep(3000, inkomensbron=I.BIJSTAND, trede=2, belemmeringen=KWETSBAAR, wijk=1))
    model = hand_model(rijen, seed=2)
    beleid = _teams(model, bereik=1.0, activering=3.0)
    beleid.huishoudens.houd(np.zeros(len(beleid.huishoudens), dtype=bool))
    ids = model.tabel.huishouden_id[:3000]
    beleid.huishoudens.voeg_toe(ids, samen=True, diagnose=0, uren=1.0)
    beleid.roep("na", "activeren", model)
    t = model.tabel
    assert (t.trede[:3000] == 3).sum() > 20
    assert (t.trede[3000:] == 2).all()


def test_outreach_vindt_verborgen_vraag():
    model = hand_model(groep(10, inkomensbron=I.BIJSTAND, belemmeringen=KWETSBAAR))
    voor = (model.mechanismen.aanvraag_later, model.mechanismen.wmo_aanvraag)
    _teams(model, outreach_niet_gebruik=2.0, outreach_wmo=1.14)
    assert model.mechanismen.aanvraag_later == min(1.0, 2.0 * voor[0])
    assert np.isclose(model.mechanismen.wmo_aanvraag, 1.14 * voor[1])


def _gezinnen(n: int) -> list[dict]:
    """``n`` families: a single parent in bijstand with two obstacles (klantmanager 0), a child
    of 8 waiting for youth care and a grandmother of 78 with a need for huishoudelijke hulp."""
    rijen = []
    for h in range(n):
        rijen += [dict(huishouden_id=h, huishouden=I.ALLEENSTAANDE_OUDER,
                       inkomensbron=I.BIJSTAND, trede=2, klantmanager=0,
                       belemmeringen=I.PSYCHISCH | I.SCHULDEN, leeftijd_maanden=38 * 12),
                  dict(huishouden_id=h, huishouden=I.KIND, inkomensbron=I.GEEN, trede=1,
                       leeftijd_maanden=8 * 12, jeugdhulp=I.JEUGD_WACHT),
                  dict(huishouden_id=h, huishouden=I.OVERIG_LID, inkomensbron=I.AOW, trede=3,
                       leeftijd_maanden=78 * 12, wmo_behoefte=I.HH)]
    return rijen


def _maand_van_het_plan(model, beleid=None) -> None:
    """The hooks and verbs of one month that the plan concerns, with or without the teams."""
    from simulatie.kern.stappen import jeugd

    if beleid is not None:
        beleid.roep("voor", "begeleiden", model)
    begeleiden.diagnose(model)
    if beleid is not None:
        beleid.roep("voor", "jeugd", model)
    jeugd.jeugd(model)
    if beleid is not None:
        beleid.roep("na", "jeugd", model)


def test_een_plan_per_huishouden_voor_ouder_kind_en_zorgvraag():
    rijen = _gezinnen(20)
    instellingen = {"parameters.begeleiden.overdrachtsverlies": 1.0,
                    "parameters.begeleiden.signaleer_zorg": 1.0,
                    "parameters.signaleren.wmo_aanvraag": 0.0,
                    "parameters.jeugd.wachttijd": 5.0}
    ouder, kind, oma = (np.arange(20) * 3 + i for i in range(3))

    siloed = hand_model(rijen, **instellingen)
    _maand_van_het_plan(siloed)
    t = siloed.tabel
    assert siloed.tellers["overdracht_verloren"] > 0             # the klantmanager refers,
    assert ((t.wmo_aanvraag[ouder] & I.BEGELEIDING) == 0).all()   # the hand-off is lost
    assert (t.jeugdhulp[kind] == I.JEUGD_ZORG).sum() < 10         # a separate queue: 1 in 5
    assert (t.wmo_behoefte[oma] == I.HH).all()                    # nobody asks for her

    team = hand_model(rijen, **instellingen)
    beleid = _teams(team, bereik=1.0, herkenning=1.0, samenwerking_sociale_dienst=1.0,
                    jeugd_regie=1.0)
    _maand_van_het_plan(team, beleid)
    t = team.tabel
    # One plan per household, by one regisseur: 20 households, not 60 residents.
    assert beleid.huishoudens.ids.tolist() == list(range(20))
    assert sum(c.caseload for c in beleid.coaches) == 20
    assert beleid.huishoudens.kol["uren"] == pytest.approx(
        team.p.toewijzen.uren_per_fte / 35)   # three problems: a vulnerable household
    assert ((t.wmo_aanvraag[ouder] & I.BEGELEIDING) > 0).all()    # no hand-off lost
    assert ((t.wacht[ouder] & I.SCHULDHULP) > 0).all()
    assert (t.diagnose_maand[ouder] == team.maand).all()          # no second diagnosis
    assert (t.jeugdhulp[kind] == I.JEUGD_ZORG).all()              # the child's support starts
    assert ((t.wmo_aanvraag[oma] & I.HH) > 0).all()               # her need is in the plan
    assert team.tellers["overdracht_verloren"] == 0


def test_het_huishouden_telt_de_problemen_van_zijn_leden():
    """A parent with one obstacle is a single problem; with a child in youth care it is two."""
    een = groep(30, inkomensbron=I.BIJSTAND, trede=2, belemmeringen=I.PSYCHISCH)
    rijen = [dict(r, huishouden_id=h) for h, r in enumerate(een)]
    rijen += [dict(huishouden_id=h, huishouden=I.KIND, inkomensbron=I.GEEN,
                   leeftijd_maanden=10 * 12, jeugdhulp=I.JEUGD_ZORG) for h in range(15)]
    model = hand_model(rijen)
    beleid = _teams(model, bereik=1.0)
    beleid.roep("voor", "begeleiden", model)
    assert beleid.huishoudens.ids.tolist() == list(range(15))
