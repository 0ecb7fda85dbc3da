"""The leerlingdossier: one per pupil within an SWV, scoped as every pupil record, audited
when read or changed (by number, never by name), with the parents' consent recorded."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from leerlingen import services
from leerlingen.models import Leerling, Toestemming
from leerlingen.selectors import leerlingen_voor
from leerlingen.tijdlijn import Gebeurtenis, registreer, tijdlijn
from swv.models import AuditEvent, School
from swv.selectors import scholen_voor
from tests.conftest import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db


def _geboren(groep: int) -> date:
    vandaag = timezone.localdate()
    return vandaag.replace(year=vandaag.year - groep - 4, month=1, day=15)


def _nieuw(gebruiker, school, voornaam="Sem", achternaam="Proefleerling", groep=5, **kw):
    return services.leerling_aanmaken(
        gebruiker=gebruiker, school=school, voornaam=voornaam, achternaam=achternaam,
        geboortedatum=kw.pop("geboortedatum", _geboren(groep)), groep=groep, **kw,
    )  # fmt: skip


@pytest.fixture
def ib(gebruiker):
    return gebruiker("ib-innovo")


@pytest.fixture
def eigen_school(ib):
    return ib.school


@pytest.fixture
def andere_school(eigen_school):
    return School.objects.binnen_swv().exclude(bestuur=eigen_school.bestuur).filter(
        swv=eigen_school.swv, soort="BAO").order_by("pk").first()  # fmt: skip


VERWACHT = {
    # who sees a dossier at the ib-innovo school (INNOVO, PO3106)
    "medewerker": True, "directeur": True, "privacy": True, "trajectbegeleider": True,
    "bestuur-innovo": True, "ib-innovo": True,
    "bestuur-movare": False, "orthopedagoog": False, "jeugdarts": False, "opr": False,
}  # fmt: skip


@pytest.mark.parametrize("naam", DEMO_ACCOUNTS)
def test_wie_een_dossier_ziet(gebruiker, ib, eigen_school, naam):
    dossier = _nieuw(ib, eigen_school)
    assert leerlingen_voor(gebruiker(naam)).filter(pk=dossier.pk).exists() is VERWACHT[naam]


def test_school_ziet_alleen_eigen_school_en_tb_alleen_eigen_en_open(gebruiker, ib, andere_school):
    mw = gebruiker("medewerker")
    elders = _nieuw(mw, andere_school)
    assert not leerlingen_voor(ib).filter(pk=elders.pk).exists()
    tb = gebruiker("trajectbegeleider")
    assert leerlingen_voor(tb).filter(pk=elders.pk).exists()  # unassigned: the intake queue
    from tests.factories import GebruikerFactory

    collega = GebruikerFactory(rol="trajectbegeleider", swvs=list(tb.samenwerkingsverbanden.all()))
    services.leerling_wijzigen(gebruiker=mw, leerling=elders, trajectbegeleider=collega)
    assert not leerlingen_voor(tb).filter(pk=elders.pk).exists()
    assert leerlingen_voor(collega).filter(pk=elders.pk).exists()


def test_school_kan_geen_dossier_aanmaken_op_een_andere_school(ib, andere_school):
    with pytest.raises(PermissionDenied):
        _nieuw(ib, andere_school)
    assert not Leerling.objects.filter(achternaam="Proefleerling").exists()


@pytest.mark.parametrize("naam", ["bestuur-innovo", "opr", "orthopedagoog"])
def test_rollen_zonder_dossierwerk_maken_niets_aan(gebruiker, eigen_school, naam):
    with pytest.raises(PermissionDenied):
        _nieuw(gebruiker(naam), eigen_school)


def test_onjuiste_invoer_krijgt_een_nederlandse_melding_bij_het_veld(ib, eigen_school):
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        _nieuw(ib, eigen_school, geboortedatum=morgen)
    assert "toekomst" in fout.value.message_dict["geboortedatum"][0]
    # A child of five cannot be in groep 5.
    vijf = timezone.localdate().replace(year=timezone.localdate().year - 5)
    with pytest.raises(ValidationError) as fout:
        _nieuw(ib, eigen_school, geboortedatum=vijf, groep=5)
    assert "past niet bij de leeftijd" in fout.value.message_dict["groep"][0]
    assert not Leerling.objects.filter(achternaam="Proefleerling").exists()


def test_dubbel_dossier_met_link_voor_wie_het_ziet_zonder_onthulling_voor_wie_niet(
    gebruiker, ib, eigen_school, andere_school
):
    mw = gebruiker("medewerker")
    bestaand = _nieuw(mw, andere_school, voornaam="Mila", achternaam="de Dubbel")
    # Same pupil, other spelling of spaces and case, at the ib'er's school:
    with pytest.raises(services.DubbelDossier) as fout:
        _nieuw(ib, eigen_school, voornaam="mila", achternaam="De  Dubbel",
               geboortedatum=bestaand.geboortedatum)  # fmt: skip
    assert fout.value.bestaand is None
    tekst = " ".join(fout.value.messages)
    assert andere_school.naam not in tekst and bestaand.nummer not in tekst
    with pytest.raises(services.DubbelDossier) as fout:
        _nieuw(mw, eigen_school, voornaam="Mila", achternaam="de Dubbel",
               geboortedatum=bestaand.geboortedatum)  # fmt: skip
    assert fout.value.bestaand == bestaand


def test_database_weigert_tweede_dossier_ook_zonder_de_controle(gebruiker, eigen_school):
    from django.db import IntegrityError, transaction

    eerste = _nieuw(gebruiker("medewerker"), eigen_school)
    with pytest.raises(IntegrityError), transaction.atomic():
        Leerling.objects.create(swv=eerste.swv, school=eigen_school, voornaam="Sem",
                                achternaam="Proefleerling", geboortedatum=eerste.geboortedatum)  # fmt: skip


def test_audit_noemt_het_dossiernummer_nooit_de_naam(als, ib, eigen_school):
    dossier = _nieuw(ib, eigen_school, voornaam="Zoë", achternaam="Geheimnaam")
    r = als("ib-innovo").get(f"/leerlingen/{dossier.pk}/")
    assert r.status_code == 200 and "Geheimnaam" in r.content.decode()
    regels = AuditEvent.objects.filter(object_type="leerlingen.leerling", object_id=str(dossier.pk))
    assert set(regels.values_list("actie", flat=True)) == {"aangemaakt", "bekeken"}
    for regel in regels:
        assert "Geheimnaam" not in regel.omschrijving and "Zoë" not in regel.omschrijving
        assert dossier.nummer in regel.omschrijving


def test_pagina_buiten_het_werkgebied_is_404(als, gebruiker, eigen_school):
    dossier = _nieuw(gebruiker("medewerker"), eigen_school)
    assert als("bestuur-movare").get(f"/leerlingen/{dossier.pk}/").status_code == 404
    assert als("opr").get(f"/leerlingen/{dossier.pk}/").status_code == 403


def test_aanmaken_via_het_formulier(als, eigen_school):
    c = als("ib-innovo")
    r = c.post("/leerlingen/nieuw/", {"school": eigen_school.pk, "voornaam": "Bo",
               "achternaam": "Formulier", "geboortedatum": _geboren(3).isoformat(), "groep": 3})  # fmt: skip
    dossier = Leerling.objects.get(achternaam="Formulier")
    assert r.status_code == 302 and r["Location"] == f"/leerlingen/{dossier.pk}/"
    r = c.post("/leerlingen/nieuw/", {"school": eigen_school.pk, "voornaam": "Bo",
               "achternaam": "Formulier", "geboortedatum": _geboren(3).isoformat(), "groep": 3})  # fmt: skip
    assert (
        r.status_code == 302 and r["Location"] == f"/leerlingen/{dossier.pk}/"
    )  # the existing one
    r = c.post("/leerlingen/nieuw/", {"school": eigen_school.pk, "voornaam": "Bo",
               "achternaam": "", "geboortedatum": "2099-01-01"})  # fmt: skip
    html = r.content.decode()
    assert r.status_code == 200 and "Het formulier is niet opgeslagen" in html
    assert Leerling.objects.filter(voornaam="Bo").count() == 1


def test_toestemming_vastleggen_en_intrekken(als, gebruiker, ib, eigen_school):
    dossier = _nieuw(ib, eigen_school)
    vandaag = timezone.localdate()
    c = als("ib-innovo")
    r = c.post(f"/leerlingen/{dossier.pk}/toestemming/", {"toestemming-gegeven_door": "vader",
               "toestemming-datum": (vandaag + timedelta(days=3)).isoformat(),
               "toestemming-reikwijdte": "Delen met het SWV"})  # fmt: skip
    assert r.status_code == 400 and "toekomst" in r.content.decode()
    c.post(f"/leerlingen/{dossier.pk}/toestemming/", {"toestemming-gegeven_door": "vader",
           "toestemming-datum": vandaag.isoformat(), "toestemming-reikwijdte": "Delen met het SWV"})  # fmt: skip
    t = Toestemming.objects.get(leerling=dossier)
    assert t.vastgelegd_door == ib and t.geldig
    gisteren = (vandaag - timedelta(days=1)).isoformat()
    r = c.post(
        f"/leerlingen/{dossier.pk}/toestemming/{t.pk}/intrekken/", {"intrekken-datum": gisteren}
    )
    assert r.status_code == 400  # before the consent was given
    c.post(f"/leerlingen/{dossier.pk}/toestemming/{t.pk}/intrekken/",
           {"intrekken-datum": vandaag.isoformat()})  # fmt: skip
    t.refresh_from_db()
    assert t.ingetrokken_op == vandaag and not t.geldig
    # Another bestuur's user cannot withdraw it (404: does not exist for them).
    r = als("bestuur-movare").post(f"/leerlingen/{dossier.pk}/toestemming/{t.pk}/intrekken/",
                                   {"intrekken-datum": vandaag.isoformat()})  # fmt: skip
    assert r.status_code in (403, 404)


def test_tijdlijn_verzamelt_de_bronnen_nieuwste_eerst(monkeypatch, ib, eigen_school):
    from leerlingen import tijdlijn as module

    dossier = _nieuw(ib, eigen_school)
    monkeypatch.setattr(module, "_BRONNEN", [])
    registreer(lambda leerling, user: [Gebeurtenis(date(2026, 1, 5), "TLV", "oud")])
    registreer(lambda leerling, user: [Gebeurtenis(date(2026, 3, 1), "Vraag", "nieuw"),
                             Gebeurtenis(date(2026, 2, 1), "Vraag", "midden")])  # fmt: skip
    assert [g.titel for g in tijdlijn(dossier, ib)] == ["nieuw", "midden", "oud"]


def test_school_keuze_in_het_formulier_is_het_werkgebied(ib):
    from leerlingen.forms import LeerlingForm

    form = LeerlingForm(user=ib)
    assert set(form.fields["school"].queryset) <= set(scholen_voor(ib))
    assert "trajectbegeleider" not in form.fields
