"""Long work in Celery with a progress bar: big imports, batches of PDFs.

A feature registers a function with ``@tugas_latar("jenis")``; ``tugas_mulai`` records a
``TugasLatar`` and queues it; the page ``/tugas/<pk>/`` polls its progress (htmx).
The function receives the task row and a ``progres(persen, pesan="")`` callback; it returns a
link to the result (or "") and raises ``GagalTugas`` with the errors to show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from .models import TugasLatar

logger = logging.getLogger(__name__)
_DAFTAR: dict[str, Callable] = {}


class GagalTugas(Exception):
    def __init__(self, pesan: str, galat: list[dict] | None = None):
        super().__init__(pesan)
        self.pesan = pesan
        self.galat = galat or []


def tugas_latar(jenis: str):
    def daftar(fungsi):
        _DAFTAR[jenis] = fungsi
        return fungsi

    return daftar


def tugas_mulai(*, jenis: str, user, puskesmas=None, kabupaten=None, parameter=None, berkas=None):
    """Record a job and queue it after commit; returns the TugasLatar."""
    if jenis not in _DAFTAR:
        raise ValueError(f"unknown job type {jenis}")
    tugas = TugasLatar(
        jenis=jenis,
        dibuat_oleh=user,
        puskesmas=puskesmas,
        kabupaten=kabupaten,
        parameter=parameter or {},
    )
    if berkas is not None:
        tugas.berkas_masuk.save(berkas.name, berkas, save=False)
    tugas.save()
    from .tasks import jalankan_tugas_latar

    transaction.on_commit(lambda: jalankan_tugas_latar.delay(tugas.pk))
    return tugas


def _simpan_progres(tugas_id: int, persen: int, pesan: str = "") -> None:
    fields = {"progres": max(0, min(100, persen)), "denyut": timezone.now()}
    if pesan:
        fields["pesan"] = pesan[:300]
    TugasLatar.objects.filter(pk=tugas_id).update(**fields)


def jalankan(tugas_id: int) -> None:
    tugas = TugasLatar.objects.select_related("dibuat_oleh", "puskesmas", "kabupaten").get(
        pk=tugas_id
    )
    if tugas.selesai:
        return  # a retried message after the job finished: nothing to do twice
    if tugas.status == TugasLatar.Status.BERJALAN:
        # A message handed out again (its worker died, or a retry raced it): a job still
        # beating runs elsewhere and is left alone; a silent one is reported failed, not
        # rerun blindly (a job that killed its worker would kill the next).
        from .pemulihan import tugas_macet_tandai

        tugas_macet_tandai(tugas_id=tugas_id)
        return
    # Claimed atomically: of two messages for one job, only one runs it.
    if not TugasLatar.objects.filter(pk=tugas_id, status=TugasLatar.Status.MENUNGGU).update(
        status=TugasLatar.Status.BERJALAN, denyut=timezone.now()
    ):
        return
    fungsi = _DAFTAR[tugas.jenis]
    try:
        tautan = fungsi(tugas, lambda persen, pesan="": _simpan_progres(tugas_id, persen, pesan))
    except GagalTugas as exc:
        TugasLatar.objects.filter(pk=tugas_id).update(
            status=TugasLatar.Status.GAGAL, pesan=exc.pesan[:300], galat=exc.galat, progres=100
        )
    except Exception:
        logger.exception("background job %s failed", tugas_id)
        TugasLatar.objects.filter(pk=tugas_id).update(
            status=TugasLatar.Status.GAGAL,
            pesan="Terjadi kesalahan sistem. Tidak ada data yang tersimpan; coba lagi nanti.",
            progres=100,
        )
    else:
        TugasLatar.objects.filter(pk=tugas_id).update(
            status=TugasLatar.Status.BERHASIL, progres=100, tautan_hasil=tautan or ""
        )
