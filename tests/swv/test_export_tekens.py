"""A control character in free text (pasted from another program) cannot break an Excel
export: the cell keeps the rest of its text, the download stays a valid workbook."""

import io

from openpyxl import load_workbook

from swv import exports


def _cellen(data: bytes) -> list[list]:
    return [[c.value for c in rij] for rij in load_workbook(io.BytesIO(data)).active.iter_rows()]


def test_stuurteken_in_tekst_geeft_een_leesbare_xlsx():
    data = exports.xlsx_bytes(
        ["opmerking", "aantal"],
        [["Gesprek\x07 met ouders\x00\x1b", 3], ["\x07=SOM(A1)", None], ["Één\tregel", 1]],
    )
    assert _cellen(data) == [
        ["opmerking", "aantal"],
        ["Gesprek met ouders", 3],
        ["'=SOM(A1)", None],  # still defused after the control character is gone
        ["Één\tregel", 1],  # a tab is allowed in a cell and stays
    ]


def test_export_response_met_stuurteken():
    antwoord = exports.export_response("xlsx", "Notities", ["tekst"], [["bel\x07"]])
    assert antwoord.status_code == 200
    assert _cellen(antwoord.content) == [["tekst"], ["bel"]]
    # The CSV of the same rows keeps the text as typed.
    csv = exports.export_response("csv", "Notities", ["tekst"], [["bel\x07"]])
    assert exports.lees_csv(csv.content) == [["tekst"], ["bel\x07"]]
