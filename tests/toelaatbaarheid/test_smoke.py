import pytest

from toelaatbaarheid.models import Aanvraag, Status


def test_demo_heeft_alle_statussen():
    assert set(Aanvraag.objects.values_list("status", flat=True)) == set(Status.values)


@pytest.mark.parametrize(
    "naam",
    [
        "medewerker",
        "directeur",
        "trajectbegeleider",
        "orthopedagoog",
        "jeugdarts",
        "bestuur-innovo",
        "bestuur-movare",
        "ib-innovo",
    ],
)
def test_paginas(als, naam):
    client = als(naam)
    assert client.get("/tlv/").status_code == 200
    for zaak in Aanvraag.objects.all():
        r = client.get(f"/tlv/{zaak.pk}/")
        assert r.status_code in (200, 404)
