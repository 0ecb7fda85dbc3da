from decimal import Decimal

import pytest

from ondersteuningsplan.models import PlanStatus
from swv.models import Samenwerkingsverband
from tests.factories.kpi import KpiFactory, PlanFactory, SpeerpuntFactory, StreefwaardeFactory


@pytest.fixture
def zl_swvs():
    return list(Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105", "PO3106"]))


@pytest.fixture
def plan(zl_swvs):
    """An adopted plan of the demo users' SWVs with two speerpunten and four KPIs (own
    data, not the plan demo). Adopted, as a plan under measurement is: a draft's KPIs only
    staff see (ondersteuningsplan.selectors.plannen_voor; tests/kpi/test_zichtbaarheid.py)."""
    plan = PlanFactory(
        titel="KPI-testplan",
        startjaar=2022,
        eindjaar=2025,
        swvs=zl_swvs,
        status=PlanStatus.VASTGESTELD,
    )
    a = SpeerpuntFactory(plan=plan, code="A", titel="Betrokken ouders", volgorde=1)
    c = SpeerpuntFactory(plan=plan, code="C", titel="Dekkend netwerk", volgorde=2)
    klachten = KpiFactory(
        speerpunt=a, naam="Aantal klachten van ouders", type="aantal", richting="lager", volgorde=1
    )
    tevreden = KpiFactory(
        speerpunt=a,
        naam="Tevredenheid ouders",
        type="score",
        richting="hoger",
        schaal_min=Decimal(1),
        schaal_max=Decimal(10),
        volgorde=2,
    )
    afgestemd = KpiFactory(
        speerpunt=c,
        naam="Mate van afstemming jeugdplan",
        type="percentage",
        richting="hoger",
        volgorde=1,
    )
    thuis = KpiFactory(
        speerpunt=c,
        naam="Aantal thuiszittende leerlingen",
        type="aantal",
        richting="lager",
        berekening="thuiszitters",
        volgorde=2,
    )
    for jaar, w in zip([2022, 2023, 2024, 2025], ["10", "5", "3", "0"], strict=True):
        StreefwaardeFactory(kpi=klachten, schooljaar=jaar, comparator="<", waarde=Decimal(w))
    for jaar, w in zip([2022, 2023, 2024, 2025], ["25", "50", "75", "100"], strict=True):
        StreefwaardeFactory(kpi=afgestemd, schooljaar=jaar, comparator=">=", waarde=Decimal(w))
    for jaar, w in zip([2022, 2023, 2024, 2025], ["20", "10", "5", "0"], strict=True):
        StreefwaardeFactory(kpi=thuis, schooljaar=jaar, comparator="<", waarde=Decimal(w))
    StreefwaardeFactory(kpi=tevreden, schooljaar=2024, comparator=">=", waarde=Decimal("7.5"))
    plan.kpi = {"klachten": klachten, "tevreden": tevreden, "afgestemd": afgestemd, "thuis": thuis}
    return plan


@pytest.fixture(autouse=True)
def _lege_cache():
    """Computed KPI figures are cached per data version (kpi.gegevensversie); every test's
    database changes are rolled back, so no test may see another's cached figures."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
