"""The decision and what follows a granted TLV: the beschikking (numbered per SWV and year,
its PDFs stored as sent), the terugplaatsing (to a regular school, or from SO to SBO)
and its nazorg."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import documenten, formats, taken, workflow
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
    Verzendwijze,
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
    aan_naam="",
    aan_adres="",
) -> Beschikking:
    """Number and store a beschikking on a locked case; its documents are laid out by a
    background task (`documenten_maken`, started by the caller once it knows who asked).
    Not a service: the caller (`beschikking_afgeven`, `bezwaar_beslissen`) has checked
    scope and permission."""

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
        aan_naam=aan_naam,
        aan_adres=aan_adres,
        afgegeven_door=gebruiker,
    )
    try:
        with transaction.atomic():
            besch.save()
    except IntegrityError as fout:
        raise ValidationError(_("Deze beschikking is al afgegeven.")) from fout
    return besch


def documenten_bewaren(besch: Beschikking) -> None:
    """Lay out the beschikking (with the deskundigenadviezen as its appendix) and the
    letter (with the beschikking behind it) and keep them as sent, replacing earlier
    ones (the demo re-dates its beschikkingen)."""
    for veld, maken, naam in (
        ("pdf", reports.beschikking_pdf, "beschikking"),
        ("brief_pdf", reports.brief_pdf, "brief-ouders"),
    ):
        document = documenten.bewaren(maken(besch), f"{naam}-{besch.nummer}.pdf")
        documenten.koppelen(besch, veld, document)


def documenten_maken(*, beschikking_id: int):
    """Background task (swv.taken): lay out and keep the documents of a beschikking, once:
    a retry after they were made returns what was kept, never a second rendering."""
    besch = Beschikking.objects.select_related("swv", "aanvraag", "afgegeven_door").get(
        pk=beschikking_id
    )
    if besch.pdf_id is None or besch.brief_pdf_id is None:
        documenten_bewaren(besch)
    return besch.brief_pdf if besch.verzendwijze != Verzendwijze.EMAIL else besch.pdf


def documenten_starten(besch: Beschikking, gebruiker):
    """The task that makes the beschikking's documents (after the commit)."""
    return taken.starten(
        gebruiker=gebruiker,
        omschrijving=_("Beschikking %(n)s met brief aan de ouders") % {"n": besch.nummer},
        functie="toelaatbaarheid.services.beschikking.documenten_maken",
        terug_url=besch.aanvraag.get_absolute_url(),
        beschikking_id=besch.pk,
    )


def standaard_motivering(zaak: Aanvraag, besluit: str) -> str:
    """The motivering when the decision follows the MDO-oordeel and both advices: why,
    in terms of the pupil's ondersteuningsbehoefte and the advices (Awb 3:46, 3:47: the
    advices are part of the motivering and go with the beschikking as its appendix)."""
    adviezen = [a for a in zaak.adviezen.all() if a.gegeven]
    wie = _(" en ").join(
        f"{a.deskundige.gebruiker.get_full_name()} ({a.deskundige.get_discipline_display().lower()})"
        for a in adviezen
    )
    mdo = getattr(zaak, "mdo", None)
    mdo_zin = (
        _("Het MDO / knooppunt toeleiding van %(d)s ") % {"d": formats.lang(mdo.datum)}
        if mdo
        else _("Het MDO / knooppunt toeleiding ")
    )
    if besluit == Besluit.TOEGEKEND:
        tekst = _(
            "%(mdo)skwam tot het oordeel dat de leerling toelaatbaar is. Beide deskundigen, "
            "%(wie)s, adviseren de leerling toelaatbaar te verklaren. Zij stellen vast dat de "
            "ondersteuningsbehoefte van de leerling, zoals beschreven onder "
            "'Ondersteuningsbehoefte', groter is dan wat de school van herkomst met de basis- "
            "en extra ondersteuning en de arrangementen van het samenwerkingsverband "
            "(ondersteuningsniveau 1-4) kan bieden, en dat de leerling is aangewezen op het "
            "%(onderwijs)s. Het samenwerkingsverband heeft de adviezen getoetst: zij zijn "
            "zorgvuldig tot stand gekomen, gaan uit van deze ondersteuningsbehoefte en "
            "bevestigen elkaar en het oordeel van het MDO. Het samenwerkingsverband volgt de "
            "adviezen daarom en verklaart de leerling toelaatbaar. De adviezen zijn als bijlage "
            "onderdeel van deze beschikking."
        )
    else:
        tekst = _(
            "%(mdo)skwam tot het oordeel dat de leerling niet toelaatbaar is. Beide "
            "deskundigen, %(wie)s, adviseren de leerling niet toelaatbaar te verklaren. Naar "
            "hun oordeel kan in de ondersteuningsbehoefte van de leerling, zoals beschreven "
            "onder 'Ondersteuningsbehoefte', worden voorzien binnen het regulier onderwijs, "
            "met extra ondersteuning of een arrangement van het samenwerkingsverband "
            "(ondersteuningsniveau 1-4); plaatsing in het %(onderwijs)s is daarvoor niet "
            "nodig. Het samenwerkingsverband heeft de adviezen getoetst: zij zijn zorgvuldig "
            "tot stand gekomen, gaan uit van deze ondersteuningsbehoefte en bevestigen elkaar "
            "en het oordeel van het MDO. Het samenwerkingsverband volgt de adviezen daarom en "
            "wijst de aanvraag af. De school van herkomst houdt de zorgplicht en zoekt met u "
            "naar passende ondersteuning. De adviezen zijn als bijlage onderdeel van deze "
            "beschikking."
        )
    onderwijs = _("speciaal basisonderwijs") if zaak.soort == Soort.SBO else _("speciaal onderwijs")
    return tekst % {"mdo": mdo_zin, "wie": wie, "onderwijs": onderwijs}


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
    aan_naam: str = "",
    aan_adres: str = "",
    request=None,
) -> Beschikking:
    """The directeur decides. When the advices and the MDO-oordeel agree and the decision
    follows them, one confirmation suffices (the motivering then says why, from the
    advices and the ondersteuningsbehoefte); otherwise a motivering is required. The name
    and address go in the window envelope's block (the case page asks for them when it
    is sent by post, `forms.BeschikkingForm`). The PDFs
    (beschikking with the advices, the letter to the parents) are made by a background
    task started after the commit: `besch.taak`."""
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
        aan_naam, aan_adres = (aan_naam or "").strip(), (aan_adres or "").strip()
        if aan_adres and not aan_naam:
            raise ValidationError({"aan_naam": _("Vul ook de naam van de geadresseerde in.")})
        if not motivering.strip():
            motivering = standaard_motivering(zaak, besluit)
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
            aan_naam=aan_naam,
            aan_adres=aan_adres,
        )
        workflow.overgang(
            zaak,
            stappen.TOEKENNEN if besluit == Besluit.TOEGEKEND else stappen.AFWIJZEN,
            door=gebruiker,
            label=_("Beschikking %(n)s afgegeven") % {"n": besch.nummer},
            request=request,
        )
        besch.taak = documenten_starten(besch, gebruiker)
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
