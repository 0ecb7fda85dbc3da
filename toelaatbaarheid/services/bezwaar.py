"""The bezwaar procedure (Awb chapter 7): registering the bezwaar, one service per step of
its handling (each a `Stap` of its own in stappen.py), and the beslissing op bezwaar."""

from contextlib import contextmanager
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import documenten, formats, taken, workflow

from .. import reports, stappen
from .. import termijnen as t
from ..models import Aanvraag, Beschikking, Besluit, Bezwaar, BezwaarBeslissing, LbtAdvies
from ._gemeen import vergrendel
from .beschikking import documenten_bewaren, nieuwe_beschikking


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
    """A bezwaar against the current beschikking; whether it came in on time is recorded."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.BEZWAAR)
        if ontvangen_op > timezone.localdate():
            raise ValidationError({"ontvangen_op": _("De ontvangstdatum ligt in de toekomst.")})
        besch = zaak.beschikkingen.filter(actueel=True).order_by("-ronde").first()
        if besch is None:
            raise ValidationError(_("Er is geen beschikking om bezwaar tegen te maken."))
        if Bezwaar.objects.filter(aanvraag=zaak, beslissing=BezwaarBeslissing.GEGROND).exists():
            # The current beschikking is itself the besluit op bezwaar (Awb 7:11).
            raise ValidationError(
                _(
                    "Op het bezwaar is al beslist. Tegen het besluit op bezwaar staat geen "
                    "nieuw bezwaar open, wel beroep bij de rechtbank."
                )
            )
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
            toelichting=_("Tijdig") if tijdig else _("Buiten de bezwaartermijn ontvangen"),
            request=request,
        )
    return bezwaar


def _vergrendel_bezwaar(gebruiker, bezwaar: Bezwaar, versie, stap) -> tuple[Aanvraag, Bezwaar]:
    """Lock the case (scope, permission, version) and then the bezwaar; refuse one that
    was decided already."""
    zaak = vergrendel(gebruiker, bezwaar.aanvraag, versie, stap)
    bezwaar = (
        Bezwaar.objects.select_for_update()
        .select_related("beschikking")
        .get(pk=bezwaar.pk, aanvraag=zaak)
    )
    if not bezwaar.open:
        raise ValidationError(_("Op dit bezwaar is al beslist."))
    return zaak, bezwaar


@contextmanager
def _behandelstap(gebruiker, bezwaar: Bezwaar, versie, stap, request):
    """One step of handling an open bezwaar: the body checks and sets the bezwaar's fields;
    then it is saved and the step is recorded on the case's timeline (its label)."""
    with transaction.atomic():
        zaak, bezwaar = _vergrendel_bezwaar(gebruiker, bezwaar, versie, stap)
        yield bezwaar
        bezwaar.save()
        workflow.overgang(zaak, stap, door=gebruiker, request=request)


def bezwaar_ontvangst_bevestigen(
    *, gebruiker, bezwaar: Bezwaar, versie: int, datum: date | None = None, request=None
) -> Bezwaar:
    """The receipt of the bezwaar was confirmed to the objector (Awb 6:14), on `datum`
    (default today)."""
    with _behandelstap(gebruiker, bezwaar, versie, stappen.BEZWAAR_ONTVANGST, request) as bz:
        bz.ontvangstbevestiging_op = datum or timezone.localdate()
    return bz


def bezwaar_naar_lbt(
    *,
    gebruiker,
    bezwaar: Bezwaar,
    versie: int,
    verweerschrift: str,
    datum: date | None = None,
    request=None,
) -> Bezwaar:
    """The bezwaar went to the LBT for advice, with the SWV's verweerschrift and the file."""
    with _behandelstap(gebruiker, bezwaar, versie, stappen.BEZWAAR_LBT, request) as bz:
        if not (verweerschrift or "").strip():
            raise ValidationError(
                {"verweerschrift": _("Het verweerschrift hoort bij het verzoek om advies.")}
            )
        bz.verweerschrift = verweerschrift
        bz.lbt_verzonden_op = datum or timezone.localdate()
    return bz


def bezwaar_hoorzitting_plannen(
    *,
    gebruiker,
    bezwaar: Bezwaar,
    versie: int,
    hoorzitting_op: date | None,
    uitnodiging_op: date | None = None,
    request=None,
) -> Bezwaar:
    """The hearing is planned; the parties were invited (on `uitnodiging_op`, default
    today) more than ten days before it (Awb 7:2)."""
    with _behandelstap(gebruiker, bezwaar, versie, stappen.BEZWAAR_HOORZITTING, request) as bz:
        uitnodiging = uitnodiging_op or timezone.localdate()
        if not hoorzitting_op or not t.hoorzitting_uitnodiging_ok(uitnodiging, hoorzitting_op):
            raise ValidationError(
                {
                    "hoorzitting_op": _(
                        "Nodig de partijen meer dan tien dagen vóór de hoorzitting uit (Awb 7:2)."
                    )
                }
            )
        bz.uitnodiging_op, bz.hoorzitting_op = uitnodiging, hoorzitting_op
    return bz


def bezwaar_advies_vastleggen(
    *,
    gebruiker,
    bezwaar: Bezwaar,
    versie: int,
    advies: str,
    uitkomst: str = "",
    datum: date | None = None,
    request=None,
) -> Bezwaar:
    """The LBT's advice was received (on `datum`, default today): its conclusion
    (gegrond, deels gegrond, ongegrond, niet-ontvankelijk) and its reasons in summary."""
    with _behandelstap(gebruiker, bezwaar, versie, stappen.BEZWAAR_ADVIES, request) as bz:
        fouten = {}
        if uitkomst not in LbtAdvies.values:
            fouten["uitkomst"] = _(
                "Kies wat de LBT adviseert: gegrond, deels gegrond, ongegrond of niet-ontvankelijk."
            )
        if not (advies or "").strip():
            fouten["advies"] = _("Vat de motivering van het advies van de LBT samen.")
        vandaag = timezone.localdate()
        if datum is not None and datum > vandaag:
            fouten["datum"] = _("Een advies uit de toekomst is nog niet ontvangen.")
        elif datum is not None and bz.lbt_verzonden_op and datum < bz.lbt_verzonden_op:
            fouten["datum"] = _("Het advies kan niet vóór het verzoek aan de LBT zijn ontvangen.")
        if fouten:
            raise ValidationError(fouten)
        bz.advies_uitkomst = uitkomst
        bz.advies = advies
        bz.advies_op = datum or vandaag
    return bz


def bezwaar_verdagen(*, gebruiker, bezwaar: Bezwaar, versie: int, request=None) -> Bezwaar:
    """The term for deciding on the bezwaar is extended once, by six weeks (Awb 7:10)."""
    with _behandelstap(gebruiker, bezwaar, versie, stappen.BEZWAAR_VERDAGEN, request) as bz:
        if bz.verdaagd:
            raise ValidationError(
                _("De beslistermijn op bezwaar kan maar één keer worden verdaagd.")
            )
        bz.verdaagd = True
    return bz


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
    """Beslissing op bezwaar by the directeur, after the heroverweging (Awb 7:11): not
    before the planned hearing has taken place (7:2) nor, once the LBT was asked, before
    its advice is in; the motivering is required, and says why when the beslissing
    departs from the LBT's advice (7:13 lid 7). Gegrond: a new beschikking (next round)
    replaces the contested one; otherwise the contested one stands. The besluit op
    bezwaar (PDF) is made by a background task after the commit: `bezwaar.taak`."""
    with transaction.atomic():
        zaak, bezwaar = _vergrendel_bezwaar(gebruiker, bezwaar, versie, stappen.BEZWAAR_TOEGEKEND)
        vandaag = timezone.localdate()
        if not bezwaar.hoorzitting_gehouden(vandaag):
            raise ValidationError(
                _(
                    "De hoorzitting is gepland op %(d)s. U kunt pas op het bezwaar beslissen "
                    "nadat de partijen zijn gehoord (artikel 7:2 Awb)."
                )
                % {"d": formats.lang(bezwaar.hoorzitting_op)}
            )
        if bezwaar.lbt_verzonden_op and not bezwaar.advies_uitkomst:
            raise ValidationError(
                _(
                    "Het bezwaar is voorgelegd aan de LBT. Leg eerst het advies van de LBT "
                    "vast; daarna kunt u beslissen."
                )
            )
        if beslissing not in BezwaarBeslissing.values:
            raise ValidationError({"beslissing": _("Kies de beslissing op bezwaar.")})
        if not (motivering or "").strip():
            raise ValidationError({"motivering": _("Motiveer de beslissing op bezwaar.")})
        afwijkend = bezwaar.advies_uitkomst and bezwaar.advies_uitkomst != beslissing
        if afwijkend and len(motivering.strip()) < 40:
            raise ValidationError(
                {
                    "motivering": _(
                        "U wijkt af van het advies van de LBT (%(a)s). Leg in de "
                        "motivering uit waarom (artikel 7:13, zevende lid, Awb)."
                    )
                    % {"a": LbtAdvies(bezwaar.advies_uitkomst).label.lower()}
                }
            )
        oud = bezwaar.beschikking
        besluit = oud.besluit
        if beslissing == BezwaarBeslissing.GEGROND:
            besluit = nieuw_besluit or (
                Besluit.TOEGEKEND if oud.besluit == Besluit.AFGEWEZEN else Besluit.AFGEWEZEN
            )
            Beschikking.objects.filter(pk=oud.pk).update(actueel=False)
            nieuwe_beschikking(
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
        bezwaar.beslist_op = vandaag
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
        bezwaar.taak = taken.starten(
            gebruiker=gebruiker,
            omschrijving=_("Besluit op bezwaar bij %(n)s") % {"n": zaak.nummer},
            functie="toelaatbaarheid.services.bezwaar.besluit_maken",
            terug_url=zaak.get_absolute_url(),
            bezwaar_id=bezwaar.pk,
        )
    return bezwaar


def besluit_maken(*, bezwaar_id: int):
    """Background task (swv.taken): the besluit op bezwaar as sent (and, when the bezwaar
    was gegrond, the documents of the beschikking that replaces the contested one). Made
    once: a retry returns what was kept."""
    bezwaar = Bezwaar.objects.select_related("aanvraag__swv", "beschikking").get(pk=bezwaar_id)
    nieuw = nieuwe_beschikking_van(bezwaar)
    if nieuw is not None and (nieuw.pdf_id is None or nieuw.brief_pdf_id is None):
        documenten_bewaren(nieuw)
    if bezwaar.besluit_pdf_id is None:
        document = documenten.bewaren(
            reports.besluit_op_bezwaar_pdf(bezwaar, nieuw=nieuw),
            f"besluit-op-bezwaar-{bezwaar.aanvraag.nummer}-{bezwaar.pk}.pdf",
        )
        documenten.koppelen(bezwaar, "besluit_pdf", document)
    return bezwaar.besluit_pdf


def nieuwe_beschikking_van(bezwaar: Bezwaar) -> Beschikking | None:
    """The beschikking that replaced the contested one after a gegrond bezwaar."""
    if bezwaar.beslissing != BezwaarBeslissing.GEGROND:
        return None
    return (
        Beschikking.objects.select_related("swv", "aanvraag", "afgegeven_door")
        .filter(aanvraag_id=bezwaar.aanvraag_id, ronde__gt=bezwaar.beschikking.ronde)
        .order_by("ronde")
        .first()
    )


def lbt_dossier_maken(*, bezwaar_id: int):
    """Background task (swv.taken): the one dossier for the LBT (reports.lbt_dossier_pdf),
    kept with the bezwaar (the latest one made replaces an earlier one)."""
    bezwaar = Bezwaar.objects.select_related("aanvraag__swv", "aanvraag__school").get(pk=bezwaar_id)
    document = documenten.bewaren(
        reports.lbt_dossier_pdf(bezwaar), f"lbt-dossier-{bezwaar.aanvraag.nummer}.pdf"
    )
    documenten.koppelen(bezwaar, "lbt_dossier", document)
    return document


def lbt_dossier_starten(*, gebruiker, bezwaar: Bezwaar):
    """Start making the LBT dossier of a bezwaar the user may handle (scope and
    permission as the bezwaar's steps)."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, bezwaar.aanvraag, None, None)
        workflow.eis(gebruiker, "toelaatbaarheid.termijnen_bekijken")
        if not Bezwaar.objects.filter(pk=bezwaar.pk, aanvraag=zaak).exists():
            raise ValidationError(_("Dit bezwaar hoort niet bij deze aanvraag."))
        return taken.starten(
            gebruiker=gebruiker,
            omschrijving=_("Dossier voor de LBT bij %(n)s") % {"n": zaak.nummer},
            functie="toelaatbaarheid.services.bezwaar.lbt_dossier_maken",
            terug_url=zaak.get_absolute_url(),
            bezwaar_id=bezwaar.pk,
        )
