from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.helpers import inloggen

SHARED_DUO = Path(settings.DUO_DATA_DIR)


def pytest_configure(config):
    # Fast hashing; no outgoing mail; plain static storage (no manifest needed).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every test runs against the demo data set (real Zuid-Limburg DUO files, demo
    accounts), loaded once per test database; each test's changes are rolled back.
    Private files (attachments) go to a temporary folder for the whole session, so the
    demo's files stay readable in every test."""
    if not SHARED_DUO.is_dir():
        pytest.fail(f"DUO-bestanden niet gevonden in {SHARED_DUO} (../shared hoort naast de repo)")
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private-media")
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT
    with django_db_blocker.unblock():
        settings.DEMO_MODE = True
        with open("/dev/null", "w") as stil:
            call_command("load_demo", stdout=stil)


@pytest.fixture(autouse=True)
def _db(db):
    pass


@pytest.fixture
def duo_dir():
    return SHARED_DUO


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
