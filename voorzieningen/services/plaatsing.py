"""A placement in a voorziening, only through a decision: putting a pupil on the waiting
list or placing at once (`plaatsing_aanmaken`), placing from the waiting list, ending a
placement, taking a pupil off the waiting list.

Every service is keyword-only and atomic and checks scope, then permission, then version,
then content; the status changes only through `workflow.overgang` (history row and audit
event naming the placement's number, never the pupil). A placement beyond capacity is
refused unless the user explicitly overrides it with a reason (the message sits on the
field). What "through a decision" checks is in the docstring of `voorzieningen.models`."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ondersteuning.models import Besluit, Ondersteuningsvraag
from ondersteuning.models import Soort as VraagSoort
from ondersteuning.models import Status as VraagStatus
from ondersteuning.selectors import vragen_voor
from swv import formats, workflow

from .. import selectors, stappen
from ..models import Plaatsing, Status, Voorziening


class VerouderdeVersie(workflow.VerouderdeVersie):
    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft deze plaatsing intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


def vergrendel(gebruiker, plaatsing, versie: int | None, stap) -> Plaatsing:
    """Lock the placement in the user's scope, check the step's permission, then refuse a
    stale version."""
    obj = (
        selectors.plaatsingen_voor(gebruiker)
        .select_for_update(of=("self",))
        .filter(pk=getattr(plaatsing, "pk", None))
        .first()
    )
    if obj is None:
        raise PermissionDenied(_("Deze plaatsing is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, obj)
    if versie is None or obj.versie != versie:
        raise VerouderdeVersie()
    return obj


def _vergrendel_voorziening(voorziening_id) -> Voorziening:
    # Locked so two placements at the same moment cannot both take the last seat.
    return Voorziening.objects.select_for_update().get(pk=voorziening_id)


def _bezet(voorziening: Voorziening, behalve=None) -> int:
    """Seats held: placements that are placed and not ended (also those starting later)."""
    qs = Plaatsing.objects.filter(voorziening=voorziening, status=Status.GEPLAATST)
    if behalve is not None:
        qs = qs.exclude(pk=behalve.pk)
    return qs.count()


def _capaciteit(voorziening, boven_capaciteit: bool, reden: str, behalve=None) -> tuple[bool, str]:
    """(beyond capacity?, reason): refused on the fields unless explicitly overridden."""
    reden = (reden or "").strip()
    vol = _bezet(voorziening, behalve) >= voorziening.capaciteit
    if not vol:
        return False, ""
    if not boven_capaciteit:
        raise ValidationError(
            {
                "boven_capaciteit": _(
                    "De voorziening is vol (%(bezet)s van %(cap)s plaatsen bezet). Zet de "
                    "leerling op de wachtlijst, of kies bewust voor plaatsing boven de "
                    "capaciteit en geef de reden."
                )
                % {"bezet": _bezet(voorziening, behalve), "cap": voorziening.capaciteit}
            }
        )
    if not reden:
        raise ValidationError(
            {"capaciteit_reden": _("Geef de reden voor plaatsing boven de capaciteit.")}
        )
    return True, reden


def _startdatum(startdatum, aangemeld_op=None) -> date:
    if startdatum is None:
        raise ValidationError({"startdatum": _("Vul de startdatum van de plaatsing in.")})
    if aangemeld_op and startdatum < aangemeld_op:
        raise ValidationError(
            {"startdatum": _("De startdatum ligt vóór de aanmelding op de wachtlijst (%(d)s).")
             % {"d": formats.kort(aangemeld_op)}}
        )  # fmt: skip
    return startdatum


def _via_mdo(voorziening, leerling_id) -> None:
    """Where the SWV's rule holds (the default), a pupil takes a seat in a collective
    arrangement only after an MDO: a real MDO record on the dossier
    (`selectors.heeft_mdo`), not the loket decision alone. The waiting list needs the
    decision only: it is where the pupil waits while the MDO is held."""
    if selectors.collectief_alleen_via_mdo(voorziening.swv_id) and not selectors.heeft_mdo(
        leerling_id
    ):
        raise ValidationError(
            {"startdatum": _(
                "Plaatsen in een collectief arrangement kan in dit samenwerkingsverband "
                "alleen via het MDO, en voor deze leerling is nog geen MDO vastgelegd. Leg "
                "eerst het MDO vast (in de TLV-aanvraag, of zet het knooppuntoverleg om naar "
                "een MDO), of zet de leerling op de wachtlijst."
            )}
        )  # fmt: skip


def _besluit(gebruiker, voorziening, besluit) -> Ondersteuningsvraag:
    """The decision the placement rests on: a toegekende vraag in the user's scope, of the
    voorziening's SWV, of a soort (and on a meeting) the SWV's rule asks."""
    if besluit is None:
        raise ValidationError(
            {"besluit": _("Kies het besluit (de toegekende ondersteuningsvraag) van de plaatsing.")}
        )
    vraag = vragen_voor(gebruiker).filter(pk=getattr(besluit, "pk", None)).first()
    if vraag is None:
        raise PermissionDenied(_("Deze ondersteuningsvraag valt buiten uw werkgebied."))
    if vraag.status != VraagStatus.BESLOTEN or vraag.besluit != Besluit.TOEGEKEND:
        raise ValidationError(
            {"besluit": _("Plaatsen kan alleen op een toegekende ondersteuningsvraag; vraag "
                          "%(nr)s is niet toegekend.") % {"nr": vraag.nummer}}
        )  # fmt: skip
    if vraag.swv_id != voorziening.swv_id:
        raise ValidationError(
            {"besluit": _("Het besluit is van een ander samenwerkingsverband dan de voorziening.")}
        )
    if selectors.collectief_alleen_via_mdo(voorziening.swv_id):
        if vraag.soort != VraagSoort.VOORZIENING or vraag.overleg_id is None:
            raise ValidationError(
                {"besluit": _(
                    "In dit samenwerkingsverband opent een collectief arrangement alleen via "
                    "het MDO: kies een toegekende vraag om een plaats in een voorziening, "
                    "besloten op een loketoverleg."
                )}
            )  # fmt: skip
    elif vraag.soort not in (VraagSoort.VOORZIENING, VraagSoort.ARRANGEMENT):
        raise ValidationError(
            {"besluit": _("Kies een toegekende vraag om een plaats of een arrangement.")}
        )
    return vraag


@transaction.atomic
def plaatsing_aanmaken(
    *,
    gebruiker,
    voorziening: Voorziening,
    besluit: Ondersteuningsvraag,
    direct_plaatsen: bool = False,
    startdatum: date | None = None,
    boven_capaciteit: bool = False,
    capaciteit_reden: str = "",
    request=None,
) -> Plaatsing:
    """A placement of the pupil of `besluit` in `voorziening`: on the waiting list, or with
    `direct_plaatsen` placed from `startdatum` (refused beyond capacity without an
    explicit override with a reason). One open placement per pupil per voorziening."""
    vz = selectors.voorzieningen_voor(gebruiker).filter(pk=getattr(voorziening, "pk", None)).first()
    if vz is None:
        raise PermissionDenied(_("Deze voorziening is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stappen.AANMELDEN.permissie, vz)
    vz = _vergrendel_voorziening(vz.pk)
    if not vz.actief:
        raise ValidationError(_("Deze voorziening is niet actief; er kan niemand meer bij."))
    vraag = _besluit(gebruiker, vz, besluit)
    if Plaatsing.objects.filter(
        voorziening=vz, leerling_id=vraag.leerling_id, status__in=[Status.WACHTLIJST,
                                                                   Status.GEPLAATST]
    ).exists():  # fmt: skip
        raise ValidationError(
            {"besluit": _("Deze leerling staat al op de wachtlijst of is al geplaatst in "
                          "deze voorziening.")}
        )  # fmt: skip
    vandaag = timezone.localdate()
    boven, reden = False, ""
    if direct_plaatsen:
        startdatum = _startdatum(startdatum)
        _via_mdo(vz, vraag.leerling_id)
        boven, reden = _capaciteit(vz, boven_capaciteit, capaciteit_reden)
    obj = Plaatsing.objects.create(
        voorziening=vz, leerling_id=vraag.leerling_id, besluit=vraag, swv_id=vz.swv_id,
        school_id=vraag.school_id, trajectbegeleider_id=vraag.trajectbegeleider_id,
        aangemeld_op=vandaag, aangemaakt_door=gebruiker,
    )  # fmt: skip
    workflow.aangemaakt(obj, stappen.AANMELDEN, door=gebruiker, request=request,
                        toelichting=f"{vz.nummer}, {vraag.nummer}",
                        omschrijving=f"{obj.audit_label} aangemaakt ({vz.nummer})")  # fmt: skip
    if direct_plaatsen:
        obj.startdatum = startdatum
        obj.boven_capaciteit, obj.capaciteit_reden = boven, reden
        workflow.overgang(obj, stappen.PLAATSEN, door=gebruiker, request=request,
                          toelichting=reden)  # fmt: skip
    return obj


@transaction.atomic
def plaatsing_plaatsen(
    *,
    gebruiker,
    plaatsing: Plaatsing,
    versie: int,
    startdatum: date | None = None,
    boven_capaciteit: bool = False,
    capaciteit_reden: str = "",
    request=None,
) -> Plaatsing:
    """From the waiting list into the voorziening from `startdatum`; refused beyond
    capacity without an explicit override with a reason."""
    obj = vergrendel(gebruiker, plaatsing, versie, stappen.PLAATSEN)
    vz = _vergrendel_voorziening(obj.voorziening_id)
    if not vz.actief:
        raise ValidationError(_("Deze voorziening is niet actief; er kan niemand meer bij."))
    obj.startdatum = _startdatum(startdatum, obj.aangemeld_op)
    _via_mdo(vz, obj.leerling_id)
    obj.boven_capaciteit, obj.capaciteit_reden = _capaciteit(
        vz, boven_capaciteit, capaciteit_reden, behalve=obj
    )
    workflow.overgang(obj, stappen.PLAATSEN, door=gebruiker, request=request,
                      toelichting=obj.capaciteit_reden)  # fmt: skip
    return obj


@transaction.atomic
def plaatsing_beeindigen(
    *,
    gebruiker,
    plaatsing: Plaatsing,
    versie: int,
    einddatum: date | None = None,
    reden: str = "",
    request=None,
) -> Plaatsing:
    """End the placement on `einddatum` (not before its start); the seat is free after."""
    obj = vergrendel(gebruiker, plaatsing, versie, stappen.BEEINDIGEN)
    if einddatum is None:
        raise ValidationError({"einddatum": _("Vul de einddatum van de plaatsing in.")})
    if obj.startdatum and einddatum < obj.startdatum:
        raise ValidationError(
            {"einddatum": _("De einddatum ligt vóór de startdatum (%(d)s).")
             % {"d": formats.kort(obj.startdatum)}}
        )  # fmt: skip
    obj.einddatum = einddatum
    workflow.overgang(obj, stappen.BEEINDIGEN, door=gebruiker, request=request,
                      toelichting=(reden or "").strip())  # fmt: skip
    return obj


@transaction.atomic
def plaatsing_laten_vervallen(
    *, gebruiker, plaatsing: Plaatsing, versie: int, reden: str = "", request=None
) -> Plaatsing:
    """Take the pupil off the waiting list (found another place, no longer needed)."""
    obj = vergrendel(gebruiker, plaatsing, versie, stappen.VERVALLEN)
    workflow.overgang(obj, stappen.VERVALLEN, door=gebruiker, request=request,
                      toelichting=(reden or "").strip())  # fmt: skip
    return obj
