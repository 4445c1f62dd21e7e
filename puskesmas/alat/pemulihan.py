"""Background jobs whose worker died: reported as failed, and retried by their owner.

A job "berjalan" beats (``TugasLatar.denyut``) when it starts and at every progress step.
If its worker is killed (SIGKILL, out of memory, a restart) the job stops beating and its
page would say "Berjalan" forever. ``tugas_macet_tandai`` (Celery beat, every few minutes)
marks a job silent for ``TUGAS_LATAR_BATAS_DENYUT_MENIT`` minutes as failed with a message
the owner understands; a job page (a GET) never writes, it only shows what is stored.

Nothing is lost by the kill: a job writes its data in one transaction at its end (see
``perencanaan.services.ruk.kegiatan_ruk_impor``), which the database rolls back when the
connection dies. So ``tugas_ulangi`` may run the same job again from its stored file and
parameters.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import TugasLatar

PESAN_TERHENTI = (
    "Proses terhenti karena layanan latar berhenti di tengah jalan. Tidak ada data yang "
    "tersimpan. Klik «Coba lagi» untuk menjalankannya kembali."
)


def tugas_terhenti_tandai(qs) -> int:
    return qs.filter(status=TugasLatar.Status.BERJALAN).update(
        status=TugasLatar.Status.GAGAL, pesan=PESAN_TERHENTI, progres=100
    )


def tugas_macet_tandai(*, sekarang: datetime | None = None, tugas_id: int | None = None) -> int:
    """Mark running jobs (all, or one) without a heartbeat for the configured minutes as
    failed; return how many."""
    batas = (sekarang or timezone.now()) - timedelta(
        minutes=settings.TUGAS_LATAR_BATAS_DENYUT_MENIT
    )
    qs = TugasLatar.objects.filter(Q(denyut__lt=batas) | Q(denyut__isnull=True, dibuat__lt=batas))
    if tugas_id is not None:
        qs = qs.filter(pk=tugas_id)
    return tugas_terhenti_tandai(qs)


def bisa_diulang(tugas: TugasLatar) -> bool:
    """A job that failed for the system's sake, not because of its input (errors listed)."""
    return tugas.status == TugasLatar.Status.GAGAL and not tugas.galat


def tugas_ulangi(*, tugas_id: int, user) -> bool:
    """Queue a failed job of ``user`` again; False when it is not (or no longer) failed."""
    from ..tasks import jalankan_tugas_latar

    with transaction.atomic():
        tugas = TugasLatar.objects.for_user(user).select_for_update().filter(pk=tugas_id).first()
        if tugas is None or not bisa_diulang(tugas):
            return False
        TugasLatar.objects.filter(pk=tugas.pk).update(
            status=TugasLatar.Status.MENUNGGU, progres=0, pesan="", denyut=None
        )
        transaction.on_commit(lambda: jalankan_tugas_latar.delay(tugas.pk))
    return True
