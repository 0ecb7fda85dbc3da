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

from swv.schooljaar import schooljaar_periode, schooljaar_van

from .models import Aanvraag, Beschikking, Besluit, Bezwaar, Soort, Terugplaatsing

SLEUTELS = (
    "aanvragen",
    "toegekend_sbo",
    "toegekend_so",
    "afgewezen",
    "terugplaatsingen",
    "bezwaren",
)


def _periode_van(schooljaren) -> tuple[date, date]:
    """From the first day of the earliest to the last day of the latest school year: one
    range condition, so the date indexes serve every year at once."""
    return schooljaar_periode(min(schooljaren))[0], schooljaar_periode(max(schooljaren))[1]


def _per_jaar(sleutel: str, veld: str, schooljaren, extra: Q | None = None) -> dict[str, Count]:
    """One conditional count per school year: '<sleutel>_<jaar>'."""
    return {
        f"{sleutel}_{j}": Count(
            "id", filter=Q(**{f"{veld}__range": schooljaar_periode(j)}) & (extra or Q())
        )
        for j in schooljaren
    }


def _tellingen(groep: str, schooljaren, filter_: dict) -> dict[int, dict[int, dict[str, int]]]:
    """{jaar: {groep id: counts}} for several school years at once.

    `groep` and the keys of `filter_` are lookups from Aanvraag (e.g. 'swv_id',
    'school__bestuur_id'). One grouped query per source table (aanvragen, beschikkingen,
    terugplaatsingen, bezwaren), each with a conditional count per year: the number of
    queries does not grow with the number of years, and no table is joined to another's
    rows (no cross product to count distinct over). Groups without any activity in the
    years are missing (callers fill in zeros)."""
    schooljaren = sorted(set(schooljaren))
    van, tot = _periode_van(schooljaren)
    via = {_via(k): v for k, v in filter_.items()}
    eigen = {_via(k, Beschikking): v for k, v in filter_.items()}
    bronnen = [
        (
            Aanvraag.objects.filter(**filter_, ontvangen_op__range=(van, tot)),
            groep,
            _per_jaar("aanvragen", "ontvangen_op", schooljaren),
        ),
        (
            Beschikking.objects.filter(**eigen, actueel=True, datum__range=(van, tot)),
            _via(groep, Beschikking),
            {
                **_per_jaar(
                    "toegekend_sbo",
                    "datum",
                    schooljaren,
                    Q(besluit=Besluit.TOEGEKEND, soort=Soort.SBO),
                ),
                **_per_jaar(
                    "toegekend_so",
                    "datum",
                    schooljaren,
                    Q(besluit=Besluit.TOEGEKEND, soort=Soort.SO),
                ),
                **_per_jaar("afgewezen", "datum", schooljaren, Q(besluit=Besluit.AFGEWEZEN)),
            },
        ),
        (
            Terugplaatsing.objects.filter(**via, datum__range=(van, tot)),
            f"aanvraag__{groep}",
            _per_jaar("terugplaatsingen", "datum", schooljaren),
        ),
        (
            Bezwaar.objects.filter(**via, ontvangen_op__range=(van, tot)),
            f"aanvraag__{groep}",
            _per_jaar("bezwaren", "ontvangen_op", schooljaren),
        ),
    ]
    uit: dict[int, dict[int, dict[str, int]]] = {j: {} for j in schooljaren}
    for qs, veld, aggregaten in bronnen:
        for rij in qs.values(veld).annotate(**aggregaten).order_by():
            for naam, aantal in rij.items():
                if naam == veld:
                    continue
                sleutel, _, jaar = naam.rpartition("_")
                uit[int(jaar)].setdefault(rij[veld], _nullen())[sleutel] += aantal
    return uit


def _via(veld: str, model=None) -> str:
    """The lookup `veld` (from Aanvraag) from a related table. A beschikking carries the SWV
    of its case itself (the indexed (swv, datum) pair), so it needs no join for that."""
    if model is Beschikking and veld.startswith("swv_id"):
        return veld
    return f"aanvraag__{veld}"


def _nullen() -> dict[str, int]:
    return dict.fromkeys(SLEUTELS, 0)


def _ids_filter(veld: str, ids) -> tuple[dict, list | None]:
    if ids is None:
        return {}, None
    ids = list(ids)
    return {f"{veld}__in": ids}, ids


def bestuur_kengetallen_per_jaar(*, schooljaren, bestuur_ids=None, swv_ids=None) -> dict[int, dict]:
    """{jaar: bestuur_kengetallen of that year}, for several years in four queries. With
    `swv_ids` only the cases those SWVs handle (a bestuur may work in several)."""
    filter_, ids = _ids_filter("school__bestuur_id", bestuur_ids)
    if swv_ids is not None:
        filter_["swv_id__in"] = list(swv_ids)
    per_jaar = _tellingen("school__bestuur_id", schooljaren, filter_)
    if ids is None:
        return per_jaar
    return {j: {b: rijen.get(b, _nullen()) for b in ids} for j, rijen in per_jaar.items()}


def bestuur_kengetallen(
    *, schooljaar: int, bestuur_ids=None, swv_ids=None
) -> dict[int, dict[str, int]]:
    """Per bestuur id (school of origin's bestuur), for school year `schooljaar` (2023 = 1 Aug 2023 -
    31 Jul 2024, by beschikking date / terugplaatsing date). Keys: 'aanvragen', 'toegekend_sbo',
    'toegekend_so', 'afgewezen', 'terugplaatsingen', 'bezwaren'. Missing besturen = all zeros
    (without `bestuur_ids`: only besturen with activity in the year). SQL aggregation, a fixed
    number of queries, not Python loops over cases. With `swv_ids` only the cases those
    SWVs handle."""
    return bestuur_kengetallen_per_jaar(
        schooljaren=[schooljaar], bestuur_ids=bestuur_ids, swv_ids=swv_ids
    )[schooljaar]


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


def doorlooptijden(*, schooljaren, filter_: dict) -> dict[int, dict[int, list[int]]]:
    """Days from receipt of the aanvraag to dispatch of its first beschikking, as
    {jaar: {swv id: [days]}}, for first beschikkingen dated in those school years (one query
    fetching three dates per case)."""
    schooljaren = sorted(set(schooljaren))
    uit: dict[int, dict[int, list[int]]] = {j: {} for j in schooljaren}
    rijen = (
        Beschikking.objects.filter(
            **{_via(k, Beschikking): v for k, v in filter_.items()},
            ronde=1,
            datum__range=_periode_van(schooljaren),
            aanvraag__ontvangen_op__isnull=False,
        )
        .values_list("swv_id", "datum", "aanvraag__ontvangen_op", "verzonden_op")
        .order_by()
    )
    for swv_id, datum, ontvangen, verzonden in rijen:
        jaar = schooljaar_van(datum)
        if jaar in uit:
            uit[jaar].setdefault(swv_id, []).append((verzonden - ontvangen).days)
    return uit


def doorlooptijd_van(dagen: list[int]) -> dict[str, float | None]:
    """Median and 90th percentile of a list of doorlooptijden. For a scope of several SWVs,
    pass all their days together: medians of parts do not add up to that of the whole."""
    return {
        "doorlooptijd_mediaan_dagen": _percentiel(dagen, 0.5),
        "doorlooptijd_p90_dagen": _percentiel(dagen, 0.9),
    }


def tlv_per_swv_en_jaar(*, schooljaren, swv_ids=None, bestuur_ids=None) -> tuple[dict, dict]:
    """The raw material of the kengetallen, per school year and SWV, in five queries:
    ({jaar: {swv id: counts}}, {jaar: {swv id: [doorlooptijd in days]}}). With
    `bestuur_ids` only the cases of those besturen's schools (a bestuur's part of each
    SWV's figures)."""
    filter_, _ids = _ids_filter("swv_id", swv_ids)
    if bestuur_ids is not None:
        filter_["school__bestuur_id__in"] = list(bestuur_ids)
    tellingen = _tellingen("swv_id", schooljaren, filter_)
    return tellingen, doorlooptijden(schooljaren=schooljaren, filter_=filter_)


def swv_kengetallen_per_jaar(*, schooljaren, swv_ids=None) -> dict[int, dict[int, dict]]:
    """{jaar: swv_kengetallen of that year}, for several years in five queries."""
    ids = None if swv_ids is None else list(swv_ids)
    tellingen, duur = tlv_per_swv_en_jaar(schooljaren=schooljaren, swv_ids=ids)
    uitkomst: dict[int, dict[int, dict]] = {}
    for jaar, per_swv in tellingen.items():
        sleutels = ids if ids is not None else sorted(set(per_swv) | set(duur[jaar]))
        uitkomst[jaar] = {
            swv_id: {
                **per_swv.get(swv_id, _nullen()),
                **doorlooptijd_van(duur[jaar].get(swv_id, [])),
            }
            for swv_id in sleutels
        }
    return uitkomst


def swv_kengetallen(*, schooljaar: int, swv_ids=None) -> dict[int, dict[str, int | float | None]]:
    """Same keys per SWV id, plus 'doorlooptijd_mediaan_dagen' and 'doorlooptijd_p90_dagen'
    (aanvraag received -> beschikking sent)."""
    return swv_kengetallen_per_jaar(schooljaren=[schooljaar], swv_ids=swv_ids)[schooljaar]


# For the kengetallen page ------------------------------------------------------------------


def _per_organisatie(model, groep: str, *, schooljaar: int, swv_ids) -> list[dict]:
    tellingen = _tellingen(groep, [schooljaar], {"swv_id__in": list(swv_ids)})[schooljaar]
    # Cases without a school of origin (voorschool, residentieel, ...) count for the SWV
    # only, not for a bestuur or school.
    tellingen = {k: v for k, v in tellingen.items() if k is not None and any(v.values())}
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
