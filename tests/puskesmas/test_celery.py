"""Celery end to end: a real worker consumes from the configured broker.

In CI the broker is the running Redis (CELERY_BROKER_URL); locally it is Celery's in-memory
transport. Either way the task runs in a worker thread, not eagerly.
"""

import os

import pytest
from celery.contrib.testing.worker import start_worker

from puskesmas.celery import app
from puskesmas.models import Notifikasi
from puskesmas.services import notifikasi_kirim
from puskesmas.tasks import kirim_email_notifikasi


@pytest.fixture
def worker(transactional_db):
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
            yield app.conf.broker_url
    finally:
        app.conf.task_always_eager = True


def test_the_worker_uses_the_configured_broker(worker):
    assert worker == os.environ.get("CELERY_BROKER_URL", "memory://")


def test_a_task_runs_on_a_real_worker(worker, dunia, mailoutbox):
    n = notifikasi_kirim(penerima=dunia.kapus_a, judul="Uji worker", email=False)
    Notifikasi.objects.filter(pk=n.pk).update(kirim_email=True)
    hasil = kirim_email_notifikasi.apply_async(args=[n.pk])
    assert hasil.get(timeout=30) is True
    n.refresh_from_db()
    assert n.email_terkirim_pada is not None
    assert kirim_email_notifikasi.apply_async(args=[n.pk]).get(timeout=30) is False
