"""One env-driven settings module for the Koers web app (every KOERS_* variable is read here).

SQLite in KOERS_DATA_DIR by default; PostgreSQL with KOERS_DATABASE_URL. HTTPS hardening
with KOERS_HTTPS=1. The secret key comes from KOERS_SECRET_KEY, KOERS_SECRET_KEY_FILE or a
file ``secret-key`` in KOERS_DATA_DIR that ``koers serve`` (and every workspace command)
creates; without one, only KOERS_DEBUG=1 starts.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from koers import config

# Lets generic Django classes be subscripted at run time (ModelForm[Client]), for mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name}: expected a whole number, got {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _secret_key(*, debug: bool) -> str:
    if os.environ.get("KOERS_SECRET_KEY"):
        return os.environ["KOERS_SECRET_KEY"]
    for candidate in (os.environ.get("KOERS_SECRET_KEY_FILE"), DATA_DIR / "secret-key"):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8").strip()
    if debug:
        # Development only: everyone can read this key, so it signs no real session.
        return "koers-insecure-key-for-development-only-" + "x" * 20
    # A key built into the code would let anyone forge sessions and reset links.
    raise ImproperlyConfigured(
        "Koers has no secret key: set KOERS_SECRET_KEY or KOERS_SECRET_KEY_FILE, or run "
        f"`koers serve` once, which writes one to {DATA_DIR / 'secret-key'}."
    )


def _database(url: str | None) -> dict[str, object]:
    if not url:
        # WAL lets pages read while one write runs; IMMEDIATE transactions take the write lock
        # at BEGIN, so a second writer waits (up to the timeout) instead of failing mid-way.
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "koers.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A new connection reads and parses the whole schema before its first query
            # (some 3 ms a request) and starts with an empty page cache: keep it open.
            "CONN_MAX_AGE": env_int("KOERS_DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"KOERS_DATABASE_URL: unsupported database {parts.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # Keep connections open between requests (a new one per request doubled the p95 at
        # 100,000 clients); health checks replace a connection the server has dropped.
        "CONN_MAX_AGE": env_int("KOERS_DB_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        # Parameters bound on the server, so that psycopg prepares a statement the second time
        # a connection runs it: PostgreSQL then plans each of a page's queries once per
        # connection instead of on every request (its CPU for the workspace pages halved,
        # decision 0008). Off behind a pooler in transaction mode (PgBouncer before 1.21).
        "OPTIONS": (
            {"server_side_binding": True, "prepare_threshold": 2}
            if env_bool("KOERS_DB_PREPARE", True)
            else {}
        ),
    }


DEBUG = env_bool("KOERS_DEBUG")
SECRET_KEY = _secret_key(debug=DEBUG)
ALLOWED_HOSTS = env_list("KOERS_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "template_partials",
    # The API's docs page serves its scripts from here, not from a CDN (the CSP allows 'self').
    "ninja",
    "koers.web.accounts",
    "koers.web.audit",
    "koers.web.clients",
    "koers.web.rounds",
    "koers.web.intake",
    "koers.web.training",
    "koers.web.plans",
    "koers.web.casework",
    "koers.web.reports",
    "koers.web.privacy",
    "koers.web.explorer",
    "koers.web.outreach",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads cookies: the API (/api/) takes none and sets none.
    "koers.web.api.middleware.ApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads the request body (sessions, CSRF, the views).
    "koers.web.middleware.RequestSizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "koers.web.middleware.IdleSessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "koers.web.middleware.PrivateResponseMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "koers.web.urls"
WSGI_APPLICATION = "koers.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koers.web.context.organisation",
                "koers.web.context.other_languages",
            ],
            # {% url %} and |date with their answers kept (the module says why).
            "builtins": ["koers.web.common.template_builtins"],
        },
    }
]
# Django's form templates, with the ones on every page rendered in Python (the same text).
FORM_RENDERER = "koers.web.common.form_renderer.FormRenderer"

DATABASES = {"default": _database(os.environ.get("KOERS_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: one role per user; django-axes locks an account out after repeated failures.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "koers.web.accounts.backends.SignInLimitBackend",
    # Django's ModelBackend, reading the signed-in user through a kept query. Sessions signed
    # in through "django.contrib.auth.backends.ModelBackend" sign in once more.
    "koers.web.accounts.backends.UserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "clients:caseload"
LOGOUT_REDIRECT_URL = "accounts:login"
# Every staff member signs in with a second factor (TOTP) unless this is switched off.
KOERS_REQUIRE_2FA = env_bool("KOERS_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = os.environ.get("KOERS_ORG_NAME", "Koers")
AXES_FAILURE_LIMIT = env_int("KOERS_LOGIN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = env_int("KOERS_LOCKOUT_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Behind a reverse proxy, and against guessing from one address (issue 14; decision 0005).
# Only from these addresses or networks is X-Forwarded-For believed (koers.web.client_address).
KOERS_TRUSTED_PROXIES = env_list("KOERS_TRUSTED_PROXIES", "")
AXES_CLIENT_IP_CALLABLE = "koers.web.client_address.client_block"
# Failed sign-ins from one address (IPv6: one /64), whatever the accounts, before that address
# is refused for KOERS_LOCKOUT_MINUTES without checking a password.
KOERS_LOGIN_ATTEMPTS_PER_ADDRESS = env_int("KOERS_LOGIN_ATTEMPTS_PER_ADDRESS", 20)
# Password-reset mails asked for per hour, from one address and for one e-mail address.
KOERS_RESET_PER_ADDRESS = env_int("KOERS_RESET_PER_ADDRESS", 10)
KOERS_RESET_PER_ACCOUNT = env_int("KOERS_RESET_PER_ACCOUNT", 3)
# Django's database sessions, read through a kept query (accounts/sessions.py).
SESSION_ENGINE = "koers.web.accounts.sessions"
# A session ends after this many idle minutes (koers.web.middleware.IdleSessionMiddleware keeps
# it alive while used), and when the browser closes.
SESSION_COOKIE_AGE = env_int("KOERS_SESSION_IDLE_MINUTES", 60) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# ... and this many hours after sign-in, however much it is used.
KOERS_SESSION_MAX_AGE = env_int("KOERS_SESSION_MAX_HOURS", 12) * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Password-reset mail: printed on the console unless an SMTP server is configured.
if os.environ.get("KOERS_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["KOERS_EMAIL_HOST"]
    EMAIL_PORT = env_int("KOERS_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("KOERS_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("KOERS_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("KOERS_EMAIL_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("KOERS_EMAIL_FROM", "koers@localhost")

# Text messages to clients (outreach/sms.py): the backend class, printing them by default;
# "koers.web.outreach.sms.MessageBirdBackend" posts them to MessageBird's API at
# KOERS_SMS_URL with the access key KOERS_SMS_KEY, from the sender name KOERS_SMS_SENDER.
KOERS_SMS_BACKEND = os.environ.get("KOERS_SMS_BACKEND", "koers.web.outreach.sms.ConsoleBackend")
KOERS_SMS_URL = os.environ.get("KOERS_SMS_URL", "https://rest.messagebird.com/messages")
KOERS_SMS_KEY = os.environ.get("KOERS_SMS_KEY", "")
KOERS_SMS_SENDER = os.environ.get("KOERS_SMS_SENDER", "Koers")
# The coach's private calendar feed (outreach/agenda.py) lists this many days ahead.
KOERS_CALENDAR_DAYS = env_int("KOERS_CALENDAR_DAYS", 90)

# The workspace: caseload page size.
KOERS_PAGE_SIZE = env_int("KOERS_PAGE_SIZE", 50)
# The longest pause a client can ask for, in days.
KOERS_MAX_PAUSE_DAYS = env_int("KOERS_MAX_PAUSE_DAYS", 92)
# The longest cover (waarneming) a team lead can arrange, in days: no open-ended access to a
# colleague's caseload.
KOERS_MAX_COVER_DAYS = env_int("KOERS_MAX_COVER_DAYS", 92)
# "Aandacht nodig": no successful contact for this many days.
KOERS_ATTENTION_DAYS = env_int("KOERS_ATTENTION_DAYS", 42)
# The client's private link to their plan (plans/links.py): valid this many days; at most
# KOERS_PLAN_LINK_PER_HOUR views and answers an hour per link, and from one address (IPv6: its
# /64) at most KOERS_PLAN_LINK_MISSES_PER_HOUR tries with a token that opens nothing.
KOERS_PLAN_LINK_DAYS = env_int("KOERS_PLAN_LINK_DAYS", 30)
# The explorer promises a call back within this many working days (Monday to Friday).
KOERS_CALLBACK_WORKING_DAYS = env_int("KOERS_CALLBACK_WORKING_DAYS", 2)
KOERS_PLAN_LINK_PER_HOUR = env_int("KOERS_PLAN_LINK_PER_HOUR", 30)
KOERS_PLAN_LINK_MISSES_PER_HOUR = env_int("KOERS_PLAN_LINK_MISSES_PER_HOUR", 10)

# The JSON API (/api/v1/): the engine answers without an account unless this is off (then it
# asks a personal token too); at most KOERS_API_ENGINE_PER_MINUTE requests a minute from one
# address (IPv6: its /64), counted per server process unless CACHES names a shared cache.
KOERS_API_PUBLIC_ENGINE = env_bool("KOERS_API_PUBLIC_ENGINE", True)
KOERS_API_ENGINE_PER_MINUTE = env_int("KOERS_API_ENGINE_PER_MINUTE", 120)

# Each kept query (common/kept_queries.py) also compiled afresh on every call and compared:
# on in the test settings, off in production, where it would undo what keeping saves.
KOERS_CHECK_KEPT_QUERIES = env_bool("KOERS_CHECK_KEPT_QUERIES", False)

# Uploads: a request body over KOERS_MAX_REQUEST_MB is refused before it is read (413; give the
# proxy the same limit, nginx: client_max_body_size). Form fields alone may use all of it; a
# file over FILE_UPLOAD_MAX_MEMORY_SIZE goes to a temporary file instead of memory.
KOERS_MAX_REQUEST_BYTES = env_int("KOERS_MAX_REQUEST_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = KOERS_MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in the language of the page, Dutch as Koers writes them (02-12-2026): formats/nl.
FORMAT_MODULE_PATH = ["koers.web.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
# The language choice lives in the URL (/en/...): no cookie, no session, nothing stored.
LANGUAGE_COOKIE_NAME = "koers_language"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A strict Content Security Policy: no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if env_bool("KOERS_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Who runs this Koers: shown on every page, with the way to a person.
KOERS_ORGANISATION = {
    "name": os.environ.get("KOERS_ORG_NAME", "Koers"),
    "phone": os.environ.get("KOERS_ORG_PHONE", ""),
    "whatsapp": os.environ.get("KOERS_ORG_WHATSAPP", ""),
    "hours": os.environ.get("KOERS_ORG_HOURS", ""),
}

# Independent help, shown under every result: "Name|https://…" pairs separated by ";".
KOERS_HELP_LINKS = [
    {"name": name.strip(), "url": url.strip()}
    for name, _, url in (
        part.partition("|")
        for part in os.environ.get(
            "KOERS_HELP_LINKS",
            "Leerwerkloket|https://www.leerwerkloket.nl/;"
            "Informatiepunt Digitale Overheid|https://www.digisterker.nl/",
        ).split(";")
        if "|" in part
    )
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Request paths can hold what people typed: only warnings and errors are logged.
    "root": {"handlers": ["console"], "level": "WARNING"},
}
