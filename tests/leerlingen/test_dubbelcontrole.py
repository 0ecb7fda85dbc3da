"""The dossier's duplicate check tells nothing about pupils outside the user's scope, is
audited and limited per user: the same mechanism as the TLV's (leerlingen.dubbelcontrole,
issue 16)."""

import pytest
from django.utils import timezone

from leerlingen import services
from leerlingen.models import Leerling
from swv.models import AuditEvent, School

pytestmark = pytest.mark.django_db


def _post(school, voornaam="Noor", achternaam="Controle", geboortedatum=None):
    vandaag = timezone.localdate()
    geboren = geboortedatum or vandaag.replace(year=vandaag.year - 9, month=3, day=14)
    return {
        "school": school.pk,
        "voornaam": voornaam,
        "achternaam": achternaam,
        "geboortedatum": geboren.strftime("%d-%m-%Y"),
        "groep": 5,
    }


@pytest.fixture
def eigen_school(gebruiker):
    return gebruiker("ib-innovo").school


@pytest.fixture
def bestaand_elders(gebruiker, eigen_school):
    """A dossier at another board's school in the same SWV, which the ib'er cannot see."""
    andere = (
        School.objects.binnen_swv()
        .exclude(bestuur=eigen_school.bestuur)
        .filter(swv=eigen_school.swv, soort="BAO")
        .order_by("pk")
        .first()
    )
    vandaag = timezone.localdate()
    return services.leerling_aanmaken(
        gebruiker=gebruiker("medewerker"),
        school=andere,
        voornaam="Lotte",
        achternaam="Verborgen",
        geboortedatum=vandaag.replace(year=vandaag.year - 9, month=5, day=2),
        groep=5,
    )


def test_treffer_buiten_bereik_zegt_niets_en_wordt_vastgelegd(als, eigen_school, bestaand_elders):
    aantal = Leerling.objects.count()
    r = als("ib-innovo").post(
        "/leerlingen/nieuw/",
        _post(eigen_school, "Lotte", "Verborgen", bestaand_elders.geboortedatum),
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "kunt u hier geen dossier aanmaken" in html
    assert "samenwerkingsverband" in html
    assert bestaand_elders.nummer not in html and bestaand_elders.school.naam not in html
    assert "bestaat al" not in html and "heeft al een dossier" not in html
    assert Leerling.objects.count() == aantal  # nothing left behind
    treffer = AuditEvent.objects.get(
        gebruikersnaam="ib-innovo", omschrijving__startswith="Dossier-dubbelcontrole"
    )
    assert bestaand_elders.nummer in treffer.omschrijving
    assert "buiten het bereik" in treffer.omschrijving
    assert "Lotte" not in treffer.omschrijving and "Verborgen" not in str(treffer.details)


def test_controles_per_gebruiker_begrensd_samen_met_de_tlv(als, gebruiker, settings, eigen_school):
    settings.DUBBELCONTROLE_LIMIET = 3
    client = als("ib-innovo")
    for i in range(2):
        assert client.post("/leerlingen/nieuw/", _post(eigen_school, f"Kind{i}")).status_code == 302
    # The TLV's check counts in the same budget: the third check of any kind is the last.
    from toelaatbaarheid.dubbelcontrole import tellen

    tellen(gebruiker("ib-innovo"))
    aantal = Leerling.objects.count()
    r = client.post("/leerlingen/nieuw/", _post(eigen_school, "Kind9"))
    assert r.status_code == 429
    assert "Probeer het over een uur opnieuw" in r.content.decode()
    assert Leerling.objects.count() == aantal
    assert AuditEvent.objects.filter(
        gebruikersnaam="ib-innovo", omschrijving__contains="limiet bereikt"
    ).exists()
    # Per user: someone else still can.
    assert (
        als("medewerker").post("/leerlingen/nieuw/", _post(eigen_school, "Kind8")).status_code
        == 302
    )
