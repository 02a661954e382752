"""Test settings: only overrides of base."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from .base import *  # noqa: E402,F403
from .base import VAR_DIR  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
KE_OUTBOX_DIR = VAR_DIR / "test-outbox"
# Tests run plain HTTP against the test client and the live server.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Oversikt's tests change the data between views: every view works its figures out. The
# tests of the kept figures (tests/followup/test_overview_kept.py) set their own age.
KE_OVERVIEW_FRESH_MINUTES = 0
# Tasks run in-process unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
AXES_ENABLED = True
# Serve static files from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One test database: a DATABASE_REPLICA_URL in the environment is not the suite's. The
# tests that route reports to a replica add a mirror of the test database themselves
# (the `replica` fixture in tests/conftest.py).
DATABASES.pop("replica", None)  # noqa: F405

# Tests open and close connections across threads (live server, race tests): plain
# connections, no pool, whatever DATABASE_POOL says.
for _database in DATABASES.values():  # noqa: F405
    if _database.get("OPTIONS", {}).pop("pool", None) is not None:
        _database["CONN_MAX_AGE"] = 0
