"""Test settings: the production module with fast, isolated defaults.

DATABASE_URL and REDIS_URL still switch the suite onto PostgreSQL and Redis, so CI
runs the very same tests on both configurations.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import DATABASE_URL, REDIS_URL

SECRET_KEY = "test-only-" + "y" * 50
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "exports": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if not DATABASE_URL:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("ALONGSIDE_TEST_DB", ":memory:"),
            "TEST": {"NAME": os.environ.get("ALONGSIDE_TEST_DB") or None},
        }
    }
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A pool would keep connections open and stop the test database being dropped.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = False
# The test cast's accounts are minutes old and post in quick succession; the
# new-account limits are switched on by the tests that are about them.
ALONGSIDE_NEW_ACCOUNT_DAYS = 0

# The checks' time budget guards production; a test run sharing two cores with
# other work must not lose a crisis flag to it. Tests of the budget set their own.
ALONGSIDE_SCREEN_TIMEOUT = 10.0
