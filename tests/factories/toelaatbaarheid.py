"""Build TLV cases for tests by walking them through the real services (so history,
audit and constraints are exercised), plus a cheap PDF stub for tests that do not read
the PDF."""

import itertools
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from swv.models import Gebruiker, School
from toelaatbaarheid import services
from toelaatbaarheid.models import Aanvraag, Besluit, Deskundige, Status

PDF = b"%PDF-1.4\n%%EOF\n"
_teller = itertools.count(1)


def gebruiker(naam) -> Gebruiker:
    return Gebruiker.objects.get(username=naam)


def movare_school(index=0) -> School:
    return School.objects.filter(bestuur__nummer="41516", swv__code="PO3106", soort="BAO").order_by(
        "vestigingscode"
    )[index]


def sbo_school() -> School:
    return School.objects.filter(soort="SBO", swv__code="PO3106").order_by("vestigingscode").first()


def gegevens(**kw) -> dict:
    n = next(_teller)
    vandaag = timezone.localdate()
    jaar = vandaag.year if vandaag.month >= 8 else vandaag.year - 1
    basis = {
        "voornaam": f"Test{n}",
        "achternaam": f"Leerling{n}",
        "geboortedatum": date(2015, 1, 1) + timedelta(days=n),
        "groep": 5,
        "soort": "SBO",
        "categorie": "",
        "ingangsdatum": date(jaar + 1, 8, 1),
        "einddatum": date(jaar + 3, 7, 31),
        "gewenste_school": sbo_school(),
        "ondersteuningsbehoeften": "Kleine groep",
        "niveaus_1_4": "Arrangement",
        "zienswijze_ouders": "Eens",
        "ouders_akkoord": "ja",
    }
    basis.update(kw)
    return basis


def nieuwe_zaak(*, door="trajectbegeleider", school=None, opp=True, **kw) -> Aanvraag:
    maker = gebruiker(door)
    zaak = services.aanvraag_aanmaken(
        gebruiker=maker, school=school or movare_school(), gegevens=gegevens(**kw)
    )
    if opp:
        services.bijlage_toevoegen(
            gebruiker=maker, aanvraag=zaak, bestand=ContentFile(PDF, name="opp.pdf"), soort="opp"
        )
    return vers(zaak)


def vers(zaak) -> Aanvraag:
    return Aanvraag.objects.get(pk=zaak.pk)


def mdo_gegevens(**kw):
    basis = {
        "datum": timezone.localdate(),
        "deelnemers": [{"naam": "A. Scheepers", "rol": "voorzitter"}],
        "ondersteuningsbehoeften": "x",
        "doelen": "y",
        "plaatsingsdatum": None,
        "looptijd": "",
        "terugkeer": "",
        "leerlingenvervoer": "",
        "afspraken": "",
        "oordeel_toelaatbaar": True,
        "overeenstemming": True,
    }
    basis.update(kw)
    return basis


def naar_status(zaak, doel, *, toelaatbaar=True, besluit=None) -> Aanvraag:
    """Walk a concept case through the services up to state `doel`."""
    tb = gebruiker("trajectbegeleider")
    vandaag = timezone.localdate()
    volgorde = [Status.INGEDIEND, Status.ADVIES, Status.BESLUITVORMING, "beschikt", Status.BEZWAAR]
    if doel == Status.CONCEPT:
        return vers(zaak)
    stap_doel = "beschikt" if doel in (Status.TOEGEKEND, Status.AFGEWEZEN) else doel
    for stap in volgorde[: volgorde.index(stap_doel) + 1]:
        zaak = vers(zaak)
        if stap == Status.INGEDIEND:
            services.aanvraag_indienen(gebruiker=tb, aanvraag=zaak, versie=zaak.versie)
        elif stap == Status.ADVIES:
            services.mdo_vastleggen(
                gebruiker=tb,
                aanvraag=zaak,
                versie=zaak.versie,
                gegevens=mdo_gegevens(oordeel_toelaatbaar=toelaatbaar),
            )
        elif stap == Status.BESLUITVORMING:
            ortho = Deskundige.objects.get(gebruiker__username="orthopedagoog")
            arts = Deskundige.objects.get(gebruiker__username="jeugdarts")
            a1 = services.deskundige_toewijzen(
                gebruiker=tb, aanvraag=zaak, deskundige=ortho, versie=zaak.versie
            )
            a2 = services.deskundige_toewijzen(
                gebruiker=tb, aanvraag=zaak, deskundige=arts, versie=vers(zaak).versie
            )
            for a, d in ((a1, ortho), (a2, arts)):
                services.advies_geven(
                    gebruiker=d.gebruiker,
                    advies=a,
                    toelaatbaar=toelaatbaar,
                    motivering="Gemotiveerd",
                    datum=vandaag,
                )
        elif stap == "beschikt":
            gekozen = besluit or (
                Besluit.TOEGEKEND if toelaatbaar and doel != Status.AFGEWEZEN else Besluit.AFGEWEZEN
            )
            services.beschikking_afgeven(
                gebruiker=gebruiker("directeur"),
                aanvraag=zaak,
                versie=zaak.versie,
                besluit=gekozen,
                motivering="" if (gekozen == Besluit.TOEGEKEND) == toelaatbaar else "Afwijkend",
            )
        elif stap == Status.BEZWAAR:
            services.bezwaar_registreren(
                gebruiker=gebruiker("medewerker"),
                aanvraag=zaak,
                versie=zaak.versie,
                indiener="ouders",
                ontvangen_op=vandaag,
                gronden="Niet eens",
            )
    return vers(zaak)
