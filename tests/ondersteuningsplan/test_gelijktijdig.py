"""The plan under concurrent requests (PostgreSQL; threads released by a barrier, each
with its own database connection), as tests/beveiliging/test_gelijktijdig.py does:

- chapter saves racing "voorleggen aan de OPR": every accepted save is in the frozen
  version the OPR decides on, every other one is refused with a clear message;
- two speerpunt forms opened on the same version: one save wins, the other is refused;
- many first requests for a public plan PDF: every one gets the PDF, one is stored.
"""

import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from pypdf import PdfReader

from ondersteuningsplan import services
from ondersteuningsplan.models import (
    Hoofdstuk,
    Ondersteuningsplan,
    PlanPdf,
    PlanStatus,
    Speerpunt,
)
from swv.models import Document
from swv.roles import Rol
from tests.factories import GebruikerFactory, GemeenteFactory, SamenwerkingsverbandFactory
from tests.factories.ondersteuningsplan import volledig_plan
from tests.helpers import inloggen

GELIJKTIJDIG = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="gelijktijdigheid vraagt PostgreSQL"
    ),
]


@pytest.fixture
def regio():
    """An SWV of its own with two gemeenten and a medewerker (no demo needed)."""
    swv = SamenwerkingsverbandFactory(code="PO9911", naam="SWV Gelijktijdig")
    GemeenteFactory(naam="Eerstedorp", samenwerkingsverbanden=[swv])
    GemeenteFactory(naam="Tweedestad", samenwerkingsverbanden=[swv])
    medewerker = GebruikerFactory(username="mw-gelijktijdig", rol=Rol.MEDEWERKER, swvs=[swv])
    return swv, medewerker


def _tegelijk(n, actie):
    start = threading.Barrier(n)

    def poging(i):
        try:
            start.wait()
            return actie(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(poging, range(n)))


def test_hoofdstukken_opslaan_tijdens_voorleggen_missen_niet_in_bevroren_versie(regio):
    swv, medewerker = regio
    plan = volledig_plan(samenwerkingsverbanden=[swv])
    hoofdstukken = list(plan.hoofdstukken.order_by("pk")[: GELIJKTIJDIG - 1])

    def actie(i):
        if i == 0:
            services.plan_voorleggen(plan=Ondersteuningsplan.objects.get(pk=plan.pk),
                                     gebruiker=medewerker)  # fmt: skip
            return ("voorgelegd", None)
        h = Hoofdstuk.objects.get(pk=hoofdstukken[i - 1].pk)
        tekst = f"Gelijktijdige wijziging {i}."
        try:
            services.hoofdstuk_bijwerken(
                gebruiker=medewerker, hoofdstuk=h, verwachte_versie=h.versie, titel=h.titel,
                tekst=tekst, eisen=h.eisen, volgorde=h.volgorde,
            )  # fmt: skip
        except services.NietBewerkbaar as fout:
            return ("geweigerd", (h.pk, tekst, " ".join(fout.messages)))
        return ("opgeslagen", (h.pk, tekst, ""))

    uitkomsten = _tegelijk(GELIJKTIJDIG, actie)
    assert ("voorgelegd", None) in uitkomsten
    plan.refresh_from_db()
    assert plan.status == PlanStatus.TER_INSTEMMING
    bevroren = {s["sleutel"]: s["tekst"] for s in plan.versies.get().secties}
    for soort, gegevens in uitkomsten:
        if soort == "voorgelegd":
            continue
        pk, tekst, melding = gegevens
        opgeslagen = Hoofdstuk.objects.get(pk=pk).tekst
        if soort == "opgeslagen":
            # Accepted before the freeze: in the version the OPR consents to.
            assert tekst in bevroren[f"h{pk}"], (pk, bevroren[f"h{pk}"])
            assert opgeslagen == tekst
        else:
            # Refused after the freeze: not saved at all, and the user is told why.
            assert opgeslagen != tekst and tekst not in bevroren[f"h{pk}"]
            assert "voorgelegd" in melding and "niet opgeslagen" in melding


def test_twee_speerpuntformulieren_op_dezelfde_versie_een_wint(regio):
    swv, medewerker = regio
    plan = volledig_plan(samenwerkingsverbanden=[swv])
    sp = plan.speerpunten.order_by("pk").first()
    clients = [inloggen(Client(), medewerker) for _ in range(GELIJKTIJDIG)]
    url = f"/plannen/{plan.pk}/speerpunten/{sp.pk}/"

    def opslaan(i):
        data = {"code": sp.code, "titel": sp.titel, "resultaatgebied": sp.resultaatgebied,
                "legitimatie": "", "beoogde_resultaten": f"Resultaat {i}.", "volgorde": sp.volgorde,
                "versie": sp.versie}  # fmt: skip
        r = clients[i].post(url, data)
        return r.status_code, r.content.decode() if r.status_code == 200 else ""

    antwoorden = _tegelijk(GELIJKTIJDIG, opslaan)
    codes = [c for c, _html in antwoorden]
    assert 500 not in codes
    assert codes.count(302) == 1, codes
    assert all(
        "Iemand anders heeft dit speerpunt opgeslagen" in h for c, h in antwoorden if c == 200
    )
    opgeslagen = Speerpunt.objects.get(pk=sp.pk)
    assert opgeslagen.versie == sp.versie + 1
    winnaar = codes.index(302)
    assert opgeslagen.beoogde_resultaten == f"Resultaat {winnaar}."


def test_eerste_verzoeken_om_publieke_pdf_geven_allemaal_de_pdf_en_een_bestand(regio):
    swv, _medewerker = regio
    plan = volledig_plan(samenwerkingsverbanden=[swv], titel="Gelijktijdig plan (concept)")
    # Published without a kept PDF, as imported and demo plans are.
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=PlanStatus.GEPUBLICEERD)
    documenten_voor = Document.objects.count()

    def ophalen(_i):
        r = Client().get(f"/publiek/plannen/{plan.pk}/pdf/")
        return r.status_code, r.get("Content-Type"), r.content

    antwoorden = _tegelijk(GELIJKTIJDIG, ophalen)
    assert [a[0] for a in antwoorden] == [200] * GELIJKTIJDIG
    assert {a[1] for a in antwoorden} == {"application/pdf"}
    assert len({a[2] for a in antwoorden}) == 1  # the same stored bytes for everyone
    tekst = PdfReader(io.BytesIO(antwoorden[0][2])).pages[0].extract_text()
    assert "Gelijktijdig plan" in tekst and "(concept)" not in tekst
    assert PlanPdf.objects.filter(plan=plan).count() == 1
    assert Document.objects.count() == documenten_voor + 1
