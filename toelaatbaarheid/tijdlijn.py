"""The TLV cases on a pupil's dossier timeline (leerlingen.tijdlijn), through the case
scope (`selectors.aanvragen_voor`): the aanvraag, and the beschikking when there is one."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from leerlingen.tijdlijn import Gebeurtenis

from .models import Beschikking
from .selectors import aanvragen_voor


def tlv_zaken(leerling, user):
    zaken = (
        aanvragen_voor(user)
        .filter(leerling=leerling)
        .prefetch_related(Prefetch("beschikkingen", queryset=Beschikking.objects.order_by("ronde")))
        .order_by("aangemaakt_op")
    )
    for zaak in zaken:
        yield Gebeurtenis(
            datum=zaak.ontvangen_op or zaak.aangemaakt_op.date(),
            soort=_("TLV"),
            titel=_("TLV-aanvraag %(nr)s (%(soort)s)")
            % {"nr": zaak.nummer, "soort": zaak.get_soort_display()},
            url=zaak.get_absolute_url(),
            status=zaak.get_status_display(),
            toelichting="" if zaak.ontvangen_op else _("nog niet ingediend"),
        )
        for besch in zaak.beschikkingen.all():
            yield Gebeurtenis(
                datum=besch.datum,
                soort=_("TLV"),
                titel=_("Beschikking %(nr)s: %(besluit)s")
                % {"nr": besch.nummer, "besluit": besch.get_besluit_display()},
                url=zaak.get_absolute_url(),
                toelichting=_("geldig tot %(d)s") % {"d": f"{besch.einddatum:%d-%m-%Y}"}
                if besch.einddatum
                else "",
            )
