"""The loket meeting: planning it, recording that it was held, and closing it, which
sends each school with decided vragen one e-mail the same day, without pupil details."""

from collections import Counter
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from swv import formats, workflow
from swv.models import Gebruiker, Samenwerkingsverband
from swv.roles import SWV_ROLLEN, Rol
from swv.selectors import samenwerkingsverbanden_voor

from .. import selectors, stappen
from ..models import Loketoverleg, Status


class VerouderdeVersie(workflow.VerouderdeVersie):
    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft dit loketoverleg intussen gewijzigd. Uw wijziging is "
                "niet opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


def vergrendel(gebruiker, overleg, versie: int | None, stap) -> Loketoverleg:
    obj = (
        selectors.loketoverleggen_voor(gebruiker)
        .select_for_update(of=("self",))
        .filter(pk=getattr(overleg, "pk", None))
        .first()
    )
    if obj is None:
        raise PermissionDenied(_("Dit loketoverleg is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, obj)
    if versie is not None and obj.versie != versie:
        raise VerouderdeVersie()
    return obj


@transaction.atomic
def loketoverleg_plannen(
    *,
    gebruiker,
    swv: Samenwerkingsverband,
    datum: date,
    deelnemers=(),
    gasten: str = "",
    request=None,
) -> Loketoverleg:
    """A loket meeting of an SWV the user works for. Participants are active users of
    that SWV; guests are free text."""
    if not samenwerkingsverbanden_voor(gebruiker).filter(pk=getattr(swv, "pk", None)).exists():
        raise PermissionDenied(_("Kies een samenwerkingsverband waarvoor u werkt."))
    workflow.eis(gebruiker, stappen.OVERLEG_PLANNEN.permissie)
    if datum is None:
        raise ValidationError({"datum": _("Vul de datum van het overleg in.")})
    deelnemers = list(deelnemers or [])
    vreemd = [
        d for d in deelnemers
        if not (d.is_active and d.rol in SWV_ROLLEN
                and d.samenwerkingsverbanden.filter(pk=swv.pk).exists())
    ]  # fmt: skip
    if vreemd:
        raise ValidationError(
            {
                "deelnemers": _(
                    "Kies als deelnemers alleen medewerkers van dit samenwerkingsverband."
                )
            }
        )
    overleg = Loketoverleg.objects.create(
        swv=swv, datum=datum, gasten=(gasten or "").strip(), aangemaakt_door=gebruiker
    )
    overleg.deelnemers.set(deelnemers)
    workflow.aangemaakt(overleg, stappen.OVERLEG_PLANNEN, door=gebruiker, request=request,
                        omschrijving=f"{overleg.audit_label} gepland")  # fmt: skip
    return overleg


@transaction.atomic
def loketoverleg_houden(
    *, gebruiker, overleg: Loketoverleg, versie: int, request=None
) -> Loketoverleg:
    obj = vergrendel(gebruiker, overleg, versie, stappen.OVERLEG_HOUDEN)
    if obj.datum > timezone.localdate():
        raise ValidationError(
            _("Het overleg is op %(d)s; u kunt het pas vanaf die dag als gehouden vastleggen.")
            % {"d": formats.kort(obj.datum)}
        )
    workflow.overgang(obj, stappen.OVERLEG_HOUDEN, door=gebruiker, request=request)
    return obj


@transaction.atomic
def loketoverleg_afronden(
    *, gebruiker, overleg: Loketoverleg, versie: int, request=None, berichten: bool = True
) -> Loketoverleg:
    """Close the meeting once every vraag on its agenda is decided (or taken off), and
    tell each school with decided vragen, after the commit, in one e-mail to its school
    users: that decisions were taken, how many, and a link. No pupil details.
    `berichten=False` only for the demo data (no mail while loading it)."""
    obj = vergrendel(gebruiker, overleg, versie, stappen.OVERLEG_AFRONDEN)
    open_ = list(
        obj.vragen.filter(status=Status.GEAGENDEERD).order_by("pk").values_list("pk", flat=True)
    )
    if open_:
        raise ValidationError(
            _(
                "Nog niet besloten: %(lijst)s. Neem een besluit of haal de vraag van de "
                "agenda voordat u het overleg afrondt."
            )
            % {"lijst": ", ".join(f"OV-{pk:06d}" for pk in open_)}
        )
    obj.afgerond_op = timezone.now()
    workflow.overgang(obj, stappen.OVERLEG_AFRONDEN, door=gebruiker, request=request)
    per_school = Counter(
        obj.vragen.filter(status=Status.BESLOTEN, school__isnull=False).values_list(
            "school_id", flat=True
        )
    )
    basis = request.build_absolute_uri("/")[:-1] if request is not None else ""
    basis = basis or getattr(settings, "SWV_BASIS_URL", "").rstrip("/")
    if berichten:
        transaction.on_commit(lambda: _berichten(dict(per_school), basis))
    return obj


def _berichten(per_school: dict[int, int], basis: str) -> int:
    """One e-mail per school (to its active school users with an address)."""
    link = f"{basis}{reverse('ondersteuning:index')}"
    verstuurd = 0
    for school_id, aantal in sorted(per_school.items()):
        ontvangers = list(
            Gebruiker.objects.filter(rol=Rol.SCHOOL, school_id=school_id, is_active=True)
            .exclude(email="")
            .order_by("pk")
            .values_list("email", flat=True)
        )
        if not ontvangers:
            continue
        tekst = ngettext(
            "Het samenwerkingsverband heeft besluiten genomen: over %(n)d "
            "ondersteuningsvraag van uw school is besloten.",
            "Het samenwerkingsverband heeft besluiten genomen: over %(n)d "
            "ondersteuningsvragen van uw school is besloten.",
            aantal,
        ) % {"n": aantal}
        send_mail(
            subject=_("SWV-portaal: er zijn besluiten genomen"),
            message=(
                _("Beste collega,")
                + "\n\n"
                + tekst
                + "\n\n"
                + _("U leest de besluiten en de redenen na het inloggen op:")
                + f"\n{link}\n"
            ),
            from_email=None,
            recipient_list=ontvangers,
        )
        verstuurd += 1
    return verstuurd
