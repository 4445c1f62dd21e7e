"""Thin tasks: take ids, call services or send mail."""

from celery import Task, shared_task
from celery.exceptions import TimeLimitExceeded
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .alat.latar import BATAS_WAKTU_BAKU, JEDA_MATI
from .models import Notifikasi


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def kirim_email_notifikasi(self, notifikasi_id: int) -> bool:
    """Send a notification by e-mail once; a retry after success sends nothing."""
    with transaction.atomic():
        notifikasi = (
            Notifikasi.objects.select_for_update(of=("self",))
            .select_related("penerima")
            .filter(pk=notifikasi_id, email_terkirim_pada__isnull=True, kirim_email=True)
            .first()
        )
        if notifikasi is None:
            return False
        tautan = notifikasi.tautan
        pesan = notifikasi.pesan + (f"\n\n{settings.SITE_URL}{tautan}" if tautan else "")
        send_mail(
            subject=notifikasi.judul,
            message=pesan,
            from_email=None,
            recipient_list=[notifikasi.penerima.email],
        )
        notifikasi.email_terkirim_pada = timezone.now()
        notifikasi.save(update_fields=["email_terkirim_pada"])
    return True


class _TugasLatarTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Called in the worker's main process when the hard time limit killed the job, so
        # the job's page says it failed instead of showing "berjalan" forever.
        if isinstance(exc, TimeLimitExceeded) and args:
            from .alat.latar import gagal_karena_waktu

            gagal_karena_waktu(args[0])


@shared_task(
    base=_TugasLatarTask,
    # Defaults for a message queued without limits; tugas_mulai sends the job type's own.
    soft_time_limit=BATAS_WAKTU_BAKU,
    time_limit=BATAS_WAKTU_BAKU + JEDA_MATI,
)
def jalankan_tugas_latar(tugas_id: int) -> None:
    from .alat.latar import jalankan

    jalankan(tugas_id)


@shared_task
def bersihkan_berkas_tugas() -> int:
    """Hourly (Celery beat): uploads of background jobs older than a day are removed."""
    from .alat.latar import bersihkan_berkas_lama

    return bersihkan_berkas_lama()
