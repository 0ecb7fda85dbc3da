"""The voorzieningen URLs for the authorisation test: the register and the dekkend netwerk
for every role of the SWV but the deskundigen; placements (pupil data) like vragen."""

from tests.beveiliging.test_autorisatie import (
    DESKUNDIGEN,
    DOSSIERROLLEN,
    IEDEREEN,
    LOKET,
    SWV_KANTOOR,
    Object,
    regel,
)
from voorzieningen import selectors as vz_sel
from voorzieningen.models import Plaatsing, Voorziening

REGISTER = IEDEREEN - DESKUNDIGEN
VOORZIENING = Object(Voorziening, vz_sel.voorzieningen_voor)

REGELS = {
    "voorzieningen:index": regel(REGISTER),
    "voorzieningen:netwerk": regel(REGISTER),
    "voorzieningen:nieuw": regel(SWV_KANTOOR),
    "voorzieningen:detail": regel(REGISTER, object=VOORZIENING),
    "voorzieningen:wijzigen": regel(SWV_KANTOOR, object=VOORZIENING),
    "voorzieningen:plaatsing-nieuw": regel(
        LOKET,
        object=Object(
            Voorziening,
            vz_sel.voorzieningen_voor,
            kies=lambda u: vz_sel.voorzieningen_voor(u).filter(actief=True),
        ),
    ),
    "voorzieningen:plaatsing": regel(
        DOSSIERROLLEN, object=Object(Plaatsing, vz_sel.plaatsingen_voor)
    ),
    "voorzieningen:plaatsing-actie": regel(
        LOKET,
        object=Object(
            Plaatsing,
            vz_sel.plaatsingen_voor,
            kies=lambda u: vz_sel.plaatsingen_voor(u).filter(status="wachtlijst"),
            kwargs=lambda o: {"pk": o.pk, "actie": "plaatsen"},
        ),
        methode="post",
    ),
}
