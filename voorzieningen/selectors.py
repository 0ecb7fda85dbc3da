"""Every read of voorzieningen and placements a user can reach, scoped to that user.

`voorzieningen_voor(user)`: the register is organisation data without pupils. SWV staff,
trajectbegeleiders and OPR members see the voorzieningen of their SWVs; a bestuur and a
school those of the SWVs their schools belong to. Deskundigen and anyone else: none.

`plaatsingen_voor(user)`: a placement is a pupil record, scoped like a vraag by
`swv.selectors.leerlingscope` on its own swv, school of origin and trajectbegeleider: SWV
staff the placements of their SWVs; a trajectbegeleider their own and the unassigned ones
of their SWVs; a bestuur those of its schools' pupils; a school its own pupils'. OPR,
deskundigen: none (the OPR sees the numbers only). History rows inherit the scope.

Occupancy and waiting lists are counted over all placements of a voorziening (numbers,
not pupils), in the same query as the list (`annotate`), never per row.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from swv.roles import Rol
from swv.selectors import leerlingscope, scope, swv_ids_voor

from .models import (
    Doelgroep,
    Plaatsing,
    PlaatsingGeschiedenis,
    Soort,
    Status,
    Voorziening,
    VoorzieningInstellingen,
)

_REGISTERROLLEN = (
    Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.OPR, Rol.BESTUUR, Rol.SCHOOL,
)  # fmt: skip


@scope(Voorziening)
def voorzieningen_voor(user) -> QuerySet[Voorziening]:
    if not user.is_authenticated or not user.is_active:
        return Voorziening.objects.none()
    if user.is_superuser:
        return Voorziening.objects.all()
    if user.rol in _REGISTERROLLEN:
        return Voorziening.objects.filter(swv_id__in=swv_ids_voor(user))
    return Voorziening.objects.none()


@scope(Plaatsing)
def plaatsingen_voor(user) -> QuerySet[Plaatsing]:
    filter_ = leerlingscope(user)
    if filter_ is None:
        return Plaatsing.objects.none()
    return Plaatsing.objects.filter(filter_)


def _bezet_op(datum: date) -> Q:
    """Placements that hold a seat on `datum`: placed (or since ended) and started on or
    before that day, not ended before it."""
    return Q(
        plaatsingen__status__in=[Status.GEPLAATST, Status.BEEINDIGD],
        plaatsingen__startdatum__lte=datum,
    ) & (Q(plaatsingen__einddatum__isnull=True) | Q(plaatsingen__einddatum__gte=datum))


def met_bezetting(qs: QuerySet[Voorziening], datum: date | None = None) -> QuerySet[Voorziening]:
    """`bezetting` (seats taken on `datum`, default today), `wachtlijst` (waiting now) and
    `geplaatst_open` (placements not ended, also those starting later) per voorziening."""
    datum = datum or timezone.localdate()
    return qs.annotate(
        bezetting=Count("plaatsingen", filter=_bezet_op(datum), distinct=True),
        wachtlijst=Count(
            "plaatsingen", filter=Q(plaatsingen__status=Status.WACHTLIJST), distinct=True
        ),
        geplaatst_open=Count(
            "plaatsingen", filter=Q(plaatsingen__status=Status.GEPLAATST), distinct=True
        ),
    )


def voorziening_lijst(user, datum: date | None = None) -> QuerySet[Voorziening]:
    return met_bezetting(
        voorzieningen_voor(user).select_related("swv", "gastschool", "bestuur", "gemeente"),
        datum,
    ).order_by("swv__code", "naam", "id")


def voorziening_van(user, pk: int) -> Voorziening:
    """One voorziening in scope, with its counts; out of scope is 'does not exist' (404)."""
    return voorziening_lijst(user).get(pk=pk)


def beheerbare_voorziening(user, pk: int) -> Voorziening:
    return voorzieningen_voor(user).select_related("swv").get(pk=pk)


def plaatsingen_van(user, voorziening) -> QuerySet[Plaatsing]:
    """The open placements (placed, waiting) of this voorziening the user may see, with
    the pupil: placed first, then the waiting list in order of registration."""
    return (
        plaatsingen_voor(user)
        .filter(voorziening=voorziening, status__in=[Status.GEPLAATST, Status.WACHTLIJST])
        .select_related("leerling", "school", "besluit")
        .order_by("-status", "aangemeld_op", "id")
    )


def plaatsing_van(user, pk: int) -> Plaatsing:
    return (
        plaatsingen_voor(user)
        .select_related(
            "voorziening",
            "voorziening__swv",
            "leerling",
            "school",
            "besluit",
            "trajectbegeleider",
            "aangemaakt_door",
        )  # fmt: skip
        .get(pk=pk)
    )


def historie_van(user, plaatsing) -> QuerySet[PlaatsingGeschiedenis]:
    return (
        PlaatsingGeschiedenis.objects.voor(user).filter(plaatsing=plaatsing).select_related("door")
    )


def plaatsingen_van_dossier(user, leerling) -> QuerySet[Plaatsing]:
    return (
        plaatsingen_voor(user)
        .filter(leerling=leerling)
        .select_related("voorziening")
        .order_by("aangemeld_op", "id")
    )


def collectief_alleen_via_mdo(swv_id) -> bool:
    instelling = VoorzieningInstellingen.objects.filter(swv_id=swv_id).first()
    return True if instelling is None else instelling.collectief_alleen_via_mdo


def heeft_mdo(leerling_id) -> bool:
    """Whether the pupil's dossier has a real MDO record (seed 001 §5.2, the MDO as
    knooppunt toeleiding): an MDO-oordeel recorded on one of its TLV aanvragen, or a
    knooppuntoverleg about the pupil turned into an MDO. Read through the dossier's
    relations (this app may import neither knooppunt nor depend on a sibling's
    modules); a business rule, not a read a user sees, so not scoped."""
    from leerlingen.models import Leerling

    return (
        Leerling.objects.filter(pk=leerling_id)
        .filter(Q(tlv_aanvragen__mdo__isnull=False) | Q(knooppuntoverleggen__status="naar_mdo"))
        .exists()
    )


def besluiten_voor_plaatsing(user, voorziening) -> QuerySet:
    """The decisions a placement in this voorziening can rest on, for the form's dropdown:
    the user's toegekende vragen in the voorziening's SWV of a soort the SWV's rule allows,
    decided on a loket meeting where the MDO rule holds."""
    from ondersteuning.models import Besluit
    from ondersteuning.models import Soort as VraagSoort
    from ondersteuning.models import Status as VraagStatus
    from ondersteuning.selectors import vragen_voor

    qs = vragen_voor(user).filter(
        swv_id=voorziening.swv_id, status=VraagStatus.BESLOTEN, besluit=Besluit.TOEGEKEND
    )
    if collectief_alleen_via_mdo(voorziening.swv_id):
        qs = qs.filter(soort=VraagSoort.VOORZIENING, overleg__isnull=False)
    else:
        qs = qs.filter(soort__in=[VraagSoort.VOORZIENING, VraagSoort.ARRANGEMENT])
    return qs.select_related("leerling").order_by("-besloten_op", "-id")


# The dekkend netwerk -------------------------------------------------------------------


def netwerk_voorzieningen(
    user, *, swv_id=None, gemeente_id=None, datum=None
) -> QuerySet[Voorziening]:
    """The active voorzieningen in the user's scope (optionally one SWV and gemeente),
    with their counts, in one query."""
    qs = voorziening_lijst(user, datum).filter(actief=True)
    if swv_id:
        qs = qs.filter(swv_id=swv_id)
    if gemeente_id:
        qs = qs.filter(gemeente_id=gemeente_id)
    return qs


def _totalen(rijen):
    return {
        "aantal": len(rijen),
        "capaciteit": sum(v.capaciteit for v in rijen),
        "bezetting": sum(v.bezetting for v in rijen),
        "wachtlijst": sum(v.wachtlijst for v in rijen),
    }


def netwerk_overzicht(swvs, voorzieningen) -> dict:
    """The dekkend netwerk of the SWVs `swvs` from an evaluated list of their active
    voorzieningen (`netwerk_voorzieningen`), computed without further queries: per SWV and
    soort, per regio (the gemeente, else the regio field), per soort, the totals, and the
    gaps: per SWV the doelgroepen without any active voorziening (an SWV without any
    voorziening has every doelgroep as a gap)."""
    rijen = list(voorzieningen)
    per_swv: dict = {swv: [] for swv in swvs}
    per_regio: dict = defaultdict(list)
    per_soort: dict = defaultdict(list)
    for v in rijen:
        per_swv.setdefault(v.swv, []).append(v)
        regio = v.gemeente.naam if v.gemeente_id else (v.regio or "")
        per_regio[regio].append(v)
        per_soort[v.soort].append(v)
    swv_blokken = []
    for swv in sorted(per_swv, key=lambda s: s.code):
        lijst = per_swv[swv]
        soorten = []
        for code, label in Soort.choices:
            deel = [v for v in lijst if v.soort == code]
            if deel:
                soorten.append({"soort": code, "label": label, **_totalen(deel)})
        gedekt = {v.doelgroep for v in lijst}
        swv_blokken.append(
            {
                "swv": swv,
                "soorten": soorten,
                "totaal": _totalen(lijst),
                "tekorten": [
                    {"doelgroep": code, "label": label}
                    for code, label in Doelgroep.choices
                    if code not in gedekt
                ],
            }
        )
    return {
        "per_swv": swv_blokken,
        "per_regio": [
            {"regio": regio, **_totalen(per_regio[regio])} for regio in sorted(per_regio)
        ],
        "per_soort": [
            {"soort": code, "label": label, **_totalen(per_soort.get(code, []))}
            for code, label in Soort.choices
        ],
        "totaal": _totalen(rijen),
    }
