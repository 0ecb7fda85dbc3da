"""The knooppunt's URLs for the authorisation test (tests/beveiliging/test_autorisatie.py)."""

from knooppunt import selectors as kp_sel
from knooppunt.models import Kernpartner, Knooppunt, Knooppuntoverleg
from tests.beveiliging.test_autorisatie import BESTUREN, SWV_KANTOOR, Object, regel

KNOOPPUNTROLLEN = SWV_KANTOOR | BESTUREN | {"trajectbegeleider", "ib-innovo"}
OVERLEGROLLEN = SWV_KANTOOR | {"trajectbegeleider", "ib-innovo"}
VASTLEGGERS = {"trajectbegeleider", "ib-innovo"}
TLV_MAKERS = {"medewerker", "privacy", "ib-innovo", "trajectbegeleider"}
KNOOPPUNT = Object(Knooppunt, kp_sel.knooppunten_voor)
OVERLEG = Object(Knooppuntoverleg, kp_sel.overleggen_voor)


def _overleggen(*statussen):
    return lambda u: kp_sel.overleggen_voor(u).filter(status__in=statussen)


REGELS = {
    "knooppunt:index": regel(KNOOPPUNTROLLEN),
    "knooppunt:nieuw": regel(VASTLEGGERS),
    "knooppunt:detail": regel(KNOOPPUNTROLLEN, object=KNOOPPUNT),
    "knooppunt:werkwijze": regel(VASTLEGGERS, object=KNOOPPUNT),
    "knooppunt:partner-nieuw": regel(VASTLEGGERS, object=KNOOPPUNT),
    "knooppunt:partner-verwijderen": regel(
        VASTLEGGERS,
        object=Object(
            Kernpartner,
            Kernpartner.objects.voor,
            kwargs=lambda o: {"pk": o.knooppunt_id, "partner_pk": o.pk},
        ),
        methode="post",
    ),
    "knooppunt:evaluatie": regel(VASTLEGGERS, object=KNOOPPUNT),
    "knooppunt:overleg-nieuw": regel(VASTLEGGERS, object=KNOOPPUNT),
    "knooppunt:overleg": regel(OVERLEGROLLEN, object=OVERLEG),
    "knooppunt:overleg-bewerken": regel(
        VASTLEGGERS,
        object=Object(
            Knooppuntoverleg, kp_sel.overleggen_voor, kies=_overleggen("gepland", "gehouden")
        ),  # fmt: skip
    ),
    "knooppunt:overleg-houden": regel(
        VASTLEGGERS,
        object=Object(Knooppuntoverleg, kp_sel.overleggen_voor, kies=_overleggen("gepland")),
        methode="post",
    ),
    "knooppunt:overleg-mdo": regel(
        TLV_MAKERS,
        object=Object(Knooppuntoverleg, kp_sel.overleggen_voor, kies=_overleggen("gehouden")),
    ),
}
