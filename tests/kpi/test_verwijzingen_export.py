"""The verwijzingen downloads, read back: one per table, declared in kpi/reports.py."""

import csv
import io

import pytest
from openpyxl import load_workbook

from swv.schooljaar import huidig_schooljaar


def _csv(antwoord):
    return list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    ("tabel", "kop", "bestand"),
    [
        ("swv", ["swv", "schooljaar"], "tlv-kengetallen"),
        ("bestuur", ["bestuur", "nummer", "schooljaar", "leerlingen_bao"], "verwijzingen"),
        ("school", ["school", "bestuur", "schooljaar", "leerlingen"], "verwijzingen-per-school"),
    ],
)
def test_each_table_downloads_with_its_columns(als, tabel, kop, bestand):
    jaar = huidig_schooljaar()
    antwoord = als("medewerker").get(f"/kpi/verwijzingen/?format=csv&tabel={tabel}")
    assert antwoord.status_code == 200
    assert f'filename="{bestand}-{jaar}.csv"' in antwoord["Content-Disposition"]
    rijen = _csv(antwoord)
    assert rijen[0][: len(kop)] == kop
    assert len(rijen) > 1 and all(r[rijen[0].index("schooljaar")] == str(jaar) for r in rijen[1:])
    if tabel == "swv":
        assert {r[0] for r in rijen[1:]} == {"PO3104", "PO3105", "PO3106"}


def test_xlsx_has_the_same_rows_as_csv(als):
    client = als("medewerker")
    rijen = _csv(client.get("/kpi/verwijzingen/?format=csv&tabel=bestuur"))
    blad = load_workbook(
        io.BytesIO(client.get("/kpi/verwijzingen/?format=xlsx&tabel=bestuur").content)
    ).active
    assert blad.max_row == len(rijen)
    assert [c.value for c in blad[1]] == rijen[0]


def test_per_school_is_not_for_the_opr(als):
    """Small counts per school can point at a pupil: the OPR gets the SWV table instead."""
    rijen = _csv(als("opr").get("/kpi/verwijzingen/?format=csv&tabel=school"))
    assert rijen[0][0] == "swv"
