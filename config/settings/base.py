"""All settings. This module is the only reader of the environment (with oidc.py and
letters.py, which read the login and the letter transport settings for it).

Every variable is listed, with its default, in `.env.example` and the README.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.settings import letters, municipality, oidc, schedule

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# A development key only works with DEBUG on; production must set its own.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Our own reverse proxies: addresses or networks (10.0.0.0/24). Only a request from one
# of them has its X-Forwarded-For (the client's address, for lockouts and the access log)
# and X-Request-ID read; from anyone else those headers are ignored (core/proxy.py,
# core/request_id.py).
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy)
    except ValueError as error:
        raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXIES: {error}") from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    # django-axes, under a Norwegian name in the admin.
    "cases.apps.AxesConfig",
    "csp",
    "simple_history",
    "health_check",
    # The project's apps, from the base up: each imports only those above it in this list.
    "cases",
    "eligibility",
    "decisions",
    "coordinators",
    "plans",
    "followup",
]

MIDDLEWARE = [
    # First, so every response and every log line of a request carries its id.
    "core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a NUL byte must not reach the session lookup or any query.
    "core.input.BadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.AbsoluteSessionTimeoutMiddleware",
    "core.caching.NoStoreForUsersMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After the login check: a citizen reaches the citizen pages and nothing else.
    "cases.login.boundary.CitizenBoundaryMiddleware",
    # Citizens and other services' participants reach the participant pages only.
    "plans.confinement.ParticipantConfinementMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so a locked-out login gets axes' answer after everything else ran.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "followup.context_processors.navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# With no DATABASE_URL (unset or empty) the app runs on an embedded SQLite file under var/.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    ),
}
# A streaming replica of the primary, for the reports that opt in (core.db): Oversikt and
# the CSV exports. Optional; without it every read goes to the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url_config(env.str("DATABASE_REPLICA_URL"))
    # The tests keep one database: the replica alias is the primary's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
for _database in DATABASES.values():
    if _database["ENGINE"] != "django.db.backends.postgresql":
        continue
    _database.setdefault("OPTIONS", {})
    # JIT compiles ~20 ms, longer than our plans run. A random read costs about what one
    # in order does in memory or on SSD: at the default 4, counts hashed every case.
    _database["OPTIONS"].setdefault("options", "-c jit=off -c random_page_cost=1.1")
    # Production keeps a pool per process (psycopg 3): a request borrows a connection
    # instead of opening one; development and tests keep plain persistent connections.
    if env.bool("DATABASE_POOL", default=not DEBUG):
        _database["OPTIONS"]["pool"] = {"min_size": 2, "max_size": 10}
    else:
        _database["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
        _database["CONN_HEALTH_CHECKS"] = True
DATABASE_ROUTERS = ["core.db.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cases.roles.RoleBackend",
    "django.contrib.auth.backends.ModelBackend",
    # OpenID Connect (mozilla-django-oidc): each answers only its own callback, if configured.
    "cases.login.backends.CitizenBackend",
    "cases.login.backends.StaffBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's, with the error Django 5.2 leaves in English put in Norwegian.
        "NAME": "core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Norwegian words and passwords, also with digits around them; months and seasons.
    {"NAME": "core.passwords.NorwegianCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Login with OpenID Connect (cases/login): ID-porten for citizens, optionally the
# municipality's own provider for staff. config/settings/oidc.py reads those variables.
globals().update(oidc.read(env, debug=DEBUG))

# Five failures lock the username from that address for 15 minutes: at most
# 20 attempts an hour, well under ASVS V2.2.1's 100.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address as the access log has it: behind a trusted proxy the one it
# forwards, otherwise REMOTE_ADDR. (django-ipware is not installed, so axes'
# AXES_IPWARE_* settings would do nothing; this callable comes before them anyway.)
AXES_CLIENT_IP_CALLABLE = "core.proxy.client_ip"
# The OIDC callbacks guess no password: a refused login there locks nobody out.
AXES_WHITELIST_CALLABLE = "cases.login.backends.is_oidc_callback"

# --- Sessions: 30 minutes idle (sliding), 12 hours absolute (ASVS V3.3.2) ---------
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_TIMEOUT_SECONDS = env.int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", default=12 * 3600)
SESSION_ENGINE = "core.sessions"  # Django's database sessions (HttpOnly by default)
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers -------------------------------------------------------------
SILENCED_SYSTEM_CHECKS: list[str] = []
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a one-way decision for the whole domain (Django calls HSTS
        # "carelessly irreversible"); the municipality opts in with DJANGO_HSTS_PRELOAD.
        SILENCED_SYSTEM_CHECKS.append("security.W021")
    # Behind a proxy that terminates TLS and redirects itself, set DJANGO_BEHIND_TLS_PROXY.
    if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        SECURE_SSL_REDIRECT = False
        # The proxy redirects http to https; Django would only see https.
        SILENCED_SYSTEM_CHECKS.append("security.W008")
    else:
        SECURE_SSL_REDIRECT = True
        # The load balancer's and docker-compose's probe asks over plain http.
        SECURE_REDIRECT_EXEMPT = [r"^helse/$"]

# No inline scripts anywhere: scripts come from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Logout's redirect to the identity provider's end_session_endpoint is a form's.
        "form-action": ["'self'", *oidc.logout_origins(OIDC_PROVIDERS)],  # noqa: F821
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Language and time ------------------------------------------------------------
LANGUAGE_CODE = "nb"
# Our corrections to Django's Norwegian: "Legg til ny vedtak" is wrong for a neuter noun.
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("nb", "Norsk bokmål")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "staticfiles")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"
# Stored letters hold health data: readable by the app's own user only. Django applies
# these to every file FileSystemStorage saves, ContentFile included, and to the folders
# it creates (existing folders keep their mode).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
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

# Development serves static files straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email: health data never goes in a mail body; only notices and links -----------
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# With the file backend (django.core.mail.backends.filebased.EmailBackend), mails land here.
EMAIL_FILE_PATH = env.path("DJANGO_EMAIL_FILE_PATH", default=VAR_DIR / "mail")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# A hanging mail server must not hold a letter's row lock until the task's hard limit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="koordinerende.enhet@kommune.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in emails point here; no personal data goes into them.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- Celery ---------------------------------------------------------------------------
# With no REDIS_URL, tasks run in-process (development on a bare machine).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# Tasks are idempotent, so acknowledging after the work is safe; a child killed by
# a signal is not requeued, because brokers don't count redeliveries (celery #8969).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# WeasyPrint's memory grows per render; recycle worker children.
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
# Far above the longest task (90 s), so a running task is never redelivered.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Static schedule in version control (schedule.py); exactly one beat process runs it.
CELERY_BEAT_SCHEDULE = schedule.BEAT_SCHEDULE

# --- Logging: no personal data, ever. Log ids, not names or numbers. -----------------
# Secrets in URL paths come out of every log line (core.redaction): a calendar feed's
# token, in /planer/kalender/<token>.ics, is as good as a password.
LOG_REDACTED_PATHS = [
    r"(?<=/planer/kalender/)[^/?#\s\"']+?(?=\.ics|[?#\s\"']|$)",
    # A participant's one-time invitation link.
    r"(?<=/deltaker/invitasjon/)[^/?#\s\"']+",
]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.request_id.RequestIdFilter"},
        "redact_paths": {"()": "core.redaction.RedactSecretPaths"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        # Django's own format for the development server's access lines.
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id", "redact_paths"],
        },
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Redacted where the record is made, so that every handler, Django's own too,
        # prints the redacted path. runserver's access lines ("GET /path HTTP/1.1" 200),
        # set up as Django sets them up; and Django's line for each 4xx and 5xx answer
        # ("Not Found: /path").
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["redact_paths"],
        },
        "django.request": {"filters": ["redact_paths"]},
        "django.security.csrf": {"filters": ["redact_paths"]},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- The casework settings (municipality.py), the letterhead and the transport (letters.py)
globals().update(municipality.read(env))
globals().update(letters.read(env, var_dir=VAR_DIR))
