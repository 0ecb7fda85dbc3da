"""Benchmark: the DUO import at national scale.

Builds national-size files from the real Zuid-Limburg ones (same layout: 6,122 register
rows, 9,737 count rows with 30 years each, plus the full region tables), in a fresh
database, and times `import_duo` on them twice (first import, then re-import).

    make bench                      # all benchmarks
    .venv/bin/python -m bench duo_import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/swv_bench_duo .venv/bin/python -m bench duo_import
"""

import os
import tempfile
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


def main():
    import django

    tmp = Path(tempfile.mkdtemp(prefix="swv-bench-duo-"))
    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from swv.models import Leerlingtelling, School

    call_command("migrate", verbosity=0)
    duo = Path(settings.DUO_DATA_DIR)
    register = _vergroot(duo / REGISTER, 6122, "cp1252", {"instelling": 2, "vestiging": 3})
    tellingen = _vergroot(
        duo / TELLINGEN, 9737, "utf-8-sig", {"instelling": 0, "vestiging": 1}, start=20000
    )
    bestanden = [duo / n for n in REGIO]
    for naam, inhoud in [("register.csv", register), ("tellingen.csv", tellingen)]:
        (tmp / naam).write_bytes(inhoud)
        bestanden.append(tmp / naam)
    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    for ronde in ("eerste import", "herimport"):
        start = time.perf_counter()
        call_command("import_duo", *map(str, bestanden), stdout=open(os.devnull, "w"))  # noqa: SIM115
        duur = time.perf_counter() - start
        print(
            f"{db}: {ronde}: {duur:.1f} s for {School.objects.count()} vestigingen, "
            f"{Leerlingtelling.objects.count()} tellingen"
        )
