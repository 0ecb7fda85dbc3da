"""Read-only data from the other apps: the plan (context) and the kengetallen shown
beside the text boxes: the TLV's, the ondersteuningsroute's (arrangementen, plaatsingen:
kpi.routekengetallen) and the thuiszitters."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from kpi.berekeningen import peildata_van, thuiszitters_op
from kpi.models import Thuiszitter
from kpi.routekengetallen import arrangementen_per_besturen
from ondersteuningsplan.models import STATUS_VASTGESTELD, Ondersteuningsplan, PlanStatus
from toelaatbaarheid.kengetallen import bestuur_kengetallen

KENGETAL_LABELS = {
    "aanvragen": "TLV-aanvragen",
    "toegekend_sbo": "toelaatbaar verklaard SBO",
    "toegekend_so": "toelaatbaar verklaard SO",
    "afgewezen": "afgewezen",
    "terugplaatsingen": "terugplaatsingen",
    "bezwaren": "bezwaren",
    "ondersteuningsvragen": "ondersteuningsvragen aan het SWV",
    "arrangementen": "individuele arrangementen (gestart)",
    "verlengingen": "waarvan verlengingen",
    "arrangementen_kosten": "kosten arrangementen (€, afgerond)",
    "arrangementen_uren": "uren arrangementen (afgerond)",
    "plaatsingen": "plaatsingen in een voorziening",
}
KENGETALLEN_PER_VRAAG = {
    "verwijzingen": ["aanvragen", "toegekend_sbo", "toegekend_so", "afgewezen"],
    "terugplaatsingen": ["terugplaatsingen"],
    "arrangementen": [
        "ondersteuningsvragen",
        "arrangementen",
        "verlengingen",
        "arrangementen_kosten",
        "arrangementen_uren",
        "plaatsingen",
    ],
}


def kengetallen(*, schooljaar: int, bestuur_ids: list[int]) -> dict[int, dict]:
    """The TLV and ondersteuningsroute kengetallen per bestuur for the school year, every
    bestuur in `bestuur_ids` included (zeros without records), as plain numbers (they are
    kept with a submitted report, `Verslag.kengetallen_bij_indienen`). One call for all
    besturen (no query per bestuur)."""
    ids = list(bestuur_ids)
    tlv = bestuur_kengetallen(schooljaar=schooljaar, bestuur_ids=ids)
    route = arrangementen_per_besturen(schooljaar=schooljaar, bestuur_ids=ids)
    for bid in ids:
        r = route[bid]
        tlv[bid] = {
            **tlv[bid],
            "ondersteuningsvragen": r["vragen"],
            "arrangementen": r["arrangementen"],
            "verlengingen": r["verlengingen"],
            "arrangementen_kosten": int(r["kosten"].quantize(Decimal(1), ROUND_HALF_UP)),
            "arrangementen_uren": int(Decimal(r["uren"]).quantize(Decimal(1), ROUND_HALF_UP)),
            "plaatsingen": r["plaatsingen"],
        }
    return tlv


def thuiszitters(*, schooljaar: int, bestuur_ids: list[int]) -> dict[int, tuple] | None:
    """Thuiszitters (more than 4 weeks, the KPI app's counting rule) per bestuur at the last
    passed peildatum of the school year: {bestuur_id: (peildatum, aantal)}. None before the
    first peildatum of the year."""
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


def verwijzingen(getallen: dict) -> int:
    """Toegekende TLV's for SBO and SO together."""
    return getallen["toegekend_sbo"] + getallen["toegekend_so"]


@dataclass
class PlanContext:
    titel: str = ""
    periode: str = ""
    motto: str = ""
    missie: str = ""
    doelstellingen: list[tuple[str, str]] = field(default_factory=list)
    url: str = ""


def plan_context(ronde) -> PlanContext | None:
    """The ondersteuningsplan of the round's SWVs: the adopted one covering the round's
    school year, else the latest adopted one, else (no adopted plan) the one covering the
    year, else the latest. Read-only."""
    plannen = Ondersteuningsplan.objects.filter(
        samenwerkingsverbanden__in=ronde.samenwerkingsverbanden.all()
    ).distinct()
    dekkend = Q(startjaar__lte=ronde.schooljaar, eindjaar__gte=ronde.schooljaar)
    # An adopted plan speaks for the besturen; a draft does not (yet), and a replaced one
    # no longer does (its newer version does).
    geldend = plannen.filter(status__in=STATUS_VASTGESTELD).exclude(status=PlanStatus.VERVANGEN)
    plan = None
    for qs in (geldend.filter(dekkend), geldend, plannen.filter(dekkend), plannen):
        plan = qs.order_by("-startjaar", "-id").first()
        if plan is not None:
            break
    if plan is None:
        return None
    return PlanContext(
        titel=plan.titel,
        periode=plan.periode,
        motto=plan.motto,
        missie=plan.missie,
        doelstellingen=[(s.code, s.titel) for s in plan.speerpunten.all()],
        url=plan.get_absolute_url(),
    )
