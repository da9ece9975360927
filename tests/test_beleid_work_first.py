"""Work-first mechanisms, each on a tiny hand-built population."""

from __future__ import annotations

import numpy as np
from beleid_hulp import groep, hand_model

from agenten import inwoners as I
from simulatie.beleid.work_first import WorkFirst, WorkFirstInstellingen
from simulatie.kern.ladder import ladder_kansen
from simulatie.kern.stappen import arbeidsmarkt, signaleren, toewijzen


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


def test_voorrang_voor_werkfitte_clienten_in_de_wachtrij():
    # 150 waiting clients, one klantmanager with 100 places: 75 not job-ready arrived first.
    rijen = (groep(75, inkomensbron=I.BIJSTAND, trede=3, fase=2, wacht_sinds=0)
             + groep(75, inkomensbron=I.BIJSTAND, trede=4, fase=2, wacht_sinds=5))
    zonder = hand_model(rijen)
    met = hand_model(rijen)
    for model in (zonder, met):
        model.klantmanagers = model.klantmanagers[:1]
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


def test_geparkeerden_krijgen_vaker_psychische_problemen_en_isolement():
    rijen = (groep(3000, inkomensbron=I.BIJSTAND, trede=1)
             + groep(3000, inkomensbron=I.BIJSTAND, trede=3))
    model = hand_model(rijen, seed=3)
    beleid = _wf(verslechtering_geparkeerd=5.0)
    beleid.roep("na", "demografie", model)
    b = model.tabel.belemmeringen
    nieuw_park = int(((b[:3000] & (I.PSYCHISCH | I.ISOLEMENT)) > 0).sum())
    nieuw_rest = int(((b[3000:] & (I.PSYCHISCH | I.ISOLEMENT)) > 0).sum())
    assert nieuw_park > 10
    assert nieuw_rest == 0
    assert model.tellers["nieuwe_belemmeringen"] == int(I.aantal_bits(b[:3000]).sum())


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


def test_wie_zonder_werk_afziet_loopt_het_armoederisico_buiten_beeld():
    rijen = groep(4000, inkomensbron=I.GEEN, trede=3) + groep(4000, inkomensbron=I.GEEN, trede=3)
    model = hand_model(rijen, seed=8, **{"parameters.signaleren.niet_gebruik_bijstand": 0.0})
    model.aanvragers.append(model.tabel.id[:4000].copy())   # only the first half applies
    beleid = _wf(afzien_aanvraag=1.0, afzien_naar_werk=0.0, risicofactor_buiten_beeld=5.0,
                 parkeren=False, verplichting_max_belemmeringen=0)
    beleid.start(model)
    beleid.roep("voor", "signaleren", model)
    signaleren.signaleren(model)
    beleid.roep("na", "signaleren", model)
    assert len(beleid.buiten_beeld) == model.buiten_beeld == 4000
    beleid.roep("na", "demografie", model)
    b = model.tabel.belemmeringen
    assert int((b[:4000] > 0).sum()) > 20
    assert int((b[4000:] > 0).sum()) == 0   # not out of view: only the regular hazard (verb)
    # Who finds an income leaves the group.
    model.tabel.kol["inkomensbron"][:100] = I.WERK
    beleid.roep("na", "demografie", model)
    assert len(beleid.buiten_beeld) == 3900
