"""Background jobs: status, progress and errors end up on the job row the page polls."""

import pytest
from django.urls import reverse

from puskesmas.latar import GagalTugas, jalankan, tugas_latar, tugas_mulai
from puskesmas.models import TugasLatar


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
