"""Impossible dates on the TLV forms (issue 14): a birth date in year 1 or a verdaging to
9999 is refused with a Dutch message next to the field, and nothing is saved."""

import re

import pytest

from tests.factories.toelaatbaarheid import vers
from toelaatbaarheid.models import Aanvraag, Status

from .test_dubbelcontrole import _post


def _melding_bij_veld(html: str, veld: str) -> str:
    """The error text the form shows right under the field `veld` (crispy's feedback)."""
    gevonden = re.search(rf'id="error_\d+_id_{veld}"[^>]*>(.*?)</', html, re.S)
    assert gevonden, f"geen melding bij {veld}"
    return re.sub(r"<[^>]+>", "", gevonden.group(1)).strip()


@pytest.mark.parametrize("waarde", ["0001-01-01", "1899-12-31"])
def test_geboortedatum_in_het_jaar_een_geweigerd(als, waarde):
    data = {**_post(), "geboortedatum": waarde}
    zaken = Aanvraag.objects.count()
    r = als("ib-innovo").post("/tlv/nieuw/", data)
    assert r.status_code == 200
    fouten = r.context["form"].errors["geboortedatum"]
    assert "Vul een datum tussen 1900 en 2100 in." in fouten
    html = r.content.decode()
    assert _melding_bij_veld(html, "geboortedatum") == "Vul een datum tussen 1900 en 2100 in."
    assert 'min="1900-01-01"' in html  # the date picker knows the range too
    assert Aanvraag.objects.count() == zaken


def test_geboortedatum_van_een_leerling_wordt_aanvaard(als):
    r = als("ib-innovo").post("/tlv/nieuw/", _post())
    assert r.status_code == 302


def test_verdagen_tot_9999_geweigerd(als):
    zaak = Aanvraag.objects.filter(status=Status.INGEDIEND).first()
    client = als("medewerker")
    for tot in ("9999-12-31", "2101-01-01"):
        r = client.post(
            f"/tlv/{zaak.pk}/verdagen/", {"versie": zaak.versie, "tot": tot, "toelichting": "x"}
        )
        assert r.status_code == 400, tot
        assert "Vul een datum tussen 1900 en 2100 in." in r.content.decode()
    assert vers(zaak).beslistermijn_verdaagd_tot is None


def test_verdagen_hoogstens_twee_jaar_vooruit(als):
    from datetime import timedelta

    from django.utils import timezone

    zaak = Aanvraag.objects.filter(status=Status.INGEDIEND).first()
    ver = timezone.localdate() + timedelta(days=3 * 366)
    r = als("medewerker").post(
        f"/tlv/{zaak.pk}/verdagen/",
        {"versie": zaak.versie, "tot": ver.isoformat(), "toelichting": "x"},
    )
    assert r.status_code == 400
    assert "hoogstens 2 jaar van vandaag" in r.content.decode()
    assert vers(zaak).beslistermijn_verdaagd_tot is None
