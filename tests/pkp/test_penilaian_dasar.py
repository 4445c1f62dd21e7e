"""The assessment's skeleton: opening it, its workflow and the result kept when it is set."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from pkp.models import (
    PESAN_BELUM_DINILAI,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    StatusVerifikasi,
    VariabelManajemen,
)
from pkp.selectors import hitung
from pkp.services.penilaian import PenilaianGagal, penilaian_buka, penilaian_langkah
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci, StatusAlur

from .conftest import TAHUN, isi_semua


def test_opening_creates_one_row_per_item_of_the_kabupatens_copy(dunia, salinan_x):
    penilaian, baru = penilaian_buka(puskesmas=dunia.a, tahun=TAHUN, user=dunia.kapus_a)
    assert baru and penilaian.instrumen == salinan_x
    assert NilaiManajemen.objects.filter(penilaian=penilaian).count() == (
        VariabelManajemen.objects.filter(komponen__instrumen=salinan_x).count()
    )
    assert NilaiPelayanan.objects.filter(penilaian=penilaian).count() > 0
    assert NilaiMutu.objects.filter(penilaian=penilaian).count() > 0
    lagi, baru = penilaian_buka(puskesmas=dunia.a, tahun=TAHUN, user=dunia.kapus_a)
    assert lagi == penilaian and not baru


def test_opening_without_the_kabupatens_copy_says_so(dunia, standar):
    with pytest.raises(PenilaianGagal, match="belum tersedia"):
        penilaian_buka(puskesmas=dunia.a, tahun=TAHUN, user=dunia.kapus_a)


def test_a_verifier_cannot_open_a_puskesmas_assessment(dunia, salinan_x):
    with pytest.raises(PermissionDenied):
        penilaian_buka(puskesmas=dunia.a, tahun=TAHUN, user=dunia.verifikator_x)


def test_submitting_needs_every_variable_scored(dunia, penilaian_a):
    with pytest.raises(AlurTidakSah) as e:
        penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)
    assert e.value.message.startswith(PESAN_BELUM_DINILAI.split("{")[0])


def test_the_whole_way_to_a_set_assessment_keeps_its_result_and_locks(dunia, penilaian_a):
    isi_semua(penilaian_a, capaian="85", skor=7)
    penilaian = penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)
    assert penilaian.status == StatusAlur.DIAJUKAN
    with pytest.raises(PermissionDenied):
        penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=dunia.kapus_a)
    with pytest.raises(AlurTidakSah, match="belum diverifikasi"):
        penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=dunia.verifikator_x)
    for model in (NilaiPelayanan, NilaiManajemen, NilaiMutu):
        model.objects.filter(penilaian=penilaian).update(status_verifikasi=StatusVerifikasi.SETUJU)
    with pytest.raises(PermissionDenied):  # another kabupaten's verifier
        penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=dunia.verifikator_y)
    penilaian = penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=dunia.verifikator_x)
    penilaian.refresh_from_db()
    assert penilaian.status == StatusAlur.DITETAPKAN
    assert penilaian.nilai_pelayanan == Decimal("85.0000")
    assert penilaian.nilai_manajemen == Decimal("7.0000")
    assert (penilaian.kelompok_pelayanan, penilaian.kelompok_manajemen) == (2, 2)
    assert penilaian.kelompok == 2
    assert penilaian.hasil["pelayanan"]["nilai"] == "85"
    assert penilaian.ditetapkan_oleh == dunia.verifikator_x
    with pytest.raises(DokumenTerkunci):
        penilaian.pastikan_bisa_diubah()


def test_a_correction_is_the_final_value(dunia, penilaian_a):
    isi_semua(penilaian_a, skor=10)
    baris = NilaiManajemen.objects.filter(penilaian=penilaian_a).first()
    baris.status_verifikasi = StatusVerifikasi.DIKOREKSI
    baris.skor_verifikasi = 0
    baris.save()
    sendiri = hitung.hasil_penilaian(penilaian_a, akhir=False)
    akhir = hitung.hasil_penilaian(penilaian_a, akhir=True)
    assert sendiri.manajemen.nilai == 10
    assert akhir.manajemen.nilai < 10


def test_the_kept_summary_reads_back_to_the_same_ranking_key(dunia, penilaian_a):
    from pkp import scoring

    isi_semua(penilaian_a, capaian="91", skor=4)
    hasil = hitung.hasil_penilaian(penilaian_a)
    kembali = hitung.dari_ringkas(hasil.id, hitung.ringkas(hasil))
    assert scoring.kunci_urutan(kembali) == scoring.kunci_urutan(hasil)
    assert kembali.kelompok == hasil.kelompok == scoring.Kelompok.III


def test_one_assessment_per_puskesmas_and_year(dunia, penilaian_a):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PenilaianPKP.objects.create(puskesmas=dunia.a, tahun=TAHUN, instrumen=penilaian_a.instrumen)
