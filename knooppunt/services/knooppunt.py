"""The knooppunt of a school: setting it up, its working method, its kernpartners and the
yearly evaluation. Keyword-only and atomic; each service checks scope, then permission,
then content, and writes one audit event (naming the knooppunt's number)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import workflow
from swv.audit import AuditActie, vastleggen
from swv.models import School
from swv.schooljaar import schooljaar_label
from swv.selectors import scholen_voor

from .. import selectors, stappen
from ..models import Kernpartner, Knooppunt, KnooppuntEvaluatie, PartnerRol


def vergrendel(gebruiker, knooppunt, stap) -> Knooppunt:
    """Lock the knooppunt in the user's scope and check the step's permission."""
    obj = (
        selectors.knooppunten_voor(gebruiker)
        .select_for_update(of=("self",))
        .select_related("school")
        .filter(pk=getattr(knooppunt, "pk", None))
        .first()
    )
    if obj is None:
        raise PermissionDenied(_("Dit knooppunt is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, obj)
    return obj


@transaction.atomic
def knooppunt_inrichten(
    *, gebruiker, school: School, werkwijze: str = "", request=None
) -> Knooppunt:
    """The school's one knooppunt, for a school in the user's scope within an SWV's task.
    A second one for the same school is refused."""
    gevonden = (
        scholen_voor(gebruiker)
        .binnen_swv()
        .filter(pk=getattr(school, "pk", None), swv__isnull=False)
        .first()
    )
    if gevonden is None:
        raise PermissionDenied(_("Kies een school binnen uw werkgebied."))
    workflow.eis(gebruiker, stappen.INRICHTEN.permissie)
    if Knooppunt.objects.filter(school=gevonden).exists():
        raise ValidationError(
            {"school": _("Deze school heeft al een knooppunt.")}, code="bestaat_al"
        )
    try:
        with transaction.atomic():
            obj = Knooppunt.objects.create(
                school=gevonden,
                swv_id=gevonden.swv_id,
                werkwijze=(werkwijze or "").strip(),
                aangemaakt_door=gebruiker,
            )
    except IntegrityError:
        # Someone set it up for the same school at the same moment.
        raise ValidationError(
            {"school": _("Deze school heeft al een knooppunt.")}, code="bestaat_al"
        ) from None
    vastleggen(actie=AuditActie.AANGEMAAKT, gebruiker=gebruiker, obj=obj, request=request,
               omschrijving=f"{obj.audit_label} ingericht")  # fmt: skip
    return obj


@transaction.atomic
def knooppunt_wijzigen(*, gebruiker, knooppunt: Knooppunt, werkwijze: str, request=None):
    obj = vergrendel(gebruiker, knooppunt, stappen.WIJZIGEN)
    obj.werkwijze = (werkwijze or "").strip()
    obj.save(update_fields=["werkwijze"])
    vastleggen(actie=AuditActie.GEWIJZIGD, gebruiker=gebruiker, obj=obj, request=request,
               omschrijving=f"{obj.audit_label}: werkwijze gewijzigd")  # fmt: skip
    return obj


@transaction.atomic
def kernpartner_toevoegen(
    *,
    gebruiker,
    knooppunt: Knooppunt,
    rol: str,
    naam: str,
    organisatie: str = "",
    email: str = "",
    telefoon: str = "",
    request=None,
) -> Kernpartner:
    obj = vergrendel(gebruiker, knooppunt, stappen.PARTNER_TOEVOEGEN)
    fouten = {}
    if rol not in PartnerRol.values:
        fouten["rol"] = _("Kies de rol van de kernpartner.")
    if not (naam or "").strip():
        fouten["naam"] = _("Vul de naam van de kernpartner in.")
    if fouten:
        raise ValidationError(fouten)
    partner = Kernpartner.objects.create(
        knooppunt=obj, rol=rol, naam=naam.strip(), organisatie=(organisatie or "").strip(),
        email=(email or "").strip(), telefoon=(telefoon or "").strip(),
    )  # fmt: skip
    vastleggen(actie=AuditActie.AANGEMAAKT, gebruiker=gebruiker, obj=partner, request=request,
               omschrijving=f"{obj.audit_label}: kernpartner ({rol}) toegevoegd")  # fmt: skip
    return partner


@transaction.atomic
def kernpartner_verwijderen(*, gebruiker, partner: Kernpartner, request=None) -> None:
    gevonden = (
        Kernpartner.objects.voor(gebruiker)
        .select_for_update(of=("self",))
        .filter(pk=getattr(partner, "pk", None))
        .first()
    )
    if gevonden is None:
        raise PermissionDenied(_("Deze kernpartner is niet (meer) beschikbaar voor u."))
    obj = vergrendel(gebruiker, gevonden.knooppunt, stappen.PARTNER_VERWIJDEREN)
    vastleggen(actie=AuditActie.VERWIJDERD, gebruiker=gebruiker, obj=gevonden, request=request,
               omschrijving=f"{obj.audit_label}: kernpartner ({gevonden.rol}) verwijderd")  # fmt: skip
    gevonden.delete()


_EVALUATIEVELDEN = (
    "tevredenheid_partners",
    "tevredenheid_ouders",
    "werkafspraken",
    "mandaat",
    "privacyproof",
    "toestemming_bij_inschrijving",
    "conclusies",
    "verbeterpunten",
)
_AANTALLEN = ("aantal_overleggen", "aantal_leerlingen", "aantal_doorverwijzingen")


@transaction.atomic
def evaluatie_vastleggen(
    *,
    gebruiker,
    knooppunt: Knooppunt,
    schooljaar: int,
    datum: date,
    gegevens: dict | None = None,
    request=None,
) -> KnooppuntEvaluatie:
    """The yearly evaluation of a school year (one per knooppunt and year; recording it
    again replaces it). The counts default to what the recorded overleggen of that
    school year say (`selectors.kengetallen`); the kernpartners may correct them."""
    obj = vergrendel(gebruiker, knooppunt, stappen.EVALUATIE)
    gegevens = dict(gegevens or {})
    fouten = {}
    if not isinstance(schooljaar, int) or not 2000 <= schooljaar <= 2100:
        fouten["schooljaar"] = _("Kies het schooljaar van de evaluatie.")
    if datum is None:
        fouten["datum"] = _("Vul de datum van de evaluatie in.")
    elif datum > timezone.localdate():
        fouten["datum"] = _("De datum van de evaluatie ligt in de toekomst.")
    for veld in ("tevredenheid_partners", "tevredenheid_ouders"):
        waarde = gegevens.get(veld)
        if waarde is not None and not 1 <= waarde <= 10:
            fouten[veld] = _("Geef een cijfer van 1 tot en met 10.")
    for veld in _AANTALLEN:
        waarde = gegevens.get(veld)
        if waarde is not None and waarde < 0:
            fouten[veld] = _("Een aantal kan niet negatief zijn.")
    if fouten:
        raise ValidationError(fouten)
    standaard = selectors.kengetallen(obj, schooljaar)
    waarden = {veld: gegevens.get(veld) for veld in _EVALUATIEVELDEN}
    for veld in ("conclusies", "verbeterpunten"):
        waarden[veld] = (waarden[veld] or "").strip()
    for veld in _AANTALLEN:
        waarden[veld] = gegevens[veld] if gegevens.get(veld) is not None else standaard[veld]
    evaluatie, nieuw = KnooppuntEvaluatie.objects.update_or_create(
        knooppunt=obj, schooljaar=schooljaar,
        defaults={**waarden, "datum": datum, "vastgelegd_door": gebruiker,
                  "vastgelegd_op": timezone.now()},
    )  # fmt: skip
    vastleggen(
        actie=AuditActie.AANGEMAAKT if nieuw else AuditActie.GEWIJZIGD,
        gebruiker=gebruiker, obj=evaluatie, request=request,
        omschrijving=f"{obj.audit_label}: evaluatie {schooljaar_label(schooljaar)} vastgelegd",
    )  # fmt: skip
    return evaluatie
