"""Background jobs whose worker died: marked failed by the periodic check, retried by
their owner. The real kill of a worker mid-import is in tests/gangguan/."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from puskesmas.alat.latar import jalankan, tugas_latar
from puskesmas.alat.pemulihan import PESAN_TERHENTI, tugas_macet_tandai
from puskesmas.models import TugasLatar
from puskesmas.tasks import periksa_tugas_macet

DIPANGGIL = []


@tugas_latar("uji_pemulihan")
def _tugas(tugas, progres):
    DIPANGGIL.append(tugas.pk)
    progres(40)
    return "/selesai/"


def _buat(dunia, status, *, denyut_menit=None, **kw):
    tugas = TugasLatar.objects.create(
        jenis="uji_pemulihan", dibuat_oleh=dunia.staf_a, status=status, **kw
    )
    if denyut_menit is not None:
        TugasLatar.objects.filter(pk=tugas.pk).update(
            denyut=timezone.now() - timedelta(minutes=denyut_menit)
        )
    return tugas


def test_a_silent_running_job_is_marked_failed(dunia, settings):
    settings.TUGAS_LATAR_BATAS_DENYUT_MENIT = 15
    macet = _buat(dunia, "berjalan", denyut_menit=16)
    hidup = _buat(dunia, "berjalan", denyut_menit=2)
    menunggu = _buat(dunia, "menunggu", denyut_menit=60)
    selesai = _buat(dunia, "berhasil", denyut_menit=60)
    assert periksa_tugas_macet.delay().get() == 1
    status = dict(TugasLatar.objects.values_list("pk", "status"))
    assert status == {
        macet.pk: "gagal",
        hidup.pk: "berjalan",
        menunggu.pk: "menunggu",
        selesai.pk: "berhasil",
    }
    macet.refresh_from_db()
    assert macet.pesan == PESAN_TERHENTI and macet.progres == 100


def test_a_running_job_that_never_beat_counts_from_its_creation(dunia):
    _buat(dunia, "berjalan")
    assert tugas_macet_tandai() == 0
    assert tugas_macet_tandai(sekarang=timezone.now() + timedelta(minutes=16)) == 1


def test_progress_is_a_heartbeat(dunia):
    tugas = _buat(dunia, "menunggu")
    jalankan(tugas.pk)
    tugas.refresh_from_db()
    assert tugas.status == "berhasil"
    assert timezone.now() - tugas.denyut < timedelta(seconds=30)


def test_a_job_redelivered_after_its_worker_died_is_reported_not_rerun(dunia):
    DIPANGGIL.clear()
    tugas = _buat(dunia, "berjalan", denyut_menit=16)
    jalankan(tugas.pk)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.pesan, DIPANGGIL) == ("gagal", PESAN_TERHENTI, [])


def test_a_second_message_for_a_job_still_beating_leaves_it_alone(dunia):
    DIPANGGIL.clear()
    tugas = _buat(dunia, "berjalan", denyut_menit=1)
    jalankan(tugas.pk)
    tugas.refresh_from_db()
    assert (tugas.status, DIPANGGIL) == ("berjalan", [])


def test_the_job_page_never_writes(dunia, masuk):
    tugas = _buat(dunia, "berjalan", denyut_menit=600)
    html = masuk(dunia.staf_a).get(reverse("tugas_latar", args=[tugas.pk])).content.decode()
    assert "Berjalan" in html
    tugas.refresh_from_db()
    assert tugas.status == "berjalan"


def test_the_owner_retries_a_failed_job(dunia, masuk, django_capture_on_commit_callbacks):
    DIPANGGIL.clear()
    tugas = _buat(dunia, "gagal", pesan=PESAN_TERHENTI, progres=100)
    c = masuk(dunia.staf_a)
    html = c.get(reverse("tugas_latar", args=[tugas.pk])).content.decode()
    assert "Coba lagi" in html and PESAN_TERHENTI.split(".")[0] in html
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(reverse("tugas_latar_ulang", args=[tugas.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("tugas_latar", args=[tugas.pk])
    tugas.refresh_from_db()
    assert (tugas.status, tugas.tautan_hasil, DIPANGGIL) == ("berhasil", "/selesai/", [tugas.pk])


def test_a_file_with_errors_is_not_retried(dunia, masuk):
    tugas = _buat(dunia, "gagal", galat=[{"baris": 2, "kolom": "A", "pesan": "salah"}])
    c = masuk(dunia.staf_a)
    assert "Coba lagi" not in c.get(reverse("tugas_latar", args=[tugas.pk])).content.decode()
    c.post(reverse("tugas_latar_ulang", args=[tugas.pk]))
    tugas.refresh_from_db()
    assert tugas.status == "gagal"


def test_only_the_owner_may_retry(dunia, masuk):
    tugas = _buat(dunia, "gagal")
    r = masuk(dunia.staf_b).post(reverse("tugas_latar_ulang", args=[tugas.pk]))
    assert r.status_code == 404
    tugas.refresh_from_db()
    assert tugas.status == "gagal"


def test_the_check_is_scheduled(settings):
    jadwal = settings.CELERY_BEAT_SCHEDULE["tugas-latar-macet"]
    assert jadwal["task"] == periksa_tugas_macet.name
    assert jadwal["schedule"] <= 10 * 60
