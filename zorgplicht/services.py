"""Every write to an aanmelding: registering the written aanmelding (linked to the pupil's
dossier), extending the term once, deciding, withdrawing.

Keyword-only and atomic; each checks scope, then permission, then version, then content,
and changes the status only through `workflow.overgang` (history row and audit event
naming the aanmelding's number, never the pupil). The term is computed in `termijnen.py`
and stored on the aanmelding (`uiterste_beslisdatum`, `tien_weken_op`)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlingen.models import Leerling
from leerlingen.selectors import leerlingen_voor
from leerlingen.services import dossier_koppelen
from swv import formats, workflow
from swv.models import School

from . import selectors, stappen, termijnen
from .models import MET_MOTIVERING, OPEN_STATUSSEN, Aanmelding, Uitkomst


class VerouderdeVersie(workflow.VerouderdeVersie):
    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft deze aanmelding intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


class DubbeleAanmelding(ValidationError):
    def __init__(self):
        super().__init__(
            {
                "achternaam": [
                    _(
                        "Voor deze leerling loopt al een aanmelding bij deze school. Leg het "
                        "besluit vast op die aanmelding."
                    )
                ]
            },
            code="dubbel",
        )


def vergrendel(gebruiker, aanmelding, versie: int | None, stap) -> Aanmelding:
    """Lock the aanmelding in the user's scope, check the step's permission, then refuse a
    stale version: in that order, so a role without the step learns nothing more."""
    obj = (
        selectors.aanmeldingen_voor(gebruiker)
        .select_for_update(of=("self",))
        .filter(pk=getattr(aanmelding, "pk", None))
        .first()
    )
    if obj is None:
        raise PermissionDenied(_("Deze aanmelding is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, obj)
    if versie is not None and obj.versie != versie:
        raise VerouderdeVersie()
    return obj


def _datum_fouten(fouten: dict, veld: str, datum, *, na=None, na_tekst="", verplicht=True):
    vandaag = timezone.localdate()
    if datum is None:
        if verplicht:
            fouten[veld] = _("Vul een datum in.")
        return
    if not isinstance(datum, datetime.date):
        fouten[veld] = _("Vul een geldige datum in.")
    elif datum > vandaag:
        fouten[veld] = _("Deze datum ligt in de toekomst.")
    elif na is not None and datum < na:
        fouten[veld] = na_tekst


@transaction.atomic
def aanmelding_registreren(
    *,
    gebruiker,
    school: School,
    ontvangen_op: datetime.date,
    gevraagde_ondersteuning: str,
    voornaam: str = "",
    achternaam: str = "",
    geboortedatum: datetime.date | None = None,
    leerling: Leerling | None = None,
    gewenste_startdatum: datetime.date | None = None,
    request=None,
) -> Aanmelding:
    """A written aanmelding at a school in the user's scope, in state ontvangen, with its
    term (six weeks from the day after receipt). The pupil's dossier is `leerling` (one the
    user may see, in the school's SWV) or the one `dossier_koppelen` finds or makes from
    name and date of birth. The trajectbegeleider is the dossier's."""
    workflow.eis(gebruiker, stappen.REGISTREREN.permissie)
    if (
        not selectors.scholen_van_aanmelding(gebruiker)
        .filter(pk=getattr(school, "pk", None))
        .exists()
    ):
        raise PermissionDenied(_("Kies een school waarvoor u werkt."))
    fouten: dict = {}
    _datum_fouten(fouten, "ontvangen_op", ontvangen_op,
                  na=timezone.localdate() - datetime.timedelta(days=365),
                  na_tekst=_("Controleer de datum: de aanmelding is meer dan een jaar geleden "
                             "ontvangen."))  # fmt: skip
    if not (gevraagde_ondersteuning or "").strip():
        fouten["gevraagde_ondersteuning"] = _("Beschrijf welke ondersteuning de ouders vragen.")
    if gewenste_startdatum is not None and ontvangen_op and gewenste_startdatum < ontvangen_op:
        fouten["gewenste_startdatum"] = _(
            "De gewenste startdatum ligt vóór de datum van de aanmelding."
        )
    if leerling is not None:
        dossier = leerlingen_voor(gebruiker).filter(pk=leerling.pk).first()
        if dossier is None:
            raise PermissionDenied(_("Dit dossier valt buiten uw werkgebied."))
        if dossier.swv_id != school.swv_id:
            fouten["leerling"] = _("Dit dossier hoort bij een ander samenwerkingsverband.")
        if dossier.geanonimiseerd_op is not None:
            fouten["leerling"] = _("Dit dossier is geanonimiseerd.")
    else:
        if not (voornaam or "").strip():
            fouten["voornaam"] = _("Vul de voornaam van de leerling in.")
        if not (achternaam or "").strip():
            fouten["achternaam"] = _("Vul de achternaam van de leerling in.")
        _datum_fouten(fouten, "geboortedatum", geboortedatum)
    if fouten:
        raise ValidationError(fouten)
    if leerling is None:
        dossier = dossier_koppelen(
            school=school, voornaam=voornaam.strip(), achternaam=achternaam.strip(),
            geboortedatum=geboortedatum, door=gebruiker,
        )  # fmt: skip
    if Aanmelding.objects.filter(
        leerling=dossier, school=school, status__in=OPEN_STATUSSEN
    ).exists():
        raise DubbeleAanmelding()
    vrij = selectors.gelijkgesteld()
    try:
        with transaction.atomic():
            obj = Aanmelding.objects.create(
                swv_id=school.swv_id,
                school=school,
                leerling=dossier,
                trajectbegeleider=dossier.trajectbegeleider,
                ontvangen_op=ontvangen_op,
                gevraagde_ondersteuning=gevraagde_ondersteuning.strip(),
                gewenste_startdatum=gewenste_startdatum,
                uiterste_beslisdatum=termijnen.uiterste_beslisdatum(
                    ontvangen_op, gelijkgesteld=vrij
                ),
                tien_weken_op=termijnen.tien_weken_einde(ontvangen_op, gelijkgesteld=vrij),
                aangemaakt_door=gebruiker,
            )
    except IntegrityError:
        # The same pupil registered at the same school at the same moment.
        raise DubbeleAanmelding() from None
    workflow.aangemaakt(obj, stappen.REGISTREREN, door=gebruiker, request=request,
                        omschrijving=f"{obj.audit_label} geregistreerd")  # fmt: skip
    return obj


@transaction.atomic
def aanmelding_verlengen(
    *,
    gebruiker,
    aanmelding: Aanmelding,
    versie: int,
    weken: int,
    reden: str,
    verlengd_op: datetime.date | None = None,
    request=None,
) -> Aanmelding:
    """Extend the term once, by 1-4 weeks, within the first six weeks; the deadline becomes
    6 + n weeks after receipt. A second extension is refused (the law allows one)."""
    obj = vergrendel(gebruiker, aanmelding, versie, stappen.VERLENGEN)
    if obj.verlengd_op is not None:
        raise ValidationError(
            {
                "weken": _(
                    "De termijn is al eens verlengd (op %(d)s, met %(w)s weken). De wet staat "
                    "maar één verlenging toe."
                )
                % {"d": formats.kort(obj.verlengd_op), "w": obj.verlenging_weken}
            },
            code="al_verlengd",
        )
    verlengd_op = verlengd_op or timezone.localdate()
    vrij = selectors.gelijkgesteld()
    fouten: dict = {}
    if not isinstance(weken, int) or not 1 <= weken <= termijnen.MAX_VERLENGING_WEKEN:
        fouten["weken"] = _("Verleng met 1 tot en met 4 weken.")
    if not (reden or "").strip():
        fouten["reden"] = _("Geef de reden van de verlenging (de ouders krijgen die te horen).")
    _datum_fouten(fouten, "verlengd_op", verlengd_op, na=obj.ontvangen_op,
                  na_tekst=_("De verlenging ligt vóór de datum van de aanmelding."))  # fmt: skip
    if "verlengd_op" not in fouten and not termijnen.verlenging_op_tijd(
        verlengd_op, obj.ontvangen_op, gelijkgesteld=vrij
    ):
        fouten["verlengd_op"] = _(
            "De termijn van zes weken is op %(d)s verstreken; verlengen kan alleen binnen die "
            "termijn."
        ) % {"d": formats.kort(obj.uiterste_beslisdatum)}
    if fouten:
        raise ValidationError(fouten)
    obj.verlengd_op = verlengd_op
    obj.verlenging_weken = weken
    obj.verlenging_reden = reden.strip()
    obj.uiterste_beslisdatum = termijnen.uiterste_beslisdatum(
        obj.ontvangen_op, verlenging_weken=weken, gelijkgesteld=vrij
    )
    workflow.overgang(obj, stappen.VERLENGEN, door=gebruiker, request=request,
                      toelichting=_("met %(w)s weken, tot en met %(d)s")
                      % {"w": weken, "d": formats.kort(obj.uiterste_beslisdatum)})  # fmt: skip
    return obj


@transaction.atomic
def aanmelding_besluiten(
    *,
    gebruiker,
    aanmelding: Aanmelding,
    versie: int,
    uitkomst: str,
    besloten_op: datetime.date,
    toelichting: str = "",
    aangeboden_school: School | None = None,
    request=None,
) -> Aanmelding:
    """The school's decision: admitted (with or without an arrangement), a place offered at
    another school of the SWV (zorgplicht), or refused for lack of room or on grondslag.
    Refusals and a place elsewhere carry a motivering."""
    obj = vergrendel(gebruiker, aanmelding, versie, stappen.BESLUITEN)
    fouten: dict = {}
    if uitkomst not in Uitkomst.values:
        fouten["uitkomst"] = _("Kies het besluit.")
    _datum_fouten(fouten, "besloten_op", besloten_op, na=obj.ontvangen_op,
                  na_tekst=_("Het besluit ligt vóór de datum van de aanmelding."))  # fmt: skip
    if uitkomst in MET_MOTIVERING and not (toelichting or "").strip():
        fouten["toelichting"] = _("Motiveer het besluit (de ouders krijgen de motivering).")
    if uitkomst == Uitkomst.ELDERS:
        if aangeboden_school is None:
            fouten["aangeboden_school"] = _("Kies de school waar een plaats is aangeboden.")
        elif not selectors.aangeboden_scholen(obj).filter(pk=aangeboden_school.pk).exists():
            fouten["aangeboden_school"] = _(
                "Kies een andere school binnen het samenwerkingsverband."
            )
    elif aangeboden_school is not None:
        fouten["aangeboden_school"] = _(
            "Een aangeboden school hoort alleen bij het besluit 'plaats elders aangeboden'."
        )
    if fouten:
        raise ValidationError(fouten)
    obj.uitkomst = uitkomst
    obj.besloten_op = besloten_op
    obj.besloten_door = gebruiker
    obj.besluit_toelichting = (toelichting or "").strip()
    obj.aangeboden_school = aangeboden_school if uitkomst == Uitkomst.ELDERS else None
    workflow.overgang(obj, stappen.BESLUITEN, door=gebruiker, request=request,
                      label=_("Besluit: %(u)s") % {"u": obj.get_uitkomst_display()})  # fmt: skip
    return obj


@transaction.atomic
def aanmelding_intrekken(
    *, gebruiker, aanmelding: Aanmelding, versie: int, reden: str = "", request=None
) -> Aanmelding:
    """The parents withdraw the aanmelding before a decision; the term stops."""
    obj = vergrendel(gebruiker, aanmelding, versie, stappen.INTREKKEN)
    workflow.overgang(obj, stappen.INTREKKEN, door=gebruiker, request=request,
                      toelichting=(reden or "").strip()[:500])  # fmt: skip
    return obj
