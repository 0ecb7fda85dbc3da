"""Field-level change history of pupil data (issue 16, swv/historie.py).

A change through the dossier page (the service, with the actor from AuditlogMiddleware)
records who changed which field from what to what; the privacy role reads it on
/privacy/historie/, scoped to its SWVs; no other role reaches it; the retention rules take
it with the record (it holds the old values).
"""

import io
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from leerlingen.models import Leerling, Toestemming
from swv import historie
from tests.beveiliging.beperkt import SWV_CODE, beperkte_gebruiker
from tests.helpers import inloggen

NIEUWE_NAAM = "Veldhistorietest"


def _dossier(swv_code):
    return (
        Leerling.objects.filter(swv__code=swv_code, geanonimiseerd_op=None)
        .exclude(school=None)
        .exclude(geboortedatum=None)
        .order_by("pk")
        .first()
    )


def _naam_wijzigen(client, medewerker, leerling, achternaam=NIEUWE_NAAM):
    data = {
        "school": leerling.school_id,
        "voornaam": leerling.voornaam,
        "achternaam": achternaam,
        "geboortedatum": leerling.geboortedatum.strftime("%d-%m-%Y"),
        "groep": leerling.groep or "",
        "trajectbegeleider": leerling.trajectbegeleider_id or "",
    }
    antwoord = inloggen(client, medewerker).post(
        reverse("leerlingen:wijzigen", args=[leerling.pk]), data
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    client.logout()


def _historie(client, user, leerling):
    return inloggen(client, user).get(
        reverse("veldhistorie"), {"soort": "leerlingen.leerling", "object_id": leerling.pk}
    )


def test_the_pupil_records_are_registered():
    assert {m._meta.label for m in historie.modellen()} >= {
        "leerlingen.Leerling",
        "leerlingen.Toestemming",
        "toelaatbaarheid.Aanvraag",
        "toelaatbaarheid.Beschikking",
        "toelaatbaarheid.Bezwaar",
        "kpi.Thuiszitter",
        "ondersteuning.Ondersteuningsvraag",
        "ondersteuning.Arrangement",
        "voorzieningen.Plaatsing",
        "zorgplicht.Aanmelding",
        "knooppunt.Knooppuntoverleg",
    }


def test_a_name_change_records_actor_field_old_and_new(client, gebruiker):
    medewerker = gebruiker("medewerker")
    leerling = _dossier(SWV_CODE)
    oud = leerling.achternaam
    _naam_wijzigen(client, medewerker, leerling)
    entry = LogEntry.objects.get_for_object(leerling).latest("timestamp")
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == medewerker
    assert entry.changes_dict["achternaam"] == [oud, NIEUWE_NAAM]
    assert "leerling_sleutel" not in entry.changes_dict  # derived from the name


def test_the_privacy_role_sees_the_change_with_dutch_labels(client, gebruiker):
    leerling = _dossier(SWV_CODE)
    oud = leerling.achternaam
    _naam_wijzigen(client, gebruiker("medewerker"), leerling)
    pagina = _historie(client, beperkte_gebruiker("privacy"), leerling)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Achternaam" in tekst  # the field's verbose_name
    assert oud in tekst and NIEUWE_NAAM in tekst
    assert "medewerker" in tekst


def test_an_officer_of_another_swv_does_not_see_it(client, gebruiker):
    leerling = _dossier("PO3106")
    assert leerling is not None
    oud = leerling.achternaam
    _naam_wijzigen(client, gebruiker("medewerker"), leerling)
    officier = beperkte_gebruiker("privacy")  # PO3104 only
    pagina = _historie(client, officier, leerling)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert NIEUWE_NAAM not in tekst and oud not in tekst
    assert not (
        historie.veldhistorie_voor(officier)
        .filter(content_type__model="leerling", object_id=leerling.pk)
        .exists()
    )
    # The demo privacy account covers PO3106 and does see it.
    assert NIEUWE_NAAM in _historie(client, gebruiker("privacy"), leerling).content.decode()


@pytest.mark.parametrize(
    "naam", ["medewerker", "directeur", "trajectbegeleider", "opr", "bestuur-movare", "ib-innovo"]
)
def test_other_roles_get_403(client, gebruiker, naam):
    leerling = _dossier(SWV_CODE)
    assert _historie(client, gebruiker(naam), leerling).status_code == 403


def test_retention_removes_the_history_with_the_old_name(client, gebruiker):
    swv_dossier = _dossier(SWV_CODE)
    leerling = Leerling.objects.create(
        swv=swv_dossier.swv,
        school=swv_dossier.school,
        voornaam="Bewaar",
        achternaam="Oudenaam",
        geboortedatum=date(2015, 3, 4),
    )
    Toestemming.objects.create(
        leerling=leerling,
        gegeven_door="moeder Oudenaam",
        datum=date(2020, 1, 1),
        vastgelegd_door=gebruiker("medewerker"),
    )
    _naam_wijzigen(client, gebruiker("medewerker"), leerling, achternaam="Tussennaam")
    assert LogEntry.objects.filter(changes_text__contains="Oudenaam").exists() or any(
        "Oudenaam" in str(e.changes) for e in LogEntry.objects.get_for_object(leerling)
    )
    Leerling.objects.filter(pk=leerling.pk).update(
        aangemaakt_op=timezone.now() - timedelta(days=20 * 365)
    )
    call_command(
        "bewaartermijnen", "--peildatum", timezone.localdate().isoformat(), stdout=io.StringIO()
    )
    leerling.refresh_from_db()
    assert leerling.geanonimiseerd_op is not None and leerling.achternaam == ""
    assert not LogEntry.objects.get_for_object(leerling).exists()
    for entry in LogEntry.objects.all():
        tekst = f"{entry.changes} {entry.object_repr} {entry.serialized_data}"
        assert "Oudenaam" not in tekst and "Tussennaam" not in tekst, entry.pk
