"""Retention rules and AVG inzage: the shared mechanisms (apps register their own)."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from swv import bewaartermijnen, inzage
from swv.models import AuditEvent, Schoolbestuur


@pytest.fixture
def proefregel():
    """A retention rule on bestuur rows numbered 900xx (test data only)."""
    regel = bewaartermijnen.Bewaarregel(
        naam="proef",
        actie=bewaartermijnen.VERWIJDEREN,
        verlopen=lambda peildatum: Schoolbestuur.objects.filter(
            nummer__startswith="900", naam__lt=f"V{peildatum:%Y}"
        ),
        uitvoeren=lambda obj: obj.delete(),
        label=lambda obj: f"bestuur {obj.nummer}",
    )
    bewaartermijnen.registreer(regel)
    yield regel
    bewaartermijnen._REGELS.remove(regel)


def test_retention_dry_run_lists_and_changes_nothing(proefregel, capsys):
    Schoolbestuur.objects.create(nummer="90001", naam="V2020")
    Schoolbestuur.objects.create(nummer="90002", naam="V2030")
    call_command("bewaartermijnen", "--dry-run", "--peildatum", "2026-01-01")
    uit = capsys.readouterr().out
    assert (
        "proef: 1 record(s) zou verwijderen" in uit
        and "bestuur 90001" in uit
        and "90002" not in uit
    )
    assert Schoolbestuur.objects.filter(nummer="90001").exists()


def test_retention_removes_expired_keeps_others_and_logs(proefregel):
    oud = Schoolbestuur.objects.create(nummer="90001", naam="V2020")
    Schoolbestuur.objects.create(nummer="90002", naam="V2030")
    call_command("bewaartermijnen", "--peildatum", "2026-01-01", stdout=io.StringIO())
    assert not Schoolbestuur.objects.filter(nummer="90001").exists()
    assert Schoolbestuur.objects.filter(nummer="90002").exists()
    log = AuditEvent.objects.get(actie="verwijderd", object_id=str(oud.pk))
    assert log.details["regel"] == "proef" and "90001" in log.omschrijving


@pytest.fixture
def proefbron():
    def bron(*, user, achternaam, geboortedatum, voornaam):
        if achternaam == "Jansen" and geboortedatum == date(2015, 3, 1):
            return [inzage.Onderdeel("Proef", ["naam", "geboren"], [["Jansen", geboortedatum]])]
        return []

    inzage.registreer(bron)
    yield bron
    inzage._BRONNEN.remove(bron)


def test_inzage_is_for_the_privacy_role_only(als):
    for username in ["medewerker", "directeur", "bestuur-innovo", "opr", "trajectbegeleider"]:
        assert als(username).get("/privacy/inzage/").status_code == 403


def test_inzage_finds_and_exports_and_is_logged(als, proefbron):
    client = als("privacy")
    antwoord = client.post(
        "/privacy/inzage/", {"achternaam": "Jansen", "geboortedatum": "2015-03-01"}
    )
    assert "Proef" in antwoord.content.decode()
    export = client.post(
        "/privacy/inzage/", {"achternaam": "Jansen", "geboortedatum": "2015-03-01", "xlsx": "1"}
    )
    boek = load_workbook(io.BytesIO(export.content))
    assert [[c.value for c in r] for r in boek.worksheets[0].iter_rows()][1][0] == "Jansen"
    assert (
        AuditEvent.objects.filter(
            gebruikersnaam="privacy", omschrijving__startswith="Inzageverzoek"
        ).count()
        == 2
    )
    leeg = client.post("/privacy/inzage/", {"achternaam": "Niemand", "geboortedatum": "2015-03-01"})
    assert "geen gegevens gevonden" in leeg.content.decode()


def test_inzage_bad_date_gets_dutch_message(als):
    antwoord = als("privacy").post(
        "/privacy/inzage/", {"achternaam": "Jansen", "geboortedatum": "31-31-2015"}
    )
    assert "Vul een geldige datum in" in antwoord.content.decode()


def test_grensdatum_counts_whole_years_and_handles_29_february():
    assert bewaartermijnen.grensdatum(date(2026, 11, 23), 3) == date(2023, 11, 23)
    assert bewaartermijnen.grensdatum(date(2028, 2, 29), 3) == date(2025, 2, 28)
