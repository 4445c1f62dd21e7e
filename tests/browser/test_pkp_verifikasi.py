"""The Dinkes verifier corrects one score with a note and returns the assessment; the
Kepala Puskesmas resubmits (through the services: the Puskesmas's assessment pages are
another part of the cycle); the verifier agrees with the rest and sets it; it is locked."""

import pytest
from django.utils import timezone

from pkp.models import NilaiManajemen, NilaiMutu, NilaiPelayanan, PenilaianPKP, StatusVerifikasi
from pkp.services.instrumen import instrumen_salin
from pkp.services.penilaian import penilaian_buka, penilaian_langkah
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Notifikasi, Puskesmas, User

from .conftest import keluar, masuk

pytestmark = pytest.mark.browser


def _diajukan():
    tahun = timezone.localdate().year
    sukamaju = Puskesmas.objects.get(nama__icontains="Sukamaju")
    admin = User.objects.get(username="admin.banyumanis")
    kapus = User.objects.get(username="kapus.sukamaju")
    instrumen_salin(user=admin, kabupaten=sukamaju.kabupaten, tahun=tahun)
    penilaian, _ = penilaian_buka(puskesmas=sukamaju, tahun=tahun, user=kapus)
    NilaiPelayanan.objects.filter(penilaian=penilaian).update(capaian="95")
    NilaiManajemen.objects.filter(penilaian=penilaian).update(skor=10)
    NilaiMutu.objects.filter(penilaian=penilaian).update(capaian="95")
    return penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=kapus), kapus


def test_verifier_corrects_returns_then_agrees_and_sets_it(halaman, demo):
    page = halaman
    penilaian, kapus = _diajukan()
    masuk(page, "verifikator.banyumanis")
    page.get_by_test_id("verifikasi-pkp").first.click()
    baris = page.locator('[data-testid="baris-verifikasi"][data-puskesmas*="Sukamaju"]')
    assert baris.get_by_test_id("status").inner_text() == "Diajukan"
    baris.get_by_test_id("buka-verifikasi").click()
    assert page.get_by_test_id("status-penilaian").inner_text() == "Diajukan"

    butir = page.locator('[data-testid="butir"][data-kode="1.1.2"]')
    assert butir.get_by_test_id("nilai-puskesmas").inner_text() == "10"
    butir.get_by_test_id("pilih-koreksi").check()
    butir.get_by_test_id("nilai-putusan").select_option("7")
    butir.get_by_test_id("simpan-putusan").click()
    assert page.get_by_text("Catatan koreksi wajib diisi").is_visible()
    butir = page.locator('[data-testid="butir"][data-kode="1.1.2"]')
    butir.get_by_test_id("pilih-koreksi").check()
    butir.get_by_test_id("nilai-putusan").select_option("7")
    butir.get_by_test_id("catatan-putusan").fill("RUK belum berdasarkan analisis situasi")
    butir.get_by_test_id("simpan-putusan").click()
    assert page.get_by_text("Butir 1.1.2 tersimpan.").is_visible()
    butir = page.locator('[data-testid="butir"][data-kode="1.1.2"]')
    assert butir.get_by_test_id("status-butir").inner_text() == "Dikoreksi"
    assert butir.get_by_test_id("nilai-koreksi").inner_text() == "7"
    butir.get_by_test_id("riwayat-butir").locator("summary").click()
    assert "Belum diverifikasi → Dikoreksi" in butir.get_by_test_id("riwayat-butir").inner_text()

    page.get_by_test_id("catatan-kembalikan").fill("Lengkapi bukti RUK")
    page.get_by_test_id("langkah-kembalikan").click()
    assert page.get_by_test_id("status-penilaian").inner_text() == "Dikembalikan"
    assert Notifikasi.objects.filter(penerima=kapus, pesan="Alasan: Lengkapi bukti RUK").exists()
    keluar(page)

    # The Puskesmas revises and the Kepala resubmits.
    NilaiManajemen.objects.filter(penilaian=penilaian, variabel__kode="1.1.2").update(
        catatan="Analisis situasi dilampirkan"
    )
    penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=kapus)

    masuk(page, "verifikator.banyumanis")
    page.get_by_test_id("verifikasi-pkp").first.click()
    page.locator('[data-testid="baris-verifikasi"][data-puskesmas*="Sukamaju"]').get_by_test_id(
        "buka-verifikasi"
    ).click()
    while page.get_by_test_id("setujui-semua").count():
        page.get_by_test_id("setujui-semua").first.click()
        page.wait_for_load_state("domcontentloaded")
    butir = page.locator('[data-testid="butir"][data-kode="1.1.2"]')
    assert butir.get_by_test_id("status-butir").inner_text() == "Dikoreksi"  # kept
    page.get_by_test_id("langkah-tetapkan").click()
    assert page.get_by_test_id("status-penilaian").inner_text() == "Ditetapkan Dinkes"
    assert page.get_by_test_id("terkunci").is_visible()
    assert page.get_by_test_id("form-putusan").count() == 0
    assert page.get_by_test_id("setujui-semua").count() == 0

    penilaian = PenilaianPKP.objects.get(pk=penilaian.pk)
    assert penilaian.status == StatusAlur.DITETAPKAN
    assert not NilaiManajemen.objects.filter(
        penilaian=penilaian, status_verifikasi=StatusVerifikasi.BELUM
    ).exists()
    assert NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode="1.1.2").skor_akhir == 7
