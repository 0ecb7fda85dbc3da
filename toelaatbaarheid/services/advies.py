"""The two deskundigenadviezen: asking an independent deskundige, and the written advice."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import workflow

from .. import selectors, stappen
from .. import termijnen as t
from ..models import Aanvraag, Deskundige, Deskundigenadvies
from ._gemeen import vergrendel


def onafhankelijkheid_bezwaren(deskundige: Deskundige, zaak: Aanvraag) -> list[str]:
    """Why this deskundige is not independent of the case (empty: independent)."""
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
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.TOEWIJZEN)
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
        zaak = vergrendel(gebruiker, advies.aanvraag, None, None)
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
                request=request,
            )
    return advies
