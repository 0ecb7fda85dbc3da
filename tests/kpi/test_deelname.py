"""/kpi/deelname/: table per SWV and year, exports read back, scoping; /kpi/verwijzingen/."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    GebruikerFactory,
    LeerlingtellingFactory,
    SamenwerkingsverbandFactory,
    SchoolFactory,
)
from tests.helpers import inloggen


def _klein(client):
    swv = SamenwerkingsverbandFactory(code="PO9911", naam="Proef")
    for soort, aantal in [("BAO", 380), ("SBO", 20), ("SO", 12), ("SO_VSO", 4), ("VSO", 70)]:
        LeerlingtellingFactory(
            school=SchoolFactory(swv=swv, soort=soort), teldatum=date(2024, 10, 1), aantal=aantal
        )
    gebruiker = GebruikerFactory(rol="medewerker", swvs=[swv])
    inloggen(client, gebruiker)
    return swv


def test_csv_met_de_hand_nagerekend(client):
    _klein(client)
    r = client.get(reverse("kpi:deelname"), {"format": "csv"})
    rijen = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rijen) == 1
    rij = rijen[0]
    # SBO 20 / (380 + 20) = 5%; SO (12 + 4) / 400 = 4%; VSO left out.
    assert {
        k: rij[k]
        for k in (
            "swv",
            "jaar",
            "leerlingen_bao",
            "leerlingen_sbo",
            "leerlingen_so",
            "sbo_pct",
            "so_pct",
        )
    } == {
        "swv": "PO9911",
        "jaar": "2024",
        "leerlingen_bao": "380",
        "leerlingen_sbo": "20",
        "leerlingen_so": "16",
        "sbo_pct": "5,00",
        "so_pct": "4,00",
    }


def test_xlsx_teruggelezen(client):
    _klein(client)
    r = client.get(reverse("kpi:deelname"), {"format": "xlsx"})
    rijen = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rijen[0][:8] == (
        "swv",
        "swv_naam",
        "jaar",
        "leerlingen_bao",
        "leerlingen_sbo",
        "leerlingen_so",
        "sbo_pct",
        "so_pct",
    )
    assert rijen[1][:8] == ("PO9911", "Proef", 2024, 380, 20, 16, 5.0, 4.0)


def test_alleen_eigen_swvs(client):
    _klein(client)
    html = client.get(reverse("kpi:deelname")).content.decode()
    assert "PO9911" in html and "PO3106" not in html


def test_demo_drie_swvs_alle_jaren_in_csv(als):
    r = als("medewerker").get(reverse("kpi:deelname"), {"format": "csv"})
    rijen = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    for code in ("PO3104", "PO3105", "PO3106"):
        jaren = sorted(int(x["jaar"]) for x in rijen if x["swv"] == code)
        assert jaren == list(range(1996, 2026)), code
    parkstad = next(x for x in rijen if x["swv"] == "PO3106" and x["jaar"] == "2024")
    bao, sbo = int(parkstad["leerlingen_bao"]), int(parkstad["leerlingen_sbo"])
    assert Decimal(parkstad["sbo_pct"].replace(",", ".")) == (
        Decimal(sbo) * 100 / (bao + sbo)
    ).quantize(Decimal("0.01"))


def test_pagina_met_uitleg_en_filter(als):
    c = als("bestuur-innovo")
    html = c.get(reverse("kpi:deelname")).content.decode()
    assert "SO-leerlingen tellen niet mee in de noemer" in html
    assert "benadering" in html
    assert 'role="img"' in html


def test_filter_op_swv(als, zl_swvs):
    c = als("medewerker")
    swv = next(s for s in zl_swvs if s.code == "PO3105")
    r = c.get(reverse("kpi:deelname"), {"swv": swv.pk, "format": "csv"})
    codes = {
        x["swv"] for x in csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";")
    }
    assert codes == {"PO3105"}
    assert c.get(reverse("kpi:deelname"), {"swv": "abc"}).status_code == 200


def test_verwijzingen_pagina(als):
    c = als("medewerker")
    r = c.get(reverse("kpi:verwijzingen"), {"schooljaar": "2024"})
    html = r.content.decode()
    assert r.status_code == 200
    assert "TLV-kengetallen per samenwerkingsverband" in html and "Verwijzingen per school" in html
    r = c.get(
        reverse("kpi:verwijzingen"), {"schooljaar": "2024", "tabel": "bestuur", "format": "xlsx"}
    )
    kop = next(load_workbook(io.BytesIO(r.content)).active.values)
    assert kop[:5] == ("bestuur", "nummer", "schooljaar", "leerlingen_bao", "naar_sbo")
    r = c.get(reverse("kpi:verwijzingen"), {"schooljaar": "2024", "format": "csv"})
    assert {
        x["swv"] for x in csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";")
    } == {
        "PO3104",
        "PO3105",
        "PO3106",
    }


def test_verwijzingen_per_school_niet_voor_opr(als):
    html = als("opr").get(reverse("kpi:verwijzingen")).content.decode()
    assert "Verwijzingen per school" not in html
    assert "TLV-kengetallen per samenwerkingsverband" in html
