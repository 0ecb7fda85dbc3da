"""The national DUO import against its floor: the same rows written as plainly as the
database allows.

Builds national-size files from the real Zuid-Limburg ones (same layout: 6,122 register
rows, 9,737 count rows with 30 years each, plus the full region tables) in a fresh
database of its own (never the bench's page data), times `import_duo` (first import,
then a re-import), and then writes exactly the rows the first import added (read back
from every table that grew) with batched INSERTs (`executemany`, 5,000 rows a batch, one
transaction) and, on PostgreSQL, with COPY. Run by `python -m bench` in a subprocess:

    .venv/bin/python -m bench.duo_import --db sqlite:////tmp/duo.sqlite3 --json uit.json
"""

import argparse
import io
import json
import os
import time
from pathlib import Path

REGISTER = "02.-alle-schoolvestigingen-basisonderwijs-zuid-limburg.csv"
TELLINGEN = "06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging-zuid-limburg.csv"
REGIO = [
    "regio-indeling-swv-passend-onderwijs-pc4-2015.csv",
    "regio-indeling-swv-passend-onderwijs-gemeenten-2013-PO.csv",
    "regio-indeling-swv-passend-onderwijs-gemeenten-2013-VO.csv",
]


def _vergroot(pad: Path, doel: int, encoding: str, kolommen, start: int = 0) -> bytes:
    """Repeat the data rows with fresh BRIN codes up to `doel` rows (codes from `start`, so
    the two files do not give one code two different schools)."""
    tekst = pad.read_bytes().decode(encoding)
    regels = tekst.splitlines()
    kop, data = regels[0], regels[1:]
    uit = [kop]
    i = start
    while len(uit) - 1 < doel:
        for regel in data:
            if len(uit) - 1 >= doel:
                break
            velden = regel.split(";")
            brin = f"{i:04X}"[-4:].replace("0", "Q")
            velden[kolommen["instelling"]] = brin
            velden[kolommen["vestiging"]] = brin + velden[kolommen["vestiging"]][4:]
            uit.append(";".join(velden))
            i += 1
    return ("\r\n".join(uit) + "\r\n").encode(encoding)


def _tellen(connection) -> dict[str, int]:
    with connection.cursor() as c:
        uit = {}
        for t in connection.introspection.table_names():
            c.execute(f'SELECT COUNT(*) FROM "{t}"')  # noqa: S608 (names from introspection)
            uit[t] = c.fetchone()[0]
    return uit


def _leegmaken(connection, tabellen) -> None:
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tabellen) + " CASCADE")
        else:
            for t in tabellen:
                c.execute(f'DELETE FROM "{t}"')  # noqa: S608


def _copy_waarde(v) -> str:
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, (dict, list)):
        v = json.dumps(v)
    return (
        str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def meten(db_url: str, *, klein: bool = False, herimport: bool = True) -> dict:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from swv.models import Leerlingtelling, School

    call_command("migrate", verbosity=0)
    tmp = Path(settings.BASE_DIR) / "bench" / ".data" / "duo-bestanden"
    tmp.mkdir(parents=True, exist_ok=True)
    duo = Path(settings.DUO_DATA_DIR)
    n_reg, n_tel = (300, 400) if klein else (6122, 9737)
    register = _vergroot(duo / REGISTER, n_reg, "cp1252", {"instelling": 2, "vestiging": 3})
    tellingen = _vergroot(
        duo / TELLINGEN, n_tel, "utf-8-sig", {"instelling": 0, "vestiging": 1}, start=20000
    )
    bestanden = [duo / n for n in REGIO]
    for naam, inhoud in [("register.csv", register), ("tellingen.csv", tellingen)]:
        (tmp / naam).write_bytes(inhoud)
        bestanden.append(tmp / naam)
    uit = {"database": connection.vendor}
    voor = _tellen(connection)
    start = time.perf_counter()
    call_command("import_duo", *map(str, bestanden), stdout=open(os.devnull, "w"))  # noqa: SIM115
    uit["import_s"] = time.perf_counter() - start
    na = _tellen(connection)
    gegroeid = {t: na[t] - voor.get(t, 0) for t in na if na[t] > voor.get(t, 0)}
    uit["vestigingen"] = School.objects.count()
    uit["tellingen"] = Leerlingtelling.objects.count()
    uit["rijen"] = sum(gegroeid.values())
    uit["tabellen"] = gegroeid
    if herimport:
        start = time.perf_counter()
        call_command("import_duo", *map(str, bestanden), stdout=open(os.devnull, "w"))  # noqa: SIM115
        uit["herimport_s"] = time.perf_counter() - start
    # The rows the import wrote, read back; then the floor writes them again.
    rijen, kolommen = {}, {}
    with connection.cursor() as c:
        for t in gegroeid:
            c.execute(f'SELECT * FROM "{t}"')  # noqa: S608
            kolommen[t] = [d[0] for d in c.description]
            rijen[t] = c.fetchall()
    _leegmaken(connection, gegroeid)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        for t, regels in rijen.items():
            namen = ", ".join(f'"{k}"' for k in kolommen[t])
            plekken = ", ".join(["%s"] * len(kolommen[t]))
            sql = f'INSERT INTO "{t}" ({namen}) VALUES ({plekken})'  # noqa: S608
            for i in range(0, len(regels), 5000):
                c.executemany(sql, regels[i : i + 5000])
    uit["insert_s"] = time.perf_counter() - start
    if connection.vendor == "postgresql":
        _leegmaken(connection, gegroeid)
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as c:
            for t, regels in rijen.items():
                buf = io.StringIO()
                for r in regels:
                    buf.write("\t".join(_copy_waarde(v) for v in r) + "\n")
                buf.seek(0)
                namen = ", ".join(f'"{k}"' for k in kolommen[t])
                c.cursor.copy_expert(f'COPY "{t}" ({namen}) FROM STDIN', buf)
        uit["copy_s"] = time.perf_counter() - start
    uit["ratio_insert"] = uit["import_s"] / uit["insert_s"]
    if "copy_s" in uit:
        uit["ratio_copy"] = uit["import_s"] / uit["copy_s"]
    return uit


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--klein", action="store_true")
    parser.add_argument("--zonder-herimport", action="store_true")
    a = parser.parse_args()
    uit = meten(a.db, klein=a.klein, herimport=not a.zonder_herimport)
    Path(a.json).write_text(json.dumps(uit, indent=2))


if __name__ == "__main__":
    main()
