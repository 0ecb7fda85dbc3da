"""The knooppuntoverleg about one pupil: planning it on the pupil's dossier, recording
who took part, the integral picture, the agreed interventions, who has regie and the
next evaluation; marking it held; and turning it into an MDO (knooppunt toeleiding, seed
001 §5.2), which opens the TLV route (`toelaatbaarheid.services.aanvraag_aanmaken`) with
the overleg's data and links the aanvraag.

Every service is keyword-only and atomic, and checks scope, then permission, then
version, then content; the status changes only through `workflow.overgang` (history row
and audit event naming the overleg's number, never the pupil)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlingen.models import Leerling
from leerlingen.selectors import leerlingen_voor
from swv import formats, workflow
from swv.roles import Rol
from toelaatbaarheid import services as tlv
from toelaatbaarheid.models import Aanvraag, Soort

from .. import selectors, stappen
from ..models import Knooppunt, Knooppuntoverleg, PartnerRol
from .knooppunt import vergrendel as knooppunt_vergrendel


class VerouderdeVersie(workflow.VerouderdeVersie):
    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft dit overleg intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


def vergrendel(gebruiker, overleg, versie: int | None, stap) -> Knooppuntoverleg:
    """Lock the overleg in the user's scope, check the step's permission, then refuse a
    stale version: in that order, so a role without the step learns nothing more."""
    obj = (
        selectors.overleggen_voor(gebruiker)
        .select_for_update(of=("self",))
        .select_related("knooppunt", "school", "leerling")
        .filter(pk=getattr(overleg, "pk", None))
        .first()
    )
    if obj is None:
        raise PermissionDenied(_("Dit overleg is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, obj)
    if versie is not None and obj.versie != versie:
        raise VerouderdeVersie()
    return obj


VERSLAGVELDEN = (
    "rollen_aanwezig",
    "deelnemers",
    "integraal_beeld",
    "interventies_onderwijs",
    "interventies_gemeente",
    "interventies_zorg",
    "regie_rol",
    "regie_naam",
    "volgende_evaluatie",
)
_TEKSTEN = (
    "deelnemers",
    "integraal_beeld",
    "interventies_onderwijs",
    "interventies_gemeente",
    "interventies_zorg",
    "regie_naam",
)


def _verslag(datum: date | None, gegevens: dict) -> dict:
    """The report fields, cleaned; Dutch messages per field."""
    waarden = {k: gegevens[k] for k in VERSLAGVELDEN if k in gegevens}
    for veld in _TEKSTEN:
        if veld in waarden:
            waarden[veld] = (waarden[veld] or "").strip()
    fouten = {}
    if "rollen_aanwezig" in waarden:
        rollen = list(dict.fromkeys(waarden["rollen_aanwezig"] or []))
        if any(r not in PartnerRol.values for r in rollen):
            fouten["rollen_aanwezig"] = _("Kies alleen rollen uit de lijst.")
        waarden["rollen_aanwezig"] = [r for r in PartnerRol.values if r in rollen]
    if waarden.get("regie_rol") and waarden["regie_rol"] not in PartnerRol.values:
        fouten["regie_rol"] = _("Kies bij wie de regie ligt.")
    volgende = waarden.get("volgende_evaluatie")
    if volgende is not None and datum is not None and volgende <= datum:
        fouten["volgende_evaluatie"] = _(
            "De volgende evaluatie moet na de datum van het overleg (%(d)s) liggen."
        ) % {"d": formats.kort(datum)}
    if fouten:
        raise ValidationError(fouten)
    return waarden


def ontbrekend(overleg: Knooppuntoverleg) -> dict[str, str]:
    """What the report still needs before the overleg can be marked held, per field."""
    uit = {}
    if not overleg.rollen_aanwezig and not overleg.deelnemers.strip():
        uit["rollen_aanwezig"] = _("Leg vast wie aan het overleg deelnam.")
    if not overleg.integraal_beeld.strip():
        uit["integraal_beeld"] = _("Beschrijf het integrale beeld.")
    if not any(
        getattr(overleg, v).strip()
        for v in ("interventies_onderwijs", "interventies_gemeente", "interventies_zorg")
    ):
        uit["interventies_onderwijs"] = _(
            "Leg ten minste één afgesproken interventie vast (onderwijs, gemeente of zorg)."
        )
    if not overleg.regie_rol:
        uit["regie_rol"] = _("Leg vast bij wie de regie ligt.")
    if overleg.volgende_evaluatie is None:
        uit["volgende_evaluatie"] = _("Vul de datum van de volgende evaluatie in.")
    return uit


@transaction.atomic
def overleg_plannen(
    *,
    gebruiker,
    knooppunt: Knooppunt,
    leerling: Leerling,
    datum: date,
    gegevens: dict | None = None,
    request=None,
) -> Knooppuntoverleg:
    """A new overleg (gepland) of this knooppunt about a pupil whose dossier is in the
    user's scope, in the knooppunt's SWV and at its school (or at no school yet: a
    voorschool child). The trajectbegeleider is the planning one, else the dossier's."""
    kp = knooppunt_vergrendel(gebruiker, knooppunt, stappen.OVERLEG_PLANNEN)
    fouten = {}
    dossier = leerlingen_voor(gebruiker).filter(pk=getattr(leerling, "pk", None)).first()
    if dossier is None:
        fouten["leerling"] = _("Kies een leerlingdossier binnen uw werkgebied.")
    elif dossier.geanonimiseerd_op is not None:
        fouten["leerling"] = _("Dit dossier is geanonimiseerd.")
    elif dossier.swv_id != kp.swv_id or dossier.school_id not in (None, kp.school_id):
        fouten["leerling"] = _("Deze leerling staat niet op de school van dit knooppunt.")
    if datum is None:
        fouten["datum"] = _("Vul de datum van het overleg in.")
    if fouten:
        raise ValidationError(fouten)
    waarden = _verslag(datum, gegevens or {})
    begeleider = gebruiker if gebruiker.rol == Rol.TRAJECTBEGELEIDER else dossier.trajectbegeleider
    obj = Knooppuntoverleg.objects.create(
        knooppunt=kp, leerling=dossier, swv_id=kp.swv_id, school_id=kp.school_id,
        trajectbegeleider=begeleider, datum=datum, aangemaakt_door=gebruiker, **waarden,
    )  # fmt: skip
    workflow.aangemaakt(obj, stappen.OVERLEG_PLANNEN, door=gebruiker, request=request,
                        omschrijving=f"{obj.audit_label} gepland")  # fmt: skip
    return obj


@transaction.atomic
def overleg_wijzigen(
    *,
    gebruiker,
    overleg: Knooppuntoverleg,
    versie: int,
    datum: date | None = None,
    gegevens: dict | None = None,
    request=None,
) -> Knooppuntoverleg:
    """The report of the overleg (before or after it was held; no longer once it is an
    MDO: the TLV aanvraag carries it on)."""
    obj = vergrendel(gebruiker, overleg, versie, stappen.OVERLEG_WIJZIGEN)
    nieuwe_datum = datum or obj.datum
    waarden = _verslag(nieuwe_datum, {**{"volgende_evaluatie": obj.volgende_evaluatie},
                                      **(gegevens or {})})  # fmt: skip
    if obj.status == "gehouden" and nieuwe_datum > timezone.localdate():
        raise ValidationError({"datum": _("Een gehouden overleg kan niet in de toekomst liggen.")})
    obj.datum = nieuwe_datum
    for k, v in waarden.items():
        setattr(obj, k, v)
    if obj.status == "gehouden":
        # A held overleg keeps a complete report.
        mist = ontbrekend(obj)
        if mist:
            raise ValidationError(mist)
    obj.save(update_fields=["datum", *waarden])
    workflow.overgang(obj, stappen.OVERLEG_WIJZIGEN, door=gebruiker, request=request)
    return obj


@transaction.atomic
def overleg_houden(
    *, gebruiker, overleg: Knooppuntoverleg, versie: int, request=None
) -> Knooppuntoverleg:
    """The overleg took place: its report is complete and its date is not in the future."""
    obj = vergrendel(gebruiker, overleg, versie, stappen.OVERLEG_HOUDEN)
    if obj.datum > timezone.localdate():
        raise ValidationError(
            {"datum": _("Het overleg is op %(d)s; het kan vanaf die dag als gehouden worden "
                        "vastgelegd.") % {"d": formats.kort(obj.datum)}}
        )  # fmt: skip
    mist = ontbrekend(obj)
    if mist:
        raise ValidationError(mist)
    workflow.overgang(obj, stappen.OVERLEG_HOUDEN, door=gebruiker, request=request)
    return obj


def tlv_gegevens(overleg: Knooppuntoverleg, *, soort: str, categorie: str = "") -> dict:
    """What the TLV aanvraag takes over from the overleg and the dossier: the pupil, the
    integral picture as the ondersteuningsbehoeften, the agreed interventions as what was
    done in levels 1-4. The parents' view and consent are not assumed: the TLV route
    asks for them before filing."""
    dossier = overleg.leerling
    interventies = [
        (_("Onderwijs"), overleg.interventies_onderwijs),
        (_("Gemeente"), overleg.interventies_gemeente),
        (_("Zorg"), overleg.interventies_zorg),
    ]
    bron = _("Uit knooppuntoverleg %(nr)s van %(d)s.") % {
        "nr": overleg.nummer, "d": formats.kort(overleg.datum)}  # fmt: skip
    niveaus = "\n\n".join(f"{kop}: {tekst}" for kop, tekst in interventies if tekst.strip())
    return {
        "voornaam": dossier.voornaam,
        "achternaam": dossier.achternaam,
        "geboortedatum": dossier.geboortedatum,
        "groep": dossier.groep,
        "soort": soort,
        "categorie": categorie or "",
        "ondersteuningsbehoeften": f"{overleg.integraal_beeld}\n\n{bron}",
        "niveaus_1_4": f"{niveaus}\n\n{bron}" if niveaus else "",
    }


@transaction.atomic
def overleg_naar_mdo(
    *,
    gebruiker,
    overleg: Knooppuntoverleg,
    versie: int,
    soort: str,
    categorie: str = "",
    request=None,
) -> Aanvraag:
    """Turn a held overleg into an MDO (knooppunt toeleiding): a TLV aanvraag in concept
    for the knooppunt's school, prefilled from the overleg and the dossier, through the
    TLV service (which checks its own permission, the school, and refuses a second open
    aanvraag for the pupil). Once only: the overleg then points to its aanvraag."""
    obj = vergrendel(gebruiker, overleg, versie, stappen.NAAR_MDO)
    if obj.aanvraag_id is not None:
        raise workflow.AlGezet(
            _("Dit overleg is al omgezet naar een MDO (%(nr)s).") % {"nr": obj.aanvraag.nummer}
        )
    fouten = {}
    if soort not in Soort.values:
        fouten["soort"] = _("Kies de soort TLV (SBO of SO).")
    if obj.leerling.geboortedatum is None:
        fouten["__all__"] = _(
            "Het dossier van de leerling heeft geen geboortedatum; een TLV-aanvraag heeft die "
            "nodig. Vul die eerst aan in het dossier."
        )
    if fouten:
        raise ValidationError(fouten)
    aanvraag = tlv.aanvraag_aanmaken(
        gebruiker=gebruiker,
        school=obj.school,
        gegevens=tlv_gegevens(obj, soort=soort, categorie=categorie),
        request=request,
    )
    obj.aanvraag = aanvraag
    workflow.overgang(obj, stappen.NAAR_MDO, door=gebruiker, request=request,
                      toelichting=aanvraag.nummer)  # fmt: skip
    return aanvraag
