"""The duplicate check on a pupil, as far as it concerns what a user learns: for a new or
changed leerlingdossier and for a new TLV aanvraag alike (issue 16).

Typing a name and a date of birth is a question about a pupil. So every check is counted
per user (`tellen`: default 30 per hour, one budget for all checks, refused with 429 past
it) and every hit is audited with whether the user may see what was hit (`treffer`). A
hit outside the user's scope tells them nothing: not the number, not the school, not even
that a dossier or case exists; the caller says only that this cannot be started and whom
to contact.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from swv.audit import AuditActie, vastleggen

# Default: 30 checks per user per hour (settings.DUBBELCONTROLE_LIMIET and
# DUBBELCONTROLE_VENSTER, in seconds, override it).
LIMIET = 30
VENSTER = 3600


class TeVeelControles(PermissionDenied):
    """The user ran more duplicate checks in the window than allowed."""

    def __init__(self):
        super().__init__(
            _(
                "U hebt in korte tijd veel leerlingen ingevoerd. Probeer het over een uur "
                "opnieuw of neem contact op met het samenwerkingsverband."
            )
        )


def tellen(gebruiker) -> int:
    """Count one check for this user; refuse (TeVeelControles) past the limit. One cache
    key per user and window: `add` starts it with its expiry, `incr` counts atomically in
    the cache backends that support it (use a shared cache, SWV_CACHE_URL, with several
    workers)."""
    limiet = getattr(settings, "DUBBELCONTROLE_LIMIET", LIMIET)
    venster = getattr(settings, "DUBBELCONTROLE_VENSTER", VENSTER)
    sleutel = f"dubbelcontrole:{gebruiker.pk}"
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
            omschrijving="Dubbelcontrole: limiet bereikt, geweigerd",
            details={"aantal": aantal},
        )
        raise TeVeelControles()
    return aantal


def treffer(gebruiker, bestaande, zichtbaar_voor, *, wat: str, request=None) -> bool:
    """Audit a hit on `bestaande` (by its number, never the pupil) and say whether the
    user may see it: whether it is in `zichtbaar_voor(gebruiker)`, the scoped selector."""
    zichtbaar = zichtbaar_voor(gebruiker).filter(pk=bestaande.pk).exists()
    vastleggen(
        actie=AuditActie.BEKEKEN,
        gebruiker=gebruiker,
        obj=bestaande,
        request=request,
        omschrijving=f"{wat}: treffer op {bestaande.nummer}"
        + ("" if zichtbaar else " (buiten het bereik van de gebruiker)"),
        details={"zichtbaar": zichtbaar},
    )
    return zichtbaar
