"""The one RTL model: services (lifecycle, evidence, follow-up RTL, reminders), the board
and the RTL pages (scope 404, capability 403, bounded queries)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from puskesmas.alat import rtl as aturan
from puskesmas.alat.access import PESAN_DITOLAK, Aksi
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.models import RTL, Notifikasi
from puskesmas.services import rtl as services

from ..lokmin.factories import RTLFactory
from ..perencanaan.factories_rpk import klaster

HARI = date(2027, 3, 15)


@pytest.fixture
def hari():
    with time_machine.travel(HARI, tick=False):
        yield HARI


def berkas(nama="foto.jpg"):
    return SimpleUploadedFile(nama, b"isi bukti", content_type="image/jpeg")


def buat(dunia, **data):
    isi = {
        "klaster": klaster(2),
        "masalah": "Cakupan K4 rendah",
        "penyebab": "Kader kurang",
        "jenis": "korektif",
        "rencana": "Kunjungan rumah",
        "pj": dunia.pj2_a,
        "pj_instansi": "",
        "batas": HARI + timedelta(days=10),
    }
    isi.update(data)
    return services.rtl_buat(
        puskesmas=dunia.a, data=isi, user=dunia.ktu_a, aksi=Aksi.SUSUN_LOKMIN, sumber_label="Uji"
    )


def test_raise_notifies_the_pj(dunia, hari):
    rtl = buat(dunia)
    assert rtl.status == "belum"
    assert Notifikasi.objects.filter(penerima=dunia.pj2_a, judul="RTL baru untuk Anda").exists()


def test_pj_must_work_at_the_puskesmas(dunia, hari):
    with pytest.raises(AlurTidakSah) as exc:
        buat(dunia, pj=dunia.staf_b)
    assert exc.value.message == services.PESAN_PJ_LUAR


def test_pj_is_a_user_or_an_instansi_not_both(dunia, hari):
    with pytest.raises(AlurTidakSah) as exc:
        buat(dunia, pj_instansi="Camat")
    assert exc.value.message == aturan.PESAN_PJ
    rtl = buat(dunia, pj=None, pj_instansi="Camat Sukamaju")
    assert rtl.nama_pj == "Camat Sukamaju"


def test_staff_cannot_raise_an_rtl_for_the_lokmin(dunia, hari):
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services.rtl_buat(puskesmas=dunia.a, data={}, user=dunia.staf_a, aksi=Aksi.SUSUN_LOKMIN)


def test_follow_up_needs_evidence_then_evaluation_closes_it(dunia, hari):
    rtl = buat(dunia)
    with pytest.raises(AlurTidakSah) as exc:
        services.rtl_tindak_lanjut(rtl=rtl, uraian="x", tanggal=HARI, berkas=[], user=dunia.pj2_a)
    assert exc.value.message == aturan.PESAN_BUKTI_WAJIB
    rtl = services.rtl_tindak_lanjut(
        rtl=rtl, uraian="Kunjungan 12 rumah", tanggal=HARI, berkas=[berkas()], user=dunia.pj2_a
    )
    assert rtl.status == "selesai" and rtl.bukti.count() == 1
    with pytest.raises(AlurTidakSah):  # done: no second follow-up
        services.rtl_tindak_lanjut(
            rtl=rtl, uraian="lagi", tanggal=HARI, berkas=[berkas()], user=dunia.pj2_a
        )
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):  # a PJ klaster does not evaluate
        services.rtl_evaluasi(rtl=rtl, tanggal=HARI, hasil="efektif", catatan="", user=dunia.pj2_a)
    rtl, lanjutan = services.rtl_evaluasi(
        rtl=rtl, tanggal=HARI, hasil="efektif", catatan="", user=dunia.kapus_a
    )
    assert rtl.status == "dievaluasi" and rtl.hasil_evaluasi == "efektif" and lanjutan is None
    assert (
        aturan.kolom_papan(status=rtl.status, batas=rtl.batas, hari_ini=HARI)
        == aturan.Kolom.DITUTUP
    )


def test_belum_efektif_raises_a_linked_follow_up(dunia, hari):
    rtl = buat(dunia)
    rtl = services.rtl_tindak_lanjut(
        rtl=rtl, uraian="Kunjungan", tanggal=HARI, berkas=[berkas()], user=dunia.pj2_a
    )
    with pytest.raises(AlurTidakSah) as exc:
        services.rtl_evaluasi(
            rtl=rtl, tanggal=HARI, hasil="belum_efektif", catatan="", user=dunia.kapus_a
        )
    assert exc.value.message == aturan.PESAN_CATATAN_BELUM_EFEKTIF
    rtl, lanjutan = services.rtl_evaluasi(
        rtl=rtl,
        tanggal=HARI,
        hasil="belum_efektif",
        catatan="Cakupan belum naik",
        user=dunia.kapus_a,
    )
    assert lanjutan.asal == rtl and lanjutan.status == "belum"
    assert lanjutan.masalah == rtl.masalah and lanjutan.pj == dunia.pj2_a
    assert lanjutan.rencana == rtl.rencana  # no new plan given: the old one carries on
    assert lanjutan.batas == HARI + timedelta(days=services.HARI_LANJUTAN)
    assert "Cakupan belum naik" in lanjutan.penyebab
    assert Notifikasi.objects.filter(penerima=dunia.pj2_a, judul="RTL lanjutan untuk Anda").exists()


def test_progress_carry_on_and_stop(dunia, hari):
    rtl = buat(dunia)
    rtl = services.rtl_progres(
        rtl=rtl, catatan="6 dari 12 rumah", batas_baru=HARI + timedelta(days=30), user=dunia.staf_a
    )
    assert rtl.status == "proses" and rtl.batas == HARI + timedelta(days=30)
    with pytest.raises(AlurTidakSah) as exc:
        services.rtl_hentikan(rtl=rtl, alasan=" ", user=dunia.kapus_a)
    assert exc.value.message == aturan.PESAN_ALASAN_HENTIKAN
    rtl = services.rtl_hentikan(rtl=rtl, alasan="Program dihentikan Dinkes", user=dunia.kapus_a)
    assert rtl.status == "tidak_dilanjutkan" and rtl.alasan_dihentikan
    with pytest.raises(AlurTidakSah):
        services.rtl_progres(rtl=rtl, catatan="x", user=dunia.staf_a)


def test_history_keeps_who_did_each_step(dunia, hari):
    rtl = buat(dunia)
    services.rtl_progres(rtl=rtl, catatan="Mulai", user=dunia.staf_a)
    riwayat = list(rtl.history.order_by("history_date"))
    assert [h.history_user for h in riwayat] == [dunia.ktu_a, dunia.staf_a]


def test_overdue_reminders_exactly_once_per_stage(dunia):
    rtl = RTLFactory(puskesmas=dunia.a, pj=dunia.pj2_a, pj_instansi="", batas=HARI)
    instansi = RTLFactory(puskesmas=dunia.a, batas=HARI, dibuat_oleh=dunia.ktu_a)
    assert services.rtl_kirim_pengingat(hari_ini=HARI) == 0  # due today: not late
    assert services.rtl_kirim_pengingat(hari_ini=HARI + timedelta(days=1)) == 2
    assert services.rtl_kirim_pengingat(hari_ini=HARI + timedelta(days=1)) == 0  # rerun
    assert services.rtl_kirim_pengingat(hari_ini=HARI + timedelta(days=2)) == 0
    assert services.rtl_kirim_pengingat(hari_ini=HARI + timedelta(days=8)) == 2
    kunci = set(
        Notifikasi.objects.filter(kunci__startswith="rtl:").values_list("kunci", "penerima")
    )
    assert kunci == {
        (f"rtl:{rtl.pk}:lewat-1", dunia.pj2_a.pk),
        (f"rtl:{rtl.pk}:lewat-2", dunia.pj2_a.pk),
        (f"rtl:{instansi.pk}:lewat-1", dunia.ktu_a.pk),  # an instansi: whoever raised it
        (f"rtl:{instansi.pk}:lewat-2", dunia.ktu_a.pk),
    }
    RTL.objects.filter(pk=rtl.pk).update(status="selesai")
    assert services.rtl_kirim_pengingat(hari_ini=HARI + timedelta(days=15)) == 1


def test_the_daily_task_sends_the_reminders(dunia):
    from puskesmas.tasks import kirim_pengingat_rtl

    RTLFactory(puskesmas=dunia.a, pj=dunia.pj2_a, pj_instansi="", batas=HARI)
    with time_machine.travel(HARI + timedelta(days=1), tick=False):
        assert kirim_pengingat_rtl.delay().get() == 1


# --- Pages ---------------------------------------------------------------------------------


def test_board_sorts_rtl_into_columns_and_filters(dunia, masuk, hari):
    terbuka = RTLFactory(puskesmas=dunia.a, batas=HARI + timedelta(days=3))
    telat = RTLFactory(
        puskesmas=dunia.a, batas=HARI - timedelta(days=1), pj=dunia.pj2_a, pj_instansi=""
    )
    tunggu = RTLFactory(puskesmas=dunia.a, status="selesai", klaster=klaster(3))
    RTLFactory(puskesmas=dunia.b)  # another Puskesmas: not on A's board
    r = masuk(dunia.staf_a).get(reverse("rtl_papan", args=[dunia.a.pk]))
    assert r.status_code == 200
    kolom = {k: [x.pk for x in daftar] for k, _, daftar in r.context["papan"]}
    assert kolom == {
        "terbuka": [terbuka.pk],
        "terlambat": [telat.pk],
        "menunggu_evaluasi": [tunggu.pk],
        "ditutup": [],
    }
    r = masuk(dunia.staf_a).get(reverse("rtl_papan", args=[dunia.a.pk]), {"pj": dunia.pj2_a.pk})
    assert [x.pk for _, _, d in r.context["papan"] for x in d] == [telat.pk]
    r = masuk(dunia.staf_a).get(reverse("rtl_papan", args=[dunia.a.pk]), {"klaster": klaster(3).pk})
    assert [x.pk for _, _, d in r.context["papan"] for x in d] == [tunggu.pk]


def test_board_queries_do_not_grow_with_rows(dunia, masuk, hari):
    client = masuk(dunia.staf_a)
    url = reverse("rtl_papan", args=[dunia.a.pk])
    RTLFactory(puskesmas=dunia.a, pj=dunia.pj2_a, pj_instansi="")
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    for i in range(15):
        RTLFactory(puskesmas=dunia.a, pj=dunia.ktu_a, pj_instansi="", klaster=klaster(2 + i % 3))
    with CaptureQueriesContext(connection) as banyak:
        client.get(url)
    assert len(banyak) == len(sedikit)


def test_rtl_pages_are_scoped(dunia, masuk, hari):
    rtl = RTLFactory(puskesmas=dunia.a)
    for nama in ("rtl_detail",):
        assert masuk(dunia.staf_b).get(reverse(nama, args=[rtl.pk])).status_code == 404
        assert masuk(dunia.verifikator_y).get(reverse(nama, args=[rtl.pk])).status_code == 404
        assert masuk(dunia.verifikator_x).get(reverse(nama, args=[rtl.pk])).status_code == 200
    r = masuk(dunia.staf_b).post(reverse("rtl_progres", args=[rtl.pk]), {"catatan": "x"})
    assert r.status_code == 404
    r = masuk(dunia.staf_a).post(reverse("rtl_hentikan", args=[rtl.pk]), {"alasan": "tidak perlu"})
    assert r.status_code == 403  # staff record follow-up, they do not stop an RTL
    rtl.refresh_from_db()
    assert rtl.status == "belum"


def test_follow_up_with_evidence_through_the_page_and_download(dunia, masuk, hari):
    rtl = RTLFactory(puskesmas=dunia.a, pj=dunia.pj2_a, pj_instansi="")
    client = masuk(dunia.pj2_a)
    r = client.post(
        reverse("rtl_tindak_lanjut", args=[rtl.pk]),
        {
            "uraian": "Sweeping selesai",
            "tanggal": "2027-03-14",
            "berkas": [berkas("a.jpg"), berkas("b.pdf")],
        },
    )
    assert r.status_code == 302
    rtl.refresh_from_db()
    assert rtl.status == "selesai"
    bukti = list(rtl.bukti.all())
    assert [b.nama for b in bukti] == ["a.jpg", "b.pdf"]
    r = client.get(reverse("rtl_bukti", args=[bukti[0].pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"isi bukti"
    assert masuk(dunia.staf_b).get(reverse("rtl_bukti", args=[bukti[0].pk])).status_code == 404


def test_a_refused_step_comes_back_as_the_message(dunia, masuk, hari):
    rtl = RTLFactory(puskesmas=dunia.a)
    r = masuk(dunia.kapus_a).post(
        reverse("rtl_evaluasi", args=[rtl.pk]),
        {"tanggal": "2027-03-15", "hasil": "efektif"},
        follow=True,
    )
    pesan = [str(m) for m in r.context["messages"]]
    assert pesan == ["RTL berstatus «Belum dilaksanakan» sehingga tidak dapat dievaluasi."]
