"""Benchmark: the TLV case list and a case page with 200,000 cases.

In a fresh database of its own: 30 SWVs, 3,000 schools, 200,000 TLV cases spread over
all states (bulk_create), with status history, adviezen and beschikkingen. Times the
filtered, paginated list and a case page (server time through the test client, median
of 9 after a warm-up) for a medewerker of three SWVs, a trajectbegeleider, a bestuur and
a medewerker of all 30 SWVs who sees all 200,000. Target: 150 ms each.

    .venv/bin/python -m bench tlv
    SWV_BENCH_TLV_DB=/tmp/tlv-bench.sqlite3 .venv/bin/python -m bench tlv   # keep/reuse the data
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/swv_bench_tlv .venv/bin/python -m bench tlv
"""

import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

N_SWV = 30
N_SCHOLEN = 3000
N_TLV = 200_000
DOEL_MS = 150
STATUSSEN = [
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


def _bouw():
    from django.utils import timezone

    from swv.models import Gebruiker, Gemeente, Samenwerkingsverband, School, Schoolbestuur
    from toelaatbaarheid.models import (
        Aanvraag,
        Beschikking,
        Deskundige,
        Deskundigenadvies,
        StatusWijziging,
    )

    swvs = Samenwerkingsverband.objects.bulk_create(
        [Samenwerkingsverband(code=f"PO{7001 + i}", naam=f"SWV {i}") for i in range(N_SWV)]
    )
    gemeenten = Gemeente.objects.bulk_create(
        [Gemeente(code=f"{i:04d}", naam=f"Gemeente {i}") for i in range(N_SWV)]
    )
    besturen = Schoolbestuur.objects.bulk_create(
        [Schoolbestuur(nummer=f"{60000 + i}", naam=f"Bestuur {i}") for i in range(N_SWV * 5)]
    )
    scholen = School.objects.bulk_create(
        [
            School(
                vestigingscode=f"{i:04X}"[-4:].replace("0", "Q") + "00",
                instellingscode=f"{i:04X}"[-4:].replace("0", "Q"),
                naam=f"School {i}",
                soort="SBO" if i % 20 == 0 else "BAO",
                gemeente=gemeenten[i % N_SWV],
                bestuur=besturen[(i // 4) % len(besturen)],
                swv=swvs[i % N_SWV],
            )
            for i in range(N_SCHOLEN)
        ],
        batch_size=2000,
    )
    regulier = [s for s in scholen if s.soort == "BAO"]

    def maak(username, rol, **kw):
        g = Gebruiker.objects.create(username=username, rol=rol, first_name="Bench", **kw)
        return g

    mw = maak("bench-medewerker", "medewerker")
    mw.samenwerkingsverbanden.set(swvs[:3])
    tb = maak("bench-tb", "trajectbegeleider")
    tb.samenwerkingsverbanden.set(swvs[:3])
    bestuur = maak("bench-bestuur", "bestuur", bestuur=besturen[0])
    alles = maak("bench-landelijk", "medewerker")
    alles.samenwerkingsverbanden.set(swvs)
    deskundigen = []
    for i, discipline in enumerate(["orthopedagoog", "arts"]):
        g = maak(f"bench-deskundige-{i}", "deskundige")
        g.samenwerkingsverbanden.set(swvs[:3])
        deskundigen.append(Deskundige.objects.create(gebruiker=g, discipline=discipline))

    nu = timezone.now()
    begin = date(2019, 1, 1)
    aanvragen = Aanvraag.objects.bulk_create(
        [
            Aanvraag(
                swv_id=regulier[i % len(regulier)].swv_id,
                school=regulier[i % len(regulier)],
                status=STATUSSEN[i % len(STATUSSEN)],
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
            for i in range(N_TLV)
        ],
        batch_size=5000,
    )
    StatusWijziging.objects.bulk_create(
        [
            StatusWijziging(aanvraag=a, van="", naar="concept", stap="Aanvraag aangemaakt", door=mw)
            for a in aanvragen
        ]
        + [
            StatusWijziging(aanvraag=a, van="concept", naar=a.status, stap="Stap", door=tb)
            for a in aanvragen
            if a.status != "concept"
        ],
        batch_size=5000,
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
        batch_size=5000,
    )
    Beschikking.objects.bulk_create(
        [
            Beschikking(
                aanvraag=a,
                swv_id=a.swv_id,
                jaar=a.ontvangen_op.year,
                volgnummer=i,
                besluit="afgewezen" if a.status == "afgewezen" else "toegekend",
                soort=a.soort,
                categorie=a.categorie,
                motivering="-",
                datum=a.ontvangen_op + timedelta(days=30),
                verzonden_op=a.ontvangen_op + timedelta(days=31),
                afgegeven_door=mw,
            )
            for i, a in enumerate(aanvragen)
            if a.status in na_advies - {"besluitvorming"}
        ],
        batch_size=5000,
    )
    return mw, tb, bestuur, alles


def _meet(client, url, n=9):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    r = client.get(url)  # warm-up
    assert r.status_code == 200, (url, r.status_code)
    tijden = []
    for _ in range(n):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as q:
            r = client.get(url)
        tijden.append((time.perf_counter() - start) * 1000)
    return statistics.median(tijden), max(tijden), len(q)


def main():
    import django

    bestand = os.environ.get("SWV_BENCH_TLV_DB") or str(
        Path(tempfile.mkdtemp(prefix="swv-bench-tlv-")) / "bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{bestand}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from swv.models import Gebruiker
    from tests.helpers import inloggen
    from toelaatbaarheid.models import Aanvraag

    call_command("migrate", verbosity=0)
    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    start = time.perf_counter()
    if Gebruiker.objects.filter(username="bench-medewerker").exists():
        mw, tb, bestuur, alles = (
            Gebruiker.objects.get(username=n)
            for n in ("bench-medewerker", "bench-tb", "bench-bestuur", "bench-landelijk")
        )
        opmerking = "bestaande benchdata hergebruikt"
    else:
        mw, tb, bestuur, alles = _bouw()
        opmerking = "gebouwd"
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    else:
        with connection.cursor() as c:
            c.execute("ANALYZE")
    print(
        f"{db}: {Aanvraag.objects.count()} TLV-zaken, {opmerking} in "
        f"{time.perf_counter() - start:.0f} s"
    )
    zaak = (
        Aanvraag.objects.filter(swv__in=mw.samenwerkingsverbanden.all(), status="bezwaar")
        .order_by("id")
        .first()
        or Aanvraag.objects.filter(swv__in=mw.samenwerkingsverbanden.all(), status="toegekend")
        .order_by("id")
        .first()
    )
    tb_zaak = Aanvraag.objects.filter(trajectbegeleider=tb, status="advies").order_by("id").first()
    metingen = [
        (mw, "medewerker (3 SWVs)", "/tlv/"),
        (mw, "medewerker (3 SWVs)", "/tlv/?status=advies&soort=SBO"),
        (mw, "medewerker (3 SWVs)", "/tlv/?status=toegekend&page=50"),
        (mw, "medewerker (3 SWVs)", "/tlv/?q=Achternaam1234"),
        (mw, "medewerker (3 SWVs)", "/tlv/?q=TLV-000123"),
        (mw, "medewerker (3 SWVs)", f"/tlv/{zaak.pk}/"),
        (tb, "trajectbegeleider", "/tlv/?status=advies"),
        (tb, "trajectbegeleider", f"/tlv/{tb_zaak.pk}/"),
        (bestuur, "bestuur", "/tlv/?status=toegekend"),
        (alles, "medewerker (alle 30)", "/tlv/"),
        (alles, "medewerker (alle 30)", "/tlv/?status=ingediend&page=100"),
        (alles, "medewerker (alle 30)", f"/tlv/{zaak.pk}/"),
        (mw, "medewerker (3 SWVs)", "/tlv/termijnen/"),
        (alles, "medewerker (alle 30)", "/tlv/termijnen/"),
        (alles, "medewerker (alle 30)", "/"),
    ]
    for gebruiker, wie, url in metingen:
        client = inloggen(Client(), gebruiker)
        mediaan, hoogst, queries = _meet(client, url)
        oordeel = "OK" if mediaan <= DOEL_MS else f"TE TRAAG (doel {DOEL_MS} ms)"
        print(
            f"{db}: {wie:20} {url:38} mediaan {mediaan:6.0f} ms, max {hoogst:6.0f} ms, "
            f"{queries:3} queries  {oordeel}"
        )
