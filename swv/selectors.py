"""Every read of organisation data a user can reach, scoped to that user.

This module is the one place that says which organisations a user acts for; the other
apps' selectors build on `swv_ids_voor`, `besturen_voor` and `scholen_voor`.
"""

from collections.abc import Callable
from contextlib import suppress
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Count, Max, Q, QuerySet, Sum

from .models import (
    Gebruiker,
    Gemeente,
    Leerlingtelling,
    Samenwerkingsverband,
    School,
    Schoolbestuur,
)
from .roles import SWV_ROLLEN, Rol


def _alles(user) -> bool:
    return user.is_active and user.is_superuser


def swv_ids_voor(user: Gebruiker) -> QuerySet:
    """Ids of the samenwerkingsverbanden the user acts in (a subquery, not evaluated)."""
    if not user.is_authenticated:
        return Samenwerkingsverband.objects.none().values("id")
    if _alles(user):
        return Samenwerkingsverband.objects.values("id")
    if user.rol in SWV_ROLLEN:
        return user.samenwerkingsverbanden.values("id")
    # The SWVs of the user's schools, as ids of Samenwerkingsverband rows: callers may
    # re-select the column (`.values_list("id")`) and still get SWV ids, never school ids.
    return (
        Samenwerkingsverband.objects.filter(scholen__in=scholen_voor(user).values("id"))
        .values("id")
        .distinct()
    )


def samenwerkingsverbanden_voor(user: Gebruiker) -> QuerySet[Samenwerkingsverband]:
    return Samenwerkingsverband.objects.filter(id__in=swv_ids_voor(user))


def scholen_voor(user: Gebruiker) -> QuerySet[School]:
    """Schools the user may see: SWV roles all schools of their SWVs, a bestuur its own
    schools, a school user only its own school."""
    if not user.is_authenticated:
        return School.objects.none()
    if _alles(user):
        return School.objects.all()
    if user.rol == Rol.BESTUUR:
        return School.objects.filter(bestuur_id=user.bestuur_id)
    if user.rol == Rol.SCHOOL:
        return School.objects.filter(id=user.school_id)
    if user.rol in SWV_ROLLEN:
        return School.objects.filter(swv_id__in=user.samenwerkingsverbanden.values("id"))
    return School.objects.none()


def besturen_voor(user: Gebruiker) -> QuerySet[Schoolbestuur]:
    if not user.is_authenticated:
        return Schoolbestuur.objects.none()
    if _alles(user):
        return Schoolbestuur.objects.all()
    if user.rol == Rol.BESTUUR:
        return Schoolbestuur.objects.filter(id=user.bestuur_id)
    return Schoolbestuur.objects.filter(id__in=scholen_voor(user).values("bestuur_id"))


def gemeenten_voor(user: Gebruiker) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(samenwerkingsverbanden__in=swv_ids_voor(user)).distinct()


def trajectbegeleiders_voor(user: Gebruiker) -> QuerySet[Gebruiker]:
    """Active trajectbegeleiders of the user's SWVs, to assign a pupil record to."""
    return (
        Gebruiker.objects.filter(
            rol=Rol.TRAJECTBEGELEIDER,
            is_active=True,
            samenwerkingsverbanden__in=swv_ids_voor(user),
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# Page-level reads (lists and details) --------------------------------------------------


def leerlingscope(
    user: Gebruiker,
    *,
    swv: str = "swv",
    school: str = "school",
    begeleider: str = "trajectbegeleider",
) -> Q | None:
    """The one rule for records about a pupil (TLV cases, thuiszitters, and what a
    pupil's dossier will hold), as a filter on the record's own fields: SWV staff the
    records of their SWVs; a trajectbegeleider their own records and the unassigned ones
    of their SWVs; a bestuur its schools' records; a school its own. None: nothing (OPR,
    and roles that see pupils only through assignments of their own, like deskundigen).
    A superuser gets an empty filter (everything)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    if user.rol in (Rol.MEDEWERKER, Rol.DIRECTEUR):
        return Q(**{f"{swv}_id__in": swv_ids_voor(user)})
    if user.rol == Rol.TRAJECTBEGELEIDER:
        return Q(**{begeleider: user}) | Q(
            **{f"{begeleider}__isnull": True, f"{swv}_id__in": swv_ids_voor(user)}
        )
    if user.rol == Rol.BESTUUR and user.bestuur_id:
        return Q(**{f"{school}__bestuur_id": user.bestuur_id})
    if user.rol == Rol.SCHOOL and user.school_id:
        return Q(**{f"{school}_id": user.school_id})
    return None


def swv_lijst(user) -> QuerySet[Samenwerkingsverband]:
    zichtbaar = scholen_voor(user)
    return (
        samenwerkingsverbanden_voor(user)
        .annotate(
            aantal_scholen=Count("scholen", filter=Q(scholen__in=zichtbaar), distinct=True),
            aantal_gemeenten=Count("gemeenten", distinct=True),
        )
        .order_by("code")
    )


def bestuur_lijst(user) -> QuerySet[Schoolbestuur]:
    return (
        besturen_voor(user)
        .annotate(
            aantal_scholen=Count("scholen", filter=Q(scholen__in=scholen_voor(user)), distinct=True)
        )
        .order_by("naam", "nummer")
    )


def school_lijst(user) -> QuerySet[School]:
    return (
        scholen_voor(user)
        .select_related("bestuur", "gemeente", "swv")
        .order_by("naam", "vestigingscode")
    )


def gemeente_lijst(user) -> QuerySet[Gemeente]:
    return (
        gemeenten_voor(user)
        .annotate(
            aantal_scholen=Count("scholen", filter=Q(scholen__in=scholen_voor(user)), distinct=True)
        )
        .order_by("naam")
    )


def tellingen_van(school: School) -> QuerySet[Leerlingtelling]:
    return school.tellingen.order_by("-teldatum")


def laatste_teldatum():
    return Leerlingtelling.objects.aggregate(m=Max("teldatum"))["m"]


def leerlingen_per_soort(scholen: QuerySet[School], teldatum) -> dict[str, dict]:
    """Pupils per school kind on one counting date, in one grouped query. Masked '<5'
    counts are not summed (their real value is unknown) but counted apart."""
    rijen = (
        Leerlingtelling.objects.filter(school__in=scholen, teldatum=teldatum)
        .values("school__soort")
        .annotate(
            leerlingen=Sum("aantal"),
            vestigingen=Count("school", distinct=True),
            gemaskeerd=Count("id", filter=Q(gemaskeerd=True)),
        )
        .order_by("school__soort")
    )
    return {rij["school__soort"]: rij for rij in rijen}


# Scope by declaration -------------------------------------------------------------------
#
# Each kind of object has ONE selector that says who sees it (`plannen_voor`,
# `aanvragen_voor`, ...), registered with `@scope(Model)`. A child object (a KPI of a plan,
# an advies of a case) does not re-type that rule: its queryset declares the path to its
# parent and inherits the parent's scope, as Open Zaak's ZaakRelatedQuerySet does.

_SCOPES: dict[type[models.Model], Callable] = {}


def scope(model: type[models.Model]):
    """Register the decorated `func(user) -> QuerySet[model]` as the one scope of `model`."""

    def registreer(func):
        _SCOPES[model] = func
        return func

    return registreer


def zichtbaar_voor(model: type[models.Model], user) -> QuerySet:
    """The objects of `model` the user may see: by the selector registered for it, or, for
    a child object, by its parent's. The app's selectors module is imported on first use
    (it registers itself)."""
    if model not in _SCOPES:
        with suppress(ModuleNotFoundError):
            import_module(f"{model._meta.app_config.name}.selectors")
    if model in _SCOPES:
        return _SCOPES[model](user)
    beheerder = model._default_manager
    if isinstance(beheerder.get_queryset(), KindQuerySet):
        return beheerder.voor(user)
    raise ImproperlyConfigured(f"Geen scope-selector voor {model.__name__}.")


class KindQuerySet(models.QuerySet):
    """The queryset of a child object: `voor(user)` is the parent's scope followed along
    the lookup path to the parent (e.g. "speerpunt__plan"; the parent may itself be a
    child). Declare it with `objects = KindQuerySet.van("speerpunt__plan")`; a subclass
    that narrows `voor` sets the path as its `ouder` attribute."""

    ouder: str = ""

    @classmethod
    def van(cls, ouder: str) -> models.Manager:
        return _KindManager(ouder)

    def pad(self) -> str:
        return self.ouder or self.model.scope_ouder

    def ouder_model(self) -> type[models.Model]:
        model = self.model
        for deel in self.pad().split("__"):
            model = model._meta.get_field(deel).related_model
        return model

    def voor(self, user) -> QuerySet:
        return self.filter(**{f"{self.pad()}__in": zichtbaar_voor(self.ouder_model(), user)})


class _KindManager(models.Manager.from_queryset(KindQuerySet)):
    """`KindQuerySet.van(path)`: keeps the path on the model (`scope_ouder`), so the
    queryset class stays one importable class (querysets pickle)."""

    def __init__(self, ouder: str = ""):
        super().__init__()
        self.ouder_pad = ouder

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        if self.ouder_pad:
            cls.scope_ouder = self.ouder_pad
