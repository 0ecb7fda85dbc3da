"""Every read of rounds and reports, scoped to the user.

- SWV staff (medewerker, directeur): all rounds that include one of their SWVs, and every
  report in them.
- A bestuur: the open and closed rounds it takes part in; its own report; the other
  participants' reports only once accepted (besturen account to each other).
- Everyone else (school users, trajectbegeleiders, deskundigen, OPR): nothing.

`rondes_voor` and `verslagen_voor` are the one rule of each kind (`@scope`); a round's
questions and a report's parts inherit it by declaration (`Antwoord.objects.voor(user)`).
"""

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from swv.models import Samenwerkingsverband, School, Schoolbestuur, Schoolsoort
from swv.roles import SWV_STAF, Rol
from swv.selectors import besturen_voor, scope, swv_ids_voor

from .models import (
    BEWERKBAAR,
    Aanwending,
    Antwoord,
    IndicatorStand,
    OntvangenBedrag,
    Procesindicator,
    Ronde,
    RondeGebeurtenis,
    RondeStatus,
    Verslag,
    VerslagGebeurtenis,
    VerslagStatus,
    Vraag,
)

SPECIALE_SOORTEN = [Schoolsoort.SBO, Schoolsoort.SO, Schoolsoort.SO_VSO, Schoolsoort.VSO]


def _is_staf(user) -> bool:
    return user.is_authenticated and user.is_active and (user.rol in SWV_STAF)


def _is_bestuur(user) -> bool:
    return user.is_authenticated and user.is_active and user.rol == Rol.BESTUUR and user.bestuur_id


@scope(Ronde)
def rondes_voor(user) -> QuerySet[Ronde]:
    """Rounds the user may see (see module docstring)."""
    if not user.is_authenticated or not user.is_active:
        return Ronde.objects.none()
    if user.is_superuser:
        return Ronde.objects.all()
    if _is_staf(user):
        return Ronde.objects.filter(
            id__in=Ronde.objects.filter(samenwerkingsverbanden__in=swv_ids_voor(user)).values("id")
        )
    if _is_bestuur(user):
        return Ronde.objects.filter(
            id__in=Verslag.objects.filter(bestuur_id=user.bestuur_id).values("ronde_id")
        ).exclude(status=RondeStatus.VOORBEREIDING)
    return Ronde.objects.none()


def beheerbare_rondes(user) -> QuerySet[Ronde]:
    """Rounds the user may manage (open, close, review): staff only."""
    if not user.is_authenticated or not user.is_active:
        return Ronde.objects.none()
    if user.is_superuser or _is_staf(user):
        return rondes_voor(user)
    return Ronde.objects.none()


@scope(Verslag)
def verslagen_voor(user) -> QuerySet[Verslag]:
    """Reports the user may read: in a round the user sees (`rondes_voor`), staff every
    one, a bestuur its own and the accepted ones of the others."""
    rondes = rondes_voor(user)
    if user.is_authenticated and (user.is_superuser or _is_staf(user)):
        return Verslag.objects.filter(ronde__in=rondes)
    if _is_bestuur(user):
        return Verslag.objects.filter(ronde__in=rondes).filter(
            Q(bestuur_id=user.bestuur_id) | Q(status=VerslagStatus.GEACCEPTEERD)
        )
    return Verslag.objects.none()


def eigen_verslagen(user) -> QuerySet[Verslag]:
    """The reports of the user's own bestuur (in rounds that are open or closed)."""
    if not _is_bestuur(user):
        return Verslag.objects.none()
    return Verslag.objects.filter(ronde__in=rondes_voor(user), bestuur_id=user.bestuur_id)


def beoordeelbare_verslagen(user) -> QuerySet[Verslag]:
    return Verslag.objects.filter(ronde__in=beheerbare_rondes(user))


def ronde_overzicht(user) -> QuerySet[Ronde]:
    """Rounds for the index page, with report counts per status (one query)."""
    return (
        rondes_voor(user)
        .annotate(
            aantal_verslagen=Count("verslagen", distinct=True),
            aantal_ingediend=Count(
                "verslagen",
                filter=Q(verslagen__status=VerslagStatus.INGEDIEND),
                distinct=True,
            ),
            aantal_geaccepteerd=Count(
                "verslagen",
                filter=Q(verslagen__status=VerslagStatus.GEACCEPTEERD),
                distinct=True,
            ),
        )
        .prefetch_related("samenwerkingsverbanden")
        .order_by("-schooljaar", "-id")
    )


def verslagen_van_ronde(user, ronde: Ronde, *, met_pdf: bool = False) -> QuerySet[Verslag]:
    """The round's reports the user may read; the stored PDFs only when asked (they are
    tens of kilobytes each and only the bundle needs them)."""
    qs = (
        verslagen_voor(user)
        .filter(ronde=ronde)
        .select_related("ronde", "bestuur", "bijgewerkt_door")
        .order_by("bestuur__naam", "bestuur__nummer")
    )
    return qs.select_related("pdf") if met_pdf else qs


def kiesbare_samenwerkingsverbanden(user) -> QuerySet[Samenwerkingsverband]:
    if not (user.is_superuser or _is_staf(user)):
        return Samenwerkingsverband.objects.none()
    return Samenwerkingsverband.objects.filter(id__in=swv_ids_voor(user)).order_by("code")


def kiesbare_besturen(user) -> QuerySet[Schoolbestuur]:
    """Besturen staff can invite: those with a school (within the SWV task) in their SWVs."""
    if not (user.is_superuser or _is_staf(user)):
        return Schoolbestuur.objects.none()
    return (
        besturen_voor(user)
        .filter(
            id__in=School.objects.binnen_swv()
            .filter(swv_id__in=swv_ids_voor(user))
            .values("bestuur_id")
        )
        .order_by("naam", "nummer")
    )


def besturen_in_swvs(swv_ids) -> QuerySet[Schoolbestuur]:
    return Schoolbestuur.objects.filter(
        id__in=School.objects.binnen_swv().filter(swv_id__in=swv_ids).values("bestuur_id")
    ).order_by("naam", "nummer")


def heeft_speciaal(bestuur_id: int, swv_ids) -> bool:
    """Does the bestuur have an SBO or SO school in these SWVs (niveau 5)?"""
    return (
        School.objects.binnen_swv()
        .filter(bestuur_id=bestuur_id, swv_id__in=swv_ids, soort__in=SPECIALE_SOORTEN)
        .exists()
    )


def swv_ids_van_bestuur(verslag: Verslag) -> set[int]:
    """The round's SWVs in which the bestuur has schools: the amounts it must report."""
    return set(
        School.objects.binnen_swv()
        .filter(bestuur_id=verslag.bestuur_id, swv__in=verslag.ronde.samenwerkingsverbanden.all())
        .values_list("swv_id", flat=True)
        .distinct()
    )


def vragen_van_ronde(ronde: Ronde) -> list[Vraag]:
    return list(
        ronde.vragen.prefetch_related(
            Prefetch("indicatoren", queryset=Procesindicator.objects.order_by("nummer"))
        ).order_by("volgorde", "id")
    )


def verslag_inhoud(verslag: Verslag) -> dict:
    """Everything of one report, loaded in a fixed number of queries."""
    return {
        "antwoorden": {a.vraag_id: a for a in Antwoord.objects.filter(verslag=verslag)},
        "standen": {
            s.indicator_id: s.stand for s in IndicatorStand.objects.filter(verslag=verslag)
        },
        "ontvangen": {
            (b.swv_id, b.soort): b.bedrag for b in OntvangenBedrag.objects.filter(verslag=verslag)
        },
        "aanwendingen": list(Aanwending.objects.filter(verslag=verslag).order_by("volgorde", "id")),
    }


def geschiedenis(verslag: Verslag) -> QuerySet[VerslagGebeurtenis]:
    """The report's timeline (the caller has the report from `verslagen_voor`)."""
    return verslag.gebeurtenissen.select_related("door").order_by("tijdstip", "id")


def ronde_geschiedenis(ronde: Ronde) -> QuerySet[RondeGebeurtenis]:
    """The round's timeline (the caller has the round from `beheerbare_rondes`)."""
    return ronde.gebeurtenissen.select_related("door").order_by("tijdstip", "id")


def totaal(bedragen) -> Decimal:
    return sum((b for b in bedragen if b is not None), Decimal("0.00"))


def open_eigen_verslagen(user) -> QuerySet[Verslag]:
    """Reports the user's bestuur still has to write (open round, concept or returned)."""
    return (
        eigen_verslagen(user)
        .filter(status__in=BEWERKBAAR, ronde__status=RondeStatus.OPEN)
        .select_related("ronde")
    )


def te_beoordelen(user) -> QuerySet[Verslag]:
    return (
        beoordeelbare_verslagen(user)
        .filter(status=VerslagStatus.INGEDIEND)
        .select_related("ronde", "bestuur")
    )
