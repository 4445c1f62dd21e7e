"""PIS-PK end to end: a broken survey file changes nothing and lists every error; a good
one shows IKS per desa with its band and the chart; an agreed intervention is recorded."""

from datetime import date

import pytest
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import expect

from lokmin.models import KeluargaPISPK, LangkahPISPK
from puskesmas.choices import Peran
from puskesmas.models import SasaranDesa

from ..factories import DesaFactory, PuskesmasFactory, pengguna
from .conftest import masuk

pytestmark = pytest.mark.browser

SANDI = "rahasia-uji-123"
TAHUN = date.today().year
JUDUL = ["Kode keluarga", "Kode desa", *(f"Indikator {n}" for n in range(1, 13))]


def _xlsx(path, baris, sheet="PIS-PK"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(JUDUL)
    for b in baris:
        ws.append(list(b))
    wb.save(path)
    return str(path)


def test_import_the_survey_see_iks_and_record_an_intervention(halaman, transactional_db, tmp_path):
    page = halaman
    pkm = PuskesmasFactory(nama="Sukamaju")
    desa = DesaFactory(puskesmas=pkm, nama="Cibodas", kode="3301010001")
    SasaranDesa.objects.create(desa=desa, tahun=TAHUN, kategori="kk", jumlah=4)
    pengguna("ktu.pispk", Peran.KEPALA_TU, puskesmas=pkm)
    q = f"?tahun={TAHUN}"

    masuk(page, "ktu.pispk", SANDI)
    page.goto(page.base_url + reverse("lokmin:pispk", args=[pkm.pk]) + q)
    page.get_by_test_id("buka-impor-pispk").click()
    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(
        _xlsx(
            tmp_path / "rusak.xlsx",
            [("K1", "0000", *["Y"] * 12), ("K2", "3301010001", "ya", *["Y"] * 11)],
        )
    )
    page.get_by_role("button", name="Impor").click()
    teks = page.get_by_test_id("galat-impor").inner_text()
    assert "Desa dengan kode «0000» tidak ada" in teks and "«ya»" in teks
    assert not KeluargaPISPK.objects.exists()

    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(
        _xlsx(tmp_path / "baik.xlsx", [("K1", "3301010001", *["Y"] * 12),
                                         ("K2", "3301010001", *["Y"] * 6, *["N"] * 6)])
    )  # fmt: skip
    page.get_by_role("button", name="Impor").click()
    expect(page.get_by_text("Hasil survei PIS-PK tersimpan: 2 keluarga.")).to_be_visible()
    expect(page.get_by_test_id("grafik-iks").locator("svg")).to_have_count(1)
    # One healthy family of two: IKS 0,500, at the pra-sehat edge, for Cibodas and the wilayah.
    baris = page.get_by_test_id("baris-iks").filter(has_text="Cibodas")
    expect(baris).to_contain_text("0,500", use_inner_text=True)
    expect(baris).to_contain_text("Pra-sehat", use_inner_text=True)
    expect(page.get_by_test_id("kategori-iks").last).to_have_text("Pra-sehat", use_inner_text=True)
    expect(page.get_by_test_id("survei-tercapai")).to_have_text(
        "tercapai", use_inner_text=True
    )  # 2 of 4

    page.get_by_label("Langkah").select_option("intervensi_awal")
    page.get_by_label("Tanggal").fill(f"{TAHUN}-03-02")
    page.get_by_label("Uraian / intervensi yang disepakati").fill("Kunjungan rumah keluarga K2")
    page.get_by_role("button", name="Catat langkah").click()
    expect(page.get_by_text("Langkah «Intervensi awal» tercatat.")).to_be_visible()
    langkah = page.get_by_test_id("langkah-pispk").locator('[data-langkah="intervensi_awal"]')
    expect(langkah).to_contain_text("Kunjungan rumah keluarga K2", use_inner_text=True)
    assert LangkahPISPK.objects.get().tanggal == date(TAHUN, 3, 2)
