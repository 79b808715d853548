"""Alongside settings: one module, driven by the environment, with safe local defaults.

Every setting an operator may change is read from an environment variable and listed
in docs/deploy.md. With no variables set, Alongside runs on one machine with no other
service: SQLite, the in-memory channel layer, the local-memory cache and console email.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ALONGSIDE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_bool("DEBUG")
# Behind TLS in production: secure cookies, HSTS and redirects to https.
HTTPS = env_bool("ALONGSIDE_HTTPS")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if HTTPS:
        raise RuntimeError("SECRET_KEY must be set when ALONGSIDE_HTTPS is on.")
    SECRET_KEY = "local-only-" + "x" * 50

# Keys that seal private messages at rest (alongside/privacy/sealing.py): 32 random
# bytes each, in base64, comma-separated; the first seals, all open. Without them a
# key is derived from SECRET_KEY, which is only for local use and tests.
ALONGSIDE_MESSAGE_KEYS = env_list("ALONGSIDE_MESSAGE_KEYS", "")
if HTTPS and not ALONGSIDE_MESSAGE_KEYS:
    raise RuntimeError("ALONGSIDE_MESSAGE_KEYS must be set when ALONGSIDE_HTTPS is on.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # allauth's passkey list uses the humanize template filters.
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Each member's signed-in devices, listed and signed out from their account.
    "allauth.usersessions",
    "alongside.core",
    "alongside.accounts",
    "alongside.groups",
    "alongside.threads",
    "alongside.meetings",
    "alongside.safety",
    "alongside.moderation",
    "alongside.chat",
    "alongside.privacy",
    "alongside.resources",
    "alongside.wellbeing",
    "alongside.notifications",
    "alongside.search",
    "alongside.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "alongside.core.middleware.member_time_zone",
    # After the member's time zone, so the page says until when in their time.
    "alongside.accounts.middleware.suspended_member_sign_out",
    "alongside.core.middleware.private_cache_headers",
    # Search engines may list the public pages only (core.middleware.PUBLIC_PAGES).
    "alongside.core.middleware.search_engine_headers",
    "alongside.core.middleware.SecondFactorForPower",
]
if env_bool("ALONGSIDE_COUNT_QUERIES"):
    # Benchmarks only: report the SQL statements of each request in a header.
    MIDDLEWARE.insert(0, "alongside.core.middleware.query_count_header")

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "alongside" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default; DATABASE_URL=postgres://... for production.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = env_bool(
            "DATABASE_POOL", True
        )
        # No JIT compilation: pages run short queries, and compiling one whose
        # estimated cost passes jit_above_cost (a search, say) takes longer
        # (~80 ms) than running it.
        DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
else:
    # The embedded default: the data folder is made on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            # Django's SQLite backend, with connections reused from request to
            # request (alongside/core/sqlite/base.py).
            "ENGINE": "alongside.core.sqlite",
            "NAME": str(VAR_DIR / "alongside.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and channel layer: Redis when REDIS_URL is set, else in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py 8 defaults socket_timeout to 5 s, which breaks the
            # layer's blocking reads (django/channels_redis#422).
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": None}]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Accounts: a pseudonym and a password; email only for recovery and notifications.
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "alongside.accounts.forms.SignupForm"}
# Refuses sign-in to suspended members, showing until when.
ACCOUNT_ADAPTER = "alongside.accounts.adapter.AccountAdapter"
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins: per IP address and per account ("key" is the login name).
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
# Sessions: each sign-in is recorded, and ending one closes its live connections.
# Activity tracking stays off: it would write to the database on every page view.
USERSESSIONS_ADAPTER = "alongside.accounts.sessions.SessionsAdapter"
USERSESSIONS_TRACK_ACTIVITY = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        # Browsers' preload list is hard to leave again, so joining it is the
        # operator's own choice (SECURE_HSTS_PRELOAD=1), not a deploy-check default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content Security Policy: nothing inline, scripts only with the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "alongside" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "alongside" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Members' copies of their data (alongside/privacy/export.py): outside anything
    # the site serves, readable by the app's own user only; downloaded only through
    # the signed-in member's own link.
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(
                Path(os.environ.get("ALONGSIDE_EXPORTS_DIR", VAR_DIR / "exports"))
            ),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Email: printed to the console locally; sent over SMTP once ALONGSIDE_HTTPS is on.
smtp_backend = "django.core.mail.backends.smtp.EmailBackend"
email_backend = os.environ.get("EMAIL_BACKEND") or (
    smtp_backend if HTTPS else "django.core.mail.backends.console.EmailBackend"
)
MAILERS: dict[str, dict[str, Any]] = {"default": {"BACKEND": email_backend}}
if email_backend == smtp_backend:
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ["EMAIL_PORT"]) if os.environ.get("EMAIL_PORT") else None,
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Alongside <no-reply@localhost>"
)
# The site's own address, for links in emails (no trailing slash). Without it:
# https:// and the first of ALLOWED_HOSTS behind TLS, else the local address.
ALONGSIDE_SITE_URL = os.environ.get("ALONGSIDE_SITE_URL", "").rstrip("/") or (
    "https://" + ALLOWED_HOSTS[0].lstrip(".") if HTTPS else "http://127.0.0.1:8000"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry URLs only; bodies and form data are never logged.
        "django.request": {"level": "ERROR"},
    },
}

ALONGSIDE_PAGE_SIZE = int(os.environ.get("ALONGSIDE_PAGE_SIZE", "50"))
# Chat messages a member may send per window: (count, seconds).
ALONGSIDE_CHAT_RATE = (
    int(os.environ.get("ALONGSIDE_CHAT_RATE_COUNT", "20")),
    int(os.environ.get("ALONGSIDE_CHAT_RATE_SECONDS", "30")),
)
# Private messages a member may send per window: (count, seconds).
ALONGSIDE_MESSAGE_RATE = (
    int(os.environ.get("ALONGSIDE_MESSAGE_RATE_COUNT", "30")),
    int(os.environ.get("ALONGSIDE_MESSAGE_RATE_SECONDS", "600")),
)
# Retention (python manage.py enforce_retention, daily): the internet address and
# browser of a sign-in are kept this many days; a resolved safety flag, with the
# reports under it, this many days after it was resolved.
ALONGSIDE_RETAIN_IP_DAYS = int(os.environ.get("ALONGSIDE_RETAIN_IP_DAYS", "30"))
ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS = int(
    os.environ.get("ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS", "90")
)
# Deleting an account: it is closed at once and deleted for good this many days
# later by the daily retention job; until then its owner may sign in to keep it.
ALONGSIDE_DELETION_GRACE_DAYS = int(
    os.environ.get("ALONGSIDE_DELETION_GRACE_DAYS", "7")
)
# Data exports: a member may ask for a copy of their data once in each
# ALONGSIDE_EXPORT_EVERY_HOURS (a copy that could not be made does not count); its
# download link works for ALONGSIDE_EXPORT_KEEP_DAYS, then the file is deleted.
ALONGSIDE_EXPORT_EVERY_HOURS = int(os.environ.get("ALONGSIDE_EXPORT_EVERY_HOURS", "24"))
ALONGSIDE_EXPORT_KEEP_DAYS = int(os.environ.get("ALONGSIDE_EXPORT_KEEP_DAYS", "7"))
# New accounts: until an account is ALONGSIDE_NEW_ACCOUNT_DAYS old, or has that many
# posts others can see (ALONGSIDE_NEW_ACCOUNT_POSTS), whichever comes first, it
# waits ALONGSIDE_NEW_ACCOUNT_POST_GAP_SECONDS between posts and writes at most
# ALONGSIDE_NEW_ACCOUNT_POSTS_PER_DAY threads and replies in 24 hours. A post that
# shows someone may be in crisis is never held back. 0 days turns the limits off.
ALONGSIDE_NEW_ACCOUNT_DAYS = int(os.environ.get("ALONGSIDE_NEW_ACCOUNT_DAYS", "7"))
ALONGSIDE_NEW_ACCOUNT_POSTS = int(os.environ.get("ALONGSIDE_NEW_ACCOUNT_POSTS", "5"))
ALONGSIDE_NEW_ACCOUNT_POST_GAP_SECONDS = int(
    os.environ.get("ALONGSIDE_NEW_ACCOUNT_POST_GAP_SECONDS", "60")
)
ALONGSIDE_NEW_ACCOUNT_POSTS_PER_DAY = int(
    os.environ.get("ALONGSIDE_NEW_ACCOUNT_POSTS_PER_DAY", "10")
)
# Time on the site, for each member's own balance page: a visible page in use counts
# in slots of ALONGSIDE_ACTIVITY_SLOT seconds; one left without a key press, touch or
# scroll for ALONGSIDE_IDLE seconds stops counting.
ALONGSIDE_ACTIVITY_SLOT = int(os.environ.get("ALONGSIDE_ACTIVITY_SLOT", "30"))
ALONGSIDE_IDLE = int(os.environ.get("ALONGSIDE_IDLE", "120"))
