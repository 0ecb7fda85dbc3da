"""The arrangementen URLs (namespace ondersteuning) for the authorisation test: pupil
records, read like dossiers; evaluated by the school, its trajectbegeleider and the SWV."""

from ondersteuning import selectors as ond_sel
from ondersteuning.models import Arrangement
from tests.beveiliging.test_autorisatie import DOSSIERROLLEN, SWV_KANTOOR, Object, regel

REGELS = {
    "ondersteuning:arrangementen": regel(DOSSIERROLLEN),
    "ondersteuning:arrangement-detail": regel(
        DOSSIERROLLEN, object=Object(Arrangement, ond_sel.arrangementen_voor)
    ),
    "ondersteuning:arrangement-actie": regel(
        SWV_KANTOOR | {"trajectbegeleider", "ib-innovo"},
        object=Object(
            Arrangement,
            ond_sel.arrangementen_voor,
            kies=lambda u: ond_sel.arrangementen_voor(u).filter(status="lopend"),
            kwargs=lambda o: {"pk": o.pk, "actie": "evalueren"},
        ),
        methode="post",
    ),
}
