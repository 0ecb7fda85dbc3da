"""The bench's national-scale data, built once into a named database and reused.

One database holds everything the pages need (the builders of the former bench modules
tlv, kpi and verantwoording, joined): 150 SWVs with 7,000 schools and 10 years of
leerlingtellingen, one plan per SWV with 17 KPIs and 3 years of metingen, 4,500
thuiszitters; 200,000 TLV cases in the first 3 SWVs (status history, adviezen,
beschikkingen); a verantwoording round for 100 besturen; the ondersteuningsroute
(100,000 dossiers, 300,000 vragen, 100,000 arrangementen, voorzieningen with plaatsingen,
knooppunten with overleggen) and a ~60-page plan. Everything scales with `Maten.schaal`.

The table `bench_data` holds the data version and the sizes; a database whose row does
not match is rebuilt from scratch.
"""

import json
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal

DATA_VERSIE = 3  # raise when the builder changes: the next run rebuilds


@dataclass(frozen=True)
class Maten:
    n_swv: int = 150
    n_scholen: int = 7000
    n_scholen_eigen: int = 500  # schools of the medewerker's 3 SWVs (100 besturen x 5)
    n_besturen: int = 300
    n_jaren: int = 10
    n_tlv: int = 200_000
    n_thuiszitters: int = 4500
    n_besturen_verantwoording: int = 100
    n_ingediend: int = 25
    n_leerlingen: int = 100_000
    n_vragen: int = 300_000
    n_arrangementen: int = 100_000
    n_voorzieningen_per_swv: int = 20
    n_plaatsingen: int = 20_000
    n_knooppuntoverleggen: int = 20_000
    plan_hoofdstukken: int = 15

    @classmethod
    def geschaald(cls, schaal: float) -> "Maten":
        """The pupil records scaled (TLV, route, thuiszitters); organisations, counts and
        plans stay national unless the scale is tiny (the smoke test)."""
        if schaal >= 1:
            return cls()
        n = lambda x, minimum=20: max(minimum, int(x * schaal))  # noqa: E731
        klein = schaal < 0.05
        return cls(
            n_swv=6 if klein else 150,
            n_scholen=60 if klein else 7000,
            n_scholen_eigen=30 if klein else 500,
            n_besturen=12 if klein else 300,
            n_jaren=3 if klein else 10,
            n_tlv=n(200_000),
            n_thuiszitters=n(4500),
            n_besturen_verantwoording=6 if klein else 100,
            n_ingediend=2 if klein else 25,
            n_leerlingen=n(100_000),
            n_vragen=n(300_000),
            n_arrangementen=n(100_000),
            n_voorzieningen_per_swv=3 if klein else 20,
            n_plaatsingen=n(20_000),
            n_knooppuntoverleggen=n(20_000),
            plan_hoofdstukken=2 if klein else 15,
        )


STATUSSEN_TLV = [
    "concept",
    "ingediend",
    "advies",
    "besluitvorming",
    "toegekend",
    "toegekend",
    "toegekend",
    "afgewezen",
    "bezwaar",
    "beeindigd",
    "ingetrokken",
]
B = 5000  # bulk_create batch size


def _soort_school(i: int) -> str:
    if i % 14 == 0:
        return "SBO"
    if i % 35 == 1:
        return "SO"
    if i % 70 == 3:
        return "SO_VSO"
    if i % 70 == 5:
        return "VSO"
    return "BAO"


# -- the marker ------------------------------------------------------------------------


def aanwezig(maten: Maten) -> bool:
    from django.db import connection

    if "bench_data" not in connection.introspection.table_names():
        return False
    with connection.cursor() as c:
        c.execute("SELECT versie, maten FROM bench_data")
        rij = c.fetchone()
    return bool(rij) and rij[0] == DATA_VERSIE and json.loads(rij[1]) == asdict(maten)


def _markeer(maten: Maten, seconden: float) -> None:
    from django.db import connection

    with connection.cursor() as c:
        c.execute("CREATE TABLE IF NOT EXISTS bench_data (versie integer, maten text, duur real)")
        c.execute("DELETE FROM bench_data")
        c.execute(
            "INSERT INTO bench_data (versie, maten, duur) VALUES (%s, %s, %s)",
            [DATA_VERSIE, json.dumps(asdict(maten)), seconden],
        )


def bouwduur() -> float | None:
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT duur FROM bench_data")
        rij = c.fetchone()
    return rij[0] if rij else None


# -- the builders -----------------------------------------------------------------------


def bouwen(maten: Maten, log=print) -> float:
    """Build everything into the (empty, migrated) database; returns the seconds taken."""
    from django.db import connection, transaction

    start = time.perf_counter()
    stappen = [
        ("organisaties en tellingen", _organisaties),
        ("plannen, KPI's, metingen, thuiszitters", _kpi),
        ("TLV-zaken", _tlv),
        ("verantwoording", _verantwoording),
        ("leerlingdossiers, vragen, arrangementen", _route),
        ("voorzieningen en plaatsingen", _voorzieningen),
        ("knooppunten en overleggen", _knooppunten),
        ("ondersteuningsplan van ~60 pagina's", _plan),
    ]
    ctx: dict = {}
    for naam, stap in stappen:
        t = time.perf_counter()
        with transaction.atomic():
            stap(maten, ctx)
        log(f"  data: {naam}: {time.perf_counter() - t:.0f} s")
    with connection.cursor() as c:
        c.execute("ANALYZE")
    duur = time.perf_counter() - start
    _markeer(maten, duur)
    return duur


def _organisaties(m: Maten, ctx: dict) -> None:
    from swv.models import (
        Gebruiker,
        Gemeente,
        Leerlingtelling,
        Samenwerkingsverband,
        School,
        Schoolbestuur,
    )
    from swv.roles import Rol
    from toelaatbaarheid.models import Deskundige

    swvs = Samenwerkingsverband.objects.bulk_create(
        [Samenwerkingsverband(code=f"PO{2001 + i}", naam=f"SWV {i}") for i in range(m.n_swv)]
    )
    gemeenten = Gemeente.objects.bulk_create(
        [Gemeente(code=f"{i:04d}", naam=f"Gemeente {i}") for i in range(m.n_swv)]
    )
    besturen = Schoolbestuur.objects.bulk_create(
        [Schoolbestuur(nummer=f"{50000 + i}", naam=f"Bestuur {i:03d}") for i in range(m.n_besturen)]
    )
    n_vb = m.n_besturen_verantwoording
    overige_besturen = besturen[n_vb:] or besturen

    def school(i: int) -> School:
        # The first schools belong to the medewerker's 3 SWVs, 5 per bestuur (the
        # verantwoording needs besturen with schools there); the rest spread nationally.
        if i < m.n_scholen_eigen:
            swv, bestuur = swvs[i % 3], besturen[(i // 5) % n_vb]
        else:
            swv = swvs[3 + i % (m.n_swv - 3)]
            bestuur = overige_besturen[(i // 7) % len(overige_besturen)]
        code = f"{i:04X}"[-4:].replace("0", "Q")
        return School(
            vestigingscode=code + "00",
            instellingscode=code,
            naam=f"School {i}",
            soort=_soort_school(i),
            gemeente=gemeenten[swvs.index(swv) % len(gemeenten)],
            bestuur=bestuur,
            swv=swv,
        )

    scholen = School.objects.bulk_create([school(i) for i in range(m.n_scholen)], batch_size=2000)
    jaren = range(2026 - m.n_jaren, 2026)
    Leerlingtelling.objects.bulk_create(
        [
            Leerlingtelling(
                school=s,
                teldatum=date(j, 10, 1),
                aantal=None if (i + j) % 97 == 0 else 50 + (i * 7 + j) % 400,
                gemaskeerd=(i + j) % 97 == 0,
            )
            for i, s in enumerate(scholen)
            for j in jaren
        ],
        batch_size=B,
    )

    def maak(username, rol, swv_lijst=(), **kw):
        g = Gebruiker.objects.create(username=username, rol=rol, first_name="Bench", **kw)
        if swv_lijst:
            g.samenwerkingsverbanden.set(swv_lijst)
        return g

    ctx["swvs"], ctx["besturen"], ctx["scholen"] = swvs, besturen, scholen
    ctx["mw"] = maak("bench-medewerker", Rol.MEDEWERKER, swvs[:3])
    ctx["tb"] = maak("bench-tb", Rol.TRAJECTBEGELEIDER, swvs[:3])
    # The admin pages need a staff user; the bench's ModelAdmin shows it the same rows.
    maak("bench-beheer", Rol.MEDEWERKER, swvs[:3], is_staff=True, is_superuser=True)
    maak("bench-landelijk", Rol.MEDEWERKER, swvs)
    ctx["deskundigen"] = [
        Deskundige.objects.create(
            gebruiker=maak(f"bench-deskundige-{i}", Rol.DESKUNDIGE, swvs[:3]), discipline=d
        )
        for i, d in enumerate(["orthopedagoog", "arts"])
    ]


def _kpi(m: Maten, ctx: dict) -> None:
    from kpi.models import Meting, Thuiszitter
    from ondersteuningsplan.models import Kpi, Ondersteuningsplan, Speerpunt, Streefwaarde

    berekend = {
        0: "deelname_sbo",
        1: "deelname_so",
        5: "thuiszitters",
        8: "tlv_toegekend",
        12: "tlv_doorlooptijd",
    }
    kpis, streef, metingen = [], [], []
    for i, swv in enumerate(ctx["swvs"]):
        plan = Ondersteuningsplan.objects.create(titel=f"Plan {i}", startjaar=2022, eindjaar=2025)
        plan.samenwerkingsverbanden.set([swv])
        sps = Speerpunt.objects.bulk_create(
            [
                Speerpunt(plan=plan, code=c, titel=f"Speerpunt {c}", volgorde=n)
                for n, c in enumerate("ABCDEF")
            ]
        )
        for k in range(17):
            kpis.append(
                Kpi(
                    speerpunt=sps[k % 6],
                    naam=f"KPI {k + 1}",
                    type="percentage" if k in (0, 1, 3) else "aantal",
                    richting="lager",
                    volgorde=k,
                    berekening=berekend.get(k, ""),
                )
            )
    kpis = Kpi.objects.bulk_create(kpis, batch_size=2000)
    for kpi in kpis:
        for j in (2022, 2023, 2024, 2025):
            streef.append(Streefwaarde(kpi=kpi, schooljaar=j, comparator="<", waarde=Decimal(10)))
        if not kpi.berekening:
            for j in (2022, 2023, 2024):
                metingen.append(Meting(kpi=kpi, schooljaar=j, waarde=Decimal(j % 7 + 3)))
    Streefwaarde.objects.bulk_create(streef, batch_size=B)
    Meting.objects.bulk_create(metingen, batch_size=B)
    scholen = ctx["scholen"]
    Thuiszitter.objects.bulk_create(
        [
            Thuiszitter(
                swv_id=scholen[i % len(scholen)].swv_id,
                school=scholen[i % len(scholen)],
                pseudoniem=f"B{i}",
                geboortejaar=2014,
                type="relatief",
                startdatum=date(2022 + i % 4, 1 + i % 12, 1 + i % 28),
            )
            for i in range(m.n_thuiszitters)
        ],
        batch_size=B,
    )


def _tlv(m: Maten, ctx: dict) -> None:
    from django.utils import timezone

    from toelaatbaarheid.models import Aanvraag, Beschikking, Deskundigenadvies, StatusWijziging

    mw, tb, deskundigen = ctx["mw"], ctx["tb"], ctx["deskundigen"]
    regulier = [s for s in ctx["scholen"][: m.n_scholen_eigen] if s.soort == "BAO"]
    nu = timezone.now()
    begin = date(2019, 1, 1)
    ids = []
    for deel in range(0, m.n_tlv, 20_000):  # in parts: bounded memory
        aanvragen = Aanvraag.objects.bulk_create(
            [
                Aanvraag(
                    swv_id=regulier[i % len(regulier)].swv_id,
                    school=regulier[i % len(regulier)],
                    status=STATUSSEN_TLV[i % len(STATUSSEN_TLV)],
                    voornaam=f"Voornaam{i % 997}",
                    achternaam=f"Achternaam{i}",
                    leerling_sleutel=f"voornaam{i % 997} achternaam{i}",
                    geboortedatum=date(2012, 1, 1) + timedelta(days=i % 2500),
                    soort="SBO" if i % 3 else "SO",
                    categorie="" if i % 3 else "laag",
                    aangemaakt_door=mw,
                    trajectbegeleider=tb if i % 7 == 0 else None,
                    aangemaakt_op=nu - timedelta(minutes=i * 10),
                    ontvangen_op=begin + timedelta(days=i % 2500),
                    ondersteuningsbehoeften="Kleine groep",
                    niveaus_1_4="Arrangement",
                    zienswijze_ouders="Eens",
                    ouders_akkoord="ja",
                )
                for i in range(deel, min(m.n_tlv, deel + 20_000))
            ],
            batch_size=B,
        )
        StatusWijziging.objects.bulk_create(
            [
                StatusWijziging(
                    aanvraag=a, van="", naar="concept", stap="Aanvraag aangemaakt", door=mw
                )
                for a in aanvragen
            ]
            + [
                StatusWijziging(aanvraag=a, van="concept", naar=a.status, stap="Stap", door=tb)
                for a in aanvragen
                if a.status != "concept"
            ],
            batch_size=B,
        )
        na_advies = {"besluitvorming", "toegekend", "afgewezen", "bezwaar", "beeindigd"}
        Deskundigenadvies.objects.bulk_create(
            [
                Deskundigenadvies(
                    aanvraag=a,
                    deskundige=d,
                    volgorde=n + 1,
                    gevraagd_op=a.ontvangen_op,
                    uiterlijk_op=a.ontvangen_op + timedelta(days=21),
                    toelaatbaar=True,
                    motivering="m",
                    datum=a.ontvangen_op + timedelta(days=14),
                )
                for a in aanvragen
                if a.status in na_advies
                for n, d in enumerate(deskundigen)
            ],
            batch_size=B,
        )
        Beschikking.objects.bulk_create(
            [
                Beschikking(
                    aanvraag=a,
                    swv_id=a.swv_id,
                    jaar=a.ontvangen_op.year,
                    volgnummer=a.pk,
                    besluit="afgewezen" if a.status == "afgewezen" else "toegekend",
                    soort=a.soort,
                    categorie=a.categorie,
                    motivering="-",
                    datum=a.ontvangen_op + timedelta(days=30),
                    verzonden_op=a.ontvangen_op + timedelta(days=31),
                    afgegeven_door=mw,
                )
                for a in aanvragen
                if a.status in na_advies - {"besluitvorming"}
            ],
            batch_size=B,
        )
        ids.extend(a.pk for a in aanvragen[:10])
    ctx["tlv_ids"] = ids


def _verantwoording(m: Maten, ctx: dict) -> None:
    from django.utils import timezone

    from kpi.verantwoording import services
    from kpi.verantwoording.models import (
        Aanwending,
        Antwoord,
        IndicatorStand,
        OntvangenBedrag,
        Procesindicator,
        Stand,
        Verslag,
        VerslagStatus,
    )
    from kpi.verantwoording.reports import verslag_pdf
    from swv import documenten

    mw, swvs = ctx["mw"], ctx["swvs"][:3]
    ronde = services.ronde_aanmaken(
        gebruiker=mw,
        schooljaar=2024,
        deadline=timezone.localdate() + timedelta(days=30),
        samenwerkingsverbanden=swvs,
        besturen=ctx["besturen"][: m.n_besturen_verantwoording],
    )
    ronde = services.ronde_openen(ronde=ronde, gebruiker=mw)
    verslagen = list(Verslag.objects.filter(ronde=ronde).order_by("bestuur__naam"))
    vragen = list(ronde.vragen.all())
    indicatoren = list(Procesindicator.objects.filter(vraag__ronde=ronde))
    eerste_indicator = {q.pk: q.indicatoren.first() for q in vragen}
    Antwoord.objects.bulk_create(
        [
            Antwoord(
                verslag=v,
                vraag=q,
                tekst="Reflectie. " * 120,
                score=Decimal(90) if q.soort == "ankerpunt" else None,
                voorbeeld_nummers=str(eerste_indicator[q.pk].nummer)
                if q.soort == "hoofdonderdeel" and eerste_indicator[q.pk]
                else "",
                voorbeeld_tekst="Voorbeeld. " * 60 if q.soort == "hoofdonderdeel" else "",
            )
            for v in verslagen
            for q in vragen
        ],
        batch_size=2000,
    )
    IndicatorStand.objects.bulk_create(
        [
            IndicatorStand(verslag=v, indicator=i, stand=Stand.GEREALISEERD)
            for v in verslagen
            for i in indicatoren
        ],
        batch_size=B,
    )
    OntvangenBedrag.objects.bulk_create(
        [
            OntvangenBedrag(verslag=v, swv=s, soort="terugploeg", bedrag=Decimal("132380.00"))
            for v in verslagen
            for s in swvs
        ]
    )
    Aanwending.objects.bulk_create(
        [
            Aanwending(
                verslag=v, volgorde=n, omschrijving=f"Aanwending {n}", bedrag=Decimal("43500")
            )
            for v in verslagen
            for n in range(3)
        ]
    )
    ingediend = [v.pk for v in verslagen[1 : m.n_ingediend + 1]]
    Verslag.objects.filter(pk__in=ingediend).update(
        status=VerslagStatus.INGEDIEND, ingediend_op=timezone.now()
    )
    # As the submit service does: the document as submitted is stored (rendered once
    # here and shared, the reports being alike).
    if ingediend:
        inhoud = verslag_pdf(Verslag.objects.get(pk=ingediend[0]))
        for pk in ingediend:
            Verslag.objects.filter(pk=pk).update(pdf=documenten.bewaren(inhoud, f"bench-{pk}.pdf"))


def _route(m: Maten, ctx: dict) -> None:
    from leerlingen.models import Leerling
    from ondersteuning.models import Arrangement, Ondersteuningsvraag

    mw, tb = ctx["mw"], ctx["tb"]
    eigen = ctx["scholen"][: m.n_scholen_eigen]
    leerlingen = Leerling.objects.bulk_create(
        [
            Leerling(
                swv_id=eigen[i % len(eigen)].swv_id,
                school=eigen[i % len(eigen)],
                voornaam=f"Kind{i % 997}",
                achternaam=f"Dossier{i}",
                leerling_sleutel=f"kind{i % 997} dossier{i}",
                geboortedatum=date(2012, 1, 1) + timedelta(days=i % 3000),
                groep=1 + i % 8,
                trajectbegeleider=tb if i % 5 == 0 else None,
                aangemaakt_door=mw,
            )
            for i in range(m.n_leerlingen)
        ],
        batch_size=B,
    )
    ctx["leerlingen"] = leerlingen
    soorten = ["advies", "onderzoek", "arrangement", "voorziening", "tlv"]
    statussen = ["concept", "ingediend", "besloten", "besloten", "besloten", "ingetrokken"]
    arr_vragen, vz_vragen = [], []
    for deel in range(0, m.n_vragen, 50_000):
        rijen = []
        for i in range(deel, min(m.n_vragen, deel + 50_000)):
            ll = leerlingen[i % len(leerlingen)]
            status = statussen[i % len(statussen)]
            besloten = status == "besloten"
            rijen.append(
                Ondersteuningsvraag(
                    leerling=ll,
                    swv_id=ll.swv_id,
                    school_id=ll.school_id,
                    soort=soorten[i % len(soorten)],
                    vraag="Wat heeft deze leerling nodig om tot ontwikkeling te komen?",
                    niveaus_1_4="Basisondersteuning, extra begeleiding in de klas.",
                    status=status,
                    trajectbegeleider=ll.trajectbegeleider,
                    aangemaakt_door=mw,
                    ingediend_door=mw if status != "concept" else None,
                    ingediend_op=date(2024, 1, 1) + timedelta(days=i % 700)
                    if status != "concept"
                    else None,
                    besluit=("toegekend" if i % 4 else "afgewezen") if besloten else "",
                    besluit_reden="Passend bij de behoefte." if besloten else "",
                    besloten_op=date(2024, 3, 1) + timedelta(days=i % 600) if besloten else None,
                    besloten_door=mw if besloten else None,
                )
            )
        for v in Ondersteuningsvraag.objects.bulk_create(rijen, batch_size=B):
            if v.besluit == "toegekend" and v.soort == "arrangement":
                arr_vragen.append(v)
            elif v.besluit == "toegekend" and v.soort == "voorziening":
                vz_vragen.append(v)
    ctx["vz_vragen"] = vz_vragen
    Arrangement.objects.bulk_create(
        [
            Arrangement(
                leerling_id=v.leerling_id,
                swv_id=v.swv_id,
                school_id=v.school_id,
                vraag=v,
                doelen="Zelfstandig werken; rust in de klas.",
                uren_per_week=Decimal(4),
                uurtarief=Decimal("65.00"),
                kosten=Decimal("10400.00"),
                startdatum=v.besloten_op,
                einddatum=v.besloten_op + timedelta(days=280),
                status="lopend" if j % 3 else "beeindigd",
                beeindigd_op=None if j % 3 else v.besloten_op + timedelta(days=280),
                trajectbegeleider_id=v.trajectbegeleider_id,
                besloten_op=v.besloten_op,
                besloten_door=mw,
            )
            for j in range(m.n_arrangementen)
            for v in [arr_vragen[j % len(arr_vragen)]]
        ],
        batch_size=B,
    )


def _voorzieningen(m: Maten, ctx: dict) -> None:
    from voorzieningen.models import Doelgroep, Plaatsing, Soort, Voorziening

    mw, eigen = ctx["mw"], ctx["scholen"][: m.n_scholen_eigen]
    soorten, doelgroepen = list(Soort.values), list(Doelgroep.values)
    vz = Voorziening.objects.bulk_create(
        [
            Voorziening(
                swv=ctx["swvs"][i % 3],
                naam=f"Voorziening {i}",
                soort=soorten[i % len(soorten)],
                doelgroep=doelgroepen[i % len(doelgroepen)],
                gastschool=eigen[i % len(eigen)],
                bestuur_id=eigen[i % len(eigen)].bestuur_id,
                gemeente_id=eigen[i % len(eigen)].gemeente_id,
                capaciteit=12 + i % 10,
            )
            for i in range(3 * m.n_voorzieningen_per_swv)
        ]
    )
    per_swv = {}
    for v in vz:
        per_swv.setdefault(v.swv_id, []).append(v)
    vragen, gezien, rijen = ctx["vz_vragen"], set(), []
    statussen = ["wachtlijst", "geplaatst", "geplaatst", "beeindigd", "vervallen"]
    for k in range(m.n_plaatsingen):
        vraag = vragen[k % len(vragen)]
        lijst = per_swv[vraag.swv_id]
        voorziening = lijst[k % len(lijst)]
        status = statussen[k % len(statussen)]
        if status in ("wachtlijst", "geplaatst"):
            if (voorziening.pk, vraag.leerling_id) in gezien:
                status = "vervallen"
            gezien.add((voorziening.pk, vraag.leerling_id))
        start = vraag.besloten_op + timedelta(days=30)
        rijen.append(
            Plaatsing(
                voorziening=voorziening,
                leerling_id=vraag.leerling_id,
                besluit=vraag,
                swv_id=vraag.swv_id,
                school_id=vraag.school_id,
                trajectbegeleider_id=vraag.trajectbegeleider_id,
                status=status,
                aangemeld_op=vraag.besloten_op,
                startdatum=start if status in ("geplaatst", "beeindigd") else None,
                einddatum=start + timedelta(days=200) if status == "beeindigd" else None,
                aangemaakt_door=mw,
            )
        )
    Plaatsing.objects.bulk_create(rijen, batch_size=B)


def _knooppunten(m: Maten, ctx: dict) -> None:
    from knooppunt.models import Knooppunt, Knooppuntoverleg

    mw, eigen, leerlingen = ctx["mw"], ctx["scholen"][: m.n_scholen_eigen], ctx["leerlingen"]
    knooppunten = Knooppunt.objects.bulk_create(
        [Knooppunt(school=s, swv_id=s.swv_id, aangemaakt_door=mw) for s in eigen]
    )
    per_school = {k.school_id: k for k in knooppunten}
    Knooppuntoverleg.objects.bulk_create(
        [
            Knooppuntoverleg(
                knooppunt=per_school[ll.school_id],
                leerling=ll,
                swv_id=ll.swv_id,
                school_id=ll.school_id,
                trajectbegeleider_id=ll.trajectbegeleider_id,
                datum=date(2024, 9, 1) + timedelta(days=i % 400),
                rollen_aanwezig=["school", "ouders"],
                integraal_beeld="Beeld van de leerling thuis en op school.",
                status="gehouden" if i % 2 else "gepland",
                aangemaakt_door=mw,
            )
            for i in range(m.n_knooppuntoverleggen)
            for ll in [leerlingen[(i * 7) % len(leerlingen)]]
        ],
        batch_size=B,
    )


def _plan(m: Maten, ctx: dict) -> None:
    from bench.plan import bouw_plan

    bouw_plan(ctx["swvs"][0], hoofdstukken=m.plan_hoofdstukken)
