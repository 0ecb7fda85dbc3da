"""Who sees which plan: scope by the plan's SWVs, drafts only for staff and (once sent) OPR."""

import pytest

from ondersteuningsplan.demo import TITEL_CONCEPT, TITEL_ZL
from ondersteuningsplan.models import Ondersteuningsplan, PlanStatus
from tests.factories import SamenwerkingsverbandFactory
from tests.factories.ondersteuningsplan import PlanFactory

ALLE = ["medewerker", "directeur", "trajectbegeleider", "orthopedagoog", "jeugdarts",
        "bestuur-innovo", "bestuur-movare", "ib-innovo", "opr"]  # fmt: skip
ZIET_CONCEPT = {"medewerker", "directeur", "opr"}


@pytest.mark.parametrize("naam", ALLE)
def test_zichtbaarheid_per_rol(als, naam):
    c = als(naam)
    zl = Ondersteuningsplan.objects.get(titel=TITEL_ZL)
    concept = Ondersteuningsplan.objects.get(titel=TITEL_CONCEPT)
    assert c.get(f"/plannen/{zl.pk}/").status_code == 200
    assert c.get(f"/plannen/{concept.pk}/").status_code == (200 if naam in ZIET_CONCEPT else 404)
    lijst = c.get("/plannen/").content.decode()
    assert TITEL_ZL in lijst
    assert (TITEL_CONCEPT in lijst) == (naam in ZIET_CONCEPT)
    # Another region's plan is out of scope for everyone here.
    ander = PlanFactory(samenwerkingsverbanden=[SamenwerkingsverbandFactory()])
    Ondersteuningsplan.objects.filter(pk=ander.pk).update(status=PlanStatus.GEPUBLICEERD)
    for pad in ("", "pdf/", "toets/", "versies/", "reactienota/"):
        assert c.get(f"/plannen/{ander.pk}/{pad}").status_code == 404


def test_opr_ziet_concept_pas_als_het_is_voorgelegd(als):
    plan = PlanFactory()
    c = als("opr")
    assert c.get(f"/plannen/{plan.pk}/").status_code == 404
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=PlanStatus.TER_INSTEMMING)
    assert c.get(f"/plannen/{plan.pk}/").status_code == 200


def test_bestuur_ziet_vastgesteld_plan_maar_bewerkt_niets(als):
    zl = Ondersteuningsplan.objects.get(titel=TITEL_ZL)
    c = als("bestuur-innovo")
    html = c.get(f"/plannen/{zl.pk}/").content.decode()
    assert "Bewerken" not in html
    assert c.get(f"/plannen/{zl.pk}/bewerken/").status_code == 403
    assert c.post(f"/plannen/{zl.pk}/nieuwe-versie/").status_code == 403
    assert c.get("/plannen/nieuw/").status_code == 403


def test_anoniem_moet_inloggen(client):
    zl = Ondersteuningsplan.objects.get(titel=TITEL_ZL)
    r = client.get(f"/plannen/{zl.pk}/")
    assert r.status_code == 302 and "/login" in r.url.lower() or "aanmelden" in r.url.lower()


def test_publieke_pagina_toont_alleen_gepubliceerde_plannen(client):
    zl = Ondersteuningsplan.objects.get(titel=TITEL_ZL)
    concept = Ondersteuningsplan.objects.get(titel=TITEL_CONCEPT)
    html = client.get("/publiek/plannen/").content.decode()
    assert TITEL_ZL in html and TITEL_CONCEPT not in html
    assert client.get(f"/publiek/plannen/{concept.pk}/pdf/").status_code == 404
    r = client.get(f"/publiek/plannen/{zl.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
