"""Sikap settings: one file, driven by the environment (see .env.example)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SIKAP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else a random key kept in var/ for this installation."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "sikap.audit",
    "sikap.organisation",
    "sikap.accounts",
    "sikap.instruments",
    "sikap.responses",
    "sikap.indices",
    "sikap.dashboards",
    "sikap.publication",
    "sikap.reports",
    "sikap.followup",
    "sikap.internal",
    "sikap.pekppp",
    "sikap.kiosk",
    "sikap.api",
    "sikap.demo",
    "sikap.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sikap.lib.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads a form: a post not in UTF-8 gets a 400 page saying so.
    "sikap.lib.encoding.FormEncodingMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sikap.accounts.middleware.AdminIdleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sikap.workspace.context_processors.menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sikap.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A persistent connection is checked before a request reuses it: after a database restart the
        # first request of each worker would otherwise be a 500 (measured by `make bench-faults`).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at BEGIN,
    # so concurrent submissions queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (large reports): the django-tasks API with its database backend, so the queue lives in
# the same SQLite or PostgreSQL database and `sikap db_worker` runs it. SIKAP_TASKS_BACKEND=immediate runs
# each task at once inside the request instead (no worker; fine for a demo, slow pages for big reports).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("SIKAP_TASKS_BACKEND") == "immediate"
        else "django_tasks_db.DatabaseBackend",
    }
}
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Sessions of admin roles (central, regional admin, superuser) end after this many minutes without a
# request; other users keep Django's session age.
SIKAP_ADMIN_IDLE_MINUTES = int(os.environ.get("SIKAP_ADMIN_IDLE_MINUTES", "30"))
# Optional two-factor login for admin roles (django-otp): the name authenticator apps show.
OTP_TOTP_ISSUER = "Sikap"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "login"

# Lockout: 5 failures for the same user name from the same client address lock that pair for 30
# minutes; 20 failures for a user name from all addresses together lock the name (a distributed guess
# slows down, yet a handful of tries from outside locks nobody). Addresses: sikap.lib.clientaddr.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
SIKAP_LOGIN_USERNAME_LIMIT = int(os.environ.get("SIKAP_LOGIN_USERNAME_LIMIT", "20"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "sikap.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "sikap.lib.clientaddr.client_address"
# Failed attempts against an account are kept (the last 1000 per name) for its "Aktivitas masuk" page.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "static"]
# Chart.js, installed from npm (package.json, package-lock.json) and served from node_modules, never
# copied into the repo nor loaded from a CDN; collectstatic copies it into STATIC_ROOT for WhiteNoise.
# Only when installed, so Django does not warn about a missing directory (pages still show their tables).
if (BASE_DIR / "node_modules" / "chart.js" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"))
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# The public address of this installation, used in QR codes and links printed outside the app
# (sikap.lib.links.base_url). Unset, pages use the host the browser reached; commands and e-mails need it.
SIKAP_BASE_URL = os.environ.get("SIKAP_BASE_URL", "").rstrip("/")

# XLSX and .sav exports larger than this (submissions) go to the background worker, not the request.
SIKAP_EXPORT_INLINE_ROWS = int(os.environ.get("SIKAP_EXPORT_INLINE_ROWS", "20000"))

# Upload limits per kind, in MB, checked from the size the browser declared before the file is read
# (`sikap.lib.uploads`): response and roster imports, evidence files (follow-up, PEKPPP), the report logo.
SIKAP_MAX_UPLOAD_MB = {
    "import": float(os.environ.get("SIKAP_MAX_IMPORT_MB", "20")),
    "evidence": float(os.environ.get("SIKAP_MAX_EVIDENCE_MB", "10")),
    "logo": float(os.environ.get("SIKAP_MAX_LOGO_MB", "1")),
}
# Uploads above 1 MB are spooled to a temporary file, never held in memory (Django's default handlers);
# form fields other than files stay under 2.5 MB.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Response imports larger than this (MB) or with more rows run as background jobs (`sikap db_worker`).
SIKAP_IMPORT_INLINE_MB = float(os.environ.get("SIKAP_IMPORT_INLINE_MB", "1"))
SIKAP_IMPORT_INLINE_ROWS = int(os.environ.get("SIKAP_IMPORT_INLINE_ROWS", "2000"))

# Rosters of internal surveys (names, contacts, invitations) are deleted this many days after their
# period ends (`sikap roster purge`); headcounts stay, so old weights and targets keep their population.
SIKAP_ROSTER_RETENTION_DAYS = int(os.environ.get("SIKAP_ROSTER_RETENTION_DAYS", "365"))
# Password reset mails: requests per client address and mails per e-mail address in an hour; past them
# the page looks the same and no mail goes out.
SIKAP_RESET_PER_CLIENT_HOUR = int(os.environ.get("SIKAP_RESET_PER_CLIENT_HOUR", "10"))
SIKAP_RESET_PER_EMAIL_HOUR = int(os.environ.get("SIKAP_RESET_PER_EMAIL_HOUR", "3"))
# A public form answered later than this after it was opened is refused with a "please reload" page.
SIKAP_FORM_MAX_AGE_HOURS = int(os.environ.get("SIKAP_FORM_MAX_AGE_HOURS", "4"))

# The reverse proxies whose X-Forwarded-For hops are believed (comma-separated networks; empty: none):
# the client is the right-most hop that is not one of them (sikap.lib.clientaddr). The old yes/no setting
# trusted the hop the client writes, so it stops the start-up rather than being silently ignored.
SIKAP_TRUSTED_PROXIES = env_list("SIKAP_TRUSTED_PROXIES", "")
if env_bool("SIKAP_TRUST_X_FORWARDED_FOR", False):
    raise ImproperlyConfigured(
        "SIKAP_TRUST_X_FORWARDED_FOR is gone: list your proxies in SIKAP_TRUSTED_PROXIES "
        "(e.g. 127.0.0.1/32,10.0.0.0/8) and remove it."
    )

# The default cache is per process (a cached infographic PNG may be rendered once per server); API call
# counts must be shared by every app server, so they live in the database (`sikap.api.throttle`).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "api_throttle": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "sikap_cache"},
}
# API calls per token: "<number>/<s|min|hour|day>".
SIKAP_API_RATE = os.environ.get("SIKAP_API_RATE", "120/min")
if not re.fullmatch(r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", SIKAP_API_RATE):
    raise ImproperlyConfigured(
        f"SIKAP_API_RATE={SIKAP_API_RATE!r}: expected e.g. 120/min (per s, min, hour, day)"
    )

# Mail (digests, password reset links): printed to the console unless a backend is set; SMTP reads the
# EMAIL_HOST* settings below (.env.example).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sikap@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

SESSION_COOKIE_HTTPONLY = True
# HTTPS in production (.env.example): SIKAP_HTTPS=1 redirects plain HTTP, sends HSTS and keeps the session
# and CSRF cookies off plain HTTP. Off by default so `make run` works over plain HTTP on a laptop.
SIKAP_HTTPS = env_bool("SIKAP_HTTPS", False)
SECURE_SSL_REDIRECT = SIKAP_HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SIKAP_HSTS_SECONDS", "31536000")) if SIKAP_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SIKAP_HTTPS and env_bool("SIKAP_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a promise to browsers that is slow to take back: on only when asked for.
SECURE_HSTS_PRELOAD = SIKAP_HTTPS and env_bool("SIKAP_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", SIKAP_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a reverse proxy that ends TLS, Django sees plain HTTP; only that proxy may say the request was
# HTTPS (X-Forwarded-Proto), and only when it overwrites the header a client might send.
if env_bool("SIKAP_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
# The Content-Security-Policy of every HTML page (sikap.lib.csp): our own origin only, no inline script or
# style, no framing. `data:` images are the browser's own (form controls, Chart.js exports).
SIKAP_CSP: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# A respondent whose form token expired gets a page in their language, not Django's technical 403.
CSRF_FAILURE_VIEW = "sikap.lib.errors.csrf_failure"
