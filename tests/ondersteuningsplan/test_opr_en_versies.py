"""OPR review: comments per section, answers, reactienota export; versions and their diff."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ondersteuningsplan import services
from ondersteuningsplan.demo import TITEL_CONCEPT, laad
from ondersteuningsplan.models import (
    Hoofdstuk,
    Kpi,
    Ondersteuningsplan,
    OprOpmerking,
    PlanStatus,
    PlanVersie,
    Speerpunt,
    Streefwaarde,
)
from ondersteuningsplan.verschil import vergelijken
from tests.factories.ondersteuningsplan import volledig_plan


def test_opr_plaatst_opmerking_per_sectie_en_staf_reageert(als, gebruiker):
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=gebruiker("medewerker"))
    h = plan.hoofdstukken.get(eisen=["g"])
    opr = als("opr")
    r = opr.get(f"/plannen/{plan.pk}/opmerkingen/nieuw/?sectie={h.sleutel}")
    assert r.status_code == 200
    r = opr.post(
        f"/plannen/{plan.pk}/opmerkingen/nieuw/",
        {"sectie": h.sleutel, "tekst": "Noem het steunpunt."},
    )
    assert r.status_code == 302
    o = OprOpmerking.objects.get(plan=plan)
    assert o.sectie_titel == f"{h.volgorde}. {h.titel}" and o.versie.nummer == 1
    # Staff answer; OPR cannot answer, staff cannot comment.
    assert (
        opr.post(f"/plannen/{plan.pk}/opmerkingen/{o.pk}/reactie/", {"antwoord": "x"}).status_code
        == 403
    )
    staf = als("medewerker")
    assert (
        staf.post(
            f"/plannen/{plan.pk}/opmerkingen/nieuw/", {"sectie": h.sleutel, "tekst": "x"}
        ).status_code
        == 403
    )
    r = staf.post(
        f"/plannen/{plan.pk}/opmerkingen/{o.pk}/reactie/",
        {"antwoord": "Toegevoegd.", "verwerkt": "on"},
    )
    assert r.status_code == 302
    o.refresh_from_db()
    assert (o.antwoord, o.verwerkt, o.beantwoord_door.username) == (
        "Toegevoegd.",
        True,
        "medewerker",
    )
    # Shown under its section on the plan page.
    html = opr.get(f"/plannen/{plan.pk}/").content.decode()
    sectie = html[html.index(f'id="h-{h.pk}"') :]
    assert sectie.index("Noem het steunpunt.") < sectie.index("</details>")


def test_opmerking_alleen_terwijl_plan_ter_instemming_ligt(gebruiker):
    import pytest
    from django.core.exceptions import ValidationError

    plan = volledig_plan()
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=PlanStatus.VASTGESTELD)
    plan = Ondersteuningsplan.objects.get(pk=plan.pk)
    with pytest.raises(ValidationError):
        services.opmerking_plaatsen(
            plan=plan, gebruiker=gebruiker("opr"), sectie="missie", tekst="Te laat"
        )


def test_reactienota_export_csv_en_xlsx(als):
    plan = Ondersteuningsplan.objects.get(titel=TITEL_CONCEPT)
    c = als("opr")
    html = c.get(f"/plannen/{plan.pk}/reactienota/").content.decode()
    assert "Kunnen ouders ook meedenken" in html
    r = c.get(f"/plannen/{plan.pk}/reactienota/?format=csv")
    rijen = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == ["Nr", "Versie", "Onderdeel", "Opmerking", "Datum", "Reactie", "Verwerkt"]
    assert len(rijen) == 1 + plan.opmerkingen.count()
    assert (
        rijen[1][2] == "Speerpunt A. Betrokken en goed geïnformeerde ouders" and rijen[1][6] == "ja"
    )
    r = c.get(f"/plannen/{plan.pk}/reactienota/?format=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    waarden = [[cel.value for cel in rij] for rij in ws.iter_rows()]
    assert waarden[0][3] == "Opmerking"
    assert any("scenario C" in (rij[3] or "") for rij in waarden[1:])


def test_reactienota_niet_voor_bestuur(als):
    from ondersteuningsplan.demo import TITEL_ZL

    zl = Ondersteuningsplan.objects.get(titel=TITEL_ZL)
    assert als("bestuur-innovo").get(f"/plannen/{zl.pk}/reactienota/?format=csv").status_code == 403


def test_voorleggen_bevriest_versie_en_diff_toont_wijziging_sinds_opr(als, gebruiker):
    m = gebruiker("medewerker")
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=m)
    v1 = PlanVersie.objects.get(plan=plan)
    h = plan.hoofdstukken.get(eisen=["e"])
    assert any(s["sleutel"] == h.sleutel and "terugplaatsing" in s["tekst"] for s in v1.secties)
    plan = services.plan_terug_naar_concept(plan=plan, gebruiker=m)
    services.hoofdstuk_bijwerken(hoofdstuk=h, gebruiker=m, verwachte_versie=h.versie, titel=h.titel,
                                 tekst="Bij afloop van de TLV volgt altijd een gesprek over terugplaatsing.",
                                 eisen=h.eisen, volgorde=h.volgorde)  # fmt: skip
    nieuw = services.hoofdstuk_aanmaken(
        plan=plan, gebruiker=m, titel="Begroting", tekst="Nieuw deel."
    )
    plan.hoofdstukken.filter(eisen=["j"]).delete()
    plan = services.plan_voorleggen(plan=plan, gebruiker=m)
    assert plan.versies.count() == 2
    r = als("opr").get(f"/plannen/{plan.pk}/versies/?a=1&b=2")
    html = r.content.decode()
    assert "3 onderdelen gewijzigd" in html
    blok = html[html.index(f'id="v-{h.sleutel}"') :]
    blok = blok[: blok.index("</section>")]
    assert "gewijzigd" in blok
    assert "[toegevoegd: </span>altijd een gesprek over" in blok
    assert "[verwijderd: </span>" in blok and "<del" in blok and "<ins" in blok
    assert f'id="v-{nieuw.sleutel}"' in html and "nieuw" in html
    assert "vervallen" in html
    # Frozen versions do not change when the plan changes afterwards.
    assert PlanVersie.objects.get(plan=plan, nummer=1).secties == v1.secties


def test_vergelijken_per_sectie():
    oud = [
        {"sleutel": "a", "titel": "A", "tekst": "een twee drie"},
        {"sleutel": "b", "titel": "B", "tekst": "x"},
    ]
    nieuw = [
        {"sleutel": "a", "titel": "A", "tekst": "een vier drie"},
        {"sleutel": "c", "titel": "C", "tekst": "y"},
    ]
    uit = vergelijken(oud, nieuw)
    assert [(v.sleutel, v.soort) for v in uit] == [
        ("a", "gewijzigd"),
        ("c", "nieuw"),
        ("b", "vervallen"),
    ]
    assert ("weg", "twee") in uit[0].stukken and ("erbij", "vier") in uit[0].stukken


def test_versies_onbekende_versie_geeft_melding(als):
    plan = Ondersteuningsplan.objects.get(titel=TITEL_CONCEPT)
    r = als("medewerker").get(f"/plannen/{plan.pk}/versies/?a=1&b=99")
    assert r.status_code == 200 and "Kies twee bestaande versies." in r.content.decode()


def _vragen(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_planpagina_vast_aantal_queries(als):
    c = als("medewerker")
    klein = volledig_plan(speerpunten=1, kpis_per_speerpunt=1)
    groot = volledig_plan(speerpunten=8, kpis_per_speerpunt=6)
    for i in range(30):
        Hoofdstuk.objects.create(
            plan=groot, volgorde=50 + i, titel=f"Extra {i}", tekst="tekst", eisen=["b"]
        )
    for url in ("/plannen/{}/", "/plannen/{}/toets/", "/plannen/{}/versies/"):
        assert _vragen(c, url.format(klein.pk)) == _vragen(c, url.format(groot.pk)), url
    assert _vragen(c, f"/plannen/{groot.pk}/") <= 40


def test_demo_is_idempotent():
    def telling():
        return (
            Ondersteuningsplan.objects.count(), Speerpunt.objects.count(), Kpi.objects.count(),
            Streefwaarde.objects.count(), Hoofdstuk.objects.count(), PlanVersie.objects.count(),
            OprOpmerking.objects.count(), list(Kpi.objects.order_by("pk").values_list("pk", flat=True)),
        )  # fmt: skip

    voor = telling()
    laad()
    assert telling() == voor
    concept = Ondersteuningsplan.objects.get(titel=TITEL_CONCEPT)
    assert concept.status == PlanStatus.TER_INSTEMMING
    assert list(concept.speerpunten.values_list("code", flat=True)) == list("ABCDEF")
    assert Kpi.objects.filter(speerpunt__plan=concept).count() == 17
    assert Streefwaarde.objects.filter(kpi__speerpunt__plan=concept).count() == 17 * 4
