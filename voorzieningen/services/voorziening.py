"""Keeping the register: adding a voorziening to an SWV the user works for and changing
it. SWV staff only. Each write is audited in its transaction (`swv.audit.vastleggen`);
the register holds no pupil data."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from swv import workflow
from swv.audit import AuditActie, vastleggen
from swv.models import Gemeente, Samenwerkingsverband, School, Schoolbestuur
from swv.selectors import samenwerkingsverbanden_voor

from .. import selectors, stappen
from ..models import Doelgroep, Soort, Voorziening

VELDEN = (
    "naam", "soort", "doelgroep", "omschrijving", "gastschool", "bestuur", "gemeente",
    "regio", "capaciteit", "gemeente_aandeel", "actief",
)  # fmt: skip


class VerouderdeVersie(workflow.VerouderdeVersie):
    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft deze voorziening intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


def _schoon(swv, gegevens: dict) -> dict:
    """Validated values; every message on its field. The bestuur follows the host school."""
    fouten = {}
    uit = dict(gegevens)
    uit["naam"] = (uit.get("naam") or "").strip()
    uit["regio"] = (uit.get("regio") or "").strip()
    uit["omschrijving"] = (uit.get("omschrijving") or "").strip()
    if not uit["naam"]:
        fouten["naam"] = _("Vul de naam van de voorziening in.")
    if uit.get("soort") not in Soort.values:
        fouten["soort"] = _("Kies de soort voorziening.")
    if uit.get("doelgroep") not in Doelgroep.values:
        fouten["doelgroep"] = _("Kies de doelgroep van de voorziening.")
    capaciteit = uit.get("capaciteit")
    if capaciteit is None or not isinstance(capaciteit, int) or capaciteit < 0:
        fouten["capaciteit"] = _("Vul het aantal plaatsen in (0 of meer).")
    try:
        aandeel = Decimal(str(uit.get("gemeente_aandeel") if uit.get("gemeente_aandeel")
                              is not None else "0"))  # fmt: skip
    except InvalidOperation:
        aandeel = None
    if aandeel is None or not aandeel.is_finite() or not (0 <= aandeel <= 100):
        fouten["gemeente_aandeel"] = _(
            "Het aandeel van de gemeente is een percentage van 0 tot en met 100."
        )
    else:
        uit["gemeente_aandeel"] = aandeel.quantize(Decimal("0.01"))
    school = uit.get("gastschool")
    if school is not None:
        if not isinstance(school, School) or school.swv_id != swv.pk:
            fouten["gastschool"] = _("Kies een school van dit samenwerkingsverband.")
        else:
            uit["bestuur"] = school.bestuur
            if uit.get("gemeente") is None:
                uit["gemeente"] = school.gemeente
    bestuur = uit.get("bestuur")
    if bestuur is not None and not isinstance(bestuur, Schoolbestuur):
        fouten["bestuur"] = _("Kies een bestuur.")
    elif (
        bestuur is not None
        and school is None
        and not Schoolbestuur.objects.filter(pk=bestuur.pk, scholen__swv=swv).exists()
    ):
        fouten["bestuur"] = _("Kies een bestuur met scholen in dit samenwerkingsverband.")
    gemeente = uit.get("gemeente")
    if gemeente is not None and (
        not isinstance(gemeente, Gemeente)
        or not Gemeente.objects.filter(pk=gemeente.pk, samenwerkingsverbanden=swv).exists()
    ):
        fouten["gemeente"] = _("Kies een gemeente van dit samenwerkingsverband.")
    if fouten:
        raise ValidationError(fouten)
    uit["actief"] = bool(uit.get("actief", True))
    return {k: uit.get(k) for k in VELDEN}


@transaction.atomic
def voorziening_aanmaken(
    *,
    gebruiker,
    swv: Samenwerkingsverband,
    naam: str,
    soort: str,
    doelgroep: str,
    capaciteit: int,
    gemeente_aandeel=0,
    gastschool: School | None = None,
    bestuur: Schoolbestuur | None = None,
    gemeente: Gemeente | None = None,
    regio: str = "",
    omschrijving: str = "",
    actief: bool = True,
    request=None,
) -> Voorziening:
    """A new voorziening in an SWV the user works for."""
    workflow.eis(gebruiker, stappen.VOORZIENING_AANMAKEN.permissie)
    if not samenwerkingsverbanden_voor(gebruiker).filter(pk=getattr(swv, "pk", None)).exists():
        raise PermissionDenied(_("Kies een samenwerkingsverband waarvoor u werkt."))
    gegevens = _schoon(swv, {
        "naam": naam, "soort": soort, "doelgroep": doelgroep, "capaciteit": capaciteit,
        "gemeente_aandeel": gemeente_aandeel, "gastschool": gastschool, "bestuur": bestuur,
        "gemeente": gemeente, "regio": regio, "omschrijving": omschrijving, "actief": actief,
    })  # fmt: skip
    obj = Voorziening.objects.create(swv=swv, **gegevens)
    vastleggen(actie=AuditActie.AANGEMAAKT, gebruiker=gebruiker, obj=obj, request=request,
               omschrijving=f"{obj.audit_label} toegevoegd")  # fmt: skip
    return obj


@transaction.atomic
def voorziening_wijzigen(
    *, gebruiker, voorziening: Voorziening, versie: int, request=None, **gegevens
) -> Voorziening:
    """Change the register entry (the fields of `VELDEN`; others are ignored). Lowering the
    capacity below the current occupancy is allowed: the placements stay, new ones then
    need an explicit override."""
    obj = (
        selectors.voorzieningen_voor(gebruiker)
        .select_for_update(of=("self",))
        .filter(pk=getattr(voorziening, "pk", None))
        .select_related("swv")
        .first()
    )
    if obj is None:
        raise PermissionDenied(_("Deze voorziening is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stappen.VOORZIENING_WIJZIGEN.permissie, obj)
    if versie is None or obj.versie != versie:
        raise VerouderdeVersie()
    huidig = {k: getattr(obj, k) for k in VELDEN}
    nieuw = _schoon(obj.swv, {**huidig, **{k: v for k, v in gegevens.items() if k in VELDEN}})
    gewijzigd = sorted(k for k in VELDEN if nieuw.get(k) != huidig[k])
    for k, waarde in nieuw.items():
        setattr(obj, k, waarde)
    obj.versie += 1
    obj.save()
    vastleggen(actie=AuditActie.GEWIJZIGD, gebruiker=gebruiker, obj=obj, request=request,
               omschrijving=f"{obj.audit_label} gewijzigd",
               details={"velden": gewijzigd})  # fmt: skip
    return obj
