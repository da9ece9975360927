"""The municipality as a Mesa model: :class:`Gemeente` and its monthly step.

One month is the ordered list of ten verbs (ONTWERP.md's nine, and jeugd): demografie,
signaleren, toewijzen, begeleiden, activeren, arbeidsmarkt, wmo, jeugd, boekhouden, verzamelen.
Each verb is a short function in :mod:`simulatie.kern.stappen`; active policies run their
declared hooks before and after each verb (:mod:`simulatie.kern.beleid`). The model does no file
I/O.

Randomness: the model's seed is the only source. The municipality of month 0 is built with the
Generator Mesa seeds from it. After that every phase of a month - a verb, or one policy's hook
before or after a verb - draws from its own stream, seeded from (seed, month, verb, phase,
policy) when the phase first draws (:meth:`Gemeente.kies_stroom`; ``self.rng`` is always the
current phase's stream). So two runs with the same seed and different policies use the same
random numbers for the same verb in the same month (common random numbers): a policy that draws
more, or changes who is drawn in one verb, does not shift the draws of every later verb.
``benchmarks/crn.py`` measures the effect: the standard deviation of paired policy effects is a
median 0.76 times that with one stream for the whole run, though larger for some outcomes of a
policy that changes who is in bijstand, as draws are aligned per position in a set of
candidates, not per resident.
"""

from __future__ import annotations

import functools
import hashlib
import zlib

import mesa
import numpy as np

from agenten import (
    AANBIEDER_SOORTEN,
    SECTOREN,
    Aanbieder,
    Inwoner,
    Professional,
    Werkgever,
    formatie,
)
from agenten import inwoners as I
from simulatie.kern import regels, rondes, stappen
from simulatie.kern.beleid import VERBS, Beleid, maak_beleid, register
from simulatie.kern.bevolking import bouw_bevolking
from simulatie.kern.evenwicht import naar_werk_per_jaar, overleving_geplaatst, treden_na_duur
from simulatie.kern.huishoudens import partners_per_band
from simulatie.kern.ladder import ladder_kansen, trede_uit_situatie
from simulatie.kern.mechanismen import Mechanismen
from simulatie.kern.overgangen import PLAATSINGSVENSTER, VOLWASSEN_MAANDEN, faseprofiel
from simulatie.kern.rijen import uniek
from simulatie.kern.scenario import Scenario
from simulatie.kern.stappen.arbeidsmarkt import MAX_BAAN_MAANDEN, kandidaat_gewicht
from simulatie.kern.stappen.demografie import verhuisband, verhuiskansen
from simulatie.kern.uitvoer import BOEKBARE_POSTEN, Tellers

#: Staff (fte) per place of providers other than thuiszorg (assumption).
PERSONEEL_PER_PLAATS = 0.05
#: Highest age year of the age profile (older residents are counted in it).
MAX_LEEFTIJD_JAAR = 110
#: Months of a spell over which month 0 runs the ladder's chain (:meth:`Gemeente.
#: _treden_op_maand_0`): by then each client's chain has long forgotten its entry rung.
TREDE_DUUR_MAX = 240

#: Phases with their own random stream (see :meth:`Gemeente.kies_stroom`).
VERB, VOOR, NA, START, OPBOUW, STOP = range(6)


@functools.cache
def beleid_stroom(naam: str) -> int:
    """A policy's stable number in the keys of its random streams (CRC-32 of its name)."""
    return zlib.crc32(naam.encode("utf-8"))


class Gemeente(mesa.Model):
    """A Dutch municipality's social domain, stepped per month.

    Args:
        scenario: A validated scenario.
        seed: Seed of the model's random generator (the scenario's seed or 0 when None).

    Attributes:
        tabel: Resident state (:class:`~agenten.inwoners.InwonerTabel`).
        maand: Current month (0 before the first step).
        mechanismen: Values the verbs read that policies may change.
        beleid: Running policy objects, in registry order (:meth:`start_beleid`,
            :meth:`stop_beleid` change them between two months).
        klantmanagers, wmo_consulenten: Professionals (Mesa agents);
            ``professionals`` holds every professional, including those policies add.
        werkgevers: Employers; ``aanbieders``: providers by kind.
        tellers: This month's counted flows (``tel``).
        reeks: One dict of model-level outputs per month (0..T).
    """

    def __init__(self, scenario: Scenario, seed: int | None = None) -> None:
        """Build the municipality of month 0."""
        self.seed_waarde = int(seed if seed is not None else (scenario.seed or 0))
        self.maand = 0
        self._stroom_sleutel: tuple[int, ...] = ()
        self._fase_generator: np.random.Generator | None = None
        super().__init__(rng=self.seed_waarde)  # the build's generator (see `rng`)
        self.config = scenario
        self.p = scenario.parameters
        bouw = bouw_bevolking(scenario.gemeente, self.p, self.rng)
        self.tabel, self.achterstand = bouw.tabel, bouw.achterstand
        #: Monthly rates derived from the key figures at the build (they keep the baseline
        #: stationary): see :func:`simulatie.kern.bevolking.bouw_bevolking`.
        self.afgeleid = bouw.afgeleid
        #: Residents per year of age at month 0, smoothed over five years: the age structure
        #: verb demografie keeps.
        profiel = np.bincount(
            np.minimum(self.tabel.leeftijd_maanden[self.tabel.actief] // 12, MAX_LEEFTIJD_JAAR),
            minlength=MAX_LEEFTIJD_JAAR + 1).astype(float)
        rand = np.pad(profiel, 2, mode="edge")
        self.leeftijdsprofiel = np.convolve(rand, np.ones(5) / 5, mode="valid")
        self.leeftijdsprofiel *= profiel.sum() / self.leeftijdsprofiel.sum()
        #: Partners per age band at month 0: the couples verb demografie keeps.
        self.partnerprofiel = partners_per_band(self.tabel)
        self.mechanismen = Mechanismen.uit_parameters(self.p)
        self.tellers = Tellers()
        self._geboekt: dict[str, float] = {}
        self.aanvragers: list[np.ndarray] = []
        self.cohort_werk: dict[int, np.ndarray] = {}
        self.buiten_beeld = 0
        self.wachtend_wmo_onderzoek = 0
        self.kosten: dict[str, float] = {}
        self.reeks: list[dict[str, float]] = []
        self._views: dict[int, Inwoner] = {}
        self._bijstand_superset: tuple[object, int, np.ndarray] | None = None
        #: Bijstand clients per fase and situation at month 0: the fase a reassessment gives.
        self.faseprofiel = faseprofiel(self.tabel, self.bijstand_rijen())

        self._maak_professionals()
        self._maak_werkgevers()
        self._maak_aanbieders()
        self.beleid: list[Beleid] = maak_beleid(scenario.beleid)
        #: The policy tables of the running round, and the later rounds by their month
        #: (``[[rondes]]``, :mod:`simulatie.kern.rondes`).
        self._ronde_beleid: dict[str, dict] = scenario.beleid
        self._rondes = {r.start: r.beleid for r in scenario.rondes}
        # Month 0 is the municipality before any policy acts: the same for every arm of a
        # comparison. Policies start after it is built and act from month 1.
        self.kies_stroom(0, OPBOUW)
        self._plaatsingen_op_maand_0()
        stappen.wmo.initialiseer(self)
        stappen.toewijzen.toewijzen(self)
        self._begin_begeleiding()
        self._treden_op_maand_0()
        self._lks_op_maand_0()
        # Later parts of the build draw after the earlier ones, which stay unchanged.
        stappen.jeugd.initialiseer(self)
        stappen.demografie.initialiseer_naasten(self)  # no draws
        regels.verreken_partnerinkomen(self, self.bijstand_rijen())  # partners' own income
        for b in self.beleid:
            self._start(b)
        self.kies_stroom(len(VERBS), VERB)  # month 0's accounts and outputs, as every month
        self._onthoud_begin_maand()
        stappen.boekhouden.boekhouden(self)
        self.budget = stappen.boekhouden.begin_budgetten(self)
        stappen.boekhouden.saldi(self)
        self.datacollector = mesa.DataCollector(model_reporters={"maand": "maand"})
        stappen.verzamelen.verzamelen(self)

    # ---- construction of the few ordinary agents -------------------------------------------
    def _maak_professionals(self) -> None:
        t, g = self.p.toewijzen, self.config.gemeente
        uren_client = t.uren_per_fte / t.caseload_regulier
        # Both desks are sized in fte; the last person works part-time (agenten.formatie).
        km_fte = formatie(max(g.wwb, 1) * t.formatie_factor / t.caseload_regulier)
        comp = self.rng.beta(5, 5, size=(len(km_fte), 5))
        self.klantmanagers = [
            Professional(self, "klantmanager", t.uren_per_fte, uren_client,
                         dict(zip(("vraaggericht", "kansgericht", "contextgericht", "integraal",
                                   "opbrengstgericht"), comp[i], strict=True)), fte=fte)
            for i, fte in enumerate(km_fte)]
        self.wmo_consulenten = [
            Professional(self, "wmo_consulent", t.uren_per_fte, t.uren_per_wmo_onderzoek, fte=fte)
            for fte in formatie(g.inwoners / 10_000 * t.wmo_consulenten_per_10000)]
        self.professionals: list[Professional] = [*self.klantmanagers, *self.wmo_consulenten]

    def _maak_werkgevers(self) -> None:
        a = self.p.arbeidsmarkt
        n = a.werkgevers
        totaal = a.vacatures_per_1000_inwoners * self.config.gemeente.inwoners / 1000
        aandeel = self.rng.dirichlet(np.full(n, 4.0))
        openheid = np.clip(self.rng.beta(4, 4, size=n) * 2 * a.openheid, 0, 1)
        kansen = {"loonkostensubsidie": a.werkgevers_met_lks, "jobcoach":
                  a.werkgevers_met_jobcoach, "proefplaatsing": a.werkgevers_met_proefplaatsing}
        heeft = {naam: self.rng.random(n) < kans for naam, kans in kansen.items()}
        self.werkgevers = [
            Werkgever(self, SECTOREN[i % len(SECTOREN)], totaal * aandeel[i], openheid[i],
                      fase=float(self.rng.normal(0, 0.3)),
                      instrumenten=tuple(naam for naam in kansen if heeft[naam][i]))
            for i in range(n)]

    def _maak_aanbieders(self) -> None:
        """Providers; re-integratie has places per bijstand client.

        The Wmo providers get their capacity from the desk's equilibrium
        (:func:`simulatie.kern.stappen.wmo.initialiseer`).
        """
        a, g = self.p.aanbieders, self.config.gemeente
        bij1000 = max(1.0, g.wwb / 1000)
        spec = {
            "thuiszorg": (0.0, a.prijs_hh),
            "welzijn": (float("inf"), a.welzijn_kosten_per_deelnemer),
            "dagbesteding": (0.0, a.prijs_dagbesteding),
            "reintegratie": (a.capaciteit_reintegratie * bij1000, a.prijs_reintegratie),
            "schuldhulp": (0.0, a.prijs_schuldhulp),
            "ggz_begeleiding": (0.0, a.prijs_begeleiding),
        }
        self.aanbieders: dict[str, Aanbieder] = {}
        for soort in AANBIEDER_SOORTEN:
            cap, prijs = spec[soort]
            self.aanbieders[soort] = Aanbieder(self, soort, cap, prijs, 0.0, a.verloop_personeel)
            if cap != float("inf"):
                self.aanbieders[soort].zet_capaciteit(cap, self.personeel_per_plaats(soort))

    def personeel_per_plaats(self, soort: str) -> float:
        """Staff (fte) per place of a provider (its turnover creates care vacancies)."""
        if soort == "thuiszorg":
            return self.p.aanbieders.personeel_per_client_thuiszorg
        return PERSONEEL_PER_PLAATS

    def _plaatsingen_op_maand_0(self) -> None:
        """Workers placed from bijstand in earlier years, as many as the placement flow keeps.

        Placements are ``EXT:uitstroom_naar_werk_aandeel`` of the outflow, which is
        ``EXT:bijstand_uitstroom_pct_per_jaar`` of the stock; of each month's placements the
        share still in the job after m months follows the job loss of the placement window and
        of regular work after it (:func:`~simulatie.kern.evenwicht.overleving_geplaatst`). So
        the stock of placed workers, their loonkostensubsidie and jobcoaches (and their costs)
        start where the flows keep them, instead of building up from zero. After the window
        a placement ends as the monthly rules end regular work (verb demografie: job loss with
        WW, job loss without WW raised by the inflow factor and each worker's income risk, and
        work -> no income), when the worker moves away (the newcomer who takes the place does
        not take the placement over: :func:`~simulatie.kern.overgangen.vestig_als`) and at
        pension age, counted from the age of the hires (clients weighted by their chance of a
        job, :func:`~simulatie.kern.stappen.arbeidsmarkt.kandidaat_gewicht`). With job loss
        without WW at its bare rate and no moves or pension age, month 0 held 2.3 times the
        placed workers the monthly rules keep.
        """
        t, a, lg = self.tabel, self.p.arbeidsmarkt, self.p.levensgebeurtenissen
        k = t.kol
        aow_m = self.p.demografie.aow_leeftijd * 12
        per_maand_geplaatst = naar_werk_per_jaar() * self.config.gemeente.wwb / 12
        werkers = np.flatnonzero(t.actief & (t.inkomensbron == I.WERK))
        verhuis = (float(verhuiskansen(self)[verhuisband(t.leeftijd_maanden[werkers])].mean())
                   if len(werkers) else 0.0)
        risico = float(regels.inkomensrisico(t, werkers, self.p).mean()) if len(werkers) else 1.0

        def met_verhuizing(verlies: float) -> float:
            return 1.0 - (1.0 - verlies) * (1.0 - verhuis)

        zonder_ww = min(1.0, self.afgeleid["bijstand_instroomfactor"] * lg.baanverlies_zonder_ww)
        na = (lg.baanverlies + (1.0 - lg.baanverlies) * min(1.0, zonder_ww * risico)
              + self.afgeleid["werk_naar_geen"])
        overleving = overleving_geplaatst(aow_m - VOLWASSEN_MAANDEN,
                                          met_verhuizing(a.baanverlies_na_plaatsing),
                                          met_verhuizing(na), PLAATSINGSVENSTER)
        # Placements end at pension age: the months a hire of each age can stay, weighted by
        # the clients' chance of a job.
        bij = self.bijstand_rijen()
        kans = kandidaat_gewicht(self, bij)
        rest = np.clip(aow_m - t.leeftijd_maanden[bij].astype(np.int64), 0, len(overleving))
        tot_aow = np.concatenate([[0.0], np.cumsum(overleving)])[rest]
        verblijf = (float(kans @ tot_aow / kans.sum()) if kans.sum() > 0
                    else float(overleving.sum()))
        aantal = min(len(werkers), int(self.rng.poisson(per_maand_geplaatst * verblijf)))
        if aantal == 0:
            return
        wie = self.rng.choice(werkers, size=aantal, replace=False)
        # Months since placement, at most the years worked since 18.
        cdf = np.cumsum(overleving) / overleving.sum()
        hoogste = np.minimum(t.leeftijd_maanden[wie] - VOLWASSEN_MAANDEN, len(cdf) - 1)
        maanden = np.searchsorted(cdf, self.rng.random(aantal) * cdf[hoogste])
        open_w = np.array([w.vacatures_trend * w.openheid for w in self.werkgevers])
        # Without open vacancies (a range end) past placements spread over every employer.
        gewicht = open_w / open_w.sum() if open_w.sum() > 0 else None
        werkgever = self.rng.choice(len(self.werkgevers), size=aantal, p=gewicht)
        k["werkgever"][wie] = werkgever
        k["baan_maanden"][wie] = np.minimum(maanden, MAX_BAAN_MAANDEN)
        k["trede"][wie] = 6

    def _treden_op_maand_0(self) -> None:
        """Month 0: the rungs 1-4 of bijstand clients as the monthly rules leave them by now.

        The build gives each client the rung of its obstacles and fase (Tabel 4.1,
        :func:`~simulatie.kern.bevolking.start_trede`, a hand rule that puts fase 1 and 2/3 on
        rung 4), which the earlier parts of month 0 use. Here it is replaced: a client enters
        on the rung its situation gives, at most 4, as the monthly rules admit entrants
        (:func:`~simulatie.kern.overgangen.naar_bijstand`); the rung then moves (verb
        activeren, :func:`~simulatie.kern.ladder.ladder_kansen`) and clients on higher rungs
        leave for work more often
        (:func:`~simulatie.kern.stappen.arbeidsmarkt.kandidaat_gewicht`: ``trede_rem_baan`` per
        rung below 4), so the clients still in bijstand after a long spell are on lower rungs.
        Each client's rung is drawn from that chain run over its months in bijstand so far
        (``uitkeringsduur``, at most :data:`TREDE_DUUR_MAX`), with its own chances at each
        rung and the sourced outflow to work (``EXT:uitstroom_naar_werk_aandeel`` of
        ``EXT:bijstand_uitstroom_pct_per_jaar``) spread by those weights
        (:func:`~simulatie.kern.evenwicht.treden_na_duur`). Support, obstacles and motivation
        are taken as they are at month 0, and entrants who came from work (rung 4 in the
        monthly rules) are not told apart. Without this, clients on rung 1 rose 12-22% in ten
        years (277 to 338 and 278 to 310 at 50,000), mostly in the first three years.
        """
        t = self.tabel
        bij = self.bijstand_rijen()
        bij = bij[t.trede[bij] <= 4]
        if len(bij) == 0:
            return
        start = np.minimum(trede_uit_situatie(t, bij), 4)
        op, neer, gewicht = (np.empty((len(bij), 4)) for _ in range(3))
        for trede in range(1, 5):  # the rules' chances at each rung (the rung is an input)
            t.kol["trede"][bij] = trede
            op[:, trede - 1], neer[:, trede - 1] = ladder_kansen(self, bij)
            gewicht[:, trede - 1] = kandidaat_gewicht(self, bij)
        # As verb activeren draws them: one uniform, rise below p_op, fall below p_op + p_neer
        # (at the ends of the ranges the two can add up to more than one).
        op = np.minimum(op, 1.0)
        neer = np.minimum(op + neer, 1.0) - op
        naar_werk = naar_werk_per_jaar() / 12
        gemiddeld = float(gewicht[np.arange(len(bij)), start - 1].mean())
        uit = (np.minimum(naar_werk * gewicht / gemiddeld, 1.0) if gemiddeld > 0
               else np.zeros_like(gewicht))
        kans = treden_na_duur(start, op, neer, uit,
                              np.minimum(t.uitkeringsduur[bij], TREDE_DUUR_MAX))
        u = self.rng.random(len(bij))
        t.kol["trede"][bij] = 1 + (u[:, None] > np.cumsum(kans, axis=1)[:, :-1]).sum(axis=1)

    def _lks_op_maand_0(self) -> None:
        """Loonkostensubsidie and jobcoaches of the month-0 placements, as the hires get them.

        The monthly matching (verb arbeidsmarkt) gives lks to hires with a lasting (physical or
        psychological) obstacle their klantmanager knows, at an employer that offers it, with
        chance ``aandeel_lks``. Month 0 takes the share of the hires (clients weighted by their
        chance of a job) with a lasting obstacle times ``signaleer_werk``, the chance that
        repeated diagnoses know it: after five years the known share of the employable is
        0.76 of the actual one. The obstacles known after the single diagnosis of month 0
        (0.66 of it) gave half the lks jobs the monthly rules keep; the share among all clients
        instead of the hires (35% against 16%) gave three times as many.
        """
        t, k = self.tabel, self.tabel.kol
        wie = regels.met_werkgever(self)
        bij = self.bijstand_rijen()
        kans = kandidaat_gewicht(self, bij)
        blijvend = (t.belemmeringen[bij] & (I.FYSIEK | I.PSYCHISCH)) > 0
        blijvend = (float(kans @ blijvend / kans.sum()) * self.p.begeleiden.signaleer_werk
                    if kans.sum() > 0 else 0.0)
        werkgever = t.werkgever[wie].astype(np.int64)
        heeft = {naam: np.array([naam in w.instrumenten for w in self.werkgevers])[werkgever]
                 for naam in ("loonkostensubsidie", "jobcoach")}
        lks = (heeft["loonkostensubsidie"]
               & (self.rng.random(len(wie)) < blijvend * self.p.arbeidsmarkt.aandeel_lks))
        k["lks"][wie] = lks
        k["jobcoach"][wie] = lks & heeft["jobcoach"] & (t.baan_maanden[wie] < 12)
        k["trede"][wie[lks]] = 5

    # ---- random streams --------------------------------------------------------------------
    @property
    def rng(self) -> np.random.Generator:
        """The random stream of the current phase (seeded when first used)."""
        if self._stroom is None:
            self._stroom = self._zaai(self._stroom_sleutel)
        return self._stroom

    @rng.setter
    def rng(self, generator: np.random.Generator) -> None:
        """Mesa sets the seeded generator that builds month 0."""
        self._stroom = generator

    def kies_stroom(self, *sleutel: int) -> None:
        """Draw from now on from the stream of one phase of this month.

        Args:
            sleutel: The phase: verb index (``len(VERBS)`` for verzamelen), kind (:data:`VERB`,
                :data:`VOOR`, :data:`NA`, :data:`START`, :data:`OPBOUW`, :data:`STOP`) and, for
                a policy's
                phase, :func:`beleid_stroom` of its name.
        """
        self._stroom_sleutel = sleutel
        self._stroom = None

    def _zaai(self, sleutel: tuple[int, ...]) -> np.random.Generator:
        """The model's phase generator, put at the start of the stream of ``sleutel``.

        (seed, month, *sleutel) is hashed with BLAKE2b into the 128-bit state and the odd
        128-bit increment of one PCG64 generator that all phases share; distinct increments
        give distinct sequences. A new Generator from numpy's SeedSequence per phase would be
        the textbook way, but it cost about 60 us per phase in the running model (12 phases a
        month draw: 4-7% of a run, measured), this about 7 us.
        """
        if self._fase_generator is None:
            self._fase_generator = np.random.Generator(np.random.PCG64())
        sleutels = np.array([self.seed_waarde, self.maand, *sleutel], dtype=np.uint64)
        d = hashlib.blake2b(sleutels.tobytes(), digest_size=32).digest()
        self._fase_generator.bit_generator.state = {
            "bit_generator": "PCG64", "has_uint32": 0, "uinteger": 0,
            "state": {"state": int.from_bytes(d[:16], "little"),
                      "inc": int.from_bytes(d[16:], "little") | 1}}
        return self._fase_generator

    # ---- the monthly step ------------------------------------------------------------------
    def step(self) -> None:
        """Advance one month: the ten verbs in order, with policy hooks around each.

        A round of the scenario that begins at the end of the current month changes the
        running policies first (:func:`simulatie.kern.rondes.wissel`).
        """
        volgende = self._rondes.get(self.maand)
        if volgende is not None:
            rondes.wissel(self, self._ronde_beleid, volgende)
            self._ronde_beleid = volgende
        self.maand += 1
        self.tellers.leeg()
        self._onthoud_begin_maand()
        for i, verb in enumerate(VERBS):
            for b in self.beleid:
                if b.heeft_haak("voor", verb):
                    self.kies_stroom(i, VOOR, beleid_stroom(b.naam))
                    b.roep("voor", verb, self)
            self.kies_stroom(i, VERB)
            stappen.VERB_FUNCTIES[verb](self)
            for b in self.beleid:
                if b.heeft_haak("na", verb):
                    self.kies_stroom(i, NA, beleid_stroom(b.naam))
                    b.roep("na", verb, self)
        self.kies_stroom(len(VERBS), VERB)
        stappen.verzamelen.verzamelen(self)

    # ---- what verbs and policies use (ModelToegang) ---------------------------------------
    def tel(self, naam: str, aantal: int) -> None:
        """Count a declared flow of this month (:data:`simulatie.kern.uitvoer.TELLERS`)."""
        self.tellers.tel(naam, aantal)

    def boek(self, post: str, bedrag: float) -> None:
        """Book a policy's cost of this month on a budget line.

        Args:
            post: One of :data:`simulatie.kern.uitvoer.BOEKBARE_POSTEN` (``reintegratie``,
                ``wmo_individueel``, ``wmo_collectief``, ``apparaat``).
            bedrag: Euro in this month; added by ``boekhouden`` to the line's cost.

        Raises:
            KeyError: For an unknown line.
        """
        if post not in BOEKBARE_POSTEN:
            raise KeyError(f"unknown budget line {post!r}; allowed: "
                           f"{', '.join(BOEKBARE_POSTEN)}")
        self._geboekt[post] = self._geboekt.get(post, 0.0) + float(bedrag)

    def geboekt(self, post: str) -> float:
        """What policies booked on a line this month so far."""
        return self._geboekt.get(post, 0.0)

    def sluit_boeken(self) -> None:
        """Start a new month of bookings (``boekhouden`` calls this after counting them)."""
        self._geboekt.clear()

    def trend_actief(self, naam: str) -> bool:
        """Whether a declared trend (``[trends]`` of the scenario) applies this month."""
        trends = self.config.trends
        return bool(getattr(trends, naam)) and self.maand >= getattr(trends, f"{naam}_vanaf")

    def voeg_professional_toe(self, professional: Professional) -> None:
        """Add a professional (counted in ``professionals`` and in the staff costs)."""
        self.professionals.append(professional)

    def verwijder_professional(self, professional: Professional) -> None:
        """Remove a professional a policy added (no longer counted, no longer a Mesa agent).

        Raises:
            ValueError: For a klantmanager or Wmo-consulent of the core (residents refer to
                klantmanagers by index) or a professional that is not in ``professionals``.
        """
        if any(professional is p for p in (*self.klantmanagers, *self.wmo_consulenten)):
            raise ValueError("the core's klantmanagers and Wmo-consulenten cannot be removed")
        if not any(professional is p for p in self.professionals):
            raise ValueError("professional is not in professionals")
        self.professionals = [p for p in self.professionals if p is not professional]
        professional.remove()

    # ---- policies starting and stopping between two months -------------------------------
    def herbouw_mechanismen(self) -> None:
        """Rebuild the mechanisms: the baseline with every running policy's ``pas_toe``.

        Policies apply their changes in registry order (the order of :attr:`beleid`). The core
        calls this when a policy starts or stops; a policy whose changes vary over time (such
        as a build-up) updates its own state and calls it from a hook.
        """
        mechanismen = Mechanismen.uit_parameters(self.p)
        for b in self.beleid:
            b.pas_toe(mechanismen)
        self.mechanismen = mechanismen

    def start_beleid(self, beleid: Beleid) -> None:
        """Start a policy on the running model, between two months, as at month 0.

        Its ``start`` draws from its own random stream of this month (phase :data:`START`) and
        its hooks run from the next month on, in registry order among the running policies;
        the mechanisms are rebuilt with it.

        Args:
            beleid: A new policy object (its class registered, its settings validated).

        Raises:
            ValueError: When a policy of that name is already running.
        """
        if any(b.naam == beleid.naam for b in self.beleid):
            raise ValueError(f"policy {beleid.naam!r} is already running; stop it first")
        volgorde = list(register())
        self.beleid = sorted([*self.beleid, beleid], key=lambda b: volgorde.index(b.naam))
        self._start(beleid)
        self.herbouw_mechanismen()

    def _start(self, beleid: Beleid) -> None:
        """Run a policy's ``start`` on its own stream; check it changed mechanisms by ``pas_toe``.

        Raises:
            ValueError: When ``start`` changed the mechanisms otherwise than its ``pas_toe``
                does: such a change would be lost at the next rebuild.
        """
        voor = self.mechanismen.kopie()
        self.kies_stroom(0, START, beleid_stroom(beleid.naam))
        beleid.start(self)
        beleid.pas_toe(voor)
        if not self.mechanismen.gelijk_aan(voor):
            raise ValueError(f"policy {beleid.naam!r}: start changed the mechanisms otherwise "
                             "than its pas_toe does; make those changes in pas_toe (the core "
                             "rebuilds the mechanisms from pas_toe when a policy starts or stops)")

    def stop_beleid(self, naam: str) -> Beleid:
        """Stop a running policy between two months.

        The policy releases what it holds (:meth:`Beleid.stop`, drawing from its own stream of
        this month, phase :data:`STOP`), its hooks no longer run, and the mechanisms are rebuilt
        from the baseline with the remaining policies. The stop moves no resident in or out of
        the municipality and books nothing; its effects show from the next month on. The same
        policy can start again later as a new object (:meth:`start_beleid`).

        Args:
            naam: Registry name of a running policy.

        Returns:
            The stopped policy object (for its counts).

        Raises:
            KeyError: When no policy of that name is running.
        """
        gevonden = [b for b in self.beleid if b.naam == naam]
        if not gevonden:
            raise KeyError(f"policy {naam!r} is not running; running: "
                           f"{', '.join(b.naam for b in self.beleid) or '(none)'}")
        beleid = gevonden[0]
        self.kies_stroom(0, STOP, beleid_stroom(naam))
        beleid.stop(self)
        self.beleid = [b for b in self.beleid if b is not beleid]
        self.herbouw_mechanismen()
        return beleid

    def _begin_begeleiding(self) -> None:
        """Start month 0 as a running practice.

        Clients were diagnosed at some point in the past year and re-integration providers are
        working with the referrals that followed. Referrals to the Wmo desk's services are
        already in the desk's equilibrium (:func:`simulatie.kern.stappen.wmo.initialiseer`), so
        they are not made again here, and their waiting lists stay as the equilibrium has
        them (the month's new grants wait for a place until the providers take them in).
        """
        stappen.begeleiden.diagnose(self, alleen=I.REINTEGRATIE)
        bij = self.bijstand_rijen()
        herdiag = self.p.begeleiden.herdiagnose_maanden
        gediagnosticeerd = bij[self.tabel.diagnose_maand[bij] == 0]
        self.tabel.kol["diagnose_maand"][gediagnosticeerd] = -self.rng.integers(
            0, herdiag, size=len(gediagnosticeerd))
        stappen.begeleiden.aanbieders_nemen_op(self, alleen=I.REINTEGRATIE)
        self.tellers.leeg()

    def _onthoud_begin_maand(self) -> None:
        """Remember rungs and bijstand status at the start of the month (for rises)."""
        self.trede_vorige = self.tabel.trede.copy()
        self.bijstand_vorige = (self.tabel.inkomensbron == I.BIJSTAND) & self.tabel.actief

    # ---- residents as Mesa agents ------------------------------------------------------------
    def inwoner(self, inwoner_id: int) -> Inwoner:
        """The Mesa agent view of one resident (created on first use, then cached)."""
        view = self._views.get(inwoner_id)
        if view is None:
            self.tabel.rij_van(inwoner_id)  # raises KeyError for unknown ids
            view = self._views[inwoner_id] = Inwoner(self, inwoner_id)
        return view

    def inwoner_agenten(self, rijen: np.ndarray | None = None) -> mesa.agent.AgentSet:
        """An AgentSet of resident views (all active residents, or the given rows)."""
        if rijen is None:
            rijen = np.flatnonzero(self.tabel.actief)
        ids = self.tabel.id[rijen]
        return mesa.agent.AgentSet([self.inwoner(int(i)) for i in ids], random=self.random)

    # ---- helpers used by verbs and reports -------------------------------------------------
    def volwassen(self) -> np.ndarray:
        """Boolean mask of active residents aged 18 up to pension age."""
        lm = self.tabel.leeftijd_maanden
        return self.tabel.actief & (lm >= 18 * 12) & (lm < self.p.demografie.aow_leeftijd * 12)

    def bijstand_rijen(self) -> np.ndarray:
        """Rows of active bijstand recipients, in increasing order (a read-only array).

        Verbs ask for these rows many times a month, and a scan of the whole table costs far
        more than the few thousand rows it finds. The only way into bijstand is
        :func:`simulatie.kern.overgangen.naar_bijstand`, which adds the admitted rows
        (:meth:`bijstand_toegelaten`); so the rows of the last scan plus later admissions are a
        superset of the recipients, and each call keeps those that are still active and in
        bijstand. A new table or a compaction (rows move) forces a new scan.
        """
        t = self.tabel
        cache = self._bijstand_superset
        if cache is None or cache[0] is not t or cache[1] != t.indeling:
            bij = np.flatnonzero(t.inkomensbron == I.BIJSTAND)  # few rows: filter those after
        else:
            bij = cache[2]
        bij = bij[(t.inkomensbron[bij] == I.BIJSTAND) & t.actief[bij]]
        bij.flags.writeable = False  # shared with later calls
        self._bijstand_superset = (t, t.indeling, bij)
        return bij

    def bijstand_toegelaten(self, rijen: np.ndarray) -> None:
        """Add rows just admitted to bijstand to the cached rows of :meth:`bijstand_rijen`."""
        cache = self._bijstand_superset
        if cache is not None:
            bij = uniek(cache[2], rijen)
            bij.flags.writeable = False
            self._bijstand_superset = (cache[0], cache[1], bij)

    def wijk_indicatoren(self) -> dict[str, np.ndarray]:
        """Indicators per wijk for maps.

        Returns:
            Arrays indexed by wijk: inwoners, bijstand, gemiddelde_trede (18..AOW),
            aandeel_isolement (18+), wmo_per_1000.
        """
        t = self.tabel
        w = self.config.gemeente.wijken
        actief = t.actief
        wijk = t.wijk

        def per_wijk(masker: np.ndarray) -> np.ndarray:
            return np.bincount(wijk[masker], minlength=w)

        inw = per_wijk(actief)
        volw = self.volwassen()
        # Adults per wijk and rung in one count (rungs are 1..6).
        per_trede = np.bincount(wijk[volw].astype(np.intp) * 8 + t.trede[volw],
                                minlength=8 * w).reshape(w, 8)
        n_volw = per_trede.sum(axis=1)
        trede = per_trede @ np.arange(8)
        adult = actief & (t.leeftijd_maanden >= 18 * 12)
        iso = per_wijk(adult & ((t.belemmeringen & I.ISOLEMENT) > 0))
        wmo = per_wijk(actief & ((t.zorg & I.WMO_INDIVIDUEEL) > 0))
        bij = per_wijk(actief & (t.inkomensbron == I.BIJSTAND)).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return {
                "inwoners": inw,
                "bijstand": bij,
                "gemiddelde_trede": trede / np.maximum(n_volw, 1),
                "aandeel_isolement": iso / np.maximum(per_wijk(adult), 1),
                "wmo_per_1000": 1000 * wmo / np.maximum(inw, 1),
            }
