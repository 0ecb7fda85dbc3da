"""Dates the Dutch way, in one place: one long format ("4 december 2026") and one short
("04-12-2026"), with or without the time. Templates use the named formats
(`|date:"DATE_FORMAT"`, `|date:"SHORT_DATE_FORMAT"`, `DATETIME_FORMAT`,
`SHORT_DATETIME_FORMAT`, or `{{ datum }}` which is the long one); Python code (messages,
exports, chart labels) uses `lang` and `kort` below. The formats live in
`swv/formats/nl/formats.py` (FORMAT_MODULE_PATH)."""

from datetime import date, datetime

from django.utils import formats, timezone

LEEG = "–"


def _lokaal(waarde):
    if isinstance(waarde, datetime) and timezone.is_aware(waarde):
        return timezone.localtime(waarde)
    return waarde


def lang(waarde: date | datetime | None, *, tijd: bool = False) -> str:
    """'4 december 2026' (with `tijd`: '4 december 2026 14:05'); None gives '–'."""
    if waarde is None:
        return LEEG
    naam = "DATETIME_FORMAT" if tijd and isinstance(waarde, datetime) else "DATE_FORMAT"
    return formats.date_format(_lokaal(waarde), naam)


def kort(waarde: date | datetime | None, *, tijd: bool = False) -> str:
    """'04-12-2026' (with `tijd`: '04-12-2026 14:05'); None gives '–'."""
    if waarde is None:
        return LEEG
    naam = "SHORT_DATETIME_FORMAT" if tijd and isinstance(waarde, datetime) else "SHORT_DATE_FORMAT"
    return formats.date_format(_lokaal(waarde), naam)
