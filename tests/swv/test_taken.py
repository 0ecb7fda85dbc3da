"""Background work (swv.taken): a task runs in a worker after its transaction commits, the
user who started it (and nobody else) follows it and gets the document, a failure is
shown without its message (it may hold personal data) and can be retried. The database
backend is the default; the RQ backend is tried against Redis when it runs here."""

import logging
import socket
from uuid import uuid4

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from swv import documenten, taken
from swv.models import Taak, TaakStatus
from tests.helpers import inloggen

pytestmark = pytest.mark.django_db

GEHEIM = "Jan Jansen, geboren 1 januari 2015"
_MISLUKT_NOG = {"keer": 0}


@pytest.fixture
def medewerker(gebruiker):
    return gebruiker("medewerker")


@pytest.fixture
def directeur(gebruiker):
    return gebruiker("directeur")


def maak_document(*, naam: str):
    return documenten.bewaren(b"%PDF-1.7 test", f"{naam}.pdf")


def mislukt_eerst(*, naam: str):
    if _MISLUKT_NOG["keer"] > 0:
        _MISLUKT_NOG["keer"] -= 1
        raise ValueError(GEHEIM)
    return maak_document(naam=naam)


@pytest.fixture(autouse=True)
def _verbinding_blijft(monkeypatch):
    """The worker closes stale database connections between tasks, as a request does;
    in a test that would end the test's transaction (the test client skips it too)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _start(wie, functie="maak_document", naam="besluit"):
    return taken.starten(
        gebruiker=wie,
        omschrijving="Testdocument",
        functie=f"tests.swv.test_taken.{functie}",
        terug_url="/",
        naam=naam,
    )


def test_a_task_waits_for_its_transaction_then_the_worker_makes_the_document(
    medewerker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        taak = _start(medewerker)
    assert len(callbacks) == 1  # queued only when the caller's transaction commits
    _worker()
    taak.refresh_from_db()
    assert taak.status == TaakStatus.WACHTEND  # nothing was queued yet
    callbacks[0]()
    _worker()
    taak.refresh_from_db()
    assert taak.status == TaakStatus.GEREED
    assert taak.pogingen == 1
    assert taak.document.bestandsnaam == "besluit.pdf"


def test_an_unknown_function_is_refused_in_the_request(medewerker):
    er_waren = Taak.objects.count()  # the demo made its documents through tasks
    with pytest.raises(ImportError):
        taken.starten(
            gebruiker=medewerker, omschrijving="x", functie="tests.swv.test_taken.bestaat_niet"
        )
    assert Taak.objects.count() == er_waren


def test_a_failure_is_shown_without_its_message_and_can_be_retried(
    medewerker, client, django_capture_on_commit_callbacks, caplog
):
    _MISLUKT_NOG["keer"] = 1
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.INFO):
        taak = _start(medewerker, "mislukt_eerst")
    with caplog.at_level(logging.INFO):
        _worker()
    taak.refresh_from_db()
    assert taak.status == TaakStatus.MISLUKT
    assert "ValueError" in taak.fout
    assert GEHEIM not in taak.fout
    assert GEHEIM not in caplog.text
    inloggen(client, medewerker)
    pagina = client.get(reverse("taak", args=[taak.pk])).content.decode()
    assert "Opnieuw proberen" in pagina
    assert GEHEIM not in pagina
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("taak-opnieuw", args=[taak.pk]))
    assert antwoord.status_code == 302
    _worker()
    taak.refresh_from_db()
    assert taak.status == TaakStatus.GEREED
    assert taak.pogingen == 2
    download = client.get(reverse("taak-document", args=[taak.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content if download.streaming else [download.content])


def test_only_who_started_a_task_follows_it(
    medewerker, directeur, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taak = _start(medewerker)
    _worker()
    inloggen(client, directeur)
    for naam in ("taak", "taak-status", "taak-document"):
        assert client.get(reverse(naam, args=[taak.pk])).status_code == 404, naam
    assert client.post(reverse("taak-opnieuw", args=[taak.pk])).status_code == 404
    assert "Testdocument" not in client.get(reverse("taken")).content.decode()
    assert client.get(reverse("taak", args=[uuid4()])).status_code == 404
    inloggen(client, medewerker)
    status = client.get(reverse("taak-status", args=[taak.pk])).json()
    assert status == {"status": "gereed", "label": "Gereed", "klaar": True, "fout": ""}
    assert "Testdocument" in client.get(reverse("taken")).content.decode()
    client.logout()
    assert client.get(reverse("taak", args=[taak.pk])).status_code == 302


def test_a_document_is_only_offered_when_ready(medewerker, client):
    taak = _start(medewerker)  # not run
    inloggen(client, medewerker)
    assert client.get(reverse("taak-document", args=[taak.pk])).status_code == 404
    pagina = client.get(reverse("taak", args=[taak.pk])).content.decode()
    assert "In de wachtrij" in pagina and "Nu verversen" in pagina


def _redis_draait() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_draait(), reason="Redis draait hier niet")
def test_the_rq_backend_runs_the_same_task_through_redis(
    medewerker, django_capture_on_commit_callbacks, settings
):
    """The scale-out: the same Taak through RQ (Redis database 15, emptied before and
    after), run by a worker in this process."""
    django_rq = pytest.importorskip("django_rq")
    from django_tasks_rq import Job
    from rq import SimpleWorker

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
        RQ_QUEUES={"default": {"URL": "redis://127.0.0.1:6379/15"}},
        INSTALLED_APPS=[*settings.INSTALLED_APPS, "django_rq"],
    ):
        wachtrij = django_rq.get_queue("default")
        wachtrij.empty()
        try:
            with django_capture_on_commit_callbacks(execute=True):
                taak = _start(medewerker, naam="redis")
            assert wachtrij.count == 1
            assert Taak.objects.get(pk=taak.pk).status == TaakStatus.WACHTEND
            SimpleWorker([wachtrij], connection=wachtrij.connection, job_class=Job).work(burst=True)
        finally:
            wachtrij.empty()
    taak.refresh_from_db()
    assert taak.status == TaakStatus.GEREED
    assert taak.document.bestandsnaam == "redis.pdf"
