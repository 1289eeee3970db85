"""Settings for the newsroom CMS, read from the environment (and `.env`) by django-environ.

Every deployment-specific value comes from the environment so that the same code runs on a laptop
(SQLite, DEBUG on) and behind a load balancer (PostgreSQL, DEBUG off) without edits.
"""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on; production must bring its own.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "newsroom.admin_site.NewsroomAdminConfig",  # django.contrib.admin, with each role's home
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "axes",
    "sources",
    "articles",
    "intake",  # importing and suggestions; after `articles`, whose article admin it extends
    "reader",
    "pages",
    "desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database that is down gives a 503 with Retry-After, not a traceback (newsroom/middleware.py).
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    # Reader pages read from DATABASE_REPLICA_URL when it is set (newsroom/routers.py).
    "newsroom.middleware.ReplicaReadsMiddleware",
    # Page-cache hits (Redis) are answered here, before the session, CSRF and auth middleware they do
    # not need; the response was stored with the headers the middleware below had added.
    "reader.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns lockouts into a clear “too many attempts” page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

# Fixtures (dump_newsroom, dumpdata, loaddata) keep timestamps to the microsecond: newsroom/backup_json.py.
SERIALIZATION_MODULES = {"json": "newsroom.backup_json"}

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
                "desk.context_processors.desk",
            ],
        },
    },
    # The reader site's pages (reader/environment.py says why): looked up after the template language's,
    # so the admin and the desk keep Django's templates.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "reader.environment.environment", "keep_trailing_newline": True},
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)


def postgresql_options(database: dict) -> dict:
    options = database.setdefault("OPTIONS", {})
    # Short OLTP queries: PostgreSQL's JIT compiler costs more than it saves (seconds on the desk queue).
    options.setdefault("options", "-c jit=off")
    # Parameters bound by the server, so psycopg prepares a statement it has run twice and a page's queries
    # skip PostgreSQL's planner (about 0.2 ms of database CPU each). Not for PgBouncer in transaction
    # mode (docs/deploying.md).
    options.setdefault("server_side_binding", True)
    options.setdefault("prepare_threshold", 2 if env.bool("PG_PREPARED_STATEMENTS", default=True) else None)
    return database


def sqlite_options(database: dict) -> dict:
    options = database.setdefault("OPTIONS", {})
    # Readers keep reading while one writer writes (write-ahead log), and a transaction that will write
    # takes the write lock when it begins (IMMEDIATE), so two writers queue for up to `timeout` seconds
    # instead of one failing with "database is locked" halfway through.
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", 20)
    return database


if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    postgresql_options(DATABASES["default"])
else:
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        sqlite_options(DATABASES["default"])
    # The desk's covering indexes (Claim/Quotation Meta.indexes) include columns only PostgreSQL can
    # store in an index; SQLite, for development, builds them without those columns.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
# A read replica (a PostgreSQL streaming standby): reader pages read from it, everything else (writes,
# transactions, the admin, the desk) uses the primary. See newsroom/routers.py.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = postgresql_options(env.db_url_config(DATABASE_REPLICA_URL))
    DATABASES["replica"].setdefault("CONN_MAX_AGE", DATABASES["default"]["CONN_MAX_AGE"])
    DATABASES["replica"].setdefault("CONN_HEALTH_CHECKS", True)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests: the same database as default
DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]

# Django's cache: local memory per process by default, Redis shared by every app server when REDIS_URL
# is set (e.g. redis://127.0.0.1:6379/0).
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# The page cache of reader pages (reader/caching.py): on by default. With local memory only the
# article page's rendering is kept (checked against the database on each request); with Redis, hits
# cost no database query. Entries live PAGE_CACHE_TIMEOUT seconds at most.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=300)
# Pages rendered this many seconds after a change are not kept: a replica may not have it yet.
PAGE_CACHE_REPLICA_LAG = env.float("PAGE_CACHE_REPLICA_LAG", default=2.0 if DATABASE_REPLICA_URL else 0.0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploads (lead images and their responsive renditions). Behind several app servers this must be
# shared storage; serve it from the web server or a CDN (Django serves it only while DEBUG is on).
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
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
# A lead image with more pixels than this is refused on upload (a few hundred KB of PNG can decode to
# gigabytes); Pillow's own decompression-bomb limit is set from it (articles/apps.py).
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
# Suggestions awaiting a decision that one article may hold (articles/suggesting.py): a huge body can
# yield tens of thousands; the rest come once some are decided and suggestions are run again.
SUGGESTIONS_PER_ARTICLE = env.int("SUGGESTIONS_PER_ARTICLE", default=500)

LOGIN_URL = "admin:login"

# Development prints mail (desk assignment notices) to the console; production sets EMAIL_BACKEND.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="newsroom@localhost")

# The publish gate's two decision rules (articles/marking.py, articles/publishing.py): a claim or
# quotation removed past draft waits for a fact-checker's confirmation, and a suggested claim still in
# the text must be accepted or dismissed, before the article can be published.
SOURCING_CONFIRM_REMOVALS = env.bool("SOURCING_CONFIRM_REMOVALS", default=True)
SOURCING_DECIDE_SUGGESTIONS = env.bool("SOURCING_DECIDE_SUGGESTIONS", default=True)

# Source health (`manage.py check_sources`, sources/health.py). A link is flagged dead, and readers get
# its archived copy, after SOURCE_DEAD_AFTER failed checks in a row: one bad minute flags nothing.
SOURCE_DEAD_AFTER = env.int("SOURCE_DEAD_AFTER", default=2)
SOURCE_CHECK_TIMEOUT = env.float("SOURCE_CHECK_TIMEOUT", default=10.0)  # seconds per connect or read
SOURCE_CHECK_CONCURRENCY = env.int("SOURCE_CHECK_CONCURRENCY", default=8)  # requests in flight at once
SOURCE_CHECK_MAX_REDIRECTS = env.int("SOURCE_CHECK_MAX_REDIRECTS", default=5)
SOURCE_CHECK_USER_AGENT = env.str(
    "SOURCE_CHECK_USER_AGENT",
    default="NewsroomLinkChecker/1.0 (checks that cited sources are still online)",
)
# Archived copies (sources/archiving.py): a Save-Page-Now-style service, e.g. https://web.archive.org.
# Unset, editors are told that no archive is configured and nothing is sent anywhere.
# ARCHIVE_SERVICE_AUTH is sent as the Authorization header when set (e.g. "LOW key:secret").
ARCHIVE_SERVICE_URL = env.str("ARCHIVE_SERVICE_URL", default="")
ARCHIVE_SERVICE_AUTH = env.str("ARCHIVE_SERVICE_AUTH", default="")
ARCHIVE_TIMEOUT = env.float("ARCHIVE_TIMEOUT", default=60.0)
ARCHIVE_ADAPTER = env.str("ARCHIVE_ADAPTER", default="sources.archiving.SavePageNowAdapter")


# Security. Production (DEBUG off) gets HTTPS-only cookies, HSTS and an HTTPS redirect by default; each
# can be turned off by the environment (e.g. SECURE_SSL_REDIRECT=false when the proxy redirects).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("BEHIND_TLS_PROXY", default=False):
    # Only behind a proxy that sets (and strips client-sent) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp): scripts only from our own origin, no plugins, no framing. Inline
# style attributes stay allowed: the admin uses a few, and styles cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The admin's address, so it need not be the well-known /admin/ (e.g. ADMIN_URL=newsroom-staff/).
ADMIN_URL = env.str("ADMIN_URL", default="admin/")

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is locked out for AXES_COOLOFF_TIME; a correct login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "articles.remembered_permissions.RememberedPermissionsBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
