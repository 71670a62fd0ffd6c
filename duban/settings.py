"""Settings for duban, driven by environment variables.

DATABASE_URL  database address (default: SQLite file ``duban.sqlite3`` in the working folder)
SECRET_KEY    secret key (a development key is used when DEBUG is on and none is given)
DEBUG         "1"/"true" to turn debugging on (default off)
ALLOWED_HOSTS comma-separated host names (default: localhost names)
MEDIA_ROOT    where uploaded evidence files go (default: ./media)
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or "duban-insecure-development-key-change-me"
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
    "duban.web",
    "duban.api",
    "duban.demo",
]

MIDDLEWARE = [
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

ADMIN_SITE_HEADER = _("duban administration")

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
DUBAN_INGEST_BACKGROUND_CHARS = int(os.environ.get("DUBAN_INGEST_BACKGROUND_CHARS", "20000"))
DUBAN_INGEST_BACKGROUND_BYTES = int(os.environ.get("DUBAN_INGEST_BACKGROUND_BYTES", str(512 * 1024)))
