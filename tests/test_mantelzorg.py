"""Care within the household: care for relatives tied to a member who needs care (issue 15)."""

from __future__ import annotations

import numpy as np
from beleid_hulp import hand_model

from agenten import inwoners as I
from simulatie.kern.stappen import demografie


def _gezinnen(n: int, jeugdhulp: int, **volwassene) -> list[dict]:
    """``n`` households of a working adult of 35 and a child of 10 in a youth-care state."""
    rijen = []
    for h in range(n):
        rijen += [dict(huishouden_id=h, huishouden=I.PAAR, **volwassene),
                  dict(huishouden_id=h, huishouden=I.KIND, inkomensbron=I.GEEN, trede=1,
                       leeftijd_maanden=10 * 12, jeugdhulp=jeugdhulp)]
    return rijen


def _nieuw_en_herstel(rijen: list[dict], **parameters) -> tuple[object, np.ndarray, np.ndarray]:
    """One month of new and resolved obstacles; the adults' obstacles before and after."""
    model = hand_model(rijen, seed=4, **{f"parameters.belemmeringen.{k}": v
                                         for k, v in parameters.items()})
    demografie.initialiseer_naasten(model)
    volw = np.flatnonzero(model.tabel.leeftijd_maanden >= 18 * 12)
    voor = model.tabel.belemmeringen[volw].copy()
    demografie.nieuwe_belemmeringen(model)
    return model, volw, voor


def test_zorg_voor_naasten_ontstaat_vaker_naast_een_lid_dat_zorg_nodig_heeft():
    n = 3000
    rijen = _gezinnen(n, I.JEUGD_ZORG) + [dict(r, huishouden_id=r["huishouden_id"] + n)
                                          for r in _gezinnen(n, I.JEUGD_GEEN)]
    model, volw, voor = _nieuw_en_herstel(rijen, nieuw_zorg_voor_naasten=0.5,
                                          risico_zorgvrager=4.0)
    nieuw = ((model.tabel.belemmeringen[volw] & ~voor) & I.NAASTEN) > 0
    met, zonder = nieuw[:n].sum(), nieuw[n:].sum()
    assert 3.0 < met / zonder < 5.5
    # The base is derived so that the mean hazard over these adults stays the declared one:
    # half of them at 4 times the base, so the base is 1 / 2.5.
    assert np.isclose(model.afgeleid["naasten_nieuw"], 1 / 2.5)
    verwacht = 2 * n * (1 - (1 - 0.5) ** (1 / 12))
    assert abs((met + zonder) - verwacht) < 4 * np.sqrt(verwacht)


def test_zorg_van_een_lid_ontlast_de_mantelzorger():
    n = 3000
    zorgt = dict(belemmeringen=I.NAASTEN)
    rijen = _gezinnen(n, I.JEUGD_ZORG, **zorgt) + [
        dict(r, huishouden_id=r["huishouden_id"] + n) for r in _gezinnen(n, I.JEUGD_WACHT, **zorgt)]
    model, volw, voor = _nieuw_en_herstel(rijen, herstel_zorg_voor_naasten=0.5, ontlasting=3.0)
    hersteld = ((voor & ~model.tabel.belemmeringen[volw]) & I.NAASTEN) > 0
    verzorgd, wacht = hersteld[:n].sum(), hersteld[n:].sum()
    assert 2.2 < verzorgd / wacht < 4.0
    assert np.isclose(model.afgeleid["naasten_herstel"], 1 / 2.0)


def test_zonder_risico_en_ontlasting_geen_verschil_tussen_huishoudens():
    rijen = _gezinnen(10, I.JEUGD_ZORG)
    model, _, _ = _nieuw_en_herstel(rijen, risico_zorgvrager=1.0, ontlasting=1.0)
    nieuw, herstel = demografie.naasten_factoren(model)
    assert nieuw.tolist() == [1.0, 1.0] and herstel.tolist() == [1.0, 1.0]
