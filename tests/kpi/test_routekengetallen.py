"""Kengetallen of the ondersteuningsroute on hand-checked data: a small SWV of its own
(two besturen, three schools, a pupil without a school) with vragen, besluiten,
arrangementen, evaluaties and plaatsingen on real calendar dates. Every expected figure
below is counted by hand (the working days in the comments), so a change in a counting
rule makes a test fail. Also: grouping per school, bestuur, soort, SWV and year; scoping
per role (school, bestuur, SWV staff, another SWV, OPR 403); the CSV and Excel downloads
read back; the dashboard's computed KPIs; the verantwoording's figures; constant query
counts as the data grows."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kpi import berekeningen
from kpi import routekengetallen as rk
from leerlingen.models import Leerling
from ondersteuning.models import Arrangement, Evaluatie, Ondersteuningsvraag
from swv.exports import lees_csv
from swv.models import AuditEvent
from swv.roles import Rol
from tests.factories import (
    GebruikerFactory,
    SamenwerkingsverbandFactory,
    SchoolbestuurFactory,
    SchoolFactory,
)
from tests.helpers import inloggen
from voorzieningen.models import Plaatsing, Voorziening

pytestmark = pytest.mark.django_db

D = date.fromisoformat
JAAR = 2026  # 1 August 2026 - 31 July 2027


class Data:
    pass


def _vraag(d, school, soort, ingediend, besloten=None, besluit="toegekend"):
    leerling = d.leerlingen[school.pk if school else None]
    velden = {}
    if besloten:
        velden = {"status": "besloten", "besluit": besluit, "besluit_reden": "Besproken.",
                  "besloten_op": D(besloten), "besloten_door": d.mw}  # fmt: skip
    else:
        velden = {"status": "ingediend"}
    return Ondersteuningsvraag.objects.create(
        leerling=leerling, swv=d.swv, school=school, soort=soort, vraag="Vraag.",
        aangemaakt_door=d.mw, ingediend_op=D(ingediend), ingediend_door=d.mw, **velden,
    )  # fmt: skip


def _arrangement(d, school, start, eind, *, vraag=None, vorige=None, uren=None, budget=None,
                 kosten, status="lopend"):  # fmt: skip
    return Arrangement.objects.create(
        leerling=d.leerlingen[school.pk], swv=d.swv, school=school, vraag=vraag, vorige=vorige,
        doelen="Doelen.", uren_per_week=uren, budget=budget,
        uurtarief=Decimal("65.00") if uren else None, kosten=Decimal(kosten),
        startdatum=D(start), einddatum=D(eind), besloten_door=d.mw, status=status,
    )  # fmt: skip


def _evaluatie(arr, gepland, gehouden=None, doelen=""):
    return Evaluatie.objects.create(
        arrangement=arr, gepland_op=D(gepland), gehouden_op=gehouden and D(gehouden),
        doelen=doelen, vervolg="voortzetten" if gehouden else "",
    )  # fmt: skip


def _plaatsing(d, school, besluit, status, aangemeld, start=None, eind=None):
    return Plaatsing.objects.create(
        voorziening=d.voorziening, leerling=d.leerlingen[school.pk], besluit=besluit,
        swv=d.swv, school=school, status=status, aangemeld_op=D(aangemeld),
        startdatum=start and D(start), einddatum=eind and D(eind), aangemaakt_door=d.mw,
    )  # fmt: skip


@pytest.fixture
def d():
    d = Data()
    d.swv = SamenwerkingsverbandFactory(code="PO9901", naam="Route-SWV")
    d.a = SchoolbestuurFactory(naam="Stichting Aa")
    d.b = SchoolbestuurFactory(naam="Stichting Bee")
    d.a1 = SchoolFactory(naam="Aa-school Een", swv=d.swv, bestuur=d.a)
    d.a2 = SchoolFactory(naam="Aa-school Twee", swv=d.swv, bestuur=d.a)
    d.b1 = SchoolFactory(naam="Bee-school", swv=d.swv, bestuur=d.b)
    d.mw = GebruikerFactory(username="route-mw", rol=Rol.MEDEWERKER, swvs=[d.swv])
    d.leerlingen = {
        s.pk if s else None: Leerling.objects.create(swv=d.swv, school=s, voornaam=f"Kind {i}")
        for i, s in enumerate([d.a1, d.a2, d.b1, None])
    }
    # Besluiten in 2026-2027 (werkdagen: after the day of filing up to the decision):
    # v1 Fri 2 Oct -> Wed 14 Oct: 12 days, 8 werkdagen (5-9, 12-14 October).
    d.v1 = _vraag(d, d.a1, "arrangement", "2026-10-02", "2026-10-14")
    # v2 Mon 2 Nov -> Fri 6 Nov: 4 days, 4 werkdagen; afgewezen.
    d.v2 = _vraag(d, d.a1, "advies", "2026-11-02", "2026-11-06", "afgewezen")
    # v3 Mon 31 Aug -> Wed 2 Sep: 2 days, 2 werkdagen.
    d.v3 = _vraag(d, d.a1, "voorziening", "2026-08-31", "2026-09-02")
    # v4 Wed 23 Dec -> Mon 4 Jan 2027: 12 days, 6 werkdagen (24, 28-31 Dec, 4 Jan; Kerstdag
    # on Friday 25 December and Nieuwjaarsdag on Friday 1 January are not).
    d.v4 = _vraag(d, d.a2, "onderzoek", "2026-12-23", "2027-01-04")
    # v5 Mon 7 Sep -> Fri 18 Sep: 11 days, 9 werkdagen.
    d.v5 = _vraag(d, d.b1, "arrangement", "2026-09-07", "2026-09-18")
    # v7 filed in 2025-2026 (Wed 29 Jul), decided in 2026-2027 (Wed 5 Aug): 7 days, 5 werkdagen.
    d.v7 = _vraag(d, d.b1, "advies", "2026-07-29", "2026-08-05", "afgewezen")
    # Not decided: a pupil without a school (voorschool), a TLV question.
    d.v8 = _vraag(d, None, "tlv", "2026-10-05")
    # 2025-2026 entirely: Wed 1 Jul -> Fri 10 Jul: 9 days, 7 werkdagen.
    d.v6 = _vraag(d, d.b1, "arrangement", "2026-07-01", "2026-07-10")

    # Arrangementen starting in 2026-2027: ar1 2 h/week x 10 weeks = 20 h, EUR 1300; its
    # extension ar3 1 h/week x 6 weeks = 6 h, EUR 390; ar2 a budget of EUR 2500.
    d.ar1 = _arrangement(d, d.a1, "2026-10-19", "2026-12-27", vraag=d.v1, uren=Decimal("2"),
                         kosten="1300.00", status="verlengd")  # fmt: skip
    d.ar3 = _arrangement(d, d.a1, "2026-12-28", "2027-02-07", vorige=d.ar1, uren=Decimal("1"),
                         kosten="390.00")  # fmt: skip
    d.ar2 = _arrangement(d, d.b1, "2026-09-21", "2027-01-31", vraag=d.v5,
                         budget=Decimal("2500"), kosten="2500.00")  # fmt: skip
    d.ar_oud = _arrangement(d, d.b1, "2026-07-13", "2026-07-31", vraag=d.v6,
                            budget=Decimal("1000"), kosten="1000.00")  # fmt: skip
    _evaluatie(d.ar1, "2026-11-20", "2026-11-20", "behaald")
    _evaluatie(d.ar1, "2026-12-22", "2026-12-22", "deels")
    _evaluatie(d.ar2, "2027-01-29", "2027-01-29", "niet")
    _evaluatie(d.ar2, "2027-01-31")  # planned, not held: not counted
    _evaluatie(d.ar3, "2027-02-05", "2027-02-05", "behaald")
    _evaluatie(d.ar_oud, "2026-07-20", "2026-07-20", "behaald")  # 2025-2026

    d.voorziening = Voorziening.objects.create(
        swv=d.swv, naam="Kantelklas Route", soort="kantelklas", doelgroep="gedrag",
        gastschool=d.a2, bestuur=d.a, capaciteit=2,
    )  # fmt: skip
    # Placed in 2026-2027 (counted), placed in 2025-2026 and ended 31 Oct, waiting.
    _plaatsing(d, d.a1, d.v3, "geplaatst", "2026-09-03", "2026-09-14")
    _plaatsing(d, d.b1, d.v6, "beeindigd", "2026-06-20", "2026-07-01", "2026-10-31")
    _plaatsing(d, d.a2, d.v4, "wachtlijst", "2026-11-01")
    return d


def _per(rijen):
    return {r.label: r for r in rijen}


def _doorloop(r):
    return (r.werkdagen_mediaan, r.werkdagen_p90, r.dagen_mediaan, r.dagen_p90)


def _dec(*waarden):
    return tuple(None if w is None else Decimal(w) for w in waarden)


# Working days and percentiles ------------------------------------------------------------


@pytest.mark.parametrize(
    "van, tot, werkdagen",
    [
        ("2026-10-02", "2026-10-14", 8),  # Friday to Wednesday a week and a half later
        ("2026-10-02", "2026-10-02", 0),  # decided the day it was filed
        ("2026-10-02", "2026-10-05", 1),  # Friday to Monday
        ("2026-10-03", "2026-10-04", 0),  # Saturday to Sunday
        ("2026-12-23", "2027-01-04", 6),  # Kerst and Nieuwjaar on Fridays
        ("2027-04-23", "2027-04-27", 1),  # Koningsdag 2027 (Tuesday 27 April) is free
    ],
)
def test_werkdagen_tussen_on_real_dates(van, tot, werkdagen):
    assert rk.werkdagen_tussen(D(van), D(tot)) == werkdagen


def test_werkdagen_skip_gelijkgestelde_dagen():
    # Monday 26 April 2027, before Koningsdag on a Tuesday: gelijkgesteld by decree.
    assert rk.werkdagen_tussen(D("2027-04-23"), D("2027-04-28")) == 2
    assert rk.werkdagen_tussen(D("2027-04-23"), D("2027-04-28"), {D("2027-04-26")}) == 1


def test_median_and_p90_for_small_n():
    # n = 0: no value; n = 1: that value; n = 2: p90 between the two at 0.9.
    assert rk.Rij(jaar=JAAR).werkdagen_mediaan is None
    een = rk.Rij(jaar=JAAR, werkdagen=[5])
    assert (een.werkdagen_mediaan, een.werkdagen_p90) == _dec("5", "5")
    twee = rk.Rij(jaar=JAAR, werkdagen=[10, 4])
    assert (twee.werkdagen_mediaan, twee.werkdagen_p90) == _dec("7", "9.4")
    # n = 10: rank (10 - 1) x 0.9 = 8.1, between the 9th and the 10th value.
    tien = rk.Rij(jaar=JAAR, werkdagen=list(range(1, 10)) + [20])
    assert (tien.werkdagen_mediaan, tien.werkdagen_p90) == _dec("5.5", "10.1")


# The figures ------------------------------------------------------------------------------


def test_per_school_hand_checked(d):
    rijen = rk.kengetallen(d.mw, JAAR, "school")
    # Sorted by name, the pupil without a school last.
    assert [r.label for r in rijen] == [
        "Aa-school Een", "Aa-school Twee", "Bee-school", "Zonder school"]  # fmt: skip
    p = _per(rijen)
    een, twee, bee, zonder = (p["Aa-school Een"], p["Aa-school Twee"], p["Bee-school"],
                              p["Zonder school"])  # fmt: skip
    assert (een.vragen, een.besluiten, een.toegekend, een.afgewezen) == (3, 3, 2, 1)
    assert (twee.vragen, twee.toegekend, twee.afgewezen) == (1, 1, 0)
    # v7 was filed in the previous school year, decided in this one.
    assert (bee.vragen, bee.toegekend, bee.afgewezen) == (1, 1, 1)
    assert (zonder.vragen, zonder.besluiten) == (1, 0)
    # Aa-school Een: werkdagen [2, 4, 8], days [2, 4, 12]; p90 at rank 1.8.
    assert _doorloop(een) == _dec("4", "7.2", "4", "10.4")
    assert _doorloop(twee) == _dec("6", "6", "12", "12")
    assert _doorloop(bee) == _dec("7", "8.6", "9", "10.6")
    assert _doorloop(zonder) == (None, None, None, None)
    assert (een.arrangementen, een.verlengingen, een.kosten, een.uren_afgerond) == (
        2, 1, Decimal("1690.00"), Decimal("26.0"))  # fmt: skip
    assert (bee.arrangementen, bee.kosten, bee.uren_afgerond) == (1, Decimal("2500.00"), 0)
    assert (een.plaatsingen, twee.plaatsingen, bee.plaatsingen) == (1, 0, 0)
    assert (een.behaald, een.deels, een.niet, een.aandeel_behaald) == (2, 1, 0, Decimal("66.7"))
    assert (bee.evaluaties, bee.aandeel_behaald) == (1, Decimal("0.0"))
    assert twee.aandeel_behaald is None


def test_total_takes_the_median_over_all_besluiten(d):
    som = rk.totaal(rk.kengetallen(d.mw, JAAR, "school"), jaar=JAAR)
    assert (som.vragen, som.besluiten, som.toegekend, som.afgewezen) == (6, 6, 4, 2)
    # werkdagen [2, 4, 5, 6, 8, 9]: median 5.5, p90 at rank 4.5 = 8.5; days
    # [2, 4, 7, 11, 12, 12]: median 9, p90 12. (The median of the school medians would be 6.)
    assert _doorloop(som) == _dec("5.5", "8.5", "9", "12")
    assert (som.arrangementen, som.verlengingen, som.kosten, som.uren_afgerond) == (
        3, 1, Decimal("4190.00"), Decimal("26.0"))  # fmt: skip
    assert som.plaatsingen == 1
    assert (som.behaald, som.deels, som.niet, som.aandeel_behaald) == (2, 1, 1, Decimal("50.0"))


def test_per_bestuur(d):
    p = _per(rk.kengetallen(d.mw, JAAR, "bestuur"))
    assert list(p) == ["Stichting Aa", "Stichting Bee", "Zonder bestuur"]
    aa = p["Stichting Aa"]
    assert (aa.vragen, aa.toegekend, aa.afgewezen, aa.arrangementen, aa.plaatsingen) == (
        4, 3, 1, 2, 1)  # fmt: skip
    # werkdagen [2, 4, 6, 8]: median 5, p90 at rank 2.7 = 7.4; days [2, 4, 12, 12].
    assert _doorloop(aa) == _dec("5", "7.4", "8", "12")


def test_per_soort(d):
    rijen = rk.kengetallen(d.mw, JAAR, "soort")
    # In the order of the soorten.
    assert [r.sleutel for r in rijen] == ["advies", "onderzoek", "arrangement", "voorziening",
                                          "tlv"]  # fmt: skip
    p = {r.sleutel: r for r in rijen}
    assert p["arrangement"].label == "Individueel arrangement"
    assert (p["arrangement"].vragen, p["arrangement"].toegekend) == (2, 2)
    assert _doorloop(p["arrangement"])[:2] == _dec("8.5", "8.9")
    assert _doorloop(p["advies"])[:2] == _dec("4.5", "4.9")
    # Arrangementen and their evaluaties count as individueel arrangement; a placement
    # under the soort of the vraag it rests on.
    assert (p["arrangement"].arrangementen, p["arrangement"].evaluaties) == (3, 4)
    assert (p["voorziening"].plaatsingen, p["voorziening"].arrangementen) == (1, 0)
    assert (p["tlv"].vragen, p["tlv"].besluiten) == (1, 0)


def test_per_jaar(d):
    vorig, dit = rk.kengetallen(d.mw, JAAR, "jaar", jaren=2)
    assert (vorig.label, dit.label) == ("2025-2026", "2026-2027")
    # 2025-2026: v6 and v7 filed, v6 decided (7 werkdagen, 9 days), ar_oud, its evaluation,
    # the placement that started on 1 July.
    assert (vorig.vragen, vorig.toegekend, vorig.afgewezen) == (2, 1, 0)
    assert _doorloop(vorig) == _dec("7", "7", "9", "9")
    assert (vorig.arrangementen, vorig.kosten, vorig.plaatsingen, vorig.behaald) == (
        1, Decimal("1000.00"), 1, 1)  # fmt: skip
    assert (dit.vragen, dit.besluiten, dit.arrangementen, dit.plaatsingen) == (6, 6, 3, 1)
    assert _doorloop(dit) == _dec("5.5", "8.5", "9", "12")
    # A year without anything is a row of zeros, not a missing year.
    leeg = rk.kengetallen(d.mw, 2020, "jaar", jaren=1)[0]
    assert (leeg.label, leeg.vragen, leeg.werkdagen_mediaan) == ("2020-2021", 0, None)


def test_per_swv(d):
    rijen = rk.kengetallen(d.mw, JAAR, "swv")
    assert [r.label for r in rijen] == ["PO9901 Route-SWV"]
    assert rijen[0].vragen == 6


def test_bezetting_on_a_date(d):
    (b,) = rk.bezetting(d.mw, D("2026-10-15"))
    assert (b.voorziening, b.capaciteit, b.bezet, b.vrij, b.wachtlijst, b.bezettingsgraad) == (
        d.voorziening, 2, 2, 0, 1, Decimal("100.0"))  # fmt: skip
    # After the placement of 1 July ended on 31 October.
    (b,) = rk.bezetting(d.mw, D("2026-11-15"))
    assert (b.bezet, b.vrij, b.bezettingsgraad) == (1, 1, Decimal("50.0"))


# Scope ---------------------------------------------------------------------------------------


def test_school_user_sees_only_its_school(d):
    ib = GebruikerFactory(username="route-ib", rol=Rol.SCHOOL, school=d.a1)
    rijen = rk.kengetallen(ib, JAAR, "school")
    assert [r.label for r in rijen] == ["Aa-school Een"]
    som = rk.totaal(rijen)
    assert (som.vragen, som.arrangementen, som.plaatsingen, som.evaluaties) == (3, 2, 1, 3)


def test_bestuur_user_sees_only_its_bestuur(d):
    bestuur = GebruikerFactory(username="route-bestuur", rol=Rol.BESTUUR, bestuur=d.a)
    assert [r.label for r in rk.kengetallen(bestuur, JAAR, "school")] == [
        "Aa-school Een", "Aa-school Twee"]  # fmt: skip
    assert [r.label for r in rk.kengetallen(bestuur, JAAR, "bestuur")] == ["Stichting Aa"]


def test_staff_of_another_swv_sees_none_of_it(d, gebruiker):
    labels = {r.label for r in rk.kengetallen(gebruiker("medewerker"), JAAR, "school")}
    assert not labels & {"Aa-school Een", "Aa-school Twee", "Bee-school"}
    assert d.voorziening not in [b.voorziening for b in rk.bezetting(gebruiker("medewerker"))]


@pytest.mark.parametrize("naam", ["opr", "orthopedagoog"])
def test_opr_and_deskundige_get_403(als, naam):
    assert als(naam).get(reverse("kpi:route")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    antwoord = client.get(reverse("kpi:route"))
    assert antwoord.status_code == 302 and "/accounts/login/" in antwoord["Location"]


def test_page_shows_the_bestuur_only_its_schools(d, client):
    bestuur = GebruikerFactory(username="route-bestuur", rol=Rol.BESTUUR, bestuur=d.a)
    inloggen(client, bestuur)
    antwoord = client.get(reverse("kpi:route"), {"schooljaar": JAAR, "groeperen": "school"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Aa-school Een" in html and "Aa-school Twee" in html
    assert "Bee-school" not in html and "Zonder school" not in html
    assert "Kantelklas Route" in html  # the register of its SWV (numbers, no pupils)


def test_page_with_bad_filters_says_so_and_shows_defaults(d, client):
    inloggen(client, d.mw)
    antwoord = client.get(
        reverse("kpi:route"), {"schooljaar": "1066", "groeperen": "klas", "peildatum": "99999"}
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Kies een schooljaar uit de lijst." in html
    assert "Kies school, bestuur, soort vraag, samenwerkingsverband of schooljaar." in html
    assert antwoord.context["groep"] == "school"


# Exports ----------------------------------------------------------------------------------


def test_csv_reads_back_with_the_total(d, client):
    inloggen(client, d.mw)
    antwoord = client.get(
        reverse("kpi:route"), {"schooljaar": JAAR, "groeperen": "school", "format": "csv"}
    )
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    assert "route-kengetallen-school-2026-2027.csv" in antwoord["Content-Disposition"]
    kop, *rijen = lees_csv(antwoord.content)
    assert kop[:4] == ["Schooljaar", "School", "Vragen ingediend", "Besluiten"]
    per = {r[1]: dict(zip(kop, r, strict=True)) for r in rijen}
    assert list(per) == ["Aa-school Een", "Aa-school Twee", "Bee-school", "Zonder school",
                         "Totaal"]  # fmt: skip
    een = per["Aa-school Een"]
    assert een["Schooljaar"] == "2026-2027"
    assert een["Doorlooptijd 90e percentiel (werkdagen)"] == "7,2"
    assert een["Kosten arrangementen (EUR)"] == "1690,00"
    assert een["Uren arrangementen"] == "26,0"
    assert een["Aandeel doelen behaald (%)"] == "66,7"
    assert per["Zonder school"]["Doorlooptijd mediaan (werkdagen)"] == ""
    assert per["Totaal"]["Doorlooptijd mediaan (werkdagen)"] == "5,5"
    assert per["Totaal"]["Vragen ingediend"] == "6"
    assert AuditEvent.objects.filter(
        gebruiker=d.mw, actie="geexporteerd", omschrijving__contains="ondersteuningsroute"
    ).exists()


def test_excel_reads_back_with_numbers(d, client):
    inloggen(client, d.mw)
    antwoord = client.get(
        reverse("kpi:route"), {"schooljaar": JAAR, "groeperen": "bestuur", "format": "xlsx"}
    )
    assert antwoord.status_code == 200
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    kop = rijen[0]
    aa = dict(zip(kop, rijen[1], strict=True))
    assert (aa["Bestuur"], aa["Vragen ingediend"], aa["Toegekend"]) == ("Stichting Aa", 4, 3)
    assert aa["Doorlooptijd 90e percentiel (werkdagen)"] == pytest.approx(7.4)
    assert aa["Kosten arrangementen (EUR)"] == pytest.approx(1690.0)
    assert rijen[-1][1] == "Totaal"


def test_bezetting_export(d, client):
    inloggen(client, d.mw)
    antwoord = client.get(
        reverse("kpi:route"), {"peildatum": "2026-10-15", "tabel": "bezetting", "format": "csv"}
    )
    kop, *rijen = lees_csv(antwoord.content)
    rij = next(dict(zip(kop, r, strict=True)) for r in rijen if r[2] == "Kantelklas Route")
    assert (rij["Capaciteit"], rij["Bezet"], rij["Vrij"], rij["Wachtlijst"]) == ("2", "2", "0", "1")
    assert (rij["Bezettingsgraad (%)"], rij["Peildatum"]) == ("100,0", "15-10-2026")


def test_jaar_export_has_no_group_column(d, client):
    inloggen(client, d.mw)
    antwoord = client.get(
        reverse("kpi:route"), {"schooljaar": JAAR, "groeperen": "jaar", "format": "csv"}
    )
    kop, *rijen = lees_csv(antwoord.content)
    assert kop[:2] == ["Schooljaar", "Vragen ingediend"]
    assert [r[0] for r in rijen] == [
        "2022-2023", "2023-2024", "2024-2025", "2025-2026", "2026-2027", "Totaal"]  # fmt: skip
    totaal = dict(zip(kop, rijen[-1], strict=True))
    # Over both years with data: 8 vragen; the doorlooptijd over all 7 besluiten
    # (werkdagen [2, 4, 5, 6, 7, 8, 9]: median 6).
    assert (totaal["Vragen ingediend"], totaal["Doorlooptijd mediaan (werkdagen)"]) == ("8", "6,0")


# The dashboard and the verantwoording -----------------------------------------------------


def test_computed_kpis(d):
    scope = berekeningen.Scope([d.swv.id])
    jaren = [2024, 2025, JAAR]

    def waarden(code, s=scope):
        return berekeningen.berekende_waarden(code, jaren, s, cache={})

    # 2024-2025 ended before the first vraag was filed (1 July 2026): no value, not 0.
    assert waarden(rk.DOORLOOPTIJD) == {2024: None, 2025: Decimal("7.0"), JAAR: Decimal("5.5")}
    assert waarden(rk.DOELEN_BEHAALD) == {2024: None, 2025: Decimal("100.0"),
                                          JAAR: Decimal("50.0")}  # fmt: skip
    assert waarden(rk.ARRANGEMENTEN) == {2024: None, 2025: Decimal(1), JAAR: Decimal(3)}
    # A bestuur's part of the SWV.
    aa = berekeningen.Scope([d.swv.id], d.a.id)
    assert waarden(rk.DOORLOOPTIJD, aa)[JAAR] == Decimal("5.0")
    assert waarden(rk.ARRANGEMENTEN, aa)[JAAR] == Decimal(2)
    assert berekeningen.uitleg_voor(rk.DOORLOOPTIJD) == rk.KPI_UITLEG


def test_computed_kpis_share_one_fetch_per_page(d):
    cache = {"swv_ids": [d.swv.id], "jaren": [2025, JAAR], "berekend": {}}
    scope = berekeningen.Scope([d.swv.id])
    berekeningen.berekende_waarden(rk.DOORLOOPTIJD, [2025, JAAR], scope, cache=cache)
    with CaptureQueriesContext(connection) as q:
        berekeningen.berekende_waarden(rk.DOELEN_BEHAALD, [2025, JAAR], scope, cache=cache)
        berekeningen.berekende_waarden(rk.ARRANGEMENTEN, [2025, JAAR], scope, cache=cache)
    assert len(q.captured_queries) == 0


def test_arrangementen_per_bestuur_for_the_verantwoording(d):
    assert rk.arrangementen_per_bestuur(d.a, JAAR) == {
        "vragen": 4, "toegekend": 3, "afgewezen": 1, "arrangementen": 2, "verlengingen": 1,
        "kosten": Decimal("1690.00"), "uren": Decimal("26.0"), "plaatsingen": 1,
        "terugplaatsingen": 0,
    }  # fmt: skip
    per = rk.arrangementen_per_besturen(schooljaar=JAAR, bestuur_ids=[d.a.id, d.b.id])
    assert (per[d.b.id]["arrangementen"], per[d.b.id]["kosten"]) == (1, Decimal("2500.00"))
    assert per[d.b.id]["afgewezen"] == 1
    # Limited to another SWV: nothing of this one.
    ander = SamenwerkingsverbandFactory(code="PO9902")
    assert rk.arrangementen_per_bestuur(d.a.id, JAAR, swv_ids=[ander.id])["arrangementen"] == 0


# Query counts -------------------------------------------------------------------------------


def _meer_gegevens(d, n):
    for i in range(n):
        school = SchoolFactory(naam=f"Extra {i}", swv=d.swv, bestuur=SchoolbestuurFactory())
        d.leerlingen[school.pk] = Leerling.objects.create(swv=d.swv, school=school,
                                                          voornaam=f"Extra {i}")  # fmt: skip
        v = _vraag(d, school, "arrangement", "2026-09-01", "2026-09-10")
        arr = _arrangement(d, school, "2026-09-14", "2026-10-25", vraag=v, uren=Decimal("1"),
                           kosten="390.00")  # fmt: skip
        _evaluatie(arr, "2026-10-20", "2026-10-20", "behaald")
        _plaatsing(d, school, v, "geplaatst", "2026-09-11", "2026-09-14")


def _tel(functie):
    with CaptureQueriesContext(connection) as q:
        functie()
    return len(q.captured_queries)


@pytest.mark.parametrize("groep", ["school", "bestuur", "soort", "swv", "jaar"])
def test_query_count_does_not_grow_with_the_rows(d, groep):
    def lezen():
        rk.kengetallen(d.mw, JAAR, groep)
        rk.bezetting(d.mw)

    voor = _tel(lezen)
    _meer_gegevens(d, 4)
    assert _tel(lezen) == voor
    assert voor <= 9


def test_page_query_count_does_not_grow_with_the_rows(d, client):
    inloggen(client, d.mw)
    url = reverse("kpi:route")
    client.get(url)  # warm up (session, permissions)
    voor = _tel(lambda: client.get(url, {"schooljaar": JAAR}))
    _meer_gegevens(d, 4)
    antwoord = None

    def vragen():
        nonlocal antwoord
        antwoord = client.get(url, {"schooljaar": JAAR})

    assert _tel(vragen) == voor
    assert "Extra 3" in antwoord.content.decode()
