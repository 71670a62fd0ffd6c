"""Settings for duban, driven by environment variables.

DATABASE_URL  database address (default: SQLite file ``duban.sqlite3`` in the working folder)
SECRET_KEY    secret key (required when DEBUG is off; a development key is used only when DEBUG is on)
DEBUG         "1"/"true" to turn debugging on (default off)
ALLOWED_HOSTS comma-separated host names (default: localhost names)
MEDIA_ROOT    where uploaded evidence files go (default: ./media)
DUBAN_BULLETIN_TEMPLATES  folder of the offices' own Word templates for bulletins (docs/bulletins.md)
Security settings (HTTPS, HSTS, CSP, login lockout ...) are listed in docs/operations.md.
DUBAN_TODAY   serve duban as of a fixed date, ISO (e.g. 2024-06-30; `make demo` sets it); unset in production
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "duban refuses to start: DEBUG is off and no SECRET_KEY is set. Set SECRET_KEY to a long random "
            "string kept out of version control (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for a development run."
        )
    SECRET_KEY = "duban-insecure-development-key-change-me"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks_db",
    "simple_history",
    "duban.core",
    "duban.org",
    "duban.plans",
    "duban.projects",
    "duban.indicators",
    "duban.tracking",
    "duban.ingest",
    "duban.ledgers",
    "duban.web",
    "duban.dispatch",
    "duban.public",
    "duban.api",
    "duban.demo",
    "duban.bulletins",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "duban.core.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Chinese unless the user chose otherwise: office browsers often send English first.
    "duban.web.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "duban.core.middleware.BoundedPathIdsMiddleware",
    "csp.middleware.CSPMiddleware",
    "duban.core.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: refuses logins of locked-out accounts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "duban.urls"
WSGI_APPLICATION = "duban.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{Path.cwd() / 'duban.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait for a writer instead of failing at once when the demo server and a command share the file.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Writers take the write lock when their transaction begins (BEGIN IMMEDIATE) and so wait out the busy
    # timeout: two sessions submitting at once no longer fail with "database is locked" on the lock upgrade.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Trigram lookups and similarity for search (duban/web/search.py; pg_trgm is installed by a migration).
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "duban.core.auth.LockoutBackend",             # django-axes: counts failures, refuses locked-out accounts
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", Path.cwd() / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", Path.cwd() / "media"))
# Word templates an office supplies for its bulletins (docs/bulletins.md); empty = the shipped template.
DUBAN_BULLETIN_TEMPLATES = os.environ.get("DUBAN_BULLETIN_TEMPLATES", "")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

# Mail: console in development and the demo; in production point EMAIL_BACKEND at SMTP
# (django.core.mail.backends.smtp.EmailBackend) and set EMAIL_HOST / EMAIL_PORT.
_mail_options = {}
if os.environ.get("EMAIL_HOST"):
    _mail_options = {"host": os.environ["EMAIL_HOST"], "port": int(os.environ.get("EMAIL_PORT", "25"))}
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": _mail_options,
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "duban@localhost")

# Evidence uploads (tracking): accepted types and the size limit in bytes.
DUBAN_EVIDENCE_MAX_BYTES = int(os.environ.get("DUBAN_EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# A running background job with no heartbeat (progress) for this many minutes is marked failed (core.jobs).
DUBAN_JOB_STUCK_MINUTES = int(os.environ.get("DUBAN_JOB_STUCK_MINUTES", "30"))
# A finished background job, and the file it produced (ledger preview, bulletin), is kept this many days.
DUBAN_JOB_KEEP_DAYS = int(os.environ.get("DUBAN_JOB_KEEP_DAYS", "30"))

# The demo is served as of a fixed date (duban.core.dates.today); production leaves it unset.
DUBAN_TODAY = os.environ.get("DUBAN_TODAY", "").strip() or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

ADMIN_SITE_HEADER = _("duban administration")

# ---------------------------------------------------------------------------------------------------------
# Security (docs/operations.md lists every variable). HTTPS=1 says the site is served over HTTPS (directly
# or behind a proxy): cookies become Secure, HTTP is redirected and HSTS is sent; each can be set alone.
HTTPS = env_flag("HTTPS")
SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = env_flag("CSRF_COOKIE_SECURE", HTTPS)
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(31_536_000 if HTTPS else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", HTTPS)
# Behind nginx that terminates TLS: SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO (nginx must set that header).
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))   # a working day
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): only duban's own files run; scripts need the page's nonce.
# CSP_REPORT_ONLY=1 sends it as Content-Security-Policy-Report-Only while trying a change out.
_csp = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if env_flag("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp
# Permissions-Policy: no camera, microphone, geolocation ... for any page (duban needs none).
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
)

# Login lockout (django-axes): AXES_FAILURE_LIMIT wrong passwords for one account (or from one address) lock
# it for AXES_COOLOFF_MINUTES; failed and successful logins are recorded (admin: Axes).
AXES_ENABLED = env_flag("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
# Each parameter locks on its own: an account (whatever the address) and an address (whatever the account).
AXES_LOCKOUT_PARAMETERS = env_list("AXES_LOCKOUT_PARAMETERS", "username,ip_address")
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "web/lockout.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None
AXES_VERBOSE = False

# Decoded-size limits of uploads (checked before anything is stored or read).
DUBAN_IMAGE_MAX_PIXELS = int(os.environ.get("DUBAN_IMAGE_MAX_PIXELS", str(60_000_000)))
DUBAN_OFFICE_MAX_UNPACKED_BYTES = int(os.environ.get("DUBAN_OFFICE_MAX_UNPACKED_BYTES", str(100 * 1024 * 1024)))
DUBAN_OFFICE_MAX_ENTRIES = int(os.environ.get("DUBAN_OFFICE_MAX_ENTRIES", "2000"))
# API (django-ninja, /api/): page size and its ceiling.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# Background work (django.tasks). TASKS_BACKEND: "db" (default: django-tasks-db, run `duban db_worker`),
# "rq" (django-tasks-rq on Redis at REDIS_URL, run `duban rqworker default`), or "immediate" (in-process,
# what `make demo` uses). See docs/operations.md.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db").strip().lower()
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ValueError(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
# Ingest: pasted text longer than this (characters) or files larger than this (bytes) are extracted by a task.
# Server-Timing header on every response (bench/bench_time_to_plan.py reads it); off unless asked for.
DUBAN_SERVER_TIMING = os.environ.get("DUBAN_SERVER_TIMING", "") == "1"
DUBAN_INGEST_BACKGROUND_CHARS = int(os.environ.get("DUBAN_INGEST_BACKGROUND_CHARS", "20000"))
DUBAN_INGEST_BACKGROUND_BYTES = int(os.environ.get("DUBAN_INGEST_BACKGROUND_BYTES", str(512 * 1024)))
# Ledgers: .xlsx uploads larger than this (bytes; about 1,500 project rows) are previewed and imported by a task.
DUBAN_LEDGER_BACKGROUND_BYTES = int(os.environ.get("DUBAN_LEDGER_BACKGROUND_BYTES", str(200 * 1024)))
