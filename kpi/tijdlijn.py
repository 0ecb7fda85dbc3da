"""The thuiszitter registrations on a pupil's dossier timeline (leerlingen.tijdlijn),
through the register's own scope: a role that may not see a registration does not see
it on the dossier either."""

from django.utils.translation import gettext as _

from leerlingen.tijdlijn import Gebeurtenis

from .selectors import thuiszitters_voor


def thuiszitters(leerling, user):
    for t in thuiszitters_voor(user).filter(leerling=leerling).order_by("startdatum"):
        yield Gebeurtenis(
            datum=t.startdatum,
            soort=_("Thuiszitter"),
            titel=_("Thuiszitter #%(nr)s: %(soort)s") % {"nr": t.pk, "soort": t.get_type_display()},
            url=t.get_absolute_url(),
            status=t.get_status_display(),
            toelichting=_("tot %(d)s") % {"d": f"{t.einddatum:%d-%m-%Y}"} if t.einddatum else "",
        )
