"""Home-page attention items for aanmeldingen (swv.aandacht provider): for the school of
aanmelding and the trajectbegeleider(s) who see it, each open aanmelding's deadline,
late once past the (extended) deadline, with the ten-week warning. Through the scoped
selector only; one query per user."""

from django.utils import timezone
from django.utils.translation import gettext as _

from swv.aandacht import Aandachtspunt
from swv.roles import Rol

from . import selectors

MAX = 15
ROLLEN = (Rol.SCHOOL, Rol.TRAJECTBEGELEIDER)


def toelichting(aanmelding, stand) -> str:
    if stand.tien_weken_voorbij:
        return _(
            "Meer dan tien weken zonder besluit. Volgens de gangbare uitleg van de zorgplicht "
            "heeft de leerling nu recht op een tijdelijke plaats op de school van aanmelding, "
            "tot er een passende plek is (controleer dit; de regel is niet aan de wettekst "
            "getoetst)."
        )
    if stand.te_laat:
        return _("Beslistermijn verstreken; nog geen besluit.")
    if aanmelding.verlengd_op:
        return _("Termijn verlengd met %(w)s weken; nog %(n)s dagen.") % {
            "w": aanmelding.verlenging_weken,
            "n": stand.dagen_over,
        }
    return _("Nog %(n)s dagen om te beslissen (eenmaal te verlengen met 4 weken).") % {
        "n": stand.dagen_over
    }


def aanmeldingen_aandacht(user) -> list[Aandachtspunt]:
    if not user.is_authenticated or user.rol not in ROLLEN:
        return []
    if not user.has_perm("zorgplicht.bekijken"):
        return []
    vandaag = timezone.localdate()
    punten = []
    for aanmelding in selectors.open_aanmeldingen(user)[:MAX]:
        stand = aanmelding.stand(vandaag)
        punten.append(
            Aandachtspunt(
                titel=_("Besluit op aanmelding %(nr)s (%(school)s)")
                % {"nr": aanmelding.nummer, "school": aanmelding.school.naam},
                url=aanmelding.get_absolute_url(),
                toelichting=toelichting(aanmelding, stand),
                datum=stand.deadline,
                te_laat=stand.te_laat,
                categorie=_("Zorgplicht"),
            )
        )
    return punten
