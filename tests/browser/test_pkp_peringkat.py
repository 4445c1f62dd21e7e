"""A verifier opens the PKP ranking of the demo kabupaten, sorts and filters it, and
downloads the Excel export, which holds the numbers the page shows."""

import pytest
from openpyxl import load_workbook

from pkp.demo import tahun_pkp_demo

from .conftest import masuk

pytestmark = pytest.mark.browser


def _nama(page) -> list[str]:
    return [
        t.split("\n")[0].strip()
        for t in page.get_by_test_id("tabel-peringkat")
        .locator("tbody tr td:nth-child(2)")
        .all_inner_texts()
    ]


def _klik(page, testid: str) -> None:
    """Click a link or button that loads the page again, and wait for the new page: reading
    the table before it arrives would read the old one, or none."""
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def test_verifier_sorts_filters_and_downloads_the_ranking(halaman, demo, tmp_path):
    page = halaman
    tahun = tahun_pkp_demo()
    masuk(page, "verifikator.banyumanis")
    page.get_by_test_id("menu-utama").get_by_role("link", name="PKP").click()
    page.get_by_test_id("pkp-peringkat-tautan").get_by_role(
        "link", name="Peringkat Puskesmas Kabupaten Banyumanis"
    ).click()
    assert f"tahun {tahun}" in page.get_by_test_id("judul-peringkat").inner_text()
    assert _nama(page) == ["Sukamaju", "Wanasari", "Kedungwaru", "Girimulya"]
    assert page.get_by_test_id("grafik-kabupaten").locator("svg").count() == 1
    belum = page.get_by_test_id("tabel-belum").inner_text()
    assert "Cempaka" in belum and "Diajukan" in belum and "Tanjungsari" in belum

    # Sort by kinerja manajemen, high to low, then the other way.
    _klik(page, "urut-manajemen")
    assert _nama(page)[:2] == ["Sukamaju", "Kedungwaru"]  # 9,4 each, in rank order
    assert _nama(page)[-1] == "Girimulya"
    _klik(page, "urut-manajemen")
    assert _nama(page)[0] == "Girimulya"

    # Filter: group II only, then by name.
    page.locator("#saring-kelompok").select_option("2")
    _klik(page, "terapkan-saring")
    assert sorted(_nama(page)) == ["Kedungwaru", "Wanasari"]
    page.locator("#saring-kelompok").select_option("")
    page.locator("#saring-nama").fill("giri")
    _klik(page, "terapkan-saring")
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
    assert "Girimulya" in page.get_by_test_id("judul-hasil").inner_text()
    radar = page.get_by_test_id("grafik-radar")
    assert radar.locator("svg polygon[fill-opacity]").count() == 2
