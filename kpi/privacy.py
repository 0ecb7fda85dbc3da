"""Retention and AVG inzage for the thuiszitters register.

A resolved registration is deleted N years after its einddatum (setting
SWV_BEWAARTERMIJN_THUISZITTERS_JAREN [check]); running ones always stay. Its action log
(ThuiszitterActie) goes with it (on_delete=CASCADE). The register holds a pseudonym and
a birth year only, so inzage matches the pseudonym on the surname and the birth year.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone

from swv.bewaartermijnen import VERWIJDEREN, Bewaarregel, grensdatum
from swv.inzage import Onderdeel

from .models import Thuiszitter, ThuiszitterActie


def verlopen_registraties(peildatum: date):
    grens = grensdatum(peildatum, settings.SWV_BEWAARTERMIJN_THUISZITTERS_JAREN)
    return Thuiszitter.objects.filter(einddatum__isnull=False, einddatum__lte=grens).order_by("pk")


REGEL = Bewaarregel(
    naam="Thuiszittersregistraties",
    actie=VERWIJDEREN,
    verlopen=verlopen_registraties,
    uitvoeren=lambda registratie: registratie.delete(),
    label=lambda registratie: f"thuiszitter {registratie.pk}",
)


def inzage(*, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    rijen = Thuiszitter.objects.filter(
        pseudoniem__icontains=achternaam.strip(), geboortejaar=geboortedatum.year
    ).select_related("school")
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
