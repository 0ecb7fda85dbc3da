"""SWV-portaal settings: one module, read from the environment (django-environ).

Development defaults are safe: DEBUG is off unless DJANGO_DEBUG says otherwise, and
without DEBUG a real DJANGO_SECRET_KEY is required. `.env.example` lists every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-not-for-production")
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# In DEBUG the Dutch error pages show too; this brings back Django's technical pages.
TECHNISCHE_FOUTPAGINAS = env.bool("SWV_TECHNISCHE_FOUTPAGINAS", default=False)

# Demo mode: the demo accounts and data may be loaded only when this is on.
DEMO_MODE = env.bool("SWV_DEMO_MODE", default=DEBUG)

# The DUO open-data files the demo is built from; shipped inside the project (swv/data/duo).
DUO_DATA_DIR = Path(env("SWV_DUO_DATA_DIR", default=str(BASE_DIR / "swv" / "data" / "duo")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "swv",
    "leerlingen",
    "toelaatbaarheid",
    "ondersteuning",
    "knooppunt",
    "voorzieningen",
    "zorgplicht",
    "ondersteuningsplan",
    "kpi",
    "kpi.verantwoording",
]

MIDDLEWARE = [
    "swv.foutpaginas.FoutpaginaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "swv.middleware.SessieVerversenMiddleware",
    "swv.middleware.PriveCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "swv.middleware.TweeStapsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Records the signed-in user as the actor of the field history (swv/historie.py).
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "swv.urls"
WSGI_APPLICATION = "swv.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "swv.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
# A persistent connection is checked before reuse, so a restarted PostgreSQL costs no 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite: a writing transaction takes the lock at BEGIN and waits up to 20 s for it,
    # instead of failing with "database is locked" when two requests write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "swv.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor sign-in (TOTP, django-otp) for every role that can see pupil data.
OTP_TOTP_ISSUER = "SWV-portaal"
# Sign-in throttling (django-axes): locked out per combination of username AND IP address,
# so a stranger can lock out neither a named user elsewhere nor a whole address.
AXES_FAILURE_LIMIT = env.int("SWV_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SWV_AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    AXES_IPWARE_PROXY_COUNT = 1
else:  # no proxy: X-Forwarded-For is client-controlled, never trust it
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "token"]
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One long ("4 december 2026") and one short ("04-12-2026") date format (swv/formats).
FORMAT_MODULE_PATH = "swv.formats"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (TLV attachments) are private: outside any public root, served by views.
PRIVATE_MEDIA_ROOT = Path(env("SWV_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# The cache: per process by default. With more than one worker process set SWV_CACHE_URL
# to a shared cache, e.g. redis://127.0.0.1:6379/1, so that counters (the duplicate
# check's limit per user) and cached figures hold across workers (docs/scaling.md).
CACHES = {"default": env.cache("SWV_CACHE_URL", default="locmemcache://")}
if env.bool("SWV_SESSIES_IN_CACHE", default=False):
    # Sessions read from the shared cache, written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Background work (PDFs, imports, mail) through Django's task API (the django-tasks
# backport), see swv/taken.py. Embedded default: the database backend, run by
# `manage.py db_worker` (started by `make run`). Scale-out: SWV_TAKEN_BACKEND=rq with
# REDIS_URL, run by `manage.py rqworker --job-class django_tasks_rq.Job default`.
TAKEN_BACKEND = env("SWV_TAKEN_BACKEND", default="database")
if TAKEN_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env("REDIS_URL", default="redis://127.0.0.1:6379/0")}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="SWV-portaal <noreply@swv-portaal.invalid>"
)

# Security. Production (DEBUG off) gets the strict values by default.
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_AGE", default=30 * 60)
# An inactivity timeout, not absolute: swv.middleware.SessieVerversenMiddleware refreshes
# the expiry at most once a minute instead of saving the session on every request.
SESSION_SAVE_EVERY_REQUEST = False
SWV_SESSIE_VERVERSEN = env.int("SWV_SESSIE_VERVERSEN", default=60)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", default=False) else None
)
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): no inline script, no foreign origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# SWV-set terms and reference settings (not law; see docs/domain in the README).
# Retention (domain.md: TLV data at most three years after issue, one source [check]).
SWV_BEWAARTERMIJN_TLV_JAREN = env.int("SWV_BEWAARTERMIJN_TLV_JAREN", default=3)
SWV_BEWAARTERMIJN_THUISZITTERS_JAREN = env.int("SWV_BEWAARTERMIJN_THUISZITTERS_JAREN", default=3)
# A dossier goes when every record on it has gone (anonymised) and it is this old [check].
SWV_BEWAARTERMIJN_DOSSIER_JAREN = env.int("SWV_BEWAARTERMIJN_DOSSIER_JAREN", default=3)
# Ondersteuningsroute records (vragen, arrangementen, plaatsingen, knooppuntoverleggen,
# aanmeldingen): domain.md names no term; the TLV's by default [check].
SWV_BEWAARTERMIJN_ROUTE_JAREN = env.int(
    "SWV_BEWAARTERMIJN_ROUTE_JAREN", default=SWV_BEWAARTERMIJN_TLV_JAREN
)
