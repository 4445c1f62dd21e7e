"""Celery end to end: a real worker consumes from the configured broker.

In CI the broker is the running Redis (CELERY_BROKER_URL); locally it is Celery's in-memory
transport. Either way the task runs in a worker thread, not eagerly.
"""

import os

from puskesmas.models import Notifikasi
from puskesmas.services.inti import notifikasi_kirim
from puskesmas.tasks import kirim_email_notifikasi


def test_the_worker_uses_the_configured_broker(celery_worker_nyata):
    assert celery_worker_nyata == os.environ.get("CELERY_BROKER_URL", "memory://")


def test_a_task_runs_on_a_real_worker(celery_worker_nyata, dunia, mailoutbox):
    n = notifikasi_kirim(penerima=dunia.kapus_a, judul="Uji worker", email=False)
    Notifikasi.objects.filter(pk=n.pk).update(kirim_email=True)
    hasil = kirim_email_notifikasi.apply_async(args=[n.pk])
    assert hasil.get(timeout=30) is True
    n.refresh_from_db()
    assert n.email_terkirim_pada is not None
    assert kirim_email_notifikasi.apply_async(args=[n.pk]).get(timeout=30) is False
