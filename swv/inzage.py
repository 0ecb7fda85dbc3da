"""AVG inzage: everything the app holds about one pupil, for the privacy role only.

Each app registers a source: a function (achternaam, geboortedatum, voornaam) -> list of
Onderdeel (a titled table). The page shows them and exports one Excel workbook.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

_BRONNEN: list[Callable] = []


@dataclass
class Onderdeel:
    titel: str
    kolommen: list[str]
    rijen: list[list] = field(default_factory=list)


def registreer(bron: Callable) -> Callable:
    if bron not in _BRONNEN:
        _BRONNEN.append(bron)
    return bron


def verzamelen(*, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    onderdelen = []
    for bron in _BRONNEN:
        onderdelen.extend(
            bron(achternaam=achternaam, geboortedatum=geboortedatum, voornaam=voornaam)
        )
    return onderdelen


def als_xlsx(onderdelen: list[Onderdeel]) -> bytes:
    import io
    import re

    from openpyxl import Workbook

    from .exports import _xlsx_waarde

    boek = Workbook()
    boek.remove(boek.active)
    for i, onderdeel in enumerate(
        onderdelen or [Onderdeel("Geen gegevens", ["melding"], [["Niets gevonden"]])]
    ):
        # Excel refuses : \ / ? * [ ] in a sheet's name and more than 31 characters.
        titel = re.sub(r"[:\\/?*\[\]]", "-", f"{i + 1} {onderdeel.titel}")[:31]
        blad = boek.create_sheet(titel)
        blad.append(onderdeel.kolommen)
        for rij in onderdeel.rijen:
            blad.append([_xlsx_waarde(w) for w in rij])
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
