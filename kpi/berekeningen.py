"""Computed kengetallen, each one grouped query (aggregate/annotate in SQL, never a Python
loop over pupil or school rows). The texts in UITLEG are shown on the page where the
number appears, so a reader can check how it was made.
"""

from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, CharField, Count, Max, Min, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ondersteuningsplan.models import Berekening
from swv.models import Leerlingtelling, School, Schoolsoort
from swv.schooljaar import huidig_schooljaar
from toelaatbaarheid import kengetallen
from toelaatbaarheid.models import Aanvraag, Beschikking, Besluit, Soort

from . import gegevensversie
from .models import Thuiszitter, ThuiszitterType, Vrijstelling, peildatum

# SO/VSO vestigingen count as SO: DUO counts their pupils per vestiging without splitting
# SO from VSO, and in PO their SO department is what the SWV pays for. Pure VSO is VO.
SO_SOORTEN = (Schoolsoort.SO, Schoolsoort.SO_VSO)
TELSOORTEN = (Schoolsoort.BAO, Schoolsoort.SBO, *SO_SOORTEN)

UITLEG = {
    "deelname": _(
        "Deelnamepercentage SBO = leerlingen SBO / (leerlingen BaO + SBO); deelnamepercentage "
        "SO = leerlingen SO / (leerlingen BaO + SBO): SO-leerlingen tellen niet mee in de "
        "noemer. Bron: DUO, leerlingen per vestiging op 1 oktober (teldatum 1 oktober van het "
        "beginjaar van het schooljaar). Vestigingen tellen mee bij het samenwerkingsverband "
        "waarin ze staan: voor SO-leerlingen is dat een benadering, want strikt tellen zij "
        "mee bij het samenwerkingsverband dat de TLV afgaf (open data kent dat niet). "
        "SO/VSO-vestigingen tellen helemaal als SO (DUO splitst hun leerlingen niet); "
        "VSO-vestigingen en cluster 1 en 2 tellen niet mee. Aantallen onder de 5 maskeert DUO "
        "('<5'): die vestigingen tellen niet mee in de som; hoeveel het er zijn staat erbij."
    ),
    "thuiszitters": _(
        "Thuiszitters uit het register: absoluut verzuim en langdurig relatief verzuim die op "
        "de peildatum lopen (gestart op of voor de peildatum, niet beëindigd op of voor de "
        "peildatum), ingedeeld naar duur op de peildatum: tot en met 4 weken (28 dagen), meer "
        "dan 4 weken tot en met 3 maanden, meer dan 3 maanden. Als thuiszitter telt wie meer "
        "dan 4 weken thuiszit. Vrijstellingen (art. 5a, 5b, 11, 15) tellen apart. Peildata zijn de "
        "kwartaaleinden 30 september, 31 december, 31 maart en 30 juni; de jaarwaarde is de "
        "stand op de laatste verstreken peildatum van het schooljaar. Een schooljaar dat "
        "eindigde voordat het samenwerkingsverband het register in het portaal bijhield, "
        "toont geen waarde (nog geen meting) in plaats van 0."
    ),
    "tlv": _(
        "TLV-kengetallen uit de toelaatbaarheidsmodule, per schooljaar (1 augustus - 31 juli): "
        "aanvragen ingediend, TLV's toegekend voor SBO en SO, afwijzingen, bezwaren en "
        "terugplaatsingen, geteld bij het samenwerkingsverband dat de aanvraag behandelt. "
        "Toegekend en afgewezen volgen het geldende besluit (na een eventueel bezwaar), op "
        "datum van het besluit. Doorlooptijd: dagen van ontvangst (indienen) van de aanvraag "
        "tot verzending van het eerste besluit, voor besluiten in het schooljaar; mediaan en "
        "90e percentiel over alle aanvragen van het getoonde geheel samen. Een schooljaar "
        "van vóór de eerste aanvraag in het portaal toont geen waarde in plaats van 0."
    ),
    "verwijzingen": _(
        "Verwijzingen: toegekende TLV's voor SBO en SO per bestuur van de aanvragende school, "
        "als aantal en als percentage van de leerlingen in het basisonderwijs van dat bestuur "
        "op 1 oktober van het schooljaar; zolang DUO die telling nog niet heeft gepubliceerd, "
        "de laatste telling ervoor (de gebruikte teldatum staat bij de tabel). Alleen "
        "aanvragen en scholen binnen uw samenwerkingsverband(en) tellen mee."
    ),
}


def _pct(teller: int, noemer: int) -> Decimal | None:
    if not noemer:
        return None
    return (Decimal(teller) * 100 / Decimal(noemer)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


# Deelnamepercentages -------------------------------------------------------------------


def _teldata(jaren=None) -> list[date]:
    # An explicit list of 1 October dates instead of month/day lookups: it uses the index
    # and avoids SQLite's per-row date functions.
    jaren = range(1990, timezone.localdate().year + 1) if jaren is None else jaren
    return [date(j, 10, 1) for j in jaren]


def _tellingen(scholen: QuerySet[School] | None = None, jaren=None) -> QuerySet[Leerlingtelling]:
    telbare = School.objects.binnen_swv().filter(swv__isnull=False, soort__in=TELSOORTEN)
    if scholen is not None:
        telbare = telbare.filter(id__in=scholen.values("id"))
    return Leerlingtelling.objects.filter(school__in=telbare, teldatum__in=_teldata(jaren))


def _som(soorten) -> Coalesce:
    return Coalesce(Sum("aantal", filter=Q(school__soort__in=soorten, gemaskeerd=False)), 0)


_AGGREGATEN = {
    "leerlingen_bao": _som([Schoolsoort.BAO]),
    "leerlingen_sbo": _som([Schoolsoort.SBO]),
    "leerlingen_so": _som(list(SO_SOORTEN)),
    "gemaskeerd": Count("id", filter=Q(gemaskeerd=True)),
}


def _met_percentages(rij: dict) -> dict:
    noemer = rij["leerlingen_bao"] + rij["leerlingen_sbo"]
    rij["sbo_pct"] = _pct(rij["leerlingen_sbo"], noemer)
    rij["so_pct"] = _pct(rij["leerlingen_so"], noemer)
    return rij


def deelname_per_swv(*, swv_ids=None, jaren=None) -> list[dict]:
    """Per SWV and teldatum year: pupils BaO/SBO/SO, masked vestigingen, SBO% and SO%.
    One grouped query; rows ordered by SWV code and year."""
    qs = _tellingen(jaren=jaren)
    if swv_ids is not None:
        qs = qs.filter(school__swv_id__in=swv_ids)
    rijen = (
        qs.values("school__swv_id", "school__swv__code", "school__swv__naam", "teldatum")
        .annotate(**_AGGREGATEN)
        .order_by("school__swv__code", "teldatum")
    )
    return [
        _met_percentages(
            {
                "swv_id": r["school__swv_id"],
                "swv": r["school__swv__code"],
                "swv_naam": r["school__swv__naam"],
                "jaar": r["teldatum"].year,
                "leerlingen_bao": r["leerlingen_bao"],
                "leerlingen_sbo": r["leerlingen_sbo"],
                "leerlingen_so": r["leerlingen_so"],
                "gemaskeerd": r["gemaskeerd"],
            }
        )
        for r in rijen
    ]


# Thuiszitters --------------------------------------------------------------------------


def _maanden_terug(d: date, maanden: int) -> date:
    """The same day `maanden` months earlier, or that month's last day when it is shorter."""
    jaar, maand = divmod(d.year * 12 + d.month - 1 - maanden, 12)
    maand += 1
    return date(jaar, maand, min(d.day, monthrange(jaar, maand)[1]))


_VERZUIM = Q(type__in=[ThuiszitterType.ABSOLUUT, ThuiszitterType.RELATIEF])


def loopt_op(peildatum: date) -> Q:
    """A case running on the peildatum: started on or before it, not ended on or before it."""
    return Q(startdatum__lte=peildatum) & (Q(einddatum__isnull=True) | Q(einddatum__gt=peildatum))


def telt_als_thuiszitter(peildatum: date) -> Q:
    """Absoluut or langdurig relatief verzuim running on the peildatum for more than 4
    weeks: the cases in the 'totaal' of thuiszitters_op."""
    return loopt_op(peildatum) & _VERZUIM & Q(startdatum__lt=peildatum - timedelta(days=28))


DUURKLASSEN = {
    "kort": _("tot 4 weken"),
    "middel": _("4 weken - 3 maanden"),
    "lang": _("meer dan 3 maanden"),
    "vrijstelling": _("vrijstelling"),
}


def duurklassen(peildatum: date) -> dict[str, Q]:
    """The one classification of running cases by their duration on the peildatum (the
    inspectie's): verzuim of at most 28 days, more than 4 weeks up to 3 months, more than
    3 months; vrijstellingen apart. Counts and the per-row export both use it."""
    loopt = loopt_op(peildatum)
    vier_weken = peildatum - timedelta(days=28)
    drie_maanden = _maanden_terug(peildatum, 3)
    return {
        "kort": loopt & _VERZUIM & Q(startdatum__gte=vier_weken),
        "middel": loopt & _VERZUIM & Q(startdatum__lt=vier_weken, startdatum__gte=drie_maanden),
        "lang": loopt & _VERZUIM & Q(startdatum__lt=drie_maanden),
        "vrijstelling": loopt & Q(type=ThuiszitterType.VRIJSTELLING),
    }


def duurklasse(peildatum: date) -> Case:
    """Per row, the label of its class on the peildatum ('' for a case not running)."""
    return Case(
        *(
            When(q, then=Value(str(DUURKLASSEN[klasse])))
            for klasse, q in duurklassen(peildatum).items()
        ),
        default=Value(""),
        output_field=CharField(),
    )


def _thuiszitter_aggregaten(peildata: list[date]) -> dict:
    aggregaten = {}
    for i, p in enumerate(peildata):
        klassen = duurklassen(p)
        aggregaten[f"k{i}"] = Count("id", filter=klassen["kort"])
        aggregaten[f"m{i}"] = Count("id", filter=klassen["middel"])
        aggregaten[f"l{i}"] = Count("id", filter=klassen["lang"])
        aggregaten[f"v{i}"] = Count("id", filter=klassen["vrijstelling"])
        aggregaten[f"a{i}"] = Count(
            "id", filter=klassen["vrijstelling"] & Q(vrijstelling=Vrijstelling.ART_5A)
        )
    return aggregaten


def _standen(uit: dict, peildata: list[date]) -> dict[date, dict]:
    return {
        p: {
            "peildatum": p,
            "kort": uit[f"k{i}"],
            "middel": uit[f"m{i}"],
            "lang": uit[f"l{i}"],
            "totaal": uit[f"m{i}"] + uit[f"l{i}"],
            "vrijstellingen": uit[f"v{i}"],
            "vrijstellingen_5a": uit[f"a{i}"],
        }
        for i, p in enumerate(peildata)
    }


def thuiszitters_op(peildata: list[date], qs: QuerySet[Thuiszitter]) -> dict[date, dict]:
    """Per peildatum, for cases running then (started on or before it, not ended on or
    before it): counts in the buckets kort (at most 28 days), middel (more than 4 weeks, at
    most 3 months), lang (more than 3 months), totaal (middel + lang: the thuiszitters),
    and vrijstellingen (all, and art. 5a apart). One aggregate query for all peildata."""
    if not peildata:
        return {}
    uit = qs.order_by().aggregate(**_thuiszitter_aggregaten(peildata))
    return _standen(uit, peildata)


def thuiszitters_per_swv(peildata: list[date], qs: QuerySet[Thuiszitter]) -> dict[int, dict]:
    """The same, grouped by SWV in one query: {swv_id: {peildatum: counts}}."""
    if not peildata:
        return {}
    rijen = qs.order_by().values("swv_id").annotate(**_thuiszitter_aggregaten(peildata))
    return {r["swv_id"]: _standen(r, peildata) for r in rijen}


def peildata_van(schooljaar: int, tot: date | None = None) -> list[date]:
    """The quarter ends of a school year that have passed (up to `tot`, default today)."""
    tot = tot or timezone.localdate()
    return [peildatum(schooljaar, k) for k in (1, 2, 3, 4) if peildatum(schooljaar, k) <= tot]


# TLV ------------------------------------------------------------------------------------

TLV_SLEUTELS = (
    "aanvragen",
    "toegekend_sbo",
    "toegekend_so",
    "afgewezen",
    "terugplaatsingen",
    "bezwaren",
)


def tlv_per_swv(*, schooljaar: int, swv_ids) -> dict[int, dict]:
    return kengetallen.swv_kengetallen(schooljaar=schooljaar, swv_ids=list(swv_ids))


def tlv_per_bestuur(*, schooljaar: int, bestuur_ids, swv_ids=None) -> dict[int, dict]:
    """Per bestuur of the requesting school; with `swv_ids` only cases those SWVs handle."""
    return kengetallen.bestuur_kengetallen(
        schooljaar=schooljaar,
        bestuur_ids=list(bestuur_ids),
        swv_ids=None if swv_ids is None else list(swv_ids),
    )


def tlv_opgeteld(per_id: dict[int, dict]) -> dict:
    """Counts summed over several SWVs (doorlooptijden do not add up: see
    toelaatbaarheid.kengetallen.doorlooptijd_van)."""
    totaal = {k: sum(int(d.get(k) or 0) for d in per_id.values()) for k in TLV_SLEUTELS}
    totaal["toegekend"] = totaal["toegekend_sbo"] + totaal["toegekend_so"]
    return totaal


def telling_voor(schooljaar: int) -> date | None:
    """The 1 October count the percentages of a school year rest on: that of the year
    itself, or, while DUO has not published it yet, the latest one before it."""
    return Leerlingtelling.objects.filter(
        teldatum__in=_teldata(range(1990, schooljaar + 1))
    ).aggregate(m=Max("teldatum"))["m"]


def bao_leerlingen_per_bestuur(*, jaar: int, bestuur_ids, swv_ids=None) -> dict[int, int]:
    qs = _tellingen(jaren=[jaar]).filter(school__bestuur_id__in=bestuur_ids)
    if swv_ids is not None:
        qs = qs.filter(school__swv_id__in=swv_ids)
    rijen = qs.values("school__bestuur_id").annotate(n=_som([Schoolsoort.BAO])).order_by()
    return {r["school__bestuur_id"]: r["n"] for r in rijen}


def verwijzingen_per_bestuur(*, schooljaar: int, besturen, swv_ids=None) -> list[dict]:
    """Toegekende TLV's for SBO and SO per bestuur of the requesting school, as a count and
    as a percentage of the bestuur's BaO pupils on 1 October (telling_voor: the year's own
    count, or the latest before it). With `swv_ids` only cases and schools in those SWVs:
    a bestuur that works in several SWVs is seen per SWV."""
    besturen = list(besturen)
    ids = [b.id for b in besturen]
    swv_ids = None if swv_ids is None else list(swv_ids)
    tlv = tlv_per_bestuur(schooljaar=schooljaar, bestuur_ids=ids, swv_ids=swv_ids)
    teldatum = telling_voor(schooljaar)
    leerlingen = (
        bao_leerlingen_per_bestuur(jaar=teldatum.year, bestuur_ids=ids, swv_ids=swv_ids)
        if teldatum
        else {}
    )
    rijen = []
    for b in besturen:
        k = tlv.get(b.id, {})
        sbo, so = int(k.get("toegekend_sbo") or 0), int(k.get("toegekend_so") or 0)
        n = leerlingen.get(b.id, 0)
        rijen.append(
            {
                "bestuur": b,
                "leerlingen_bao": n,
                "naar_sbo": sbo,
                "naar_so": so,
                "sbo_pct": _pct(sbo, n),
                "so_pct": _pct(so, n),
                "terugplaatsingen": int(k.get("terugplaatsingen") or 0),
                "teldatum": teldatum,
            }
        )
    return rijen


def verwijzingen_per_school(*, schooljaar: int, scholen: QuerySet[School]) -> list[dict]:
    """Per school of origin with at least one toegekende TLV in the school year (current
    beschikking, by beschikking date, as toelaatbaarheid.kengetallen counts them): TLV's
    SBO and SO, and as a percentage of the school's pupils on 1 October. Two grouped
    queries."""
    begin, eind = date(schooljaar, 8, 1), date(schooljaar + 1, 7, 31)
    rijen = list(
        Beschikking.objects.filter(
            actueel=True,
            besluit=Besluit.TOEGEKEND,
            datum__gte=begin,
            datum__lte=eind,
            aanvraag__school__in=scholen,
        )
        .values("aanvraag__school_id", "aanvraag__school__naam", "aanvraag__school__bestuur__naam")
        .annotate(
            naar_sbo=Count("id", filter=Q(soort=Soort.SBO)),
            naar_so=Count("id", filter=Q(soort=Soort.SO)),
        )
        .order_by("aanvraag__school__naam")
    )
    ids = [r["aanvraag__school_id"] for r in rijen]
    teldatum = telling_voor(schooljaar)
    leerlingen = dict(
        Leerlingtelling.objects.filter(
            school_id__in=ids, teldatum=teldatum, gemaskeerd=False
        ).values_list("school_id", "aantal")
    )
    uit = []
    for r in rijen:
        n = leerlingen.get(r["aanvraag__school_id"], 0)
        uit.append(
            {
                "school_id": r["aanvraag__school_id"],
                "school": r["aanvraag__school__naam"],
                "bestuur": r["aanvraag__school__bestuur__naam"],
                "leerlingen": n,
                "naar_sbo": r["naar_sbo"],
                "naar_so": r["naar_so"],
                "sbo_pct": _pct(r["naar_sbo"], n),
                "so_pct": _pct(r["naar_so"], n),
                "teldatum": teldatum,
            }
        )
    return uit


# Computed KPI values -------------------------------------------------------------------


@dataclass
class Scope:
    """What a computed value covers: a set of SWVs, optionally narrowed to one bestuur."""

    swv_ids: list[int]
    bestuur_id: int | None = None

    def scholen(self) -> QuerySet[School]:
        qs = School.objects.filter(swv_id__in=self.swv_ids)
        if self.bestuur_id:
            qs = qs.filter(bestuur_id=self.bestuur_id)
        return qs

    def thuiszitters(self) -> QuerySet[Thuiszitter]:
        qs = Thuiszitter.objects.filter(swv_id__in=self.swv_ids)
        if self.bestuur_id:
            qs = qs.filter(school__bestuur_id=self.bestuur_id)
        return qs


@dataclass(frozen=True)
class Bron:
    """A computed KPI another kpi module declares: `waarden(berekening, jaren, scope,
    cache)` as berekende_waarden promises, its explanation, and the page with its rows."""

    waarden: Callable
    uitleg: str
    url_naam: str = ""


# Filled on import by the modules that declare them (kpi.routekengetallen, imported in
# KpiConfig.ready()).
BRONNEN: dict[str, Bron] = {}


def berekende_waarden(
    berekening: str, jaren: list[int], scope: Scope, cache: dict | None = None
) -> dict[int, Decimal | None]:
    """The value of a computed KPI per school year for `scope`. A year without data is None.

    `cache` is shared by every KPI on a page: with 'swv_ids' (all SWVs the page needs) and
    'jaren' in it, each kind of figure is fetched once per page for all years (a fixed
    number of grouped queries), not once per plan, KPI or year; a scope is then summed from
    the per-SWV rows."""
    cache = {} if cache is None else cache
    if berekening in BRONNEN:
        return BRONNEN[berekening].waarden(berekening, jaren, scope, cache)
    alle_ids = sorted(set(cache.get("swv_ids", ())) | set(scope.swv_ids))
    alle_jaren = sorted(set(cache.get("jaren", ())) | set(jaren))
    if berekening in (Berekening.DEELNAME_SBO, Berekening.DEELNAME_SO):
        per = _per_swv(
            cache,
            ("deelname", scope.bestuur_id),
            scope,
            alle_ids,
            lambda: _deelname_uit_cache(alle_ids, alle_jaren, scope.bestuur_id, cache),
        )
        uit = {}
        for j in jaren:
            rijen = [per[(i, j)] for i in scope.swv_ids if (i, j) in per]
            if not rijen:
                uit[j] = None
                continue
            som = {
                k: sum(r[k] for r in rijen)
                for k in ("leerlingen_bao", "leerlingen_sbo", "leerlingen_so")
            }
            rij = _met_percentages(som)
            uit[j] = rij["sbo_pct" if berekening == Berekening.DEELNAME_SBO else "so_pct"]
        return uit
    if berekening == Berekening.THUISZITTERS:
        laatste = {j: (peildata_van(j) or [None])[-1] for j in alle_jaren}
        peildata = sorted({p for p in laatste.values() if p})

        def ophalen():
            return _thuiszitters_uit_cache(alle_ids, peildata, scope.bestuur_id, cache)

        per = _per_swv(cache, ("thuis", scope.bestuur_id), scope, alle_ids, ophalen)
        sinds = _in_gebruik_sinds("thuis", scope, alle_ids, cache)
        return {
            j: (
                _of_nog_niets(
                    sum(per[i][laatste[j]]["totaal"] for i in scope.swv_ids if i in per),
                    laatste[j],
                    sinds,
                )
                if laatste.get(j)
                else None
            )
            for j in jaren
        }
    # TLV figures.
    sleutel = {
        Berekening.TLV_TOEGEKEND: "toegekend",
        Berekening.TLV_DOORLOOPTIJD: "doorlooptijd_mediaan_dagen",
        Berekening.TLV_BEZWAREN: "bezwaren",
        Berekening.TLV_TERUGPLAATSINGEN: "terugplaatsingen",
    }[berekening]
    verstreken = [j for j in alle_jaren if j <= huidig_schooljaar()]
    tellingen, duur = _tlv_per_jaar(verstreken, scope, alle_ids, cache)
    if berekening == Berekening.TLV_DOORLOOPTIJD:
        # The median over all cases of the scope's SWVs together.
        uit = {}
        for j in jaren:
            dagen = [d for i in scope.swv_ids for d in duur.get(j, {}).get(i, [])]
            w = kengetallen.doorlooptijd_van(dagen)[sleutel]
            uit[j] = None if w is None else Decimal(w)
        return uit
    sinds = _in_gebruik_sinds("tlv", scope, alle_ids, cache)
    uit = {}
    for j in jaren:
        if j not in tellingen:
            uit[j] = None
            continue
        rijen = {i: tellingen[j][i] for i in scope.swv_ids if i in tellingen[j]}
        uit[j] = _of_nog_niets(tlv_opgeteld(rijen)[sleutel], date(j + 1, 7, 31), sinds)
    return uit


def _in_gebruik_sinds(bron: str, scope: Scope, alle_ids, cache: dict) -> date | None:
    """Since when the SWVs of the scope keep this source in the app: the first thuiszitter
    registered (registration date, not start date: cases can be entered afterwards) or the
    first TLV aanvraag received. One grouped query per page for all SWVs on it."""

    def uit_de_database(stukken):
        ids = [i for (i,) in stukken]
        if bron == "thuis":
            qs = Thuiszitter.objects.filter(swv_id__in=ids).values("swv_id")
            rijen = qs.annotate(m=Min("aangemaakt_op")).order_by()
            per = {r["swv_id"]: timezone.localtime(r["m"]).date() for r in rijen}
        else:
            qs = Aanvraag.objects.filter(swv_id__in=ids, ontvangen_op__isnull=False)
            rijen = qs.values("swv_id").annotate(m=Min("ontvangen_op")).order_by()
            per = {r["swv_id"]: r["m"] for r in rijen}
        return {(i,): per.get(i) for i in ids}

    def ophalen():
        bron_versie = gegevensversie.THUISZITTERS if bron == "thuis" else gegevensversie.TLV
        uit = gegevensversie.per_stuk(
            bron_versie,
            [(i,) for i in alle_ids],
            uit_de_database,
            versie=lambda: _versie(cache, bron_versie),
            context=("sinds",),
        )
        return {i: d for (i,), d in uit.items() if d is not None}

    # The register is the SWV's: a bestuur's zero counts once its SWV keeps the register.
    per = _per_swv(cache, ("sinds", bron), Scope(scope.swv_ids), alle_ids, ophalen)
    data = [per[i] for i in scope.swv_ids if i in per]
    return min(data) if data else None


def _of_nog_niets(aantal, einde: date, sinds: date | None) -> Decimal | None:
    """A count of a year that ended before the source was in use is not a zero but no
    meting: None ('nog geen meting') instead of a 0 that would look on track."""
    if aantal is None:
        return None
    if not aantal and (sinds is None or einde < sinds):
        return None
    return Decimal(aantal)


def _per_swv(cache: dict, sleutel, scope: Scope, alle_ids, ophalen):
    if sleutel not in cache or not set(scope.swv_ids) <= cache[sleutel][0]:
        cache[sleutel] = (set(alle_ids), ophalen())
    return cache[sleutel][1]


def _versie(cache: dict, bron: str) -> int:
    """The source's data version, read once per page (before any figure is computed)."""
    if "versies" not in cache:
        cache["versies"] = gegevensversie.versies()
    return cache["versies"].get(bron, 0)


def _deelname_uit_cache(swv_ids, jaren, bestuur_id, cache: dict) -> dict:
    """_deelname_rijen through the cache of computed figures, per SWV and year."""

    def uit_de_database(stukken):
        rijen = _deelname_rijen(
            sorted({i for i, _ in stukken}), sorted({j for _, j in stukken}), bestuur_id
        )
        sommen = ("leerlingen_bao", "leerlingen_sbo", "leerlingen_so", "gemaskeerd")
        return {s: ({k: rijen[s][k] for k in sommen} if s in rijen else None) for s in stukken}

    uit = gegevensversie.per_stuk(
        gegevensversie.TELLINGEN,
        [(i, j) for i in swv_ids for j in jaren],
        uit_de_database,
        versie=lambda: _versie(cache, gegevensversie.TELLINGEN),
        context=("deelname", bestuur_id or 0),
    )
    return {s: r for s, r in uit.items() if r is not None}


def _thuiszitters_uit_cache(swv_ids, peildata, bestuur_id, cache: dict) -> dict:
    """thuiszitters_per_swv's 'totaal' through the cache, per SWV and peildatum:
    {swv_id: {peildatum: {"totaal": n}}}."""

    def uit_de_database(stukken):
        qs = Thuiszitter.objects.filter(swv_id__in=sorted({i for i, _ in stukken}))
        if bestuur_id:
            qs = qs.filter(school__bestuur_id=bestuur_id)
        per = thuiszitters_per_swv(sorted({p for _, p in stukken}), qs)
        return {(i, p): per[i][p]["totaal"] if i in per else 0 for i, p in stukken}

    uit = gegevensversie.per_stuk(
        gegevensversie.THUISZITTERS,
        [(i, p) for i in swv_ids for p in peildata],
        uit_de_database,
        versie=lambda: _versie(cache, gegevensversie.THUISZITTERS),
        context=("thuis", bestuur_id or 0),
    )
    per_swv: dict[int, dict] = {}
    for (i, p), totaal in uit.items():
        per_swv.setdefault(i, {})[p] = {"totaal": totaal}
    return per_swv


def _deelname_rijen(swv_ids, jaren, bestuur_id) -> dict:
    scholen = School.objects.filter(swv_id__in=swv_ids)
    if bestuur_id:
        scholen = scholen.filter(bestuur_id=bestuur_id)
    rijen = (
        _tellingen(scholen, jaren)
        .values("school__swv_id", "teldatum")
        .annotate(**_AGGREGATEN)
        .order_by()
    )
    return {(r["school__swv_id"], r["teldatum"].year): r for r in rijen}


def _tlv_per_jaar(jaren, scope: Scope, alle_ids, cache: dict) -> tuple[dict, dict]:
    """TLV counts and doorlooptijden per year and SWV, fetched once per page (five
    queries) for every year and SWV in the shared cache: all plans and all TLV KPIs use the
    same rows. For a bestuur scope the bestuur's part of each SWV's figures (its schools'
    cases), so the figure beside the total covers the same SWVs as the total."""
    if not jaren:
        return {}, {}
    sleutel = ("tlv", scope.bestuur_id)
    bekend = cache.get(sleutel)
    if bekend is None or not (set(jaren) <= bekend[0] and set(alle_ids) <= bekend[1]):

        def uit_de_database(stukken):
            tellingen, duur = kengetallen.tlv_per_swv_en_jaar(
                schooljaren=sorted({j for _, j in stukken}),
                swv_ids=sorted({i for i, _ in stukken}),
                bestuur_ids=[scope.bestuur_id] if scope.bestuur_id else None,
            )
            return {
                (i, j): (tellingen.get(j, {}).get(i), duur.get(j, {}).get(i, []))
                for i, j in stukken
            }

        uit = gegevensversie.per_stuk(
            gegevensversie.TLV,
            [(i, j) for i in alle_ids for j in jaren],
            uit_de_database,
            versie=lambda: _versie(cache, gegevensversie.TLV),
            context=("tlv", scope.bestuur_id or 0),
        )
        tellingen = {j: {} for j in jaren}
        duur = {j: {} for j in jaren}
        for (i, j), (telling, dagen) in uit.items():
            if telling is not None:
                tellingen[j][i] = telling
            if dagen:
                duur[j][i] = dagen
        cache[sleutel] = bekend = (set(jaren), set(alle_ids), (tellingen, duur))
    return bekend[2]


def uitleg_voor(berekening: str) -> str:
    if berekening in BRONNEN:
        return BRONNEN[berekening].uitleg
    if berekening in (Berekening.DEELNAME_SBO, Berekening.DEELNAME_SO):
        return UITLEG["deelname"]
    if berekening == Berekening.THUISZITTERS:
        return UITLEG["thuiszitters"]
    return UITLEG["tlv"]
