"""Benchmark: the KPI dashboard and /kpi/deelname/ at national scale.

In a fresh database of its own: 150 SWVs, 7,000 schools, 10 years of leerlingtellingen
(70,000 rows), one plan per SWV with 6 speerpunten and 17 KPIs (5 computed), 3 years of
metingen, 4,500 thuiszitters and 200,000 TLV cases (150,000 beschikkingen). Times the
pages (server time through the test client, median of 15 after a warm-up) for a medewerker
of three SWVs and for a national user of all 150.

    .venv/bin/python -m bench kpi
    SWV_BENCH_KPI_DB=/tmp/kpi-bench.sqlite3 .venv/bin/python -m bench kpi   # keep/reuse the data
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/swv_bench_kpi .venv/bin/python -m bench kpi
"""

import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

N_SWV = 150
N_SCHOLEN = 7000
JAREN = range(2016, 2026)
N_TLV = 200_000
DOEL_MS = 300


def _soort(i: int) -> str:
    if i % 14 == 0:
        return "SBO"
    if i % 35 == 1:
        return "SO"
    if i % 70 == 3:
        return "SO_VSO"
    if i % 70 == 5:
        return "VSO"
    return "BAO"


def _bouw():
    from decimal import Decimal

    from kpi.models import Meting, Thuiszitter
    from ondersteuningsplan.models import Kpi, Ondersteuningsplan, Speerpunt, Streefwaarde
    from swv.models import (
        Gebruiker,
        Gemeente,
        Leerlingtelling,
        Samenwerkingsverband,
        School,
        Schoolbestuur,
    )

    swvs = Samenwerkingsverband.objects.bulk_create(
        [Samenwerkingsverband(code=f"PO{2001 + i}", naam=f"SWV {i}") for i in range(N_SWV)]
    )
    gemeenten = Gemeente.objects.bulk_create(
        [Gemeente(code=f"{i:04d}", naam=f"Gemeente {i}") for i in range(N_SWV)]
    )
    besturen = Schoolbestuur.objects.bulk_create(
        [Schoolbestuur(nummer=f"{50000 + i}", naam=f"Bestuur {i}") for i in range(N_SWV * 2)]
    )
    scholen = School.objects.bulk_create(
        [
            School(
                vestigingscode=f"{i:04X}"[-4:].replace("0", "Q") + "00",
                instellingscode=f"{i:04X}"[-4:].replace("0", "Q"),
                naam=f"School {i}",
                soort=_soort(i),
                gemeente=gemeenten[i % N_SWV],
                bestuur=besturen[(i // 7) % len(besturen)],
                swv=swvs[i % N_SWV],
            )
            for i in range(N_SCHOLEN)
        ],
        batch_size=2000,
    )
    Leerlingtelling.objects.bulk_create(
        [
            Leerlingtelling(
                school=s,
                teldatum=date(j, 10, 1),
                aantal=None if (i + j) % 97 == 0 else 50 + (i * 7 + j) % 400,
                gemaskeerd=(i + j) % 97 == 0,
            )
            for i, s in enumerate(scholen)
            for j in JAREN
        ],
        batch_size=5000,
    )
    mw = Gebruiker.objects.create(username="bench-medewerker", rol="medewerker")
    mw.samenwerkingsverbanden.set(swvs[:3])
    landelijk = Gebruiker.objects.create(username="bench-landelijk", rol="medewerker")
    landelijk.samenwerkingsverbanden.set(swvs)

    berekend = {
        0: "deelname_sbo",
        1: "deelname_so",
        5: "thuiszitters",
        8: "tlv_toegekend",
        12: "tlv_doorlooptijd",
    }
    kpis, streef, metingen = [], [], []
    for i, swv in enumerate(swvs):
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
    Streefwaarde.objects.bulk_create(streef, batch_size=5000)
    Meting.objects.bulk_create(metingen, batch_size=5000)
    Thuiszitter.objects.bulk_create(
        [
            Thuiszitter(
                swv_id=scholen[i % N_SCHOLEN].swv_id,
                school=scholen[i % N_SCHOLEN],
                pseudoniem=f"B{i}",
                geboortejaar=2014,
                type="relatief",
                startdatum=date(2022 + i % 4, 1 + i % 12, 1 + i % 28),
            )
            for i in range(N_SWV * 30)
        ],
        batch_size=5000,
    )
    tlv = _tlv(scholen, mw)
    return mw, landelijk, tlv


def _tlv(scholen, door) -> str:
    # Models are imported after django.setup() in main(), as in _bouw().
    from toelaatbaarheid.models import Aanvraag, Beschikking

    regulier = [s for s in scholen if s.soort == "BAO"]
    aanvragen = Aanvraag.objects.bulk_create(
        [
            Aanvraag(
                swv_id=regulier[i % len(regulier)].swv_id,
                school=regulier[i % len(regulier)],
                status=("toegekend" if i % 3 else "afgewezen") if i % 4 else "concept",
                voornaam="B",
                achternaam=f"{i}",
                leerling_sleutel=f"b{i}",
                geboortedatum=date(2014, 1, 1),
                soort="SBO" if i % 3 else "SO",
                aangemaakt_door=door,
                ontvangen_op=date(2019 + i % 7, 1 + i % 12, 1 + i % 28),
            )
            for i in range(N_TLV)
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
                besluit="toegekend" if i % 10 else "afgewezen",
                soort=a.soort,
                motivering="-",
                datum=a.ontvangen_op.replace(day=min(28, a.ontvangen_op.day + 20)),
                verzonden_op=a.ontvangen_op.replace(day=min(28, a.ontvangen_op.day + 21)),
                afgegeven_door=door,
            )
            for i, a in enumerate(aanvragen)
            if i % 4
        ],
        batch_size=5000,
    )
    return f"{len(aanvragen)} TLV-aanvragen, {Beschikking.objects.count()} beschikkingen"


def _meet(client, url, n=15):
    # No setup_test_environment(): its instrumented template rendering (context copies for
    # the test client) would add a third to the page time; this measures the server.
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


def _maak_postgres_db(url: str) -> None:
    """Create the bench's own PostgreSQL database (e.g. swv_bench_kpi) if it is missing."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg2
    from psycopg2 import sql

    basis, _, naam = url.rpartition("/")
    conn = psycopg2.connect(f"{basis}/postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
            if not cur.fetchone():
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
    finally:
        conn.close()


def main():
    import django

    # SWV_BENCH_KPI_DB=/path/file.sqlite3 keeps the built data for a second run.
    bestand = os.environ.get("SWV_BENCH_KPI_DB") or str(
        Path(tempfile.mkdtemp(prefix="swv-bench-kpi-")) / "bench.sqlite3"
    )
    # Production-like: DEBUG off (no query log, no debug templates), no HTTPS redirect.
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{bestand}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings")
    _maak_postgres_db(os.environ["DATABASE_URL"])
    django.setup()
    from django.conf import settings

    # Plain static storage: the bench has no collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.test import Client

    from tests.helpers import inloggen

    call_command("migrate", verbosity=0)
    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    start = time.perf_counter()
    from swv.models import Gebruiker

    if Gebruiker.objects.filter(username="bench-medewerker").exists():
        mw = Gebruiker.objects.get(username="bench-medewerker")
        landelijk = Gebruiker.objects.get(username="bench-landelijk")
        tlv = "bestaande benchdata hergebruikt"
    else:
        mw, landelijk, tlv = _bouw()
    print(
        f"{db}: data built in {time.perf_counter() - start:.0f} s ({N_SWV} SWVs, {N_SCHOLEN} scholen, {len(JAREN)} jaar tellingen, {tlv})"
    )
    for gebruiker, wie in [(mw, "medewerker (3 SWVs)"), (landelijk, "landelijk (150 SWVs)")]:
        client = inloggen(Client(), gebruiker)
        urls = ["/kpi/", "/kpi/deelname/", "/kpi/deelname/?format=csv", "/kpi/thuiszitters/"]
        if wie.startswith("landelijk"):
            # All 150 plans (paged) and one SWV picked in the filter.
            eerste = gebruiker.samenwerkingsverbanden.order_by("id").first().id
            urls[1:1] = [f"/kpi/?swv={eerste}", "/kpi/?page=2"]
        for url in urls:
            mediaan, hoogst, queries = _meet(client, url)
            oordeel = "OK" if mediaan <= DOEL_MS else f"TE TRAAG (doel {DOEL_MS} ms)"
            print(
                f"{db}: {wie:22} {url:32} mediaan {mediaan:6.0f} ms, max {hoogst:6.0f} ms, {queries:3} queries  {oordeel}"
            )
