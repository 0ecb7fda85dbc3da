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
    def __init__(self, bestaande: Aanvraag):
        self.bestaande = bestaande
        super().__init__(
            _("Voor deze leerling loopt al een aanvraag (%(nummer)s).")
            % {"nummer": bestaande.nummer},
            code="dubbel",
        )


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
