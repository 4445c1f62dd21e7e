"""Long work in Celery with a progress bar: big imports, batches of PDFs.

A feature registers a function with ``@tugas_latar("jenis")``; ``tugas_mulai`` records a
``TugasLatar`` and queues it; the page ``/tugas/<pk>/`` polls its progress (htmx).
The function receives the task row and a ``progres(persen, pesan="")`` callback; it returns a
link to the result (or "") and raises ``GagalTugas`` with the errors to show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.utils import timezone

from ..models import TugasLatar

logger = logging.getLogger(__name__)
_DAFTAR: dict[str, Callable] = {}
_BATAS_WAKTU: dict[str, int] = {}

# Every job ends: Celery raises SoftTimeLimitExceeded in the job after its time limit (the
# job is marked failed and its transaction rolls back), and kills the worker process
# JEDA_MATI seconds later if it still runs (the task's on_failure then marks the job).
BATAS_WAKTU_BAKU = 30 * 60
JEDA_MATI = 60
# Uploaded files of jobs older than this are removed by the periodic clean-up.
UMUR_BERKAS = timedelta(days=1)

PESAN_WAKTU_HABIS = (
    "Tugas dihentikan karena melewati batas waktu {menit} menit. Tidak ada data yang "
    "tersimpan; bagi berkas menjadi beberapa bagian yang lebih kecil lalu coba lagi."
)
PESAN_KEDALUWARSA = (
    "Tugas tidak sempat dijalankan dan dibatalkan. Tidak ada data yang tersimpan; "
    "unggah berkas lagi."
)
PESAN_SISTEM = "Terjadi kesalahan sistem. Tidak ada data yang tersimpan; coba lagi nanti."


class GagalTugas(Exception):
    def __init__(self, pesan: str, galat: list[dict] | None = None):
        super().__init__(pesan)
        self.pesan = pesan
        self.galat = galat or []


def tugas_latar(jenis: str, *, batas_waktu: int = BATAS_WAKTU_BAKU):
    """Register a job type; ``batas_waktu`` (seconds) is its soft time limit."""

    def daftar(fungsi):
        _DAFTAR[jenis] = fungsi
        _BATAS_WAKTU[jenis] = batas_waktu
        return fungsi

    return daftar


def batas_waktu(jenis: str) -> int:
    return _BATAS_WAKTU.get(jenis, BATAS_WAKTU_BAKU)


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
    from ..tasks import jalankan_tugas_latar

    batas = batas_waktu(jenis)
    transaction.on_commit(
        lambda: jalankan_tugas_latar.apply_async(
            (tugas.pk,), soft_time_limit=batas, time_limit=batas + JEDA_MATI
        )
    )
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
        _gagal(tugas_id, exc.pesan, exc.galat)
    except SoftTimeLimitExceeded:
        logger.warning("background job %s exceeded its time limit", tugas_id)
        _gagal(tugas_id, pesan_waktu_habis(tugas.jenis))
    except Exception:
        logger.exception("background job %s failed", tugas_id)
        _gagal(tugas_id, PESAN_SISTEM)
    else:
        TugasLatar.objects.filter(pk=tugas_id).update(
            status=TugasLatar.Status.BERHASIL, progres=100, tautan_hasil=tautan or ""
        )
    finally:
        hapus_berkas_masuk(tugas)


def pesan_waktu_habis(jenis: str) -> str:
    return PESAN_WAKTU_HABIS.format(menit=max(1, round(batas_waktu(jenis) / 60)))


def _gagal(tugas_id: int, pesan: str, galat: list[dict] | None = None) -> None:
    TugasLatar.objects.filter(pk=tugas_id).update(
        status=TugasLatar.Status.GAGAL, pesan=pesan[:300], galat=galat or [], progres=100
    )


def gagal_karena_waktu(tugas_id: int) -> None:
    """The worker was killed at the hard time limit: the job did not get to say so itself."""
    tugas = TugasLatar.objects.filter(pk=tugas_id).first()
    if tugas is None or tugas.selesai:
        return
    _gagal(tugas_id, pesan_waktu_habis(tugas.jenis))
    hapus_berkas_masuk(tugas)


def hapus_berkas_masuk(tugas: TugasLatar) -> None:
    """Delete the job's uploaded file: it is read once, and may hold personal data."""
    if not tugas.berkas_masuk:
        return
    try:
        tugas.berkas_masuk.delete(save=False)
    except OSError:
        logger.exception("could not delete the upload of background job %s", tugas.pk)
        return
    TugasLatar.objects.filter(pk=tugas.pk).update(berkas_masuk="")


def bersihkan_berkas_lama(*, sekarang=None) -> int:
    """Remove uploads left behind (a killed worker, a lost message, a failed save): files
    under the upload folder older than ``UMUR_BERKAS``, whether a job row still names them
    or not. A job that is still waiting after that long cannot run without its file and
    is marked failed. Returns the number of files removed."""
    batas = (sekarang or timezone.now()) - UMUR_BERKAS
    basi = TugasLatar.objects.filter(
        dibuat__lt=batas, status__in=[TugasLatar.Status.MENUNGGU, TugasLatar.Status.BERJALAN]
    )
    basi.update(status=TugasLatar.Status.GAGAL, pesan=PESAN_KEDALUWARSA, progres=100)
    penyimpanan = TugasLatar._meta.get_field("berkas_masuk").storage
    dihapus = []
    for nama in _berkas_di(penyimpanan, _folder_unggahan()):
        try:
            if penyimpanan.get_modified_time(nama) < batas:
                penyimpanan.delete(nama)
                dihapus.append(nama)
        except FileNotFoundError:
            continue
    if dihapus:
        TugasLatar.objects.filter(berkas_masuk__in=dihapus).update(berkas_masuk="")
    return len(dihapus)


def _folder_unggahan() -> str:
    # upload_to is "tugas/masuk/%Y/%m/": its fixed part is the folder to sweep.
    upload_to = TugasLatar._meta.get_field("berkas_masuk").upload_to
    return upload_to.split("%", 1)[0].rstrip("/")


def _berkas_di(penyimpanan, folder: str):
    try:
        subfolder, berkas = penyimpanan.listdir(folder)
    except FileNotFoundError:
        return
    for nama in berkas:
        yield f"{folder}/{nama}"
    for sub in subfolder:
        yield from _berkas_di(penyimpanan, f"{folder}/{sub}")
