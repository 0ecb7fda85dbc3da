"""KPI detail page: the Verloop table (values per school year against the streefwaarde)
exports to CSV and Excel with the dashboard export's columns, for hand-entered and
computed KPIs, with the bestuur column for a bestuur; the metingen table has its own
export (tabel=metingen). Files are read back; the numbers are checked by hand."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kpi.models import Thuiszitter
from swv.demo import innovo_school
from swv.models import School, Schoolbestuur
from tests.factories.kpi import MetingFactory, ThuiszitterFactory

D = Decimal
KOLOMMEN = [
    "plan",
    "speerpunt",
    "kpi",
    "berekend",
    "schooljaar",
    "streefwaarde",
    "waarde",
    "status",
    "bestuur",
    "bestuur_waarde",
]
KLACHTEN = ["KPI-testplan", "A. Betrokken ouders", "Aantal klachten van ouders", "nee"]
THUIS = ["KPI-testplan", "C. Dekkend netwerk", "Aantal thuiszittende leerlingen", "ja"]


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime(2026, 11, 23, 11, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def innovo():
    return Schoolbestuur.objects.get(nummer="41506")


@pytest.fixture
def gemeten(plan, innovo):
    k = plan.kpi
    MetingFactory(kpi=k["klachten"], schooljaar=2022, waarde=D(8))  # < 10: op koers
    MetingFactory(kpi=k["klachten"], schooljaar=2023, waarde=D(7))  # < 5: niet op koers
    MetingFactory(kpi=k["klachten"], schooljaar=2023, bestuur=innovo, waarde=D(2))
    return plan


@pytest.fixture
def register(plan):
    """Only these cases in the register (the demo's are removed in this test):
    A  INNOVO, relatief, 1 Sep 2022 - still running   → counts on every 30 June
    B  INNOVO, relatief, 9 Jan 2023 - 1 Mar 2024      → 30 June 2023
    C  other bestuur, absoluut, 2 Sep 2024 - 1 Sep 2025 → 30 June 2025
    D  other bestuur, vrijstelling 5a since 2023       → never (not a thuiszitter)
    The KPI counts per school year on its last passed quarter end (30 June):
    2022: A+B = 2, 2023: A = 1, 2024: A+C = 2, 2025: A = 1; INNOVO 2, 1, 1, 1."""
    Thuiszitter.objects.all().delete()
    ib = innovo_school()
    ander = (
        School.objects.filter(swv=ib.swv, soort="BAO", swv__isnull=False)
        .exclude(bestuur__nummer="41506")
        .first()
    )
    ThuiszitterFactory(school=ib, startdatum=date(2022, 9, 1))
    ThuiszitterFactory(
        school=ib, startdatum=date(2023, 1, 9), einddatum=date(2024, 3, 1), status="terug"
    )
    ThuiszitterFactory(
        school=ander,
        type="absoluut",
        startdatum=date(2024, 9, 2),
        einddatum=date(2025, 9, 1),
        status="terug",
    )
    ThuiszitterFactory(
        school=ander, type="vrijstelling", vrijstelling="5a", startdatum=date(2023, 9, 4)
    )
    return plan


def _url(kpi):
    return reverse("kpi:kpi-detail", args=[kpi.pk])


def _csv(r):
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx(r):
    assert r.status_code == 200
    assert r["Content-Disposition"].endswith('.xlsx"')
    return list(load_workbook(io.BytesIO(r.content)).active.values)


def _getal(tekst):
    return None if tekst == "" else D(tekst.replace(",", "."))


def _kern(rijen):
    """(schooljaar, streefwaarde, waarde, status, bestuur, bestuur_waarde) per data row,
    numbers as Decimal."""
    return [(r[4], r[5], _getal(r[6]), r[7], r[8], _getal(r[9])) for r in rijen[1:]]


# Hand-entered KPI ----------------------------------------------------------------------


def test_verloop_csv_handingevoerd(als, gemeten):
    rijen = _csv(als("medewerker").get(_url(gemeten.kpi["klachten"]), {"format": "csv"}))
    assert rijen[0] == KOLOMMEN
    assert all(r[:4] == KLACHTEN for r in rijen[1:])
    assert _kern(rijen) == [
        ("2022-2023", "< 10", D(8), "Op koers", "", None),
        ("2023-2024", "< 5", D(7), "Niet op koers", "", None),
        ("2024-2025", "< 3", None, "Nog geen meting", "", None),
        ("2025-2026", "< 0", None, "Nog geen meting", "", None),
    ]


def test_verloop_xlsx_handingevoerd(als, gemeten):
    rijen = _xlsx(als("medewerker").get(_url(gemeten.kpi["klachten"]), {"format": "xlsx"}))
    assert list(rijen[0]) == KOLOMMEN
    assert [r[4:8] for r in rijen[1:]] == [
        ("2022-2023", "< 10", 8.0, "Op koers"),
        ("2023-2024", "< 5", 7.0, "Niet op koers"),
        ("2024-2025", "< 3", None, "Nog geen meting"),
        ("2025-2026", "< 0", None, "Nog geen meting"),
    ]


def test_bestuur_krijgt_eigen_kolom_op_pagina_en_in_export(als, gemeten, innovo):
    c = als("bestuur-innovo")
    url = _url(gemeten.kpi["klachten"])
    html = c.get(url).content.decode()
    assert f'<th scope="col" class="num">{innovo}</th>' in html
    assert "met ernaast de cijfers van INNOVO" in html
    rijen = _xlsx(c.get(url, {"format": "xlsx"}))
    assert [(r[4], r[6], r[8], r[9]) for r in rijen[1:]] == [
        ("2022-2023", 8.0, str(innovo), None),
        ("2023-2024", 7.0, str(innovo), 2.0),
        ("2024-2025", None, str(innovo), None),
        ("2025-2026", None, str(innovo), None),
    ]


def test_medewerker_kiest_een_bestuur_ernaast(als, gemeten, innovo):
    rijen = _csv(
        als("medewerker").get(
            _url(gemeten.kpi["klachten"]), {"bestuur": innovo.pk, "format": "csv"}
        )
    )
    assert [(r[4], r[8], _getal(r[9])) for r in rijen[1:3]] == [
        ("2022-2023", str(innovo), None),
        ("2023-2024", str(innovo), D(2)),
    ]


def test_ander_bestuur_ziet_innovo_niet_ook_niet_via_de_url(als, gemeten, innovo):
    """Movare cannot put INNOVO beside the total: the filter falls back to its own
    bestuur, and INNOVO's meting (2 in 2023) is in no cell."""
    c = als("bestuur-movare")
    rijen = _csv(c.get(_url(gemeten.kpi["klachten"]), {"bestuur": innovo.pk, "format": "csv"}))
    movare = Schoolbestuur.objects.get(nummer="41516")
    assert {r[8] for r in rijen[1:]} == {str(movare)}
    assert [r[9] for r in rijen[1:]] == ["", "", "", ""]
    assert "INNOVO" not in c.get(_url(gemeten.kpi["klachten"])).content.decode()


def test_metingen_export_apart(als, gemeten):
    rijen = _xlsx(
        als("medewerker").get(
            _url(gemeten.kpi["klachten"]), {"tabel": "metingen", "format": "xlsx"}
        )
    )
    assert rijen[0] == (
        "kpi",
        "schooljaar",
        "periode",
        "reikwijdte",
        "waarde",
        "bron",
        "toelichting",
    )
    assert sorted((x[1], x[3], x[4]) for x in rijen[1:]) == [
        (2022, "hele plan", 8.0),
        (2023, "INNOVO", 2.0),
        (2023, "hele plan", 7.0),
    ]


def test_exportknoppen_bij_elke_tabel(als, gemeten, innovo):
    html = als("medewerker").get(_url(gemeten.kpi["klachten"]), {"bestuur": innovo.pk})
    html = html.content.decode()
    verloop, metingen = html.split('id="metingen-kop"')
    assert f'href="?bestuur={innovo.pk}&amp;format=csv"' in verloop
    assert f'href="?bestuur={innovo.pk}&amp;format=xlsx"' in verloop
    assert f'href="?bestuur={innovo.pk}&amp;tabel=metingen&amp;format=csv"' in metingen
    assert f'href="?bestuur={innovo.pk}&amp;tabel=metingen&amp;format=xlsx"' in metingen


# Computed KPI --------------------------------------------------------------------------


def test_verloop_csv_berekend(als, register):
    c = als("medewerker")
    url = _url(register.kpi["thuis"])
    rijen = _csv(c.get(url, {"format": "csv"}))
    assert rijen[0] == KOLOMMEN
    assert all(r[:4] == THUIS for r in rijen[1:])
    assert _kern(rijen) == [
        ("2022-2023", "< 20", D(2), "Op koers", "", None),
        ("2023-2024", "< 10", D(1), "Op koers", "", None),
        ("2024-2025", "< 5", D(2), "Op koers", "", None),
        ("2025-2026", "< 0", D(1), "Niet op koers", "", None),
    ]
    # The page shows the same numbers and offers the Verloop export; no metingen table.
    html = c.get(url).content.decode()
    assert 'href="?format=csv"' in html and 'href="?format=xlsx"' in html
    assert "tabel=metingen" not in html


def test_verloop_xlsx_berekend_met_bestuur(als, register, innovo):
    rijen = _xlsx(als("bestuur-innovo").get(_url(register.kpi["thuis"]), {"format": "xlsx"}))
    assert list(rijen[0]) == KOLOMMEN
    assert [r[3:] for r in rijen[1:]] == [
        ("ja", "2022-2023", "< 20", 2.0, "Op koers", str(innovo), 2.0),
        ("ja", "2023-2024", "< 10", 1.0, "Op koers", str(innovo), 1.0),
        ("ja", "2024-2025", "< 5", 2.0, "Op koers", str(innovo), 1.0),
        ("ja", "2025-2026", "< 0", 1.0, "Niet op koers", str(innovo), 1.0),
    ]
