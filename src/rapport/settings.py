"""Django settings for Rapport.

Local mode (default): one user, SQLite in the data directory, secret key generated there.
Server mode (RAPPORT_MODE=server): DATABASE_URL, RAPPORT_SECRET_KEY, RAPPORT_BASE_URL and password
login. Everything is read here, once; the code reads django.conf.settings, never the environment.
Secrets may also come from files: RAPPORT_SECRET_KEY_FILE, RAPPORT_EMAIL_PASSWORD_FILE.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from rapport import conf

BASE_DIR = Path(__file__).resolve().parent
RAPPORT_MODE = conf.mode()
LOCAL_MODE = RAPPORT_MODE == conf.LOCAL
DATA_DIR = conf.data_dir()

DEBUG = conf.envbool("RAPPORT_DEBUG")

if LOCAL_MODE:
    SECRET_KEY = conf.envsecret("RAPPORT_SECRET_KEY") or conf.local_secret_key(DATA_DIR)
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
    # Where links in the digest email point (`rapport serve`'s default address).
    RAPPORT_BASE_URL = conf.envstr("RAPPORT_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    RAPPORT_BEHIND_PROXY = False
else:
    # An empty key is refused by the rapport.E001 system check, with a hint.
    SECRET_KEY = conf.envsecret("RAPPORT_SECRET_KEY")
    # Django itself refuses an empty key; this lets check rapport.E001 explain it first.
    SECRET_KEY_CONFIGURED = bool(SECRET_KEY)
    # The one address users reach Rapport at gives the hosts it answers and the origin its
    # forms may come from; without it (check rapport.E003) it answers no host at all.
    RAPPORT_BASE_URL = conf.envstr("RAPPORT_BASE_URL").rstrip("/")
    _host, _origin = conf.base_url_origin(RAPPORT_BASE_URL) or ("", "")
    ALLOWED_HOSTS = [_host] if _host else []
    CSRF_TRUSTED_ORIGINS = [_origin] if _origin else []
    SESSION_COOKIE_SECURE = conf.envbool("RAPPORT_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind a reverse proxy, the client's address (for login throttling) is the last one the
    # proxy added to X-Forwarded-For; set only when a proxy you run is in front.
    RAPPORT_BEHIND_PROXY = conf.envbool("RAPPORT_BEHIND_PROXY")
    SECURE_HSTS_SECONDS = conf.envint("RAPPORT_HSTS_SECONDS", 0)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the REST API's docs page uses its bundled Swagger UI, not a CDN
    "rapport.core",
    "rapport.accounts",
    "rapport.people",
    "rapport.companies",
    "rapport.conversations",
    "rapport.opportunities",
    "rapport.network",
    "rapport.search",
    "rapport.cohorts",
    "rapport.coaching",
    "rapport.playbook",
    "rapport.capture",
    "rapport.postings",
    "rapport.outreach",
    "rapport.imports",
    "rapport.exports",
    "rapport.api",
    "rapport.mcp_server",
    "rapport.demo",
    "rapport.front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rapport.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "rapport.urls"
WSGI_APPLICATION = "rapport.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rapport.core.context_processors.rapport",
                "rapport.cohorts.context_processors.cohort",
            ],
            "builtins": ["rapport.core.templatetags.rapport_tags"],
        },
    }
]

if LOCAL_MODE and not conf.envstr("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
_default_db = f"sqlite:///{DATA_DIR / 'rapport.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(conf.envstr("DATABASE_URL") or _default_db, conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while a command writes; IMMEDIATE avoids
        # "database is locked" upgrades from read to write transactions. Connections are
        # kept (conn_max_age) so a request doesn't pay for opening one and the pragmas.
        # Statement journals and sorts stay in memory: with a trigger on a table, every
        # insert journals the pages it changes, which on disk doubles an import's cost.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Background work (imports): a queue in the database. `rapport serve` runs the worker
# in-process in local mode; in server mode run `rapport db_worker` next to the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Rendered pages are kept by the owner's data version (rapport.core.kept). Server mode runs
# several app processes: what one computed is kept for the others in the database (the table
# `core_sharedcache`, made by a migration). Local mode is one process: memory is enough.
RAPPORT_SHARED_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "core_sharedcache",
    "KEY_PREFIX": "pages",
    "TIMEOUT": 24 * 3600,
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": (
        {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        if LOCAL_MODE
        else RAPPORT_SHARED_CACHE
    ),
}
# How often subscribed calendars and IMAP accounts are read (rapport.capture).
RAPPORT_SYNC_MINUTES = conf.envint("RAPPORT_SYNC_MINUTES", 30)

# The daily digest's SMTP server (no host: no digest) and the hour it goes out, local time.
# The port stays text here so that a wrong one is reported by `rapport digest`, not a crash.
RAPPORT_EMAIL_HOST = conf.envstr("RAPPORT_EMAIL_HOST")
RAPPORT_EMAIL_PORT = conf.envstr("RAPPORT_EMAIL_PORT", "25")
RAPPORT_EMAIL_USER = conf.envstr("RAPPORT_EMAIL_USER")
RAPPORT_EMAIL_PASSWORD = conf.envsecret("RAPPORT_EMAIL_PASSWORD")
RAPPORT_EMAIL_USE_TLS = conf.envbool("RAPPORT_EMAIL_USE_TLS")
RAPPORT_EMAIL_FROM = conf.envstr("RAPPORT_EMAIL_FROM", "Rapport <rapport@localhost>")
RAPPORT_DIGEST_HOUR = conf.envint("RAPPORT_DIGEST_HOUR", 7)

# Requests a REST API token may make (per app process), e.g. "600/m".
RAPPORT_API_RATE = conf.envstr("RAPPORT_API_RATE", "600/m")

# The region of phone numbers written without a country code (+44…), in imports.
RAPPORT_PHONE_REGION = conf.envstr("RAPPORT_PHONE_REGION", "US").strip().upper() or "US"

# Uploads (import files) are readable by the server's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "front:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = conf.envstr("RAPPORT_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Static files are served from the package itself: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Local mode is one process (`rapport serve` refuses more), so a session read once is kept
# in its memory in front of the database, and a page served from the cache costs two queries,
# not three: under 16 clients each query hands the interpreter lock over twice. Server mode's
# processes would each keep their own copy, and a logout in one would not reach the others:
# there the database alone holds sessions.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if LOCAL_MODE
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": conf.envstr("RAPPORT_LOG_LEVEL", "WARNING")},
}
