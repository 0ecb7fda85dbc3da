"""Issued documents, one way (swv.documenten): kept as sent, served as kept, erased on
anonymisation without losing the fact; the adopted plan's file moved into it by migration."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from swv import documenten
from swv.models import Document

PDF = b"%PDF-1.7\n% beschikking\n"


@pytest.mark.django_db
def test_bewaren_en_serveren_geeft_terug_wat_verzonden_is():
    doc = documenten.bewaren(PDF, "beschikking-2026-0001.pdf")
    doc = Document.objects.get(pk=doc.pk)
    assert bytes(doc.inhoud) == PDF and doc.sha256 == hashlib.sha256(PDF).hexdigest()
    r = documenten.als_response(doc)
    assert r.content == PDF and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == 'inline; filename="beschikking-2026-0001.pdf"'
    r = documenten.als_response(doc, "Brief aan de ouders", inline=False)
    assert r["Content-Disposition"] == 'attachment; filename="brief-aan-de-ouders.pdf"'


@pytest.mark.django_db
def test_wissen_haalt_de_inhoud_weg_maar_niet_het_feit():
    a, b = documenten.bewaren(PDF, "a.pdf"), documenten.bewaren(PDF, "b.pdf")
    documenten.wissen(a.pk, None)
    a, b = Document.objects.get(pk=a.pk), Document.objects.get(pk=b.pk)
    assert bytes(a.inhoud) == b"" and a.sha256 == "" and a.bestandsnaam == "a.pdf"
    assert bytes(b.inhoud) == PDF


@pytest.mark.django_db(transaction=True)
def test_migratie_neemt_de_bewaarde_plan_pdf_over():
    executor = MigrationExecutor(connection)
    oud, nieuw = (
        [("ondersteuningsplan", "0004_statushistorie")],
        [("ondersteuningsplan", "0005_vastgestelde_pdf_als_document")],
    )
    executor.migrate(oud)
    apps = executor.loader.project_state(oud).apps
    Plan = apps.get_model("ondersteuningsplan", "Ondersteuningsplan")
    naam = default_storage.save("plannen/plan-vastgesteld.pdf", ContentFile(PDF))
    met = Plan.objects.create(titel="Met PDF", startjaar=2026, eindjaar=2029,
                              status="gepubliceerd", vastgestelde_pdf=naam)  # fmt: skip
    kwijt = Plan.objects.create(titel="Bestand kwijt", startjaar=2026, eindjaar=2029,
                                status="vastgesteld", vastgestelde_pdf="plannen/weg.pdf")  # fmt: skip
    zonder = Plan.objects.create(titel="Concept", startjaar=2026, eindjaar=2029)
    executor = MigrationExecutor(connection)
    executor.migrate(nieuw)
    apps = executor.loader.project_state(nieuw).apps
    Plan = apps.get_model("ondersteuningsplan", "Ondersteuningsplan")
    doc = Plan.objects.get(pk=met.pk).vastgestelde_pdf
    assert bytes(doc.inhoud) == PDF and doc.bestandsnaam == "plan-vastgesteld.pdf"
    assert Plan.objects.get(pk=kwijt.pk).vastgestelde_pdf is None
    assert Plan.objects.get(pk=zonder.pk).vastgestelde_pdf is None
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
