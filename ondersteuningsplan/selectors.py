"""Reads of plans, scoped to the user (built on swv.selectors.swv_ids_voor).

`plannen_voor` is the one rule for plans, for every app (the KPI pages too). The plan's
content (speerpunten, KPIs, streefwaarden, chapters, OPR comments, OOGO, the timeline)
inherits it by declaration: `Kpi.objects.voor(user)` (swv.selectors.KindQuerySet).
"""

from django.db.models import Prefetch, QuerySet

from swv.roles import SWV_STAF, Rol
from swv.selectors import scope, swv_ids_voor

from .models import (
    STATUS_VASTGESTELD,
    STATUS_VOOR_OPR,
    Hoofdstuk,
    Kpi,
    Ondersteuningsplan,
    OogoOverleg,
    OprOpmerking,
    PlanStatus,
    Speerpunt,
    Statusovergang,
    Streefwaarde,
)


@scope(Ondersteuningsplan)
def plannen_voor(user) -> QuerySet[Ondersteuningsplan]:
    """Plans of the user's SWVs: staff (medewerker, directeur) and superusers every one;
    OPR members the drafts sent to them (ter instemming) and everything after; every other
    role (trajectbegeleider, deskundige, bestuur, school) adopted plans only. A draft is
    the office's working document: who may not open it does not see its KPIs either.
    Anonymous: none. The public reads `gepubliceerde_plannen`."""
    if not user.is_authenticated:
        return Ondersteuningsplan.objects.none()
    binnen = Ondersteuningsplan.objects.filter(
        id__in=Ondersteuningsplan.samenwerkingsverbanden.through.objects.filter(
            samenwerkingsverband_id__in=swv_ids_voor(user)
        ).values("ondersteuningsplan_id")
    )
    if user.is_superuser or user.rol in SWV_STAF:
        return binnen
    if user.rol == Rol.OPR:
        return binnen.filter(status__in=STATUS_VOOR_OPR)
    return binnen.filter(status__in=STATUS_VASTGESTELD)


def gepubliceerde_plannen() -> QuerySet[Ondersteuningsplan]:
    return Ondersteuningsplan.objects.filter(status=PlanStatus.GEPUBLICEERD).prefetch_related(
        "samenwerkingsverbanden"
    )


def plan_lijst(user) -> QuerySet[Ondersteuningsplan]:
    return (
        plannen_voor(user)
        .prefetch_related("samenwerkingsverbanden")
        .order_by("-startjaar", "titel")
    )


def speerpunten_met_kpis(plan) -> list[Speerpunt]:
    """Speerpunten with KPIs, streefwaarden and acties: four queries whatever the size."""
    return list(
        plan.speerpunten.prefetch_related(
            Prefetch(
                "kpis",
                queryset=Kpi.objects.order_by("volgorde", "id").prefetch_related(
                    Prefetch("streefwaarden", queryset=Streefwaarde.objects.select_related("kpi"))
                ),
            ),
            "acties",
        ).order_by("volgorde", "code")
    )


def hoofdstukken_van(plan) -> list[Hoofdstuk]:
    return list(plan.hoofdstukken.order_by("volgorde", "id"))


def opmerkingen_van(plan) -> list[OprOpmerking]:
    return list(
        plan.opmerkingen.select_related("auteur", "beantwoord_door", "versie").order_by(
            "geplaatst_op", "id"
        )
    )


def oogo_van(plan) -> list[OogoOverleg]:
    return list(plan.oogo.select_related("gemeente", "vastgelegd_door"))


def overgangen_van(plan) -> list[Statusovergang]:
    return list(plan.overgangen.select_related("door").order_by("-tijdstip", "-id"))


def gemeenten_van(plan):
    from swv.models import Gemeente

    return (
        Gemeente.objects.filter(samenwerkingsverbanden__in=plan.samenwerkingsverbanden.all())
        .distinct()
        .order_by("naam")
    )
