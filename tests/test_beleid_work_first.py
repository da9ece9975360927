"""Work-first mechanisms, each on a tiny hand-built population."""

from __future__ import annotations

import numpy as np
from beleid_hulp import groep, hand_model

from agenten import inwoners as I
from simulatie.beleid.work_first import WorkFirst, WorkFirstInstellingen
from simulatie.kern.ladder import ladder_kansen
from simulatie.kern.stappen import arbeidsmarkt, demografie, signaleren, toewijzen


def _wf(**kw) -> WorkFirst:
    return WorkFirst(WorkFirstInstellingen(actief=True, **kw))


def test_afzien_van_aanvraag_deels_werk_rest_buiten_beeld():
    model = hand_model(groep(2000, inkomensbron=I.GEEN, trede=3),
                       **{"parameters.signaleren.niet_gebruik_bijstand": 0.0})
    model.aanvragers.append(model.tabel.id.copy())
    beleid = _wf(afzien_aanvraag=0.4, afzien_naar_werk=0.25)
    beleid.start(model)
    signaleren.signaleren(model)
    t = model.tabel
    afgezien = model.tellers["afgezien_aanvraag"]
    werk = int((t.inkomensbron == I.WERK).sum())
    assert 700 < afgezien < 900  # binomial(2000, 0.4)
    assert 0.15 < werk / afgezien < 0.35
    assert model.buiten_beeld == afgezien - werk
    assert int((t.inkomensbron == I.BIJSTAND).sum()) == 2000 - afgezien


def test_zonder_work_first_ziet_niemand_af():
    model = hand_model(groep(500, inkomensbron=I.GEEN, trede=3),
                       **{"parameters.signaleren.niet_gebruik_bijstand": 0.0})
    model.aanvragers.append(model.tabel.id.copy())
    signaleren.signaleren(model)
    assert model.buiten_beeld == 0
    assert int((model.tabel.inkomensbron == I.BIJSTAND).sum()) == 500


def test_werkplicht_vanaf_de_eerste_maand_voor_wie_weinig_belemmeringen_heeft():
    rijen = (groep(50, inkomensbron=I.GEEN, trede=2, belemmeringen=I.FYSIEK)
             + groep(50, inkomensbron=I.GEEN, trede=2,
                     belemmeringen=I.FYSIEK | I.PSYCHISCH | I.SCHULDEN))
    model = hand_model(rijen, **{"parameters.signaleren.niet_gebruik_bijstand": 0.0})
    model.aanvragers.append(model.tabel.id.copy())
    beleid = _wf(afzien_aanvraag=0.0, trajectkosten=1000.0)
    beleid.start(model)
    signaleren.signaleren(model)
    beleid.roep("na", "signaleren", model)
    t = model.tabel
    assert (t.trede[:50] == 4).all()   # work-like place from month one
    assert (t.trede[50:] == 2).all()   # too many obstacles for the obligation
    beleid.roep("voor", "boekhouden", model)
    assert model.geboekt("reintegratie") == 50 * 1000.0
    # The place lasts verplichting_duur months; then back to the rung of before, unless risen.
    t.kol["trede"][:5] = 5
    model.maand += beleid.i.verplichting_duur - 1
    beleid.roep("na", "signaleren", model)
    assert (t.trede[5:50] == 4).all()
    model.maand += 1
    beleid.roep("na", "signaleren", model)
    assert (t.trede[5:50] == 2).all() and (t.trede[:5] == 5).all()
    assert len(beleid.plicht) == 0


def test_voorrang_voor_werkfitte_clienten_in_de_wachtrij():
    # 150 waiting clients, one klantmanager with 100 places: 75 not job-ready arrived first.
    rijen = (groep(75, inkomensbron=I.BIJSTAND, trede=3, fase=2, wacht_sinds=0)
             + groep(75, inkomensbron=I.BIJSTAND, trede=4, fase=2, wacht_sinds=5))
    # 100 clients at month 0: one full-time klantmanager (caseload 100).
    zonder = hand_model(rijen, **{"gemeente.wwb": 100})
    met = hand_model(rijen, **{"gemeente.wwb": 100})
    for model in (zonder, met):
        assert [p.fte for p in model.klantmanagers] == [1.0]
    toewijzen.toewijzen(zonder)
    beleid = _wf(parkeren=False)
    beleid.start(met)
    assert met.mechanismen.voorrang_werkfit and met.mechanismen.parkeren_tot_trede == 0
    toewijzen.toewijzen(met)
    assert (zonder.tabel.klantmanager[:75] >= 0).all()
    assert (zonder.tabel.klantmanager[75:] >= 0).sum() == 25
    assert (met.tabel.klantmanager[75:] >= 0).all()
    assert (met.tabel.klantmanager[:75] >= 0).sum() == 25
    # Those still waiting keep their place in the queue.
    wacht = met.tabel.klantmanager < 0
    assert set(met.tabel.wacht_sinds[wacht]) == {0}


def test_parkeren_trede_1_2_zonder_klantmanager_en_minder_steun():
    rijen = (groep(40, inkomensbron=I.BIJSTAND, trede=2, klantmanager=0, wacht_sinds=-1)
             + groep(40, inkomensbron=I.BIJSTAND, trede=3, klantmanager=0, wacht_sinds=-1))
    model = hand_model(rijen)
    beleid = _wf(steun_geparkeerd=0.5, terugval_geparkeerd=2.0)
    p_op_voor, p_neer_voor = ladder_kansen(model, np.arange(80))
    beleid.start(model)
    toewijzen.toewijzen(model)
    t = model.tabel
    assert (t.klantmanager[:40] == -1).all()
    assert (t.klantmanager[40:] >= 0).all()
    # Parked clients wait behind everyone; once above rung 2 they queue as new arrivals.
    assert (t.wacht_sinds[:40] == toewijzen.GEPARKEERD).all()
    model.tabel.kol["trede"][:5] = 3
    model.maand = 7
    model.klantmanagers[0].caseload = 0
    toewijzen.toewijzen(model)
    assert (t.klantmanager[:5] >= 0).all() or (t.wacht_sinds[:5] == 7).all()
    p_op, p_neer = ladder_kansen(model, np.arange(5, 80))
    p_op_voor, p_neer_voor = p_op_voor[5:], p_neer_voor[5:]
    # Less support on rung 2 (no klantmanager and the parking factor), unchanged on rung 3.
    assert (p_op[:35] < 0.5 * p_op_voor[:35] + 1e-12).all()
    np.testing.assert_allclose(p_op[35:], p_op_voor[35:])
    assert (p_neer[:35] > p_neer_voor[:35]).all()


def test_zonder_begeleiding_vaker_psychische_problemen_en_isolement():
    # Parked clients (no klantmanager, no service) against clients with a diagnosing one.
    rijen = (groep(3000, inkomensbron=I.BIJSTAND, trede=1, klantmanager=-1)
             + groep(3000, inkomensbron=I.BIJSTAND, trede=1, klantmanager=0, diagnose_maand=0))
    model = hand_model(rijen, seed=3,
                       **{"parameters.belemmeringen.risico_zonder_begeleiding": 2.5})
    for _ in range(12):
        demografie.nieuwe_belemmeringen(model)
    b = model.tabel.belemmeringen
    zelf = I.PSYCHISCH | I.ISOLEMENT
    los = int(((b[:3000] & zelf) > 0).sum())
    begeleid = int(((b[3000:] & zelf) > 0).sum())
    assert los > 1.6 * begeleid > 0
    # Other obstacles do not depend on guidance.
    anders = I.FYSIEK | I.SCHULDEN
    assert abs(int(((b[:3000] & anders) > 0).sum()) - int(((b[3000:] & anders) > 0).sum())) < 60


def test_geparkeerden_worden_overgedragen_aan_de_wmo():
    rijen = (groep(40, inkomensbron=I.BIJSTAND, trede=2, klantmanager=0,
                   belemmeringen=I.PSYCHISCH | I.ISOLEMENT)
             + groep(40, inkomensbron=I.BIJSTAND, trede=2, klantmanager=0,
                     belemmeringen=I.NAASTEN | I.SCHULDEN)
             + groep(40, inkomensbron=I.BIJSTAND, trede=3, klantmanager=0,
                     belemmeringen=I.PSYCHISCH))
    model = hand_model(rijen, **{"parameters.begeleiden.overdrachtsverlies": 0.0})
    beleid = _wf()
    beleid.start(model)
    toewijzen.toewijzen(model)
    t = model.tabel
    # The Wmo desk's own assessment: obstacles become applications, known or not.
    assert (t.wmo_aanvraag[:40] == I.BEGELEIDING | I.DAGBESTEDING).all()
    assert (t.wmo_aanvraag[40:80] == I.WELZIJN | I.SCHULDHULP).all()
    assert (t.wmo_aanvraag[80:] == 0).all()   # rung 3: not parked, keeps the klantmanager
    # Handed over once: a second month does not apply again.
    t.kol["wmo_aanvraag"][:80] = 0
    toewijzen.toewijzen(model)
    assert (t.wmo_aanvraag[:80] == 0).all()


def test_sanctie_verhoogt_baankans_maar_banen_gaan_vaker_verloren():
    n = 3000
    rijen = (groep(n, inkomensbron=I.BIJSTAND, trede=4, klantmanager=0, sanctie=0.3)
             + groep(n, inkomensbron=I.BIJSTAND, trede=4, klantmanager=0))
    model = hand_model(rijen, seed=5)
    beleid = _wf(sanctie_effect=3.0, baanverlies_na_sanctie=5.0)
    beleid.start(model)
    beleid.roep("voor", "arbeidsmarkt", model)
    arbeidsmarkt.vacatures(model)
    arbeidsmarkt.matching(model)
    t = model.tabel
    gesanctioneerd = int((t.inkomensbron[:n] == I.WERK).sum())
    overig = int((t.inkomensbron[n:] == I.WERK).sum())
    assert gesanctioneerd > 1.8 * overig > 0
    beleid.roep("na", "arbeidsmarkt", model)
    assert len(beleid.sanctie_banen) == gesanctioneerd
    # Over a year the sanction placements lose their job more often than the others.
    kwijt_s = kwijt_o = 0
    for _ in range(12):
        voor = t.inkomensbron == I.WERK
        arbeidsmarkt.baanverlies_na_plaatsing(model)
        beleid.roep("na", "arbeidsmarkt", model)
        na = model.tabel.inkomensbron == I.WERK
        kwijt_s += int((voor[:n] & ~na[:n]).sum())
        kwijt_o += int((voor[n:] & ~na[n:]).sum())
    assert kwijt_s / gesanctioneerd > 2 * kwijt_o / overig


def test_alleen_potentiele_deelnemers_zien_af_en_wie_terugkomt_niet_opnieuw():
    rijen = (groep(2000, inkomensbron=I.GEEN, trede=3)
             + groep(2000, inkomensbron=I.GEEN, trede=3,
                     belemmeringen=I.FYSIEK | I.PSYCHISCH | I.SCHULDEN))
    model = hand_model(rijen, seed=8, **{"parameters.signaleren.niet_gebruik_bijstand": 0.0,
                                         "parameters.signaleren.heraanvraag_uit_beeld": 1.0})
    model.aanvragers.append(model.tabel.id.copy())
    beleid = _wf(afzien_aanvraag=1.0, afzien_naar_werk=0.0, verplichting_max_belemmeringen=1)
    beleid.start(model)
    signaleren.signaleren(model)
    t = model.tabel
    # Only applicants who could meet the obligation are deterred; they leave view.
    assert t.uit_beeld[:2000].all() and not t.uit_beeld[2000:].any()
    assert (t.inkomensbron[2000:] == I.BIJSTAND).all()
    assert model.buiten_beeld == 2000
    # Out of view without income: the poverty risk of new obstacles (core, verb demografie).
    arm = int(I.aantal_bits(t.belemmeringen[:2000]).sum())
    for _ in range(6):
        demografie.nieuwe_belemmeringen(model)
    assert int(I.aantal_bits(t.belemmeringen[:2000]).sum()) > arm
    # Next month they all apply again (heraanvraag_uit_beeld = 1) and the gate lets them in.
    signaleren.signaleren(model)
    assert not t.uit_beeld.any()
    assert (t.inkomensbron == I.BIJSTAND).all()
