"""The standard form of seed 004 ("Schoolbesturen aan zet"), copied into a new round.

This is the starting point only: a round holds its own copy (Vraag, Procesindicator),
which staff can change before the round opens. A new round copies the previous round's
template when there is one, so this module is the first round's form.
"""

from .models import Kengetallen, Sectie, VraagSoort

INLEIDING = """Het ondersteuningsplan van het samenwerkingsverband geeft de wijze aan waarop organisatie en financiering van passend onderwijs vorm krijgen, compact weergegeven in "Verknoopte Governance". De verantwoording loopt langs de vier R'en: Richting (doelen en beoogde resultaten), Ruimte (strategie en proceseigenaar), Resultaat (outputindicatoren collectief) en Rekenschap (verantwoording en verantwoordelijkheid).

De verantwoording is een logisch sluitstuk om inzicht en overzicht te krijgen op enerzijds de resultaten en anderzijds de stand van de ontwikkeling op de afgesproken focus van handelen, op het niveau van bestuur, samenwerkingsverband en Zuid-Limburg. Zij geeft sturingsinformatie om beleid en aanpak door te zetten, bij te sturen en/of waar nodig te intensiveren.

Schoolbesturen leggen op deze wijze verantwoording af aan elkaar over de inzet van middelen in het kader van passend onderwijs: resultaatverantwoording gekoppeld aan procesverantwoording, als opmaat naar objectiveerbare collectieve indicatoren."""

FOCUS_VAN_HANDELEN = """De basis op orde: inbegrepen individuele onderwijs-zorgarrangementen indien nodig; maatwerk op school in verbinding naar maatwerk thuis
Doelgroeparrangementen (DGA) Onderwijs-Jeugdhulp-Zorg scholen niveau 5: collectieve aanpak op school in verbinding naar maatwerk thuis
Knooppunt: verbindende schakel en doorgaande lijnen binnen en tussen onderwijs en zorg"""

TOELICHTING_MIDDELEN = (
    "De lumpsum van SO en SBO moet volledig worden ingezet ten behoeve van extra ondersteuning "
    "SWV. Financiële verantwoording integraal in de jaarrekening van het bestuur. Zie de "
    "bekostigingsbeschikking(en) van het SWV voor de ontvangen bedragen."
)

_ANKERPUNT_TOELICHTING = (
    "Reflectie op de rapportage van de tweejaarlijkse meting schoolondersteuningsprofielen (SOP), "
    "afgezet tegen de informatie van het SWV in Jaarverslag & Evaluatie en Kengetallen TLV."
)

# (code, sectie, kop, titel, toelichting, soort, kengetallen, alleen_speciaal, verplicht, indicatoren)
VRAGEN = [
    (
        "ankerpunt-1",
        Sectie.RESULTAAT,
        "Ontwikkeling ankerpunten ondersteuning (alle scholen, niveau 1 t/m 5)",
        "Ankerpunt 1 - Kwaliteitsstandaard",
        _ANKERPUNT_TOELICHTING,
        VraagSoort.ANKERPUNT,
        Kengetallen.GEEN,
        False,
        True,
        [],
    ),
    (
        "ankerpunt-2",
        Sectie.RESULTAAT,
        "",
        "Ankerpunt 2 - Planmatig en handelingsgericht werken",
        "",
        VraagSoort.ANKERPUNT,
        Kengetallen.GEEN,
        False,
        True,
        [],
    ),
    (
        "ankerpunt-3",
        Sectie.RESULTAAT,
        "",
        "Ankerpunt 3 - Specifieke ondersteuning",
        "",
        VraagSoort.ANKERPUNT,
        Kengetallen.ARRANGEMENTEN,
        False,
        True,
        [],
    ),
    (
        "ankerpunt-4",
        Sectie.RESULTAAT,
        "",
        "Ankerpunt 4 - Ondersteuningsstructuur",
        "",
        VraagSoort.ANKERPUNT,
        Kengetallen.GEEN,
        False,
        True,
        [],
    ),
    (
        "thuiszitters",
        Sectie.RESULTAAT,
        "",
        "Thuiszitters",
        "Leerlingen die ingeschreven zijn op een school, maar langer dan 4 weken thuiszitten.",
        VraagSoort.TEKST,
        Kengetallen.THUISZITTERS,
        False,
        True,
        [],
    ),
    (
        "ononderbroken-ontwikkeling",
        Sectie.RESULTAAT,
        "",
        "Ononderbroken leer- en ontwikkelingsproces",
        "Instroom in PO met 4 jaar, tenzij; doorstroom van PO naar VO op gemiddeld 12 jaar, "
        "tenzij; schooladvies PO houdt stand in 3e jaar VO; geen onnodige vertraging in "
        "PO-loopbaan; soepele (ver)plaatsingsprocessen.",
        VraagSoort.TEKST,
        Kengetallen.GEEN,
        False,
        True,
        [],
    ),
    (
        "verwijzingen",
        Sectie.RESULTAAT,
        "Aanvullend en specifiek voor niveau 1 t/m 4 - basisonderwijs",
        "Verwijzingen naar SO/SBO",
        "Reflectie op de informatie van het SWV in Jaarverslag & Evaluatie en Kengetallen TLV.",
        VraagSoort.TEKST,
        Kengetallen.VERWIJZINGEN,
        False,
        True,
        [],
    ),
    (
        "terugplaatsingen",
        Sectie.RESULTAAT,
        "",
        "Leerlingen teruggeplaatst vanuit gespecialiseerde onderwijsvoorzieningen",
        "",
        VraagSoort.TEKST,
        Kengetallen.TERUGPLAATSINGEN,
        False,
        True,
        [],
    ),
    (
        "externe-functie",
        Sectie.RESULTAAT,
        "Aanvullend en specifiek voor niveau 5 - SBO en SO",
        "Externe functie",
        "Verbinding met en aansluiting bij het zorgcontinuüm en versterking van de "
        "basisondersteuning door inzet van outreachende maatwerkexpertise ter verbreding en "
        "verdieping van de ondersteuningsmogelijkheden in de basisondersteuning.",
        VraagSoort.TEKST,
        Kengetallen.GEEN,
        True,
        True,
        [],
    ),
    (
        "schakelfunctie",
        Sectie.RESULTAAT,
        "",
        "Schakelfunctie: leerlingen teruggeplaatst naar reguliere basisscholen",
        "Tussen basis- en extra ondersteuning, met als focus toeleiding naar lichtere vormen van "
        "ondersteuning en collectieve doelgroeparrangementen voor normalisering en regulering "
        "van instroom vanuit zorg naar onderwijs (bv. MKD/KDC/residentieel).",
        VraagSoort.TEKST,
        Kengetallen.TERUGPLAATSINGEN,
        True,
        True,
        [],
    ),
    (
        "algemeen",
        Sectie.PROCES,
        "",
        "Algemeen",
        "Hoe is de sturing belegd en geborgd in de interne processen?",
        VraagSoort.HOOFDONDERDEEL,
        Kengetallen.GEEN,
        False,
        True,
        [
            (1, "Ondersteuningsplan SWV is vertaald in het (strategisch) bestuursplan"),
            (2, "Regiovisie is vertaald in het (strategisch) bestuursplan"),
            (
                3,
                "Regiovisie krijgt uitvoering - afspraken met gemeenten over: basis op orde, "
                "spreiding voorzieningen, vervoer, huisvesting",
            ),
            (4, "Schoolondersteuningsprofielen van de eigen scholen worden gevalideerd"),
            (5, "Transparante procedure ondersteuningstoewijzing op bestuursniveau"),
            (6, 'Organisatie is toegerust op "pdca" in alle lagen'),
            (7, "Schoolbesturen zoeken onderlinge uitwisseling en afstemming op"),
        ],
    ),
    (
        "basis-op-orde",
        Sectie.PROCES,
        "",
        "De basis op orde (betreft alle scholen)",
        "Hoe is de sturing belegd en geborgd in de interne processen?",
        VraagSoort.HOOFDONDERDEEL,
        Kengetallen.GEEN,
        False,
        True,
        [
            (
                8,
                'Elke school heeft de "foto" gemaakt van wat er nodig is aan preventieve inzet '
                "Jeugdhulp",
            ),
            (9, "Alle scholen zijn/het bestuur is in overleg met de gemeente hierover"),
            (10, "Preventieve inzet vanuit de gemeente is gerealiseerd in alle scholen"),
            (
                11,
                "Het hele schoolteam is betrokken bij het opstellen van het "
                "schoolondersteuningsprofiel",
            ),
            (12, "(Strategisch) bestuursplan is vertaald in alle schoolplannen"),
            (13, "Schoolondersteuningsprofielen zijn in alle scholen vertaald in de schoolplannen"),
            (
                14,
                "Alle scholen sturen actief op (door)ontwikkelen/borgen ankerpunten ondersteuning",
            ),
            (
                15,
                "(De inhoud van) Duiden&Doen is basis voor handelen vanaf niveau 3 in alle scholen",
            ),
            (
                16,
                "Alle onderdelen van Duiden&Doen zijn beschikbaar voor een aanvraag TLV/start OPP "
                "in niveau 5",
            ),
            (
                17,
                "Duiden & Doen is voorzien van een effectieve en gebruiksvriendelijke digitale tool",
            ),
            (18, "Alle scholen voeren afspraken Toewijzing en Toelaatbaarheid van het SWV uit"),
            (
                19,
                "Alle scholen sturen op ononderbroken ontwikkelingslijnen en leeftijdsadequate "
                "doorstroom",
            ),
            (20, "Alle scholen hebben afstemming met voorschoolse voorzieningen"),
            (
                21,
                "Plaatsingen vanuit voorschool in PO verlopen via het knooppunt i.g.v. aanvullende "
                "ondersteuning",
            ),
            (22, "Alle (ver)plaatsingen in het PO verlopen via het knooppunt"),
            (
                23,
                "(Ver)plaatsingen naar het VO verlopen via het knooppunt i.g.v. aanvullende "
                "ondersteuning",
            ),
            (24, "Het SOP is leidend bij plaatsing"),
            (25, "Bij alle (ver)plaatsingen hanteren de scholen de (afspraken) zorgplicht"),
            (26, "De samenwerking met ouders (in het knooppunt) is naar tevredenheid"),
            (27, "Dit thema heeft een plek in de eigen oudertevredenheidsonderzoeken"),
        ],
    ),
    (
        "doelgroeparrangementen",
        Sectie.PROCES,
        "",
        "Doelgroeparrangementen (betreft SBO/SO)",
        "Hoe is de sturing belegd en geborgd in de interne processen?",
        VraagSoort.HOOFDONDERDEEL,
        Kengetallen.GEEN,
        True,
        True,
        [
            (28, "Alle scholen niveau 5 definiëren in het SOP hun doelgroep: onderwijs en zorg"),
            (29, "Alle scholen niveau 5 implementeren DGA Onderwijs-Jeugdhulp m.b.v. tools SWV"),
            (30, "OPP met alle onderdelen van Duiden&Doen is onderlegger voor herbeoordeling"),
            (31, "Externe functie niveau 5 is operationeel (outreachende maatwerkexpertise)"),
            (
                32,
                "Schakelfunctie niveau 5 / NT2 is operationeel - lichtere vormen van zorg & inclusie",
            ),
            (
                33,
                "Flexibele vormen onderwijsondersteuning i.g.v. veel zorg/behandeling en heel "
                "weinig onderwijs",
            ),
            (34, "Dit thema heeft een plek in de eigen oudertevredenheidsonderzoeken"),
        ],
    ),
    (
        "knooppunt",
        Sectie.PROCES,
        "",
        "Knooppunt (betreft alle scholen)",
        "Hoe is de sturing belegd en geborgd in de interne processen?",
        VraagSoort.HOOFDONDERDEEL,
        Kengetallen.GEEN,
        False,
        True,
        [
            (35, "Het knooppunt maakt in elke school onderdeel uit van de ondersteuningsstructuur"),
            (36, "Er is aandacht voor kwaliteit en borging van het knooppunt"),
            (
                37,
                "Het knooppunt staat garant voor integrale benadering en gestroomlijnde ontsluiting",
            ),
            (38, "Communicatie binnen het knooppunt verloopt privacyproof"),
            (39, "Ouders hebben bij inschrijving in school toestemming verleend m.b.t. knooppunt"),
            (40, "Deelnemers vanuit onderwijs in knooppunt hebben mandaat"),
            (
                41,
                "Interne overlegstructuren van de school zijn geïntegreerd en helpend aan knooppunt",
            ),
            (42, "Er zijn werkafspraken met de kernpartners gemaakt"),
            (43, "Dit thema heeft een plek in de eigen oudertevredenheidsonderzoeken"),
        ],
    ),
    (
        "extra-informatie",
        Sectie.EXTRA,
        "",
        "Extra informatie",
        "Ruimte voor wat het bestuur verder wil delen met de andere besturen.",
        VraagSoort.TEKST,
        Kengetallen.GEEN,
        False,
        False,
        [],
    ),
]
