"""Reference implementation: the same resident rules, one Python object per resident.

This is how the model would look written in plain Mesa style: every resident is a
``mesa.Agent`` with its own attributes, and each monthly verb is a method that is run for all
residents with ``AgentSet.do`` (staged activation), with the model-level coordination in between
(age-profile balancing, the klantmanager queue, provider capacity that follows demand, vacancies
and hires, the Wmo-consulenten's hours). Every draw is one ``random.Random`` call for one event
of one resident. It exists only to measure how much the column-table design gains
(``benchmarks/bench.py``) and to check that the vectorised verbs implement the same rules
(``tests/test_benchmark.py``). It is not part of the package.

Month 0 is built by the real model (:class:`simulatie.Gemeente`: population, professionals,
employers, providers, Wmo start, budgets and the rates derived at the build, ``afgeleid``) and
then turned into one agent per resident; from month 1 the residents live only as objects. The
rules follow :mod:`simulatie.kern.overgangen` (every status change), the verbs in
:mod:`simulatie.kern.stappen` and the shared rules they use, rewritten per resident; only pure
helpers, constants and the employers' vacancies (no resident involved) are taken from the model.
Policies are not supported (the baseline only); the declared trend ``participatiewet`` is. For a
seed the outcomes are statistically, not literally, the same as the real model's.

Where a verb's code did not do what its own documentation says, the reference followed the
documentation (marked ``Documented rule`` below) and the model was corrected: the rung at
:data:`STUDIE_TOT`, care-sector placements as placements rather than regular jobs, and shelter
that does not end in the month it starts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import mesa
import numpy as np
import pandas as pd

from agenten import inwoners as I
from simulatie.kern.bevolking import (
    AWBZ_GEWICHT,
    AWBZ_GEWICHT_KIND,
    FYSIEK_OUDER_VANAF,
    MOTIVATIE_BETA,
    WAJONG_TOT,
    WSW_TOT,
)
from simulatie.kern.huishoudens import EIGEN_INKOMEN as _EIGEN_INKOMEN
from simulatie.kern.huishoudens import (
    KOSTENDELER_VANAF,
    PAREN_AANVULLING,
    PAREN_BAND_JAREN,
    PAREN_ELKE_MAANDEN,
)
from simulatie.kern.ladder import (
    ACTIVITEIT_DIENSTEN,
    GEORGANISEERD,
    STEUN_DIENSTEN,
    STUDIE_TOT,
    VRIJWILLIGERSWERK,
)
from simulatie.kern.model import Gemeente
from simulatie.kern.overgangen import (
    _NIEUW_BIJ_VESTIGING,
    _PROFIEL,
    AANBIEDER_WERKGEVER,
    PLAATSINGSVENSTER,
    VOLWASSEN_MAANDEN,
    WW_MINIMUM_MAANDEN,
)
from simulatie.kern.regels import DEELTIJD_VORM, DUUR_REM_MAX
from simulatie.kern.scenario import Scenario
from simulatie.kern.stappen import arbeidsmarkt as arbeidsmarkt_stap
from simulatie.kern.stappen import boekhouden as boekhouden_stap
from simulatie.kern.stappen import jeugd as jeugd_stap
from simulatie.kern.stappen import wmo as wmo_stap
from simulatie.kern.stappen.arbeidsmarkt import (
    MAX_BAAN_MAANDEN,
    MAX_BAANKANS,
    PROEFPLAATSING_DUUR,
)
from simulatie.kern.stappen.begeleiden import DIENST_AANBIEDER, DIENST_EFFECT, INKOOP, TRAJECTEN
from simulatie.kern.stappen.demografie import (
    STERFTE_VANAF,
    VERHUISBANDEN,
    VERHUISGEWICHT,
    sterftekans_per_maand,
)
from simulatie.kern.stappen.wmo import (
    BEKEND_MAANDEN,
    LEEFTIJD_67,
    LEEFTIJD_75,
    LEEFTIJD_80,
    WMO_DIENSTEN,
    einde_per_jaar,
)
from simulatie.kern.toeval import per_maand
from simulatie.kern.uitvoer import KOLOMMEN, KOSTENPOSTEN

#: Income sources of a partner that count in the household means test.
EIGEN_INKOMEN = frozenset(int(x) for x in _EIGEN_INKOMEN)

#: Share of divorcing adults who become a single parent. The reference keeps the rule of the
#: model before households were linked (issue 15): it has no households, so a divorce changes
#: the one resident drawn, who becomes a single parent with this chance.
AANDEEL_SCHEIDING_MET_KINDEREN = 0.5

#: State attributes of a resident (the columns of the model's table but ``actief``).
STAAT = tuple(naam for naam in I.KOLOMMEN if naam != "actief")
#: A newborn's state, as ``InwonerTabel.voeg_toe`` leaves a new row.
NIEUW: dict[str, Any] = {
    **{naam: 0 for naam in STAAT}, "klantmanager": -1, "wacht_sinds": -1,
    "diagnose_maand": I.NOOIT, "werkgever": -1, "wmo_contact": I.NOOIT,
    "klantprofiel": I.GEEN_PROFIEL, "trede": 1, "awbz_extramuraal": False,
    "verborgen_recht": False, "uit_beeld": False, "lks": False, "jobcoach": False,
    "deeltijd_inkomen": 0.0, "sanctie": 0.0, "motivatie": 0.0}
#: Obstacle bits in ``I.BELEMMERINGEN`` order.
BITS = tuple(1 << b for b in range(len(I.BELEMMERINGEN)))
B_FYSIEK = I.BELEMMERINGEN.index("fysiek")
B_NAASTEN = I.BELEMMERINGEN.index("zorg_voor_naasten")
#: Obstacles whose hazard rises for bijstand clients without guidance.
ZELF = I.PSYCHISCH | I.ISOLEMENT
#: Services providers work on (verb begeleiden).
WERKENDE_DIENSTEN = I.REINTEGRATIE | I.SCHULDHULP | I.BEGELEIDING | I.DAGBESTEDING | I.WELZIJN
NIET_TAAL = 0xFF & ~I.TAAL
#: The Wmo desk's bitmasks (numpy uint8 in the model) as Python ints.
DIRECT, METEEN, LOKET, EINDIGT = (int(wmo_stap.DIRECT), int(wmo_stap.METEEN),
                                  int(wmo_stap.LOKET), int(wmo_stap.EINDIGT))


def maandkans(jaarkans: float) -> float:
    """A yearly chance as a monthly one, for one resident (``toeval.per_maand`` on a float)."""
    return 1.0 - (1.0 - min(1.0, max(0.0, jaarkans))) ** (1.0 / 12.0)


def aantal_bits(x: int) -> int:
    """Number of set bits (e.g. obstacles in a bitmask)."""
    return x.bit_count()


class ReferentieInwoner(mesa.Agent):
    """A resident as an ordinary Mesa agent; the state columns are plain attributes.

    Besides the model's columns a resident keeps what the model keeps in its own lists: whether
    it became entitled this month (``model.aanvragers``), its rung and bijstand status at the
    start of the month, the month it was hired from bijstand and the Wmo provisions held at the
    start of verb wmo.
    """

    def __init__(self, model: ReferentieGemeente, staat: dict[str, Any]) -> None:
        super().__init__(model)
        self.__dict__.update(staat)
        self.weg = False
        self.nieuwe_aanvraag = False
        self.trede_begin: int | None = None  # None: arrived during this month
        self.bijstand_begin = False
        self.aangenomen_maand = -1
        self.wmo_bezit = 0
        self.partner: ReferentieInwoner | None = None  # kept through moves, divorces, new couples

    def staat(self) -> dict[str, Any]:
        """The state columns (what a newcomer resembling this resident takes over)."""
        return {naam: getattr(self, naam) for naam in STAAT}

    # ---- the rung outside bijstand (ladder.trede_uit_situatie) ---------------------------------
    def trede_uit_situatie(self) -> int:
        """The rung this resident's situation gives."""
        bron = self.inkomensbron
        if bron == I.WERK:
            return 5 if self.lks else 6
        if bron == I.WSW or ((bron == I.BIJSTAND or bron == I.WAJONG)
                             and self.deeltijd_inkomen > 0):
            return 5
        trede = (3 if self.activiteit == GEORGANISEERD
                 else 4 if self.activiteit == VRIJWILLIGERSWERK else 2)
        if bron == I.GEEN and self.leeftijd_maanden < STUDIE_TOT * 12:
            trede = max(trede, 3)
        if self.belemmeringen & I.ISOLEMENT:
            trede = 1
        if self.zorg & ACTIVITEIT_DIENSTEN:
            trede = max(trede, 3)
        return trede

    def volg_situatie(self) -> None:
        """Outside bijstand an adult takes the rung of the situation."""
        if self.inkomensbron != I.BIJSTAND and self.leeftijd_maanden >= VOLWASSEN_MAANDEN:
            self.trede = self.trede_uit_situatie()

    def armoede(self) -> bool:
        """Living at the minimum: bijstand, an entitled non-taker, or out of view."""
        return self.inkomensbron == I.BIJSTAND or self.verborgen_recht or self.uit_beeld

    def steun(self) -> bool:
        """Active support: a diagnosing klantmanager or a supporting service."""
        return ((self.klantmanager >= 0 and self.diagnose_maand != I.NOOIT)
                or bool(self.zorg & STEUN_DIENSTEN))

    def inkomensrisico(self) -> float:
        """Relative risk of losing one's income, from the obstacles (regels.inkomensrisico)."""
        lg = self.model.p.levensgebeurtenissen
        bits = self.belemmeringen
        gewicht = (aantal_bits(bits) + (lg.risicogewicht_taal - 1.0) * bool(bits & I.TAAL)
                   + (lg.risicogewicht_naasten - 1.0) * bool(bits & I.NAASTEN))
        return 1.0 + lg.risico_per_belemmering * gewicht

    # ---- status changes (overgangen.py), one resident at a time ------------------------------
    def vindt_werk(self) -> None:
        """A regular job from outside bijstand."""
        self.inkomensbron = I.WERK
        self.uit_beeld = False
        self.trede = 6

    def partner_vindt_werk(self) -> None:
        """A recipient's benefit ends when its partner finds work (unless below the norm)."""
        p, m = self.partner, self.model
        if (p is not None and not p.weg and self.huishouden == I.PAAR
                and p.huishouden == I.PAAR and p.inkomensbron == I.BIJSTAND):
            if m.random.random() >= m.p.signaleren.recht_met_partnerinkomen:
                p.uit_bijstand("overig")
            else:
                p.verreken_partnerinkomen()

    def naar_uit_beeld(self) -> None:
        """Without income out of the municipality's view."""
        self.uit_beeld = True
        self.model.buiten_beeld += 1

    def start_baan(self, werkgever: int, lks: bool, zorgsector: bool) -> None:
        """A bijstand client starts a job (outflow to work)."""
        m = self.model
        uit_bijstand = self.inkomensbron == I.BIJSTAND
        self.inkomensbron = I.WERK
        self.uit_beeld = False
        self.werkgever = werkgever
        self.lks = lks
        self.baan_maanden = 0
        self.trede = 5 if lks else 6
        self.aangenomen_maand = m.maand
        self.einde_uitkering()
        if uit_bijstand:
            m.tel("uitstroom_bijstand", 1)
            m.tel("uitstroom_naar_werk", 1)
            m.tel("uitstroom_naar_werk_zorg", int(zorgsector))
            m.cohort[m.maand].append(self)

    def verlies_baan(self) -> None:
        """A placed worker loses the job: bijstand again within the WW threshold, else WW."""
        if self.baan_maanden <= self.model.p.arbeidsmarkt.ww_na_maanden_werk:
            self.werkgever = -1
            self.lks = False
            self.aanvragen()
        else:
            self.naar_ww(WW_MINIMUM_MAANDEN)

    def naar_ww(self, duur: int | None = None) -> None:
        """Job loss with WW rights (a drawn duration unless given)."""
        self.inkomensbron = I.WW
        self.uit_beeld = False
        self.ww_duur = (duur if duur is not None else self.model.random.randint(
            WW_MINIMUM_MAANDEN, self.model.p.levensgebeurtenissen.ww_max_duur))
        self.werkgever = -1
        self.lks = False
        self.volg_situatie()

    def ww_afgelopen(self) -> None:
        """WW ends without a job."""
        self.inkomensbron = I.GEEN
        self.volg_situatie()

    def stopt_met_werk(self) -> None:
        """Work ends without entitlement."""
        self.inkomensbron = I.GEEN
        self.werkgever = -1
        self.lks = False
        self.volg_situatie()

    def start_deeltijd(self, inkomen: float) -> None:
        """Part-time work beside bijstand or Wajong (rung 5)."""
        self.trede = 5
        self.deeltijd_inkomen = inkomen

    def stop_deeltijd(self) -> None:
        """Part-time work beside bijstand stops (rung 4)."""
        self.trede = 4
        self.deeltijd_inkomen = 0.0

    def aanvragen(self) -> None:
        """Lost the income: entitled, applies at the next signaleren."""
        self.inkomensbron = I.GEEN
        self.werkgever = -1
        self.lks = False
        self.ww_duur = 0
        self.uit_beeld = False
        self.volg_situatie()
        self.nieuwe_aanvraag = True

    def classificeer(self, fase: int | None = None) -> None:
        """Fase (at intake from the obstacles, unless given) and the klantprofiel with it."""
        n = aantal_bits(self.belemmeringen)
        self.fase = (1 if n == 0 else (2 if n <= 2 else 4)) if fase is None else fase
        jaar = self.leeftijd_maanden // 12
        if self.fase == 1:
            profiel = "fase_1"
        elif self.fase == 2:
            profiel = "uitvallers_fase_2_3"
        elif self.huishouden == I.ALLEENSTAANDE_OUDER:
            profiel = "alleenstaande_ouders"
        elif jaar < 30:
            profiel = "jongeren"
        elif self.belemmeringen & I.PSYCHISCH:
            profiel = "ex_psychiatrisch"
        elif jaar >= 50:
            profiel = "vrouwen_50plus" if self.geslacht == 1 else "mannen_50plus"
        else:
            profiel = "overig"
        self.klantprofiel = _PROFIEL[profiel]

    def naar_bijstand(self) -> None:
        """The application is granted: bijstand, a new spell, the klantmanager queue."""
        m = self.model
        self.inkomensbron = I.BIJSTAND
        self.uitkeringsduur = self.ww_duur = self.baan_maanden = self.bekend = 0
        self.verborgen_recht = self.uit_beeld = self.lks = False
        self.werkgever = self.klantmanager = -1
        self.wacht_sinds = m.maand
        self.diagnose_maand = I.NOOIT
        self.deeltijd_inkomen = self.sanctie = self.partner_inkomen = 0.0
        self.trede = min(self.trede, 4)
        self.classificeer()
        m.tel("instroom_bijstand", 1)

    def verreken_partnerinkomen(self) -> None:
        """A partner's own income below the norm is netted from the benefit."""
        p, m = self.partner, self.model
        if (p is not None and not p.weg and self.huishouden == I.PAAR
                and p.huishouden == I.PAAR and p.inkomensbron in EIGEN_INKOMEN):
            self.partner_inkomen = min(m.p.kosten.norm_paar, m.random.gammavariate(
                DEELTIJD_VORM, m.p.bevolking.deeltijd_inkomen / DEELTIJD_VORM))

    def einde_uitkering(self) -> None:
        """The benefit ends: klantmanager, queue, spell, sanction and work trajectory end."""
        self.klantmanager = self.wacht_sinds = -1
        self.uitkeringsduur = 0
        self.deeltijd_inkomen = self.sanctie = self.partner_inkomen = 0.0
        self.zorg &= ~I.REINTEGRATIE
        self.wacht &= ~I.REINTEGRATIE

    def uit_bijstand(self, reden: str) -> None:
        """Leave bijstand for ``aow``, ``overig``, ``buiten_beeld`` or ``vertrek``."""
        m = self.model
        if reden == "aow":
            self.inkomensbron = I.AOW
        elif reden in ("overig", "buiten_beeld"):
            self.inkomensbron = I.GEEN
        self.einde_uitkering()
        if reden != "vertrek":
            self.volg_situatie()
        m.tel("uitstroom_bijstand", 1)
        m.tel(f"uitstroom_{reden}", 1)
        if reden == "buiten_beeld":
            self.naar_uit_beeld()

    def naar_aow(self) -> None:
        """Pension age: AOW income; a recipient partner's benefit nets it (if nothing yet)."""
        if self.inkomensbron == I.BIJSTAND:
            self.uit_bijstand("aow")
        self.inkomensbron = I.AOW
        self.werkgever = -1
        self.lks = self.verborgen_recht = self.uit_beeld = False
        self.deeltijd_inkomen = 0.0
        self.trede = self.trede_uit_situatie()
        p = self.partner
        if (p is not None and not p.weg and self.huishouden == I.PAAR
                and p.huishouden == I.PAAR and p.inkomensbron == I.BIJSTAND
                and p.partner_inkomen == 0):
            p.verreken_partnerinkomen()

    def wordt_volwassen(self) -> None:
        """At 18: a household of one's own, what one does besides school, a rung."""
        b = self.model.p.bevolking
        self.huishouden = I.ALLEENSTAAND
        u = self.model.random.random()
        self.activiteit = (VRIJWILLIGERSWERK if u < b.aandeel_vrijwilligerswerk
                           else GEORGANISEERD if u < b.aandeel_vrijwilligerswerk
                           + b.aandeel_georganiseerd else 0)
        self.volg_situatie()

    def vertrek(self) -> None:
        """Death or a move out of the municipality."""
        if self.inkomensbron == I.BIJSTAND:
            self.uit_bijstand("vertrek")
        self.weg = True
        self.remove()

    def scheiden(self, met_kinderen: bool) -> None:
        """A couple splits; a single parent cares for the children alone."""
        self.huishouden = I.ALLEENSTAANDE_OUDER if met_kinderen else I.ALLEENSTAAND
        self.partner = None
        if met_kinderen and not self.belemmeringen & I.NAASTEN:
            self.krijgt_belemmeringen(I.NAASTEN)

    def krijgt_belemmeringen(self, bits: int) -> None:
        """New obstacles (each counted)."""
        self.belemmeringen |= bits
        self.model.tel("nieuwe_belemmeringen", aantal_bits(bits))
        self.volg_situatie()

    def los_belemmeringen_op(self, bits: int, tel: bool = True) -> None:
        """Obstacles resolve (counted when a service resolved them) and are forgotten."""
        self.belemmeringen &= ~bits
        self.bekend &= ~bits
        if tel:
            self.model.tel("belemmeringen_opgelost", 1)
        self.volg_situatie()

    def start_dienst(self, bits: int) -> None:
        """A service or provision starts (its waiting place ends)."""
        self.zorg |= bits
        self.wacht &= ~bits
        self.volg_situatie()

    def wacht_op_dienst(self, bits: int) -> None:
        """On the waiting list of a service."""
        self.wacht |= bits

    def stop_dienst(self, bits: int) -> None:
        """Services or provisions end."""
        self.zorg &= ~bits
        self.volg_situatie()

    def naar_regeling(self, bron: int) -> None:
        """Wajong or Wsw starts; a benefit, work or WW ends; the disability is an obstacle."""
        if self.inkomensbron == I.BIJSTAND:
            self.uit_bijstand("overig")
        self.inkomensbron = bron
        self.werkgever = -1
        self.lks = self.verborgen_recht = self.uit_beeld = False
        self.ww_duur = 0
        self.deeltijd_inkomen = 0.0
        if not self.belemmeringen & (I.FYSIEK | I.PSYCHISCH):
            psychisch = (self.model.random.random()
                         < self.model.p.bevolking.aandeel_psychisch_wajong_wsw)
            self.krijgt_belemmeringen(I.PSYCHISCH if psychisch else I.FYSIEK)
        self.volg_situatie()

    def uit_wsw(self) -> None:
        """From the Wsw to a regular job."""
        self.inkomensbron = I.WERK
        self.volg_situatie()

    # ---- verb 1: demografie ---------------------------------------------------------------------
    def verouder(self) -> None:
        """A month older (the first change of a month); AOW at pension age, adult life at 18."""
        self.trede_begin = self.trede  # for the rises of this month
        self.bijstand_begin = self.inkomensbron == I.BIJSTAND
        self.leeftijd_maanden += 1
        lm = self.leeftijd_maanden
        if lm == self.model.aow_maanden:
            self.naar_aow()
        elif lm == VOLWASSEN_MAANDEN:
            self.wordt_volwassen()
        elif lm == STUDIE_TOT * 12:
            # Documented rule: no longer taken to be in education, so the rung follows the
            # situation again (the model's veroudering only updates the rung at 18).
            self.volg_situatie()

    def verhuisband(self) -> int:
        """Age band of the chance to move out (0-17, 18-34, 35-66, 67+)."""
        lm = self.leeftijd_maanden
        return 0 if lm < VERHUISBANDEN[0] else 1 if lm < VERHUISBANDEN[1] else (
            2 if lm < VERHUISBANDEN[2] else 3)

    def sterf_of_vertrek(self) -> None:
        """Death (Gompertz, from 50) or a move out (by age band, bijstand moves less)."""
        m = self.model
        r = m.random.random
        lm = self.leeftijd_maanden
        if lm >= STERFTE_VANAF * 12 and r() < m.sterftekans[lm]:
            m.doden.append(self)
            return
        if r() < m.vertrekkans[self.verhuisband() + 4 * (self.inkomensbron == I.BIJSTAND)]:
            m.vertrekkers.append(self)

    def levensloop(self) -> None:
        """The rest of verb demografie: life events, then schemes, then obstacles."""
        self.levensgebeurtenissen()
        self.regelingen()
        self.nieuwe_belemmeringen()

    def levensgebeurtenissen(self) -> None:
        """Job loss, end of WW, loss of other support, divorce: at most one income event."""
        m = self.model
        if not VOLWASSEN_MAANDEN <= self.leeftijd_maanden < m.aow_maanden:
            return
        lg, k = m.p.levensgebeurtenissen, m.kans
        r = m.random.random
        bron = self.inkomensbron
        gebeurd = False
        # Documented rule: a placement within the window is followed by verb arbeidsmarkt, a job
        # at a care provider (werkgever -2) too.
        if bron == I.WERK and (self.werkgever == -1 or self.baan_maanden >= PLAATSINGSVENSTER):
            gebeurd = True
            if r() < lg.baanverlies:
                self.naar_ww()
            elif r() < min(1.0, k["zonder_ww"] * self.inkomensrisico()):
                self.aanvragen()
            elif r() < m.afgeleid["werk_naar_geen"]:
                self.stopt_met_werk()
            else:
                gebeurd = False
        elif bron == I.WW:
            gevonden = r() < lg.ww_naar_werk
            self.ww_duur -= 1
            if gevonden:
                self.vindt_werk()
                self.partner_vindt_werk()
                gebeurd = True
            elif self.ww_duur <= 0:
                self.ww_afgelopen()
                gebeurd = True
                if r() < k["na_ww"]:
                    self.aanvragen()
        elif bron == I.GEEN and not self.verborgen_recht:
            if not self.uit_beeld and r() < min(1.0, k["geen"] * self.inkomensrisico()):
                self.aanvragen()
                gebeurd = True
            elif r() < min(1.0, lg.geen_naar_werk + m.afgeleid["geen_naar_werk_extra"]):
                self.vindt_werk()
                self.partner_vindt_werk()
                gebeurd = True
        if self.huishouden == I.PAAR and r() < k["scheiding"]:
            # The couple splits (each partner draws half the couple's rate): this one keeps
            # the household, the partner leaves for one of its own.
            p = self.partner
            self.scheiden(r() < AANDEEL_SCHEIDING_MET_KINDEREN)
            if p is not None and not p.weg and p.huishouden == I.PAAR:
                p.scheiden(False)
                p.huishouden_id = m.nieuw_huishouden()
                # Only those without an income of their own may need bijstand.
                if (p.inkomensbron == I.GEEN and not p.verborgen_recht and not p.uit_beeld
                        and r() < k["na_scheiding"]):
                    p.aanvragen()
            if (bron == I.GEEN and not self.verborgen_recht and not self.uit_beeld
                    and not gebeurd and r() < k["na_scheiding"]):
                self.aanvragen()

    def regelingen(self) -> None:
        """Entry into and exit from Wajong, Wsw and AWBZ extramural care."""
        m = self.model
        r = m.random.random
        a = m.afgeleid
        lm = self.leeftijd_maanden
        if (VOLWASSEN_MAANDEN <= lm < WAJONG_TOT * 12 and self.inkomensbron in (I.GEEN, I.WERK)
                and not self.verborgen_recht and r() < a["wajong_instroom"]):
            if not m.participatiewet or r() < m.config.trends.wajong_na_2015:
                self.naar_regeling(I.WAJONG)
                b = m.p.bevolking
                if r() < b.aandeel_wajong_werkend:
                    self.start_deeltijd(m.random.gammavariate(DEELTIJD_VORM,
                                                              b.deeltijd_inkomen / DEELTIJD_VORM))
            elif self.inkomensbron == I.GEEN:
                self.aanvragen()
        bron = self.inkomensbron
        if (VOLWASSEN_MAANDEN <= lm < WSW_TOT * 12 and bron not in (I.WAJONG, I.WSW, I.AOW)
                and r() < a["wsw_instroom"]):
            if not m.participatiewet:
                self.naar_regeling(I.WSW)
            elif bron == I.GEEN:
                self.aanvragen()
        elif bron == I.WSW and r() < m.kans["uit_wsw"]:
            self.uit_wsw()
        if self.awbz_extramuraal:
            if r() < m.kans["awbz_einde"]:
                self.awbz_extramuraal = False
        elif r() < a["awbz_instroom"] * self.awbz_gewicht():
            self.awbz_extramuraal = True

    def awbz_gewicht(self) -> float:
        """Relative weight of entering AWBZ extramural care (first group that applies)."""
        jaar = self.leeftijd_maanden // 12
        if jaar >= 80:
            return AWBZ_GEWICHT[0]
        if jaar >= self.model.p.demografie.aow_leeftijd:
            return AWBZ_GEWICHT[1]
        if self.inkomensbron == I.WAJONG:
            return AWBZ_GEWICHT[2]
        if self.belemmeringen & I.PSYCHISCH:
            return AWBZ_GEWICHT[3]
        if jaar >= VOLWASSEN_MAANDEN // 12:
            return AWBZ_GEWICHT[4]
        return AWBZ_GEWICHT_KIND

    def nieuwe_belemmeringen(self) -> None:
        """Each obstacle of an adult may arise or resolve (on the state at the start)."""
        if self.leeftijd_maanden < VOLWASSEN_MAANDEN:
            return
        m = self.model
        bp = m.p.belemmeringen
        r = m.random.random
        bits = self.belemmeringen
        arm = self.armoede()
        los = self.inkomensbron == I.BIJSTAND and not self.steun()
        ouder = self.leeftijd_maanden >= FYSIEK_OUDER_VANAF * 12
        nieuw = weg = 0
        for b, bit in enumerate(BITS):
            if bits & bit:
                kinderen = b == B_NAASTEN and self.huishouden == I.ALLEENSTAANDE_OUDER
                if r() < (m.herstel_kinderen if kinderen else m.herstelkans[b]):
                    weg |= bit
            else:
                factor = ((bp.risicofactor_bijstand if arm else 1.0)
                          * (2.0 if b == B_FYSIEK and ouder else 1.0))
                if los and bit & ZELF:
                    factor *= bp.risico_zonder_begeleiding
                if r() < m.nieuwkans[b] * factor:
                    nieuw |= bit
        if nieuw:
            self.krijgt_belemmeringen(nieuw)
        if weg:
            self.los_belemmeringen_op(weg, tel=False)

    # ---- verb 2: signaleren ---------------------------------------------------------------------
    def heeft_recht(self) -> bool:
        """The household means test: a partner's own income or bijstand blocks entitlement."""
        p = self.partner
        if p is None or p.weg or self.huishouden != I.PAAR or p.huishouden != I.PAAR:
            return True
        if p.inkomensbron == I.BIJSTAND:
            return False
        if p.inkomensbron in EIGEN_INKOMEN:
            return self.model.random.random() < self.model.p.signaleren.recht_met_partnerinkomen
        return True

    def signaleer(self) -> None:
        """New entitlements apply or not; non-takers and people out of view come back."""
        m = self.model
        r = m.random.random
        nieuw = niet = aanvraag = False
        if self.nieuwe_aanvraag:
            self.nieuwe_aanvraag = False
            if self.inkomensbron == I.GEEN and self.heeft_recht():
                nieuw = True
                if r() < m.p.signaleren.niet_gebruik_bijstand:
                    self.verborgen_recht = niet = True
                else:
                    aanvraag = True
        if self.verborgen_recht and not niet and r() < m.mechanismen.aanvraag_later:
            self.verborgen_recht = False
            aanvraag = True
        if self.uit_beeld and not nieuw and r() < m.p.signaleren.heraanvraag_uit_beeld:
            self.uit_beeld = False
            aanvraag = True
        # Gatekeeping at intake (mechanism afzien_aanvraag) is a policy: 0 in the baseline.
        # One benefit per household: beside a partner who receives bijstand by now (also one
        # admitted earlier this month) the application adds none.
        p = self.partner
        if (aanvraag and p is not None and not p.weg and self.huishouden == I.PAAR
                and p.huishouden == I.PAAR and p.inkomensbron == I.BIJSTAND):
            aanvraag = False
        if aanvraag:
            self.naar_bijstand()
            self.verreken_partnerinkomen()

    # ---- verb 4: begeleiden ---------------------------------------------------------------------
    def sanctioneer(self) -> None:
        """Benefit cuts this month (none in the baseline)."""
        if self.inkomensbron != I.BIJSTAND:
            return
        mech = self.model.mechanismen
        self.sanctie = 0.0
        if mech.sanctie_kans > 0 and self.model.random.random() < mech.sanctie_kans:
            self.sanctie = mech.sanctie_hoogte

    def begeleid(self) -> None:
        """Verb begeleiden before the providers take in: sanction, then a due diagnosis."""
        self.sanctioneer()
        self.diagnose()

    def diagnose(self) -> None:
        """A due diagnosis: obstacles recognised, referrals made (regels.diagnosticeer)."""
        m = self.model
        if (self.inkomensbron != I.BIJSTAND or self.klantmanager < 0
                or m.maand - self.diagnose_maand < m.p.begeleiden.herdiagnose_maanden):
            return
        self.diagnose_maand = m.maand
        self.herbeoordeel_fase()
        r = m.random.random
        factor = 0.5 + m.klantmanagers[self.klantmanager].competenties["integraal"]
        nieuw = 0
        for b, bit in enumerate(BITS):
            if self.belemmeringen & bit and r() < min(1.0, m.herkenbasis[b] * factor):
                nieuw |= bit
        nieuw &= ~self.bekend
        self.bekend |= nieuw
        verlies = m.mechanismen.overdrachtsverlies
        if nieuw & I.TAAL:
            self.verwijs(I.REINTEGRATIE, 0.0)
        if nieuw & I.SCHULDEN:
            self.verwijs(I.SCHULDHULP, 0.0)
        if self.fase == 2 and not self.bekend & self.belemmeringen and self.trede <= 4:
            self.verwijs(I.REINTEGRATIE, 0.0)
        if nieuw & I.PSYCHISCH:
            self.verwijs(I.BEGELEIDING, verlies, wmo=True)
        psychisch = bool(self.belemmeringen & I.PSYCHISCH)
        if nieuw & I.ISOLEMENT and psychisch:
            self.verwijs(I.DAGBESTEDING, verlies, wmo=True)
        if (nieuw & I.ISOLEMENT and not psychisch) or nieuw & I.NAASTEN:
            self.verwijs(I.WELZIJN, verlies)

    def herbeoordeel_fase(self) -> None:
        """The diagnosis reassesses the fase (overgangen.herbeoordeel_fase): month 0's chance."""
        m = self.model
        b = m.p.bevolking
        aandeel = (b.aandeel_fase_1, b.aandeel_fase_23,
                   max(0.0, 1.0 - b.aandeel_fase_1 - b.aandeel_fase_23))
        duur = [max(d, 1.0) for d in (b.duur_fase_1, b.duur_fase_23, b.duur_fase_4)]
        jaar = self.leeftijd_maanden // 12
        cel = min(aantal_bits(self.belemmeringen), 3) * 3 + (jaar >= 30) + (jaar >= 50)
        log_w = [math.log(max(m.faseprofiel[f, cel] + aandeel[f], 1e-300)) - math.log(duur[f])
                 - self.uitkeringsduur / duur[f] for f in range(3)]
        w = [math.exp(x - max(log_w)) for x in log_w]
        u = m.random.random() * sum(w)
        f = 0 if u < w[0] else (1 if u < w[0] + w[1] else 2)
        self.classificeer((1, 2, 4)[f])

    def verwijs(self, dienst: int, verlies: float, wmo: bool = False) -> None:
        """A referral, lost at the hand-off with chance ``verlies``."""
        if self.zorg & dienst:
            return
        m = self.model
        if verlies > 0 and m.random.random() < verlies:
            m.tel("overdracht_verloren", 1)
            return
        if wmo:
            self.wmo_aanvraag |= dienst
        else:
            self.wacht_op_dienst(dienst)

    def diensten_werken(self) -> None:
        """Services work on their obstacle; trajectories end after their mean duration."""
        zorg = self.zorg
        if not zorg & WERKENDE_DIENSTEN:
            return
        m = self.model
        r = m.random.random
        for dienst, (obstakel, _) in DIENST_EFFECT.items():
            if not zorg & dienst:
                continue
            opgelost = False
            # Support for carers does not end a single parent's care for the children; their
            # isolation it does address.
            bits = obstakel
            if dienst == I.WELZIJN and self.huishouden == I.ALLEENSTAANDE_OUDER:
                bits &= ~I.NAASTEN
            if self.belemmeringen & bits and r() < m.effect[dienst]:
                self.los_belemmeringen_op(bits)
                opgelost = True
            if dienst in TRAJECTEN:
                klaar = r() < m.einde_traject
                if klaar or (dienst == I.SCHULDHULP and opgelost):
                    self.stop_dienst(dienst)

    # ---- verb 5: activeren ----------------------------------------------------------------------
    def activeer(self) -> None:
        """A bijstand client on rung 1-4 rises, falls or stays (ladder.ladder_kansen)."""
        if self.inkomensbron != I.BIJSTAND or self.trede > 4:
            return
        m = self.model
        a, mech = m.p.activeren, m.mechanismen
        n = aantal_bits(self.belemmeringen)
        steun = self.steun()
        i = self.trede - 1
        p_op = 0.0
        if self.trede < 4:
            p_op = (a.stijging_basis * math.exp(-a.belemmering_rem * n) * self.motivatie
                    * (1 + a.steun_effect * steun) * mech.steun_factor[i])
        p_neer = 0.0
        if self.trede > 1:
            p_neer = (a.terugval_basis * (1 + a.terugval_per_belemmering * n)
                      * (a.nazorg_terugval if steun else 1.0) * mech.terugval_trede[i])
        u = m.random.random()
        if u < p_op:
            self.trede += 1
        elif u < p_op + p_neer:
            self.trede -= 1

    # ---- verb 6: arbeidsmarkt -------------------------------------------------------------------
    def solliciteer(self) -> None:
        """Every bijstand client may find a job; the employer is chosen by the model."""
        if self.inkomensbron != I.BIJSTAND:
            return
        m = self.model
        a, mech = m.p.arbeidsmarkt, m.mechanismen
        gewicht = (math.exp(-a.belemmering_rem_baan * aantal_bits(self.belemmeringen))
                   * math.exp(-a.duur_rem * min(self.uitkeringsduur, DUUR_REM_MAX))
                   * math.exp(-a.trede_rem_baan * max(0, 4 - self.trede)) * self.motivatie
                   * (a.werkgeversbenadering if self.klantmanager >= 0 else 1.0))
        pp = m.proef_factor if self.uitkeringsduur > PROEFPLAATSING_DUUR else 1.0
        p = min(MAX_BAANKANS, a.baankans_basis * gewicht * m.druk * pp * mech.baankans_factor
                * (mech.sanctie_baankans if self.sanctie > 0 else 1.0))
        if m.random.random() < p:
            m.aangenomen.append(self)

    def na_matching(self) -> None:
        """Job loss after placement, part-time work, other outflow and the spell's length."""
        m = self.model
        a, r = m.p.arbeidsmarkt, m.random.random
        if (self.inkomensbron == I.WERK and self.werkgever != -1
                and self.aangenomen_maand != m.maand and self.baan_maanden < PLAATSINGSVENSTER):
            kwijt = r() < a.baanverlies_na_plaatsing
            self.baan_maanden += 1
            if kwijt:
                self.verlies_baan()
        if (self.inkomensbron == I.WERK and self.werkgever != -1
                and self.baan_maanden >= PLAATSINGSVENSTER):
            self.baan_maanden = min(self.baan_maanden + 1, MAX_BAAN_MAANDEN)
        if self.inkomensbron != I.BIJSTAND:
            return
        b = m.p.bevolking
        if self.trede == 4:
            if r() < m.afgeleid["deeltijd_start"]:
                self.start_deeltijd(m.random.gammavariate(DEELTIJD_VORM,
                                                          b.deeltijd_inkomen / DEELTIJD_VORM))
        elif self.trede == 5 and self.deeltijd_inkomen > 0 and r() < b.deeltijd_einde:
            self.stop_deeltijd()
        p = (a.uitstroom_overig * m.mechanismen.uitstroom_overig_factor
             * m.afgeleid["uitstroom_overig_factor"])
        if r() < (2 * p if self.uitkeringsduur < 12 else p):
            self.uit_bijstand("buiten_beeld" if r() < a.aandeel_onbekend else "overig")
            return
        self.uitkeringsduur += 1

    # ---- verb 7: wmo ----------------------------------------------------------------------------
    def behoefte_kansen(self) -> tuple[float, ...]:
        """Yearly chance of new need per provision of ``WMO_DIENSTEN`` (wmo.behoefte_kans)."""
        w = self.model.p.wmo
        jaar = self.leeftijd_maanden // 12
        bits = self.belemmeringen
        arm = self.armoede()
        volwassen = jaar >= VOLWASSEN_MAANDEN // 12
        fysiek = volwassen and bits & I.FYSIEK
        psychisch = volwassen and bits & I.PSYCHISCH
        isolement = volwassen and bits & I.ISOLEMENT
        factor = ((w.awbz_factor if self.awbz_extramuraal else 1.0)
                  * (w.factor_armoede if arm and jaar < LEEFTIJD_67 else 1.0))
        factor_arm = w.factor_armoede if arm else 1.0
        p75, p80 = jaar >= LEEFTIJD_75, jaar >= LEEFTIJD_80
        p67 = jaar >= LEEFTIJD_67 and not p75
        hh = factor * (w.behoefte_hh_75plus if p75 else w.behoefte_hh_67_74 if p67
                       else w.behoefte_hh_fysiek if fysiek else 0.0)
        hulpmiddel = factor * (w.behoefte_hulpmiddel_75plus if p75
                               else w.behoefte_hulpmiddel_67_74 if p67
                               else w.behoefte_hulpmiddel_fysiek if fysiek else 0.0)
        begeleiding = factor * (w.behoefte_begeleiding_psychisch if psychisch
                                else w.behoefte_begeleiding_80plus if p80 else 0.0)
        dagbesteding = factor * (w.behoefte_dagbesteding_80plus if p80
                                 else w.behoefte_dagbesteding_isolement
                                 if isolement and psychisch else 0.0)
        schuldhulp = factor_arm * (w.behoefte_schuldhulp_schulden
                                   if volwassen and bits & I.SCHULDEN else 0.0)
        welzijn = factor_arm * (w.behoefte_welzijn_isolement if isolement
                                else w.behoefte_welzijn_naasten
                                if volwassen and bits & I.NAASTEN else 0.0)
        opvang = (w.behoefte_opvang_uit_beeld if self.uit_beeld and aantal_bits(bits) >= 2
                  and bits & (I.PSYCHISCH | I.SCHULDEN) else 0.0)
        return hh, hulpmiddel, begeleiding, dagbesteding, schuldhulp, welzijn, opvang

    def wmo_behoefte_en_aanvraag(self) -> None:
        """New need, shelter, need becoming an application, and direct applications."""
        m = self.model
        r = m.random.random
        # Documented rule: provisions end only if held at the start of the verb.
        self.wmo_bezit = self.zorg & EINDIGT
        if self.leeftijd_maanden >= LEEFTIJD_67 * 12 or self.belemmeringen & NIET_TAAL:
            al = self.zorg | self.wacht | self.wmo_behoefte | self.wmo_aanvraag
            nieuw = 0
            for dienst, h in zip(WMO_DIENSTEN, self.behoefte_kansen(), strict=True):
                if h > 0 and not al & dienst and r() < maandkans(h):
                    nieuw |= dienst
            # Collective provisions instead of individual ones (wmo_collectief) are a policy.
            if nieuw & I.OPVANG:  # a crisis, not an application: shelter starts at once
                self.start_dienst(I.OPVANG)
                self.wmo_contact = m.maand
                nieuw &= ~I.OPVANG
            self.wmo_behoefte |= nieuw
        if self.wmo_behoefte and r() < m.mechanismen.wmo_aanvraag:
            self.wmo_aanvraag |= self.wmo_behoefte
            self.wmo_behoefte = 0
        if self.wmo_aanvraag & DIRECT:  # debt counselling and welzijn: to the provider
            self.wacht_op_dienst(self.wmo_aanvraag & DIRECT)
            self.wmo_aanvraag &= ~DIRECT
            self.wmo_contact = m.maand
        if self.wmo_aanvraag:
            m.wmo_aanvragen.append(self)

    def wmo_onderzoek(self) -> None:
        """A Wmo-consulent assesses the application; hulpmiddelen are delivered at once."""
        m = self.model
        if m.random.random() < m.p.wmo.toekenning:
            self.start_dienst(self.wmo_aanvraag & METEEN)
            self.wacht_op_dienst(self.wmo_aanvraag & ~METEEN)
        self.wmo_aanvraag = 0
        self.wmo_contact = m.maand

    def wmo_einde(self) -> None:
        """Individual provisions and shelter held at the start of the verb may end."""
        if not self.wmo_bezit:
            return
        m = self.model
        klaar = 0
        for dienst, kans in m.wmo_einde.items():
            if self.wmo_bezit & dienst and m.random.random() < kans:
                klaar |= dienst
        if klaar:
            self.stop_dienst(klaar)
            self.wmo_contact = m.maand

    def bekend_wmo(self) -> bool:
        """Known at the Wmo desk: something there now or a contact in the past year."""
        return bool((self.zorg | self.wacht | self.wmo_aanvraag) & LOKET) or (
            self.model.maand - self.wmo_contact < BEKEND_MAANDEN)


class ReferentieGemeente(Gemeente):
    """The municipality with object-per-agent residents (baseline only).

    Args:
        scenario: A validated scenario without active policies.
        seed: Seed (also of month 0, which the real model builds).

    Raises:
        ValueError: When the scenario has active policies.
    """

    def __init__(self, scenario: Scenario, seed: int | None = None) -> None:
        super().__init__(scenario, seed=seed)
        if self.beleid:
            raise ValueError("the reference implementation supports the baseline only")
        t = self.tabel
        rijen = np.flatnonzero(t.actief)
        kolommen = {naam: t.kol[naam][rijen].tolist() for naam in STAAT}
        aanvragers = set(np.concatenate(self.aanvragers).tolist()) if self.aanvragers else set()
        for waarden in zip(*kolommen.values(), strict=True):
            inwoner = ReferentieInwoner(self, dict(zip(kolommen, waarden, strict=True)))
            inwoner.nieuwe_aanvraag = inwoner.id in aanvragers
        self.inwoners = self.agents_by_type[ReferentieInwoner]
        paren: defaultdict[int, list[ReferentieInwoner]] = defaultdict(list)
        for a in self.inwoners:
            if a.huishouden == I.PAAR:
                paren[a.huishouden_id].append(a)
        for paar in paren.values():
            if len(paar) == 2:
                paar[0].partner, paar[1].partner = paar[1], paar[0]
        self.volgend_id = int(t.kol["id"][: len(t)].max()) + 1
        self.volgend_huishouden = int(t.volgend_huishouden)
        self.cohort: defaultdict[int, list[ReferentieInwoner]] = defaultdict(list)
        for maand, ids in self.cohort_werk.items():
            per_id = {a.id: a for a in self.inwoners}
            self.cohort[maand] = [per_id[i] for i in ids.tolist() if i in per_id]
        self.aow_maanden = self.p.demografie.aow_leeftijd * 12
        self.sterftekans = sterftekans_per_maand(self.p.demografie.sterfte_80).tolist()
        self.profiel = self.leeftijdsprofiel.tolist()
        # From here on the residents live only as objects.
        self.tabel = None  # type: ignore[assignment]
        self.aanvragers, self.cohort_werk = [], {}
        self._bijstand_superset = None
        self.trede_vorige = self.bijstand_vorige = None  # type: ignore[assignment]

    def step(self) -> None:
        """One month: the verbs in the real model's order."""
        self.maand += 1
        self.tellers.leeg()
        self.participatiewet = self.trend_actief("participatiewet")
        self.demografie()
        self.signaleren()
        self.toewijzen()
        self.begeleiden()
        self.inwoners.do("activeer")
        self.arbeidsmarkt()
        self.wmo()
        self.jeugd()
        self.boekhouden()
        self.verzamelen()

    # ---- verb 1: demografie ---------------------------------------------------------------------
    def nieuwe_inwoner(self, staat: dict[str, Any]) -> ReferentieInwoner:
        """A resident with a new id."""
        inwoner = ReferentieInwoner(self, {**staat, "id": self.volgend_id})
        self.volgend_id += 1
        return inwoner

    def vestig_als(self, voorbeeld: ReferentieInwoner) -> ReferentieInwoner:
        """A newcomer resembling a resident, without this municipality's administration."""
        inwoner = self.nieuwe_inwoner({**voorbeeld.staat(), **_NIEUW_BIJ_VESTIGING})
        if inwoner.inkomensbron == I.BIJSTAND:
            inwoner.wacht_sinds = self.maand
            self.tel("instroom_bijstand", 1)
        self.tel("gevestigd", 1)
        return inwoner

    def nieuw_huishouden(self) -> int:
        """A new household id (as ``huishoudens.nieuw_huishouden``)."""
        self.volgend_huishouden += 1
        return self.volgend_huishouden - 1

    def demografie(self) -> None:
        """Ageing, deaths and moves, births and the age profile, life events, obstacles."""
        d, lg, bp = self.p.demografie, self.p.levensgebeurtenissen, self.p.belemmeringen
        self.inwoners.do("verouder")
        # Moving out by age band, weights relative to their mean over the residents.
        aantal = [0, 0, 0, 0]
        for a in self.inwoners:
            aantal[a.verhuisband()] += 1
        n = sum(aantal)
        gemiddeld = sum(c * g for c, g in zip(aantal, VERHUISGEWICHT, strict=True)) / n
        basis = float(per_maand(d.vertrek_per_jaar))
        self.vertrekkans = ([basis * g / gemiddeld for g in VERHUISGEWICHT]
                            + [basis * g / gemiddeld * d.vertrek_factor_bijstand
                               for g in VERHUISGEWICHT])
        self.doden: list[ReferentieInwoner] = []
        self.vertrekkers: list[ReferentieInwoner] = []
        self.inwoners.do("sterf_of_vertrek")
        for a in self.doden + self.vertrekkers:
            a.vertrek()
        self.tel("overleden", len(self.doden))
        self.tel("vertrokken", len(self.vertrekkers))
        for a in self.vertrekkers:  # migration is an exchange: a newcomer like each mover
            nieuw = self.vestig_als(a)
            # The newcomer takes the mover's place in the household, beside its partner.
            p = a.partner
            if a.huishouden == I.PAAR and p is not None and not p.weg and p.partner is a:
                nieuw.partner, p.partner = p, nieuw
        self.geboorte_en_balans()
        kappa = self.afgeleid["bijstand_instroomfactor"]
        self.kans = {
            "zonder_ww": min(1.0, kappa * lg.baanverlies_zonder_ww),
            "na_ww": min(1.0, kappa * lg.bijstand_na_ww),
            "geen": min(1.0, kappa * lg.geen_naar_bijstand),
            "na_scheiding": min(1.0, kappa * lg.bijstand_na_scheiding),
            "scheiding": float(per_maand(lg.scheiding)) / 2,  # per partner: half the couple's
            "uit_wsw": float(per_maand(self.p.bevolking.wsw_uitstroom)),
            "awbz_einde": float(per_maand(self.p.bevolking.awbz_einde)),
        }
        self.nieuwkans = [float(per_maand(getattr(bp, f"nieuw_{naam}")))
                          * float(self.mechanismen.belemmering_factor[b])
                          for b, naam in enumerate(I.BELEMMERINGEN)]
        self.herstelkans = [float(per_maand(getattr(bp, f"herstel_{naam}")))
                            for naam in I.BELEMMERINGEN]
        self.herstel_kinderen = float(per_maand(bp.herstel_zorg_kinderen))
        self.inwoners.do("levensloop")
        if self.maand % PAREN_ELKE_MAANDEN == 0:
            self.samenwonen()

    def samenwonen(self) -> None:
        """New couples where an age band has fewer partners than at month 0.

        ``huishoudens.samenwonen`` per resident: a share of each band's shortfall of partners
        (rounded at random) is closed by a man and a woman of that band without a partner and
        outside bijstand; the one who lives alone moves into the other's household (the man
        into the woman's where both live alone); two single parents are not paired.
        """
        r = self.random
        nu = [0] * len(self.partnerprofiel)
        kandidaten: defaultdict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
        for a in self.inwoners:
            band = min(a.leeftijd_maanden // (12 * PAREN_BAND_JAREN), len(nu) - 1)
            if a.huishouden == I.PAAR:
                nu[band] += 1
            elif (a.huishouden in (I.ALLEENSTAAND, I.ALLEENSTAANDE_OUDER)
                  and a.leeftijd_maanden >= VOLWASSEN_MAANDEN and a.inkomensbron != I.BIJSTAND):
                kandidaten[band][a.geslacht].append(a)
        for band, doel in enumerate(self.partnerprofiel):
            gat = max(float(doel) - nu[band], 0.0) / 2.0 * PAREN_AANVULLING
            nodig = math.floor(gat) + (r.random() < gat - math.floor(gat))
            mannen, vrouwen = kandidaten[band]
            n = min(nodig, len(mannen), len(vrouwen))
            for man, vrouw in zip(r.sample(mannen, n), r.sample(vrouwen, n), strict=True):
                if man.huishouden == vrouw.huishouden == I.ALLEENSTAANDE_OUDER:
                    continue
                blijft, komt = ((man, vrouw) if man.huishouden == I.ALLEENSTAANDE_OUDER
                                else (vrouw, man))
                komt.huishouden_id, komt.wijk = blijft.huishouden_id, blijft.wijk
                man.huishouden = vrouw.huishouden = I.PAAR
                man.partner, vrouw.partner = vrouw, man

    def geboorte_en_balans(self) -> None:
        """Births, then a twelfth of the gap to the month-0 age profile closed by migration."""
        r = self.random
        geboren = int(self.rng.poisson(per_maand(self.p.demografie.geboorte_per_jaar)
                                       * len(self.inwoners)))
        for _ in range(geboren):
            self.nieuwe_inwoner({**NIEUW, "wijk": r.randrange(self.config.gemeente.wijken),
                                 "geslacht": r.randrange(2), "huishouden": I.KIND,
                                 "motivatie": r.betavariate(*MOTIVATIE_BETA)})
        self.tel("geboren", geboren)
        hoogste = len(self.profiel) - 1
        alle = [0] * len(self.profiel)
        kan: list[list[ReferentieInwoner]] = [[] for _ in self.profiel]
        for a in self.inwoners:
            jaar = min(a.leeftijd_maanden // 12, hoogste)
            alle[jaar] += 1
            if a.inkomensbron != I.BIJSTAND:  # bijstand clients take no part
                kan[jaar].append(a)
        bij: list[ReferentieInwoner] = []
        weg: list[ReferentieInwoner] = []
        for jaar, (doel, nu) in enumerate(zip(self.profiel, alle, strict=True)):
            gat = (doel - nu) / 12.0
            verschil = math.floor(gat)
            verschil += r.random() < gat - verschil
            if verschil == 0 or not kan[jaar]:
                continue
            if verschil > 0:
                bij.extend(r.choice(kan[jaar]) for _ in range(verschil))
            else:
                weg.extend(r.sample(kan[jaar], min(-verschil, len(kan[jaar]))))
        for a in weg:
            a.vertrek()
        self.tel("vertrokken", len(weg))
        for a in bij:
            nieuw = self.vestig_als(a)
            if nieuw.huishouden != I.KIND:  # demografie._huisvest: alone, a household of its own
                nieuw.huishouden = I.ALLEENSTAAND
                nieuw.huishouden_id = self.nieuw_huishouden()

    # ---- verb 2: signaleren ---------------------------------------------------------------------
    def signaleren(self) -> None:
        """Applications, non-take-up, late applications and re-applications."""
        self.inwoners.do("signaleer")

    # ---- verb 3: toewijzen ----------------------------------------------------------------------
    def toewijzen(self) -> None:
        """Caseloads, then waiting clients in order of arrival to free places."""
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
        # Parking and priority for job-ready clients are policies (off in the baseline).
        wachtend.sort(key=lambda a: a.wacht_sinds)
        plekken = [i for i, p in enumerate(kms) for _ in range(p.vrije_plekken)]
        self.random.shuffle(plekken)
        for a, km in zip(wachtend, plekken, strict=False):
            a.klantmanager = km
            a.wacht_sinds = -1
            kms[km].caseload += 1

    # ---- verb 4: begeleiden ---------------------------------------------------------------------
    def begeleiden(self) -> None:
        """Sanctions, diagnoses and referrals, providers taking in and working."""
        mech, ab = self.mechanismen, self.p.aanbieders
        self.herkenbasis = [mech.signaleer_zorg, mech.signaleer_werk, mech.signaleer_werk,
                            mech.signaleer_schulden, mech.signaleer_zorg, mech.signaleer_zorg]
        self.inwoners.do("begeleid")
        self.aanbieders_nemen_op()
        self.effect = {d: getattr(ab, naam) for d, (_, naam) in DIENST_EFFECT.items()}
        self.einde_traject = 1.0 / ab.duur_traject
        self.inwoners.do("diensten_werken")

    def aanbieders_nemen_op(self) -> None:
        """Wmo contracts follow demand; providers take waiting clients up to capacity."""
        ab = self.p.aanbieders
        bijstelling = float(per_maand(ab.inkoop_bijstelling))
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
            ruimte = INKOOP.get(soort)
            if ruimte is not None and bijstelling > 0:
                doel = getattr(ab, ruimte) * (aanbieder.clienten + len(wachtend[dienst]))
                aanbieder.zet_capaciteit(
                    max(1.0, aanbieder.capaciteit + bijstelling * (doel - aanbieder.capaciteit)),
                    self.personeel_per_plaats(soort))
            n = min(aanbieder.vrije_plaatsen, len(wachtend[dienst]))
            for a in self.random.sample(wachtend[dienst], n):
                a.start_dienst(dienst)
            aanbieder.clienten += n
            aanbieder.wachtlijst = len(wachtend[dienst]) - n

    # ---- verb 6: arbeidsmarkt -------------------------------------------------------------------
    def arbeidsmarkt(self) -> None:
        """Vacancies, applications, hires, then each resident's job loss and outflow."""
        a = self.p.arbeidsmarkt
        arbeidsmarkt_stap.vacatures(self)  # employers and providers only: shared with the model
        trend = sum(w.vacatures_trend for w in self.werkgevers)
        v_werkgevers = [w.vacatures for w in self.werkgevers]
        open_w = [w.openheid for w in self.werkgevers]
        zorg = self.aanbieders["thuiszorg"]
        v_totaal = sum(v_werkgevers) + zorg.vacatures
        gem_open = (sum(v * o for v, o in zip(v_werkgevers, open_w, strict=True))
                    + zorg.vacatures * a.openheid) / max(v_totaal, 1e-9)
        self.druk = v_totaal / max(trend, 1e-9) * gem_open
        # Employers (and the thuiszorg provider, last, with every instrument) hire in
        # proportion to vacancies x openness.
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
            keuzes = range(len(gewicht))
            cum = list(np.cumsum(gewicht))
            per_werkgever = [0] * len(gewicht)
            for kandidaat in self.aangenomen:
                wie = self.random.choices(keuzes, cum_weights=cum)[0]
                if (heeft["proefplaatsing"][wie]
                        and kandidaat.uitkeringsduur > PROEFPLAATSING_DUUR
                        and r() < a.proefplaatsing_uitval):
                    continue  # the trial placement does not become a job
                per_werkgever[wie] += 1
                zorgsector = wie == len(self.werkgevers)
                blijvend = bool(kandidaat.bekend & (I.FYSIEK | I.PSYCHISCH))
                lks = blijvend and heeft["loonkostensubsidie"][wie] and r() < a.aandeel_lks
                kandidaat.start_baan(AANBIEDER_WERKGEVER if zorgsector else wie, lks,
                                     zorgsector)
                kandidaat.jobcoach = lks and heeft["jobcoach"][wie]
            for w, aantal in zip(self.werkgevers, per_werkgever, strict=False):
                w.aangenomen_bijstand = aantal
        self.inwoners.do("na_matching")

    # ---- verb 7: wmo ----------------------------------------------------------------------------
    def wmo(self) -> None:
        """Need and applications, assessment within the consultants' hours, endings."""
        self.wmo_aanvragen: list[ReferentieInwoner] = []
        self.inwoners.do("wmo_behoefte_en_aanvraag")
        aanvragen = self.wmo_aanvragen
        capaciteit = sum(p.max_caseload for p in self.wmo_consulenten)
        onderzocht = (aanvragen if len(aanvragen) <= capaciteit
                      else self.random.sample(aanvragen, capaciteit))
        self.tel("wmo_onderzoeken", len(onderzocht))
        for prof in self.wmo_consulenten:
            prof.caseload = int(round(len(onderzocht) / len(self.wmo_consulenten)))
        for a in onderzocht:
            a.wmo_onderzoek()
        self.wachtend_wmo_onderzoek = len(aanvragen) - len(onderzocht)
        self.wmo_einde = {d: float(per_maand(e)) for d, e in einde_per_jaar(self).items()
                          if d & EINDIGT}
        self.inwoners.do("wmo_einde")

    # ---- verb 8: jeugd --------------------------------------------------------------------------
    def jeugd(self) -> None:
        """Children's youth care: a new need (higher with bijstand or one parent at home), the start
        after the wait, the end; none from 18."""
        j = self.p.jeugd
        start, einde = min(1.0, 1.0 / j.wachttijd), min(1.0, 1.0 / j.duur)
        basis = self.afgeleid["jeugd_instroom"]
        bijstand = {a.huishouden_id for a in self.inwoners if a.inkomensbron == I.BIJSTAND}
        eenouder = {a.huishouden_id for a in self.inwoners
                    if a.huishouden == I.ALLEENSTAANDE_OUDER}
        nieuw = 0
        for a in self.inwoners:
            instroom = (basis * (j.risico_bijstand if a.huishouden_id in bijstand else 1.0)
                        * (j.risico_eenouder if a.huishouden_id in eenouder else 1.0))
            if a.leeftijd_maanden >= VOLWASSEN_MAANDEN:
                a.jeugdhulp = jeugd_stap.GEEN
            elif a.jeugdhulp == jeugd_stap.WACHT:
                if self.random.random() < start:
                    a.jeugdhulp = jeugd_stap.ZORG
            elif a.jeugdhulp == jeugd_stap.ZORG:
                if self.random.random() < einde:
                    a.jeugdhulp = jeugd_stap.GEEN
            elif self.random.random() < instroom:
                a.jeugdhulp = jeugd_stap.WACHT
                nieuw += 1
        self.tel("instroom_jeugdhulp", nieuw)

    # ---- verb 9: boekhouden ---------------------------------------------------------------------
    def boekhouden(self) -> None:
        """This month's costs per line, summed over the residents, and the budgets' balances."""
        kp, ab, am = self.p.kosten, self.p.aanbieders, self.p.arbeidsmarkt
        norm = (kp.norm_alleenstaand, kp.norm_alleenstaande_ouder, kp.norm_paar,
                kp.norm_alleenstaand, kp.norm_alleenstaand)
        diensten = (I.HH, I.HULPMIDDEL, I.BEGELEIDING, I.DAGBESTEDING, I.REINTEGRATIE,
                    I.SCHULDHULP, I.WELZIJN, I.OPVANG)
        tel = dict.fromkeys(diensten, 0)
        jeugd = [0, 0, 0]
        uitkeringen, n_bij, n_lks, n_coach = 0.0, 0, 0, 0
        # Kostendelers: members of 21 or older per household (Participatiewet art. 22a).
        kostendelers: defaultdict[int, int] = defaultdict(int)
        for a in self.inwoners:
            if a.leeftijd_maanden >= KOSTENDELER_VANAF:
                kostendelers[a.huishouden_id] += 1
        for a in self.inwoners:
            if a.inkomensbron == I.BIJSTAND:
                n_bij += 1
                aantal = kostendelers[a.huishouden_id]
                personen = 2 if a.huishouden == I.PAAR else 1
                eigen = (personen * (40 + 30 * aantal) / (100 * aantal) * kp.norm_paar
                         if aantal > personen else norm[a.huishouden])
                partner = a.partner
                netto = (a.partner_inkomen if partner is not None and not partner.weg
                         and partner.inkomensbron in EIGEN_INKOMEN else 0.0)
                uitkeringen += max(0.0, eigen * (1.0 - a.sanctie) - a.deeltijd_inkomen - netto)
            elif a.inkomensbron == I.WERK and a.lks:
                n_lks += 1
                n_coach += a.jobcoach and a.baan_maanden < 12
            if a.zorg:
                for d in diensten:
                    if a.zorg & d:
                        tel[d] += 1
            jeugd[a.jeugdhulp] += 1
        n_wmo = tel[I.HH] + tel[I.HULPMIDDEL] + tel[I.BEGELEIDING] + tel[I.DAGBESTEDING]
        self.kosten = {
            "kosten_uitkeringen": uitkeringen,
            "kosten_reintegratie": tel[I.REINTEGRATIE] * ab.prijs_reintegratie
            + n_lks * (1.0 - am.loonwaarde) * am.wml_werkgeverslasten
            + n_coach * am.jobcoach_uren * am.jobcoach_tarief + self.geboekt("reintegratie"),
            "kosten_wmo_individueel": tel[I.HH] * ab.prijs_hh
            + tel[I.HULPMIDDEL] * ab.prijs_hulpmiddel + tel[I.BEGELEIDING] * ab.prijs_begeleiding
            + tel[I.DAGBESTEDING] * ab.prijs_dagbesteding + tel[I.SCHULDHULP] * ab.prijs_schuldhulp
            + tel[I.OPVANG] * ab.prijs_opvang + self.geboekt("wmo_individueel"),
            "kosten_wmo_collectief": len(self.inwoners) * ab.welzijn_subsidie_per_inwoner / 12
            + tel[I.WELZIJN] * ab.welzijn_kosten_per_deelnemer + self.geboekt("wmo_collectief"),
            "kosten_apparaat":
                sum(p.fte for p in self.professionals) * kp.loonkosten_professional / 12
            + n_bij * kp.uitvoering_per_uitkering / 12
            + n_wmo * kp.uitvoering_per_wmo_voorziening / 12 + self.geboekt("apparaat"),
            "kosten_jeugd": jeugd[jeugd_stap.ZORG] * self.p.jeugd.kosten_per_jaar / 12,
        }
        self.sluit_boeken()
        self.kosten["kosten_totaal"] = sum(self.kosten[k] for k in KOSTENPOSTEN)
        self.kosten["lks_clienten"] = n_lks
        self.kosten["wmo_voorzieningen"] = n_wmo
        self.kosten["jeugdhulp"] = jeugd[jeugd_stap.ZORG]
        self.kosten["wachtlijst_jeugdhulp"] = jeugd[jeugd_stap.WACHT]
        boekhouden_stap.saldi(self)

    # ---- verb 9: verzamelen ---------------------------------------------------------------------
    def verzamelen(self) -> None:
        """Every output of the model's ``tijdreeks``, counted over the resident objects."""
        tel: defaultdict[str, float] = defaultdict(float)
        trede = [0] * 7
        trede_bij = [0] * 7
        bron = [0] * len(I.INKOMENSBRONNEN)
        zorg = dict.fromkeys((I.HH, I.HULPMIDDEL, I.BEGELEIDING, I.DAGBESTEDING,
                              I.REINTEGRATIE, I.SCHULDHULP, I.WELZIJN, I.OPVANG), 0)
        for a in self.inwoners:
            volw = VOLWASSEN_MAANDEN <= a.leeftijd_maanden < self.aow_maanden
            bron[a.inkomensbron] += 1
            if volw:
                trede[a.trede] += 1
                tel["werkzaam"] += a.inkomensbron == I.WERK
            if a.zorg:
                for d in zorg:
                    zorg[d] += bool(a.zorg & d)
            maatwerk = bool(a.zorg & I.WMO_INDIVIDUEEL)
            tel["wmo"] += maatwerk
            tel["wmo_aow"] += maatwerk and a.inkomensbron == I.AOW
            tel["wsw_n"] += a.inkomensbron == I.WSW
            tel["wsw_wmo"] += maatwerk and a.inkomensbron == I.WSW
            tel["niet_gebruik"] += a.verborgen_recht
            tel["uit_beeld"] += a.uit_beeld
            tel["awbz"] += a.awbz_extramuraal
            if a.belemmeringen & I.NAASTEN:
                tel["naasten"] += 1
                tel["naasten_welzijn"] += bool(a.zorg & I.WELZIJN)
            tel["werk_ex_bijstand"] += a.inkomensbron == I.WERK and a.werkgever != -1
            if volw and a.trede_begin is not None and a.trede > a.trede_begin:
                tel["gestegen"] += 1
                tel["gestegen_meervoudig"] += (a.bijstand_begin
                                               and aantal_bits(a.belemmeringen) >= 2)
            if a.inkomensbron == I.BIJSTAND:
                trede_bij[a.trede] += 1
                n = aantal_bits(a.belemmeringen)
                tel["bij_5_jaar"] += a.uitkeringsduur >= 60
                tel[f"bij_fase_{a.fase}"] += 1
                tel["bij_duur"] += a.uitkeringsduur
                tel["bij_meervoudig"] += n >= 2
                tel["bij_belemmering"] += n > 0
                tel["bij_zonder_km"] += a.klantmanager < 0
                tel["bij_wmo"] += bool(a.zorg & I.WMO_INDIVIDUEEL)
                tel["bij_hh_hulpmiddel"] += bool(a.zorg & (I.HH | I.HULPMIDDEL))
                tel["bij_schuldhulp"] += bool(a.zorg & I.SCHULDHULP)
                if a.trede <= 2:
                    tel["t12"] += 1
                    tel["t12_bekend"] += a.bekend_wmo()
        n_volw, n_bij = sum(trede), sum(trede_bij)
        n_bij_1 = max(n_bij, 1)
        rij = {
            **self.tellers,
            "maand": self.maand,
            "inwoners": len(self.inwoners),
            **{f"trede_{i}": trede[i] for i in range(1, 7)},
            "gemiddelde_trede": (sum(i * trede[i] for i in range(7)) / n_volw
                                 if n_volw else 0.0),
            "bijstand": n_bij,
            **{f"bijstand_trede_{i}": trede_bij[i] for i in range(1, 7)},
            "gemiddelde_trede_bijstand": (sum(i * trede_bij[i] for i in range(7)) / n_bij
                                          if n_bij else 0.0),
            "buiten_beeld": self.buiten_beeld,
            "niet_gebruik": int(tel["niet_gebruik"]),
            "bijstand_langer_dan_5_jaar": int(tel["bij_5_jaar"]),
            "bijstand_meervoudig": int(tel["bij_meervoudig"]),
            "bijstand_fase_1": int(tel["bij_fase_1"]),
            "bijstand_fase_23": int(tel["bij_fase_2"]),
            "bijstand_fase_4": int(tel["bij_fase_4"]),
            "bijstand_gemiddelde_duur": (tel["bij_duur"] / sum(trede_bij)
                                         if sum(trede_bij) else 0.0),
            "stijging_trede": int(tel["gestegen"]),
            "stijging_trede_meervoudig": int(tel["gestegen_meervoudig"]),
            "wmo_clienten": int(tel["wmo"]),
            "wmo_hh": zorg[I.HH],
            "wmo_hulpmiddel": zorg[I.HULPMIDDEL],
            "wmo_begeleiding": zorg[I.BEGELEIDING],
            "wmo_dagbesteding": zorg[I.DAGBESTEDING],
            "wachtlijst_begeleiding": self.aanbieders["ggz_begeleiding"].wachtlijst,
            "wachtlijst_dagbesteding": self.aanbieders["dagbesteding"].wachtlijst,
            "wachtlijst_schuldhulp": self.aanbieders["schuldhulp"].wachtlijst,
            "wachtlijst_reintegratie": self.aanbieders["reintegratie"].wachtlijst,
            "wachtlijst_wmo_onderzoek": self.wachtend_wmo_onderzoek,
            "wachtlijst_klantmanager": int(tel["bij_zonder_km"]),
            "bezetting_klantmanagers": float(np.mean([p.bezetting for p in self.klantmanagers])),
            "in_traject_reintegratie": zorg[I.REINTEGRATIE],
            "in_schuldhulp": zorg[I.SCHULDHULP],
            "in_welzijn": zorg[I.WELZIJN],
            "werk_ex_bijstand": int(tel["werk_ex_bijstand"]),
            "nog_in_werk_18m": self.nog_in_werk(),
            "professionals": sum(p.fte for p in self.professionals),
            **self.kosten,
            "wajong": bron[I.WAJONG],
            "wsw": bron[I.WSW],
            "awbz_extramuraal": int(tel["awbz"]),
            "ww": bron[I.WW],
            "werkzaam_18_aow": tel["werkzaam"] / max(n_volw, 1),
            "buiten_beeld_nu": int(tel["uit_beeld"]),
            "in_opvang": zorg[I.OPVANG],
            "bijstand_met_belemmering": tel["bij_belemmering"] / n_bij_1,
            "bijstand_t12_bekend_wmo": (tel["t12_bekend"] / tel["t12"] if tel["t12"]
                                        else float("nan")),
            "bijstand_met_wmo": tel["bij_wmo"] / n_bij_1,
            "wmo_in_bijstand": tel["bij_wmo"] / max(tel["wmo"], 1),
            "bijstand_hh_hulpmiddel": tel["bij_hh_hulpmiddel"] / n_bij_1,
            "bijstand_in_schuldhulp": tel["bij_schuldhulp"] / n_bij_1,
            "wmo_met_aow": tel["wmo_aow"] / max(tel["wmo"], 1),
            "wsw_met_wmo": tel["wsw_wmo"] / max(tel["wsw_n"], 1),
            # The reference has no households (issue 15 links them in the model only).
            "huishoudens_bijstand": float("nan"),
            "huishoudens_twee_voorzieningen": float("nan"),
            "zorg_voor_naasten": int(tel["naasten"]),
            "mantelzorgondersteuning": int(tel["naasten_welzijn"]),
        }
        self.reeks.append({naam: rij[naam] for naam in KOLOMMEN})

    def nog_in_werk(self) -> float:
        """Share in work now of those who left bijstand for work a placement window ago."""
        cohort = [a for a in self.cohort.pop(self.maand - PLAATSINGSVENSTER, []) if not a.weg]
        if not cohort:
            return float("nan")
        return sum(a.inkomensbron == I.WERK for a in cohort) / len(cohort)


def simuleer_referentie(scenario: Scenario, seed: int | None = None,
                        maanden: int | None = None) -> pd.DataFrame:
    """Run the reference implementation; returns its monthly series (month 0..T)."""
    model = ReferentieGemeente(scenario, seed=seed)
    for _ in range(scenario.maanden if maanden is None else maanden):
        model.step()
    return pd.DataFrame(model.reeks)


#: Outputs compared between the real model and the reference. Stocks at the end of the run:
#: the population, the rung distribution of adults, bijstand and its rungs, everyone using each
#: of the Wmo desk's seven kinds of provision, the schemes, the non-takers and those out of view.
EIND = ("inwoners", "gemiddelde_trede", *(f"trede_{i}" for i in range(1, 7)), "bijstand",
        *(f"bijstand_trede_{i}" for i in range(1, 6)), "wmo_clienten", "wmo_hh",
        "wmo_hulpmiddel", "wmo_begeleiding", "wmo_dagbesteding", "in_schuldhulp", "in_welzijn",
        "in_opvang", "in_traject_reintegratie", "wajong", "wsw", "awbz_extramuraal", "ww",
        "niet_gebruik", "buiten_beeld_nu", "werk_ex_bijstand", "lks_clienten", "jeugdhulp",
        "wachtlijst_jeugdhulp", "bijstand_fase_1", "bijstand_fase_23", "bijstand_fase_4",
        "bijstand_gemiddelde_duur")
#: Flows and costs summed over the run (months 1..T).
SOM = ("instroom_bijstand", "uitstroom_bijstand", "uitstroom_naar_werk", "uitstroom_overig",
       "uitstroom_buiten_beeld", "uitstroom_vertrek", "geboren", "gevestigd", "overleden",
       "vertrokken", "nieuwe_belemmeringen", "belemmeringen_opgelost", "overdracht_verloren",
       "wmo_onderzoeken", "stijging_trede", "instroom_jeugdhulp", *KOSTENPOSTEN, "kosten_totaal")


def kerngetallen(reeks: pd.DataFrame) -> dict[str, float]:
    """End-of-run stocks and run totals of flows and costs, from a monthly series."""
    uit = {naam: float(reeks[naam].iloc[-1]) for naam in EIND}
    uit.update({f"som_{naam}": float(reeks[naam].iloc[1:].sum()) for naam in SOM})
    return uit


def vergelijk(scenario: Scenario, seeds: range, maanden: int | None = None) -> pd.DataFrame:
    """Run the real model and the reference over the same seeds and compare their outputs.

    Month 0 is the same for a seed (the reference starts from the real model's month 0); the
    months after it use different draws, so the check is statistical: ``z`` is the difference
    of the means over the seeds divided by its standard error (Welch), and ``p`` its two-sided
    p-value on Student's t with the Welch-Satterthwaite degrees of freedom (with a few seeds
    and small counts, |z| of 4 is not rare: t with 10 degrees of freedom exceeds it with
    chance 0.0025, and a comparison has some 60 outputs).

    Returns:
        One row per output: mean of the model, mean of the reference, difference, ``z`` and
        ``p``.
    """
    from scipy import stats

    from simulatie.experiment.run import simuleer

    model = pd.DataFrame([kerngetallen(simuleer(scenario, seed=s, maanden=maanden).tijdreeks)
                          for s in seeds])
    ref = pd.DataFrame([kerngetallen(simuleer_referentie(scenario, seed=s, maanden=maanden))
                        for s in seeds])
    va, vb = model.var() / len(model), ref.var() / len(ref)
    se = np.sqrt(va + vb)
    verschil = ref.mean() - model.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, verschil / se, np.where(verschil == 0, 0.0, np.inf))
        df = (va + vb) ** 2 / (va ** 2 / (len(model) - 1) + vb ** 2 / (len(ref) - 1))
    p = np.where(se > 0, 2 * stats.t.sf(np.abs(z), np.nan_to_num(df, nan=1.0)),
                 np.where(verschil == 0, 1.0, 0.0))
    return pd.DataFrame({"model": model.mean(), "referentie": ref.mean(), "verschil": verschil,
                         "z": z, "p": p})
