"""Reliability settings as production sees them."""

from .test_settings import PRODUCTION, _manage

BACA = (
    "from django.conf import settings as s; from django.db import connection as c; "
    "print(s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], s.CELERY_TASK_ACKS_LATE, "
    "c.settings_dict['CONN_HEALTH_CHECKS'], s.SECURE_REDIRECT_EXEMPT)"
)


def test_production_keeps_the_reliability_settings():
    r = _manage("shell", "-v", "0", "-c", BACA, **PRODUCTION, CELERY_VISIBILITY_TIMEOUT="7200")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1].split() == ["7200", "True", "True", "['^sehat/$']"]
