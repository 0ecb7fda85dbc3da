"""Thuiszitters register: scoping per role, bad input, audit, quarterly overview and the
anonymised inspectie export."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kpi.models import Thuiszitter
from swv.demo import innovo_school
from swv.models import AuditEvent, School
from tests.factories.kpi import ThuiszitterFactory


@pytest.fixture
def gevallen():
    """One case at the ib-innovo school, one at another INNOVO school, one at Movare."""
    ib = innovo_school()
    ander_innovo = (
        School.objects.filter(bestuur__nummer="41506", swv__isnull=False).exclude(pk=ib.pk).first()
    )
    movare = School.objects.filter(bestuur__nummer="41516", swv__isnull=False).first()
    return {
        "ib": ThuiszitterFactory(school=ib, pseudoniem="IB.1"),
        "innovo": ThuiszitterFactory(school=ander_innovo, pseudoniem="IN.2"),
        "movare": ThuiszitterFactory(school=movare, pseudoniem="MO.3"),
    }


@pytest.mark.parametrize(
    "wie, zichtbaar",
    [
        ("medewerker", {"ib", "innovo", "movare"}),
        ("directeur", {"ib", "innovo", "movare"}),
        ("trajectbegeleider", {"ib", "innovo", "movare"}),
        ("bestuur-innovo", {"ib", "innovo"}),
        ("bestuur-movare", {"movare"}),
        ("ib-innovo", {"ib"}),
    ],
)
def test_scoping_lijst_en_detail(als, gevallen, wie, zichtbaar):
    c = als(wie)
    html = c.get(reverse("kpi:thuiszitters"), {"status": "lopend"}).content.decode()
    for sleutel, t in gevallen.items():
        assert (t.pseudoniem in html) is (sleutel in zichtbaar), sleutel
        status = c.get(reverse("kpi:thuiszitter-detail", args=[t.pk])).status_code
        assert status == (200 if sleutel in zichtbaar else 404)


@pytest.mark.parametrize("wie", ["opr", "orthopedagoog", "jeugdarts"])
def test_opr_en_deskundigen_zien_niets(als, gevallen, wie):
    c = als(wie)
    assert c.get(reverse("kpi:thuiszitters")).status_code == 403
    assert c.get(reverse("kpi:thuiszitter-detail", args=[gevallen["ib"].pk])).status_code == 403
    assert c.get(reverse("kpi:inspectie-export")).status_code == 403


def test_lezen_wordt_gelogd_zonder_persoonsgegevens(als, gevallen):
    c = als("bestuur-innovo")
    t = gevallen["ib"]
    c.get(reverse("kpi:thuiszitter-detail", args=[t.pk]))
    ev = AuditEvent.objects.filter(object_type="kpi.thuiszitter", object_id=str(t.pk)).latest("id")
    assert ev.actie == "bekeken" and ev.gebruikersnaam == "bestuur-innovo"
    c.get(reverse("kpi:thuiszitters"))
    lijst = AuditEvent.objects.filter(omschrijving="Thuiszittersregister bekeken").latest("id")
    assert t.pk in lijst.details["ids"]
    assert not AuditEvent.objects.filter(omschrijving__contains=t.pseudoniem).exists()


def _data(school, **extra):
    return {
        "school": school.pk,
        "pseudoniem": "J.B.",
        "geboortejaar": "2015",
        "type": "relatief",
        "vrijstelling": "",
        "startdatum": "2026-09-07",
        "einddatum": "",
        "status": "lopend",
        # The version an edit form was opened on (a new registration ignores it).
        "versie": "1",
        **extra,
    }


def test_school_registreert_eigen_leerling(als):
    c = als("ib-innovo")
    r = c.post(reverse("kpi:thuiszitter-nieuw"), _data(innovo_school()))
    assert r.status_code == 302
    t = Thuiszitter.objects.get(pseudoniem="J.B.")
    assert t.swv_id == innovo_school().swv_id
    assert AuditEvent.objects.filter(
        object_type="kpi.thuiszitter", object_id=str(t.pk), actie="aangemaakt"
    ).exists()


def test_school_kan_geen_andere_school_kiezen(als):
    movare = School.objects.filter(bestuur__nummer="41516", swv__isnull=False).first()
    r = als("ib-innovo").post(reverse("kpi:thuiszitter-nieuw"), _data(movare))
    assert r.status_code == 200 and not Thuiszitter.objects.filter(pseudoniem="J.B.").exists()
    assert "Selecteer een geldige keuze" in r.content.decode()


@pytest.mark.parametrize(
    "extra, melding",
    [
        ({"type": "vrijstelling"}, "Kies het artikel van de vrijstelling."),
        ({"vrijstelling": "5a"}, "Een artikel hoort alleen bij een vrijstelling."),
        ({"status": "terug"}, "Vul de einddatum in bij een afgesloten registratie."),
        ({"einddatum": "2026-10-01"}, "Een lopende registratie heeft nog geen einddatum."),
        ({"status": "terug", "einddatum": "2026-09-01"}, "De einddatum ligt voor de startdatum."),
        ({"startdatum": "2099-01-01"}, "De startdatum ligt in de toekomst."),
        ({"geboortejaar": "1990"}, "Dit geboortejaar past niet bij de startdatum"),
        ({"pseudoniem": "123456789"}, "Geen BSN"),
        ({"pseudoniem": "Jan de Boer"}, "Geen volledige naam"),
        ({"startdatum": "gisteren"}, "Voer een geldige datum in"),
    ],
)
def test_foute_invoer_duidelijke_melding_niets_opgeslagen(als, extra, melding):
    r = als("medewerker").post(reverse("kpi:thuiszitter-nieuw"), _data(innovo_school(), **extra))
    assert r.status_code == 200
    assert melding in r.content.decode()
    assert not Thuiszitter.objects.filter(
        school=innovo_school(), startdatum=date(2026, 9, 7)
    ).exists()


def test_wijzigen_afsluiten_en_audit(als, gevallen):
    t = gevallen["ib"]
    c = als("ib-innovo")
    data = _data(
        t.school,
        pseudoniem=t.pseudoniem,
        startdatum=t.startdatum.isoformat(),
        status="terug",
        einddatum="2025-03-03",
    )
    r = c.post(reverse("kpi:thuiszitter-wijzigen", args=[t.pk]), data)
    assert r.status_code == 302
    t.refresh_from_db()
    assert t.status == "terug" and t.einddatum == date(2025, 3, 3)
    ev = AuditEvent.objects.filter(object_id=str(t.pk), actie="gewijzigd").latest("id")
    assert set(ev.details["velden"]) >= {"status", "einddatum"}


@pytest.mark.parametrize(
    "wie, status", [("bestuur-innovo", 403), ("bestuur-movare", 404), ("trajectbegeleider", 200)]
)
def test_wie_mag_wijzigen(als, gevallen, wie, status):
    r = als(wie).get(reverse("kpi:thuiszitter-wijzigen", args=[gevallen["ib"].pk]))
    assert r.status_code == status


def test_wijzigen_buiten_scope_is_404(als, gevallen):
    r = als("ib-innovo").get(reverse("kpi:thuiszitter-wijzigen", args=[gevallen["movare"].pk]))
    assert r.status_code == 404


def test_kwartaaloverzicht_op_de_pagina(als):
    school = innovo_school()
    ThuiszitterFactory(school=school, startdatum=date(2019, 6, 3))  # > 3 months on 30-9-2019
    ThuiszitterFactory(school=school, startdatum=date(2019, 8, 19))  # 42 days: 4 weeks-3 months
    ThuiszitterFactory(
        school=school, startdatum=date(2019, 1, 7), type="vrijstelling", vrijstelling="5a"
    )
    r = als("medewerker").get(reverse("kpi:thuiszitters"), {"schooljaar": "2019"})
    rij = r.context["overzicht"]["rijen"][0]
    assert rij["peildatum"] == date(2019, 9, 30)
    assert (rij["middel"], rij["lang"], rij["totaal"], rij["vrijstellingen_5a"]) == (1, 1, 2, 1)


def test_inspectie_export_anoniem_met_afgesloten_gevallen(als, gevallen):
    # Resolved during the quarter (1 January - 31 March 2025): in the export.
    opgelost = ThuiszitterFactory(
        school=gevallen["ib"].school,
        pseudoniem="OPGELOST",
        startdatum=date(2024, 10, 1),
        einddatum=date(2025, 2, 1),
        status="terug",
    )
    r = als("medewerker").get(
        reverse("kpi:inspectie-export"), {"schooljaar": "2024", "kwartaal": "3"}
    )
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rijen = list(load_workbook(io.BytesIO(r.content)).active.values)
    kop, data = rijen[0], rijen[1:]
    assert "pseudoniem" not in kop and "volgnummer" in kop
    per_nr = {rij[0]: dict(zip(kop, rij, strict=True)) for rij in data}
    assert per_nr[opgelost.pk]["loopt_op_peildatum"] == "nee"
    assert per_nr[opgelost.pk]["peildatum"].date() == date(2025, 3, 31)
    # Cases of 6 January 2025 are running on 31 March 2025, more than 4 weeks, < 3 months.
    assert per_nr[gevallen["ib"].pk]["duur_op_peildatum"] == "4 weken - 3 maanden"
    inhoud = str(rijen)
    for t in [*gevallen.values(), opgelost]:
        assert t.pseudoniem not in inhoud
    assert AuditEvent.objects.filter(
        actie="geexporteerd", omschrijving__contains="inspectie"
    ).exists()


def test_inspectie_export_alleen_swv_staf(als, gevallen):
    assert als("bestuur-innovo").get(reverse("kpi:inspectie-export")).status_code == 403
    assert als("ib-innovo").get(reverse("kpi:inspectie-export")).status_code == 403


def test_registerexport_csv_zonder_pseudoniem(als, gevallen):
    r = als("bestuur-innovo").get(reverse("kpi:thuiszitters"), {"format": "csv"})
    tekst = r.content.decode("utf-8-sig")
    assert tekst.splitlines()[0].startswith("nummer;swv;school")
    assert str(gevallen["ib"].pk) in tekst and "IB.1" not in tekst
    assert gevallen["movare"].school.naam not in tekst


def test_toekomstige_peildatum_heeft_nog_geen_telling(als):
    import time_machine

    ThuiszitterFactory(school=innovo_school(), startdatum=date(2026, 1, 5))
    with time_machine.travel(date(2026, 11, 23), tick=False):
        r = als("medewerker").get(reverse("kpi:thuiszitters"), {"schooljaar": "2026"})
    k1, k2 = r.context["overzicht"]["rijen"][:2]
    assert k1["totaal"] >= 1
    assert k2["totaal"] is None
    assert "nog niet bereikt" in r.content.decode()


def test_kwartaaloverzicht_export_teruggelezen(als):
    school = innovo_school()
    ThuiszitterFactory(school=school, startdatum=date(2019, 6, 3))
    ThuiszitterFactory(school=school, startdatum=date(2019, 8, 19))
    r = als("bestuur-innovo").get(
        reverse("kpi:thuiszitters"), {"schooljaar": "2019", "tabel": "kwartaal", "format": "xlsx"}
    )
    rijen = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rijen[0] == (
        "peildatum",
        "kort",
        "middel",
        "lang",
        "totaal",
        "vrijstellingen",
        "vrijstellingen_5a",
    )
    assert rijen[1][0].date() == date(2019, 9, 30)
    assert rijen[1][2:5] == (1, 1, 2)
