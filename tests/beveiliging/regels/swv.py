"""The project's own pages added beside the apps: the session pages, background tasks
(a user follows only the tasks they started) and the field history."""

from swv import taken
from swv.models import Taak
from tests.beveiliging.test_autorisatie import IEDEREEN, Object, regel


def _taken_voor(user):
    if not Taak.objects.filter(aangevraagd_door=user).exists():
        taken.starten(
            gebruiker=user,
            omschrijving="Autorisatietest",
            functie="swv.documenten.bewaren",
            pdf=[],
            bestandsnaam="test.pdf",
        )
    return taken.taken_van(user)


TAAK = Object(Taak, _taken_voor)

REGELS = {
    "uitgelogd": regel(set(), publiek=True),
    "sessie-verlengen": regel(IEDEREEN),
    "taken": regel(IEDEREEN),
    "taak": regel(IEDEREEN, object=TAAK),
    "taak-status": regel(IEDEREEN, object=TAAK),
    "taak-document": regel(
        set(), object=TAAK
    ),  # nobody: the test's tasks never ran, so there is no document (404)
    "taak-opnieuw": regel(IEDEREEN, object=TAAK, methode="post"),
    # The field history of pupil records (swv/historie.py): the privacy role only.
    "veldhistorie": regel({"privacy"}),
}
