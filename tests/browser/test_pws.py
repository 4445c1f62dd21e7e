"""A month of PWS entered in the grid with the keyboard, then the chart and statuses; a
broken Excel file changes nothing and lists every error."""

from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import expect

from lokmin.models import NilaiPWS
from puskesmas.choices import Peran

from ..factories import PuskesmasFactory, pengguna
from ..lokmin.factories_pws import desa_dengan_sasaran, indikator_pws
from .conftest import masuk

pytestmark = pytest.mark.browser

SANDI = "rahasia-uji-123"


def _xlsx(path, baris, sheet="PWS"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["Kode desa", "Desa", "KIA-1"])
    for b in baris:
        ws.append(list(b))
    wb.save(path)
    return str(path)


def test_enter_a_month_see_the_chart_and_statuses_and_a_broken_import(
    halaman, transactional_db, tmp_path
):
    page = halaman
    pkm = PuskesmasFactory(nama="Sukamaju")
    indikator_pws(pkm.kabupaten, kode="KIA-1", nama="Kunjungan K1", target=Decimal(90), tahun=2026)
    d1 = desa_dengan_sasaran(pkm, 120, nama="Cibodas", kode="3301010001")
    d2 = desa_dengan_sasaran(pkm, 100, nama="Cikole", kode="3301010002")
    pengguna("pj2.pws", Peran.PJ_KLASTER, puskesmas=pkm, klaster_nomor=2)
    q = "?tahun=2026&bulan=1"

    masuk(page, "pj2.pws", SANDI)
    page.goto(page.base_url + reverse("lokmin:pws_isi", args=[pkm.pk]) + q)
    sel1 = page.get_by_label("Cibodas KIA-1")
    sel1.click()
    sel1.fill("10")
    page.keyboard.press("Enter")  # down to the next desa, not a submit
    assert (
        page.evaluate("document.activeElement.name")
        == f"n-{d2.pk}-{sel1.get_attribute('name').split('-')[2]}"
    )
    page.keyboard.type("2")
    page.get_by_test_id("simpan-pws").click()
    expect(page.get_by_text("Data PWS tersimpan.")).to_be_visible()
    assert {n.desa_id: n.nilai for n in NilaiPWS.objects.all()} == {d1.pk: 10, d2.pk: 2}

    # The dashboard: 10/120 = 8,3 % ≥ 7,5 % (90 × 1/12): baik; 2/100 = 2 %: cukup.
    page.goto(page.base_url + reverse("lokmin:pws_dasbor", args=[pkm.pk]) + q)
    expect(page.get_by_test_id("grafik-pws").locator("svg")).to_have_count(1)
    expect(page.get_by_test_id("grafik-tren").locator("svg")).to_have_count(1)
    status = [s.inner_text() for s in page.get_by_test_id("status-desa").all()]
    assert status == ["Baik", "Cukup"]

    # A broken file: text in a number and an unknown desa; then a wrong sheet.
    page.goto(page.base_url + reverse("lokmin:pws_impor", args=[pkm.pk]) + q)
    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(
        _xlsx(tmp_path / "rusak.xlsx", [("3301010001", "Cibodas", "lima"), ("0000", "Entah", 3)])
    )
    page.get_by_test_id("impor-pws").click()
    galat = page.get_by_test_id("tabel-galat").locator("tbody tr")
    expect(galat).to_have_count(2)
    teks = page.get_by_test_id("tabel-galat").inner_text()
    assert "lima" in teks and "Desa dengan kode «0000» tidak ada" in teks
    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(
        _xlsx(tmp_path / "sheet.xlsx", [("3301010001", "Cibodas", 1)], sheet="Lembar1")
    )
    page.get_by_test_id("impor-pws").click()
    expect(page.get_by_test_id("tabel-galat")).to_contain_text(
        "Sheet «PWS» tidak ditemukan", use_inner_text=True
    )
    assert {n.desa_id: n.nilai for n in NilaiPWS.objects.all()} == {d1.pk: 10, d2.pk: 2}
