"""The adopted plan's PDF moves from a file to an issued document (swv.Document), the
one way the SWV keeps what it issued. The bytes are copied; a plan whose file is missing
gets none (the public page then keeps a new one once)."""

import hashlib

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models


def naar_document(apps, schema_editor):
    Plan = apps.get_model("ondersteuningsplan", "Ondersteuningsplan")
    Document = apps.get_model("swv", "Document")
    for plan in Plan.objects.exclude(vastgestelde_pdf_bestand="").only(
        "id", "vastgestelde_pdf_bestand"
    ):
        naam = plan.vastgestelde_pdf_bestand.name
        try:
            with default_storage.open(naam, "rb") as f:
                inhoud = f.read()
        except OSError:
            continue
        document = Document.objects.create(
            bestandsnaam=naam.rsplit("/", 1)[-1],
            inhoud=inhoud,
            sha256=hashlib.sha256(inhoud).hexdigest(),
        )
        Plan.objects.filter(pk=plan.pk).update(vastgestelde_pdf=document)


def naar_bestand(apps, schema_editor):
    Plan = apps.get_model("ondersteuningsplan", "Ondersteuningsplan")
    from django.core.files.base import ContentFile

    for plan in Plan.objects.exclude(vastgestelde_pdf=None).select_related("vastgestelde_pdf"):
        naam = default_storage.save(
            f"plannen/{plan.vastgestelde_pdf.bestandsnaam}",
            ContentFile(bytes(plan.vastgestelde_pdf.inhoud)),
        )
        Plan.objects.filter(pk=plan.pk).update(vastgestelde_pdf_bestand=naam)


class Migration(migrations.Migration):
    dependencies = [
        ("ondersteuningsplan", "0004_statushistorie"),
        ("swv", "0004_document"),
    ]

    operations = [
        migrations.RenameField(
            "ondersteuningsplan", "vastgestelde_pdf", "vastgestelde_pdf_bestand"
        ),
        migrations.AddField(
            model_name="ondersteuningsplan",
            name="vastgestelde_pdf",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="swv.document",
                verbose_name="vastgestelde PDF",
            ),
        ),
        migrations.RunPython(naar_document, naar_bestand),
        migrations.RemoveField("ondersteuningsplan", "vastgestelde_pdf_bestand"),
    ]
