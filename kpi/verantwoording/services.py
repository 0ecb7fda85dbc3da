"""Every write of the verantwoording: rounds, reports, reviews, reminders.

One service per step of stappen.py. Each checks, in this order, the permission (rules.py)
and the scope (selectors.py), both as PermissionDenied, then the content and the state
(`VerantwoordingFout`, a `swv.workflow.WorkflowFout`, so a ValidationError with a Dutch
message for the user). A step runs in one transaction with the row locked and writes its
history row and audit event through `swv.workflow.overgang`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from swv import documenten, formats, taken, workflow
from swv.audit import AuditActie, vastleggen
from swv.models import Gebruiker, Samenwerkingsverband, Schoolbestuur
from swv.roles import Rol

from . import bronnen, reports, selectors, standaard, stappen
from .models import (
    BEWERKBAAR,
    Aanwending,
    Antwoord,
    Geldstroom,
    Herinnering,
    IndicatorStand,
    OntvangenBedrag,
    Procesindicator,
    Ronde,
    RondeStatus,
    Stand,
    Verslag,
    Vraag,
)
from .volledigheid import ontbrekend


class VerantwoordingFout(workflow.WorkflowFout):
    """A step refused for its content or state; str(exc) is the message for the user."""

    def __str__(self):
        return " ".join(self.messages)


class Onvolledig(VerantwoordingFout):
    def __init__(self, missend: list[str]):
        self.missend = missend
        super().__init__(_("Het verslag is nog niet compleet."), code="onvolledig")


class VersieConflict(VerantwoordingFout, workflow.VerouderdeVersie):
    """Someone else saved the report after this user opened the form."""

    def __init__(self, door: str, op: datetime | None):
        self.door = door
        self.op = op
        tijd = timezone.localtime(op).strftime("%H:%M") if op else ""
        super().__init__(
            _(
                "%(door)s heeft dit verslag om %(tijd)s opgeslagen, nadat u het formulier opende. "
                "Uw wijzigingen zijn NIET opgeslagen; ze staan nog in het formulier hieronder. "
                "Neem over wat u wilt bewaren in de nieuwste versie en sla opnieuw op."
            )
            % {"door": door, "tijd": tijd}
        )


class Verouderd(VerantwoordingFout, workflow.VerouderdeVersie):
    """A round or a part of its form was changed after this user opened the page;
    `huidig` is the saved object, for the conflict page."""

    def __init__(self, huidig, melding: str):
        self.huidig = huidig
        super().__init__(melding)


ALLEEN_STAF = gettext_lazy("Alleen medewerkers van het SWV beheren verantwoordingsrondes.")


def _eis(gebruiker: Gebruiker, stap: workflow.Stap, obj, melding) -> None:
    if not gebruiker.has_perm(stap.permissie, obj):
        raise PermissionDenied(melding)


# Rounds ---------------------------------------------------------------------------------


def _ronde_vergrendelen(gebruiker: Gebruiker, ronde_id: int, stap: workflow.Stap) -> Ronde:
    """The round, locked, once the user may take `stap` on it (else PermissionDenied)."""
    _eis(gebruiker, stap, None, ALLEEN_STAF)
    vergrendeld = (
        selectors.beheerbare_rondes(gebruiker).select_for_update().filter(pk=ronde_id).first()
    )
    if vergrendeld is None:
        raise PermissionDenied(_("Deze ronde valt buiten uw samenwerkingsverbanden."))
    _eis(gebruiker, stap, vergrendeld, ALLEEN_STAF)
    return vergrendeld


def _sjabloon_kopieren(*, bron: Ronde | None, doel: Ronde) -> None:
    """Copy the template of `bron` (the previous round), or the standard form of seed 004."""
    if bron is not None:
        doel.inleiding = bron.inleiding
        doel.focus_van_handelen = bron.focus_van_handelen
        doel.toelichting_middelen = bron.toelichting_middelen
        for vraag in selectors.vragen_van_ronde(bron):
            indicatoren = list(vraag.indicatoren.all())
            kopie = Vraag.objects.create(
                ronde=doel,
                **{
                    veld: getattr(vraag, veld)
                    for veld in (
                        "sectie",
                        "volgorde",
                        "code",
                        "kop",
                        "titel",
                        "toelichting",
                        "soort",
                        "kengetallen",
                        "alleen_speciaal",
                        "verplicht",
                    )
                },
            )
            Procesindicator.objects.bulk_create(
                Procesindicator(vraag=kopie, nummer=i.nummer, tekst=i.tekst) for i in indicatoren
            )
    else:
        doel.inleiding = standaard.INLEIDING
        doel.focus_van_handelen = standaard.FOCUS_VAN_HANDELEN
        doel.toelichting_middelen = standaard.TOELICHTING_MIDDELEN
        for volgorde, rij in enumerate(standaard.VRAGEN, start=1):
            code, sectie, kop, titel, toelichting, soort, kengetallen, speciaal, verplicht, ind = (
                rij
            )
            vraag = Vraag.objects.create(
                ronde=doel,
                sectie=sectie,
                volgorde=volgorde * 10,
                code=code,
                kop=kop,
                titel=titel,
                toelichting=toelichting,
                soort=soort,
                kengetallen=kengetallen,
                alleen_speciaal=speciaal,
                verplicht=verplicht,
            )
            Procesindicator.objects.bulk_create(
                Procesindicator(vraag=vraag, nummer=n, tekst=t) for n, t in ind
            )
    doel.save(update_fields=["inleiding", "focus_van_handelen", "toelichting_middelen"])


@transaction.atomic
def ronde_aanmaken(
    *,
    gebruiker: Gebruiker,
    schooljaar: int,
    deadline: date,
    samenwerkingsverbanden: list[Samenwerkingsverband],
    besturen: list[Schoolbestuur],
    request=None,
) -> Ronde:
    """A new round in preparation, with the template of the previous round of these SWVs
    (or seed 004's form). PermissionDenied for non-staff and outside the user's SWVs;
    refused for a school year these SWVs already have a round for."""
    _eis(gebruiker, stappen.RONDE_AANMAKEN, None, ALLEEN_STAF)
    swv_ids = {s.id for s in samenwerkingsverbanden}
    toegestaan = set(
        selectors.kiesbare_samenwerkingsverbanden(gebruiker).values_list("id", flat=True)
    )
    if not swv_ids <= toegestaan:
        # Only a tampered request gets here: the form offers the user's own SWVs.
        raise PermissionDenied(_("U kunt alleen rondes openen voor uw eigen SWV's."))
    if not swv_ids:
        raise VerantwoordingFout(_("Kies ten minste één samenwerkingsverband."))
    passend = set(selectors.besturen_in_swvs(swv_ids).values_list("id", flat=True))
    buiten = [b.naam for b in besturen if b.id not in passend]
    if buiten:
        raise VerantwoordingFout(
            _("Geen scholen in de gekozen samenwerkingsverbanden: %(namen)s.")
            % {"namen": ", ".join(buiten)}
        )
    bestaand = Ronde.objects.filter(schooljaar=schooljaar, samenwerkingsverbanden__in=swv_ids)
    if bestaand.exists():
        raise VerantwoordingFout(
            _("Voor schooljaar %(jaar)s bestaat al een ronde voor deze samenwerkingsverbanden.")
            % {"jaar": f"{schooljaar}-{schooljaar + 1}"}
        )
    if deadline <= timezone.localdate():
        raise VerantwoordingFout(_("De uiterste inleverdatum ligt in de toekomst."))
    vorige = (
        Ronde.objects.filter(samenwerkingsverbanden__in=swv_ids, schooljaar__lt=schooljaar)
        .order_by("-schooljaar", "-id")
        .first()
    )
    ronde = Ronde.objects.create(
        schooljaar=schooljaar, deadline=deadline, aangemaakt_door=gebruiker
    )
    ronde.samenwerkingsverbanden.set(swv_ids)
    ronde.besturen.set(besturen)
    _sjabloon_kopieren(bron=vorige, doel=ronde)
    workflow.aangemaakt(
        ronde,
        stappen.RONDE_AANMAKEN,
        door=gebruiker,
        request=request,
        toelichting=(
            _("Formulier overgenomen van %(ronde)s; %(n)s besturen.")
            % {"ronde": vorige, "n": len(besturen)}
            if vorige
            else _("Standaardformulier; %(n)s besturen.") % {"n": len(besturen)}
        ),
        omschrijving=f"Verantwoordingsronde {ronde.schooljaar_label} aangemaakt",
    )
    return ronde


@transaction.atomic
def ronde_openen(*, ronde: Ronde, gebruiker: Gebruiker, request=None) -> Ronde:
    """Open the round: one concept report per participating bestuur; the template is
    fixed from now on."""
    ronde = _ronde_vergrendelen(gebruiker, ronde.pk, stappen.RONDE_OPENEN)
    if ronde.status != RondeStatus.VOORBEREIDING:
        raise VerantwoordingFout(_("Deze ronde is al geopend."))
    besturen = list(ronde.besturen.all())
    if not besturen:
        raise VerantwoordingFout(_("Kies eerst de besturen die verantwoording afleggen."))
    if not ronde.vragen.exists():
        raise VerantwoordingFout(_("Het formulier van deze ronde heeft nog geen onderdelen."))
    if ronde.deadline < timezone.localdate():
        raise VerantwoordingFout(_("De uiterste inleverdatum is al voorbij; pas die eerst aan."))
    workflow.overgang(
        ronde,
        stappen.RONDE_OPENEN,
        door=gebruiker,
        request=request,
        toelichting=_("%(n)s verslagen klaargezet.") % {"n": len(besturen)},
        omschrijving=f"Verantwoordingsronde {ronde.schooljaar_label} geopend",
    )
    swv_ids = list(ronde.samenwerkingsverbanden.values_list("id", flat=True))
    for bestuur in besturen:
        Verslag.objects.get_or_create(
            ronde=ronde,
            bestuur=bestuur,
            defaults={"heeft_speciaal": selectors.heeft_speciaal(bestuur.id, swv_ids)},
        )
    return ronde


@transaction.atomic
def ronde_sluiten(*, ronde: Ronde, gebruiker: Gebruiker, request=None) -> Ronde:
    """Close the round: no report can be changed or submitted any more."""
    ronde = _ronde_vergrendelen(gebruiker, ronde.pk, stappen.RONDE_SLUITEN)
    if ronde.status != RondeStatus.OPEN:
        raise VerantwoordingFout(_("Alleen een open ronde kan worden gesloten."))
    workflow.overgang(
        ronde,
        stappen.RONDE_SLUITEN,
        door=gebruiker,
        request=request,
        omschrijving=f"Verantwoordingsronde {ronde.schooljaar_label} gesloten",
    )
    return ronde


@transaction.atomic
def vraag_wijzigen(
    *,
    vraag: Vraag,
    gebruiker: Gebruiker,
    gegevens: dict,
    indicatoren: list[tuple[int, str]] | None = None,
    versie: int | None = None,
) -> Vraag:
    """Change one part of a round's template (texts, required, only for SBO/SO) and, for a
    hoofdonderdeel, its procesindicatoren. Only while the round is in preparation: once
    open, reports refer to the template. Audited; not a row on the round's timeline.

    `versie` is the part's version the form was opened on (the form always sends it):
    when someone saved the part since, nothing is written and `Verouderd` carries the
    saved part."""
    ronde = _ronde_vergrendelen(gebruiker, vraag.ronde_id, stappen.SJABLOON_WIJZIGEN)
    vraag = Vraag.objects.select_for_update().get(pk=vraag.pk, ronde=ronde)
    if versie is not None and vraag.versie != versie:
        raise Verouderd(
            vraag,
            _(
                "Iemand anders heeft dit onderdeel opgeslagen nadat u het opende. Uw wijzigingen "
                "zijn NIET opgeslagen; ze staan nog in het formulier. Vergelijk met de opgeslagen "
                "versie en sla opnieuw op."
            ),
        )
    if ronde.status != RondeStatus.VOORBEREIDING:
        raise VerantwoordingFout(
            _("Het formulier is vast zodra de ronde open is; het kan niet meer worden gewijzigd.")
        )
    velden = ["titel", "kop", "toelichting", "verplicht", "alleen_speciaal"]
    for veld in velden:
        if veld in gegevens:
            setattr(vraag, veld, gegevens[veld])
    vraag.versie += 1
    vraag.save(update_fields=[*velden, "versie"])
    if indicatoren is not None:
        nummers = [n for n, _t in indicatoren]
        if len(set(nummers)) != len(nummers):
            raise VerantwoordingFout(_("Elk nummer van een procesindicator komt één keer voor."))
        vraag.indicatoren.exclude(nummer__in=nummers).delete()
        for nummer, tekst in indicatoren:
            Procesindicator.objects.update_or_create(
                vraag=vraag, nummer=nummer, defaults={"tekst": tekst}
            )
    vastleggen(
        actie=AuditActie.GEWIJZIGD,
        gebruiker=gebruiker,
        obj=ronde,
        omschrijving=f"Formulier verantwoording {ronde.schooljaar_label}: onderdeel {vraag.code}",
        details={"vraag": vraag.pk},
    )
    return vraag


@transaction.atomic
def ronde_deadline_wijzigen(
    *, ronde: Ronde, gebruiker: Gebruiker, deadline: date, versie: int | None = None, request=None
) -> Ronde:
    """Move the deadline (e.g. extend it) of a round that is not closed. Reminders follow
    the new date; thresholds already mailed are not mailed again. `versie`: the round's
    version the page was opened on; when the round changed since (another deadline, opened,
    closed), nothing is written and `Verouderd` carries the saved round."""
    ronde = _ronde_vergrendelen(gebruiker, ronde.pk, stappen.RONDE_DEADLINE)
    if versie is not None and ronde.versie != versie:
        raise Verouderd(
            ronde,
            _(
                "Iemand anders heeft deze ronde gewijzigd nadat u de pagina opende: de uiterste "
                "inleverdatum is nu %(nu)s. Uw datum %(uw)s is NIET opgeslagen; kies opnieuw."
            )
            % {"nu": formats.kort(ronde.deadline), "uw": formats.kort(deadline)},
        )
    if ronde.status == RondeStatus.GESLOTEN:
        raise VerantwoordingFout(_("Deze ronde is gesloten."))
    if deadline < timezone.localdate():
        raise VerantwoordingFout(_("De uiterste inleverdatum kan niet in het verleden liggen."))
    oud = ronde.deadline
    ronde.deadline = deadline
    workflow.overgang(
        ronde,
        stappen.RONDE_DEADLINE,
        door=gebruiker,
        request=request,
        toelichting=f"{oud:%d-%m-%Y} → {deadline:%d-%m-%Y}",
        omschrijving=f"Deadline verantwoording {ronde.schooljaar_label} gewijzigd",
    )
    return ronde


# Reports --------------------------------------------------------------------------------


@dataclass
class AntwoordInvoer:
    tekst: str = ""
    score: Decimal | None = None
    voorbeeld_nummers: str = ""
    voorbeeld_tekst: str = ""


ALLEEN_EIGEN_BESTUUR = gettext_lazy("Alleen het eigen bestuur vult dit verslag in.")


def _verslag_vergrendelen(
    gebruiker: Gebruiker, verslag: Verslag, stap: workflow.Stap, *, melding, buiten=None
) -> Verslag:
    """The report, locked (with its round), once the user may take `stap` on it: the
    role, the scope (selectors.verslagen_voor), then the object rule; else PermissionDenied."""
    _eis(gebruiker, stap, None, melding)
    vergrendeld = (
        selectors.verslagen_voor(gebruiker)
        .select_for_update(of=("self",))
        .select_related("ronde", "bestuur")
        .filter(pk=verslag.pk)
        .first()
    )
    if vergrendeld is None:
        raise PermissionDenied(buiten or melding)
    _eis(gebruiker, stap, vergrendeld, melding)
    return vergrendeld


def _ronde_moet_open_zijn(verslag: Verslag) -> None:
    if verslag.ronde.status != RondeStatus.OPEN:
        raise VerantwoordingFout(
            _("Deze ronde is gesloten; het verslag kan niet meer worden gewijzigd.")
            if verslag.ronde.status == RondeStatus.GESLOTEN
            else _("Deze ronde is nog niet geopend.")
        )


def _weigering_na_mislukte_update(verslag: Verslag, versie: int) -> VerantwoordingFout:
    actueel = Verslag.objects.select_related("bijgewerkt_door").get(pk=verslag.pk)
    if actueel.status not in BEWERKBAAR:
        return VerantwoordingFout(
            _("Dit verslag is %(status)s en kan niet meer worden gewijzigd.")
            % {"status": actueel.get_status_display()}
        )
    door = actueel.bijgewerkt_door
    return VersieConflict(
        door=(door.get_full_name() or door.username) if door else _("een collega"),
        op=actueel.bijgewerkt_op,
    )


@transaction.atomic
def verslag_opslaan(
    *,
    verslag: Verslag,
    gebruiker: Gebruiker,
    versie: int,
    antwoorden: dict[int, AntwoordInvoer],
    standen: dict[int, str],
    ontvangen: dict[tuple[int, str], Decimal | None],
    aanwendingen: list[tuple[str, Decimal]],
) -> Verslag:
    """Save the whole form (partial content is fine) as the next version.

    Optimistic locking: `versie` is the version the form was opened on; if another user of
    the bestuur saved in between, nothing is written and VersieConflict says who and when.
    PermissionDenied for anyone but the report's own bestuur; refused for a
    submitted/accepted report or a round that is not open.
    """
    verslag = _verslag_vergrendelen(
        gebruiker, verslag, stappen.VERSLAG_OPSLAAN, melding=ALLEEN_EIGEN_BESTUUR
    )
    _ronde_moet_open_zijn(verslag)
    nu = timezone.now()
    bijgewerkt = Verslag.objects.filter(pk=verslag.pk, versie=versie, status__in=BEWERKBAAR).update(
        versie=F("versie") + 1, bijgewerkt_op=nu, bijgewerkt_door=gebruiker
    )
    if not bijgewerkt:
        raise _weigering_na_mislukte_update(verslag, versie)

    vragen = {v.id: v for v in verslag.ronde.vragen.all()}
    indicatoren = set(
        Procesindicator.objects.filter(vraag__ronde_id=verslag.ronde_id).values_list(
            "id", flat=True
        )
    )
    swv_ids = set(verslag.ronde.samenwerkingsverbanden.values_list("id", flat=True))
    Antwoord.objects.filter(verslag=verslag).delete()
    Antwoord.objects.bulk_create(
        Antwoord(
            verslag=verslag,
            vraag_id=vraag_id,
            tekst=invoer.tekst.strip(),
            score=invoer.score,
            voorbeeld_nummers=invoer.voorbeeld_nummers.strip(),
            voorbeeld_tekst=invoer.voorbeeld_tekst.strip(),
        )
        for vraag_id, invoer in antwoorden.items()
        if vraag_id in vragen
        and (
            invoer.tekst.strip()
            or invoer.score is not None
            or invoer.voorbeeld_nummers.strip()
            or invoer.voorbeeld_tekst.strip()
        )
    )
    IndicatorStand.objects.filter(verslag=verslag).delete()
    IndicatorStand.objects.bulk_create(
        IndicatorStand(verslag=verslag, indicator_id=i, stand=s)
        for i, s in standen.items()
        if i in indicatoren and s in Stand.values
    )
    OntvangenBedrag.objects.filter(verslag=verslag).delete()
    OntvangenBedrag.objects.bulk_create(
        OntvangenBedrag(verslag=verslag, swv_id=swv_id, soort=soort, bedrag=bedrag)
        for (swv_id, soort), bedrag in ontvangen.items()
        if bedrag is not None and swv_id in swv_ids and soort in Geldstroom.values
    )
    Aanwending.objects.filter(verslag=verslag).delete()
    Aanwending.objects.bulk_create(
        Aanwending(verslag=verslag, volgorde=n, omschrijving=omschrijving.strip(), bedrag=bedrag)
        for n, (omschrijving, bedrag) in enumerate(aanwendingen, start=1)
    )
    verslag.refresh_from_db()
    vastleggen(
        actie=AuditActie.GEWIJZIGD,
        gebruiker=gebruiker,
        obj=verslag,
        omschrijving=f"Verantwoordingsverslag {verslag.ronde.schooljaar_label} opgeslagen",
        details={"versie": verslag.versie},
    )
    return verslag


def ontbrekend_in(verslag: Verslag) -> list[str]:
    """The completeness rule applied to the stored report."""
    swv_ids = selectors.swv_ids_van_bestuur(verslag)
    verplichte = [
        s for s in verslag.ronde.samenwerkingsverbanden.order_by("code") if s.id in swv_ids
    ]
    return ontbrekend(
        verslag,
        selectors.vragen_van_ronde(verslag.ronde),
        selectors.verslag_inhoud(verslag),
        verplichte,
    )


# Documents (in the background, swv.taken) ------------------------------------------------

PDF_VASTLEGGEN = "kpi.verantwoording.services.verslag_pdf_vastleggen"
PDF_CONCEPT = "kpi.verantwoording.services.verslag_pdf_maken"
BUNDEL_MAKEN = "kpi.verantwoording.services.ronde_bundel_maken"


def _pdf_naam(verslag: Verslag) -> str:
    return f"verantwoording-{verslag.ronde.schooljaar_label}-{verslag.bestuur.nummer}.pdf"


def _pdf_laten_vastleggen(verslag: Verslag, gebruiker: Gebruiker) -> None:
    """Queue the document as submitted / accepted (made after the step commits, so the
    request does not wait for the layout); the report links the task for its progress."""
    taak = taken.starten(
        gebruiker=gebruiker,
        omschrijving=_("PDF verantwoording %(bestuur)s %(jaar)s (%(status)s)")
        % {
            "bestuur": verslag.bestuur.naam,
            "jaar": verslag.ronde.schooljaar_label,
            "status": verslag.get_status_display(),
        },
        functie=PDF_VASTLEGGEN,
        terug_url=verslag.get_absolute_url(),
        verslag_id=verslag.pk,
        status=verslag.status,
    )
    Verslag.objects.filter(pk=verslag.pk).update(pdf_taak=taak)
    verslag.pdf_taak = taak


def verslag_pdf_vastleggen(*, verslag_id: int, status: str):
    """Worker (swv.taken): lay out the report and keep it as the document of `status`
    (submitted or accepted); the accepted one replaces the submitted one. Nothing is kept
    when the report has moved on meanwhile (returned, or accepted: its own task follows),
    so a late task never links a document that says the wrong thing. Returns the Document
    (or None)."""
    verslag = Verslag.objects.select_related("ronde", "bestuur").get(pk=verslag_id)
    if verslag.status != status or not verslag.is_ingediend:
        return None
    pdf = reports.verslag_pdf(verslag)  # outside the lock: a review need not wait for it
    vergrendeld = Verslag.objects.select_for_update().filter(pk=verslag_id, status=status).first()
    if vergrendeld is None:
        return None
    document = documenten.bewaren(pdf, _pdf_naam(verslag))
    documenten.koppelen(vergrendeld, "pdf", document)
    return document


def verslag_pdf_aanvragen(*, verslag: Verslag, gebruiker: Gebruiker):
    """Start making the report's PDF for `gebruiker` (who may read the report; else
    PermissionDenied) and return the Taak; None when the document is stored already
    (it is served as it is). A submitted or accepted report without its document (the
    task failed, or the demo) gets the document kept as submitted/accepted; a concept a
    PDF of its current state, for this user only."""
    if not gebruiker.has_perm("verantwoording.bekijken"):
        raise PermissionDenied(_("U kunt dit verslag niet inzien."))
    with transaction.atomic():
        verslag = (
            selectors.verslagen_voor(gebruiker)
            .select_for_update(of=("self",))
            .select_related("ronde", "bestuur")
            .filter(pk=verslag.pk)
            .first()
        )
        if verslag is None:
            raise PermissionDenied(_("U kunt dit verslag niet inzien."))
        if verslag.pdf_id:
            return None
        if verslag.is_ingediend:
            _pdf_laten_vastleggen(verslag, gebruiker)
            return verslag.pdf_taak
        return taken.starten(
            gebruiker=gebruiker,
            omschrijving=_("PDF verantwoording %(bestuur)s %(jaar)s (concept)")
            % {"bestuur": verslag.bestuur.naam, "jaar": verslag.ronde.schooljaar_label},
            functie=PDF_CONCEPT,
            terug_url=verslag.get_absolute_url(),
            verslag_id=verslag.pk,
            gebruiker_id=gebruiker.pk,
        )


def verslag_pdf_maken(*, verslag_id: int, gebruiker_id: int):
    """Worker: the report as it is now, read within the user's scope (a user who lost
    access gets a failed task, not the document). Not linked to the report: a concept
    is not a document the SWV received."""
    gebruiker = Gebruiker.objects.get(pk=gebruiker_id)
    verslag = (
        selectors.verslagen_voor(gebruiker).select_related("ronde", "bestuur").get(pk=verslag_id)
    )
    return documenten.bewaren(reports.verslag_pdf(verslag), _pdf_naam(verslag))


def ronde_bundel_aanvragen(*, ronde: Ronde, gebruiker: Gebruiker, request=None):
    """Start making the round's bundle (cover page and every submitted/accepted report)
    for staff of the round's SWVs (else PermissionDenied); returns the Taak. Audited."""
    if not gebruiker.has_perm(stappen.BEHEREN):
        raise PermissionDenied(ALLEEN_STAF)
    if not selectors.beheerbare_rondes(gebruiker).filter(pk=ronde.pk).exists():
        raise PermissionDenied(_("Deze ronde valt buiten uw samenwerkingsverbanden."))
    with transaction.atomic():
        vastleggen(
            actie=AuditActie.GEDOWNLOAD,
            gebruiker=gebruiker,
            request=request,
            obj=ronde,
            omschrijving=f"Bundel verantwoording {ronde.schooljaar_label} (PDF) aangevraagd",
        )
        return taken.starten(
            gebruiker=gebruiker,
            omschrijving=_("Bundel verantwoording %(jaar)s: alle besturen")
            % {"jaar": ronde.schooljaar_label},
            functie=BUNDEL_MAKEN,
            terug_url=ronde.get_absolute_url(),
            ronde_id=ronde.pk,
            gebruiker_id=gebruiker.pk,
        )


def ronde_bundel_maken(*, ronde_id: int, gebruiker_id: int):
    """Worker: the bundle as the user may see it (scope read in the worker)."""
    gebruiker = Gebruiker.objects.get(pk=gebruiker_id)
    ronde = selectors.beheerbare_rondes(gebruiker).get(pk=ronde_id)
    verslagen = list(selectors.verslagen_van_ronde(gebruiker, ronde, met_pdf=True))
    return documenten.bewaren(
        reports.bundel_pdf(ronde, verslagen),
        f"verantwoording-{ronde.schooljaar_label}-alle-besturen.pdf",
    )


def verslag_indienen(*, verslag: Verslag, gebruiker: Gebruiker, request=None) -> Verslag:
    """Submit the report. PermissionDenied for anyone but its own bestuur; refused in a
    round that is not open, when it was submitted meanwhile (submitting twice at once
    gives exactly one submission: the row lock and the state field) or while parts are
    missing (Onvolledig lists them). Stores the TLV figures; the PDF as submitted is made
    in the background (verslag_pdf_vastleggen) once this commits."""
    with transaction.atomic():
        verslag = _verslag_vergrendelen(
            gebruiker, verslag, stappen.VERSLAG_INDIENEN, melding=ALLEEN_EIGEN_BESTUUR
        )
        _ronde_moet_open_zijn(verslag)
        if not can_proceed(verslag.indienen):
            raise VerantwoordingFout(
                _("Dit verslag is al %(status)s; het kan niet opnieuw worden ingediend.")
                % {"status": verslag.get_status_display()}
            )
        missend = ontbrekend_in(verslag)
        if missend:
            raise Onvolledig(missend)
        getallen = bronnen.kengetallen(
            schooljaar=verslag.ronde.schooljaar, bestuur_ids=[verslag.bestuur_id]
        )
        verslag.kengetallen_bij_indienen = getallen[verslag.bestuur_id]
        workflow.overgang(
            verslag,
            stappen.VERSLAG_INDIENEN,
            door=gebruiker,
            request=request,
            omschrijving=f"Verantwoordingsverslag {verslag.ronde.schooljaar_label} ingediend",
        )
        _pdf_laten_vastleggen(verslag, gebruiker)
    return verslag


def _te_beoordelen(gebruiker: Gebruiker, verslag: Verslag, stap: workflow.Stap) -> Verslag:
    """The submitted report, locked, for a reviewer in its round's SWVs."""
    verslag = _verslag_vergrendelen(
        gebruiker,
        verslag,
        stap,
        melding=ALLEEN_STAF,
        buiten=_("Dit verslag valt buiten uw samenwerkingsverbanden."),
    )
    if verslag.ronde.status == RondeStatus.GESLOTEN:
        raise VerantwoordingFout(_("Deze ronde is gesloten."))
    return verslag


@transaction.atomic
def verslag_teruggeven(
    *, verslag: Verslag, gebruiker: Gebruiker, opmerking: str, request=None
) -> Verslag:
    """Return a submitted report to the bestuur with comments (required)."""
    verslag = _te_beoordelen(gebruiker, verslag, stappen.VERSLAG_TERUGGEVEN)
    opmerking = (opmerking or "").strip()
    if not opmerking:
        raise VerantwoordingFout(_("Schrijf bij het teruggeven wat het bestuur moet aanvullen."))
    if not can_proceed(verslag.teruggeven):
        raise VerantwoordingFout(
            _("Alleen een ingediend verslag kan worden teruggegeven (dit verslag is %(status)s).")
            % {"status": verslag.get_status_display()}
        )
    verslag.opmerking_swv = opmerking
    workflow.overgang(
        verslag,
        stappen.VERSLAG_TERUGGEVEN,
        door=gebruiker,
        request=request,
        toelichting=opmerking,
        omschrijving=f"Verantwoordingsverslag {verslag.ronde.schooljaar_label} teruggegeven",
    )
    # Editable again: the stored document no longer says what the bestuur will send.
    documenten.koppelen(verslag, "pdf", None)
    return verslag


@transaction.atomic
def verslag_accepteren(
    *, verslag: Verslag, gebruiker: Gebruiker, opmerking: str = "", request=None
) -> Verslag:
    """Accept a submitted report: from now on all participating besturen can read it. The
    accepted PDF is made in the background and then replaces the submitted one."""
    verslag = _te_beoordelen(gebruiker, verslag, stappen.VERSLAG_ACCEPTEREN)
    if not can_proceed(verslag.accepteren):
        raise VerantwoordingFout(
            _("Alleen een ingediend verslag kan worden geaccepteerd (dit verslag is %(status)s).")
            % {"status": verslag.get_status_display()}
        )
    workflow.overgang(
        verslag,
        stappen.VERSLAG_ACCEPTEREN,
        door=gebruiker,
        request=request,
        toelichting=(opmerking or "").strip(),
        omschrijving=f"Verantwoordingsverslag {verslag.ronde.schooljaar_label} geaccepteerd",
    )
    _pdf_laten_vastleggen(verslag, gebruiker)
    return verslag


# Reminders ------------------------------------------------------------------------------

DREMPELS = (14, 7, 1)  # days before the deadline


def dagen_tot(deadline: date, vandaag: date) -> int:
    return (deadline - vandaag).days


def herinnering_drempel(deadline: date, vandaag: date) -> int | None:
    """The tightest reminder threshold reached on `vandaag` (None: too early or too late).

    Reminders go 14, 7 and 1 day(s) before the deadline; a run that missed a day still
    sends the one that is due (the threshold is reached, not hit exactly)."""
    dagen = dagen_tot(deadline, vandaag)
    if dagen < 0:
        return None
    bereikt = [d for d in DREMPELS if dagen <= d]
    return min(bereikt) if bereikt else None


def herinneringen_versturen(*, vandaag: date | None = None, basis_url: str = "") -> int:
    """Mail the users of each bestuur whose report in an open round is not yet submitted,
    once per threshold. The mail names the round and the deadline only: no personal data.
    Returns the number of mails sent."""
    vandaag = vandaag or timezone.localdate()
    berichten = []
    verslagen = Verslag.objects.filter(
        ronde__status=RondeStatus.OPEN, status__in=BEWERKBAAR
    ).select_related("ronde", "bestuur")
    for verslag in verslagen:
        drempel = herinnering_drempel(verslag.ronde.deadline, vandaag)
        if drempel is None:
            continue
        ontvangers = list(
            Gebruiker.objects.filter(rol=Rol.BESTUUR, bestuur_id=verslag.bestuur_id, is_active=True)
            .exclude(email="")
            .order_by("id")
            .values_list("email", flat=True)
        )
        with transaction.atomic():
            # Mark this and every wider threshold as done, so a late run sends one mail.
            nieuw = False
            for d in DREMPELS:
                if d >= drempel:
                    try:
                        with transaction.atomic():
                            Herinnering.objects.create(
                                verslag=verslag, drempel=d, ontvangers=len(ontvangers)
                            )
                            nieuw = nieuw or d == drempel
                    except IntegrityError:
                        pass
        if not nieuw or not ontvangers:
            continue
        dagen = dagen_tot(verslag.ronde.deadline, vandaag)
        url = basis_url.rstrip("/") + reverse("verantwoording:verslag", args=[verslag.pk])
        onderwerp = _("Herinnering: verantwoording %(jaar)s, nog %(dagen)s dag(en)") % {
            "jaar": verslag.ronde.schooljaar_label,
            "dagen": dagen,
        }
        tekst = _(
            "Beste collega,\n\n"
            "Het verantwoordingsverslag %(jaar)s van uw bestuur is nog niet ingediend. "
            "De uiterste inleverdatum is %(deadline)s.\n\n"
            "U vindt het verslag in het SWV-portaal: %(url)s\n\n"
            "Met vriendelijke groet,\nHet samenwerkingsverband"
        ) % {
            "jaar": verslag.ronde.schooljaar_label,
            "deadline": formats.kort(verslag.ronde.deadline),
            "url": url,
        }
        berichten.extend(
            (onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [adres]) for adres in ontvangers
        )
    if berichten:
        send_mass_mail(berichten, fail_silently=False)
    return len(berichten)
