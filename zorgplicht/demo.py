"""Demo aanmeldingen at the ib-innovo school, through the services, dates relative to
today: one fresh, one extended, one past six weeks, one past ten weeks without a decision,
one decided. Fictional pupils (new dossiers through `dossier_koppelen`). Loading again
on the same day changes nothing; on a later day the demo aanmeldingen are built anew
around that day."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from swv.demo import innovo_school
from swv.models import Gebruiker

from . import services
from .models import Aanmelding, Uitkomst

# (voornaam, dagen geleden ontvangen, wat er daarna gebeurde)
AANMELDINGEN = [
    ("Sem", 3, None),
    ("Yara", 40, "verlengd"),
    ("Daan", 50, None),
    ("Mila", 75, None),
    ("Finn", 30, "besloten"),
]
ACHTERNAAM = "Demoaanmelding"


@transaction.atomic
def laad(stdout=None) -> None:
    school = innovo_school()
    ib = Gebruiker.objects.filter(username="ib-innovo").first()
    if school is None or ib is None:
        return
    vandaag = timezone.localdate()
    demo = Aanmelding.objects.filter(school=school, leerling__achternaam=ACHTERNAAM)
    _naam, dagen_geleden, _vervolg = AANMELDINGEN[0]
    if demo.filter(ontvangen_op=vandaag - timedelta(days=dagen_geleden)).exists():
        return  # built today
    demo.delete()
    for voornaam, dagen, vervolg in AANMELDINGEN:
        ontvangen = vandaag - timedelta(days=dagen)
        obj = services.aanmelding_registreren(
            gebruiker=ib, school=school, ontvangen_op=ontvangen,
            gevraagde_ondersteuning="Ouders melden dat hun kind extra begeleiding nodig heeft "
            "bij taal en bij de overgang naar een nieuwe groep (demo).",
            voornaam=voornaam, achternaam=ACHTERNAAM,
            geboortedatum=date(vandaag.year - 6, 3, 1),
            gewenste_startdatum=ontvangen + timedelta(days=70),
        )  # fmt: skip
        if vervolg == "verlengd":
            services.aanmelding_verlengen(
                gebruiker=ib, aanmelding=obj, versie=obj.versie, weken=4,
                verlengd_op=ontvangen + timedelta(days=5),
                reden="Onderzoek naar de ondersteuningsbehoefte loopt nog (demo).",
            )  # fmt: skip
        elif vervolg == "besloten":
            services.aanmelding_besluiten(
                gebruiker=ib, aanmelding=obj, versie=obj.versie,
                uitkomst=Uitkomst.ARRANGEMENT, besloten_op=vandaag - timedelta(days=10),
                toelichting="Toegelaten; arrangement taal via het samenwerkingsverband (demo).",
            )  # fmt: skip
    if stdout:
        stdout.write(f"  {len(AANMELDINGEN)} aanmeldingen (zorgplicht)")
