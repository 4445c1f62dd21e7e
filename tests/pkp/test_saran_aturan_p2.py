"""The suggestion rules of P2's variables (1.1.4–1.1.6) on plain facts, no database.

Each table walks one rule through every rubric step (0, 4, 7, 10) and across the edge of
each condition, with the sentence the person assessing reads.
"""

from dataclasses import replace
from datetime import date

import pytest

from pkp.saran_aturan_p2 import (
    LOKMIN_LENGKAP_BULANAN,
    LOKMIN_LENGKAP_TRIBULANAN,
    LOKMIN_TANPA_LS,
    LOKMIN_TANPA_TINDAK_LANJUT,
    LOKMIN_TIDAK_LENGKAP,
    PISPK_KURANG,
    PISPK_LENGKAP,
    PISPK_TANPA_ANALISIS,
    PISPK_TANPA_KELUARGA,
    PISPK_TANPA_LANGKAH,
    PISPK_TANPA_LANJUT,
    FaktaLokmin,
    FaktaPISPK,
    FaktaRapat,
    saran_lokmin,
    saran_pispk,
)
from pkp.saran_daftar import Rujukan

# --- 1.1.4 / 1.1.5 Lokmin -------------------------------------------------------------------


def rapat(bulan, **ubah) -> FaktaRapat:
    """A complete meeting that followed up the one before it."""
    dasar = dict(
        bulan=bulan, selesai=True, undangan=True, hadir=20, hadir_ls=3, notulen_lengkap=True,
        jumlah_rtl=2, rtl_instansi=1, rtl_lalu=2, rtl_lalu_ditindaklanjuti=2, url=f"/l/{bulan}/",
    )  # fmt: skip
    dasar.update(ubah)
    return FaktaRapat(**dasar)


def bulanan(*ubah_per_bulan, tanpa=()) -> FaktaLokmin:
    ubah = dict(ubah_per_bulan)
    return FaktaLokmin(
        tahun=2026,
        rapat=tuple(rapat(b, **ubah.get(b, {})) for b in range(1, 13) if b not in tanpa),
    )


def tribulanan(*ubah_per_bulan, tanpa=()) -> FaktaLokmin:
    ubah = dict(ubah_per_bulan)
    return FaktaLokmin(
        tahun=2026,
        tribulanan=True,
        bulan_wajib=(2, 5, 8, 11),
        rapat=tuple(rapat(b, **ubah.get(b, {})) for b in (2, 5, 8, 11) if b not in tanpa),
    )


def test_no_meeting_is_0():
    s = saran_lokmin(FaktaLokmin(tahun=2026))
    assert (s.skor, s.alasan, s.rujukan) == (0, "Tidak ada dokumen Lokmin bulanan tahun 2026.", ())
    t = saran_lokmin(FaktaLokmin(tahun=2026, tribulanan=True, bulan_wajib=(2, 5, 8, 11)))
    assert (t.skor, t.alasan) == (0, "Tidak ada dokumen Lokmin tribulanan tahun 2026.")


def test_every_month_complete_and_followed_up_is_10():
    s = saran_lokmin(bulanan())
    assert s.skor == 10
    assert s.alasan == (
        "12 dari 12 Lokmin bulanan tahun 2026 tercatat; dokumen lengkap: Januari, Februari, "
        "Maret, April, Mei, Juni, Juli, Agustus, September, Oktober, November dan Desember. "
        + LOKMIN_LENGKAP_BULANAN
    )
    assert s.rujukan[0] == Rujukan("Lokmin bulanan Januari 2026", "/l/1/")
    assert len(s.rujukan) == 12


@pytest.mark.parametrize(
    "ubah, kurang",
    [
        ({"undangan": False}, "undangan"),
        ({"hadir": 0, "hadir_ls": 0}, "daftar hadir"),
        ({"notulen_lengkap": False}, "notulen semua klaster"),
        ({"jumlah_rtl": 0, "rtl_instansi": 0}, "corrective action (RTL)"),
        ({"selesai": False}, "persetujuan Kepala Puskesmas"),
    ],
)
def test_one_document_missing_in_one_month_is_4(ubah, kurang):
    s = saran_lokmin(bulanan((7, ubah)))
    assert s.skor == 4
    assert f"Juli belum ada {kurang}" in s.alasan
    assert s.alasan.endswith(LOKMIN_TIDAK_LENGKAP)


def test_one_month_without_a_meeting_is_4():
    s = saran_lokmin(bulanan(tanpa=(12,)))
    assert s.skor == 4
    assert s.alasan.startswith("11 dari 12 Lokmin bulanan tahun 2026 tercatat")
    assert "tidak ada Lokmin Desember" in s.alasan


def test_a_single_meeting_is_4_and_says_which_months_are_missing():
    s = saran_lokmin(FaktaLokmin(tahun=2026, rapat=(rapat(3),)))
    assert s.skor == 4
    assert "tidak ada Lokmin Januari, Februari, April" in s.alasan


def test_several_gaps_are_all_named():
    s = saran_lokmin(bulanan((2, {"undangan": False}), (5, {"hadir": 0, "notulen_lengkap": False})))
    assert "Februari belum ada undangan" in s.alasan
    assert "Mei belum ada daftar hadir dan notulen semua klaster" in s.alasan


@pytest.mark.parametrize(
    "lalu, ditindaklanjuti, skor", [(2, 2, 10), (2, 1, 7), (2, 0, 7), (0, 0, 10), (1, 3, 10)]
)
def test_follow_up_of_the_previous_meeting_decides_7_or_10(lalu, ditindaklanjuti, skor):
    s = saran_lokmin(bulanan((9, {"rtl_lalu": lalu, "rtl_lalu_ditindaklanjuti": ditindaklanjuti})))
    assert s.skor == skor
    if skor == 7:
        assert s.alasan.endswith(LOKMIN_TANPA_TINDAK_LANJUT)
        assert "belum ditindaklanjuti pada Lokmin September" in s.alasan


def test_the_bulanan_needs_no_lintas_sektor():
    s = saran_lokmin(bulanan(*((b, {"hadir_ls": 0, "rtl_instansi": 0}) for b in range(1, 13))))
    assert s.skor == 10


def test_tribulanan_complete_with_ls_is_10():
    s = saran_lokmin(tribulanan())
    assert s.skor == 10
    assert s.alasan == (
        "4 dari 4 Lokmin tribulanan tahun 2026 tercatat; dokumen lengkap: Februari, Mei, "
        "Agustus dan November; 4 tindakan bersama dengan penanggung jawab lintas sektor. "
        + LOKMIN_LENGKAP_TRIBULANAN
    )


def test_tribulanan_without_a_lintas_sektor_peserta_present_is_4():
    s = saran_lokmin(tribulanan((8, {"hadir_ls": 0})))
    assert s.skor == 4
    assert "Agustus belum ada kehadiran lintas sektor" in s.alasan


def test_tribulanan_missing_one_quarter_is_4():
    assert saran_lokmin(tribulanan(tanpa=(11,))).skor == 4


def test_tribulanan_without_a_joint_action_with_an_instansi_is_7():
    s = saran_lokmin(tribulanan(*((b, {"rtl_instansi": 0}) for b in (2, 5, 8, 11))))
    assert s.skor == 7
    assert s.alasan.endswith(
        "; belum ada tindakan bersama dengan penanggung jawab lintas sektor. " + LOKMIN_TANPA_LS
    )
    # one joint action in the year is enough
    s = saran_lokmin(tribulanan(*((b, {"rtl_instansi": 0}) for b in (2, 5, 8))))
    assert s.skor == 10


def test_tribulanan_not_following_up_is_7():
    s = saran_lokmin(tribulanan((5, {"rtl_lalu_ditindaklanjuti": 1})))
    assert (s.skor, s.alasan.endswith(LOKMIN_TANPA_TINDAK_LANJUT)) == (7, True)


# --- 1.1.6 Survei Keluarga Sehat --------------------------------------------------------------

D = date(2026, 3, 1)
LENGKAP = FaktaPISPK(
    tahun=2026, disurvei=300, jumlah_keluarga=1000, intervensi_awal=D, entri_data=date(2026, 4, 2),
    analisis=date(2026, 6, 3), intervensi_lanjut=date(2026, 8, 4), url="/pispk/",
)  # fmt: skip


@pytest.mark.parametrize(
    "ubah, skor, kesimpulan",
    [
        ({}, 10, PISPK_LENGKAP),
        ({"intervensi_lanjut": None}, 7, PISPK_TANPA_LANJUT),
        ({"analisis": None, "intervensi_lanjut": None}, 4, PISPK_TANPA_ANALISIS),
        ({"analisis": None}, 4, PISPK_TANPA_ANALISIS),
        ({"entri_data": None}, 0, PISPK_TANPA_LANGKAH),
        ({"intervensi_awal": None}, 0, PISPK_TANPA_LANGKAH),
        ({"disurvei": 299}, 0, PISPK_KURANG),
        ({"disurvei": 0}, 0, PISPK_KURANG),
        ({"disurvei": 301}, 10, PISPK_LENGKAP),
        ({"disurvei": 1200}, 10, PISPK_LENGKAP),  # more families than counted: still reached
    ],
)
def test_pispk_steps(ubah, skor, kesimpulan):
    s = saran_pispk(replace(LENGKAP, **ubah))
    assert s.skor == skor
    assert s.alasan.endswith(kesimpulan)
    assert s.rujukan == (Rujukan("PIS-PK 2026", "/pispk/"),)


def test_pispk_sentence_names_the_coverage_and_every_step():
    assert saran_pispk(LENGKAP).alasan == (
        "300 dari 1000 keluarga disurvei (30.0%); tercatat intervensi awal 01-03-2026, "
        "entri data 02-04-2026, analisis 03-06-2026 dan intervensi lanjut 04-08-2026. "
        + PISPK_LENGKAP
    )
    s = saran_pispk(replace(LENGKAP, analisis=None, intervensi_lanjut=None))
    assert "belum tercatat analisis dan intervensi lanjut" in s.alasan


@pytest.mark.parametrize("keluarga", [None, 0])
def test_pispk_without_a_family_count_is_0_and_never_divides(keluarga):
    s = saran_pispk(replace(LENGKAP, jumlah_keluarga=keluarga))
    assert s.skor == 0
    assert s.alasan == PISPK_TANPA_KELUARGA.format(tahun=LENGKAP.tahun)
    assert s.rujukan == saran_pispk(LENGKAP).rujukan  # the PIS-PK page, to fill it there
