"""The fase of bijstand clients: intake rule, and the reassessment at each diagnosis."""

from __future__ import annotations

import numpy as np
from beleid_hulp import groep, hand_model
from hulp import klein_scenario

from agenten import inwoners as I
from simulatie import Gemeente, simuleer
from simulatie.kern import overgangen, regels
from simulatie.kern.overgangen import FASEN, fase_cel, faseprofiel, herbeoordeel_fase

DRIE = I.PSYCHISCH | I.SCHULDEN | I.ISOLEMENT


def test_reassessment_follows_the_month_0_clients_of_the_same_situation():
    # 400 clients without obstacles early in their spell, 400 with three obstacles and ten
    # years in bijstand, 50 residents in work; all start in fase 2/3.
    rijen = (groep(400, inkomensbron=I.BIJSTAND, fase=2, leeftijd_maanden=35 * 12,
                   uitkeringsduur=2)
             + groep(400, inkomensbron=I.BIJSTAND, fase=2, leeftijd_maanden=55 * 12,
                     uitkeringsduur=120, belemmeringen=DRIE)
             + groep(50, fase=2))
    model = hand_model(rijen, seed=4)
    b = model.p.bevolking
    # Month 0 of this model: 30 fase-1 and 10 fase-2/3 clients in the first cell, 5 fase-2/3
    # and 45 fase-4 clients in the second.
    jong, oud = fase_cel(model.tabel, np.array([0, 400]))
    profiel = np.zeros_like(model.faseprofiel)
    profiel[:, jong] = (30, 10, 0)
    profiel[:, oud] = (0, 5, 45)
    model.faseprofiel = profiel
    model.maand = 3
    herbeoordeel_fase(model, np.arange(850))
    t = model.tabel

    def verwacht(cel: int, duur: float) -> np.ndarray:
        aandeel = np.array([b.aandeel_fase_1, b.aandeel_fase_23,
                            1 - b.aandeel_fase_1 - b.aandeel_fase_23])
        gem = np.array([b.duur_fase_1, b.duur_fase_23, b.duur_fase_4])
        w = (profiel[:, cel] + aandeel) * np.exp(-duur / gem) / gem
        return w / w.sum()

    for deel, cel, duur in ((slice(0, 400), jong, 2), (slice(400, 800), oud, 120)):
        kans = verwacht(cel, duur)
        for f, p in zip(FASEN, kans, strict=True):
            gezien = float(np.mean(t.fase[deel] == f))
            assert abs(gezien - p) < 4 * np.sqrt(p * (1 - p) / 400) + 1e-9, (cel, f, gezien, p)
    assert np.mean(t.fase[:400] == 1) > 0.8 and np.mean(t.fase[400:800] == 4) > 0.9
    # Fase 4 gets the Tabel 4.1 profile of the situation; fase 1 its own; others keep theirs.
    assert (t.klantprofiel[400:800][t.fase[400:800] == 4]
            == I.KLANTPROFIELEN.index("ex_psychiatrisch")).all()
    assert (t.klantprofiel[:400][t.fase[:400] == 1] == I.KLANTPROFIELEN.index("fase_1")).all()
    assert (t.fase[800:] == 2).all()


def test_reassessing_the_month_0_caseload_keeps_its_fase_mix():
    # The rule is month 0's own classification: applied to every client of month 0 it gives
    # Tabel 4.1's mix back (10/50/40), up to chance.
    model = Gemeente(klein_scenario(inwoners=60_000), seed=2)
    t = model.tabel
    bij = model.bijstand_rijen()
    voor = t.fase[bij].copy()
    assert [round(float(np.mean(voor == f)), 3) for f in FASEN] == [0.1, 0.5, 0.4]
    assert (faseprofiel(t, bij) == model.faseprofiel).all()
    model.maand = 1
    herbeoordeel_fase(model, bij)
    for f, p in zip(FASEN, (0.1, 0.5, 0.4), strict=True):
        gezien = float(np.mean(t.fase[bij] == f))
        assert abs(gezien - p) < 4 * np.sqrt(p * (1 - p) / len(bij)), (f, gezien)
    # ... while clients changed fase: it is a reassessment, not a copy.
    assert np.mean(t.fase[bij] != voor) > 0.2


def test_month_0_diagnosis_keeps_tabel_4_1_and_later_diagnoses_reassess(monkeypatch):
    gezien = []
    monkeypatch.setattr(overgangen, "herbeoordeel_fase",
                        lambda model, rijen: gezien.append((model.maand, len(rijen))))
    model = Gemeente(klein_scenario(inwoners=5_000), seed=1)
    assert gezien == []  # month 0's diagnoses (Gemeente._begin_begeleiding) are in the past
    bij = model.bijstand_rijen()[:10]
    model.maand = 5
    regels.diagnosticeer(model, bij, np.zeros(6), verlies=0.0)
    assert gezien == [(5, 10)]


def test_the_monthly_outputs_show_the_fase_mix_and_the_mean_spell():
    r = simuleer(klein_scenario(maanden=13, inwoners=10_000), seed=3)
    ts, eind = r.tijdreeks, r.inwoners_eind
    fasen = ts[["bijstand_fase_1", "bijstand_fase_23", "bijstand_fase_4"]]
    assert (fasen.sum(axis=1) == ts.bijstand).all()
    bij = eind[eind.inkomensbron == "bijstand"]
    laatste = ts.iloc[-1]
    assert [laatste.bijstand_fase_1, laatste.bijstand_fase_23, laatste.bijstand_fase_4] == [
        (bij.fase == f).sum() for f in FASEN]
    assert laatste.bijstand_gemiddelde_duur == bij.uitkeringsduur_maanden.mean()
