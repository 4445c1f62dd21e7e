"""Settings shared by every environment. Everything that differs comes from the environment."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from import_export.formats import base_formats as import_export_formats

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-local-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_celery_beat",
    "django_filters",
    "django_htmx",
    "csp",
    "simple_history",
    "axes",
    "puskesmas",
    "perencanaan",
    "lokmin",
    "pengawasan",
    "pkp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "puskesmas.keamanan.PermissionsPolicyMiddleware",
    # Outside everything that reads the database (sessions, auth, views): a response that
    # failed on an unreachable database becomes the 503 page, with the headers above.
    "puskesmas.gangguan.GangguanDatabaseMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Extends idle sessions without a write per request (replaces SESSION_SAVE_EVERY_REQUEST).
    "puskesmas.sesi.SesiBergeserMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a signed-in user unless its view says otherwise (login, reset).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # One memory per GET request for reads that several parts of a page share.
    "puskesmas.alat.memo.MemoPermintaanMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp 4): scripts only from our own static files, so an
# injected <script> or on...= attribute does not run; no plugins, no framing, forms post
# only here. Inline style *attributes* are allowed (style-src-attr) and <style> elements are
# not: a few templates size columns and the job progress bar with style="", which cannot
# run script; moving them all to classes buys little. See docs/reliability.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
# Browser features the app never uses; PermissionsPolicyMiddleware denies them.
PERMISSIONS_POLICY_DITOLAK = [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "serial",
]

# /sehat/ reports the disk as failing below this much free space where uploads go.
SEHAT_DISK_MIN_MB = env_int("SEHAT_DISK_MIN_MB", 200, minimum=0)

ROOT_URLCONF = "puskesmas.urls"
WSGI_APPLICATION = "puskesmas.wsgi.application"

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
                "puskesmas.context_processors.navigation",
            ],
            "builtins": ["puskesmas.templatetags.angka", "puskesmas.templatetags.tautan"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0, minimum=0),
        # A kept connection is checked before a request uses it: after the database was
        # restarted or unreachable the app reconnects by itself instead of failing on a dead
        # socket until the process is restarted.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameter binding with automatic prepared statements (psycopg 3): a
    # statement a connection has run DB_PREPARE_THRESHOLD times is prepared, so PostgreSQL
    # parses and plans the pages' larger statements (the inbox and deadline UNION ALLs)
    # once per kept connection instead of on every request. 0 turns preparing off (needed
    # behind a transaction-mode connection pooler without prepared-statement support).
    _siap = env_int("DB_PREPARE_THRESHOLD", 5, minimum=0)
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": _siap or None,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: writers wait for each other instead of failing with
    # "database is locked" when several people save at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "puskesmas.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the per-request user read composed once (puskesmas/alat/autentikasi.py).
    "puskesmas.alat.autentikasi.ModelBackendTersusun",
    # Kept so that sessions signed in before the line above existed stay signed in.
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after a working day of inactivity, or sooner when configured. The expiry is
# pushed forward by puskesmas.sesi.SesiBergeserMiddleware, once per tenth of the age.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Login throttling (django-axes): a username from one address is locked after repeated
# failures, for a while; the lockout page explains it in Indonesian.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_RESET_ON_SUCCESS = True

# Behind a reverse proxy: how many proxies in front of the app append to X-Forwarded-For
# (0: none, the app is reached directly). Only then are X-Forwarded-For (the client address
# for login throttling, see puskesmas/alamat_klien.py) and X-Forwarded-Proto believed; the
# app must then be reachable only through the proxy, or anyone could forge both headers.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "puskesmas.alamat_klien.alamat_klien"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
# Indonesian texts of packages that ship none (django-import-export's admin screens).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# "28 Februari 2027" and "1.234,5": see puskesmas/formats/id/formats.py. Numbers are
# grouped where shown ({{ x|angka }}), not automatically: see puskesmas/alat/angka.py.
FORMAT_MODULE_PATH = ["puskesmas.formats"]
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))


# Uploaded and generated files (evidence, import uploads, kept PDFs). Local disk under
# MEDIA_ROOT by default; with S3_BUCKET set, an S3-compatible object store (AWS S3, MinIO,
# any provider's) through django-storages, so several web nodes and the Celery workers
# share the same files. Objects are private (no ACL, signed URLs): the app serves them
# through its own views after the scope check. Keys come from S3_ACCESS_KEY_ID and
# S3_SECRET_ACCESS_KEY, or boto3's own sources (environment, instance role) when unset.
def penyimpanan_berkas() -> dict:
    """The default storage the environment selects (read when settings load)."""
    bucket = env_str("S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": penyimpanan_berkas(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads: a whole Excel workbook may be large, but not unbounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_IMPORT_FILE_SIZE = env_int("MAX_IMPORT_FILE_SIZE", 10 * 1024 * 1024, minimum=1024)
# PDFs of documents with at least this many rows (RUK, RPK activities) are rendered by a
# background job and kept by content (puskesmas/alat/dokumen.py); smaller ones inline.
PDF_BESAR_MIN_BARIS = env_int("PDF_BESAR_MIN_BARIS", 10, minimum=0)

# django-import-export in /admin/: the reference-data admins set their own formats (CSV and
# an xlsx read by the project's bounded reader, both within MAX_IMPORT_FILE_SIZE; see
# puskesmas/admin.py). Any other admin that gains import/export gets CSV only, so no xlsx
# upload is ever parsed without the zip checks and the streaming reader.
IMPORT_EXPORT_FORMATS = [import_export_formats.CSV]
IMPORT_EXPORT_USE_TRANSACTIONS = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SIMPUS Manajemen <noreply@localhost>")

# Celery. Without CELERY_BROKER_URL the app uses kombu's filesystem transport in
# .celery/ under the project: no Redis needed to run locally.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
# Redis: a message taken by a worker that dies (SIGKILL, power cut) before acknowledging it
# goes back to the queue after this many seconds. Longer than the longest task (a national
# import takes minutes), or a still-running task would be handed out twice; short enough
# that the morning reminders still arrive the same morning.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60, minimum=1)
_celery_dir = BASE_DIR / ".celery"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Two kinds of work on separate queues, so a national import or a run of large PDFs never
# delays the morning reminders: "berat" (background jobs: imports, PDFs) and "pengingat"
# (the daily reminder runs); everything else (e-mails, clean-ups) on the default "celery".
# A worker started without -Q consumes all three (local runs, tests); docker-compose.yml
# runs one worker for "berat" and one for "celery,pengingat".
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = {"celery": {}, "berat": {}, "pengingat": {}}
CELERY_TASK_ROUTES = {
    "puskesmas.tasks.jalankan_tugas_latar": {"queue": "berat"},
    "perencanaan.tasks.kirim_pengingat_tenggat": {"queue": "pengingat"},
    "puskesmas.tasks.kirim_pengingat_rtl": {"queue": "pengingat"},
}
# A task is acknowledged when it has finished, not when it was taken: a worker killed mid-task
# leaves the message in the broker and the task runs again. Every task is written to be run
# twice safely (keys, status checks); see docs/reliability.md.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Installed into the database by the DatabaseScheduler at start-up.
CELERY_BEAT_SCHEDULE = {
    "pengingat-tenggat-perencanaan": {
        "task": "perencanaan.tasks.kirim_pengingat_tenggat",
        "schedule": crontab(hour=6, minute=0),  # every morning, Asia/Jakarta
    },
    "pengingat-rtl-terlambat": {
        "task": "puskesmas.tasks.kirim_pengingat_rtl",
        "schedule": crontab(hour=6, minute=10),  # every morning, Asia/Jakarta
    },
    # Uploads of background jobs are deleted when the job ends; this removes leftovers
    # older than a day (a killed worker, a lost message).
    "bersihkan-berkas-tugas": {
        "task": "puskesmas.tasks.bersihkan_berkas_tugas",
        "schedule": crontab(minute=15),  # every hour
    },
    "tugas-latar-macet": {
        "task": "puskesmas.tasks.periksa_tugas_macet",
        "schedule": 5 * 60,  # seconds
    },
}
# A running background job silent this long (no progress step) has lost its worker.
TUGAS_LATAR_BATAS_DENYUT_MENIT = env_int("TUGAS_LATAR_BATAS_DENYUT_MENIT", 15, minimum=1)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}

# Absolute address of the site, for links in e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Lookups of the public document verification page per client address and minute.
VERIFIKASI_PER_MENIT = env_int("VERIFIKASI_PER_MENIT", 20, minimum=1)
AXES_VERBOSE = False

# --- Performance (see README, Production) ------------------------------------------------
# A shared cache when CACHE_URL (or REDIS_URL) names a Redis server: sessions are then read
# from it (cached_db: written through to the database, so a cache restart signs nobody
# out), and the verification page's throttle counts across every web process. Without
# one, each process keeps its own in-memory cache and sessions live in the database only.
CACHE_URL = env_str("CACHE_URL", "") or env_str("REDIS_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "simpus",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Templates: with no "loaders" option Django already wraps the filesystem and app loaders
# in its cached loader, so each template is parsed once per process.
