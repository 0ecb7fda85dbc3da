"""The one workflow mechanism (domain-free, like `swv/audit.py`).

Every app with a status workflow declares:
- its history model as a subclass of `StatusHistorie` (one row per step: `van`, `naar`,
  `stap`, `door`, `tijdstip`, `toelichting`) with a foreign key to the object;
- its steps once, in `<app>/stappen.py`, as `Stap` rows (name, label, permission, the
  django-fsm-2 transition, form, message); views and templates derive from that table
  what a user may do;
- one service per step, `<entity>_<step>`, that locks the object, checks what is
  particular to the step and calls `overgang(...)`.

`overgang` is the only place where history rows are written. It checks the permission
(PermissionDenied), runs the transition, saves (a concurrent change of the state raises
`VerouderdeVersie`), writes the history row and the audit event, all inside the caller's
transaction. Refused steps and stale versions are one `ValidationError` family
(`WorkflowFout`); `fout_op_formulier` puts any of them on a form.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, TransitionNotAllowed, can_proceed

from .audit import AuditActie, vastleggen

__all__ = [
    "StatusHistorie",
    "Stap",
    "WorkflowFout",
    "StapNietToegestaan",
    "VerouderdeVersie",
    "AlGezet",
    "eis",
    "overgang",
    "aangemaakt",
    "fout_op_formulier",
]


class StatusHistorie(models.Model):
    """One row per step taken on an object: the object's timeline.

    A subclass adds the foreign key to its object and, where it wants them, `choices` on
    `van` and `naar` (by redeclaring those two fields)."""

    van = models.CharField(gettext_lazy("van"), max_length=20, blank=True)
    naar = models.CharField(gettext_lazy("naar"), max_length=20)
    stap = models.CharField(gettext_lazy("stap"), max_length=120, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=gettext_lazy("door"),
    )
    tijdstip = models.DateTimeField(gettext_lazy("tijdstip"), default=timezone.now)
    toelichting = models.TextField(gettext_lazy("toelichting"), blank=True)

    class Meta:
        abstract = True
        ordering = ["tijdstip", "id"]

    def __str__(self):
        return f"{self.van} -> {self.naar}"


@dataclass(frozen=True)
class Stap:
    """One step of a workflow, declared once in `<app>/stappen.py`.

    `overgang` names the django-fsm-2 transition method on the model; a step without one
    is recorded on the timeline without changing the status (a bezwaar step, an edit).
    `service` is the dotted path of the one service that takes the step (empty for a step
    that follows from another step's service). `knop` is the text of the button that
    takes the step where a page offers one (the label is what the timeline says
    afterwards). `bevestigen` is the question a user confirms before the step (empty:
    none)."""

    naam: str
    label: str
    permissie: str
    overgang: str | None = None
    service: str = ""
    formulier: type | None = None
    melding: str = ""
    knop: str = ""
    bevestigen: str = ""

    def mag(self, gebruiker, obj) -> bool:
        """May this user take this step on this object now (permission and state)?"""
        if not gebruiker.has_perm(self.permissie, obj):
            return False
        return self.overgang is None or can_proceed(getattr(obj, self.overgang))


class WorkflowFout(ValidationError):
    """A step that was refused; the message is for the user."""


class StapNietToegestaan(WorkflowFout):
    def __init__(self, obj, veld: str = "status"):
        super().__init__(
            _("Deze stap kan niet in de status '%(status)s'.")
            % {"status": getattr(obj, f"get_{veld}_display")()},
            code="niet_toegestaan",
        )


class AlGezet(WorkflowFout):
    """The step was just taken (by this user a moment ago, or by someone else): a second
    click on the same button. Told as such, not as a refusal."""

    def __init__(self, message, code="al_gezet"):
        super().__init__(message, code=code)


class VerouderdeVersie(WorkflowFout):
    """Someone else changed the object after this user opened it."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen; "
                "bekijk de actuele gegevens en probeer het opnieuw."
            ),
            code="verouderd",
        )


class Bewerkconflict(VerouderdeVersie):
    """A stale save of a text someone else saved first; `huidig` holds their version,
    which the form shows beside the user's (templates/includes/bewerkconflict.html)."""

    def __init__(self, huidig, message=None):
        super().__init__(
            message
            or _(
                "Iemand anders heeft dit intussen opgeslagen. Uw wijziging is niet opgeslagen; "
                "vergelijk met de opgeslagen tekst en sla opnieuw op."
            )
        )
        self.huidig = huidig


def eis(gebruiker, permissie: str, obj=None) -> None:
    """PermissionDenied unless the user has the permission (on the object)."""
    if not gebruiker.has_perm(permissie, obj):
        raise PermissionDenied(_("U mag deze stap niet zetten."))


@cache
def _historie(model: type[models.Model]) -> tuple[type[StatusHistorie], str]:
    """The history model of `model` and the name of its foreign key to it."""
    for rel in model._meta.related_objects:
        if issubclass(rel.related_model, StatusHistorie):
            return rel.related_model, rel.field.name
    raise ImproperlyConfigured(f"{model.__name__} heeft geen StatusHistorie-model.")


def overgang(
    obj: models.Model,
    stap: Stap,
    *,
    door,
    toelichting: str = "",
    request=None,
    omschrijving: str = "",
    label: str = "",
    veld: str = "status",
    controleer: bool = True,
) -> StatusHistorie:
    """Take `stap` on `obj` for `door`: permission, transition, save, history, audit.

    Call it inside the service's `transaction.atomic()`, after locking the row. With
    `controleer=False` the permission is not checked again: for a step that follows from
    another one the caller already checked (a plan replaced when its successor is
    published). `label` overrides the step's label on the timeline."""
    if controleer:
        eis(door, stap.permissie, obj)
    van = getattr(obj, veld)
    if stap.overgang is not None:
        methode = getattr(obj, stap.overgang)
        if not can_proceed(methode):
            raise StapNietToegestaan(obj, veld)
        try:
            methode()
        except TransitionNotAllowed as fout:
            raise StapNietToegestaan(obj, veld) from fout
    if hasattr(obj, "versie") and isinstance(obj.versie, int):
        obj.versie += 1
    if stap.overgang is not None:
        try:
            obj.save()
        except ConcurrentTransition as fout:
            raise VerouderdeVersie() from fout
    elif hasattr(obj, "versie"):
        type(obj).objects.filter(pk=obj.pk).update(versie=obj.versie)
    naar = getattr(obj, veld)
    return _vastleggen(
        obj,
        stap,
        van=van,
        naar=naar,
        door=door,
        toelichting=toelichting,
        request=request,
        label=label,
        actie=AuditActie.OVERGANG if van != naar else AuditActie.GEWIJZIGD,
        omschrijving=omschrijving,
    )


def aangemaakt(
    obj: models.Model,
    stap: Stap,
    *,
    door,
    toelichting: str = "",
    request=None,
    omschrijving: str = "",
    veld: str = "status",
) -> StatusHistorie:
    """The first row of a new object's timeline ('' -> its initial status) and the audit
    event of its creation. The creating service has checked the permission: there was no
    object yet to check it on."""
    return _vastleggen(
        obj,
        stap,
        van="",
        naar=getattr(obj, veld),
        door=door,
        toelichting=toelichting,
        request=request,
        actie=AuditActie.AANGEMAAKT,
        omschrijving=omschrijving,
    )


def _vastleggen(
    obj, stap, *, van, naar, door, toelichting, request, actie, omschrijving, label=""
) -> StatusHistorie:
    """The history row and the audit event of one step, in the caller's transaction."""
    tekst = str(label or stap.label)
    historie, onderwerp = _historie(type(obj))
    rij = historie.objects.create(
        **{onderwerp: obj},
        van=van,
        naar=naar,
        stap=tekst,
        door=door if getattr(door, "is_authenticated", False) else None,
        toelichting=toelichting,
    )
    vastleggen(
        actie=actie,
        gebruiker=door,
        obj=obj,
        request=request,
        omschrijving=omschrijving or _omschrijving(obj, van, naar, tekst),
        details={"van": van, "naar": naar, "stap": stap.naam},
    )
    return rij


def _omschrijving(obj, van, naar, tekst) -> str:
    # Never str(obj): it may name a pupil. A model may offer a safe `audit_label` (a case
    # number); otherwise its kind and key.
    naam = getattr(obj, "audit_label", None) or f"{obj._meta.verbose_name} {obj.pk}"
    return f"{naam}: {van} -> {naar} ({tekst})" if van != naar else f"{naam}: {tekst}"


def fout_op_formulier(form, fout: ValidationError) -> None:
    """Show a refused step on the form: per field where the form has that field, the rest
    at the top of the form."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)
