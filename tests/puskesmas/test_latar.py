"""Background jobs: status, progress and errors end up on the job row the page polls."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.urls import reverse
from django.utils import timezone

from puskesmas.alat.latar import (
    BATAS_WAKTU_BAKU,
    JEDA_MATI,
    GagalTugas,
    jalankan,
    tugas_latar,
    tugas_mulai,
)
from puskesmas.models import TugasLatar
from puskesmas.tasks import bersihkan_berkas_tugas, jalankan_tugas_latar


@tugas_latar("uji_berhasil")
def _berhasil(tugas, progres):
    progres(50, "Separuh jalan")
    return "/selesai/"


@tugas_latar("uji_gagal")
def _gagal(tugas, progres):
    raise GagalTugas(
        "Ada 1 kesalahan", galat=[{"baris": 2, "kolom": "Jumlah", "pesan": "bukan angka"}]
    )


@tugas_latar("uji_rusak")
def _rusak(tugas, progres):
    raise RuntimeError("boom")


def test_a_job_runs_after_commit_and_reports_success(dunia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tugas = tugas_mulai(jenis="uji_berhasil", user=dunia.staf_a, puskesmas=dunia.a)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.progres, tugas.tautan_hasil) == ("berhasil", 100, "/selesai/")
    assert tugas.pesan == "Separuh jalan"


def test_errors_are_kept_for_the_page(dunia, masuk):
    tugas = TugasLatar.objects.create(jenis="uji_gagal", dibuat_oleh=dunia.staf_a)
    jalankan(tugas.pk)
    tugas.refresh_from_db()
    assert tugas.status == "gagal" and tugas.galat[0]["kolom"] == "Jumlah"
    html = masuk(dunia.staf_a).get(reverse("tugas_latar", args=[tugas.pk])).content.decode()
    assert "Tidak ada data yang disimpan" in html and "bukan angka" in html


def test_an_unexpected_error_is_explained_not_shown(dunia):
    tugas = TugasLatar.objects.create(jenis="uji_rusak", dibuat_oleh=dunia.staf_a)
    jalankan(tugas.pk)
    tugas.refresh_from_db()
    assert tugas.status == "gagal" and "Terjadi kesalahan sistem" in tugas.pesan


def test_a_finished_job_is_not_run_twice(dunia):
    tugas = TugasLatar.objects.create(
        jenis="uji_rusak", dibuat_oleh=dunia.staf_a, status="berhasil"
    )
    jalankan(tugas.pk)
    tugas.refresh_from_db()
    assert tugas.status == "berhasil"


def test_the_progress_partial_polls_until_done(dunia, masuk):
    tugas = TugasLatar.objects.create(jenis="uji_berhasil", dibuat_oleh=dunia.staf_a, progres=40)
    c = masuk(dunia.staf_a)
    html = c.get(reverse("tugas_latar", args=[tugas.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" in html and "40%" in html and "<html" not in html
    TugasLatar.objects.filter(pk=tugas.pk).update(status="berhasil", progres=100)
    html = c.get(reverse("tugas_latar", args=[tugas.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in html


def test_unknown_job_types_are_a_programming_error(dunia):
    with pytest.raises(ValueError, match="^unknown job type tidak_ada$"):
        tugas_mulai(jenis="tidak_ada", user=dunia.staf_a)


# --- Time limits and uploaded files ------------------------------------------------------


@tugas_latar("uji_lambat", batas_waktu=120)
def _lambat(tugas, progres):
    progres(0)
    raise SoftTimeLimitExceeded()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_job_over_its_time_limit_fails_with_a_message(dunia, media):
    tugas = TugasLatar.objects.create(
        jenis="uji_lambat", dibuat_oleh=dunia.staf_a, berkas_masuk=_unggahan("lambat.xlsx")
    )
    jalankan(tugas.pk)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.progres) == ("gagal", 100)
    assert tugas.pesan.startswith("Tugas dihentikan karena melewati batas waktu 2 menit.")
    assert not tugas.berkas_masuk and not list(media.rglob("*.xlsx"))


def test_jobs_are_queued_with_their_time_limits(
    dunia, monkeypatch, django_capture_on_commit_callbacks
):
    dikirim = []
    monkeypatch.setattr(
        jalankan_tugas_latar, "apply_async", lambda *a, **kw: dikirim.append((a, kw))
    )
    with django_capture_on_commit_callbacks(execute=True):
        tugas = tugas_mulai(jenis="uji_lambat", user=dunia.staf_a)
        tugas_mulai(jenis="uji_berhasil", user=dunia.staf_a)
    assert dikirim[0] == (((tugas.pk,),), {"soft_time_limit": 120, "time_limit": 120 + JEDA_MATI})
    assert dikirim[1][1] == {
        "soft_time_limit": BATAS_WAKTU_BAKU,
        "time_limit": BATAS_WAKTU_BAKU + JEDA_MATI,
    }
    # A message sent without limits still gets the default ones.
    assert (jalankan_tugas_latar.soft_time_limit, jalankan_tugas_latar.time_limit) == (
        BATAS_WAKTU_BAKU,
        BATAS_WAKTU_BAKU + JEDA_MATI,
    )


def test_a_job_killed_at_the_hard_limit_is_marked_failed(dunia, media):
    tugas = TugasLatar.objects.create(
        jenis="uji_lambat",
        dibuat_oleh=dunia.staf_a,
        status="berjalan",
        progres=0,
        berkas_masuk=_unggahan("mati.xlsx"),
    )
    # What the worker's main process calls after killing the child at time_limit.
    jalankan_tugas_latar.on_failure(TimeLimitExceeded(180), "id-uji", (tugas.pk,), {}, None)
    tugas.refresh_from_db()
    assert tugas.status == "gagal" and "melewati batas waktu 2 menit" in tugas.pesan
    assert not tugas.berkas_masuk and not list(media.rglob("*.xlsx"))


@pytest.mark.parametrize("jenis", ["uji_berhasil", "uji_gagal", "uji_rusak"])
def test_the_upload_is_deleted_when_the_job_ends(dunia, media, jenis):
    tugas = TugasLatar.objects.create(
        jenis=jenis, dibuat_oleh=dunia.staf_a, berkas_masuk=_unggahan("data.xlsx")
    )
    assert list(media.rglob("*.xlsx"))
    jalankan(tugas.pk)
    tugas.refresh_from_db()
    assert tugas.selesai and not tugas.berkas_masuk
    assert not list(media.rglob("*.xlsx"))


def test_leftover_uploads_older_than_a_day_are_removed(dunia, media):
    sekarang = timezone.now()
    lama = TugasLatar.objects.create(
        jenis="uji_berhasil", dibuat_oleh=dunia.staf_a, berkas_masuk=_unggahan("lama.xlsx")
    )
    TugasLatar.objects.filter(pk=lama.pk).update(dibuat=sekarang - timedelta(days=2))
    baru = TugasLatar.objects.create(
        jenis="uji_berhasil", dibuat_oleh=dunia.staf_a, berkas_masuk=_unggahan("baru.xlsx")
    )
    yatim = media / "tugas" / "masuk" / "2020" / "01" / "yatim.xlsx"  # no row names it
    yatim.parent.mkdir(parents=True)
    yatim.write_bytes(b"x")
    dua_hari_lalu = (sekarang - timedelta(days=2)).timestamp()
    for jalur in (media / lama.berkas_masuk.name, yatim):
        os.utime(jalur, (dua_hari_lalu, dua_hari_lalu))
    assert bersihkan_berkas_tugas() == 2
    assert sorted(p.name for p in media.rglob("*.xlsx")) == [Path(baru.berkas_masuk.name).name]
    lama.refresh_from_db()
    baru.refresh_from_db()
    # The old job never ran: without its file it cannot, so it is marked failed.
    assert (lama.status, lama.berkas_masuk.name) == ("gagal", "")
    assert "dibatalkan" in lama.pesan
    assert (baru.status, bool(baru.berkas_masuk)) == ("menunggu", True)


def test_the_clean_up_is_scheduled_hourly_by_celery_beat(settings):
    jadwal = settings.CELERY_BEAT_SCHEDULE["bersihkan-berkas-tugas"]
    assert jadwal["task"] == bersihkan_berkas_tugas.name
    assert jadwal["schedule"].minute == {15} and len(jadwal["schedule"].hour) == 24


def _unggahan(nama):
    """A stored upload, as tugas_mulai leaves it."""
    from django.core.files.base import ContentFile

    field = TugasLatar._meta.get_field("berkas_masuk")
    return field.storage.save(field.generate_filename(None, nama), ContentFile(b"PK isi"))
