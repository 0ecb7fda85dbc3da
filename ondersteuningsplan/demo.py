"""Demo plans (idempotent, deterministic): matched on natural keys, never deleted.

1. "Ondersteuningsplan Zuid-Limburg 2019-2023" (seed 001): five doelstellingen, its
   chapters and vademecum; vastgesteld and gepubliceerd, with OPR and OOGO records.
2. "Ondersteuningsplan 2022-2026 (concept)" (seed 000: Plein 013-style speerpunten A-F
   and 17 KPIs with streefwaarden per year), under OPR review with comments and answers.
   The KPI app's demo finds this plan by its title and adds metingen to its KPIs.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from kpi.models import Kpi, KpiType, Richting, Streefwaarde
from kpi.streefwaarden import lees
from swv.models import Gebruiker, Samenwerkingsverband

from .models import (
    ActieStatus,
    DocumentSoort,
    Hoofdstuk,
    Ondersteuningsplan,
    Ontwikkelactie,
    OogoOverleg,
    OogoUitkomst,
    OprBesluit,
    OprOpmerking,
    OprUitkomst,
    PlanStatus,
    PlanVersie,
    Speerpunt,
    Statusovergang,
    VademecumDocument,
)
from .rijketekst import platte_tekst

ZL = ["PO3104", "PO3105", "PO3106"]
TITEL_ZL = "Ondersteuningsplan Zuid-Limburg 2019-2023"
TITEL_CONCEPT = "Ondersteuningsplan 2022-2026 (concept)"
AMS = ZoneInfo("Europe/Amsterdam")


def _tijd(j, m, d, u=10):
    return datetime.datetime(j, m, d, u, 0, tzinfo=AMS)


def laad(stdout=None) -> None:
    swvs = list(Samenwerkingsverband.objects.filter(code__in=ZL))
    if not swvs:
        return
    zl = _zuid_limburg(swvs)
    concept = _concept(swvs)
    if stdout:
        stdout.write(f"Ondersteuningsplannen: {zl.titel}, {concept.titel}\n")


def _plan(titel, startjaar, eindjaar, swvs, **velden):
    plan, _ = Ondersteuningsplan.objects.update_or_create(
        titel=titel, defaults={"startjaar": startjaar, "eindjaar": eindjaar, **velden}
    )
    plan.samenwerkingsverbanden.set(swvs)
    return plan


def _status(plan, status, **datums):
    # Demo data is a record of a past procedure, not a run through the workflow.
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=status, **datums)
    return Ondersteuningsplan.objects.get(pk=plan.pk)


def _hoofdstukken(plan, rijen):
    for volgorde, (titel, eisen, tekst) in enumerate(rijen, 1):
        Hoofdstuk.objects.update_or_create(
            plan=plan, volgorde=volgorde,
            defaults={"titel": titel, "eisen": list(eisen), "tekst": tekst.strip()},
        )  # fmt: skip
    plan.hoofdstukken.filter(volgorde__gt=len(rijen)).delete()


def _documenten(plan, soort, rijen):
    for volgorde, (titel, status) in enumerate(rijen, 1):
        VademecumDocument.objects.update_or_create(
            plan=plan, soort=soort, titel=titel, defaults={"status": status, "volgorde": volgorde}
        )


def _overgangen(plan, stappen, door):
    for van, naar, tijd, notitie in stappen:
        Statusovergang.objects.get_or_create(
            plan=plan,
            van=van,
            naar=naar,
            tijdstip=tijd,
            defaults={"door": door, "notitie": notitie},
        )


# 1. Zuid-Limburg 2019-2023 ------------------------------------------------------------

ZL_MISSIE = (
    "Schoolbesturen voor primair onderwijs en speciaal onderwijs hebben de opdracht om voor alle "
    "leerlingen passend onderwijs te organiseren. Elk kind heeft recht op passend onderwijs, ongeacht "
    "niveau van leren en ontwikkeling. Uitvoering vindt plaats zo inclusief en thuisnabij mogelijk in "
    "samenwerking tussen onderwijs en gemeenten, binnen de beschikbare middelen. Het "
    "samenwerkingsverband is faciliterend bij het vormgeven van deze collectieve verantwoordelijkheid."
)
ZL_VISIE = """Integrale aanpak onderwijs en gemeenten om de totale ondersteuning voor de jeugd in samenhang aan te pakken en te organiseren.
Zo inclusief mogelijk (regulier als het kan, speciaal als het moet en thuisnabij).
Focus op gezond en veilig opgroeien, talentontwikkeling en naar vermogen participeren in de samenleving.
Pedagogisch partnerschap en co-creatie met ouders.
Midden in de maatschappij.
Eigenaarschap in alle lagen.
Vakmanschap en meesterschap.
Ontwikkelings-, plan- en handelingsgericht werken op alle niveaus."""
ZL_STRATEGIE = """- Krachtenbundeling: één aanpak voor drie regio's in Zuid-Limburg.
- Inhoudelijke autonomie voor schoolbesturen en scholen met de daarbij behorende financiering vanuit het beleidsrijke scholenmodel, met besturen als eenheid van verrekening.
- De afspraken bestaan uit een directieve lijn (verplichtende kaderafspraken) en een facultatieve lijn (verkozen kaderafspraken). Ook voor de facultatieve lijn geldt: afspraak = afspraak.
- In samenwerking en verbinding met scholen, besturen, gemeenten, voorschoolse voorzieningen, voortgezet onderwijs en netwerkpartners: vindplaats als werkplaats."""

ZL_DOELSTELLINGEN = [
    (
        "1",
        "Een dekkend aanbod: alle kinderen een passende plek; integrale aanpak en zo inclusief mogelijk",
    ),
    ("2", "Basisondersteuning: ondersteuningsniveau 1 t/m 4 van hoog niveau"),
    ("3", "Adequate toegang tot extra ondersteuning"),
    ("4", "Extra ondersteuning: ondersteuningsniveau 5 van hoog niveau"),
    ("5", "Ononderbroken leer- en ontwikkelingsproces"),
]

ZL_HOOFDSTUKKEN = [
    (
        "Kaders passend onderwijs",
        [],
        """
Koers, richting en hoofdlijn van samenwerkingsverband en ondersteuningsplan zijn gebaseerd op drie pijlers: de wettelijke context, de richtinggevende keuzes van het samenwerkingsverband en de samenwerking tussen onderwijs en gemeenten.

Het ondersteuningsplan is een **plan op hoofdlijnen**. Beleidsdocumenten en uitvoeringsrichtlijnen zijn opgenomen in het vademecum en maken integraal onderdeel uit van het plan. Per schooljaar stelt het samenwerkingsverband een activiteitenplan op; in het bestuursverslag legt het verantwoording af.""",
    ),
    (
        "Missie en visie van het samenwerkingsverband",
        [],
        """
Het motto van dit plan is *zo inclusief mogelijk: vindplaats als werkplaats*. De vijf doelstellingen zijn vertaald naar beoogde resultaten, strategie van het onderwijsveld en van netwerkpartners, outputindicatoren, proceseigenaren en de relatie met de begroting.

De verantwoording verloopt langs de vier R'en: Richting, Ruimte, Resultaat en Rekenschap.""",
    ),
    (
        "Een dekkend aanbod, alle kinderen een passende plek",
        ["b", "thuiszitters"],
        """
De **regiovisie onderwijskaart** beschrijft het regionaal gespreide aanbod van ondersteuningsvoorzieningen in Zuid-Limburg, in samenhang met gemeenten en voortgezet onderwijs.

### Thuiszitters
Beginsituatie: op de peildatum 1 oktober 2018 waren in de regio 14 leerlingen langer dan vier weken thuiszitter. Beoogd resultaat: geen enkele leerling langer dan drie maanden thuis zonder passend aanbod. Plan van aanpak: dreigt thuiszitten, dan komt binnen tien werkdagen het knooppunt bijeen met ouders, school, leerplicht en de gemeentelijke toegang; het samenwerkingsverband houdt een registratie bij en bespreekt die elk kwartaal met leerplicht.""",
    ),
    (
        "Het onderwijsondersteuningscontinuüm",
        ["a", "b"],
        """
Passend onderwijs kent vijf ondersteuningsniveaus. Niveau 1 tot en met 4 is **basisondersteuning** in de school; niveau 5 is extra ondersteuning in SBO of SO.

De basisondersteuning rust op vier ankerpunten: kwaliteitsstandaard, planmatig en handelingsgericht werken, specifieke ondersteuning en de ondersteuningsstructuur. Elke school beschrijft haar basisondersteuning in het schoolondersteuningsprofiel; het format en de normering staan in het vademecum. Zo ontstaat een samenhangend geheel van ondersteuningsvoorzieningen binnen en tussen scholen.""",
    ),
    (
        "Adequate toegang tot extra ondersteuning",
        ["d", "e"],
        """
De trajectbegeleider begeleidt de aanvraag. Het MDO (knooppunt toeleiding niveau 5) vormt een oordeel; twee onafhankelijke deskundigen brengen schriftelijk **deskundigenadvies** uit. De criteria voor toelaatbaarheid staan in de notitie ondersteuningstoewijzing en toelaatbaarheid.

### Herbeoordeling en terugplaatsing
Alle leerlingen in de extra ondersteuning worden herbeoordeeld bij afloop van de toelaatbaarheidsverklaring. Een TLV heeft veelal een tijdelijk karakter: na verloop van de plaatsing, of eerder, is terugplaatsing mogelijk. Ook de terugplaatsing verloopt via het knooppunt, met een warme overdracht en afspraken over de ondersteuning van de leerling. Is de periode van de TLV verstreken, dan bespreekt het knooppunt overplaatsing naar het basisonderwijs.""",
    ),
    (
        "Samenwerking met ouders",
        ["g"],
        """
Ouders zijn educatief en pedagogisch partner. Het samenwerkingsverband informeert ouders via de website, de schoolgids en het schoolondersteuningsprofiel over de ondersteuningsvoorzieningen.

Bij een verschil van inzicht kunnen ouders kosteloos een **onderwijsconsulent** inschakelen. Komen zij er niet uit, dan kan het geschil naar de landelijke **Geschillencommissie passend onderwijs**.""",
    ),
    (
        "De organisatie van het samenwerkingsverband",
        [],
        """
Het samenwerkingsverband is een stichting met een scheiding tussen bestuur en intern toezicht. De ondersteuningsplanraad heeft instemmingsrecht op het ondersteuningsplan.""",
    ),
    (
        "Samenwerking met gemeenten (spiegelparagraaf)",
        [],
        """
Onderwijs en gemeenten voeren op overeenstemming gericht overleg (OOGO) over het ondersteuningsplan en het jeugdbeleid. De gedeelde visie *it takes a village to raise a child* is opgenomen in het vademecum.""",
    ),
    (
        "Kwaliteitsbeleid en monitor",
        ["f-kwalitatief", "f-kwantitatief"],
        """
Het bestuur definieert de doelen en beoogde resultaten (hoofdstuk 2). De monitor meet per thema het resultaat van beleid.

- Kwalitatieve resultaten: de ankerpunten van de basisondersteuning, gemeten in de tweejaarlijkse SOP-meting; beoogd is dat elke school op alle ankerpunten voldoet; bereikt in 2018: 87% van de scholen.
- Kwantitatieve resultaten: het deelnamepercentage SBO en SO, thuiszitters en terugplaatsingen. Beoogd: daling van het deelnamepercentage naar het landelijk gemiddelde; de bereikte resultaten staan jaarlijks in het bestuursverslag.""",
    ),
    (
        "Informatiebeveiliging, privacy en rechtsbescherming",
        ["j"],
        """
Het samenwerkingsverband verwerkt persoonsgegevens volgens de AVG; het beleidsplan IBP en het privacyreglement staan in het vademecum. Voor klachten en bezwaren is het samenwerkingsverband aangesloten bij de landelijke commissies van Stichting Onderwijsgeschillen.""",
    ),
    (
        "Financiën en personeel",
        ["c", "h"],
        """
Het samenwerkingsverband hanteert voor de allocatie van middelen het **scholenmodel**: besturen ontvangen een bedrag voor basisondersteuning; de kosten van extra ondersteuning in SBO en SO worden solidair gedragen. De bekostiging van SBO en SO loopt via de inhouding door DUO en de overdrachtsverplichting. De meerjarenbegroting en de meerjarenraming staan in het vademecum.""",
    ),
]

ZL_VADEMECUM = [
    ("Overzicht doelstellingen en beoogde resultaten (A3)", "wordt geactualiseerd"),
    ("Schoolondersteuningsprofiel basisondersteuning", "vastgesteld in schooljaar 2018-2019"),
    ("Schoolondersteuningsprofiel extra ondersteuning", "vastgesteld in schooljaar 2018-2019"),
    ("Notitie ondersteuningstoewijzing en toelaatbaarheidsverklaring", "wordt geactualiseerd"),
    ("Beleidsplan IBP", "vastgesteld in schooljaar 2018-2019"),
    ("Privacyreglement", "vastgesteld in schooljaar 2017-2018"),
    ("Klachtenregeling", "vastgesteld in schooljaar 2017-2018"),
    ("Meerjarenbegroting", "wordt elk jaar vastgesteld"),
    (
        "Vormgeving collectieve verantwoording (format verantwoording)",
        "vastgesteld in schooljaar 2018-2019",
    ),
    ("Notitie it takes a village to raise a child", "vastgesteld in schooljaar 2018-2019"),
]
ZL_BIJLAGEN = [
    ("Overzicht besturen, basisscholen, scholen voor speciaal basisonderwijs, scholen voor speciaal onderwijs", "wordt jaarlijks geactualiseerd"),
    ("Regiovisie onderwijskaart", "vastgesteld in schooljaar 2017-2018"),
    ("Overzicht schoolondersteuningsprofielen", "wordt elke 2 jaar geactualiseerd"),
    ("Bestuursverslag", "wordt elk jaar vastgesteld"),
    ("Knooppunt - werkproces integrale aanpak", "versie 2019"),
    ("Zo inclusief mogelijk - vindplaats als werkplaats", "versie 2019"),
]  # fmt: skip


def _zuid_limburg(swvs):
    plan = _plan(
        TITEL_ZL, 2019, 2022, swvs, motto="zo inclusief mogelijk: vindplaats als werkplaats",
        missie=ZL_MISSIE, visie=ZL_VISIE, strategie=ZL_STRATEGIE,
    )  # fmt: skip
    for volgorde, (code, titel) in enumerate(ZL_DOELSTELLINGEN, 1):
        Speerpunt.objects.update_or_create(
            plan=plan, code=code,
            defaults={"titel": titel, "volgorde": volgorde, "resultaatgebied": "Leerlingen, ouders en netwerkpartners",
                      "beoogde_resultaten": "Uitgewerkt in het overzicht doelstellingen en beoogde resultaten (A3, vademecum)."},
        )  # fmt: skip
    _hoofdstukken(plan, ZL_HOOFDSTUKKEN)
    _documenten(plan, DocumentSoort.VADEMECUM, ZL_VADEMECUM)
    _documenten(plan, DocumentSoort.BIJLAGE, ZL_BIJLAGEN)
    directeur = Gebruiker.objects.filter(username="directeur").first()
    opr = Gebruiker.objects.filter(username="opr").first()
    versie, _ = PlanVersie.objects.get_or_create(
        plan=plan, nummer=1,
        defaults={"aangemaakt_op": _tijd(2019, 2, 1), "aanleiding": "Voorgelegd aan de OPR",
                  "aangemaakt_door": directeur},
    )  # fmt: skip
    if not versie.secties:
        from .services import secties

        versie.secties = secties(plan)
        versie.save(update_fields=["secties"])
    OprBesluit.objects.get_or_create(
        plan=plan, versie=versie, datum=datetime.date(2019, 3, 12),
        defaults={"stemmen_voor": 9, "stemmen_tegen": 1, "onthoudingen": 0,
                  "uitkomst": OprUitkomst.INSTEMMING, "vastgelegd_door": opr,
                  "vastgelegd_op": _tijd(2019, 3, 12, 21)},
    )  # fmt: skip
    from .selectors import gemeenten_van

    for n, g in enumerate(gemeenten_van(plan)):
        OogoOverleg.objects.get_or_create(
            plan=plan, gemeente=g,
            defaults={"datum": datetime.date(2019, 3, 4 + n % 10), "uitkomst": OogoUitkomst.OVEREENSTEMMING,
                      "vastgelegd_door": directeur},
        )  # fmt: skip
    plan = _status(
        plan, PlanStatus.GEPUBLICEERD, vastgesteld_op=datetime.date(2019, 3, 28),
        naar_inspectie_op=datetime.date(2019, 4, 15), gepubliceerd_op=datetime.date(2019, 5, 1),
    )  # fmt: skip
    _overgangen(plan, [
        (PlanStatus.CONCEPT, PlanStatus.TER_INSTEMMING, _tijd(2019, 2, 1), "Voorgelegd aan OPR en gemeenten"),
        (PlanStatus.TER_INSTEMMING, PlanStatus.VASTGESTELD, _tijd(2019, 3, 28), "Vastgesteld door het bestuur"),
        (PlanStatus.VASTGESTELD, PlanStatus.BIJ_INSPECTIE, _tijd(2019, 4, 15), ""),
        (PlanStatus.BIJ_INSPECTIE, PlanStatus.GEPUBLICEERD, _tijd(2019, 5, 1), ""),
    ], directeur)  # fmt: skip
    return plan


# 2. Concept 2022-2026 (seed 000) -------------------------------------------------------

RG_EXTERN = "Leerlingen, ouders en netwerkpartners (extern perspectief)"
RG_BESTUUR = "Planning, verantwoording en verbetering (bestuurlijk perspectief)"
LEGITIMATIE = (
    "Wettelijke context en verbeteraanpak; onderzoekskader inspectie; bevindingen inspectie"
)

SPEERPUNTEN = [
    ("A", "Betrokken en goed geïnformeerde ouders", RG_EXTERN,
     "Ouders weten waar zij terechtkunnen, voelen zich gehoord en zijn tevreden over de informatie."),
    ("B", "Constructieve samenwerking met netwerkpartners", RG_EXTERN,
     "Gemeentelijk jeugdplan en ondersteuningsplan zijn op elkaar afgestemd; doorgaande lijn voorschool-PO-VO."),
    ("C", "Dekkend netwerk van voorzieningen en hoog niveau gespecialiseerd onderwijs", RG_EXTERN,
     "Geen thuiszitters; meer leerlingen volgen in de buurt passend onderwijs."),
    ("D", "Hoog niveau van basisondersteuning en geïntegreerde extra ondersteuning", RG_EXTERN,
     "Basisondersteuning voldoet op alle scholen aan de afspraken; extra ondersteuning zo veel mogelijk in het basisonderwijs."),
    ("E", "Professionele en onafhankelijke advies- en toeleidingsfunctie", RG_EXTERN,
     "Scholen en ouders zijn tevreden over advisering en toeleiding; weinig klachten en mediation."),
    ("F", "Professionele plan-, verantwoordings- en verbetercyclus (financieel en inhoudelijk)", RG_BESTUUR,
     "Jaarverslag, basiskwaliteit en ondersteuningsplan voldoen aan de eisen van accountant en inspectie."),
]  # fmt: skip

ENQ = ("Enquête", "1 x per 2 jaar (april)", "Uitkomst enquête")
REG = ("Schriftelijke registratie", "1 x per kwartaal", "Management-assistent")
DOC = ("Analyse documenten", "1 x per jaar (oktober)", "Ondersteuningsplan en jeugdplan")
TEL = ("Telling DUO en eigen registratie", "1 x per jaar (1 oktober)", "DUO en registratie SWV")
FIN = ("Analyse jaarrekening", "1 x per jaar (juni)", "Jaarrekening en begroting")
AUD = ("Audit", "1 x per jaar (mei)", "Auditrapport")
INS = ("Toets inspectie", "1 x per 4 jaar", "Rapport inspectie")

# (speerpunt, naam, type, eenheid, richting, (min,max), meta, nulmeting, streefwaarden 2022..2025)
S, P, A, J = KpiType.SCORE, KpiType.PERCENTAGE, KpiType.AANTAL, KpiType.JA_NEE
KPIS = [
    ("A", "Mate van tevredenheid van ouders over de informatievoorziening en communicatie", S, "rapportcijfer", "hoger", (1, 10), ENQ, "6,8", ["≥ 7", "≥ 7", "≥ 7,5", "≥ 7,5"]),
    ("A", "Aantal klachten van ouders over de informatievoorziening en communicatie", A, "klachten", "lager", None, REG, "14", ["< 10", "< 5", "< 3", "0"]),
    ("B", "Mate van tevredenheid van netwerkpartners over de samenwerking", S, "rapportcijfer", "hoger", (1, 10), ENQ, "6,5", ["≥ 7", "≥ 7", "≥ 7,5", "≥ 7,5"]),
    ("B", "Mate waarin het gemeentelijk jeugdplan en het ondersteuningsplan op elkaar zijn afgestemd", P, "%", "hoger", None, DOC, "0%", ["25%", "50%", "75%", "100%"]),
    ("B", "Mate waarin er sprake is van een doorgaande leer- en ontwikkelingslijn vroeg- en voorschoolse voorzieningen, primair onderwijs en het voortgezet onderwijs", P, "%", "hoger", None, DOC, "40%", ["50%", "60%", "75%", "90%"]),
    ("C", "Aantal thuiszittende leerlingen", A, "leerlingen", "lager", None, ("Schriftelijke registratie", "1 x per kwartaal", "Bureau Leerplicht"), "23", ["< 20", "< 10", "< 5", "0"]),
    ("C", "Aantal leerlingen dat in de buurt passend onderwijs volgt", A, "leerlingen", "hoger", None, TEL, "310", ["≥ 320", "≥ 340", "≥ 360", "≥ 380"]),
    ("D", "Mate waarin de basisondersteuning voldoet aan de gemaakte afspraken in het ondersteuningsplan", P, "% scholen", "hoger", None, AUD, "70%", ["75%", "85%", "95%", "100%"]),
    ("D", "Aantal en percentage leerlingen voor wie extra ondersteuning wordt toegekend", P, "% leerlingen", "lager", None, TEL, "4,1%", ["≤ 4", "≤ 3,8", "≤ 3,6", "≤ 3,5"]),
    ("D", "Percentage van de beschikbare middelen dat gemoeid is met de kosten van de extra ondersteuning", P, "% middelen", "lager", None, FIN, "78%", ["≤ 78", "≤ 75", "≤ 72", "≤ 70"]),
    ("D", "Aantal en percentage leerlingen voor wie extra ondersteuning binnen het basisonderwijs wordt gerealiseerd", P, "% leerlingen", "hoger", None, TEL, "35%", ["40%", "45%", "50%", "55%"]),
    ("E", "Mate van tevredenheid van scholen en ouders over de advisering en toeleiding", S, "rapportcijfer", "hoger", (1, 10), ENQ, "7,0", ["≥ 7", "≥ 7", "≥ 7,5", "≥ 7,5"]),
    ("E", "Aantal aanvragen voor mediation tussen scholen en ouders", A, "aanvragen", "lager", None, REG, "9", ["< 8", "< 6", "< 5", "< 4"]),
    ("E", "Aantal klachten van scholen en ouders over de advisering en toeleiding", A, "klachten", "lager", None, REG, "6", ["< 5", "< 4", "< 3", "< 2"]),
    ("F", "De mate waarin het financieel jaarverslag (jaarrekening) en het bestuursverslag voldoen aan de eisen van de accountant", J, "", "hoger", None, FIN, "ja", ["1", "1", "1", "1"]),
    ("F", "De mate waarin de basiskwaliteit voldoet aan het onderzoekskader van de inspectie", J, "", "hoger", None, INS, "nee", ["1", "1", "1", "1"]),
    ("F", "De mate waarin het ondersteuningsplan voldoet aan de eisen van de inspectie", J, "", "hoger", None, INS, "nee", ["1", "1", "1", "1"]),
]  # fmt: skip

ACTIES = [
    ("A", "Inrichten ouder- en jeugdinformatiepunt", 2022, 2023, "Beleidsmedewerker communicatie", ActieStatus.LOPEND),
    ("A", "Escalatieladder voor ouders publiceren", 2022, 2022, "Directeur", ActieStatus.GEPLAND),
    ("B", "Afstemming jeugdplan en ondersteuningsplan in het OOGO", 2022, 2025, "Directeur", ActieStatus.GEPLAND),
    ("C", "Ontwikkelen gespecialiseerde arrangementen SO", 2023, 2024, "Regiegroep PO", ActieStatus.GEPLAND),
    ("D", "Verbetering van de basisondersteuning in het BaO (pijler 1, programma IDBGH)", 2022, 2024, "Programmamanager IDBGH", ActieStatus.LOPEND),
    ("D", "Uitbreiding van extra ondersteuning in het BaO (pijler 2, programma IDBGH)", 2023, 2025, "Programmamanager IDBGH", ActieStatus.GEPLAND),
    ("E", "Uitwerken ondersteuningsniveaus", 2022, 2022, "Teamleider advies en toeleiding", ActieStatus.LOPEND),
    ("E", "Herinrichten OnderwijsTransparant", 2023, 2023, "Teamleider advies en toeleiding", ActieStatus.GEPLAND),
    ("F", "Ontwikkelen verantwoordingssystematiek", 2022, 2023, "Adviesgroep Kwaliteit", ActieStatus.LOPEND),
    ("F", "Vaststellen meetmethode en streefwaarden KPI's", 2022, 2022, "Adviesgroep Kwaliteit", ActieStatus.AFGEROND),
    ("F", "Uitvoering audits (basis- en extra ondersteuning en buurtgerichte samenwerking)", 2024, 2025, "Adviesgroep Kwaliteit", ActieStatus.GEPLAND),
]  # fmt: skip

CONCEPT_HOOFDSTUKKEN = [
    (
        "Missie, visie, ambitie en strategie",
        [],
        """
Het samenwerkingsverband werkt toe naar **inclusiever onderwijs**: in deze planperiode naar scenario C (exclusief/geïntegreerd), met de eerste stappen richting scenario B. In eerste termijn wordt ingezet op de integratie van het SBO in de buurt.""",
    ),
    (
        "Ondersteuning op de basisschool (basis- en extra ondersteuning)",
        ["a", "b"],
        """
Elke school biedt **basisondersteuning** volgens de afspraken in dit plan, met een minimumnorm per ankerpunt. Het programma IDBGH versterkt de basisondersteuning (pijler 1) en brengt extra ondersteuning naar het basisonderwijs (pijler 2), zodat een samenhangend geheel van ondersteuningsvoorzieningen ontstaat.""",
    ),
    (
        "Gespecialiseerde ondersteuningsvoorzieningen (extra ondersteuning)",
        ["b", "h", "thuiszitters"],
        """
SBO en SO vormen samen met de arrangementen in de buurt het dekkend netwerk van voorzieningen. De bekostiging van SBO en SO verloopt via de verrekening door DUO.

### Thuiszitters
Beginsituatie op peildatum 1 oktober 2021: 23 thuiszitters. Beoogd resultaat: 0 thuiszitters in 2025. Plan van aanpak: casusoverleg met leerplicht binnen twee weken, en een kwartaalrapportage aan de inspectie.""",
    ),
    (
        "Ondersteuningstoeleiding (advies- en toeleidingsfunctie)",
        ["d", "e"],
        """
De procedure en de criteria voor toelaatbaarheid tot SBO en SO staan in de notitie toeleiding; twee onafhankelijke deskundigen adviseren (deskundigenadvies).

### Terugplaatsing
Bij afloop van de toelaatbaarheidsverklaring bespreken S(B)O-school, ouders en de verwijzende school terugplaatsing of overplaatsing naar het basisonderwijs. Ook een TLV waarvan de periode is verstreken leidt tot dit gesprek.""",
    ),
    (
        "Samenwerking met ketenpartners",
        [],
        """
Met de gemeenten worden in het OOGO afspraken gemaakt over jeugdhulp, leerplicht, leerlingenvervoer en onderwijshuisvesting.""",
    ),
    (
        "Informatievoorziening",
        ["g"],
        """
Ouders worden geïnformeerd via het nieuwe ouder- en jeugdsteunpunt, de website en de scholen. Onafhankelijke ondersteuning: de **onderwijsconsulenten** en de **Geschillencommissie passend onderwijs**.""",
    ),
    (
        "Kwaliteitszorg",
        ["f-kwalitatief", "f-kwantitatief"],
        """
De beoogde resultaten zijn uitgedrukt in 17 KPI's met streefwaarden per jaar (zie de speerpunten). Kwalitatieve resultaten: tevredenheid van ouders, scholen en netwerkpartners en de kwaliteit van de basisondersteuning. Kwantitatieve resultaten: thuiszitters, toegekende extra ondersteuning en middelen. De bereikte resultaten rapporteren wij jaarlijks in het bestuursverslag, tegen de nulmeting.""",
    ),
    (
        "Financiën",
        ["c"],
        """
Het allocatiemodel is een schoolmodel: middelen gaan naar de schoolbesturen naar rato van leerlingen, de kosten van SBO en SO worden solidair gedragen. De meerjarenbegroting 2022-2025 staat in het vademecum.""",
    ),
    (
        "Organisatie",
        [],
        """
De governancestructuur is aangepast; bestuur en intern toezicht zijn organiek gescheiden.""",
    ),
    (
        "Ontwikkelagenda",
        [],
        """
De verbeteracties per speerpunt zijn verdeeld over de vier jaren van de planperiode; zie de ontwikkelagenda.""",
    ),
]

AANPAK_NU = (
    "casusoverleg met leerplicht binnen twee weken, en een kwartaalrapportage aan de inspectie."
)
AANPAK_TOEN = "casusoverleg met leerplicht."

OPMERKINGEN = [
    # (versie, sectie: "sp-X" or chapter number, tekst, antwoord, verwerkt)
    (1, "sp-A", "Kunnen ouders ook meedenken over de inrichting van het informatiepunt?",
     "Ja: twee OPR-ouderleden nemen deel aan de werkgroep. Toegevoegd aan de actie.", True),
    (1, 3, "Het streefgetal van 0 thuiszitters in 2025 is ambitieus. Hoe wordt de voortgang gevolgd?",
     "Via de kwartaalregistratie met leerplicht; opgenomen in het plan van aanpak.", True),
    (2, 6, "Noem ook het landelijk Steunpunt passend onderwijs voor ouders.", "", False),
    (2, "missie", "Wat betekent 'scenario C' concreet voor een ouder van een kind in het SBO?", "", False),
]  # fmt: skip


def _concept(swvs):
    plan = _plan(
        TITEL_CONCEPT, 2022, 2025, swvs, motto="Samen voor inclusiever onderwijs",
        missie="Elk kind krijgt onderwijs op een passende plek, zo dicht mogelijk bij huis.",
        visie="De ondersteuningsbehoefte is leidend.\nDe leerling wordt gehoord.\nDe ouder is gelijkwaardig partner.\nEr is een dekkend netwerk van voorzieningen.\nEr is transparantie en verantwoording over ondersteuningsmiddelen.",
        strategie="Focus op zes speerpunten in twee resultaatgebieden, uitgedrukt in KPI's met streefwaarden per jaar, en een ontwikkelagenda per speerpunt.",
    )  # fmt: skip
    speerpunten = {}
    for volgorde, (code, titel, rg, beoogd) in enumerate(SPEERPUNTEN, 1):
        speerpunten[code], _ = Speerpunt.objects.update_or_create(
            plan=plan, code=code,
            defaults={"titel": titel, "resultaatgebied": rg, "legitimatie": LEGITIMATIE,
                      "beoogde_resultaten": beoogd, "volgorde": volgorde},
        )  # fmt: skip
    for volgorde, (code, naam, soort, eenheid, richting, schaal, meta, nul, waarden) in enumerate(
        KPIS, 1
    ):
        kpi, _ = Kpi.objects.update_or_create(
            speerpunt=speerpunten[code], naam=naam,
            defaults={
                "type": soort, "eenheid": eenheid,
                "richting": Richting.HOGER if richting == "hoger" else Richting.LAGER,
                "schaal_min": Decimal(schaal[0]) if schaal else None,
                "schaal_max": Decimal(schaal[1]) if schaal else None,
                "meetmethode": meta[0], "frequentie": meta[1], "bron": meta[2],
                "nulmeting": nul, "volgorde": volgorde,
            },
        )  # fmt: skip
        for jaar, tekst in zip(plan.schooljaren, waarden, strict=True):
            comparator, waarde = lees(tekst, soort)
            kpi.waarde_controleren(waarde)
            Streefwaarde.objects.update_or_create(
                kpi=kpi, schooljaar=jaar, defaults={"comparator": comparator, "waarde": waarde}
            )
    for volgorde, (code, tekst, van, tot, eigenaar, status) in enumerate(ACTIES, 1):
        Ontwikkelactie.objects.update_or_create(
            speerpunt=speerpunten[code], omschrijving=tekst,
            defaults={"van_schooljaar": van, "tot_schooljaar": tot, "proceseigenaar": eigenaar,
                      "status": status, "volgorde": volgorde},
        )  # fmt: skip
    _hoofdstukken(plan, CONCEPT_HOOFDSTUKKEN)
    _documenten(plan, DocumentSoort.VADEMECUM, [
        ("Notitie toeleiding en toelaatbaarheid", "wordt geactualiseerd"),
        ("Meerjarenbegroting 2022-2025", "concept"),
        ("Programma IDBGH", "vastgesteld in schooljaar 2020-2021"),
    ])  # fmt: skip
    medewerker = Gebruiker.objects.filter(username="medewerker").first()
    opr = Gebruiker.objects.filter(username="opr").first()
    from .services import secties

    # Version 1 went to the OPR in November; after comments the text changed, and version 2
    # went again in January: the diff shows what changed since the OPR last saw it.
    hoofdstuk3 = plan.hoofdstukken.get(volgorde=3)
    huidige_tekst = hoofdstuk3.tekst
    if not PlanVersie.objects.filter(plan=plan, nummer=1).exists():
        eerste = secties(plan)
        oud = huidige_tekst.replace(AANPAK_NU, AANPAK_TOEN)
        for s in eerste:
            if s["sleutel"] == hoofdstuk3.sleutel:
                s["tekst"] = platte_tekst(oud)
        PlanVersie.objects.create(
            plan=plan, nummer=1, aangemaakt_op=_tijd(2021, 11, 15), aangemaakt_door=medewerker,
            aanleiding="Voorgelegd aan de OPR", secties=eerste,
        )  # fmt: skip
    if not PlanVersie.objects.filter(plan=plan, nummer=2).exists():
        PlanVersie.objects.create(
            plan=plan, nummer=2, aangemaakt_op=_tijd(2022, 1, 17), aangemaakt_door=medewerker,
            aanleiding="Opnieuw voorgelegd aan de OPR", secties=secties(plan),
        )  # fmt: skip
    versies = {v.nummer: v for v in plan.versies.all()}
    titels = {s["sleutel"]: s["titel"] for s in secties(plan)}
    for n, (versie, sectie, tekst, antwoord, verwerkt) in enumerate(OPMERKINGEN):
        sleutel = (
            sectie if isinstance(sectie, str) else plan.hoofdstukken.get(volgorde=sectie).sleutel
        )
        OprOpmerking.objects.update_or_create(
            plan=plan, sectie=sleutel, tekst=tekst,
            defaults={
                "versie": versies[versie], "sectie_titel": titels[sleutel], "auteur": opr,
                "geplaatst_op": _tijd(2021, 11, 25) if versie == 1 else _tijd(2022, 1, 27, 11 + n),
                "antwoord": antwoord, "verwerkt": verwerkt,
                "beantwoord_door": medewerker if antwoord else None,
                "beantwoord_op": _tijd(2021, 12, 6) if antwoord else None,
            },
        )  # fmt: skip
    # OOGO is under way: agreement with the first six gemeenten, one asked for changes.
    from .selectors import gemeenten_van

    for n, g in enumerate(gemeenten_van(plan)[:7]):
        OogoOverleg.objects.get_or_create(
            plan=plan, gemeente=g,
            defaults={
                "datum": datetime.date(2022, 2, 7 + n),
                "uitkomst": OogoUitkomst.GEEN_OVEREENSTEMMING if n == 6 else OogoUitkomst.OVEREENSTEMMING,
                "toelichting": "Gemeente vraagt aanvulling over leerlingenvervoer." if n == 6 else "",
                "vastgelegd_door": medewerker,
            },
        )  # fmt: skip
    plan = _status(plan, PlanStatus.TER_INSTEMMING)
    _overgangen(plan, [
        (PlanStatus.CONCEPT, PlanStatus.TER_INSTEMMING, _tijd(2021, 11, 15), "Eerste voorlegging"),
        (PlanStatus.TER_INSTEMMING, PlanStatus.CONCEPT, _tijd(2021, 12, 6), "Verwerken reactienota"),
        (PlanStatus.CONCEPT, PlanStatus.TER_INSTEMMING, _tijd(2022, 1, 17), "Tweede voorlegging"),
    ], medewerker)  # fmt: skip
    return plan
