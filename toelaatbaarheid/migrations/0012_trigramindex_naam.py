"""A trigram index (pg_trgm) on the lower-case name key of a TLV case, so the name search
(`leerling_sleutel LIKE '%...%'`, toelaatbaarheid/filters.py) uses an index on PostgreSQL
instead of reading every case. SQLite has no such index; nothing happens there."""

from django.db import migrations

INDEX = "toelaatbaarheid_aanvraag_sleutel_trgm"


def maken(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON toelaatbaarheid_aanvraag "
        "USING gin (leerling_sleutel gin_trgm_ops)"
    )


def verwijderen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("toelaatbaarheid", "0011_beschikking_adres_bezwaar_documenten")]

    operations = [migrations.RunPython(maken, verwijderen)]
