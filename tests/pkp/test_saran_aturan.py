"""The suggestion rules of P1's variables (1.1.1–1.1.3) on plain facts, no database.

Each table walks one rule through every rubric step (0, 4, 7, 10) and across the edge of
each condition (one missing piece, one more or one fewer row), with the exact sentence the
person assessing reads.
"""

from dataclasses import replace
from datetime import date

import pytest

from pkp.saran_aturan import (
    FaktaRenstra,
    FaktaRPK,
    FaktaRUK,
    _kalimat,
    daftar_kata,
    pengesahan,
    saran_renstra,
    saran_rpk,
    saran_ruk,
    tanggal,
)
from pkp.saran_daftar import Rujukan

# --- wording helpers ----------------------------------------------------------------------


def test_tanggal_is_day_month_year_with_two_digits():
    assert tanggal(date(2027, 1, 2)) == "02-01-2027"
    assert tanggal(date(2026, 12, 31)) == "31-12-2026"


@pytest.mark.parametrize(
    "kata, teks",
    [([], ""), (["a"], "a"), (["a", "b"], "a dan b"), (["a", "b", "c"], "a, b dan c"),
     (("a", "b", "c", "d"), "a, b, c dan d")],
)  # fmt: skip
def test_daftar_kata(kata, teks):
    assert daftar_kata(kata) == teks


def test_kalimat_joins_clauses_and_capitalises_the_first_letter():
    assert _kalimat(["rencana ada", "misi terisi"]) == "Rencana ada; misi terisi."
    assert _kalimat(["RUK 2027"]) == "RUK 2027."


@pytest.mark.parametrize(
    "disahkan, tgl, teks",
    [(True, date(2026, 3, 12), "disahkan 12-03-2026"), (True, None, "disahkan"),
     (False, date(2026, 3, 12), "belum disahkan (status Diajukan)"),
     (False, None, "belum disahkan (status Diajukan)")],
)  # fmt: skip
def test_pengesahan(disahkan, tgl, teks):
    assert pengesahan(disahkan=disahkan, tanggal_sah=tgl, status="Diajukan") == teks


# --- 1.1.1 Rencana 5 tahunan --------------------------------------------------------------

RENSTRA = FaktaRenstra(
    tahun=2026,
    mulai=2025,
    status="Disahkan",
    disahkan=True,
    tanggal_sah=date(2025, 1, 12),
    visi=True,
    misi=True,
    tata_nilai=True,
    jumlah_indikator=12,
    analisis_kebutuhan=True,
    url="/renstra/1/",
)
R_SAH = "Rencana lima tahunan 2025–2029 disahkan 12-01-2025"
R_ISI = "visi, misi dan tata nilai terisi"
R_IND = "12 indikator dengan target tiap tahun"
R_ANA = "analisis kebutuhan masyarakat terisi"
R10 = "Sesuai visi, misi dan tugas pokok, berdasarkan analisis kebutuhan masyarakat."
R7_ANALISIS = "Belum berdasarkan analisis kebutuhan masyarakat."
R7_SAH = "Isinya lengkap, tetapi belum disahkan Kepala Puskesmas."
R4 = "Belum memuat visi, misi dan indikator dengan target tahunan secara lengkap."


@pytest.mark.parametrize(
    "ubah, skor, alasan",
    [
        ({}, 10, f"{R_SAH}; {R_ISI}; {R_IND}; {R_ANA}. {R10}"),
        # one indicator is enough; none is not
        ({"jumlah_indikator": 1}, 10,
         f"{R_SAH}; {R_ISI}; 1 indikator dengan target tiap tahun; {R_ANA}. {R10}"),
        ({"jumlah_indikator": 0}, 4,
         f"{R_SAH}; {R_ISI}; belum ada indikator dengan target tahunan; {R_ANA}. {R4}"),
        ({"visi": False}, 4, f"{R_SAH}; misi dan tata nilai terisi; visi belum diisi; {R_IND}; "
                             f"{R_ANA}. {R4}"),
        ({"misi": False}, 4, f"{R_SAH}; visi dan tata nilai terisi; misi belum diisi; {R_IND}; "
                             f"{R_ANA}. {R4}"),
        # tata nilai is cited, but the rubric of 1.1.1 does not ask for it
        ({"tata_nilai": False}, 10,
         f"{R_SAH}; visi dan misi terisi; tata nilai belum diisi; {R_IND}; {R_ANA}. {R10}"),
        ({"visi": False, "misi": False, "tata_nilai": False, "analisis_kebutuhan": False}, 4,
         f"{R_SAH}; visi, misi dan tata nilai belum diisi; {R_IND}; "
         f"analisis kebutuhan masyarakat belum diisi. {R4}"),
        ({"analisis_kebutuhan": False}, 7,
         f"{R_SAH}; {R_ISI}; {R_IND}; analisis kebutuhan masyarakat belum diisi. {R7_ANALISIS}"),
        ({"disahkan": False, "status": "Draf", "tanggal_sah": None}, 7,
         "Rencana lima tahunan 2025–2029 belum disahkan (status Draf); "
         f"{R_ISI}; {R_IND}; {R_ANA}. {R7_SAH}"),
        ({"disahkan": False, "status": "Draf", "analisis_kebutuhan": False}, 7,
         "Rencana lima tahunan 2025–2029 belum disahkan (status Draf); "
         f"{R_ISI}; {R_IND}; analisis kebutuhan masyarakat belum diisi. {R7_ANALISIS}"),
        ({"disahkan": False, "status": "Draf", "jumlah_indikator": 0}, 4,
         "Rencana lima tahunan 2025–2029 belum disahkan (status Draf); "
         f"{R_ISI}; belum ada indikator dengan target tahunan; {R_ANA}. {R4}"),
        ({"tanggal_sah": None}, 10,
         f"Rencana lima tahunan 2025–2029 disahkan; {R_ISI}; {R_IND}; {R_ANA}. {R10}"),
        # a period that ends in the assessment year still covers it
        ({"mulai": 2022}, 10,
         f"Rencana lima tahunan 2022–2026 disahkan 12-01-2025; {R_ISI}; {R_IND}; {R_ANA}. "
         f"{R10}"),
    ],
)  # fmt: skip
def test_renstra(ubah, skor, alasan):
    fakta = replace(RENSTRA, **ubah)
    saran = saran_renstra(fakta)
    assert (saran.skor, saran.alasan) == (skor, alasan)
    assert saran.rujukan == (Rujukan(fakta.label, "/renstra/1/"),)


def test_renstra_none_covering_the_year_is_0():
    saran = saran_renstra(FaktaRenstra(tahun=2026))
    assert saran.skor == 0
    assert saran.alasan == "Tidak ada rencana lima tahunan yang mencakup tahun 2026."
    assert saran.rujukan == ()


# --- 1.1.2 RUK (N+1) ----------------------------------------------------------------------

RUK = FaktaRUK(
    tahun=2026,
    ada=True,
    status="Disahkan",
    disahkan=True,
    tanggal_sah=date(2026, 3, 12),
    jumlah_kegiatan=25,
    kegiatan_masalah=18,
    renstra="2025–2029",
    capaian_n1=24,
    capaian_n2=22,
    tahun_penduduk=2026,
    survei=("SMD", "IKM"),
    jumlah_masalah=5,
    url_ruk="/ruk/7/",
    url_analisis="/analisis/",
    url_renstra="/renstra/1/",
)
K_RUK = "RUK 2027 disahkan 12-03-2026, 25 kegiatan, 18 di antaranya menangani masalah prioritas"
K_REN = "mengacu pada rencana lima tahunan 2025–2029 yang disahkan"
K_TANPA_REN = "belum ada rencana lima tahunan disahkan yang mencakup tahun RUK"
C1, C2 = "capaian 2025 (24 indikator)", "capaian 2024 (22 indikator)"
PEND, SURV, MAS = (
    "data penduduk 2026",
    "hasil survei (SMD, IKM)",
    "5 masalah yang diprioritaskan (USG)",
)
K_ANA = f"analisis situasi 2026 memuat {C1}, {C2}, {PEND}, {SURV} dan {MAS}"
U10 = (
    "Sesuai visi dan misi, berdasarkan analisis kebutuhan masyarakat dan kinerja, disahkan "
    "Kepala Puskesmas."
)
U7_ANALISIS = "Belum berdasarkan analisis kebutuhan masyarakat dan kinerja."
U7_SAH = "Isinya lengkap, tetapi belum disahkan Kepala Puskesmas."
U4 = "Belum mengacu pada rencana lima tahunan yang disahkan (visi, misi, tugas pokok dan fungsi)."
RUJ_RUK = Rujukan("RUK 2027", "/ruk/7/")
RUJ_REN = Rujukan("Rencana lima tahunan 2025–2029", "/renstra/1/")
RUJ_ANA = Rujukan("Analisis situasi 2026", "/analisis/")


@pytest.mark.parametrize(
    "ubah, skor, alasan",
    [
        ({}, 10, f"{K_RUK}; {K_REN}; {K_ANA}. {U10}"),
        ({"jumlah_kegiatan": 1, "kegiatan_masalah": 1}, 10,
         "RUK 2027 disahkan 12-03-2026, 1 kegiatan, 1 di antaranya menangani masalah prioritas; "
         f"{K_REN}; {K_ANA}. {U10}"),
        ({"tanggal_sah": None}, 10,
         "RUK 2027 disahkan, 25 kegiatan, 18 di antaranya menangani masalah prioritas; "
         f"{K_REN}; {K_ANA}. {U10}"),
        ({"survei": ("IKS",), "jumlah_masalah": 1, "capaian_n2": 1}, 10,
         f"{K_RUK}; {K_REN}; analisis situasi 2026 memuat {C1}, capaian 2024 (1 indikator), "
         f"{PEND}, hasil survei (IKS) dan 1 masalah yang diprioritaskan (USG). {U10}"),
        # one input of the analisis situasi missing, or not used by any activity: 7
        ({"kegiatan_masalah": 0}, 7,
         "RUK 2027 disahkan 12-03-2026, 25 kegiatan, 0 di antaranya menangani masalah "
         f"prioritas; {K_REN}; {K_ANA}. {U7_ANALISIS}"),
        ({"capaian_n1": 0}, 7,
         f"{K_RUK}; {K_REN}; analisis situasi 2026 memuat {C2}, {PEND}, {SURV} dan {MAS}; "
         f"belum ada capaian 2025. {U7_ANALISIS}"),
        ({"capaian_n2": 0}, 7,
         f"{K_RUK}; {K_REN}; analisis situasi 2026 memuat {C1}, {PEND}, {SURV} dan {MAS}; "
         f"belum ada capaian 2024. {U7_ANALISIS}"),
        ({"tahun_penduduk": None}, 7,
         f"{K_RUK}; {K_REN}; analisis situasi 2026 memuat {C1}, {C2}, {SURV} dan {MAS}; "
         f"belum ada data penduduk. {U7_ANALISIS}"),
        ({"survei": ()}, 7,
         f"{K_RUK}; {K_REN}; analisis situasi 2026 memuat {C1}, {C2}, {PEND} dan {MAS}; "
         f"belum ada hasil survei. {U7_ANALISIS}"),
        ({"jumlah_masalah": 0}, 7,
         f"{K_RUK}; {K_REN}; analisis situasi 2026 memuat {C1}, {C2}, {PEND} dan {SURV}; "
         f"belum ada masalah yang diprioritaskan (USG). {U7_ANALISIS}"),
        ({"capaian_n1": 0, "capaian_n2": 0, "tahun_penduduk": None, "survei": (),
          "jumlah_masalah": 0}, 7,
         f"{K_RUK}; {K_REN}; belum ada capaian 2025, capaian 2024, data penduduk, hasil survei "
         f"dan masalah yang diprioritaskan (USG). {U7_ANALISIS}"),
        ({"disahkan": False, "status": "Diajukan", "tanggal_sah": None}, 7,
         "RUK 2027 belum disahkan (status Diajukan), 25 kegiatan, 18 di antaranya menangani "
         f"masalah prioritas; {K_REN}; {K_ANA}. {U7_SAH}"),
        ({"disahkan": False, "status": "Draf", "survei": ()}, 7,
         "RUK 2027 belum disahkan (status Draf), 25 kegiatan, 18 di antaranya menangani "
         f"masalah prioritas; {K_REN}; analisis situasi 2026 memuat {C1}, {C2}, {PEND} dan "
         f"{MAS}; belum ada hasil survei. {U7_ANALISIS}"),
    ],
)  # fmt: skip
def test_ruk_with_a_renstra(ubah, skor, alasan):
    saran = saran_ruk(replace(RUK, **ubah))
    assert (saran.skor, saran.alasan) == (skor, alasan)
    assert saran.rujukan == (RUJ_RUK, RUJ_REN, RUJ_ANA)


@pytest.mark.parametrize(
    "ubah, alasan",
    [
        ({}, f"{K_RUK}; {K_TANPA_REN}; {K_ANA}. {U4}"),
        ({"jumlah_masalah": 0}, f"{K_RUK}; {K_TANPA_REN}; analisis situasi 2026 memuat {C1}, "
                                f"{C2}, {PEND} dan {SURV}; belum ada masalah yang diprioritaskan "
                                f"(USG). {U4}"),
    ],
)  # fmt: skip
def test_ruk_without_an_approved_renstra_is_4(ubah, alasan):
    saran = saran_ruk(replace(RUK, renstra="", url_renstra="", **ubah))
    assert (saran.skor, saran.alasan) == (4, alasan)
    assert saran.rujukan == (RUJ_RUK, RUJ_ANA)


def test_ruk_missing_or_empty_is_0():
    saran = saran_ruk(FaktaRUK(tahun=2026))
    assert (saran.skor, saran.alasan, saran.rujukan) == (0, "Tidak ada RUK 2027.", ())
    saran = saran_ruk(replace(RUK, jumlah_kegiatan=0, kegiatan_masalah=0))
    assert saran.skor == 0
    assert saran.alasan == "RUK 2027 ada tetapi belum memuat kegiatan."
    assert saran.rujukan == (RUJ_RUK,)


def test_ruk_is_for_the_year_after_the_assessment():
    assert FaktaRUK(tahun=2030).tahun_ruk == 2031


# --- 1.1.3 RPK/POA ------------------------------------------------------------------------

RPK = FaktaRPK(
    tahun=2026,
    ada=True,
    status="Disahkan",
    disahkan=True,
    tanggal_sah=date(2026, 1, 20),
    jumlah_kegiatan=25,
    dari_ruk=25,
    kegiatan_ruk=25,
    pembahasan_lp=date(2026, 1, 8),
    pembahasan_ls=date(2026, 2, 10),
    url="/rpk/3/",
)
P_SAH = "RPK 2026 disahkan 20-01-2026"
P_DARI = "25 dari 25 kegiatan berasal dari RUK 2026"
P_ALO = "25 dari 25 kegiatan RUK dialokasikan"
P_BAHAS = "pembahasan lintas program 08-01-2026 dan lintas sektor 10-02-2026 tercatat"
P10 = "Sesuai RUK, jadwalnya dibahas dengan lintas program dan lintas sektor."
P7_BAHAS = "RPK sesuai RUK, tetapi jadwalnya belum dibahas dengan LP dan LS."
P7_SAH = "Sesuai RUK dan dibahas dengan LP dan LS, tetapi belum disahkan Kepala Puskesmas."
P4 = "RPK belum sesuai RUK."


@pytest.mark.parametrize(
    "ubah, skor, alasan",
    [
        ({}, 10, f"{P_SAH}; {P_DARI}; {P_ALO}; {P_BAHAS}. {P10}"),
        ({"jumlah_kegiatan": 1, "dari_ruk": 1, "kegiatan_ruk": 1}, 10,
         f"{P_SAH}; 1 dari 1 kegiatan berasal dari RUK 2026; 1 dari 1 kegiatan RUK "
         f"dialokasikan; {P_BAHAS}. {P10}"),
        ({"tanggal_sah": None}, 10, f"RPK 2026 disahkan; {P_DARI}; {P_ALO}; {P_BAHAS}. {P10}"),
        # one activity added, dropped, over budget or unscheduled: not matching the RUK
        ({"dari_ruk": 24}, 4,
         f"{P_SAH}; 24 dari 25 kegiatan berasal dari RUK 2026; {P_ALO}; {P_BAHAS}. {P4}"),
        ({"tidak_dialokasikan": 1}, 4,
         f"{P_SAH}; {P_DARI}; 24 dari 25 kegiatan RUK dialokasikan; {P_BAHAS}. {P4}"),
        ({"biaya_lebih": 1}, 4,
         f"{P_SAH}; {P_DARI}; {P_ALO}; 1 kegiatan dengan biaya melebihi RUK; {P_BAHAS}. {P4}"),
        ({"belum_dijadwalkan": 2}, 4,
         f"{P_SAH}; {P_DARI}; {P_ALO}; 2 kegiatan belum dijadwalkan; {P_BAHAS}. {P4}"),
        ({"dari_ruk": 20, "kegiatan_ruk": 30, "tidak_dialokasikan": 10, "pembahasan_lp": None,
          "pembahasan_ls": None}, 4,
         f"{P_SAH}; 20 dari 25 kegiatan berasal dari RUK 2026; 20 dari 30 kegiatan RUK "
         f"dialokasikan; pembahasan lintas program dan lintas sektor belum tercatat. {P4}"),
        # matching, but a discussion missing: 7
        ({"pembahasan_lp": None}, 7,
         f"{P_SAH}; {P_DARI}; {P_ALO}; pembahasan lintas sektor 10-02-2026 tercatat; "
         f"pembahasan lintas program belum tercatat. {P7_BAHAS}"),
        ({"pembahasan_ls": None}, 7,
         f"{P_SAH}; {P_DARI}; {P_ALO}; pembahasan lintas program 08-01-2026 tercatat; "
         f"pembahasan lintas sektor belum tercatat. {P7_BAHAS}"),
        ({"pembahasan_lp": None, "pembahasan_ls": None}, 7,
         f"{P_SAH}; {P_DARI}; {P_ALO}; pembahasan lintas program dan lintas sektor belum "
         f"tercatat. {P7_BAHAS}"),
        ({"disahkan": False, "status": "Draf", "tanggal_sah": None}, 7,
         f"RPK 2026 belum disahkan (status Draf); {P_DARI}; {P_ALO}; {P_BAHAS}. {P7_SAH}"),
        ({"disahkan": False, "status": "Draf", "pembahasan_ls": None}, 7,
         f"RPK 2026 belum disahkan (status Draf); {P_DARI}; {P_ALO}; pembahasan lintas "
         f"program 08-01-2026 tercatat; pembahasan lintas sektor belum tercatat. {P7_BAHAS}"),
    ],
)  # fmt: skip
def test_rpk(ubah, skor, alasan):
    saran = saran_rpk(replace(RPK, **ubah))
    assert (saran.skor, saran.alasan) == (skor, alasan)
    assert saran.rujukan == (Rujukan("RPK 2026", "/rpk/3/"),)


def test_rpk_missing_or_empty_is_0():
    saran = saran_rpk(FaktaRPK(tahun=2026))
    assert (saran.skor, saran.alasan, saran.rujukan) == (0, "Tidak ada RPK 2026.", ())
    saran = saran_rpk(replace(RPK, jumlah_kegiatan=0, dari_ruk=0))
    assert saran.skor == 0
    assert saran.alasan == "RPK 2026 ada tetapi belum memuat kegiatan."
    assert saran.rujukan == (Rujukan("RPK 2026", "/rpk/3/"),)


@pytest.mark.parametrize(
    "ubah, sesuai",
    [({}, True), ({"dari_ruk": 24}, False), ({"tidak_dialokasikan": 1}, False),
     ({"biaya_lebih": 1}, False), ({"belum_dijadwalkan": 1}, False),
     ({"jumlah_kegiatan": 0, "dari_ruk": 0, "kegiatan_ruk": 0}, True)],
)  # fmt: skip
def test_rpk_matches_its_ruk_only_without_any_difference(ubah, sesuai):
    assert replace(RPK, **ubah).sesuai_ruk is sesuai
