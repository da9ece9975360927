"""The policy registry: settings with sources, validation messages, presets, combining, plug-ins."""

from __future__ import annotations

import numpy as np
import pytest
from hulp import klein_scenario

from simulatie import Gemeente, ScenarioFout
from simulatie.beleid import REGISTER, Beleid, BeleidInstellingen, registreer
from simulatie.beleid.presets import lees_presets
from simulatie.parameters import kans, parameter_catalogus

BELEID = ("contract_compliance", "integrale_teams", "preventie", "work_first")


def test_vier_beleidsopties_geregistreerd_met_gedocumenteerde_parameters():
    from simulatie.beleid import _laad_ingebouwd

    _laad_ingebouwd()
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


def test_combinatie_boekt_kosten_van_elk_beleid_en_laat_knoppen_schoon():
    alles = {f"beleid.{b}.actief": True for b in BELEID}
    model = Gemeente(klein_scenario(maanden=3, **alles), seed=1)
    assert len(model.beleid) == 4
    for _ in range(3):
        model.step()
        s = model.sturing
        # Costs are added before boekhouden and removed after, so nothing accumulates.
        assert s.extra_kosten_reintegratie == s.extra_kosten_apparaat == 0.0
        assert s.extra_kosten_wmo_collectief == s.extra_kosten_wmo_individueel == 0.0
    basis = Gemeente(klein_scenario(maanden=3), seed=1)
    basis.step()
    rij, rij_b = model.reeks[-1], basis.reeks[-1]
    preventie = next(b for b in model.beleid if b.naam == "preventie")
    assert rij["kosten_wmo_collectief"] > rij_b["kosten_wmo_collectief"] + 0.9 * (
        preventie.i.budget_per_inwoner * rij["inwoners"] / 12)
    assert rij["professionals"] > rij_b["professionals"]   # wijkcoaches


def test_nieuw_beleid_is_een_module_plus_registratie():
    """The worked example of docs/beleid.md: a 'geluksbudget' (Almelo, EUR 450 once)."""

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

        def na_signaleren(self, model):
            t = model.tabel
            bij = model.bijstand_rijen()
            nieuw = bij[t.wacht_sinds[bij] == model.maand]
            t.kol["motivatie"][nieuw] = np.minimum(1.0, t.motivatie[nieuw]
                                                   + self.instellingen.motivatie_plus)
            self.nieuw = len(nieuw)

        def kosten(self, model):
            return {"reintegratie": 450.0 * self.nieuw}

    try:
        scen = klein_scenario(maanden=2, **{"beleid.geluksbudget_test.actief": True})
        model = Gemeente(scen, seed=2)
        model.step()
        basis = Gemeente(klein_scenario(maanden=2), seed=2)
        basis.step()
        assert model.beleid[0].nieuw > 0
        assert model.reeks[-1]["kosten_reintegratie"] == pytest.approx(
            basis.reeks[-1]["kosten_reintegratie"] + 450.0 * model.beleid[0].nieuw)
    finally:
        REGISTER.pop("geluksbudget_test", None)
