"""Impossible dates on the leerlingdossier form (issue 14): a birth date in year 1 is
refused with a Dutch message next to the field, and no dossier is made."""

import re

import pytest
from django.utils import timezone

from leerlingen.models import Leerling

pytestmark = pytest.mark.django_db


def _melding_bij_veld(html: str, veld: str) -> str:
    gevonden = re.search(rf'id="error_\d+_id_{veld}"[^>]*>(.*?)</', html, re.S)
    assert gevonden, f"geen melding bij {veld}"
    return re.sub(r"<[^>]+>", "", gevonden.group(1)).strip()


def _gegevens(school, geboortedatum):
    return {"school": school.pk, "voornaam": "Bo", "achternaam": "Datumgrens",
            "geboortedatum": geboortedatum, "groep": 3}  # fmt: skip


@pytest.mark.parametrize(
    ("waarde", "melding"),
    [
        ("0001-01-01", "Vul een datum tussen 1900 en 2100 in."),
        ("2101-01-01", "Vul een datum tussen 1900 en 2100 in."),
        ("1990-01-01", "Een leerling is hoogstens 25 jaar oud: controleer de geboortedatum."),
    ],
)
def test_onmogelijke_geboortedatum_geweigerd_bij_het_veld(als, gebruiker, waarde, melding):
    school = gebruiker("ib-innovo").school
    r = als("ib-innovo").post("/leerlingen/nieuw/", _gegevens(school, waarde))
    assert r.status_code == 200
    assert melding in r.context["form"].errors["geboortedatum"]
    html = r.content.decode()
    assert _melding_bij_veld(html, "geboortedatum") == melding
    assert "Het formulier is niet opgeslagen" in html
    assert not Leerling.objects.filter(achternaam="Datumgrens").exists()


def test_gewone_geboortedatum_aanvaard(als, gebruiker):
    school = gebruiker("ib-innovo").school
    vandaag = timezone.localdate()
    geboren = vandaag.replace(year=vandaag.year - 7, month=1, day=15).isoformat()
    r = als("ib-innovo").post("/leerlingen/nieuw/", _gegevens(school, geboren))
    assert r.status_code == 302
    assert Leerling.objects.filter(achternaam="Datumgrens").count() == 1
