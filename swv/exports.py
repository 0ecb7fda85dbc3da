"""Tables to CSV and Excel (openpyxl), the same rows for both: the one export mechanism.

CSV is what Dutch Excel splits by itself: UTF-8 with BOM, semicolon-separated, numbers
with a decimal comma as precise as the value ("12,50"), dates in the short format ("04-12-2026",
swv.formats), "ja"/"nee" for booleans. Excel gets real numbers and dates. Cells that a
spreadsheet would run as a formula (=, +, -, @ at the start) are defused in both; numbers
are never text, so "-3" stays a number. `lees_csv` reads an export back (tests, imports).
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.text import slugify

from . import formats

FORMATEN = ("csv", "xlsx")
SCHEIDINGSTEKEN = ";"
_GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def _veilig(waarde):
    if isinstance(waarde, str) and waarde.startswith(_GEVAARLIJK):
        return "'" + waarde
    return waarde


def csv_waarde(w) -> str:
    """One cell as Dutch Excel reads it: '' for None, 'ja'/'nee', '12,5', '04-12-2026'."""
    if w is None:
        return ""
    if isinstance(w, bool):
        return "ja" if w else "nee"
    if isinstance(w, int):
        return str(w)
    if isinstance(w, Decimal | float):  # as precise as the value: '8,00', '99,0', '0,25'
        return format(w if isinstance(w, Decimal) else Decimal(repr(w)), "f").replace(".", ",")
    if isinstance(w, datetime):
        return formats.kort(w, tijd=True)
    if isinstance(w, date):
        return formats.kort(w)
    return _veilig(str(w))


def csv_bytes(kolommen: Sequence[str], rijen: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")
    writer.writerow([_veilig(str(k)) for k in kolommen])
    for rij in rijen:
        writer.writerow([csv_waarde(w) for w in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def lees_csv(data: bytes) -> list[list[str]]:
    """The rows of an export made by `csv_bytes` (header first), as text cells."""
    tekst = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst, newline=""), delimiter=SCHEIDINGSTEKEN))


def xlsx_bytes(kolommen: Sequence[str], rijen: Iterable[Sequence], titel: str = "Export") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    boek = Workbook(write_only=False)
    blad = boek.active
    blad.title = titel[:31]
    blad.append(list(kolommen))
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in rijen:
        blad.append([_xlsx_waarde(w) for w in rij])
    blad.freeze_panes = "A2"
    for i, kolom in enumerate(kolommen, start=1):
        blad.column_dimensions[blad.cell(1, i).column_letter].width = max(
            10, min(50, len(str(kolom)) + 4)
        )
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _xlsx_waarde(w):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(w, Decimal):
        return float(w)
    if isinstance(w, datetime) and w.tzinfo is not None:
        return w.replace(tzinfo=None)
    if isinstance(w, date | int | float) or w is None:
        return w
    # Control characters (a bell pasted into free text) are not allowed in the XML of a
    # sheet: openpyxl would refuse the whole export, so they are left out.
    return _veilig(ILLEGAL_CHARACTERS_RE.sub("", str(w)))


def export_response(
    formaat: str, naam: str, kolommen: Sequence[str], rijen: Iterable[Sequence]
) -> HttpResponse:
    """A download of the table in `formaat` ('csv' or 'xlsx')."""
    bestandsnaam = slugify(naam) or "export"
    if formaat == "xlsx":
        response = HttpResponse(
            xlsx_bytes(kolommen, rijen, titel=naam),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.xlsx"'
    else:
        response = HttpResponse(csv_bytes(kolommen, rijen), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.csv"'
    return response


@dataclass(frozen=True)
class Kolom:
    """One column of a declared export: its header and how a row gives its value."""

    naam: str
    waarde: Callable  # (row, context dict) -> value


@dataclass(frozen=True)
class Export:
    """A table to download, declared as columns (reports.py), not built in a view.
    `bestandsnaam` may use the context's keys: 'verwijzingen-{jaar}'."""

    bestandsnaam: str
    kolommen: tuple[Kolom, ...]

    def rijen(self, rijen: Iterable, **context) -> Iterator[list]:
        for rij in rijen:
            yield [k.waarde(rij, context) for k in self.kolommen]

    def response(self, formaat: str, rijen: Iterable, **context) -> HttpResponse:
        return export_response(
            formaat,
            self.bestandsnaam.format(**context),
            [k.naam for k in self.kolommen],
            self.rijen(rijen, **context),
        )


def veld(naam: str, sleutel: str | None = None) -> Kolom:
    """A column that is the row's item `sleutel` (default: the column's name)."""
    return Kolom(naam, lambda rij, context: rij[sleutel or naam])


def attribuut(naam: str, pad: str = "") -> Kolom:
    """A column that is the row's attribute at `pad` (dotted, default the column's name);
    a method found there is called (`get_status_display`)."""

    def waarde(rij, context):
        for deel in (pad or naam).split("."):
            rij = getattr(rij, deel)
        return rij() if callable(rij) else rij

    return Kolom(naam, waarde)


def uit_context(naam: str) -> Kolom:
    """A column with the same value on every row, from the context (the school year)."""
    return Kolom(naam, lambda rij, context: context[naam])
