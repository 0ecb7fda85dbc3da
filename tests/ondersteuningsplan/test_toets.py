"""The completeness check (WPO art. 18a + quality checks)."""

from ondersteuningsplan.demo import TITEL_CONCEPT, TITEL_ZL
from ondersteuningsplan.models import Kpi, Ondersteuningsplan
from ondersteuningsplan.reports import plan_inhoud
from ondersteuningsplan.vereisten import EISEN
from tests.factories.ondersteuningsplan import volledig_plan

# Seed 000, "Bevindingen inspectie" July 2020: what was missing from the plan.
INSPECTIE_JULI_2020 = {"a", "f-kwalitatief", "f-kwantitatief", "g", "e"}


def _falend(plan):
    return {u.eis.code for u in plan_inhoud(plan).toets if not u.voldaan}


def test_volledig_plan_voldoet_aan_alle_eisen():
    plan = volledig_plan()
    uitkomsten = plan_inhoud(plan).toets
    assert {u.eis.code for u in uitkomsten} == {e.code for e in EISEN}
    assert all(u.voldaan for u in uitkomsten), [(u.eis.code, u.ontbreekt) for u in uitkomsten]
    # Each legal requirement names the chapter that covers it.
    a = next(u for u in uitkomsten if u.eis.code == "a")
    assert [h.titel for h in a.hoofdstukken] == ["Basisondersteuning"]


def test_plan_zonder_wat_de_inspectie_in_2020_miste_faalt_precies_daarop():
    plan = volledig_plan(weglaten=INSPECTIE_JULI_2020)
    assert _falend(plan) == INSPECTIE_JULI_2020


def test_onvolledige_tekst_faalt_op_het_ontbrekende_deel():
    # Parent information without the independent support (the July 2020 finding's wording).
    plan = volledig_plan(teksten={"g": ("Ouders", "Ouders krijgen een folder van de school.")})
    assert _falend(plan) == {"g"}
    g = next(u for u in plan_inhoud(plan).toets if u.eis.code == "g")
    assert "onderwijsconsulenten of ouder- en jeugdsteunpunt" in g.ontbreekt
    assert "geschillencommissie" in g.ontbreekt


def test_thuiszitters_vraagt_beginsituatie_resultaat_en_aanpak():
    plan = volledig_plan(
        teksten={"thuiszitters": ("Thuiszitters", "Wij willen minder thuiszitters.")}
    )
    assert _falend(plan) == {"thuiszitters"}
    t = next(u for u in plan_inhoud(plan).toets if u.eis.code == "thuiszitters")
    assert t.ontbreekt == ["beginsituatie", "beoogd resultaat", "plan van aanpak"]


def test_kpi_zonder_streefwaarde_voor_elk_jaar_en_zonder_bron():
    plan = volledig_plan(kpis_per_speerpunt=1)
    kpi = Kpi.objects.get(speerpunt__plan=plan, speerpunt__code="A")
    kpi.streefwaarden.filter(schooljaar=plan.eindjaar).delete()
    kpi.bron = ""
    kpi.save()
    assert _falend(plan) == {"kpi-streefwaarden", "kpi-meting"}
    meting = next(u for u in plan_inhoud(plan).toets if u.eis.code == "kpi-meting")
    assert meting.ontbreekt == ["A: KPI 0.0: bron"]


def test_groei_na_teldatum_geldt_pas_voor_plannen_vanaf_2023():
    oud = volledig_plan(startjaar=2022, eindjaar=2025, weglaten={"i"})
    assert _falend(oud) == set()
    nieuw = volledig_plan(startjaar=2023, eindjaar=2026, weglaten={"i"})
    assert _falend(nieuw) == {"i"}


def test_toetspagina_toont_hoofdstuk_en_ontbrekende_delen(als):
    plan = volledig_plan(weglaten={"e"})
    r = als("medewerker").get(f"/plannen/{plan.pk}/toets/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "1 onderdeel ontbreekt" in html
    assert "geen hoofdstuk behandelt dit" in html
    assert "hoofdstuk 1. Basisondersteuning" in html


def test_toets_is_niet_voor_besturen(als):
    plan = Ondersteuningsplan.objects.get(titel=TITEL_ZL)
    assert als("bestuur-innovo").get(f"/plannen/{plan.pk}/toets/").status_code == 403


def test_demo_concept_plan_is_volledig_op_privacy_na():
    plan = Ondersteuningsplan.objects.get(titel=TITEL_CONCEPT)
    assert _falend(plan) == {"j"}
