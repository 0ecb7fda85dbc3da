"""Every write to a plan: keyword-only, in one transaction, audited.

Each service takes one step of stappen.py and checks first that the plan is in the user's
scope (`selectors.plannen_voor`, else PermissionDenied) and that the user's role may take
the step (rules.py), before any validation: a role without the right learns nothing from
the messages. Status changes go through `workflow.overgang`, which writes the plan's
timeline (Statusovergang) and the audit event; the legal preconditions (OPR instemming
and OOGO with every gemeente before vaststelling) and the side effects (a frozen version
when the draft goes to the OPR, the kept PDF at vaststelling, the dates, the replaced
predecessor at publication) sit in the step's own service.
"""

import datetime
import time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from swv import documenten, workflow
from swv.audit import AuditActie, vastleggen
from swv.models import Document, Samenwerkingsverband
from swv.selectors import swv_ids_voor

from . import selectors, stappen
from .models import (
    STATUS_BEWERKBAAR,
    Hoofdstuk,
    Kpi,
    Ondersteuningsplan,
    OogoOverleg,
    OogoUitkomst,
    OprBesluit,
    OprOpmerking,
    OprUitkomst,
    PlanPdf,
    PlanStatus,
    PlanVersie,
    Speerpunt,
    Streefwaarde,
)
from .rijketekst import platte_tekst

Bewerkconflict = workflow.Bewerkconflict  # someone else saved the same section first


class NietBewerkbaar(workflow.WorkflowFout):
    pass


def _vergrendel(gebruiker, plan: Ondersteuningsplan, stap) -> Ondersteuningsplan:
    """Lock the plan row in the user's scope and check the step's permission: in that
    order and before anything else, so a role without the step learns nothing more.

    Every write to a plan or its content takes this lock first, so writes to one plan run
    one after the other: a chapter saved while the draft goes to the OPR is either in the
    frozen version or refused (the status it then reads is ter instemming). The plan's
    content version goes up with it (in this transaction), which retires a cached PDF."""
    gevonden = (
        selectors.plannen_voor(gebruiker)
        .select_for_update()
        .filter(pk=getattr(plan, "pk", None))
        .first()
    )
    if gevonden is None:
        raise PermissionDenied(_("Dit plan is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, gevonden)
    gevonden.inhoudversie += 1
    Ondersteuningsplan.objects.filter(pk=gevonden.pk).update(inhoudversie=gevonden.inhoudversie)
    return gevonden


def _bewerkbaar(plan: Ondersteuningsplan) -> None:
    """Content changes only in a draft (`plan` is the locked, current row)."""
    if plan.status in STATUS_BEWERKBAAR:
        return
    if plan.status == PlanStatus.TER_INSTEMMING:
        raise NietBewerkbaar(
            _(
                "Dit plan is intussen ter instemming aan de OPR voorgelegd en kan nu niet "
                "worden gewijzigd: uw wijziging is niet opgeslagen en staat dus ook niet in "
                "de voorgelegde versie. Zet het plan eerst terug naar concept."
            )
        )
    raise NietBewerkbaar(
        _(
            "Dit plan is %(status)s en kan niet meer worden gewijzigd. "
            "Wijzig een vastgesteld plan via een nieuwe versie."
        )
        % {"status": PlanStatus(plan.status).label}
    )


def _audit(*, plan, gebruiker, actie=AuditActie.GEWIJZIGD, omschrijving, obj=None, details=None):
    vastleggen(
        actie=actie,
        gebruiker=gebruiker,
        obj=obj or plan,
        omschrijving=omschrijving,
        details={"plan": plan.pk, **(details or {})},
    )


# Plan and its text ---------------------------------------------------------------------


@transaction.atomic
def plan_aanmaken(
    *,
    gebruiker,
    titel: str,
    startjaar: int,
    eindjaar: int,
    samenwerkingsverbanden: list[Samenwerkingsverband],
) -> Ondersteuningsplan:
    """A new concept plan of SWVs in the user's scope; the first row of its timeline."""
    workflow.eis(gebruiker, stappen.AANMAKEN.permissie)
    eigen = set(swv_ids_voor(gebruiker).values_list("id", flat=True))
    if any(s.pk not in eigen for s in samenwerkingsverbanden):
        # Only a tampered request gets here: the form offers the user's own SWVs.
        raise PermissionDenied(_("Kies samenwerkingsverbanden waarvoor u werkt."))
    plan = Ondersteuningsplan(titel=titel, startjaar=startjaar, eindjaar=eindjaar)
    plan.full_clean(exclude=["samenwerkingsverbanden", "status"])
    plan.save()
    plan.samenwerkingsverbanden.set(samenwerkingsverbanden)
    workflow.aangemaakt(plan, stappen.AANMAKEN, door=gebruiker, omschrijving="Plan aangemaakt")
    return plan


TEKSTVELDEN = ("titel", "startjaar", "eindjaar", "motto", "missie", "visie", "strategie")


@transaction.atomic
def plan_tekst_bijwerken(
    *, gebruiker, plan: Ondersteuningsplan, verwachte_versie: int, **velden
) -> Ondersteuningsplan:
    """Save missie/visie/strategie/motto/titel/period of a draft; refuse (Bewerkconflict)
    if someone saved in between."""
    plan = _vergrendel(gebruiker, plan, stappen.TEKST)
    _bewerkbaar(plan)
    onbekend = set(velden) - set(TEKSTVELDEN)
    if onbekend:
        raise ValueError(f"onbekende velden {onbekend}")
    kandidaat = Ondersteuningsplan(
        pk=plan.pk, **{**{v: getattr(plan, v) for v in TEKSTVELDEN}, **velden}
    )
    kandidaat.clean()
    bijgewerkt = Ondersteuningsplan.objects.filter(
        pk=plan.pk, bewerkversie=verwachte_versie
    ).update(**velden, bewerkversie=F("bewerkversie") + 1)
    if not bijgewerkt:
        raise Bewerkconflict(Ondersteuningsplan.objects.get(pk=plan.pk))
    _audit(
        plan=plan,
        gebruiker=gebruiker,
        omschrijving="Plantekst gewijzigd",
        details={"velden": sorted(velden)},
    )
    return Ondersteuningsplan.objects.get(pk=plan.pk)


# Chapters (optimistic locking) ---------------------------------------------------------


@transaction.atomic
def hoofdstuk_aanmaken(
    *,
    gebruiker,
    plan: Ondersteuningsplan,
    titel: str,
    tekst: str = "",
    eisen=(),
    volgorde: int | None = None,
) -> Hoofdstuk:
    plan = _vergrendel(gebruiker, plan, stappen.HOOFDSTUK_AANMAKEN)
    _bewerkbaar(plan)
    if volgorde is None:
        volgorde = (plan.hoofdstukken.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    h = Hoofdstuk.objects.create(
        plan=plan, titel=titel, tekst=tekst, eisen=list(eisen), volgorde=volgorde,
        gewijzigd_door=gebruiker,
    )  # fmt: skip
    _audit(
        plan=plan,
        gebruiker=gebruiker,
        actie=AuditActie.AANGEMAAKT,
        obj=h,
        omschrijving="Hoofdstuk aangemaakt",
    )
    return h


@transaction.atomic
def hoofdstuk_bijwerken(
    *,
    gebruiker,
    hoofdstuk: Hoofdstuk,
    verwachte_versie: int,
    titel: str,
    tekst: str,
    eisen,
    volgorde: int,
) -> Hoofdstuk:
    """Save only if nobody saved since `verwachte_versie`; else raise Bewerkconflict with
    their text, so the view can show both theirs and yours (nothing is overwritten)."""
    plan = _vergrendel(gebruiker, hoofdstuk.plan, stappen.HOOFDSTUK_BIJWERKEN)
    _bewerkbaar(plan)
    bijgewerkt = Hoofdstuk.objects.filter(
        pk=hoofdstuk.pk, plan=plan, versie=verwachte_versie
    ).update(
        titel=titel,
        tekst=tekst,
        eisen=list(eisen),
        volgorde=volgorde,
        versie=F("versie") + 1,
        gewijzigd_door=gebruiker,
        gewijzigd_op=timezone.now(),
    )
    if not bijgewerkt:
        raise Bewerkconflict(
            Hoofdstuk.objects.select_related("gewijzigd_door").get(pk=hoofdstuk.pk)
        )
    _audit(plan=plan, gebruiker=gebruiker, obj=hoofdstuk, omschrijving="Hoofdstuk gewijzigd")
    return Hoofdstuk.objects.get(pk=hoofdstuk.pk)


@transaction.atomic
def hoofdstuk_verwijderen(*, gebruiker, hoofdstuk: Hoofdstuk) -> None:
    plan = _vergrendel(gebruiker, hoofdstuk.plan, stappen.HOOFDSTUK_VERWIJDEREN)
    _bewerkbaar(plan)
    _audit(plan=plan, gebruiker=gebruiker, actie=AuditActie.VERWIJDERD, obj=hoofdstuk,
           omschrijving="Hoofdstuk verwijderd")  # fmt: skip
    hoofdstuk.delete()


# Speerpunten, KPIs, streefwaarden, acties, documenten -----------------------------------


def _van_plan(obj, plan) -> bool:
    """Whether a speerpunt, document, actie or KPI belongs to `plan`."""
    if hasattr(obj, "plan_id"):
        return obj.plan_id == plan.pk
    speerpunt = obj.speerpunt
    return speerpunt is not None and speerpunt.plan_id == plan.pk


@transaction.atomic
def object_opslaan(
    *, gebruiker, plan: Ondersteuningsplan, obj, omschrijving: str,
    verwachte_versie: int | None = None,
):  # fmt: skip
    """Save a validated speerpunt/actie/document of a draft plan (ModelForm instance). A
    speerpunt's edit names the version its form was opened on (`verwachte_versie`): if
    someone saved it since, Bewerkconflict with their text and nothing is written."""
    plan = _vergrendel(gebruiker, plan, stappen.INHOUD)
    if not _van_plan(obj, plan):
        raise PermissionDenied(_("Dit onderdeel hoort niet bij dit plan."))
    _bewerkbaar(plan)
    nieuw = obj.pk is None
    if isinstance(obj, Speerpunt) and not nieuw:
        # The plan row is locked: no other save of this plan's content runs meanwhile.
        opgeslagen = Speerpunt.objects.get(pk=obj.pk)
        if verwachte_versie is not None and opgeslagen.versie != verwachte_versie:
            raise Bewerkconflict(opgeslagen)
        obj.versie = opgeslagen.versie + 1
    obj.save()
    _audit(
        plan=plan, gebruiker=gebruiker, obj=obj, omschrijving=omschrijving,
        actie=AuditActie.AANGEMAAKT if nieuw else AuditActie.GEWIJZIGD,
    )  # fmt: skip
    return obj


@transaction.atomic
def kpi_opslaan(
    *,
    gebruiker,
    plan: Ondersteuningsplan,
    kpi: Kpi,
    streefwaarden: dict[int, tuple[str, Decimal] | None],
) -> Kpi:
    """Save a KPI and its streefwaarden per school year (None removes that year's value).
    Values were parsed with streefwaarden.lees and checked with waarde_controleren."""
    plan = _vergrendel(gebruiker, plan, stappen.KPI)
    if not _van_plan(kpi, plan):
        raise PermissionDenied(_("Dit onderdeel hoort niet bij dit plan."))
    _bewerkbaar(plan)
    nieuw = kpi.pk is None
    for jaar, paar in streefwaarden.items():
        if paar is not None:
            kpi.waarde_controleren(paar[1])
        if jaar not in plan.schooljaren:
            raise ValidationError(_("Schooljaar valt buiten de planperiode."))
    kpi.save()
    for jaar, paar in streefwaarden.items():
        if paar is None:
            Streefwaarde.objects.filter(kpi=kpi, schooljaar=jaar).delete()
        else:
            Streefwaarde.objects.update_or_create(
                kpi=kpi, schooljaar=jaar, defaults={"comparator": paar[0], "waarde": paar[1]}
            )
    _audit(
        plan=plan, gebruiker=gebruiker, obj=kpi, omschrijving="KPI opgeslagen",
        actie=AuditActie.AANGEMAAKT if nieuw else AuditActie.GEWIJZIGD,
    )  # fmt: skip
    return kpi


def speerpunt_nieuw(plan) -> Speerpunt:
    return Speerpunt(
        plan=plan, volgorde=(plan.speerpunten.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    )


# OOGO, OPR decision, OPR comments ------------------------------------------------------


def _niet_in_toekomst(datum, veld):
    if datum > timezone.localdate():
        raise ValidationError({veld: _("Deze datum ligt in de toekomst.")})


@transaction.atomic
def oogo_vastleggen(
    *, gebruiker, plan: Ondersteuningsplan, gemeenten, datum, uitkomst: str,
    toelichting: str = "",
) -> list[OogoOverleg]:  # fmt: skip
    """One OOGO meeting (one date, one outcome) with one or more of the plan's gemeenten:
    a row per gemeente, all or none."""
    plan = _vergrendel(gebruiker, plan, stappen.OOGO)
    if plan.status not in stappen.IN_STATUS[stappen.OOGO]:
        raise ValidationError(
            _("OOGO leg je vast terwijl het plan in consultatie of ter instemming ligt.")
        )
    gemeenten = list(gemeenten or [])
    if not gemeenten:
        raise ValidationError({"gemeenten": _("Kies minstens één gemeente.")})
    eigen = set(selectors.gemeenten_van(plan).values_list("pk", flat=True))
    if any(g.pk not in eigen for g in gemeenten):
        raise ValidationError({"gemeenten": _("Kies alleen gemeenten uit de regio van het plan.")})
    _niet_in_toekomst(datum, "datum")
    rijen = []
    for gemeente in gemeenten:
        o = OogoOverleg.objects.create(
            plan=plan, gemeente=gemeente, datum=datum, uitkomst=uitkomst,
            toelichting=toelichting, vastgelegd_door=gebruiker,
        )  # fmt: skip
        _audit(
            plan=plan,
            gebruiker=gebruiker,
            actie=AuditActie.AANGEMAAKT,
            obj=o,
            omschrijving="OOGO vastgelegd",
        )
        rijen.append(o)
    return rijen


@transaction.atomic
def opr_besluit_vastleggen(
    *, gebruiker, plan: Ondersteuningsplan, datum, stemmen_voor: int, stemmen_tegen: int,
    onthoudingen: int = 0, uitkomst: str, motivering: str = "",
) -> OprBesluit:  # fmt: skip
    plan = _vergrendel(gebruiker, plan, stappen.OPR_BESLUIT)
    if plan.status not in stappen.IN_STATUS[stappen.OPR_BESLUIT]:
        raise ValidationError(_("Het OPR-besluit gaat over een versie die ter instemming ligt."))
    _niet_in_toekomst(datum, "datum")
    if uitkomst == OprUitkomst.WEIGERING and not motivering.strip():
        raise ValidationError({"motivering": _("Een weigering moet gemotiveerd worden.")})
    if uitkomst == OprUitkomst.INSTEMMING and stemmen_voor <= stemmen_tegen:
        raise ValidationError({"stemmen_voor": _("Instemming vraagt meer stemmen voor dan tegen.")})
    versie = plan.versies.order_by("-nummer").first()
    if versie is None:
        raise ValidationError(_("Er is geen voorgelegde versie om over te besluiten."))
    b = OprBesluit.objects.create(
        plan=plan, versie=versie, datum=datum, stemmen_voor=stemmen_voor,
        stemmen_tegen=stemmen_tegen, onthoudingen=onthoudingen, uitkomst=uitkomst,
        motivering=motivering, vastgelegd_door=gebruiker,
    )  # fmt: skip
    _audit(plan=plan, gebruiker=gebruiker, actie=AuditActie.AANGEMAAKT, obj=b,
           omschrijving=f"OPR-besluit vastgelegd: {uitkomst}")  # fmt: skip
    return b


@transaction.atomic
def opmerking_plaatsen(
    *, gebruiker, plan: Ondersteuningsplan, sectie: str, tekst: str
) -> OprOpmerking:
    plan = _vergrendel(gebruiker, plan, stappen.OPMERKEN)
    if plan.status not in stappen.IN_STATUS[stappen.OPMERKEN]:
        raise ValidationError(_("Opmerkingen plaats je terwijl het plan ter instemming ligt."))
    titels = {s["sleutel"]: s["titel"] for s in secties(plan)}
    if sectie not in titels:
        raise ValidationError({"sectie": _("Kies een onderdeel van het plan.")})
    o = OprOpmerking.objects.create(
        plan=plan, versie=plan.versies.order_by("-nummer").first(), sectie=sectie,
        sectie_titel=titels[sectie][:250], auteur=gebruiker, tekst=tekst,
    )  # fmt: skip
    _audit(
        plan=plan,
        gebruiker=gebruiker,
        actie=AuditActie.AANGEMAAKT,
        obj=o,
        omschrijving="OPR-opmerking geplaatst",
    )
    return o


@transaction.atomic
def opmerking_beantwoorden(
    *, gebruiker, opmerking: OprOpmerking, antwoord: str, verwerkt: bool
) -> OprOpmerking:
    plan = _vergrendel(gebruiker, opmerking.plan, stappen.BEANTWOORDEN)
    opmerking.antwoord = antwoord
    opmerking.verwerkt = verwerkt
    opmerking.beantwoord_door = gebruiker
    opmerking.beantwoord_op = timezone.now()
    opmerking.save(update_fields=["antwoord", "verwerkt", "beantwoord_door", "beantwoord_op"])
    _audit(plan=plan, gebruiker=gebruiker, obj=opmerking, omschrijving="OPR-opmerking beantwoord")
    return opmerking


# Versions ------------------------------------------------------------------------------


def secties(plan, *, speerpunten=None, hoofdstukken=None) -> list[dict]:
    """The plan as comparable sections (plain text), in reading order."""
    speerpunten = speerpunten if speerpunten is not None else selectors.speerpunten_met_kpis(plan)
    hoofdstukken = hoofdstukken if hoofdstukken is not None else selectors.hoofdstukken_van(plan)
    uit = [
        {
            "sleutel": "missie",
            "titel": _("Missie, visie en strategie"),
            "tekst": "\n".join(
                [
                    f"Motto: {plan.motto}",
                    f"Missie: {plan.missie}",
                    f"Visie:\n{plan.visie}",
                    f"Strategie:\n{plan.strategie}",
                ]
            ),
        }
    ]
    for sp in speerpunten:
        regels = [
            f"Resultaatgebied: {sp.resultaatgebied}",
            f"Legitimatie: {sp.legitimatie}",
            f"Beoogde resultaten: {sp.beoogde_resultaten}",
        ]
        for k in sp.kpis.all():
            waarden = ", ".join(f"{s.schooljaar}: {s.weergave}" for s in k.streefwaarden.all())
            regels.append(f"KPI {k.naam} ({waarden}); {k.meetmethode}; {k.frequentie}; {k.bron}")
        for a in sp.acties.all():
            regels.append(
                f"Actie {a.omschrijving} ({a.van_schooljaar}-{a.tot_schooljaar + 1}; {a.proceseigenaar})"
            )
        uit.append(
            {"sleutel": f"sp-{sp.code}", "titel": f"{_('Speerpunt')} {sp.code}. {sp.titel}",
             "tekst": "\n".join(regels)}
        )  # fmt: skip
    for h in hoofdstukken:
        uit.append(
            {
                "sleutel": h.sleutel,
                "titel": f"{h.volgorde}. {h.titel}",
                "tekst": platte_tekst(h.tekst),
            }
        )
    return [{**s, "titel": str(s["titel"])} for s in uit]


def _versie_bevriezen(*, plan, gebruiker, aanleiding: str) -> PlanVersie:
    nummer = (plan.versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
    return PlanVersie.objects.create(
        plan=plan,
        nummer=nummer,
        aangemaakt_door=gebruiker,
        aanleiding=aanleiding,
        secties=secties(plan),
    )


# Workflow: one service per step of stappen.py ------------------------------------------


def ontbrekend_voor_instemming(plan, *, speerpunten=None, hoofdstukken=None) -> list[str]:
    """Required content before the draft may go to the OPR, as readable messages."""
    speerpunten = speerpunten if speerpunten is not None else selectors.speerpunten_met_kpis(plan)
    hoofdstukken = hoofdstukken if hoofdstukken is not None else selectors.hoofdstukken_van(plan)
    mist = []
    for veld in ("missie", "visie", "strategie"):
        if not getattr(plan, veld).strip():
            mist.append(_("De %(veld)s is leeg.") % {"veld": veld})
    if not plan.samenwerkingsverbanden.exists():
        mist.append(_("Het plan hoort bij geen enkel samenwerkingsverband."))
    if not speerpunten:
        mist.append(_("Het plan heeft nog geen speerpunten."))
    for sp in speerpunten:
        if not sp.beoogde_resultaten.strip():
            mist.append(_("Speerpunt %(code)s heeft geen beoogde resultaten.") % {"code": sp.code})
        if not list(sp.kpis.all()):
            mist.append(_("Speerpunt %(code)s heeft geen KPI.") % {"code": sp.code})
    if not hoofdstukken:
        mist.append(_("Het plan heeft nog geen hoofdstukken."))
    for h in hoofdstukken:
        if not h.tekst.strip():
            mist.append(_("Hoofdstuk %(titel)s heeft geen tekst.") % {"titel": h.titel})
    return mist


def blokkades_vaststelling(plan) -> list[str]:
    """OPR instemming on the version now before it, and OOGO agreement with every gemeente."""
    mist = []
    versie = plan.versies.order_by("-nummer").first()
    besluit = (
        OprBesluit.objects.filter(plan=plan, versie=versie).order_by("-datum", "-id").first()
        if versie
        else None
    )
    if besluit is None:
        mist.append(_("De OPR heeft nog niet besloten over de voorgelegde versie."))
    elif besluit.uitkomst != OprUitkomst.INSTEMMING:
        mist.append(_("De OPR heeft instemming geweigerd."))
    laatste = {}
    for o in plan.oogo.order_by("datum", "id"):
        laatste[o.gemeente_id] = o
    for g in selectors.gemeenten_van(plan):
        o = laatste.get(g.pk)
        if o is None:
            mist.append(_("Geen OOGO vastgelegd met gemeente %(g)s.") % {"g": g.naam})
        elif o.uitkomst != OogoUitkomst.OVEREENSTEMMING:
            mist.append(_("Geen overeenstemming in het OOGO met gemeente %(g)s.") % {"g": g.naam})
    return mist


# The earlier step a dated step cannot precede (its date field on the plan).
_NA_DATUM = {"naar_inspectie_op": "vastgesteld_op", "gepubliceerd_op": "naar_inspectie_op"}
# A step's date is today or at most this long ago (entered afterwards, not invented).
MAX_DAGEN_TERUG = 366


def stapdatum_controleren(plan, datumveld: str, datum: datetime.date) -> None:
    """The date a user gives a step (vaststellen, naar de inspectie, publiceren): not in
    the future, not more than a year ago, not before the step it follows. Refused as a ValidationError on the form's `datum` field."""
    vandaag = timezone.localdate()
    if datum > vandaag:
        raise ValidationError({"datum": _("Deze datum ligt in de toekomst.")})
    if datum < vandaag - datetime.timedelta(days=MAX_DAGEN_TERUG):
        raise ValidationError(
            {"datum": _("Deze datum ligt meer dan een jaar terug: controleer de datum.")}
        )
    vorige = getattr(plan, _NA_DATUM.get(datumveld, ""), None)
    if vorige and datum < vorige:
        raise ValidationError(
            {"datum": _("Deze datum ligt voor de vorige stap (%(d)s).") % {"d": vorige}}
        )


def _overgang(
    gebruiker,
    plan: Ondersteuningsplan,
    stap,
    *,
    toelichting: str,
    request,
    blokkades=None,
    datumveld: str = "",
    datum: datetime.date | None = None,
) -> Ondersteuningsplan:
    """The body every status step shares, in this order: the plan locked in the user's
    scope and the step's permission; the state (a step from the wrong status is refused
    before the step's own checks, so the user hears the real reason); what the step still
    needs (`blokkades(plan)`, refused as one WorkflowFout); the step's date (`datumveld`,
    set to `datum`, default today, checked by stapdatum_controleren); the transition
    with its timeline row and audit event."""
    plan = _vergrendel(gebruiker, plan, stap)
    if not can_proceed(getattr(plan, stap.overgang)):
        raise workflow.StapNietToegestaan(plan)
    mist = blokkades(plan) if blokkades else []
    if mist:
        raise workflow.WorkflowFout(mist)
    if datumveld:
        datum = datum or timezone.localdate()
        stapdatum_controleren(plan, datumveld, datum)
        setattr(plan, datumveld, datum)
    workflow.overgang(plan, stap, door=gebruiker, toelichting=toelichting, request=request)
    return plan


@transaction.atomic
def plan_naar_consultatie(
    *, gebruiker, plan: Ondersteuningsplan, toelichting: str = "", request=None
) -> Ondersteuningsplan:
    return _overgang(
        gebruiker, plan, stappen.NAAR_CONSULTATIE, toelichting=toelichting, request=request
    )


@transaction.atomic
def plan_voorleggen(
    *, gebruiker, plan: Ondersteuningsplan, toelichting: str = "", request=None
) -> Ondersteuningsplan:
    """The draft goes to the OPR (ter instemming) once it is complete; the text it saw is
    frozen as a new version, on which the OPR decides."""
    plan = _overgang(
        gebruiker, plan, stappen.VOORLEGGEN, toelichting=toelichting, request=request,
        blokkades=ontbrekend_voor_instemming,
    )  # fmt: skip
    _versie_bevriezen(plan=plan, gebruiker=gebruiker, aanleiding=_("Voorgelegd aan de OPR"))
    return plan


@transaction.atomic
def plan_terug_naar_concept(
    *, gebruiker, plan: Ondersteuningsplan, toelichting: str = "", request=None
) -> Ondersteuningsplan:
    return _overgang(
        gebruiker, plan, stappen.TERUG_NAAR_CONCEPT, toelichting=toelichting, request=request
    )


@transaction.atomic
def plan_vaststellen(
    *, gebruiker, plan: Ondersteuningsplan, toelichting: str = "", request=None,
    datum: datetime.date | None = None,
) -> Ondersteuningsplan:  # fmt: skip
    """Adoption on behalf of the bestuur, only with OPR instemming on the version before
    it and OOGO agreement with every gemeente; the adopted plan's PDF is kept."""
    plan = _overgang(
        gebruiker, plan, stappen.VASTSTELLEN, toelichting=toelichting, request=request,
        blokkades=blokkades_vaststelling, datumveld="vastgesteld_op", datum=datum,
    )  # fmt: skip
    _pdf_bewaren(plan)
    return plan


@transaction.atomic
def plan_naar_inspectie(
    *, gebruiker, plan: Ondersteuningsplan, toelichting: str = "", request=None,
    datum: datetime.date | None = None,
) -> Ondersteuningsplan:  # fmt: skip
    """Sent to the inspectie on `datum` (default today; the page shows whether that was
    in time)."""
    return _overgang(
        gebruiker, plan, stappen.NAAR_INSPECTIE, toelichting=toelichting, request=request,
        datumveld="naar_inspectie_op", datum=datum,
    )  # fmt: skip


@transaction.atomic
def plan_publiceren(
    *, gebruiker, plan: Ondersteuningsplan, toelichting: str = "", request=None,
    datum: datetime.date | None = None,
) -> Ondersteuningsplan:  # fmt: skip
    """Published on `datum` (default today); a published plan this one amends is replaced (its own step on
    its own timeline, taken on this step's permission)."""
    plan = _overgang(
        gebruiker, plan, stappen.PUBLICEREN, toelichting=toelichting, request=request,
        datumveld="gepubliceerd_op", datum=datum,
    )  # fmt: skip
    if plan.vorige_versie_id:
        vorige = Ondersteuningsplan.objects.select_for_update().get(pk=plan.vorige_versie_id)
        if vorige.status == PlanStatus.GEPUBLICEERD:
            workflow.overgang(
                vorige, stappen.VERVANGEN, door=gebruiker, request=request, controleer=False,
                toelichting=_("Vervangen door de gepubliceerde nieuwe versie (plan %(pk)s).")
                % {"pk": plan.pk},
            )  # fmt: skip
    return plan


def _pdf_bewaren(plan) -> None:
    """Render and keep the adopted plan's PDF once (what was adopted is what we serve)."""
    from .reports import plan_pdf

    document = documenten.bewaren(
        plan_pdf(plan, met_toets=False), f"plan-{plan.pk}-vastgesteld.pdf"
    )
    documenten.koppelen(plan, "vastgestelde_pdf", document)


@transaction.atomic
def plan_nieuwe_versie(*, gebruiker, plan: Ondersteuningsplan, request=None) -> Ondersteuningsplan:
    """Amend a published plan: copy it into a new concept that needs OPR instemming again."""
    plan = _vergrendel(gebruiker, plan, stappen.NIEUWE_VERSIE)
    if plan.status not in stappen.IN_STATUS[stappen.NIEUWE_VERSIE]:
        raise ValidationError(_("Alleen een gepubliceerd plan wijzig je via een nieuwe versie."))
    if plan.wijzigingen.exclude(status=PlanStatus.VERVANGEN).exists():
        raise ValidationError(_("Er is al een nieuwe versie van dit plan in bewerking."))
    nieuw = Ondersteuningsplan.objects.create(
        titel=plan.titel, startjaar=plan.startjaar, eindjaar=plan.eindjaar, motto=plan.motto,
        missie=plan.missie, visie=plan.visie, strategie=plan.strategie, vorige_versie=plan,
    )  # fmt: skip
    nieuw.samenwerkingsverbanden.set(plan.samenwerkingsverbanden.all())
    for h in plan.hoofdstukken.all():
        Hoofdstuk.objects.create(
            plan=nieuw, volgorde=h.volgorde, titel=h.titel, tekst=h.tekst, eisen=h.eisen,
            gewijzigd_door=gebruiker,
        )  # fmt: skip
    for sp in plan.speerpunten.prefetch_related("kpis__streefwaarden", "acties"):
        oud_sp_kpis, oud_acties = list(sp.kpis.all()), list(sp.acties.all())
        sp.pk = None
        sp._state.adding = True
        sp.plan = nieuw
        sp.save()
        for kpi in oud_sp_kpis:
            waarden = list(kpi.streefwaarden.all())
            kpi.pk = None
            kpi._state.adding = True
            kpi.speerpunt = sp
            kpi.save()
            Streefwaarde.objects.bulk_create(
                Streefwaarde(
                    kpi=kpi, schooljaar=s.schooljaar, comparator=s.comparator, waarde=s.waarde
                )
                for s in waarden
            )
        for a in oud_acties:
            a.pk = None
            a._state.adding = True
            a.speerpunt = sp
            a.save()
    for d in plan.documenten.all():
        d.pk = None
        d._state.adding = True
        d.plan = nieuw
        d.save()
    workflow.aangemaakt(
        nieuw, stappen.NIEUWE_VERSIE, door=gebruiker, request=request,
        toelichting=_("Nieuwe versie van plan %(pk)s") % {"pk": plan.pk},
        omschrijving=f"Nieuwe versie van plan {plan.pk}",
    )  # fmt: skip
    return nieuw


# The PDF cache ------------------------------------------------------------------------

# How long a request waits for another that is rendering the same PDF, and when a claim
# without a PDF counts as abandoned (its request died while rendering).
PDF_WACHTEN_SECONDEN = 60
PDF_CLAIM_VERLOPEN = datetime.timedelta(minutes=5)


def _pdf_opgeslagen(plan, met_toets):
    return (
        PlanPdf.objects.filter(plan=plan, inhoudversie=plan.inhoudversie, met_toets=met_toets)
        .select_related("document")
        .first()
    )


def plan_pdf_document(
    *, plan: Ondersteuningsplan, met_toets: bool = False, wachten: float | None = None
):
    """The plan's PDF for its current content version (`plan.inhoudversie`), rendered
    once per version and then served from the database. Not a user's step: the caller has
    checked that the user (or the public) may read this plan.

    Of many first requests at once one claims the version (a unique row) and renders,
    outside any lock, and the others wait for its document (up to `wachten` seconds,
    default PDF_WACHTEN_SECONDEN, then None: the caller shows "wordt gemaakt" and asks
    again). Older versions' PDFs are removed when a new one is stored. Never call this inside a transaction: the claim and
    the stored document must be visible to the other requests at once."""
    gevonden = _pdf_opgeslagen(plan, met_toets)
    if gevonden is not None and gevonden.document_id:
        return gevonden.document
    if gevonden is not None and timezone.now() - gevonden.aangemaakt_op > PDF_CLAIM_VERLOPEN:
        PlanPdf.objects.filter(pk=gevonden.pk, document__isnull=True).delete()
        gevonden = None
    claim = None
    if gevonden is None:
        try:
            with transaction.atomic():
                claim = PlanPdf.objects.create(
                    plan=plan, inhoudversie=plan.inhoudversie, met_toets=met_toets
                )
        except IntegrityError:
            claim = None  # another request claimed it first: wait for its document
    if claim is None:
        eind = time.monotonic() + (PDF_WACHTEN_SECONDEN if wachten is None else wachten)
        while True:
            gevonden = _pdf_opgeslagen(plan, met_toets)
            if gevonden is not None and gevonden.document_id:
                return gevonden.document
            if time.monotonic() >= eind:
                return None
            time.sleep(0.2)
    from .reports import plan_pdf

    try:
        inhoud = plan_pdf(plan, met_toets=met_toets)
    except BaseException:
        PlanPdf.objects.filter(pk=claim.pk, document__isnull=True).delete()
        raise
    with transaction.atomic():
        document = documenten.bewaren(
            inhoud, f"plan-{plan.pk}-v{plan.inhoudversie}{'-toets' if met_toets else ''}.pdf"
        )
        PlanPdf.objects.filter(pk=claim.pk).update(document=document)
        oud = PlanPdf.objects.filter(plan=plan, inhoudversie__lt=plan.inhoudversie)
        oude_documenten = [d for d in oud.values_list("document_id", flat=True) if d]
        oud.delete()
        Document.objects.filter(pk__in=oude_documenten).delete()
    return document
