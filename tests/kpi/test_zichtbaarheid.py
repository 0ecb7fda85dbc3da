"""The KPI pages follow the plan's one rule (ondersteuningsplan.selectors.plannen_voor): a
school, bestuur or trajectbegeleider does not see the KPIs of a draft it may not open; the
OPR sees them once the draft is put before it; staff see every plan's."""

import csv
import io

import pytest
from django.urls import reverse

from ondersteuningsplan.models import Ondersteuningsplan, PlanStatus
from tests.factories.kpi import KpiFactory, PlanFactory, SpeerpuntFactory

STAF = ["medewerker", "directeur"]
ANDEREN = ["trajectbegeleider", "bestuur-innovo", "ib-innovo"]


@pytest.fixture
def concept(zl_swvs):
    plan = PlanFactory(titel="Conceptplan met KPI", startjaar=2022, eindjaar=2025, swvs=zl_swvs)
    plan.kpi = KpiFactory(speerpunt=SpeerpuntFactory(plan=plan, code="A"), naam="Concept-KPI")
    return plan


def _ziet(client, plan) -> bool:
    """Whether the plan's KPI is on the user's KPI page, dashboard and export alike."""
    pagina = client.get(reverse("kpi:kpi-detail", args=[plan.kpi.pk])).status_code
    op_dashboard, nummer = set(), 1
    while True:
        db = client.get(reverse("kpi:index"), {"page": nummer}).context["db"]
        op_dashboard |= {pb.plan.pk for pb in db.plannen}
        if not db.pagina.has_next():
            break
        nummer += 1
    export = client.get(reverse("kpi:index"), {"format": "csv"}).content.decode("utf-8-sig")
    in_export = {r["plan"] for r in csv.DictReader(io.StringIO(export), delimiter=";")}
    assert pagina in (200, 404)
    # One rule for the page and the lists: never visible in one and hidden in another.
    assert (pagina == 200) == (plan.pk in op_dashboard) == (plan.titel in in_export)
    return pagina == 200


def _zet(plan, status):
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=status)


@pytest.mark.parametrize("wie", STAF + ANDEREN + ["opr"])
def test_kpis_van_een_concept_alleen_voor_wie_het_plan_mag_openen(als, concept, wie):
    c = als(wie)
    assert _ziet(c, concept) == (wie in STAF)
    _zet(concept, PlanStatus.TER_INSTEMMING)
    assert _ziet(c, concept) == (wie in STAF or wie == "opr")
    _zet(concept, PlanStatus.VASTGESTELD)
    assert _ziet(c, concept)
