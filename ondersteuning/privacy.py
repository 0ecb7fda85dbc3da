"""Retention and AVG inzage for ondersteuningsvragen and arrangementen (registered with
swv.bewaartermijnen and swv.inzage in `apps.py`).

Retention: domain.md names no term for these records, only for TLV data ("at most three
years after issue" [check]); we use the TLV's term (setting SWV_BEWAARTERMIJN_TLV_JAREN,
or SWV_BEWAARTERMIJN_ROUTE_JAREN where it is set). A vraag is anonymised that many years
after it was decided or withdrawn (its last step), once the arrangementen granted on it
are anonymised; an arrangement that many years after it ended (its einddatum, or the day
it was ended early). Open vragen and running arrangementen always stay. Anonymising
keeps what the kengetallen and the expenditure figures need (soort, status, decision,
school, dates, hours, budget, cost) and removes the texts about the pupil, the
attachments and the history notes. Once every record on a dossier is anonymised, the
dossier follows (leerlingen/privacy.py).
"""

from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import inzage as inzage_
from swv.bewaartermijnen import ANONIMISEREN, Bewaarregel, grensdatum
from swv.inzage import Onderdeel

from .models import (
    OPEN_STATUSSEN,
    Arrangement,
    ArrangementGeschiedenis,
    ArrangementStatus,
    Evaluatie,
    Ondersteuningsvraag,
    VraagBijlage,
    VraagGeschiedenis,
)

GEANONIMISEERD = "[geanonimiseerd]"


def bewaarjaren() -> int:
    """The term for the route's records: the TLV's, unless the SWV set one of its own."""
    return getattr(settings, "SWV_BEWAARTERMIJN_ROUTE_JAREN", settings.SWV_BEWAARTERMIJN_TLV_JAREN)


def _grens_tijd(grens: date):
    return timezone.make_aware(datetime.combine(grens, time.max))


def verlopen_vragen(peildatum: date):
    grens = grensdatum(peildatum, bewaarjaren())
    levend_arrangement = Arrangement.objects.filter(
        vraag=OuterRef("pk"), geanonimiseerd_op__isnull=True
    )
    return (
        Ondersteuningsvraag.objects.filter(geanonimiseerd_op__isnull=True)
        .exclude(status__in=OPEN_STATUSSEN)
        .annotate(laatste_stap=Max("historie__tijdstip"))
        .filter(laatste_stap__lte=_grens_tijd(grens))
        .filter(~Exists(levend_arrangement))
        .order_by("pk")
    )


@transaction.atomic
def vraag_anonimiseren(vraag: Ondersteuningsvraag) -> None:
    for bijlage in VraagBijlage.objects.filter(vraag=vraag):
        bijlage.bestand.delete(save=False)
        bijlage.delete()
    Ondersteuningsvraag.objects.filter(pk=vraag.pk).update(
        vraag="",
        niveaus_1_4="",
        zienswijze_ouders="",
        # A decided vraag keeps a (non-empty) reason: the database asks for one.
        besluit_reden=GEANONIMISEERD if vraag.besluit else "",
        geanonimiseerd_op=timezone.localdate(),
    )
    VraagGeschiedenis.objects.filter(vraag=vraag).update(toelichting="")


def verlopen_arrangementen(peildatum: date):
    grens = grensdatum(peildatum, bewaarjaren())
    return (
        Arrangement.objects.filter(geanonimiseerd_op__isnull=True)
        .filter(
            Q(status=ArrangementStatus.BEEINDIGD, beeindigd_op__lte=grens)
            | Q(
                status__in=[ArrangementStatus.LOPEND, ArrangementStatus.VERLENGD],
                einddatum__lte=grens,
            )
        )  # fmt: skip
        # An extension still kept keeps the arrangement it extends readable.
        .filter(
            ~Exists(
                Arrangement.objects.filter(vorige=OuterRef("pk"), geanonimiseerd_op__isnull=True)
            )
        )  # fmt: skip
        .order_by("pk")
    )


@transaction.atomic
def arrangement_anonimiseren(arrangement: Arrangement) -> None:
    Arrangement.objects.filter(pk=arrangement.pk).update(
        doelen="", reden_einde="", geanonimiseerd_op=timezone.localdate()
    )
    Evaluatie.objects.filter(arrangement=arrangement).update(toelichting="")
    ArrangementGeschiedenis.objects.filter(arrangement=arrangement).update(toelichting="")


VRAGEN = Bewaarregel(
    naam="Ondersteuningsvragen",
    actie=ANONIMISEREN,
    verlopen=verlopen_vragen,
    uitvoeren=vraag_anonimiseren,
    label=lambda vraag: vraag.nummer,
)
# Arrangementen first: a vraag waits for the arrangementen granted on it.
ARRANGEMENTEN = Bewaarregel(
    naam="Arrangementen",
    actie=ANONIMISEREN,
    verlopen=verlopen_arrangementen,
    uitvoeren=arrangement_anonimiseren,
    label=lambda arrangement: arrangement.nummer,
)
REGELS = [ARRANGEMENTEN, VRAGEN]


def inzage(*, user, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    """The vragen (with their attachments and history) and the arrangementen (with their
    evaluations) of this pupil that `user` may see (`selectors.vragen_voor`,
    `selectors.arrangementen_voor`: the privacy officer's own SWVs), and who read them."""
    from .selectors import arrangementen_voor, vragen_voor

    leerling = {"achternaam": achternaam, "geboortedatum": geboortedatum, "voornaam": voornaam}
    vragen = list(
        inzage_.van_leerling(vragen_voor(user), **leerling)
        .select_related("leerling", "school", "swv", "overleg", "toestemming")
        .order_by("pk")
    )
    arrangementen = list(
        inzage_.van_leerling(arrangementen_voor(user), **leerling)
        .select_related("leerling", "school", "vraag", "vorige")
        .order_by("pk")
    )
    if not vragen and not arrangementen:
        return []
    nummer = {v.pk: v.nummer for v in vragen}
    arr_nummer = {a.pk: a.nummer for a in arrangementen}
    onderdelen = [
        Onderdeel(
            _("Ondersteuningsvragen"),
            [_("vraag"), _("dossier"), _("samenwerkingsverband"), _("school"), _("soort"),
             _("status"), _("vraag aan het SWV"), _("niveau 1-4"), _("zienswijze ouders"),
             _("toestemming ouders (datum)"), _("ingediend op"), _("loketoverleg"),
             _("besluit"), _("reden"), _("besloten op")],
            [[v.nummer, v.leerling.nummer, v.swv.code, v.school.naam if v.school else "",
              v.get_soort_display(), v.get_status_display(), v.vraag, v.niveaus_1_4,
              v.zienswijze_ouders, v.toestemming.datum if v.toestemming else None,
              v.ingediend_op, v.overleg.nummer if v.overleg else "", v.get_besluit_display(),
              v.besluit_reden, v.besloten_op]
             for v in vragen],
        ),
        Onderdeel(
            _("Ondersteuningsvragen: bijlagen"),
            [_("vraag"), _("bestandsnaam"), _("grootte (bytes)"), _("toegevoegd op")],
            [[nummer[b.vraag_id], b.naam, b.grootte, timezone.localtime(b.geupload_op)]
             for b in VraagBijlage.objects.filter(vraag_id__in=nummer).order_by("pk")],
        ),
        inzage_.verloop(_("Ondersteuningsvragen: verloop"), _("vraag"), VraagGeschiedenis, "vraag", nummer),
        Onderdeel(
            _("Arrangementen"),
            [_("arrangement"), _("dossier"), _("uitvoerende school"), _("besluit op vraag"),
             _("verlenging van"), _("status"), _("doelen"), _("uren per week"), _("budget"),
             _("kosten"), _("startdatum"), _("einddatum"), _("beëindigd op"),
             _("reden van beëindigen")],
            [[a.nummer, a.leerling.nummer, a.school.naam, a.vraag.nummer if a.vraag else "",
              a.vorige.nummer if a.vorige else "", a.get_status_display(), a.doelen,
              a.uren_per_week, a.budget, a.kosten, a.startdatum, a.einddatum, a.beeindigd_op,
              a.reden_einde]
             for a in arrangementen],
        ),
        Onderdeel(
            _("Arrangementen: evaluaties"),
            [_("arrangement"), _("gepland op"), _("gehouden op"), _("doelen"), _("vervolg"),
             _("toelichting")],
            [[arr_nummer[e.arrangement_id], e.gepland_op, e.gehouden_op,
              e.get_doelen_display(), e.get_vervolg_display(), e.toelichting]
             for e in Evaluatie.objects.filter(arrangement_id__in=arr_nummer)
             .order_by("arrangement_id", "gepland_op", "pk")],
        ),
        inzage_.ontvangers(
            _("Wie heeft de vragen en arrangementen ingezien of gewijzigd"),
            [*vragen, *arrangementen],
        ),
    ]  # fmt: skip
    return onderdelen
