"""Services of the registers and the quality programme: capability, rules, history."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from pengawasan import aturan_register as aturan
from pengawasan.models import (
    AnggotaTimMutu,
    EvaluasiTimMutu,
    KegiatanMutu,
    MediaPengaduan,
    Pengaduan,
    Risiko,
    SurveiKepuasan,
    TimMutu,
)
from pengawasan.services import register as s
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci
from puskesmas.choices import Peran
from puskesmas.models import RTL
from puskesmas.services.inti import KonflikVersi

from ..factories import pengguna
from .factories_register import (
    TAHUN,
    KegiatanMutuFactory,
    PengaduanFactory,
    RencanaProgramMutuFactory,
    TimMutuFactory,
)


@pytest.fixture
def mutu_a(dunia):
    return pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=dunia.a)


def _data_rtl(dunia):
    return {
        "masalah": "Antrean pendaftaran lama",
        "rencana": "Tambah loket pada jam sibuk",
        "pj": dunia.ktu_a,
        "batas": date(TAHUN, 4, 30),
        "jenis": "korektif",
    }


# --- pengaduan -------------------------------------------------------------------------


def test_complaint_recorded_by_tim_mutu_moves_with_analysis_and_rtl(dunia, mutu_a):
    p = s.pengaduan_simpan(
        pengaduan=Pengaduan(puskesmas=dunia.a, tanggal=date(TAHUN, 3, 1), media="sms", isi="x"),
        versi=None,
        user=mutu_a,
    )
    assert (p.status, p.dicatat_oleh) == (aturan.BARU, mutu_a)
    p.analisis = "Petugas pendaftaran kurang pada Senin pagi."
    p = s.pengaduan_simpan(pengaduan=p, versi=p.versi, user=mutu_a)
    assert p.status == aturan.DIANALISIS
    rtl = s.pengaduan_rtl_buat(pengaduan=p, data=_data_rtl(dunia), user=mutu_a)
    assert rtl.sumber == p and rtl.sumber_label == str(p)
    p.refresh_from_db()
    assert p.status == aturan.DITINDAKLANJUTI
    assert p.history.first().history_user == mutu_a


def test_staff_cannot_keep_the_register(dunia):
    with pytest.raises(PermissionDenied):
        s.pengaduan_simpan(
            pengaduan=Pengaduan(puskesmas=dunia.a, tanggal=date(TAHUN, 3, 1), media="sms", isi="x"),
            versi=None,
            user=dunia.staf_a,
        )


def test_stale_complaint_form_is_refused(dunia, mutu_a):
    p = PengaduanFactory(puskesmas=dunia.a)
    with pytest.raises(KonflikVersi):
        s.pengaduan_simpan(pengaduan=p, versi=p.versi + 1, user=mutu_a)


def test_complaint_closes_only_when_analysed_and_its_rtl_done(dunia, mutu_a):
    p = PengaduanFactory(puskesmas=dunia.a)
    with pytest.raises(s.RegisterGagal) as e:
        s.pengaduan_tutup(pengaduan=p, user=mutu_a)
    assert e.value.message == aturan.PESAN_SELESAI_TANPA_ANALISIS
    p.analisis = "Dianalisis"
    p = s.pengaduan_simpan(pengaduan=p, versi=p.versi, user=mutu_a)
    rtl = s.pengaduan_rtl_buat(pengaduan=p, data=_data_rtl(dunia), user=mutu_a)
    with pytest.raises(s.RegisterGagal) as e:
        s.pengaduan_tutup(pengaduan=p, user=mutu_a)
    assert e.value.message == aturan.PESAN_SELESAI_RTL_TERBUKA.format(n=1)
    RTL.objects.filter(pk=rtl.pk).update(status="selesai")
    p = s.pengaduan_tutup(pengaduan=p, user=mutu_a)
    assert p.status == aturan.SELESAI
    with pytest.raises(s.RegisterGagal):
        s.pengaduan_simpan(pengaduan=p, versi=p.versi, user=mutu_a)


def test_media_of_a_year_are_set_as_a_whole(dunia, mutu_a):
    s.media_pengaduan_simpan(
        puskesmas=dunia.a, tahun=TAHUN, media={"sms": "0812", "wa": "0813"}, user=mutu_a
    )
    s.media_pengaduan_simpan(
        puskesmas=dunia.a, tahun=TAHUN, media={"wa": "0899", "kotak_saran": ""}, user=mutu_a
    )
    assert dict(
        MediaPengaduan.objects.filter(puskesmas=dunia.a).values_list("media", "keterangan")
    ) == {"wa": "0899", "kotak_saran": ""}
    with pytest.raises(PermissionDenied):
        s.media_pengaduan_simpan(puskesmas=dunia.a, tahun=TAHUN, media={}, user=dunia.staf_a)


# --- survei, risiko --------------------------------------------------------------------


def _survei(dunia, **kw):
    nilai = {f"u{i}": Decimal("3.6") for i in range(1, 10)}
    nilai.update(kw)
    return SurveiKepuasan(
        puskesmas=dunia.a,
        tahun=TAHUN,
        periode="Semester I",
        tanggal_mulai=date(TAHUN, 5, 1),
        tanggal_selesai=date(TAHUN, 5, 31),
        jumlah_responden=100,
        **nilai,
    )


def test_survey_gets_its_ikm_and_band(dunia, mutu_a):
    sv = s.survei_simpan(survei=_survei(dunia), versi=None, user=dunia.ktu_a)
    assert sv.ikm == Decimal("90.00") and sv.mutu.kode == "A"


def test_survey_with_a_value_outside_the_scale_is_refused(dunia, mutu_a):
    with pytest.raises(s.RegisterGagal) as e:
        s.survei_simpan(survei=_survei(dunia, u3=Decimal("4.5")), versi=None, user=mutu_a)
    assert e.value.message == aturan.PESAN_NILAI_UNSUR.format(nomor=3, nilai=Decimal("4.5"))


def test_unpublished_survey_keeps_no_publication_details(dunia, mutu_a):
    sv = _survei(dunia)
    sv.media_publikasi = "Papan informasi"
    sv = s.survei_simpan(survei=sv, versi=None, user=mutu_a)
    assert sv.media_publikasi == ""


def test_risk_owner_works_at_the_puskesmas(dunia, mutu_a):
    r = Risiko(
        puskesmas=dunia.a, tahun=TAHUN, risiko="Tertusuk jarum", area="ppi",
        kemungkinan=4, dampak=4, pemilik=dunia.staf_b,
    )  # fmt: skip
    with pytest.raises(s.RegisterGagal) as e:
        s.risiko_simpan(risiko=r, versi=None, user=mutu_a)
    assert e.value.message == s.PESAN_ORANG_LUAR.format(nama=dunia.staf_b)
    r.pemilik = dunia.staf_a
    r = s.risiko_simpan(risiko=r, versi=None, user=mutu_a)
    assert (r.skor, r.tingkat.kode, r.lengkap) == (16, "ekstrem", False)


# --- Tim Mutu --------------------------------------------------------------------------


def test_tim_mutu_signed_by_the_kepala_is_locked(dunia, mutu_a):
    tim = s.tim_mutu_simpan(
        user=mutu_a,
        tim=TimMutu(puskesmas=dunia.a, tahun=TAHUN, nomor_sk="1", tanggal_sk=date(TAHUN, 1, 5)),
        versi=None,
        anggota_simpan=[AnggotaTimMutu(user=dunia.staf_a, bidang="ppi", uraian_tugas="PPI")],
    )
    s.tim_mutu_jalankan(user=mutu_a, tim=tim, langkah="ajukan")
    with pytest.raises(PermissionDenied):
        s.tim_mutu_jalankan(user=mutu_a, tim=tim, langkah="sahkan")
    tim = s.tim_mutu_jalankan(user=dunia.kapus_a, tim=tim, langkah="sahkan")
    assert tim.status == "disahkan"
    with pytest.raises(DokumenTerkunci):
        s.tim_mutu_simpan(user=mutu_a, tim=tim, versi=tim.versi)


def test_tim_mutu_members_hold_a_role_at_the_puskesmas(dunia, mutu_a):
    with pytest.raises(s.RegisterGagal):
        s.tim_mutu_simpan(
            user=mutu_a,
            tim=TimMutu(puskesmas=dunia.a, tahun=TAHUN, nomor_sk="1", tanggal_sk=date(TAHUN, 1, 5)),
            versi=None,
            anggota_simpan=[AnggotaTimMutu(user=dunia.staf_b, bidang="ppi")],
        )


def test_second_tim_mutu_of_a_year_is_a_conflict(dunia, mutu_a):
    TimMutuFactory(puskesmas=dunia.a)
    with pytest.raises(KonflikVersi):
        s.tim_mutu_simpan(
            user=mutu_a,
            tim=TimMutu(puskesmas=dunia.a, tahun=TAHUN, nomor_sk="2", tanggal_sk=date(TAHUN, 1, 5)),
            versi=None,
        )


def test_evaluation_needs_a_signed_sk_and_is_one_per_year(dunia, mutu_a):
    ev = EvaluasiTimMutu(puskesmas=dunia.a, tahun=TAHUN, tanggal=date(TAHUN, 12, 1), hasil="ok")
    with pytest.raises(s.RegisterGagal) as e:
        s.evaluasi_tim_mutu_simpan(evaluasi=ev, versi=None, user=mutu_a)
    assert e.value.message == s.PESAN_EVALUASI_TANPA_SK.format(tahun=TAHUN)
    TimMutuFactory(puskesmas=dunia.a, status="disahkan")
    ev = s.evaluasi_tim_mutu_simpan(evaluasi=ev, versi=None, user=mutu_a)
    assert ev.dievaluasi_oleh == mutu_a
    with pytest.raises(KonflikVersi):
        s.evaluasi_tim_mutu_simpan(
            evaluasi=EvaluasiTimMutu(
                puskesmas=dunia.a, tahun=TAHUN, tanggal=date(TAHUN, 12, 2), hasil="lagi"
            ),
            versi=None,
            user=mutu_a,
        )


# --- rencana program mutu ----------------------------------------------------------------


def test_activity_realisation_needs_a_date_when_done(dunia, mutu_a):
    k = KegiatanMutuFactory(rencana=RencanaProgramMutuFactory(puskesmas=dunia.a))
    with pytest.raises(s.RegisterGagal) as e:
        s.kegiatan_mutu_realisasi(
            kegiatan=k, realisasi="terlaksana", tanggal=None, catatan="", versi=k.versi,
            user=mutu_a,
        )  # fmt: skip
    assert e.value.message == s.PESAN_TERLAKSANA_TANPA_TANGGAL
    k = s.kegiatan_mutu_realisasi(
        kegiatan=k, realisasi="terlaksana", tanggal=date(TAHUN, 3, 9), catatan="Notulen ada",
        versi=k.versi, user=mutu_a,
    )  # fmt: skip
    assert (k.realisasi, k.tanggal_realisasi) == ("terlaksana", date(TAHUN, 3, 9))
    k = s.kegiatan_mutu_realisasi(
        kegiatan=k, realisasi="belum", tanggal=date(TAHUN, 3, 9), catatan="Ditunda",
        versi=k.versi, user=mutu_a,
    )  # fmt: skip
    assert (k.realisasi, k.tanggal_realisasi) == ("belum", None)
    with pytest.raises(PermissionDenied):
        s.kegiatan_mutu_realisasi(
            kegiatan=k, realisasi="belum", tanggal=None, catatan="", versi=k.versi,
            user=dunia.pj2_a,
        )  # fmt: skip
    assert KegiatanMutu.history.filter(id=k.pk).count() == 3


def test_plan_is_one_per_year(dunia, mutu_a):
    from pengawasan.models import RencanaProgramMutu

    s.rencana_mutu_simpan(
        rencana=RencanaProgramMutu(puskesmas=dunia.a, tahun=TAHUN), versi=None, user=mutu_a
    )
    with pytest.raises(KonflikVersi):
        s.rencana_mutu_simpan(
            rencana=RencanaProgramMutu(puskesmas=dunia.a, tahun=TAHUN), versi=None, user=mutu_a
        )


def test_alur_refuses_signing_a_draft(dunia):
    tim = TimMutuFactory(puskesmas=dunia.a)
    with pytest.raises(AlurTidakSah):
        s.tim_mutu_jalankan(user=dunia.kapus_a, tim=tim, langkah="sahkan")


def test_sk_steps_notify_who_acts_next(dunia, mutu_a):
    from puskesmas.models import Notifikasi

    tim = TimMutuFactory(puskesmas=dunia.a)
    s.tim_mutu_jalankan(user=mutu_a, tim=tim, langkah="ajukan")
    assert Notifikasi.objects.filter(penerima=dunia.kapus_a, judul__contains="diajukan").exists()
    s.tim_mutu_jalankan(user=dunia.kapus_a, tim=tim, langkah="sahkan")
    assert set(
        Notifikasi.objects.filter(judul__contains="ditetapkan").values_list(
            "penerima__username", flat=True
        )
    ) == {"mutu_a", "ktu_a"}
