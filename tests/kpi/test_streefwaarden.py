"""The on-track rule for every comparator and direction, and reading targets as the
seeds write them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kpi.reports import GEEN_METING, GEEN_STREEFWAARDE, NIET_OP_KOERS, OP_KOERS, status_van
from ondersteuningsplan.models import Kpi, Streefwaarde
from ondersteuningsplan.streefwaarden import lees

D = Decimal


def _streef(comparator, waarde, richting="hoger", type="aantal"):
    kpi = Kpi(naam="x", type=type, richting=richting)
    return Streefwaarde(kpi=kpi, schooljaar=2024, comparator=comparator, waarde=D(waarde))


@pytest.mark.parametrize(
    "comparator, doel, richting, gemeten, gehaald",
    [
        # '<' is read literally, whatever the direction.
        ("<", "10", "lager", "9", True),
        ("<", "10", "lager", "10", False),
        ("<", "10", "lager", "11", False),
        ("<", "10", "hoger", "9", True),
        ("<", "10", "hoger", "10", False),
        ("<=", "5", "lager", "5", True),
        ("<=", "5", "lager", "5.01", False),
        ("<=", "5", "hoger", "4", True),
        (">=", "80", "hoger", "80", True),
        (">=", "80", "hoger", "79.99", False),
        (">=", "80", "lager", "81", True),
        (">", "3", "hoger", "3", False),
        (">", "3", "hoger", "3.5", True),
        (">", "3", "lager", "2", False),
        # A bare number: at least when higher is better, at most when lower is better.
        ("=", "0", "lager", "0", True),
        ("=", "0", "lager", "1", False),
        ("=", "100", "hoger", "100", True),
        ("=", "100", "hoger", "99", False),
        ("=", "4", "hoger", "5", True),
        ("=", "4", "lager", "3", True),
        ("=", "4", "lager", "5", False),
    ],
)
def test_gehaald_per_comparator_en_richting(comparator, doel, richting, gemeten, gehaald):
    assert _streef(comparator, doel, richting).gehaald(D(gemeten)) is gehaald


def test_status_van():
    s = _streef("<", "10", "lager")
    assert status_van(s, D(3)) == OP_KOERS
    assert status_van(s, D(12)) == NIET_OP_KOERS
    assert status_van(s, None) == GEEN_METING
    assert status_van(None, D(3)) == GEEN_STREEFWAARDE


@pytest.mark.parametrize(
    "tekst, type, verwacht",
    [
        ("< 10", "aantal", ("<", D("10"))),
        ("<5", "aantal", ("<", D("5"))),
        ("0", "aantal", ("=", D("0"))),
        ("25%", "percentage", ("=", D("25"))),
        ("100%", "percentage", ("=", D("100"))),
        ("≤ 7,5", "score", ("<=", D("7.5"))),
        (">= 80 %", "percentage", (">=", D("80"))),
    ],
)
def test_lees_zoals_de_seeds_schrijven(tekst, type, verwacht):
    assert lees(tekst, type) == verwacht


def test_seedstreefwaarde_25_procent_is_minstens_en_wordt_gehaald_boven():
    comparator, waarde = lees("25%", "percentage")
    s = _streef(comparator, waarde, "hoger", "percentage")
    assert s.weergave == "25%"
    assert s.gehaald(D(30)) and not s.gehaald(D(20))


def test_kaal_percentage_bij_lager_is_beter_is_hoogstens():
    """'5%' on a lower-is-better KPI (e.g. verwijzingen) asks for at most 5%."""
    comparator, waarde = lees("5%", "percentage")
    s = _streef(comparator, waarde, "lager", "percentage")
    assert s.weergave == "5%"
    assert s.gehaald(D(3)) and s.gehaald(D(5))
    assert not s.gehaald(D(20))


def test_expliciet_minstens_percentage_blijft_zichtbaar():
    s = _streef(*lees("≥ 80%", "percentage"), "hoger", "percentage")
    assert s.weergave == "≥ 80%"


@pytest.mark.parametrize(
    "tekst, type, melding",
    [
        ("veel", "aantal", "bijvoorbeeld '< 10' of '25%'."),
        ("10%", "aantal", "Een % past alleen bij een KPI van het type percentage."),
    ],
)
def test_foutmelding_zonder_dubbele_procenttekens(tekst, type, melding):
    with pytest.raises(ValidationError) as fout:
        lees(tekst, type)
    assert fout.value.messages[0].endswith(melding)
    assert "%%" not in fout.value.messages[0]


@pytest.mark.parametrize("tekst, type", [("veel", "aantal"), ("10%", "aantal"), ("", "aantal")])
def test_lees_weigert_onzin(tekst, type):
    with pytest.raises(ValidationError):
        lees(tekst, type)


@pytest.mark.django_db
def test_migratie_kale_percentages_volgen_de_richting(plan):
    """Targets stored with the old reading ('>=' for a bare percentage) become '=': the
    lower-is-better one now reads as 'at most'."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from tests.factories.kpi import KpiFactory, StreefwaardeFactory

    # The models as they were when the migration ran (they have moved app since).
    apps = (
        MigrationLoader(connection)
        .project_state(("kpi", "0007_kale_streefwaarde_volgt_richting"))
        .apps
    )

    migratie = importlib.import_module("kpi.migrations.0007_kale_streefwaarde_volgt_richting")
    sp = plan.kpi["afgestemd"].speerpunt
    lager = KpiFactory(speerpunt=sp, naam="Verwijzingen", type="percentage", richting="lager")
    oud = StreefwaardeFactory(kpi=lager, schooljaar=2024, comparator=">=", waarde=D(5))
    hoger = StreefwaardeFactory(
        kpi=plan.kpi["afgestemd"], schooljaar=2030, comparator=">=", waarde=D(25)
    )
    aantal = StreefwaardeFactory(
        kpi=plan.kpi["klachten"], schooljaar=2030, comparator=">=", waarde=D(2)
    )
    migratie.naar_gelijk(apps, None)
    oud.refresh_from_db(), hoger.refresh_from_db(), aantal.refresh_from_db()
    assert (oud.comparator, oud.weergave) == ("=", "5%")
    assert oud.gehaald(D(3)) and not oud.gehaald(D(20))
    assert (hoger.comparator, hoger.weergave) == ("=", "25%")
    assert hoger.gehaald(D(30)) and not hoger.gehaald(D(20))
    assert aantal.comparator == ">="  # explicit on a count: untouched
