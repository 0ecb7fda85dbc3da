"""Creating plans, OOGO input, vademecum files, and the home page's attention points."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ondersteuningsplan import services
from ondersteuningsplan.models import Ondersteuningsplan, PlanStatus, VademecumDocument
from ondersteuningsplan.selectors import gemeenten_van
from swv.aandacht import punten_voor
from swv.models import Gemeente, Samenwerkingsverband
from tests.factories import GemeenteFactory, SamenwerkingsverbandFactory
from tests.factories.ondersteuningsplan import volledig_plan


def test_plan_aanmaken_alleen_eigen_swv(als):
    c = als("medewerker")
    eigen = Samenwerkingsverband.objects.get(code="PO3106")
    vreemd = SamenwerkingsverbandFactory()
    r = c.post("/plannen/nieuw/", {"titel": "Plan 2027", "startjaar": 2027, "eindjaar": 2030,
                                   "samenwerkingsverbanden": [vreemd.pk]})  # fmt: skip
    assert (
        r.status_code == 200 and not Ondersteuningsplan.objects.filter(titel="Plan 2027").exists()
    )
    r = c.post("/plannen/nieuw/", {"titel": "Plan 2027", "startjaar": 2027, "eindjaar": 2026,
                                   "samenwerkingsverbanden": [eigen.pk]})  # fmt: skip
    assert r.status_code == 200 and "eindigt niet voor het begint" in r.content.decode()
    r = c.post("/plannen/nieuw/", {"titel": "Plan 2027", "startjaar": 2027, "eindjaar": 2030,
                                   "samenwerkingsverbanden": [eigen.pk]})  # fmt: skip
    plan = Ondersteuningsplan.objects.get(titel="Plan 2027")
    assert r.url == f"/plannen/{plan.pk}/" and plan.status == PlanStatus.CONCEPT
    html = c.get(r.url).content.decode()
    assert (
        "uiterlijk 30 april 2027" in html
        and "Nog nodig voordat het plan ter instemming kan" in html
    )


def test_oogo_alleen_met_gemeente_uit_de_regio(als, gebruiker):
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=gebruiker("medewerker"))
    vreemd = GemeenteFactory(samenwerkingsverbanden=[SamenwerkingsverbandFactory()])
    c = als("medewerker")
    url = f"/plannen/{plan.pk}/oogo/nieuw/"
    vandaag = timezone.localdate()
    r = c.post(
        url, {"gemeenten": [vreemd.pk], "datum": vandaag.isoformat(), "uitkomst": "overeenstemming"}
    )
    assert r.status_code == 200 and not plan.oogo.exists()
    g = gemeenten_van(plan).first()
    morgen = vandaag + datetime.timedelta(days=1)
    r = c.post(
        url, {"gemeenten": [g.pk], "datum": morgen.isoformat(), "uitkomst": "overeenstemming"}
    )
    assert "Deze datum ligt in de toekomst." in r.content.decode()
    r = c.post(
        url, {"gemeenten": [g.pk], "datum": vandaag.isoformat(), "uitkomst": "overeenstemming"}
    )
    assert r.status_code == 302
    assert plan.oogo.get().gemeente == g
    assert isinstance(g, Gemeente)


def test_vademecumdocument_met_bestand(als):
    plan = volledig_plan()
    c = als("medewerker")
    url = f"/plannen/{plan.pk}/documenten/nieuw/"
    r = c.post(url, {"soort": "vademecum", "titel": "Klachtenregeling", "status": "vastgesteld in schooljaar 2018-2019",
                     "volgorde": 2, "bestand": SimpleUploadedFile("k.exe", b"MZ")})  # fmt: skip
    assert "Alleen PDF" in r.content.decode()
    r = c.post(url, {"soort": "vademecum", "titel": "Klachtenregeling", "status": "vastgesteld in schooljaar 2018-2019",
                     "volgorde": 2, "bestand": SimpleUploadedFile("k.pdf", b"%PDF-1.4 test")})  # fmt: skip
    assert r.status_code == 302
    doc = VademecumDocument.objects.get(plan=plan, titel="Klachtenregeling")
    r = als("medewerker").get(f"/plannen/{plan.pk}/documenten/{doc.pk}/bestand/")
    assert b"".join(r.streaming_content) == b"%PDF-1.4 test"


def test_aandachtspunten(gebruiker):
    medewerker = [p.titel for p in punten_voor(gebruiker("medewerker"))]
    opr = [p.titel for p in punten_voor(gebruiker("opr"))]
    bestuur = [p.titel for p in punten_voor(gebruiker("bestuur-innovo"))]
    # Demo concept: two OPR comments of version 2 are unanswered.
    assert "2 OPR-opmerking(en) zonder reactie" in medewerker
    assert "Plan ligt ter instemming bij de OPR" in opr
    assert not any("OPR" in t or "inspectie" in t for t in bestuur)
