"""Thin tasks of P1 Perencanaan: take plain values, call a service."""

from datetime import date

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from .services.tenggat import pengingat_tenggat_kirim


# Run again when its worker dies mid-run (acks_late is global): every reminder has a key, so
# the rerun sends only those not yet committed.
@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    reject_on_worker_lost=True,
)
def kirim_pengingat_tenggat(hari_ini: str | None = None) -> int:
    """Daily (Celery beat): today's due-date reminders. Safe to run twice or retry: each
    reminder has a key and arrives once. ``hari_ini`` (ISO date) is for reruns of a day."""
    tanggal = date.fromisoformat(hari_ini) if hari_ini else timezone.localdate()
    return pengingat_tenggat_kirim(hari_ini=tanggal)
