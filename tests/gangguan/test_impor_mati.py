"""A worker killed with SIGKILL in the middle of a long Excel import.

The import reads and checks the whole file first (its progress beats meanwhile) and writes
in one transaction at the end, so the kill leaves the RUK as it was. The job stops
beating; the periodic check marks it failed with an Indonesian message; its page offers
"Coba lagi"; the retry on a new worker imports the file, once.
"""

import io
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from perencanaan.models import KegiatanRUK
from perencanaan.services.ruk import TEMPLAT_RUK
from puskesmas.alat.latar import tugas_mulai
from puskesmas.alat.pemulihan import PESAN_TERHENTI
from puskesmas.models import TugasLatar
from puskesmas.tasks import jalankan_tugas_latar, periksa_tugas_macet

from ..perencanaan.factories_ruk import RUKFactory

pytestmark = pytest.mark.gangguan

BARIS = 5000  # the worker reads for several seconds


def _xlsx() -> SimpleUploadedFile:
    # Not write_only: the reader needs the sheet's dimension to report progress.
    wb = Workbook()
    ws = wb.active
    ws.title = TEMPLAT_RUK.nama_sheet
    ws.append([k.judul for k in TEMPLAT_RUK.kolom])
    for i in range(BARIS):
        ws.append(
            [2, f"Kegiatan {i}", "4 kali", "K6 naik", "Ibu hamil", "100%", "Bidan", "Bidan",
             "PKK", "Feb–Nov", 1500000, "Cakupan K6", "BOK"]
        )  # fmt: skip
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile("ruk-besar.xlsx", isi.getvalue())


def _tunggu(kondisi, batas: float, pesan):
    akhir = time.monotonic() + batas
    while not kondisi():
        assert time.monotonic() < akhir, pesan()
        time.sleep(0.05)


def test_a_killed_import_changes_nothing_and_is_retried_once(
    transactional_db,
    dunia,
    pekerja,
    antrean,
    lewat_broker,
    monkeypatch,
):
    ruk = RUKFactory(puskesmas=dunia.a, tahun=2027)
    # The job's messages (the first run, with its time limits, and the retry) go to this
    # test's queue.
    kirim = jalankan_tugas_latar.apply_async
    monkeypatch.setattr(
        jalankan_tugas_latar,
        "apply_async",
        lambda args=None, kwargs=None, **opsi: kirim(args, kwargs, **{**opsi, "queue": antrean}),
    )
    berkas = _xlsx()

    pertama = pekerja()
    tugas = tugas_mulai(
        jenis="impor_ruk",
        user=dunia.ktu_a,
        puskesmas=dunia.a,
        parameter={"ruk": ruk.pk, "judul": "Impor RUK"},
        berkas=berkas,
    )

    def status():
        return TugasLatar.objects.values_list("status", "progres").get(pk=tugas.pk)

    _tunggu(
        lambda: status()[0] == "berjalan" and status()[1] >= 20,
        60,
        lambda: f"the import did not progress: {status()} {pertama.log.read_text()[-2000:]}",
    )
    pertama.bunuh()
    assert status()[0] == "berjalan" and status()[1] < 100, status()
    assert KegiatanRUK.objects.filter(ruk=ruk).count() == 0  # nothing half-written

    # The periodic check, run as if the heartbeat limit had passed.
    klien = Client()
    klien.force_login(dunia.ktu_a)
    halaman = reverse("tugas_latar", args=[tugas.pk])
    assert "Berjalan" in klien.get(halaman).content.decode()  # a GET changes nothing
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda asli=timezone.now: asli() + timedelta(minutes=16))
        assert periksa_tugas_macet() == 1
    html = klien.get(halaman).content.decode()
    assert "Gagal" in html and PESAN_TERHENTI.split(".")[0] in html and "Coba lagi" in html

    # A new worker; the old message also comes back to it (visibility timeout 1 s) and
    # must not import a second time.
    kedua = pekerja(CELERY_VISIBILITY_TIMEOUT=1)
    mulai = time.monotonic()
    assert klien.post(reverse("tugas_latar_ulang", args=[tugas.pk])).status_code == 302
    _tunggu(
        lambda: status()[0] in {"berhasil", "gagal"},
        90,
        lambda: f"the retry did not finish: {status()} {kedua.log.read_text()[-2000:]}",
    )
    selesai = time.monotonic() - mulai
    tugas.refresh_from_db()
    assert tugas.status == "berhasil", (tugas.pesan, tugas.galat)
    time.sleep(2)  # the redelivered message, if still queued, has had its chance
    assert KegiatanRUK.objects.filter(ruk=ruk).count() == BARIS
    print(f"\nimport of {BARIS} rows killed mid-read; the retry finished in {selesai:.1f}s")
