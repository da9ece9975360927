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
    beleid = _teams(model, bereik=0.1)  # ceil(0.1 * (6*20 + 100*3.4) / 120) = 1 coach
    beleid.roep("voor", "begeleiden", model)
    rijen_team, _ = beleid.clienten.rijen(model.tabel)
    assert set(range(6)) <= set(rijen_team.tolist())     # complex first
    uren = beleid.clienten.kol["uren"].sum()
    assert uren <= model.p.toewijzen.uren_per_fte + 1e-9


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
    beleid.clienten.houd(np.zeros(0, dtype=bool))
    ids = model.tabel.id[:3000]
    beleid.clienten.voeg_toe(ids, samen=True, diagnose=0, uren=1.0)
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
