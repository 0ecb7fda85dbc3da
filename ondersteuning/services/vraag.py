"""The ondersteuningsvraag from concept to decision: creating it on a pupil's dossier,
filing it (with the parents' valid consent), putting it on a loket meeting's agenda (which
sets the beslistermijn), taking it off, deciding it on that meeting, withdrawing it; and
the attachments of an open vraag (`vraag_bijlage_toevoegen`).

Every service is keyword-only and atomic, and checks scope, then permission, then version,
then content; the status changes only through `workflow.overgang` (history row and audit
event naming the vraag's number, never the pupil)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlingen.models import Leerling, Toestemming
from leerlingen.selectors import leerlingen_voor
from swv import audit, formats, workflow
from swv.roles import Rol
from toelaatbaarheid.validators import bestand_controleren

from .. import selectors, stappen
from ..models import (
    Besluit,
    Loketoverleg,
    Ondersteuningsvraag,
    OverlegStatus,
    Soort,
    VraagBijlage,
)
from .arrangement import arrangement_inhoud_fouten, arrangement_toekennen


class VerouderdeVersie(workflow.VerouderdeVersie):
    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft deze vraag intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


def vergrendel(gebruiker, vraag, versie: int | None, stap) -> Ondersteuningsvraag:
    """Lock the vraag in the user's scope, check the step's permission, then refuse a
    stale version: in that order, so a role without the step learns nothing more."""
    obj = (
        selectors.vragen_voor(gebruiker)
        .select_for_update(of=("self",))
        .filter(pk=getattr(vraag, "pk", None))
        .first()
    )
    if obj is None:
        raise PermissionDenied(_("Deze vraag is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, obj)
    if versie is not None and obj.versie != versie:
        raise VerouderdeVersie()
    return obj


def _toestemming_van(leerling_id, toestemming) -> Toestemming | None:
    if toestemming is None:
        return None
    if toestemming.leerling_id != leerling_id:
        raise ValidationError(
            {"toestemming": _("Deze toestemming hoort niet bij het dossier van deze leerling.")}
        )
    return toestemming


@transaction.atomic
def vraag_aanmaken(
    *,
    gebruiker,
    leerling: Leerling,
    soort: str,
    vraag: str,
    niveaus_1_4: str = "",
    zienswijze_ouders: str = "",
    toestemming: Toestemming | None = None,
    request=None,
) -> Ondersteuningsvraag:
    """A new vraag in state concept on a dossier in the user's scope; swv and school come
    from the dossier. The trajectbegeleider is the creating one, else the dossier's."""
    dossier = leerlingen_voor(gebruiker).filter(pk=getattr(leerling, "pk", None)).first()
    if dossier is None:
        raise PermissionDenied(_("Dit dossier valt buiten uw werkgebied."))
    workflow.eis(gebruiker, stappen.AANMAKEN.permissie, dossier)
    fouten = {}
    if dossier.geanonimiseerd_op is not None:
        raise ValidationError(_("Dit dossier is geanonimiseerd; er kan geen vraag meer bij."))
    if soort not in Soort.values:
        fouten["soort"] = _("Kies wat u het samenwerkingsverband vraagt.")
    if not (vraag or "").strip():
        fouten["vraag"] = _("Beschrijf de vraag aan het samenwerkingsverband.")
    if fouten:
        raise ValidationError(fouten)
    toestemming = _toestemming_van(dossier.pk, toestemming)
    begeleider = gebruiker if gebruiker.rol == Rol.TRAJECTBEGELEIDER else dossier.trajectbegeleider
    obj = Ondersteuningsvraag.objects.create(
        leerling=dossier,
        swv_id=dossier.swv_id,
        school_id=dossier.school_id,
        soort=soort,
        vraag=vraag.strip(),
        niveaus_1_4=(niveaus_1_4 or "").strip(),
        zienswijze_ouders=(zienswijze_ouders or "").strip(),
        toestemming=toestemming,
        trajectbegeleider=begeleider,
        aangemaakt_door=gebruiker,
    )
    workflow.aangemaakt(obj, stappen.AANMAKEN, door=gebruiker, request=request,
                        omschrijving=f"{obj.audit_label} aangemaakt")  # fmt: skip
    return obj


@transaction.atomic
def vraag_indienen(
    *,
    gebruiker,
    vraag: Ondersteuningsvraag,
    versie: int,
    toestemming: Toestemming | None = None,
    request=None,
) -> Ondersteuningsvraag:
    """File the vraag with the SWV. Needs the vraag, what levels 1-4 did, the parents' view
    and their consent, which must not be withdrawn (AVG)."""
    obj = vergrendel(gebruiker, vraag, versie, stappen.INDIENEN)
    if toestemming is not None:
        obj.toestemming = _toestemming_van(obj.leerling_id, toestemming)
    fouten = {}
    if not obj.vraag.strip():
        fouten["vraag"] = _("Beschrijf de vraag aan het samenwerkingsverband.")
    if not obj.niveaus_1_4.strip():
        fouten["niveaus_1_4"] = _("Beschrijf wat in ondersteuningsniveau 1-4 al is gedaan.")
    if not obj.zienswijze_ouders.strip():
        fouten["zienswijze_ouders"] = _("Leg de zienswijze van de ouders vast.")
    if obj.toestemming_id is None:
        fouten["toestemming"] = _("Kies de toestemming van de ouders om gegevens te delen.")
    else:
        geldig = Toestemming.objects.filter(
            pk=obj.toestemming_id, ingetrokken_op__isnull=True
        ).exists()
        if not geldig:
            fouten["toestemming"] = _(
                "De ouders hebben deze toestemming ingetrokken. Leg eerst een nieuwe "
                "toestemming vast in het dossier."
            )
    if fouten:
        raise ValidationError(fouten)
    obj.ingediend_door = gebruiker
    obj.ingediend_op = timezone.localdate()
    if obj.trajectbegeleider_id is None and gebruiker.rol == Rol.TRAJECTBEGELEIDER:
        obj.trajectbegeleider = gebruiker
    workflow.overgang(obj, stappen.INDIENEN, door=gebruiker, request=request)
    return obj


def _overleg(gebruiker, overleg) -> Loketoverleg:
    if overleg is None:
        raise ValidationError({"overleg": _("Kies een loketoverleg.")})
    gevonden = (
        selectors.loketoverleggen_voor(gebruiker)
        .select_for_update(of=("self",))
        .filter(pk=overleg.pk)
        .first()
    )
    if gevonden is None:
        raise PermissionDenied(_("Dit loketoverleg is niet (meer) beschikbaar voor u."))
    return gevonden


@transaction.atomic
def vraag_agenderen(
    *,
    gebruiker,
    vraag: Ondersteuningsvraag,
    overleg: Loketoverleg,
    versie: int,
    request=None,
) -> Ondersteuningsvraag:
    """Put the vraag on a planned loket meeting of its SWV; the SWV decides within the
    SWV's number of working days after that meeting (`uiterlijk_besluit`)."""
    obj = vergrendel(gebruiker, vraag, versie, stappen.AGENDEREN)
    overleg = _overleg(gebruiker, overleg)
    if overleg.swv_id != obj.swv_id:
        raise ValidationError(
            {"overleg": _("Dit loketoverleg is van een ander samenwerkingsverband.")}
        )
    if overleg.status != OverlegStatus.GEPLAND:
        raise ValidationError(
            {
                "overleg": _(
                    "Op dit loketoverleg kunnen geen vragen meer worden geagendeerd "
                    "(status: %(s)s)."
                )
                % {"s": overleg.get_status_display()}
            }  # fmt: skip
        )
    obj.overleg = overleg
    obj.uiterlijk_besluit = selectors.uiterlijk_besluit(overleg)
    workflow.overgang(obj, stappen.AGENDEREN, door=gebruiker, request=request,
                      toelichting=overleg.nummer)  # fmt: skip
    return obj


@transaction.atomic
def vraag_van_agenda_halen(
    *, gebruiker, vraag: Ondersteuningsvraag, versie: int, request=None
) -> Ondersteuningsvraag:
    """Back to submitted, for a later meeting (the term is set again when it is put on
    one)."""
    obj = vergrendel(gebruiker, vraag, versie, stappen.VAN_AGENDA)
    nummer = obj.overleg.nummer if obj.overleg_id else ""
    obj.overleg = None
    obj.uiterlijk_besluit = None
    workflow.overgang(obj, stappen.VAN_AGENDA, door=gebruiker, request=request,
                      toelichting=nummer)  # fmt: skip
    return obj


@transaction.atomic
def vraag_besluiten(
    *,
    gebruiker,
    vraag: Ondersteuningsvraag,
    overleg: Loketoverleg,
    versie: int,
    besluit: str,
    reden: str,
    arrangement: dict | None = None,
    request=None,
) -> Ondersteuningsvraag:
    """The SWV's decision on a vraag on this meeting's agenda: toegekend or afgewezen,
    with the reason the school reads. Refused for a vraag that is not on this meeting's
    agenda, for a meeting that is still to come or already closed. Granting a vraag of
    soort arrangement grants the arrangement in the same transaction: `arrangement` holds
    its goals, uren_per_week and/or budget, startdatum, einddatum and (uitvoerende)
    school; the decision is refused with every message until they are complete."""
    obj = vergrendel(gebruiker, vraag, versie, stappen.TOEKENNEN)
    overleg = _overleg(gebruiker, overleg)
    if obj.overleg_id != overleg.pk:
        raise ValidationError(
            _(
                "Vraag %(vraag)s staat niet op de agenda van loketoverleg %(overleg)s. "
                "Besluit op het overleg waarop de vraag is geagendeerd."
            )
            % {"vraag": obj.nummer, "overleg": overleg.nummer},
            code="niet_op_agenda",
        )
    if overleg.status == OverlegStatus.AFGEROND:
        raise ValidationError(
            _("Dit loketoverleg is afgerond; er kan niet meer op besloten worden.")
        )
    if overleg.datum > timezone.localdate():
        raise ValidationError(
            _("Het loketoverleg is op %(d)s; besluiten kan vanaf die dag.")
            % {"d": formats.kort(overleg.datum)}
        )
    fouten = {}
    if besluit not in Besluit.values:
        fouten["besluit"] = _("Kies toekennen of afwijzen.")
    if not (reden or "").strip():
        fouten["reden"] = _("Geef de reden van het besluit: de school leest die.")
    met_arrangement = besluit == Besluit.TOEGEKEND and obj.soort == Soort.ARRANGEMENT
    if met_arrangement:
        fouten.update(arrangement_inhoud_fouten(arrangement, vraag=obj, gebruiker=gebruiker))
    if fouten:
        raise ValidationError(fouten)
    obj.besluit_reden = reden.strip()
    obj.besloten_op = timezone.localdate()
    obj.besloten_door = gebruiker
    stap = stappen.TOEKENNEN if besluit == Besluit.TOEGEKEND else stappen.AFWIJZEN
    workflow.overgang(obj, stap, door=gebruiker, request=request, toelichting=overleg.nummer)
    if met_arrangement:
        arrangement_toekennen(gebruiker=gebruiker, vraag=obj, gegevens=arrangement,
                              request=request)  # fmt: skip
    return obj


@transaction.atomic
def vraag_intrekken(
    *, gebruiker, vraag: Ondersteuningsvraag, versie: int, reden: str = "", request=None
) -> Ondersteuningsvraag:
    obj = vergrendel(gebruiker, vraag, versie, stappen.INTREKKEN)
    obj.overleg = None
    obj.uiterlijk_besluit = None
    workflow.overgang(obj, stappen.INTREKKEN, door=gebruiker, request=request,
                      toelichting=(reden or "").strip())  # fmt: skip
    return obj


@transaction.atomic
def vraag_bijlage_toevoegen(
    *, gebruiker, vraag: Ondersteuningsvraag, bestand, request=None
) -> VraagBijlage:
    """An attachment (PDF or Word, at most 10 MB, checked by its bytes as the TLV's are)
    on an open vraag in the user's scope. Stored on the private storage under a random
    name; the original file name is kept for the download. Audited by number, never by
    the file's name (it may name the pupil)."""
    obj = vergrendel(gebruiker, vraag, None, stappen.BIJLAGE)
    if bestand is None:
        raise ValidationError({"bestand": _("Kies een bestand.")})
    try:
        mime = bestand_controleren(bestand)
    except ValidationError as fout:
        raise ValidationError({"bestand": fout.messages}) from None
    naam = (getattr(bestand, "name", "") or "bijlage").replace("\\", "/").rsplit("/", 1)[-1]
    bijlage = VraagBijlage(
        vraag=obj, naam=naam[:200], mime=mime, grootte=bestand.size, geupload_door=gebruiker
    )
    bijlage.bestand.save(naam, bestand, save=False)
    # The file is on disk before the row: a failure after this must not leave it behind.
    pad, opslag = bijlage.bestand.name, bijlage.bestand.storage
    try:
        bijlage.save()
        audit.vastleggen(
            actie=audit.AuditActie.AANGEMAAKT, gebruiker=gebruiker, obj=bijlage,
            request=request, omschrijving=f"{obj.nummer}: bijlage {bijlage.pk} toegevoegd",
        )  # fmt: skip
    except Exception:
        opslag.delete(pad)
        raise
    return bijlage
