"""Contract-compliance mechanisms, each on a tiny hand-built population."""

from __future__ import annotations

import numpy as np
from beleid_hulp import groep, hand_model

from agenten import inwoners as I
from simulatie.beleid.contract_compliance import (
    AANBIEDER,
    ContractCompliance,
    ContractComplianceInstellingen,
)


def _cc(**kw) -> ContractCompliance:
    return ContractCompliance(ContractComplianceInstellingen(actief=True, **kw))


def test_groeimodel_sociale_belemmering_eerst_zonder_clientcontact():
    rijen = (groep(10, inkomensbron=I.BIJSTAND, trede=3, belemmeringen=I.ISOLEMENT)
             + groep(10, inkomensbron=I.BIJSTAND, trede=3, belemmeringen=I.FYSIEK)
             + groep(10, inkomensbron=I.BIJSTAND, trede=2))           # rung too low
    model = hand_model(rijen, seed=1)
    beleid = _cc(verdringing=0.0)
    beleid.plaatsen(model, plekken_contact=20, plekken_zonder=6)
    t = model.tabel
    geplaatst = t.inkomensbron == I.WERK
    # Client contact: only the 10 without a social-contact obstacle; without contact: 6 of the
    # isolated clients; nobody below the lowest rung.
    assert beleid.geplaatst_contact == 10 and beleid.geplaatst_zonder_contact == 6
    assert geplaatst[10:20].all() and geplaatst[:10].sum() == 6 and not geplaatst[20:].any()
    contact = beleid.gedetacheerd.kol["contact"]
    isolement = (t.belemmeringen[beleid.gedetacheerd.rijen(t)[0]] & I.ISOLEMENT) > 0
    assert not (contact & isolement).any()
    assert (t.werkgever[geplaatst] == AANBIEDER).all() and (t.trede[geplaatst] == 5).all()
    assert model.tellers["uitstroom_naar_werk_zorg"] == 16
    assert model.tellers["uitstroom_naar_werk"] == 16


def test_na_de_detachering_vast_contract_of_terug_naar_de_bijstand():
    rijen = groep(40, inkomensbron=I.BIJSTAND, trede=3)
    for uitval, verwacht_vast in ((0.0, 40), (1.0, 0)):
        model = hand_model(rijen, seed=2)
        beleid = _cc(quotum=0.0, uitval_detachering=uitval, verdringing=0.0)
        beleid.plaatsen(model, 40, 0)
        model.tabel.kol["baan_maanden"][:40] = 6
        beleid.roep("na", "arbeidsmarkt", model)
        t = model.tabel
        assert beleid.vast == verwacht_vast
        assert int((t.trede == 6).sum()) == verwacht_vast
        if verwacht_vast == 0:   # within a year: no WW, they apply for bijstand again
            assert (t.inkomensbron == I.GEEN).all() and len(model.aanvragers[0]) == 40
        assert len(beleid.gedetacheerd) == 0


def test_verdringing_van_reguliere_kandidaten():
    rijen = groep(30, inkomensbron=I.BIJSTAND, trede=3) + groep(500)
    for verdringing, verwacht in ((0.0, 0), (1.0, 30)):
        model = hand_model(rijen, seed=3)
        beleid = _cc(verdringing=verdringing)
        beleid.plaatsen(model, 30, 0)
        t = model.tabel
        assert int((t.inkomensbron[30:] == I.WW).sum()) == verwacht
        assert beleid.verdrongen == verwacht
        assert ((t.ww_duur[30:] > 0) == (t.inkomensbron[30:] == I.WW)).all()


def test_kosten_training_en_tariefopslag():
    rijen = groep(5, inkomensbron=I.BIJSTAND, trede=3) + groep(100, zorg=I.HH)
    model = hand_model(rijen)
    beleid = _cc(opleiding_kosten=1000.0, tariefopslag=0.05, verdringing=0.0)
    beleid.plaatsen(model, 5, 0)
    beleid.roep("voor", "boekhouden", model)
    assert model.geboekt("reintegratie") == 5 * 1000.0
    assert np.isclose(model.geboekt("wmo_individueel"), 100 * model.p.aanbieders.prijs_hh * 0.05)
