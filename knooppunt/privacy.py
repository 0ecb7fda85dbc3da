"""Retention and AVG inzage for knooppuntoverleggen (registered in `apps.py`).

Retention: domain.md names no term for these records; we use the TLV's (see
`ondersteuning.privacy.bewaarjaren`). An overleg is anonymised that many years after its
date and its next evaluation date, whichever is later; a planned one always stays, and
one turned into an MDO stays while its TLV aanvraag is not anonymised (the aanvraag was
prefilled from it). Anonymising removes who took part and what was said (the integral
picture, the interventions, who has regie by name) and the history notes; school, date,
status and the roles present stay for the knooppunt's yearly figures.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ondersteuning.privacy import bewaarjaren
from swv import inzage as inzage_
from swv.bewaartermijnen import ANONIMISEREN, Bewaarregel, grensdatum
from swv.inzage import Onderdeel

from .models import Knooppuntoverleg, OverlegGeschiedenis, Status


def verlopen_overleggen(peildatum: date):
    grens = grensdatum(peildatum, bewaarjaren())
    return (
        Knooppuntoverleg.objects.filter(geanonimiseerd_op__isnull=True, datum__lte=grens)
        .exclude(status=Status.GEPLAND)
        .filter(Q(volgende_evaluatie__isnull=True) | Q(volgende_evaluatie__lte=grens))
        .filter(Q(aanvraag__isnull=True) | Q(aanvraag__geanonimiseerd_op__isnull=False))
        .order_by("pk")
    )


@transaction.atomic
def anonimiseren(overleg: Knooppuntoverleg) -> None:
    Knooppuntoverleg.objects.filter(pk=overleg.pk).update(
        deelnemers="",
        integraal_beeld="",
        interventies_onderwijs="",
        interventies_gemeente="",
        interventies_zorg="",
        regie_naam="",
        geanonimiseerd_op=timezone.localdate(),
    )
    OverlegGeschiedenis.objects.filter(overleg=overleg).update(toelichting="")


REGEL = Bewaarregel(
    naam="Knooppuntoverleggen",
    actie=ANONIMISEREN,
    verlopen=verlopen_overleggen,
    uitvoeren=anonimiseren,
    label=lambda overleg: overleg.nummer,
)


def inzage(*, user, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    """The knooppuntoverleggen about this pupil `user` may see
    (`selectors.overleggen_voor`), their history, and who read them."""
    from .selectors import overleggen_voor

    qs = inzage_.van_leerling(
        overleggen_voor(user), achternaam=achternaam, geboortedatum=geboortedatum, voornaam=voornaam
    )
    overleggen = list(qs.select_related("leerling", "school", "aanvraag").order_by("pk"))
    if not overleggen:
        return []
    nummer = {o.pk: o.nummer for o in overleggen}
    return [
        Onderdeel(
            _("Knooppuntoverleggen"),
            [_("overleg"), _("dossier"), _("school"), _("datum"), _("status"),
             _("aanwezige kernpartners"), _("deelnemers"), _("integraal beeld"),
             _("interventies onderwijs"), _("interventies gemeente"), _("interventies zorg"),
             _("regie bij"), _("volgende evaluatie"), _("MDO (TLV-aanvraag)")],
            [[o.nummer, o.leerling.nummer, o.school.naam, o.datum, o.get_status_display(),
              ", ".join(str(r) for r in o.get_rollen_aanwezig_display()), o.deelnemers,
              o.integraal_beeld, o.interventies_onderwijs, o.interventies_gemeente,
              o.interventies_zorg, " ".join(filter(None, [o.get_regie_rol_display(),
                                                          o.regie_naam])),
              o.volgende_evaluatie, o.aanvraag.nummer if o.aanvraag else ""]
             for o in overleggen],
        ),
        inzage_.verloop(_("Knooppuntoverleggen: verloop"), _("overleg"), OverlegGeschiedenis, "overleg", nummer),
        inzage_.ontvangers(_("Wie heeft de knooppuntoverleggen ingezien of gewijzigd"),
                           overleggen),
    ]  # fmt: skip
