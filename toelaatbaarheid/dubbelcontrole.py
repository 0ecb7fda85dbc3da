"""The duplicate check of a new TLV aanvraag: the shared check on a pupil
(`leerlingen.dubbelcontrole`: counted per user, every hit audited) and the one decision on
what the refusal says (`services.DubbeleAanvraag.voor`): the case is named only to a user
who may see it."""

from leerlingen.dubbelcontrole import TeVeelControles, tellen

from . import selectors

__all__ = ["TeVeelControles", "tellen", "treffer"]


def treffer(gebruiker, bestaande, *, request=None):
    """The refusal for a hit on an open case. Returns the error to raise."""
    from leerlingen import dubbelcontrole

    from .services import DubbeleAanvraag

    zichtbaar = dubbelcontrole.treffer(
        gebruiker, bestaande, selectors.aanvragen_voor, wat="TLV-dubbelcontrole", request=request
    )
    return DubbeleAanvraag.voor(bestaande if zichtbaar else None)
