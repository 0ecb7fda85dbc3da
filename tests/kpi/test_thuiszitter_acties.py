"""The dated action log of a thuiszitter case: adding per role, refusing a future date,
showing it in date order, keeping it out of the anonymous exports, deleting it with the
case, and the data migration from the old free text field."""

import importlib
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kpi import privacy, services
from kpi.models import Thuiszitter, ThuiszitterActie
from swv.demo import innovo_school
from swv.models import AuditEvent, School
from tests.factories.kpi import ThuiszitterFactory

migratie = importlib.import_module("kpi.migrations.0005_thuiszitter_acties_overzetten")

TOEKOMST = "De datum ligt in de toekomst. Vul de datum in waarop de actie is gedaan of afgesproken."


@pytest.fixture
def gevallen():
    """One case at the ib-innovo school, one at another INNOVO school, one at Movare."""
    ib = innovo_school()
    ander_innovo = (
        School.objects.filter(bestuur__nummer="41506", swv__isnull=False).exclude(pk=ib.pk).first()
    )
    movare = School.objects.filter(bestuur__nummer="41516", swv__isnull=False).first()
    return {
        "ib": ThuiszitterFactory(school=ib, pseudoniem="IB.1"),
        "innovo": ThuiszitterFactory(school=ander_innovo, pseudoniem="IN.2"),
        "movare": ThuiszitterFactory(school=movare, pseudoniem="MO.3"),
    }


def _url(t):
    return reverse("kpi:thuiszitter-actie-nieuw", args=[t.pk])


def _actie(**extra):
    return {
        "datum": "2025-02-10",
        "omschrijving": "Gesprek met ouders; deeltijdrooster afgesproken.",
        "betrokkenen": "leerplicht, ouders, jeugdarts",
        **extra,
    }


@pytest.mark.parametrize(
    "wie, zaak",
    [("ib-innovo", "ib"), ("trajectbegeleider", "movare"), ("medewerker", "innovo")],
)
def test_actie_toevoegen_staat_op_de_pagina_en_is_gelogd(als, gebruiker, gevallen, wie, zaak):
    t = gevallen[zaak]
    c = als(wie)
    r = c.post(_url(t), _actie())
    assert r.status_code == 302
    assert r["Location"] == f"{t.get_absolute_url()}#acties"
    actie = ThuiszitterActie.objects.get(thuiszitter=t)
    assert actie.datum == date(2025, 2, 10)
    assert actie.omschrijving == "Gesprek met ouders; deeltijdrooster afgesproken."
    assert actie.betrokkenen == "leerplicht, ouders, jeugdarts"
    assert actie.vastgelegd_door == gebruiker(wie)
    assert abs(timezone.now() - actie.vastgelegd_op) < timedelta(minutes=1)

    html = c.get(t.get_absolute_url()).content.decode()
    assert "Gesprek met ouders; deeltijdrooster afgesproken." in html
    assert '<time datetime="2025-02-10">10 februari 2025</time>' in html
    assert "leerplicht, ouders, jeugdarts" in html
    assert f"Vastgelegd door {gebruiker(wie)}" in html

    ev = AuditEvent.objects.filter(
        object_type="kpi.thuiszitter", object_id=str(t.pk), actie="gewijzigd"
    ).latest("id")
    assert ev.gebruikersnaam == wie and ev.details["actie_id"] == actie.pk
    # The audit log names the action, never its text.
    assert not AuditEvent.objects.filter(omschrijving__contains="deeltijdrooster").exists()
    assert "deeltijdrooster" not in str(ev.details)


@pytest.mark.parametrize(
    "wie, zaak, status",
    [
        ("bestuur-innovo", "ib", 403),  # sees the case, may not change it
        ("bestuur-movare", "ib", 404),  # not its school
        ("ib-innovo", "movare", 404),  # another school's case
        ("trajectbegeleider", "ib", 302),  # allowed: the counter-check
        ("opr", "ib", 404),
        ("orthopedagoog", "ib", 404),
        ("jeugdarts", "ib", 404),
    ],
)
def test_wie_mag_een_actie_toevoegen(als, gevallen, wie, zaak, status):
    t = gevallen[zaak]
    r = als(wie).post(_url(t), _actie())
    assert r.status_code == status
    assert ThuiszitterActie.objects.filter(thuiszitter=t).exists() is (status == 302)


def test_formulier_alleen_voor_wie_mag_wijzigen(als, gevallen):
    t = gevallen["ib"]
    assert "Actie toevoegen" in als("ib-innovo").get(t.get_absolute_url()).content.decode()
    html = als("bestuur-innovo").get(t.get_absolute_url()).content.decode()
    assert "Actie toevoegen" not in html and "Ondernomen acties" in html


def test_get_op_het_post_adres_geeft_niets_prijs(als, gevallen):
    assert als("medewerker").get(_url(gevallen["ib"])).status_code == 405


def test_datum_in_de_toekomst_geweigerd_niets_opgeslagen(als, gevallen):
    t = gevallen["ib"]
    morgen = timezone.localdate() + timedelta(days=1)
    voor = AuditEvent.objects.filter(actie="gewijzigd").count()
    r = als("ib-innovo").post(_url(t), _actie(datum=morgen.isoformat()))
    assert r.status_code == 200
    html = r.content.decode()
    assert TOEKOMST in html and "is-invalid" in html
    assert not ThuiszitterActie.objects.filter(thuiszitter=t).exists()
    assert AuditEvent.objects.filter(actie="gewijzigd").count() == voor


def test_vandaag_mag_wel(als, gevallen):
    t = gevallen["ib"]
    vandaag = timezone.localdate()
    r = als("ib-innovo").post(_url(t), _actie(datum=vandaag.isoformat()))
    assert r.status_code == 302
    assert ThuiszitterActie.objects.get(thuiszitter=t).datum == vandaag


@pytest.mark.parametrize(
    "extra, melding",
    [
        ({"omschrijving": "   "}, "Dit veld is verplicht."),
        ({"datum": ""}, "Dit veld is verplicht."),
        ({"datum": "31-02-2025"}, "Voer een geldige datum in."),
        ({"betrokkenen": "x" * 201}, "niet meer dan 200 tekens"),
        ({"omschrijving": "x" * 2001}, "niet meer dan 2000 tekens"),
    ],
)
def test_foute_invoer_melding_bij_het_veld(als, gevallen, extra, melding):
    t = gevallen["ib"]
    r = als("ib-innovo").post(_url(t), _actie(**extra))
    assert r.status_code == 200
    assert melding in r.content.decode()
    assert not ThuiszitterActie.objects.filter(thuiszitter=t).exists()


def test_service_weigert_ook_zelf_een_toekomstige_datum(gebruiker, gevallen):
    with pytest.raises(ValidationError) as fout:
        services.thuiszitter_actie_toevoegen(
            thuiszitter=gevallen["ib"],
            door=gebruiker("medewerker"),
            datum=timezone.localdate() + timedelta(days=1),
            omschrijving="Later",
        )
    assert fout.value.message_dict == {"datum": [TOEKOMST]}
    assert not ThuiszitterActie.objects.filter(thuiszitter=gevallen["ib"]).exists()


def test_acties_op_datumvolgorde(als, gevallen):
    t = gevallen["ib"]
    c = als("trajectbegeleider")
    for datum, tekst in [
        ("2025-03-03", "Derde: OT gehouden."),
        ("2025-01-06", "Eerste: verzuimmelding."),
        ("2025-02-03", "Tweede: gesprek ouders."),
    ]:
        assert c.post(_url(t), _actie(datum=datum, omschrijving=tekst)).status_code == 302
    html = c.get(t.get_absolute_url()).content.decode()
    posities = [html.index(s) for s in ("Eerste:", "Tweede:", "Derde:")]
    assert posities == sorted(posities)
    assert list(t.acties_log.values_list("omschrijving", flat=True)) == [
        "Eerste: verzuimmelding.",
        "Tweede: gesprek ouders.",
        "Derde: OT gehouden.",
    ]


def test_wijzigformulier_heeft_geen_vrij_actieveld(als, gevallen):
    html = als("ib-innovo").get(reverse("kpi:thuiszitter-wijzigen", args=[gevallen["ib"].pk]))
    assert 'name="acties"' not in html.content.decode()


def _met_actie(t, gebruiker, tekst="Vertrouwelijk: huisbezoek jeugdarts."):
    return services.thuiszitter_actie_toevoegen(
        thuiszitter=t,
        door=gebruiker("trajectbegeleider"),
        datum=date(2025, 2, 3),
        omschrijving=tekst,
        betrokkenen="jeugdarts",
    )


def test_exports_bevatten_geen_actieteksten(als, gebruiker, gevallen):
    _met_actie(gevallen["ib"], gebruiker)
    inspectie = als("medewerker").get(
        reverse("kpi:inspectie-export"), {"schooljaar": "2024", "kwartaal": "3"}
    )
    rijen = list(load_workbook(io.BytesIO(inspectie.content)).active.values)
    assert gevallen["ib"].pk in [rij[0] for rij in rijen[1:]]  # the case itself is in it
    assert "huisbezoek" not in str(rijen) and "jeugdarts" not in str(rijen)
    for formaat in ("csv", "xlsx"):
        r = als("medewerker").get(reverse("kpi:thuiszitters"), {"format": formaat})
        assert r.status_code == 200
        assert b"huisbezoek" not in r.content


def test_inzage_toont_de_acties(gebruiker, gevallen):
    actie = _met_actie(gevallen["ib"], gebruiker)
    onderdelen = {
        o.titel: o
        for o in privacy.inzage(
            user=gebruiker("privacy"), achternaam="IB.1", geboortedatum=date(2014, 5, 1)
        )
    }
    assert set(onderdelen) == {"Thuiszittersregister", "Thuiszitters: acties"}
    assert "acties" not in onderdelen["Thuiszittersregister"].kolommen
    rij = dict(
        zip(
            onderdelen["Thuiszitters: acties"].kolommen,
            onderdelen["Thuiszitters: acties"].rijen[0],
            strict=True,
        )
    )
    assert rij["registratie"] == gevallen["ib"].pk
    assert rij["datum"] == date(2025, 2, 3)
    assert rij["omschrijving"] == "Vertrouwelijk: huisbezoek jeugdarts."
    assert rij["vastgelegd door"] == str(gebruiker("trajectbegeleider"))
    assert rij["vastgelegd op"] == timezone.localtime(actie.vastgelegd_op)
    assert len(onderdelen["Thuiszitters: acties"].rijen) == 1  # not the other cases'


def test_bewaartermijn_verwijdert_de_acties(gebruiker, gevallen):
    from django.core.management import call_command

    opgelost, lopend = gevallen["ib"], gevallen["innovo"]
    Thuiszitter.objects.filter(pk=opgelost.pk).update(
        startdatum=date(2021, 1, 4), einddatum=date(2022, 3, 1), status="terug"
    )
    weg, blijft = _met_actie(opgelost, gebruiker), _met_actie(lopend, gebruiker)
    call_command("bewaartermijnen", "--peildatum", "2026-08-01", stdout=io.StringIO())
    # The registration itself is anonymised (kept for the counts); its actions go.
    assert Thuiszitter.objects.get(pk=opgelost.pk).geanonimiseerd_op is not None
    assert not ThuiszitterActie.objects.filter(pk=weg.pk).exists()
    assert ThuiszitterActie.objects.filter(pk=blijft.pk).exists()


# Data migration 0005: the free text field becomes the action log, and back.


def test_tekst_wordt_een_actie_op_de_startdatum():
    geregistreerd = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    gewijzigd = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
    assert migratie.actie_uit_tekst(
        tekst="  Gesprek ouders.\nOT gepland.  ",
        startdatum=date(2025, 2, 17),
        aangemaakt_op=geregistreerd,
        gewijzigd_op=gewijzigd,
    ) == {
        "datum": date(2025, 2, 17),
        "omschrijving": "Gesprek ouders.\nOT gepland.",
        "betrokkenen": "",
        "vastgelegd_door": None,
        "vastgelegd_op": gewijzigd,
    }
    # Without a startdatum: the day of registration in Dutch time (23:30 UTC is the next day).
    zonder = migratie.actie_uit_tekst(
        tekst="Iets",
        startdatum=None,
        aangemaakt_op=datetime(2025, 3, 1, 23, 30, tzinfo=UTC),
        gewijzigd_op=None,
    )
    assert zonder["datum"] == date(2025, 3, 2)
    for leeg in ("", "   \n", None):
        assert (
            migratie.actie_uit_tekst(
                tekst=leeg,
                startdatum=date(2025, 1, 6),
                aangemaakt_op=geregistreerd,
                gewijzigd_op=None,
            )
            is None
        )


def test_log_wordt_weer_tekst():
    start = date(2025, 1, 6)
    enkel = [
        {"datum": start, "omschrijving": "Oud.", "betrokkenen": "", "vastgelegd_door_id": None}
    ]
    assert migratie.tekst_uit_acties(enkel, start) == "Oud."
    log = [
        {"datum": start, "omschrijving": "Oud.", "betrokkenen": "", "vastgelegd_door_id": None},
        {
            "datum": date(2025, 2, 3),
            "omschrijving": "OT gehouden.",
            "betrokkenen": "leerplicht, ouders",
            "vastgelegd_door_id": 7,
        },
    ]
    assert migratie.tekst_uit_acties(log, start) == (
        "06-01-2025: Oud.\n03-02-2025: OT gehouden. (leerplicht, ouders)"
    )
    assert migratie.tekst_uit_acties([], start) == ""


def test_datamigratie_heen_en_terug(als, gebruiker, gevallen):
    """The migration's own functions, on the models as they are at 0005 (the old column is
    put back inside this test's transaction, which rolls it back again)."""
    apps = MigrationLoader(connection).project_state(("kpi", migratie.__name__.split(".")[-1])).apps
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The fixtures' inserts leave deferred foreign-key checks pending, and
            # PostgreSQL refuses ALTER TABLE until they have run.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE kpi_thuiszitter ADD COLUMN acties text NOT NULL DEFAULT ''")
    Oud = apps.get_model("kpi", "Thuiszitter")
    met, spaties, leeg = gevallen["ib"], gevallen["innovo"], gevallen["movare"]
    Oud.objects.filter(pk=met.pk).update(acties="Gesprek ouders en leerplicht; OT gepland.")
    Oud.objects.filter(pk=spaties.pk).update(acties="  \n ")
    voor = ThuiszitterActie.objects.count()

    migratie.acties_overzetten(apps, None)

    assert ThuiszitterActie.objects.count() == voor + 1
    actie = ThuiszitterActie.objects.get(thuiszitter=met)
    assert actie.datum == met.startdatum == date(2025, 1, 6)
    assert actie.omschrijving == "Gesprek ouders en leerplicht; OT gepland."
    assert actie.vastgelegd_door is None
    assert not ThuiszitterActie.objects.filter(thuiszitter__in=[spaties, leeg]).exists()
    # The page says where the entry came from.
    html = als("medewerker").get(met.get_absolute_url()).content.decode()
    assert "Overgenomen uit de eerdere registratie" in html

    # Backward: one migrated text comes back as it was; a longer log as dated lines.
    _met_actie(leeg, gebruiker, tekst="Huisbezoek.")
    Oud.objects.update(acties="")
    migratie.acties_terugzetten(apps, None)
    teksten = dict(Oud.objects.filter(pk__in=[met.pk, leeg.pk]).values_list("pk", "acties"))
    assert teksten == {
        met.pk: "Gesprek ouders en leerplicht; OT gepland.",
        leeg.pk: "03-02-2025: Huisbezoek. (jeugdarts)",
    }
