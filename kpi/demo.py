"""Demo KPI data: metingen on the 17 KPIs (seed 000) of the plan demo's current plan, for
each of its school years that is over, close to each year's target and some missing it;
for five of them also per SWV and for the bestuur INNOVO (so its bestuur account sees its
own figures beside the total); and a set of thuiszitters at INNOVO and Movare schools,
each with a few dated actions. Dates and ages are counted back from the day the demo is
loaded; values depend on a year's place in the plan, not on the calendar. Idempotent and
deterministic on a given day: the demo owns these metingen and registrations.

Runs after the plan demo; if the plan is not there (yet), that part is skipped.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ondersteuningsplan.demo import TITEL_CONCEPT, TITEL_HUIDIG
from ondersteuningsplan.models import Berekening, Kpi, KpiType, Ondersteuningsplan
from swv.demo import innovo_school
from swv.models import Gebruiker, School, Schoolbestuur, Schoolsoort
from swv.schooljaar import schooljaar_van

from .models import Meting, Thuiszitter, ThuiszitterActie, ThuiszitterStatus

PLAN_TITEL = TITEL_HUIDIG  # the measured plan
# Demo plans whose KPIs carry the settings below; only demo metingen are removed from them.
DEMO_PLANNEN = (TITEL_HUIDIG, TITEL_CONCEPT)

# KPIs of seed 000 that the portal computes itself (matched on a word in the name).
BEREKEND = {
    "thuiszittende": Berekening.THUISZITTERS,
}

# (pseudoniem, bestuur, leeftijd, type, vrijstelling, start, duur, status, acties): the
# age in the current school year; the start in weeks before the Monday of this week and
# the duration in weeks (None: still running); an actie is (days after the start, what
# was done or agreed, who was involved).
THUISZITTERS = [
    (
        "A.B.",
        "41506",
        11,
        "relatief",
        "",
        63,
        None,
        "lopend",
        (
            (0, "Verzuimmelding; school belt ouders.", "school, ouders"),
            (10, "Gesprek ouders en leerplicht; OT gepland.", "leerplicht, ouders, school"),
            (
                24,
                "OT: deeltijdrooster van twee ochtenden afgesproken.",
                "trajectbegeleider, ouders, jeugdarts",
            ),
        ),
    ),
    (
        "C.D.",
        "41506",
        12,
        "relatief",
        "",
        55,
        None,
        "lopend",
        (
            (
                0,
                "Eerste gesprek met ouders over de weigering om naar school te gaan.",
                "school, ouders",
            ),
            (21, "Arrangement aangevraagd.", "trajectbegeleider"),
        ),
    ),
    (
        "E.F.",
        "41506",
        10,
        "absoluut",
        "",
        42,
        None,
        "lopend",
        (
            (0, "Melding: niet ingeschreven na uitschrijving.", "leerplicht"),
            (7, "Zoektocht naar passende plek met trajectbegeleider.", "trajectbegeleider, ouders"),
        ),
    ),
    (
        "G.H.",
        "41506",
        12,
        "relatief",
        "",
        97,
        20,
        "terug",
        (
            (0, "Verzuimmelding en gesprek met ouders.", "school, ouders, leerplicht"),
            (
                35,
                "Deeltijdrooster afgesproken, opbouw per twee weken.",
                "school, ouders, jeugdarts",
            ),
            (140, "Terug op school na deeltijdrooster.", "school"),
        ),
    ),
    (
        "I.J.",
        "41506",
        9,
        "vrijstelling",
        "5a",
        116,
        None,
        "lopend",
        (
            (0, "Vrijstelling 5 onder a verleend.", "leerplicht, jeugdarts"),
            (
                365,
                "Jaarlijks gesprek: vrijstelling blijft nodig.",
                "leerplicht, ouders, trajectbegeleider",
            ),
        ),
    ),
    (
        "K.L.",
        "41516",
        11,
        "relatief",
        "",
        10,
        None,
        "lopend",
        ((0, "Overleg school, ouders en jeugdhulp.", "school, ouders, jeugdhulp"),),
    ),
    (
        "M.N.",
        "41516",
        12,
        "absoluut",
        "",
        25,
        None,
        "lopend",
        (
            (0, "Niet ingeschreven na verhuizing; leerplicht ingeschakeld.", "leerplicht"),
            (14, "Aanmelding bij een school in de buurt besproken.", "trajectbegeleider, ouders"),
        ),
    ),
    (
        "O.P.",
        "41516",
        12,
        "relatief",
        "",
        90,
        31,
        "terug",
        (
            (0, "Verzuimmelding; OT aangevraagd.", "school, leerplicht"),
            (42, "TLV SBO aangevraagd.", "school, trajectbegeleider, ouders"),
            (217, "Plaatsing SBO na TLV.", "school, ouders"),
        ),
    ),
    (
        "Q.R.",
        "41516",
        12,
        "vrijstelling",
        "15",
        65,
        None,
        "lopend",
        ((0, "Vrijstelling art. 15 (onderwijs buitenland).", "leerplicht"),),
    ),
    (
        "S.T.",
        "41516",
        10,
        "relatief",
        "",
        7,
        None,
        "lopend",
        ((0, "Verzuimmelding; eerste gesprek gepland.", "school, ouders"),),
    ),
    (
        "U.V.",
        "41506",
        11,
        "relatief",
        "",
        111,
        17,
        "beeindigd",
        (
            (0, "Verzuimmelding en huisbezoek.", "school, leerplicht"),
            (119, "Verhuisd buiten de regio; dossier overgedragen.", "leerplicht"),
        ),
    ),
]


def laad(stdout=None) -> None:
    with transaction.atomic():
        n_metingen = _metingen()
        n_thuis = _thuiszitters()
    if stdout:
        if n_metingen is None:
            stdout.write(f"  KPI: plan '{PLAN_TITEL}' niet gevonden; metingen overgeslagen")
        else:
            stdout.write(f"  KPI: {n_metingen} metingen")
        stdout.write(f"  KPI: {n_thuis} thuiszitters met acties")


def _stap(kpi: Kpi, doel: Decimal) -> Decimal:
    """How far a demo value lies from its target: a few percent of the target (at least
    0.2 points for a percentage, 0.3 on a score scale, 1 for a count)."""
    if kpi.type == KpiType.PERCENTAGE:
        return max(Decimal("0.2"), (abs(doel) * Decimal("0.05")).quantize(Decimal("0.1")))
    if kpi.type == KpiType.SCORE:
        return Decimal("0.3")
    return Decimal(1)


def _binnen_type(kpi: Kpi, w: Decimal) -> Decimal:
    if kpi.type == KpiType.PERCENTAGE:
        return max(Decimal(0), min(Decimal(100), w)).quantize(Decimal("0.1"))
    if kpi.type == KpiType.SCORE:
        laag = kpi.schaal_min if kpi.schaal_min is not None else Decimal(1)
        hoog = kpi.schaal_max if kpi.schaal_max is not None else Decimal(10)
        return max(laag, min(hoog, w)).quantize(Decimal("0.1"))
    return max(Decimal(0), w).quantize(Decimal(1))


def _streef(kpi: Kpi, jaar: int):
    return next((s for s in kpi.streefwaarden.all() if s.schooljaar == jaar), None)


def _lager_is_beter(kpi: Kpi, streef) -> bool:
    return kpi.richting == "lager" or (streef is not None and streef.comparator in ("<", "<="))


def metingjaren(plan: Ondersteuningsplan, vandaag: date) -> list[int]:
    """The plan's school years that are over on `vandaag`: those the demo has metingen for."""
    return [j for j in plan.schooljaren if j < schooljaar_van(vandaag)]


def _demo_waarde(kpi: Kpi, jaar: int, positie: int, index: int) -> Decimal:
    """A deterministic value close to the year's target: on the right side of it, except
    every third KPI-year, which misses it (a percentage of 4 is 3.8 or 4.2, not 0 or 9).
    `positie` is the year's place in the plan (0 for its first school year)."""
    streef = _streef(kpi, jaar)
    mis = (index + positie) % 3 == 0
    if kpi.type == KpiType.JA_NEE:
        return Decimal(0 if mis else 1)
    if kpi.type == KpiType.SCORE:
        laag = kpi.schaal_min if kpi.schaal_min is not None else Decimal(1)
        hoog = kpi.schaal_max if kpi.schaal_max is not None else Decimal(10)
        basis = streef.waarde if streef else (laag + hoog) / 2
        return _binnen_type(kpi, basis - 1 if mis else basis + Decimal("0.5"))
    if streef is None:
        return Decimal(40 + 5 * positie if kpi.type == KpiType.PERCENTAGE else 8 - positie % 3)
    doel = streef.waarde
    lager = _lager_is_beter(kpi, streef)
    if kpi.type == KpiType.PERCENTAGE:
        omhoog = mis == lager  # off track upwards when lower is better, and vice versa
        stap = _stap(kpi, doel)
        return _binnen_type(kpi, doel + stap if omhoog else doel - stap)
    # Counts.
    if lager:
        return doel + 2 if mis else max(Decimal(0), doel - 1)
    return max(Decimal(0), doel - 2) if mis else doel + 1


# Hand-entered KPIs that are also measured per SWV and for one bestuur (matched on the
# start of the name): percentages and scores, which compare to the plan's target. (Counts
# do not: an SWV's share of the complaints is always below the plan-wide ceiling.)
PER_SCOPE = (
    "Mate van tevredenheid van ouders",
    "Mate waarin de basisondersteuning voldoet",
    "Aantal en percentage leerlingen voor wie extra ondersteuning wordt toegekend",
    "Aantal en percentage leerlingen voor wie extra ondersteuning binnen",
    "Mate van tevredenheid van scholen en ouders",
)
DEMO_BESTUUR = "41506"  # INNOVO: its bestuur account sees these beside the total
# Per school year of the plan (its place, modulo 3), the SWVs' distance from the plan
# total in steps (in code order; they average out to the total) and the bestuur's.
SWV_VERSCHUIVING = {0: (-1, 1, 0), 1: (0, -1, 1), 2: (1, 0, -1)}
BESTUUR_VERSCHUIVING = {0: 1, 1: -1, 2: 2}


def _scope_waarde(kpi: Kpi, jaar: int, totaal: Decimal, stappen: int) -> Decimal:
    """A value `stappen` steps (see _stap) above or below the plan total."""
    streef = _streef(kpi, jaar)
    doel = streef.waarde if streef else totaal
    return _binnen_type(kpi, totaal + stappen * _stap(kpi, doel))


def _meting(kpi, jaar, waarde, *, swv=None, bestuur=None, toelichting="Demo-meting.") -> int:
    """The id of the demo meting, or 0 when the value does not fit the type (skipped)."""
    try:
        kpi.waarde_controleren(waarde)
    except ValidationError:
        return 0
    meting, _ = Meting.objects.update_or_create(
        kpi=kpi,
        schooljaar=jaar,
        kwartaal=0,
        swv=swv,
        bestuur=bestuur,
        defaults={"waarde": waarde, "bron": kpi.bron or "Demo", "toelichting": toelichting},
    )
    return meting.pk


def _metingen() -> int | None:
    plan = Ondersteuningsplan.objects.filter(titel=PLAN_TITEL).first()
    if plan is None:
        return None
    for kpi in Kpi.objects.filter(speerpunt__plan__titel__in=DEMO_PLANNEN):
        for woord, berekening in BEREKEND.items():
            if woord in kpi.naam.lower() and kpi.berekening != berekening:
                kpi.berekening = berekening
                kpi.save(update_fields=["berekening"])
    kpis = list(
        Kpi.objects.filter(speerpunt__plan=plan)
        .prefetch_related("streefwaarden")
        .order_by("speerpunt__volgorde", "volgorde", "id")
    )
    swvs = list(plan.samenwerkingsverbanden.order_by("code"))
    bestuur = Schoolbestuur.objects.filter(nummer=DEMO_BESTUUR, scholen__swv__in=swvs).first()
    gemaakt = []
    for index, kpi in enumerate(kpis):
        if kpi.is_berekend:
            continue
        per_scope = kpi.naam.startswith(PER_SCOPE)
        for jaar in metingjaren(plan, timezone.localdate()):
            positie = jaar - plan.startjaar
            waarde = _demo_waarde(kpi, jaar, positie, index)
            gemaakt.append(_meting(kpi, jaar, waarde))
            if not gemaakt[-1] or not per_scope:
                continue
            verschuiving = SWV_VERSCHUIVING[positie % 3]
            for i, swv in enumerate(swvs):
                w = _scope_waarde(kpi, jaar, waarde, verschuiving[i % 3])
                gemaakt.append(_meting(kpi, jaar, w, swv=swv, toelichting="Demo-meting per SWV."))
            if bestuur is not None:
                w = _scope_waarde(kpi, jaar, waarde, BESTUUR_VERSCHUIVING[positie % 3])
                gemaakt.append(
                    _meting(
                        kpi, jaar, w, bestuur=bestuur, toelichting="Demo-meting van het bestuur."
                    )
                )
    # Demo metingen of other years (an earlier day's load) go; hand-entered ones stay.
    Meting.objects.filter(
        kpi__speerpunt__plan__titel__in=DEMO_PLANNEN, toelichting__startswith="Demo-meting"
    ).exclude(pk__in=gemaakt).delete()
    return sum(1 for pk in gemaakt if pk)


def _scholen(nummer: str) -> list[School]:
    return list(
        School.objects.binnen_swv()
        .filter(bestuur__nummer=nummer, swv__isnull=False, soort=Schoolsoort.BAO)
        .order_by("vestigingscode")[:4]
    )


def _thuiszitters() -> int:
    ib_school = innovo_school()
    scholen = {"41506": [ib_school, *_scholen("41506")], "41516": _scholen("41516")}
    # Recorded by the demo trajectbegeleider (if the accounts are there).
    door = Gebruiker.objects.filter(username="trajectbegeleider").first()
    vandaag = timezone.localdate()
    jaar = schooljaar_van(vandaag)
    maandag = vandaag - timedelta(days=vandaag.weekday())
    aantal = 0
    for i, (pseudo, bestuur, leeftijd, soort, artikel, weken, duur, status, acties) in enumerate(
        THUISZITTERS
    ):
        keuze = scholen.get(bestuur) or []
        if not keuze:
            continue
        school = keuze[i % len(keuze)]
        start = maandag - timedelta(weeks=weken)
        t, _ = Thuiszitter.objects.update_or_create(
            pseudoniem=f"{pseudo} (demo)",
            defaults={
                "school": school,
                "swv_id": school.swv_id,
                "geboortejaar": jaar - leeftijd,
                "type": soort,
                "vrijstelling": artikel,
                "startdatum": start,
                "einddatum": None if duur is None else start + timedelta(weeks=duur),
                "status": status or ThuiszitterStatus.LOPEND,
                # Every other case assigned to the demo trajectbegeleider; the others are
                # open to all trajectbegeleiders of the SWV.
                "trajectbegeleider": door if i % 2 == 0 else None,
            },
        )
        _acties(t, acties, door, vandaag)
        aantal += 1
    return aantal


def _acties(t: Thuiszitter, acties, door, vandaag: date) -> None:
    """The demo case's action log is exactly the listed actions (the demo owns these
    cases); an action that would lie in the future is left out."""
    gewenst = []
    for dagen, omschrijving, betrokkenen in acties:
        datum = t.startdatum + timedelta(days=dagen)
        if datum > vandaag:
            continue
        actie, _ = ThuiszitterActie.objects.update_or_create(
            thuiszitter=t,
            datum=datum,
            omschrijving=omschrijving,
            defaults={
                "betrokkenen": betrokkenen,
                "vastgelegd_door": door,
                "vastgelegd_op": timezone.make_aware(datetime.combine(datum, time(16, 0))),
            },
        )
        gewenst.append(actie.pk)
    t.acties_log.exclude(pk__in=gewenst).delete()
