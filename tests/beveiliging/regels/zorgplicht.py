"""The zorgplicht URLs for the authorisation test: pupil records, read like dossiers; only
the school of aanmelding acts."""

from tests.beveiliging.test_autorisatie import DOSSIERROLLEN, Object, regel
from zorgplicht import selectors as zp_sel
from zorgplicht.models import Aanmelding

REGELS = {
    "zorgplicht:index": regel(DOSSIERROLLEN),
    "zorgplicht:nieuw": regel({"ib-innovo"}),
    "zorgplicht:detail": regel(DOSSIERROLLEN, object=Object(Aanmelding, zp_sel.aanmeldingen_voor)),
    "zorgplicht:actie": regel(
        {"ib-innovo"},
        object=Object(
            Aanmelding,
            zp_sel.aanmeldingen_voor,
            kies=lambda u: zp_sel.aanmeldingen_voor(u).filter(status="ontvangen"),
            kwargs=lambda o: {"pk": o.pk, "actie": "intrekken"},
        ),
        methode="post",
    ),
}
