"""The dashboard: latest value vs streefwaarde per KPI, status in words, SVG charts,
filters, bestuur beside the total, exports read back, PDF read back, query counts."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kpi.reports import dashboard
from swv.models import Schoolbestuur
from tests.factories.kpi import MetingFactory, ThuiszitterFactory
from tests.kpi.hulp import pagina_met

D = Decimal


@pytest.fixture
def gemeten(plan):
    k = plan.kpi
    MetingFactory(kpi=k["klachten"], schooljaar=2022, waarde=D(8))  # < 10: op koers
    MetingFactory(kpi=k["klachten"], schooljaar=2023, waarde=D(7))  # < 5: niet op koers
    MetingFactory(kpi=k["afgestemd"], schooljaar=2023, waarde=D(60))  # >= 50: op koers
    innovo = Schoolbestuur.objects.get(nummer="41506")
    MetingFactory(kpi=k["klachten"], schooljaar=2023, bestuur=innovo, waarde=D(2))
    return plan


def _regels(db, plan):
    (pb,) = [p for p in db.plannen if p.plan.pk == plan.pk]
    return {r.kpi.pk: r for sb in pb.speerpunten for r in sb.kpis}, pb


def test_status_per_kpi(gemeten, gebruiker):
    regels, pb = _regels(dashboard(gebruiker("medewerker")), gemeten)
    k = gemeten.kpi
    klachten = regels[k["klachten"].pk]
    assert klachten.laatste.label == "2023-2024" and klachten.laatste.waarde == "7"
    assert klachten.laatste.streefwaarde == "< 5"
    assert klachten.status == "niet_op_koers"
    assert [j.status for j in klachten.jaren] == [
        "op_koers",
        "niet_op_koers",
        "geen_meting",
        "geen_meting",
    ]
    assert regels[k["afgestemd"].pk].status == "op_koers"
    assert regels[k["afgestemd"].pk].laatste.waarde == "60%"
    assert regels[k["tevreden"].pk].status == "geen_meting"
    # Thuiszitters are computed from the register (none in this SWV before 2025 → 0 < 20).
    assert regels[k["thuis"].pk].laatste is not None
    assert pb.telling["niet_op_koers"] >= 1


def test_berekende_thuiszitters_kpi_uit_het_register(plan, gebruiker, zl_swvs):
    from swv.models import School

    school = School.objects.filter(swv=zl_swvs[0], soort="BAO").first()
    for i in range(12):
        ThuiszitterFactory(school=school, startdatum=date(2022, 9, 1 + i))
    regels, _ = _regels(dashboard(gebruiker("medewerker")), plan)
    thuis = regels[plan.kpi["thuis"].pk]
    # Schooljaar 2022 (30 June 2023): the demo register starts in 2024, so 12; target < 20.
    j22 = thuis.jaren[0]
    assert (j22.waarde, j22.status) == ("12", "op_koers")
    # 2023: still 12 running, target < 10.
    assert thuis.jaren[1].status == "niet_op_koers"


def test_swv_filter_en_bestuur_ernaast(gemeten, gebruiker, zl_swvs):
    innovo = Schoolbestuur.objects.get(nummer="41506")
    swv = zl_swvs[0]
    MetingFactory(kpi=gemeten.kpi["klachten"], schooljaar=2023, swv=swv, waarde=D(3))
    db = dashboard(gebruiker("medewerker"), swv=swv, bestuur=innovo)
    regels, _ = _regels(db, gemeten)
    klachten = regels[gemeten.kpi["klachten"].pk]
    # The SWV's own meting replaces the plan-wide one; 2022 falls back to the plan's.
    assert [j.waarde for j in klachten.jaren[:2]] == ["8", "3"]
    assert klachten.jaren[1].bestuur_waarde == "2"
    assert klachten.bestuur_laatste == "2"


def test_bestuur_ziet_eigen_cijfers_naast_totaal(als, gemeten):
    html = pagina_met(als("bestuur-innovo"), gemeten).content.decode()
    assert "met ernaast de cijfers van INNOVO" in html
    assert "KPI-testplan" in html


def test_pagina_toont_status_in_woorden_en_toegankelijke_grafiek(als, gemeten):
    c = als("medewerker")
    r = pagina_met(c, gemeten)
    html = r.content.decode()
    assert "Niet op koers" in html and "Op koers" in html and "Nog geen meting" in html
    inhoud = html.split("<main")[1].split("</main>")[0]
    assert "style=" not in inhoud and "<script" not in inhoud
    assert 'scope="col"' in html and 'scope="row"' in html
    # The chart and the explanation of a computed figure are on the KPI's own page.
    html = c.get(reverse("kpi:kpi-detail", args=[gemeten.kpi["thuis"].pk])).content.decode()
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    inhoud = html.split("<main")[1].split("</main>")[0]
    assert "style=" not in inhoud and "<script" not in inhoud
    assert "Thuiszitters uit het register" in html


def test_svg_is_geldig_zonder_style(gemeten, gebruiker):
    # The charts of the PDF report and the KPI pages.
    regels, _ = _regels(dashboard(gebruiker("medewerker"), grafieken=True), gemeten)
    for r in regels.values():
        boom = ET.fromstring(str(r.grafiek))
        assert boom.tag.endswith("svg")
        for el in boom.iter():
            assert "style" not in el.attrib
        titels = [el.text for el in boom.iter() if el.tag.endswith("title")]
        assert titels and r.kpi.naam in titels[0]


def test_opr_ziet_cijfers_maar_geen_doorklik_naar_rijen(als, gemeten):
    html = pagina_met(als("opr"), gemeten).content.decode()
    assert "KPI-testplan" in html
    assert reverse("kpi:thuiszitters") not in html
    html = pagina_met(als("medewerker"), gemeten).content.decode()
    assert reverse("kpi:thuiszitters") in html


@pytest.mark.parametrize("wie", ["orthopedagoog", "jeugdarts"])
def test_deskundige_geen_dashboard(als, wie):
    assert als(wie).get(reverse("kpi:index")).status_code == 403


def test_ongeldig_filter_geeft_geen_500(als, gemeten):
    r = als("bestuur-innovo").get(reverse("kpi:index"), {"swv": "999999", "bestuur": "abc"})
    assert r.status_code == 200


def test_bestuur_kan_geen_ander_bestuur_kiezen(als, gemeten):
    movare = Schoolbestuur.objects.get(nummer="41516")
    html = als("bestuur-innovo").get(reverse("kpi:index"), {"bestuur": movare.pk}).content.decode()
    assert "met ernaast de cijfers van Movare" not in html
    assert "met ernaast de cijfers van INNOVO" in html


def test_export_csv_en_xlsx_teruggelezen(als, gemeten):
    c = als("medewerker")
    r = c.get(reverse("kpi:index"), {"format": "csv"})
    rijen = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    mijn = [
        x for x in rijen if x["plan"] == "KPI-testplan" and x["kpi"] == "Aantal klachten van ouders"
    ]
    assert [(x["schooljaar"], x["streefwaarde"], x["waarde"], x["status"]) for x in mijn][:2] == [
        ("2022-2023", "< 10", "8,00", "Op koers"),
        ("2023-2024", "< 5", "7,00", "Niet op koers"),
    ]
    r = c.get(reverse("kpi:index"), {"format": "xlsx"})
    blad = load_workbook(io.BytesIO(r.content)).active
    waarden = list(blad.values)
    assert waarden[0][:4] == ("plan", "speerpunt", "kpi", "berekend")
    assert (
        "KPI-testplan",
        "A. Betrokken ouders",
        "Aantal klachten van ouders",
        "nee",
        "2023-2024",
        "< 5",
        7.0,
        "Niet op koers",
    ) in [w[:8] for w in waarden]


def test_pdf_rapport_kengetallen(als, gemeten):
    r = als("medewerker").get(reverse("kpi:rapport"))
    assert r["Content-Type"] == "application/pdf"
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "Kengetallen" in tekst
    assert "Aantal klachten van ouders" in tekst
    assert "Niet op koers" in tekst
    assert "< 5" in tekst


def test_dashboard_aantal_queries_begrensd(gemeten, gebruiker):
    mw = gebruiker("medewerker")
    with CaptureQueriesContext(connection) as een:
        dashboard(mw)
    # More KPIs with metingen must not mean more queries.
    from tests.factories.kpi import KpiFactory

    for i in range(10):
        kpi = KpiFactory(speerpunt=gemeten.kpi["klachten"].speerpunt, naam=f"Extra {i}")
        MetingFactory(kpi=kpi, schooljaar=2023)
    from django.core.cache import cache

    cache.clear()  # both counts without cached figures
    with CaptureQueriesContext(connection) as meer:
        dashboard(mw)
    assert len(meer) == len(een)
    assert len(een) <= 20


def test_kpi_detail_met_metingen_en_export(als, gemeten):
    c = als("medewerker")
    url = reverse("kpi:kpi-detail", args=[gemeten.kpi["klachten"].pk])
    html = c.get(url).content.decode()
    assert "Meting invoeren" in html and "2023-2024" in html
    r = c.get(url, {"tabel": "metingen", "format": "xlsx"})
    rijen = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rijen[0] == (
        "kpi",
        "schooljaar",
        "periode",
        "reikwijdte",
        "waarde",
        "bron",
        "toelichting",
    )
    assert {(x[1], x[3], x[4]) for x in rijen[1:]} == {
        (2022, "hele plan", 8.0),
        (2023, "hele plan", 7.0),
        (2023, "INNOVO", 2.0),
    }


def test_kpi_detail_bestuursmeting_van_ander_bestuur_verborgen(als, gemeten):
    html = (
        als("bestuur-movare")
        .get(reverse("kpi:kpi-detail", args=[gemeten.kpi["klachten"].pk]))
        .content.decode()
    )
    assert "INNOVO" not in html


def test_veel_plannen_per_pagina_en_export_met_alle_plannen(als, gemeten, zl_swvs):
    """A user of many SWVs pages through the plans (PLANNEN_PER_PAGINA at a time); the
    exports hold every plan."""
    from kpi.reports import PLANNEN_PER_PAGINA
    from tests.factories.kpi import KpiFactory, PlanFactory, SpeerpuntFactory

    for i in range(PLANNEN_PER_PAGINA + 1):
        extra = PlanFactory(titel=f"Extra plan {i}", startjaar=2022, eindjaar=2025, swvs=zl_swvs)
        KpiFactory(speerpunt=SpeerpuntFactory(plan=extra, code="A"), naam=f"KPI van plan {i}")
    c = als("medewerker")
    titels = set()
    pagina = 1
    while True:
        r = c.get(reverse("kpi:index"), {"page": pagina})
        assert r.status_code == 200
        op_pagina = [pb.plan.titel for pb in r.context["db"].plannen]
        assert 1 <= len(op_pagina) <= PLANNEN_PER_PAGINA
        assert not titels & set(op_pagina), "een plan staat op twee pagina's"
        titels |= set(op_pagina)
        if not r.context["db"].pagina.has_next():
            break
        assert 'rel="next"' in r.content.decode()
        pagina += 1
    assert pagina >= 2
    assert {"KPI-testplan", *(f"Extra plan {i}" for i in range(PLANNEN_PER_PAGINA + 1))} <= titels
    # A page number past the end shows the last page, not an error.
    assert c.get(reverse("kpi:index"), {"page": 999}).status_code == 200
    r = c.get(reverse("kpi:index"), {"format": "csv"})
    in_export = {
        x["plan"] for x in csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";")
    }
    # One row per KPI and year: every plan with KPIs, from every page.
    assert {"KPI-testplan", *(f"Extra plan {i}" for i in range(PLANNEN_PER_PAGINA + 1))} <= (
        in_export
    )
    assert in_export <= titels


@pytest.mark.parametrize("wie", ["bestuur-innovo", "ib-innovo"])
def test_bestuur_en_school_zien_dezelfde_berekende_totalen(als, plan, gebruiker, zl_swvs, wie):
    """The computed figures a bestuur or school sees are the SWV's, summed over the SWVs of
    the plan (hand count: 3 thuiszitters of INNOVO, 2 of another bestuur), with the
    bestuur's own figure beside them for a bestuur."""
    from swv.models import School

    innovo = Schoolbestuur.objects.get(nummer="41506")
    eigen = School.objects.filter(swv__in=zl_swvs, bestuur=innovo, soort="BAO").first()
    ander = School.objects.filter(swv__in=zl_swvs, soort="BAO").exclude(bestuur=innovo).first()
    for i in range(3):
        ThuiszitterFactory(school=eigen, startdatum=date(2022, 9, 1 + i))
    for i in range(2):
        ThuiszitterFactory(school=ander, startdatum=date(2022, 9, 1 + i))
    medewerker = _regels(dashboard(gebruiker("medewerker")), plan)[0][plan.kpi["thuis"].pk]
    r = pagina_met(als(wie), plan)
    regels, _ = _regels(r.context["db"], plan)
    thuis = regels[plan.kpi["thuis"].pk]
    # 2022-2023 (30 June 2023): the five above plus whatever the demo register holds then.
    assert thuis.jaren[0].waarde == medewerker.jaren[0].waarde
    assert int(thuis.jaren[0].waarde) >= 5
    if wie == "bestuur-innovo":
        assert int(thuis.jaren[0].bestuur_waarde) >= 3
        assert int(thuis.jaren[0].bestuur_waarde) <= int(thuis.jaren[0].waarde) - 2
    # Picking one of the plan's SWVs in the filter still shows the plan.
    r = pagina_met(als(wie), plan, swv=eigen.swv_id)
    assert plan.pk in {pb.plan.pk for pb in r.context["db"].plannen}


def test_doorklik_toont_precies_de_getelde_thuiszitters(als, plan, gebruiker, zl_swvs):
    """Each year's thuiszitters figure links to the register filtered the way it was
    counted: the list holds as many rows as the figure says, for the total and for the
    bestuur beside it."""
    from swv.models import School

    innovo = Schoolbestuur.objects.get(nummer="41506")
    eigen = School.objects.filter(swv__in=zl_swvs, bestuur=innovo, soort="BAO").first()
    ander = School.objects.filter(swv__in=zl_swvs, soort="BAO").exclude(bestuur=innovo).first()
    for i in range(3):
        ThuiszitterFactory(school=eigen, startdatum=date(2022, 9, 1 + i))
    ThuiszitterFactory(school=ander, startdatum=date(2022, 9, 5))
    # Not counted on 30 June 2023: started 2 weeks before, ended before, a vrijstelling.
    ThuiszitterFactory(school=eigen, startdatum=date(2023, 6, 16))
    ThuiszitterFactory(
        school=eigen, startdatum=date(2022, 9, 1), einddatum=date(2023, 1, 1), status="terug"
    )
    ThuiszitterFactory(
        school=eigen, startdatum=date(2022, 9, 1), type="vrijstelling", vrijstelling="5a"
    )
    c = als("medewerker")
    r = pagina_met(c, plan, bestuur=innovo.pk)
    regels, _ = _regels(r.context["db"], plan)
    j22 = regels[plan.kpi["thuis"].pk].jaren[0]
    assert "thuiszitter_op=2023-06-30" in j22.url
    for url, waarde in [(j22.url, j22.waarde), (j22.bestuur_url, j22.bestuur_waarde)]:
        lijst = c.get(url)
        assert lijst.status_code == 200
        assert lijst.context["paginator"].count == int(waarde)
    assert int(j22.bestuur_waarde) == 3
    assert j22.url in r.content.decode().replace("&amp;", "&")
    # A role that may not see register rows gets the number without a link.
    r = pagina_met(als("opr"), plan)
    regels, _ = _regels(r.context["db"], plan)
    assert regels[plan.kpi["thuis"].pk].jaren[0].url == ""


def test_metingen_per_swv_in_het_totaal_en_gemarkeerd(gemeten, gebruiker, zl_swvs):
    """Without an SWV chosen, a count measured in every SWV of the plan adds up to the
    total (marked as such); a percentage of parts does not. With an SWV chosen, the
    plan-wide figure that stands in for a missing own one says so."""
    k = gemeten.kpi
    for swv, w in zip(zl_swvs, [4, 5, 6], strict=True):
        MetingFactory(kpi=k["klachten"], schooljaar=2024, swv=swv, waarde=D(w))
        MetingFactory(kpi=k["afgestemd"], schooljaar=2024, swv=swv, waarde=D(70))
    # Only two of the three SWVs measured in 2025: no total.
    for swv in zl_swvs[:2]:
        MetingFactory(kpi=k["klachten"], schooljaar=2025, swv=swv, waarde=D(1))
    mw = gebruiker("medewerker")
    regels, _ = _regels(dashboard(mw), gemeten)
    klachten = regels[k["klachten"].pk]
    j24, j25 = klachten.jaren[2], klachten.jaren[3]
    assert (j24.waarde, j24.toelichting) == ("15", "som van de samenwerkingsverbanden")
    assert j24.status == "niet_op_koers"  # 15 against < 3
    assert j25.waarde == "–" and j25.status == "geen_meting"
    assert regels[k["afgestemd"].pk].jaren[2].waarde == "–"
    # One SWV chosen: its own 2024 figure; 2023 is the plan's, marked.
    regels, _ = _regels(dashboard(mw, swv=zl_swvs[0]), gemeten)
    klachten = regels[k["klachten"].pk]
    assert (klachten.jaren[2].waarde, klachten.jaren[2].toelichting) == ("4", "")
    assert (klachten.jaren[1].waarde, klachten.jaren[1].toelichting) == (
        "7",
        "cijfer van het hele plan",
    )
