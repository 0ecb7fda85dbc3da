# The plan's history on the shared workflow model (swv.workflow.StatusHistorie):
# notitie becomes toelichting (renamed, the data stays) and every row gets its step.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STATUSSEN = [
    ("concept", "concept"),
    ("consultatie", "in consultatie"),
    ("ter_instemming", "ter instemming bij OPR en OOGO"),
    ("vastgesteld", "vastgesteld"),
    ("bij_inspectie", "verzonden aan inspectie"),
    ("gepubliceerd", "gepubliceerd"),
    ("vervangen", "vervangen door nieuwe versie"),
]

# The step each existing row was, by its target status (the labels of stappen.py as
# they were when this migration was written); concept -> concept was a new version.
STAP_NAAR = {
    "consultatie": "In consultatie gebracht",
    "ter_instemming": "Voorgelegd aan de OPR",
    "concept": "Teruggezet naar concept",
    "vastgesteld": "Vastgesteld namens het bestuur",
    "bij_inspectie": "Verzonden aan de inspectie",
    "gepubliceerd": "Gepubliceerd",
    "vervangen": "Vervangen door een nieuwe versie",
}


def stap_invullen(apps, schema_editor):
    Statusovergang = apps.get_model("ondersteuningsplan", "Statusovergang")
    for naar, stap in STAP_NAAR.items():
        Statusovergang.objects.filter(naar=naar, stap="").exclude(van__in=["", naar]).update(
            stap=stap
        )
    Statusovergang.objects.filter(van="concept", naar="concept", stap="").update(
        stap="Nieuwe versie aangemaakt"
    )


class Migration(migrations.Migration):

    dependencies = [
        ("ondersteuningsplan", "0003_kpi_van_het_plan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="statusovergang",
            old_name="notitie",
            new_name="toelichting",
        ),
        migrations.AlterField(
            model_name="statusovergang",
            name="toelichting",
            field=models.TextField(blank=True, verbose_name="toelichting"),
        ),
        migrations.AddField(
            model_name="statusovergang",
            name="stap",
            field=models.CharField(blank=True, max_length=120, verbose_name="stap"),
        ),
        migrations.AlterField(
            model_name="statusovergang",
            name="door",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="door",
            ),
        ),
        migrations.AlterField(
            model_name="statusovergang",
            name="naar",
            field=models.CharField(choices=STATUSSEN, max_length=20, verbose_name="naar"),
        ),
        migrations.AlterField(
            model_name="statusovergang",
            name="tijdstip",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="tijdstip"
            ),
        ),
        migrations.AlterField(
            model_name="statusovergang",
            name="van",
            field=models.CharField(
                blank=True, choices=STATUSSEN, max_length=20, verbose_name="van"
            ),
        ),
        migrations.RunPython(stap_invullen, migrations.RunPython.noop),
    ]
