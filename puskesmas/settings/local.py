"""Local development: SQLite, console e-mail, filesystem Celery broker, DEBUG on."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
