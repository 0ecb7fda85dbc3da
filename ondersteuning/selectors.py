"""Every read of the ondersteuningsroute a user can reach, scoped to that user.

`vragen_voor(user)` is the one rule for vragen, pupil records like TLV cases
(`swv.selectors.leerlingscope` on the vraag's own swv, school and trajectbegeleider): SWV
staff the vragen of their SWVs; a trajectbegeleider their own and the unassigned ones of
their SWVs; a bestuur those of its schools; a school its own. Deskundigen, OPR and anyone
else: none. `loketoverleggen_voor(user)`: SWV staff and trajectbegeleiders the meetings of
their SWVs; nobody else. History rows inherit their parent's scope.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet

from swv.roles import Rol
from swv.selectors import leerlingscope, scope, swv_ids_voor

from . import termijnen
from .models import (
    LoketInstellingen,
    Loketoverleg,
    Ondersteuningsvraag,
    OverlegGeschiedenis,
    Status,
    VraagGeschiedenis,
)


@scope(Ondersteuningsvraag)
def vragen_voor(user) -> QuerySet[Ondersteuningsvraag]:
    filter_ = leerlingscope(user)
    if filter_ is None:
        return Ondersteuningsvraag.objects.none()
    return Ondersteuningsvraag.objects.filter(filter_)


@scope(Loketoverleg)
def loketoverleggen_voor(user) -> QuerySet[Loketoverleg]:
    if not user.is_authenticated or not user.is_active:
        return Loketoverleg.objects.none()
    if user.is_superuser:
        return Loketoverleg.objects.all()
    if user.rol in (Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER):
        return Loketoverleg.objects.filter(swv_id__in=swv_ids_voor(user))
    return Loketoverleg.objects.none()


def vraag_lijst(user) -> QuerySet[Ondersteuningsvraag]:
    return vragen_voor(user).select_related("leerling", "school", "swv", "overleg").order_by("-id")


def vraag_van(user, pk: int) -> Ondersteuningsvraag:
    """One vraag in scope; out of scope is 'does not exist' (404)."""
    return (
        vragen_voor(user)
        .select_related(
            "leerling",
            "school",
            "swv",
            "overleg",
            "toestemming",
            "trajectbegeleider",
            "aangemaakt_door",
            "ingediend_door",
            "besloten_door",
        )  # fmt: skip
        .get(pk=pk)
    )


def historie_van(user, vraag) -> QuerySet[VraagGeschiedenis]:
    return VraagGeschiedenis.objects.voor(user).filter(vraag=vraag).select_related("door")


def vragen_van_dossier(user, leerling) -> QuerySet[Ondersteuningsvraag]:
    return vragen_voor(user).filter(leerling=leerling).order_by("aangemaakt_op", "id")


def overleg_lijst(user) -> QuerySet[Loketoverleg]:
    return (
        loketoverleggen_voor(user)
        .select_related("swv")
        .annotate(aantal_vragen=Count("vragen", filter=Q(vragen__in=vragen_voor(user))))
        .order_by("-datum", "-id")
    )


def overleg_van(user, pk: int) -> Loketoverleg:
    return loketoverleggen_voor(user).select_related("swv").get(pk=pk)


def agenda_van(user, overleg) -> QuerySet[Ondersteuningsvraag]:
    """The vragen on this meeting's agenda (and those decided there) the user may see."""
    return (
        vragen_voor(user)
        .filter(overleg=overleg)
        .exclude(status=Status.INGETROKKEN)
        .select_related("leerling", "school")
        .order_by("id")
    )


def te_agenderen(user, overleg) -> QuerySet[Ondersteuningsvraag]:
    """Submitted vragen of the meeting's SWV, not yet on an agenda."""
    return (
        vragen_voor(user)
        .filter(swv_id=overleg.swv_id, status=Status.INGEDIEND)
        .select_related("leerling", "school")
        .order_by("ingediend_op", "id")
    )


def open_overleggen(user, swv_id) -> QuerySet[Loketoverleg]:
    return loketoverleggen_voor(user).filter(swv_id=swv_id, status="gepland").order_by("datum")


def overleg_historie(user, overleg) -> QuerySet[OverlegGeschiedenis]:
    return OverlegGeschiedenis.objects.voor(user).filter(overleg=overleg).select_related("door")


def beslis_werkdagen(swv_id) -> int:
    instelling = LoketInstellingen.objects.filter(swv_id=swv_id).first()
    return instelling.beslis_werkdagen if instelling else 5


def uiterlijk_besluit(overleg) -> date:
    """The last day to decide on a vraag put on this meeting (the SWV's setting)."""
    from toelaatbaarheid.termijnen import gelijkgestelde_dagen

    return termijnen.besluit_uiterlijk(
        overleg.datum, beslis_werkdagen(overleg.swv_id), gelijkgestelde_dagen()
    )
