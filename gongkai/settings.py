"""Gongkai settings: one module, configured through environment variables.

Defaults run on a laptop with SQLite and no other server; set ``DATABASE_URL`` and ``REDIS_URL`` for
PostgreSQL and Redis at scale.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Database (SQLite default), job queue and uploads. Created by the commands that write there (gongkai.cli),
# not here: a command that only reads must leave no var/ folder in the current directory.
DATA_DIR = Path(env_str("GONGKAI_DATA_DIR", str(Path.cwd() / "var")))
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "沈阳市人民政府")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "gongkai.core",
    "gongkai.orgs",
    "gongkai.documents",
    "gongkai.review",
    "gongkai.concerns",
    "gongkai.publog",
    "gongkai.search",
    "gongkai.portal",
    "gongkai.foi",
    "gongkai.hotline",
    "gongkai.screening",
    "gongkai.participation",
    "gongkai.surveys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.edge.EdgeMiddleware",
    # Open311 (stateless, API-key) requests skip the rest of the chain: gongkai/hotline/fastpath.py.
    "gongkai.hotline.fastpath.Open311FastPath",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "gongkai.core.pagecache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

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
                "django.template.context_processors.i18n",
                "gongkai.portal.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# Anonymous public pages served from the cache (gongkai.core.pagecache); off only to debug a page.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Redis down: fail within half a second, so the page cache degrades to uncached pages quickly.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Shared by every process of the server (the page cache's generations must be), unlike the local-memory cache.
    CACHES = {
        "default": {
            "BACKEND": "gongkai.core.filecache.LazyFileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Mail (the 督办 reminders to departments): SMTP when EMAIL_HOST is set; otherwise mail is dropped (the reminder
# is still audited and shown on the department's dashboard), never printed, as it names staff addresses.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")

HUEY = {
    "name": "gongkai",
    "immediate": env_bool("HUEY_IMMEDIATE", False),
    "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    HUEY.update(
        {"huey_class": "gongkai.core.jobqueue.LazySqliteHuey", "filename": str(DATA_DIR / "huey.sqlite3")}
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: lifts the login limiter's lock on an account whose password was just set.
    {"NAME": "gongkai.core.login.ClearLoginLimitOnPasswordChange"},
]
# Every login (staff and admin) goes through the login limiter in the backend (gongkai/core/login.py).
AUTHENTICATION_BACKENDS = ["gongkai.core.login.LimitedModelBackend"]
# Reverse proxies in front of gongkai that append the client's address to X-Forwarded-For; 0 means
# the client connects directly and REMOTE_ADDR is its address. Behind the README's nginx: 1.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
if TRUSTED_PROXY_HOPS < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_HOPS must be 0 or more, got {TRUSTED_PROXY_HOPS}")
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/staff/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: attachments are sniffed by content and capped in size (bytes).
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
# Decompression bombs (gongkai/core/files.py): a DOCX or XLSX whose members would inflate past this many
# bytes in all, or a member over 1 MB compressed more than this ratio to one, is refused and never opened;
# a PDF's text is read from this many pages at most.
FILES_MAX_INFLATED_BYTES = env_int("FILES_MAX_INFLATED_BYTES", 50 * 1024 * 1024)
FILES_MAX_COMPRESSION_RATIO = env_int("FILES_MAX_COMPRESSION_RATIO", 100)
FILES_MAX_PDF_PAGES = env_int("FILES_MAX_PDF_PAGES", 500)
# Document bodies (gongkai/documents/richtext.py): longer bodies, or HTML nested deeper, are refused before
# cleaning, whose cost grows with the square of the depth.
DOCUMENT_BODY_MAX_CHARS = env_int("DOCUMENT_BODY_MAX_CHARS", 1_000_000)
DOCUMENT_BODY_MAX_DEPTH = env_int("DOCUMENT_BODY_MAX_DEPTH", 100)
# De-identification (gongkai/review/deidentify/dictionaries.py): a directory of the administrator's own
# word lists merged over the shipped ones; empty = the shipped lists only. Set here, not looked up as a
# missing setting, which Django makes slow on a path called for every text screened.
DEIDENTIFY_EXTRA_DATA_DIR = os.environ.get("DEIDENTIFY_EXTRA_DATA_DIR") or None
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The publication log's Ed25519 signing key (gongkai/publog/keys.py): a file outside the database, made by
# `gongkai migrate`; back it up, and keep it out of database dumps.
PUBLOG_KEY_PATH = Path(env_str("PUBLOG_KEY_PATH", str(DATA_DIR / "keys" / "publication-ed25519.pem")))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Production (behind a TLS-terminating reverse proxy): set SECURE=true.
if env_bool("SECURE", False):
    if not env_str("SECRET_KEY"):
        raise ImproperlyConfigured("SECURE=true needs SECRET_KEY: set a long random value")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}

# 12345 hotline (gongkai.hotline): the centre that takes tickets, by its unified social credit code.
HOTLINE_CENTRE_CODE = env_str("HOTLINE_CENTRE_CODE")
# The city's extent as "south,west,north,east" (degrees); map points outside it are refused. Default: 沈阳市.
HOTLINE_CITY_BBOX = [float(v) for v in env_list("HOTLINE_CITY_BBOX", ["41.19", "122.42", "43.04", "123.82"])]
# Map tiles: a URL template such as https://tiles.example.gov.cn/{z}/{x}/{y}.png; empty = no tiles (points only).
HOTLINE_MAP_TILES = env_str("HOTLINE_MAP_TILES")
HOTLINE_MAP_ATTRIBUTION = env_str("HOTLINE_MAP_ATTRIBUTION")
HOTLINE_PHOTOS_MAX = env_int("HOTLINE_PHOTOS_MAX", 3)
HOTLINE_PHOTO_MAX_BYTES = env_int("HOTLINE_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
