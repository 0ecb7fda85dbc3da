"""Retention and AVG inzage for zorgplicht aanmeldingen (registered in `apps.py`).

Retention: domain.md names no term for these records; we use the TLV's (see
`ondersteuning.privacy.bewaarjaren`). An aanmelding is anonymised that many years after
it was decided or withdrawn (its last step); an open one always stays. Anonymising
removes the requested support, the reasons for an extension and the explanation of the
decision, and the history notes; school, dates, outcome and the term stay for the
zorgplicht figures.
"""

from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ondersteuning.privacy import bewaarjaren
from swv import inzage as inzage_
from swv.bewaartermijnen import ANONIMISEREN, Bewaarregel, grensdatum
from swv.inzage import Onderdeel

from .models import OPEN_STATUSSEN, Aanmelding, AanmeldingGeschiedenis


def verlopen_aanmeldingen(peildatum: date):
    grens = grensdatum(peildatum, bewaarjaren())
    grens_tijd = timezone.make_aware(datetime.combine(grens, time.max))
    return (
        Aanmelding.objects.filter(geanonimiseerd_op__isnull=True)
        .exclude(status__in=OPEN_STATUSSEN)
        .annotate(laatste_stap=Max("historie__tijdstip"))
        .filter(laatste_stap__lte=grens_tijd)
        .order_by("pk")
    )


@transaction.atomic
def anonimiseren(aanmelding: Aanmelding) -> None:
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        gevraagde_ondersteuning="",
        verlenging_reden="",
        besluit_toelichting="",
        geanonimiseerd_op=timezone.localdate(),
    )
    AanmeldingGeschiedenis.objects.filter(aanmelding=aanmelding).update(toelichting="")


REGEL = Bewaarregel(
    naam="Zorgplicht-aanmeldingen",
    actie=ANONIMISEREN,
    verlopen=verlopen_aanmeldingen,
    uitvoeren=anonimiseren,
    label=lambda aanmelding: aanmelding.nummer,
)


def inzage(*, user, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    """The aanmeldingen of this pupil `user` may see (`selectors.aanmeldingen_voor`),
    their history, and who read them."""
    from .selectors import aanmeldingen_voor

    qs = inzage_.van_leerling(
        aanmeldingen_voor(user),
        achternaam=achternaam,
        geboortedatum=geboortedatum,
        voornaam=voornaam,
    )
    aanmeldingen = list(qs.select_related("leerling", "school", "aangeboden_school")
                        .order_by("pk"))  # fmt: skip
    if not aanmeldingen:
        return []
    nummer = {a.pk: a.nummer for a in aanmeldingen}
    return [
        Onderdeel(
            _("Zorgplicht: aanmeldingen"),
            [_("aanmelding"), _("dossier"), _("school"), _("ontvangen op"),
             _("gevraagde ondersteuning"), _("status"), _("uiterste beslisdatum"),
             _("verlengd op"), _("reden van de verlenging"), _("besluit"),
             _("aangeboden school"), _("toelichting"), _("besloten op")],
            [[a.nummer, a.leerling.nummer, a.school.naam, a.ontvangen_op,
              a.gevraagde_ondersteuning, a.get_status_display(), a.uiterste_beslisdatum,
              a.verlengd_op, a.verlenging_reden, a.get_uitkomst_display(),
              a.aangeboden_school.naam if a.aangeboden_school else "", a.besluit_toelichting,
              a.besloten_op]
             for a in aanmeldingen],
        ),
        inzage_.verloop(_("Zorgplicht: verloop"), _("aanmelding"), AanmeldingGeschiedenis, "aanmelding", nummer),
        inzage_.ontvangers(_("Wie heeft de aanmeldingen ingezien of gewijzigd"), aanmeldingen),
    ]  # fmt: skip
