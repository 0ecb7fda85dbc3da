"""Retention as code (after open-forms' data_removal): each app registers what expires
when and what happens then (anonymise or delete). `manage.py bewaartermijnen` applies
all rules; `--dry-run` only lists. Every record handled is logged in the audit trail.

Periods are settings (domain.md: TLV data at most three years after issue [check]; the
ondersteuningsroute's records use the TLV's term, see ondersteuning/privacy.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet

from . import audit, historie
from .models import AuditActie

ANONIMISEREN = "anonimiseren"
VERWIJDEREN = "verwijderen"


@dataclass(frozen=True)
class Bewaarregel:
    naam: str
    actie: str  # ANONIMISEREN or VERWIJDEREN
    verlopen: Callable[[date], QuerySet]  # records whose period has ended on that date
    uitvoeren: Callable[[object], None]  # anonymise or delete one record
    label: Callable[[object], str] = (
        str  # how the record is named in lists and the log: no pupil data
    )
    # Applied after every other rule: a record that waits for the records pointing to it
    # (the leerlingdossier) then goes in the same run as the last of them.
    laatst: bool = False


_REGELS: list[Bewaarregel] = []


def grensdatum(peildatum: date, jaren: int) -> date:
    """The day `jaren` years before `peildatum` (28 February for a 29 February)."""
    try:
        return peildatum.replace(year=peildatum.year - jaren)
    except ValueError:
        return peildatum.replace(year=peildatum.year - jaren, day=28)


def registreer(regel: Bewaarregel) -> Bewaarregel:
    if all(r.naam != regel.naam for r in _REGELS):
        _REGELS.append(regel)
    return regel


def regels() -> list[Bewaarregel]:
    """The rules in the order they are applied (registration order, `laatst` ones last)."""
    return sorted(_REGELS, key=lambda r: r.laatst)


@dataclass
class Uitkomst:
    regel: Bewaarregel
    labels: list[str]


def toepassen(*, peildatum: date, dry_run: bool) -> list[Uitkomst]:
    """Apply every rule on `peildatum`. Each record is handled and logged in one
    transaction, so a failure leaves no half-anonymised record and no lost log line; the
    record's field history (`swv.historie`) goes with it."""
    uitkomsten = []
    for regel in regels():
        labels = []
        for obj in regel.verlopen(peildatum).iterator():
            label = regel.label(obj)
            labels.append(label)
            if dry_run:
                continue
            with transaction.atomic():
                audit.vastleggen(
                    actie=AuditActie.GEANONIMISEERD
                    if regel.actie == ANONIMISEREN
                    else AuditActie.VERWIJDERD,
                    obj=obj,
                    omschrijving=f"Bewaartermijn verstreken ({regel.naam}): {label}",
                    details={"regel": regel.naam, "peildatum": peildatum.isoformat()},
                )
                with historie.wissen_bij(obj):  # the field history holds the old values
                    regel.uitvoeren(obj)
        uitkomsten.append(Uitkomst(regel, labels))
    return uitkomsten
