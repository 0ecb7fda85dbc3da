"""Every write to a leerlingdossier: keyword-only, in one transaction, audited (the
audit line names the dossier number, never the pupil). Each service checks scope, then
permission, then content."""

import copy
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import workflow
from swv.audit import AuditActie, vastleggen
from swv.models import School
from swv.selectors import scholen_voor

from . import dubbelcontrole, selectors, stappen
from .models import Leerling, Toestemming

VELDEN = ("voornaam", "achternaam", "geboortedatum", "groep", "school", "trajectbegeleider")
IDENTITEIT = ("voornaam", "achternaam", "geboortedatum")  # what the duplicate check compares


class DubbelDossier(ValidationError):
    """The pupil already has a dossier in this SWV. `bestaand` is that dossier when the
    user may see it (to link to it), else None: the message then says only that one
    exists, never where (no disclosure of another school's pupils)."""

    def __init__(self, bestaand: Leerling | None):
        if bestaand is not None:
            tekst = _("Deze leerling heeft al een dossier (%(nr)s).") % {"nr": bestaand.nummer}
        else:
            # Nothing about what exists (leerlingen.dubbelcontrole): only whom to ask.
            tekst = _(
                "Voor deze leerling kunt u hier geen dossier aanmaken. Neem contact op met "
                "het samenwerkingsverband."
            )
        super().__init__({"achternaam": [tekst]}, code="dubbel")
        self.bestaand = bestaand


def _school_in_scope(gebruiker, school: School) -> School:
    if not scholen_voor(gebruiker).binnen_swv().filter(pk=school.pk, swv__isnull=False).exists():
        raise PermissionDenied(_("Kies een school waarvoor u werkt."))
    return school


def _controleer(leerling: Leerling) -> None:
    fouten = {}
    vandaag = timezone.localdate()
    if leerling.geboortedatum is not None:
        if leerling.geboortedatum > vandaag:
            fouten["geboortedatum"] = _("De geboortedatum ligt in de toekomst.")
        elif leerling.geboortedatum < vandaag.replace(year=vandaag.year - 25):
            fouten["geboortedatum"] = _("Controleer de geboortedatum: de leerling is ouder dan 25.")
        elif leerling.groep and leerling.groep > 2:
            # Groep N starts around age N + 3: a child of four cannot be in groep 5.
            leeftijd = (vandaag - leerling.geboortedatum).days // 365
            if leeftijd < leerling.groep + 1:
                fouten["groep"] = _("Groep %(g)s past niet bij de leeftijd (%(l)s jaar).") % {
                    "g": leerling.groep,
                    "l": leeftijd,
                }
    if fouten:
        raise ValidationError(fouten)


def _dubbel(gebruiker, leerling: Leerling, *, behalve=None, request=None) -> None:
    """The duplicate check (leerlingen.dubbelcontrole). Run OUTSIDE a transaction: the
    audit entry of a hit must stay when the refusal rolls the rest back."""
    if request is not None:
        # Counted where a person asks through a page (the demo and imports are not).
        dubbelcontrole.tellen(gebruiker)
    dubbel = selectors.mogelijke_dubbele(
        leerling.swv_id,
        leerling.voornaam,
        leerling.achternaam,
        leerling.geboortedatum,
        behalve=behalve,
    ).first()
    if dubbel is not None and leerling.geboortedatum is not None:
        zichtbaar = dubbelcontrole.treffer(
            gebruiker, dubbel, selectors.leerlingen_voor, wat="Dossier-dubbelcontrole",
            request=request,
        )  # fmt: skip
        raise DubbelDossier(dubbel if zichtbaar else None)


def leerling_aanmaken(
    *,
    gebruiker,
    school: School,
    voornaam: str,
    achternaam: str,
    geboortedatum: datetime.date,
    groep: int | None = None,
    trajectbegeleider=None,
    request=None,
) -> Leerling:
    """A new dossier at a school in the user's scope, in that school's SWV. With the
    `request` of a page, the duplicate check is counted (leerlingen.dubbelcontrole)."""
    workflow.eis(gebruiker, stappen.AANMAKEN.permissie)
    _school_in_scope(gebruiker, school)
    leerling = Leerling(
        swv_id=school.swv_id,
        school=school,
        voornaam=(voornaam or "").strip(),
        achternaam=(achternaam or "").strip(),
        geboortedatum=geboortedatum,
        groep=groep,
        trajectbegeleider=trajectbegeleider,
        aangemaakt_door=gebruiker,
    )
    leerling.full_clean(exclude=["leerling_sleutel", "aangemaakt_door"], validate_constraints=False)
    if geboortedatum is None:
        raise ValidationError({"geboortedatum": _("Vul de geboortedatum in.")})
    _controleer(leerling)
    _dubbel(gebruiker, leerling, request=request)
    try:
        with transaction.atomic():
            leerling.save()
            vastleggen(actie=AuditActie.AANGEMAAKT, gebruiker=gebruiker, obj=leerling,
                       omschrijving=f"{leerling.audit_label} aangemaakt")  # fmt: skip
    except IntegrityError:
        # Two people created the same pupil at the same moment: the database refused one.
        raise DubbelDossier(None) from None
    return leerling


def _vergrendel(gebruiker, leerling: Leerling, stap) -> Leerling:
    try:
        leerling = selectors.leerlingen_voor(gebruiker).select_for_update().get(pk=leerling.pk)
    except Leerling.DoesNotExist:
        raise PermissionDenied(_("Dit dossier valt buiten uw werkgebied.")) from None
    workflow.eis(gebruiker, stap.permissie, leerling)
    return leerling


def leerling_wijzigen(*, gebruiker, leerling: Leerling, request=None, **velden) -> Leerling:
    """Change who the pupil is or where: name, birth date, groep, school (within the
    user's scope), trajectbegeleider. The audit names the fields, not their values. A
    new name or birth date is checked for duplicates first, outside the transaction."""
    if not selectors.leerlingen_voor(gebruiker).filter(pk=leerling.pk).exists():
        raise PermissionDenied(_("Dit dossier valt buiten uw werkgebied."))
    workflow.eis(gebruiker, stappen.WIJZIGEN.permissie, leerling)
    if any(velden.get(v, getattr(leerling, v)) != getattr(leerling, v) for v in IDENTITEIT):
        voorstel = copy.copy(leerling)
        for veld in IDENTITEIT:
            setattr(voorstel, veld, velden.get(veld, getattr(leerling, veld)))
        if voorstel.geboortedatum is not None:
            _dubbel(gebruiker, voorstel, behalve=leerling, request=request)
    try:
        with transaction.atomic():
            return _wijzigen(gebruiker, leerling, velden)
    except IntegrityError:
        # Someone created the same pupil meanwhile: the database refused the second.
        raise DubbelDossier(None) from None


def _wijzigen(gebruiker, leerling: Leerling, velden: dict) -> Leerling:
    leerling = _vergrendel(gebruiker, leerling, stappen.WIJZIGEN)
    onbekend = set(velden) - set(VELDEN)
    if onbekend:
        raise ValueError(f"onbekende velden {onbekend}")
    if velden.get("school") is not None and velden["school"].pk != leerling.school_id:
        school = _school_in_scope(gebruiker, velden["school"])
        if school.swv_id != leerling.swv_id:
            raise ValidationError(
                {
                    "school": _(
                        "Een school van een ander samenwerkingsverband: maak daar een "
                        "nieuw dossier aan."
                    )
                }  # fmt: skip
            )
    gewijzigd = [v for v, w in velden.items() if getattr(leerling, v) != w]
    for veld, waarde in velden.items():
        setattr(leerling, veld, waarde)
    leerling.full_clean(exclude=["leerling_sleutel", "aangemaakt_door"], validate_constraints=False)
    _controleer(leerling)
    leerling.save()
    if gewijzigd:
        vastleggen(actie=AuditActie.GEWIJZIGD, gebruiker=gebruiker, obj=leerling,
                   omschrijving=f"{leerling.audit_label} gewijzigd",
                   details={"velden": sorted(gewijzigd)})  # fmt: skip
    return leerling


@transaction.atomic
def toestemming_vastleggen(
    *, gebruiker, leerling: Leerling, gegeven_door: str, datum: datetime.date, reikwijdte=""
) -> Toestemming:
    """The parents' consent (AVG) to share the dossier: by whom, on what date, recorded
    by whom."""
    leerling = _vergrendel(gebruiker, leerling, stappen.TOESTEMMING)
    if datum is not None and datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum van de toestemming ligt in de toekomst.")})
    toestemming = Toestemming(leerling=leerling, gegeven_door=(gegeven_door or "").strip(),
                              datum=datum, vastgelegd_door=gebruiker)  # fmt: skip
    if reikwijdte:
        toestemming.reikwijdte = reikwijdte
    toestemming.full_clean()
    toestemming.save()
    vastleggen(actie=AuditActie.AANGEMAAKT, gebruiker=gebruiker, obj=leerling,
               omschrijving=f"{leerling.audit_label}: toestemming vastgelegd")  # fmt: skip
    return toestemming


@transaction.atomic
def toestemming_intrekken(
    *, gebruiker, toestemming: Toestemming, datum: datetime.date
) -> Toestemming:
    leerling = _vergrendel(gebruiker, toestemming.leerling, stappen.TOESTEMMING_INTREKKEN)
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if toestemming.ingetrokken_op is not None:
        raise workflow.AlGezet(_("Deze toestemming is al ingetrokken."))
    if datum is None:
        raise ValidationError({"datum": _("Vul de datum van de intrekking in.")})
    if datum < toestemming.datum or datum > timezone.localdate():
        raise ValidationError({"datum": _("De intrekking ligt tussen de toestemming en vandaag.")})
    toestemming.ingetrokken_op = datum
    toestemming.save(update_fields=["ingetrokken_op"])
    vastleggen(actie=AuditActie.GEWIJZIGD, gebruiker=gebruiker, obj=leerling,
               omschrijving=f"{leerling.audit_label}: toestemming ingetrokken")  # fmt: skip
    return toestemming


def dossier_koppelen(
    *,
    school: School | None,
    swv_id: int | None = None,
    voornaam: str,
    achternaam: str = "",
    geboortedatum: datetime.date | None = None,
    groep: int | None = None,
    trajectbegeleider=None,
    door=None,
) -> Leerling:
    """The dossier a new record about a pupil (a TLV aanvraag, a thuiszitter registration)
    attaches to: the pupil's existing dossier in the school's SWV (same name and date of
    birth), else a new one. Not a user's step: the calling service has checked scope and
    permission for its own record; the dossier follows it. A record without a date of
    birth (a thuiszitter known by a pseudonym) gets a dossier of its own. A pupil without
    a school (voorschool, residentieel, from outside the SWV) names the SWV: `swv_id`."""
    swv_id = school.swv_id if school is not None else swv_id
    bestaand = None
    if geboortedatum is not None:
        bestaand = selectors.mogelijke_dubbele(swv_id, voornaam, achternaam, geboortedatum).first()
    if bestaand is not None:
        return bestaand
    leerling = Leerling.objects.create(
        swv_id=swv_id, school=school, voornaam=voornaam, achternaam=achternaam,
        geboortedatum=geboortedatum, groep=groep, trajectbegeleider=trajectbegeleider,
        aangemaakt_door=door,
    )  # fmt: skip
    vastleggen(actie=AuditActie.AANGEMAAKT, gebruiker=door, obj=leerling,
               omschrijving=f"{leerling.audit_label} aangemaakt bij een registratie")  # fmt: skip
    return leerling
