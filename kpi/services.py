"""Every write of the KPI app: metingen and the thuiszitters register. Keyword-only,
atomic, audited in the same transaction."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlingen.services import dossier_koppelen
from ondersteuningsplan.models import Kpi
from swv import formats, workflow
from swv.audit import AuditActie, vastleggen
from swv.getallen import getal
from swv.models import Samenwerkingsverband, School, Schoolbestuur
from swv.roles import Rol
from swv.selectors import samenwerkingsverbanden_voor

# The chapters' optimistic-locking refusal (a swv.workflow.VerouderdeVersie carrying the
# saved object): one mechanism for every edit form.
from swv.workflow import Bewerkconflict

from . import selectors, stappen
from .models import (
    ACTIE_IN_DE_TOEKOMST,
    Meting,
    Thuiszitter,
    ThuiszitterActie,
    ThuiszitterStatus,
    ThuiszitterType,
)


class MetingBestaatAl(ValidationError):
    """A meting for this KPI, period and scope exists; replacing it needs a confirmation."""

    def __init__(self, bestaande: Meting):
        self.bestaande = bestaande
        super().__init__(
            _(
                "Er is al een meting voor deze KPI, periode en reikwijdte (waarde %(waarde)s). "
                "Bevestig dat u die wilt vervangen."
            )
            % {"waarde": getal(bestaande.waarde)},
            code="bestaat",
        )


def meting_vastleggen(
    *,
    kpi: Kpi,
    schooljaar: int,
    kwartaal: int = 0,
    swv: Samenwerkingsverband | None = None,
    bestuur: Schoolbestuur | None = None,
    waarde: Decimal,
    bron: str = "",
    toelichting: str = "",
    door,
    vervangen: bool = False,
    vervangen_versie: int | None = None,
    request=None,
) -> Meting:
    """Record a meting. Refuses a computed KPI, a value that does not fit the KPI type and
    a meting for both an SWV and a bestuur. If one exists for the same KPI, period and
    scope, raises MetingBestaatAl unless `vervangen` is set; then it is replaced (never
    doubled). With `vervangen_versie` (the version of the meting the user confirmed to
    replace) a meting saved by someone else since is not overwritten: MetingBestaatAl
    again, with the value now saved. Only SWV staff, for a KPI of one of their plans and
    their own SWV."""
    workflow.eis(door, stappen.METING.permissie)
    if not selectors.kpis_voor(door).filter(pk=kpi.pk).exists() or (
        swv is not None and not samenwerkingsverbanden_voor(door).filter(pk=swv.pk).exists()
    ):
        raise PermissionDenied(_("Deze KPI valt buiten uw samenwerkingsverbanden."))
    if kpi.is_berekend:
        raise ValidationError(
            _(
                "Deze KPI berekent het portaal zelf (%(bron)s); die kunt u niet met de hand invullen."
            )
            % {"bron": kpi.get_berekening_display()},
            code="berekend",
        )
    if swv is not None and bestuur is not None:
        raise ValidationError(
            _("Kies een samenwerkingsverband óf een bestuur, niet allebei."), code="scope"
        )
    kpi.waarde_controleren(waarde)
    with transaction.atomic():
        bestaande = (
            Meting.objects.select_for_update()
            .filter(kpi=kpi, schooljaar=schooljaar, kwartaal=kwartaal, swv=swv, bestuur=bestuur)
            .first()
        )
        if bestaande is not None and (
            not vervangen or (vervangen_versie is not None and vervangen_versie != bestaande.versie)
        ):
            raise MetingBestaatAl(bestaande)
        velden = {
            "waarde": waarde,
            "bron": bron,
            "toelichting": toelichting,
            "ingevoerd_door": door,
        }
        if bestaande is not None:
            oud = bestaande.waarde
            for naam, w in velden.items():
                setattr(bestaande, naam, w)
            bestaande.versie += 1
            bestaande.save(update_fields=[*velden, "versie"])
            meting = bestaande
            vastleggen(
                actie=AuditActie.GEWIJZIGD,
                gebruiker=door,
                obj=meting,
                request=request,
                omschrijving=f"Meting KPI #{kpi.pk} {meting.periode} vervangen",
                details={"oude_waarde": str(oud), "nieuwe_waarde": str(waarde)},
            )
        else:
            meting = Meting.objects.create(
                kpi=kpi,
                schooljaar=schooljaar,
                kwartaal=kwartaal,
                swv=swv,
                bestuur=bestuur,
                **velden,
            )
            vastleggen(
                actie=AuditActie.AANGEMAAKT,
                gebruiker=door,
                obj=meting,
                request=request,
                omschrijving=f"Meting KPI #{kpi.pk} {meting.periode} ingevoerd",
                details={"waarde": str(waarde)},
            )
    return meting


# A pupil in the register is, in the calendar year of the startdatum, between these ages
# (only the birth year is recorded). Leerplichtig from 5, at school from 4; the upper
# bound leaves room for VSO pupils and late school-leavers.
LEEFTIJD_BIJ_START = (4, 23)


def thuiszitter_datumfouten(
    *, startdatum: date | None, einddatum: date | None, geboortejaar: int | None
) -> dict[str, str]:
    """Field -> message for dates that cannot be: a start or end in the future, a
    startdatum before the pupil can be at school (1 August of the year it turns 4) and a
    geboortejaar that does not fit the startdatum. Used by the form and the service."""
    fouten = {}
    vandaag = timezone.localdate()
    if startdatum and startdatum > vandaag:
        fouten["startdatum"] = _("De startdatum ligt in de toekomst.")
    if einddatum and einddatum > vandaag:
        fouten["einddatum"] = _(
            "De einddatum ligt in de toekomst. Vul de datum in waarop de leerling terug "
            "was of de registratie is beëindigd."
        )
    if startdatum and geboortejaar is not None:
        jongst, oudst = LEEFTIJD_BIJ_START
        van, tot = startdatum.year - oudst, startdatum.year - jongst
        if not van <= geboortejaar <= tot:
            fouten["geboortejaar"] = _(
                "Dit geboortejaar past niet bij de startdatum: een leerling in het register "
                "is in het jaar van de start %(jongst)s tot en met %(oudst)s jaar oud, dus "
                "geboren tussen %(van)s en %(tot)s."
            ) % {"jongst": jongst, "oudst": oudst, "van": van, "tot": tot}
        elif startdatum < date(geboortejaar + jongst, 8, 1) and "startdatum" not in fouten:
            fouten["startdatum"] = _(
                "Een leerling geboren in %(jaar)s gaat op zijn vroegst vanaf 1 augustus "
                "%(vanaf)s naar school; de startdatum ligt daarvoor."
            ) % {"jaar": geboortejaar, "vanaf": geboortejaar + jongst}
    return fouten


def _thuiszitter_controleren(t: Thuiszitter) -> None:
    fouten = thuiszitter_datumfouten(
        startdatum=t.startdatum, einddatum=t.einddatum, geboortejaar=t.geboortejaar
    )
    if t.type == ThuiszitterType.VRIJSTELLING and not t.vrijstelling:
        fouten["vrijstelling"] = _("Kies het artikel van de vrijstelling.")
    if t.type != ThuiszitterType.VRIJSTELLING and t.vrijstelling:
        fouten["vrijstelling"] = _("Een artikel hoort alleen bij een vrijstelling.")
    if t.einddatum and t.startdatum and t.einddatum < t.startdatum:
        fouten["einddatum"] = _("De einddatum ligt voor de startdatum.")
    if t.status == ThuiszitterStatus.LOPEND and t.einddatum:
        fouten["einddatum"] = _("Een lopende registratie heeft nog geen einddatum.")
    if t.status != ThuiszitterStatus.LOPEND and not t.einddatum:
        fouten["einddatum"] = _("Vul de einddatum in bij een afgesloten registratie.")
    if t.school_id and not t.school.swv_id:
        fouten["school"] = _("Deze school hoort niet bij een samenwerkingsverband.")
    tb = t.trajectbegeleider
    if tb is not None and (
        tb.rol != Rol.TRAJECTBEGELEIDER
        or not tb.samenwerkingsverbanden.filter(id=t.school.swv_id).exists()
    ):
        fouten["trajectbegeleider"] = _(
            "Kies een trajectbegeleider van het samenwerkingsverband van de school."
        )
    if fouten:
        raise ValidationError(fouten)


VELDEN = (
    "school",
    "pseudoniem",
    "geboortejaar",
    "type",
    "vrijstelling",
    "startdatum",
    "einddatum",
    "status",
    "trajectbegeleider",
)


def _eigen_thuiszitter(gebruiker, thuiszitter: Thuiszitter, stap) -> None:
    """Scope (the register's selector), then the step's permission."""
    if not selectors.thuiszitters_voor(gebruiker).filter(pk=thuiszitter.pk).exists():
        raise PermissionDenied(_("Deze registratie is niet (meer) beschikbaar voor u."))
    workflow.eis(gebruiker, stap.permissie, thuiszitter)


def thuiszitter_registreren(
    *,
    door,
    school: School,
    pseudoniem: str,
    geboortejaar: int,
    type: str,
    startdatum: date,
    vrijstelling: str = "",
    einddatum: date | None = None,
    status: str = ThuiszitterStatus.LOPEND,
    trajectbegeleider=None,
    request=None,
) -> Thuiszitter:
    """Record a new case for a school in the user's scope. The SWV follows from the
    school. Audited (by id only)."""
    workflow.eis(door, stappen.THUISZITTER_REGISTREREN.permissie)
    if not selectors.scholen_voor_register(door).filter(pk=school.pk).exists():
        raise PermissionDenied(_("Kies een school binnen uw samenwerkingsverband."))
    t = Thuiszitter(
        school=school,
        swv_id=school.swv_id,
        pseudoniem=pseudoniem.strip(),
        geboortejaar=geboortejaar,
        type=type,
        vrijstelling=vrijstelling,
        startdatum=startdatum,
        einddatum=einddatum,
        status=status,
        trajectbegeleider=trajectbegeleider,
    )
    _thuiszitter_controleren(t)
    with transaction.atomic():
        t.leerling = dossier_koppelen(school=school, voornaam=t.pseudoniem,
                                      trajectbegeleider=trajectbegeleider, door=door)  # fmt: skip
        t.save()
        vastleggen(
            actie=AuditActie.AANGEMAAKT,
            gebruiker=door,
            obj=t,
            request=request,
            omschrijving=f"Thuiszitter #{t.pk} geregistreerd",
            details={"school_id": school.pk, "type": type},
        )
    return t


def thuiszitter_wijzigen(
    *, thuiszitter: Thuiszitter, door, versie: int, request=None, **velden
) -> Thuiszitter:
    """Change a case in the user's scope, over the version the form was opened on
    (`versie`): if someone saved the case since, nothing is saved and Bewerkconflict
    carries the saved case (the chapters' conflict page). Logs which fields changed
    (names, not values)."""
    _eigen_thuiszitter(door, thuiszitter, stappen.THUISZITTER_WIJZIGEN)
    onbekend = set(velden) - set(VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    with transaction.atomic():
        huidig = (
            Thuiszitter.objects.select_for_update(of=("self",))
            .select_related("school", "trajectbegeleider")
            .get(pk=thuiszitter.pk)
        )
        if huidig.versie != versie:
            raise Bewerkconflict(huidig)
        gewijzigd = [n for n, w in velden.items() if getattr(huidig, n) != w]
        for naam in gewijzigd:
            setattr(huidig, naam, velden[naam])
        if "school" in gewijzigd:
            huidig.swv_id = huidig.school.swv_id
        _thuiszitter_controleren(huidig)
        if not gewijzigd:
            return huidig
        huidig.versie += 1
        huidig.save()
        vastleggen(
            actie=AuditActie.GEWIJZIGD,
            gebruiker=door,
            obj=huidig,
            request=request,
            omschrijving=f"Thuiszitter #{huidig.pk} gewijzigd",
            details={"velden": gewijzigd},
        )
    return huidig


def thuiszitter_actie_toevoegen(
    *,
    thuiszitter: Thuiszitter,
    door,
    datum: date,
    omschrijving: str,
    betrokkenen: str = "",
    request=None,
) -> ThuiszitterActie:
    """Add a dated action to a case's log, recorded as `door` now. Refuses a date in the
    future or before the registration's start, and an empty description (each message on
    its field). Audited on the thuiszitter (ids only, no text)."""
    _eigen_thuiszitter(door, thuiszitter, stappen.THUISZITTER_ACTIE)
    omschrijving, betrokkenen = omschrijving.strip(), betrokkenen.strip()
    fouten = {}
    if datum > timezone.localdate():
        fouten["datum"] = ACTIE_IN_DE_TOEKOMST
    elif datum < thuiszitter.startdatum:
        fouten["datum"] = _(
            "De datum ligt voor de start van deze registratie (%(start)s). Vul de datum in "
            "waarop de actie is gedaan of afgesproken, op of na de startdatum."
        ) % {"start": formats.lang(thuiszitter.startdatum)}
    if not omschrijving:
        fouten["omschrijving"] = _("Beschrijf wat er is gedaan of afgesproken.")
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        actie = ThuiszitterActie.objects.create(
            thuiszitter=thuiszitter,
            datum=datum,
            omschrijving=omschrijving,
            betrokkenen=betrokkenen,
            vastgelegd_door=door,
        )
        vastleggen(
            actie=AuditActie.GEWIJZIGD,
            gebruiker=door,
            obj=thuiszitter,
            request=request,
            omschrijving=f"Thuiszitter #{thuiszitter.pk}: actie toegevoegd",
            details={"velden": ["acties"], "actie_id": actie.pk},
        )
    return actie
