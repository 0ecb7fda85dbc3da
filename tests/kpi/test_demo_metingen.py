"""The KPI demo's metingen are believable: close to each year's target, some on track and
some not, and for a handful of KPIs also per SWV and for the bestuur INNOVO, which its
bestuur account sees beside the total on the dashboard. Numbers checked by hand from the
plan demo's targets (KPI 9: ≤ 4, ≤ 3,8, ≤ 3,6 for 2022-2024)."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from kpi import demo
from kpi.demo import PLAN_TITEL
from kpi.models import Kpi, KpiType, Meting
from ondersteuningsplan.models import Ondersteuningsplan
from swv.models import Samenwerkingsverband, Schoolbestuur

D = Decimal
KPI9 = "Aantal en percentage leerlingen voor wie extra ondersteuning wordt toegekend"


@pytest.fixture
def plan():
    plan = Ondersteuningsplan.objects.filter(titel=PLAN_TITEL).first()
    if plan is None:
        pytest.skip("plan demo not loaded")
    return plan


@pytest.fixture
def kpi9(plan):
    return Kpi.objects.get(speerpunt__plan=plan, naam=KPI9)


@pytest.fixture
def innovo():
    return Schoolbestuur.objects.get(nummer="41506")


def _waarden(kpi, **scope):
    return dict(
        Meting.objects.filter(kpi=kpi, kwartaal=0, **scope).values_list("schooljaar", "waarde")
    )


def test_kpi9_dicht_bij_de_streefwaarde_niet_nul(kpi9):
    # Targets ≤ 4, ≤ 3,8, ≤ 3,6 (lower is better); 2023 misses it.
    assert _waarden(kpi9, swv=None, bestuur=None) == {
        2022: D("3.8"),
        2023: D("4.0"),
        2024: D("3.4"),
    }


def test_kpi9_per_swv_en_voor_innovo(kpi9, innovo):
    per_swv = {code: _waarden(kpi9, swv__code=code) for code in ("PO3104", "PO3105", "PO3106")}
    # 0,2 points apart; per year the three SWVs average out to the plan total.
    assert per_swv == {
        "PO3104": {2022: D("3.6"), 2023: D("4.0"), 2024: D("3.6")},
        "PO3105": {2022: D("4.0"), 2023: D("3.8"), 2024: D("3.4")},
        "PO3106": {2022: D("3.8"), 2023: D("4.2"), 2024: D("3.2")},
    }
    # INNOVO: on track in 2022 and 2023, not in 2024 (3,8 > 3,6).
    assert _waarden(kpi9, bestuur=innovo) == {2022: D("4.0"), 2023: D("3.8"), 2024: D("3.8")}


def test_alle_demo_percentages_in_een_geloofwaardige_band(plan):
    """Every demo percentage lies within 15% of its target (at least 1 point) and is never
    a clamped 0 or 100 where the target is not."""
    metingen = Meting.objects.filter(
        kpi__speerpunt__plan=plan, kpi__type=KpiType.PERCENTAGE, toelichting__startswith="Demo"
    ).select_related("kpi")
    gecontroleerd = 0
    for m in metingen:
        streef = m.kpi.streefwaarden.filter(schooljaar=m.schooljaar).first()
        if streef is None:
            continue
        doel = streef.waarde
        assert abs(m.waarde - doel) <= max(D(1), doel * D("0.15")), (m.kpi.naam, m.periode)
        if doel not in (0, 100):
            assert 0 < m.waarde < 100, (m.kpi.naam, m.periode)
        gecontroleerd += 1
    # 6 percentage KPIs x 3 years on the plan; 3 of them also x (3 SWVs + INNOVO).
    assert gecontroleerd == 6 * 3 + 3 * 3 * 4


def test_vijf_kpis_per_swv_en_bestuur_op_en_niet_op_koers(plan, innovo):
    swvs = set(plan.samenwerkingsverbanden.values_list("code", flat=True))
    assert swvs == {"PO3104", "PO3105", "PO3106"}
    per_swv = Meting.objects.filter(kpi__speerpunt__plan=plan, swv__isnull=False)
    per_bestuur = Meting.objects.filter(kpi__speerpunt__plan=plan, bestuur__isnull=False)
    # 5 KPIs x 3 years x 3 SWVs, and 5 x 3 for INNOVO (no other bestuur).
    assert per_swv.count() == 45
    assert per_bestuur.count() == 15 and {m.bestuur_id for m in per_bestuur} == {innovo.pk}
    assert per_bestuur.values("kpi").distinct().count() == 5
    gehaald = set()
    for m in per_bestuur.select_related("kpi"):
        streef = m.kpi.streefwaarden.get(schooljaar=m.schooljaar)
        gehaald.add(streef.gehaald(m.waarde))
    assert gehaald == {True, False}


def _kpi9_rijen(r):
    assert r.status_code == 200
    rijen = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    return [r for r in rijen if r["plan"] == PLAN_TITEL and r["kpi"] == KPI9]


def test_bestuur_ziet_eigen_cijfers_naast_het_totaal(als, kpi9):
    c = als("bestuur-innovo")
    rijen = _kpi9_rijen(c.get(reverse("kpi:index"), {"format": "csv"}))
    assert [(r["schooljaar"], r["waarde"], r["bestuur"], r["bestuur_waarde"]) for r in rijen] == [
        ("2022-2023", "3.80", "INNOVO", "4.00"),
        ("2023-2024", "4.00", "INNOVO", "3.80"),
        ("2024-2025", "3.40", "INNOVO", "3.80"),
        ("2025-2026", "", "INNOVO", ""),
    ]
    # And on the KPI's own page, in the Verloop table.
    html = c.get(reverse("kpi:kpi-detail", args=[kpi9.pk])).content.decode()
    assert "met ernaast de cijfers van INNOVO" in html
    assert html.count("3,8%") >= 3  # total 2022, INNOVO 2023 and 2024


def test_swv_filter_toont_de_eigen_meting_van_het_swv(als):
    swv = Samenwerkingsverband.objects.get(code="PO3105")
    rijen = _kpi9_rijen(
        als("medewerker").get(reverse("kpi:index"), {"swv": swv.pk, "format": "csv"})
    )
    assert [(r["schooljaar"], r["waarde"], r["status"]) for r in rijen[:3]] == [
        ("2022-2023", "4.00", "Op koers"),
        ("2023-2024", "3.80", "Op koers"),
        ("2024-2025", "3.40", "Op koers"),
    ]


def test_demo_opnieuw_laden_verandert_niets(plan):
    def metingen():
        return list(
            Meting.objects.filter(kpi__speerpunt__plan=plan)
            .order_by("kpi_id", "schooljaar", "kwartaal", "swv_id", "bestuur_id")
            .values_list("kpi_id", "schooljaar", "kwartaal", "swv_id", "bestuur_id", "waarde")
        )

    demo.laad()
    voor = metingen()
    demo.laad()
    # 16 hand-entered KPIs x 3 years for the plan, and 5 x 3 x (3 SWVs + INNOVO).
    assert metingen() == voor and len(voor) == 16 * 3 + 60
