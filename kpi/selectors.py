"""Every KPI read a user can reach, scoped to that user (on top of swv.selectors).

Plans and their KPIs have one rule, the plan app's (`ondersteuningsplan.selectors.
plannen_voor`); KPIs and metingen inherit it by declaration (`Kpi.objects.voor`,
`Meting.objects.voor`). Thuiszitter cases have their own rule, `thuiszitters_voor`.
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from ondersteuningsplan.models import Kpi, Ondersteuningsplan, Speerpunt, Streefwaarde
from ondersteuningsplan.selectors import plannen_voor
from swv.models import Samenwerkingsverband, School, Schoolbestuur
from swv.schooljaar import schooljaar_van
from swv.selectors import (
    besturen_voor,
    leerlingscope,
    samenwerkingsverbanden_voor,
    scholen_voor,
    scope,
    trajectbegeleiders_voor,
)

from .models import Meting, Thuiszitter


def kpis_voor(user) -> QuerySet[Kpi]:
    """KPIs of the plans the user may see (the plan's rule, inherited by `Kpi.objects.voor`):
    a school or bestuur does not see the KPIs of a draft it may not open; staff see all."""
    return Kpi.objects.voor(user).select_related("speerpunt", "speerpunt__plan")


def peiljaar() -> int:
    """The school year that ended most recently (1 Aug - 31 Jul): the year whose metingen
    are due."""
    return schooljaar_van(timezone.localdate()) - 1


def kpis_zonder_meting(user, jaar: int | None = None) -> QuerySet[Kpi]:
    """Hand-measured KPIs of the plans the user may see that run in `jaar` (default: the
    peiljaar) and have no meting over that year the user may see (any period or scope).
    The one count behind the home page's attention point and the dashboard's "Nog geen
    meting" (computed KPIs are not entered, so they are not missing)."""
    jaar = peiljaar() if jaar is None else jaar
    return (
        Kpi.objects.voor(user)
        .filter(
            berekening="",
            speerpunt__plan__startjaar__lte=jaar,
            speerpunt__plan__eindjaar__gte=jaar,
        )
        .exclude(Exists(Meting.objects.voor(user).filter(kpi=OuterRef("pk"), schooljaar=jaar)))
    )


def plannen_met_kpis(user, plan_ids=None, swv=None) -> QuerySet[Ondersteuningsplan]:
    """The plans the user may see (`plannen_voor`) with speerpunten, KPIs, streefwaarden
    and the metingen the user may see prefetched: a fixed number of queries, whatever the
    number of KPIs."""
    metingen = (
        Meting.objects.voor(user)
        .select_related("swv", "bestuur")
        .order_by("schooljaar", "kwartaal")
    )
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


@scope(Thuiszitter)
def thuiszitters_voor(user) -> QuerySet[Thuiszitter]:
    """Thuiszitter cases the user may see: the one rule for pupil records
    (`swv.selectors.leerlingscope`), as for TLV cases. OPR and deskundigen none."""
    regel = leerlingscope(user)
    if regel is None:
        return Thuiszitter.objects.none()
    return Thuiszitter.objects.select_related("school", "school__bestuur", "swv").filter(regel)


def scholen_voor_register(user) -> QuerySet[School]:
    """Schools a user may record a thuiszitter for: in scope, inside an SWV (cluster 1/2
    schools are national, not the SWV's)."""
    return scholen_voor(user).binnen_swv().filter(swv__isnull=False).order_by("naam")


trajectbegeleider_keuzes = trajectbegeleiders_voor


def swv_keuzes(user) -> QuerySet[Samenwerkingsverband]:
    return samenwerkingsverbanden_voor(user).order_by("code")


def bestuur_keuzes(user) -> QuerySet[Schoolbestuur]:
    return besturen_voor(user).order_by("naam")
