"""TLV kengetallen per school year, for the kengetallen page, the KPI dashboard and the
verantwoording (their engineers code against `bestuur_kengetallen` and `swv_kengetallen`:
keep the signatures and the keys).

Counting rules (one place):
- school year `schooljaar` = 1 August `schooljaar` to 31 July `schooljaar + 1`;
- 'aanvragen': aanvragen received (ingediend, `ontvangen_op`) in the year;
- 'toegekend_sbo' / 'toegekend_so' / 'afgewezen': current beschikkingen (after any bezwaar)
  by beschikking date;
- 'terugplaatsingen': by terugplaatsing date; 'bezwaren': by date of receipt;
- a case counts for the bestuur of its school of origin and the SWV that handles it.
"""

import math
from datetime import date

from django.db.models import Count, Q

from .models import Aanvraag, Beschikking, Besluit, Soort

SLEUTELS = (
    "aanvragen",
    "toegekend_sbo",
    "toegekend_so",
    "afgewezen",
    "terugplaatsingen",
    "bezwaren",
)


def schooljaar_periode(schooljaar: int) -> tuple[date, date]:
    return date(schooljaar, 8, 1), date(schooljaar + 1, 7, 31)


def schooljaar_van(datum: date) -> int:
    return datum.year if datum.month >= 8 else datum.year - 1


def _tellingen(groep: str, schooljaar: int, filter_q: Q) -> dict[int, dict[str, int]]:
    """One grouped query over the cases, with a conditional distinct count per key."""
    begin, eind = schooljaar_periode(schooljaar)
    actueel = Q(
        beschikkingen__actueel=True,
        beschikkingen__datum__gte=begin,
        beschikkingen__datum__lte=eind,
    )
    rijen = (
        Aanvraag.objects.filter(filter_q)
        .values(groep)
        .annotate(
            aanvragen=Count(
                "id", filter=Q(ontvangen_op__gte=begin, ontvangen_op__lte=eind), distinct=True
            ),
            toegekend_sbo=Count(
                "beschikkingen",
                filter=actueel
                & Q(beschikkingen__besluit=Besluit.TOEGEKEND, beschikkingen__soort=Soort.SBO),
                distinct=True,
            ),
            toegekend_so=Count(
                "beschikkingen",
                filter=actueel
                & Q(beschikkingen__besluit=Besluit.TOEGEKEND, beschikkingen__soort=Soort.SO),
                distinct=True,
            ),
            afgewezen=Count(
                "beschikkingen",
                filter=actueel & Q(beschikkingen__besluit=Besluit.AFGEWEZEN),
                distinct=True,
            ),
            terugplaatsingen=Count(
                "terugplaatsing",
                filter=Q(terugplaatsing__datum__gte=begin, terugplaatsing__datum__lte=eind),
                distinct=True,
            ),
            bezwaren=Count(
                "bezwaren",
                filter=Q(bezwaren__ontvangen_op__gte=begin, bezwaren__ontvangen_op__lte=eind),
                distinct=True,
            ),
        )
        .order_by(groep)
    )
    return {rij[groep]: {k: rij[k] for k in SLEUTELS} for rij in rijen}


def _nullen() -> dict[str, int]:
    return dict.fromkeys(SLEUTELS, 0)


def bestuur_kengetallen(*, schooljaar: int, bestuur_ids=None) -> dict[int, dict[str, int]]:
    """Per bestuur id (school of origin's bestuur), for school year `schooljaar` (2023 = 1 Aug 2023 -
    31 Jul 2024, by beschikking date / terugplaatsing date). Keys: 'aanvragen', 'toegekend_sbo',
    'toegekend_so', 'afgewezen', 'terugplaatsingen', 'bezwaren'. Missing besturen = all zeros. SQL
    aggregation (one or two queries), not Python loops over cases."""
    filter_q = Q()
    if bestuur_ids is not None:
        bestuur_ids = list(bestuur_ids)
        filter_q = Q(school__bestuur_id__in=bestuur_ids)
    uitkomst = _tellingen("school__bestuur_id", schooljaar, filter_q)
    if bestuur_ids is not None:
        return {bid: uitkomst.get(bid, _nullen()) for bid in bestuur_ids}
    return uitkomst


def _percentiel(waarden: list[int], p: float) -> float | None:
    """Linear interpolation between closest ranks (as PostgreSQL's percentile_cont)."""
    if not waarden:
        return None
    waarden = sorted(waarden)
    k = (len(waarden) - 1) * p
    onder, boven = math.floor(k), math.ceil(k)
    if onder == boven:
        return float(waarden[int(k)])
    return waarden[onder] + (waarden[boven] - waarden[onder]) * (k - onder)


def doorlooptijden(*, schooljaar: int, filter_q: Q | None = None) -> dict:
    """Days from receipt of the aanvraag to dispatch of its first beschikking, per SWV id,
    for beschikkingen dated in the school year (one query fetching two dates per case)."""
    begin, eind = schooljaar_periode(schooljaar)
    per_swv: dict[int, list[int]] = {}
    rijen = Beschikking.objects.filter(
        filter_q or Q(),
        ronde=1,
        datum__gte=begin,
        datum__lte=eind,
        aanvraag__ontvangen_op__isnull=False,
    ).values_list("swv_id", "aanvraag__ontvangen_op", "verzonden_op")
    for swv_id, ontvangen, verzonden in rijen:
        per_swv.setdefault(swv_id, []).append((verzonden - ontvangen).days)
    return per_swv


def swv_kengetallen(*, schooljaar: int, swv_ids=None) -> dict[int, dict[str, int | float | None]]:
    """Same keys per SWV id, plus 'doorlooptijd_mediaan_dagen' and 'doorlooptijd_p90_dagen'
    (aanvraag received -> beschikking sent)."""
    filter_q = Q()
    if swv_ids is not None:
        swv_ids = list(swv_ids)
        filter_q = Q(swv_id__in=swv_ids)
    tellingen = _tellingen("swv_id", schooljaar, filter_q)
    duur = doorlooptijden(schooljaar=schooljaar, filter_q=filter_q)
    sleutels = swv_ids if swv_ids is not None else sorted(set(tellingen) | set(duur))
    uitkomst = {}
    for swv_id in sleutels:
        rij: dict[str, int | float | None] = dict(tellingen.get(swv_id, _nullen()))
        rij["doorlooptijd_mediaan_dagen"] = _percentiel(duur.get(swv_id, []), 0.5)
        rij["doorlooptijd_p90_dagen"] = _percentiel(duur.get(swv_id, []), 0.9)
        uitkomst[swv_id] = rij
    return uitkomst


# For the kengetallen page ------------------------------------------------------------------


def _per_organisatie(model, groep: str, *, schooljaar: int, swv_ids) -> list[dict]:
    tellingen = _tellingen(groep, schooljaar, Q(swv_id__in=list(swv_ids)))
    tellingen = {k: v for k, v in tellingen.items() if any(v.values())}
    objecten = model.objects.in_bulk(list(tellingen))
    rijen = [{"object": objecten[k], "tellingen": v} for k, v in tellingen.items()]
    return sorted(rijen, key=lambda r: r["object"].naam)


def per_bestuur_in_swvs(*, schooljaar: int, swv_ids) -> list[dict]:
    """Besturen (school of origin) with any TLV activity in these SWVs in the year."""
    from swv.models import Schoolbestuur

    rijen = _per_organisatie(
        Schoolbestuur, "school__bestuur_id", schooljaar=schooljaar, swv_ids=swv_ids
    )
    return [{"bestuur": r["object"], "tellingen": r["tellingen"]} for r in rijen]


def per_school_in_swvs(*, schooljaar: int, swv_ids) -> list[dict]:
    from swv.models import School

    rijen = _per_organisatie(School, "school_id", schooljaar=schooljaar, swv_ids=swv_ids)
    return [{"school": r["object"], "tellingen": r["tellingen"]} for r in rijen]


def per_categorie(*, schooljaar: int, swv_ids) -> list[dict]:
    """Current beschikkingen in the year by besluit, soort and categorie (one query)."""
    begin, eind = schooljaar_periode(schooljaar)
    return list(
        Beschikking.objects.filter(
            swv_id__in=list(swv_ids), actueel=True, datum__gte=begin, datum__lte=eind
        )
        .values("besluit", "soort", "categorie")
        .annotate(aantal=Count("id"))
        .order_by("besluit", "soort", "categorie")
    )


def bezwaar_uitkomsten(*, schooljaar: int, swv_ids) -> dict[str, int]:
    """Bezwaren received in the year by outcome ('' = still open)."""
    from .models import Bezwaar

    begin, eind = schooljaar_periode(schooljaar)
    rijen = (
        Bezwaar.objects.filter(
            aanvraag__swv_id__in=list(swv_ids), ontvangen_op__gte=begin, ontvangen_op__lte=eind
        )
        .values("beslissing")
        .annotate(aantal=Count("id"))
        .order_by("beslissing")
    )
    return {r["beslissing"]: r["aantal"] for r in rijen}
