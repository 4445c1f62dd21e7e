"""PKP suggestion rules 1.1.9–1.1.13 (registers and the quality programme): every rubric
step of each pure rule, and the collectors reading the registers in bounded queries."""

from datetime import date

import pytest

from pkp import saran_aturan_register as a
from pkp import saran_daftar
from pkp.saran_p3_register import (
    kumpulkan_pengaduan,
    kumpulkan_program_mutu,
    kumpulkan_risiko,
    kumpulkan_survei,
    kumpulkan_tim_mutu,
)

from ..lokmin.factories import RTLFactory
from ..pengawasan.factories_register import (
    TAHUN,
    AnggotaTimMutuFactory,
    EvaluasiTimMutuFactory,
    KegiatanMutuFactory,
    MediaPengaduanFactory,
    PengaduanFactory,
    RencanaProgramMutuFactory,
    RisikoFactory,
    SurveiKepuasanFactory,
    TimMutuFactory,
)

SEMUA_BIDANG = ("ukm_esensial", "ukm_pengembangan", "ukp", "admen", "mutu", "ppi",
                "keselamatan_pasien", "audit_internal")  # fmt: skip

# --- 1.1.9 ----------------------------------------------------------------------------------

TIM = dict(tahun=TAHUN, ada_sk=True, ditetapkan=True, status="Disahkan", nomor_sk="445/1")


@pytest.mark.parametrize(
    ("fakta", "skor", "alasan"),
    [
        (a.FaktaTimMutu(tahun=TAHUN), 0, a.TIM_TIDAK_ADA.format(tahun=TAHUN)),
        (
            a.FaktaTimMutu(tahun=TAHUN, ada_sk=True, status="Draf"),
            0,
            a.TIM_BELUM_DITETAPKAN.format(tahun=TAHUN, status="Draf"),
        ),
        (
            a.FaktaTimMutu(**TIM, bidang_belum=("PPI", "Audit internal")),
            4,
            a.TIM_URAIAN_KURANG.format(nomor="445/1", bidang="PPI dan Audit internal"),
        ),
        (a.FaktaTimMutu(**TIM), 7, a.TIM_TANPA_EVALUASI.format(nomor="445/1", tahun=TAHUN)),
        (
            a.FaktaTimMutu(**TIM, tanggal_evaluasi=date(TAHUN, 12, 3)),
            10,
            a.TIM_LENGKAP.format(nomor="445/1", tanggal=f"03-12-{TAHUN}"),
        ),
    ],
)
def test_tim_mutu_rule(fakta, skor, alasan):
    s = a.saran_tim_mutu(fakta)
    assert (s.skor, s.alasan) == (skor, alasan)


# --- 1.1.10 ---------------------------------------------------------------------------------

PROGRAM = dict(tahun=TAHUN, ada=True, ada_kak=True, ada_evaluasi=True, jumlah_kegiatan=4,
               dengan_sumber=4, terlaksana=3, terlaksana_bercatatan=3)  # fmt: skip


@pytest.mark.parametrize(
    ("ubah", "skor"),
    [
        ({"ada": False, "jumlah_kegiatan": 0}, 0),
        ({"jumlah_kegiatan": 0}, 0),  # a plan with no activity is no plan yet
        ({"terlaksana": 0, "terlaksana_bercatatan": 0}, 4),
        ({"terlaksana": 0, "terlaksana_bercatatan": 0, "ada_evaluasi": False}, 4),
        ({"ada_evaluasi": False}, 7),
        ({"ada_kak": False}, 7),
        ({"dengan_sumber": 3}, 7),
        ({"terlaksana_bercatatan": 0}, 7),
        ({}, 10),
    ],
)
def test_program_mutu_rule(ubah, skor):
    assert a.saran_program_mutu(a.FaktaProgramMutu(**{**PROGRAM, **ubah})).skor == skor


def test_program_mutu_names_what_is_missing():
    s = a.saran_program_mutu(a.FaktaProgramMutu(**{**PROGRAM, "ada_kak": False,
                                                   "ada_evaluasi": False}))  # fmt: skip
    assert s.alasan == a.PROGRAM_SEBAGIAN.format(
        jumlah=4, terlaksana=3, kurang="KAK belum ditulis dan program belum dievaluasi"
    )


# --- 1.1.11 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jumlah", "kendali", "lengkap", "skor"),
    [(0, 0, 0, 0), (3, 0, 0, 4), (3, 1, 0, 7), (3, 3, 2, 7), (3, 3, 3, 10), (1, 1, 1, 10)],
)
def test_risiko_rule(jumlah, kendali, lengkap, skor):
    f = a.FaktaRisiko(tahun=TAHUN, jumlah=jumlah, dengan_pengendalian=kendali, lengkap=lengkap)
    assert a.saran_risiko(f).skor == skor


# --- 1.1.12 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("media", "jumlah", "dianalisis", "rtl", "dievaluasi", "skor"),
    [
        ((), 0, 0, 0, 0, 0),
        ((), 4, 4, 4, 4, 0),  # no channel provided: 0 whatever was recorded
        (("SMS",), 0, 0, 0, 0, 4),
        (("SMS", "WhatsApp"), 4, 2, 0, 0, 7),
        (("SMS",), 4, 4, 4, 3, 7),
        (("SMS",), 4, 4, 4, 4, 10),
    ],
)
def test_pengaduan_rule(media, jumlah, dianalisis, rtl, dievaluasi, skor):
    f = a.FaktaPengaduan(tahun=TAHUN, media=media, jumlah=jumlah, dianalisis=dianalisis,
                         dengan_rtl=rtl, rtl_dievaluasi=dievaluasi)  # fmt: skip
    assert a.saran_pengaduan(f).skor == skor


def test_pengaduan_rule_names_the_channels():
    f = a.FaktaPengaduan(tahun=TAHUN, media=("SMS", "WhatsApp"))
    assert a.saran_pengaduan(f).alasan == a.ADUAN_TANPA_DATA.format(
        media="SMS dan WhatsApp", tahun=TAHUN
    )


# --- 1.1.13 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jumlah", "dianalisis", "dievaluasi", "publikasi", "skor"),
    [
        (0, 0, 0, 0, 0),
        (2, 0, 0, 0, 4),
        (2, 0, 0, 2, 4),
        (2, 1, 1, 1, 7),
        (2, 2, 2, 1, 7),
        (2, 2, 1, 2, 7),
        (2, 2, 2, 2, 10),
    ],
)
def test_survei_rule(jumlah, dianalisis, dievaluasi, publikasi, skor):
    f = a.FaktaSurvei(tahun=TAHUN, jumlah=jumlah, dianalisis=dianalisis,
                      rtl_dievaluasi=dievaluasi, dipublikasikan=publikasi)  # fmt: skip
    assert a.saran_survei(f).skor == skor


# --- registration and collectors ---------------------------------------------------------------


def test_the_five_rules_are_registered():
    assert {"1.1.9", "1.1.10", "1.1.11", "1.1.12", "1.1.13"} <= saran_daftar.terdaftar()


def test_collectors_on_an_empty_year_suggest_zero(dunia, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the Puskesmas's row says nothing is recorded
        hasil = saran_daftar.saran_untuk(
            puskesmas=dunia.a, tahun=TAHUN, kode=["1.1.9", "1.1.10", "1.1.11", "1.1.12", "1.1.13"]
        )
    assert {k: s.skor for k, s in hasil.items()} == dict.fromkeys(hasil, 0)
    assert len(hasil) == 5


def test_collectors_read_complete_registers_as_ten(dunia, django_assert_max_num_queries):
    p = dunia.a
    tim = TimMutuFactory(puskesmas=p, status="disahkan")
    for b in SEMUA_BIDANG:
        AnggotaTimMutuFactory(tim=tim, user=dunia.staf_a, bidang=b)
    EvaluasiTimMutuFactory(puskesmas=p)
    rencana = RencanaProgramMutuFactory(puskesmas=p, evaluasi="Tercapai 90 %")
    KegiatanMutuFactory(rencana=rencana, realisasi="terlaksana", tanggal_realisasi=date(TAHUN, 3, 2),
                        catatan_realisasi="Notulen")  # fmt: skip
    RisikoFactory(puskesmas=p, pemilik=dunia.staf_a, tanggal_tinjau=date(TAHUN, 6, 1))
    MediaPengaduanFactory(puskesmas=p)
    aduan = PengaduanFactory(puskesmas=p, analisis="Petugas kurang")
    RTLFactory(puskesmas=p, dibuat_oleh=dunia.ktu_a, sumber_objek=aduan, status="dievaluasi")
    survei = SurveiKepuasanFactory(puskesmas=p, analisis="U3 terendah", dipublikasikan=True)
    RTLFactory(puskesmas=p, dibuat_oleh=dunia.ktu_a, sumber_objek=survei, status="dievaluasi")
    # The five collectors share one read of the registers, as within one request.
    with django_assert_max_num_queries(10), saran_daftar.bacaan_bersama():
        fakta = [
            k(p, TAHUN)
            for k in (kumpulkan_tim_mutu, kumpulkan_program_mutu, kumpulkan_risiko,
                      kumpulkan_pengaduan, kumpulkan_survei)
        ]  # fmt: skip
    aturan = [a.saran_tim_mutu, a.saran_program_mutu, a.saran_risiko, a.saran_pengaduan,
              a.saran_survei]  # fmt: skip
    assert [f(x).skor for f, x in zip(aturan, fakta, strict=True)] == [10] * 5
    assert fakta[4].ikm_terakhir == "85,00 (B)"


def test_collectors_read_only_the_puskesmas_and_year(dunia):
    RisikoFactory(puskesmas=dunia.b)
    RisikoFactory(puskesmas=dunia.a, tahun=TAHUN - 1)
    assert kumpulkan_risiko(dunia.a, TAHUN).jumlah == 0
