"""An admin Dinkes copies the national PKP instrument and reviews a doubtful variable."""

import pytest
from playwright.sync_api import expect

from pkp.models import VariabelManajemen

from .conftest import masuk

pytestmark = pytest.mark.browser

TEKS_BARU = "Tidak ada media pengaduan"


def test_admin_dinkes_copies_the_default_edits_a_doubtful_row_and_confirms_it(halaman, demo):
    page = halaman
    masuk(page, "admin.banyumanis")
    page.get_by_test_id("menu-utama").get_by_role("link", name="PKP").click()
    page.get_by_test_id("pkp-instrumen-tautan").get_by_role(
        "link", name="Instrumen Kabupaten Banyumanis"
    ).click()
    expect(page.get_by_test_id("instrumen-kosong")).to_be_visible()
    page.get_by_test_id("salin-standar").click()
    expect(page.get_by_text("disalin untuk Kabupaten Banyumanis")).to_be_visible()

    baris = page.locator('[data-testid="variabel"][data-kode="1.1.12"]')
    expect(baris.get_by_test_id("perlu-ditinjau")).to_be_visible()
    expect(baris.get_by_test_id("alasan-tinjau")).to_contain_text("nilai 0", use_inner_text=True)
    baris.get_by_test_id("ubah-variabel").click()
    expect(page.get_by_test_id("alasan-tinjau")).to_be_visible()
    page.locator("#id_nilai_0").fill(TEKS_BARU)
    page.get_by_test_id("simpan-variabel").click()
    expect(page.get_by_text("Teks variabel tersimpan.")).to_be_visible()

    baris = page.locator('[data-testid="variabel"][data-kode="1.1.12"]')
    baris.get_by_test_id("konfirmasi-variabel").click()
    expect(page.get_by_text("Variabel 1.1.12 dikonfirmasi sudah ditinjau.")).to_be_visible()
    baris = page.locator('[data-testid="variabel"][data-kode="1.1.12"]')
    expect(baris.get_by_test_id("perlu-ditinjau")).to_have_count(0)
    baris.locator("summary").click()
    expect(baris.get_by_test_id("nilai-0")).to_have_text(TEKS_BARU, use_inner_text=True)
    # Other doubtful rows still carry their badge; the national default is unchanged.
    lain = page.locator('[data-testid="variabel"][data-kode="1.4.1"]')
    expect(lain.get_by_test_id("perlu-ditinjau")).to_be_visible()
    nasional = VariabelManajemen.objects.get(
        kode="1.1.12",
        komponen__instrumen__kabupaten__isnull=True,
        komponen__instrumen__tahun=VariabelManajemen.objects.get(  # the copy just edited
            kode="1.1.12", komponen__instrumen__kabupaten__isnull=False, nilai_0=TEKS_BARU
        ).komponen.instrumen.tahun,
    )
    assert nasional.perlu_ditinjau and nasional.nilai_0 != TEKS_BARU
