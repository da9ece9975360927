"""Youth care (verb jeugd): the stationary chain, its mechanisms, its cost line and budget."""

from __future__ import annotations

import numpy as np
import pytest
from hulp import klein_scenario

from agenten import inwoners as I
from simulatie import Gemeente
from simulatie.kern.overgangen import VOLWASSEN_MAANDEN
from simulatie.kern.stappen import jeugd as J


def _kinderen(model: Gemeente) -> np.ndarray:
    t = model.tabel
    return np.flatnonzero(t.actief & (t.leeftijd_maanden < VOLWASSEN_MAANDEN))


def test_bezetting_geeft_de_prevalentie_bij_de_afgeleide_instroom():
    """The derived entry hazard puts exactly ``prevalentie`` of the children 0-17 in care."""
    model = Gemeente(klein_scenario(maanden=1, inwoners=2_000,
                                    **{"parameters.jeugd.prevalentie": 0.11}), seed=1)
    start, einde = J._kansen(model)
    risico = J.risico(model, _kinderen(model))
    zorg = np.mean([J.bezetting(model.afgeleid["jeugd_instroom"] * r, start, einde)[1].mean()
                    for r in risico])
    assert zorg == pytest.approx(0.11, rel=1e-8)
    # Nobody is in care at birth; the share in care rises with age towards its plateau.
    wacht, zorg = J.bezetting(model.afgeleid["jeugd_instroom"], start, einde)
    assert zorg[0] == 0 and wacht[0] == 0
    assert np.all(np.diff(zorg) >= -1e-12)


def test_risico_volgt_het_huishouden():
    """A child's relative need: bijstand in the household, a single parent, both, neither."""
    model = Gemeente(klein_scenario(maanden=1, inwoners=20_000), seed=4)
    t, j = model.tabel, model.p.jeugd
    kind = _kinderen(model)
    actief = np.flatnonzero(t.actief)
    bij = {int(h) for h in t.huishouden_id[actief[t.inkomensbron[actief] == I.BIJSTAND]]}
    een = {int(h) for h in t.huishouden_id[actief[t.huishouden[actief]
                                                  == I.ALLEENSTAANDE_OUDER]]}
    verwacht = np.array([(j.risico_bijstand if int(h) in bij else 1.0)
                         * (j.risico_eenouder if int(h) in een else 1.0)
                         for h in t.huishouden_id[kind]])
    np.testing.assert_allclose(J.risico(model, kind), verwacht)
    assert len(set(verwacht.round(6))) == 4  # every combination occurs at this size
    # Month 0 follows the risk: children with bijstand at home are more often in care.
    zorg = t.jeugdhulp[kind] == J.ZORG
    met = np.isin(t.huishouden_id[kind], list(bij))
    assert zorg[met].mean() > 1.3 * zorg[~met].mean()


def test_maand_0_heeft_de_prevalentie_en_de_kosten():
    """Month 0: the share of children in care and waiting, the cost line and the budget."""
    s = klein_scenario(maanden=1, inwoners=50_000)
    model = Gemeente(s, seed=2)
    t = model.tabel
    kind = _kinderen(model)
    in_zorg = np.mean(t.jeugdhulp[kind] == J.ZORG)
    assert in_zorg == pytest.approx(s.parameters.jeugd.prevalentie, abs=0.01)
    assert np.all(t.jeugdhulp[np.flatnonzero(t.leeftijd_maanden >= VOLWASSEN_MAANDEN)] == 0)
    k = model.kosten
    assert k["kosten_jeugd"] == pytest.approx(k["jeugdhulp"] * 13000 / 12)
    assert k["saldo_jeugd"] == pytest.approx((0.69 - 1) * k["kosten_jeugd"])


def test_wachtenden_beginnen_zorg_eindigt_en_op_18_stopt_de_jeugdhulp():
    """Mechanisms on chosen children: the wait, the end of care, turning 18, new needs."""
    s = klein_scenario(maanden=1, inwoners=20_000, **{"parameters.jeugd.wachttijd": 1.0,
                                                      "parameters.jeugd.duur": 1.0})
    model = Gemeente(s, seed=3)
    k = model.tabel.kol
    kind = _kinderen(model)
    wacht, zorg, achttien = kind[:50], kind[50:100], kind[100:150]
    k["jeugdhulp"][kind] = J.GEEN
    k["jeugdhulp"][wacht] = J.WACHT
    k["jeugdhulp"][zorg] = J.ZORG
    k["jeugdhulp"][achttien] = J.ZORG
    k["leeftijd_maanden"][achttien] = VOLWASSEN_MAANDEN
    model.tellers.leeg()
    J.jeugd(model)
    # A chance of 1 a month: every waiting child starts, every care ends, at 18 it stops.
    assert np.all(model.tabel.jeugdhulp[wacht] == J.ZORG)
    assert np.all(model.tabel.jeugdhulp[zorg] == J.GEEN)
    assert np.all(model.tabel.jeugdhulp[achttien] == J.GEEN)
    # New needs arise only among children without care, and are counted.
    nieuw = np.flatnonzero(model.tabel.jeugdhulp == J.WACHT)
    assert len(nieuw) == model.tellers["instroom_jeugdhulp"] > 0
    assert not np.isin(nieuw, np.concatenate([wacht, zorg, achttien])).any()
    assert np.all(model.tabel.leeftijd_maanden[nieuw] < VOLWASSEN_MAANDEN)


@pytest.mark.parametrize("prevalentie", [0.05, 0.12])
def test_jeugdhulp_blijft_stationair_over_tien_jaar(prevalentie):
    """No trend declared: in years 9-10 the share of children in care is still ``prevalentie``.

    Judged against the stationary share rather than month 0's draw (itself random); 3 seeds.
    """
    s = klein_scenario(maanden=120, inwoners=30_000,
                       **{"parameters.jeugd.prevalentie": prevalentie})
    aandeel = []
    for seed in (1, 2, 3):
        model = Gemeente(s, seed=seed)
        for maand in range(1, 121):
            model.step()
            if maand > 96:
                kind = _kinderen(model)
                aandeel.append(np.mean(model.tabel.jeugdhulp[kind] == J.ZORG))
    assert np.mean(aandeel) == pytest.approx(prevalentie, rel=0.08)
