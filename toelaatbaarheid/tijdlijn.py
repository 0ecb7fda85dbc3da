"""The TLV cases on a pupil's dossier timeline (leerlingen.tijdlijn), through the case
scope (`selectors.aanvragen_voor`): the aanvraag, the beschikking when there is one, and a
terugplaatsing with its nazorg moments."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from leerlingen.tijdlijn import Gebeurtenis

from .models import Beschikking, Nazorgmoment
from .selectors import aanvragen_voor


def tlv_zaken(leerling, user):
    zaken = (
        aanvragen_voor(user)
        .filter(leerling=leerling)
        .select_related("terugplaatsing__ontvangende_school")
        .prefetch_related(
            Prefetch("beschikkingen", queryset=Beschikking.objects.order_by("ronde")),
            Prefetch(
                "terugplaatsing__nazorgmomenten",
                queryset=Nazorgmoment.objects.order_by("datum_gepland", "id"),
            ),
        )
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
        terug = getattr(zaak, "terugplaatsing", None)
        if terug is None:
            continue
        yield Gebeurtenis(
            datum=terug.datum,
            soort=_("TLV"),
            titel=_("Terugplaatsing naar %(s)s") % {"s": terug.ontvangende_school.naam},
            url=zaak.get_absolute_url(),
            toelichting=_("knooppunt %(d)s") % {"d": f"{terug.knooppunt_op:%d-%m-%Y}"},
        )
        for m in terug.nazorgmomenten.all():
            yield Gebeurtenis(
                datum=m.gehouden_op or m.datum_gepland,
                soort=_("Nazorg"),
                titel=m.omschrijving,
                url=zaak.get_absolute_url(),
                status=_("gehouden") if m.gehouden else _("gepland"),
                toelichting=m.bevindingen,
            )
