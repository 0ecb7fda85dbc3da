"""The TLV's pages added for issue 14: the besluit op bezwaar (for everyone who sees the
case, like the beschikking) and making the LBT dossier (POST, the SWV office and the
trajectbegeleider, like reading it)."""

from tests.beveiliging.test_autorisatie import LEERLINGROLLEN, Object, regel
from toelaatbaarheid import selectors as tlv_sel
from toelaatbaarheid.models import Bezwaar


def _bezwaren(user, **filters):
    return Bezwaar.objects.filter(aanvraag__in=tlv_sel.aanvragen_voor(user), **filters)


REGELS = {
    "toelaatbaarheid:besluit-op-bezwaar": regel(
        LEERLINGROLLEN,
        object=Object(
            Bezwaar,
            _bezwaren,
            kies=lambda u: _bezwaren(u).exclude(beslissing=""),
            kwargs=lambda o: {"pk": o.aanvraag_id, "bezwaar_pk": o.pk},
        ),
    ),
}
