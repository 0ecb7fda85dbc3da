"""Transitions that must happen once, under concurrent requests (PostgreSQL).

Many signed-in clients press the same button at the same moment (threads released by a
barrier, each with its own database connection). Exactly one may succeed: one beschikking,
one submission.
"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from kpi.verantwoording import services as vservices
from kpi.verantwoording.models import Verslag, VerslagStatus
from swv.models import Gebruiker
from tests.factories.verantwoording import vul_compleet
from tests.helpers import inloggen
from toelaatbaarheid.models import Aanvraag, Beschikking, Status

GELIJKTIJDIG = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="gelijktijdigheid vraagt PostgreSQL"
    ),
]


@pytest.fixture
def demo_geladen(settings):
    # Transactional tests start from an empty database (they run after all others).
    settings.DEMO_MODE = True
    with open(os.devnull, "w") as stil:
        call_command("load_demo", stdout=stil)


def _tegelijk(actie):
    start = threading.Barrier(GELIJKTIJDIG)

    def poging(i):
        try:
            start.wait()
            return actie(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(GELIJKTIJDIG) as pool:
        return list(pool.map(poging, range(GELIJKTIJDIG)))


def test_beschikking_afgeven_many_times_at_once_gives_one_beschikking(demo_geladen):
    zaak = Aanvraag.objects.filter(status=Status.BESLUITVORMING).order_by("pk").first()
    assert zaak is not None, "de demo heeft een zaak ter besluitvorming"
    directeur = Gebruiker.objects.get(username="directeur")
    clients = [inloggen(Client(), directeur) for _ in range(GELIJKTIJDIG)]
    url = reverse("toelaatbaarheid:actie", args=[zaak.pk, "beschikking"])
    data = {
        "versie": zaak.versie,
        "besluit": "toegekend",
        "motivering": "Gelijktijdigheidstest: besluit met motivering.",
        "verzendwijze": "post",
        "aan_naam": "Fam. Gelijktijdig",
        "aan_adres": "Dorpsstraat 1\n6411 AA Heerlen",
    }
    antwoorden = _tegelijk(lambda i: clients[i].post(url, data).status_code)
    assert 500 not in antwoorden
    assert Beschikking.objects.filter(aanvraag=zaak).count() == 1
    zaak.refresh_from_db()
    assert zaak.status == Status.TOEGEKEND
    assert zaak.historie.filter(naar=Status.TOEGEKEND).count() == 1


def test_verslag_indienen_many_times_at_once_submits_once(demo_geladen):
    verslag = Verslag.objects.filter(bestuur__nummer="41516", status=VerslagStatus.CONCEPT).first()
    assert verslag is not None, "de demo heeft Movare's verslag in concept"
    bestuurder = Gebruiker.objects.get(username="bestuur-movare")
    vul_compleet(verslag, bestuurder)

    def indienen(_i):
        try:
            vservices.verslag_indienen(
                verslag=Verslag.objects.get(pk=verslag.pk), gebruiker=bestuurder
            )
            return "ingediend"
        except Exception as fout:  # noqa: BLE001 - every refusal counts as "not this one"
            return type(fout).__name__

    uitkomsten = _tegelijk(indienen)
    assert uitkomsten.count("ingediend") == 1, uitkomsten
    verslag.refresh_from_db()
    assert verslag.status == VerslagStatus.INGEDIEND


def test_nieuwe_versie_many_times_at_once_gives_one_concept(demo_geladen):
    from ondersteuningsplan.models import Ondersteuningsplan, PlanStatus

    plan = (
        Ondersteuningsplan.objects.filter(status=PlanStatus.GEPUBLICEERD)
        .exclude(wijzigingen__isnull=False)
        .order_by("pk")
        .first()
    )
    assert plan is not None, "de demo heeft een gepubliceerd plan zonder nieuwe versie"
    medewerker = Gebruiker.objects.get(username="medewerker")
    clients = [inloggen(Client(), medewerker) for _ in range(GELIJKTIJDIG)]
    url = reverse("ondersteuningsplan:nieuwe-versie", args=[plan.pk])
    antwoorden = _tegelijk(lambda i: clients[i].post(url).status_code)
    assert 500 not in antwoorden
    assert set(antwoorden) == {302}  # the others are sent back with a message
    assert plan.wijzigingen.count() == 1
