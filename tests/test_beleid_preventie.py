"""Prevention mechanisms, each on a tiny hand-built population."""

from __future__ import annotations

import numpy as np
import pytest
from beleid_hulp import groep, hand_model

from agenten import inwoners as I
from simulatie.beleid.preventie import Preventie, PreventieInstellingen, dosis
from simulatie.kern.stappen import demografie, wmo

ISO = I.BELEMMERINGEN.index("sociaal_isolement")


def _prev(model, **kw) -> Preventie:
    beleid = Preventie(PreventieInstellingen(actief=True, **kw))
    model.start_beleid(beleid)  # its hook rebuilds the mechanisms of the running policies
    return beleid


def test_effect_bouwt_op_over_de_vertraging():
    model = hand_model(groep(10))
    beleid = _prev(model, opbouw_maanden=24, reductie_isolement=0.4, substitutie=0.2,
                   budget_per_inwoner=20.0)
    factoren = []
    for maand in (0, 12, 24, 60):
        model.maand = maand
        beleid.roep("voor", "demografie", model)
        factoren.append(model.mechanismen.belemmering_factor[ISO])
    assert factoren == pytest.approx([1.0, 0.8, 0.6, 0.6])
    assert model.mechanismen.wmo_collectief == pytest.approx(0.2)
    assert dosis(20.0) == pytest.approx(1.0)
    assert dosis(40.0) > 1.0 > dosis(10.0) > 0.5


def test_minder_nieuw_isolement_na_de_opbouw():
    rijen = groep(20_000)
    zonder = hand_model(rijen, seed=4)
    met = hand_model(rijen, seed=4)
    beleid = _prev(met, opbouw_maanden=1, reductie_isolement=1.0)
    met.maand = 12
    beleid.roep("voor", "demografie", met)
    for model in (zonder, met):
        for _ in range(12):
            demografie.nieuwe_belemmeringen(model)
    iso_zonder = int(((zonder.tabel.belemmeringen & I.ISOLEMENT) > 0).sum())
    iso_met = int(((met.tabel.belemmeringen & I.ISOLEMENT) > 0).sum())
    assert iso_zonder > 100
    assert iso_met == 0


def test_individuele_vraag_wordt_deels_collectief_opgevangen():
    oud = groep(5000, leeftijd_maanden=85 * 12, inkomensbron=I.AOW, trede=3)
    zonder = hand_model(oud, seed=6)
    met = hand_model(oud, seed=6)
    met.mechanismen.wmo_collectief = 1.0
    for model in (zonder, met):
        for _ in range(6):
            wmo.wmo(model)
    z, m = zonder.tabel, met.tabel
    individueel = I.HH | I.BEGELEIDING | I.DAGBESTEDING
    vraag_z = ((z.wmo_behoefte | z.wmo_aanvraag | z.wacht | z.zorg) & individueel) > 0
    vraag_m = ((m.wmo_behoefte | m.wmo_aanvraag | m.wacht | m.zorg) & individueel) > 0
    assert vraag_z.sum() > 100 and vraag_m.sum() == 0
    assert ((m.zorg & I.WELZIJN) > 0).sum() > 100
    # Hulpmiddelen are not replaced by collective provisions.
    assert ((m.zorg | m.wacht | m.wmo_aanvraag | m.wmo_behoefte) & I.HULPMIDDEL).any()


def test_budget_op_wmo_collectief():
    model = hand_model(groep(1200))
    beleid = _prev(model, budget_per_inwoner=24.0)
    beleid.roep("voor", "boekhouden", model)
    assert model.geboekt("wmo_collectief") == pytest.approx(24.0 * 1200 / 12)
    assert np.all(model.mechanismen.belemmering_factor == 1.0)
