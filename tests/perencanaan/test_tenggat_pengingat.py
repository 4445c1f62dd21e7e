"""Daily reminders of the February due dates: stages, recipients, exactly once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perencanaan.services.tenggat import pengingat_tenggat_kirim
from perencanaan.tasks import kirim_pengingat_tenggat
from puskesmas.alat.alur import StatusAlur
from puskesmas.choices import Peran
from puskesmas.models import Notifikasi
from puskesmas.services import tenggat as layanan

from ..factories import KecamatanFactory, PuskesmasFactory, beri_peran, pengguna
from .factories_tenggat import (
    penetapan,
    sk_selesai,
    target_selesai,
    tenggat_kabupaten,
)

pytestmark = pytest.mark.usefixtures("hanya_tenggat_p1")

# Counts below are of the kinds these tests set up, on days a Lokmin is also due.

# Counts reminders and compliance rows of P1's kinds only (see the fixture).
pytestmark = pytest.mark.usefixtures("hanya_tenggat_p1")

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def orang(dunia):
    """Responsible people of A, B (kabupaten X) and C (kabupaten Y) beside ``dunia``'s."""
    o = {
        "pj1_a": pengguna("pj1_a", Peran.PJ_KLASTER, puskesmas=dunia.a, klaster_nomor=1),
        "ktu_b": pengguna("ktu_b", Peran.KEPALA_TU, puskesmas=dunia.b),
        "kapus_b": pengguna("kapus_b", Peran.KEPALA_PUSKESMAS, puskesmas=dunia.b),
        "ktu_c": pengguna("ktu_c", Peran.KEPALA_TU, puskesmas=dunia.c),
        "kapus_c": pengguna("kapus_c", Peran.KEPALA_PUSKESMAS, puskesmas=dunia.c),
    }
    # One person PJ of two klaster: reminded once.
    beri_peran(o["pj1_a"], Peran.PJ_KLASTER, puskesmas=dunia.a, klaster_nomor=3)
    return o


def terkirim(**filter_):
    """{(username, kunci)} of the due-date reminders sent so far."""
    return set(
        Notifikasi.objects.filter(kunci__startswith="tenggat:", **filter_).values_list(
            "penerima__username", "kunci"
        )
    )


def kunci(jenis, p, tahap, tahun=2027):
    return f"tenggat:{jenis}:{p.pk}:{tahun}:{tahap}"


def test_h7_reminds_pj_klaster_and_kepala_tu_of_the_targets(dunia, orang):
    jumlah = pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    a, b, c = dunia.a, dunia.b, dunia.c
    assert terkirim() == {
        ("pj2_a", kunci("target_kinerja", a, "H-7")),
        ("pj1_a", kunci("target_kinerja", a, "H-7")),
        ("ktu_a", kunci("target_kinerja", a, "H-7")),
        ("ktu_b", kunci("target_kinerja", b, "H-7")),
        ("ktu_c", kunci("target_kinerja", c, "H-7")),
    }
    assert jumlah == 5
    n = Notifikasi.objects.get(penerima=dunia.ktu_a)
    assert n.judul == "Pengingat: Target kinerja per klaster 2027 jatuh tempo 7 hari lagi"
    assert n.pesan == (
        f"Target kinerja per klaster {dunia.a} tahun 2027 harus diajukan Tim Perencanaan "
        "paling lambat 14 Februari 2027. Sisa waktu 7 hari."
    )
    assert n.tautan.startswith("/") and str(a.pk) in n.tautan
    assert n.kirim_email is True


def test_h3_and_h1_then_nothing_on_the_due_date(dunia, orang):
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 11))
    assert ("ktu_a", kunci("target_kinerja", dunia.a, "H-3")) in terkirim()
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 13))
    assert ("ktu_a", kunci("target_kinerja", dunia.a, "H-1")) in terkirim()
    assert Notifikasi.objects.get(
        kunci=kunci("target_kinerja", dunia.a, "H-1"), penerima=dunia.ktu_a
    ).judul == ("Pengingat: Target kinerja per klaster 2027 jatuh tempo besok")
    sebelum = terkirim()
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 2, 14)) == 0
    assert terkirim() == sebelum


def test_a_day_that_is_no_stage_sends_nothing(dunia, orang):
    for d in (date(2027, 2, 10), date(2027, 2, 12), date(2027, 1, 20), date(2027, 6, 2)):
        assert pengingat_tenggat_kirim(hari_ini=d) == 0, d
    assert terkirim() == set()


def test_overdue_reminder_the_day_after_then_weekly(dunia, orang):
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 15))
    n = Notifikasi.objects.get(
        kunci=kunci("target_kinerja", dunia.a, "lewat-1"), penerima=dunia.ktu_a
    )
    assert n.judul == "Terlambat: Target kinerja per klaster 2027 melewati batas waktu"
    assert "paling lambat 14 Februari 2027" in n.pesan
    assert n.pesan.endswith("Batas waktu sudah lewat 1 hari dan belum selesai; segera selesaikan.")
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 22))
    assert ("ktu_a", kunci("target_kinerja", dunia.a, "lewat-2")) in terkirim()


def test_sk_reminders_go_to_the_kepala_puskesmas_and_kepala_tu_only(dunia, orang):
    # 21 February 2027: H-7 of the SK (28 February); the targets are overdue but 21 is no
    # weekly repeat (15, 22, ...).
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 21))
    assert terkirim() == {
        ("kapus_a", kunci("sk_target", dunia.a, "H-7")),
        ("ktu_a", kunci("sk_target", dunia.a, "H-7")),
        ("kapus_b", kunci("sk_target", dunia.b, "H-7")),
        ("ktu_b", kunci("sk_target", dunia.b, "H-7")),
        ("kapus_c", kunci("sk_target", dunia.c, "H-7")),
        ("ktu_c", kunci("sk_target", dunia.c, "H-7")),
    }
    n = Notifikasi.objects.get(penerima=dunia.kapus_a)
    assert n.pesan.startswith(
        f"SK Target Kinerja {dunia.a} tahun 2027 harus ditetapkan Kepala Puskesmas paling "
        "lambat 28 Februari 2027."
    )
    # Staff, verifikator and admin Dinkes are never reminded.
    for user in (dunia.staf_a, dunia.staf_b, dunia.verifikator_x, dunia.admin_x, dunia.nasional):
        assert not Notifikasi.objects.filter(penerima=user).exists()


def test_already_done_gets_no_reminder(dunia, orang):
    target_selesai(dunia.a, date(2027, 2, 5))
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    assert {u for u, _ in terkirim()} == {"ktu_b", "ktu_c"}
    # The SK of A is set: no SK reminder for A at H-3, B and C still get theirs.
    Notifikasi.objects.all().delete()
    sk_selesai(dunia.a, date(2027, 2, 10), date(2027, 2, 20), revisi=1)
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 25))
    assert {u for u, _ in terkirim()} == {"kapus_b", "ktu_b", "kapus_c", "ktu_c"}


def test_a_draft_or_returned_target_is_not_done(dunia, orang):
    penetapan(dunia.a, status=StatusAlur.DRAFT)
    penetapan(dunia.b, status=StatusAlur.DIKEMBALIKAN, diajukan=date(2027, 2, 1))
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    assert {u for u, _ in terkirim()} >= {"ktu_a", "ktu_b"}


def test_a_superseded_revision_still_counts_as_done(dunia, orang):
    penetapan(dunia.a, status=StatusAlur.DIGANTIKAN, diajukan=date(2027, 2, 3))
    penetapan(dunia.a, status=StatusAlur.DRAFT, revisi=1)
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    assert "ktu_a" not in {u for u, _ in terkirim()}


def test_last_years_targets_do_not_count(dunia, orang):
    target_selesai(dunia.a, date(2026, 2, 5), tahun=2026)
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    assert "ktu_a" in {u for u, _ in terkirim()}


def test_kabupaten_specific_dates_are_honoured(dunia, orang):
    tenggat_kabupaten(dunia.kab_x, 2027, target=date(2027, 3, 10), sk_target=date(2027, 3, 31))
    # The policy date's H-7: only kabupaten Y (no dates of its own) is reminded.
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    assert {u for u, _ in terkirim()} == {"ktu_c"}
    # Kabupaten X's own H-7: only X.
    Notifikasi.objects.all().delete()
    pengingat_tenggat_kirim(hari_ini=date(2027, 3, 3))
    assert {u for u, _ in terkirim()} == {"pj1_a", "pj2_a", "ktu_a", "ktu_b"}
    n = Notifikasi.objects.get(penerima=dunia.ktu_a)
    assert "paling lambat 10 Maret 2027" in n.pesan
    # Another year of X uses the policy again.
    Notifikasi.objects.all().delete()
    pengingat_tenggat_kirim(hari_ini=date(2028, 2, 7))
    assert {u for u, _ in terkirim()} == {"pj1_a", "pj2_a", "ktu_a", "ktu_b", "ktu_c"}


def test_reminders_are_emailed_after_commit(dunia, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in (dunia.ktu_a, dunia.pj2_a, orang["pj1_a"], orang["ktu_b"], orang["ktu_c"])
    )
    assert "14 Februari 2027" in mail.outbox[0].body


def test_the_task_uses_the_jakarta_date_and_running_twice_sends_once(dunia, orang):
    # 7 February 2027 01:00 in Jakarta is still 6 February in UTC.
    with time_machine.travel(datetime(2027, 2, 7, 1, 0, tzinfo=WIB), tick=False):
        assert kirim_pengingat_tenggat.delay().get() == 5
        assert kirim_pengingat_tenggat.delay().get() == 0
        kirim_pengingat_tenggat.apply()  # a retry of the same day
    assert Notifikasi.objects.filter(kunci__startswith="tenggat:").count() == 5
    assert len(terkirim()) == 5


def test_the_task_can_rerun_a_given_day(dunia, orang):
    with time_machine.travel(datetime(2027, 5, 1, 9, 0, tzinfo=WIB), tick=False):
        assert kirim_pengingat_tenggat.delay(hari_ini="2027-02-13").get() == 5
    assert {k.rsplit(":", 1)[1] for _, k in terkirim()} == {"H-1"}


def test_inactive_users_are_not_reminded(dunia, orang):
    dunia.ktu_a.is_active = False
    dunia.ktu_a.save()
    pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    assert "ktu_a" not in {u for u, _ in terkirim()}


def _baca(queries) -> int:
    """Reads other than the notification inserts' own bookkeeping."""
    return sum(
        1
        for q in queries
        if q["sql"].lstrip().upper().startswith("SELECT") and "notifikasi" not in q["sql"]
    )


def test_puskesmas_are_read_in_batches_with_bounded_queries(dunia, orang, monkeypatch):
    def tambah(n):
        for _ in range(n):
            p = PuskesmasFactory(kecamatan=KecamatanFactory(kabupaten=dunia.kab_x))
            pengguna(f"ktu_{p.kode}", Peran.KEPALA_TU, puskesmas=p)

    with CaptureQueriesContext(connection) as sedikit:
        pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    Notifikasi.objects.all().delete()
    tambah(12)
    with CaptureQueriesContext(connection) as banyak:
        assert pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7)) == 5 + 12
    assert _baca(banyak.captured_queries) == _baca(sedikit.captured_queries)
    # Small batches: every Puskesmas is still reached, a fixed number of reads per batch.
    Notifikasi.objects.all().delete()
    monkeypatch.setattr(layanan, "UKURAN_BATCH", 4)
    with CaptureQueriesContext(connection) as batch:
        assert pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7)) == 5 + 12
    jumlah_batch = -(-15 // 4)  # 15 Puskesmas
    # 1 read of the kabupaten dates, then per batch: the Puskesmas, their done dates (one
    # read of the kind), and the recipients; and the empty read that ends the loop.
    assert _baca(batch.captured_queries) == 1 + 3 * jumlah_batch + 1


def test_the_task_is_scheduled_daily_by_celery_beat(settings):
    jadwal = settings.CELERY_BEAT_SCHEDULE["pengingat-tenggat-perencanaan"]
    assert jadwal["task"] == kirim_pengingat_tenggat.name
    assert jadwal["schedule"].hour == {6} and jadwal["schedule"].minute == {0}
