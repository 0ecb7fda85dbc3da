"""The bezwaar procedure (Awb chapter 7): registering the bezwaar, one service per step of
its handling (each a `Stap` of its own in stappen.py), and the beslissing op bezwaar."""

from contextlib import contextmanager
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import workflow

from .. import stappen
from .. import termijnen as t
from ..models import Aanvraag, Beschikking, Besluit, Bezwaar, BezwaarBeslissing
from ._gemeen import vergrendel
from .beschikking import nieuwe_beschikking


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
    datum: date | None = None,
    request=None,
) -> Bezwaar:
    """The LBT's advice was received (on `datum`, default today), in summary."""
    with _behandelstap(gebruiker, bezwaar, versie, stappen.BEZWAAR_ADVIES, request) as bz:
        if not (advies or "").strip():
            raise ValidationError({"advies": _("Vat het advies van de LBT samen.")})
        bz.advies = advies
        bz.advies_op = datum or timezone.localdate()
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
    """Beslissing op bezwaar by the directeur. Gegrond: a new beschikking (next round)
    replaces the contested one; otherwise the contested one stands."""
    with transaction.atomic():
        zaak, bezwaar = _vergrendel_bezwaar(gebruiker, bezwaar, versie, stappen.BEZWAAR_TOEGEKEND)
        if not (motivering or "").strip():
            raise ValidationError({"motivering": _("Motiveer de beslissing op bezwaar.")})
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
