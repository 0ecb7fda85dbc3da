"""Bad input on the placement pages (issue 13 "Bad input and privacy"): a placement
beyond capacity without an explicit override, or with the override but no reason, is
refused with a Dutch message next to the field and nothing is saved; with both it goes
through and the reason is kept."""

import pytest
from django.urls import reverse
from django.utils import timezone

from leerlingen.models import Leerling
from tests.voorzieningen.test_voorzieningen import (
    _besluit,
    _leerling,
    _met_mdo,
    _plaatsing,
    _voorziening,
)
from voorzieningen.models import Plaatsing, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker(gebruiker):
    return gebruiker("medewerker")


@pytest.fixture
def noor():
    return _met_mdo(Leerling.objects.get(voornaam="Noor", achternaam="Demodossier"))


def test_beyond_capacity_on_the_page_needs_override_and_reason(als, medewerker, noor):
    klas = _voorziening(medewerker, noor.swv, capaciteit=1)
    besluit = _besluit(medewerker, noor)
    ander = _leerling(noor.swv, noor.school, "Bezet")
    _plaatsing(klas, ander, besluit, Status.GEPLAATST, start=timezone.localdate())  # the seat
    url = reverse("voorzieningen:plaatsing-nieuw", args=[klas.pk])
    client = als("medewerker")
    basis = {"besluit": besluit.pk, "direct_plaatsen": "1",
             "startdatum": timezone.localdate().isoformat()}  # fmt: skip
    antwoord = client.post(url, basis)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "De voorziening is vol (1 van 1 plaatsen bezet)" in html
    assert 'href="#id_boven_capaciteit"' in html
    antwoord = client.post(url, {**basis, "boven_capaciteit": "on"})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Geef de reden voor plaatsing boven de capaciteit" in html
    assert 'href="#id_capaciteit_reden"' in html
    assert not Plaatsing.objects.filter(voorziening=klas, leerling=noor).exists()
    antwoord = client.post(url, {**basis, "boven_capaciteit": "on",
                                 "capaciteit_reden": "Crisisplaatsing, besluit directeur."})  # fmt: skip
    assert antwoord.status_code == 302
    nieuw = Plaatsing.objects.get(voorziening=klas, leerling=noor)
    assert nieuw.status == Status.GEPLAATST and nieuw.boven_capaciteit
    assert nieuw.capaciteit_reden.startswith("Crisisplaatsing")
