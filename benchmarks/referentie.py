"""Reference implementation: the same resident rules, one Python object per resident.

This is how the model would look written in plain Mesa style: every resident is a
``mesa.Agent`` with its own attributes, and each monthly verb is a method that is run for all
residents with ``AgentSet.do`` (staged activation), with the model-level coordination (klantmanager
queue, provider capacity, Wmo assessment capacity, vacancies) in between. It exists only to
measure how much the column-table design gains (``benchmarks/bench.py``) and to check that the
vectorised verbs implement the same rules (``tests/test_benchmark.py``). It is not part of the
package.

Month 0 is built by the real model (:class:`simulatie.Gemeente`: population, professionals,
employers, providers, Wmo start and budgets) and then turned into one agent per resident; from
month 1 the residents live only as objects. Policies are not supported (the baseline only).
Draws use the model's Python ``random.Random`` one event at a time, so for a seed the outcomes
are statistically, not literally, the same as the real model's.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import mesa
import numpy as np
import pandas as pd

from agenten import inwoners as I
from simulatie.kern.ladder import STEUN_DIENSTEN
from simulatie.kern.model import Gemeente
from simulatie.kern.overgangen import _PROFIEL
from simulatie.kern.scenario import Scenario
from simulatie.kern.stappen import arbeidsmarkt as arbeidsmarkt_stap
from simulatie.kern.stappen import boekhouden as boekhouden_stap
from simulatie.kern.stappen.arbeidsmarkt import PROEFPLAATSING_DUUR
from simulatie.kern.stappen.begeleiden import DIENST_AANBIEDER, DIENST_EFFECT
from simulatie.kern.stappen.demografie import AANDEEL_KINDEREN_VESTIGERS, VERHUISGEWICHT
from simulatie.kern.stappen.wmo import WMO_DIENSTEN
from simulatie.kern.toeval import per_maand
from simulatie.kern.uitvoer import KOSTENPOSTEN

BITS = tuple(1 << b for b in range(6))
WERK_DIENSTEN = I.REINTEGRATIE | I.SCHULDHULP | I.BEGELEIDING | I.DAGBESTEDING | I.WELZIJN
#: Defaults of a new row, as in ``InwonerTabel.voeg_toe``.
NIEUW = {**{naam: 0 for naam in I.KOLOMMEN}, "klantmanager": -1, "wacht_sinds": -1,
         "diagnose_maand": I.NOOIT, "werkgever": -1, "klantprofiel": I.GEEN_PROFIEL, "trede": 1,
         "verborgen_recht": False, "lks": False, "awbz_extramuraal": False, "motivatie": 0.0,
         "deeltijd_inkomen": 0.0, "sanctie": 0.0}


def aantal_bits(x: int) -> int:
    """Number of obstacles in a bitmask."""
    return bin(x).count("1")


class ReferentieInwoner(mesa.Agent):
    """A resident as an ordinary Mesa agent; the state columns are plain attributes."""

    def __init__(self, model: ReferentieGemeente, staat: dict[str, Any]) -> None:
        super().__init__(model)
        self.__dict__.update(staat)
        self.weg = False

    # ---- transitions (overgangen.py) ----------------------------------------------------------
    def aanvragen(self) -> None:
        self.inkomensbron = I.GEEN
        self.werkgever = -1
        self.lks = False
        self.ww_duur = 0
        self.trede = min(self.trede, 4)
        self.model.aanvragers_ref[self] = None

    def naar_bijstand(self) -> None:
        m = self.model
        self.inkomensbron = I.BIJSTAND
        self.uitkeringsduur = self.ww_duur = self.baan_maanden = self.bekend = 0
        self.verborgen_recht = self.lks = False
        self.werkgever = self.klantmanager = -1
        self.wacht_sinds = m.maand
        self.diagnose_maand = I.NOOIT
        self.deeltijd_inkomen = self.sanctie = 0.0
        self.trede = min(self.trede, 4)
        n = aantal_bits(self.belemmeringen)
        self.fase = 1 if n == 0 else (2 if n <= 2 else 4)
        jaar = self.leeftijd_maanden // 12
        if self.fase == 1:
            self.klantprofiel = _PROFIEL["fase_1"]
        elif self.fase == 2:
            self.klantprofiel = _PROFIEL["uitvallers_fase_2_3"]
        elif self.huishouden == I.ALLEENSTAANDE_OUDER:
            self.klantprofiel = _PROFIEL["alleenstaande_ouders"]
        elif jaar < 30:
            self.klantprofiel = _PROFIEL["jongeren"]
        elif self.belemmeringen & I.PSYCHISCH:
            self.klantprofiel = _PROFIEL["ex_psychiatrisch"]
        elif jaar >= 50:
            self.klantprofiel = _PROFIEL["vrouwen_50plus" if self.geslacht == 1
                                         else "mannen_50plus"]
        else:
            self.klantprofiel = _PROFIEL["overig"]
        m.teller["instroom_bijstand"] += 1

    def uit_bijstand(self, reden: str) -> None:
        m = self.model
        if reden == "aow":
            self.inkomensbron = I.AOW
        elif reden in ("overig", "buiten_beeld"):
            self.inkomensbron = I.GEEN
        self.klantmanager = self.wacht_sinds = -1
        self.uitkeringsduur = 0
        self.deeltijd_inkomen = self.sanctie = 0.0
        self.zorg &= ~I.REINTEGRATIE
        self.wacht &= ~I.REINTEGRATIE
        m.teller["uitstroom_bijstand"] += 1
        m.teller[f"uitstroom_{reden}"] += 1
        if reden == "buiten_beeld":
            m.buiten_beeld += 1

    def start_baan(self, werkgever: int, lks: bool, zorgsector: bool) -> None:
        m = self.model
        uit_bijstand = self.inkomensbron == I.BIJSTAND
        self.inkomensbron = I.WERK
        self.werkgever = werkgever
        self.lks = lks
        self.baan_maanden = 0
        self.trede = 5 if lks else 6
        self.klantmanager = self.wacht_sinds = -1
        self.uitkeringsduur = 0
        self.deeltijd_inkomen = self.sanctie = 0.0
        self.zorg &= ~I.REINTEGRATIE
        self.wacht &= ~I.REINTEGRATIE
        if uit_bijstand:
            m.teller["uitstroom_bijstand"] += 1
            m.teller["uitstroom_werk"] += 1
            m.teller["uitstroom_naar_werk_zorg"] += zorgsector

    # ---- verb 1: demografie ---------------------------------------------------------------------
    def verouder(self) -> None:
        m = self.model
        self.leeftijd_maanden += 1
        if self.leeftijd_maanden == m.aow_maanden:
            if self.inkomensbron == I.BIJSTAND:
                self.uit_bijstand("aow")
            self.inkomensbron = I.AOW
            self.werkgever = -1
            self.lks = self.verborgen_recht = False
            self.trede = min(self.trede, 4)
        elif self.leeftijd_maanden == 18 * 12:
            self.huishouden = I.ALLEENSTAAND
            self.trede = 3

    def sterf_of_vertrek(self) -> None:
        m = self.model
        r = m.random.random
        lm = self.leeftijd_maanden
        dood = False
        if lm >= 50 * 12:
            jaarkans = min(1.0, m.p.demografie.sterfte_80 * math.exp(0.095 * (lm / 12.0 - 80.0)))
            dood = r() < 1.0 - (1.0 - jaarkans) ** (1.0 / 12.0)
        band = (lm >= 18 * 12) + (lm >= 35 * 12) + (lm >= 67 * 12)
        weg = r() < m.vertrekkans[band + 4 * (self.inkomensbron == I.BIJSTAND)]
        if dood or weg:
            m.vertrekkers.append((self, dood))

    def levensgebeurtenissen(self) -> None:
        m = self.model
        if not 18 * 12 <= self.leeftijd_maanden < m.aow_maanden:
            return
        lg, r = m.p.levensgebeurtenissen, m.random.random
        risico = 1.0 + lg.risico_per_belemmering * aantal_bits(self.belemmeringen)
        if self.inkomensbron == I.WERK and (self.werkgever < 0 or self.baan_maanden >= 18):
            if r() < lg.baanverlies:
                self.inkomensbron = I.WW
                self.ww_duur = m.random.randint(3, lg.ww_max_duur)
                self.werkgever = -1
                self.lks = False
                self.trede = 4
            elif r() < lg.baanverlies_zonder_ww * risico:
                self.aanvragen()
            elif r() < lg.werk_naar_geen:
                self.inkomensbron = I.GEEN
                self.werkgever = -1
                self.lks = False
                self.trede = 3
        if self.inkomensbron == I.WW:
            if r() < lg.ww_naar_werk:
                self.inkomensbron = I.WERK
                self.trede = 6
            self.ww_duur -= 1
            if self.ww_duur <= 0 and self.inkomensbron == I.WW:
                naar_bijstand = r() < lg.bijstand_na_ww
                self.inkomensbron = I.GEEN
                self.trede = min(self.trede, 4)
                if naar_bijstand:
                    self.aanvragen()
        if self.huishouden == I.PAAR and r() < m.scheidingskans:
            self.huishouden = I.ALLEENSTAANDE_OUDER if r() < 0.5 else I.ALLEENSTAAND
            if self.inkomensbron != I.BIJSTAND and r() < lg.bijstand_na_scheiding:
                self.aanvragen()
        if self.inkomensbron == I.GEEN and not self.verborgen_recht:
            if r() < lg.geen_naar_bijstand * risico:
                self.aanvragen()
            elif r() < lg.geen_naar_werk:
                self.inkomensbron = I.WERK
                self.trede = 6

    def nieuwe_belemmeringen(self) -> None:
        if self.leeftijd_maanden < 18 * 12:
            return
        m = self.model
        r = m.random.random
        bits = self.belemmeringen
        in_bijstand = self.inkomensbron == I.BIJSTAND
        vijftig = self.leeftijd_maanden >= 50 * 12
        for b, bit in enumerate(BITS):
            if bits & bit:
                if r() < m.herstelkans[b]:
                    self.belemmeringen &= ~bit
                    self.bekend &= ~bit
            else:
                factor = (m.p.belemmeringen.risicofactor_bijstand if in_bijstand
                          else (2.0 if vijftig and b == 1 else 1.0))
                if r() < m.nieuwkans[b] * factor:
                    self.belemmeringen |= bit
                    m.teller["nieuwe_belemmeringen"] += 1

    # ---- verb 4: begeleiden ---------------------------------------------------------------------
    def diagnose(self) -> None:
        m = self.model
        if (self.inkomensbron != I.BIJSTAND or self.klantmanager < 0
                or m.maand - self.diagnose_maand < m.p.begeleiden.herdiagnose_maanden):
            return
        self.diagnose_maand = m.maand
        r = m.random.random
        factor = 0.5 + m.klantmanagers[self.klantmanager].competenties["integraal"]
        nieuw = 0
        for b, bit in enumerate(BITS):
            if self.belemmeringen & bit and r() < min(1.0, m.herkenbasis[b] * factor):
                nieuw |= bit
        nieuw &= ~self.bekend
        self.bekend |= nieuw
        m.teller["diagnoses"] += 1
        s = m.sturing
        verlies = s.overdrachtsverlies
        if nieuw & I.TAAL:
            self.verwijs(I.REINTEGRATIE, 0.0)
        if nieuw & I.SCHULDEN:
            self.verwijs(I.SCHULDHULP, 0.0)
        if self.fase == 2 and not self.bekend & self.belemmeringen and self.trede <= 4:
            self.verwijs(I.REINTEGRATIE, 0.0)
        iso = nieuw & I.ISOLEMENT
        if nieuw & I.PSYCHISCH:
            self.verwijs(I.BEGELEIDING, verlies, wmo=True)
        if iso and self.belemmeringen & I.PSYCHISCH:
            self.verwijs(I.DAGBESTEDING, verlies, wmo=True)
        if (iso and not self.belemmeringen & I.PSYCHISCH) or nieuw & I.NAASTEN:
            self.verwijs(I.WELZIJN, verlies)

    def verwijs(self, dienst: int, verlies: float, wmo: bool = False) -> None:
        m = self.model
        if self.zorg & dienst:
            return
        if m.random.random() < verlies:
            m.teller["overdracht_verloren"] += 1
            return
        if wmo:
            self.wmo_aanvraag |= dienst
        else:
            self.wacht |= dienst
        m.teller["doorverwezen"] += 1

    def diensten_werken(self) -> None:
        zorg = self.zorg
        if not zorg & WERK_DIENSTEN:
            return
        m = self.model
        r = m.random.random
        for dienst, (obstakel, _) in DIENST_EFFECT.items():
            if not zorg & dienst:
                continue
            opgelost = False
            if self.belemmeringen & obstakel and r() < m.effect[dienst]:
                self.belemmeringen &= ~obstakel
                self.bekend &= ~obstakel
                m.teller["belemmeringen_opgelost"] += 1
                opgelost = True
            if dienst in (I.REINTEGRATIE, I.SCHULDHULP, I.WELZIJN):
                klaar = r() < m.einde_traject
                if klaar or (dienst == I.SCHULDHULP and opgelost):
                    self.zorg &= ~dienst

    # ---- verb 5: activeren ----------------------------------------------------------------------
    def activeer(self) -> None:
        if self.inkomensbron != I.BIJSTAND or self.trede > 4:
            return
        m = self.model
        a, s = m.p.activeren, m.sturing
        n = aantal_bits(self.belemmeringen)
        steun = ((self.klantmanager >= 0 and self.diagnose_maand != I.NOOIT)
                 or bool(self.zorg & STEUN_DIENSTEN))
        p_op = 0.0
        if self.trede < 4:
            p_op = (a.stijging_basis * math.exp(-a.belemmering_rem * n) * self.motivatie
                    * (1 + a.steun_effect * steun) * s.steun_factor[self.trede - 1])
        p_neer = 0.0
        if self.trede > 1:
            p_neer = (a.terugval_basis * (1 + a.terugval_per_belemmering * n)
                      * (a.nazorg_terugval if steun else 1.0)
                      * s.terugval_trede[self.trede - 1])
        u = m.random.random()
        if u < p_op:
            self.trede += 1
        elif u < p_op + p_neer:
            self.trede -= 1

    # ---- verb 6: arbeidsmarkt -------------------------------------------------------------------
    def solliciteer(self) -> None:
        if self.inkomensbron != I.BIJSTAND or self.trede < 4:
            return
        m = self.model
        a, s = m.p.arbeidsmarkt, m.sturing
        gewicht = (math.exp(-a.belemmering_rem_baan * aantal_bits(self.belemmeringen))
                   * math.exp(-a.duur_rem * min(self.uitkeringsduur, 60)) * self.motivatie
                   * (a.werkgeversbenadering if self.klantmanager >= 0 else 1.0))
        pp = m.proef_factor if self.uitkeringsduur > PROEFPLAATSING_DUUR else 1.0
        p = min(0.5, a.baankans_basis * gewicht * m.druk * pp * s.baankans_factor
                * (s.sanctie_baankans if self.sanctie > 0 else 1.0))
        if m.random.random() < p:
            m.aangenomen.append(self)

    def na_matching(self) -> None:
        """Job loss after placement, part-time work, other outflow and the spell's length."""
        m = self.model
        a, r = m.p.arbeidsmarkt, m.random.random
        if self.inkomensbron == I.WERK and self.werkgever != -1 and self.baan_maanden < 18:
            kwijt = r() < a.baanverlies_na_plaatsing
            self.baan_maanden += 1
            if kwijt:
                self.trede = 4
                if self.baan_maanden > a.ww_na_maanden_werk:
                    self.inkomensbron = I.WW
                    self.ww_duur = 3
                self.werkgever = -1
                self.lks = False
                if self.baan_maanden <= a.ww_na_maanden_werk:
                    self.aanvragen()
                m.teller["baanverlies_na_plaatsing"] += 1
        if self.werkgever != -1 and self.baan_maanden >= 18 and self.inkomensbron == I.WERK:
            self.baan_maanden = min(self.baan_maanden + 1, 10_000)
        if self.inkomensbron != I.BIJSTAND:
            return
        b = m.p.bevolking
        if self.trede == 4:
            if r() < b.deeltijd_start:
                self.trede = 5
                self.deeltijd_inkomen = m.random.gammavariate(4, b.deeltijd_inkomen / 4)
        elif self.trede == 5 and self.deeltijd_inkomen > 0 and r() < b.deeltijd_einde:
            self.trede = 4
            self.deeltijd_inkomen = 0.0
        p = a.uitstroom_overig * m.sturing.uitstroom_overig_factor
        if r() < (2 * p if self.uitkeringsduur < 12 else p):
            self.uit_bijstand("buiten_beeld" if r() < a.aandeel_onbekend else "overig")
            return
        self.uitkeringsduur += 1

    # ---- verb 7: wmo ----------------------------------------------------------------------------
    def behoefte(self, dienst: int) -> float:
        """Yearly chance of new need for a provision (``wmo.behoefte_kans`` for one resident)."""
        w = self.model.p.wmo
        jaar = self.leeftijd_maanden // 12
        bits = self.belemmeringen
        fysiek = bits & I.FYSIEK and jaar >= 18
        psych = bits & I.PSYCHISCH and jaar >= 18
        awbz = w.awbz_factor if self.awbz_extramuraal else 1.0
        if dienst == I.HH:
            h = (w.behoefte_hh_75plus if jaar >= 75 else w.behoefte_hh_67_74 if jaar >= 67
                 else w.behoefte_hh_fysiek if fysiek else 0.0)
        elif dienst == I.HULPMIDDEL:
            h = (w.behoefte_hulpmiddel_75plus if jaar >= 75 else w.behoefte_hulpmiddel_67_74
                 if jaar >= 67 else w.behoefte_hulpmiddel_fysiek if fysiek else 0.0)
        elif dienst == I.BEGELEIDING:
            h = (w.behoefte_begeleiding_psychisch if psych else w.behoefte_begeleiding_80plus
                 if jaar >= 80 else 0.0)
        else:
            h = (w.behoefte_dagbesteding_80plus if jaar >= 80 else
                 w.behoefte_dagbesteding_isolement if bits & I.ISOLEMENT and psych else 0.0)
        return awbz * h

    def wmo_behoefte_en_aanvraag(self) -> None:
        m = self.model
        r = m.random.random
        al = self.zorg | self.wacht | self.wmo_behoefte | self.wmo_aanvraag
        for dienst in WMO_DIENSTEN:
            if al & dienst:
                continue
            h = self.behoefte(dienst)
            if h > 0 and r() < 1.0 - (1.0 - h) ** (1.0 / 12.0):
                collectief = m.sturing.wmo_collectief
                if dienst != I.HULPMIDDEL and collectief > 0 and r() < collectief:
                    self.zorg |= I.WELZIJN
                    m.teller["wmo_collectief_opgevangen"] += 1
                    continue
                self.wmo_behoefte |= dienst
                m.teller["wmo_behoefte_nieuw"] += 1
        if self.wmo_behoefte and r() < m.sturing.wmo_aanvraag:
            self.wmo_aanvraag |= self.wmo_behoefte
            self.wmo_behoefte = 0

    def wmo_einde(self) -> None:
        if not self.zorg & I.WMO_INDIVIDUEEL:
            return
        m = self.model
        for dienst, kans in m.wmo_einde.items():
            if self.zorg & dienst and m.random.random() < kans:
                self.zorg &= ~dienst


class ReferentieGemeente(Gemeente):
    """The municipality with object-per-agent residents (baseline only).

    Args:
        scenario: A validated scenario without active policies.
        seed: Seed (also of month 0, which the real model builds).
    """

    def __init__(self, scenario: Scenario, seed: int | None = None) -> None:
        super().__init__(scenario, seed=seed)
        if self.beleid:
            raise ValueError("the reference implementation supports the baseline only")
        self.teller: Counter[str] = Counter()  # its own flow counters (any name)
        self.sturing = self.mechanismen
        t = self.tabel
        rijen = np.flatnonzero(t.actief)
        kolommen = {naam: t.kol[naam][rijen].tolist() for naam in I.KOLOMMEN if naam != "actief"}
        for waarden in zip(*kolommen.values(), strict=True):
            ReferentieInwoner(self, dict(zip(kolommen, waarden, strict=True)))
        self.inwoners = self.agents_by_type[ReferentieInwoner]
        self.volgend_id = int(t.kol["id"][: len(t)].max()) + 1
        self.aanvragers_ref: dict[ReferentieInwoner, None] = {}
        for ids in self.aanvragers:
            for i in t.rijen_van(ids):
                if t.actief[i]:
                    self.aanvragers_ref[self._agent_van_id(int(t.id[i]))] = None
        self.aow_maanden = self.p.demografie.aow_leeftijd * 12
        self.tabel = None  # from here on the residents live only as objects
        self.reeks = [{k: v for k, v in self.reeks[0].items()}]

    def _agent_van_id(self, inwoner_id: int) -> ReferentieInwoner:
        for a in self.inwoners:
            if a.id == inwoner_id:
                return a
        raise KeyError(inwoner_id)

    def step(self) -> None:
        """One month: the verbs in the real model's order."""
        self.maand += 1
        self.teller.clear()
        self.demografie()
        self.signaleren()
        self.toewijzen()
        self.begeleiden()
        self.inwoners.do("activeer")
        self.arbeidsmarkt()
        self.wmo()
        self.boekhouden()
        self.verzamelen()

    # ---- verbs at model level -----------------------------------------------------------------
    def demografie(self) -> None:
        d, bp = self.p.demografie, self.p.belemmeringen
        self.inwoners.do("verouder")
        aantal = [0, 0, 0, 0]
        for a in self.inwoners:
            lm = a.leeftijd_maanden
            aantal[(lm >= 18 * 12) + (lm >= 35 * 12) + (lm >= 67 * 12)] += 1
        n = sum(aantal)
        gemiddeld = sum(c * g for c, g in zip(aantal, VERHUISGEWICHT, strict=True)) / n
        basis = per_maand(d.vertrek_per_jaar)
        self.vertrekkans = [basis * g / gemiddeld for g in VERHUISGEWICHT] + [
            basis * g / gemiddeld * d.vertrek_factor_bijstand for g in VERHUISGEWICHT]
        self.vertrekkers: list[tuple[ReferentieInwoner, bool]] = []
        self.inwoners.do("sterf_of_vertrek")
        for a, dood in self.vertrekkers:
            if a.inkomensbron == I.BIJSTAND:
                a.uit_bijstand("vertrek")
            self.teller["overleden" if dood else "vertrokken"] += 1
            a.weg = True
            a.remove()
        self.geboorte_en_vestiging()
        self.scheidingskans = per_maand(self.p.levensgebeurtenissen.scheiding)
        self.inwoners.do("levensgebeurtenissen")
        self.nieuwkans = [per_maand(getattr(bp, f"nieuw_{naam}"))
                          * self.sturing.belemmering_factor[b]
                          for b, naam in enumerate(I.BELEMMERINGEN)]
        self.herstelkans = [per_maand(getattr(bp, f"herstel_{naam}"))
                            for naam in I.BELEMMERINGEN]
        self.inwoners.do("nieuwe_belemmeringen")

    def geboorte_en_vestiging(self) -> None:
        d, b, bp = self.p.demografie, self.p.bevolking, self.p.belemmeringen
        r = self.random
        geboren = int(self.rng.poisson(per_maand(d.geboorte_per_jaar) * len(self.inwoners)))
        uit = self.teller["overleden"] + self.teller["vertrokken"]
        vestigers = int(self.rng.poisson(max(0.0, d.vestiging_factor * uit - geboren)))
        for i in range(geboren + vestigers):
            staat = dict(NIEUW, id=self.volgend_id, wijk=r.randrange(self.config.gemeente.wijken),
                         geslacht=r.randrange(2), motivatie=r.betavariate(5, 2))
            self.volgend_id += 1
            if i < geboren or r.random() < AANDEEL_KINDEREN_VESTIGERS:
                staat.update(huishouden=I.KIND, trede=1,
                             leeftijd_maanden=0 if i < geboren else r.randrange(18 * 12))
            else:
                werkt = r.random() < b.aandeel_werkend
                staat.update(leeftijd_maanden=r.randrange(18 * 12, 40 * 12),
                             inkomensbron=I.WERK if werkt else I.GEEN, trede=6 if werkt else 3,
                             huishouden=I.ALLEENSTAAND if r.random() < 0.5 else I.PAAR)
                bits = 0
                for k, naam in enumerate(I.BELEMMERINGEN):
                    h, hersteld = getattr(bp, f"nieuw_{naam}"), getattr(bp, f"herstel_{naam}")
                    if naam == "fysiek" and staat["leeftijd_maanden"] >= 50 * 12:
                        h = 2 * h
                    if r.random() < h / (h + hersteld):
                        bits |= 1 << k
                staat["belemmeringen"] = bits
            ReferentieInwoner(self, staat)
        self.teller["geboren"] += geboren
        self.teller["gevestigd"] += vestigers

    def signaleren(self) -> None:
        s, r = self.sturing, self.random.random
        nieuw = [a for a in self.aanvragers_ref if not a.weg and a.inkomensbron == I.GEEN]
        self.aanvragers_ref.clear()
        aanvraag, niet = [], set()
        for a in nieuw:
            if r() < self.p.signaleren.niet_gebruik_bijstand:
                a.verborgen_recht = True
                niet.add(a)
            else:
                aanvraag.append(a)
        for a in self.inwoners:
            if a.verborgen_recht and a not in niet and r() < s.aanvraag_later:
                a.verborgen_recht = False
                aanvraag.append(a)
        self.teller["aanvragen_bijstand"] += len(aanvraag)
        for a in aanvraag:
            if r() < s.afzien_aanvraag:
                self.teller["afgezien_aanvraag"] += 1
                if r() < s.afzien_naar_werk:
                    a.inkomensbron = I.WERK
                    a.trede = 6
                else:
                    self.buiten_beeld += 1
            else:
                a.naar_bijstand()
        self.teller["niet_gebruik_nieuw"] += len(niet)

    def toewijzen(self) -> None:
        kms = self.klantmanagers
        for p in kms:
            p.caseload = 0
        wachtend = []
        for a in self.inwoners:
            if a.inkomensbron == I.BIJSTAND:
                if a.klantmanager >= 0:
                    kms[a.klantmanager].caseload += 1
                else:
                    wachtend.append(a)
        wachtend.sort(key=lambda a: a.wacht_sinds)
        plekken = [i for i, p in enumerate(kms) for _ in range(p.vrije_plekken)]
        self.random.shuffle(plekken)
        for a, km in zip(wachtend, plekken, strict=False):
            a.klantmanager = km
            a.wacht_sinds = -1
            kms[km].caseload += 1

    def begeleiden(self) -> None:
        s = self.sturing
        for a in self.inwoners:
            if a.inkomensbron == I.BIJSTAND:
                a.sanctie = 0.0
                if self.random.random() < s.sanctie_kans:
                    a.sanctie = s.sanctie_hoogte
                    self.teller["sancties"] += 1
        self.herkenbasis = [s.signaleer_zorg, s.signaleer_werk, s.signaleer_werk,
                            s.signaleer_schulden, s.signaleer_zorg, s.signaleer_zorg]
        self.inwoners.do("diagnose")
        # Providers take clients from their waiting lists, in random order, up to capacity.
        in_zorg = dict.fromkeys(DIENST_AANBIEDER, 0)
        wachtend: dict[int, list[ReferentieInwoner]] = {d: [] for d in DIENST_AANBIEDER}
        for a in self.inwoners:
            for dienst in DIENST_AANBIEDER:
                if a.zorg & dienst:
                    in_zorg[dienst] += 1
                if a.wacht & dienst:
                    wachtend[dienst].append(a)
        for dienst, soort in DIENST_AANBIEDER.items():
            aanbieder = self.aanbieders[soort]
            aanbieder.clienten = in_zorg[dienst]
            n = min(aanbieder.vrije_plaatsen, len(wachtend[dienst]))
            for a in self.random.sample(wachtend[dienst], n):
                a.zorg |= dienst
                a.wacht &= ~dienst
            aanbieder.clienten += n
            aanbieder.wachtlijst = len(wachtend[dienst]) - n
        ab = self.p.aanbieders
        self.effect = {d: getattr(ab, naam)
                       for d, (_, naam) in DIENST_EFFECT.items()}
        self.einde_traject = 1.0 / ab.duur_traject
        self.inwoners.do("diensten_werken")

    def arbeidsmarkt(self) -> None:
        a = self.p.arbeidsmarkt
        arbeidsmarkt_stap.vacatures(self)  # employers and providers: shared with the real model
        trend = sum(w.vacatures_trend for w in self.werkgevers)
        v_werkgevers = [w.vacatures for w in self.werkgevers]
        open_w = [w.openheid for w in self.werkgevers]
        zorg = self.aanbieders["thuiszorg"]
        v_totaal = sum(v_werkgevers) + zorg.vacatures
        gem_open = (sum(v * o for v, o in zip(v_werkgevers, open_w, strict=True))
                    + zorg.vacatures * a.openheid) / max(v_totaal, 1e-9)
        self.druk = v_totaal / max(trend, 1e-9) * gem_open
        gewicht = [v * o for v, o in zip(v_werkgevers, open_w, strict=True)]
        gewicht.append(zorg.vacatures * a.openheid)
        self.aangenomen: list[ReferentieInwoner] = []
        if sum(gewicht) > 0:
            heeft = {naam: [naam in w.instrumenten for w in self.werkgevers] + [True]
                     for naam in ("loonkostensubsidie", "jobcoach", "proefplaatsing")}
            pp_aandeel = sum(g for g, pp in zip(gewicht, heeft["proefplaatsing"], strict=True)
                             if pp) / sum(gewicht)
            self.proef_factor = 1 + (a.proefplaatsing_effect - 1) * pp_aandeel
            self.inwoners.do("solliciteer")
            r = self.random.random
            for kandidaat in self.aangenomen:
                wie = self.random.choices(range(len(gewicht)), weights=gewicht)[0]
                if (heeft["proefplaatsing"][wie] and kandidaat.uitkeringsduur
                        > PROEFPLAATSING_DUUR):
                    self.teller["proefplaatsingen"] += 1
                    if r() < a.proefplaatsing_uitval:
                        self.teller["proefplaatsing_mislukt"] += 1
                        continue
                zorgsector = wie == len(self.werkgevers)
                blijvend = bool(kandidaat.bekend & (I.FYSIEK | I.PSYCHISCH))
                lks = blijvend and heeft["loonkostensubsidie"][wie] and r() < a.aandeel_lks
                kandidaat.start_baan(-2 if zorgsector else wie, lks, zorgsector)
                kandidaat.jobcoach = lks and heeft["jobcoach"][wie]
                self.teller["lks_nieuw"] += lks
        self.inwoners.do("na_matching")

    def wmo(self) -> None:
        w = self.p.wmo
        self.inwoners.do("wmo_behoefte_en_aanvraag")
        aanvragen = [a for a in self.inwoners if a.wmo_aanvraag]
        capaciteit = sum(p.max_caseload for p in self.wmo_consulenten)
        onderzocht = (aanvragen if len(aanvragen) <= capaciteit
                      else self.random.sample(aanvragen, capaciteit))
        for prof in self.wmo_consulenten:
            prof.caseload = int(round(len(onderzocht) / len(self.wmo_consulenten)))
        for a in onderzocht:
            if self.random.random() < w.toekenning:
                a.zorg |= a.wmo_aanvraag & I.HULPMIDDEL
                a.wacht |= a.wmo_aanvraag & ~I.HULPMIDDEL
                self.teller["wmo_toegekend"] += 1
            a.wmo_aanvraag = 0
        self.teller["wmo_onderzocht"] += len(onderzocht)
        self.teller["wmo_wacht_onderzoek"] = len(aanvragen) - len(onderzocht)
        self.wmo_einde = {I.HH: per_maand(w.einde_hh), I.HULPMIDDEL: per_maand(w.einde_hulpmiddel),
                          I.BEGELEIDING: per_maand(w.einde_begeleiding),
                          I.DAGBESTEDING: per_maand(w.einde_dagbesteding)}
        self.inwoners.do("wmo_einde")

    def boekhouden(self) -> None:
        kp, ab, am = self.p.kosten, self.p.aanbieders, self.p.arbeidsmarkt
        norm = (kp.norm_alleenstaand, kp.norm_alleenstaande_ouder, kp.norm_paar,
                kp.norm_alleenstaand)
        diensten = (I.HH, I.HULPMIDDEL, I.BEGELEIDING, I.DAGBESTEDING, I.REINTEGRATIE,
                    I.SCHULDHULP, I.WELZIJN)
        tel = dict.fromkeys(diensten, 0)
        uitkeringen, n_bij, n_lks, n_coach = 0.0, 0, 0, 0
        for a in self.inwoners:
            if a.inkomensbron == I.BIJSTAND:
                n_bij += 1
                uitkeringen += max(0.0, norm[a.huishouden] * (1.0 - a.sanctie)
                                   - a.deeltijd_inkomen)
            elif a.inkomensbron == I.WERK and a.lks:
                n_lks += 1
                n_coach += a.jobcoach and a.baan_maanden < 12
            for d in diensten:
                if a.zorg & d:
                    tel[d] += 1
        n_prof = len(self.professionals)
        n_wmo = tel[I.HH] + tel[I.HULPMIDDEL] + tel[I.BEGELEIDING] + tel[I.DAGBESTEDING]
        self.kosten = {
            "kosten_uitkeringen": uitkeringen,
            "kosten_reintegratie": tel[I.REINTEGRATIE] * ab.prijs_reintegratie
            + n_lks * (1.0 - am.loonwaarde) * am.wml_werkgeverslasten
            + n_coach * am.jobcoach_uren * am.jobcoach_tarief + self.geboekt("reintegratie"),
            "kosten_wmo_individueel": tel[I.HH] * ab.prijs_hh
            + tel[I.HULPMIDDEL] * ab.prijs_hulpmiddel + tel[I.BEGELEIDING] * ab.prijs_begeleiding
            + tel[I.DAGBESTEDING] * ab.prijs_dagbesteding + tel[I.SCHULDHULP] * ab.prijs_schuldhulp
            + self.geboekt("wmo_individueel"),
            "kosten_wmo_collectief": len(self.inwoners) * ab.welzijn_subsidie_per_inwoner / 12
            + tel[I.WELZIJN] * ab.welzijn_kosten_per_deelnemer + self.geboekt("wmo_collectief"),
            "kosten_apparaat": n_prof * kp.loonkosten_professional / 12
            + n_bij * kp.uitvoering_per_uitkering / 12
            + n_wmo * kp.uitvoering_per_wmo_voorziening / 12 + self.geboekt("apparaat"),
        }
        self.kosten["kosten_totaal"] = sum(self.kosten[k] for k in KOSTENPOSTEN)
        self.kosten["lks_clienten"] = n_lks
        self.kosten["wmo_voorzieningen"] = n_wmo
        boekhouden_stap.saldi(self)

    def verzamelen(self) -> None:
        trede = [0] * 7
        trede_bij = [0] * 7
        wmo_clienten = 0
        for a in self.inwoners:
            if 18 * 12 <= a.leeftijd_maanden < self.aow_maanden:
                trede[a.trede] += 1
            if a.inkomensbron == I.BIJSTAND:
                trede_bij[a.trede] += 1
            wmo_clienten += bool(a.zorg & I.WMO_INDIVIDUEEL)
        n_volw, n_bij = sum(trede), sum(trede_bij)
        tel = self.teller
        self.reeks.append({
            "maand": self.maand,
            "inwoners": len(self.inwoners),
            **{f"trede_{i}": trede[i] for i in range(1, 7)},
            "gemiddelde_trede": sum(i * trede[i] for i in range(7)) / max(n_volw, 1),
            "bijstand": n_bij,
            **{f"bijstand_trede_{i}": trede_bij[i] for i in range(1, 7)},
            "instroom_bijstand": tel["instroom_bijstand"],
            "uitstroom_bijstand": tel["uitstroom_bijstand"],
            "uitstroom_naar_werk": tel["uitstroom_werk"],
            "buiten_beeld": self.buiten_beeld,
            "wmo_clienten": wmo_clienten,
            **self.kosten,
        })


def simuleer_referentie(scenario: Scenario, seed: int | None = None,
                        maanden: int | None = None) -> pd.DataFrame:
    """Run the reference implementation; returns its monthly series (month 0..T)."""
    model = ReferentieGemeente(scenario, seed=seed)
    for _ in range(scenario.maanden if maanden is None else maanden):
        model.step()
    return pd.DataFrame(model.reeks)


#: Outputs compared between the real model and the reference: the rung distribution of adults
#: and the bijstand stock at the end, and the flows and costs summed over the run.
EIND = ("inwoners", "bijstand", "gemiddelde_trede", *(f"trede_{i}" for i in range(1, 7)),
        "wmo_clienten")
SOM = ("instroom_bijstand", "uitstroom_bijstand", "uitstroom_naar_werk", *KOSTENPOSTEN,
       "kosten_totaal")


def kerngetallen(reeks: pd.DataFrame) -> dict[str, float]:
    """End-of-run stocks and run totals of flows and costs, from a monthly series."""
    uit = {naam: float(reeks[naam].iloc[-1]) for naam in EIND}
    uit.update({f"som_{naam}": float(reeks[naam].iloc[1:].sum()) for naam in SOM})
    return uit


def vergelijk(scenario: Scenario, seeds: range, maanden: int | None = None) -> pd.DataFrame:
    """Run the real model and the reference over the same seeds and compare their outputs.

    Month 0 is the same for a seed (the reference starts from the real model's month 0); the
    months after it use different draws, so the check is statistical: ``z`` is the difference
    of the means over the seeds divided by its standard error (Welch).

    Returns:
        One row per output: mean of the model, mean of the reference, difference and ``z``.
    """
    from simulatie.experiment.run import simuleer

    model = pd.DataFrame([kerngetallen(simuleer(scenario, seed=s, maanden=maanden).tijdreeks)
                          for s in seeds])
    ref = pd.DataFrame([kerngetallen(simuleer_referentie(scenario, seed=s, maanden=maanden))
                        for s in seeds])
    se = np.sqrt(model.var() / len(model) + ref.var() / len(ref))
    verschil = ref.mean() - model.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, verschil / se, np.where(verschil == 0, 0.0, np.inf))
    return pd.DataFrame({"model": model.mean(), "referentie": ref.mean(), "verschil": verschil,
                         "z": z})
