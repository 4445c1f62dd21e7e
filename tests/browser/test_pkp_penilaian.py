"""The Kepala Puskesmas opens the year's PKP, fills a klaster, scores every management
variable (accepting a suggestion, overriding another with a note), attaches evidence and
submits; the forms are read-only afterwards."""

import pytest
from django.utils import timezone

from pkp import saran_daftar
from pkp.models import BuktiPKP, NilaiManajemen, NilaiPelayanan, PenilaianPKP
from pkp.services.instrumen import instrumen_salin
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Kabupaten, User

from .conftest import masuk

pytestmark = pytest.mark.browser

CATATAN = "RUK disusun ulang setelah Lokmin Desember"


@pytest.fixture
def saran_uji():
    """Two suggestion rules of this test only (P1's real ones are put back afterwards)."""
    asli = dict(saran_daftar._DAFTAR)
    saran_daftar._DAFTAR.clear()
    saran_daftar.daftar(
        "1.1.1",
        kumpulkan=lambda puskesmas, tahun: None,
        aturan=lambda _: saran_daftar.Saran(7, "Renstra disahkan, analisis kebutuhan ada."),
    )
    saran_daftar.daftar(
        "1.1.2",
        kumpulkan=lambda puskesmas, tahun: None,
        aturan=lambda _: saran_daftar.Saran(4, "RUK belum disahkan Kepala Puskesmas."),
    )
    yield
    saran_daftar._DAFTAR.clear()
    saran_daftar._DAFTAR.update(asli)


def test_kepala_fills_scores_attaches_evidence_and_submits(halaman, demo, saran_uji):
    page = halaman
    tahun = timezone.localdate().year
    kabupaten = Kabupaten.objects.get(nama="Kabupaten Banyumanis")
    instrumen_salin(
        user=User.objects.get(username="admin.banyumanis"), kabupaten=kabupaten, tahun=tahun
    )

    masuk(page, "kapus.sukamaju")
    page.get_by_test_id("menu-utama").get_by_role("link", name="PKP").click()
    page.get_by_test_id("pkp-penilaian-tautan").get_by_role("link", name=str(tahun)).click()
    assert page.get_by_test_id("penilaian-kosong").is_visible()
    page.get_by_test_id("buka-penilaian").click()
    assert page.get_by_text(f"Penilaian kinerja tahun {tahun} dibuka.").is_visible()
    assert page.get_by_test_id("status-penilaian").inner_text() == "Draf"
    penilaian = PenilaianPKP.objects.get(puskesmas__nama="Sukamaju", tahun=tahun)

    # One klaster: every indicator typed the Indonesian way.
    page.get_by_test_id("kelompok").first.get_by_test_id("isi-kelompok").click()
    isian = page.get_by_test_id("capaian")
    jumlah = isian.count()
    assert jumlah > 0
    for i in range(jumlah):
        isian.nth(i).fill("92,5")
    page.get_by_test_id("simpan-capaian").click()
    assert page.get_by_text(f"Tersimpan ({jumlah} baris berubah).").is_visible()
    assert page.get_by_test_id("sumber").first.inner_text() == "Diketik"
    page.get_by_role("link", name="Kembali ke penilaian").click()
    assert "92,5 %" in page.get_by_test_id("kemajuan-pelayanan").inner_text()

    # Management: 1.1.1 as suggested, 1.1.2 above the suggestion with a note.
    page.get_by_test_id("komponen").first.get_by_test_id("isi-komponen").click()
    v111 = page.locator('[data-testid="variabel"][data-kode="1.1.1"]')
    assert v111.get_by_test_id("skor-saran").inner_text() == "7"
    v111.get_by_test_id("skor-7").check()
    v112 = page.locator('[data-testid="variabel"][data-kode="1.1.2"]')
    v112.get_by_test_id("skor-10").check()
    for radio in page.get_by_test_id("skor-4").all():
        nama = radio.get_attribute("name")
        if not page.locator(f'input[name="{nama}"]:checked').count():
            radio.check()
    page.get_by_test_id("simpan-skor").click()
    assert page.get_by_text("berbeda dari saran aplikasi (4)").is_visible()
    v112 = page.locator('[data-testid="variabel"][data-kode="1.1.2"]')
    assert v112.get_by_test_id("skor-10").is_checked()  # nothing typed is lost
    v112.get_by_test_id("catatan").fill(CATATAN)
    page.get_by_test_id("simpan-skor").click()
    assert page.get_by_text("baris berubah").is_visible()

    # Evidence for 1.1.1: a PDF.
    page.locator('[data-testid="variabel"][data-kode="1.1.1"]').get_by_test_id(
        "kelola-bukti"
    ).click()
    page.get_by_label("Keterangan").fill("Renstra 2025–2029 bertanda tangan")
    page.get_by_label("Unggah berkas").set_input_files(
        {"name": "renstra.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 renstra"}
    )
    page.get_by_test_id("tambah-bukti").click()
    assert page.get_by_text("Bukti ditambahkan.").is_visible()
    assert page.get_by_test_id("bukti").count() == 1
    page.get_by_role("link", name="Kembali ke komponen").click()

    # The other components: every variable scored 7.
    komponen = page.locator(".nav-pills .nav-link")
    for i in range(1, komponen.count()):
        page.locator(".nav-pills .nav-link").nth(i).click()
        for radio in page.get_by_test_id("skor-7").all():
            radio.check()
        page.get_by_test_id("simpan-skor").click()
        assert page.get_by_text("baris berubah").is_visible()
    page.get_by_role("link", name="Kembali ke penilaian").click()
    assert page.get_by_test_id("variabel-dinilai").inner_text() == "29 dari 29 variabel dinilai"

    page.get_by_test_id("ajukan-penilaian").click()
    assert page.get_by_text("Penilaian kinerja diajukan ke Dinas Kesehatan.").is_visible()
    assert page.get_by_test_id("status-penilaian").inner_text() == "Diajukan"
    assert page.get_by_test_id("penilaian-terkunci").is_visible()
    page.get_by_test_id("komponen").first.get_by_test_id("isi-komponen").click()
    assert page.get_by_test_id("baca-saja").is_visible()
    assert page.get_by_test_id("simpan-skor").count() == 0

    penilaian.refresh_from_db()
    assert penilaian.status == StatusAlur.DIAJUKAN
    n111 = NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode="1.1.1")
    n112 = NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode="1.1.2")
    assert (n111.skor, n111.skor_saran) == (7, 7)
    assert (n112.skor, n112.skor_saran, n112.catatan) == (10, 4, CATATAN)
    assert BuktiPKP.objects.get(nilai=n111).berkas.name.endswith(".pdf")
    assert NilaiPelayanan.objects.filter(penilaian=penilaian, capaian=92.5).count() == jumlah
