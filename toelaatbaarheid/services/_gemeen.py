"""What every TLV service shares: locking the case in the user's scope, and the errors."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from swv import workflow

from .. import selectors
from ..models import Aanvraag


class VerouderdeVersie(workflow.VerouderdeVersie):
    """Someone else changed the case after this user opened it (the workflow's error,
    worded for a case)."""

    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft deze aanvraag intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


class DubbeleAanvraag(ValidationError):
    """A second open aanvraag for the same pupil. `bestaande` is the open case when the
    user may see it (the message names it, the form links to it), else None: the message
    then says nothing about other cases, not even that one exists. Build it with
    `DubbeleAanvraag.voor(...)` after `dubbelcontrole.treffer` decided what is visible."""

    def __init__(self, bestaande: Aanvraag | None):
        self.bestaande = bestaande
        if bestaande is not None:
            tekst = _("Voor deze leerling loopt al een aanvraag (%(nummer)s).") % {
                "nummer": bestaande.nummer
            }
        else:
            tekst = _(
                "Deze aanvraag kan nu niet worden aangemaakt. Het samenwerkingsverband "
                "neemt contact met u op over deze leerling."
            )
        super().__init__(tekst, code="dubbel")

    @classmethod
    def voor(cls, zichtbare: Aanvraag | None) -> "DubbeleAanvraag":
        return cls(zichtbare)


def vergrendel(gebruiker, aanvraag: Aanvraag, versie: int | None, stap) -> Aanvraag:
    """Lock the case row in the user's scope, check the step's permission, then refuse a
    stale version: in that order, so a role without the step learns nothing more."""
    zaak = (
        selectors.aanvragen_voor(gebruiker)
        .select_for_update(of=("self",))
        .select_related("swv", "school")
        .filter(pk=aanvraag.pk)
        .first()
    )
    if zaak is None:
        raise PermissionDenied(_("Deze aanvraag is niet (meer) beschikbaar voor u."))
    if stap is not None:
        workflow.eis(gebruiker, stap.permissie, zaak)
    if versie is not None and zaak.versie != versie:
        raise VerouderdeVersie()
    return zaak
