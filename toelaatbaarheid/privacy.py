"""Retention and AVG inzage for TLV dossiers (registered with swv.bewaartermijnen/inzage).

Retention: a dossier is anonymised N years (setting SWV_BEWAARTERMIJN_TLV_JAREN, domain.md
[check]) after its last beschikking was sent, or after its last step when it ended
without one. A TLV that is still valid (einddatum ahead, or the whole school career) and
a dossier with a bezwaar not yet decided stay. Anonymising keeps what the kengetallen
need (status, soort, school, dates) and removes the pupil's name, the texts, the stored
letters and the attachments.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from swv import documenten
from swv.bewaartermijnen import ANONIMISEREN, Bewaarregel, grensdatum
from swv.inzage import Onderdeel
from swv.models import AuditEvent

from .models import (
    OPEN_STATUSSEN,
    Aanvraag,
    Beschikking,
    Bezwaar,
    Deskundigenadvies,
    Mdo,
    Status,
    StatusWijziging,
)


def verlopen_dossiers(peildatum: date):
    grens = grensdatum(peildatum, settings.SWV_BEWAARTERMIJN_TLV_JAREN)
    grens_tijd = timezone.make_aware(datetime.combine(grens, time.max))
    return (
        Aanvraag.objects.filter(geanonimiseerd_op__isnull=True)
        .exclude(status__in=[*OPEN_STATUSSEN, Status.BEZWAAR])
        .annotate(
            laatste_besluit=Max("beschikkingen__verzonden_op"),
            laatste_stap=Max("historie__tijdstip"),
        )
        .filter(
            Q(laatste_besluit__lte=grens)
            | Q(laatste_besluit__isnull=True, laatste_stap__lte=grens_tijd)
        )
        .exclude(status=Status.TOEGEKEND, hele_schoolloopbaan=True)
        .exclude(status=Status.TOEGEKEND, einddatum__gte=peildatum)
        .exclude(bezwaren__beslissing="")
        .order_by("pk")
    )


@transaction.atomic
def anonimiseren(zaak: Aanvraag) -> None:
    """Anonymise one dossier today (`geanonimiseerd_op` is the day it happened; the
    peildatum only decides which dossiers have expired, see `verlopen_dossiers`)."""
    for bijlage in zaak.bijlagen.all():
        bijlage.bestand.delete(save=False)
        bijlage.delete()
    Aanvraag.objects.filter(pk=zaak.pk).update(
        voornaam="geanonimiseerd",
        achternaam="",
        leerling_sleutel=f"geanonimiseerd-{zaak.pk}",
        geboortedatum=date(zaak.geboortedatum.year, 1, 1),
        groep=None,
        ondersteuningsbehoeften="",
        niveaus_1_4="",
        zienswijze_ouders="",
        geanonimiseerd_op=timezone.localdate(),
    )
    Mdo.objects.filter(aanvraag=zaak).update(
        ondersteuningsbehoeften="", doelen="", terugkeer="", leerlingenvervoer="", afspraken=""
    )
    Deskundigenadvies.objects.filter(aanvraag=zaak).update(motivering="")
    for pdf_id, brief_id in Beschikking.objects.filter(aanvraag=zaak).values_list(
        "pdf", "brief_pdf"
    ):
        documenten.wissen(pdf_id, brief_id)
    Beschikking.objects.filter(aanvraag=zaak).update(motivering="", aan_naam="", aan_adres="")
    for besluit_id, dossier_id in Bezwaar.objects.filter(aanvraag=zaak).values_list(
        "besluit_pdf", "lbt_dossier"
    ):
        documenten.wissen(besluit_id, dossier_id)
    Bezwaar.objects.filter(aanvraag=zaak).update(
        gronden="", motivering="", verweerschrift="", advies=""
    )
    StatusWijziging.objects.filter(aanvraag=zaak).update(toelichting="")


REGEL = Bewaarregel(
    naam="TLV-dossiers",
    actie=ANONIMISEREN,
    verlopen=verlopen_dossiers,
    uitvoeren=anonimiseren,
    label=lambda zaak: zaak.nummer,
)


def inzage(*, user, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    """Everything about one pupil in the TLV dossiers `user` may see (the app's one
    scope, `selectors.aanvragen_voor`), including who viewed them."""
    from .selectors import aanvragen_voor

    zaken = aanvragen_voor(user).filter(
        achternaam__iexact=achternaam.strip(), geboortedatum=geboortedatum
    )
    if voornaam.strip():
        zaken = zaken.filter(voornaam__iexact=voornaam.strip())
    zaken = list(zaken.select_related("school", "swv", "gewenste_school").order_by("pk"))
    if not zaken:
        return []
    ids = [z.pk for z in zaken]
    nummer = {z.pk: z.nummer for z in zaken}
    onderdelen = [
        Onderdeel(
            "TLV-aanvragen",
            [
                "dossier",
                "status",
                "voornaam",
                "achternaam",
                "geboortedatum",
                "groep",
                "school",
                "soort",
                "categorie",
                "ingangsdatum",
                "einddatum",
                "ondersteuningsbehoeften",
                "niveau 1-4",
                "zienswijze ouders",
                "ontvangen op",
            ],
            [
                [
                    z.nummer,
                    z.get_status_display(),
                    z.voornaam,
                    z.achternaam,
                    z.geboortedatum,
                    z.groep,
                    z.school.naam if z.school else "",
                    z.get_soort_display(),
                    z.categorie,
                    z.ingangsdatum,
                    z.einddatum,
                    z.ondersteuningsbehoeften,
                    z.niveaus_1_4,
                    z.zienswijze_ouders,
                    z.ontvangen_op,
                ]
                for z in zaken
            ],
        ),
        Onderdeel(
            "Tijdlijn",
            ["dossier", "tijdstip", "van", "naar", "stap", "toelichting"],
            [
                [
                    nummer[w.aanvraag_id],
                    timezone.localtime(w.tijdstip),
                    w.van,
                    w.naar,
                    w.stap,
                    w.toelichting,
                ]
                for w in StatusWijziging.objects.filter(aanvraag_id__in=ids).order_by("tijdstip")
            ],
        ),
        Onderdeel(
            "MDO",
            ["dossier", "datum", "ondersteuningsbehoeften", "doelen", "terugkeer", "afspraken"],
            [
                [
                    nummer[m.aanvraag_id],
                    m.datum,
                    m.ondersteuningsbehoeften,
                    m.doelen,
                    m.terugkeer,
                    m.afspraken,
                ]
                for m in Mdo.objects.filter(aanvraag_id__in=ids)
            ],
        ),
        Onderdeel(
            "Deskundigenadviezen",
            ["dossier", "deskundige", "datum", "toelaatbaar", "motivering"],
            [
                [nummer[a.aanvraag_id], str(a.deskundige), a.datum, a.toelaatbaar, a.motivering]
                for a in Deskundigenadvies.objects.filter(aanvraag_id__in=ids).select_related(
                    "deskundige"
                )
            ],
        ),
        Onderdeel(
            "Beschikkingen",
            [
                "dossier",
                "nummer",
                "besluit",
                "datum",
                "verzonden op",
                "ingangsdatum",
                "einddatum",
                "motivering",
            ],
            [
                [
                    nummer[b.aanvraag_id],
                    b.nummer,
                    b.get_besluit_display(),
                    b.datum,
                    b.verzonden_op,
                    b.ingangsdatum,
                    b.einddatum,
                    b.motivering,
                ]
                for b in Beschikking.objects.filter(aanvraag_id__in=ids)
            ],
        ),
        Onderdeel(
            "Bezwaren",
            ["dossier", "ontvangen op", "gronden", "beslissing", "beslist op"],
            [
                [nummer[b.aanvraag_id], b.ontvangen_op, b.gronden, b.beslissing, b.beslist_op]
                for b in Bezwaar.objects.filter(aanvraag_id__in=ids)
            ],
        ),
        Onderdeel(
            "Wie heeft het dossier ingezien of gewijzigd",
            ["tijdstip", "gebruiker", "rol", "actie", "omschrijving"],
            [
                [
                    timezone.localtime(e.tijdstip),
                    e.gebruikersnaam,
                    e.rol,
                    e.get_actie_display(),
                    e.omschrijving,
                ]
                for e in AuditEvent.objects.filter(
                    object_type="toelaatbaarheid.aanvraag", object_id__in=[str(i) for i in ids]
                ).order_by("tijdstip")
            ],
        ),
    ]
    return onderdelen
