"""The KPI demo's metingen are believable: close to each year's target, some on track and
some not, and for a handful of KPIs also per SWV and for the bestuur INNOVO, which its
bestuur account sees beside the total on the dashboard. Numbers checked by hand from the
plan demo's targets (KPI 9: ≤ 4, ≤ 3,8, ≤ 3,6, ≤ 3,5 for the plan's four school years).

The demo measures the current plan's school years that are over (three, or from May two);
the values belong to a year's place in the plan, so they are the same on any day."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kpi import demo
from kpi.demo import PLAN_TITEL, metingjaren
from kpi.models import Meting
from ondersteuningsplan.models import Kpi, KpiType, Ondersteuningsplan
from swv.models import Samenwerkingsverband, Schoolbestuur
from swv.schooljaar import schooljaar_label as _label

D = Decimal
KPI9 = "Aantal en percentage leerlingen voor wie extra ondersteuning wordt toegekend"


@pytest.fixture
def plan():
    plan = Ondersteuningsplan.objects.filter(titel=PLAN_TITEL).first()
    if plan is None:
        pytest.skip("plan demo not loaded")
    return plan


@pytest.fixture
def jaren(plan):
    """The measured school years: the plan's years that are over, from its first one."""
    jaren = metingjaren(plan, timezone.localdate())
    assert jaren == plan.schooljaren[: len(jaren)] and len(jaren) in (2, 3)
    return jaren


@pytest.fixture
def kpi9(plan):
    return Kpi.objects.get(speerpunt__plan=plan, naam=KPI9)


@pytest.fixture
def innovo():
    return Schoolbestuur.objects.get(nummer="41506")


# KPI 9's demo values in the plan's first, second and third school year.
KPI9_TOTAAL = (D("3.8"), D("4.0"), D("3.4"))
KPI9_PER_SWV = {
    "PO3104": (D("3.6"), D("4.0"), D("3.6")),
    "PO3105": (D("4.0"), D("3.8"), D("3.4")),
    "PO3106": (D("3.8"), D("4.2"), D("3.2")),
}
KPI9_INNOVO = (D("4.0"), D("3.8"), D("3.8"))


def _waarden(kpi, **scope):
    """The metingen by the year's place in the plan (0: its first school year)."""
    start = kpi.speerpunt.plan.startjaar
    return {
        jaar - start: waarde
        for jaar, waarde in Meting.objects.filter(kpi=kpi, kwartaal=0, **scope).values_list(
            "schooljaar", "waarde"
        )
    }


def _verwacht(waarden, jaren):
    return dict(enumerate(waarden[: len(jaren)]))


def test_kpi9_dicht_bij_de_streefwaarde_niet_nul(kpi9, jaren):
    # Targets ≤ 4, ≤ 3,8, ≤ 3,6 (lower is better); the second year misses it.
    assert _waarden(kpi9, swv=None, bestuur=None) == _verwacht(KPI9_TOTAAL, jaren)


def test_kpi9_per_swv_en_voor_innovo(kpi9, innovo, jaren):
    per_swv = {code: _waarden(kpi9, swv__code=code) for code in KPI9_PER_SWV}
    # 0,2 points apart; per year the three SWVs average out to the plan total.
    assert per_swv == {code: _verwacht(w, jaren) for code, w in KPI9_PER_SWV.items()}
    # INNOVO: on track in the first two years, not in the third (3,8 > 3,6).
    assert _waarden(kpi9, bestuur=innovo) == _verwacht(KPI9_INNOVO, jaren)


def test_alle_demo_percentages_in_een_geloofwaardige_band(plan, jaren):
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
    # 6 percentage KPIs per measured year on the plan; 3 of them also x (3 SWVs + INNOVO).
    assert gecontroleerd == 6 * len(jaren) + 3 * len(jaren) * 4


def test_vijf_kpis_per_swv_en_bestuur_op_en_niet_op_koers(plan, innovo, jaren):
    swvs = set(plan.samenwerkingsverbanden.values_list("code", flat=True))
    assert swvs == {"PO3104", "PO3105", "PO3106"}
    per_swv = Meting.objects.filter(kpi__speerpunt__plan=plan, swv__isnull=False)
    per_bestuur = Meting.objects.filter(kpi__speerpunt__plan=plan, bestuur__isnull=False)
    # 5 KPIs x the measured years x 3 SWVs, and 5 x the years for INNOVO (no other bestuur).
    assert per_swv.count() == 5 * len(jaren) * 3
    assert per_bestuur.count() == 5 * len(jaren)
    assert {m.bestuur_id for m in per_bestuur} == {innovo.pk}
    assert per_bestuur.values("kpi").distinct().count() == 5
    gehaald = set()
    for m in per_bestuur.select_related("kpi"):
        streef = m.kpi.streefwaarden.get(schooljaar=m.schooljaar)
        gehaald.add(streef.gehaald(m.waarde))
    assert gehaald == {True, False}


def _kpi9_rijen(r):
    assert r.status_code == 200
    rijen = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    return [r for r in rijen if r["plan"] == PLAN_TITEL and r["kpi"] == KPI9]


def test_bestuur_ziet_eigen_cijfers_naast_het_totaal(als, plan, kpi9, jaren):
    c = als("bestuur-innovo")
    rijen = _kpi9_rijen(c.get(reverse("kpi:index"), {"format": "csv"}))
    verwacht = [
        (
            _label(jaar),
            f"{KPI9_TOTAAL[i]:.2f}".replace(".", ","),
            "INNOVO",
            f"{KPI9_INNOVO[i]:.2f}".replace(".", ","),
        )
        if jaar in jaren
        else (_label(jaar), "", "INNOVO", "")
        for i, jaar in enumerate(plan.schooljaren)
    ]
    assert [(r["schooljaar"], r["waarde"], r["bestuur"], r["bestuur_waarde"]) for r in rijen] == (
        verwacht
    )
    assert verwacht[-1][1] == ""  # the plan's last school year is not over
    # And on the KPI's own page, in the Verloop table.
    html = c.get(reverse("kpi:kpi-detail", args=[kpi9.pk])).content.decode()
    assert "met ernaast de cijfers van INNOVO" in html
    gemeten = [*KPI9_TOTAAL[: len(jaren)], *KPI9_INNOVO[: len(jaren)]]
    assert html.count("3,8%") >= gemeten.count(D("3.8"))  # total year 1, INNOVO years 2 and 3


def test_swv_filter_toont_de_eigen_meting_van_het_swv(als, jaren):
    swv = Samenwerkingsverband.objects.get(code="PO3105")
    rijen = _kpi9_rijen(
        als("medewerker").get(reverse("kpi:index"), {"swv": swv.pk, "format": "csv"})
    )
    # PO3105's own values, each on track (≤ 4, ≤ 3,8, ≤ 3,6).
    assert [(r["schooljaar"], r["waarde"], r["status"]) for r in rijen[: len(jaren)]] == [
        (_label(jaar), f"{waarde:.2f}".replace(".", ","), "Op koers")
        for jaar, waarde in zip(jaren, KPI9_PER_SWV["PO3105"], strict=False)
    ]


def test_demo_opnieuw_laden_verandert_niets(plan, jaren):
    def metingen():
        return list(
            Meting.objects.filter(kpi__speerpunt__plan=plan)
            .order_by("kpi_id", "schooljaar", "kwartaal", "swv_id", "bestuur_id")
            .values_list("kpi_id", "schooljaar", "kwartaal", "swv_id", "bestuur_id", "waarde")
        )

    demo.laad()
    voor = metingen()
    demo.laad()
    # 16 hand-entered KPIs per measured year for the plan, and 5 x the years x (3 SWVs +
    # INNOVO); no meting for a year that is not over.
    assert metingen() == voor and len(voor) == 16 * len(jaren) + 5 * len(jaren) * 4
    assert max(jaar for _, jaar, *_ in voor) < plan.schooljaren[-1]
