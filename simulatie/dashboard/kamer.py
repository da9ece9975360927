"""The training room: sessions shared on purpose between the trainer's and the teams' pages.

Solara keeps state per browser session; a training needs one state that the trainer, the
projector and every team see. :data:`REGISTER` holds it in the server process: a
:class:`Trainingssessie` per session code, with its set-up (:class:`Opzet`), its teams and their
submitted plans. Pages read it and wait for changes with :meth:`Trainingssessie.wacht` (a version
number and a condition variable), so a submitted plan shows on the projector as soon as its run
is back. Runs go to the process pool (:mod:`simulatie.dashboard.rekenen`): first each team's
plan, then replications on other seeds for the uncertainty bands.

Every method that takes input from a page raises :class:`KamerFout` with a Dutch message for bad
input; pages show it in place.

Main objects: :class:`Opzet`, :class:`Team`, :class:`Trainingssessie`, :class:`Register`,
:data:`REGISTER`.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from simulatie.dashboard.delen import scenario_als_toml
from simulatie.dashboard.geheugen import geef_geheugen_terug
from simulatie.dashboard.keuzes import GROOTTES, Keuzes, beleid_catalogus, maak_scenario
from simulatie.dashboard.rekenen import (
    PLAN,
    REPLICATIE,
    SCHATTING,
    Taak,
    Uitkomst,
    Wachttijd,
    rekenaar,
    vergeet_uitkomsten,
)
from simulatie.dashboard.rondes import Ronde, RondeFout, controleer, scenario_van_plan
from simulatie.dashboard.werelden import wereld_basis
from simulatie.kern.scenario import Scenario, ScenarioFout

#: Letters of a session code: no 0/O, 1/I/L, so a code read from a projector is typed right.
CODE_TEKENS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 5
#: Longest team name.
NAAM_MAX = 30
#: Budget settings the trainer can change: dotted parameter path -> (Dutch label, unit).
BUDGETTEN: dict[str, tuple[str, str]] = {
    "parameters.kosten.ideel_marge": ("I-deel t.o.v. de uitkeringslasten bij de start",
                                      "fractie (-0,03 = 3% tekort)"),
    "parameters.kosten.participatiebudget_per_client": ("Participatiebudget",
                                                        "euro per bijstandscliënt per jaar"),
    "parameters.kosten.wmo_budget_per_inwoner": ("Wmo-budget", "euro per inwoner per jaar"),
}
#: Ranking criteria offered to the trainer (columns of the tijdreeks, judged at the horizon;
#: ``saldo_*`` and ``kosten_totaal`` are summed over the run).
CRITERIA: tuple[str, ...] = ("saldo_ideel", "saldo_participatie", "saldo_wmo", "kosten_totaal",
                             "gemiddelde_trede", "trede_1", "bijstand", "uitstroom_naar_werk",
                             "buiten_beeld", "wmo_clienten")
#: Columns a run sends back to the room (what the plenary page, ranking and slides use).
KOLOMMEN: tuple[str, ...] = (
    "maand", "bijstand", "gemiddelde_trede", "gemiddelde_trede_bijstand",
    *(f"trede_{i}" for i in range(1, 7)), "uitstroom_naar_werk", "instroom_bijstand",
    "buiten_beeld", "wmo_clienten", "kosten_uitkeringen", "kosten_reintegratie",
    "kosten_wmo_individueel", "kosten_wmo_collectief", "kosten_apparaat", "kosten_jeugd",
    "kosten_totaal", "budget_ideel", "budget_participatie", "budget_wmo", "budget_jeugd",
    "saldo_ideel", "saldo_participatie", "saldo_wmo", "saldo_jeugd", "seed")
#: Sessions are dropped this long after their last change (a forgotten room frees its memory).
BEWAAR_S = 12 * 3600


class KamerFout(ValueError):
    """Bad input from a page; the message is Dutch and can be shown as it is."""


@dataclass(frozen=True)
class Opzet:
    """What the trainer sets before the session.

    Attributes:
        gemeente: Municipality preset.
        grootte: Key of :data:`~simulatie.dashboard.keuzes.GROOTTES`.
        maanden: Horizon of every plan.
        rondes: First month of each round (the first is 0).
        taak: The task in plain Dutch.
        beleid: Policies teams may use (registry names).
        budget: Budget settings (paths of :data:`BUDGETTEN`) -> value.
        criteria: Ranking criteria (columns of :data:`CRITERIA`).
        seed: Seed of every team's main run (common random numbers across teams).
        replicaties: Extra runs per plan on other seeds for the uncertainty band.
    """

    gemeente: str = "Groningen"
    grootte: str = "20.000 inwoners"
    maanden: int = 120
    rondes: tuple[int, ...] = (0, 24)
    taak: str = ("Maak van het tekort op het I-deel een overschot, zonder dat de participatie "
                 "daalt (gemiddelde trede, trede 1).")
    beleid: tuple[str, ...] = ()
    budget: dict[str, float] = field(default_factory=lambda: {
        "parameters.kosten.ideel_marge": -0.03})
    criteria: tuple[str, ...] = ("saldo_ideel", "gemiddelde_trede", "trede_1", "buiten_beeld")
    seed: int = 1
    replicaties: int = 4

    def scenario(self) -> Scenario:
        """The validated scenario without policies.

        Raises:
            KamerFout: When a setting is out of range (Dutch message).
        """
        k = Keuzes(gemeente=self.gemeente, grootte=self.grootte, maanden=self.maanden,
                   seed=self.seed, onzeker=dict(self.budget))
        try:
            return maak_scenario(k)
        except (ScenarioFout, ValueError) as fout:
            raise KamerFout(f"Deze opzet kan niet: {fout}") from None

    def controleer(self) -> Opzet:
        """Check the set-up and return it with defaults filled in.

        Raises:
            KamerFout: With a Dutch message.
        """
        if self.grootte not in GROOTTES:
            raise KamerFout(f"Onbekende grootte {self.grootte!r}.")
        if not 12 <= self.maanden <= 240:
            raise KamerFout("De horizon moet tussen 12 en 240 maanden liggen.")
        starts = tuple(self.rondes)
        if not starts or starts[0] != 0 or list(starts) != sorted(set(starts)) or \
                starts[-1] >= self.maanden:
            raise KamerFout("Rondes beginnen op maand 0 en daarna steeds later, binnen de "
                            "horizon.")
        bekend = [b.naam for b in beleid_catalogus()]
        beleid = tuple(self.beleid) or tuple(bekend)
        if any(b not in bekend for b in beleid):
            raise KamerFout("Onbekend beleid in de opzet.")
        if not self.criteria or any(c not in CRITERIA for c in self.criteria):
            raise KamerFout("Kies ten minste één bekend criterium voor de rangorde.")
        if not 0 <= self.replicaties <= 10:
            raise KamerFout("Kies 0 tot 10 extra replicaties.")
        if len(self.taak) > 500:
            raise KamerFout("De taak mag hoogstens 500 tekens lang zijn.")
        uit = replace(self, beleid=beleid, rondes=starts)
        uit.scenario()
        return uit


@dataclass
class Run:
    """A plan's runs: the main run and the replications, as they come back.

    Attributes:
        plan: Policies per round (what was submitted, rounds 1..n).
        hoofd: Main run (seed of the set-up), None while computing.
        replicaties: Runs on other seeds, as they finish.
        fout: Dutch message when the plan could not run.
        ingeleverd: ``time.monotonic()`` of the submission.
        klaar: ``time.monotonic()`` when the main run came back.
        sleutel: The main run's task key in the pool (:meth:`Taak.sleutel`).
    """

    plan: tuple[dict[str, dict[str, Any]], ...]
    hoofd: pd.DataFrame | None = None
    replicaties: list[pd.DataFrame] = field(default_factory=list)
    fout: str = ""
    ingeleverd: float = 0.0
    klaar: float = 0.0
    sleutel: str = ""


@dataclass
class Team:
    """A team: its name, what it chose per round, and the runs of its latest submission.

    Attributes:
        naam: Team name (unique in the session).
        keuzes: Policies per round as submitted (index 0 is round 1).
        run: Runs of the latest submission, or None before the first.
        schatting: Cost estimate of the choice being prepared (see
            :meth:`Trainingssessie.schat`), or a Dutch message.
    """

    naam: str
    keuzes: list[dict[str, dict[str, Any]]] = field(default_factory=list)
    run: Run | None = None
    schatting: Any = None


class Trainingssessie:
    """One training session: set-up, teams, current round, and what the projector shows.

    Args:
        code: Session code.
        opzet: Checked set-up.

    Attributes:
        sleutel: The trainer's key: only a page with it in its address controls the session.
    """

    def __init__(self, code: str, opzet: Opzet) -> None:
        """Start in round 1, open for submissions; compute the no-policy reference."""
        self.code = code
        self.sleutel = secrets.token_urlsafe(6)
        self.opzet = opzet
        self.basis = opzet.scenario()
        self.teams: dict[str, Team] = {}
        self.ronde = 0
        self.gepauzeerd = False
        self.onthuld = True
        self.afgesloten = False
        self.referentie = Run(plan=({},) * len(opzet.rondes))
        self.versie = 0
        self.gewijzigd = time.monotonic()
        self._slot = threading.Condition()
        self._reken(self.referentie, self.referentie.plan)

    # ---- notifications -------------------------------------------------------------------
    def _wijzig(self) -> None:
        with self._slot:
            self.versie += 1
            self.gewijzigd = time.monotonic()
            self._slot.notify_all()

    def wacht(self, versie: int, timeout: float = 1.0) -> int:
        """Wait until the version differs from ``versie`` (or ``timeout``); return it."""
        with self._slot:
            if self.versie == versie:
                self._slot.wait(timeout)
            return self.versie

    # ---- the trainer -------------------------------------------------------------------
    def volgende_ronde(self) -> None:
        """Open the next round (teams keep their earlier rounds and add the next)."""
        if self.afgesloten:
            raise KamerFout("De sessie is afgesloten.")
        if self.ronde + 1 >= len(self.opzet.rondes):
            raise KamerFout("Dit was de laatste ronde.")
        self.ronde += 1
        self.gepauzeerd = False
        self._wijzig()

    def pauzeer(self, aan: bool) -> None:
        """Pause (teams cannot submit) or resume."""
        self.gepauzeerd = bool(aan)
        self._wijzig()

    def onthul(self, aan: bool) -> None:
        """Show (True) or hide the teams' results on the projector."""
        self.onthuld = bool(aan)
        self._wijzig()

    def sluit_af(self) -> None:
        """End the session: no more submissions; the summary is final."""
        self.afgesloten = True
        self._wijzig()

    # ---- the teams ---------------------------------------------------------------------
    def meld_aan(self, naam: str) -> Team:
        """Join with a team name; the same name again returns the same team (after a reload).

        Raises:
            KamerFout: For an empty or too long name, or a closed session.
        """
        naam = " ".join(str(naam or "").split())
        if not naam:
            raise KamerFout("Vul een teamnaam in.")
        if len(naam) > NAAM_MAX:
            raise KamerFout(f"Een teamnaam is hoogstens {NAAM_MAX} tekens.")
        if self.afgesloten:
            raise KamerFout("Deze sessie is afgesloten.")
        with self._slot:
            team = self.teams.get(naam)
            nieuw = team is None
            if nieuw:
                if len(self.teams) >= 40:
                    raise KamerFout("Deze sessie heeft al 40 teams.")
                team = self.teams[naam] = Team(naam)
        if nieuw:  # a member joining a team again changes nothing the pages show
            self._wijzig()
        return team

    def _plan(self, team: Team, beleid: dict[str, dict[str, Any]]) -> list[Ronde]:
        """The rounds of a team with ``beleid`` for the current round (and the rounds after).

        Raises:
            KamerFout: When a policy is not allowed or the plan cannot be played.
        """
        niet = [n for n in beleid if n not in self.opzet.beleid]
        if niet:
            raise KamerFout(f"Dit beleid is in deze training niet te kiezen: {', '.join(niet)}.")
        eerder = list(team.keuzes[:self.ronde])
        while len(eerder) < self.ronde:  # joined late: no policy in the rounds missed
            eerder.append(eerder[-1] if eerder else {})
        keuzes = [*eerder, beleid]
        rondes = [Ronde(self.opzet.rondes[i], k) for i, k in enumerate(keuzes)]
        titels = {b.naam: b.titel for b in beleid_catalogus()}
        try:
            controleer(rondes, titels)
        except RondeFout as fout:
            raise KamerFout(str(fout)) from None
        except ValueError as fout:  # pydantic: a setting out of range
            raise KamerFout(f"Een instelling kan niet: {fout}") from None
        return rondes

    def lever_in(self, naam: str, beleid: dict[str, dict[str, Any]]) -> None:
        """Submit a team's policies for the current round; the plan runs to the horizon.

        Args:
            naam: Team name.
            beleid: Active policies with their settings.

        Raises:
            KamerFout: When the round is closed or paused, or the plan cannot be played.
        """
        team = self.teams.get(naam)
        if team is None:
            raise KamerFout("Meld je eerst aan met een teamnaam.")
        if self.afgesloten:
            raise KamerFout("De sessie is afgesloten.")
        if self.gepauzeerd:
            raise KamerFout("De trainer heeft de ronde gepauzeerd; inleveren kan straks weer.")
        rondes = self._plan(team, beleid)
        with self._slot:
            team.keuzes = [r.beleid for r in rondes]
            team.run = Run(plan=tuple(team.keuzes), ingeleverd=time.monotonic())
            run = team.run
        self._reken(run, run.plan)  # first: the pages then show its place in the pool
        self._wijzig()

    def schat(self, naam: str, beleid: dict[str, dict[str, Any]]) -> None:
        """Estimate what a choice costs before it is submitted (result in ``team.schatting``).

        The plan runs to the end of the first year of the current round; the estimate is that
        year's spending and balance per budget line, next to the run without policy.

        Raises:
            KamerFout: When the choice cannot be played.
        """
        team = self.teams.get(naam)
        if team is None:
            raise KamerFout("Meld je eerst aan met een teamnaam.")
        rondes = self._plan(team, beleid)
        eind = min(self.opzet.rondes[self.ronde] + 12, self.opzet.maanden)
        team.schatting = "bezig"
        self._wijzig()

        def klaar(uitkomst: Uitkomst) -> None:
            team.schatting = uitkomst.fout or (dict(beleid), uitkomst.tijdreeks)
            self._wijzig()

        rekenaar().dien_in(self._taak(rondes, self.opzet.seed, eind), klaar, SCHATTING)

    # ---- runs -------------------------------------------------------------------------
    def _taak(self, rondes: list[Ronde] | tuple, seed: int, maanden: int | None = None,
              wereld: int = 0) -> Taak:
        basis = wereld_basis(self.basis.model_dump(exclude={"beleid", "rondes"}),
                             self.opzet.seed, wereld)
        return Taak(basis, tuple((r.start, r.beleid) for r in rondes), seed, maanden, KOLOMMEN)

    def _reken(self, run: Run, plan: tuple[dict[str, dict[str, Any]], ...]) -> None:
        rondes = [Ronde(self.opzet.rondes[i], k) for i, k in enumerate(plan)]
        seeds = [self.opzet.seed + 1000 * (i + 1) for i in range(self.opzet.replicaties)]

        def hoofd_klaar(uitkomst: Uitkomst) -> None:
            with self._slot:
                run.hoofd, run.fout, run.klaar = uitkomst.tijdreeks, uitkomst.fout, \
                    time.monotonic()
            self._wijzig()

        def replicatie_klaar(uitkomst: Uitkomst) -> None:
            if uitkomst.tijdreeks is not None:
                with self._slot:
                    run.replicaties.append(uitkomst.tijdreeks)
                self._wijzig()

        r = rekenaar()
        hoofd = self._taak(rondes, self.opzet.seed)
        run.sleutel = hoofd.sleutel()
        r.dien_in(hoofd, hoofd_klaar, PLAN)
        for i, seed in enumerate(seeds, start=1):
            r.dien_in(self._taak(rondes, seed, wereld=i), replicatie_klaar, REPLICATIE)

    def wachttijd(self, naam: str) -> Wachttijd | None:
        """Where the team's main run stands in the pool (None when unknown or done)."""
        team = self.teams.get(naam)
        if team is None or team.run is None or team.run.hoofd is not None or team.run.fout:
            return None
        return rekenaar().wachttijd(team.run.sleutel)

    def capaciteit(self) -> tuple[float, float] | None:
        """Seconds of one plan now, and until the last is back when every team submits at once.

        From the pool's recent run times, its workers and the teams that joined; None before
        a run time is known (the reference run gives the first).
        """
        r = rekenaar()
        plan = r.plan_seconden
        if plan is None:
            return None
        golven = -(-max(1, len(self.teams)) // max(1, r.werkers))
        return plan, golven * plan

    def plan_scenario(self, naam: str) -> Scenario:
        """The scenario of a team's latest plan: its rounds, the session's municipality, seed.

        ``simulatie run`` of it gives the team's main run (:mod:`simulatie.kern.rondes`).

        Raises:
            KamerFout: When the team has not submitted a plan.
        """
        team = self.teams.get(naam)
        if team is None or team.run is None:
            raise KamerFout("Dit team heeft nog geen plan ingeleverd.")
        rondes = [Ronde(self.opzet.rondes[i], k) for i, k in enumerate(team.run.plan)]
        return scenario_van_plan(self.basis, rondes).model_copy(
            update={"naam": f"training {self.code} - {_leesbaar(naam)}", "seed": self.opzet.seed})

    def plan_toml(self, naam: str) -> str:
        """A team's latest plan as a scenario file for ``simulatie run`` (:meth:`plan_scenario`).

        Raises:
            KamerFout: When the team has not submitted a plan.
        """
        rondes = ", ".join(f"ronde {i + 1} vanaf maand {m}"
                           for i, m in enumerate(self.opzet.rondes))
        return scenario_als_toml(self.plan_scenario(naam), (
            f"# Plan van team {_leesbaar(naam)} in training {self.code} ({rondes}).\n"
            "# Draaien: simulatie run <dit bestand> geeft dezelfde cijfers als de training.\n"))

    def klaar_teams(self) -> list[Team]:
        """Teams whose latest plan has a main run, in joining order."""
        return [t for t in self.teams.values() if t.run is not None and t.run.hoofd is not None]


def _leesbaar(tekst: str) -> str:
    """Only the printable characters (a team name in a file name or a comment line)."""
    return "".join(c for c in tekst if c.isprintable())


class Register:
    """The sessions of this server process, by code."""

    def __init__(self) -> None:
        """No sessions."""
        self._sessies: dict[str, Trainingssessie] = {}
        self._slot = threading.Lock()

    def maak(self, opzet: Opzet) -> Trainingssessie:
        """Start a session with a new code.

        Raises:
            KamerFout: When the set-up is not valid.
        """
        opzet = opzet.controleer()
        self.ruim_op()
        with self._slot:
            while True:
                code = "".join(secrets.choice(CODE_TEKENS) for _ in range(CODE_LENGTE))
                if code not in self._sessies:
                    break
        sessie = Trainingssessie(code, opzet)
        with self._slot:
            self._sessies[code] = sessie
        return sessie

    def zoek(self, code: str) -> Trainingssessie:
        """The session with this code (case and spaces do not matter).

        Raises:
            KamerFout: When there is none.
        """
        schoon = "".join(str(code or "").split()).upper()
        if not schoon:
            raise KamerFout("Vul de sessiecode in.")
        with self._slot:
            sessie = self._sessies.get(schoon[:CODE_LENGTE * 2])
        if sessie is None:
            raise KamerFout(f"Er is geen sessie met code {schoon[:20]!r}.")
        return sessie

    def verwijder(self, code: str) -> None:
        """Forget a session and give its memory back."""
        with self._slot:
            weg = self._sessies.pop(code, None)
            leeg = not self._sessies
        if weg is not None:
            if leeg:
                vergeet_uitkomsten()
            geef_geheugen_terug()

    def ruim_op(self, bewaar_s: float = BEWAAR_S) -> None:
        """Forget sessions unchanged for ``bewaar_s`` seconds."""
        grens = time.monotonic() - bewaar_s
        with self._slot:
            oud = [c for c, s in self._sessies.items() if s.gewijzigd < grens]
            for code in oud:
                del self._sessies[code]
            leeg = not self._sessies
        if oud:
            if leeg:
                vergeet_uitkomsten()
            geef_geheugen_terug()

    def __len__(self) -> int:
        """Number of sessions."""
        with self._slot:
            return len(self._sessies)


#: The sessions of this server process.
REGISTER = Register()
