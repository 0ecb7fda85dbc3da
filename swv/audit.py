"""The one audit logger (after open-forms' logging): every read or change of pupil data
goes through `vastleggen`.

Changes are logged inside the caller's transaction (so a rolled-back change leaves no
entry, and a committed one always has one); reads are logged at once. Never pass pupil
data in `omschrijving` or `details`: name the record and the fields, not their values.
"""

from django.db import models

from .models import AuditActie, AuditEvent

__all__ = ["AuditActie", "vastleggen", "bekeken"]


def _ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def vastleggen(
    *,
    actie: str,
    gebruiker=None,
    obj: models.Model | None = None,
    request=None,
    omschrijving: str = "",
    details: dict | None = None,
) -> AuditEvent:
    if gebruiker is None and request is not None:
        gebruiker = getattr(request, "user", None)
    if gebruiker is not None and not gebruiker.is_authenticated:
        gebruiker = None
    return AuditEvent.objects.create(
        gebruiker=gebruiker,
        gebruikersnaam=gebruiker.get_username() if gebruiker else "",
        rol=getattr(gebruiker, "rol", "") if gebruiker else "",
        actie=actie,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        omschrijving=_zonder_nul(omschrijving)[:300],
        ip_adres=_ip(request),
        details=_zonder_nul(details or {}),
    )


def _zonder_nul(waarde):
    """Without NUL characters, which PostgreSQL cannot store in text or JSON: what a user
    typed (a filter value in `details`) never makes the audit entry fail."""
    if isinstance(waarde, str):
        return waarde.replace("\x00", "")
    if isinstance(waarde, dict):
        return {_zonder_nul(k): _zonder_nul(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_zonder_nul(v) for v in waarde]
    return waarde


def bekeken(request, obj: models.Model, omschrijving: str = "") -> AuditEvent:
    """Log that the signed-in user viewed (or downloaded) a pupil record."""
    return vastleggen(actie=AuditActie.BEKEKEN, request=request, obj=obj, omschrijving=omschrijving)
