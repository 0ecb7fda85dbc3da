"""Every KPI read a user can reach, scoped to that user (on top of swv.selectors)."""

from django.db.models import Prefetch, QuerySet

from ondersteuningsplan.models import Kpi, Ondersteuningsplan, Speerpunt, Streefwaarde
from swv.models import Samenwerkingsverband, School, Schoolbestuur
from swv.roles import Rol
from swv.selectors import (
    besturen_voor,
    leerlingscope,
    samenwerkingsverbanden_voor,
    scholen_voor,
    swv_ids_voor,
)

from .models import Meting, Thuiszitter


def plannen_voor(user) -> QuerySet[Ondersteuningsplan]:
    """Plans of the user's samenwerkingsverbanden."""
    return Ondersteuningsplan.objects.filter(
        samenwerkingsverbanden__in=swv_ids_voor(user)
    ).distinct()


def kpis_voor(user) -> QuerySet[Kpi]:
    return Kpi.objects.filter(speerpunt__plan__in=plannen_voor(user)).select_related(
        "speerpunt", "speerpunt__plan"
    )


def plannen_met_kpis(user, plan_ids=None, swv=None) -> QuerySet[Ondersteuningsplan]:
    """The user's plans with speerpunten, KPIs, streefwaarden and metingen prefetched:
    a fixed number of queries, whatever the number of KPIs."""
    metingen = Meting.objects.select_related("swv", "bestuur").order_by("schooljaar", "kwartaal")
    kpis = Kpi.objects.order_by("volgorde", "id").prefetch_related(
        Prefetch("streefwaarden", queryset=Streefwaarde.objects.order_by("schooljaar")),
        Prefetch("metingen", queryset=metingen),
    )
    speerpunten = Speerpunt.objects.order_by("volgorde", "code").prefetch_related(
        Prefetch("kpis", queryset=kpis)
    )
    qs = plannen_voor(user)
    if plan_ids is not None:
        qs = qs.filter(id__in=plan_ids)
    if swv is not None:
        qs = qs.filter(samenwerkingsverbanden=swv)
    return qs.order_by("-startjaar", "titel", "id").prefetch_related(
        Prefetch("speerpunten", queryset=speerpunten), "samenwerkingsverbanden"
    )


def thuiszitters_voor(user) -> QuerySet[Thuiszitter]:
    """Thuiszitter cases the user may see: the one rule for pupil records
    (`swv.selectors.leerlingscope`), as for TLV cases. OPR and deskundigen none."""
    scope = leerlingscope(user)
    if scope is None:
        return Thuiszitter.objects.none()
    return Thuiszitter.objects.select_related("school", "school__bestuur", "swv").filter(scope)


def scholen_voor_register(user) -> QuerySet[School]:
    """Schools a user may record a thuiszitter for: in scope, inside an SWV (cluster 1/2
    schools are national, not the SWV's)."""
    return scholen_voor(user).binnen_swv().filter(swv__isnull=False).order_by("naam")


def trajectbegeleider_keuzes(user) -> QuerySet:
    """Active trajectbegeleiders of the user's SWVs, for assigning a thuiszitter case."""
    from swv.models import Gebruiker

    return (
        Gebruiker.objects.filter(
            rol=Rol.TRAJECTBEGELEIDER,
            is_active=True,
            samenwerkingsverbanden__in=swv_ids_voor(user),
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def swv_keuzes(user) -> QuerySet[Samenwerkingsverband]:
    return samenwerkingsverbanden_voor(user).order_by("code")


def bestuur_keuzes(user) -> QuerySet[Schoolbestuur]:
    return besturen_voor(user).order_by("naam")
