"""Demo TLV cases: every state, across PO3104-PO3106 and both demo besturen (INNOVO
41506, Movare 41516), incl. cases at the ib-innovo school. Pupils are fictional.

Deterministic and idempotent: each case is keyed by its (fictional) pupil; a case that
exists is left alone. Dates are computed from today so the deadlines look alive; every
step runs through the services (history, audit, stored PDFs), as a user would take it.
"""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from swv.demo import innovo_school
from swv.models import Gebruiker, Samenwerkingsverband, School

from . import services
from .models import (
    Aanvraag,
    Besluit,
    Deskundige,
    Discipline,
    Status,
    TlvInstellingen,
    leerling_sleutel,
)

OPP_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

# (voornaam, achternaam, geboortedatum, bestuur, swv, schoolindex, soort, categorie, doel)
# doel = the state the case ends in; "herbeoordeling" = concept linked to a granted TLV.
ZAKEN = [
    ("Daan", "Voorbeeld", date(2016, 3, 4), "41506", "ib", 0, "SBO", "", Status.CONCEPT),
    ("Noor", "Proefmans", date(2015, 9, 12), "41506", "ib", 0, "SO", "laag", Status.INGEDIEND),
    ("Sem", "Testhuis", date(2017, 1, 20), "41516", "PO3106", 0, "SBO", "", Status.ADVIES),
    (
        "Lieke",
        "Demostra",
        date(2014, 6, 30),
        "41506",
        "PO3105",
        0,
        "SO",
        "midden",
        Status.BESLUITVORMING,
    ),
    ("Milan", "Fictief", date(2015, 2, 14), "41516", "PO3106", 1, "SBO", "", Status.TOEGEKEND),
    ("Eva", "Bedachtsma", date(2016, 11, 2), "41506", "PO3104", 0, "SBO", "", Status.AFGEWEZEN),
    ("Luuk", "Verzinsel", date(2014, 4, 8), "41516", "PO3104", 0, "SO", "hoog", Status.BEZWAAR),
    ("Tess", "Schijnberg", date(2013, 8, 19), "41506", "PO3106", 1, "SBO", "", Status.BEEINDIGD),
    ("Finn", "Namaakveld", date(2016, 5, 23), "41516", "PO3105", 0, "SBO", "", Status.INGETROKKEN),
    ("Julia", "Denkbeeld", date(2012, 10, 1), "41506", "ib", 0, "SO", "laag", "herbeoordeling"),
    ("Bram", "Proefmans", date(2017, 7, 7), "41516", "PO3106", 2, "SBO", "", Status.INGEDIEND),
]
VOLGORDE = [
    Status.CONCEPT,
    Status.INGEDIEND,
    Status.ADVIES,
    Status.BESLUITVORMING,
    Status.TOEGEKEND,
]


def laad(stdout=None) -> None:
    with transaction.atomic():
        _instellingen()
        _deskundigen()
    aantal = 0
    for spec in ZAKEN:
        with transaction.atomic():
            aantal += _zaak(*spec)
    if stdout:
        stdout.write(f"  toelaatbaarheid: {aantal} demozaken aangemaakt")


def _instellingen():
    for swv in Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105", "PO3106"]):
        TlvInstellingen.objects.get_or_create(swv=swv)


def _deskundigen():
    for username, discipline in (
        ("orthopedagoog", Discipline.ORTHOPEDAGOOG),
        ("jeugdarts", Discipline.ARTS),
    ):
        gebruiker = Gebruiker.objects.filter(username=username).first()
        if gebruiker:
            Deskundige.objects.update_or_create(
                gebruiker=gebruiker, defaults={"discipline": discipline}
            )


def _school(bestuur: str, swv: str, index: int) -> School:
    if swv == "ib":
        return innovo_school()
    scholen = School.objects.filter(bestuur__nummer=bestuur, swv__code=swv, soort="BAO").order_by(
        "vestigingscode"
    )
    return scholen[min(index, scholen.count() - 1)]


def _gewenst(school: School, soort: str) -> School:
    soorten = ["SBO"] if soort == "SBO" else ["SO", "SO_VSO"]
    kandidaten = School.objects.binnen_swv().filter(soort__in=soorten).order_by("vestigingscode")
    return kandidaten.filter(swv=school.swv).first() or kandidaten.first()


def _gebruiker(naam):
    return Gebruiker.objects.get(username=naam)


def _vers(zaak):
    return Aanvraag.objects.get(pk=zaak.pk)


def _zaak(voornaam, achternaam, geboren, bestuur, swv, index, soort, categorie, doel) -> int:
    if Aanvraag.objects.filter(
        leerling_sleutel=leerling_sleutel(voornaam, achternaam), geboortedatum=geboren
    ).exists():
        return 0
    vandaag = timezone.localdate()
    school = _school(bestuur, swv, index)
    tb = _gebruiker("trajectbegeleider")
    maker = _gebruiker("ib-innovo") if swv == "ib" else tb
    jaar = vandaag.year if vandaag.month >= 8 else vandaag.year - 1
    ingang = date(jaar + 1, 8, 1)
    eind = date(jaar + 3, 7, 31)
    if doel in (Status.TOEGEKEND, Status.BEEINDIGD, "herbeoordeling"):
        # A TLV that started earlier and ends this school year (herbeoordeling worklist).
        ingang, eind = date(jaar - 1, 8, 1), date(jaar + 1, 7, 31)
    zaak = services.aanvraag_aanmaken(
        gebruiker=maker,
        school=school,
        gegevens={
            "voornaam": voornaam,
            "achternaam": achternaam,
            "geboortedatum": geboren,
            "groep": min(8, max(1, jaar - geboren.year - 4)),
            "soort": soort,
            "categorie": categorie,
            "ingangsdatum": ingang,
            "einddatum": eind,
            "gewenste_school": _gewenst(school, soort),
            "ondersteuningsbehoeften": "Heeft behoefte aan een kleine groep, veel structuur en "
            "een voorspelbare dag (demo).",
            "niveaus_1_4": "Niveau 1-4 doorlopen: handelingsplan, arrangement via het "
            "schoolondersteuningsteam, inzet ambulante begeleiding (demo).",
            "zienswijze_ouders": "Ouders herkennen het beeld en steunen de aanvraag (demo).",
            "ouders_akkoord": "ja",
        },
    )
    services.bijlage_toevoegen(
        gebruiker=maker,
        aanvraag=zaak,
        bestand=ContentFile(OPP_PDF, name="opp-demo.pdf"),
        soort="opp",
    )
    if doel == Status.CONCEPT:
        return 1
    if doel == Status.INGETROKKEN:
        services.aanvraag_intrekken(
            gebruiker=tb,
            aanvraag=zaak,
            versie=_vers(zaak).versie,
            toelichting="Ouders kozen voor een arrangement in de eigen school (demo).",
        )
        return 1
    # Received long enough ago that the demo shows running and overdue terms.
    ontvangen = vandaag - timedelta(days=65 if doel == Status.INGEDIEND else 40)
    services.aanvraag_indienen(
        gebruiker=tb, aanvraag=zaak, versie=_vers(zaak).versie, ontvangen_op=ontvangen
    )
    if doel == Status.INGEDIEND:
        return 1
    services.mdo_vastleggen(
        gebruiker=tb,
        aanvraag=zaak,
        versie=_vers(zaak).versie,
        gegevens={
            "datum": ontvangen + timedelta(days=14),
            "deelnemers": [
                {"naam": "Anouk Scheepers", "rol": "voorzitter"},
                {"naam": "Ouders", "rol": "ouders"},
                {"naam": "IB'er", "rol": "school"},
                {"naam": "SMW", "rol": "smw"},
            ],
            "ondersteuningsbehoeften": "Zie aanvraag; aangevuld in het MDO (demo).",
            "doelen": "Tot ontwikkeling komen in een kleine, gestructureerde setting (demo).",
            "plaatsingsdatum": zaak.ingangsdatum,
            "looptijd": "tot en met 31 juli",
            "terugkeer": "Na twee jaar bezien of terugkeer naar het regulier onderwijs kan.",
            "leerlingenvervoer": "Aanvraag bij de gemeente loopt.",
            "afspraken": "Jeugdhulp via de gemeentelijke toegang blijft betrokken.",
            "oordeel_toelaatbaar": doel != Status.AFGEWEZEN,
            "overeenstemming": True,
        },
    )
    ortho = Deskundige.objects.get(gebruiker__username="orthopedagoog")
    arts = Deskundige.objects.get(gebruiker__username="jeugdarts")
    a1 = services.deskundige_toewijzen(
        gebruiker=tb, aanvraag=zaak, deskundige=ortho, versie=_vers(zaak).versie
    )
    a2 = services.deskundige_toewijzen(
        gebruiker=tb, aanvraag=zaak, deskundige=arts, versie=_vers(zaak).versie
    )
    toelaatbaar = doel != Status.AFGEWEZEN
    services.advies_geven(
        gebruiker=ortho.gebruiker,
        advies=a1,
        toelaatbaar=toelaatbaar,
        motivering="Onderzoek en dossier laten zien dat de leerling "
        + ("" if toelaatbaar else "niet ")
        + "is aangewezen op speciaal (basis)onderwijs (demo).",
        datum=ontvangen + timedelta(days=21),
    )
    if doel == Status.ADVIES:
        return 1
    services.advies_geven(
        gebruiker=arts.gebruiker,
        advies=a2,
        toelaatbaar=toelaatbaar if doel != Status.BESLUITVORMING else False,
        motivering="Medisch beeld besproken met ouders (demo).",
        datum=ontvangen + timedelta(days=24),
    )
    if doel == Status.BESLUITVORMING:
        return 1
    besluit = Besluit.AFGEWEZEN if doel == Status.AFGEWEZEN else Besluit.TOEGEKEND
    verzonden = ontvangen + timedelta(days=35)
    services.beschikking_afgeven(
        gebruiker=_gebruiker("directeur"),
        aanvraag=zaak,
        versie=_vers(zaak).versie,
        besluit=besluit,
        verzonden_op=verzonden,
    )
    if doel == Status.BEZWAAR:
        services.bezwaar_registreren(
            gebruiker=_gebruiker("medewerker"),
            aanvraag=zaak,
            versie=_vers(zaak).versie,
            indiener="ouders",
            ontvangen_op=verzonden + timedelta(days=3),
            gronden="Ouders vinden categorie hoog nodig en zijn het niet eens met de "
            "einddatum (demo).",
        )
    elif doel == Status.BEEINDIGD:
        services.terugplaatsing_vastleggen(
            gebruiker=tb,
            aanvraag=zaak,
            versie=_vers(zaak).versie,
            datum=vandaag,
            knooppunt_op=vandaag - timedelta(days=7),
            ontvangende_school=_school("41506", "PO3106", 3),
            warme_overdracht="Overdrachtsgesprek met ouders, SBO en de nieuwe school; "
            "ambulante begeleiding de eerste drie maanden (demo).",
        )
    elif doel == "herbeoordeling":
        services.herbeoordeling_starten(gebruiker=tb, aanvraag=_vers(zaak))
    return 1
