"""Settings of the worker processes the fault tests start: the test settings (so tasks queued
inside the worker, the reminder e-mails, run in that worker and never on a shared queue),
except that a worker sweeps unacknowledged messages back every second instead of every
~100 s, so a test need not wait long after the (short) visibility timeout it sets."""

from puskesmas.settings.test import *  # noqa: F403
from puskesmas.settings.test import CELERY_VISIBILITY_TIMEOUT

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
