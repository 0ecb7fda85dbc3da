"""Retention and AVG inzage for placements (registered in `apps.py`).

Retention: domain.md names no term for these records; we use the TLV's (see
`ondersteuning.privacy.bewaarjaren`). A placement is anonymised that many years after it
ended (its einddatum) or, taken off the waiting list, after that last step; a waiting or
running placement always stays. Anonymising removes the free text (the reason for a
placement beyond capacity, kept non-empty as the database asks, and the history notes);
voorziening, status and dates stay for the occupancy figures.
"""

from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ondersteuning.privacy import GEANONIMISEERD, bewaarjaren
from swv import inzage as inzage_
from swv.bewaartermijnen import ANONIMISEREN, Bewaarregel, grensdatum
from swv.inzage import Onderdeel

from .models import Plaatsing, PlaatsingGeschiedenis, Status


def verlopen_plaatsingen(peildatum: date):
    grens = grensdatum(peildatum, bewaarjaren())
    grens_tijd = timezone.make_aware(datetime.combine(grens, time.max))
    return (
        Plaatsing.objects.filter(geanonimiseerd_op__isnull=True)
        .annotate(laatste_stap=Max("historie__tijdstip"))
        .filter(
            Q(status=Status.BEEINDIGD, einddatum__lte=grens)
            | Q(status=Status.VERVALLEN, laatste_stap__lte=grens_tijd)
        )
        .order_by("pk")
    )


@transaction.atomic
def anonimiseren(plaatsing: Plaatsing) -> None:
    Plaatsing.objects.filter(pk=plaatsing.pk).update(
        capaciteit_reden=GEANONIMISEERD if plaatsing.boven_capaciteit else "",
        geanonimiseerd_op=timezone.localdate(),
    )
    PlaatsingGeschiedenis.objects.filter(plaatsing=plaatsing).update(toelichting="")


REGEL = Bewaarregel(
    naam="Plaatsingen in voorzieningen",
    actie=ANONIMISEREN,
    verlopen=verlopen_plaatsingen,
    uitvoeren=anonimiseren,
    label=lambda plaatsing: plaatsing.nummer,
)


def inzage(*, user, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    """The placements of this pupil `user` may see (`selectors.plaatsingen_voor`), their
    history, and who read them."""
    from .selectors import plaatsingen_voor

    qs = inzage_.van_leerling(
        plaatsingen_voor(user),
        achternaam=achternaam,
        geboortedatum=geboortedatum,
        voornaam=voornaam,
    )
    plaatsingen = list(qs.select_related("leerling", "voorziening", "besluit").order_by("pk"))
    if not plaatsingen:
        return []
    nummer = {p.pk: p.nummer for p in plaatsingen}
    return [
        Onderdeel(
            titel=_("Plaatsingen in voorzieningen"),
            kolommen=[_("Plaatsing"), _("Dossier"), _("Voorziening"), _("Status"),
                      _("Op de wachtlijst sinds"), _("Startdatum"), _("Einddatum"),
                      _("Besluit"), _("Reden boven de capaciteit")],
            rijen=[[p.nummer, p.leerling.nummer, p.voorziening.naam, p.get_status_display(),
                    p.aangemeld_op, p.startdatum, p.einddatum, p.besluit.nummer,
                    p.capaciteit_reden]
                   for p in plaatsingen],
        ),
        inzage_.verloop(_("Plaatsingen: verloop"), _("plaatsing"), PlaatsingGeschiedenis, "plaatsing", nummer),
        inzage_.ontvangers(_("Wie heeft de plaatsingen ingezien of gewijzigd"), plaatsingen),
    ]  # fmt: skip
