"""Query counts that do not grow with the rows (issue 13 "performance"): the dossier
list with a few or many dossiers, and a dossier page whose timeline holds a few or many
vragen, arrangementen (with evaluations), placements, knooppuntoverleggen and
aanmeldingen. Counted with CaptureQueriesContext, as tests/toelaatbaarheid does."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knooppunt.models import Knooppuntoverleg
from leerlingen.models import Leerling, leerling_sleutel
from ondersteuning.models import Arrangement, Evaluatie, Ondersteuningsvraag
from voorzieningen.models import Plaatsing, Voorziening
from zorgplicht.models import Aanmelding

pytestmark = pytest.mark.django_db


def _aantal(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(ctx.captured_queries)


def test_dossier_list_query_count_is_constant(als, gebruiker):
    medewerker = gebruiker("medewerker")
    noor = Leerling.objects.get(voornaam="Noor", achternaam="Demodossier")
    client = als("medewerker")
    url = reverse("leerlingen:index")

    def vul_aan(n, van):
        Leerling.objects.bulk_create(
            Leerling(swv=noor.swv, school=noor.school, voornaam=f"Kind{i}", achternaam="Telling",
                     leerling_sleutel=leerling_sleutel(f"Kind{i}", "Telling"),
                     geboortedatum=date(2016, 1, 1), trajectbegeleider=medewerker
                     if i % 2 else None)
            for i in range(van, n)
        )  # fmt: skip

    vul_aan(3, 0)
    weinig = _aantal(client, url + "?q=Telling")
    vul_aan(80, 3)
    veel = _aantal(client, url + "?q=Telling")
    assert veel == weinig
    assert _aantal(client, url + "?page=3") == weinig


def _vul_dossier(dossier, n):
    """`n` of each kind of record on the dossier (bulk: only the reads are counted)."""
    bron_vraag = Ondersteuningsvraag.objects.filter(status="besloten").order_by("pk").first()
    arr = Arrangement.objects.filter(status="lopend").order_by("pk").first()
    overleg = Knooppuntoverleg.objects.order_by("pk").first()
    aanmelding = Aanmelding.objects.order_by("pk").first()
    vz = Voorziening.objects.filter(swv=dossier.swv).order_by("pk").first()
    vandaag = timezone.localdate()
    vragen = Ondersteuningsvraag.objects.bulk_create(
        Ondersteuningsvraag(leerling=dossier, swv=dossier.swv, school=dossier.school,
                            soort="voorziening", vraag="x", status="besloten", besluit="toegekend",
                            besluit_reden="x", besloten_op=vandaag, ingediend_op=vandaag,
                            aangemaakt_door=bron_vraag.aangemaakt_door)
        for _ in range(n)
    )  # fmt: skip
    arrangementen = Arrangement.objects.bulk_create(
        Arrangement(leerling=dossier, swv=dossier.swv, school=dossier.school, vraag=v,
                    doelen="x", budget=Decimal("10"), kosten=Decimal("10"), startdatum=vandaag,
                    einddatum=vandaag + timedelta(days=30), besloten_door=arr.besloten_door)
        for v in vragen
    )  # fmt: skip
    Evaluatie.objects.bulk_create(
        Evaluatie(arrangement=a, gepland_op=vandaag, gehouden_op=vandaag, doelen="behaald",
                  vervolg="stoppen")
        for a in arrangementen
    )  # fmt: skip
    Knooppuntoverleg.objects.bulk_create(
        Knooppuntoverleg(knooppunt=overleg.knooppunt, leerling=dossier, swv=dossier.swv,
                         school=dossier.school, datum=vandaag, status="gehouden",
                         aangemaakt_door=overleg.aangemaakt_door)
        for _ in range(n)
    )  # fmt: skip
    Aanmelding.objects.bulk_create(
        Aanmelding(swv=dossier.swv, school=dossier.school, leerling=dossier,
                   ontvangen_op=vandaag, gevraagde_ondersteuning="x", status="ingetrokken",
                   uiterste_beslisdatum=vandaag, tien_weken_op=vandaag,
                   aangemaakt_door=aanmelding.aangemaakt_door)
        for _ in range(n)
    )  # fmt: skip
    if vz is not None:
        Plaatsing.objects.bulk_create(
            Plaatsing(voorziening=vz, leerling=dossier, besluit=v, swv=dossier.swv,
                      school=dossier.school, status="beeindigd", startdatum=vandaag,
                      einddatum=vandaag, aangemaakt_door=bron_vraag.aangemaakt_door)
            for v in vragen
        )  # fmt: skip


def test_dossier_page_query_count_does_not_grow_with_the_timeline(als, gebruiker):
    noor = Leerling.objects.get(voornaam="Noor", achternaam="Demodossier")
    client = als("medewerker")
    url = reverse("leerlingen:detail", args=[noor.pk])
    _vul_dossier(noor, 2)
    weinig = _aantal(client, url)
    _vul_dossier(noor, 40)
    pagina = client.get(url).content.decode()
    assert pagina.count("Ondersteuningsvraag OV-") >= 42  # the timeline does show them all
    assert _aantal(client, url) == weinig
