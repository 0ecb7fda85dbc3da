"""Every write of the TLV workflow. Keyword-only, typed, atomic.

Each service checks scope (`selectors.aanvragen_voor`) and permission (rules.py), locks
the case row (`select_for_update`) and compares the version the user saw (`versie`) so a
second person saving the same step is told instead of silently overwriting. Each
transition writes a status-history row and an audit event in the same transaction.
Messages are Dutch and meant for the user.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import workflow
from swv.audit import AuditActie, vastleggen
from swv.models import School
from swv.rules import is_directeur
from swv.selectors import scholen_voor

from . import selectors, stappen
from . import termijnen as t
from .models import (
    OPEN_STATUSSEN,
    Aanvraag,
    Beschikking,
    Besluit,
    Bezwaar,
    BezwaarBeslissing,
    Bijlage,
    Deskundige,
    Deskundigenadvies,
    Mdo,
    Soort,
    Status,
    Terugplaatsing,
    TlvInstellingen,
)

MAX_BIJLAGE = 10 * 1024 * 1024


class VerouderdeVersie(workflow.VerouderdeVersie):
    """Someone else changed the case after this user opened it (the workflow's error,
    worded for a case)."""

    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft deze aanvraag intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


class DubbeleAanvraag(ValidationError):
    def __init__(self, bestaande: Aanvraag):
        self.bestaande = bestaande
        super().__init__(
            _("Voor deze leerling loopt al een aanvraag (%(nummer)s).")
            % {"nummer": bestaande.nummer},
            code="dubbel",
        )


# Helpers ----------------------------------------------------------------------------------


def _vergrendel(gebruiker, aanvraag: Aanvraag, versie: int | None, stap) -> Aanvraag:
    """Lock the case row in the user's scope, check the step's permission, then refuse a
    stale version: in that order, so a role without the step learns nothing more."""
    zaak = (
        selectors.aanvragen_voor(gebruiker)
        .select_for_update(of=("self",))
        .select_related("swv", "school")
        .filter(pk=aanvraag.pk)
        .first()
    )
    if zaak is None:
        raise PermissionDenied(_("Deze aanvraag is niet (meer) beschikbaar voor u."))
    if stap is not None:
        workflow.eis(gebruiker, stap.permissie, zaak)
    if versie is not None and zaak.versie != versie:
        raise VerouderdeVersie()
    return zaak


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


def ontbrekend(aanvraag: Aanvraag) -> list[str]:
    """What is still missing before the aanvraag can be filed (shown on the page)."""
    uit = []
    if not aanvraag.ondersteuningsbehoeften.strip():
        uit.append(_("de ondersteuningsbehoeften (Duiden & Doen / OPP-samenvatting)"))
    if not aanvraag.niveaus_1_4.strip():
        uit.append(_("wat er in ondersteuningsniveau 1 tot en met 4 is gedaan"))
    if not aanvraag.zienswijze_ouders.strip():
        uit.append(_("de zienswijze van de ouders"))
    if aanvraag.ouders_akkoord == "onbekend":
        uit.append(_("of de ouders instemmen"))
    if not aanvraag.ingangsdatum:
        uit.append(_("de gewenste ingangsdatum"))
    if not aanvraag.einddatum and not aanvraag.hele_schoolloopbaan:
        uit.append(_("de einddatum (of 'voor de hele schoolloopbaan')"))
    if not aanvraag.gewenste_school_id:
        uit.append(_("de gewenste S(B)O-school"))
    if not any(b.soort == "opp" for b in aanvraag.bijlagen.all()):
        uit.append(_("het OPP als bijlage"))
    return uit


# Aanvraag ---------------------------------------------------------------------------------


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
            zaak = Aanvraag.objects.create(
                swv_id=school.swv_id,
                school=school,
                aangemaakt_door=gebruiker,
                trajectbegeleider=gebruiker if gebruiker.rol == "trajectbegeleider" else None,
                vorige=vorige,
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


def aanvraag_wijzigen(
    *, gebruiker, aanvraag: Aanvraag, versie: int, gegevens: dict, request=None
) -> Aanvraag:
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, versie, stappen.WIJZIGEN)
        gegevens = {k: v for k, v in gegevens.items() if k in VELDEN}
        _controleer_gegevens(gegevens)
        _controleer_dubbel(gegevens, behalve=zaak.pk)
        gewijzigd = [k for k, v in gegevens.items() if getattr(zaak, k) != v]
        for k, v in gegevens.items():
            setattr(zaak, k, v)
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


def bestand_controleren(bestand) -> str:
    """The MIME type by the file's bytes (PDF or DOCX), or a Dutch ValidationError."""
    if bestand.size > MAX_BIJLAGE:
        raise ValidationError(_("Het bestand is groter dan 10 MB. Verklein het of splits het op."))
    bestand.seek(0)
    kop = bestand.read(8)
    bestand.seek(0)
    if kop.startswith(b"%PDF-"):
        return "application/pdf"
    if kop.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(bestand) as z:
                namen = z.namelist()
        except zipfile.BadZipFile:
            namen = []
        bestand.seek(0)
        if "[Content_Types].xml" in namen and any(n.startswith("word/") for n in namen):
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    raise ValidationError(_("Alleen PDF- of Word-bestanden (.docx) zijn toegestaan."))


def bijlage_toevoegen(
    *, gebruiker, aanvraag: Aanvraag, bestand, soort: str, request=None
) -> Bijlage:
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, None, stappen.BIJLAGE)
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
        zaak = _vergrendel(gebruiker, aanvraag, versie, stappen.INDIENEN)
        mist = ontbrekend(zaak)
        if mist:
            raise ValidationError(
                _("De aanvraag is nog niet compleet. Nog nodig: %(lijst)s.")
                % {"lijst": "; ".join(mist)}
            )
        zaak.ontvangen_op = ontvangen_op or timezone.localdate()
        if zaak.trajectbegeleider_id is None and gebruiker.rol == "trajectbegeleider":
            zaak.trajectbegeleider = gebruiker
        workflow.overgang(
            zaak, stappen.INDIENEN, door=gebruiker, label=_("Aanvraag ingediend"), request=request
        )
    return zaak


def beslistermijn_verdagen(
    *, gebruiker, aanvraag: Aanvraag, versie: int, tot: date, toelichting: str, request=None
) -> Aanvraag:
    """Record an Awb 4:14 notice: the decision will come later, on `tot` at the latest.
    Only a later date than the current term makes sense; the notice itself is sent
    outside the app (recorded here with its reason)."""
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, versie, stappen.VERDAGEN)
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
        zaak = _vergrendel(gebruiker, aanvraag, versie, stappen.MDO)
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
            label=_("MDO-oordeel vastgelegd"),
            toelichting=_("Overeenstemming: %(o)s")
            % {"o": _("ja") if mdo.overeenstemming else _("nee")},
            request=request,
        )
    return mdo


def onafhankelijkheid_bezwaren(deskundige: Deskundige, zaak: Aanvraag) -> list[str]:
    scholen = {zaak.school_id, zaak.gewenste_school_id} - {None}
    besturen = {zaak.school.bestuur_id}
    if zaak.gewenste_school_id:
        besturen.add(zaak.gewenste_school.bestuur_id)
    uit = []
    if deskundige.scholen.filter(pk__in=scholen).exists():
        uit.append(_("is verbonden aan de school van herkomst of de ontvangende school"))
    if deskundige.besturen.filter(pk__in=besturen).exists():
        uit.append(
            _("is verbonden aan het bestuur van de school van herkomst of de ontvangende school")
        )
    return uit


def deskundige_toewijzen(
    *, gebruiker, aanvraag: Aanvraag, deskundige: Deskundige, versie: int, request=None
) -> Deskundigenadvies:
    """Ask a deskundige for a written advice. The first must be an orthopedagoog or
    psycholoog; two different people; not tied to the school of origin or receiving school."""
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, versie, stappen.TOEWIJZEN)
        bestaande = list(zaak.adviezen.all())
        if len(bestaande) >= 2:
            raise ValidationError(_("Er zijn al twee deskundigen gevraagd."))
        if any(a.deskundige_id == deskundige.pk for a in bestaande):
            raise ValidationError(
                {
                    "deskundige": _(
                        "Deze deskundige adviseert al over deze aanvraag; kies een andere deskundige."
                    )
                }
            )
        volgorde = len(bestaande) + 1
        if volgorde == 1 and not deskundige.mag_eerste_advies:
            raise ValidationError(
                {"deskundige": _("Het eerste advies komt van een orthopedagoog of psycholoog.")}
            )
        if (
            volgorde == 2
            and not bestaande[0].deskundige.mag_eerste_advies
            and not deskundige.mag_eerste_advies
        ):
            raise ValidationError(
                {
                    "deskundige": _(
                        "Eén van beide adviezen komt van een orthopedagoog of psycholoog."
                    )
                }
            )
        bezwaren = onafhankelijkheid_bezwaren(deskundige, zaak)
        if bezwaren:
            raise ValidationError(
                {
                    "deskundige": _("Deze deskundige is niet onafhankelijk: %(r)s.")
                    % {"r": "; ".join(bezwaren)}
                }
            )
        if deskundige.gebruiker_id == zaak.trajectbegeleider_id:
            raise ValidationError(
                {"deskundige": _("De trajectbegeleider kan geen deskundigenadvies geven.")}
            )
        vandaag = timezone.localdate()
        weken = selectors.instellingen_voor(zaak.swv_id).advies_weken
        advies = Deskundigenadvies.objects.create(
            aanvraag=zaak,
            deskundige=deskundige,
            volgorde=volgorde,
            gevraagd_op=vandaag,
            uiterlijk_op=t.advies_uiterlijk(vandaag, weken),
        )
        workflow.overgang(
            zaak,
            stappen.TOEWIJZEN,
            door=gebruiker,
            label=_("Deskundige gevraagd voor advies %(n)s") % {"n": volgorde},
            toelichting=deskundige.get_discipline_display(),
            request=request,
        )
    return advies


def advies_geven(
    *,
    gebruiker,
    advies: Deskundigenadvies,
    toelaatbaar: bool,
    motivering: str,
    datum: date,
    request=None,
) -> Deskundigenadvies:
    """The assigned deskundige records the written advice; the second advice moves the
    case on to the directeur."""
    with transaction.atomic():
        # The permission is on the advies (the assigned deskundige), the scope on its case.
        zaak = _vergrendel(gebruiker, advies.aanvraag, None, None)
        advies = (
            Deskundigenadvies.objects.select_for_update()
            .select_related("deskundige", "aanvraag")
            .get(pk=advies.pk)
        )
        advies.aanvraag = zaak
        workflow.eis(gebruiker, stappen.ADVIES.permissie, advies)
        if advies.gegeven:
            raise ValidationError(_("U heeft dit advies al gegeven."))
        if not (motivering or "").strip():
            raise ValidationError({"motivering": _("Motiveer het advies.")})
        if datum > timezone.localdate():
            raise ValidationError({"datum": _("De datum van het advies ligt in de toekomst.")})
        advies.toelaatbaar = toelaatbaar
        advies.motivering = motivering
        advies.datum = datum
        advies.save()
        alle = list(zaak.adviezen.all())
        workflow.overgang(  # checked on the advies above
            zaak,
            stappen.ADVIES,
            controleer=False,
            door=gebruiker,
            label=_("Advies %(n)s gegeven") % {"n": advies.volgorde},
            request=request,
        )
        if len(alle) >= 2 and all(a.gegeven for a in alle):
            workflow.overgang(  # checked on the advies above
                zaak,
                stappen.ADVIEZEN_COMPLEET,
                controleer=False,
                door=gebruiker,
                label=_("Adviezen compleet"),
                request=request,
            )
    return advies


def adviezen_eensgezind(zaak: Aanvraag) -> bool | None:
    """True/False when the MDO-oordeel and all advices agree on toelaatbaar; None if not."""
    adviezen = [a for a in zaak.adviezen.all() if a.gegeven]
    mdo = getattr(zaak, "mdo", None)
    if len(adviezen) < 2 or mdo is None:
        return None
    oordelen = {a.toelaatbaar for a in adviezen} | {mdo.oordeel_toelaatbaar}
    return oordelen.pop() if len(oordelen) == 1 else None


def _volgnummer(swv_id: int, jaar: int) -> int:
    # Serialise numbering per SWV: lock its settings row (created once).
    TlvInstellingen.objects.get_or_create(swv_id=swv_id)
    TlvInstellingen.objects.select_for_update().get(swv_id=swv_id)
    hoogste = Beschikking.objects.filter(swv_id=swv_id, jaar=jaar).aggregate(m=Max("volgnummer"))[
        "m"
    ]
    return (hoogste or 0) + 1


def _beschikking_maken(
    *,
    zaak,
    gebruiker,
    ronde,
    besluit,
    soort,
    categorie,
    ingangsdatum,
    einddatum,
    motivering,
    afwijkend,
    verzonden_op,
    verzendwijze,
) -> Beschikking:
    from . import reports

    vandaag = timezone.localdate()
    besch = Beschikking(
        aanvraag=zaak,
        swv=zaak.swv,
        ronde=ronde,
        jaar=vandaag.year,
        volgnummer=_volgnummer(zaak.swv_id, vandaag.year),
        besluit=besluit,
        soort=soort,
        categorie=categorie if soort == Soort.SO else "",
        ingangsdatum=ingangsdatum if besluit == Besluit.TOEGEKEND else None,
        einddatum=einddatum if besluit == Besluit.TOEGEKEND else None,
        motivering=motivering,
        afwijkend_van_advies=afwijkend,
        datum=vandaag,
        verzonden_op=verzonden_op or vandaag,
        verzendwijze=verzendwijze,
        afgegeven_door=gebruiker,
    )
    besch.pdf = reports.beschikking_pdf(besch)
    besch.brief_pdf = reports.brief_pdf(besch)
    try:
        with transaction.atomic():
            besch.save()
    except IntegrityError as fout:
        raise ValidationError(_("Deze beschikking is al afgegeven.")) from fout
    return besch


def beschikking_afgeven(
    *,
    gebruiker,
    aanvraag: Aanvraag,
    versie: int,
    besluit: str,
    motivering: str = "",
    ingangsdatum: date | None = None,
    einddatum: date | None = None,
    verzonden_op: date | None = None,
    verzendwijze: str = "post",
    request=None,
) -> Beschikking:
    """The directeur decides. When the advices and the MDO-oordeel agree and the decision
    follows them, one confirmation suffices; otherwise a motivering is required. The PDF
    (beschikking and letter to the parents) is rendered and stored in this transaction."""
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, None, None)
        # A second click on "afgeven" after the first went through: say so, not 403.
        if (
            zaak.status != Status.BESLUITVORMING
            and zaak.beschikkingen.exists()
            and is_directeur(gebruiker)
        ):
            raise workflow.AlGezet(_("Deze beschikking is al afgegeven."), code="al_afgegeven")
        workflow.eis(gebruiker, stappen.TOEKENNEN.permissie, zaak)
        if zaak.versie != versie:
            raise VerouderdeVersie()
        gegeven = [a for a in zaak.adviezen.all() if a.gegeven]
        if len(gegeven) < 2 or len({a.deskundige_id for a in gegeven}) < 2:
            raise ValidationError(
                _("Een beschikking vraagt twee adviezen van twee verschillende deskundigen.")
            )
        eens = adviezen_eensgezind(zaak)
        volgt = eens is not None and eens == (besluit == Besluit.TOEGEKEND)
        if not volgt and not motivering.strip():
            raise ValidationError(
                {
                    "motivering": _(
                        "De adviezen en het MDO-oordeel wijzen niet allemaal dezelfde kant op, of u wijkt ervan af: motiveer het besluit."
                    )
                }
            )
        ingangsdatum = ingangsdatum or zaak.ingangsdatum
        einddatum = None if zaak.hele_schoolloopbaan else (einddatum or zaak.einddatum)
        if besluit == Besluit.TOEGEKEND and ingangsdatum and einddatum and einddatum < ingangsdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de ingangsdatum.")})
        if not motivering.strip():
            motivering = _(
                "Het MDO / knooppunt toeleiding en beide deskundigen achten de leerling %(w)s "
                "toelaatbaar. Het samenwerkingsverband neemt deze adviezen over; zij zijn bijgevoegd."
            ) % {"w": "" if besluit == Besluit.TOEGEKEND else _("niet")}
            motivering = " ".join(motivering.split())
        besch = _beschikking_maken(
            zaak=zaak,
            gebruiker=gebruiker,
            ronde=zaak.beschikkingen.count() + 1,
            besluit=besluit,
            soort=zaak.soort,
            categorie=zaak.categorie,
            ingangsdatum=ingangsdatum,
            einddatum=einddatum,
            motivering=motivering,
            afwijkend=not volgt,
            verzonden_op=verzonden_op,
            verzendwijze=verzendwijze,
        )
        workflow.overgang(
            zaak,
            stappen.TOEKENNEN if besluit == Besluit.TOEGEKEND else stappen.AFWIJZEN,
            door=gebruiker,
            label=_("Beschikking %(n)s afgegeven") % {"n": besch.nummer},
            request=request,
        )
    return besch


# Bezwaar ----------------------------------------------------------------------------------


def bezwaar_registreren(
    *,
    gebruiker,
    aanvraag: Aanvraag,
    versie: int,
    indiener: str,
    ontvangen_op: date,
    gronden: str,
    adviescommissie_gemeld: bool = True,
    request=None,
) -> Bezwaar:
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, versie, stappen.BEZWAAR)
        if ontvangen_op > timezone.localdate():
            raise ValidationError({"ontvangen_op": _("De ontvangstdatum ligt in de toekomst.")})
        besch = zaak.beschikkingen.filter(actueel=True).order_by("-ronde").first()
        if besch is None:
            raise ValidationError(_("Er is geen beschikking om bezwaar tegen te maken."))
        if ontvangen_op < besch.verzonden_op:
            raise ValidationError(
                {"ontvangen_op": _("Het bezwaar is ontvangen vóór de beschikking verzonden is.")}
            )
        tijdig = t.bezwaar_tijdig(
            ontvangen_op, besch.verzonden_op, gelijkgesteld=t.gelijkgestelde_dagen()
        )
        bezwaar = Bezwaar.objects.create(
            aanvraag=zaak,
            beschikking=besch,
            indiener=indiener,
            ontvangen_op=ontvangen_op,
            gronden=gronden,
            tijdig=tijdig,
            partijen_geinformeerd_adviescommissie=adviescommissie_gemeld,
        )
        workflow.overgang(
            zaak,
            stappen.BEZWAAR,
            door=gebruiker,
            label=_("Bezwaar geregistreerd"),
            toelichting=_("Tijdig") if tijdig else _("Buiten de bezwaartermijn ontvangen"),
            request=request,
        )
    return bezwaar


BEZWAAR_STAPPEN = {
    "ontvangstbevestiging": _("Ontvangstbevestiging verstuurd"),
    "lbt": _("Doorgestuurd naar de LBT met verweerschrift en dossier"),
    "hoorzitting": _("Hoorzitting gepland"),
    "advies": _("Advies LBT ontvangen"),
    "verdagen": _("Beslistermijn op bezwaar verdaagd"),
}


def bezwaar_stap(
    *, gebruiker, bezwaar: Bezwaar, versie: int, stap: str, gegevens: dict, request=None
) -> Bezwaar:
    """One step of the bezwaar procedure (recorded on the timeline)."""
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, bezwaar.aanvraag, versie, stappen.BEZWAAR_STAP)
        bezwaar = Bezwaar.objects.select_for_update().get(pk=bezwaar.pk, aanvraag=zaak)
        if not bezwaar.open:
            raise ValidationError(_("Op dit bezwaar is al beslist."))
        vandaag = timezone.localdate()
        if stap == "ontvangstbevestiging":
            bezwaar.ontvangstbevestiging_op = gegevens.get("datum") or vandaag
        elif stap == "lbt":
            if not (gegevens.get("verweerschrift") or "").strip():
                raise ValidationError(
                    {"verweerschrift": _("Het verweerschrift hoort bij het verzoek om advies.")}
                )
            bezwaar.verweerschrift = gegevens["verweerschrift"]
            bezwaar.lbt_verzonden_op = gegevens.get("datum") or vandaag
        elif stap == "hoorzitting":
            uitnodiging = gegevens.get("uitnodiging_op") or vandaag
            zitting = gegevens.get("hoorzitting_op")
            if not zitting or not t.hoorzitting_uitnodiging_ok(uitnodiging, zitting):
                raise ValidationError(
                    {
                        "hoorzitting_op": _(
                            "Nodig de partijen meer dan tien dagen vóór de hoorzitting uit (Awb 7:2)."
                        )
                    }
                )
            bezwaar.uitnodiging_op, bezwaar.hoorzitting_op = uitnodiging, zitting
        elif stap == "advies":
            if not (gegevens.get("advies") or "").strip():
                raise ValidationError({"advies": _("Vat het advies van de LBT samen.")})
            bezwaar.advies = gegevens["advies"]
            bezwaar.advies_op = gegevens.get("datum") or vandaag
        elif stap == "verdagen":
            if bezwaar.verdaagd:
                raise ValidationError(
                    _("De beslistermijn op bezwaar kan maar één keer worden verdaagd.")
                )
            bezwaar.verdaagd = True
        else:
            raise ValidationError(_("Onbekende stap."))
        bezwaar.save()
        workflow.overgang(
            zaak,
            stappen.BEZWAAR_STAP,
            door=gebruiker,
            label=str(BEZWAAR_STAPPEN[stap]),
            request=request,
        )
    return bezwaar


def bezwaar_beslissen(
    *,
    gebruiker,
    bezwaar: Bezwaar,
    versie: int,
    beslissing: str,
    motivering: str,
    nieuw_besluit: str | None = None,
    request=None,
) -> Bezwaar:
    """Beslissing op bezwaar by the directeur. Gegrond: a new beschikking (next round)
    replaces the contested one; otherwise the contested one stands."""
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, bezwaar.aanvraag, versie, stappen.BEZWAAR_TOEGEKEND)
        if not (motivering or "").strip():
            raise ValidationError({"motivering": _("Motiveer de beslissing op bezwaar.")})
        bezwaar = (
            Bezwaar.objects.select_for_update()
            .select_related("beschikking")
            .get(pk=bezwaar.pk, aanvraag=zaak)
        )
        if not bezwaar.open:
            raise ValidationError(_("Op dit bezwaar is al beslist."))
        oud = bezwaar.beschikking
        besluit = oud.besluit
        if beslissing == BezwaarBeslissing.GEGROND:
            besluit = nieuw_besluit or (
                Besluit.TOEGEKEND if oud.besluit == Besluit.AFGEWEZEN else Besluit.AFGEWEZEN
            )
            Beschikking.objects.filter(pk=oud.pk).update(actueel=False)
            _beschikking_maken(
                zaak=zaak,
                gebruiker=gebruiker,
                ronde=zaak.beschikkingen.count() + 1,
                besluit=besluit,
                soort=zaak.soort,
                categorie=zaak.categorie,
                ingangsdatum=zaak.ingangsdatum,
                einddatum=None if zaak.hele_schoolloopbaan else zaak.einddatum,
                motivering=motivering,
                afwijkend=True,
                verzonden_op=None,
                verzendwijze=oud.verzendwijze,
            )
        bezwaar.beslissing = beslissing
        bezwaar.beslist_op = timezone.localdate()
        bezwaar.motivering = motivering
        bezwaar.save()
        workflow.overgang(
            zaak,
            stappen.BEZWAAR_TOEGEKEND
            if besluit == Besluit.TOEGEKEND
            else stappen.BEZWAAR_AFGEWEZEN,
            door=gebruiker,
            label=_("Beslissing op bezwaar: %(b)s") % {"b": bezwaar.get_beslissing_display()},
            request=request,
        )
    return bezwaar


# Na de TLV --------------------------------------------------------------------------------


def terugplaatsing_vastleggen(
    *,
    gebruiker,
    aanvraag: Aanvraag,
    versie: int,
    datum: date,
    knooppunt_op: date,
    ontvangende_school,
    warme_overdracht: str,
    request=None,
) -> Terugplaatsing:
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, versie, stappen.TERUGPLAATSEN)
        if knooppunt_op > datum:
            raise ValidationError(
                {"knooppunt_op": _("Het knooppunt vindt plaats vóór de terugplaatsing.")}
            )
        if ontvangende_school.soort != "BAO":
            raise ValidationError({"ontvangende_school": _("Kies een reguliere basisschool.")})
        terug = Terugplaatsing.objects.create(
            aanvraag=zaak,
            datum=datum,
            knooppunt_op=knooppunt_op,
            ontvangende_school=ontvangende_school,
            warme_overdracht=warme_overdracht,
            vastgelegd_door=gebruiker,
        )
        workflow.overgang(
            zaak,
            stappen.TERUGPLAATSEN,
            door=gebruiker,
            label=_("Terugplaatsing vastgelegd"),
            request=request,
        )
    return terug


def herbeoordeling_starten(*, gebruiker, aanvraag: Aanvraag, request=None) -> Aanvraag:
    """A new aanvraag (concept) linked to the previous TLV, with the pupil data copied."""
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, None, stappen.HERBEOORDELING)
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


def aanvraag_intrekken(
    *, gebruiker, aanvraag: Aanvraag, versie: int, toelichting: str, request=None
) -> Aanvraag:
    with transaction.atomic():
        zaak = _vergrendel(gebruiker, aanvraag, versie, stappen.INTREKKEN)
        if not (toelichting or "").strip():
            raise ValidationError(
                {"toelichting": _("Geef aan waarom de aanvraag wordt ingetrokken.")}
            )
        workflow.overgang(
            zaak,
            stappen.INTREKKEN,
            door=gebruiker,
            label=_("Aanvraag ingetrokken"),
            toelichting=toelichting,
            request=request,
        )
    return zaak
