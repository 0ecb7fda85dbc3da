"""Demo TLV cases: every state, across PO3104-PO3106 and both demo besturen (INNOVO
41506, Movare 41516), incl. cases at the ib-innovo school. Pupils are fictional.

Every date is counted from the day the demo is loaded: cases in procedure were received
in the last weeks, with their terms ahead, except one received 65 days ago whose
beslistermijn has passed on purpose; granted TLVs started at the beginning of last school
year and end with this one; the terugplaatsing of eight weeks ago has its nazorg (the
first moment held), and one aanvraag comes from a voorschoolse voorziening (MKD), without
a school of origin. Pupils are born to fit their groep this school year. Every
step runs through the services (history, audit, stored PDFs), as a user would take it;
the dates the services stamp themselves (history, advice requested, date of the
beschikking) are then set to the day the step was taken.

Idempotent and deterministic on a given day: each case is keyed by its (fictional)
pupil; a case built for today is left alone. The demo owns these cases: one built on
another day is removed and built again, so a load on a later day moves the demo on.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from swv.demo import innovo_school
from swv.models import Gebruiker, Samenwerkingsverband, School
from swv.schooljaar import schooljaar_periode, schooljaar_van

from . import selectors, services
from . import termijnen as t
from .models import (
    Aanvraag,
    Beschikking,
    Besluit,
    Bezwaar,
    Deskundige,
    Deskundigenadvies,
    Discipline,
    Herkomst,
    Status,
    StatusWijziging,
    Terugplaatsing,
    TlvInstellingen,
    leerling_sleutel,
)

OPP_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
DEMO_TEKST = "(demo)."
TE_LAAT = "te laat"  # an ingediend case whose beslistermijn has passed, on purpose
HERBEOORDELING = "herbeoordeling"  # a granted TLV whose herbeoordeling has started
# Granted TLVs start 1 August of last school year and end 31 July of this one; the demo
# SWVs put them on the herbeoordeling werklijst from the start of that final school year.
SIGNAAL_MAANDEN = 12

# (voornaam, achternaam, (maand, dag) of birth, groep this school year, bestuur, swv,
# schoolindex, soort, categorie, doel); doel = the state the case ends in.
ZAKEN = [
    ("Daan", "Voorbeeld", (3, 4), 6, "41506", "ib", 0, "SBO", "", Status.CONCEPT),
    ("Noor", "Proefmans", (9, 12), 7, "41506", "ib", 0, "SO", "laag", Status.INGEDIEND),
    ("Sem", "Testhuis", (1, 20), 5, "41516", "PO3106", 0, "SBO", "", Status.ADVIES),
    ("Lieke", "Demostra", (6, 30), 8, "41506", "PO3105", 0, "SO", "midden", Status.BESLUITVORMING),
    ("Milan", "Fictief", (2, 14), 7, "41516", "PO3106", 1, "SBO", "", Status.TOEGEKEND),
    ("Eva", "Bedachtsma", (11, 2), 6, "41506", "PO3104", 0, "SBO", "", Status.AFGEWEZEN),
    ("Luuk", "Verzinsel", (4, 8), 8, "41516", "PO3104", 0, "SO", "hoog", Status.BEZWAAR),
    ("Tess", "Schijnberg", (8, 19), 8, "41506", "PO3106", 1, "SBO", "", Status.BEEINDIGD),
    ("Finn", "Namaakveld", (5, 23), 6, "41516", "PO3105", 0, "SBO", "", Status.INGETROKKEN),
    ("Julia", "Denkbeeld", (10, 1), 8, "41506", "ib", 0, "SO", "laag", HERBEOORDELING),
    ("Bram", "Proefmans", (7, 7), 5, "41516", "PO3106", 2, "SBO", "", TE_LAAT),
]  # fmt: skip
VOLGORDE = [
    Status.CONCEPT,
    Status.INGEDIEND,
    Status.ADVIES,
    Status.BESLUITVORMING,
    Status.TOEGEKEND,
]
# Cases decided in the spring before their TLV began (1 August of last school year).
VOORAF_BESLIST = (Status.TOEGEKEND, Status.BEEINDIGD, HERBEOORDELING)


@dataclass(frozen=True)
class Verloop:
    """When each step was taken: days before `basis` (None: not taken)."""

    aangemaakt: int
    ingediend: int | None = None
    mdo: int | None = None
    gevraagd: int | None = None
    advies1: int | None = None
    advies2: int | None = None
    verzonden: int | None = None
    bezwaar: int | None = None
    ingetrokken: int | None = None


# Days before today for cases in procedure; before the spring decision date for the others.
VERLOOP = {
    Status.CONCEPT: Verloop(aangemaakt=3),
    Status.INGETROKKEN: Verloop(aangemaakt=30, ingetrokken=10),
    Status.INGEDIEND: Verloop(aangemaakt=12, ingediend=9),
    TE_LAAT: Verloop(aangemaakt=68, ingediend=65),
    Status.ADVIES: Verloop(aangemaakt=28, ingediend=25, mdo=15, gevraagd=14, advies1=5),
    Status.BESLUITVORMING: Verloop(43, 40, 30, 29, 15, 12),
    Status.AFGEWEZEN: Verloop(53, 50, 40, 39, 25, 22, verzonden=15),
    Status.BEZWAAR: Verloop(58, 55, 45, 44, 30, 27, verzonden=20, bezwaar=6),
    "vooraf": Verloop(60, 57, 45, 44, 30, 27, verzonden=14),
}


def _werkdag_terug(dag: date) -> date:
    """The day itself, or the last working day before it (weekend or feestdag)."""
    while t.is_vrije_dag(dag):
        dag -= timedelta(days=1)
    return dag


@dataclass(frozen=True)
class Zaakdata:
    """The dates of one demo case on `vandaag`."""

    vandaag: date
    doel: str
    geboren_op: tuple[int, int]
    groep_nu: int
    volgnummer: int  # the case's place in ZAKEN: spreads the spring decisions over weeks

    @property
    def schooljaar(self) -> int:
        return schooljaar_van(self.vandaag)

    @property
    def verloop(self) -> Verloop:
        return VERLOOP["vooraf" if self.doel in VOORAF_BESLIST else self.doel]

    def dag(self, stap: str) -> date | None:
        dagen = getattr(self.verloop, stap)
        if dagen is None:
            return None
        if self.doel in VOORAF_BESLIST:
            basis = date(self.schooljaar - 1, 4, 15) - timedelta(weeks=self.volgnummer // 3)
        else:
            basis = self.vandaag
        return _werkdag_terug(basis - timedelta(days=dagen))

    @property
    def geboortedatum(self) -> date:
        maand, dag = self.geboren_op
        return date(self.schooljaar - 4 - self.groep_nu, maand, dag)

    @property
    def groep(self) -> int:
        """The groep when the aanvraag was made."""
        return max(1, self.groep_nu - (self.schooljaar - schooljaar_van(self.dag("aangemaakt"))))

    @property
    def tlv_periode(self) -> tuple[date, date]:
        """Granted TLVs run from last school year to the end of this one; the others are
        asked from next school year, for two years."""
        eerste = self.schooljaar - 1 if self.doel in VOORAF_BESLIST else self.schooljaar + 1
        return schooljaar_periode(eerste)[0], schooljaar_periode(eerste + 1)[1]


def laad(stdout=None) -> None:
    with transaction.atomic():
        _instellingen()
        _deskundigen()
    vandaag = timezone.localdate()
    aantal = 0
    for volgnummer, (voornaam, achternaam, geboren, groep, *rest) in enumerate(ZAKEN):
        data = Zaakdata(vandaag, rest[-1], geboren, groep, volgnummer)
        with transaction.atomic():
            aantal += _zaak(data, voornaam, achternaam, *rest[:-1])
    with transaction.atomic():
        aantal += _voorschool(vandaag)
    if stdout:
        stdout.write(f"  toelaatbaarheid: {aantal} demozaken aangemaakt")


def _voorschool(vandaag: date) -> int:
    """Onderinstroom from a medisch kinderdagverblijf: an aanvraag without a school of
    origin, filed by the trajectbegeleider for PO3106."""
    voornaam, achternaam = "Sara", "Kleuterstap"
    geboren = date(schooljaar_van(vandaag) - 4, 3, 1)
    for bestaand in _bestaande(voornaam, achternaam):
        if bestaand.geboortedatum == geboren:
            return 0
        _verwijderen(bestaand)
    tb = _gebruiker("trajectbegeleider")
    swv = Samenwerkingsverband.objects.get(code="PO3106")
    gewenst = (
        School.objects.binnen_swv()
        .filter(soort__in=["SO", "SO_VSO"], swv=swv)
        .order_by("vestigingscode")
        .first()
    )
    ingang = date(schooljaar_van(vandaag) + 1, 8, 1)
    zaak = services.aanvraag_aanmaken(
        gebruiker=tb,
        school=None,
        herkomst=Herkomst.VOORSCHOOL,
        swv=swv,
        gegevens={
            "voornaam": voornaam,
            "achternaam": achternaam,
            "geboortedatum": geboren,
            "groep": 1,
            "herkomst_naam": "MKD De Kleine Stap",
            "herkomst_gemeente": "Heerlen",
            "soort": "SO",
            "categorie": "midden",
            "ingangsdatum": ingang,
            "einddatum": t.standaard_einddatum(ingang),
            "gewenste_school": gewenst,
            "ondersteuningsbehoeften": "Onderinstroom vanuit het MKD: intensieve zorg en "
            "een kleine groep " + DEMO_TEKST,
            "niveaus_1_4": "Geen school van herkomst; observatie en handelingsadvies van het "
            "MKD (demo).",
            "zienswijze_ouders": "Ouders kiezen voor SO na het MKD (demo).",
            "ouders_akkoord": "ja",
        },
        opp=ContentFile(OPP_PDF, name="opp-demo.pdf"),
    )
    services.aanvraag_indienen(
        gebruiker=tb, aanvraag=zaak, versie=_vers(zaak).versie,
        ontvangen_op=vandaag - timedelta(days=2),
    )  # fmt: skip
    return 1


def _instellingen():
    for swv in Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105", "PO3106"]):
        TlvInstellingen.objects.update_or_create(
            swv=swv, defaults={"herbeoordeling_signaal_maanden": SIGNAAL_MAANDEN}
        )


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


def _moment(dag: date, uur: int) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(uur)))


def _gedaan_op(zaak, sinds: datetime, dag: date, uur: int) -> None:
    """Date the history rows written since `sinds` to the day the step was taken."""
    if dag < timezone.localdate():
        StatusWijziging.objects.filter(aanvraag=zaak, tijdstip__gte=sinds).update(
            tijdstip=_moment(dag, uur)
        )


def _bestaande(voornaam, achternaam):
    return Aanvraag.objects.filter(
        leerling_sleutel=leerling_sleutel(voornaam, achternaam),
        vorige__isnull=True,
        ondersteuningsbehoeften__endswith=DEMO_TEKST,
    )


def _verwijderen(zaak: Aanvraag) -> None:
    """Remove a demo case built on another day, with everything recorded on it."""
    for z in [*zaak.herbeoordelingen.all(), zaak]:
        for bijlage in z.bijlagen.all():
            bijlage.bestand.delete(save=False)
        Bezwaar.objects.filter(aanvraag=z).delete()
        Terugplaatsing.objects.filter(aanvraag=z).delete()
        Beschikking.objects.filter(aanvraag=z).delete()
        z.delete()


def _zaak(data: Zaakdata, voornaam, achternaam, bestuur, swv, index, soort, categorie) -> int:
    aangemaakt = data.dag("aangemaakt")
    for bestaand in _bestaande(voornaam, achternaam):
        if (
            bestaand.geboortedatum == data.geboortedatum
            and timezone.localtime(bestaand.aangemaakt_op).date() == aangemaakt
        ):
            return 0
        _verwijderen(bestaand)
    doel = data.doel
    school = _school(bestuur, swv, index)
    tb = _gebruiker("trajectbegeleider")
    maker = _gebruiker("ib-innovo") if swv == "ib" else tb
    ingang, eind = data.tlv_periode
    sinds = timezone.now()
    zaak = services.aanvraag_aanmaken(
        gebruiker=maker,
        school=school,
        gegevens={
            "voornaam": voornaam,
            "achternaam": achternaam,
            "geboortedatum": data.geboortedatum,
            "groep": data.groep,
            "soort": soort,
            "categorie": categorie,
            "ingangsdatum": ingang,
            "einddatum": eind,
            "gewenste_school": _gewenst(school, soort),
            "ondersteuningsbehoeften": "Heeft behoefte aan een kleine groep, veel structuur en "
            "een voorspelbare dag " + DEMO_TEKST,
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
    Aanvraag.objects.filter(pk=zaak.pk).update(aangemaakt_op=_moment(aangemaakt, 9))
    zaak.bijlagen.update(geupload_op=_moment(aangemaakt, 9))
    _gedaan_op(zaak, sinds, aangemaakt, 9)
    if doel == Status.CONCEPT:
        return 1
    if doel == Status.INGETROKKEN:
        sinds = timezone.now()
        services.aanvraag_intrekken(
            gebruiker=tb,
            aanvraag=zaak,
            versie=_vers(zaak).versie,
            toelichting="Ouders kozen voor een arrangement in de eigen school (demo).",
        )
        _gedaan_op(zaak, sinds, data.dag("ingetrokken"), 14)
        return 1
    ontvangen = data.dag("ingediend")
    sinds = timezone.now()
    services.aanvraag_indienen(
        gebruiker=tb, aanvraag=zaak, versie=_vers(zaak).versie, ontvangen_op=ontvangen
    )
    _gedaan_op(zaak, sinds, ontvangen, 10)
    if doel in (Status.INGEDIEND, TE_LAAT):
        return 1
    sinds = timezone.now()
    services.mdo_vastleggen(
        gebruiker=tb,
        aanvraag=zaak,
        versie=_vers(zaak).versie,
        gegevens={
            "datum": data.dag("mdo"),
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
    _gedaan_op(zaak, sinds, data.dag("mdo"), 15)
    ortho = Deskundige.objects.get(gebruiker__username="orthopedagoog")
    arts = Deskundige.objects.get(gebruiker__username="jeugdarts")
    gevraagd = data.dag("gevraagd")
    weken = selectors.instellingen_voor(zaak.swv_id).advies_weken
    sinds = timezone.now()
    a1 = services.deskundige_toewijzen(
        gebruiker=tb, aanvraag=zaak, deskundige=ortho, versie=_vers(zaak).versie
    )
    a2 = services.deskundige_toewijzen(
        gebruiker=tb, aanvraag=zaak, deskundige=arts, versie=_vers(zaak).versie
    )
    Deskundigenadvies.objects.filter(pk__in=[a1.pk, a2.pk]).update(
        gevraagd_op=gevraagd, uiterlijk_op=t.advies_uiterlijk(gevraagd, weken)
    )
    _gedaan_op(zaak, sinds, gevraagd, 16)
    toelaatbaar = doel != Status.AFGEWEZEN
    sinds = timezone.now()
    services.advies_geven(
        gebruiker=ortho.gebruiker,
        advies=a1,
        toelaatbaar=toelaatbaar,
        motivering="Onderzoek en dossier laten zien dat de leerling "
        + ("" if toelaatbaar else "niet ")
        + "is aangewezen op speciaal (basis)onderwijs (demo).",
        datum=data.dag("advies1"),
    )
    _gedaan_op(zaak, sinds, data.dag("advies1"), 11)
    if doel == Status.ADVIES:
        return 1
    sinds = timezone.now()
    services.advies_geven(
        gebruiker=arts.gebruiker,
        advies=a2,
        toelaatbaar=toelaatbaar if doel != Status.BESLUITVORMING else False,
        motivering="Medisch beeld besproken met ouders (demo).",
        datum=data.dag("advies2"),
    )
    _gedaan_op(zaak, sinds, data.dag("advies2"), 14)
    if doel == Status.BESLUITVORMING:
        return 1
    besluit = Besluit.AFGEWEZEN if doel == Status.AFGEWEZEN else Besluit.TOEGEKEND
    verzonden = data.dag("verzonden")
    sinds = timezone.now()
    besch = services.beschikking_afgeven(
        gebruiker=_gebruiker("directeur"),
        aanvraag=zaak,
        versie=_vers(zaak).versie,
        besluit=besluit,
        verzonden_op=verzonden,
    )
    _beschikking_dateren(besch, zaak, sinds, verzonden)
    vandaag = timezone.localdate()
    if doel == Status.BEZWAAR:
        sinds = timezone.now()
        services.bezwaar_registreren(
            gebruiker=_gebruiker("medewerker"),
            aanvraag=zaak,
            versie=_vers(zaak).versie,
            indiener="ouders",
            ontvangen_op=data.dag("bezwaar"),
            gronden="Ouders vinden categorie hoog nodig en zijn het niet eens met de "
            "einddatum (demo).",
        )
        _gedaan_op(zaak, sinds, data.dag("bezwaar"), 12)
    elif doel == Status.BEEINDIGD:
        # Back at a regular school eight weeks ago: the 6-week nazorg has been held, the
        # others are planned.
        terug = services.terugplaatsing_vastleggen(
            gebruiker=tb,
            aanvraag=zaak,
            versie=_vers(zaak).versie,
            datum=vandaag - timedelta(weeks=8),
            knooppunt_op=vandaag - timedelta(weeks=9),
            ontvangende_school=_school("41506", "PO3106", 3),
            warme_overdracht="Overdrachtsgesprek met ouders, SBO en de nieuwe school; "
            "ambulante begeleiding de eerste drie maanden (demo).",
        )
        eerste = terug.nazorgmomenten.order_by("datum_gepland").first()
        services.nazorg_vastleggen(
            gebruiker=tb,
            aanvraag=_vers(zaak),
            moment=eerste.pk,
            datum_gepland=eerste.datum_gepland,
            gehouden_op=eerste.datum_gepland,
            bevindingen="Goed gestart in groep 8; ambulante begeleiding loopt door tot de "
            "kerstvakantie (demo).",
        )
    elif doel == HERBEOORDELING:
        services.herbeoordeling_starten(gebruiker=tb, aanvraag=_vers(zaak))
    return 1


def _beschikking_dateren(besch: Beschikking, zaak: Aanvraag, sinds, verzonden: date) -> None:
    """The beschikking was decided on the day it was sent: its date, its number's year and
    the stored documents follow that day, not the day the demo was loaded."""
    oud = besch.nummer
    velden = {"datum": verzonden}
    if besch.jaar != verzonden.year:
        hoogste = Beschikking.objects.filter(swv_id=besch.swv_id, jaar=verzonden.year).aggregate(
            m=Max("volgnummer")
        )["m"]
        velden.update(jaar=verzonden.year, volgnummer=(hoogste or 0) + 1)
    Beschikking.objects.filter(pk=besch.pk).update(**velden)
    besch = Beschikking.objects.select_related("swv", "aanvraag").get(pk=besch.pk)
    services.documenten_bewaren(besch)
    for rij in StatusWijziging.objects.filter(aanvraag=zaak, tijdstip__gte=sinds):
        rij.stap = rij.stap.replace(oud, besch.nummer)
        rij.tijdstip = _moment(verzonden, 13)
        rij.save(update_fields=["stap", "tijdstip"])
