"""The ondersteuningsvragen on a pupil's dossier timeline (leerlingen.tijdlijn), through
the vraag scope (`selectors.vragen_voor`): the vraag, and the decision when there is one."""

from django.utils.translation import gettext as _

from leerlingen.tijdlijn import Gebeurtenis

from .selectors import vragen_van_dossier


def vragen_op_tijdlijn(leerling, user):
    for vraag in vragen_van_dossier(user, leerling):
        yield Gebeurtenis(
            datum=vraag.ingediend_op or vraag.aangemaakt_op.date(),
            soort=_("Vraag"),
            titel=_("Ondersteuningsvraag %(nr)s (%(soort)s)")
            % {"nr": vraag.nummer, "soort": vraag.get_soort_display()},
            url=vraag.get_absolute_url(),
            status=vraag.get_status_display(),
            toelichting="" if vraag.ingediend_op else _("nog niet ingediend"),
        )
        if vraag.besloten_op:
            yield Gebeurtenis(
                datum=vraag.besloten_op,
                soort=_("Vraag"),
                titel=_("Besluit op %(nr)s: %(besluit)s")
                % {"nr": vraag.nummer, "besluit": vraag.get_besluit_display()},
                url=vraag.get_absolute_url(),
            )
