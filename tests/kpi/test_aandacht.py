from datetime import date

import time_machine

from kpi.aandacht import aandachtspunten
from swv.demo import innovo_school
from tests.factories.kpi import MetingFactory, ThuiszitterFactory


def _open(user) -> int:
    punt = next((p for p in aandachtspunten(user) if "zonder meting" in p.titel), None)
    return int(punt.titel.split()[0]) if punt else 0


@time_machine.travel(date(2026, 11, 23), tick=False)
def test_kpis_zonder_meting_over_afgelopen_schooljaar(plan, gebruiker):
    mw = gebruiker("medewerker")
    voor = _open(mw)
    assert voor >= 3  # at least the three hand-entered KPIs of the test plan
    assert any("over 2025-2026" in p.titel for p in aandachtspunten(mw))
    MetingFactory(kpi=plan.kpi["klachten"], schooljaar=2025)
    MetingFactory(kpi=plan.kpi["tevreden"], schooljaar=2024)  # another year: still open
    assert _open(mw) == voor - 1
    assert _open(gebruiker("bestuur-innovo")) == 0


@time_machine.travel(date(2026, 11, 23), tick=False)
def test_lange_thuiszitters_per_scope(gebruiker):
    ThuiszitterFactory(school=innovo_school(), startdatum=date(2026, 1, 5))
    ib = [p.titel for p in aandachtspunten(gebruiker("ib-innovo"))]
    assert any("langer dan 3 maanden" in t for t in ib)
    assert aandachtspunten(gebruiker("opr")) == []
