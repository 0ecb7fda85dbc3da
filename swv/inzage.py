"""AVG inzage: everything the app holds about one pupil, for the privacy role only.

Each app registers a source: a function (*, user, achternaam, geboortedatum, voornaam) ->
list of Onderdeel (a titled table). The source reads through its app's scoped selectors
with `user` (the privacy officer): an officer sees only the pupils of their own
organisations, like every other role. A source without a `user` parameter is refused at
registration. The page shows the parts and exports one Excel workbook.
"""

import inspect
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ImproperlyConfigured

_BRONNEN: list[Callable] = []

# Excel (and openpyxl) refuse these characters in a sheet's name, and more than 31 characters.
_ONGELDIG_IN_BLADNAAM = re.compile(r"[\[\]:*?/\\]")
MAX_BLADNAAM = 31


@dataclass
class Onderdeel:
    titel: str
    kolommen: list[str]
    rijen: list[list] = field(default_factory=list)


def registreer(bron: Callable) -> Callable:
    if "user" not in inspect.signature(bron).parameters:
        raise ImproperlyConfigured(
            f"Inzagebron {bron.__module__}.{bron.__qualname__} moet de gebruiker krijgen "
            "(parameter 'user') en via de selectors van de app lezen."
        )
    if bron not in _BRONNEN:
        _BRONNEN.append(bron)
    return bron


def verzamelen(
    *, user, achternaam: str, geboortedatum: date, voornaam: str = ""
) -> list[Onderdeel]:
    """The parts every source holds about the pupil, within `user`'s scope."""
    onderdelen = []
    for bron in _BRONNEN:
        onderdelen.extend(
            bron(user=user, achternaam=achternaam, geboortedatum=geboortedatum, voornaam=voornaam)
        )
    return onderdelen


def van_leerling(qs, *, achternaam: str, geboortedatum: date, voornaam: str = ""):
    """The records in `qs` (already scoped to the user) about the pupil with this name and
    birth date, through their dossier (`leerling`)."""
    qs = qs.filter(
        leerling__achternaam__iexact=achternaam.strip(), leerling__geboortedatum=geboortedatum
    )
    if voornaam.strip():
        qs = qs.filter(leerling__voornaam__iexact=voornaam.strip())
    return qs


def verloop(titel: str, soort: str, historie, veld: str, nummers: dict) -> Onderdeel:
    """The status history (a swv.workflow.StatusHistorie model `historie`, pointing to
    its record by `veld`) of the records `nummers` ({pk: nummer}), oldest first."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    return Onderdeel(
        titel,
        [soort, _("tijdstip"), _("van"), _("naar"), _("stap"), _("toelichting")],
        [
            [
                nummers[getattr(h, f"{veld}_id")],
                timezone.localtime(h.tijdstip),
                h.van,
                h.naar,
                h.stap,
                h.toelichting,
            ]
            for h in historie.objects.filter(**{f"{veld}_id__in": nummers}).order_by("tijdstip")
        ],  # fmt: skip
    )


def ontvangers(titel: str, objecten) -> Onderdeel:
    """Who viewed or changed these records (AVG art. 15: the recipients), from the audit
    trail, in one query whatever the number of records."""
    from django.db.models import Q
    from django.utils import timezone

    from .models import AuditEvent

    per_soort: dict[str, list[str]] = {}
    for obj in objecten:
        per_soort.setdefault(obj._meta.label_lower, []).append(str(obj.pk))
    filter_ = Q(pk__in=[])
    for soort, ids in per_soort.items():
        filter_ |= Q(object_type=soort, object_id__in=ids)
    return Onderdeel(
        titel,
        ["tijdstip", "gebruiker", "rol", "actie", "omschrijving"],
        [
            [timezone.localtime(e.tijdstip), e.gebruikersnaam, e.rol, e.get_actie_display(),
             e.omschrijving]
            for e in AuditEvent.objects.filter(filter_).order_by("tijdstip", "pk")
        ],
    )  # fmt: skip


def bladnamen(titels: list[str]) -> list[str]:
    """Valid, unique Excel sheet names for `titels`, in order: forbidden characters become
    '-', leading/trailing apostrophes and spaces go, at most 31 characters, and a repeated
    name gets a number."""
    namen: list[str] = []
    gebruikt: set[str] = set()
    for titel in titels:
        basis = _ONGELDIG_IN_BLADNAAM.sub("-", str(titel)).strip(" '") or "Blad"
        naam = basis[:MAX_BLADNAAM].rstrip(" '") or "Blad"
        volgnummer = 2
        while naam.casefold() in gebruikt:  # Excel compares sheet names case-insensitively
            achtervoegsel = f" ({volgnummer})"
            naam = basis[: MAX_BLADNAAM - len(achtervoegsel)].rstrip(" '") + achtervoegsel
            volgnummer += 1
        gebruikt.add(naam.casefold())
        namen.append(naam)
    return namen


def als_xlsx(onderdelen: list[Onderdeel]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from .exports import _xlsx_waarde

    def cel(waarde):
        # Free text may hold control characters a worksheet cannot store.
        waarde = _xlsx_waarde(waarde)
        return ILLEGAL_CHARACTERS_RE.sub("", waarde) if isinstance(waarde, str) else waarde

    onderdelen = onderdelen or [Onderdeel("Geen gegevens", ["melding"], [["Niets gevonden"]])]
    boek = Workbook()
    boek.remove(boek.active)
    for naam, onderdeel in zip(bladnamen([o.titel for o in onderdelen]), onderdelen, strict=True):
        blad = boek.create_sheet(naam)
        blad.append([cel(k) for k in onderdeel.kolommen])
        for rij in onderdeel.rijen:
            blad.append([cel(w) for w in rij])
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
