"""Aanmeldingen on a pupil's dossier timeline (leerlingen.tijdlijn), through the
aanmelding scope (`selectors.aanmeldingen_van_dossier`): the aanmelding, and the decision
when there is one."""

from django.urls import reverse
from django.utils.translation import gettext as _

from leerlingen.tijdlijn import Actie, Gebeurtenis
from swv import formats

from .selectors import aanmeldingen_van_dossier


def aanmeldingen_op_tijdlijn(leerling, user):
    for a in aanmeldingen_van_dossier(user, leerling):
        yield Gebeurtenis(
            datum=a.ontvangen_op,
            soort=_("Aanmelding"),
            titel=_("Aanmelding %(nr)s bij %(school)s") % {"nr": a.nummer, "school": a.school.naam},
            url=a.get_absolute_url(),
            status=a.get_status_display(),
            toelichting=(
                _("besluit uiterlijk %(d)s") % {"d": formats.kort(a.uiterste_beslisdatum)}
                if a.is_open
                else ""
            ),
        )
        if a.besloten_op:
            yield Gebeurtenis(
                datum=a.besloten_op,
                soort=_("Aanmelding"),
                titel=_("Besluit op %(nr)s: %(u)s")
                % {"nr": a.nummer, "u": a.get_uitkomst_display().lower()},
                url=a.get_absolute_url(),
            )


def aanmelding_actie(leerling, user):
    if user.has_perm("zorgplicht.registreren"):
        yield Actie(
            label=_("Aanmelding registreren"),
            url=reverse("zorgplicht:nieuw") + f"?leerling={leerling.pk}",
        )
