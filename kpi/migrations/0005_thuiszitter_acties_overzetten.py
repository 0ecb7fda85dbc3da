"""The free text field Thuiszitter.acties becomes the dated action log (ThuiszitterActie).

Forward: each non-empty text becomes one action, dated on the case's startdatum (or the
day it was registered), recorded "by nobody" when the text was last saved. Backward: the
log is written back as text, one line per action; a log that is just one migrated text
gives that text back unchanged.

A separate migration from the schema changes before and after it, so that on PostgreSQL
the rows are committed before the column is dropped.
"""

from django.db import migrations
from django.utils import timezone


def actie_uit_tekst(*, tekst, startdatum, aangemaakt_op, gewijzigd_op):
    """The fields of the one action an old text becomes, or None for an empty text."""
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    return {
        "datum": startdatum or timezone.localdate(aangemaakt_op),
        "omschrijving": tekst,
        "betrokkenen": "",
        "vastgelegd_door": None,
        "vastgelegd_op": gewijzigd_op or aangemaakt_op,
    }


def tekst_uit_acties(acties, startdatum):
    """The old free text for a log (dicts with datum, omschrijving, betrokkenen,
    vastgelegd_door_id, in date order)."""
    if not acties:
        return ""
    if len(acties) == 1:
        a = acties[0]
        if a["datum"] == startdatum and not a["betrokkenen"] and a["vastgelegd_door_id"] is None:
            return a["omschrijving"]  # as migrated: give the text back as it was
    regels = []
    for a in acties:
        regel = f"{a['datum']:%d-%m-%Y}: {a['omschrijving']}"
        if a["betrokkenen"]:
            regel += f" ({a['betrokkenen']})"
        regels.append(regel)
    return "\n".join(regels)


def acties_overzetten(apps, schema_editor):
    Thuiszitter = apps.get_model("kpi", "Thuiszitter")
    ThuiszitterActie = apps.get_model("kpi", "ThuiszitterActie")
    nieuw = []
    rijen = (
        Thuiszitter.objects.exclude(acties="")
        .order_by("pk")
        .values("pk", "acties", "startdatum", "aangemaakt_op", "gewijzigd_op")
    )
    for t in rijen.iterator():
        velden = actie_uit_tekst(
            tekst=t["acties"],
            startdatum=t["startdatum"],
            aangemaakt_op=t["aangemaakt_op"],
            gewijzigd_op=t["gewijzigd_op"],
        )
        if velden is not None:
            nieuw.append(ThuiszitterActie(thuiszitter_id=t["pk"], **velden))
    ThuiszitterActie.objects.bulk_create(nieuw, batch_size=500)


def acties_terugzetten(apps, schema_editor):
    Thuiszitter = apps.get_model("kpi", "Thuiszitter")
    ThuiszitterActie = apps.get_model("kpi", "ThuiszitterActie")
    per_zaak = {}
    for a in ThuiszitterActie.objects.order_by("thuiszitter_id", "datum", "id").values(
        "thuiszitter_id", "datum", "omschrijving", "betrokkenen", "vastgelegd_door_id"
    ):
        per_zaak.setdefault(a["thuiszitter_id"], []).append(a)
    startdata = dict(Thuiszitter.objects.values_list("pk", "startdatum"))
    for pk, acties in per_zaak.items():
        # .update(): the text only, leaving gewijzigd_op (auto_now) as it was.
        Thuiszitter.objects.filter(pk=pk).update(acties=tekst_uit_acties(acties, startdata.get(pk)))


class Migration(migrations.Migration):
    dependencies = [
        ("kpi", "0004_thuiszitteractie"),
    ]

    operations = [
        migrations.RunPython(acties_overzetten, acties_terugzetten),
    ]
