"""RTM: schedule, peserta and attendance, notulen and analysis, decisions as RTL, approval by
the Kepala Puskesmas and the lock, the input pack, the home-page warning, the PDF."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from pengawasan import paket_rtm
from pengawasan.kotak_masuk_rtm import rtm_kurang
from pengawasan.models import RTM, PesertaRTM
from pengawasan.models.rtm import PESAN_SIAP_ANALISIS, PESAN_SIAP_HADIR, PESAN_SIAP_NOTULEN
from pengawasan.selectors.rtm_paket import bulan_data
from pengawasan.services import rtm as services
from puskesmas.alat import kotak_masuk as km
from puskesmas.alat.alur import PESAN_TERKUNCI, AlurTidakSah
from puskesmas.models import RTL

from ..halaman_pdf import halaman
from ..lokmin.factories import RTLFactory
from ..lokmin.factories_pws import desa_dengan_sasaran, indikator_pws, nilai_pws
from .factories_rtm import PesertaRTMFactory, RTMFactory

pytestmark = pytest.mark.django_db


def _rtm(dunia, **kw):
    kw.setdefault("tahun", 2026)
    return services.rtm_buat(
        puskesmas=dunia.a,
        tanggal=date(kw["tahun"], 6, 20),
        tempat="Aula",
        user=dunia.ktu_a,
        **kw,
    )


def _data_rtl(dunia, **kw):
    return {
        "klaster": None,
        "masalah": "Cakupan K4 di bawah target",
        "penyebab": "",
        "jenis": "korektif",
        "rencana": "Kunjungan rumah ibu hamil",
        "pj": dunia.pj2_a,
        "pj_instansi": "",
        "batas": date(2026, 8, 31),
        **kw,
    }


def _siap(dunia, rtm):
    services.peserta_undang_pegawai(rtm=rtm, user=dunia.ktu_a)
    hadir = set(rtm.peserta.values_list("pk", flat=True))
    services.kehadiran_simpan(rtm=rtm, hadir_ids=hadir, user=dunia.ktu_a)
    rtm.refresh_from_db()
    return services.rtm_ubah(
        rtm=rtm,
        data={"notulen": "Dibahas capaian K4.", "analisis": "K4 tertinggal 10 poin."},
        versi=rtm.versi,
        user=dunia.ktu_a,
    )


def test_schedule_needs_the_capability_and_a_date_in_the_year(dunia):
    rtm = _rtm(dunia)
    assert rtm.status == "draft" and rtm.agenda == services.AGENDA_DEFAULT
    assert rtm.history.first().history_change_reason == "Dijadwalkan"
    with pytest.raises(PermissionDenied):
        services.rtm_buat(
            puskesmas=dunia.a, tahun=2026, tanggal=date(2026, 7, 1), tempat="A", user=dunia.staf_a
        )
    with pytest.raises(AlurTidakSah) as e:
        services.rtm_buat(
            puskesmas=dunia.a, tahun=2026, tanggal=date(2027, 1, 2), tempat="A", user=dunia.ktu_a
        )
    assert e.value.message == services.PESAN_TAHUN.format(tahun=2026)


def test_submission_needs_attendance_notulen_and_analysis(dunia):
    rtm = _rtm(dunia)
    with pytest.raises(AlurTidakSah) as e:
        services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    assert e.value.message == PESAN_SIAP_HADIR
    services.peserta_undang_pegawai(rtm=rtm, user=dunia.ktu_a)
    services.kehadiran_simpan(rtm=rtm, hadir_ids={rtm.peserta.first().pk}, user=dunia.ktu_a)
    with pytest.raises(AlurTidakSah) as e:
        services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    assert e.value.message == PESAN_SIAP_NOTULEN
    rtm.refresh_from_db()
    services.rtm_ubah(rtm=rtm, data={"notulen": "x"}, versi=rtm.versi, user=dunia.ktu_a)
    with pytest.raises(AlurTidakSah) as e:
        services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    assert e.value.message == PESAN_SIAP_ANALISIS


def test_invite_staff_once_and_record_attendance(dunia):
    rtm = _rtm(dunia)
    n = services.peserta_undang_pegawai(rtm=rtm, user=dunia.ktu_a)
    assert n == 4  # staf, kepala, KTU, PJ klaster of A
    assert services.peserta_undang_pegawai(rtm=rtm, user=dunia.ktu_a) == 0
    satu = rtm.peserta.first()
    assert services.kehadiran_simpan(rtm=rtm, hadir_ids={satu.pk}, user=dunia.ktu_a) == 1
    assert list(PesertaRTM.objects.filter(hadir=True)) == [satu]
    assert satu.history.count() == 2


def test_approved_by_the_kepala_then_locked(dunia):
    rtm = _siap(dunia, _rtm(dunia))
    rtl = services.rtm_rtl_buat(rtm=rtm, data=_data_rtl(dunia), user=dunia.ktu_a)
    assert rtl.sumber == rtm and rtl.sumber_label == f"{rtm} Alfa"
    services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    with pytest.raises(PermissionDenied):  # approval is the Kepala's own act
        services.rtm_alur(rtm=rtm, langkah="sahkan", user=dunia.ktu_a)
    rtm = services.rtm_alur(rtm=rtm, langkah="sahkan", user=dunia.kapus_a)
    assert rtm.status == "disahkan" and rtm.label_status == "Disetujui Kepala Puskesmas"
    terkunci = PESAN_TERKUNCI.format(dokumen="RTM", status="Disahkan")
    for ubah in (
        lambda: services.rtm_ubah(
            rtm=rtm, data={"notulen": "y"}, versi=rtm.versi, user=dunia.ktu_a
        ),
        lambda: services.rtm_rtl_buat(rtm=rtm, data=_data_rtl(dunia), user=dunia.ktu_a),
        lambda: services.peserta_undang_pegawai(rtm=rtm, user=dunia.ktu_a),
        lambda: services.kehadiran_simpan(rtm=rtm, hadir_ids=set(), user=dunia.ktu_a),
        lambda: services.rtm_rtl_hapus(rtm=rtm, rtl=rtl, user=dunia.ktu_a),
    ):
        with pytest.raises(AlurTidakSah) as e:
            ubah()
        assert e.value.message == terkunci
    assert [j.langkah for j in rtm.jejak()] == ["sahkan", "ajukan"] or [
        j.langkah for j in rtm.jejak()
    ] == ["ajukan", "sahkan"]


def test_returned_with_a_reason_kept_until_submitted_again(dunia):
    rtm = _siap(dunia, _rtm(dunia))
    services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    rtm = services.rtm_alur(rtm=rtm, langkah="kembalikan", user=dunia.kapus_a, catatan="Lengkapi")
    assert rtm.catatan_pengembalian == "Lengkapi" and rtm.bisa_diubah
    rtm = services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    assert rtm.catatan_pengembalian == ""


def test_locked_edit_through_the_page_shows_the_message(dunia, masuk):
    rtm = _siap(dunia, _rtm(dunia))
    services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    services.rtm_alur(rtm=rtm, langkah="sahkan", user=dunia.kapus_a)
    c = masuk(dunia.ktu_a)
    r = c.post(reverse("pengawasan:rtm_peserta", args=[rtm.pk]), follow=True)
    assert PESAN_TERKUNCI.format(dokumen="RTM", status="Disahkan") in r.content.decode()
    assert 'data-testid="rtm-terkunci"' in r.content.decode()


def test_flow_through_the_pages(dunia, masuk):
    c = masuk(dunia.ktu_a)
    r = c.post(
        reverse("pengawasan:rtm_buat", args=[dunia.a.pk]),
        {"tanggal": "2026-06-20", "tempat": "Aula", "waktu": "09.00"},
    )
    rtm = RTM.objects.get()
    assert r.url == reverse("pengawasan:rtm_detail", args=[rtm.pk])
    c.post(reverse("pengawasan:rtm_peserta", args=[rtm.pk]))
    ids = [str(p) for p in rtm.peserta.values_list("pk", flat=True)]
    c.post(reverse("pengawasan:rtm_hadir", args=[rtm.pk]), {"hadir": ids[:2]})
    assert rtm.peserta.filter(hadir=True).count() == 2
    rtm.refresh_from_db()
    c.post(
        reverse("pengawasan:rtm_ubah", args=[rtm.pk]),
        {
            "tanggal": "2026-06-21",
            "tempat": "Aula",
            "agenda": "Kinerja",
            "notulen": "Notulen rapat",
            "analisis": "Analisis rapat",
            "perubahan": "Kepala TU baru",
            "versi": rtm.versi,
        },
    )
    rtm.refresh_from_db()
    assert rtm.notulen == "Notulen rapat" and rtm.tanggal == date(2026, 6, 21)
    c.post(
        reverse("pengawasan:rtm_rtl", args=[rtm.pk]),
        {
            "masalah": "K4 rendah",
            "jenis": "korektif",
            "rencana": "Sweeping",
            "pj": dunia.pj2_a.pk,
            "batas": "2026-08-31",
        },
    )
    assert RTL.objects.get().sumber == rtm
    c.post(reverse("pengawasan:rtm_alur", args=[rtm.pk]), {"langkah": "ajukan"})
    rtm.refresh_from_db()
    assert rtm.status == "diajukan"
    r = masuk(dunia.kapus_a).post(
        reverse("pengawasan:rtm_alur", args=[rtm.pk]), {"langkah": "sahkan"}, follow=True
    )
    rtm.refresh_from_db()
    assert rtm.status == "disahkan"
    assert "Kepala TU baru" in r.content.decode()


def test_out_of_scope_is_404_and_staff_cannot_write(dunia, masuk):
    rtm = RTMFactory(puskesmas=dunia.a, tahun=2026)
    assert (
        masuk(dunia.staf_b).get(reverse("pengawasan:rtm_detail", args=[rtm.pk])).status_code == 404
    )
    c = masuk(dunia.staf_a)
    assert c.get(reverse("pengawasan:rtm_detail", args=[rtm.pk])).status_code == 200
    assert c.post(reverse("pengawasan:rtm_peserta", args=[rtm.pk])).status_code == 403
    assert (
        masuk(dunia.verifikator_y)
        .get(reverse("pengawasan:rtm_daftar", args=[dunia.a.pk]))
        .status_code
        == 404
    )


# --- the input pack -----------------------------------------------------------------------


class _Stand:
    """A stand-in with what a section reads."""

    def __init__(self, puskesmas, tahun, tanggal):
        self.puskesmas, self.tahun, self.tanggal, self.pk = puskesmas, tahun, tanggal, None
        self.perubahan = ""


def test_bulan_data():
    assert bulan_data(_Stand(None, 2026, date(2026, 7, 2))) == 6
    assert bulan_data(_Stand(None, 2026, date(2026, 1, 9))) == 1
    assert bulan_data(_Stand(None, 2026, date(2027, 1, 9))) == 12


def test_pack_shows_a_lagging_indicator_previous_decisions_and_open_rtl(dunia):
    ind = indikator_pws(dunia.kab_x, nama="Cakupan K4")  # target 90%
    desa = desa_dengan_sasaran(dunia.a, jumlah=100)
    for b in range(1, 6):
        nilai_pws(puskesmas=dunia.a, desa=desa, indikator=ind, bulan=b, nilai=2)
    lalu = RTMFactory(puskesmas=dunia.a, tahun=2026, tanggal=date(2026, 1, 15))
    keputusan = RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=lalu)
    lain = RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_label="Audit")
    rtm = RTMFactory(
        puskesmas=dunia.a, tahun=2026, tanggal=date(2026, 6, 20), perubahan="Kepala baru"
    )
    sendiri = RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=rtm)
    bagian = {b.kode: b for b in paket_rtm.semua(rtm, dunia.ktu_a)}
    assert list(bagian)[:5] == ["kinerja", "realisasi_rpk", "rtm_lalu", "rtl_terbuka", "perubahan"][
        :5
    ] or {
        "kinerja",
        "realisasi_rpk",
        "rtm_lalu",
        "rtl_terbuka",
        "perubahan",
    } <= set(bagian)
    kinerja = bagian["kinerja"]
    [baris] = [i for i in kinerja.data.indikator if i.indikator == ind]
    assert baris.tertinggal and kinerja.data.bulan == 5
    assert "1 dari" in kinerja.ringkasan
    assert bagian["rtm_lalu"].data == [keputusan]
    assert bagian["rtm_lalu"].extra["rtm_lalu"] == lalu
    terbuka = bagian["rtl_terbuka"].data
    assert lain in terbuka and keputusan in terbuka and sendiri not in terbuka
    assert bagian["perubahan"].data == "Kepala baru"


def test_first_rtm_has_no_previous(dunia):
    rtm = RTMFactory(puskesmas=dunia.a, tahun=2026)
    b = {b.kode: b for b in paket_rtm.semua(rtm, dunia.ktu_a)}["rtm_lalu"]
    assert b.data == [] and b.ringkasan == "Belum ada RTM sebelumnya."


def test_detail_page_renders_every_section_in_bounded_queries(
    dunia, masuk, django_assert_max_num_queries
):
    rtm = RTMFactory(puskesmas=dunia.a, tahun=2026)
    c = masuk(dunia.ktu_a)
    url = reverse("pengawasan:rtm_detail", args=[rtm.pk])
    c.get(url)
    with django_assert_max_num_queries(45) as q:
        r = c.get(url)
    sedikit = len(q.captured_queries)
    for _ in range(5):
        PesertaRTMFactory(rtm=rtm)
        RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=rtm)
        RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a)
    with django_assert_max_num_queries(sedikit):
        r = c.get(url)
    isi = r.content.decode()
    for kode in ("kinerja", "realisasi_rpk", "rtm_lalu", "rtl_terbuka", "perubahan"):
        assert f'data-testid="bagian-{kode}"' in isi


def test_notulen_pdf_holds_the_summary_and_decisions(dunia, masuk):
    rtm = _siap(dunia, _rtm(dunia))
    services.rtm_rtl_buat(rtm=rtm, data=_data_rtl(dunia), user=dunia.ktu_a)
    r = masuk(dunia.ktu_a).get(reverse("pengawasan:rtm_notulen_pdf", args=[rtm.pk]))
    assert r["Content-Type"] == "application/pdf"
    teks = " ".join(" ".join(halaman(r.content)).split()).upper()
    for frasa in (
        "Notulen Rapat Tinjauan Manajemen",
        "Ringkasan bahan rapat",
        "Kinerja terhadap target",
        "Kunjungan",
        "Dibahas capaian K4.",
        "DRAF",
    ):
        assert frasa.upper() in teks


# --- the home-page warning ------------------------------------------------------------------


def _konteks(user, hari_ini, tahun=None):
    from puskesmas.alat.access import lingkup

    return km.Konteks(
        user=user, lingkup=lingkup(user), tahun=tahun or hari_ini.year, hari_ini=hari_ini
    )


def test_warning_from_october_with_fewer_than_two(dunia):
    RTMFactory(puskesmas=dunia.a, tahun=2026)
    [butir] = rtm_kurang(_konteks(dunia.ktu_a, date(2026, 10, 1)))
    assert butir.label.startswith("RTM Alfa tahun 2026: baru 1 dari minimal 2")
    assert butir.url.startswith(reverse("pengawasan:rtm_daftar", args=[dunia.a.pk]))
    assert rtm_kurang(_konteks(dunia.ktu_a, date(2026, 9, 30))) == []
    assert rtm_kurang(_konteks(dunia.staf_a, date(2026, 10, 1))) == []  # not theirs to do
    RTMFactory(puskesmas=dunia.a, tahun=2026, tanggal=date(2026, 11, 20))
    assert rtm_kurang(_konteks(dunia.ktu_a, date(2026, 10, 1))) == []


def test_warning_reaches_the_home_inbox(dunia):
    labels = [
        b.label for b in km.kotak_masuk(user=dunia.kapus_a, tahun=2026, hari_ini=date(2026, 12, 1))
    ]
    assert any(lbl.startswith("RTM Alfa tahun 2026: baru 0") for lbl in labels)


def test_submitted_rtm_waits_for_the_kepala(dunia):
    rtm = _siap(dunia, _rtm(dunia))
    services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    labels = [
        b.label for b in km.kotak_masuk(user=dunia.kapus_a, tahun=2026, hari_ini=date(2026, 7, 1))
    ]
    assert any("diajukan: setujui" in lbl for lbl in labels)


def test_rtm_list_page_warns(dunia, masuk, settings):
    from unittest import mock

    RTMFactory(puskesmas=dunia.a, tahun=2026)
    c = masuk(dunia.ktu_a)
    s = c.session
    s["tahun"] = 2026
    s.save()
    with mock.patch("pengawasan.views.rtm.timezone.localdate", return_value=date(2026, 10, 5)):
        r = c.get(reverse("pengawasan:rtm_daftar", args=[dunia.a.pk]))
    assert 'data-testid="peringatan-rtm"' in r.content.decode()
    with mock.patch("pengawasan.views.rtm.timezone.localdate", return_value=date(2026, 9, 5)):
        r = c.get(reverse("pengawasan:rtm_daftar", args=[dunia.a.pk]))
    assert 'data-testid="peringatan-rtm"' not in r.content.decode()


def test_rtm_providers_cost_the_same_queries_for_one_document_or_many(dunia):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pengawasan import kotak_masuk_rtm as p

    def hitung():
        user = type(dunia.kapus_a).objects.get(pk=dunia.kapus_a.pk)
        k = _konteks(user, date(2026, 11, 1))
        with CaptureQueriesContext(connection) as q:
            n = sum(
                len(f(k)) for f in (p.rtm_kurang, p.rtm_menunggu_persetujuan, p.rtm_dikembalikan)
            )
        return len(q), n

    RTMFactory(puskesmas=dunia.a, tahun=2026, status="diajukan")
    q1, n1 = hitung()
    assert n1 == 2  # the October warning (one RTM only) and the one submitted
    for _ in range(3):
        RTMFactory(puskesmas=dunia.a, tahun=2026, status="diajukan")
        RTMFactory(puskesmas=dunia.a, tahun=2026, status="dikembalikan")
    q2, n2 = hitung()
    assert q2 == q1 <= 6
    assert n2 == 7  # four submitted, three returned; no warning any more


def test_each_step_notifies_who_acts_next(dunia):
    from puskesmas.choices import Peran
    from puskesmas.models import Notifikasi

    from ..factories import pengguna

    mutu = pengguna("mutu_rtm", Peran.TIM_MUTU, puskesmas=dunia.a)
    rtm = _siap(dunia, _rtm(dunia))
    services.rtm_alur(rtm=rtm, langkah="ajukan", user=dunia.ktu_a)
    assert list(Notifikasi.objects.values_list("penerima__username", flat=True)) == ["kapus_a"]
    services.rtm_alur(rtm=rtm, langkah="sahkan", user=dunia.kapus_a)
    disetujui = Notifikasi.objects.filter(judul__endswith="disetujui Kepala Puskesmas")
    assert set(disetujui.values_list("penerima", flat=True)) == {dunia.ktu_a.pk, mutu.pk}
