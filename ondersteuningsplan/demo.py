"""Demo plans: three consecutive plan periods of PO3104-PO3106, placed around the day
the demo is loaded (`planperiodes`). Idempotent and deterministic on a given day: each plan
is matched on its title (which carries no years, so a load on a later day moves the same
plans on), and the demo owns their content, which it resets on every run.

1. TITEL_ZL (seed 001, "Ondersteuningsplan Zuid-Limburg"): the previous period; five
   doelstellingen, chapters and vademecum; vastgesteld and gepubliceerd on time, with OPR
   and OOGO records.
2. TITEL_HUIDIG (seed 000: Plein 013-style speerpunten A-F and 17 KPIs with streefwaarden
   per year): the current period, which contains today; adopted and published before it
   began. The KPI app's demo measures its KPIs for the school years already over.
3. TITEL_CONCEPT (seed 000 again: the next plan continues the current one): the next
   period, under OPR review with comments and answers, due at the inspectie by 30 April
   before it starts, which is still ahead.

Seed 000 predates the requirement on groei na de teldatum (plans from 2023-2024 on); its
chapter on finances gets a paragraph on it, as both seed 000 plans now start later.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from swv import workflow
from swv.models import Gebruiker, Samenwerkingsverband
from swv.schooljaar import schooljaar_label, schooljaar_van

from . import stappen
from .models import (
    ActieStatus,
    DocumentSoort,
    Hoofdstuk,
    Kpi,
    KpiType,
    Ondersteuningsplan,
    Ontwikkelactie,
    OogoOverleg,
    OogoUitkomst,
    OprBesluit,
    OprOpmerking,
    OprUitkomst,
    PlanStatus,
    PlanVersie,
    Richting,
    Speerpunt,
    Streefwaarde,
    VademecumDocument,
)
from .rijketekst import platte_tekst
from .selectors import gemeenten_van
from .streefwaarden import lees

ZL = ["PO3104", "PO3105", "PO3106"]
TITEL_ZL = "Ondersteuningsplan Zuid-Limburg"
TITEL_HUIDIG = "Ondersteuningsplan Samen voor inclusiever onderwijs"
TITEL_CONCEPT = "Ondersteuningsplan Samen naar inclusief onderwijs (concept)"
# Titles of earlier demo versions (with fixed years): renamed to the plan in that role.
OUDE_TITELS = {
    "Ondersteuningsplan Zuid-Limburg 2019-2023": TITEL_ZL,
    "Ondersteuningsplan 2022-2026 (concept)": TITEL_CONCEPT,
}
PLANJAREN = 4
AMS = ZoneInfo("Europe/Amsterdam")
DAG = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Planperiodes:
    """The demo's plan periods around `vandaag`, four school years each. The next plan
    starts in the first school year whose inspectie deadline (30 April before it) has not
    passed; the current plan covers the four school years before that, so today (its last
    school year, or from May its last but one); the previous plan the four before."""

    vandaag: datetime.date
    volgend: int  # first school year of the next plan

    @property
    def schooljaar(self) -> int:
        return schooljaar_van(self.vandaag)

    @property
    def huidig(self) -> int:
        return self.volgend - PLANJAREN

    @property
    def vorig(self) -> int:
        return self.volgend - 2 * PLANJAREN


def planperiodes(vandaag: datetime.date | None = None) -> Planperiodes:
    vandaag = vandaag or timezone.localdate()
    nog_op_tijd = Ondersteuningsplan(startjaar=vandaag.year).inspectie_uiterlijk >= vandaag
    return Planperiodes(vandaag=vandaag, volgend=vandaag.year if nog_op_tijd else vandaag.year + 1)


def _werkdag(dag: datetime.date) -> datetime.date:
    """The day itself, or the Monday after a Saturday or Sunday."""
    return dag + (7 - dag.weekday()) % 7 * DAG if dag.weekday() >= 5 else dag


def _dag(j, m, d) -> datetime.date:
    return _werkdag(datetime.date(j, m, d))


def _tijd(dag: datetime.date, u=10) -> datetime.datetime:
    return datetime.datetime.combine(dag, datetime.time(u), tzinfo=AMS)


def _jaren(tekst: str, start: int) -> str:
    """Fill in the years of a text of the plan whose first school year is `start`."""
    return tekst.format(
        startjaar=start,
        eindjaar=start + PLANJAREN - 1,
        peiljaar=start - 1,
        sj_voor=schooljaar_label(start - 1),
        sj_voorvoor=schooljaar_label(start - 2),
    )


def laad(stdout=None) -> None:
    swvs = list(Samenwerkingsverband.objects.filter(code__in=ZL))
    if not swvs:
        return
    p = planperiodes()
    with transaction.atomic():
        _oude_titels()
        plannen = [_zuid_limburg(swvs, p.vorig), _huidig(swvs, p), _concept(swvs, p)]
    if stdout:
        for plan in plannen:
            stdout.write(f"  ondersteuningsplan: {plan} {plan.get_status_display()}")


def _oude_titels():
    for oud, nieuw in OUDE_TITELS.items():
        if not Ondersteuningsplan.objects.filter(titel=nieuw).exists():
            Ondersteuningsplan.objects.filter(titel=oud).update(titel=nieuw)


def _gebruiker(naam):
    return Gebruiker.objects.filter(username=naam).first()


def _plan(titel, startjaar, swvs, **velden):
    plan, _ = Ondersteuningsplan.objects.update_or_create(
        titel=titel,
        defaults={"startjaar": startjaar, "eindjaar": startjaar + PLANJAREN - 1, **velden},
    )
    plan.samenwerkingsverbanden.set(swvs)
    return plan


def _status(plan, status, **datums):
    # Demo data is a record of a past procedure, not a run through the workflow.
    datums = {"vastgesteld_op": None, "naar_inspectie_op": None, "gepubliceerd_op": None, **datums}
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=status, **datums)
    return Ondersteuningsplan.objects.get(pk=plan.pk)


def _hoofdstukken(plan, rijen, start):
    for volgorde, (titel, eisen, tekst) in enumerate(rijen, 1):
        Hoofdstuk.objects.update_or_create(
            plan=plan, volgorde=volgorde,
            defaults={"titel": titel, "eisen": list(eisen), "tekst": _jaren(tekst.strip(), start)},
        )  # fmt: skip
    plan.hoofdstukken.filter(volgorde__gt=len(rijen)).delete()


def _documenten(plan, soort, rijen, start):
    titels = []
    for volgorde, (titel, status) in enumerate(rijen, 1):
        titels.append(_jaren(titel, start))
        VademecumDocument.objects.update_or_create(
            plan=plan, soort=soort, titel=titels[-1],
            defaults={"status": _jaren(status, start), "volgorde": volgorde},
        )  # fmt: skip
    plan.documenten.filter(soort=soort).exclude(titel__in=titels).delete()


def _overgangen(plan, stappen, door, status, **datums):
    """The plan's status history is exactly `stappen` (step, tijdstip, toelichting), taken
    from concept by the workflow (the one writer of history rows) and then dated; the plan
    ends in `status` with `datums`. Taken with `workflow.overgang` rather than the
    services: the demo records a past procedure whose versions, OPR decision and OOGO it
    sets itself (and keeps no PDF, see services.pdf_bewaren_indien_nodig)."""
    gewenst = [(str(stap.label), tijd, toelichting) for stap, tijd, toelichting in stappen]
    bestaand = list(
        plan.overgangen.order_by("tijdstip", "id").values_list("stap", "tijdstip", "toelichting")
    )
    if bestaand != gewenst or plan.status != status:
        plan.overgangen.all().delete()
        plan = _status(plan, PlanStatus.CONCEPT)
        for stap, tijd, toelichting in stappen:
            rij = workflow.overgang(
                plan, stap, door=door, toelichting=toelichting, controleer=False
            )
            type(rij).objects.filter(pk=rij.pk).update(tijdstip=tijd)
    return _status(plan, status, **datums)


def _versie(plan, nummer, tijd, door, aanleiding, secties):
    versie, _ = PlanVersie.objects.update_or_create(
        plan=plan, nummer=nummer,
        defaults={"aangemaakt_op": tijd, "aangemaakt_door": door, "aanleiding": aanleiding,
                  "secties": secties},
    )  # fmt: skip
    return versie


def _oogo(plan, rijen, door):
    """OOGO with the plan's gemeenten in name order: rijen is (datum, uitkomst, toelichting)
    per gemeente; gemeenten beyond the list have had no overleg yet."""
    gemeenten = list(gemeenten_van(plan))
    for g, (datum, uitkomst, toelichting) in zip(gemeenten, rijen, strict=False):
        OogoOverleg.objects.update_or_create(
            plan=plan, gemeente=g,
            defaults={"datum": datum, "uitkomst": uitkomst, "toelichting": toelichting,
                      "vastgelegd_door": door},
        )  # fmt: skip
    plan.oogo.exclude(gemeente__in=gemeenten[: len(rijen)]).delete()


def _opr_besluit(plan, versie, datum, door, stemmen):
    voor, tegen, onthouding = stemmen
    plan.opr_besluiten.exclude(versie=versie).delete()
    OprBesluit.objects.update_or_create(
        plan=plan, versie=versie,
        defaults={"datum": datum, "stemmen_voor": voor, "stemmen_tegen": tegen,
                  "onthoudingen": onthouding, "uitkomst": OprUitkomst.INSTEMMING,
                  "vastgelegd_door": door, "vastgelegd_op": _tijd(datum, 21)},
    )  # fmt: skip


def _vastgesteld(plan, *, versie_op, opr_op, oogo_op, vastgesteld_op, inspectie_op,
                 gepubliceerd_op, stemmen, door, opr):  # fmt: skip
    """An adopted and published plan: one version sent to the OPR, its consent, agreement
    with every gemeente, and the status history from concept to gepubliceerd."""
    from .services import secties

    plan.opmerkingen.all().delete()
    plan.opr_besluiten.exclude(versie__nummer=1).delete()
    plan.versies.filter(nummer__gt=1).delete()
    versie = _versie(plan, 1, _tijd(versie_op), door, "Voorgelegd aan de OPR", secties(plan))
    _opr_besluit(plan, versie, opr_op, opr, stemmen)
    aantal = gemeenten_van(plan).count()
    _oogo(plan, [(_werkdag(oogo_op + n % 10 * DAG), OogoUitkomst.OVEREENSTEMMING, "")
                 for n in range(aantal)], door)  # fmt: skip
    return _overgangen(plan, [
        (stappen.VOORLEGGEN, _tijd(versie_op), "Voorgelegd aan OPR en gemeenten"),
        (stappen.VASTSTELLEN, _tijd(vastgesteld_op), "Vastgesteld door het bestuur"),
        (stappen.NAAR_INSPECTIE, _tijd(inspectie_op), ""),
        (stappen.PUBLICEREN, _tijd(gepubliceerd_op), ""),
    ], door, PlanStatus.GEPUBLICEERD, vastgesteld_op=vastgesteld_op,
        naar_inspectie_op=inspectie_op, gepubliceerd_op=gepubliceerd_op)  # fmt: skip


# 1. Zuid-Limburg (seed 001), the previous period -----------------------------------------

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
Beginsituatie: op de peildatum 1 oktober {peiljaar} waren in de regio 14 leerlingen langer dan vier weken thuiszitter. Beoogd resultaat: geen enkele leerling langer dan drie maanden thuis zonder passend aanbod. Plan van aanpak: dreigt thuiszitten, dan komt binnen tien werkdagen het knooppunt bijeen met ouders, school, leerplicht en de gemeentelijke toegang; het samenwerkingsverband houdt een registratie bij en bespreekt die elk kwartaal met leerplicht.""",
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

- Kwalitatieve resultaten: de ankerpunten van de basisondersteuning, gemeten in de tweejaarlijkse SOP-meting; beoogd is dat elke school op alle ankerpunten voldoet; bereikt in {peiljaar}: 87% van de scholen.
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
    ("Schoolondersteuningsprofiel basisondersteuning", "vastgesteld in schooljaar {sj_voor}"),
    ("Schoolondersteuningsprofiel extra ondersteuning", "vastgesteld in schooljaar {sj_voor}"),
    ("Notitie ondersteuningstoewijzing en toelaatbaarheidsverklaring", "wordt geactualiseerd"),
    ("Beleidsplan IBP", "vastgesteld in schooljaar {sj_voor}"),
    ("Privacyreglement", "vastgesteld in schooljaar {sj_voorvoor}"),
    ("Klachtenregeling", "vastgesteld in schooljaar {sj_voorvoor}"),
    ("Meerjarenbegroting", "wordt elk jaar vastgesteld"),
    (
        "Vormgeving collectieve verantwoording (format verantwoording)",
        "vastgesteld in schooljaar {sj_voor}",
    ),
    ("Notitie it takes a village to raise a child", "vastgesteld in schooljaar {sj_voor}"),
]
ZL_BIJLAGEN = [
    ("Overzicht besturen, basisscholen, scholen voor speciaal basisonderwijs, scholen voor speciaal onderwijs", "wordt jaarlijks geactualiseerd"),
    ("Regiovisie onderwijskaart", "vastgesteld in schooljaar {sj_voorvoor}"),
    ("Overzicht schoolondersteuningsprofielen", "wordt elke 2 jaar geactualiseerd"),
    ("Bestuursverslag", "wordt elk jaar vastgesteld"),
    ("Knooppunt - werkproces integrale aanpak", "versie {startjaar}"),
    ("Zo inclusief mogelijk - vindplaats als werkplaats", "versie {startjaar}"),
]  # fmt: skip


def _zuid_limburg(swvs, start):
    plan = _plan(
        TITEL_ZL, start, swvs, motto="zo inclusief mogelijk: vindplaats als werkplaats",
        missie=ZL_MISSIE, visie=ZL_VISIE, strategie=ZL_STRATEGIE,
    )  # fmt: skip
    for volgorde, (code, titel) in enumerate(ZL_DOELSTELLINGEN, 1):
        Speerpunt.objects.update_or_create(
            plan=plan, code=code,
            defaults={"titel": titel, "volgorde": volgorde, "resultaatgebied": "Leerlingen, ouders en netwerkpartners",
                      "beoogde_resultaten": "Uitgewerkt in het overzicht doelstellingen en beoogde resultaten (A3, vademecum)."},
        )  # fmt: skip
    _hoofdstukken(plan, ZL_HOOFDSTUKKEN, start)
    _documenten(plan, DocumentSoort.VADEMECUM, ZL_VADEMECUM, start)
    _documenten(plan, DocumentSoort.BIJLAGE, ZL_BIJLAGEN, start)
    return _vastgesteld(
        plan, versie_op=_dag(start, 2, 1), opr_op=_dag(start, 3, 12), oogo_op=_dag(start, 3, 4),
        vastgesteld_op=_dag(start, 3, 28), inspectie_op=_dag(start, 4, 15),
        gepubliceerd_op=_dag(start, 5, 1), stemmen=(9, 1, 0),
        door=_gebruiker("directeur"), opr=_gebruiker("opr"),
    )  # fmt: skip


# 2 and 3. Seed 000: the current period (adopted) and the next one (under OPR review) ---

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

# (speerpunt, naam, type, eenheid, richting, (min,max), meta, nulmeting, streefwaarden per jaar)
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
    ("A", "Inrichten ouder- en jeugdinformatiepunt", 0, 1, "Beleidsmedewerker communicatie"),
    ("A", "Escalatieladder voor ouders publiceren", 0, 0, "Directeur"),
    ("B", "Afstemming jeugdplan en ondersteuningsplan in het OOGO", 0, 3, "Directeur"),
    ("C", "Ontwikkelen gespecialiseerde arrangementen SO", 1, 2, "Regiegroep PO"),
    ("D", "Verbetering van de basisondersteuning in het BaO (pijler 1, programma IDBGH)", 0, 2, "Programmamanager IDBGH"),
    ("D", "Uitbreiding van extra ondersteuning in het BaO (pijler 2, programma IDBGH)", 1, 3, "Programmamanager IDBGH"),
    ("E", "Uitwerken ondersteuningsniveaus", 0, 0, "Teamleider advies en toeleiding"),
    ("E", "Herinrichten OnderwijsTransparant", 1, 1, "Teamleider advies en toeleiding"),
    ("F", "Ontwikkelen verantwoordingssystematiek", 0, 1, "Adviesgroep Kwaliteit"),
    ("F", "Vaststellen meetmethode en streefwaarden KPI's", 0, 0, "Adviesgroep Kwaliteit"),
    ("F", "Uitvoering audits (basis- en extra ondersteuning en buurtgerichte samenwerking)", 2, 3, "Adviesgroep Kwaliteit"),
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
Beginsituatie op peildatum 1 oktober {peiljaar}: 23 thuiszitters. Beoogd resultaat: 0 thuiszitters in {eindjaar}. Plan van aanpak: casusoverleg met leerplicht binnen twee weken, en een kwartaalrapportage aan de inspectie.""",
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
        ["c", "i"],
        """
Het allocatiemodel is een schoolmodel: middelen gaan naar de schoolbesturen naar rato van leerlingen, de kosten van SBO en SO worden solidair gedragen. De meerjarenbegroting {startjaar}-{eindjaar} staat in het vademecum.

### Groei na de teldatum
De groei van het SBO en het SO na de teldatum van 1 oktober stelt het samenwerkingsverband vast op 1 februari, met de scholen voor SBO en SO; het verrekent die groei met de schoolbesturen via de overdrachtsverplichting.""",
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
    (1, 3, "Het streefgetal van 0 thuiszitters in {eindjaar} is ambitieus. Hoe wordt de voortgang gevolgd?",
     "Via de kwartaalregistratie met leerplicht; opgenomen in het plan van aanpak.", True),
    (2, 6, "Noem ook het landelijk Steunpunt passend onderwijs voor ouders.", "", False),
    (2, "missie", "Wat betekent 'scenario C' concreet voor een ouder van een kind in het SBO?", "", False),
]  # fmt: skip


def _actiestatus(van: int, tot: int, schooljaar: int) -> str:
    if tot < schooljaar:
        return ActieStatus.AFGEROND
    return ActieStatus.LOPEND if van <= schooljaar else ActieStatus.GEPLAND


def _plan_000(titel, start, swvs, *, schooljaar, begroting):
    """Seed 000's plan for the period starting in `start`: speerpunten, KPIs with their
    streefwaarden per year, ontwikkelagenda (its status as of `schooljaar`), chapters and
    vademecum."""
    plan = _plan(
        titel, start, swvs, motto="Samen voor inclusiever onderwijs",
        missie="Elk kind krijgt onderwijs op een passende plek, zo dicht mogelijk bij huis.",
        visie="De ondersteuningsbehoefte is leidend.\nDe leerling wordt gehoord.\nDe ouder is gelijkwaardig partner.\nEr is een dekkend netwerk van voorzieningen.\nEr is transparantie en verantwoording over ondersteuningsmiddelen.",
        strategie="Focus op zes speerpunten in twee resultaatgebieden, uitgedrukt in KPI's met streefwaarden per jaar, en een ontwikkelagenda per speerpunt.",
    )  # fmt: skip
    speerpunten = {}
    for volgorde, (code, titel_sp, rg, beoogd) in enumerate(SPEERPUNTEN, 1):
        speerpunten[code], _ = Speerpunt.objects.update_or_create(
            plan=plan, code=code,
            defaults={"titel": titel_sp, "resultaatgebied": rg, "legitimatie": LEGITIMATIE,
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
        kpi.streefwaarden.exclude(schooljaar__in=plan.schooljaren).delete()
    for volgorde, (code, tekst, van, tot, eigenaar) in enumerate(ACTIES, 1):
        Ontwikkelactie.objects.update_or_create(
            speerpunt=speerpunten[code], omschrijving=tekst,
            defaults={"van_schooljaar": start + van, "tot_schooljaar": start + tot,
                      "proceseigenaar": eigenaar, "volgorde": volgorde,
                      "status": _actiestatus(start + van, start + tot, schooljaar)},
        )  # fmt: skip
    _hoofdstukken(plan, CONCEPT_HOOFDSTUKKEN, start)
    _documenten(plan, DocumentSoort.VADEMECUM, [
        ("Notitie toeleiding en toelaatbaarheid", "wordt geactualiseerd"),
        ("Meerjarenbegroting {startjaar}-{eindjaar}", begroting),
        ("Programma IDBGH", "vastgesteld in schooljaar {sj_voorvoor}"),
    ], start)  # fmt: skip
    return plan


def _huidig(swvs, p: Planperiodes):
    """The current period's plan, adopted before it began (inspectie on time)."""
    start = p.huidig
    plan = _plan_000(TITEL_HUIDIG, start, swvs, schooljaar=p.schooljaar, begroting="vastgesteld")
    return _vastgesteld(
        plan, versie_op=_dag(start - 1, 11, 15), opr_op=_dag(start, 1, 20),
        oogo_op=_dag(start, 1, 10), vastgesteld_op=_dag(start, 2, 14),
        inspectie_op=_dag(start, 3, 1), gepubliceerd_op=_dag(start, 3, 15), stemmen=(8, 1, 1),
        door=_gebruiker("medewerker"), opr=_gebruiker("opr"),
    )  # fmt: skip


def _concept(swvs, p: Planperiodes):
    """The next period's plan under OPR review: version 1 went to the OPR ten weeks ago;
    after comments the text changed, and version 2 went five weeks ago, so the diff shows
    what changed since the OPR last saw it. OOGO is under way."""
    from .services import secties

    start = p.volgend
    plan = _plan_000(TITEL_CONCEPT, start, swvs, schooljaar=p.schooljaar, begroting="concept")
    medewerker, opr = _gebruiker("medewerker"), _gebruiker("opr")
    eerste = _werkdag(p.vandaag - 70 * DAG)
    beantwoord = _werkdag(eerste + 21 * DAG)
    tweede = _werkdag(p.vandaag - 35 * DAG)
    hoofdstuk3 = plan.hoofdstukken.get(volgorde=3)
    v1 = secties(plan)
    for s in v1:
        if s["sleutel"] == hoofdstuk3.sleutel:
            s["tekst"] = platte_tekst(hoofdstuk3.tekst.replace(AANPAK_NU, AANPAK_TOEN))
    versies = {
        1: _versie(plan, 1, _tijd(eerste), medewerker, "Voorgelegd aan de OPR", v1),
        2: _versie(plan, 2, _tijd(tweede), medewerker, "Opnieuw voorgelegd aan de OPR", secties(plan)),
    }  # fmt: skip
    plan.opr_besluiten.all().delete()
    plan.versies.filter(nummer__gt=2).delete()
    titels = {s["sleutel"]: s["titel"] for s in secties(plan)}
    gewenst = []
    for n, (versie, sectie, tekst, antwoord, verwerkt) in enumerate(OPMERKINGEN):
        sleutel = (
            sectie if isinstance(sectie, str) else plan.hoofdstukken.get(volgorde=sectie).sleutel
        )
        geplaatst = _werkdag(eerste + 10 * DAG) if versie == 1 else _werkdag(tweede + 10 * DAG)
        opmerking, _ = OprOpmerking.objects.update_or_create(
            plan=plan, sectie=sleutel, tekst=_jaren(tekst, start),
            defaults={
                "versie": versies[versie], "sectie_titel": titels[sleutel], "auteur": opr,
                "geplaatst_op": _tijd(geplaatst, 10 if versie == 1 else 11 + n),
                "antwoord": antwoord, "verwerkt": verwerkt,
                "beantwoord_door": medewerker if antwoord else None,
                "beantwoord_op": _tijd(beantwoord) if antwoord else None,
            },
        )  # fmt: skip
        gewenst.append(opmerking.pk)
    plan.opmerkingen.exclude(pk__in=gewenst).delete()
    # Agreement with the first six gemeenten; the seventh asked for changes.
    _oogo(plan, [
        (_werkdag(tweede + (14 + n) * DAG),
         OogoUitkomst.GEEN_OVEREENSTEMMING if n == 6 else OogoUitkomst.OVEREENSTEMMING,
         "Gemeente vraagt aanvulling over leerlingenvervoer." if n == 6 else "")
        for n in range(7)
    ], medewerker)  # fmt: skip
    return _overgangen(plan, [
        (stappen.VOORLEGGEN, _tijd(eerste), "Eerste voorlegging"),
        (stappen.TERUG_NAAR_CONCEPT, _tijd(beantwoord), "Verwerken reactienota"),
        (stappen.VOORLEGGEN, _tijd(tweede), "Tweede voorlegging"),
    ], medewerker, PlanStatus.TER_INSTEMMING)  # fmt: skip
