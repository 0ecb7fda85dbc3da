"""The KPI demo on top of the plan demo (skipped when the plan demo is not there)."""

import pytest

from kpi.demo import PLAN_TITEL
from kpi.models import Meting
from ondersteuningsplan.models import Kpi, Ondersteuningsplan
from tests.kpi.hulp import pagina_met


@pytest.fixture
def demo_plan():
    plan = Ondersteuningsplan.objects.filter(titel=PLAN_TITEL).first()
    if plan is None:
        pytest.skip("plan demo not loaded")
    return plan


def test_demo_metingen_op_en_niet_op_koers(demo_plan, als):
    kpis = Kpi.objects.filter(speerpunt__plan=demo_plan)
    assert kpis.filter(berekening="thuiszitters").exists()
    assert Meting.objects.filter(kpi__in=kpis).count() >= 20
    r = pagina_met(als("directeur"), demo_plan)
    html = r.content.decode()
    assert PLAN_TITEL in html
    assert "Niet op koers" in html and "Op koers" in html
