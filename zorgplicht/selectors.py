"""Every read of aanmeldingen a user can reach, scoped to that user.

`aanmeldingen_voor(user)` is the one rule, that of every pupil record
(`swv.selectors.leerlingscope` on the aanmelding's own swv, school of aanmelding and
trajectbegeleider): SWV staff the aanmeldingen of their SWVs; a trajectbegeleider their
own and the unassigned ones of their SWVs; a bestuur those at its schools; a school user
those at its own school. Deskundigen, OPR and anyone else: none. History rows inherit the
aanmelding's scope.
"""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from swv.models import School
from swv.selectors import leerlingscope, scholen_voor, scope

from .models import OPEN_STATUSSEN, Aanmelding, AanmeldingGeschiedenis


@scope(Aanmelding)
def aanmeldingen_voor(user) -> QuerySet[Aanmelding]:
    filter_ = leerlingscope(user)
    if filter_ is None:
        return Aanmelding.objects.none()
    return Aanmelding.objects.filter(filter_)


def _open_eerst(qs) -> QuerySet[Aanmelding]:
    """Open ones first, earliest deadline (so the overdue ones) on top."""
    return qs.annotate(
        gesloten=Case(
            When(status__in=OPEN_STATUSSEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )


VOLGORDES = {
    "termijn": ("gesloten", "uiterste_beslisdatum", "id"),
    "ontvangen": ("-ontvangen_op", "-id"),
    "school": ("school__naam", "gesloten", "uiterste_beslisdatum", "id"),
}


def aanmelding_lijst(user, volgorde: str = "termijn") -> QuerySet[Aanmelding]:
    return (
        _open_eerst(aanmeldingen_voor(user))
        .select_related("leerling", "school", "swv")
        .order_by(*VOLGORDES.get(volgorde, VOLGORDES["termijn"]))
    )


def aanmelding_van(user, pk: int) -> Aanmelding:
    """One aanmelding in scope; out of scope is 'does not exist' (404)."""
    return (
        aanmeldingen_voor(user)
        .select_related(
            "leerling",
            "school",
            "swv",
            "trajectbegeleider",
            "aangeboden_school",
            "aangemaakt_door",
            "besloten_door",
        )  # fmt: skip
        .get(pk=pk)
    )


def historie_van(user, aanmelding) -> QuerySet[AanmeldingGeschiedenis]:
    return (
        AanmeldingGeschiedenis.objects.voor(user)
        .filter(aanmelding=aanmelding)
        .select_related("door")
    )


def aanmeldingen_van_dossier(user, leerling) -> QuerySet[Aanmelding]:
    return (
        aanmeldingen_voor(user)
        .filter(leerling=leerling)
        .select_related("school")
        .order_by("ontvangen_op", "id")
    )


def open_aanmeldingen(user) -> QuerySet[Aanmelding]:
    """Undecided aanmeldingen in scope, earliest deadline first (the home page)."""
    return (
        aanmeldingen_voor(user)
        .filter(status__in=OPEN_STATUSSEN)
        .select_related("school")
        .order_by("uiterste_beslisdatum", "id")
    )


def scholen_van_aanmelding(user) -> QuerySet[School]:
    """Schools a user may register an aanmelding for: their own, within an SWV's task."""
    return (
        scholen_voor(user).binnen_swv().filter(swv__isnull=False).order_by("naam", "vestigingscode")
    )


def aangeboden_scholen(aanmelding) -> QuerySet[School]:
    """Schools a place may be offered at: any other school of the aanmelding's SWV (public
    organisation data, not pupil data)."""
    return (
        School.objects.filter(swv_id=aanmelding.swv_id)
        .exclude(pk=aanmelding.school_id)
        .order_by("naam", "vestigingscode")
    )


def gelijkgesteld():
    """The gelijkgestelde dagen of the Algemene termijnenwet (one query)."""
    from toelaatbaarheid.termijnen import gelijkgestelde_dagen

    return gelijkgestelde_dagen()
