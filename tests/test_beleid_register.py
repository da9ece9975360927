"""The policy registry: settings with sources, validation messages, presets, combining, plug-ins."""

from __future__ import annotations

import numpy as np
import pytest
from hulp import klein_scenario

from simulatie import Gemeente, ScenarioFout
from simulatie.kern import Beleid, BeleidInstellingen, kans, na, registreer, voor
from simulatie.kern.beleid import afmelden, register
from simulatie.kern.parameters import parameter_catalogus
from simulatie.kern.presets import lees_presets

BELEID = ("contract_compliance", "integrale_teams", "preventie", "work_first")


def test_vier_beleidsopties_geregistreerd_met_gedocumenteerde_parameters():
    REGISTER = register()
    assert set(BELEID) <= set(REGISTER)
    for naam in BELEID:
        rijen = parameter_catalogus(REGISTER[naam].Instellingen, f"beleid.{naam}")
        paden = {r["pad"] for r in rijen}
        assert f"beleid.{naam}.actief" in paden
        for r in rijen:
            if r["pad"].endswith(".actief"):
                continue
            assert r["eenheid"] and r["bron"] and len(r["bereik"]) == 2, r["pad"]
            assert r["uitleg"] or r["eenheid"], r["pad"]
        assert REGISTER[naam].titel


def test_set_schakelt_een_beleid_in():
    scen = klein_scenario(**{"beleid.preventie.actief": True,
                             "beleid.preventie.budget_per_inwoner": 30})
    assert scen.actieve_beleid() == ["preventie"]
    assert scen.beleid["preventie"]["budget_per_inwoner"] == 30


@pytest.mark.parametrize("pad, waarde, woorden", [
    ("beleid.bestaat_niet.actief", True, ["beleid.bestaat_niet", "unknown policy",
                                           "contract_compliance", "work_first"]),
    ("beleid.integrale_teams.samenwerking_sociale_dienst", 1.5,
     ["beleid.integrale_teams.samenwerking_sociale_dienst", "1.5", "0.0 to 1.0",
      "plausible 0.37 to 0.8"]),
    ("beleid.contract_compliance.detachering_maanden", 0,
     ["contract_compliance", "detachering_maanden", "1 to 24"]),
    ("beleid.work_first.sanctie", 0.1, ["beleid.work_first.sanctie", "unknown setting",
                                        "sanctie_kans"]),
    ("beleid.preset", "bestaat_niet", ["beleid.preset", "bestaat_niet", "brede_sociale_dienst"]),
])
def test_foute_instellingen_noemen_beleid_parameter_en_bereik(pad, waarde, woorden):
    with pytest.raises(ScenarioFout) as fout:
        klein_scenario(**{pad: waarde})
    for w in woorden:
        assert w in str(fout.value)


def test_alle_presets_zijn_geldige_composities_met_bron_en_uitleg():
    presets = lees_presets()
    verwacht = {"smalle_sociale_dienst", "brede_sociale_dienst", "wmo_minimum", "wmo_smal",
                "wmo_breed", "wmo_maximaal", "groningen_viertrapsraket",
                "enschede_1_huishouden_1_hulpverlener"}
    assert verwacht <= set(presets)
    for naam, preset in presets.items():
        assert preset["titel"] and preset["bron"] and len(preset["uitleg"]) > 100, naam
        scen = klein_scenario(**{"beleid.preset": naam})
        assert set(scen.actieve_beleid()) == {p for p, t in preset.get("beleid", {}).items()
                                              if t.get("actief")}
    assert klein_scenario(**{"beleid.preset": "wmo_minimum"}).actieve_beleid() == []


def test_expliciete_instelling_wint_van_de_preset():
    scen = klein_scenario(**{"beleid.preset": "wmo_smal",
                             "beleid.contract_compliance.quotum": 0.45,
                             "beleid.preventie.actief": True})
    assert scen.beleid["contract_compliance"]["quotum"] == 0.45
    assert scen.beleid["contract_compliance"]["vacatures_groen_schoonmaak"] == 0.0
    assert set(scen.actieve_beleid()) == {"contract_compliance", "preventie"}


def test_combinatie_boekt_kosten_van_elk_beleid_en_begint_elke_maand_opnieuw():
    alles = {f"beleid.{b}.actief": True for b in BELEID}
    model = Gemeente(klein_scenario(maanden=3, **alles), seed=1)
    assert len(model.beleid) == 4
    for _ in range(3):
        model.step()
        # Bookings count for their month only: nothing carries over.
        assert all(model.geboekt(post) == 0.0 for post in ("reintegratie", "apparaat",
                                                           "wmo_collectief", "wmo_individueel"))
    basis = Gemeente(klein_scenario(maanden=3), seed=1)
    basis.step()
    rij, rij_b = model.reeks[-1], basis.reeks[-1]
    preventie = next(b for b in model.beleid if b.naam == "preventie")
    assert rij["kosten_wmo_collectief"] > rij_b["kosten_wmo_collectief"] + 0.9 * (
        preventie.i.budget_per_inwoner * rij["inwoners"] / 12)
    assert rij["professionals"] > rij_b["professionals"]   # wijkcoaches


def test_nieuw_beleid_is_een_module_plus_registratie():
    """The worked example of docs/beleid.md: a 'geluksbudget' (Almelo, EUR 450 once).

    Defined here only, on the public API of simulatie.kern: no file under simulatie/ is
    touched, yet a scenario switches it on and it changes the run.
    """

    class GeluksbudgetInstellingen(BeleidInstellingen):
        bedrag: float = kans(0.0, "n.v.t.", "test", (0.0, 1.0))
        motivatie_plus: float = kans(0.1, "motivatie", "aanname", (0.0, 0.3))

    @registreer
    class Geluksbudget(Beleid):
        naam = "geluksbudget_test"
        titel = "Geluksbudget"
        Instellingen = GeluksbudgetInstellingen

        def __init__(self, instellingen):
            super().__init__(instellingen)
            self.nieuw = 0

        @na("signaleren")
        def motiveer(self, model):
            t = model.tabel
            bij = model.bijstand_rijen()
            nieuw = bij[t.wacht_sinds[bij] == model.maand]
            t.kol["motivatie"][nieuw] = np.minimum(1.0, t.motivatie[nieuw]
                                                   + self.instellingen.motivatie_plus)
            self.nieuw = len(nieuw)
            self.ids = t.id[nieuw]

        @voor("boekhouden")
        def kosten(self, model):
            model.boek("reintegratie", 450.0 * self.nieuw)

    try:
        scen = klein_scenario(maanden=2, **{"beleid.geluksbudget_test.actief": True})
        model = Gemeente(scen, seed=2)
        model.step()
        basis = Gemeente(klein_scenario(maanden=2), seed=2)
        basis.step()
        assert model.beleid[0].nieuw > 0
        # Its cost: booked on the line. Without the motivation effect the run is the basis
        # plus the booking (with it, more motivated clients may change the line itself).
        alleen_kosten = Gemeente(klein_scenario(maanden=2, **{
            "beleid.geluksbudget_test.actief": True,
            "beleid.geluksbudget_test.motivatie_plus": 0.0}), seed=2)
        alleen_kosten.step()
        assert alleen_kosten.reeks[-1]["kosten_reintegratie"] == pytest.approx(
            basis.reeks[-1]["kosten_reintegratie"] + 450.0 * alleen_kosten.beleid[0].nieuw)
        # Its effect: the new clients are more motivated than the same residents in the basis
        # (same seed, same month-0 population).
        ids = model.beleid[0].ids
        t, tb = model.tabel, basis.tabel
        assert t.motivatie[t.rijen_van(ids)].mean() > tb.motivatie[tb.rijen_van(ids)].mean()
    finally:
        afmelden("geluksbudget_test")


def test_onbekende_haak_is_een_fout_bij_registratie():
    with pytest.raises(ValueError, match="arbeidsmark.*allowed"):
        class Fout(Beleid):
            naam = "fout_verb"

            @na("arbeidsmark")
            def iets(self, model):
                pass

    class OudeStijl(Beleid):
        naam = "oude_stijl"

        def na_arbeidsmarkt(self, model):  # not declared: would silently never run
            pass

    with pytest.raises(ValueError, match="na_arbeidsmarkt.*not declared"):
        registreer(OudeStijl)
    assert "oude_stijl" not in register()


def test_haken_lopen_in_volgorde_van_de_bron_en_alleen_waar_verklaard():
    class Volgorde(Beleid):
        naam = "volgorde_test"

        @voor("wmo")
        def b_eerst(self, model):
            pass

        @voor("wmo")
        def a_daarna(self, model):
            pass

    registreer(Volgorde)
    try:
        assert Volgorde.haken == {("voor", "wmo"): ("b_eerst", "a_daarna")}
        assert not Volgorde(Volgorde.Instellingen()).heeft_haak("na", "wmo")
    finally:
        afmelden("volgorde_test")
