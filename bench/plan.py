"""Benchmark: the PDF of a ~60-page ondersteuningsplan.

Target (issue 4): rendering the plan PDF takes at most 1.3x what WeasyPrint alone needs
for the same final HTML (so the view-model and template add little), and building the
view-model runs a fixed number of queries whatever the plan's size.

Run: `DJANGO_DEBUG=true .venv/bin/python -m bench plan`. Uses its own temporary SQLite
database (never the dev database).
"""

import os
import statistics
import tempfile
import time
from pathlib import Path

HERHALINGEN = 5


def _django():
    import django
    from django.apps import apps

    if not apps.ready:
        map_ = tempfile.mkdtemp(prefix="swv-bench-plan-")
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(map_) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_DEBUG", "true")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings")
        django.setup()
    from django.conf import settings

    naam = str(settings.DATABASES["default"]["NAME"])
    if naam.endswith("db.sqlite3") and "bench" not in naam:
        raise SystemExit("bench.plan weigert de ontwikkeldatabase te gebruiken")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


ALINEA = (
    "Het samenwerkingsverband zorgt samen met de schoolbesturen voor een dekkend netwerk van "
    "ondersteuningsvoorzieningen. Elke school biedt basisondersteuning volgens de afgesproken "
    "ankerpunten; waar meer nodig is, organiseert het knooppunt met ouders, school, jeugdhulp en "
    "leerplicht een passend arrangement, zo thuisnabij mogelijk. De resultaten worden jaarlijks "
    "gemeten en besproken met de besturen, de ondersteuningsplanraad en de gemeenten. "
)


def _plan():
    from decimal import Decimal

    from ondersteuningsplan.models import (
        Hoofdstuk,
        Kpi,
        KpiType,
        Ondersteuningsplan,
        Ontwikkelactie,
        Speerpunt,
        Streefwaarde,
        VademecumDocument,
    )
    from swv.models import Samenwerkingsverband

    swv, _ = Samenwerkingsverband.objects.get_or_create(code="PO9999", defaults={"naam": "Bench"})
    Ondersteuningsplan.objects.filter(titel="Benchplan").delete()
    plan = Ondersteuningsplan.objects.create(
        titel="Benchplan", startjaar=2027, eindjaar=2030, motto="Zo inclusief mogelijk",
        missie=ALINEA, visie="Punt een\nPunt twee\nPunt drie", strategie=ALINEA,
    )  # fmt: skip
    plan.samenwerkingsverbanden.set([swv])
    for s in range(8):
        sp = Speerpunt.objects.create(
            plan=plan, code=chr(65 + s), titel=f"Speerpunt {s}", volgorde=s,
            resultaatgebied="Leerlingen, ouders en netwerkpartners", legitimatie=ALINEA,
            beoogde_resultaten=ALINEA,
        )  # fmt: skip
        for k in range(4):
            kpi = Kpi.objects.create(
                speerpunt=sp, naam=f"Aantal leerlingen in meetreeks {s}.{k}", type=KpiType.AANTAL,
                meetmethode="Registratie", frequentie="1 x per kwartaal", bron="Leerplicht",
            )  # fmt: skip
            for i, j in enumerate(plan.schooljaren):
                Streefwaarde.objects.create(
                    kpi=kpi, schooljaar=j, comparator="<", waarde=Decimal(20 - i)
                )
        for a in range(3):
            Ontwikkelactie.objects.create(
                speerpunt=sp, omschrijving=f"Actie {s}.{a}", van_schooljaar=2027 + a % 4,
                tot_schooljaar=2030, proceseigenaar="Directeur",
            )  # fmt: skip
    tekst = "\n\n".join(
        f"### Paragraaf {p}\n\n{ALINEA * 3}\n\n- punt een\n- punt twee" for p in range(7)
    )
    for h in range(15):
        Hoofdstuk.objects.create(
            plan=plan, volgorde=h + 1, titel=f"Hoofdstuk {h + 1}", tekst=tekst, eisen=["b"]
        )
    for d in range(12):
        VademecumDocument.objects.create(
            plan=plan, titel=f"Beleidsnotitie {d}", status="vastgesteld"
        )
    return plan


def _duur(functie) -> tuple[float, object]:
    begin = time.perf_counter()
    uitkomst = functie()
    return time.perf_counter() - begin, uitkomst


def main():
    _django()
    import io

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader

    from ondersteuningsplan.models import Ondersteuningsplan
    from ondersteuningsplan.reports import plan_html, plan_inhoud, plan_pdf
    from swv.pdf import html_naar_pdf

    plan = _plan()
    plan = Ondersteuningsplan.objects.get(pk=plan.pk)
    html = plan_html(plan)
    html_naar_pdf(html)  # warm-up (fonts, CSS parsing caches)
    # Interleaved, so load on a shared machine hits both measurements alike.
    los, vol = [], []
    for _ in range(HERHALINGEN):
        los.append(_duur(lambda: html_naar_pdf(html))[0])
        duur, pdf = _duur(lambda: plan_pdf(Ondersteuningsplan.objects.get(pk=plan.pk)))
        vol.append(duur)
    alleen, volledig = statistics.median(los), statistics.median(vol)
    paginas = len(PdfReader(io.BytesIO(pdf)).pages)
    with CaptureQueriesContext(connection) as q:
        plan_inhoud(Ondersteuningsplan.objects.get(pk=plan.pk))
    verhouding = volledig / alleen
    print(f"plan-PDF: {paginas} pagina's")
    print(f"  WeasyPrint alleen (zelfde HTML): {alleen:.2f} s (mediaan van {HERHALINGEN})")
    print(f"  view-model + template + PDF:     {volledig:.2f} s (mediaan van {HERHALINGEN})")
    print(
        f"  verhouding: {verhouding:.3f} (doel <= 1,3) {'OK' if verhouding <= 1.3 else 'TE TRAAG'}"
    )
    print(f"  queries voor het view-model: {len(q)}")
    rondes = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(los, vol, strict=True))
    print(f"  per ronde (los/volledig): {rondes}")
    assert paginas >= 55, paginas
