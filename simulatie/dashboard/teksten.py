"""Dutch texts for the policy panels: explanation (mechanism and source) and main settings.

The policies document themselves in English docstrings (code language); trainers need plain
Dutch. :data:`UITLEG` holds the Dutch explanation of the four policies of the mission (from
DOMEIN "The four policies" and the sources named per setting). A policy not listed here is still
shown, with its own ``uitleg`` attribute or docstring. :data:`HOOFDINSTELLINGEN` names the settings
shown directly under a switched-on policy; the rest sit behind "Meer instellingen".
"""

from __future__ import annotations

UITLEG: dict[str, str] = {
    "work_first": (
        "**Werk eerst.** Nieuwe aanvragers die aan een werkverplichting kunnen voldoen (weinig "
        "belemmeringen), krijgen vanaf dag één een werkachtige plek voor enkele maanden; niet "
        "meewerken leidt tot een sanctie (korting op de uitkering). De klantmanager richt zich "
        "op wie snel aan het werk kan. Een deel van die aanvragers ziet af (de Divosa-benchmark "
        "noemt een derde, bruto); een deel van hen vindt werk, de rest raakt buiten beeld: "
        "zonder inkomen, met meer kans op schulden en andere problemen, en een deel komt later "
        "alsnog terug.\n\n"
        "**Risico:** cliënten op trede 1-2 worden geparkeerd: geen klantmanager, minder steun, "
        "vaker terugval en vaker nieuwe psychische problemen of isolement. De Wmo neemt hen over "
        "('als je niet onder de één valt, dan val je onder de ander'): begeleiding en "
        "dagbesteding. Zo verschuiven kosten naar de Wmo, met vertraging. In het model (Groningen, "
        "10 jaar) is het bestand ongeveer 11% kleiner en zijn de kosten van Wmo-maatwerk een "
        "paar procent hoger; volgens onderzoek verandert lokaal beleid de in- en uitstroom maar "
        "bescheiden (zie docs/validatie.md).\n\n"
        "*Bronnen:* Divosa-benchmark (afzien van de aanvraag, uitstroom naar regulier werk), "
        "Van den Berg e.a. (effect van sancties op uitstroom), verkenning drie decentralisaties "
        "(drang en dwang, terugval zonder nazorg), interview 2017 (de 'sorteermachine'), Edzes "
        "2010 en de Experimenten Participatiewet (kleine effecten van lokaal beleid)."),
    "integrale_teams": (
        "**Integrale wijkteams** (één gezin, één plan, één regisseur). Wijkcoaches maken één "
        "diagnose en één plan over alle leefgebieden, gaan achter de voordeur kijken en werken "
        "met lagere caseloads (5-7 complexe of 30-40 kwetsbare huishoudens per professional). "
        "Zo worden belemmeringen eerder herkend en stijgen cliënten vaker op de ladder.\n\n"
        "**Risico:** verborgen vraag komt boven (meer Wmo-aanvragen en bijstand door "
        "outreach), de personeelskosten zijn hoger, en de samenwerking met de sociale dienst "
        "daalde in de praktijk van 51% (2015) naar 37% (2016).\n\n"
        "*Bronnen:* Verwey-Jonker (integraal participatiebeleid), kengetallen caseload "
        "integrale teams, CPB (snellere groei verwijzingen maatwerk-Wmo), interview 2017 "
        "('latrelatie of huwelijk')."),
    "contract_compliance": (
        "**Contract compliance (social return).** Bij de inkoop van Wmo-diensten "
        "(huishoudelijke hulp, thuiszorg) en groen en schoonmaak spreekt de gemeente af dat "
        "aanbieders bijstandsgerechtigden aannemen: twee weken training, een half jaar "
        "detachering, daarna een vast contract (Den Haag, Drechtsteden, Apeldoorn). Matching "
        "telt: wie moeite heeft met sociaal contact begint niet bij cliënten thuis maar in "
        "schoonmaakwerk zonder cliëntcontact.\n\n"
        "**Risico:** verdringing van andere sollicitanten en een opslag op de tarieven.\n\n"
        "*Bronnen:* Kamerbrief 2009 (Wmo, Wwb, Wsw en WIJ), landelijke cijfers "
        "contract compliance Apeldoorn."),
    "preventie": (
        "**Preventie.** De gemeente investeert in collectieve voorzieningen en "
        "vroegsignalering (eigen kracht, buurt en vrijwilligers, de 'nulde lijn'), zodat "
        "minder mensen nieuwe problemen krijgen - isolement, schulden, psychische klachten - "
        "en minder mensen een dure individuele voorziening nodig hebben. Het effect bouwt "
        "langzaam op.\n\n"
        "**Risico:** de documenten twijfelen aan de terugverdienwerking: betere collectieve "
        "voorzieningen 'leiden eerder tot meer kwaliteit voor de burger dan tot een "
        "inverdieneffect op individuele verstrekkingen. De kosten voor gemeenten stijgen "
        "hierdoor.'\n\n"
        "*Bronnen:* Divosa (2005) 'De Wmo: voor wie, door wie?', par. 6.5; kengetallen "
        "Wmo-uitgaven per inwoner."),
}

#: Settings shown directly under a switched-on policy (others behind "Meer instellingen").
HOOFDINSTELLINGEN: dict[str, tuple[str, ...]] = {
    "work_first": ("afzien_aanvraag", "sanctie_kans", "parkeren"),
    "integrale_teams": ("bereik", "herkenning", "activering"),
    "contract_compliance": ("quotum", "detachering_maanden", "verdringing"),
    "preventie": ("budget_per_inwoner", "opbouw_maanden", "reductie_isolement"),
}


def label(naam: str) -> str:
    """A Dutch control label from a (Dutch) field name: ``afzien_aanvraag`` -> "Afzien aanvraag"."""
    tekst = naam.replace("_", " ").strip()
    return tekst[:1].upper() + tekst[1:]
