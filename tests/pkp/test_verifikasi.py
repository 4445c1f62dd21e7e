"""Dinkes verification of a PKP assessment: verdicts per item, scope, locks, versions,
the return → revise → resubmit → set path, and the notifications of each step."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from pkp.models import (
    PESAN_BELUM_DIVERIFIKASI,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    StatusVerifikasi,
)
from pkp.services.penilaian import penilaian_langkah
from pkp.services.verifikasi import (
    PESAN_BAGIAN,
    PESAN_BUKAN_DIAJUKAN,
    PESAN_CATATAN_KOREKSI,
    PESAN_NILAI_KOREKSI,
    PESAN_SKOR_KOREKSI,
    VerifikasiGagal,
    nilai_verifikasi,
    verifikasi_setujui_semua,
)
from puskesmas.alat import pemberitahuan as pb
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci, StatusAlur
from puskesmas.choices import Peran
from puskesmas.models import Notifikasi
from puskesmas.services.inti import KonflikVersi

from ..factories import pengguna
from .conftest import isi_semua


@pytest.fixture
def diajukan(dunia, penilaian_a):
    isi_semua(penilaian_a, capaian="90", skor=7, mutu="95")
    return penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)


def _variabel(penilaian, kode="1.1.1"):
    return NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode=kode)


def _setujui_semua(penilaian, user):
    from pkp.selectors.verifikasi import rincian

    for bagian in rincian(penilaian).semua_bagian:
        verifikasi_setujui_semua(penilaian=penilaian, bagian=bagian.kunci, user=user)


# --- verdicts ---------------------------------------------------------------------------


def test_agreeing_keeps_the_puskesmas_value_and_records_who_and_when(dunia, diajukan):
    baris = _variabel(diajukan)
    hasil = nilai_verifikasi(
        baris=baris, user=dunia.verifikator_x, versi=baris.versi, status="setuju"
    )
    hasil.refresh_from_db()
    assert hasil.status_verifikasi == StatusVerifikasi.SETUJU
    assert hasil.skor_akhir == 7 and hasil.skor_verifikasi is None
    assert hasil.diverifikasi_oleh == dunia.verifikator_x and hasil.diverifikasi_pada
    assert hasil.versi == baris.versi + 1


def test_a_correction_needs_a_note_and_becomes_the_final_value(dunia, diajukan):
    baris = _variabel(diajukan)
    with pytest.raises(VerifikasiGagal) as e:
        nilai_verifikasi(
            baris=baris,
            user=dunia.verifikator_x,
            versi=baris.versi,
            status="dikoreksi",
            nilai=4,
            catatan="  ",
        )
    assert e.value.message == PESAN_CATATAN_KOREKSI
    with pytest.raises(VerifikasiGagal) as e:
        nilai_verifikasi(
            baris=baris,
            user=dunia.verifikator_x,
            versi=baris.versi,
            status="dikoreksi",
            catatan="Tanpa nilai",
        )
    assert e.value.message == PESAN_NILAI_KOREKSI
    with pytest.raises(VerifikasiGagal) as e:
        nilai_verifikasi(
            baris=baris,
            user=dunia.verifikator_x,
            versi=baris.versi,
            status="dikoreksi",
            nilai=5,
            catatan="Lima",
        )
    assert e.value.message == PESAN_SKOR_KOREKSI
    assert _variabel(diajukan).status_verifikasi == StatusVerifikasi.BELUM
    nilai_verifikasi(
        baris=baris,
        user=dunia.verifikator_x,
        versi=baris.versi,
        status="dikoreksi",
        nilai=4,
        catatan="SK tidak ditemukan",
    )
    baris = _variabel(diajukan)
    assert (baris.skor, baris.skor_verifikasi, baris.skor_akhir) == (7, 4, 4)
    assert baris.catatan_verifikasi == "SK tidak ditemukan"
    # The audit history holds who changed what, from which value to which.
    terakhir = baris.history.first()
    assert terakhir.history_user == dunia.verifikator_x
    assert terakhir.skor_verifikasi == 4 and terakhir.prev_record.skor_verifikasi is None


def test_an_achievement_is_corrected_as_a_decimal(dunia, diajukan):
    baris = NilaiPelayanan.objects.filter(penilaian=diajukan).first()
    nilai_verifikasi(
        baris=baris,
        user=dunia.verifikator_x,
        versi=baris.versi,
        status="dikoreksi",
        nilai="72.5",
        catatan="Register menunjukkan 72,5",
    )
    baris.refresh_from_db()
    assert baris.capaian_akhir == Decimal("72.50") and baris.capaian == Decimal("90")


def test_a_stale_version_is_refused(dunia, diajukan):
    baris = _variabel(diajukan)
    nilai_verifikasi(baris=baris, user=dunia.verifikator_x, versi=baris.versi, status="setuju")
    with pytest.raises(KonflikVersi):
        nilai_verifikasi(
            baris=baris,
            user=dunia.verifikator_x,
            versi=baris.versi,
            status="dikoreksi",
            nilai=0,
            catatan="Terlambat",
        )
    assert _variabel(diajukan).status_verifikasi == StatusVerifikasi.SETUJU


def test_staff_and_other_kabupaten_cannot_verify(dunia, diajukan):
    baris = _variabel(diajukan)
    for user in (dunia.kapus_a, dunia.staf_a, dunia.admin_x, dunia.verifikator_y, dunia.nasional):
        with pytest.raises(PermissionDenied):
            nilai_verifikasi(baris=baris, user=user, versi=baris.versi, status="setuju")
        with pytest.raises(PermissionDenied):
            verifikasi_setujui_semua(penilaian=diajukan, bagian="mutu", user=user)
    assert _variabel(diajukan).status_verifikasi == StatusVerifikasi.BELUM


def test_nothing_is_verified_before_submission(dunia, penilaian_a):
    isi_semua(penilaian_a)
    baris = _variabel(penilaian_a)
    with pytest.raises(VerifikasiGagal) as e:
        nilai_verifikasi(baris=baris, user=dunia.verifikator_x, versi=baris.versi, status="setuju")
    assert e.value.message == PESAN_BUKAN_DIAJUKAN.format(status="Draf")


def test_agree_all_of_one_part_leaves_corrections_and_other_parts_alone(dunia, diajukan):
    baris = _variabel(diajukan, "1.1.1")
    nilai_verifikasi(
        baris=baris,
        user=dunia.verifikator_x,
        versi=baris.versi,
        status="dikoreksi",
        nilai=0,
        catatan="Tidak ada Renstra",
    )
    komponen = baris.variabel.komponen_id
    n = verifikasi_setujui_semua(
        penilaian=diajukan, bagian=f"manajemen:{komponen}", user=dunia.verifikator_x
    )
    sekomponen = NilaiManajemen.objects.filter(penilaian=diajukan, variabel__komponen_id=komponen)
    assert n == sekomponen.count() - 1
    assert _variabel(diajukan, "1.1.1").status_verifikasi == StatusVerifikasi.DIKOREKSI
    assert not sekomponen.filter(status_verifikasi=StatusVerifikasi.BELUM).exists()
    assert NilaiManajemen.objects.filter(
        penilaian=diajukan, status_verifikasi=StatusVerifikasi.BELUM
    ).exists()
    assert verifikasi_setujui_semua(penilaian=diajukan, bagian="mutu", user=dunia.verifikator_x)
    assert not NilaiMutu.objects.filter(
        penilaian=diajukan, status_verifikasi=StatusVerifikasi.BELUM
    ).exists()
    with pytest.raises(VerifikasiGagal, match=PESAN_BAGIAN):
        verifikasi_setujui_semua(penilaian=diajukan, bagian="lain:1", user=dunia.verifikator_x)


# --- the whole path ---------------------------------------------------------------------


def test_return_revise_resubmit_set_and_then_locked_for_both_sides(dunia, diajukan):
    v = dunia.verifikator_x
    baris = _variabel(diajukan)
    nilai_verifikasi(
        baris=baris,
        user=v,
        versi=baris.versi,
        status="dikoreksi",
        nilai=4,
        catatan="Bukti analisis kebutuhan tidak ada",
    )
    with pytest.raises(AlurTidakSah) as e:
        penilaian_langkah(penilaian=diajukan, langkah="tetapkan", user=v)
    assert e.value.message.startswith(PESAN_BELUM_DIVERIFIKASI.split("{")[0])
    with pytest.raises(AlurTidakSah):  # a return needs its reason
        penilaian_langkah(penilaian=diajukan, langkah="kembalikan", user=v)
    penilaian = penilaian_langkah(
        penilaian=diajukan, langkah="kembalikan", user=v, catatan="Lengkapi bukti 1.1.1"
    )
    assert penilaian.status == StatusAlur.DIKEMBALIKAN
    assert penilaian.catatan_pengembalian == "Lengkapi bukti 1.1.1"
    # While returned the verifier cannot write; the Puskesmas revises (plain update).
    baris = _variabel(penilaian)
    with pytest.raises(VerifikasiGagal):
        nilai_verifikasi(baris=baris, user=v, versi=baris.versi, status="setuju")
    NilaiPelayanan.objects.filter(penilaian=penilaian).update(capaian="95")
    penilaian = penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=dunia.kapus_a)
    assert penilaian.status == StatusAlur.DIAJUKAN
    _setujui_semua(penilaian, v)
    penilaian = penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=v)
    penilaian.refresh_from_db()
    assert penilaian.status == StatusAlur.DITETAPKAN
    assert penilaian.nilai_pelayanan == Decimal("95.0000")
    assert penilaian.nilai_manajemen < Decimal(7)  # the correction counts
    # Locked for both sides.
    baris = _variabel(penilaian, "1.1.2")
    with pytest.raises(VerifikasiGagal) as e:
        nilai_verifikasi(
            baris=baris,
            user=v,
            versi=baris.versi,
            status="dikoreksi",
            nilai=0,
            catatan="Setelah penetapan",
        )
    assert e.value.message == PESAN_BUKAN_DIAJUKAN.format(status="Ditetapkan Dinkes")
    with pytest.raises(VerifikasiGagal):
        verifikasi_setujui_semua(penilaian=penilaian, bagian="mutu", user=v)
    for langkah, user in (("ajukan", dunia.kapus_a), ("kembalikan", v), ("tetapkan", v)):
        with pytest.raises(AlurTidakSah):
            penilaian_langkah(penilaian=penilaian, langkah=langkah, user=user, catatan="x")
    with pytest.raises(DokumenTerkunci):
        penilaian.pastikan_bisa_diubah()


# --- notifications ----------------------------------------------------------------------


def test_each_step_notifies_the_right_people_once(dunia, penilaian_a):
    verifikator_x2 = pengguna("verif_x2", Peran.VERIFIKATOR_DINKES, kabupaten=dunia.kab_x)
    isi_semua(penilaian_a)
    penilaian = penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)

    def untuk(user):
        return list(Notifikasi.objects.filter(penerima=user).order_by("pk"))

    assert [n.judul for n in untuk(dunia.verifikator_x)] == [
        f"PKP {penilaian.tahun} {dunia.a} diajukan untuk diverifikasi"
    ]
    assert len(untuk(verifikator_x2)) == 1
    assert untuk(dunia.verifikator_y) == [] and untuk(dunia.admin_x) == []
    # A retried call sends nothing twice.
    assert pb.kirim_langkah(objek=penilaian, langkah="ajukan", user=dunia.kapus_a) == 0

    penilaian = penilaian_langkah(
        penilaian=penilaian, langkah="kembalikan", user=dunia.verifikator_x, catatan="Bukti kurang"
    )
    for user in (dunia.kapus_a, dunia.ktu_a):
        kembali = untuk(user)
        assert len(kembali) == 1 and kembali[0].pesan == "Alasan: Bukti kurang"
        assert "dikembalikan" in kembali[0].judul
    assert untuk(dunia.staf_a) == [] and untuk(dunia.pj2_a) == []

    penilaian = penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=dunia.kapus_a)
    assert len(untuk(dunia.verifikator_x)) == 2  # a resubmission is a new notice
    _setujui_semua(penilaian, dunia.verifikator_x)
    penilaian = penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=dunia.verifikator_x)
    assert pb.kirim_langkah(objek=penilaian, langkah="tetapkan", user=dunia.verifikator_x) == 0
    for user in (dunia.kapus_a, dunia.ktu_a):
        ditetapkan = untuk(user)[-1]
        assert ditetapkan.judul == (
            f"PKP {penilaian.tahun} {dunia.a} ditetapkan: Kelompok I (baik)"
        )
        assert ditetapkan.tautan.endswith("/umpan-balik.pdf")
    assert Notifikasi.objects.filter(penerima=dunia.kapus_a).count() == 2
