"""The report history becomes a `swv.workflow.StatusHistorie` (fields renamed, data kept;
`stap` filled from the status the row led to) and rounds get a history of their own."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

VERSLAG_STATUSSEN = [
    ("concept", "concept"),
    ("ingediend", "ingediend"),
    ("teruggegeven", "teruggegeven"),
    ("geaccepteerd", "geaccepteerd"),
]
RONDE_STATUSSEN = [("voorbereiding", "in voorbereiding"), ("open", "open"), ("gesloten", "gesloten")]

# The labels of the steps in kpi/verantwoording/stappen.py that lead to each status.
STAP_NAAR = {
    "ingediend": "Verslag ingediend",
    "teruggegeven": "Verslag teruggegeven",
    "geaccepteerd": "Verslag geaccepteerd",
}


def stap_invullen(apps, schema_editor):
    VerslagGebeurtenis = apps.get_model("verantwoording", "VerslagGebeurtenis")
    for naar, stap in STAP_NAAR.items():
        VerslagGebeurtenis.objects.filter(naar=naar, stap="").update(stap=stap)


class Migration(migrations.Migration):
    dependencies = [
        ("verantwoording", "0002_verslag_pdf"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("verslaggebeurtenis", "gebruiker", "door"),
        migrations.RenameField("verslaggebeurtenis", "van_status", "van"),
        migrations.RenameField("verslaggebeurtenis", "naar_status", "naar"),
        migrations.RenameField("verslaggebeurtenis", "opmerking", "toelichting"),
        # As every workflow history: a user who took a step is deactivated, not deleted.
        migrations.AlterField(
            model_name="verslaggebeurtenis",
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
            model_name="verslaggebeurtenis",
            name="van",
            field=models.CharField(
                blank=True, choices=VERSLAG_STATUSSEN, max_length=20, verbose_name="van"
            ),
        ),
        migrations.AlterField(
            model_name="verslaggebeurtenis",
            name="toelichting",
            field=models.TextField(blank=True, verbose_name="toelichting"),
        ),
        migrations.AddField(
            model_name="verslaggebeurtenis",
            name="stap",
            field=models.CharField(blank=True, max_length=120, verbose_name="stap"),
        ),
        migrations.RunPython(stap_invullen, migrations.RunPython.noop),
        migrations.CreateModel(
            name="RondeGebeurtenis",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("stap", models.CharField(blank=True, max_length=120, verbose_name="stap")),
                (
                    "tijdstip",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="tijdstip"
                    ),
                ),
                ("toelichting", models.TextField(blank=True, verbose_name="toelichting")),
                (
                    "van",
                    models.CharField(
                        blank=True, choices=RONDE_STATUSSEN, max_length=20, verbose_name="van"
                    ),
                ),
                (
                    "naar",
                    models.CharField(choices=RONDE_STATUSSEN, max_length=20, verbose_name="naar"),
                ),
                (
                    "door",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="door",
                    ),
                ),
                (
                    "ronde",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gebeurtenissen",
                        to="verantwoording.ronde",
                    ),
                ),
            ],
            options={
                "verbose_name": "gebeurtenis van een ronde",
                "verbose_name_plural": "geschiedenis van rondes",
                "ordering": ["tijdstip", "id"],
                "abstract": False,
            },
        ),
    ]
