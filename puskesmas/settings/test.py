"""Test settings: fast hashing, in-memory e-mail, eager Celery unless a test starts a worker."""

from .base import *  # noqa: F403
from .base import BASE_DIR, CELERY_VISIBILITY_TIMEOUT
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# With CELERY_BROKER_URL set (CI: the running Redis) a test that starts a real worker uses
# it; otherwise Celery's in-memory transport, which needs no server.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "memory://")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or "cache+memory://"

# Each test process its own cache and database sessions, whatever the environment names
# (tests delete session rows and clear the cache).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
