"""Households as linked units (issue 15): consistent through every verb, CBS shares at month 0,
deterministic output."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hulp import klein_scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from simulatie import Gemeente
from simulatie.experiment.run import huishoudens, simuleer, snapshot
from simulatie.kern import huishoudens as H

#: Every built-in policy on (they must keep households whole too).
BELEID_AAN = {f"beleid.{naam}.actief": True for naam in
              ("contract_compliance", "integrale_teams", "preventie", "work_first")}


def controleer(model: Gemeente) -> None:
    """The household invariants, from the run's own outputs (snapshot and household table)."""
    inw, hh = snapshot(model), huishoudens(model)
    # One row per household, none empty, every member's household in the table and back.
    assert hh.huishouden_id.is_unique
    assert (hh.grootte >= 1).all()
    assert set(inw.huishouden_id) == set(hh.huishouden_id)
    per_hh = inw.groupby("huishouden_id")
    hh = hh.set_index("huishouden_id")
    assert (per_hh.size().reindex(hh.index) == hh.grootte).all(), "sizes"
    assert ((inw.leeftijd < 18).groupby(inw.huishouden_id).sum().reindex(hh.index)
            == hh.kinderen).all(), "children"
    # Every child (under 18) lives with someone aged 18 or older.
    oudste = per_hh.leeftijd.max()
    kinderen = inw[inw.leeftijd < 18]
    assert (oudste.loc[kinderen.huishouden_id].to_numpy() >= 18).all(), "child without adult"
    # Couples: exactly two adult partners, and besides them only children at home.
    rol = inw.huishouden.astype(str)
    partners = (rol == "paar").groupby(inw.huishouden_id).sum()
    anderen = rol.isin(["alleenstaand", "alleenstaande_ouder", "overig_lid"]).groupby(
        inw.huishouden_id).sum()
    met_paar = partners[partners > 0].index
    assert (partners.loc[met_paar] == 2).all(), "a couple without two partners"
    assert (anderen.loc[met_paar] == 0).all(), "another adult in a couple's household"
    assert (inw[rol == "paar"].leeftijd >= 18).all()
    # One benefit per household: at most one partner of a couple receives bijstand.
    assert (((rol == "paar") & (inw.inkomensbron == "bijstand")).groupby(inw.huishouden_id)
            .sum() <= 1).all(), "two recipients in one household"
    # Someone 'alleenstaand' lives alone; a single parent is the one adult besides children.
    assert (hh.grootte.loc[inw[rol == "alleenstaand"].huishouden_id] == 1).all()
    assert (anderen.loc[inw[rol == "alleenstaande_ouder"].huishouden_id] == 1).all()
    # Types follow the members; one wijk per household; bijstand households counted right.
    assert (hh.type[partners.reindex(hh.index) == 2].isin(
        ["paar_zonder_kinderen", "paar_met_kinderen"])).all()
    assert (per_hh.wijk.nunique() == 1).all(), "members in different wijken"
    bijstand = (inw.inkomensbron == "bijstand").groupby(inw.huishouden_id).any()
    assert (bijstand.reindex(hh.index) == (hh.inkomensbron == "bijstand")).all()


@settings(max_examples=12, deadline=None)
@given(st.integers(300, 2_000), st.integers(0, 2**31 - 1), st.booleans())
def test_huishoudens_blijven_heel_door_elke_maand(inwoners, seed, beleid):
    scen = klein_scenario(6, inwoners, **(BELEID_AAN if beleid else {}))
    model = Gemeente(scen, seed=seed)
    controleer(model)
    for maand in range(1, 7):
        model.step()
        controleer(model)
        if maand == 3:  # compacting the table (dropping departed rows) keeps households whole
            indeling = model.tabel.indeling
            model.tabel.compacteer()
            assert model.tabel.indeling == indeling + 1
            controleer(model)
        rij = model.reeks[-1]
        hh = huishoudens(model)
        assert rij["huishoudens_bijstand"] == int((hh.inkomensbron == "bijstand").sum())
        assert rij["huishoudens_twee_voorzieningen"] == int((hh.regelingen >= 2).sum())


def test_wees_blijft_bij_een_volwassene():
    """A child whose only adult dies moves in with another household (or leaves)."""
    model = Gemeente(klein_scenario(1, 3_000), seed=7)
    t = model.tabel
    ouder = np.flatnonzero(t.actief & (t.huishouden == 1))  # a single parent
    hid = t.huishouden_id[ouder]
    kinderen = H.leden(t, hid)
    kinderen = kinderen[t.huishouden[kinderen] == 3]
    gezin = hid[np.isin(hid, t.huishouden_id[kinderen])][0]
    leden = H.leden(t, np.array([gezin]))
    volwassen = leden[t.leeftijd_maanden[leden] >= 18 * 12]
    minder = leden[t.leeftijd_maanden[leden] < 18 * 12]
    t.kol["actief"][volwassen] = False
    weg = H.herstel(model, np.array([gezin]), np.random.default_rng(3))
    blijft = np.setdiff1d(minder, weg)
    assert (t.huishouden_id[blijft] != gezin).all()
    controleer_rijen = H.leden(t, t.huishouden_id[blijft])
    assert (t.leeftijd_maanden[controleer_rijen] >= 18 * 12).any() or len(blijft) == 0
    assert len(weg) + len(blijft) == len(minder)


@pytest.mark.parametrize("overrides", [
    {},
    {"parameters.bevolking.huishoudens_alleenstaand": 0.45,
     "parameters.bevolking.huishoudens_paar_met_kinderen": 0.2,
     "parameters.bevolking.huishoudens_overig": 0.02,
     "parameters.bevolking.huishoudensgrootte": 2.0},
])
def test_typen_op_maand_0_binnen_een_procentpunt(overrides):
    model = Gemeente(klein_scenario(1, 50_000, **overrides), seed=11)
    hh = huishoudens(model)
    doel = dict(zip(H.TYPEN, H.type_aandelen(model.p), strict=True))
    aandeel = hh.type.value_counts(normalize=True)
    for naam, waarde in doel.items():
        assert abs(aandeel.get(naam, 0.0) - waarde) < 0.01, (naam, aandeel.get(naam), waarde)
    assert abs(len(snapshot(model)) / len(hh) - model.p.bevolking.huishoudensgrootte) < 0.02


def test_zelfde_seed_zelfde_huishoudens_andere_seed_anders(tmp_path):
    scen = klein_scenario(6, 3_000)
    paden = []
    for i, seed in enumerate((5, 5, 6)):
        pad = tmp_path / f"huishoudens_{i}.parquet"
        simuleer(scen, seed=seed).huishoudens.to_parquet(pad, index=False)
        paden.append(pad)
    assert paden[0].read_bytes() == paden[1].read_bytes()
    a, c = pd.read_parquet(paden[0]), pd.read_parquet(paden[2])
    assert list(a.maand.unique()) == [0, 6]
    assert not a.equals(c)


def test_middelentoets_van_het_huishouden():
    """Bijstand is a household benefit: a partner's own income or bijstand blocks entitlement."""
    from agenten import inwoners as I
    from simulatie.kern.stappen.signaleren import heeft_recht

    model = Gemeente(klein_scenario(maanden=1, inwoners=5_000), seed=2)
    t = model.tabel
    k = t.kol
    paar = np.flatnonzero((t.huishouden == I.PAAR) & t.actief
                          & (t.inkomensbron != I.BIJSTAND))
    partner = H.partners(t, paar)
    paar, partner = paar[partner >= 0][:4], partner[partner >= 0][:4]
    assert len(np.unique(t.huishouden_id[paar])) == 4  # four different couples
    alleen = np.flatnonzero((t.huishouden == I.ALLEENSTAAND) & t.actief)[:1]
    for rij, bron in zip(partner, (I.WERK, I.AOW, I.BIJSTAND, I.GEEN), strict=True):
        k["inkomensbron"][rij] = bron
    rijen = np.concatenate([paar, alleen])
    # Without the exception (draw 1): only the partner without income and the single have it.
    assert heeft_recht(model, rijen, np.ones(5)).tolist() == [False, False, False, True, True]
    # With it (draw 0): a partner's income below the norm; never beside a partner in bijstand.
    assert heeft_recht(model, rijen, np.zeros(5)).tolist() == [True, True, False, True, True]


def test_kostendelersnorm_per_huishouden():
    """The norm of a benefit unit falls with the adults of 21+ sharing the home (art. 22a)."""
    from beleid_hulp import hand_model

    from agenten import inwoners as I

    jaar = 12
    rijen = [
        # 0: a single alone; 1: a single of 19 alone (no kostendeler at all)
        dict(huishouden_id=0, huishouden=I.ALLEENSTAAND, inkomensbron=I.BIJSTAND),
        dict(huishouden_id=1, huishouden=I.ALLEENSTAAND, inkomensbron=I.BIJSTAND,
             leeftijd_maanden=19 * jaar),
        # 2: an adult child (25) in bijstand at home with two working parents: A = 3
        dict(huishouden_id=2, huishouden=I.KIND, inkomensbron=I.BIJSTAND,
             leeftijd_maanden=25 * jaar),
        dict(huishouden_id=2, huishouden=I.PAAR, leeftijd_maanden=55 * jaar),
        dict(huishouden_id=2, huishouden=I.PAAR, leeftijd_maanden=56 * jaar),
        # 5: a couple in bijstand with a child of 20 (no kostendeler): the couple norm
        dict(huishouden_id=3, huishouden=I.PAAR, inkomensbron=I.BIJSTAND),
        dict(huishouden_id=3, huishouden=I.PAAR, inkomensbron=I.GEEN),
        dict(huishouden_id=3, huishouden=I.KIND, inkomensbron=I.GEEN, leeftijd_maanden=20 * jaar),
        # 8: a couple in bijstand with a child of 22: A = 3, twice the per-person norm
        dict(huishouden_id=4, huishouden=I.PAAR, inkomensbron=I.BIJSTAND),
        dict(huishouden_id=4, huishouden=I.PAAR, inkomensbron=I.GEEN),
        dict(huishouden_id=4, huishouden=I.KIND, inkomensbron=I.WERK, leeftijd_maanden=22 * jaar),
        # 11: a single parent with young children keeps the own norm
        dict(huishouden_id=5, huishouden=I.ALLEENSTAANDE_OUDER, inkomensbron=I.BIJSTAND),
        dict(huishouden_id=5, huishouden=I.KIND, inkomensbron=I.GEEN, leeftijd_maanden=8 * jaar),
    ]
    model = hand_model(rijen)
    kp = model.p.kosten
    wie = np.array([0, 1, 2, 5, 8, 11])
    drie = (40 + 30 * 3) / 300 * kp.norm_paar
    verwacht = [kp.norm_alleenstaand, kp.norm_alleenstaand, drie, kp.norm_paar, 2 * drie,
                kp.norm_alleenstaande_ouder]
    assert H.norm(model.tabel, wie, model.p) == pytest.approx(verwacht)
    # One kostendeler is the single norm: 70% of the couple norm, as the law's formula gives.
    assert (40 + 30) / 100 * kp.norm_paar == pytest.approx(kp.norm_alleenstaand, abs=0.01)


def test_een_uitkering_per_huishouden():
    """Of two partners applying in one month one becomes the recipient; beside a partner who
    receives bijstand an application adds no second benefit; singles are not touched."""
    from beleid_hulp import hand_model

    from agenten import inwoners as I
    from simulatie.kern.stappen.signaleren import een_uitkering_per_huishouden

    rijen = []
    for h in range(3):  # 0-5: three couples, both partners without income
        rijen += [dict(huishouden_id=h, huishouden=I.PAAR, inkomensbron=I.GEEN)] * 2
    # 6-7: a couple whose partner receives bijstand; 8: a single.
    rijen += [dict(huishouden_id=3, huishouden=I.PAAR, inkomensbron=I.BIJSTAND),
              dict(huishouden_id=3, huishouden=I.PAAR, inkomensbron=I.GEEN),
              dict(huishouden_id=4, huishouden=I.ALLEENSTAAND, inkomensbron=I.GEEN)]
    model = hand_model(rijen)
    aanvraag = np.array([0, 1, 2, 5, 7, 8])  # couple 0 both, couple 1 one, couple 2 one
    assert een_uitkering_per_huishouden(model, aanvraag).tolist() == [0, 2, 5, 8]


@pytest.mark.parametrize("recht", [0.0, 1.0])
def test_baan_van_de_partner_beeindigt_de_bijstand_van_het_huishouden(recht):
    """A partner who finds work ends the household's benefit, unless it stays below the norm."""
    from beleid_hulp import hand_model

    from agenten import inwoners as I
    from simulatie.kern.stappen.demografie import partner_vindt_werk

    rijen = []
    for h in range(20):
        rijen += [dict(huishouden_id=h, huishouden=I.PAAR, inkomensbron=I.BIJSTAND, trede=2),
                  dict(huishouden_id=h, huishouden=I.PAAR, inkomensbron=I.WERK)]
    rijen += [dict(huishouden_id=20, huishouden=I.ALLEENSTAAND, inkomensbron=I.BIJSTAND)]
    model = hand_model(rijen, **{"parameters.signaleren.recht_met_partnerinkomen": recht})
    werkers = np.arange(1, 40, 2)
    partner_vindt_werk(model, werkers)
    t = model.tabel
    ontvangers = np.arange(0, 40, 2)
    if recht == 0.0:
        assert (t.inkomensbron[ontvangers] == I.GEEN).all()
        assert model.tellers["uitstroom_overig"] == 20
    else:
        assert (t.inkomensbron[ontvangers] == I.BIJSTAND).all()
    assert t.inkomensbron[40] == I.BIJSTAND    # a single has no partner whose job counts


def test_aow_van_de_partner_gaat_af_van_de_uitkering():
    """A recipient's partner who reaches pension age: the benefit goes on, less the AOW (an
    amount is netted), unless an amount was netted already; a single is untouched."""
    from beleid_hulp import hand_model

    from agenten import inwoners as I
    from simulatie.kern.stappen.demografie import veroudering

    aow_m = 67 * 12
    rijen = []
    for h in range(10):  # the partner turns 67 at the end of this month
        rijen += [dict(huishouden_id=h, huishouden=I.PAAR, inkomensbron=I.BIJSTAND, trede=2,
                       leeftijd_maanden=60 * 12),
                  dict(huishouden_id=h, huishouden=I.PAAR, inkomensbron=I.GEEN,
                       leeftijd_maanden=aow_m - 1)]
    rijen += [dict(huishouden_id=10, huishouden=I.PAAR, inkomensbron=I.BIJSTAND, trede=2,
                   leeftijd_maanden=60 * 12, partner_inkomen=123),
              dict(huishouden_id=10, huishouden=I.PAAR, inkomensbron=I.WW,
                   leeftijd_maanden=aow_m - 1),
              dict(huishouden_id=11, huishouden=I.ALLEENSTAAND, inkomensbron=I.BIJSTAND,
                   leeftijd_maanden=aow_m - 1)]
    model = hand_model(rijen, **{"parameters.demografie.aow_leeftijd": 67})
    veroudering(model)
    t = model.tabel
    ontvangers = np.arange(0, 20, 2)
    assert (t.inkomensbron[ontvangers + 1] == I.AOW).all()
    assert (t.inkomensbron[ontvangers] == I.BIJSTAND).all()
    assert (t.partner_inkomen[ontvangers] > 0).all()
    assert (t.partner_inkomen[ontvangers] < model.p.kosten.norm_paar).all()
    assert t.partner_inkomen[20] == 123                   # netted already: no new draw
    assert t.inkomensbron[22] == I.AOW                    # a single leaves bijstand for AOW


def test_overige_uitstroom_maakt_ruimte_voor_de_partnerroute():
    """The anonymous other outflow gives up the partner route's expected share at month 0."""
    zonder = Gemeente(klein_scenario(maanden=1, inwoners=5_000, **{
        "parameters.signaleren.recht_met_partnerinkomen": 1.0}), seed=1)
    met = Gemeente(klein_scenario(maanden=1, inwoners=5_000), seed=1)
    assert zonder.afgeleid["uitstroom_overig_factor"] == 1.0
    assert 0.3 < met.afgeleid["uitstroom_overig_factor"] < 1.0


def test_verdiensten_van_de_partner_gaan_af_van_de_uitkering():
    """A partner's own income below the norm (work or another benefit) is netted while the
    partner has it; a partner without income adds nothing."""
    from beleid_hulp import hand_model

    from agenten import inwoners as I
    from simulatie.kern.regels import verreken_partnerinkomen
    from simulatie.kern.stappen.boekhouden import boekhouden

    rijen = []
    bronnen = (I.WERK, I.GEEN, I.WERK, I.AOW, I.WW)
    for h, bron in enumerate(bronnen):
        rijen += [dict(huishouden_id=h, huishouden=I.PAAR, inkomensbron=I.BIJSTAND, trede=2),
                  dict(huishouden_id=h, huishouden=I.PAAR, inkomensbron=bron)]
    model = hand_model(rijen)
    t = model.tabel
    ontvangers = np.arange(0, 2 * len(bronnen), 2)
    verreken_partnerinkomen(model, ontvangers)
    bedrag = t.partner_inkomen[ontvangers]
    assert (bedrag[[0, 2, 3, 4]] > 0).all() and bedrag[1] == 0   # not beside a partner without
    assert (bedrag < model.p.kosten.norm_paar).all()
    t.kol["inkomensbron"][5] = I.GEEN                               # the third partner stops
    boekhouden(model)
    norm = model.p.kosten.norm_paar
    assert model.kosten["kosten_uitkeringen"] == pytest.approx(
        5 * norm - bedrag[0] - bedrag[3] - bedrag[4], rel=1e-6)
