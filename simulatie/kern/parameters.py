"""Model parameters: every default with its unit, plausible range and source, in one place.

Each group is a pydantic model whose fields are declared with :func:`par`. The metadata
(``eenheid``, ``bereik``, ``bron``, ``onzeker``) lives in the JSON schema of the field, so the
parameter table (``docs/parameters.md``) and the sweep machinery read it from here.

Sources are abbreviated as:
    * ``T4.1`` - Divosa (2005) "De Wmo: voor wie, door wie?", Tabel 4.1 / Kengetallen 1.
    * ``KG2`` - idem, Kengetallen 2 (Wmo-behoefte van bijstandsgerechtigden).
    * ``DIV13`` - Divosa verkenning drie decentralisaties (c. 2013).
    * ``VJ`` - Verwey-Jonker brochure integraal participatiebeleid (c. 2010).
    * ``KB09`` - Kamerbrief 2009 over Wmo, Wwb, Wsw en WIJ.
    * ``INT17`` - interview 2017 "Participatiewet en Wmo: latrelatie of huwelijk?".
    * ``EXT:<grootheid>`` - a row of ``data/kengetallen_extern.csv`` (public figure).
    * ``AANV:<grootheid>`` - a row of ``data/aanvullend.csv``.
    * ``aanname`` - no published figure found: an uncertain parameter, explore its range.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: A parameter without its own upper bound accepts up to this many times the top of its range.
BOVENGRENS_FACTOR = 10


def par(
    default: float,
    eenheid: str,
    bron: str,
    bereik: tuple[float, float],
    *,
    ge: float | None = 0.0,
    le: float | None = None,
    onzeker: bool = False,
    uitleg: str = "",
    bronwaarde: float | None = None,
) -> Any:
    """Declare a parameter field with its metadata.

    Args:
        default: Default value.
        eenheid: Unit, e.g. ``"kans per maand"``.
        bron: Source (see module docstring for abbreviations).
        bereik: Plausible range (low, high) for uncertainty analysis.
        ge: Hard lower bound enforced on input (None: none).
        le: Hard upper bound enforced on input; None: :data:`BOVENGRENS_FACTOR` times the top
            of ``bereik`` (a larger value is a typo, and the model must run at every accepted
            value).
        onzeker: True when the effect size is unproven (an *uncertainty*).
        uitleg: One-line meaning of the parameter.
        bronwaarde: The value the sources point to, when the default is a calibration's
            posterior median instead; a calibration's prior keeps its mode here, so that the
            next calibration does not start from this one's result (None: the default).

    Returns:
        A pydantic ``Field``.
    """
    extra = {"eenheid": eenheid, "bron": bron, "bereik": list(bereik), "onzeker": onzeker}
    if bronwaarde is not None:
        extra["bronwaarde"] = bronwaarde
    if le is None:
        le = BOVENGRENS_FACTOR * max(abs(bereik[0]), abs(bereik[1]), 1e-9)
    return Field(default, ge=ge, le=le, description=uitleg, json_schema_extra=extra)


def kans(default: float, eenheid: str, bron: str, bereik: tuple[float, float], **kw: Any) -> Any:
    """Declare a probability or share parameter (hard bounds 0..1 unless ``ge``/``le`` say)."""
    kw.setdefault("ge", 0.0)
    kw.setdefault("le", 1.0)
    return par(default, eenheid, bron, bereik, **kw)


class _Groep(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, strict=True,
                              allow_inf_nan=False)


def _som_hooguit_een(model: BaseModel, *velden: str) -> None:
    """Raise when shares that split one whole add up to more than 1."""
    som = sum(getattr(model, v) for v in velden)
    if som > 1.0 + 1e-9:
        raise ValueError(f"{' + '.join(velden)} = {som:g}; these shares must sum to at most 1 "
                         f"(the rest is the remaining group)")


class Bevolking(_Groep):
    """Generator of the synthetic municipality at month 0."""

    aandeel_0_17: float = kans(0.19, "fractie inwoners", "AANV:aandeel_0_17", (0.15, 0.23),
                               uitleg="Share of children (0-17).")
    aandeel_67plus: float = kans(0.17, "fractie inwoners", "AANV:aandeel_67plus", (0.12, 0.24),
                                 uitleg="Share of residents at or above pension age.")
    aandeel_werkend: float = kans(0.72, "fractie 18-66 zonder bijstand, Wajong of Wsw",
                                  "CBS netto arbeidsparticipatie 2023 (72%)", (0.6, 0.74),
                                  uitleg="Employed share of adults outside the schemes "
                                  "(the chance work -> no income is derived from it).")
    aandeel_fase_1: float = kans(0.1, "fractie bijstandsbestand", "aanname (T4.1 geeft fase "
                                 "2/3 = 50%; rest verdeeld over fase 1 en 4)", (0.1, 0.25),
                                 onzeker=True, uitleg="Bijstand clients in fase 1.")
    aandeel_fase_23: float = kans(0.50, "fractie bijstandsbestand", "T4.1 Kengetallen 1 "
                                  "(uitvallers fase 2/3: 50% van totaal bestand)", (0.4, 0.6),
                                  uitleg="Bijstand clients in fase 2/3; fase 4 is the rest.")
    duur_fase_1: float = par(8, "maanden (gemiddelde, exponentieel)", "aanname; samen met "
                             "fase 2/3 en 4 gekalibreerd op EXT:bijstand_langer_dan_5_jaar "
                             "(36%) en EXT:bijstand_gemiddelde_duur (56 mnd)", (4, 14))
    duur_fase_23: float = par(40, "maanden (gemiddelde)", "idem", (25, 60))
    duur_fase_4: float = par(110, "maanden (gemiddelde)", "idem", (80, 160))
    aandeel_deeltijdwerk: float = kans(0.08, "fractie bijstandsbestand",
                                       "EXT:parttime_werk_naast_bijstand", (0.05, 0.12))
    deeltijd_einde: float = kans(0.03, "kans per maand dat deeltijdwerk stopt", "aanname",
                                 (0.015, 0.06))
    deeltijd_inkomen: float = par(500, "euro netto per maand", "aanname", (300, 800),
                                  uitleg="Mean earnings deducted from bijstand for part-timers.")
    aandeel_paar_bijstand: float = kans(0.17, "fractie bijstandsbestand", "CBS leefvorm "
                                        "bijstand (ca. 17% paren) - afgerond", (0.1, 0.25))
    aandeel_ouder_bijstand_overig: float = kans(
        0.12, "fractie bijstandsclienten buiten het profiel alleenstaande ouders",
        "aanname (samen met het profiel ca. een kwart alleenstaande ouders in de bijstand)",
        (0.05, 0.2), uitleg="Single parents among clients outside that fase-4 profile.",
        onzeker=True)
    aandeel_vrouw_alleenstaande_ouder: float = kans(
        0.85, "fractie", "CBS huishoudens (ruim 80% van de eenoudergezinnen heeft een moeder "
        "als ouder) - afgerond", (0.75, 0.9), uitleg="Women among single parents (bijstand "
        "clients and, at month 0, others), and the chance that the mother keeps the children "
        "after a divorce.")
    motivatie_per_belemmering: float = par(
        0.08, "daling motivatie (0..1) per belemmering", "aanname", (0.0, 0.15), le=1.0,
        uitleg="Lower motivation of bijstand clients per obstacle at month 0.")
    aandeel_psychisch_wajong_wsw: float = kans(
        0.5, "fractie Wajong- en Wsw-gerechtigden", "aanname (de rest: fysieke belemmering)",
        (0.3, 0.7), uitleg="Psychological rather than physical obstacle in Wajong and Wsw.",
        onzeker=True)
    huishoudens_alleenstaand: float = kans(
        0.399, "fractie particuliere huishoudens", "CBS StatLine 37975, 1 januari 2024: "
        "3.340.560 eenpersoonshuishoudens van 8.374.404 particuliere huishoudens", (0.3, 0.55),
        uitleg="One-person households (month 0).")
    huishoudens_paar_zonder_kinderen: float = kans(
        0.279, "fractie particuliere huishoudens", "CBS StatLine 37620, 1 januari 2024: "
        "4.677.716 partners in paren zonder kinderen (2.338.858 paren) van 8.374.404 "
        "huishoudens (37975)", (0.22, 0.33), uitleg="Couples without children at home.")
    huishoudens_paar_met_kinderen: float = kans(
        0.242, "fractie particuliere huishoudens", "CBS StatLine 37620, 1 januari 2024: "
        "4.059.756 partners in paren met kinderen (2.029.878 paren) van 8.374.404 huishoudens",
        (0.15, 0.3), uitleg="Couples with children at home (of any age).")
    huishoudens_eenouder: float = kans(
        0.074, "fractie particuliere huishoudens", "CBS StatLine 37620, 1 januari 2024: "
        "618.056 ouders in eenouderhuishoudens van 8.374.404 huishoudens", (0.05, 0.1),
        uitleg="Single-parent households.")
    huishoudens_overig: float = kans(
        0.006, "fractie particuliere huishoudens", "CBS StatLine 37975 en 37620, 1 januari "
        "2024: 47.052 overige meerpersoonshuishoudens (zonder paar of ouder) van 8.374.404",
        (0.0, 0.02), uitleg="Other households (adults sharing a home). The five household "
        "shares are weights: the build divides them by their sum (1 at the defaults).")
    huishoudensgrootte: float = par(
        2.11, "personen per particulier huishouden", "CBS StatLine 37620 en 37975, 1 januari "
        "2024: 17.653.766 personen in 8.374.404 particuliere huishoudens", (1.8, 2.4), ge=1.2,
        le=4.0, uitleg="Mean household size at month 0: sets the number of households and so "
        "how many adults live with their parents.")
    @model_validator(mode="after")
    def _aandelen(self) -> Bevolking:
        _som_hooguit_een(self, "aandeel_fase_1", "aandeel_fase_23")
        _som_hooguit_een(self, "aandeel_vrijwilligerswerk", "aandeel_georganiseerd")
        _som_hooguit_een(self, "aandeel_0_17", "aandeel_67plus")
        if not any(getattr(self, f"huishoudens_{x}") > 0 for x in
                   ("alleenstaand", "paar_zonder_kinderen", "paar_met_kinderen", "eenouder",
                    "overig")):
            raise ValueError("huishoudens_*: at least one household share must be above 0")
        return self

    aandeel_wajong_werkend: float = kans(0.25, "fractie wajongers", "UWV Wajong-monitor "
                                         "(ca. 25% werkt) - afgerond", (0.15, 0.35))
    wsw_uitstroom: float = kans(0.02, "kans per jaar dat een Wsw-werknemer doorstroomt naar "
                                "regulier werk (naast AOW)", "aanname (doorstroom uit de Wsw is "
                                "klein)", (0.005, 0.05), uitleg="Outflow from Wsw to regular "
                                "work; the entry rate follows from it and the key figure.")
    awbz_einde: float = kans(0.15, "kans per jaar dat AWBZ-extramurale zorg eindigt (herstel, "
                             "intramuraal)", "aanname", (0.05, 0.3), onzeker=True, ge=0.01,
                             uitleg="End of AWBZ extramural care; the entry rate follows from "
                             "it and the key figure (at least 0.01: without an end the "
                             "stationary stock is everyone who ever entered).")
    aandeel_vrijwilligerswerk: float = kans(
        0.25, "fractie volwassenen", "aanname; CBS: bijna de helft van de 15-plussers doet "
        "ooit vrijwilligerswerk, geregeld (trede 4) minder", (0.15, 0.4), onzeker=True,
        uitleg="Adults doing volunteer work: rung 4 when they do not work.")
    aandeel_georganiseerd: float = kans(
        0.40, "fractie volwassenen", "aanname (vereniging, cursus)", (0.25, 0.55),
        onzeker=True, uitleg="Adults in organised activities: rung 3 when they do not work.")


class Demografie(_Groep):
    """Ageing, births, deaths, migration and pension age."""

    aow_leeftijd: int = Field(67, ge=60, le=75, description="Pension age in years.",
                              json_schema_extra={"eenheid": "jaar", "bron": "AANV:aow_leeftijd",
                                                 "bereik": [67, 67], "onzeker": False})
    sterfte_80: float = kans(0.05, "kans per jaar op 80 jaar (Gompertz, factor 0.095/jaar)",
                             "CBS overlevingstafel (q80 ca. 5%); AANV:sterfte_per_jaar",
                             (0.04, 0.06))
    geboorte_per_jaar: float = kans(0.0095, "fractie inwoners per jaar",
                                    "AANV:geboorte_per_jaar", (0.007, 0.012), le=0.05,
                                    uitleg="Births per inhabitant a year (at most 5%: above "
                                    "the highest crude birth rate of any country).")
    vertrek_per_jaar: float = kans(0.06, "fractie inwoners per jaar",
                                   "AANV:migratie_per_jaar", (0.03, 0.09))
    vertrek_factor_bijstand: float = par(0.5, "relatieve verhuiskans van bijstandsgerechtigden",
                                         "aanname (lagere mobiliteit, sociale huur)", (0.3, 1.0),
                                         le=3.0)
    uit_huis_per_jaar: float = kans(
        0.13, "kans per jaar dat een thuiswonend kind van 18 jaar of ouder uit huis gaat",
        "CBS: jongeren gaan gemiddeld rond hun 23e uit huis; een constante kans vanaf 18 met "
        "mediaan 23 jaar is ca. 13% per jaar (afgerond)", (0.08, 0.2),
        uitleg="Children at home aged 18+ leave for a one-person household of their own.")
    wees_in_gemeente: float = kans(
        0.5, "fractie van de kinderen zonder volwassene in huis", "aanname (familie of "
        "pleegzorg in de gemeente; de rest verhuist naar familie elders)", (0.0, 1.0),
        onzeker=True, uitleg="Children left without an adult at home (the last adult died or "
        "moved out) who go to live with another household in the municipality; the others "
        "leave the municipality.")


class Levensgebeurtenissen(_Groep):
    """Hazards of the life events that feed inflow into bijstand.

    The four routes into bijstand (job loss without WW, end of WW, divorce, loss of other
    support) set who enters; their common level is anchored at the build so that the expected
    number of new entitlements is ``instroom_nieuw_per_jaar`` of the municipality's own stock.
    """

    instroom_nieuw_per_jaar: float = kans(
        0.185, "nieuwe rechthebbenden per jaar als fractie van het bijstandsbestand op maand 0",
        "gekalibreerd: met terugkeer na baanverlies en verhuizing samen "
        "EXT:bijstand_instroom_pct_per_jaar (24.1%)", (0.14, 0.22),
        uitleg="Anchor of the inflow routes below, relative to the municipality's own stock.",
        onzeker=True)

    baanverlies: float = kans(0.003, "kans per maand (werk -> WW)", "UWV WW-instroom ca. "
                              "350.000/jaar op 9.5 mln werknemers", (0.002, 0.005))
    baanverlies_zonder_ww: float = kans(0.0007, "kans per maand (werk -> geen inkomen)",
                                        "aanname (flexwerk zonder WW-rechten); relatief gewicht, "
                                        "het niveau volgt instroom_nieuw_per_jaar",
                                        (0.0003, 0.0012),
                                        onzeker=True)
    ww_naar_werk: float = kans(0.07, "kans per maand", "UWV (mediane WW-duur ca. 9 maanden)",
                               (0.05, 0.1))
    ww_max_duur: int = Field(24, ge=3, le=38, description="Maximum WW duration (months).",
                             json_schema_extra={"eenheid": "maanden", "bron": "AANV:ww_max_duur",
                                                "bereik": [12, 24], "onzeker": False})
    risico_per_belemmering: float = par(2.0, "relatieve toename van inkomensverlies per "
                                        "belemmering", "aanname; gekalibreerd op het aandeel "
                                        "bijstandsclienten met een belemmering (80%, 2012) na "
                                        "tien jaar (maand 0 volgt T4.1 los hiervan): 72,9% bij "
                                        "1,0, 74,1% bij 1,5, 75,3% bij 2,0 (Groningen-tarieven, "
                                        "50.000 inwoners, 4 seeds, 1 dec 2026)",
                                        (0.5, 2.0), onzeker=True)
    risicogewicht_taal: float = par(3.0, "gewicht van taal/sociale vaardigheden in het risico",
                                    "aanname; T4.1 (35% van de uitvallers, 100% van jongeren "
                                    "en oudkomers tegen ca. 5% van de bevolking)", (1.0, 5.0),
                                    ge=0.0, le=20.0, onzeker=True)
    risicogewicht_naasten: float = par(2.0, "gewicht van alleen zorgen voor kinderen of naasten "
                                       "in het risico", "aanname; T4.1 (alleenstaande ouders "
                                       "21% van fase 4)", (1.0, 4.0), ge=0.0, le=20.0,
                                       onzeker=True)
    bijstand_na_ww: float = kans(0.3, "kans bij einde WW zonder werk", "aanname (partnerinkomen "
                                 "en vermogenstoets houden de rest buiten de bijstand)",
                                 (0.15, 0.45), onzeker=True)
    scheiding: float = kans(0.012, "kans per jaar (paar -> alleenstaand(e ouder))",
                            "CBS echtscheidingen ca. 1.2% van paren per jaar", (0.008, 0.016))
    bijstand_na_scheiding: float = kans(0.5, "kans voor wie bij de scheiding geen eigen "
                                        "inkomen heeft", "aanname (wie werkt of een uitkering "
                                        "heeft, houdt die)", (0.3, 0.8), onzeker=True)
    geen_naar_bijstand: float = kans(0.0012, "kans per maand (18-66 zonder inkomen)",
                                     "aanname (schoolverlaters, partnerverlies, zzp); relatief "
                                     "gewicht, het niveau volgt instroom_nieuw_per_jaar",
                                     (0.0006, 0.002),
                                     onzeker=True)
    geen_naar_werk: float = kans(0.012, "kans per maand (18-66 zonder inkomen)",
                                 "aanname (studenten en herintreders)", (0.008, 0.02))


class Belemmeringen(_Groep):
    """New obstacles as hazards and their spontaneous resolution (adults 18+)."""

    nieuw_psychisch: float = kans(0.015, "kans per jaar", "aanname (CBS/Trimbos: jaarprevalentie "
                                  "psychische aandoening ca. 20%)", (0.01, 0.04), onzeker=True)
    nieuw_fysiek: float = kans(0.008, "kans per jaar (x2 vanaf 50 jaar)", "aanname",
                               (0.006, 0.02), onzeker=True)
    nieuw_schulden: float = kans(0.02, "kans per jaar", "EXT:problematische_schulden_huishoudens "
                                 "(8% van huishoudens, evenwicht met oplossing)", (0.01, 0.03),
                                 onzeker=True)
    nieuw_sociale_vaardigheden_taal: float = kans(0.003, "kans per jaar", "aanname (o.a. "
                                                  "nieuwkomers; bevolkingsprevalentie ca. 5%)",
                                                  (0.001, 0.006), onzeker=True)
    nieuw_zorg_voor_naasten: float = kans(0.01, "kans per jaar", "aanname", (0.005, 0.02),
                                          onzeker=True)
    nieuw_sociaal_isolement: float = kans(0.015, "kans per jaar", "aanname (CBS: ca. 10% "
                                          "sterk eenzaam)", (0.008, 0.03), onzeker=True)
    risicofactor_bijstand: float = par(3.0, "vermenigvuldiger voor wie in armoede leeft "
                                       "(bijstand, niet-gebruik, buiten beeld)",
                                       "aanname (armoede vergroot risico; DOMEIN)", (1.5, 4.0),
                                       onzeker=True)
    risico_zonder_begeleiding: float = par(1.5, "vermenigvuldiger op nieuwe psychische "
                                           "problemen en isolement van bijstandsclienten zonder "
                                           "begeleiding (geen klantmanager, geen dienst)",
                                           "aanname; DIV13 (terugval zonder langdurige "
                                           "begeleiding)", (1.0, 2.5), ge=1.0, le=10.0,
                                           onzeker=True)
    herstel_psychisch: float = kans(0.06, "kans per jaar zonder hulp", "aanname", (0.05, 0.2),
                                    onzeker=True)
    herstel_fysiek: float = kans(0.05, "kans per jaar zonder hulp", "aanname", (0.02, 0.1),
                                 onzeker=True)
    herstel_sociale_vaardigheden_taal: float = kans(0.02, "kans per jaar zonder hulp",
                                                    "aanname", (0.0, 0.05), onzeker=True)
    herstel_schulden: float = kans(0.1, "kans per jaar zonder hulp", "aanname", (0.05, 0.25),
                                   onzeker=True)
    herstel_zorg_kinderen: float = kans(0.08, "kans per jaar dat de zorg van een alleenstaande "
                                        "ouder voor de kinderen geen belemmering meer is",
                                        "aanname (kinderen worden ouder: jonge kinderen tot 12 "
                                        "jaar in T4.1, dus ca. 12 jaar)", (0.05, 0.15))
    herstel_zorg_voor_naasten: float = kans(0.1, "kans per jaar zonder hulp (kinderen worden "
                                            "ouder)", "aanname", (0.06, 0.2), onzeker=True)
    herstel_sociaal_isolement: float = kans(0.08, "kans per jaar zonder hulp", "aanname",
                                            (0.05, 0.2), onzeker=True)
    risico_zorgvrager: float = par(3.0, "vermenigvuldiger op nieuwe zorg voor naasten als een "
                                   "ander lid van het huishouden zorg nodig heeft (AWBZ "
                                   "extramuraal, Wmo-zorg, jeugdhulp)", "aanname; KG2 (16% van "
                                   "de bijstandsgerechtigden verleent mantelzorg; ook voor wie "
                                   "buiten het huis woont)",
                                   (1.0, 6.0), ge=1.0, le=20.0, onzeker=True,
                                   uitleg="Care for relatives arises more often where a member "
                                   "of the household needs care; the base hazard is derived at "
                                   "month 0 so the average stays nieuw_zorg_voor_naasten.")
    ontlasting: float = par(2.0, "vermenigvuldiger op het herstel van zorg voor naasten als de "
                            "zorg van een ander lid geleverd wordt (Wmo-zorg in gebruik, "
                            "jeugdhulp gestart)", "aanname; KG2 (de Wmo: zo "
                            "lang mogelijk thuis met mantelzorg en thuiszorg)",
                            (1.0, 4.0), ge=1.0, le=20.0, onzeker=True,
                            uitleg="A member's provision relieves the carer; the base is derived "
                            "at month 0 so the average stays herstel_zorg_voor_naasten.")


class Signaleren(_Groep):
    """Becoming known to the municipality: application vs non-take-up."""

    niet_gebruik_bijstand: float = kans(0.25, "fractie rechthebbenden die niet direct aanvraagt",
                                        "CPB/SZW niet-gebruik bijstand (ca. 20-35%)", (0.15, 0.4),
                                        onzeker=True)
    aanvraag_later: float = kans(0.04, "kans per maand dat een niet-gebruiker alsnog aanvraagt",
                                 "aanname", (0.02, 0.08), onzeker=True)
    heraanvraag_uit_beeld: float = kans(0.02, "kans per maand dat wie buiten beeld is (afgezien "
                                        "of zonder bekend inkomen vertrokken) opnieuw bijstand "
                                        "aanvraagt", "aanname; INT17 (wie niet onder de een "
                                        "valt, valt onder de ander)", (0.005, 0.05),
                                        onzeker=True)
    recht_met_partnerinkomen: float = kans(
        0.1, "kans dat wie zijn inkomen verliest en een partner met eigen inkomen (werk of een "
        "uitkering) heeft, toch recht op bijstand heeft", "aanname; Participatiewet: de bijstand "
        "is een uitkering voor het huishouden, het inkomen van de partner telt mee (DOMEIN: een "
        "paar is een uitkeringseenheid); alleen een partnerinkomen onder de norm laat recht",
        (0.0, 0.3), onzeker=True,
        uitleg="Household means test: entitlement despite a partner with an income.")
    wmo_aanvraag: float = kans(0.25, "kans per maand dat een inwoner met Wmo-behoefte aanvraagt",
                               "aanname (niet-gebruik Wmo)", (0.1, 0.5), onzeker=True)


class Toewijzen(_Groep):
    """Caseloads and capacity of the professionals (siloed baseline)."""

    caseload_regulier: float = par(100, "clienten per klantmanager",
                                   "EXT:caseload_regulier", (70, 150), ge=1)
    formatie_factor: float = par(1.0, "klantmanagers t.o.v. bestand/caseload op maand 0",
                                 "aanname", (0.8, 1.2), ge=0.05, onzeker=True)
    uren_per_fte: float = par(120, "productieve uren per maand", "aanname (1 fte, 36 u/week, "
                              "80% productief)", (100, 130), ge=1)
    wmo_consulenten_per_10000: float = par(1.2, "fte per 10.000 inwoners", "aanname",
                                           (0.8, 1.6), ge=0.01, onzeker=True)
    uren_per_wmo_onderzoek: float = par(4, "uur per aanvraag (keukentafelgesprek + beschikking)",
                                        "aanname", (3, 6), ge=0.5, onzeker=True)


class Begeleiden(_Groep):
    """Siloed diagnosis and hand-off losses between the two desks."""

    signaleer_werk: float = kans(0.8, "kans dat de klantmanager een werkgerelateerde "
                                 "belemmering (taal, fysiek) herkent", "aanname", (0.6, 0.95),
                                 onzeker=True)
    signaleer_schulden: float = kans(0.3, "kans dat de klantmanager schulden herkent",
                                     "DOMEIN: 24% heeft schulden, 6% in schuldhulptraject",
                                     (0.15, 0.5), onzeker=True)
    signaleer_zorg: float = kans(0.45, "kans dat de klantmanager een zorgbelemmering "
                                 "(psychisch, isolement, naasten) herkent", "aanname; VJ "
                                 "(consulent ziet werk, niet het hele huishouden)", (0.3, 0.7),
                                 onzeker=True)
    overdrachtsverlies: float = kans(0.4, "kans dat een doorverwijzing tussen de loketten "
                                     "verloren gaat", "aanname; ONTWERP (hand-offs between silos "
                                     "lose people); INT17 sorteermachine", (0.2, 0.6), onzeker=True)
    herdiagnose_maanden: int = Field(12, ge=1, le=60, description="Months between diagnoses.",
                                     json_schema_extra={"eenheid": "maanden", "bron": "aanname",
                                                        "bereik": [6, 24], "onzeker": True})


class Aanbieders(_Groep):
    """Providers: capacity, price, effect and staff turnover."""

    capaciteit_reintegratie: float = par(12, "trajectplaatsen per 1.000 bijstandsclienten",
                                         "aanname; EXT:reintegratiebudget_per_client", (6, 25))
    ruimte_schuldhulp: float = par(1.1, "plaatsen t.o.v. de verwachte vraag op maand 0",
                                   "aanname (wachtlijst klein maar niet nul)", (0.9, 1.3),
                                   ge=0.1, le=10.0)
    ruimte_begeleiding: float = par(1.1, "plaatsen t.o.v. de verwachte vraag op maand 0",
                                    "aanname", (0.9, 1.3), ge=0.1, le=10.0)
    ruimte_dagbesteding: float = par(1.1, "plaatsen t.o.v. de verwachte vraag op maand 0",
                                     "aanname", (0.9, 1.3), ge=0.1, le=10.0)
    ruimte_thuiszorg: float = par(1.1, "plaatsen t.o.v. de verwachte vraag op maand 0",
                                  "aanname", (0.9, 1.3), ge=0.1, le=10.0)
    inkoop_bijstelling: float = kans(0.5, "fractie per jaar van het verschil tussen vraag "
                                     "(clienten plus wachtenden, maal ruimte_*) en plaatsen "
                                     "die de gemeente bij- of afkoopt (Wmo-aanbieders)",
                                     "aanname (Wmo 2015: maatwerk is een plicht, contracten "
                                     "volgen de vraag met vertraging); 0 = vaste contracten",
                                     (0.0, 1.0), onzeker=True)
    prijs_reintegratie: float = par(400, "euro per trajectmaand", "EXT:work_first_traject / "
                                    "reintegratiebudget_per_client (1450-1600/jaar)", (250, 600))
    prijs_schuldhulp: float = par(200, "euro per trajectmaand",
                                  "EXT:schuldhulp_traject (2400 per 12 maanden)", (120, 300))
    prijs_begeleiding: float = par(424, "euro per client per maand",
                                   "EXT:wmo_kosten_ondersteuning_thuis_per_client (5090/jaar)",
                                   (300, 600))
    prijs_dagbesteding: float = par(600, "euro per client per maand (ca. 2 dagdelen/week + "
                                    "vervoer)", "EXT:dagbesteding_tarief, dagbesteding_vervoer",
                                    (400, 900))
    prijs_hh: float = par(221, "euro per client per maand", "EXT:wmo_kosten_hh_per_client "
                          "(2650/jaar)", (150, 300))
    prijs_opvang: float = par(2000, "euro per client per maand", "aanname (maatschappelijke "
                              "opvang: bed, begeleiding)", (1000, 3500))
    prijs_hulpmiddel: float = par(74, "euro per client per maand",
                                  "EXT:wmo_kosten_hulpmiddel_per_client (890/jaar)", (50, 110))
    effect_reintegratie: float = kans(0.015, "kans per maand dat taal/sociale vaardigheden "
                                      "verbeteren", "aanname; DIV13 (activeren en leren "
                                      "effectief gedrag: bewezen effectief; taal en sociale "
                                      "vaardigheden vragen jaren)", (0.005, 0.04),
                                      onzeker=True)
    effect_schuldhulp: float = kans(0.03, "kans per maand dat schulden stabiel/opgelost raken",
                                    "aanname (schuldhulptraject ca. 1-3 jaar)", (0.02, 0.1),
                                    onzeker=True)
    effect_begeleiding: float = kans(0.03, "kans per maand dat psychische belemmering "
                                     "hanteerbaar wordt", "aanname; DIV13 (effect onzeker)",
                                     (0.01, 0.08), onzeker=True)
    effect_welzijn: float = kans(0.04, "kans per maand dat isolement / mantelzorglast afneemt",
                                 "aanname; VJ", (0.02, 0.12), onzeker=True)
    duur_traject: float = par(9, "maanden (gemiddelde duur van een traject)", "aanname",
                              (6, 18), ge=1, onzeker=True)
    verloop_personeel: float = kans(0.15, "fractie personeel per jaar", "AANV/landelijk: "
                                    "thuiszorg_vervangingsvraag 15.000/jaar", (0.1, 0.25))
    personeel_per_client_thuiszorg: float = par(0.1, "fte per hh-client", "aanname",
                                                (0.06, 0.15))
    welzijn_subsidie_per_inwoner: float = par(40, "euro per inwoner per jaar", "aanname; "
                                              "EXT:wmo_uitgaven_per_inwoner (308, waarvan "
                                              "algemeen/collectief ca. 13%)", (25, 60))
    welzijn_kosten_per_deelnemer: float = par(50, "euro per deelnemer per maand", "aanname",
                                              (25, 100))


class Activeren(_Groep):
    """Ladder moves on rungs 1-4 and relapse."""

    stijging_basis: float = kans(0.03, "kans per maand op een trede hoger zonder belemmeringen",
                                 "aanname; gekalibreerd op stabiele ladderverdeling", (0.01, 0.05),
                                 onzeker=True)
    belemmering_rem: float = par(0.5, "factor per resterende belemmering (exp(-x*n))",
                                 "aanname; DOMEIN (meervoudige problematiek)", (0.3, 0.8),
                                 onzeker=True)
    steun_effect: float = par(1.0, "relatieve toename stijgkans met klantmanager of traject",
                              "aanname; DIV13 (activering bewezen effectief)", (0.3, 2.0),
                              onzeker=True)
    terugval_basis: float = kans(0.012, "kans per maand op een trede lager",
                                 "aanname; DIV13 (terugval zonder nazorg)", (0.005, 0.02),
                                 onzeker=True)
    nazorg_terugval: float = par(0.5, "relatieve terugvalkans met begeleiding (nazorg)",
                                 "aanname; DIV13 (langdurige begeleiding voorkomt terugval)",
                                 (0.3, 1.0), le=1.0, onzeker=True)
    terugval_per_belemmering: float = par(0.4, "relatieve toename terugval per belemmering",
                                          "aanname", (0.1, 0.8), onzeker=True)


class Arbeidsmarkt(_Groep):
    """Employers, vacancies, matching and job loss after placement."""

    werkgevers: int = Field(40, ge=1, le=2000, description="Number of employer agents.",
                            json_schema_extra={"eenheid": "werkgevers", "bron": "aanname "
                                               "(sectorclusters)", "bereik": [20, 80],
                                               "onzeker": False})
    vacatures_per_1000_inwoners: float = par(1.2, "laagdrempelige vacatures per maand per 1.000 "
                                             "inwoners", "aanname (CBS vacatures ca. 400.000 "
                                             "open, deel laag/middelbaar)", (0.6, 2.0))
    conjunctuur: float = par(0.0, "afwijking vacatures t.o.v. trend (-0.5 crisis .. +0.5 "
                             "hoogconjunctuur)", "aanname", (-0.3, 0.3), ge=-0.9, le=1.0,
                             onzeker=True)
    conjunctuur_amplitude: float = par(0.0, "relatieve amplitude van de conjunctuurgolf (een "
                                       "trend: 0 tenzij het scenario een golf verklaart, "
                                       "bijvoorbeeld 0.15)", "CBS vacaturegraad 2013-2023 "
                                       "(schommelt ca. +/-30%)", (0.0, 0.3), le=0.9)
    conjunctuur_periode: float = par(96, "maanden", "aanname (conjunctuurcyclus 6-10 jaar)",
                                     (72, 120), ge=12)
    openheid: float = kans(0.22, "gemiddelde kans dat een werkgever een bijstandskandidaat "
                           "aanneemt boven een andere sollicitant", "aanname; gekalibreerd op "
                           "EXT:uitstroom_naar_werk_aandeel (36%)", (0.1, 0.4), onzeker=True)
    baankans_basis: float = kans(0.165, "kans per maand op werk bij gewicht 1, trendvacatures en "
                                 "openheid 1", "gekalibreerd op EXT:uitstroom_naar_werk_aandeel "
                                 "(36%)", (0.1, 0.3), onzeker=True)
    belemmering_rem_baan: float = par(0.5, "factor per belemmering op de baankans "
                                      "(exp(-x*n))", "aanname; DOMEIN (werkgevers willen weten "
                                      "wat iemand kan)", (0.3, 0.8), onzeker=True)
    trede_rem_baan: float = par(0.5, "factor per trede onder trede 4 op de baankans "
                                "(exp(-x*(4-trede)))", "aanname; DOMEIN (afstand tot de "
                                "arbeidsmarkt: hoe lager op de ladder, hoe kleiner de kans)",
                                (0.2, 1.2), onzeker=True)
    werkgeversbenadering: float = par(1.3, "relatieve baankans met klantmanager (matching, "
                                      "nazorg)", "aanname; DOMEIN (gemeente voegt waarde toe "
                                      "door matching en nazorg)", (1.0, 1.6), onzeker=True)
    duur_rem: float = par(0.025, "afname baankans per maand uitkeringsduur (exp(-x*duur), "
                          "max 60 maanden)", "EXT:uitstroom_naar_werk_5plus_jaar (2%/jaar)",
                          (0.01, 0.04), onzeker=True)
    baanverlies_na_plaatsing: float = kans(0.018, "kans per maand in de eerste 18 maanden",
                                           "EXT:nog_in_baan_na_18_maanden (72%)",
                                           (0.01, 0.03))
    ww_na_maanden_werk: int = Field(12, ge=1, le=36, description="Months of work after a "
                                    "placement before job loss gives WW rights (before: "
                                    "bijstand again).",
                                    json_schema_extra={"eenheid": "maanden", "bron": "aanname "
                                                       "(WW-wekeneis 26 van 36 weken; "
                                                       "plaatsingen beginnen vaak tijdelijk)",
                                                       "bereik": [6, 12], "onzeker": True})
    aandeel_lks: float = kans(0.5, "fractie plaatsingen met fysieke/psychische belemmering die "
                              "loonkostensubsidie krijgt", "DOMEIN (LKS bij blijvend lagere "
                              "productiviteit)", (0.3, 0.8))
    loonwaarde: float = kans(0.625, "loonwaarde als fractie van WML", "EXT:loonwaarde_lks",
                             (0.5, 0.75))
    wml_werkgeverslasten: float = par(2700, "euro per maand", "AANV:wettelijk_minimumloon",
                                      (2500, 2900))
    jobcoach_uren: float = par(12, "uur per maand in jaar 1", "EXT:jobcoach_intensiteit (15% "
                               "van gewerkte uren)", (6, 20))
    jobcoach_tarief: float = par(65, "euro per uur", "aanname (UWV-tarief jobcoaching)",
                                 (50, 80))
    werkgevers_met_lks: float = kans(0.8, "fractie werkgevers die loonkostensubsidie toepast",
                                     "aanname", (0.5, 1.0))
    werkgevers_met_jobcoach: float = kans(0.6, "fractie werkgevers die een jobcoach toelaat",
                                          "aanname", (0.3, 0.9))
    werkgevers_met_proefplaatsing: float = kans(0.5, "fractie werkgevers die proefplaatsingen "
                                                "aanbiedt", "aanname", (0.2, 0.8))
    proefplaatsing_effect: float = par(1.5, "relatieve baankans van langdurig (> 2 jaar) "
                                       "werklozen bij een werkgever met proefplaatsing",
                                       "aanname; DOMEIN (risico afdekken werkt beter dan "
                                       "subsidie)", (1.0, 2.5), onzeker=True)
    proefplaatsing_uitval: float = kans(0.25, "kans dat een proefplaatsing (2 maanden) niet "
                                        "tot een baan leidt", "aanname; DOMEIN (risico afdekken)",
                                        (0.1, 0.4), onzeker=True)
    uitstroom_overig: float = kans(0.0065, "kans per maand op uitstroom om andere redenen "
                                   "(partner, studie, andere uitkering, verhuizing binnen NL)",
                                   "gekalibreerd op EXT:bijstand_uitstroom_pct_per_jaar (23.4%) "
                                   "en uitstroom_naar_werk_aandeel (36%)", (0.004, 0.01),
                                   onzeker=True)
    aandeel_onbekend: float = kans(0.1, "fractie van overige uitstroom zonder bekend inkomen "
                                   "(buiten beeld)", "aanname", (0.05, 0.2), onzeker=True)


class Wmo(_Groep):
    """Demand for and allocation of individual provisions."""

    behoefte_hh_75plus: float = kans(0.064, "kans per jaar", "aanname; gekalibreerd op "
                                     "EXT:wmo_clienten_per_1000_inwoners (63)", (0.06, 0.15),
                                     onzeker=True)
    behoefte_hh_67_74: float = kans(0.013, "kans per jaar", "idem", (0.01, 0.04), onzeker=True)
    behoefte_hh_fysiek: float = kans(0.027, "kans per jaar (18-66 met fysieke belemmering)",
                                     "idem", (0.01, 0.05), onzeker=True)
    behoefte_hulpmiddel_75plus: float = kans(0.054, "kans per jaar", "idem", (0.04, 0.2),
                                             onzeker=True)
    behoefte_hulpmiddel_67_74: float = kans(0.013, "kans per jaar", "idem", (0.01, 0.06),
                                            onzeker=True)
    behoefte_hulpmiddel_fysiek: float = kans(0.027, "kans per jaar", "idem", (0.02, 0.08),
                                             onzeker=True)
    behoefte_begeleiding_psychisch: float = kans(0.054, "kans per jaar (met psychische "
                                                 "belemmering)", "idem; KG2 (zorgloket 40%)",
                                                 (0.04, 0.15), onzeker=True)
    behoefte_begeleiding_80plus: float = kans(0.015, "kans per jaar", "idem", (0.01, 0.05),
                                              onzeker=True)
    behoefte_dagbesteding_80plus: float = kans(0.022, "kans per jaar", "idem", (0.01, 0.05),
                                               onzeker=True)
    behoefte_dagbesteding_isolement: float = kans(0.036, "kans per jaar (isolement en "
                                                  "psychisch)", "idem", (0.02, 0.08), onzeker=True)
    behoefte_schuldhulp_schulden: float = kans(0.1, "kans per jaar (met schulden) op een "
                                               "aanvraag bij het loket voor schuldhulp",
                                               "aanname; DOMEIN (24% schulden, 6% in traject)",
                                               (0.05, 0.3), onzeker=True)
    behoefte_welzijn_isolement: float = kans(0.15, "kans per jaar (sociaal isolement) op "
                                             "welzijn via het loket", "aanname; KG2 (buurthuis "
                                             "20% van wie geisoleerd leeft)", (0.05, 0.3),
                                             onzeker=True)
    behoefte_welzijn_naasten: float = kans(0.10, "kans per jaar (zorg voor naasten) op "
                                           "mantelzorgondersteuning via het loket",
                                           "aanname; KG2 (mantelzorgondersteuning 16%)",
                                           (0.03, 0.2), onzeker=True)
    factor_armoede: float = par(5.5, "vermenigvuldiger op de behoefte onder de AOW-leeftijd "
                                "voor wie in armoede leeft (bijstand, niet-gebruik, buiten "
                                "beeld)", "gekalibreerd op KG2: 10-15% van de bijstandsclienten "
                                "gebruikt hh of een Wvg-voorziening, tegen ca. 6% landelijk",
                                (1.5, 7.0), ge=1.0, le=20.0, onzeker=True)
    behoefte_opvang_uit_beeld: float = kans(0.05, "kans per jaar op maatschappelijke opvang "
                                            "voor wie buiten beeld is met twee of meer "
                                            "belemmeringen (waaronder psychisch of schulden)",
                                            "aanname; KG2 (opvang: dak- en thuislozen)",
                                            (0.01, 0.15), onzeker=True)
    einde_opvang: float = kans(0.5, "kans per jaar dat opvang eindigt", "aanname",
                               (0.3, 0.8))
    toekenning: float = kans(0.85, "kans dat een onderzochte aanvraag wordt toegekend",
                             "aanname", (0.7, 0.95), onzeker=True)
    einde_hh: float = kans(0.25, "kans per jaar dat hh eindigt (naast overlijden)", "aanname",
                           (0.15, 0.35), onzeker=True)
    einde_hulpmiddel: float = kans(0.2, "kans per jaar", "aanname", (0.1, 0.3), onzeker=True)
    einde_begeleiding: float = kans(0.35, "kans per jaar", "aanname", (0.2, 0.5), onzeker=True)
    einde_dagbesteding: float = kans(0.25, "kans per jaar", "aanname", (0.15, 0.35))
    awbz_factor: float = par(3.0, "vermenigvuldiger behoefte voor AWBZ-extramurale clienten",
                             "aanname; DIV13 (overheveling AWBZ-begeleiding)", (1.5, 5.0),
                             onzeker=True)


class Kosten(_Groep):
    """Benefit norms, execution costs and budgets."""

    norm_alleenstaand: float = par(1345.45, "euro netto per maand",
                                   "EXT:bijstandsnorm_alleenstaande", (1345.45, 1345.45))
    norm_alleenstaande_ouder: float = par(1345.45, "euro netto per maand",
                                          "EXT:bijstandsnorm_alleenstaande_ouder",
                                          (1345.45, 1345.45))
    norm_paar: float = par(1922.07, "euro netto per maand", "EXT:bijstandsnorm_paar",
                           (1922.07, 1922.07))
    loonkosten_professional: float = par(75000, "euro per fte per jaar",
                                         "AANV:loonkosten_professional", (60000, 90000))
    uitvoering_per_uitkering: float = par(2133, "euro per uitkering per jaar (overige "
                                          "uitvoering naast klantmanagers)",
                                          "EXT:uitvoeringskosten_per_uitkering (2883) minus "
                                          "klantmanagers (750)", (1500, 2800))
    uitvoering_per_wmo_voorziening: float = par(592, "euro per voorziening per jaar",
                                                "EXT:uitvoeringskosten_per_wmo_voorziening",
                                                (400, 800))
    ideel_marge: float = par(0.0, "I-deel t.o.v. uitkeringslasten op maand 0", "aanname "
                             "(budget volgt macrobudget, niet lokale ontwikkeling)", (-0.1, 0.1),
                             ge=-0.5, le=0.5)
    participatiebudget_per_client: float = par(1600, "euro per bijstandsclient (maand 0) "
                                               "per jaar", "EXT:reintegratiebudget_per_client",
                                               (1000, 2500))
    wmo_budget_per_inwoner: float = par(308, "euro per inwoner per jaar",
                                        "EXT:wmo_uitgaven_per_inwoner", (250, 360))


class Jeugd(_Groep):
    """Youth support under the Jeugdwet for children 0-17 (verb jeugd)."""

    prevalentie: float = kans(0.085, "fractie kinderen 0-17 in jeugdhulp op een peildatum",
                              "AANV:jeugdzorg_jongeren_per_jaar (10.6% van wie jonger is dan "
                              "23, in een jaar) x AANV:jeugdhulp_stand_tot_actief (0.76) = 8%; "
                              "jeugdhulp richt zich op 0-17, dus iets hoger. Bereik: "
                              "AANV:jeugdzorg_gemeente_laag/_hoog (5-17%) x 0.76",
                              (0.04, 0.13), le=0.5,
                              uitleg="Share of children in youth care on a given day; the "
                              "entry hazard is derived from it at the build.")
    duur: float = par(18, "maanden (gemiddelde) in jeugdhulp", "AANV:jeugdhulp_uitstroom_halfjaar "
                      "(een derde van de trajecten eindigt per halfjaar: 6 / 0.33)", (12, 30),
                      ge=1.0, uitleg="Mean time in youth care.")
    wachttijd: float = par(2, "maanden (gemiddelde) van aanmelding tot start",
                           "aanname (wachttijden jeugdhulp; geen landelijk cijfer gevonden)",
                           (1.0, 5.0), ge=1.0, onzeker=True,
                           uitleg="Mean wait from a registered need to the start of care.")
    risico_bijstand: float = par(2.0, "vermenigvuldiger op de kans op een jeugdhulpvraag als een "
                                 "lid van het huishouden bijstand heeft", "aanname; CBS (2023) "
                                 "Achtergrondkenmerken van jongeren met jeugdzorg (samenhang met "
                                 "een uitkering als inkomensbron); AEF 2019 (meer jeugdhulp waar "
                                 "meer jongeren in bijstandsgezinnen wonen)", (1.3, 3.0), ge=1.0,
                                 onzeker=True, uitleg="Relative need of children in a bijstand "
                                 "household.")
    risico_eenouder: float = par(1.5, "vermenigvuldiger op de kans op een jeugdhulpvraag in een "
                                 "eenoudergezin", "aanname; CBS (2023) idem (eenoudergezinnen); "
                                 "AEF 2019 (kinderen in eenoudergezinnen komen vaker in de "
                                 "jeugdzorg)", (1.2, 2.5), ge=1.0, onzeker=True,
                                 uitleg="Relative need of children in a one-parent household.")
    kosten_per_jaar: float = par(13000, "euro per kind in jeugdhulp (peildatum) per jaar",
                                 "AANV:jeugdzorg_kosten_per_kind (ruim 10.000 euro per jongere "
                                 "met jeugdzorg in een jaar) / AANV:jeugdhulp_stand_tot_actief "
                                 "(0.76)", (10000, 17000),
                                 uitleg="Cost of youth care per child in care.")
    budget_dekking: float = par(0.69, "budget Jeugdwet t.o.v. de kosten op maand 0",
                                "AANV:jeugdzorg_budget_uitgaven (budget 3.8 mld tegen 5.4-5.6 "
                                "mld uitgaven in 2019)", (0.65, 1.0), le=2.0,
                                uitleg="The Jeugdwet budget as a share of month 0's cost.")


class Parameters(_Groep):
    """All mechanism parameters, grouped by the verb that uses them."""

    bevolking: Bevolking = Field(default_factory=Bevolking)
    demografie: Demografie = Field(default_factory=Demografie)
    levensgebeurtenissen: Levensgebeurtenissen = Field(default_factory=Levensgebeurtenissen)
    belemmeringen: Belemmeringen = Field(default_factory=Belemmeringen)
    signaleren: Signaleren = Field(default_factory=Signaleren)
    toewijzen: Toewijzen = Field(default_factory=Toewijzen)
    begeleiden: Begeleiden = Field(default_factory=Begeleiden)
    aanbieders: Aanbieders = Field(default_factory=Aanbieders)
    activeren: Activeren = Field(default_factory=Activeren)
    arbeidsmarkt: Arbeidsmarkt = Field(default_factory=Arbeidsmarkt)
    wmo: Wmo = Field(default_factory=Wmo)
    jeugd: Jeugd = Field(default_factory=Jeugd)
    kosten: Kosten = Field(default_factory=Kosten)


def parameter_catalogus(model: type[BaseModel] = Parameters,
                        prefix: str = "parameters") -> list[dict]:
    """Flatten a parameter model into rows of metadata.

    Args:
        model: A pydantic model class (default: :class:`Parameters`).
        prefix: Dotted path of ``model`` inside a scenario.

    Returns:
        One dict per leaf parameter: ``pad``, ``default``, ``eenheid``, ``bereik``, ``bron``,
        ``onzeker``, ``uitleg``, ``bronwaarde`` (the sourced value: the default unless a
        calibration's median replaced it).
    """
    rijen: list[dict] = []
    for naam, veld in model.model_fields.items():
        pad = f"{prefix}.{naam}"
        ann = veld.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            rijen.extend(parameter_catalogus(ann, pad))
            continue
        extra = veld.json_schema_extra or {}
        rijen.append({
            "pad": pad,
            "default": veld.default,
            "eenheid": extra.get("eenheid", ""),
            "bereik": tuple(extra.get("bereik") or ()),
            "bron": extra.get("bron", ""),
            "onzeker": bool(extra.get("onzeker", False)),
            "uitleg": veld.description or "",
            "bronwaarde": extra.get("bronwaarde", veld.default),
        })
    return rijen
