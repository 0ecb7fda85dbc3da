"""The attachments of an ondersteuningsvraag (namespace ondersteuning) for the
authorisation test: read by whoever may read the vraag; added while the vraag is open by
whoever asks (school, trajectbegeleider) and by the SWV office."""

from ondersteuning import selectors as ond_sel
from ondersteuning.models import Ondersteuningsvraag, VraagBijlage
from tests.beveiliging.test_autorisatie import (
    DOSSIERROLLEN,
    SWV_KANTOOR,
    VRAAGSTELLERS,
    Object,
    regel,
)

REGELS = {
    "ondersteuning:bijlage": regel(
        DOSSIERROLLEN,
        object=Object(
            VraagBijlage,
            VraagBijlage.objects.voor,
            kwargs=lambda b: {"pk": b.vraag_id, "bijlage_pk": b.pk},
        ),
    ),
    "ondersteuning:bijlage-toevoegen": regel(
        VRAAGSTELLERS | SWV_KANTOOR,
        object=Object(
            Ondersteuningsvraag,
            ond_sel.vragen_voor,
            kies=lambda u: ond_sel.vragen_voor(u).filter(status="ingediend"),
        ),
        methode="post",
    ),
}
