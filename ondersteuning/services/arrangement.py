"""The individual arrangement: granted with the loket decision on a vraag of soort
arrangement (`arrangement_toekennen`, called by `vraag_besluiten` in its transaction),
evaluated, ended, or extended by a new decision (a new arrangement pointing to the old
one, which becomes verlengd).

Every service is keyword-only and atomic, and checks scope, then permission, then version,
then content; history rows and audit events go through `workflow.overgang` /
`workflow.aangemaakt` and name the arrangement's number, never the pupil.

The cost is computed here and stored on the arrangement (so totals are one query): the
budget, plus for hours uren per week × weken × the SWV's uurtarief, where weken is the
number of calendar days of the period (both ends included) divided by 7. Kept simple on
purpose (no school holidays); a finances module builds on the stored figure.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv import formats, workflow
from swv.models import School
from swv.selectors import scholen_voor

from .. import selectors, stappen
from ..models import Arrangement, Doelbereik, Evaluatie, Ondersteuningsvraag, Vervolg

CENT = Decimal("0.01")
MAX_UREN = Decimal("40")
MAX_BUDGET = Decimal("1000000")
# Planned evaluations: one halfway when the period is at least this long, one at the end.
HALVERWEGE_VANAF = timedelta(days=28)


class VerouderdeVersie(workflow.VerouderdeVersie):
    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft dit arrangement intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; bekijk de actuele gegevens en probeer het opnieuw."
            )
        )


def _datum(d: date) -> str:
    return formats.kort(d)


def weken(startdatum: date, einddatum: date) -> Decimal:
    """Weeks in the period, both days included (1 January to 7 January is 1)."""
    return Decimal((einddatum - startdatum).days + 1) / Decimal(7)


def kosten_berekenen(
    *,
    uren_per_week: Decimal | None,
    budget: Decimal | None,
    startdatum: date,
    einddatum: date,
    uurtarief: Decimal,
) -> Decimal:
    """Budget plus uren per week × weken × uurtarief, in euros and cents."""
    totaal = Decimal(budget or 0)
    if uren_per_week:
        totaal += Decimal(uren_per_week) * weken(startdatum, einddatum) * Decimal(uurtarief)
    return totaal.quantize(CENT, rounding=ROUND_HALF_UP)


def _bedrag(waarde) -> Decimal | None:
    if waarde in (None, ""):
        return None
    try:
        return Decimal(str(waarde))
    except InvalidOperation:
        return Decimal("NaN")


def _inhoud(gegevens: dict, *, swv_id, gebruiker, ondergrens: date | None = None):
    """Check goals, hours or budget, period and school; the cleaned values and the errors
    per field (Dutch, for the field they belong to)."""
    fouten = {}
    doelen = (gegevens.get("doelen") or "").strip()
    if not doelen:
        fouten["doelen"] = _("Beschrijf de doelen van het arrangement.")
    uren, budget = _bedrag(gegevens.get("uren_per_week")), _bedrag(gegevens.get("budget"))
    if uren is not None and not (uren.is_finite() and Decimal(0) < uren <= MAX_UREN):
        fouten["uren_per_week"] = _("Vul een aantal uren per week in tussen 0 en 40.")
    if budget is not None and not (budget.is_finite() and Decimal(0) < budget <= MAX_BUDGET):
        fouten["budget"] = _("Vul een budget in groter dan € 0 en niet boven € 1.000.000.")
    if uren is None and budget is None:
        fouten["uren_per_week"] = _(
            "Vul de uren per week of het budget in (of allebei): een arrangement zonder "
            "uren en zonder budget kent het samenwerkingsverband niet toe."
        )
    start, eind = gegevens.get("startdatum"), gegevens.get("einddatum")
    if not isinstance(start, date):
        fouten["startdatum"] = _("Vul de startdatum van het arrangement in.")
    elif ondergrens and start < ondergrens:
        fouten["startdatum"] = _(
            "Een verlenging begint niet vóór het arrangement dat u verlengt (%(d)s)."
        ) % {"d": _datum(ondergrens)}
    if not isinstance(eind, date):
        fouten["einddatum"] = _("Vul de einddatum van het arrangement in.")
    elif isinstance(start, date) and eind < start:
        fouten["einddatum"] = _(
            "De einddatum ligt vóór de startdatum (%(d)s). Een arrangement eindigt op of na "
            "de dag waarop het begint."
        ) % {"d": _datum(start)}
    school = gegevens.get("school")
    if school is None:
        fouten["school"] = _("Kies de school die het arrangement uitvoert.")
    elif not (
        isinstance(school, School)
        and school.swv_id == swv_id
        and scholen_voor(gebruiker).filter(pk=school.pk).exists()
    ):
        fouten["school"] = _("Kies een school in het samenwerkingsverband van deze leerling.")
    schoon = {
        "doelen": doelen,
        "uren_per_week": uren,
        "budget": budget,
        "startdatum": start,
        "einddatum": eind,
        "school": school,
    }
    return schoon, fouten


def arrangement_inhoud_fouten(gegevens: dict | None, *, vraag, gebruiker) -> dict:
    """The errors in the arrangement part of a decision (empty when it is complete), so
    `vraag_besluiten` refuses the whole decision, with every message, before writing."""
    return _inhoud(gegevens or {}, swv_id=vraag.swv_id, gebruiker=gebruiker)[1]


def _nieuw(*, gebruiker, gegevens, leerling_id, swv_id, vraag=None, vorige=None, trajectbegeleider):
    tarief = selectors.uurtarief(swv_id) if gegevens["uren_per_week"] else None
    obj = Arrangement.objects.create(
        leerling_id=leerling_id,
        swv_id=swv_id,
        school=gegevens["school"],
        vraag=vraag,
        vorige=vorige,
        doelen=gegevens["doelen"],
        uren_per_week=gegevens["uren_per_week"],
        budget=gegevens["budget"],
        uurtarief=tarief,
        kosten=kosten_berekenen(uurtarief=tarief or 0, **_periode_en_omvang(gegevens)),
        startdatum=gegevens["startdatum"],
        einddatum=gegevens["einddatum"],
        trajectbegeleider=trajectbegeleider,
        besloten_door=gebruiker,
        besloten_op=timezone.localdate(),
    )
    start, eind = obj.startdatum, obj.einddatum
    momenten = [eind]
    if eind - start >= HALVERWEGE_VANAF:
        momenten.insert(0, start + timedelta(days=(eind - start).days // 2))
    Evaluatie.objects.bulk_create(Evaluatie(arrangement=obj, gepland_op=d) for d in momenten)
    return obj


def _periode_en_omvang(gegevens):
    return {k: gegevens[k] for k in ("uren_per_week", "budget", "startdatum", "einddatum")}


def arrangement_toekennen(
    *, gebruiker, vraag: Ondersteuningsvraag, gegevens: dict, request=None
) -> Arrangement:
    """The arrangement granted by the decision on `vraag`; called by `vraag_besluiten`
    inside its transaction, after it checked scope, permission and version and took the
    decision step (so a refusal here rolls the decision back: nothing half-saved). Only
    for a vraag of soort arrangement just granted, once."""
    if not (vraag.status == "besloten" and vraag.besluit == "toegekend"
            and vraag.soort == "arrangement"):  # fmt: skip
        raise workflow.StapNietToegestaan(vraag)
    if Arrangement.objects.filter(vraag=vraag).exists():
        raise workflow.AlGezet(_("Op dit besluit is het arrangement al vastgelegd."))
    schoon, fouten = _inhoud(gegevens, swv_id=vraag.swv_id, gebruiker=gebruiker)
    if fouten:
        raise ValidationError(fouten)
    obj = _nieuw(
        gebruiker=gebruiker, gegevens=schoon, leerling_id=vraag.leerling_id,
        swv_id=vraag.swv_id, vraag=vraag, trajectbegeleider=vraag.trajectbegeleider,
    )  # fmt: skip
    workflow.aangemaakt(obj, stappen.ARRANGEMENT_TOEGEKEND, door=gebruiker, request=request,
                        toelichting=vraag.nummer,
                        omschrijving=f"{obj.audit_label} toegekend op {vraag.audit_label}")  # fmt: skip
    return obj


def vergrendel(gebruiker, arrangement, versie: int | None, stap) -> Arrangement:
    """Lock the arrangement in the user's scope, check the step's permission, then refuse
    a stale version: in that order, so a role without the step learns nothing more."""
    obj = (
        selectors.arrangementen_voor(gebruiker)
        .select_for_update(of=("self",))
        .filter(pk=getattr(arrangement, "pk", None))
        .first()
    )
    if obj is None:
        raise PermissionDenied(_("Dit arrangement is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, obj)
    if versie is not None and obj.versie != versie:
        raise VerouderdeVersie()
    return obj


@transaction.atomic
def arrangement_evalueren(
    *,
    gebruiker,
    arrangement: Arrangement,
    versie: int,
    gehouden_op: date,
    doelen: str,
    vervolg: str,
    toelichting: str = "",
    moment: Evaluatie | None = None,
    request=None,
) -> Evaluatie:
    """Record an evaluation of a running arrangement: on one of its planned moments, or
    (without `moment`) as an extra one. Held on or after the start and not in the future;
    the goals met, partly or not; continue, stop or escalate. The status does not change:
    ending or extending is a decision of the SWV (its own steps)."""
    obj = vergrendel(gebruiker, arrangement, versie, stappen.EVALUEREN)
    fouten = {}
    if not isinstance(gehouden_op, date):
        fouten["gehouden_op"] = _("Vul de datum in waarop de evaluatie is gehouden.")
    elif gehouden_op < obj.startdatum:
        fouten["gehouden_op"] = _(
            "De evaluatie ligt vóór de start van het arrangement (%(d)s). Vul de datum in "
            "waarop de evaluatie is gehouden."
        ) % {"d": _datum(obj.startdatum)}
    elif gehouden_op > timezone.localdate():
        fouten["gehouden_op"] = _("Een evaluatie legt u vast nadat die is gehouden, niet vooraf.")
    if doelen not in Doelbereik.values:
        fouten["doelen"] = _("Kies of de doelen behaald, deels behaald of niet behaald zijn.")
    if vervolg not in Vervolg.values:
        fouten["vervolg"] = _("Kies het vervolg: voortzetten, stoppen of opschalen.")
    if moment is not None:
        moment = Evaluatie.objects.filter(pk=moment.pk, arrangement=obj).first()
        if moment is None:
            fouten["moment"] = _("Dit evaluatiemoment hoort niet bij dit arrangement.")
        elif moment.gehouden:
            raise workflow.AlGezet(
                _("Deze evaluatie is al vastgelegd (op %(d)s).") % {"d": _datum(moment.gehouden_op)}
            )
    if fouten:
        raise ValidationError(fouten)
    if moment is None:
        moment = Evaluatie(arrangement=obj, gepland_op=gehouden_op)
    moment.gehouden_op = gehouden_op
    moment.doelen = doelen
    moment.vervolg = vervolg
    moment.toelichting = (toelichting or "").strip()
    moment.vastgelegd_door = gebruiker
    moment.save()
    workflow.overgang(obj, stappen.EVALUEREN, door=gebruiker, request=request,
                      toelichting=f"{moment.get_doelen_display()}; {moment.get_vervolg_display()}")  # fmt: skip
    return moment


@transaction.atomic
def arrangement_beeindigen(
    *,
    gebruiker,
    arrangement: Arrangement,
    versie: int,
    einddatum: date,
    reden: str,
    request=None,
) -> Arrangement:
    """End a running arrangement on `einddatum` (on or after its start, not after its
    planned end: longer is an extension). The period and, for hours, the cost are cut
    back to that day."""
    obj = vergrendel(gebruiker, arrangement, versie, stappen.BEEINDIGEN)
    fouten = {}
    if not isinstance(einddatum, date):
        fouten["einddatum"] = _("Vul de dag in waarop het arrangement stopt.")
    elif einddatum < obj.startdatum:
        fouten["einddatum"] = _("Deze dag ligt vóór de start van het arrangement (%(d)s).") % {
            "d": _datum(obj.startdatum)
        }
    elif einddatum > obj.einddatum:
        fouten["einddatum"] = _(
            "Deze dag ligt na de geplande einddatum (%(d)s). Langer doorgaan is een "
            "verlenging: een nieuw besluit."
        ) % {"d": _datum(obj.einddatum)}
    if not (reden or "").strip():
        fouten["reden"] = _("Geef de reden van het beëindigen.")
    if fouten:
        raise ValidationError(fouten)
    gepland = obj.einddatum
    obj.einddatum = einddatum
    obj.beeindigd_op = einddatum
    obj.reden_einde = reden.strip()
    obj.kosten = kosten_berekenen(
        uren_per_week=obj.uren_per_week, budget=obj.budget, startdatum=obj.startdatum,
        einddatum=einddatum, uurtarief=obj.uurtarief or 0,
    )  # fmt: skip
    toelichting = _("per %(d)s (gepland tot %(g)s)") % {
        "d": _datum(einddatum),
        "g": _datum(gepland),
    }
    workflow.overgang(obj, stappen.BEEINDIGEN, door=gebruiker, request=request,
                      toelichting=toelichting)  # fmt: skip
    return obj


@transaction.atomic
def arrangement_verlengen(
    *,
    gebruiker,
    arrangement: Arrangement,
    versie: int,
    gegevens: dict,
    reden: str,
    request=None,
) -> Arrangement:
    """Extend a running arrangement by a new decision: a new arrangement (its own goals,
    hours or budget, period and school, its own evaluations and cost) pointing to the old
    one, which becomes verlengd. The new one starts on or after the old one's start."""
    obj = vergrendel(gebruiker, arrangement, versie, stappen.VERLENGEN)
    schoon, fouten = _inhoud(
        gegevens or {}, swv_id=obj.swv_id, gebruiker=gebruiker, ondergrens=obj.startdatum
    )
    if not (reden or "").strip():
        fouten["reden"] = _("Geef de reden van de verlenging: de school leest die.")
    if fouten:
        raise ValidationError(fouten)
    workflow.overgang(obj, stappen.VERLENGEN, door=gebruiker, request=request,
                      toelichting=reden.strip())  # fmt: skip
    nieuw = _nieuw(
        gebruiker=gebruiker, gegevens=schoon, leerling_id=obj.leerling_id, swv_id=obj.swv_id,
        vorige=obj, trajectbegeleider=obj.trajectbegeleider,
    )  # fmt: skip
    workflow.aangemaakt(nieuw, stappen.VERLENGING_TOEGEKEND, door=gebruiker, request=request,
                        toelichting=f"{obj.nummer}: {reden.strip()}",
                        omschrijving=f"{nieuw.audit_label} toegekend als verlenging van "
                        f"{obj.audit_label}")  # fmt: skip
    return nieuw
