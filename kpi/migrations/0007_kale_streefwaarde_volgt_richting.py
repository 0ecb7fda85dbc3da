"""A bare percentage target ('25%') was stored as 'at least' whatever the KPI's direction,
so '5%' on a lower-is-better KPI read as 'at least 5%'. A bare target is now stored as '='
and read by the KPI's direction (Streefwaarde.gehaald). Higher-is-better targets keep their
meaning; lower-is-better ones get the meaning their authors wrote."""

from django.db import migrations


def naar_gelijk(apps, schema_editor):
    Streefwaarde = apps.get_model("kpi", "Streefwaarde")
    Streefwaarde.objects.filter(kpi__type="percentage", comparator=">=").update(comparator="=")


def naar_minstens(apps, schema_editor):
    # Back to the old reading for higher-is-better KPIs, where it meant the same. On
    # lower-is-better KPIs the old reading was the defect: leave those as they are.
    Streefwaarde = apps.get_model("kpi", "Streefwaarde")
    Streefwaarde.objects.filter(
        kpi__type="percentage", kpi__richting="hoger", comparator="="
    ).update(comparator=">=")


class Migration(migrations.Migration):
    dependencies = [("kpi", "0006_remove_thuiszitter_acties")]

    operations = [migrations.RunPython(naar_gelijk, naar_minstens)]
