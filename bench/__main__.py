"""`make bench` (= `python -m bench`): the pages, a load test and the jobs, each side by
side with its floor, over real HTTP; writes bench/RESULTS.md.

    python -m bench                   # everything, national data (built once, then reused)
    python -m bench paginas last      # only some parts: paginas, last, pdf, duo
    python -m bench --snel            # tiny data, few requests (the smoke test)
    python -m bench --schaal 0.25     # a quarter of the pupil records (own database file)

The data go into bench/.data/bench[-<schaal>].sqlite3 (SWV_BENCH_DATA_DIR moves the
folder), or into the PostgreSQL database of --db / SWV_BENCH_DATABASE_URL (or of
DATABASE_URL when its name contains "bench"; never another database).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DELEN = ("paginas", "last", "pdf", "duo")
BASIS = Path(__file__).resolve().parent


def _args(argv):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("delen", nargs="*", choices=[*DELEN, []], help="parts to run (default: all)")
    p.add_argument("--snel", action="store_true", help="tiny data, few requests")
    p.add_argument("--schaal", type=float, default=1.0, help="share of the pupil records")
    p.add_argument("--rondes", type=int, help="interleaved rounds per page (default 50)")
    p.add_argument("--seconden", type=int, help="seconds per load run (default 15)")
    p.add_argument("--verbindingen", type=int, default=16)
    p.add_argument("--pdf-herhalingen", type=int)
    p.add_argument("--db", help="database URL (default: SQLite under bench/.data/)")
    p.add_argument("--uit", help="results file (default bench/RESULTS.md; --snel: bench/.data/)")
    p.add_argument("--opnieuw", action="store_true", help="rebuild the data")
    return p.parse_args(argv)


def _database_url(a, map_: Path) -> str:
    url = a.db or os.environ.get("SWV_BENCH_DATABASE_URL")
    if not url:
        eigen = os.environ.get("DATABASE_URL", "")
        if (
            eigen.startswith(("postgres://", "postgresql://"))
            and "bench" in eigen.rsplit("/", 1)[-1]
        ):
            url = eigen
    if not url:
        naam = "snel" if a.snel else ("bench" if a.schaal >= 1 else f"bench-{a.schaal:g}")
        url = f"sqlite:///{map_ / f'{naam}.sqlite3'}"
    return url


def _postgres(url: str, *, opnieuw: bool) -> None:
    """Create (or drop and create) the bench's own PostgreSQL database."""
    import psycopg2
    from psycopg2 import sql

    basis, _, naam = url.rpartition("/")
    if "bench" not in naam:
        raise SystemExit(
            f"De bench gebruikt alleen een eigen database (met 'bench' in de naam), niet {naam}."
        )
    conn = psycopg2.connect(f"{basis}/postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            if opnieuw:
                cur.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
                )
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
            if not cur.fetchone():
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
    finally:
        conn.close()


def main(argv=None):
    a = _args(sys.argv[1:] if argv is None else argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows in a log file too
    delen = set(a.delen) or set(DELEN)
    begin = time.perf_counter()
    load_voor = os.getloadavg()
    map_ = Path(os.environ.get("SWV_BENCH_DATA_DIR") or BASIS / ".data")
    map_.mkdir(parents=True, exist_ok=True)
    rondes = a.rondes or (5 if a.snel else 50)
    seconden = a.seconden or (3 if a.snel else 15)
    pdf_herhalingen = a.pdf_herhalingen or (1 if a.snel else 3)
    uit = Path(a.uit) if a.uit else (map_ / "RESULTS-snel.md" if a.snel else BASIS / "RESULTS.md")
    url = _database_url(a, map_)
    postgres = url.startswith(("postgres://", "postgresql://"))
    if postgres:
        _postgres(url, opnieuw=a.opnieuw)
    elif a.opnieuw:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import data, last, paginas, rapport, server
    from bench import plan as plan_bench

    maten = data.Maten.geschaald(0.002 if a.snel else a.schaal)
    if not data.aanwezig(maten):
        if connection.vendor == "sqlite" and connection.introspection.table_names():
            connection.close()
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        elif postgres and connection.introspection.table_names():
            connection.close()
            _postgres(url, opnieuw=True)
    print(f"bench: database {url}")
    call_command("migrate", verbosity=0)
    if data.aanwezig(maten):
        beschrijving = f"reused (built earlier in {data.bouwduur() / 60:.1f} min)"
    else:
        print("bench: data bouwen ...")
        duur = data.bouwen(maten)
        beschrijving = f"built in this run in {duur / 60:.1f} min"
    from django.db.models import Count  # noqa: F401

    from leerlingen.models import Leerling
    from ondersteuning.models import Arrangement, Ondersteuningsvraag
    from swv.models import Leerlingtelling, Samenwerkingsverband, School
    from toelaatbaarheid.models import Aanvraag
    from voorzieningen.models import Plaatsing

    tellingen = (
        f"{Samenwerkingsverband.objects.count()} SWVs, {School.objects.count()} schools, "
        f"{Leerlingtelling.objects.count()} leerlingtellingen, {Aanvraag.objects.count()} TLV cases "
        f"(in the medewerker's 3 SWVs), {Leerling.objects.count()} dossiers, "
        f"{Ondersteuningsvraag.objects.count()} vragen, {Arrangement.objects.count()} "
        f"arrangementen, {Plaatsing.objects.count()} plaatsingen, verantwoording for "
        f"{maten.n_besturen_verantwoording} besturen; {beschrijving}"
    )
    print(f"bench: {tellingen}")
    if connection.vendor == "postgresql":
        versie = connection.cursor().connection.server_version
        db_tekst = f"PostgreSQL {versie // 10000}.{versie % 10000}, `{url.rsplit('/', 1)[-1]}`"
    else:
        import sqlite3

        db_tekst = f"SQLite {sqlite3.sqlite_version}, `{Path(url.removeprefix('sqlite:///')).relative_to(BASIS.parent) if url.startswith(f'sqlite:///{BASIS.parent}') else url}`"
    r = {
        "commando": " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)]),
        "machine": rapport.machine(),
        "load_voor": load_voor,
        "database": db_tekst,
        "data": tellingen,
        "workers": server.WORKERS,
        "verbindingen": a.verbindingen,
        "notities": [],
    }
    if a.snel or a.schaal < 1:
        r["opmerking"] = (
            f"**Reduced size** (scale {0.002 if a.snel else a.schaal:g} of the pupil records): "
            "figures are not the national-scale ones."
        )
    sleutels = {
        "medewerker": server.sessie("bench-medewerker"),
        "beheer": server.sessie("bench-beheer"),
    }
    if delen & {"paginas", "last", "pdf"}:
        lijst = paginas.paginas()
        if "paginas" in delen:
            print("bench: queries tellen (in-process)")
            paginas.queries_tellen(lijst, sleutels)
            sleutels = {
                "medewerker": server.sessie("bench-medewerker"),
                "beheer": server.sessie("bench-beheer"),
            }
        connection.close()  # the servers get the database to themselves
        with server.Gunicorn({"DATABASE_URL": url}, map_ / "gunicorn.log") as g:
            klanten = {w: server.Klant(g.poort, s) for w, s in sleutels.items()}
            if "paginas" in delen:
                print(f"bench: {len(lijst)} pagina's, {rondes} rondes door elkaar")
                paginas.meten(lijst, klanten, rondes)
                r["paginas"] = lijst
                for p in lijst:
                    print(f"  {p.naam:32} p50 {p.p50:7.1f} ms  p95 {p.p95:7.1f} ms  {p.queries} q")
            if "last" in delen:
                paden = [p.pad for p in lijst if not p.beheer and p.naam != "vloer"]
                kw = {"verbindingen": a.verbindingen, "seconden": seconden}
                rss = [
                    (
                        "start (after the page rounds)" if "paginas" in delen else "start",
                        g.rss_kib(),
                    )
                ]
                print(
                    f"bench: belasting ({'wrk' if last.wrk_beschikbaar() else 'threads'}), {seconden} s per run"
                )
                mix = last.belasten(g.poort, paden, sleutels["medewerker"], **kw)
                rss.append(("after page mix", g.rss_kib()))
                vloer = last.belasten(g.poort, [paginas.VLOER], sleutels["medewerker"], **kw)
                rss.append(("after floor", g.rss_kib()))
                mix2 = last.belasten(g.poort, paden, sleutels["medewerker"], **kw)
                rss.append(("after page mix again", g.rss_kib()))
                groei = [rss[3][1].get(pid, 0) - v for pid, v in rss[1][1].items()]
                r["last"] = {
                    "mix": mix,
                    "vloer": vloer,
                    "mix2": mix2,
                    "rss": rss,
                    "groei_kib": groei,
                    "paden": paden,
                }
                for naam, x in [("mix", mix), ("vloer", vloer), ("mix2", mix2)]:
                    print(
                        f"  {naam:6} {x['rps']:7.1f} req/s  p95 {x['p95_ms']:7.1f} ms  fouten {x['niet_200'] + x['socketfouten']}"
                    )
            if "pdf" in delen:
                from ondersteuningsplan.models import Ondersteuningsplan

                pk = Ondersteuningsplan.objects.get(titel="Benchplan").pk
                connection.close()
                pad = f"/plannen/{pk}/pdf/"
                status, n, eerste = klanten["medewerker"].get(pad)
                soort = klanten["medewerker"].laatste_type
                herhaald = [
                    klanten["medewerker"].get(pad)[2] for _ in range(max(2, pdf_herhalingen + 1))
                ]
                pdf_http = {
                    "pad": pad,
                    "status": status,
                    "type": soort,
                    "kb": n / 1024,
                    "eerste_ms": eerste,
                    "herhaald_ms": herhaald,
                    "herhaald_p50_ms": sorted(herhaald)[len(herhaald) // 2],
                }
                print(f"  plan-PDF over HTTP: eerste {eerste:.0f} ms, daarna {herhaald}")
    if "pdf" in delen:
        print("bench: plan-PDF tegen platte WeasyPrint")
        r["pdf"] = plan_bench.meten(pdf_herhalingen)
        r["pdf"]["http"] = pdf_http
    if "duo" in delen:
        print("bench: DUO-import tegen batched INSERT")
        r["duo"] = _duo(url, map_, klein=a.snel)
        print(f"  import {r['duo']['import_s']:.1f} s, INSERT {r['duo']['insert_s']:.1f} s")
    r["load_na"] = os.getloadavg()
    r["duur_s"] = time.perf_counter() - begin
    r["notities"] = _notities(r)
    rapport.schrijven(uit, r)
    print(f"bench: {uit} geschreven ({r['duur_s'] / 60:.1f} min)")


def _duo(url: str, map_: Path, *, klein: bool) -> dict:
    """The import in a subprocess with a fresh database of its own."""
    if url.startswith(("postgres://", "postgresql://")):
        duo_url = url.rsplit("/", 1)[0] + "/swv_bench_duo"
        _postgres(duo_url, opnieuw=True)
    else:
        bestand = map_ / "duo.sqlite3"
        bestand.unlink(missing_ok=True)
        duo_url = f"sqlite:///{bestand}"
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        json_pad = f.name
    try:
        args = [sys.executable, "-m", "bench.duo_import", "--db", duo_url, "--json", json_pad]
        if klein:
            args += ["--klein", "--zonder-herimport"]
        subprocess.run(args, check=True, cwd=BASIS.parent, timeout=1800)  # noqa: S603
        return json.loads(Path(json_pad).read_text())
    finally:
        Path(json_pad).unlink(missing_ok=True)


def _notities(r: dict) -> list[str]:
    uit = []
    lijst = r.get("paginas")
    if lijst:
        per_naam = {p.naam: p for p in lijst}
        vloer = per_naam["vloer"]
        uit.append(
            f"The floor view runs {vloer.queries} queries for its one own query: the session "
            "read, the user, the OTP device and the session write on every request "
            "(`SESSION_SAVE_EVERY_REQUEST`)."
        )
        zwaar = sorted((p for p in lijst if p.queries), key=lambda p: -p.queries)[:3]
        uit.append("Most queries: " + ", ".join(f"{p.naam} {p.queries}" for p in zwaar) + ".")
        groot = sorted(lijst, key=lambda p: -p.bytes)[:3]
        uit.append(
            "Largest pages: " + ", ".join(f"{p.naam} {p.bytes / 1024:.0f} KB" for p in groot) + "."
        )
    if r.get("last", {}).get("mix", {}).get("middel", "wrk") != "wrk":
        uit.append("wrk was not installed: the load test used the Python thread-pool fallback.")
    la = r["load_voor"][0]
    if la > (r["machine"]["cores"] or 1):
        uit.append(
            f"The machine was busy (load average {la:.1f} on {r['machine']['cores']} cores at the "
            "start): absolute times are inflated; the ratios are the figures to compare."
        )
    return uit


if __name__ == "__main__":
    main()
