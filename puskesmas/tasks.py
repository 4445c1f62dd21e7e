"""Thin tasks: take ids, call services or send mail."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

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


@shared_task
def jalankan_tugas_latar(tugas_id: int) -> None:
    from .alat.latar import jalankan

    jalankan(tugas_id)
