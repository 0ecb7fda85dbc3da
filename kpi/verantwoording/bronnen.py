"""Read-only data from the other apps, read defensively: the plan (context) and the TLV and
KPI kengetallen shown beside the text boxes. Those apps are developed alongside this one;
when a source is not there yet the form says "nog niet beschikbaar" instead of failing.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import Q

logger = logging.getLogger(__name__)

KENGETAL_LABELS = {
    "aanvragen": "TLV-aanvragen",
    "toegekend_sbo": "toelaatbaar verklaard SBO",
    "toegekend_so": "toelaatbaar verklaard SO",
    "afgewezen": "afgewezen",
    "terugplaatsingen": "terugplaatsingen",
    "bezwaren": "bezwaren",
}
KENGETALLEN_PER_VRAAG = {
    "verwijzingen": ["aanvragen", "toegekend_sbo", "toegekend_so", "afgewezen"],
    "terugplaatsingen": ["terugplaatsingen"],
}


def tlv_kengetallen(*, schooljaar: int, bestuur_ids: list[int]) -> dict[int, dict] | None:
    """The TLV kengetallen per bestuur for the school year, or None while the TLV app does
    not provide them yet. One call for all besturen (no query per bestuur)."""
    try:
        from toelaatbaarheid.kengetallen import bestuur_kengetallen
    except ImportError:
        return None
    try:
        return bestuur_kengetallen(schooljaar=schooljaar, bestuur_ids=list(bestuur_ids))
    except Exception:  # the source app is under construction: show "not available", log it
        logger.exception("TLV-kengetallen niet op te halen")
        return None


def thuiszitters(*, schooljaar: int, bestuur_ids: list[int]) -> dict[int, tuple] | None:
    """Thuiszitters (more than 4 weeks, the KPI app's counting rule) per bestuur at the last
    passed peildatum of the school year: {bestuur_id: (peildatum, aantal)}. None while the
    KPI app does not offer the counts, or before the first peildatum of the year."""
    try:
        from kpi.berekeningen import peildata_van, thuiszitters_op
        from kpi.models import Thuiszitter
    except ImportError:
        return None
    try:
        peildata = peildata_van(schooljaar)
        if not peildata:
            return None
        peil = peildata[-1]
        return {
            bid: (
                peil,
                thuiszitters_op([peil], Thuiszitter.objects.filter(school__bestuur_id=bid))[peil][
                    "totaal"
                ],
            )
            for bid in bestuur_ids
        }
    except Exception:
        logger.exception("Thuiszitters niet op te halen")
        return None


def verwijzingen(getallen: dict | None) -> int | None:
    if not getallen:
        return None
    return int(getallen.get("toegekend_sbo", 0) or 0) + int(getallen.get("toegekend_so", 0) or 0)


@dataclass
class PlanContext:
    titel: str = ""
    periode: str = ""
    motto: str = ""
    missie: str = ""
    doelstellingen: list[tuple[str, str]] = field(default_factory=list)
    url: str = ""


VASTGESTELDE_STATUSSEN = ["vastgesteld", "bij_inspectie", "gepubliceerd"]


def plan_context(ronde) -> PlanContext | None:
    """The ondersteuningsplan of the round's SWVs: the adopted one covering the round's
    school year, else the latest adopted one, else (no adopted plan) the one covering the
    year, else the latest. Read-only."""
    try:
        from ondersteuningsplan.models import Ondersteuningsplan
    except ImportError:  # pragma: no cover - the plan app is always installed
        return None
    plannen = Ondersteuningsplan.objects.filter(
        samenwerkingsverbanden__in=ronde.samenwerkingsverbanden.all()
    ).distinct()
    dekkend = Q(startjaar__lte=ronde.schooljaar, eindjaar__gte=ronde.schooljaar)
    volgorde = ("-startjaar", "-id")
    veldnamen = {f.name for f in Ondersteuningsplan._meta.get_fields()}
    # An adopted plan speaks for the besturen; a draft does not (yet).
    keuzes = []
    if "status" in veldnamen:
        vastgesteld = plannen.filter(status__in=VASTGESTELDE_STATUSSEN)
        keuzes += [vastgesteld.filter(dekkend), vastgesteld]
    keuzes += [plannen.filter(dekkend), plannen]
    plan = None
    for qs in keuzes:
        plan = qs.order_by(*volgorde).first()
        if plan is not None:
            break
    if plan is None:
        return None
    try:
        url = plan.get_absolute_url()
    except Exception:
        url = ""
    return PlanContext(
        titel=plan.titel,
        periode=getattr(plan, "periode", ""),
        motto=getattr(plan, "motto", ""),
        missie=getattr(plan, "missie", ""),
        doelstellingen=[(s.code, s.titel) for s in plan.speerpunten.all()],
        url=url,
    )
