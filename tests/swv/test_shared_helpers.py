"""The shared helpers: audit trail, exports, PDF rendering."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from swv import audit, exports, pdf
from swv.models import AuditActie, AuditEvent, School


def test_audit_event_records_who_what_where_and_cannot_be_changed(rf, gebruiker):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    request.user = gebruiker("medewerker")
    school = School.objects.first()
    event = audit.bekeken(request, school, "School bekeken")
    event.refresh_from_db()
    assert (
        event.gebruikersnaam,
        event.rol,
        event.actie,
        event.object_type,
        event.object_id,
        event.ip_adres,
    ) == (
        "medewerker",
        "medewerker",
        AuditActie.BEKEKEN,
        "swv.school",
        str(school.pk),
        "10.1.2.3",
    )
    event.omschrijving = "iets anders"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk, omschrijving="School bekeken").exists()


def test_csv_export_reads_back_and_defuses_formulas():
    data = exports.csv_bytes(["naam", "aantal"], [["=SUM(A1)", 3], ["Één", None]])
    assert data.startswith("\ufeff".encode())
    rijen = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rijen == [["naam", "aantal"], ["'=SUM(A1)", "3"], ["Één", ""]]


def test_xlsx_export_reads_back():
    from decimal import Decimal

    data = exports.xlsx_bytes(
        ["swv", "pct"], [["PO3104", Decimal("2.5")], ["+31", 1]], titel="Deelname"
    )
    blad = load_workbook(io.BytesIO(data)).active
    assert blad.title == "Deelname"
    assert [[c.value for c in rij] for rij in blad.iter_rows()] == [
        ["swv", "pct"],
        ["PO3104", 2.5],
        ["'+31", 1],
    ]


def test_export_response_sets_download_headers():
    r = exports.export_response("xlsx", "Deelname per SWV", ["a"], [[1]])
    assert r["Content-Disposition"] == 'attachment; filename="deelname-per-swv.xlsx"'
    r = exports.export_response("csv", "Deelname per SWV", ["a"], [[1]])
    assert r["Content-Type"].startswith("text/csv")


def test_pdf_renders_text_with_our_fonts_and_blocks_foreign_urls():
    html = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>'
        '<link rel="stylesheet" href="/static/css/pdf.css"></head><body><h1>Beschikking</h1>'
        '<p>Één leerling, € 12,50.</p><img src="https://example.org/spion.png" alt=""></body></html>'
    )
    lezer = PdfReader(io.BytesIO(pdf.html_naar_pdf(html)))
    tekst = lezer.pages[0].extract_text()
    assert "Beschikking" in tekst and "Één leerling, € 12,50." in tekst
    assert "pagina 1 van 1" in tekst
    fonts = [f.get_object()["/BaseFont"] for f in lezer.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all("Source-Sans-3" in naam for naam in fonts)


def test_url_fetcher_refuses_files_and_remote_urls():
    with pytest.raises(pdf.GeblokkeerdeBron):
        pdf.url_fetcher("file:///etc/passwd")
    with pytest.raises(pdf.GeblokkeerdeBron):
        pdf.url_fetcher("https://example.org/x.css")
    with pytest.raises(pdf.GeblokkeerdeBron):
        pdf.url_fetcher(pdf.BASE_URL + "static/../../etc/passwd")
    antwoord = pdf.url_fetcher(pdf.BASE_URL + "static/css/pdf.css")
    assert antwoord.headers.get_content_type() == "text/css"
    assert b"Source Sans 3" in antwoord.read()


def test_audit_page_is_for_the_privacy_role_only(als):
    for username in ["medewerker", "directeur", "bestuur-innovo", "opr"]:
        assert als(username).get("/privacy/audit/").status_code == 403
    client = als("privacy")
    client.get("/organisatie/")
    antwoord = client.get("/privacy/audit/", {"gebruiker": "privacy"})
    assert antwoord.status_code == 200
    assert all(e.gebruikersnaam == "privacy" for e in antwoord.context["object_list"])


def test_audit_trail_cannot_be_changed_in_admin(client, gebruiker):
    from tests.helpers import inloggen

    admin = gebruiker("medewerker")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    inloggen(client, admin)
    event = AuditEvent.objects.create(actie=AuditActie.BEKEKEN, omschrijving="x")
    assert client.get("/admin/swv/auditevent/").status_code == 200
    assert (
        client.post(f"/admin/swv/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()
