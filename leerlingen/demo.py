"""Demo dossiers: pupils with a dossier and their parents' consent, but no TLV (yet): at
the ib-innovo school, at a Movare school and in another SWV. The TLV demo (loaded after
this one) attaches its cases to dossiers of their own through the TLV services. Pupils
are fictional; birth dates fit their groep this school year. Idempotent."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from swv.demo import innovo_school
from swv.models import Gebruiker, School
from swv.schooljaar import huidig_schooljaar

from .models import Leerling, Toestemming, leerling_sleutel

# (voornaam, achternaam, groep, school)
DOSSIERS = [
    ("Noor", "Demodossier", 4, "innovo"),
    ("Ties", "Demodossier", 7, "movare"),
    ("Lina", "Demodossier", 2, "po3104"),
]


def _school(waar) -> School:
    if waar == "innovo":
        return innovo_school()
    if waar == "movare":
        return (
            School.objects.filter(bestuur__nummer="41516", soort="BAO")
            .order_by("vestigingscode")
            .first()
        )
    return School.objects.filter(swv__code="PO3104", soort="BAO").order_by("vestigingscode").first()


@transaction.atomic
def laad(stdout=None) -> None:
    medewerker = Gebruiker.objects.get(username="medewerker")
    jaar = huidig_schooljaar()
    for voornaam, achternaam, groep, waar in DOSSIERS:
        school = _school(waar)
        # Groep N in school year J: about N + 3 years old on 1 August J.
        geboren = date(jaar - groep - 3, 4, 1)
        leerling, nieuw = Leerling.objects.get_or_create(
            swv_id=school.swv_id,
            leerling_sleutel=leerling_sleutel(voornaam, achternaam),
            geboortedatum=geboren,
            defaults={
                "voornaam": voornaam,
                "achternaam": achternaam,
                "school": school,
                "groep": groep,
                "aangemaakt_door": medewerker,
            },  # fmt: skip
        )
        if nieuw:
            Toestemming.objects.create(
                leerling=leerling, gegeven_door="moeder (demo)",
                datum=timezone.localdate(), vastgelegd_door=medewerker,
            )  # fmt: skip
    if stdout:
        stdout.write(f"  {len(DOSSIERS)} demodossiers")
