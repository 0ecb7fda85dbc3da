"""Seed the gelijkgestelde dagen 2024-2030 with the decree's usual pattern. The admin
says the list must be checked against the Besluit; this migration only gives a start."""

from django.db import migrations


def vullen(apps, schema_editor):
    from toelaatbaarheid.termijnen import gelijkgesteld_patroon

    GelijkgesteldeDag = apps.get_model("toelaatbaarheid", "GelijkgesteldeDag")
    for jaar in range(2024, 2031):
        for datum, omschrijving in gelijkgesteld_patroon(jaar).items():
            GelijkgesteldeDag.objects.get_or_create(
                datum=datum, defaults={"omschrijving": omschrijving}
            )


class Migration(migrations.Migration):
    dependencies = [("toelaatbaarheid", "0001_initial")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
