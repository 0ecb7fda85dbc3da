"""The report's stored PDF moves from a BinaryField on the report into an issued document
(swv.Document), the one way the SWV keeps what it received and sent; bytes copied."""

import hashlib

import django.db.models.deletion
from django.db import migrations, models


def naar_document(apps, schema_editor):
    Verslag = apps.get_model("verantwoording", "Verslag")
    Document = apps.get_model("swv", "Document")
    for verslag in Verslag.objects.exclude(pdf_oud=None).only("id", "pdf_oud").iterator(chunk_size=50):
        inhoud = bytes(verslag.pdf_oud)
        document = Document.objects.create(
            bestandsnaam=f"verantwoording-{verslag.pk}.pdf",
            inhoud=inhoud,
            sha256=hashlib.sha256(inhoud).hexdigest(),
        )
        Verslag.objects.filter(pk=verslag.pk).update(pdf=document)


def naar_bytes(apps, schema_editor):
    Verslag = apps.get_model("verantwoording", "Verslag")
    for verslag in Verslag.objects.exclude(pdf=None).select_related("pdf").iterator(chunk_size=50):
        Verslag.objects.filter(pk=verslag.pk).update(pdf_oud=bytes(verslag.pdf.inhoud))


class Migration(migrations.Migration):
    dependencies = [
        ("verantwoording", "0003_statushistorie"),
        ("swv", "0004_document"),
    ]

    operations = [
        migrations.RenameField("verslag", "pdf", "pdf_oud"),
        migrations.AddField(
            model_name="verslag",
            name="pdf",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="swv.document",
                verbose_name="PDF zoals ingediend/geaccepteerd",
            ),
        ),
        migrations.RunPython(naar_document, naar_bytes),
        migrations.RemoveField("verslag", "pdf_oud"),
    ]
