"""Field-level change history of pupil data and decisions (django-auditlog).

Each app registers its pupil records in `AppConfig.ready()` with `registreer(Model)` (a
record without a scope selector of its own names its parent, `ouder="leerling"`), so the
kernel stays free of domain code. auditlog writes one `LogEntry` per save or delete: who
(the actor, set by `AuditlogMiddleware` from the signed-in user), which fields, old and
new value. The history holds pupil data: it is read only through `veldhistorie_voor`
(the privacy role, scoped to the user's SWVs) and goes with the record when the retention
rules anonymise or delete it (`wissen_bij`, called by `swv.bewaartermijnen.toepassen`).
"""

from contextlib import contextmanager
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from . import selectors


@dataclass(frozen=True)
class Historie:
    model: type[models.Model]
    ouder: str = ""  # path to the parent whose scope this record inherits


_MODELLEN: dict[type[models.Model], Historie] = {}


def registreer(model: type[models.Model], *, ouder: str = "") -> None:
    """Keep the field history of `model`. Fields the user never edits (derived keys,
    timestamps) are left out: `leerling_sleutel` is derived from the name."""
    if model in _MODELLEN:
        return
    _MODELLEN[model] = Historie(model, ouder)
    velden = [
        f.name
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name != "leerling_sleutel"
    ]
    auditlog.register(model, include_fields=velden)


def modellen() -> list[type[models.Model]]:
    return list(_MODELLEN)


def _zichtbaar(historie: Historie, user) -> QuerySet:
    if not historie.ouder:
        return selectors.zichtbaar_voor(historie.model, user)
    ouder = historie.model
    for deel in historie.ouder.split("__"):
        ouder = ouder._meta.get_field(deel).related_model
    return historie.model._default_manager.filter(
        **{f"{historie.ouder}__in": selectors.zichtbaar_voor(ouder, user)}
    )


def veldhistorie_voor(user) -> QuerySet[LogEntry]:
    """The field changes `user` may read: of the registered records the user may see
    (each by its own scope selector or its parent's). Only the privacy role reaches the
    page (`swv.audit_bekijken`); a superuser sees every registered record's history."""
    if not user.is_authenticated or not user.is_active:
        return LogEntry.objects.none()
    soorten = ContentType.objects.get_for_models(*_MODELLEN)
    if user.is_superuser:
        return LogEntry.objects.filter(content_type__in=soorten.values())
    zichtbaar = Q(pk__in=[])
    for model, historie in _MODELLEN.items():
        zichtbaar |= Q(
            content_type=soorten[model],
            object_id__in=_zichtbaar(historie, user).values("pk"),
        )
    return LogEntry.objects.filter(zichtbaar)


def _entries(model: type[models.Model], pks) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(pks)
    )


@contextmanager
def wissen_bij(obj: models.Model):
    """Run a retention action on `obj` and take the history that holds its old values
    with it: the history of `obj`, of the registered records whose parent is `obj`
    (`ouder`), and of every registered record saved or deleted meanwhile. The action
    itself writes no history."""
    geraakt: list[tuple[type[models.Model], object]] = [(type(obj), obj.pk)]
    for model, historie in _MODELLEN.items():
        ouder_van_obj = (
            historie.ouder
            and "__" not in historie.ouder
            and model._meta.get_field(historie.ouder).related_model is type(obj)
        )
        if ouder_van_obj:
            pks = model._default_manager.filter(**{historie.ouder: obj}).values_list(
                "pk", flat=True
            )
            geraakt.extend((model, pk) for pk in pks)

    def _geraakt(sender, instance, **kwargs):
        if sender in _MODELLEN:
            geraakt.append((sender, instance.pk))

    post_save.connect(_geraakt, weak=False, dispatch_uid="historie.wissen_bij.save")
    post_delete.connect(_geraakt, weak=False, dispatch_uid="historie.wissen_bij.delete")
    try:
        with disable_auditlog():
            yield
    finally:
        post_save.disconnect(dispatch_uid="historie.wissen_bij.save")
        post_delete.disconnect(dispatch_uid="historie.wissen_bij.delete")
    per_model: dict[type[models.Model], set] = {}
    for model, pk in geraakt:
        if model in _MODELLEN and pk is not None:
            per_model.setdefault(model, set()).add(pk)
    for model, pks in per_model.items():
        _entries(model, pks).delete()


_ACTIES = {
    LogEntry.Action.CREATE: _("aangemaakt"),
    LogEntry.Action.UPDATE: _("gewijzigd"),
    LogEntry.Action.DELETE: _("verwijderd"),
}


@dataclass(frozen=True)
class Regel:
    tijdstip: object
    door: str
    actie: str
    gegeven: str
    wijzigingen: list[tuple[str, str, str]]  # (field's verbose name, old, new)


def weergave(entry: LogEntry) -> Regel:
    """One history entry for the page: the record by its kind and id (never its name),
    each field by its Dutch label (verbose_name), choices by their display value."""
    model = entry.content_type.model_class()
    soort = model._meta.verbose_name.capitalize() if model else entry.content_type.model
    return Regel(
        tijdstip=entry.timestamp,
        door=entry.actor.get_username() if entry.actor else "",
        actie=_ACTIES.get(entry.action, ""),
        gegeven=f"{soort} #{entry.object_id}",
        wijzigingen=[
            (str(veld)[:1].upper() + str(veld)[1:], str(oud), str(nieuw))
            for veld, (oud, nieuw) in entry.changes_display_dict.items()
        ],
    )
