"""Kengetallen of the ondersteuningsroute (issue 13): vragen, besluiten, arrangementen,
plaatsingen and evaluaties per school, bestuur, soort vraag, SWV or school year; the
doorlooptijd vraag -> besluit; the occupancy per voorziening; and the figures a bestuur's
verantwoording prefills. The KPI dashboard uses three of them as computed KPIs
(registered in `kpi.berekeningen.BRONNEN` below).

Counting rules (one place; the same text is shown on the page, UITLEG):
- school year `j` = 1 August `j` to 31 July `j + 1` (swv.schooljaar);
- vragen: ingediend (`ingediend_op`) in the year; concepts are not counted;
- besluiten: vragen besloten (`besloten_op`) in the year, toegekend or afgewezen;
- doorlooptijd: from the day the vraag was ingediend to the day of the besluit, for the
  besluiten of the year, in werkdagen (Monday to Friday without the algemeen erkende
  feestdagen and the gelijkgestelde dagen, toelaatbaarheid.termijnen: the unit of the
  loket's own term) and in kalenderdagen (the unit of the TLV doorlooptijd). Filed on
  Friday 2 October and decided on Wednesday 14 October 2026: 8 werkdagen, 12 dagen.
  Median and 90th percentile by linear interpolation between the closest ranks
  (PostgreSQL's percentile_cont, toelaatbaarheid.kengetallen.doorlooptijd_van): with n
  values sorted, the p-th percentile sits at rank (n - 1) * p. So with 1 besluit both are
  that besluit's days; with 2 to 9 the p90 lies between the longest and the one before it
  (2 besluiten of 4 and 10 days: median 7, p90 9.4); without besluiten: none ('–').
  Medians of parts do not add up: a total is computed over all its days together;
- arrangementen: those starting (`startdatum`) in the year, an extension being its own
  arrangement ('waarvan verlengingen'); kosten as stored (budget plus hours at the
  SWV's rate, to the day an ended one stopped); uren = uren per week x weken of the
  period (ondersteuning.services.arrangement.weken);
- plaatsingen: pupils placed in a voorziening whose placement started in the year;
- evaluaties: evaluaties of arrangementen held (`gehouden_op`) in the year, by outcome
  (doelen behaald, deels, niet); 'aandeel behaald' = behaald / held x 100;
- per school: the vraag's school, the arrangement's uitvoerende school, the placement's
  school of origin; per bestuur: that school's bestuur; records without a school (a
  voorschool pupil) count in a row 'zonder school' and in the totals;
- per soort: the soort of the vraag; an arrangement and its evaluaties count as
  'individueel arrangement', a placement under the soort of the vraag it rests on.

Scope: with a user, every source is read through its app's scoped selector (vragen_voor,
arrangementen_voor, plaatsingen_voor, Evaluatie.objects.voor, voorziening_lijst): SWV
staff their SWVs, a trajectbegeleider their own and the unassigned records, a bestuur its
schools', a school its own; OPR and deskundigen nothing. With a `kpi.berekeningen.Scope`
(the dashboard) or for a bestuur (the verantwoording): all records of those SWVs /
besturen. Every figure is a fixed number of grouped queries, whatever the number of rows,
schools or years.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from ondersteuning.models import Arrangement, Besluit, Doelbereik, Evaluatie, Ondersteuningsvraag
from ondersteuning.models import Soort as VraagSoort
from ondersteuning.selectors import arrangementen_voor, vragen_voor
from ondersteuning.services.arrangement import weken
from swv.exports import Export, Kolom
from swv.models import Samenwerkingsverband, School, Schoolbestuur
from swv.schooljaar import (
    huidig_schooljaar,
    schooljaar_label,
    schooljaar_periode,
    schooljaar_van,
)
from toelaatbaarheid import kengetallen as tlv_kengetallen
from toelaatbaarheid.termijnen import gelijkgestelde_dagen, is_vrije_dag
from voorzieningen.models import Plaatsing, Voorziening
from voorzieningen.models import Status as PlaatsingStatus
from voorzieningen.selectors import met_bezetting, netwerk_voorzieningen, plaatsingen_voor

from . import berekeningen

GROEPERINGEN = {
    "school": _("School"),
    "bestuur": _("Bestuur"),
    "soort": _("Soort vraag"),
    "swv": _("Samenwerkingsverband"),
    "jaar": _("Schooljaar"),
}

UITLEG = _(
    "Vragen: ingediend in het schooljaar (1 augustus - 31 juli). Besluiten: vragen waarop in "
    "het schooljaar is besloten. Doorlooptijd: van de dag van indienen tot de dag van het "
    "besluit, voor de besluiten van het schooljaar, in werkdagen (maandag tot en met vrijdag "
    "zonder feestdagen) en in kalenderdagen; mediaan en 90e percentiel met lineaire "
    "interpolatie (bij één besluit zijn beide de doorlooptijd van dat besluit, bij minder dan "
    "tien ligt het 90e percentiel tussen de twee langste). Arrangementen: gestart in het "
    "schooljaar, een verlenging telt als eigen arrangement; kosten zoals vastgelegd, uren = "
    "uren per week × weken. Plaatsingen: in een voorziening geplaatst met een start in het "
    "schooljaar. Evaluaties: gehouden in het schooljaar; aandeel behaald = doelen behaald / "
    "gehouden evaluaties. Per school telt de school van de vraag, de uitvoerende school van "
    "het arrangement en de school van herkomst bij een plaatsing. U ziet alleen wat binnen "
    "uw bereik valt."
)

EEN_DECIMAAL = Decimal("0.1")
ZONDER = _("Zonder school")


# Where each source is ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bereik:
    """Records of these SWVs and/or besturen' schools (None: no limit on that side), read
    without a user (the dashboard's computed KPIs, the verantwoording)."""

    swv_ids: tuple | None = None
    bestuur_ids: tuple | None = None

    @classmethod
    def van_scope(cls, scope: berekeningen.Scope) -> Bereik:
        return cls(
            tuple(scope.swv_ids), (scope.bestuur_id,) if scope.bestuur_id is not None else None
        )

    def filter(self, qs: QuerySet, pad: str = "") -> QuerySet:
        if self.swv_ids is not None:
            qs = qs.filter(**{f"{pad}swv_id__in": list(self.swv_ids)})
        if self.bestuur_ids is not None:
            qs = qs.filter(**{f"{pad}school__bestuur_id__in": list(self.bestuur_ids)})
        return qs


def _bronnen(wie) -> dict[str, QuerySet]:
    """The four sources, scoped: through the selectors for a user, by SWV/bestuur for a
    Bereik or a berekeningen.Scope."""
    if isinstance(wie, berekeningen.Scope):
        wie = Bereik.van_scope(wie)
    if isinstance(wie, Bereik):
        return {
            "vraag": wie.filter(Ondersteuningsvraag.objects.all()),
            "arrangement": wie.filter(Arrangement.objects.all()),
            "plaatsing": wie.filter(Plaatsing.objects.all()),
            "evaluatie": wie.filter(Evaluatie.objects.all(), "arrangement__"),
        }
    return {
        "vraag": vragen_voor(wie),
        "arrangement": arrangementen_voor(wie),
        "plaatsing": plaatsingen_voor(wie),
        "evaluatie": Evaluatie.objects.voor(wie),
    }


# The grouping key of each source (None: one constant key, the soort of an arrangement).
_PADEN = {
    "vraag": {
        "swv": "swv_id",
        "school": "school_id",
        "bestuur": "school__bestuur_id",
        "soort": "soort",
    },
    "arrangement": {
        "swv": "swv_id",
        "school": "school_id",
        "bestuur": "school__bestuur_id",
        "soort": None,
    },
    "plaatsing": {
        "swv": "swv_id",
        "school": "school_id",
        "bestuur": "school__bestuur_id",
        "soort": "besluit__soort",
    },
    "evaluatie": {
        "swv": "arrangement__swv_id",
        "school": "arrangement__school_id",
        "bestuur": "arrangement__school__bestuur_id",
        "soort": None,
    },
}


# One row of figures ------------------------------------------------------------------------


def _mediaan_p90(dagen: list[int]) -> tuple[Decimal | None, Decimal | None]:
    uit = tlv_kengetallen.doorlooptijd_van(dagen)
    return tuple(
        None if w is None else Decimal(repr(w)).quantize(EEN_DECIMAAL, rounding=ROUND_HALF_UP)
        for w in (uit["doorlooptijd_mediaan_dagen"], uit["doorlooptijd_p90_dagen"])
    )


@dataclass
class Rij:
    """The figures of one group (a school, bestuur, soort, SWV or school year)."""

    jaar: int
    sleutel: object = None
    label: str = ""
    vragen: int = 0
    toegekend: int = 0
    afgewezen: int = 0
    arrangementen: int = 0
    verlengingen: int = 0
    kosten: Decimal = Decimal("0.00")
    uren: Decimal = Decimal("0")
    plaatsingen: int = 0
    behaald: int = 0
    deels: int = 0
    niet: int = 0
    dagen: list[int] = field(default_factory=list, repr=False)
    werkdagen: list[int] = field(default_factory=list, repr=False)

    TELLERS = ("vragen", "toegekend", "afgewezen", "arrangementen", "verlengingen",
               "kosten", "uren", "plaatsingen", "behaald", "deels", "niet")  # fmt: skip

    @property
    def schooljaar(self) -> str:
        return schooljaar_label(self.jaar)

    @property
    def besluiten(self) -> int:
        return self.toegekend + self.afgewezen

    @property
    def evaluaties(self) -> int:
        return self.behaald + self.deels + self.niet

    @property
    def aandeel_behaald(self) -> Decimal | None:
        if not self.evaluaties:
            return None
        return (Decimal(self.behaald) * 100 / self.evaluaties).quantize(
            EEN_DECIMAAL, rounding=ROUND_HALF_UP
        )

    @property
    def uren_afgerond(self) -> Decimal:
        return self.uren.quantize(EEN_DECIMAAL, rounding=ROUND_HALF_UP)

    @property
    def werkdagen_mediaan(self):
        return _mediaan_p90(self.werkdagen)[0]

    @property
    def werkdagen_p90(self):
        return _mediaan_p90(self.werkdagen)[1]

    @property
    def dagen_mediaan(self):
        return _mediaan_p90(self.dagen)[0]

    @property
    def dagen_p90(self):
        return _mediaan_p90(self.dagen)[1]

    def optellen(self, ander: Rij) -> None:
        for naam in self.TELLERS:
            setattr(self, naam, getattr(self, naam) + getattr(ander, naam))
        self.dagen += ander.dagen
        self.werkdagen += ander.werkdagen


def totaal(rijen: Iterable[Rij], *, jaar: int | None = None, label=None) -> Rij:
    """The rows summed; the doorlooptijd over all their besluiten together."""
    rijen = list(rijen)
    uit = Rij(jaar=jaar if jaar is not None else (rijen[0].jaar if rijen else 0),
              label=str(label or _("Totaal")))  # fmt: skip
    for r in rijen:
        uit.optellen(r)
    return uit


# Working days ------------------------------------------------------------------------------


class Werkdagen:
    """Counts working days between two dates in O(log n) after one pass over the span:
    `tussen(van, tot)` = working days after `van` up to and including `tot`."""

    def __init__(self, gelijkgesteld=()):
        self.gelijkgesteld = frozenset(gelijkgesteld)
        self._begin: date | None = None
        self._eind: date | None = None
        self._werk: list[int] = []  # offsets from _begin of the working days, ascending

    def _span(self, van: date, tot: date) -> None:
        if self._begin is not None and self._begin <= van and tot <= self._eind:
            return
        begin = van if self._begin is None else min(van, self._begin)
        eind = tot if self._eind is None else max(tot, self._eind)
        self._begin, self._eind = begin, eind
        self._werk = [
            i
            for i in range((eind - begin).days + 1)
            if not is_vrije_dag(begin + timedelta(days=i), self.gelijkgesteld)
        ]

    def tussen(self, van: date, tot: date) -> int:
        if tot <= van:
            return 0
        self._span(van, tot)
        a, b = (van - self._begin).days, (tot - self._begin).days
        return bisect_right(self._werk, b) - bisect_right(self._werk, a)


def werkdagen_tussen(van: date, tot: date, gelijkgesteld=()) -> int:
    """Working days after `van` up to and including `tot` (0 for the same day)."""
    return Werkdagen(gelijkgesteld).tussen(van, tot)


# The grouped reads --------------------------------------------------------------------------


def _periode(schooljaren) -> tuple[date, date]:
    return schooljaar_periode(min(schooljaren))[0], schooljaar_periode(max(schooljaren))[1]


def _in(veld: str, jaar: int) -> Q:
    return Q(**{f"{veld}__range": schooljaar_periode(jaar)})


def _gegroepeerd(
    qs: QuerySet, pad: str | None, vast, aggregaten: dict
) -> list[tuple[object, dict]]:
    """(group key, aggregates) per group of `pad`; without a path one group `vast`."""
    qs = qs.order_by()
    if pad is None:
        return [(vast, qs.aggregate(**aggregaten))]
    return [(r.pop(pad), r) for r in qs.values(pad).annotate(**aggregaten)]


def _tellen(uit, rijen: list[tuple[object, dict]]) -> None:
    for sleutel, waarden in rijen:
        for naam, waarde in waarden.items():
            teller, _sep, jaar = naam.rpartition("__")
            rij = _rij(uit, int(jaar), sleutel)
            setattr(rij, teller, getattr(rij, teller) + (waarde or 0))


def _rij(uit, jaar, sleutel) -> Rij:
    per = uit[jaar]
    if sleutel not in per:
        per[sleutel] = Rij(jaar=jaar, sleutel=sleutel)
    return per[sleutel]


def per_jaar(wie, schooljaren, groeperen_op: str = "school") -> dict[int, dict[object, Rij]]:
    """{jaar: {group key: Rij}} for several school years at once, in a fixed number of
    queries (one per source with a conditional count per year, one for the doorlooptijden,
    one for the hours, one for the gelijkgestelde dagen). `groeperen_op`: 'school',
    'bestuur', 'soort', 'swv', or 'jaar' (one row per year, key None). Groups without any
    activity are missing."""
    jaren = sorted(set(schooljaren))
    uit: dict[int, dict[object, Rij]] = {j: {} for j in jaren}
    if not jaren:
        return uit
    bronnen = _bronnen(wie)
    van, tot = _periode(jaren)

    # The key of a source without a path: the year's single row, or the soort of an
    # arrangement (its evaluaties too).
    vast = None if groeperen_op == "jaar" else VraagSoort.ARRANGEMENT

    def pad(bron):
        return None if groeperen_op == "jaar" else _PADEN[bron][groeperen_op]

    def gegroepeerd(bron, qs, aggregaten):
        return _gegroepeerd(qs, pad(bron), vast, aggregaten)

    # Vragen and besluiten: one query.
    vragen = bronnen["vraag"].filter(
        Q(ingediend_op__range=(van, tot)) | Q(besloten_op__range=(van, tot))
    )
    aggregaten = {}
    for j in jaren:
        besloten = _in("besloten_op", j)
        aggregaten[f"vragen__{j}"] = Count("id", filter=_in("ingediend_op", j))
        aggregaten[f"toegekend__{j}"] = Count("id", filter=besloten & Q(besluit=Besluit.TOEGEKEND))
        aggregaten[f"afgewezen__{j}"] = Count("id", filter=besloten & Q(besluit=Besluit.AFGEWEZEN))
    _tellen(uit, gegroepeerd("vraag", vragen, aggregaten))

    # Arrangementen: counts and cost in one query, hours from the periods in another.
    arr = bronnen["arrangement"].filter(startdatum__range=(van, tot))
    aggregaten = {}
    for j in jaren:
        start = _in("startdatum", j)
        aggregaten[f"arrangementen__{j}"] = Count("id", filter=start)
        aggregaten[f"verlengingen__{j}"] = Count("id", filter=start & Q(vorige__isnull=False))
        aggregaten[f"kosten__{j}"] = Sum("kosten", filter=start)
    _tellen(uit, gegroepeerd("arrangement", arr, aggregaten))
    p = pad("arrangement")
    velden = ("startdatum", "einddatum", "uren_per_week") + ((p,) if p else ())
    for start, eind, uren, *sleutel in (
        arr.filter(uren_per_week__isnull=False).order_by().values_list(*velden)
    ):
        if schooljaar_van(start) in uit:  # (years asked need not be consecutive)
            _rij(uit, schooljaar_van(start), sleutel[0] if sleutel else vast).uren += Decimal(
                uren
            ) * weken(start, eind)

    # Plaatsingen.
    plaatsingen = bronnen["plaatsing"].filter(
        status__in=[PlaatsingStatus.GEPLAATST, PlaatsingStatus.BEEINDIGD],
        startdatum__range=(van, tot),
    )
    aggregaten = {f"plaatsingen__{j}": Count("id", filter=_in("startdatum", j)) for j in jaren}
    _tellen(uit, gegroepeerd("plaatsing", plaatsingen, aggregaten))

    # Evaluaties held.
    evaluaties = bronnen["evaluatie"].filter(gehouden_op__range=(van, tot))
    aggregaten = {}
    for j in jaren:
        gehouden = _in("gehouden_op", j)
        aggregaten[f"behaald__{j}"] = Count("id", filter=gehouden & Q(doelen=Doelbereik.BEHAALD))
        aggregaten[f"deels__{j}"] = Count("id", filter=gehouden & Q(doelen=Doelbereik.DEELS))
        aggregaten[f"niet__{j}"] = Count("id", filter=gehouden & Q(doelen=Doelbereik.NIET))
    _tellen(uit, gegroepeerd("evaluatie", evaluaties, aggregaten))

    # Doorlooptijden: two dates per besluit.
    p = pad("vraag")
    velden = ("ingediend_op", "besloten_op") + ((p,) if p else ())
    besluiten = list(
        bronnen["vraag"]
        .filter(besloten_op__range=(van, tot), ingediend_op__isnull=False)
        .order_by()
        .values_list(*velden)
    )
    if besluiten:
        teller = Werkdagen(gelijkgestelde_dagen())
        for ingediend, besloten, *sleutel in besluiten:
            if schooljaar_van(besloten) not in uit:
                continue
            rij = _rij(uit, schooljaar_van(besloten), sleutel[0] if sleutel else None)
            rij.dagen.append((besloten - ingediend).days)
            rij.werkdagen.append(teller.tussen(ingediend, besloten))

    # A group that only had zero counts (a conditional count of another year) is no group.
    for j in jaren:
        uit[j] = {k: r for k, r in uit[j].items() if _heeft_iets(r)}
    return uit


def _heeft_iets(r: Rij) -> bool:
    return any(getattr(r, n) for n in Rij.TELLERS) or bool(r.dagen)


def _labels(rijen: list[Rij], groeperen_op: str) -> None:
    """Names of the groups, in one query."""
    ids = [r.sleutel for r in rijen if r.sleutel is not None]
    if groeperen_op == "school":
        namen = {s.pk: s.naam for s in School.objects.filter(pk__in=ids).only("naam")}
    elif groeperen_op == "bestuur":
        namen = {b.pk: b.naam for b in Schoolbestuur.objects.filter(pk__in=ids).only("naam")}
    elif groeperen_op == "swv":
        namen = {
            s.pk: f"{s.code} {s.naam}".strip()
            for s in Samenwerkingsverband.objects.filter(pk__in=ids).only("code", "naam")
        }
    elif groeperen_op == "soort":
        namen = {k: str(v) for k, v in VraagSoort.choices}
    else:
        namen = {}
    for r in rijen:
        if groeperen_op == "jaar":
            r.label = r.schooljaar
        elif r.sleutel is None:
            r.label = str(ZONDER if groeperen_op == "school" else _("Zonder bestuur"))
        else:
            r.label = namen.get(r.sleutel, str(r.sleutel))


def kengetallen(wie, schooljaar: int, groeperen_op: str = "school", *, jaren: int = 5):
    """The route's figures for `wie` (a user: their scope through the selectors; or a
    berekeningen.Scope / Bereik) in `schooljaar`, one Rij per group, sorted by name (the
    'zonder school' row last). With `groeperen_op="jaar"`: one Rij per school year, the
    `jaren` years up to and including `schooljaar`, oldest first. Fixed query count."""
    if groeperen_op not in GROEPERINGEN:
        raise ValueError(f"onbekende groepering {groeperen_op!r}")
    if groeperen_op == "jaar":
        schooljaren = list(range(schooljaar - jaren + 1, schooljaar + 1))
        data = per_jaar(wie, schooljaren, "jaar")
        rijen = [data[j].get(None) or Rij(jaar=j) for j in schooljaren]
        _labels(rijen, "jaar")
        return rijen
    rijen = list(per_jaar(wie, [schooljaar], groeperen_op)[schooljaar].values())
    _labels(rijen, groeperen_op)
    volgorde = {k: i for i, k in enumerate(VraagSoort.values)}
    if groeperen_op == "soort":
        rijen.sort(key=lambda r: volgorde.get(r.sleutel, 99))
    else:
        rijen.sort(key=lambda r: (r.sleutel is None, r.label.lower(), str(r.sleutel)))
    return rijen


# Occupancy ----------------------------------------------------------------------------------


@dataclass
class Bezetting:
    voorziening: Voorziening
    capaciteit: int
    bezet: int
    wachtlijst: int

    @property
    def vrij(self) -> int:
        return max(self.capaciteit - self.bezet, 0)

    @property
    def bezettingsgraad(self) -> Decimal | None:
        if not self.capaciteit:
            return None
        return (Decimal(self.bezet) * 100 / self.capaciteit).quantize(
            EEN_DECIMAAL, rounding=ROUND_HALF_UP
        )


def bezetting(wie, datum: date | None = None) -> list[Bezetting]:
    """Per active voorziening in scope: capacity, seats taken on `datum` (default today),
    free seats and the waiting list now (voorzieningen.selectors: one query). A user sees
    the register of their SWVs (organisation data; the counts are numbers, not pupils)."""
    if isinstance(wie, berekeningen.Scope | Bereik):
        bereik = Bereik.van_scope(wie) if isinstance(wie, berekeningen.Scope) else wie
        qs = Voorziening.objects.filter(actief=True)
        if bereik.swv_ids is not None:
            qs = qs.filter(swv_id__in=list(bereik.swv_ids))
        qs = met_bezetting(qs.select_related("swv", "gastschool"), datum).order_by(
            "swv__code", "naam", "id"
        )
    else:
        qs = netwerk_voorzieningen(wie, datum=datum)
    return [Bezetting(v, v.capaciteit, v.bezetting, v.wachtlijst) for v in qs]


# The verantwoording's figures ---------------------------------------------------------------

VERANTWOORDING_SLEUTELS = (
    "vragen", "toegekend", "afgewezen", "arrangementen", "verlengingen", "kosten", "uren",
    "plaatsingen", "terugplaatsingen",
)  # fmt: skip


def arrangementen_per_besturen(*, schooljaar: int, bestuur_ids, swv_ids=None) -> dict[int, dict]:
    """Per bestuur id, the figures a bestuur's verantwoording prefills for the school year:
    'vragen', 'toegekend', 'afgewezen', 'arrangementen' (of its schools, started in the
    year), 'verlengingen', 'kosten' (EUR), 'uren', 'plaatsingen' (its schools' pupils,
    started in the year) and 'terugplaatsingen' (the TLV kengetallen' count for the bestuur,
    toelaatbaarheid.kengetallen). Every bestuur in `bestuur_ids` is there (zeros without
    records). With `swv_ids` only the records of those SWVs. Fixed number of queries for
    any number of besturen."""
    ids = list(bestuur_ids)
    bereik = Bereik(None if swv_ids is None else tuple(swv_ids), tuple(ids))
    rijen = per_jaar(bereik, [schooljaar], "bestuur")[schooljaar]
    tlv = tlv_kengetallen.bestuur_kengetallen(
        schooljaar=schooljaar, bestuur_ids=ids, swv_ids=None if swv_ids is None else list(swv_ids)
    )
    uit = {}
    for bid in ids:
        r = rijen.get(bid) or Rij(jaar=schooljaar, sleutel=bid)
        uit[bid] = {
            "vragen": r.vragen,
            "toegekend": r.toegekend,
            "afgewezen": r.afgewezen,
            "arrangementen": r.arrangementen,
            "verlengingen": r.verlengingen,
            "kosten": Decimal(r.kosten).quantize(Decimal("0.01")),
            "uren": r.uren_afgerond,
            "plaatsingen": r.plaatsingen,
            "terugplaatsingen": int(tlv.get(bid, {}).get("terugplaatsingen") or 0),
        }
    return uit


def arrangementen_per_bestuur(bestuur, schooljaar: int, *, swv_ids=None) -> dict:
    """`arrangementen_per_besturen` for one bestuur (a Schoolbestuur or its id)."""
    bid = getattr(bestuur, "pk", bestuur)
    return arrangementen_per_besturen(schooljaar=schooljaar, bestuur_ids=[bid], swv_ids=swv_ids)[
        bid
    ]


# Computed KPIs for the dashboard ------------------------------------------------------------

DOORLOOPTIJD = "route_doorlooptijd"
DOELEN_BEHAALD = "route_doelen_behaald"
ARRANGEMENTEN = "route_arrangementen"

KPI_LABELS = {
    DOORLOOPTIJD: _("Doorlooptijd ondersteuningsvraag (mediaan, werkdagen)"),
    DOELEN_BEHAALD: _("Aandeel evaluaties arrangementen met doelen behaald (%)"),
    ARRANGEMENTEN: _("Aantal individuele arrangementen"),
}

KPI_UITLEG = _(
    "Berekend uit de ondersteuningsroute, per schooljaar (1 augustus - 31 juli), over alle "
    "scholen van het getoonde geheel: doorlooptijd = mediaan van de werkdagen van indienen tot "
    "besluit van de besluiten in het schooljaar; aandeel doelen behaald = evaluaties met "
    "doelen behaald / gehouden evaluaties in het schooljaar × 100; aantal arrangementen = "
    "gestart in het schooljaar (een verlenging telt mee). Een schooljaar zonder besluiten of "
    "evaluaties, of van vóór de eerste ingediende vraag, toont geen waarde."
)


def _route_per_swv(jaren, scope: berekeningen.Scope, alle_ids, cache: dict):
    """{jaar: {swv id: Rij}} and the first vraag date per SWV, for every year and SWV on
    the page, fetched once per page (shared cache) for each bestuur scope."""
    sleutel = ("route", scope.bestuur_id)
    bekend = cache.get(sleutel)
    if bekend is None or not (set(jaren) <= bekend[0] and set(alle_ids) <= bekend[1]):
        bereik = Bereik(tuple(alle_ids), (scope.bestuur_id,) if scope.bestuur_id else None)
        data = per_jaar(bereik, jaren, "swv")
        sinds = dict(
            Bereik(tuple(alle_ids))
            .filter(Ondersteuningsvraag.objects.filter(ingediend_op__isnull=False))
            .values("swv_id")
            .annotate(m=Min("ingediend_op"))
            .order_by()
            .values_list("swv_id", "m")
        )
        cache[sleutel] = bekend = (set(jaren), set(alle_ids), data, sinds)
    return bekend[2], bekend[3]


def berekende_waarden(berekening: str, jaren, scope: berekeningen.Scope, cache: dict):
    """The value of a route KPI per school year for `scope` (None: no value that year)."""
    alle_ids = sorted(set(cache.get("swv_ids", ())) | set(scope.swv_ids))
    alle_jaren = sorted(set(cache.get("jaren", ())) | set(jaren))
    verstreken = [j for j in alle_jaren if j <= huidig_schooljaar()]
    data, sinds = _route_per_swv(verstreken, scope, alle_ids, cache) if verstreken else ({}, {})
    eerste = min((sinds[i] for i in scope.swv_ids if i in sinds), default=None)
    uit = {}
    for j in jaren:
        if j not in data or eerste is None or schooljaar_periode(j)[1] < eerste:
            uit[j] = None
            continue
        som = totaal([data[j][i] for i in scope.swv_ids if i in data[j]], jaar=j)
        if berekening == DOORLOOPTIJD:
            uit[j] = som.werkdagen_mediaan
        elif berekening == DOELEN_BEHAALD:
            uit[j] = som.aandeel_behaald
        else:
            uit[j] = Decimal(som.arrangementen)
    return uit


for _code in KPI_LABELS:
    berekeningen.BRONNEN[_code] = berekeningen.Bron(
        waarden=berekende_waarden, uitleg=KPI_UITLEG, url_naam="kpi:route"
    )


# Exports ------------------------------------------------------------------------------------


def _kolommen_na_groep() -> tuple[Kolom, ...]:
    def a(naam, attr):
        return Kolom(naam, lambda r, c, attr=attr: getattr(r, attr))

    return (
        a("Vragen ingediend", "vragen"),
        a("Besluiten", "besluiten"),
        a("Toegekend", "toegekend"),
        a("Afgewezen", "afgewezen"),
        a("Doorlooptijd mediaan (werkdagen)", "werkdagen_mediaan"),
        a("Doorlooptijd 90e percentiel (werkdagen)", "werkdagen_p90"),
        a("Doorlooptijd mediaan (kalenderdagen)", "dagen_mediaan"),
        a("Doorlooptijd 90e percentiel (kalenderdagen)", "dagen_p90"),
        a("Arrangementen", "arrangementen"),
        a("Waarvan verlengingen", "verlengingen"),
        a("Kosten arrangementen (EUR)", "kosten"),
        a("Uren arrangementen", "uren_afgerond"),
        a("Plaatsingen", "plaatsingen"),
        a("Evaluaties", "evaluaties"),
        a("Doelen behaald", "behaald"),
        a("Doelen deels behaald", "deels"),
        a("Doelen niet behaald", "niet"),
        a("Aandeel doelen behaald (%)", "aandeel_behaald"),
    )


def kengetallen_export(groeperen_op: str) -> Export:
    """The kengetallen table as a download: the group, then the figures (the page's
    columns); the last row is the total."""
    if groeperen_op == "jaar":  # one row per year, then the total of the years
        return Export(
            "route-kengetallen-{groep}-{jaar}",
            (Kolom("Schooljaar", lambda r, c: r.label),) + _kolommen_na_groep(),
        )
    eerste = (Kolom("Schooljaar", lambda r, c: r.schooljaar),)
    eerste += (Kolom(str(GROEPERINGEN[groeperen_op]), lambda r, c: r.label),)
    return Export("route-kengetallen-{groep}-{jaar}", eerste + _kolommen_na_groep())


BEZETTING = Export(
    "route-bezetting-{datum}",
    (
        Kolom("Samenwerkingsverband", lambda b, c: b.voorziening.swv.code),
        Kolom("Nummer", lambda b, c: b.voorziening.nummer),
        Kolom("Voorziening", lambda b, c: b.voorziening.naam),
        Kolom("Soort", lambda b, c: b.voorziening.get_soort_display()),
        Kolom("Capaciteit", lambda b, c: b.capaciteit),
        Kolom("Bezet", lambda b, c: b.bezet),
        Kolom("Vrij", lambda b, c: b.vrij),
        Kolom("Bezettingsgraad (%)", lambda b, c: b.bezettingsgraad),
        Kolom("Wachtlijst", lambda b, c: b.wachtlijst),
        Kolom("Peildatum", lambda b, c: c["peildatum"]),
    ),
)
