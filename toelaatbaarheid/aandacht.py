"""Home-page attention items for the TLV workflow, per role (swv.aandacht provider).

Uses only the scoped selectors; a bounded number of queries per user.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.aandacht import Aandachtspunt
from swv.roles import Rol

from . import selectors
from .models import Status

MAX = 10


def tlv_aandacht(user) -> list[Aandachtspunt]:
    if not user.is_authenticated or not user.has_perm("toelaatbaarheid.bekijken"):
        return []
    vandaag = timezone.localdate()
    punten: list[Aandachtspunt] = []
    if user.rol == Rol.DESKUNDIGE:
        for advies in selectors.open_adviezen_voor(user).order_by("uiterlijk_op")[:MAX]:
            punten.append(
                Aandachtspunt(
                    titel=_("Advies geven: %(n)s") % {"n": advies.aanvraag.nummer},
                    url=advies.aanvraag.get_absolute_url(),
                    toelichting=_("Deskundigenadvies %(v)s") % {"v": advies.volgorde},
                    datum=advies.uiterlijk_op,
                    te_laat=advies.uiterlijk_op < vandaag,
                    categorie=_("Toelaatbaarheid"),
                )
            )
        return punten
    # The terms this role owns (termijnen_van names the owner of each term).
    if user.rol in (Rol.DIRECTEUR, Rol.MEDEWERKER, Rol.TRAJECTBEGELEIDER):
        statussen = {
            Rol.DIRECTEUR: selectors.TERMIJN_STATUSSEN,
            Rol.MEDEWERKER: [Status.BEZWAAR],
            Rol.TRAJECTBEGELEIDER: [Status.INGEDIEND, Status.ADVIES],
        }[user.rol]
        for zaak, termijn in selectors.lopende_termijnen(user, statussen=statussen, max_zaken=100):
            if termijn.eigenaar != user.rol:
                continue
            punten.append(
                Aandachtspunt(
                    titel=f"{termijn.omschrijving}: {zaak.nummer}",
                    url=zaak.get_absolute_url(),
                    datum=termijn.datum,
                    te_laat=termijn.te_laat(vandaag),
                    categorie=_("Toelaatbaarheid"),
                )
            )
            if len(punten) >= MAX:
                break
    if user.rol in (Rol.TRAJECTBEGELEIDER, Rol.MEDEWERKER):
        te_indienen = selectors.aanvragen_voor(user).filter(status=Status.CONCEPT).count()
        if te_indienen:
            punten.append(
                Aandachtspunt(
                    titel=_("%(n)s concept-aanvragen om te beoordelen en in te dienen")
                    % {"n": te_indienen},
                    url=reverse("toelaatbaarheid:index") + "?status=concept",
                    categorie=_("Toelaatbaarheid"),
                )
            )
    if user.rol == Rol.SCHOOL:
        concepten = selectors.aanvragen_voor(user).filter(status=Status.CONCEPT).count()
        if concepten:
            punten.append(
                Aandachtspunt(
                    titel=_("%(n)s aanvragen in concept: vul ze aan") % {"n": concepten},
                    url=reverse("toelaatbaarheid:index") + "?status=concept",
                    categorie=_("Toelaatbaarheid"),
                )
            )
    return punten
