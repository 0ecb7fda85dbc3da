"""The knooppuntoverleggen on a pupil's dossier timeline (leerlingen.tijdlijn), through
the overleg scope (`selectors.overleggen_voor`): the overleg, and its MDO when it became
one."""

from django.urls import reverse
from django.utils.translation import gettext as _

from leerlingen.tijdlijn import Actie, Gebeurtenis
from swv import formats

from .selectors import knooppunt_van_school, overleggen_van_dossier
from .stappen import OVERLEG_PLANNEN


def overleggen_op_tijdlijn(leerling, user):
    for overleg in overleggen_van_dossier(user, leerling):
        yield Gebeurtenis(
            datum=overleg.datum,
            soort=_("Knooppunt"),
            titel=_("Knooppuntoverleg %(nr)s (%(school)s)")
            % {"nr": overleg.nummer, "school": overleg.knooppunt.school.naam},
            url=overleg.get_absolute_url(),
            status=overleg.get_status_display(),
            toelichting=_("volgende evaluatie %(d)s")
            % {"d": formats.kort(overleg.volgende_evaluatie)}
            if overleg.volgende_evaluatie
            else "",
        )


def overleg_starten(leerling, user):
    """On the dossier: plan a knooppuntoverleg at the pupil's school's knooppunt."""
    if leerling.school_id is None:
        return
    knooppunt = knooppunt_van_school(user, leerling.school)
    if knooppunt is not None and OVERLEG_PLANNEN.mag(user, knooppunt):
        url = reverse("knooppunt:overleg-nieuw", args=[knooppunt.pk])
        yield Actie(_("Knooppuntoverleg plannen"), f"{url}?leerling={leerling.pk}")
