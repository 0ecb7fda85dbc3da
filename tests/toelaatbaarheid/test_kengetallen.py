"""Kengetallen on known data (isolated SWV and besturen, created directly)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SamenwerkingsverbandFactory, SchoolbestuurFactory, SchoolFactory
from tests.factories.toelaatbaarheid import gebruiker
from toelaatbaarheid.kengetallen import (
    SLEUTELS,
    bestuur_kengetallen,
    bestuur_kengetallen_per_jaar,
    swv_kengetallen,
    swv_kengetallen_per_jaar,
)
from toelaatbaarheid.models import Aanvraag, Beschikking, Bezwaar, Terugplaatsing


@pytest.fixture
def bekend():
    swv = SamenwerkingsverbandFactory(code="PO9901")
    b1, b2 = SchoolbestuurFactory(), SchoolbestuurFactory()
    s1 = SchoolFactory(swv=swv, bestuur=b1)
    s2 = SchoolFactory(swv=swv, bestuur=b2)
    maker = gebruiker("medewerker")
    volgnummer = iter(range(1, 100))
    teller = iter(range(1, 100))

    def zaak(school, ontvangen, *, besluit=None, soort="SBO", beschikt=None):
        i = next(teller)
        a = Aanvraag.objects.create(
            swv=swv,
            school=school,
            aangemaakt_door=maker,
            voornaam=f"K{i}",
            achternaam="X",
            geboortedatum=date(2015, 1, i),
            soort=soort,
            categorie="laag" if soort == "SO" else "",
            ontvangen_op=ontvangen,
        )
        if besluit:
            Beschikking.objects.create(
                aanvraag=a,
                swv=swv,
                jaar=beschikt.year,
                volgnummer=next(volgnummer),
                besluit=besluit,
                soort=soort,
                categorie=a.categorie,
                motivering="m",
                datum=beschikt,
                verzonden_op=beschikt,
                afgegeven_door=maker,
            )
        return a

    # School year 2023 = 1-8-2023 .. 31-7-2024.
    zaak(s1, date(2023, 9, 1), besluit="toegekend", beschikt=date(2023, 9, 11))  # 10 days
    zaak(s1, date(2023, 9, 1), besluit="toegekend", soort="SO", beschikt=date(2023, 10, 1))  # 30
    a3 = zaak(s1, date(2024, 1, 1), besluit="afgewezen", beschikt=date(2024, 3, 1))  # 60
    # Received in 2023-24, decided in 2024-25.
    zaak(s2, date(2024, 7, 1), besluit="toegekend", beschikt=date(2024, 8, 20))
    zaak(s2, date(2023, 7, 31))  # received in the previous year
    zaak(s2, date(2024, 7, 31))  # received on the last day
    Bezwaar.objects.create(
        aanvraag=a3,
        beschikking=a3.beschikkingen.get(),
        indiener="ouders",
        ontvangen_op=date(2024, 3, 10),
        gronden="g",
        tijdig=True,
    )
    oud = zaak(s2, date(2021, 1, 1), besluit="toegekend", beschikt=date(2021, 2, 1))
    Terugplaatsing.objects.create(
        aanvraag=oud,
        datum=date(2023, 8, 1),
        knooppunt_op=date(2023, 7, 1),
        ontvangende_school=s1,
        warme_overdracht="w",
        vastgelegd_door=maker,
    )
    return swv, b1, b2


def test_bestuur_kengetallen_bekende_data(bekend):
    swv, b1, b2 = bekend
    leeg = SchoolbestuurFactory()
    uit = bestuur_kengetallen(schooljaar=2023, bestuur_ids=[b1.pk, b2.pk, leeg.pk])
    assert uit[b1.pk] == {
        "aanvragen": 3,
        "toegekend_sbo": 1,
        "toegekend_so": 1,
        "afgewezen": 1,
        "terugplaatsingen": 0,
        "bezwaren": 1,
    }
    assert uit[b2.pk] == {
        "aanvragen": 2,
        "toegekend_sbo": 0,
        "toegekend_so": 0,
        "afgewezen": 0,
        "terugplaatsingen": 1,
        "bezwaren": 0,
    }
    assert uit[leeg.pk] == dict.fromkeys(SLEUTELS, 0)
    assert bestuur_kengetallen(schooljaar=2024, bestuur_ids=[b2.pk])[b2.pk]["toegekend_sbo"] == 1


def test_swv_kengetallen_doorlooptijd(bekend):
    swv, *_ = bekend
    uit = swv_kengetallen(schooljaar=2023, swv_ids=[swv.pk])[swv.pk]
    assert uit["aanvragen"] == 5 and uit["afgewezen"] == 1
    assert uit["doorlooptijd_mediaan_dagen"] == 30
    assert uit["doorlooptijd_p90_dagen"] == pytest.approx(54.0)  # 30 + 0.8 * 30
    assert (
        swv_kengetallen(schooljaar=2019, swv_ids=[swv.pk])[swv.pk]["doorlooptijd_mediaan_dagen"]
        is None
    )


def test_vervangen_beschikking_telt_niet_meer(bekend):
    swv, b1, _ = bekend
    Beschikking.objects.filter(aanvraag__school__bestuur=b1, besluit="afgewezen").update(
        actueel=False
    )
    assert bestuur_kengetallen(schooljaar=2023, bestuur_ids=[b1.pk])[b1.pk]["afgewezen"] == 0


def test_kengetallen_in_een_vast_aantal_queries(bekend):
    """One grouped query per source table (aanvragen, beschikkingen, terugplaatsingen,
    bezwaren), plus one for the doorlooptijden, however many years are asked for."""
    with CaptureQueriesContext(connection) as q:
        bestuur_kengetallen(schooljaar=2023)
    assert len(q) == 4
    with CaptureQueriesContext(connection) as q:
        swv_kengetallen(schooljaar=2023)
    assert len(q) == 5
    with CaptureQueriesContext(connection) as q:
        swv_kengetallen_per_jaar(schooljaren=range(2016, 2026))
    assert len(q) == 5


def test_meerdere_jaren_tellen_als_elk_jaar_apart(bekend):
    swv, b1, b2 = bekend
    jaren = [2020, 2021, 2023, 2024]  # with a gap: 2022 is not asked for
    per_jaar = swv_kengetallen_per_jaar(schooljaren=jaren, swv_ids=[swv.pk])
    assert set(per_jaar) == set(jaren)
    for j in jaren:
        assert per_jaar[j] == swv_kengetallen(schooljaar=j, swv_ids=[swv.pk])
    # 2020: the old case (received 1-1-2021, toegekend 1-2-2021, 31 days).
    assert per_jaar[2020][swv.pk]["toegekend_sbo"] == 1
    assert per_jaar[2020][swv.pk]["doorlooptijd_mediaan_dagen"] == 31
    assert per_jaar[2021][swv.pk] == {
        **dict.fromkeys(SLEUTELS, 0),
        "doorlooptijd_mediaan_dagen": None,
        "doorlooptijd_p90_dagen": None,
    }
    per_bestuur = bestuur_kengetallen_per_jaar(schooljaren=jaren, bestuur_ids=[b1.pk, b2.pk])
    for j in jaren:
        assert per_bestuur[j] == bestuur_kengetallen(schooljaar=j, bestuur_ids=[b1.pk, b2.pk])
    assert per_bestuur[2024][b2.pk]["toegekend_sbo"] == 1
    assert per_bestuur[2023][b2.pk]["terugplaatsingen"] == 1
