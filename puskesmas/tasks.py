"""Thin tasks: take ids, call services or send mail."""

from celery import Task, shared_task
from celery.exceptions import TimeLimitExceeded
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .alat.latar import BATAS_WAKTU_BAKU, JEDA_MATI
from .models import Notifikasi


# Sent again if the worker dies first. The row lock and email_terkirim_pada make a repeat
# skip an e-mail already sent; only a death between the SMTP send and the commit can send
# one twice, which beats never.
@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    reject_on_worker_lost=True,
)
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


# Not requeued when its worker process dies: a job that killed its worker (a workbook too
# big for memory) would kill the next one too. The job is marked failed instead and its
# owner retries it from the job page (see puskesmas/alat/pemulihan.py).
@shared_task(
    base=_TugasLatarTask,
    reject_on_worker_lost=False,
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


@shared_task
def periksa_tugas_macet() -> int:
    """Every few minutes (Celery beat): running jobs whose worker died are marked failed."""
    from .alat.pemulihan import tugas_macet_tandai

    return tugas_macet_tandai()


@shared_task
def kirim_pengingat_rtl() -> int:
    """Daily: remind the PJ of overdue RTL (each stage once; see services.rtl)."""
    from .services.rtl import rtl_kirim_pengingat

    return rtl_kirim_pengingat()
