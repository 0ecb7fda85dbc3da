"""The aanvraag from concept to filed, and what can happen to it before the decision:
creating and editing it, attachments, filing, extending the term, the MDO-oordeel,
withdrawing it, and a herbeoordeling (a new aanvraag after a granted TLV)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlingen.services import dossier_koppelen
from swv import formats, workflow
from swv.audit import AuditActie, vastleggen
from swv.models import Samenwerkingsverband, School, Schoolsoort
from swv.selectors import scholen_voor, swv_ids_voor

from .. import dubbelcontrole, selectors, stappen
from .. import termijnen as t
from ..models import (
    HERKOMST_MET_NAAM,
    HERKOMST_MET_SCHOOL,
    OPEN_STATUSSEN,
    Aanvraag,
    Bijlage,
    Herkomst,
    Mdo,
    Soort,
)
from ..rules import begeleidt
from ..validators import bestand_controleren
from ._gemeen import vergrendel

VELDEN = (
    "voornaam",
    "achternaam",
    "geboortedatum",
    "groep",
    "herkomst_naam",
    "herkomst_gemeente",
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

# The school a herkomst with a school of origin asks for (Schoolsoort).
SCHOOLSOORT_VAN_HERKOMST = {
    Herkomst.REGULIER: {Schoolsoort.BAO},
    Herkomst.SO: {Schoolsoort.SO, Schoolsoort.SO_VSO},
    Herkomst.GESPECIALISEERD: {
        Schoolsoort.SBO,
        Schoolsoort.SO,
        Schoolsoort.SO_VSO,
        Schoolsoort.VSO,
    },
}
# The S(B)O schools an aanvraag may ask for, by the sector of the SWV (PrO and JJI are
# not in the school register's kinds; a VO aanvraag asks for VSO).
GEWENSTE_SCHOOLSOORTEN = {
    "PO": (Schoolsoort.SBO, Schoolsoort.SO, Schoolsoort.SO_VSO),
    "VO": (Schoolsoort.VSO, Schoolsoort.SO_VSO),
}
EERSTE_GEBOORTEDATUM = date(1900, 1, 1)


def herkomst_van(school: School | None) -> str:
    """The herkomst a school of origin implies when the caller names none (backward
    compatible: callers that pass only a school)."""
    if school is None:
        return Herkomst.GEEN
    if school.soort == Schoolsoort.BAO:
        return Herkomst.REGULIER
    if school.soort in (Schoolsoort.SO, Schoolsoort.SO_VSO):
        return Herkomst.SO
    return Herkomst.GESPECIALISEERD


def _controleer_gegevens(gegevens: dict, *, herkomst: str, sector: str | None) -> None:
    fouten = {}
    ingang, eind = gegevens.get("ingangsdatum"), gegevens.get("einddatum")
    if gegevens.get("hele_schoolloopbaan") and eind:
        fouten["einddatum"] = _(
            "Laat de einddatum leeg bij een TLV voor de hele schoolloopbaan, of vink "
            "'hele schoolloopbaan' uit."
        )
    elif ingang and eind and eind < ingang:
        fouten["einddatum"] = _("De einddatum ligt vóór de ingangsdatum.")
    if gegevens.get("soort") == Soort.SBO:
        gegevens["categorie"] = ""
    elif gegevens.get("soort") == Soort.SO and not gegevens.get("categorie"):
        fouten["categorie"] = _("Kies de bekostigingscategorie voor een TLV SO.")
    if herkomst == Herkomst.SO and gegevens.get("soort") not in (None, Soort.SBO):
        fouten["soort"] = _("Vanuit een SO-school wordt een TLV SBO aangevraagd.")
    vandaag = timezone.localdate()
    geboren, groep = gegevens.get("geboortedatum"), gegevens.get("groep")
    if geboren and geboren > vandaag:
        fouten["geboortedatum"] = _("De geboortedatum ligt in de toekomst.")
    elif geboren and geboren < EERSTE_GEBOORTEDATUM:
        fouten["geboortedatum"] = _("Controleer de geboortedatum: die ligt vóór 1900.")
    elif geboren and groep and groep > 2:
        # Groep N starts around age N + 3: a child of four cannot be in groep 5 (the rule
        # of the leerlingdossier).
        leeftijd = _leeftijd(geboren, vandaag)
        if leeftijd < groep + 1:
            fouten["groep"] = _("Groep %(g)s past niet bij de leeftijd (%(l)s jaar).") % {
                "g": groep,
                "l": leeftijd,
            }
    gewenst = gegevens.get("gewenste_school")
    if (
        gewenst is not None
        and sector in GEWENSTE_SCHOOLSOORTEN
        and gewenst.soort not in GEWENSTE_SCHOOLSOORTEN[sector]
    ):
        fouten["gewenste_school"] = (
            _("Kies een school voor SO of SBO.")
            if sector == "PO"
            else _("Kies een school voor VSO.")
        )
    if herkomst in HERKOMST_MET_NAAM:
        if not (gegevens.get("herkomst_naam") or "").strip():
            fouten["herkomst_naam"] = _("Vul de naam van de voorziening, instelling of school in.")
        if not (gegevens.get("herkomst_gemeente") or "").strip():
            fouten["herkomst_gemeente"] = _("Vul de gemeente in.")
    else:
        gegevens["herkomst_naam"] = ""
        gegevens["herkomst_gemeente"] = ""
    if fouten:
        raise ValidationError(fouten)


def _leeftijd(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _controleer_dubbel(
    gebruiker, gegevens: dict, *, behalve=None, request=None, tellen: bool = True
) -> None:
    """The duplicate check, in one place: counted per user (`dubbelcontrole.tellen`),
    every hit audited, and the open case named only to a user who may see it
    (`DubbeleAanvraag.voor`)."""
    if tellen and request is not None:
        # Counted where a person asks through a page (code that files recorded data,
        # like the demo or another service without a request, is not limited).
        dubbelcontrole.tellen(gebruiker)
    bestaande = selectors.open_aanvraag_voor_leerling(
        voornaam=gegevens["voornaam"],
        achternaam=gegevens["achternaam"],
        geboortedatum=gegevens["geboortedatum"],
        behalve=behalve,
    )
    if bestaande is not None:
        raise dubbelcontrole.treffer(gebruiker, bestaande, request=request)


def _controleer_herkomst(gebruiker, *, herkomst, school, swv, vorige) -> int:
    """Who may file for this herkomst, and the SWV that handles the case (its id).
    Scope first: only a tampered request names a school or SWV outside it."""
    if herkomst not in Herkomst.values:
        raise ValidationError({"herkomst": _("Kies waar de leerling vandaan komt.")})
    if vorige is not None:
        # A herbeoordeling: the previous case was checked in the user's scope; the case
        # stays with that SWV, at the S(B)O school where the pupil is.
        if not selectors.aanvragen_voor(gebruiker).filter(pk=vorige.pk).exists():
            raise PermissionDenied(_("Deze aanvraag is niet (meer) beschikbaar voor u."))
        return vorige.swv_id
    if herkomst in HERKOMST_MET_SCHOOL:
        if school is None:
            raise ValidationError({"school": _("Kies de school van herkomst.")})
        if (
            not scholen_voor(gebruiker)
            .binnen_swv()
            .filter(pk=school.pk, swv__isnull=False)
            .exists()
        ):
            # Only a tampered request gets here: the form offers the user's own schools.
            raise PermissionDenied(_("Kies een school binnen uw samenwerkingsverband."))
        if school.soort not in SCHOOLSOORT_VAN_HERKOMST[herkomst]:
            raise ValidationError({"school": _("Deze school past niet bij de gekozen herkomst.")})
        return school.swv_id
    # No school of origin: the trajectbegeleider or the SWV office files it.
    if not begeleidt(gebruiker):
        raise PermissionDenied(
            _(
                "Zonder school van herkomst dient de trajectbegeleider of het "
                "samenwerkingsverband de aanvraag in."
            )
        )
    eigen = list(swv_ids_voor(gebruiker).values_list("id", flat=True))
    if swv is None and len(eigen) == 1:
        return eigen[0]
    if swv is None:
        raise ValidationError(
            {"swv": _("Kies het samenwerkingsverband dat de aanvraag behandelt.")}
        )
    if swv.pk not in eigen:
        raise PermissionDenied(_("Kies een samenwerkingsverband waarvoor u werkt."))
    return swv.pk


def aanvraag_aanmaken(
    *,
    gebruiker,
    school: School,
    gegevens: dict,
    request=None,
    vorige=None,
    herkomst: str | None = None,
    swv: Samenwerkingsverband | None = None,
    opp=None,
) -> Aanvraag:
    """A new aanvraag in state concept, with its OPP when given, all or nothing.

    `school` is the school of origin, in the user's scope; None for a herkomst without
    one (voorschool, residentieel, buiten het SWV, geen school: filed by the
    trajectbegeleider or SWV office, for `swv` or their only SWV). `herkomst` defaults to
    what the school implies. Refuses a second open aanvraag for the same pupil
    (`DubbeleAanvraag`, naming the open case only when the user may see it); every hit
    is audited and the checks are counted per user."""
    workflow.eis(gebruiker, stappen.AANMAKEN.permissie)
    herkomst = herkomst or herkomst_van(school)
    swv_id = _controleer_herkomst(
        gebruiker, herkomst=herkomst, school=school, swv=swv, vorige=vorige
    )
    if herkomst not in HERKOMST_MET_SCHOOL:
        school = None
    gegevens = {k: v for k, v in gegevens.items() if k in VELDEN}
    sector = Samenwerkingsverband.objects.only("code").get(pk=swv_id).sector
    _controleer_gegevens(gegevens, herkomst=herkomst, sector=sector)
    # A herbeoordeling was counted by herbeoordeling_starten.
    _controleer_dubbel(gebruiker, gegevens, request=request, tellen=vorige is None)
    try:
        with transaction.atomic():
            begeleider = gebruiker if gebruiker.rol == "trajectbegeleider" else None
            zaak = Aanvraag.objects.create(
                swv_id=swv_id,
                school=school,
                herkomst=herkomst,
                aangemaakt_door=gebruiker,
                trajectbegeleider=begeleider,
                vorige=vorige,
                leerling=_dossier(swv_id, school, gegevens, vorige, begeleider, gebruiker),
                **gegevens,
            )
            workflow.aangemaakt(
                zaak,
                stappen.HERBEOORDELING if vorige else stappen.AANMAKEN,
                door=gebruiker,
                request=request,
                omschrijving=f"{zaak.nummer} aangemaakt",
            )
            if opp is not None:
                # In the same transaction: a refused OPP leaves no concept behind.
                try:
                    bijlage_toevoegen(
                        gebruiker=gebruiker,
                        aanvraag=zaak,
                        bestand=opp,
                        soort="opp",
                        request=request,
                    )
                except ValidationError as fout:
                    raise ValidationError({"opp": fout.messages}) from None
    except IntegrityError:
        # Someone created one for the same pupil at the same moment (the constraint).
        _controleer_dubbel(gebruiker, gegevens, request=request, tellen=False)
        raise
    return zaak


def _dossier(swv_id, school, gegevens: dict, vorige, begeleider, gebruiker):
    """The pupil's dossier the case belongs to: the previous case's for a herbeoordeling,
    else the pupil's dossier in the SWV (made when there is none)."""
    if vorige is not None and vorige.leerling_id:
        return vorige.leerling
    return dossier_koppelen(
        school=school,
        swv_id=swv_id,
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
        _controleer_gegevens(gegevens, herkomst=zaak.herkomst, sector=zaak.swv.sector)
    if any(
        gegevens.get(k) != getattr(zaak, k) for k in ("voornaam", "achternaam", "geboortedatum")
    ):
        # A new question about a pupil; outside the transaction of the change, so the
        # audit entry of a hit stays.
        _controleer_dubbel(gebruiker, gegevens, behalve=zaak.pk, request=request)
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.WIJZIGEN)
        gewijzigd = [k for k, v in gegevens.items() if getattr(zaak, k) != v]
        for k, v in gegevens.items():
            setattr(zaak, k, v)
        if {"voornaam", "achternaam", "geboortedatum"} & set(gewijzigd):
            # A corrected name or birth date: the case moves to that pupil's dossier.
            zaak.leerling = _dossier(
                zaak.swv_id, zaak.school, gegevens, zaak.vorige, zaak.trajectbegeleider, gebruiker
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
                    % {"d": formats.kort(huidig)}
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
            label=_("Beslistermijn verdaagd tot %(d)s (Awb 4:14)") % {"d": formats.kort(tot)},
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
    """A new aanvraag (concept) linked to the previous TLV, with the pupil data copied, at
    the S(B)O school where the pupil is (the previous TLV's school) when there is one.
    Taken by the trajectbegeleider or SWV office, or by that S(B)O school itself."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, None, stappen.HERBEOORDELING)
        lopend = zaak.herbeoordelingen.filter(status__in=OPEN_STATUSSEN).first()
    if lopend is not None:
        # Outside the transaction, so the audit entry of the hit stays.
        raise dubbelcontrole.treffer(gebruiker, lopend, request=request)
    gegevens = {
        "voornaam": zaak.voornaam,
        "achternaam": zaak.achternaam,
        "geboortedatum": zaak.geboortedatum,
        "groep": zaak.groep,
        "soort": zaak.soort,
        "categorie": zaak.categorie,
        "gewenste_school": zaak.gewenste_school,
        "hele_schoolloopbaan": zaak.hele_schoolloopbaan,
        "ingangsdatum": zaak.einddatum + timedelta(days=1) if zaak.einddatum else None,
        "einddatum": t.standaard_einddatum(zaak.einddatum + timedelta(days=1))
        if zaak.einddatum
        else None,
    }
    _controleer_dubbel(gebruiker, gegevens, request=request)
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, None, stappen.HERBEOORDELING)
        waar = zaak.gewenste_school
        nieuw = aanvraag_aanmaken(
            gebruiker=gebruiker,
            school=waar or zaak.school,
            herkomst=Herkomst.GESPECIALISEERD if waar else zaak.herkomst,
            gegevens={
                **gegevens,
                "herkomst_naam": zaak.herkomst_naam,
                "herkomst_gemeente": zaak.herkomst_gemeente,
            },  # fmt: skip
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
