"""Background work, one way: Django's task API (the django-tasks backport; the backend is
set in settings.TASKS: the database backend run by `manage.py db_worker` by default, RQ on
Redis as the scale-out).

A service that has slow work to do (render a PDF, import a file, send mail) calls
`starten(...)` with the dotted path of a plain function and its keyword arguments (ids and
plain values, never pupil data: they are stored). The function runs in a worker, after
the caller's transaction commits, and returns the `swv.models.Document` it issued (or
None). The user follows a `swv.models.Taak` on /taken/<id>/ (progress, the document when
ready, the error and a retry when it failed).

    taak = taken.starten(
        gebruiker=request.user,
        omschrijving=_("Beschikking TLV-000123"),
        functie="toelaatbaarheid.services.beschikking.pdf_maken",
        terug_url=aanvraag.get_absolute_url(),
        beschikking_id=beschikking.pk,
    )
    return redirect(taak)

The worker never logs a function's arguments or its exception message (either may
contain personal data): only the task id, the function and the exception class.
"""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Document, Taak, TaakStatus

logger = logging.getLogger(__name__)

__all__ = ["TaakStatus", "starten", "opnieuw", "taken_van", "taak_van"]


def starten(*, gebruiker, omschrijving: str, functie: str, terug_url: str = "", **argumenten):
    """A new Taak for `gebruiker`, queued once the current transaction commits."""
    import_string(functie)  # an unknown function fails here, in the request, not later
    taak = Taak.objects.create(
        omschrijving=str(omschrijving)[:200],
        functie=functie,
        argumenten=argumenten,
        terug_url=terug_url,
        aangevraagd_door=gebruiker,
    )
    _in_de_wachtrij(taak)
    return taak


def opnieuw(*, gebruiker, taak: Taak) -> Taak:
    """A failed Taak queued again (only by whoever started it)."""
    with transaction.atomic():
        taak = Taak.objects.select_for_update().get(pk=taak.pk, aangevraagd_door=gebruiker)
        if taak.status != TaakStatus.MISLUKT:
            return taak
        taak.status, taak.fout, taak.klaar_op = TaakStatus.WACHTEND, "", None
        taak.save(update_fields=["status", "fout", "klaar_op"])
        _in_de_wachtrij(taak)
    return taak


def taken_van(gebruiker):
    return Taak.objects.filter(aangevraagd_door=gebruiker)


def taak_van(gebruiker, pk) -> Taak:
    """The user's own Taak (DoesNotExist for anyone else's)."""
    return taken_van(gebruiker).select_related("document").defer("document__inhoud").get(pk=pk)


def _in_de_wachtrij(taak: Taak) -> None:
    taak_id = str(taak.pk)
    transaction.on_commit(lambda: uitvoeren.enqueue(taak_id))


@task()
def uitvoeren(taak_id: str) -> None:
    """Run one Taak (in the worker). Its status says what happened; a failure is
    recorded on the Taak, so the worker's own result is always a success."""
    geclaimd = Taak.objects.filter(pk=taak_id, status=TaakStatus.WACHTEND).update(
        status=TaakStatus.BEZIG, gestart_op=timezone.now(), pogingen=F("pogingen") + 1
    )
    if not geclaimd:
        return  # already run (a retry of the queue) or removed
    taak = Taak.objects.get(pk=taak_id)
    try:
        with transaction.atomic():
            resultaat = import_string(taak.functie)(**taak.argumenten)
    except Exception as fout:  # noqa: BLE001 - every failure is shown to the user
        logger.warning(
            "Achtergrondtaak %s (%s) mislukt: %s", taak_id, taak.functie, type(fout).__name__
        )
        Taak.objects.filter(pk=taak_id).update(
            status=TaakStatus.MISLUKT,
            klaar_op=timezone.now(),
            fout=_(
                "De taak is mislukt (%(soort)s). Probeer het opnieuw of meld het aan de beheerder."
            )
            % {"soort": type(fout).__name__},
        )
        return
    Taak.objects.filter(pk=taak_id).update(
        status=TaakStatus.GEREED,
        klaar_op=timezone.now(),
        document=resultaat if isinstance(resultaat, Document) else None,
    )
