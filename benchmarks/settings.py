"""Settings of the benchmark run: the app's own settings on a database of its own.

Without DATABASE_URL the data goes to a SQLite file under benchmarks/results/; with it,
to that database (which must be empty or hold only benchmark data: ``run.py`` checks).
"""

import os
from pathlib import Path

from puskesmas.settings.base import *  # noqa: F403
from puskesmas.settings.env import env_int

HASIL_DIR = Path(__file__).resolve().parent / "results"
# Git ignores it, so a fresh clone lacks it: SQLite would fail to create its file.
HASIL_DIR.mkdir(exist_ok=True)

if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": HASIL_DIR / "bench.sqlite3",
        }
    }

else:
    # As in production: persistent connections, checked before reuse (CONN_MAX_AGE=0 in
    # the environment measures the cost of a connection per request).
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60, minimum=0)  # noqa: F405
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

DEBUG = False
SECRET_KEY = "benchmark-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Hashing is not what is measured; the generated users share one precomputed hash.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
