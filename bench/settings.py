"""Settings for the benchmarks only (`python -m bench`): the app's settings with DEBUG off,
plus the bench URLconf (the floor view and an admin site over the TLV cases). Never used by
the app itself."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ["DJANGO_DEBUG"] = "false"

from swv.settings import *  # noqa: E402,F403
from swv.settings import BASE_DIR, STORAGES  # noqa: E402

DEBUG = False
ROOT_URLCONF = "bench.urls"
# No collectstatic manifest in the bench: plain static storage (pages only, no assets).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = BASE_DIR / "bench" / ".data" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing one
# Quiet servers: request errors still reach stderr (bench/.data/gunicorn.log).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"fontTools": {"level": "WARNING"}, "weasyprint": {"level": "ERROR"}},
}
