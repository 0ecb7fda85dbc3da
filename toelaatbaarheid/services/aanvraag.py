"""The aanvraag from concept to filed, and what can happen to it before the decision:
creating and editing it, attachments, filing, extending the term, the MDO-oordeel,
withdrawing it, and a herbeoordeling (a new aanvraag after a granted TLV)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlingen.services import dossier_koppelen
from swv import workflow
from swv.audit import AuditActie, vastleggen
from swv.models import School
from swv.selectors import scholen_voor

from .. import selectors, stappen
from .. import termijnen as t
from ..models import OPEN_STATUSSEN, Aanvraag, Bijlage, Mdo, Soort
from ..validators import bestand_controleren
from ._gemeen import DubbeleAanvraag, vergrendel

VELDEN = (
    "voornaam",
    "achternaam",
    "geboortedatum",
    "groep",
    "soort",
    "categorie",
    "ingangsdatum",
    "einddatum",
    "hele_schoolloopbaan",
    "gewenste_school",
    "ondersteuningsbehoeften",
    "niveaus_1_4",
    "zienswijze_ouders",
    "ouders_akkoord",
)


def _controleer_gegevens(gegevens: dict) -> None:
    fouten = {}
    ingang, eind = gegevens.get("ingangsdatum"), gegevens.get("einddatum")
    if gegevens.get("hele_schoolloopbaan"):
        gegevens["einddatum"] = None
    elif ingang and eind and eind < ingang:
        fouten["einddatum"] = _("De einddatum ligt vóór de ingangsdatum.")
    if gegevens.get("soort") == Soort.SBO:
        gegevens["categorie"] = ""
    elif gegevens.get("soort") == Soort.SO and not gegevens.get("categorie"):
        fouten["categorie"] = _("Kies de bekostigingscategorie voor een TLV SO.")
    geboren = gegevens.get("geboortedatum")
    if geboren and geboren > timezone.localdate():
        fouten["geboortedatum"] = _("De geboortedatum ligt in de toekomst.")
    if fouten:
        raise ValidationError(fouten)


def _controleer_dubbel(gegevens: dict, *, behalve=None) -> None:
    bestaande = selectors.open_aanvraag_voor_leerling(
        voornaam=gegevens["voornaam"],
        achternaam=gegevens["achternaam"],
        geboortedatum=gegevens["geboortedatum"],
        behalve=behalve,
    )
    if bestaande is not None:
        raise DubbeleAanvraag(bestaande)


def aanvraag_aanmaken(
    *, gebruiker, school: School, gegevens: dict, request=None, vorige=None
) -> Aanvraag:
    """A new aanvraag in state concept for a school in the user's scope. Refuses a second
    open aanvraag for the same pupil (`DubbeleAanvraag` carries the open one)."""
    workflow.eis(gebruiker, stappen.AANMAKEN.permissie)
    if not scholen_voor(gebruiker).binnen_swv().filter(pk=school.pk, swv__isnull=False).exists():
        # Only a tampered request gets here: the form offers the user's own schools.
        raise PermissionDenied(_("Kies een school binnen uw samenwerkingsverband."))
    gegevens = {k: v for k, v in gegevens.items() if k in VELDEN}
    _controleer_gegevens(gegevens)
    _controleer_dubbel(gegevens)
    try:
        with transaction.atomic():
            begeleider = gebruiker if gebruiker.rol == "trajectbegeleider" else None
            zaak = Aanvraag.objects.create(
                swv_id=school.swv_id,
                school=school,
                aangemaakt_door=gebruiker,
                trajectbegeleider=begeleider,
                vorige=vorige,
                leerling=_dossier(school, gegevens, vorige, begeleider, gebruiker),
                **gegevens,
            )
            workflow.aangemaakt(
                zaak,
                stappen.HERBEOORDELING if vorige else stappen.AANMAKEN,
                door=gebruiker,
                request=request,
                omschrijving=f"{zaak.nummer} aangemaakt",
            )
    except IntegrityError:
        # Someone created one for the same pupil at the same moment (the constraint).
        _controleer_dubbel(gegevens)
        raise
    return zaak


def _dossier(school, gegevens: dict, vorige, begeleider, gebruiker):
    """The pupil's dossier the case belongs to: the previous case's for a herbeoordeling,
    else the pupil's dossier in the SWV (made when there is none)."""
    if vorige is not None and vorige.leerling_id:
        return vorige.leerling
    return dossier_koppelen(
        school=school,
        voornaam=gegevens.get("voornaam", ""),
        achternaam=gegevens.get("achternaam", ""),
        geboortedatum=gegevens.get("geboortedatum"),
        groep=gegevens.get("groep"),
        trajectbegeleider=begeleider,
        door=gebruiker,
    )


def aanvraag_wijzigen(
    *, gebruiker, aanvraag: Aanvraag, versie: int, gegevens: dict, request=None
) -> Aanvraag:
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.WIJZIGEN)
        gegevens = {k: v for k, v in gegevens.items() if k in VELDEN}
        _controleer_gegevens(gegevens)
        _controleer_dubbel(gegevens, behalve=zaak.pk)
        gewijzigd = [k for k, v in gegevens.items() if getattr(zaak, k) != v]
        for k, v in gegevens.items():
            setattr(zaak, k, v)
        if {"voornaam", "achternaam", "geboortedatum"} & set(gewijzigd):
            # A corrected name or birth date: the case moves to that pupil's dossier.
            zaak.leerling = _dossier(
                zaak.school, gegevens, zaak.vorige, zaak.trajectbegeleider, gebruiker
            )
        zaak.versie += 1
        zaak.save()
        vastleggen(
            actie=AuditActie.GEWIJZIGD,
            gebruiker=gebruiker,
            obj=zaak,
            request=request,
            omschrijving=f"{zaak.nummer} gewijzigd",
            details={"velden": gewijzigd},
        )
    return zaak


def bijlage_toevoegen(
    *, gebruiker, aanvraag: Aanvraag, bestand, soort: str, request=None
) -> Bijlage:
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, None, stappen.BIJLAGE)
        mime = bestand_controleren(bestand)
        naam = (getattr(bestand, "name", "") or "bijlage").rsplit("/", 1)[-1][:200]
        bijlage = Bijlage(
            aanvraag=zaak,
            soort=soort,
            naam=naam,
            mime=mime,
            grootte=bestand.size,
            geupload_door=gebruiker,
        )
        bijlage.bestand.save(naam, bestand, save=False)
        bijlage.save()
        transaction.on_commit(lambda: None)
        vastleggen(
            actie=AuditActie.AANGEMAAKT,
            gebruiker=gebruiker,
            obj=bijlage,
            request=request,
            omschrijving=f"{zaak.nummer}: bijlage {bijlage.pk} toegevoegd",
        )
    return bijlage


def aanvraag_indienen(
    *, gebruiker, aanvraag: Aanvraag, versie: int, ontvangen_op: date | None = None, request=None
) -> Aanvraag:
    """Filing starts the beslistermijn (Awb 4:13) on the date of receipt."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.INDIENEN)
        mist = selectors.ontbrekend(zaak)
        if mist:
            raise ValidationError(
                _("De aanvraag is nog niet compleet. Nog nodig: %(lijst)s.")
                % {"lijst": "; ".join(mist)}
            )
        zaak.ontvangen_op = ontvangen_op or timezone.localdate()
        if zaak.trajectbegeleider_id is None and gebruiker.rol == "trajectbegeleider":
            zaak.trajectbegeleider = gebruiker
        workflow.overgang(zaak, stappen.INDIENEN, door=gebruiker, request=request)
    return zaak


def beslistermijn_verdagen(
    *, gebruiker, aanvraag: Aanvraag, versie: int, tot: date, toelichting: str, request=None
) -> Aanvraag:
    """Record an Awb 4:14 notice: the decision will come later, on `tot` at the latest.
    Only a later date than the current term makes sense; the notice itself is sent
    outside the app (recorded here with its reason)."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.VERDAGEN)
        huidig = t.beslistermijn_aanvraag(
            zaak.ontvangen_op,
            verdaagd_tot=zaak.beslistermijn_verdaagd_tot,
            gelijkgesteld=t.gelijkgestelde_dagen(),
        )
        if tot <= huidig:
            raise ValidationError(
                {
                    "tot": _("Kies een datum na de huidige beslistermijn (%(d)s).")
                    % {"d": huidig.strftime("%d-%m-%Y")}
                }
            )
        if not toelichting.strip():
            raise ValidationError(
                {"toelichting": _("Vermeld waarom niet binnen de termijn wordt beslist.")}
            )
        zaak.beslistermijn_verdaagd_tot = tot
        zaak.save(update_fields=["beslistermijn_verdaagd_tot"])
        workflow.overgang(
            zaak,
            stappen.VERDAGEN,
            door=gebruiker,
            label=_("Beslistermijn verdaagd tot %(d)s (Awb 4:14)")
            % {"d": tot.strftime("%d-%m-%Y")},
            toelichting=toelichting,
            request=request,
        )
    return zaak


def mdo_vastleggen(
    *, gebruiker, aanvraag: Aanvraag, versie: int, gegevens: dict, request=None
) -> Mdo:
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.MDO)
        if gegevens["datum"] > timezone.localdate():
            raise ValidationError(
                {"datum": _("Leg het oordeel vast na het MDO (de datum ligt in de toekomst).")}
            )
        if not gegevens.get("deelnemers"):
            raise ValidationError({"deelnemers": _("Vul minstens één deelnemer met rol in.")})
        mdo = Mdo.objects.create(aanvraag=zaak, vastgelegd_door=gebruiker, **gegevens)
        workflow.overgang(
            zaak,
            stappen.MDO,
            door=gebruiker,
            toelichting=_("Overeenstemming: %(o)s")
            % {"o": _("ja") if mdo.overeenstemming else _("nee")},
            request=request,
        )
    return mdo


def aanvraag_intrekken(
    *, gebruiker, aanvraag: Aanvraag, versie: int, toelichting: str, request=None
) -> Aanvraag:
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.INTREKKEN)
        if not (toelichting or "").strip():
            raise ValidationError(
                {"toelichting": _("Geef aan waarom de aanvraag wordt ingetrokken.")}
            )
        workflow.overgang(
            zaak,
            stappen.INTREKKEN,
            door=gebruiker,
            toelichting=toelichting,
            request=request,
        )
    return zaak


def herbeoordeling_starten(*, gebruiker, aanvraag: Aanvraag, request=None) -> Aanvraag:
    """A new aanvraag (concept) linked to the previous TLV, with the pupil data copied."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, None, stappen.HERBEOORDELING)
        lopend = zaak.herbeoordelingen.filter(status__in=OPEN_STATUSSEN).first()
        if lopend is not None:
            raise DubbeleAanvraag(lopend)
        nieuw = aanvraag_aanmaken(
            gebruiker=gebruiker,
            school=zaak.school,
            gegevens={
                "voornaam": zaak.voornaam,
                "achternaam": zaak.achternaam,
                "geboortedatum": zaak.geboortedatum,
                "groep": zaak.groep,
                "soort": zaak.soort,
                "categorie": zaak.categorie,
                "gewenste_school": zaak.gewenste_school,
                "ingangsdatum": zaak.einddatum + timedelta(days=1) if zaak.einddatum else None,
                "einddatum": t.standaard_einddatum(zaak.einddatum + timedelta(days=1))
                if zaak.einddatum
                else None,
            },
            vorige=zaak,
            request=request,
        )
        if nieuw.trajectbegeleider_id is None and zaak.trajectbegeleider_id:
            Aanvraag.objects.filter(pk=nieuw.pk).update(trajectbegeleider=zaak.trajectbegeleider_id)
        workflow.overgang(
            zaak,
            stappen.HERBEOORDELING,
            door=gebruiker,
            label=_("Herbeoordeling gestart (%(n)s)") % {"n": nieuw.nummer},
            request=request,
        )
    return nieuw
