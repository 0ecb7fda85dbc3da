"""Demo KPI data: metingen on the plan demo's 17 KPIs (seed 000), close to each year's
target and some missing it; for five of them also per SWV and for the bestuur INNOVO (so
its bestuur account sees its own figures beside the total); and a set of thuiszitters at
INNOVO and Movare schools, each with a few dated actions. Idempotent and deterministic
(fixed dates and values).

Runs after the plan demo; if the plan is not there (yet), that part is skipped.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ondersteuningsplan.models import Ondersteuningsplan
from swv.demo import innovo_school
from swv.models import Gebruiker, School, Schoolbestuur, Schoolsoort

from .models import (
    Berekening,
    Kpi,
    KpiType,
    Meting,
    Thuiszitter,
    ThuiszitterActie,
    ThuiszitterStatus,
)

PLAN_TITEL = "Ondersteuningsplan 2022-2026 (concept)"
METINGJAREN = (2022, 2023, 2024)

# KPIs of seed 000 that the portal computes itself (matched on a word in the name).
BEREKEND = {
    "thuiszittende": Berekening.THUISZITTERS,
}

# (pseudoniem, bestuur, geboortejaar, type, vrijstelling, start, einde, status, acties);
# an actie is (days after the start, what was done or agreed, who was involved).
THUISZITTERS = [
    (
        "A.B.",
        "41506",
        2014,
        "relatief",
        "",
        date(2025, 9, 8),
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
        2012,
        "relatief",
        "",
        date(2025, 11, 3),
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
        2015,
        "absoluut",
        "",
        date(2026, 2, 2),
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
        2013,
        "relatief",
        "",
        date(2025, 1, 13),
        date(2025, 6, 2),
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
        2016,
        "vrijstelling",
        "5a",
        date(2024, 9, 1),
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
        2014,
        "relatief",
        "",
        date(2026, 9, 14),
        None,
        "lopend",
        ((0, "Overleg school, ouders en jeugdhulp.", "school, ouders, jeugdhulp"),),
    ),
    (
        "M.N.",
        "41516",
        2011,
        "absoluut",
        "",
        date(2026, 6, 1),
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
        2013,
        "relatief",
        "",
        date(2025, 3, 3),
        date(2025, 10, 6),
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
        2012,
        "vrijstelling",
        "15",
        date(2025, 8, 25),
        None,
        "lopend",
        ((0, "Vrijstelling art. 15 (onderwijs buitenland).", "leerplicht"),),
    ),
    (
        "S.T.",
        "41516",
        2015,
        "relatief",
        "",
        date(2026, 10, 5),
        None,
        "lopend",
        ((0, "Verzuimmelding; eerste gesprek gepland.", "school, ouders"),),
    ),
    (
        "U.V.",
        "41506",
        2014,
        "relatief",
        "",
        date(2024, 10, 7),
        date(2025, 2, 3),
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


def _demo_waarde(kpi: Kpi, jaar: int, index: int) -> Decimal:
    """A deterministic value close to the year's target: on the right side of it, except
    every third KPI-year, which misses it (a percentage of 4 is 3.8 or 4.2, not 0 or 9)."""
    streef = _streef(kpi, jaar)
    mis = (index + jaar) % 3 == 0
    if kpi.type == KpiType.JA_NEE:
        return Decimal(0 if mis else 1)
    if kpi.type == KpiType.SCORE:
        laag = kpi.schaal_min if kpi.schaal_min is not None else Decimal(1)
        hoog = kpi.schaal_max if kpi.schaal_max is not None else Decimal(10)
        basis = streef.waarde if streef else (laag + hoog) / 2
        return _binnen_type(kpi, basis - 1 if mis else basis + Decimal("0.5"))
    if streef is None:
        return Decimal(40 + 5 * (jaar - 2022) if kpi.type == KpiType.PERCENTAGE else 8 - jaar % 3)
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
# Per school year, the SWVs' distance from the plan total in steps (in code order; they
# average out to the total) and the bestuur's.
SWV_VERSCHUIVING = {0: (-1, 1, 0), 1: (0, -1, 1), 2: (1, 0, -1)}
BESTUUR_VERSCHUIVING = {2022: 1, 2023: -1, 2024: 2}


def _scope_waarde(kpi: Kpi, jaar: int, totaal: Decimal, stappen: int) -> Decimal:
    """A value `stappen` steps (see _stap) above or below the plan total."""
    streef = _streef(kpi, jaar)
    doel = streef.waarde if streef else totaal
    return _binnen_type(kpi, totaal + stappen * _stap(kpi, doel))


def _meting(kpi, jaar, waarde, *, swv=None, bestuur=None, toelichting="Demo-meting.") -> bool:
    try:
        kpi.waarde_controleren(waarde)
    except ValidationError:  # a demo value that does not fit the type is skipped
        return False
    Meting.objects.update_or_create(
        kpi=kpi,
        schooljaar=jaar,
        kwartaal=0,
        swv=swv,
        bestuur=bestuur,
        defaults={"waarde": waarde, "bron": kpi.bron or "Demo", "toelichting": toelichting},
    )
    return True


def _metingen() -> int | None:
    plan = Ondersteuningsplan.objects.filter(titel=PLAN_TITEL).first()
    if plan is None:
        return None
    kpis = list(
        Kpi.objects.filter(speerpunt__plan=plan)
        .prefetch_related("streefwaarden")
        .order_by("speerpunt__volgorde", "volgorde", "id")
    )
    for kpi in kpis:
        for woord, berekening in BEREKEND.items():
            if woord in kpi.naam.lower() and kpi.berekening != berekening:
                kpi.berekening = berekening
                kpi.save(update_fields=["berekening"])
    swvs = list(plan.samenwerkingsverbanden.order_by("code"))
    bestuur = Schoolbestuur.objects.filter(nummer=DEMO_BESTUUR, scholen__swv__in=swvs).first()
    aantal = 0
    for index, kpi in enumerate(kpis):
        if kpi.is_berekend:
            continue
        per_scope = kpi.naam.startswith(PER_SCOPE)
        for jaar in METINGJAREN:
            waarde = _demo_waarde(kpi, jaar, index)
            if not _meting(kpi, jaar, waarde):
                continue
            aantal += 1
            if not per_scope:
                continue
            verschuiving = SWV_VERSCHUIVING[jaar % 3]
            for i, swv in enumerate(swvs):
                w = _scope_waarde(kpi, jaar, waarde, verschuiving[i % 3])
                aantal += _meting(kpi, jaar, w, swv=swv, toelichting="Demo-meting per SWV.")
            if bestuur is not None:
                w = _scope_waarde(kpi, jaar, waarde, BESTUUR_VERSCHUIVING[jaar])
                aantal += _meting(
                    kpi, jaar, w, bestuur=bestuur, toelichting="Demo-meting van het bestuur."
                )
    return aantal


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
    aantal = 0
    for i, (pseudo, bestuur, geboren, soort, artikel, start, einde, status, acties) in enumerate(
        THUISZITTERS
    ):
        keuze = scholen.get(bestuur) or []
        if not keuze:
            continue
        school = keuze[i % len(keuze)]
        t, _ = Thuiszitter.objects.update_or_create(
            pseudoniem=f"{pseudo} (demo)",
            defaults={
                "school": school,
                "swv_id": school.swv_id,
                "geboortejaar": geboren,
                "type": soort,
                "vrijstelling": artikel,
                "startdatum": start,
                "einddatum": einde,
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
