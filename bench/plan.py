"""The plan PDF against its floor, and the plan the bench builds for it.

Floor: WeasyPrint on plain HTML with the same text on the same number of pages (the text
of each page of the plan's PDF, one page each, no styling): what rendering that much text
costs at least. The plan's PDF is timed in-process (view-model, template, WeasyPrint,
PDF/UA) interleaved with the floor, and over HTTP as a user downloads it: first and
repeated downloads of the same version (which should come from storage).
"""

import html
import io
import statistics
import time

ALINEA = (
    "Het samenwerkingsverband zorgt samen met de schoolbesturen voor een dekkend netwerk van "
    "ondersteuningsvoorzieningen. Elke school biedt basisondersteuning volgens de afgesproken "
    "ankerpunten; waar meer nodig is, organiseert het knooppunt met ouders, school, jeugdhulp en "
    "leerplicht een passend arrangement, zo thuisnabij mogelijk. De resultaten worden jaarlijks "
    "gemeten en besproken met de besturen, de ondersteuningsplanraad en de gemeenten. "
)


def bouw_plan(swv, *, hoofdstukken: int = 15):
    """A concept plan of ~60 pages (15 chapters) for `swv`, titled Benchplan."""
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
    for h in range(hoofdstukken):
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


def platte_html(pdf: bytes) -> tuple[str, int]:
    """The text of every page of `pdf`, one plain HTML page each."""
    from pypdf import PdfReader

    paginas = PdfReader(io.BytesIO(pdf)).pages
    delen = [
        f'<section style="page-break-after: always">{html.escape(p.extract_text() or "")}</section>'
        for p in paginas
    ]
    kop = "<style>@page { size: A4; margin: 2cm } body { font: 8pt sans-serif; white-space: pre-wrap }</style>"
    return (
        f"<!doctype html><html lang=nl><head><meta charset=utf-8>{kop}</head><body>{''.join(delen)}</body></html>",
        len(paginas),
    )


def meten(herhalingen: int, log=print) -> dict:
    """In-process: the plan PDF (plan_pdf on a fresh instance each time) against
    WeasyPrint on the plain HTML of the same text, interleaved."""
    import weasyprint
    from pypdf import PdfReader

    from ondersteuningsplan.models import Ondersteuningsplan
    from ondersteuningsplan.reports import plan_pdf

    plan = Ondersteuningsplan.objects.get(titel="Benchplan")
    pdf = plan_pdf(plan)  # warm-up (fonts, CSS caches)
    plat, n_paginas = platte_html(pdf)
    vloer_pdf = weasyprint.HTML(string=plat).write_pdf()
    los, vol = [], []
    for _ in range(herhalingen):
        los.append(_duur(lambda: weasyprint.HTML(string=plat).write_pdf())[0])
        vol.append(_duur(lambda: plan_pdf(Ondersteuningsplan.objects.get(pk=plan.pk)))[0])
    uit = {
        "plan_pk": plan.pk,
        "paginas": n_paginas,
        "paginas_vloer": len(PdfReader(io.BytesIO(vloer_pdf)).pages),
        "pdf_s": statistics.median(vol),
        "vloer_s": statistics.median(los),
        "pdf_rondes": vol,
        "vloer_rondes": los,
        "herhalingen": herhalingen,
    }
    uit["ratio"] = uit["pdf_s"] / uit["vloer_s"]
    log(
        f"  plan-PDF {n_paginas} p.: {uit['pdf_s']:.2f} s, platte WeasyPrint "
        f"{uit['paginas_vloer']} p.: {uit['vloer_s']:.2f} s, ratio {uit['ratio']:.2f}"
    )
    return uit
