"""The decision and what follows a granted TLV: the beschikking (numbered per SWV and year,
its PDFs stored as sent) and the terugplaatsing to a regular school."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import documenten, workflow
from swv.rules import is_directeur

from .. import reports, selectors, stappen
from ..models import (
    Aanvraag,
    Beschikking,
    Besluit,
    Soort,
    Status,
    Terugplaatsing,
    TlvInstellingen,
)
from ._gemeen import VerouderdeVersie, vergrendel


def _volgnummer(swv_id: int, jaar: int) -> int:
    # Serialise numbering per SWV: lock its settings row (created once).
    TlvInstellingen.objects.get_or_create(swv_id=swv_id)
    TlvInstellingen.objects.select_for_update().get(swv_id=swv_id)
    hoogste = Beschikking.objects.filter(swv_id=swv_id, jaar=jaar).aggregate(m=Max("volgnummer"))[
        "m"
    ]
    return (hoogste or 0) + 1


def nieuwe_beschikking(
    *,
    zaak,
    gebruiker,
    ronde,
    besluit,
    soort,
    categorie,
    ingangsdatum,
    einddatum,
    motivering,
    afwijkend,
    verzonden_op,
    verzendwijze,
) -> Beschikking:
    """Number, render and store a beschikking on a locked case. Not a service: the caller
    (`beschikking_afgeven`, `bezwaar_beslissen`) has checked scope and permission."""

    vandaag = timezone.localdate()
    besch = Beschikking(
        aanvraag=zaak,
        swv=zaak.swv,
        ronde=ronde,
        jaar=vandaag.year,
        volgnummer=_volgnummer(zaak.swv_id, vandaag.year),
        besluit=besluit,
        soort=soort,
        categorie=categorie if soort == Soort.SO else "",
        ingangsdatum=ingangsdatum if besluit == Besluit.TOEGEKEND else None,
        einddatum=einddatum if besluit == Besluit.TOEGEKEND else None,
        motivering=motivering,
        afwijkend_van_advies=afwijkend,
        datum=vandaag,
        verzonden_op=verzonden_op or vandaag,
        verzendwijze=verzendwijze,
        afgegeven_door=gebruiker,
    )
    try:
        with transaction.atomic():
            besch.save()
    except IntegrityError as fout:
        raise ValidationError(_("Deze beschikking is al afgegeven.")) from fout
    documenten_bewaren(besch)
    return besch


def documenten_bewaren(besch: Beschikking) -> None:
    """Lay out the beschikking and the letter once and keep them as sent (replacing
    earlier ones: the demo re-dates its beschikkingen)."""
    for veld, maken, naam in (
        ("pdf", reports.beschikking_pdf, "beschikking"),
        ("brief_pdf", reports.brief_pdf, "brief-ouders"),
    ):
        document = documenten.bewaren(maken(besch), f"{naam}-{besch.nummer}.pdf")
        documenten.koppelen(besch, veld, document)


def beschikking_afgeven(
    *,
    gebruiker,
    aanvraag: Aanvraag,
    versie: int,
    besluit: str,
    motivering: str = "",
    ingangsdatum: date | None = None,
    einddatum: date | None = None,
    verzonden_op: date | None = None,
    verzendwijze: str = "post",
    request=None,
) -> Beschikking:
    """The directeur decides. When the advices and the MDO-oordeel agree and the decision
    follows them, one confirmation suffices; otherwise a motivering is required. The PDF
    (beschikking and letter to the parents) is rendered and stored in this transaction."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, None, None)
        # A second click on "afgeven" after the first went through: say so, not 403.
        if (
            zaak.status != Status.BESLUITVORMING
            and zaak.beschikkingen.exists()
            and is_directeur(gebruiker)
        ):
            raise workflow.AlGezet(_("Deze beschikking is al afgegeven."), code="al_afgegeven")
        workflow.eis(gebruiker, stappen.TOEKENNEN.permissie, zaak)
        if zaak.versie != versie:
            raise VerouderdeVersie()
        gegeven = [a for a in zaak.adviezen.all() if a.gegeven]
        if len(gegeven) < 2 or len({a.deskundige_id for a in gegeven}) < 2:
            raise ValidationError(
                _("Een beschikking vraagt twee adviezen van twee verschillende deskundigen.")
            )
        eens = selectors.adviezen_eensgezind(zaak)
        volgt = eens is not None and eens == (besluit == Besluit.TOEGEKEND)
        if not volgt and not motivering.strip():
            raise ValidationError(
                {
                    "motivering": _(
                        "De adviezen en het MDO-oordeel wijzen niet allemaal dezelfde kant op, of u wijkt ervan af: motiveer het besluit."
                    )
                }
            )
        ingangsdatum = ingangsdatum or zaak.ingangsdatum
        einddatum = None if zaak.hele_schoolloopbaan else (einddatum or zaak.einddatum)
        if besluit == Besluit.TOEGEKEND and ingangsdatum and einddatum and einddatum < ingangsdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de ingangsdatum.")})
        if not motivering.strip():
            motivering = _(
                "Het MDO / knooppunt toeleiding en beide deskundigen achten de leerling %(w)s "
                "toelaatbaar. Het samenwerkingsverband neemt deze adviezen over; zij zijn bijgevoegd."
            ) % {"w": "" if besluit == Besluit.TOEGEKEND else _("niet")}
            motivering = " ".join(motivering.split())
        besch = nieuwe_beschikking(
            zaak=zaak,
            gebruiker=gebruiker,
            ronde=zaak.beschikkingen.count() + 1,
            besluit=besluit,
            soort=zaak.soort,
            categorie=zaak.categorie,
            ingangsdatum=ingangsdatum,
            einddatum=einddatum,
            motivering=motivering,
            afwijkend=not volgt,
            verzonden_op=verzonden_op,
            verzendwijze=verzendwijze,
        )
        workflow.overgang(
            zaak,
            stappen.TOEKENNEN if besluit == Besluit.TOEGEKEND else stappen.AFWIJZEN,
            door=gebruiker,
            label=_("Beschikking %(n)s afgegeven") % {"n": besch.nummer},
            request=request,
        )
    return besch


def terugplaatsing_vastleggen(
    *,
    gebruiker,
    aanvraag: Aanvraag,
    versie: int,
    datum: date,
    knooppunt_op: date,
    ontvangende_school,
    warme_overdracht: str,
    request=None,
) -> Terugplaatsing:
    """The pupil returns to a regular school: the granted TLV ends."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.TERUGPLAATSEN)
        if knooppunt_op > datum:
            raise ValidationError(
                {"knooppunt_op": _("Het knooppunt vindt plaats vóór de terugplaatsing.")}
            )
        if ontvangende_school.soort != "BAO":
            raise ValidationError({"ontvangende_school": _("Kies een reguliere basisschool.")})
        terug = Terugplaatsing.objects.create(
            aanvraag=zaak,
            datum=datum,
            knooppunt_op=knooppunt_op,
            ontvangende_school=ontvangende_school,
            warme_overdracht=warme_overdracht,
            vastgelegd_door=gebruiker,
        )
        workflow.overgang(
            zaak,
            stappen.TERUGPLAATSEN,
            door=gebruiker,
            request=request,
        )
    return terug
