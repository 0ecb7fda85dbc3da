"""Every read of leerlingdossiers a user can reach, scoped to that user.

`leerlingen_voor(user)` is the one rule (`swv.selectors.leerlingscope`, as for TLV cases
and thuiszitters): SWV staff the dossiers of their SWVs; a trajectbegeleider their own and
the unassigned ones of their SWVs; a bestuur those of its schools; a school its own.
Deskundigen, OPR and anyone else: none. Children (toestemmingen) inherit it.
"""

from django.db.models import QuerySet

from swv.selectors import leerlingscope, scope

from .models import Leerling


@scope(Leerling)
def leerlingen_voor(user) -> QuerySet[Leerling]:
    filter_ = leerlingscope(user)
    if filter_ is None:
        return Leerling.objects.none()
    return Leerling.objects.filter(filter_)


def dossier_lijst(user) -> QuerySet[Leerling]:
    return (
        leerlingen_voor(user)
        .filter(geanonimiseerd_op__isnull=True)
        .select_related("school", "swv", "trajectbegeleider")
        .order_by("achternaam", "voornaam", "id")
    )


def dossier_van(user, pk: int) -> Leerling:
    """One dossier in scope; out of scope is 'does not exist' (404)."""
    return dossier_lijst(user).get(pk=pk)


def toestemmingen_van(user, leerling: Leerling):
    return (
        leerling.toestemmingen.voor(user)
        .select_related("vastgelegd_door")
        .order_by("-datum", "-id")
    )


def mogelijke_dubbele(swv_id: int, voornaam: str, achternaam: str, geboortedatum, *, behalve=None):
    """Existing dossiers of the same pupil in the SWV, whoever may see them: for the
    duplicate check, which tells the user only that one exists, never whose it is."""
    from .models import leerling_sleutel

    qs = Leerling.objects.filter(
        swv_id=swv_id,
        leerling_sleutel=leerling_sleutel(voornaam, achternaam),
        geboortedatum=geboortedatum,
        geanonimiseerd_op__isnull=True,
    )
    return qs.exclude(pk=behalve.pk) if behalve is not None else qs
