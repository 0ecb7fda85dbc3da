"""The duplicate check of a new TLV aanvraag, as far as it concerns what a user learns:
how many checks a user may run (a counter in Django's cache), the audit entry of every
hit, and the one decision on what the refusal says (`services.DubbeleAanvraag.voor`).

Typing a name and a date of birth is a question about a pupil: a hit outside the user's
scope tells them nothing (no case number, not even that a case exists), is audited so the
SWV can follow it up, and the questions are limited per user so the check cannot be used
to search the register.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from swv.audit import AuditActie, vastleggen

from . import selectors

# Default: 30 checks per user per hour (settings.TLV_DUBBELCONTROLE_LIMIET /
# TLV_DUBBELCONTROLE_VENSTER in seconds override it).
LIMIET = 30
VENSTER = 3600


class TeVeelControles(PermissionDenied):
    """The user ran more duplicate checks in the window than allowed."""

    def __init__(self):
        super().__init__(
            _(
                "U hebt in korte tijd veel aanvragen aangemaakt. Probeer het over een uur "
                "opnieuw of neem contact op met het samenwerkingsverband."
            )
        )


def tellen(gebruiker) -> int:
    """Count one check for this user; refuse (TeVeelControles) past the limit. One cache
    key per user and window: `add` starts it with its expiry, `incr` counts atomically in
    the cache backends that support it."""
    limiet = getattr(settings, "TLV_DUBBELCONTROLE_LIMIET", LIMIET)
    venster = getattr(settings, "TLV_DUBBELCONTROLE_VENSTER", VENSTER)
    sleutel = f"tlv-dubbelcontrole:{gebruiker.pk}"
    if cache.add(sleutel, 1, timeout=venster):
        aantal = 1
    else:
        try:
            aantal = cache.incr(sleutel)
        except ValueError:  # expired between add and incr
            cache.add(sleutel, 1, timeout=venster)
            aantal = 1
    if aantal > limiet:
        vastleggen(
            actie=AuditActie.BEKEKEN,
            gebruiker=gebruiker,
            omschrijving="TLV-dubbelcontrole: limiet bereikt, geweigerd",
            details={"aantal": aantal},
        )
        raise TeVeelControles()
    return aantal


def treffer(gebruiker, bestaande, *, request=None):
    """The refusal for a hit: audited (the open case by number, never the pupil), and
    naming the case only to a user who may see it. Returns the error to raise."""
    from .services import DubbeleAanvraag

    zichtbaar = selectors.aanvragen_voor(gebruiker).filter(pk=bestaande.pk).exists()
    vastleggen(
        actie=AuditActie.BEKEKEN,
        gebruiker=gebruiker,
        obj=bestaande,
        request=request,
        omschrijving=f"TLV-dubbelcontrole: treffer op {bestaande.nummer}"
        + ("" if zichtbaar else " (buiten het bereik van de gebruiker)"),
        details={"zichtbaar": zichtbaar},
    )
    return DubbeleAanvraag.voor(bestaande if zichtbaar else None)
