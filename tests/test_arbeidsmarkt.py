"""Labour-market mechanisms: employers' instruments and job loss after placement."""

from __future__ import annotations

import numpy as np
from hulp import klein_scenario

from agenten import inwoners as I
from simulatie import Gemeente


def _lange_werkhervatters(**overrides) -> int:
    """Hires of clients with more than two years of benefit over 12 months, 3 seeds."""
    totaal = 0
    for seed in range(3):
        model = Gemeente(klein_scenario(maanden=12, **overrides), seed=seed)
        for _ in range(12):
            t = model.tabel
            lang_voor = set(t.id[(t.inkomensbron == I.BIJSTAND) & (t.uitkeringsduur > 24)
                                 & t.actief].tolist())
            model.step()
            t = model.tabel
            nu_werk = set(t.id[(t.inkomensbron == I.WERK) & (t.werkgever != -1)].tolist())
            totaal += len(lang_voor & nu_werk)
    return totaal


def test_proefplaatsing_helpt_langdurig_werklozen_en_kan_mislukken():
    alle = {"parameters.arbeidsmarkt.werkgevers_met_proefplaatsing": 1.0,
            "parameters.aanbieders.personeel_per_client_thuiszorg": 0.0}
    zonder = _lange_werkhervatters(**alle, **{"parameters.arbeidsmarkt.proefplaatsing_effect": 1.0,
                                              "parameters.arbeidsmarkt.proefplaatsing_uitval": 0.0})
    met = _lange_werkhervatters(**alle, **{"parameters.arbeidsmarkt.proefplaatsing_effect": 2.5,
                                           "parameters.arbeidsmarkt.proefplaatsing_uitval": 0.0})
    altijd_mislukt = _lange_werkhervatters(**alle, **{
        "parameters.arbeidsmarkt.proefplaatsing_uitval": 1.0})
    assert met > 1.5 * zonder
    assert altijd_mislukt == 0


def test_geen_loonkostensubsidie_zonder_werkgevers_die_het_toepassen():
    scen = klein_scenario(maanden=24, **{
        "parameters.arbeidsmarkt.werkgevers_met_lks": 0.0,
        "parameters.arbeidsmarkt.aandeel_lks": 1.0,
        "parameters.aanbieders.personeel_per_client_thuiszorg": 0.0})
    model = Gemeente(scen, seed=1)
    for _ in range(24):
        model.step()
    assert model.reeks[-1]["lks_clienten"] == 0
    scen = klein_scenario(maanden=24, **{"parameters.arbeidsmarkt.werkgevers_met_lks": 1.0,
                                         "parameters.arbeidsmarkt.aandeel_lks": 1.0})
    model = Gemeente(scen, seed=1)
    for _ in range(24):
        model.step()
    assert model.reeks[-1]["lks_clienten"] > 0


def test_baanbehoud_na_18_maanden_volgt_het_verliesrisico():
    def behoud(kans: float) -> float:
        model = Gemeente(klein_scenario(maanden=48, inwoners=40_000, **{
            "parameters.arbeidsmarkt.baanverlies_na_plaatsing": kans}), seed=5)
        for _ in range(48):
            model.step()
        return float(np.nanmean([r["nog_in_werk_18m"] for r in model.reeks]))

    laag, hoog = behoud(0.005), behoud(0.04)
    assert laag > hoog + 0.2
    assert 0.8 < laag < 1.0


def _voorraden(model: Gemeente) -> np.ndarray:
    """Placed workers, bijstand clients with part-time work, Wajong with earnings."""
    t = model.tabel
    actief, bron = t.actief, t.inkomensbron
    verdient = t.deeltijd_inkomen > 0
    return np.array([(actief & (bron == I.WERK) & (t.werkgever != -1)).sum(),
                     (actief & (bron == I.BIJSTAND) & verdient).sum(),
                     (actief & (bron == I.WAJONG) & verdient).sum()], dtype=float)


def test_plaatsingen_en_deeltijdwerk_blijven_op_het_niveau_van_maand_0():
    """Month 0 holds the placed workers and the part-time workers the monthly rules keep.

    After the placement window a placement ends as regular work ends (job loss without WW
    raised by the inflow factor and the income risk), when the worker moves away, and at
    pension age; part-time work beside bijstand starts at the rate derived from its month-0
    share; Wajong entrants work with the month-0 share. Before, month 0 held 2.3 times the
    placed workers (the stock fell by half in ten years), part-time work beside bijstand fell
    from 8% to 5% of clients, Wajong with earnings by a quarter. Years 4-6 against month 0,
    3 seeds.
    """
    begin, later = np.zeros(3), np.zeros(3)
    for seed in (1, 2, 3):
        model = Gemeente(klein_scenario(maanden=72, inwoners=30_000), seed=seed)
        begin += _voorraden(model)
        for maand in range(1, 73):
            model.step()
            if maand > 36:
                later += _voorraden(model) / 36
    verhouding = later / begin
    assert (0.85 < verhouding).all() and (verhouding < 1.15).all(), verhouding
