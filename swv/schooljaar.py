"""The school year, in one place: 1 August to 31 July, named by the year it starts in
(2026 is 2026-2027), as the Wet op het primair onderwijs and DUO count it."""

from datetime import date

from django.utils import timezone


def schooljaar_van(datum: date) -> int:
    """The school year a day falls in: 31 July 2027 is 2026, 1 August 2027 is 2027."""
    return datum.year if datum.month >= 8 else datum.year - 1


def huidig_schooljaar() -> int:
    return schooljaar_van(timezone.localdate())


def schooljaar_periode(schooljaar: int) -> tuple[date, date]:
    """First and last day: (1 August, 31 July of the next year)."""
    return date(schooljaar, 8, 1), date(schooljaar + 1, 7, 31)


def schooljaar_label(schooljaar: int) -> str:
    """'2026-2027'."""
    return f"{schooljaar}-{schooljaar + 1}"
