"""Every write to a plan: keyword-only, in one transaction, audited.

Status changes go only through `plan_overgang`, which checks the role (rules.py), the
legal preconditions (OPR instemming and OOGO with every gemeente before vaststelling),
records a Statusovergang and an audit event, and freezes a version when the draft goes
to the OPR.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.audit import AuditActie, vastleggen

from .models import (
    STATUS_BEWERKBAAR,
    STATUS_VASTGESTELD,
    Hoofdstuk,
    Kpi,
    Ondersteuningsplan,
    OogoOverleg,
    OogoUitkomst,
    OprBesluit,
    OprOpmerking,
    OprUitkomst,
    PlanStatus,
    PlanVersie,
    Speerpunt,
    Statusovergang,
    Streefwaarde,
)
from .rijketekst import platte_tekst


class Bewerkconflict(Exception):
    """Someone else saved the same section first; `huidig` holds their version."""

    def __init__(self, huidig):
        super().__init__("bewerkconflict")
        self.huidig = huidig


class NietBewerkbaar(ValidationError):
    pass


def _bewerkbaar(plan: Ondersteuningsplan) -> None:
    # Read the status from the database: the caller's copy may be older than a transition.
    status = Ondersteuningsplan.objects.filter(pk=plan.pk).values_list("status", flat=True).first()
    if status in STATUS_BEWERKBAAR:
        return
    if status == PlanStatus.TER_INSTEMMING:
        raise NietBewerkbaar(
            _(
                "Dit plan ligt ter instemming bij de OPR en kan nu niet worden gewijzigd. "
                "Zet het eerst terug naar concept."
            )
        )
    raise NietBewerkbaar(
        _(
            "Dit plan is %(status)s en kan niet meer worden gewijzigd. "
            "Wijzig een vastgesteld plan via een nieuwe versie."
        )
        % {"status": PlanStatus(status).label}
    )


def _audit(*, plan, door, actie=AuditActie.GEWIJZIGD, omschrijving, obj=None, details=None):
    vastleggen(
        actie=actie,
        gebruiker=door,
        obj=obj or plan,
        omschrijving=omschrijving,
        details={"plan": plan.pk, **(details or {})},
    )


# Plan and its text ---------------------------------------------------------------------


@transaction.atomic
def plan_aanmaken(
    *, door, titel: str, startjaar: int, eindjaar: int, samenwerkingsverbanden
) -> Ondersteuningsplan:
    plan = Ondersteuningsplan(titel=titel, startjaar=startjaar, eindjaar=eindjaar)
    plan.full_clean(exclude=["samenwerkingsverbanden", "status"])
    plan.save()
    plan.samenwerkingsverbanden.set(samenwerkingsverbanden)
    _audit(plan=plan, door=door, actie=AuditActie.AANGEMAAKT, omschrijving="Plan aangemaakt")
    return plan


@transaction.atomic
def plan_tekst_bijwerken(
    *, plan: Ondersteuningsplan, door, verwachte_versie: int, **velden
) -> Ondersteuningsplan:
    """Save missie/visie/strategie/motto/titel/period; refuse if someone saved in between."""
    _bewerkbaar(plan)
    toegestaan = {"titel", "startjaar", "eindjaar", "motto", "missie", "visie", "strategie"}
    onbekend = set(velden) - toegestaan
    if onbekend:
        raise ValueError(f"onbekende velden {onbekend}")
    kandidaat = Ondersteuningsplan(pk=plan.pk, **{**_plan_velden(plan), **velden})
    kandidaat.clean()
    bijgewerkt = Ondersteuningsplan.objects.filter(
        pk=plan.pk, bewerkversie=verwachte_versie
    ).update(**velden, bewerkversie=F("bewerkversie") + 1)
    if not bijgewerkt:
        raise Bewerkconflict(Ondersteuningsplan.objects.get(pk=plan.pk))
    _audit(
        plan=plan, door=door, omschrijving="Plantekst gewijzigd", details={"velden": sorted(velden)}
    )
    return Ondersteuningsplan.objects.get(pk=plan.pk)


def _plan_velden(plan):
    return {
        v: getattr(plan, v)
        for v in ("titel", "startjaar", "eindjaar", "motto", "missie", "visie", "strategie")
    }


# Chapters (optimistic locking) ---------------------------------------------------------


@transaction.atomic
def hoofdstuk_aanmaken(
    *, plan, door, titel: str, tekst: str = "", eisen=(), volgorde: int | None = None
) -> Hoofdstuk:
    _bewerkbaar(plan)
    if volgorde is None:
        volgorde = (plan.hoofdstukken.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    h = Hoofdstuk.objects.create(
        plan=plan, titel=titel, tekst=tekst, eisen=list(eisen), volgorde=volgorde,
        gewijzigd_door=door,
    )  # fmt: skip
    _audit(
        plan=plan,
        door=door,
        actie=AuditActie.AANGEMAAKT,
        obj=h,
        omschrijving="Hoofdstuk aangemaakt",
    )
    return h


@transaction.atomic
def hoofdstuk_bijwerken(
    *,
    hoofdstuk: Hoofdstuk,
    door,
    verwachte_versie: int,
    titel: str,
    tekst: str,
    eisen,
    volgorde: int,
) -> Hoofdstuk:
    """Save only if nobody saved since `verwachte_versie`; else raise Bewerkconflict with
    their text, so the view can show both theirs and yours (nothing is overwritten)."""
    _bewerkbaar(hoofdstuk.plan)
    bijgewerkt = Hoofdstuk.objects.filter(pk=hoofdstuk.pk, versie=verwachte_versie).update(
        titel=titel,
        tekst=tekst,
        eisen=list(eisen),
        volgorde=volgorde,
        versie=F("versie") + 1,
        gewijzigd_door=door,
        gewijzigd_op=timezone.now(),
    )
    if not bijgewerkt:
        raise Bewerkconflict(
            Hoofdstuk.objects.select_related("gewijzigd_door").get(pk=hoofdstuk.pk)
        )
    _audit(plan=hoofdstuk.plan, door=door, obj=hoofdstuk, omschrijving="Hoofdstuk gewijzigd")
    return Hoofdstuk.objects.get(pk=hoofdstuk.pk)


@transaction.atomic
def hoofdstuk_verwijderen(*, hoofdstuk: Hoofdstuk, door) -> None:
    _bewerkbaar(hoofdstuk.plan)
    _audit(plan=hoofdstuk.plan, door=door, actie=AuditActie.VERWIJDERD, obj=hoofdstuk,
           omschrijving="Hoofdstuk verwijderd")  # fmt: skip
    hoofdstuk.delete()


# Speerpunten, KPIs, streefwaarden, acties, documenten -----------------------------------


@transaction.atomic
def object_opslaan(*, plan, door, obj, omschrijving: str):
    """Save a validated speerpunt/actie/document of a draft plan (ModelForm instance)."""
    _bewerkbaar(plan)
    nieuw = obj.pk is None
    obj.save()
    _audit(
        plan=plan, door=door, obj=obj, omschrijving=omschrijving,
        actie=AuditActie.AANGEMAAKT if nieuw else AuditActie.GEWIJZIGD,
    )  # fmt: skip
    return obj


@transaction.atomic
def kpi_opslaan(
    *, plan, door, kpi: Kpi, streefwaarden: dict[int, tuple[str, Decimal] | None]
) -> Kpi:
    """Save a KPI and its streefwaarden per school year (None removes that year's value).
    Values were parsed with streefwaarden.lees and checked with waarde_controleren."""
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
        plan=plan, door=door, obj=kpi, omschrijving="KPI opgeslagen",
        actie=AuditActie.AANGEMAAKT if nieuw else AuditActie.GEWIJZIGD,
    )  # fmt: skip
    return kpi


# OOGO, OPR decision, OPR comments ------------------------------------------------------


def _niet_in_toekomst(datum, veld):
    if datum > timezone.localdate():
        raise ValidationError({veld: _("Deze datum ligt in de toekomst.")})


@transaction.atomic
def oogo_vastleggen(
    *, plan, door, gemeente, datum, uitkomst: str, toelichting: str = ""
) -> OogoOverleg:
    if plan.status not in (PlanStatus.CONSULTATIE, PlanStatus.TER_INSTEMMING):
        raise ValidationError(
            _("OOGO leg je vast terwijl het plan in consultatie of ter instemming ligt.")
        )
    from .selectors import gemeenten_van

    if not gemeenten_van(plan).filter(pk=gemeente.pk).exists():
        raise ValidationError({"gemeente": _("Deze gemeente ligt niet in de regio van het plan.")})
    _niet_in_toekomst(datum, "datum")
    o = OogoOverleg.objects.create(
        plan=plan, gemeente=gemeente, datum=datum, uitkomst=uitkomst, toelichting=toelichting,
        vastgelegd_door=door,
    )  # fmt: skip
    _audit(plan=plan, door=door, actie=AuditActie.AANGEMAAKT, obj=o, omschrijving="OOGO vastgelegd")
    return o


@transaction.atomic
def opr_besluit_vastleggen(
    *, plan, door, datum, stemmen_voor: int, stemmen_tegen: int, onthoudingen: int = 0,
    uitkomst: str, motivering: str = "",
) -> OprBesluit:  # fmt: skip
    if plan.status != PlanStatus.TER_INSTEMMING:
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
        motivering=motivering, vastgelegd_door=door,
    )  # fmt: skip
    _audit(plan=plan, door=door, actie=AuditActie.AANGEMAAKT, obj=b,
           omschrijving=f"OPR-besluit vastgelegd: {uitkomst}")  # fmt: skip
    return b


@transaction.atomic
def opmerking_plaatsen(*, plan, door, sectie: str, tekst: str) -> OprOpmerking:
    if plan.status != PlanStatus.TER_INSTEMMING:
        raise ValidationError(_("Opmerkingen plaats je terwijl het plan ter instemming ligt."))
    titels = {s["sleutel"]: s["titel"] for s in secties(plan)}
    if sectie not in titels:
        raise ValidationError({"sectie": _("Kies een onderdeel van het plan.")})
    o = OprOpmerking.objects.create(
        plan=plan, versie=plan.versies.order_by("-nummer").first(), sectie=sectie,
        sectie_titel=titels[sectie][:250], auteur=door, tekst=tekst,
    )  # fmt: skip
    _audit(
        plan=plan,
        door=door,
        actie=AuditActie.AANGEMAAKT,
        obj=o,
        omschrijving="OPR-opmerking geplaatst",
    )
    return o


@transaction.atomic
def opmerking_beantwoorden(
    *, opmerking: OprOpmerking, door, antwoord: str, verwerkt: bool
) -> OprOpmerking:
    opmerking.antwoord = antwoord
    opmerking.verwerkt = verwerkt
    opmerking.beantwoord_door = door
    opmerking.beantwoord_op = timezone.now()
    opmerking.save(update_fields=["antwoord", "verwerkt", "beantwoord_door", "beantwoord_op"])
    _audit(plan=opmerking.plan, door=door, obj=opmerking, omschrijving="OPR-opmerking beantwoord")
    return opmerking


# Versions ------------------------------------------------------------------------------


def secties(plan, *, speerpunten=None, hoofdstukken=None) -> list[dict]:
    """The plan as comparable sections (plain text), in reading order."""
    from .selectors import hoofdstukken_van, speerpunten_met_kpis

    speerpunten = speerpunten if speerpunten is not None else speerpunten_met_kpis(plan)
    hoofdstukken = hoofdstukken if hoofdstukken is not None else hoofdstukken_van(plan)
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


def versie_bevriezen(*, plan, door, aanleiding: str) -> PlanVersie:
    nummer = (plan.versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
    return PlanVersie.objects.create(
        plan=plan, nummer=nummer, aangemaakt_door=door, aanleiding=aanleiding, secties=secties(plan)
    )


# Workflow ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overgang:
    naam: str
    label: str
    permissie: str


OVERGANGEN = {
    o.naam: o
    for o in (
        Overgang("naar_consultatie", _("In consultatie brengen"), "ondersteuningsplan.bewerken"),
        Overgang(
            "voorleggen", _("Voorleggen aan OPR (ter instemming)"), "ondersteuningsplan.bewerken"
        ),
        Overgang("terug_naar_concept", _("Terug naar concept"), "ondersteuningsplan.bewerken"),
        Overgang(
            "vaststellen", _("Vaststellen namens het bestuur"), "ondersteuningsplan.vaststellen"
        ),
        Overgang("naar_inspectie", _("Verzonden aan inspectie"), "ondersteuningsplan.bewerken"),
        Overgang("publiceren", _("Publiceren"), "ondersteuningsplan.publiceren"),
    )
}


def ontbrekend_voor_instemming(plan, *, speerpunten=None, hoofdstukken=None) -> list[str]:
    """Required content before the draft may go to the OPR, as readable messages."""
    from .selectors import hoofdstukken_van, speerpunten_met_kpis

    speerpunten = speerpunten if speerpunten is not None else speerpunten_met_kpis(plan)
    hoofdstukken = hoofdstukken if hoofdstukken is not None else hoofdstukken_van(plan)
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
    from .selectors import gemeenten_van

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
    for g in gemeenten_van(plan):
        o = laatste.get(g.pk)
        if o is None:
            mist.append(_("Geen OOGO vastgelegd met gemeente %(g)s.") % {"g": g.naam})
        elif o.uitkomst != OogoUitkomst.OVEREENSTEMMING:
            mist.append(_("Geen overeenstemming in het OOGO met gemeente %(g)s.") % {"g": g.naam})
    return mist


@transaction.atomic
def plan_overgang(
    *, plan: Ondersteuningsplan, door, naam: str, notitie: str = ""
) -> Ondersteuningsplan:
    overgang = OVERGANGEN.get(naam)
    if overgang is None:
        raise PermissionDenied
    if not door.has_perm(overgang.permissie, plan):
        raise PermissionDenied(_("Uw rol mag deze stap niet zetten."))
    # Lock the row; ConcurrentTransitionMixin also refuses if the status moved meanwhile.
    plan = Ondersteuningsplan.objects.select_for_update().get(pk=plan.pk)
    methode = getattr(plan, naam)
    from django_fsm import can_proceed

    if not can_proceed(methode):
        raise ValidationError(
            _("Vanuit de status '%(status)s' kan dit niet.") % {"status": plan.get_status_display()}
        )
    if naam == "voorleggen":
        mist = ontbrekend_voor_instemming(plan)
        if mist:
            raise ValidationError(mist)
    if naam == "vaststellen":
        mist = blokkades_vaststelling(plan)
        if mist:
            raise ValidationError(mist)
    van = plan.status
    methode()
    vandaag = timezone.localdate()
    if naam == "vaststellen":
        plan.vastgesteld_op = vandaag
    elif naam == "naar_inspectie":
        plan.naar_inspectie_op = vandaag
    elif naam == "publiceren":
        plan.gepubliceerd_op = vandaag
    plan.save()
    if naam == "voorleggen":
        versie_bevriezen(plan=plan, door=door, aanleiding=_("Voorgelegd aan de OPR"))
    if naam == "vaststellen":
        _pdf_bewaren(plan)
    if naam == "publiceren" and plan.vorige_versie_id:
        vorige = Ondersteuningsplan.objects.select_for_update().get(pk=plan.vorige_versie_id)
        if vorige.status == PlanStatus.GEPUBLICEERD:
            vorige.vervangen()
            vorige.save()
            Statusovergang.objects.create(
                plan=vorige, van=PlanStatus.GEPUBLICEERD, naar=vorige.status, door=door,
                notitie=_("Vervangen door de gepubliceerde nieuwe versie (plan %(pk)s).") % {"pk": plan.pk},
            )  # fmt: skip
    Statusovergang.objects.create(plan=plan, van=van, naar=plan.status, door=door, notitie=notitie)
    vastleggen(
        actie=AuditActie.OVERGANG, gebruiker=door, obj=plan,
        omschrijving=f"Status {van} -> {plan.status}", details={"van": van, "naar": plan.status},
    )  # fmt: skip
    return plan


def _pdf_bewaren(plan) -> None:
    """Render and keep the adopted plan's PDF once (what was adopted is what we serve)."""
    from .reports import plan_pdf

    inhoud = plan_pdf(plan, met_toets=False)
    plan.vastgestelde_pdf.save(f"plan-{plan.pk}-vastgesteld.pdf", ContentFile(inhoud), save=False)
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(
        vastgestelde_pdf=plan.vastgestelde_pdf.name
    )


@transaction.atomic
def plan_nieuwe_versie(*, plan: Ondersteuningsplan, door) -> Ondersteuningsplan:
    """Amend a published plan: copy it into a new concept that needs OPR instemming again."""
    if not door.has_perm("ondersteuningsplan.bewerken", plan):
        raise PermissionDenied
    if plan.status != PlanStatus.GEPUBLICEERD:
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
            gewijzigd_door=door,
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
    Statusovergang.objects.create(
        plan=nieuw, van=PlanStatus.CONCEPT, naar=PlanStatus.CONCEPT, door=door,
        notitie=_("Nieuwe versie van plan %(pk)s") % {"pk": plan.pk},
    )  # fmt: skip
    _audit(plan=nieuw, door=door, actie=AuditActie.AANGEMAAKT,
           omschrijving=f"Nieuwe versie van plan {plan.pk}")  # fmt: skip
    return nieuw


def speerpunt_nieuw(plan) -> Speerpunt:
    return Speerpunt(
        plan=plan, volgorde=(plan.speerpunten.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    )


@transaction.atomic
def pdf_bewaren_indien_nodig(*, plan: Ondersteuningsplan) -> None:
    """An adopted plan without a kept PDF (imported or demo data) gets one, once."""
    plan = Ondersteuningsplan.objects.select_for_update().get(pk=plan.pk)
    if plan.status in STATUS_VASTGESTELD and not plan.vastgestelde_pdf:
        _pdf_bewaren(plan)
