"""The PDF: cover, TOC with page numbers, running header/footer, required parts, landscape
overview; the adopted PDF is kept once and served on the public page."""

import datetime
import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from ondersteuningsplan import services
from ondersteuningsplan.demo import TITEL_CONCEPT, TITEL_ZL
from ondersteuningsplan.models import Ondersteuningsplan, OogoUitkomst, OprUitkomst
from ondersteuningsplan.selectors import gemeenten_van
from swv.schooljaar import schooljaar_label


def _lees(inhoud: bytes):
    reader = PdfReader(io.BytesIO(inhoud))
    return reader, [p.extract_text() for p in reader.pages]


@pytest.fixture(scope="module")
def concept_pdf(django_db_blocker):
    from django.test import Client

    from swv.models import Gebruiker
    from tests.helpers import inloggen

    with django_db_blocker.unblock():
        plan = Ondersteuningsplan.objects.get(titel=TITEL_CONCEPT)
        c = inloggen(Client(), Gebruiker.objects.get(username="medewerker"))
        r = c.get(f"/plannen/{plan.pk}/pdf/?toets=1")
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
        return plan.pk, r.content


def test_pdf_inhoud_en_paginering(concept_pdf):
    pk, inhoud = concept_pdf
    plan = Ondersteuningsplan.objects.get(pk=pk)
    reader, paginas = _lees(inhoud)
    n = len(reader.pages)
    assert n > 12
    alles = "\n".join(paginas)
    # Cover and running header/footer.
    assert TITEL_CONCEPT in " ".join(paginas[0].split())
    assert len(plan.schooljaren) == 4
    assert (
        f"Schooljaren {plan.eerste_schooljaar} tot en met {plan.laatste_schooljaar}" in paginas[0]
    )
    for i, tekst in enumerate(paginas[1:], 2):
        assert f"pagina {i} van {n}" in tekst
        assert TITEL_CONCEPT in tekst  # running header (not on the cover)
    # Required parts.
    for deel in ("Missie, visie en strategie", "Speerpunten, KPI's en streefwaarden", "Ontwikkelagenda",
                 "Overzicht doelstellingen en resultaten", "Vademecum en bijlagen",
                 "Bijlage: toets op volledigheid", "Aantal thuiszittende leerlingen",
                 "Inrichten ouder- en jeugdinformatiepunt",
                 "Notitie toeleiding en toelaatbaarheid", "Bureau Leerplicht"):  # fmt: skip
        assert deel in alles, deel
    # The ontwikkelagenda has a part per school year of the plan.
    for _jaar, label in plan.schooljaar_labels:
        assert f"Schooljaar {label}" in alles, label
    # Streefwaarden per year as the seed writes them (< 20, < 10, < 5, 0).
    assert re.search(r"< 20\s*< 10\s*< 5\s*0", alles)


def test_inhoudsopgave_met_paginanummers(concept_pdf):
    _, inhoud = concept_pdf
    reader, paginas = _lees(inhoud)
    toc = paginas[1]
    assert "Inhoud" in toc
    regels = {}
    for titel in ("Missie, visie en strategie", "Ontwikkelagenda", "Overzicht doelstellingen en resultaten",
                  "Hoofdstuk 7. Kwaliteitszorg"):  # fmt: skip
        m = re.search(re.escape(titel) + r"[ .]*?(\d+)\s*$", toc, re.M)
        assert m, titel
        regels[titel] = int(m.group(1))
    # The page number in the TOC is the page where that part starts.
    for titel, pagina in regels.items():
        kop = titel.replace("Hoofdstuk ", "")
        assert kop in paginas[pagina - 1], (titel, pagina)
    assert regels["Missie, visie en strategie"] == 3


def test_overzicht_staat_op_een_liggende_pagina(concept_pdf):
    _, inhoud = concept_pdf
    reader, paginas = _lees(inhoud)
    liggend = [i for i, p in enumerate(reader.pages) if p.mediabox.width > p.mediabox.height]
    assert len(liggend) == 1
    assert "Overzicht doelstellingen en resultaten" in paginas[liggend[0]]


def test_pdf_zonder_toets_voor_bestuur(als):
    zl = Ondersteuningsplan.objects.get(titel=TITEL_ZL)
    r = als("bestuur-innovo").get(f"/plannen/{zl.pk}/pdf/?toets=1")
    _, paginas = _lees(r.content)
    alles = "\n".join(paginas)
    assert "toets op volledigheid" not in alles.lower()
    assert "Een dekkend aanbod" in alles
    # Adopted in the school year before the plan began (the demo counts from its start).
    vastgesteld = f"vastgesteld in schooljaar {schooljaar_label(zl.startjaar - 1)}"
    assert "Beleidsplan IBP" in alles and vastgesteld in alles


def test_vastgestelde_pdf_wordt_eenmaal_bewaard_en_publiek_geserveerd(client, gebruiker):
    from tests.factories.ondersteuningsplan import volledig_plan

    plan = volledig_plan(titel="Bewaarplan")
    m, d = gebruiker("medewerker"), gebruiker("directeur")
    plan = services.plan_voorleggen(plan=plan, gebruiker=m)
    for g in gemeenten_van(plan):
        services.oogo_vastleggen(plan=plan, gebruiker=m, gemeenten=[g], datum=datetime.date(2026, 1, 1),
                                 uitkomst=OogoUitkomst.OVEREENSTEMMING)  # fmt: skip
    services.opr_besluit_vastleggen(plan=plan, gebruiker=gebruiker("opr"), datum=datetime.date(2026, 1, 2),
                                    stemmen_voor=5, stemmen_tegen=0, uitkomst=OprUitkomst.INSTEMMING)  # fmt: skip
    plan = services.plan_vaststellen(plan=plan, gebruiker=d)
    plan = Ondersteuningsplan.objects.get(pk=plan.pk)
    assert plan.vastgestelde_pdf.sha256 == hashlib.sha256(plan.vastgestelde_pdf.inhoud).hexdigest()
    bewaard = bytes(plan.vastgestelde_pdf.inhoud)
    assert "Bewaarplan" in _lees(bewaard)[1][0]
    plan = services.plan_naar_inspectie(plan=plan, gebruiker=d)
    plan = services.plan_publiceren(plan=plan, gebruiker=d)
    r = client.get(f"/publiek/plannen/{plan.pk}/pdf/")
    assert r.status_code == 200 and r.content == bewaard  # what was adopted is what is served
