"""Bad input on the arrangement pages (issue 13 "Bad input and privacy"), each refused
with a Dutch message next to the field (the summary links to it) and nothing saved:
ending an arrangement before it started, an extension that ends before it starts, and a
decision taken from the page of a meeting the vraag is not on."""

from decimal import Decimal

import pytest
from django.urls import reverse

from leerlingen.models import Leerling
from ondersteuning.models import Arrangement, ArrangementStatus, Status
from ondersteuning.services import loket
from tests.ondersteuning.test_arrangementen import DAG, VANDAAG, _geagendeerd, _toegekend

pytestmark = pytest.mark.django_db


@pytest.fixture
def ib(gebruiker):
    return gebruiker("ib-innovo")


@pytest.fixture
def medewerker(gebruiker):
    return gebruiker("medewerker")


@pytest.fixture
def noor(ib):
    return Leerling.objects.get(school=ib.school, voornaam="Noor", achternaam="Demodossier")


@pytest.fixture
def overleg(medewerker, noor):
    return loket.loketoverleg_plannen(gebruiker=medewerker, swv=noor.swv, datum=VANDAAG())


def test_ending_before_the_start_is_refused_next_to_the_field(als, ib, medewerker, noor, overleg):
    arr = _toegekend(ib, medewerker, noor, overleg)
    antwoord = als("medewerker").post(
        reverse("ondersteuning:arrangement-actie", args=[arr.pk, "beeindigen"]),
        {"beeindigen-versie": arr.versie, "beeindigen-reden": "Verhuisd.",
         "beeindigen-einddatum": (arr.startdatum - DAG).isoformat()},
    )  # fmt: skip
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Deze dag ligt vóór de start van het arrangement" in html
    assert 'href="#id_beeindigen-einddatum"' in html
    arr.refresh_from_db()
    assert arr.status == ArrangementStatus.LOPEND and arr.beeindigd_op is None


def test_extension_ending_before_it_starts_is_refused_next_to_the_field(
    als, ib, medewerker, noor, overleg
):
    arr = _toegekend(ib, medewerker, noor, overleg)
    start = arr.einddatum + DAG
    antwoord = als("medewerker").post(
        reverse("ondersteuning:arrangement-actie", args=[arr.pk, "verlengen"]),
        {"verlengen-versie": arr.versie, "verlengen-reden": "Nog niet behaald.",
         "verlengen-doelen": arr.doelen, "verlengen-uren_per_week": "2",
         "verlengen-startdatum": start.isoformat(),
         "verlengen-einddatum": (start - 5 * DAG).isoformat(),
         "verlengen-school": noor.school_id},
    )  # fmt: skip
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "vóór de startdatum" in html and 'href="#id_verlengen-einddatum"' in html
    arr.refresh_from_db()
    assert arr.status == ArrangementStatus.LOPEND
    assert not Arrangement.objects.filter(vorige=arr).exists()


def test_decision_with_an_arrangement_ending_before_it_starts_saves_nothing(
    als, ib, medewerker, noor, overleg
):
    obj = _geagendeerd(ib, medewerker, noor, overleg)
    p = f"besluit-{obj.pk}"
    antwoord = als("medewerker").post(
        reverse("ondersteuning:loket-besluit", args=[overleg.pk, obj.pk]),
        {f"{p}-versie": obj.versie, f"{p}-besluit": "toegekend", f"{p}-reden": "Past.",
         f"{p}-doelen": "Doel.", f"{p}-uren_per_week": "3", f"{p}-school": noor.school_id,
         f"{p}-startdatum": "2026-03-01", f"{p}-einddatum": "2026-02-01"},
    )  # fmt: skip
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "De einddatum ligt vóór de startdatum" in html
    assert f'href="#id_{p}-einddatum"' in html
    obj.refresh_from_db()
    assert obj.status == Status.GEAGENDEERD and obj.besluit == ""
    assert not Arrangement.objects.filter(vraag=obj).exists()
    assert Decimal("0") == sum(a.kosten for a in Arrangement.objects.filter(vraag=obj))
