"""Editing: optimistic locking, KPI/streefwaarde validation, sanitising hostile input."""

import pytest

from ondersteuningsplan.models import Hoofdstuk, Kpi, Ondersteuningsplan, Streefwaarde
from ondersteuningsplan.reports import plan_html
from ondersteuningsplan.rijketekst import naar_html
from tests.factories.ondersteuningsplan import volledig_plan

VIJANDIG = """# Kop
<script>alert('x')</script>
<img src=x onerror="alert(1)">
[klik](javascript:alert(1))
<iframe src="https://kwaad.example"></iframe>
<a href="https://goed.example" onclick="steel()">goed</a>
<style>body{display:none}</style>
<p style="color:red">gekleurd</p>
**vet**"""


def _hoofdstuk_post(c, plan, h, **velden):
    data = {"volgorde": h.volgorde, "titel": h.titel, "tekst": h.tekst, "versie": h.versie,
            "eisen": h.eisen, **velden}  # fmt: skip
    return c.post(f"/plannen/{plan.pk}/hoofdstukken/{h.pk}/", data)


def test_tweede_opslaander_krijgt_melding_en_beide_teksten_blijven(als, gebruiker):
    plan = volledig_plan()
    h = plan.hoofdstukken.get(eisen=["a"])
    anna = als("medewerker")
    r = _hoofdstuk_post(anna, plan, h, tekst="Tekst van de medewerker.")
    assert r.status_code == 302
    # The directeur started from the same version and saves later.
    from django.test import Client

    from tests.helpers import inloggen

    piet = inloggen(Client(), gebruiker("directeur"))
    r = _hoofdstuk_post(piet, plan, h, tekst="Tekst van de directeur.")
    html = r.content.decode()
    assert r.status_code == 200
    assert "heeft dit hoofdstuk opgeslagen terwijl u het bewerkte" in html
    assert "Tekst van de medewerker." in html and "Tekst van de directeur." in html
    h.refresh_from_db()
    assert h.tekst == "Tekst van de medewerker."  # nothing silently overwritten
    # The form now carries the saved version: saving again (deliberately) works.
    assert f'name="versie" value="{h.versie}"' in html
    r = _hoofdstuk_post(piet, plan, h, tekst="Samengevoegd.")
    assert r.status_code == 302
    h.refresh_from_db()
    assert h.tekst == "Samengevoegd." and h.versie == 3


def test_conflict_op_missie(als):
    plan = volledig_plan()
    c = als("medewerker")
    basis = {"titel": plan.titel, "startjaar": plan.startjaar, "eindjaar": plan.eindjaar,
             "motto": "", "visie": plan.visie, "strategie": plan.strategie, "bewerkversie": 1}  # fmt: skip
    assert (
        c.post(f"/plannen/{plan.pk}/bewerken/", {**basis, "missie": "Eerste."}).status_code == 302
    )
    r = c.post(f"/plannen/{plan.pk}/bewerken/", {**basis, "missie": "Tweede."})
    assert "Iemand anders heeft dit intussen opgeslagen" in r.content.decode()
    assert Ondersteuningsplan.objects.get(pk=plan.pk).missie == "Eerste."


def test_vijandige_invoer_komt_niet_op_pagina_of_in_pdf(als):
    plan = volledig_plan()
    h = plan.hoofdstukken.first()
    r = _hoofdstuk_post(als("medewerker"), plan, h, tekst=VIJANDIG)
    assert r.status_code == 302
    html = als("medewerker").get(f"/plannen/{plan.pk}/").content.decode()
    pdf_html = plan_html(Ondersteuningsplan.objects.get(pk=plan.pk))
    for tekst in (html, pdf_html):
        deel = tekst[tekst.index(f'id="h-{h.pk}"') :]
        deel = deel[: deel.index("</section>") if "</section>" in deel else None]
        for verboden in (
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "onclick",
            "<style",
            "style=",
            "<img",
        ):
            assert verboden not in deel, verboden
        assert "<strong>vet</strong>" in deel
        assert 'href="https://goed.example"' in deel


@pytest.mark.parametrize("invoer", [VIJANDIG, "<svg onload=alert(1)>", "<a href='data:text/html,x'>x</a>",
                                    "<math><mi xlink:href='javascript:1'>x</mi></math>"])  # fmt: skip
def test_sanering_laat_geen_script_door(invoer):
    uit = str(naar_html(invoer))
    for verboden in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "data:",
        "<svg",
        "<math",
        "<iframe",
    ):
        assert verboden not in uit


def test_streefwaarden_passen_bij_type(als):
    plan = volledig_plan()
    sp = plan.speerpunten.first()
    c = als("medewerker")
    data = {"naam": "Thuiszitters", "type": "percentage", "richting": "lager", "meetmethode": "Telling",
            "frequentie": "kwartaal", "bron": "Leerplicht", "volgorde": 1,
            "streef_2027": "120%", "streef_2028": "-5", "streef_2029": "tien", "streef_2030": "≤ 5"}  # fmt: skip
    r = c.post(f"/plannen/{plan.pk}/speerpunten/{sp.pk}/kpis/nieuw/", data)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Een percentage ligt tussen 0 en 100." in html
    assert "Schrijf een streefwaarde als een getal" in html
    assert not Kpi.objects.filter(naam="Thuiszitters").exists()  # nothing half-saved
    # A count cannot be negative or fractional.
    r = c.post(f"/plannen/{plan.pk}/speerpunten/{sp.pk}/kpis/nieuw/",
               {**data, "type": "aantal", "streef_2027": "2,5", "streef_2028": "< 10", "streef_2029": "", "streef_2030": "0"})  # fmt: skip
    assert "Een aantal is een heel getal van 0 of meer." in r.content.decode()
    r = c.post(f"/plannen/{plan.pk}/speerpunten/{sp.pk}/kpis/nieuw/",
               {**data, "type": "aantal", "streef_2027": "< 20", "streef_2028": "< 10", "streef_2029": "", "streef_2030": "0"})  # fmt: skip
    assert r.status_code == 302
    kpi = Kpi.objects.get(naam="Thuiszitters")
    assert [(s.schooljaar, s.weergave) for s in kpi.streefwaarden.all()] == [
        (2027, "< 20"), (2028, "< 10"), (2030, "0")]  # fmt: skip
    # Editing: clearing a year removes that streefwaarde.
    r = c.post(f"/plannen/{plan.pk}/kpis/{kpi.pk}/", {**data, "type": "aantal", "streef_2027": "< 20",
               "streef_2028": "", "streef_2029": "", "streef_2030": "0"})  # fmt: skip
    assert r.status_code == 302
    assert Streefwaarde.objects.filter(kpi=kpi).count() == 2


def test_kpi_van_ander_plan_is_404(als):
    plan, ander = volledig_plan(), volledig_plan()
    kpi = Kpi.objects.filter(speerpunt__plan=ander).first()
    assert als("medewerker").get(f"/plannen/{plan.pk}/kpis/{kpi.pk}/").status_code == 404


def test_dubbele_speerpuntcode_geeft_melding(als):
    plan = volledig_plan()
    r = als("medewerker").post(
        f"/plannen/{plan.pk}/speerpunten/nieuw/", {"code": "A", "titel": "Dubbel", "volgorde": 9}
    )
    assert "Dit plan heeft al een speerpunt met code A." in r.content.decode()


def test_hoofdstuk_toevoegen_en_actie_buiten_periode(als):
    plan = volledig_plan()
    c = als("medewerker")
    r = c.post(
        f"/plannen/{plan.pk}/hoofdstukken/nieuw/",
        {"volgorde": 20, "titel": "Bijlage", "tekst": "x", "eisen": ["c"]},
    )
    assert r.status_code == 302
    assert Hoofdstuk.objects.get(plan=plan, titel="Bijlage").eisen == ["c"]
    sp = plan.speerpunten.first()
    r = c.post(f"/plannen/{plan.pk}/acties/nieuw/", {"speerpunt": sp.pk, "omschrijving": "Iets",
               "van_schooljaar": 2029, "tot_schooljaar": 2027, "status": "gepland"})  # fmt: skip
    assert "Het laatste schooljaar ligt niet voor het eerste." in r.content.decode()
    r = c.post(f"/plannen/{plan.pk}/acties/nieuw/", {"speerpunt": sp.pk, "omschrijving": "Iets",
               "van_schooljaar": 2019, "tot_schooljaar": 2027, "status": "gepland"})  # fmt: skip
    assert r.status_code == 200 and not sp.acties.filter(omschrijving="Iets").exists()


def test_periode_langer_dan_zes_jaar_geweigerd(als):
    plan = volledig_plan()
    r = als("medewerker").post(f"/plannen/{plan.pk}/bewerken/", {"titel": "x", "startjaar": 2027, "eindjaar": 2034,
                               "missie": "m", "bewerkversie": 1})  # fmt: skip
    assert "hoogstens zes schooljaren" in r.content.decode()


def test_koppen_in_de_tekst_vallen_onder_de_hoofdstukkop():
    assert str(naar_html("# A\n\n## B", 4)) == "<h4>A</h4>\n<h5>B</h5>"
    assert str(naar_html("### C")) == "<h3>C</h3>"


def test_instemming_vraagt_meer_stemmen_voor_dan_tegen(als, gebruiker):
    from ondersteuningsplan import services

    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=gebruiker("medewerker"))
    r = als("opr").post(f"/plannen/{plan.pk}/opr-besluit/nieuw/", {
        "datum": "2026-01-10", "stemmen_voor": 3, "stemmen_tegen": 3, "onthoudingen": 0,
        "uitkomst": "instemming"})  # fmt: skip
    assert "Instemming vraagt meer stemmen voor dan tegen." in r.content.decode()
    assert not plan.opr_besluiten.exists()
