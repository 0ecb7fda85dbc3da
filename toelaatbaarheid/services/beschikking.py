"""The decision and what follows a granted TLV: the beschikking (numbered per SWV and year,
its PDFs stored as sent), the terugplaatsing (to a regular school, or from SO to SBO)
and its nazorg."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import documenten, formats, workflow
from swv.audit import AuditActie, vastleggen
from swv.models import Schoolsoort
from swv.rules import is_directeur

from .. import reports, selectors, stappen
from .. import termijnen as t
from ..models import (
    NAZORG_STANDAARD,
    Aanvraag,
    Beschikking,
    Besluit,
    Nazorgmoment,
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
    """The pupil leaves the S(B)O through the knooppunt: to a regular school, or from SO
    to SBO. The granted TLV ends; the default nazorg moments (NAZORG_STANDAARD: after 6
    weeks, 3 months and 1 year) are planned, to be moved or added on the case page."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, versie, stappen.TERUGPLAATSEN)
        fouten = {}
        if datum is None:
            fouten["datum"] = _("Vul de datum van de terugplaatsing in.")
        if knooppunt_op is None:
            fouten["knooppunt_op"] = _("Vul de datum van het knooppunt in.")
        elif datum is not None and knooppunt_op > datum:
            fouten["knooppunt_op"] = _("Het knooppunt vindt plaats vóór de terugplaatsing.")
        if ontvangende_school is None:
            fouten["ontvangende_school"] = _("Kies de ontvangende school.")
        elif ontvangende_school.soort not in ontvangende_soorten(zaak):
            fouten["ontvangende_school"] = (
                _("Kies een reguliere basisschool of een SBO-school.")
                if zaak.soort == Soort.SO
                else _("Kies een reguliere basisschool.")
            )
        if not (warme_overdracht or "").strip():
            fouten["warme_overdracht"] = _("Leg de afspraken van de warme overdracht vast.")
        if fouten:
            raise ValidationError(fouten)
        terug = Terugplaatsing.objects.create(
            aanvraag=zaak,
            datum=datum,
            knooppunt_op=knooppunt_op,
            ontvangende_school=ontvangende_school,
            warme_overdracht=warme_overdracht,
            vastgelegd_door=gebruiker,
        )
        for label, weken, maanden in NAZORG_STANDAARD:
            Nazorgmoment.objects.create(
                terugplaatsing=terug,
                omschrijving=str(label),
                datum_gepland=t.nazorg_datum(datum, weken=weken, maanden=maanden),
                vastgelegd_door=gebruiker,
            )
        workflow.overgang(
            zaak,
            stappen.TERUGPLAATSEN,
            door=gebruiker,
            label=_("Teruggeplaatst naar %(s)s") % {"s": ontvangende_school.get_soort_display()},
            request=request,
        )
    return terug


def ontvangende_soorten(zaak: Aanvraag) -> tuple[str, ...]:
    """Where a terugplaatsing may go: a regular school; from SO also to SBO."""
    if zaak.soort == Soort.SO:
        return (Schoolsoort.BAO, Schoolsoort.SBO)
    return (Schoolsoort.BAO,)


def nazorg_vastleggen(
    *,
    gebruiker,
    aanvraag: Aanvraag,
    datum_gepland: date,
    moment: int | None = None,
    omschrijving: str = "",
    gehouden_op: date | None = None,
    bevindingen: str = "",
    request=None,
) -> Nazorgmoment:
    """Plan, move or record a nazorg moment of the case's terugplaatsing: `moment` is the
    id of one of its moments, or None for an extra one. Held moments carry a date (not
    in the future, not before the terugplaatsing) and their findings."""
    with transaction.atomic():
        zaak = vergrendel(gebruiker, aanvraag, None, stappen.NAZORG)
        terug = Terugplaatsing.objects.filter(aanvraag=zaak).first()
        if terug is None:
            raise ValidationError(_("Deze aanvraag heeft geen terugplaatsing."))
        if moment is not None:
            obj = (
                Nazorgmoment.objects.select_for_update()
                .filter(terugplaatsing=terug, pk=moment)
                .first()
            )
            if obj is None:
                raise ValidationError(_("Dit nazorgmoment hoort niet bij deze terugplaatsing."))
        else:
            obj = Nazorgmoment(terugplaatsing=terug, vastgelegd_door=gebruiker)
        fouten = {}
        vandaag = timezone.localdate()
        if datum_gepland is None:
            fouten["datum_gepland"] = _("Vul de geplande datum in.")
        elif datum_gepland < terug.datum:
            fouten["datum_gepland"] = _("Nazorg volgt op de terugplaatsing (%(d)s).") % {
                "d": formats.kort(terug.datum)
            }
        if gehouden_op is not None and gehouden_op > vandaag:
            fouten["gehouden_op"] = _("Een gesprek in de toekomst is nog niet gehouden.")
        elif gehouden_op is not None and gehouden_op < terug.datum:
            fouten["gehouden_op"] = _("Het nazorggesprek ligt na de terugplaatsing.")
        bevindingen = (bevindingen or "").strip()
        if gehouden_op is not None and not bevindingen:
            fouten["bevindingen"] = _("Leg de bevindingen van het nazorggesprek vast.")
        elif bevindingen and gehouden_op is None:
            fouten["gehouden_op"] = _("Vul in wanneer het nazorggesprek is gehouden.")
        omschrijving = (omschrijving or "").strip()[:120]
        if obj.pk is None and not omschrijving:
            omschrijving = str(_("Extra nazorgmoment"))
        if fouten:
            raise ValidationError(fouten)
        obj.datum_gepland = datum_gepland
        obj.gehouden_op = gehouden_op
        obj.bevindingen = bevindingen
        if omschrijving:
            obj.omschrijving = omschrijving
        nieuw = obj.pk is None
        obj.save()
        vastleggen(
            actie=AuditActie.AANGEMAAKT if nieuw else AuditActie.GEWIJZIGD,
            gebruiker=gebruiker,
            obj=obj,
            request=request,
            omschrijving=f"{zaak.nummer}: nazorgmoment {obj.pk} "
            + ("gepland" if nieuw else "bijgewerkt"),
        )
    return obj
