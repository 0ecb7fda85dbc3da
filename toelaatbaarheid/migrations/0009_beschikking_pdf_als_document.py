"""The beschikking and the letter to the parents move from BinaryFields on the
beschikking into issued documents (swv.Document), the one way the SWV keeps what it
sent; the bytes are copied."""

import hashlib

import django.db.models.deletion
from django.db import migrations, models

VELDEN = (("pdf", "beschikking"), ("brief_pdf", "brief-ouders"))


def naar_document(apps, schema_editor):
    Beschikking = apps.get_model("toelaatbaarheid", "Beschikking")
    Document = apps.get_model("swv", "Document")
    for besch in Beschikking.objects.only("id", "jaar", "volgnummer", "pdf_oud", "brief_pdf_oud").iterator(chunk_size=200):
        nieuw = {}
        for veld, naam in VELDEN:
            inhoud = bytes(getattr(besch, f"{veld}_oud") or b"")
            nieuw[veld] = Document.objects.create(
                bestandsnaam=f"{naam}-{besch.jaar}-{besch.volgnummer:04d}.pdf",
                inhoud=inhoud,
                sha256=hashlib.sha256(inhoud).hexdigest() if inhoud else "",
            )
        Beschikking.objects.filter(pk=besch.pk).update(**nieuw)


def naar_bytes(apps, schema_editor):
    Beschikking = apps.get_model("toelaatbaarheid", "Beschikking")
    for besch in Beschikking.objects.select_related("pdf", "brief_pdf").iterator(chunk_size=200):
        Beschikking.objects.filter(pk=besch.pk).update(
            pdf_oud=bytes(besch.pdf.inhoud) if besch.pdf else b"",
            brief_pdf_oud=bytes(besch.brief_pdf.inhoud) if besch.brief_pdf else b"",
        )


def _veld(naam):
    return models.OneToOneField(
        blank=True,
        editable=False,
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="swv.document",
        verbose_name=naam,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("toelaatbaarheid", "0008_aanvraag_leerling"),
        ("swv", "0004_document"),
    ]

    operations = [
        migrations.RenameField("beschikking", "pdf", "pdf_oud"),
        migrations.RenameField("beschikking", "brief_pdf", "brief_pdf_oud"),
        migrations.AddField("beschikking", "pdf", _veld("beschikking (PDF)")),
        migrations.AddField("beschikking", "brief_pdf", _veld("brief aan de ouders (PDF)")),
        migrations.RunPython(naar_document, naar_bytes),
        # A default on the old columns before they go, so that going back can re-add them
        # on a table that has rows (SQLite rebuilds the table).
        migrations.AlterField("beschikking", "pdf_oud", models.BinaryField(default=b"", editable=False)),
        migrations.AlterField(
            "beschikking", "brief_pdf_oud", models.BinaryField(default=b"", editable=False)
        ),
        migrations.RemoveField("beschikking", "pdf_oud"),
        migrations.RemoveField("beschikking", "brief_pdf_oud"),
    ]
