"""Retention and AVG inzage for the thuiszitters register.

A resolved registration is anonymised N years after its einddatum (setting
SWV_BEWAARTERMIJN_THUISZITTERS_JAREN [check]); running ones always stay. Anonymised, not
deleted: the pseudonym, the birth year and the action log (free text) go; school, kind
and dates stay, so the counts per quarter and the KPI values of past plan years do not
change afterwards, and the inspectie registration keeps all rows incl. resolved ones. The register holds a pseudonym and
a birth year only, so inzage matches the pseudonym on the surname and the birth year.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone

from swv.bewaartermijnen import ANONIMISEREN, Bewaarregel, grensdatum
from swv.inzage import Onderdeel

from .models import Thuiszitter, ThuiszitterActie


def verlopen_registraties(peildatum: date):
    grens = grensdatum(peildatum, settings.SWV_BEWAARTERMIJN_THUISZITTERS_JAREN)
    return Thuiszitter.objects.filter(
        einddatum__isnull=False, einddatum__lte=grens, geanonimiseerd_op__isnull=True
    ).order_by("pk")


def anonimiseren(registratie: Thuiszitter) -> None:
    registratie.acties_log.all().delete()
    registratie.pseudoniem = ""
    registratie.geboortejaar = None
    registratie.geanonimiseerd_op = timezone.localdate()
    registratie.save(update_fields=["pseudoniem", "geboortejaar", "geanonimiseerd_op"])


REGEL = Bewaarregel(
    naam="Thuiszittersregistraties",
    actie=ANONIMISEREN,
    verlopen=verlopen_registraties,
    uitvoeren=anonimiseren,
    label=lambda registratie: f"thuiszitter {registratie.pk}",
)


def inzage(*, user, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    """The registrations `user` may see (`selectors.thuiszitters_voor`) whose pseudonym
    holds the surname, of the pupil's birth year."""
    from .selectors import thuiszitters_voor

    rijen = list(
        thuiszitters_voor(user)
        .filter(pseudoniem__icontains=achternaam.strip(), geboortejaar=geboortedatum.year)
        .select_related("school")
        .order_by("pk")
    )
    if not rijen:
        return []
    return [
        Onderdeel(
            "Thuiszittersregister",
            [
                "registratie",
                "pseudoniem",
                "geboortejaar",
                "school",
                "soort verzuim",
                "vrijstelling",
                "startdatum",
                "einddatum",
                "status",
            ],
            [
                [
                    t.pk,
                    t.pseudoniem,
                    t.geboortejaar,
                    t.school.naam,
                    t.get_type_display(),
                    t.vrijstelling,
                    t.startdatum,
                    t.einddatum,
                    t.get_status_display(),
                ]
                for t in rijen
            ],
        ),
        Onderdeel(
            "Thuiszitters: acties",
            [
                "registratie",
                "datum",
                "omschrijving",
                "betrokkenen",
                "vastgelegd door",
                "vastgelegd op",
            ],
            [
                [
                    a.thuiszitter_id,
                    a.datum,
                    a.omschrijving,
                    a.betrokkenen,
                    str(a.vastgelegd_door or ""),
                    timezone.localtime(a.vastgelegd_op),
                ]
                for a in ThuiszitterActie.objects.filter(thuiszitter__in=rijen)
                .select_related("vastgelegd_door")
                .order_by("thuiszitter_id", "datum", "id")
            ],
        ),
    ]
