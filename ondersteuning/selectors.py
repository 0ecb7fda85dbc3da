"""Every read of the ondersteuningsroute a user can reach, scoped to that user.

`vragen_voor(user)` is the one rule for vragen, pupil records like TLV cases
(`swv.selectors.leerlingscope` on the vraag's own swv, school and trajectbegeleider): SWV
staff the vragen of their SWVs; a trajectbegeleider their own and the unassigned ones of
their SWVs; a bestuur those of its schools; a school its own. Deskundigen, OPR and anyone
else: none. `loketoverleggen_voor(user)`: SWV staff and trajectbegeleiders the meetings of
their SWVs; nobody else. `arrangementen_voor(user)`: the same rule as vragen, on the
arrangement's own swv, uitvoerende school and trajectbegeleider. History rows and
evaluations inherit their parent's scope.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from swv.models import Samenwerkingsverband
from swv.roles import Rol
from swv.schooljaar import schooljaar_periode
from swv.selectors import leerlingscope, scope, swv_ids_voor

from . import termijnen
from .models import (
    Arrangement,
    ArrangementGeschiedenis,
    Evaluatie,
    LoketInstellingen,
    Loketoverleg,
    Ondersteuningsvraag,
    OverlegGeschiedenis,
    Status,
    VraagBijlage,
    VraagGeschiedenis,
)


@scope(Ondersteuningsvraag)
def vragen_voor(user) -> QuerySet[Ondersteuningsvraag]:
    filter_ = leerlingscope(user)
    if filter_ is None:
        return Ondersteuningsvraag.objects.none()
    return Ondersteuningsvraag.objects.filter(filter_)


@scope(Loketoverleg)
def loketoverleggen_voor(user) -> QuerySet[Loketoverleg]:
    if not user.is_authenticated or not user.is_active:
        return Loketoverleg.objects.none()
    if user.is_superuser:
        return Loketoverleg.objects.all()
    if user.rol in (Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER):
        return Loketoverleg.objects.filter(swv_id__in=swv_ids_voor(user))
    return Loketoverleg.objects.none()


def vraag_lijst(user) -> QuerySet[Ondersteuningsvraag]:
    return vragen_voor(user).select_related("leerling", "school", "swv", "overleg").order_by("-id")


def vraag_van(user, pk: int) -> Ondersteuningsvraag:
    """One vraag in scope; out of scope is 'does not exist' (404)."""
    return (
        vragen_voor(user)
        .select_related(
            "leerling",
            "school",
            "swv",
            "overleg",
            "toestemming",
            "trajectbegeleider",
            "aangemaakt_door",
            "ingediend_door",
            "besloten_door",
        )  # fmt: skip
        .get(pk=pk)
    )


def historie_van(user, vraag) -> QuerySet[VraagGeschiedenis]:
    return VraagGeschiedenis.objects.voor(user).filter(vraag=vraag).select_related("door")


def bijlagen_van(user, vraag) -> QuerySet[VraagBijlage]:
    """The vraag's attachments (the vraag's scope)."""
    return VraagBijlage.objects.voor(user).filter(vraag=vraag).order_by("geupload_op", "id")


def bijlage_van(user, *, vraag_id: int, pk: int) -> VraagBijlage:
    """One attachment of a vraag in scope; otherwise 'does not exist' (404)."""
    return VraagBijlage.objects.voor(user).select_related("vraag").get(vraag_id=vraag_id, pk=pk)


def vragen_van_dossier(user, leerling) -> QuerySet[Ondersteuningsvraag]:
    return vragen_voor(user).filter(leerling=leerling).order_by("aangemaakt_op", "id")


def overleg_lijst(user) -> QuerySet[Loketoverleg]:
    return (
        loketoverleggen_voor(user)
        .select_related("swv")
        .annotate(aantal_vragen=Count("vragen", filter=Q(vragen__in=vragen_voor(user))))
        .order_by("-datum", "-id")
    )


def overleg_van(user, pk: int) -> Loketoverleg:
    return loketoverleggen_voor(user).select_related("swv").get(pk=pk)


def agenda_van(user, overleg) -> QuerySet[Ondersteuningsvraag]:
    """The vragen on this meeting's agenda (and those decided there) the user may see."""
    return (
        vragen_voor(user)
        .filter(overleg=overleg)
        .exclude(status=Status.INGETROKKEN)
        .select_related("leerling", "school")
        .order_by("id")
    )


def te_agenderen(user, overleg) -> QuerySet[Ondersteuningsvraag]:
    """Submitted vragen of the meeting's SWV, not yet on an agenda."""
    return (
        vragen_voor(user)
        .filter(swv_id=overleg.swv_id, status=Status.INGEDIEND)
        .select_related("leerling", "school")
        .order_by("ingediend_op", "id")
    )


def open_overleggen(user, swv_id) -> QuerySet[Loketoverleg]:
    return loketoverleggen_voor(user).filter(swv_id=swv_id, status="gepland").order_by("datum")


def overleg_historie(user, overleg) -> QuerySet[OverlegGeschiedenis]:
    return OverlegGeschiedenis.objects.voor(user).filter(overleg=overleg).select_related("door")


def uurtarief(swv_id) -> Decimal:
    """The SWV's hourly rate for arrangementen in hours (its setting, else the default)."""
    instelling = LoketInstellingen.objects.filter(swv_id=swv_id).first()
    if instelling is None:
        return LoketInstellingen._meta.get_field("uurtarief").default
    return instelling.uurtarief


def beslis_werkdagen(swv_id) -> int:
    instelling = LoketInstellingen.objects.filter(swv_id=swv_id).first()
    return instelling.beslis_werkdagen if instelling else 5


def uiterlijk_besluit(overleg) -> date:
    """The last day to decide on a vraag put on this meeting (the SWV's setting)."""
    from toelaatbaarheid.termijnen import gelijkgestelde_dagen

    return termijnen.besluit_uiterlijk(
        overleg.datum, beslis_werkdagen(overleg.swv_id), gelijkgestelde_dagen()
    )


# Arrangementen ----------------------------------------------------------------------------


@scope(Arrangement)
def arrangementen_voor(user) -> QuerySet[Arrangement]:
    filter_ = leerlingscope(user)
    if filter_ is None:
        return Arrangement.objects.none()
    return Arrangement.objects.filter(filter_)


def arrangement_lijst(user) -> QuerySet[Arrangement]:
    return (
        arrangementen_voor(user)
        .select_related("leerling", "school", "swv")
        .order_by("-startdatum", "-id")
    )


def arrangement_van(user, pk: int) -> Arrangement:
    """One arrangement in scope; out of scope is 'does not exist' (404)."""
    return (
        arrangementen_voor(user)
        .select_related(
            "leerling", "school", "swv", "vraag", "vorige", "trajectbegeleider", "besloten_door"
        )
        .get(pk=pk)
    )


def verlenging_van(user, arrangement) -> Arrangement | None:
    return arrangementen_voor(user).filter(vorige=arrangement).first()


def evaluaties_van(user, arrangement) -> QuerySet[Evaluatie]:
    return (
        Evaluatie.objects.voor(user)
        .filter(arrangement=arrangement)
        .select_related("vastgelegd_door")
        .order_by("gepland_op", "id")
    )


def open_evaluaties(user, arrangement) -> QuerySet[Evaluatie]:
    return evaluaties_van(user, arrangement).filter(gehouden_op__isnull=True)


def arrangement_historie(user, arrangement) -> QuerySet[ArrangementGeschiedenis]:
    return (
        ArrangementGeschiedenis.objects.voor(user)
        .filter(arrangement=arrangement)
        .select_related("door")
    )


def arrangementen_van_vraag(user, vraag) -> QuerySet[Arrangement]:
    return arrangementen_voor(user).filter(vraag=vraag).order_by("startdatum", "id")


def arrangementen_van_dossier(user, leerling) -> QuerySet[Arrangement]:
    return (
        arrangementen_voor(user)
        .filter(leerling=leerling)
        .select_related("school")
        .prefetch_related("evaluaties")
        .order_by("startdatum", "id")
    )


# The summed cost of a (filtered, scoped) list of arrangementen, as a list's `totalen`
# (swv.views.ScopedListView: computed in the same query as the count).
TOTAAL_KOSTEN = {"totaal_kosten": Coalesce(Sum("kosten"), Value(Decimal("0.00")))}


def uitgaven_arrangementen(
    wie, jaar: int, *, per: str = "school", schooljaar: bool = False
) -> list[dict]:
    """Cost of the arrangementen that start in `jaar` (a calendar year, or with
    `schooljaar=True` the school year 1 August `jaar` to 31 July), per school or per
    bestuur (`per="bestuur"`), in one grouped query. `wie` is a user (their scope) or a
    Samenwerkingsverband (all of its arrangementen: for the SWV's own figures). Each row:
    the school or bestuur (id, naam), `aantal`, `kosten` (EUR, Decimal). Ended ones count
    with their cost to the day they ended; an extension is its own arrangement."""
    if isinstance(wie, Samenwerkingsverband):
        basis = Arrangement.objects.filter(swv=wie)
    else:
        basis = arrangementen_voor(wie)
    begin, eind = schooljaar_periode(jaar) if schooljaar else (date(jaar, 1, 1), date(jaar, 12, 31))
    velden = {
        "school": ("school_id", "school__naam", "school__bestuur_id", "school__bestuur__naam"),
        "bestuur": ("school__bestuur_id", "school__bestuur__naam"),
    }[per]
    return list(
        basis.filter(startdatum__range=(begin, eind))
        .values(*velden)
        .annotate(aantal=Count("id"), kosten=Sum("kosten"))
        .order_by(velden[1], velden[0])
    )
