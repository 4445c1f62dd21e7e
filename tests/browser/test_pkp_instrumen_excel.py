"""An admin Dinkes adds a programme and an indicator to the kabupaten's PKP instrument,
exports the instrument, edits the workbook and imports it back."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from pkp.models import IndikatorPelayanan

from .conftest import masuk

pytestmark = pytest.mark.browser


def _kolom(ws, judul: str) -> int:
    return [c.value for c in ws[1]].index(judul)


def test_admin_adds_rows_exports_and_imports_the_instrument(halaman, demo, tmp_path):
    page = halaman
    masuk(page, "admin.banyumanis")
    page.get_by_test_id("menu-utama").get_by_role("link", name="PKP").click()
    page.get_by_test_id("pkp-instrumen-tautan").get_by_role(
        "link", name="Instrumen Kabupaten Banyumanis"
    ).click()
    page.get_by_test_id("salin-standar").click()

    page.get_by_test_id("tambah-kelompok").click()
    page.locator("#id_nama").fill("Program Gizi")
    page.get_by_test_id("simpan-baris").click()
    expect(page.get_by_text("Klaster/program tersimpan: Program Gizi.")).to_be_visible()

    page.get_by_test_id("tambah-pelayanan").click()
    page.locator("#id_kelompok").select_option(label="Program Gizi")
    page.locator("#id_kode").fill("GZ-1")
    page.locator("#id_nama").fill("Balita ditimbang")
    page.locator("#id_arah").select_option("rentang")
    page.locator("#id_target").fill("150")
    page.locator("#id_satuan").fill("‰")
    page.get_by_test_id("simpan-baris").click()
    expect(page.get_by_text("Target rentang perlu batas atas.")).to_be_visible()
    page.locator("#id_target_atas").fill("250,5")
    page.get_by_test_id("simpan-baris").click()
    expect(
        page.get_by_text("Indikator kinerja pelayanan tersimpan: GZ-1 Balita ditimbang.")
    ).to_be_visible()
    program = page.locator('[data-testid="kelompok-pelayanan"][data-kelompok="Program Gizi"]')
    program.locator("summary").click()
    expect(program).to_contain_text("150–250,50 ‰", use_inner_text=True)

    with page.expect_download() as info:
        page.get_by_test_id("ekspor-instrumen").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    berkas = tmp_path / "ekspor.xlsx"
    info.value.save_as(berkas)
    wb = load_workbook(berkas)
    assert wb.sheetnames[:4] == ["Pelayanan", "Manajemen", "Mutu", "Ambang"]
    ws = wb["Pelayanan"]
    baris = next(r for r in ws.iter_rows(min_row=2) if r[_kolom(ws, "Kode")].value == "GZ-1")
    assert baris[_kolom(ws, "Klaster/program")].value == "Program Gizi"
    assert baris[_kolom(ws, "Jenis target")].value == "rentang"
    assert baris[_kolom(ws, "Target")].value == 150
    assert baris[_kolom(ws, "Batas atas")].value == 250.5
    assert wb["Manajemen"].max_row == 30

    # Edit the workbook: a new target for GZ-1, then import it back.
    baris[_kolom(ws, "Target")].value = "175,25"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    diubah = Path(tmp_path) / "instrumen.xlsx"
    diubah.write_bytes(keluaran.getvalue())
    page.get_by_test_id("ke-impor-instrumen").click()
    page.locator("#id_berkas").set_input_files(str(diubah))
    page.get_by_test_id("impor-instrumen").click()
    expect(
        page.get_by_text("Impor selesai: 0 baris ditambahkan, 1 diperbarui, 0 dihapus.")
    ).to_be_visible()
    i = IndikatorPelayanan.objects.get(kode="GZ-1", kelompok__instrumen__kabupaten__isnull=False)
    assert (i.target, i.target_atas) == (Decimal("175.25"), Decimal("250.5"))
