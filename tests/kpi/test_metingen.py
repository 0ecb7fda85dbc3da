"""Metingen: type checks, one per KPI/period/scope with a confirm step to replace,
computed KPIs refused, per role."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from kpi import services
from kpi.models import Meting
from swv.models import AuditEvent, Schoolbestuur
from tests.factories.kpi import MetingFactory

D = Decimal


def test_meting_vastleggen_en_audit(plan, gebruiker):
    mw = gebruiker("medewerker")
    m = services.meting_vastleggen(kpi=plan.kpi["klachten"], schooljaar=2023, waarde=D(4), door=mw)
    assert m.waarde == D(4) and m.ingevoerd_door == mw
    ev = AuditEvent.objects.get(object_type="kpi.meting", object_id=str(m.pk))
    assert ev.actie == "aangemaakt"


def test_tweede_meting_vraagt_om_vervangen_en_verdubbelt_nooit(plan, gebruiker):
    mw = gebruiker("medewerker")
    kpi = plan.kpi["klachten"]
    services.meting_vastleggen(kpi=kpi, schooljaar=2023, waarde=D(4), door=mw)
    with pytest.raises(services.MetingBestaatAl) as fout:
        services.meting_vastleggen(kpi=kpi, schooljaar=2023, waarde=D(6), door=mw)
    assert "vervangen" in fout.value.messages[0]
    assert Meting.objects.get(kpi=kpi).waarde == D(4)
    services.meting_vastleggen(kpi=kpi, schooljaar=2023, waarde=D(6), door=mw, vervangen=True)
    assert list(Meting.objects.filter(kpi=kpi).values_list("waarde", flat=True)) == [D(6)]
    # Another quarter or another scope is a different meting.
    services.meting_vastleggen(kpi=kpi, schooljaar=2023, kwartaal=2, waarde=D(1), door=mw)
    bestuur = Schoolbestuur.objects.get(nummer="41506")
    services.meting_vastleggen(kpi=kpi, schooljaar=2023, bestuur=bestuur, waarde=D(2), door=mw)
    assert Meting.objects.filter(kpi=kpi).count() == 3


def test_database_laat_ook_met_lege_reikwijdte_geen_dubbele_toe(plan):
    MetingFactory(kpi=plan.kpi["klachten"], schooljaar=2023)
    with pytest.raises(IntegrityError), transaction.atomic():
        MetingFactory(kpi=plan.kpi["klachten"], schooljaar=2023)


@pytest.mark.parametrize(
    "sleutel, waarde, code",
    [
        ("klachten", "2.5", "aantal"),
        ("klachten", "-1", "aantal"),
        ("afgestemd", "101", "percentage"),
        ("tevreden", "11", "schaal"),
        ("tevreden", "0", "schaal"),
    ],
)
def test_waarde_die_niet_bij_het_type_past_wordt_geweigerd(plan, gebruiker, sleutel, waarde, code):
    with pytest.raises(ValidationError) as fout:
        services.meting_vastleggen(
            kpi=plan.kpi[sleutel], schooljaar=2023, waarde=D(waarde), door=gebruiker("medewerker")
        )
    assert fout.value.code == code
    assert not Meting.objects.filter(kpi=plan.kpi[sleutel]).exists()


def test_berekende_kpi_niet_met_de_hand(plan, gebruiker):
    with pytest.raises(ValidationError) as fout:
        services.meting_vastleggen(
            kpi=plan.kpi["thuis"], schooljaar=2023, waarde=D(3), door=gebruiker("medewerker")
        )
    assert fout.value.code == "berekend"


def test_swv_en_bestuur_tegelijk_geweigerd(plan, gebruiker, zl_swvs):
    with pytest.raises(ValidationError):
        services.meting_vastleggen(
            kpi=plan.kpi["klachten"],
            schooljaar=2023,
            swv=zl_swvs[0],
            bestuur=Schoolbestuur.objects.first(),
            waarde=D(1),
            door=gebruiker("medewerker"),
        )


# Through the form ---------------------------------------------------------------------------


def _post(client, kpi, **data):
    basis = {"schooljaar": "2023", "kwartaal": "0", "waarde": "3", "bron": "registratie"}
    return client.post(reverse("kpi:meting-nieuw", args=[kpi.pk]), {**basis, **data})


def test_formulier_slaat_op_met_komma(als, plan):
    c = als("medewerker")
    r = _post(c, plan.kpi["tevreden"], waarde="7,5")
    assert r.status_code == 302
    assert Meting.objects.get(kpi=plan.kpi["tevreden"]).waarde == D("7.5")


def test_formulier_foutmelding_bij_het_veld(als, plan):
    c = als("medewerker")
    r = _post(c, plan.kpi["afgestemd"], waarde="120")
    assert r.status_code == 200
    assert "Een percentage ligt tussen 0 en 100." in r.content.decode()
    r = _post(c, plan.kpi["afgestemd"], waarde="veel")
    assert "Vul een getal in" in r.content.decode()
    assert not Meting.objects.filter(kpi=plan.kpi["afgestemd"]).exists()


def test_formulier_bevestigstap_bij_tweede_meting(als, plan):
    c = als("medewerker")
    kpi = plan.kpi["klachten"]
    assert _post(c, kpi, waarde="4").status_code == 302
    r = _post(c, kpi, waarde="6")
    html = r.content.decode()
    assert r.status_code == 200 and "Bestaande meting vervangen" in html
    assert Meting.objects.get(kpi=kpi).waarde == D(4)
    # The confirmation names the version of the meting shown.
    versie = r.context["form"]["vervangen_versie"].value()
    r = _post(c, kpi, waarde="6", vervangen="on", vervangen_versie=versie)
    assert r.status_code == 302
    assert list(Meting.objects.filter(kpi=kpi).values_list("waarde", flat=True)) == [D(6)]


def test_formulier_berekende_kpi(als, plan):
    c = als("medewerker")
    r = c.get(reverse("kpi:meting-nieuw", args=[plan.kpi["thuis"].pk]))
    assert "berekent het portaal zelf" in r.content.decode()
    r = _post(c, plan.kpi["thuis"])
    assert r.status_code == 200 and not Meting.objects.filter(kpi=plan.kpi["thuis"]).exists()


@pytest.mark.parametrize(
    "wie, status",
    [
        ("medewerker", 200),
        ("directeur", 200),
        ("trajectbegeleider", 403),
        ("bestuur-innovo", 403),
        ("ib-innovo", 403),
        ("opr", 403),
        ("orthopedagoog", 403),
    ],
)
def test_wie_mag_metingen_invoeren(als, plan, wie, status):
    r = als(wie).get(reverse("kpi:meting-nieuw", args=[plan.kpi["klachten"].pk]))
    assert r.status_code == status


def test_kpi_van_ander_plan_is_404(client, plan, gebruiker):
    from tests.factories import GebruikerFactory, SamenwerkingsverbandFactory
    from tests.helpers import inloggen

    vreemde = GebruikerFactory(rol="medewerker", swvs=[SamenwerkingsverbandFactory()])
    inloggen(client, vreemde)
    assert (
        client.get(reverse("kpi:meting-nieuw", args=[plan.kpi["klachten"].pk])).status_code == 404
    )
    assert client.get(reverse("kpi:kpi-detail", args=[plan.kpi["klachten"].pk])).status_code == 404
