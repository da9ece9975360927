"""The model's outputs, declared once: name, unit, Dutch label, description, aggregation.

:data:`UITVOER` lists every column of the monthly ``tijdreeks`` in order (``seed`` and
``scenario`` are added by the run). The verb ``verzamelen`` fills exactly these columns, the
flows it counts during the month are the :data:`TELLERS` (``model.tel`` refuses any other
name), and everything that shows outputs reads its labels and units here: the output reference
in the README (:func:`referentie_markdown`), the comparison indicators and the dashboard.

Aggregation says how a year or a run summarises a column: ``som`` for flows and costs,
``eind`` for stocks and running totals, ``gemiddelde`` for rates. ``beter`` gives the direction
a municipality prefers (``hoger``, ``lager``, or None where the sources do not say), for
colours and wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Aggregatie = Literal["som", "eind", "gemiddelde"]
SOORTEN = ("stand", "stroom", "cumulatief", "bedrag")


@dataclass(frozen=True)
class Uitvoer:
    """One output column.

    Attributes:
        naam: Column name in ``tijdreeks``.
        label: Dutch label (sentence case, no unit).
        eenheid: Unit (``personen``, ``trede``, ``aandeel``, ``euro per maand``, ...).
        beschrijving: What the value is, in one sentence (English, like the code).
        soort: ``stand`` (a stock at the end of the month), ``stroom`` (a count during the
            month), ``cumulatief`` (a running total since month 0) or ``bedrag`` (euro in the
            month).
        jaar: How a year aggregates it.
        run: How a run aggregates it.
        beter: Direction a municipality prefers, or None.
        geheel: Integer-valued (count) or not.
    """

    naam: str
    label: str
    eenheid: str
    beschrijving: str
    soort: str = "stand"
    jaar: Aggregatie = "eind"
    run: Aggregatie = "eind"
    beter: Literal["hoger", "lager"] | None = None
    geheel: bool = True


def _stroom(naam: str, label: str, beschrijving: str, beter: str | None = None) -> Uitvoer:
    return Uitvoer(naam, label, "personen per maand", beschrijving, "stroom", "som", "som",
                   beter)  # type: ignore[arg-type]


def _stand(naam: str, label: str, beschrijving: str, eenheid: str = "personen",
           beter: str | None = None, geheel: bool = True) -> Uitvoer:
    return Uitvoer(naam, label, eenheid, beschrijving, "stand", "eind", "eind", beter,  # type: ignore[arg-type]
                   geheel)


def _euro(naam: str, label: str, beschrijving: str, beter: str | None = "lager") -> Uitvoer:
    return Uitvoer(naam, label, "euro per maand", beschrijving, "bedrag", "som", "som", beter,  # type: ignore[arg-type]
                   False)


_TREDEN = ("geïsoleerd", "sociale contacten buiten de deur", "georganiseerde activiteiten",
           "onbetaald werk", "betaald werk met ondersteuning", "betaald werk")

#: Every column of ``tijdreeks``, in order.
UITVOER: tuple[Uitvoer, ...] = (
    Uitvoer("maand", "Maand", "maand", "Month of the run (0 is the starting state)."),
    _stand("inwoners", "Inwoners", "Active residents."),
    *(_stand(f"trede_{i}", f"Trede {i} ({naam})", f"Residents aged 18 to pension age on rung "
             f"{i}.", beter=("lager" if i <= 2 else None)) for i, naam in enumerate(_TREDEN, 1)),
    _stand("gemiddelde_trede", "Gemiddelde trede (18 jaar tot AOW)", "Mean rung of residents "
           "aged 18 to pension age.", "trede", "hoger", False),
    _stand("bijstand", "Bijstandsbestand", "Bijstand recipients.", beter="lager"),
    *(_stand(f"bijstand_trede_{i}", f"Bijstand op trede {i}", f"Bijstand recipients on rung "
             f"{i}.", beter=("lager" if i <= 2 else None)) for i in range(1, 7)),
    _stand("gemiddelde_trede_bijstand", "Gemiddelde trede van bijstandscliënten",
           "Mean rung of bijstand recipients.", "trede", "hoger", False),
    _stroom("geboren", "Geboren", "Births in the month."),
    _stroom("gevestigd", "Gevestigd", "Residents who moved into the municipality."),
    _stroom("overleden", "Overleden", "Deaths in the month."),
    _stroom("vertrokken", "Vertrokken", "Residents who moved out of the municipality."),
    _stroom("instroom_bijstand", "Instroom in de bijstand", "Applicants admitted to bijstand.",
            "lager"),
    _stroom("uitstroom_bijstand", "Uitstroom uit de bijstand", "Recipients leaving bijstand, "
            "for any reason."),
    _stroom("uitstroom_naar_werk", "Uitstroom naar werk", "Recipients leaving bijstand for a "
            "job.", "hoger"),
    _stroom("uitstroom_naar_werk_zorg", "Uitstroom naar werk bij zorg- en Wmo-aanbieders",
            "Of the outflow to work: jobs at contracted care or Wmo providers.", "hoger"),
    _stroom("uitstroom_aow", "Uitstroom naar AOW", "Recipients reaching pension age."),
    _stroom("uitstroom_overig", "Uitstroom om andere redenen", "Recipients leaving for other "
            "reasons (partner, study, other benefit) with a known income."),
    _stroom("uitstroom_buiten_beeld", "Uitstroom buiten beeld", "Recipients leaving without "
            "a known income.", "lager"),
    _stroom("uitstroom_vertrek", "Uitstroom door vertrek of overlijden", "Recipients who died "
            "or moved out."),
    _stroom("afgezien_aanvraag", "Afgezien van de aanvraag", "Applicants who withdrew their "
            "application at intake."),
    Uitvoer("buiten_beeld", "Buiten beeld (cumulatief)", "personen", "People who left "
            "bijstand or withdrew an application without a known income, since month 0.",
            "cumulatief", "eind", "eind", "lager"),
    _stand("niet_gebruik", "Niet-gebruik bijstand", "Entitled residents who have not applied.",
           beter="lager"),
    _stand("bijstand_langer_dan_5_jaar", "Langer dan 5 jaar in de bijstand", "Recipients in "
           "their current spell for 60 months or more.", beter="lager"),
    _stand("bijstand_meervoudig", "Bijstand met twee of meer belemmeringen", "Recipients with "
           "two or more obstacles."),
    *(_stand(f"bijstand_fase_{naam}", f"Bijstand in fase {label}", f"Recipients in fase {label} "
             f"({uitleg}).") for naam, label, uitleg in (
                 ("1", "1", "directly employable"), ("23", "2/3", "need a trajectory"),
                 ("4", "4", "far from work"))),
    _stand("bijstand_gemiddelde_duur", "Gemiddelde duur in de bijstand", "Mean months of the "
           "recipients in their current spell.", "maanden", geheel=False),
    _stroom("stijging_trede", "Stijgingen op de ladder", "Residents aged 18 to pension age "
            "whose rung rose in the month.", "hoger"),
    _stroom("stijging_trede_meervoudig", "Stijgingen van cliënten met meervoudige problematiek",
            "Of the rises: recipients at the start of the month with two or more obstacles.",
            "hoger"),
    _stroom("nieuwe_belemmeringen", "Nieuwe belemmeringen", "New obstacles of adults.",
            "lager"),
    _stroom("belemmeringen_opgelost", "Belemmeringen opgelost door hulp", "Obstacles resolved "
            "by a service.", "hoger"),
    _stroom("overdracht_verloren", "Verloren overdrachten", "Referrals between the work desk "
            "and the Wmo desk or welzijn lost at the hand-off.", "lager"),
    _stand("wmo_clienten", "Wmo-cliënten met een maatwerkvoorziening", "Residents with at least "
           "one individual Wmo provision."),
    _stand("wmo_hh", "Huishoudelijke hulp", "Residents with huishoudelijke hulp."),
    _stand("wmo_hulpmiddel", "Hulpmiddelen", "Residents with a hulpmiddel or woonvoorziening."),
    _stand("wmo_begeleiding", "Begeleiding", "Residents with begeleiding."),
    _stand("wmo_dagbesteding", "Dagbesteding", "Residents with dagbesteding."),
    _stand("wachtlijst_begeleiding", "Wachtlijst begeleiding", "Granted but not yet started "
           "begeleiding.", beter="lager"),
    _stand("wachtlijst_dagbesteding", "Wachtlijst dagbesteding", "Granted but not yet started "
           "dagbesteding.", beter="lager"),
    _stand("wachtlijst_schuldhulp", "Wachtlijst schuldhulp", "Referred but not yet started "
           "debt counselling.", beter="lager"),
    _stand("wachtlijst_reintegratie", "Wachtlijst re-integratie", "Referred but not yet "
           "started re-integration trajectories.", beter="lager"),
    _stand("wachtlijst_wmo_onderzoek", "Wachtlijst Wmo-onderzoek", "Wmo applications not "
           "assessed this month for lack of consultants' hours.", beter="lager"),
    _stand("wachtlijst_klantmanager", "Wachtlijst klantmanager", "Recipients without a "
           "klantmanager.", beter="lager"),
    _stand("bezetting_klantmanagers", "Bezetting klantmanagers", "Mean caseload of the "
           "klantmanagers as a share of their capacity.", "aandeel", geheel=False),
    _stand("in_traject_reintegratie", "In een re-integratietraject", "Residents in a "
           "re-integration trajectory."),
    _stand("in_schuldhulp", "In schuldhulp", "Residents in debt counselling."),
    _stand("in_welzijn", "In welzijnsactiviteiten", "Residents in collective welzijn "
           "activities."),
    _stand("werk_ex_bijstand", "Aan het werk na de bijstand", "Workers placed from bijstand "
           "who still have the employer they were placed with.", beter="hoger"),
    Uitvoer("nog_in_werk_18m", "Nog aan het werk na 18 maanden", "aandeel", "Of those who left "
            "bijstand for work 18 months ago, the share in work now (empty when none).",
            "stand", "gemiddelde", "gemiddelde", "hoger", False),
    _stand("professionals", "Professionals", "Klantmanagers, Wmo-consulenten and other "
           "professionals (fte; a desk's last professional may work part-time).", "fte",
           geheel=False),
    _euro("kosten_uitkeringen", "Uitkeringen (I-deel)", "Bijstand paid: norm by household "
          "(kostendelersnorm where adults share a home) minus sanctions, part-time earnings and a "
          "partner's own income (work or another benefit)."),
    _euro("kosten_reintegratie", "Re-integratie", "Trajectories, loonkostensubsidie, "
          "jobcoaches and policies' programme costs (participatiebudget)."),
    _euro("kosten_wmo_individueel", "Wmo individueel", "Individual Wmo provisions and debt "
          "counselling, with policies' tariff premiums."),
    _euro("kosten_wmo_collectief", "Wmo collectief", "Welzijn subsidy and participants, and "
          "what policies booked on collective provisions."),
    _euro("kosten_apparaat", "Apparaat (uitvoering)", "Professionals and other execution "
          "costs per benefit and per Wmo provision."),
    _euro("kosten_jeugd", "Jeugdhulp (Jeugdwet)", "Youth care for children in care."),
    _euro("kosten_totaal", "Totale kosten", "Sum of the six cost lines."),
    _stand("lks_clienten", "Met loonkostensubsidie", "Workers with loonkostensubsidie."),
    _stand("wmo_voorzieningen", "Wmo-voorzieningen", "Individual Wmo provisions in use (a "
           "client may have several)."),
    _euro("budget_ideel", "Budget I-deel", "Monthly income budget from the state, fixed at "
          "month 0.", None),
    _euro("budget_participatie", "Budget participatie", "Monthly participatiebudget, fixed at "
          "month 0.", None),
    _euro("budget_wmo", "Budget Wmo", "Monthly Wmo budget, fixed at month 0.", None),
    _euro("budget_jeugd", "Budget Jeugd", "Monthly Jeugdwet budget, fixed at month 0 (a share "
          "of month 0's youth care costs).", None),
    _euro("saldo_ideel", "Saldo I-deel", "Budget minus benefits paid (+ is a surplus).",
          "hoger"),
    _euro("saldo_participatie", "Saldo participatie", "Budget minus re-integration costs.",
          "hoger"),
    _euro("saldo_wmo", "Saldo Wmo", "Budget minus Wmo individual and collective costs and the "
          "Wmo share of execution.", "hoger"),
    _euro("saldo_jeugd", "Saldo Jeugd", "Budget minus youth care costs.", "hoger"),
    _stand("jeugdhulp", "Kinderen in jeugdhulp", "Children (0-17) in youth care (Jeugdwet)."),
    _stand("wachtlijst_jeugdhulp", "Wachtlijst jeugdhulp", "Children with a registered need "
           "for youth care that has not started.", beter="lager"),
    _stroom("instroom_jeugdhulp", "Nieuwe vragen jeugdhulp", "Children with a new need for "
            "youth care this month."),
    _stand("wajong", "Wajong", "Residents on Wajong."),
    _stand("wsw", "Wsw", "Residents in sheltered employment (Wsw)."),
    _stand("awbz_extramuraal", "AWBZ extramuraal", "Residents with AWBZ extramural care."),
    _stand("ww", "WW", "Residents on WW."),
    _stand("werkzaam_18_aow", "Werkzaam (18 jaar tot AOW)", "Share of residents aged 18 to "
           "pension age in paid work.", "aandeel", "hoger", False),
    _stand("buiten_beeld_nu", "Nu buiten beeld", "Residents without income who withdrew an "
           "application or left bijstand without a known income, and have not come back.",
           beter="lager"),
    _stand("in_opvang", "In maatschappelijke opvang", "Residents in shelter (Wmo prestatieveld "
           "7).", beter="lager"),
    _stand("bijstand_met_belemmering", "Bijstandscliënten met een belemmering", "Share of "
           "bijstand recipients with at least one obstacle.", "aandeel", geheel=False),
    _stand("bijstand_t12_bekend_wmo", "Cliënten op trede 1-2 bekend bij de Wmo", "Share of "
           "bijstand recipients on rungs 1-2 known at the Wmo desk (a provision, waiting place, "
           "application or contact in the past year).", "aandeel", geheel=False),
    _stand("bijstand_met_wmo", "Bijstandscliënten met een Wmo-maatwerkvoorziening", "Share of "
           "bijstand recipients with an individual Wmo provision.", "aandeel", geheel=False),
    _stand("wmo_in_bijstand", "Wmo-cliënten in de bijstand", "Share of residents with an "
           "individual Wmo provision who receive bijstand.", "aandeel", geheel=False),
    _stand("bijstand_hh_hulpmiddel", "Bijstandscliënten met hulp of hulpmiddel", "Share of "
           "bijstand recipients with huishoudelijke hulp or a hulpmiddel.", "aandeel",
           geheel=False),
    _stand("bijstand_in_schuldhulp", "Bijstandscliënten in schuldhulp", "Share of bijstand "
           "recipients in debt counselling.", "aandeel", geheel=False),
    _stand("wmo_met_aow", "Wmo-cliënten met AOW", "Share of residents with an individual Wmo "
           "provision who receive AOW.", "aandeel", geheel=False),
    _stand("wsw_met_wmo", "Wsw'ers met een Wmo-maatwerkvoorziening", "Share of Wsw employees "
           "with an individual Wmo provision.", "aandeel", geheel=False),
    _stand("huishoudens_bijstand", "Huishoudens in de bijstand", "Households with at least one "
           "member in bijstand.", "huishoudens", beter="lager"),
    _stand("huishoudens_twee_voorzieningen", "Huishoudens met twee of meer regelingen",
           "Households whose members together use two or more of: bijstand, Wajong, Wsw, AWBZ "
           "extramural care, an individual Wmo provision (hh, hulpmiddel, begeleiding, "
           "dagbesteding), debt counselling, shelter (each counted once per household).",
           "huishoudens"),
    _stand("zorg_voor_naasten", "Zorg voor naasten", "Residents with the obstacle 'zorg voor "
           "naasten' (Tabel 4.1): care for children or for a relative in or outside the "
           "household."),
    _stand("mantelzorgondersteuning", "Mantelzorgondersteuning", "Residents caring for "
           "relatives who receive welzijn support (Wmo prestatieveld 4: "
           "mantelzorgondersteuning)."),
    _stroom("wmo_onderzoeken", "Wmo-onderzoeken (maatwerk)", "Applications for an individual "
            "Wmo provision assessed by a Wmo-consulent this month (the CPB's referrals to "
            "maatwerk)."),
)
PER_NAAM: dict[str, Uitvoer] = {u.naam: u for u in UITVOER}
KOLOMMEN: tuple[str, ...] = tuple(u.naam for u in UITVOER)

#: Flows counted during the month with ``model.tel`` (every other output is measured).
TELLERS: tuple[str, ...] = (
    "geboren", "gevestigd", "overleden", "vertrokken", "instroom_bijstand", "uitstroom_bijstand",
    "uitstroom_naar_werk", "uitstroom_naar_werk_zorg", "uitstroom_aow", "uitstroom_overig",
    "uitstroom_buiten_beeld", "uitstroom_vertrek", "afgezien_aanvraag", "nieuwe_belemmeringen",
    "belemmeringen_opgelost", "overdracht_verloren", "wmo_onderzoeken", "instroom_jeugdhulp")
#: The six cost lines (euro per month) that make up ``kosten_totaal``.
KOSTENPOSTEN: tuple[str, ...] = ("kosten_uitkeringen", "kosten_reintegratie",
                                 "kosten_wmo_individueel", "kosten_wmo_collectief",
                                 "kosten_apparaat", "kosten_jeugd")
#: Budget lines a policy can book on with ``model.boek`` (short name -> cost column).
BOEKBARE_POSTEN: dict[str, str] = {"reintegratie": "kosten_reintegratie",
                                   "wmo_individueel": "kosten_wmo_individueel",
                                   "wmo_collectief": "kosten_wmo_collectief",
                                   "apparaat": "kosten_apparaat"}


class Tellers(dict[str, int]):
    """The month's counted flows: only the names of :data:`TELLERS`, starting at 0."""

    def __init__(self) -> None:
        """All counters at zero."""
        super().__init__(dict.fromkeys(TELLERS, 0))

    def tel(self, naam: str, aantal: int) -> None:
        """Add ``aantal`` to a declared counter.

        Raises:
            KeyError: When ``naam`` is not a declared counter.
        """
        if naam not in self:
            raise KeyError(f"{naam!r} is not a declared counted output; declared: "
                           f"{', '.join(TELLERS)}")
        self[naam] += int(aantal)

    def leeg(self) -> None:
        """Start a new month."""
        for naam in self:
            self[naam] = 0


def referentie_markdown() -> str:
    """The output reference table (README): column, label, unit, kind, aggregation, meaning."""
    regels = ["| kolom | label | eenheid | soort | per jaar / run | beschrijving |",
              "|---|---|---|---|---|---|"]
    for u in UITVOER:
        regels.append(f"| `{u.naam}` | {u.label} | {u.eenheid} | {u.soort} | {u.jaar} / "
                      f"{u.run} | {u.beschrijving} |")
    return "\n".join(regels)


if __name__ == "__main__":
    print(referentie_markdown())
