"""Every read of the knooppunt a user can reach, scoped to that user.

`knooppunten_voor(user)`: the knooppunten of the schools the user sees
(`swv.selectors.scholen_voor`), for the roles with business there: SWV staff and
trajectbegeleiders those of their SWVs, a bestuur those of its schools, a school its own.
Deskundigen, OPR and anyone else: none. Partners and evaluations inherit it.

`overleggen_voor(user)`: an overleg is a pupil record (`swv.selectors.leerlingscope` on
its own swv, school and trajectbegeleider): SWV staff the overleggen of their SWVs; a
trajectbegeleider their own and the unassigned ones of their SWVs; a school its own. A
bestuur reads its schools' evaluations, not the overleggen about pupils: none. History
rows inherit the overleg's scope.
"""

from django.db.models import Count, Q, QuerySet

from swv.roles import Rol
from swv.schooljaar import huidig_schooljaar, schooljaar_periode
from swv.selectors import leerlingscope, scholen_voor, scope

from .models import (
    Kernpartner,
    Knooppunt,
    KnooppuntEvaluatie,
    Knooppuntoverleg,
    OverlegGeschiedenis,
    Status,
)

_ROLLEN = (Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL)


@scope(Knooppunt)
def knooppunten_voor(user) -> QuerySet[Knooppunt]:
    if not user.is_authenticated or not user.is_active:
        return Knooppunt.objects.none()
    if user.is_superuser:
        return Knooppunt.objects.all()
    if user.rol not in _ROLLEN:
        return Knooppunt.objects.none()
    return Knooppunt.objects.filter(school__in=scholen_voor(user))


@scope(Knooppuntoverleg)
def overleggen_voor(user) -> QuerySet[Knooppuntoverleg]:
    if user.is_authenticated and not user.is_superuser and user.rol == Rol.BESTUUR:
        return Knooppuntoverleg.objects.none()
    filter_ = leerlingscope(user)
    if filter_ is None:
        return Knooppuntoverleg.objects.none()
    return Knooppuntoverleg.objects.filter(filter_)


def knooppunt_lijst(user, schooljaar: int | None = None) -> QuerySet[Knooppunt]:
    """The knooppunten in scope with their partner count and whether the school year's
    evaluation is there (`evaluatie_jaar`: 0 or 1), in one query."""
    jaar = schooljaar if schooljaar is not None else huidig_schooljaar()
    return (
        knooppunten_voor(user)
        .select_related("school", "school__bestuur", "swv")
        .annotate(
            aantal_partners=Count("partners", distinct=True),
            evaluatie_jaar=Count(
                "evaluaties", filter=Q(evaluaties__schooljaar=jaar), distinct=True
            ),
        )
        .order_by("school__naam", "id")
    )


def knooppunt_van(user, pk: int) -> Knooppunt:
    """One knooppunt in scope; out of scope is 'does not exist' (404)."""
    return knooppunten_voor(user).select_related("school", "school__bestuur", "swv").get(pk=pk)


def knooppunt_van_school(user, school) -> Knooppunt | None:
    return knooppunten_voor(user).filter(school=school).first()


def partners_van(user, knooppunt) -> QuerySet[Kernpartner]:
    return Kernpartner.objects.voor(user).filter(knooppunt=knooppunt).order_by("rol", "naam", "id")


def partner_van(user, knooppunt, pk: int) -> Kernpartner:
    return partners_van(user, knooppunt).get(pk=pk)


def evaluaties_van(user, knooppunt) -> QuerySet[KnooppuntEvaluatie]:
    return (
        KnooppuntEvaluatie.objects.voor(user)
        .filter(knooppunt=knooppunt)
        .select_related("vastgelegd_door")
        .order_by("-schooljaar")
    )


def evaluatie_van(user, knooppunt, schooljaar: int) -> KnooppuntEvaluatie | None:
    return evaluaties_van(user, knooppunt).filter(schooljaar=schooljaar).first()


def overleggen_van_knooppunt(user, knooppunt) -> QuerySet[Knooppuntoverleg]:
    return (
        overleggen_voor(user)
        .filter(knooppunt=knooppunt)
        .select_related("leerling", "aanvraag")
        .order_by("-datum", "-id")
    )


def overleg_van(user, pk: int) -> Knooppuntoverleg:
    """One overleg in scope; out of scope is 'does not exist' (404)."""
    return (
        overleggen_voor(user)
        .select_related(
            "knooppunt",
            "knooppunt__school",
            "leerling",
            "school",
            "swv",
            "aanvraag",
            "trajectbegeleider",
            "aangemaakt_door",
        )  # fmt: skip
        .get(pk=pk)
    )


def historie_van(user, overleg) -> QuerySet[OverlegGeschiedenis]:
    return OverlegGeschiedenis.objects.voor(user).filter(overleg=overleg).select_related("door")


def overleggen_van_dossier(user, leerling) -> QuerySet[Knooppuntoverleg]:
    return (
        overleggen_voor(user)
        .filter(leerling=leerling)
        .select_related("knooppunt__school", "aanvraag")
        .order_by("datum", "id")
    )


def kengetallen(knooppunt, schooljaar: int) -> dict[str, int]:
    """The counts of a school year's evaluation, from the recorded overleggen of the
    knooppunt (all of them, whoever may see which: the evaluation is about the knooppunt,
    not about a pupil): held overleggen, pupils discussed, referrals to an MDO."""
    begin, eind = schooljaar_periode(schooljaar)
    gehouden = Knooppuntoverleg.objects.filter(
        knooppunt=knooppunt,
        datum__range=(begin, eind),
        status__in=[Status.GEHOUDEN, Status.NAAR_MDO],
    )
    uitkomst = gehouden.aggregate(
        aantal_overleggen=Count("id"),
        aantal_leerlingen=Count("leerling", distinct=True),
        aantal_doorverwijzingen=Count("id", filter=Q(status=Status.NAAR_MDO)),
    )
    return {k: v or 0 for k, v in uitkomst.items()}
