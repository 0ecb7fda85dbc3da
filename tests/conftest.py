import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from tests.helpers import inloggen

DUO_DIR = Path(settings.DUO_DATA_DIR)


def pytest_addoption(parser):
    parser.addoption(
        "--klok",
        default=os.environ.get("SWV_TEST_KLOK", ""),
        metavar="JJJJ-MM-DD[THH:MM]",
        help="Run the whole session with the clock moved to this moment (a running clock, "
        "not a frozen one); also read from SWV_TEST_KLOK. Tests must pass on any day.",
    )


def _verschoven_klok(config):
    waarde = config.getoption("klok")
    if not waarde:
        return None
    moment = datetime.fromisoformat(waarde)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
    reis = time_machine.travel(moment, tick=True)
    reis.start()
    return reis


def pytest_report_header(config):
    if config.getoption("klok"):
        return f"klok verschoven naar {config.getoption('klok')} (lopend)"


def pytest_configure(config):
    # The clock moves before anything (the demo data included) reads it; every xdist
    # worker runs this hook, so the whole session runs on the moved clock.
    config._swv_klok = _verschoven_klok(config)
    # Fast hashing; no outgoing mail; plain static storage (no manifest needed).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_unconfigure(config):
    reis = getattr(config, "_swv_klok", None)
    if reis is not None:
        reis.stop()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every test runs against the demo data set (real Zuid-Limburg DUO files, demo
    accounts), loaded once per test database; each test's changes are rolled back.
    Private files (attachments) go to a temporary folder for the whole session, so the
    demo's files stay readable in every test."""
    if not DUO_DIR.is_dir():
        pytest.fail(f"DUO-bestanden niet gevonden in {DUO_DIR} (SWV_DUO_DATA_DIR)")
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private-media")
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT
    with django_db_blocker.unblock():
        settings.DEMO_MODE = True
        with open("/dev/null", "w") as stil:
            call_command("load_demo", stdout=stil)


@pytest.fixture(autouse=True)
def _db(db):
    pass


@pytest.fixture(autouse=True)
def _sessie_niet_verversen(settings):
    """No session refresh during a test (query counts compare requests seconds apart);
    the refresh itself is tested with its own interval (tests/swv/test_conventies_sessie)."""
    settings.SWV_SESSIE_VERVERSEN = 24 * 3600


@pytest.fixture(autouse=True)
def _lege_cache():
    """Every test starts with an empty cache: counters (the duplicate check's limit),
    cached figures and sessions kept there do not leak from one test into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def duo_dir():
    return DUO_DIR


@pytest.fixture
def gebruiker():
    """Demo account by username."""
    from swv.models import Gebruiker

    return lambda username: Gebruiker.objects.get(username=username)


@pytest.fixture
def als(client, gebruiker):
    """A test client signed in as the named demo account."""

    def _als(username):
        return inloggen(client, gebruiker(username))

    return _als


DEMO_ACCOUNTS = [
    "medewerker",
    "directeur",
    "trajectbegeleider",
    "orthopedagoog",
    "jeugdarts",
    "bestuur-innovo",
    "bestuur-movare",
    "ib-innovo",
    "opr",
    "privacy",
]
