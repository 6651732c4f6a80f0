"""One env-driven settings module for the Koers web app (every KOERS_* variable is read here).

SQLite in KOERS_DATA_DIR by default; PostgreSQL with KOERS_DATABASE_URL. HTTPS hardening
with KOERS_HTTPS=1. The secret key comes from KOERS_SECRET_KEY, KOERS_SECRET_KEY_FILE or a
file ``secret-key`` in KOERS_DATA_DIR that ``koers serve`` creates.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext_lazy as _

from koers import config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _secret_key() -> str:
    if os.environ.get("KOERS_SECRET_KEY"):
        return os.environ["KOERS_SECRET_KEY"]
    for candidate in (os.environ.get("KOERS_SECRET_KEY_FILE"), DATA_DIR / "secret-key"):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8").strip()
    # Only for tests and `manage.py` checks: `koers serve` always writes a real key first.
    return "koers-insecure-key-for-development-only-" + "x" * 20


def _database(url: str | None) -> dict[str, object]:
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "koers.sqlite3"}
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
    }


SECRET_KEY = _secret_key()
DEBUG = env_bool("KOERS_DEBUG")
ALLOWED_HOSTS = env_list("KOERS_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "koers.web.explorer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
                "koers.web.context.organisation",
            ],
        },
    }
]

DATABASES = {"default": _database(os.environ.get("KOERS_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
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
