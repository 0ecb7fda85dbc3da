"""The dossier's retention (it goes when every record on it has gone) and the data
migration that attached the existing TLV cases and thuiszitters to dossiers."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from leerlingen import privacy, services
from leerlingen.models import Leerling, Toestemming
from swv.models import School


@pytest.mark.django_db
def test_dossier_gaat_pas_als_alles_erop_weg_is(gebruiker, settings):
    from kpi import privacy as kpi_privacy
    from kpi.models import Thuiszitter

    settings.SWV_BEWAARTERMIJN_DOSSIER_JAREN = 3
    mw = gebruiker("medewerker")
    school = gebruiker("ib-innovo").school
    vandaag = timezone.localdate()
    dossier = services.leerling_aanmaken(gebruiker=mw, school=school, voornaam="Oud",
                                         achternaam="Dossier", geboortedatum=date(2016, 5, 1))  # fmt: skip
    Toestemming.objects.create(leerling=dossier, gegeven_door="moeder", datum=date(2020, 1, 1),
                               vastgelegd_door=mw)  # fmt: skip
    Leerling.objects.filter(pk=dossier.pk).update(
        aangemaakt_op=timezone.now() - timedelta(days=4 * 365)
    )
    t = Thuiszitter.objects.create(swv=school.swv, school=school, pseudoniem="O.D.", geboortejaar=2016,
                                   type="absoluut", startdatum=date(2020, 1, 1), leerling=dossier)  # fmt: skip
    assert dossier not in privacy.verlopen_dossiers(vandaag)  # a record on it still lives
    kpi_privacy.anonimiseren(t)
    assert list(privacy.verlopen_dossiers(vandaag)) == [dossier]
    # Not yet on a day when the dossier is younger than the period.
    assert dossier not in privacy.verlopen_dossiers(vandaag - timedelta(days=2 * 365))
    privacy.anonimiseren(dossier)
    dossier.refresh_from_db()
    assert (dossier.voornaam, dossier.achternaam, dossier.geboortedatum) == ("", "", None)
    assert not dossier.toestemmingen.exists() and dossier.geanonimiseerd_op == vandaag
    assert dossier not in privacy.verlopen_dossiers(vandaag)


@pytest.mark.django_db(transaction=True)
def test_migratie_koppelt_bestaande_zaken_en_thuiszitters_aan_dossiers():
    oud = [("toelaatbaarheid", "0007_statushistorie"), ("kpi", "0010_kpi_naar_het_plan")]
    nieuw = [("toelaatbaarheid", "0008_aanvraag_leerling"), ("kpi", "0011_thuiszitter_leerling")]
    executor = MigrationExecutor(connection)
    executor.migrate(oud)
    apps = executor.loader.project_state(oud).apps
    Swv = apps.get_model("swv", "Samenwerkingsverband")
    School_ = apps.get_model("swv", "School")
    Bestuur = apps.get_model("swv", "Schoolbestuur")
    Gebruiker = apps.get_model("swv", "Gebruiker")
    Aanvraag = apps.get_model("toelaatbaarheid", "Aanvraag")
    Thuiszitter = apps.get_model("kpi", "Thuiszitter")
    swv = Swv.objects.create(code="PO9911", naam="Migratie-SWV")
    bestuur = Bestuur.objects.create(nummer="99911", naam="Migratiebestuur")
    gemeente = apps.get_model("swv", "Gemeente").objects.create(code="9911", naam="Migratiegem")
    a = School_.objects.create(
        vestigingscode="99ZZ00",
        naam="School A",
        soort="BAO",
        swv=swv,
        bestuur=bestuur,
        gemeente=gemeente,
    )
    b = School_.objects.create(
        vestigingscode="99ZZ01",
        naam="School B",
        soort="BAO",
        swv=swv,
        bestuur=bestuur,
        gemeente=gemeente,
    )
    door = Gebruiker.objects.create(username="migratie")
    velden = {"swv": swv, "soort": "SBO", "aangemaakt_door": door, "status": "afgewezen"}
    Aanvraag.objects.create(
        school=a,
        voornaam="Eva",
        achternaam="Twee Keer",
        geboortedatum=date(2017, 3, 1),
        leerling_sleutel="eva twee keer",
        **velden,
    )
    Aanvraag.objects.create(
        school=b,
        voornaam="Eva",
        achternaam="Twee Keer",
        geboortedatum=date(2017, 3, 1),
        leerling_sleutel="eva twee keer",
        **{**velden, "status": "concept"},
    )
    Aanvraag.objects.create(
        school=a,
        voornaam="Eva",
        achternaam="Twee Keer",
        geboortedatum=date(2018, 3, 1),
        leerling_sleutel="eva twee keer",
        **velden,
    )  # another child, same name
    Aanvraag.objects.create(
        school=a,
        voornaam="",
        achternaam="",
        geboortedatum=date(2010, 1, 1),
        leerling_sleutel="",
        geanonimiseerd_op=date(2024, 1, 1),
        **velden,
    )
    Thuiszitter.objects.create(swv=swv, school=a, pseudoniem="K.L.", geboortejaar=2015, type="absoluut",
                               startdatum=date(2026, 1, 5))  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(nieuw)
    apps = executor.loader.project_state(nieuw).apps
    Aanvraag = apps.get_model("toelaatbaarheid", "Aanvraag")
    Leerling_ = apps.get_model("leerlingen", "Leerling")
    Thuiszitter = apps.get_model("kpi", "Thuiszitter")
    eva = Leerling_.objects.get(swv_id=swv.pk, geboortedatum=date(2017, 3, 1))
    assert Aanvraag.objects.filter(leerling=eva).count() == 2
    assert eva.school_id == b.pk  # the newest case's school
    assert Leerling_.objects.filter(swv_id=swv.pk, geboortedatum=date(2018, 3, 1)).count() == 1
    assert Aanvraag.objects.filter(leerling__isnull=True).get().geanonimiseerd_op is not None
    kl = Thuiszitter.objects.get(pseudoniem="K.L.").leerling
    assert kl.voornaam == "K.L." and kl.geboortedatum is None and kl.school_id == a.pk
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_eigen_registraties_worden_uit_de_modellen_gelezen():
    modellen = {m._meta.label for m, _veld, _regel in privacy._registraties()}
    assert {"toelaatbaarheid.Aanvraag", "kpi.Thuiszitter"} <= modellen
    assert School not in modellen and "leerlingen.Toestemming" not in modellen


@pytest.mark.django_db
def test_een_record_zonder_eigen_bewaarregel_houdt_het_dossier(gebruiker, settings):
    """Ondersteuningsvragen have no retention rule yet: while one exists, the dossier
    (and the name it holds) stays."""
    from ondersteuning.models import Ondersteuningsvraag

    settings.SWV_BEWAARTERMIJN_DOSSIER_JAREN = 3
    mw, school = gebruiker("medewerker"), gebruiker("ib-innovo").school
    dossier = services.leerling_aanmaken(gebruiker=mw, school=school, voornaam="Met",
                                         achternaam="Vraag", geboortedatum=date(2016, 5, 1))  # fmt: skip
    Leerling.objects.filter(pk=dossier.pk).update(
        aangemaakt_op=timezone.now() - timedelta(days=4 * 365)
    )
    assert dossier in privacy.verlopen_dossiers(timezone.localdate())
    Ondersteuningsvraag.objects.create(leerling=dossier, swv=dossier.swv, school=school,
                                       soort="advies", vraag="v", aangemaakt_door=mw)  # fmt: skip
    assert dossier not in privacy.verlopen_dossiers(timezone.localdate())
