"""A verifier opens the PKP ranking of the demo kabupaten, sorts and filters it, and
downloads the Excel export, which holds the numbers the page shows."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from pkp.demo import tahun_pkp_demo

from .conftest import masuk, pindah

pytestmark = pytest.mark.browser


def _nama(page) -> list[str]:
    return [
        t.split("\n")[0].strip()
        for t in page.get_by_test_id("tabel-peringkat")
        .locator("tbody tr td:nth-child(2)")
        .all_inner_texts()
    ]


def test_verifier_sorts_filters_and_downloads_the_ranking(halaman, demo, tmp_path):
    page = halaman
    tahun = tahun_pkp_demo()
    masuk(page, "verifikator.banyumanis")
    page.get_by_test_id("menu-utama").get_by_role("link", name="PKP").click()
    page.get_by_test_id("pkp-peringkat-tautan").get_by_role(
        "link", name="Peringkat Puskesmas Kabupaten Banyumanis"
    ).click()
    expect(page.get_by_test_id("judul-peringkat")).to_contain_text(
        f"tahun {tahun}", use_inner_text=True
    )
    assert _nama(page) == ["Sukamaju", "Wanasari", "Kedungwaru", "Girimulya"]
    expect(page.get_by_test_id("grafik-kabupaten").locator("svg")).to_have_count(1)
    belum = page.get_by_test_id("tabel-belum").inner_text()
    assert "Cempaka" in belum and "Diajukan" in belum and "Tanjungsari" in belum

    # Sort by kinerja manajemen, high to low, then the other way.
    pindah(page.get_by_test_id("urut-manajemen"))
    assert _nama(page)[:2] == ["Sukamaju", "Kedungwaru"]  # 9,4 each, in rank order
    assert _nama(page)[-1] == "Girimulya"
    pindah(page.get_by_test_id("urut-manajemen"))
    assert _nama(page)[0] == "Girimulya"

    # Filter: group II only, then by name.
    page.locator("#saring-kelompok").select_option("2")
    pindah(page.get_by_test_id("terapkan-saring"))
    assert sorted(_nama(page)) == ["Kedungwaru", "Wanasari"]
    page.locator("#saring-kelompok").select_option("")
    page.locator("#saring-nama").fill("giri")
    pindah(page.get_by_test_id("terapkan-saring"))
    assert _nama(page) == ["Girimulya"]
    sel = page.get_by_test_id("peringkat-P3399030101")
    manajemen_di_halaman = sel.get_by_test_id("manajemen").inner_text().split()[0]
    assert manajemen_di_halaman == "6,4"

    with page.expect_download() as info:
        page.get_by_test_id("unduh-xlsx").click()
    berkas = tmp_path / "peringkat.xlsx"
    info.value.save_as(berkas)
    ws = load_workbook(berkas)["Peringkat"]
    baris = list(ws.iter_rows(values_only=True))
    i = {j: n for n, j in enumerate(baris[0])}
    isi = {r[i["Puskesmas"]]: r for r in baris[1:]}
    assert list(isi) == ["Sukamaju", "Wanasari", "Kedungwaru", "Girimulya"]
    assert isi["Girimulya"][i["Kinerja manajemen"]] == 6.4
    assert isi["Sukamaju"][i["Kinerja pelayanan (%)"]] == 95.8  # 95,75 shown as 95,8
    assert isi["Sukamaju"][i["Kelompok"]] == "I"
    assert isi["Sukamaju"][i[f"Kelompok {tahun - 1}"]] == "II"

    # The Puskesmas's result page, with its radar chart against last year.
    page.get_by_test_id("peringkat-P3399030101").get_by_role("link", name="Hasil").click()
    expect(page.get_by_test_id("judul-hasil")).to_contain_text("Girimulya", use_inner_text=True)
    radar = page.get_by_test_id("grafik-radar")
    expect(radar.locator("svg polygon[fill-opacity]")).to_have_count(2)
