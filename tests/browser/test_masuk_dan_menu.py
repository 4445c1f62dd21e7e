import re

import pytest
from playwright.sync_api import expect

from puskesmas.models import Kabupaten, Puskesmas

from .conftest import keluar, masuk

pytestmark = pytest.mark.browser

MENU_PUSKESMAS = ["Beranda", "Perencanaan", "Lokmin & PWS", "Pengawasan", "PKP"]
MENU_DINKES = ["Beranda", "Rekap Kabupaten", "Perencanaan", "PKP"]

PERAN = [
    ("staf.sukamaju", "Beranda Puskesmas", MENU_PUSKESMAS),
    ("pj2.sukamaju", "Beranda Puskesmas", MENU_PUSKESMAS),
    ("ktu.sukamaju", "Beranda Puskesmas", MENU_PUSKESMAS),
    ("kapus.sukamaju", "Beranda Puskesmas", MENU_PUSKESMAS + ["Pengguna"]),
    ("mutu.sukamaju", "Beranda Puskesmas", MENU_PUSKESMAS),
    ("verifikator.banyumanis", "Beranda Dinas Kesehatan", MENU_DINKES),
    ("admin.banyumanis", "Beranda Dinas Kesehatan", MENU_DINKES + ["Pengguna"]),
    ("admin", "Beranda nasional", MENU_PUSKESMAS + ["Rekap Kabupaten", "Pengguna"]),
]


def test_every_demo_role_lands_on_its_home_with_its_menu(halaman, demo):
    page = halaman
    page.goto(page.base_url + "/")
    expect(page).to_have_url(re.compile(re.escape("/akun/masuk/")))
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    for username, judul, menu in PERAN:
        masuk(page, username)
        expect(page.get_by_test_id("judul-beranda"), username).to_have_text(
            re.compile("^" + re.escape(judul)), use_inner_text=True
        )
        items = page.get_by_test_id("menu-utama").locator("a").all_inner_texts()
        assert [i.strip() for i in items] == menu, username
        keluar(page)


def test_wrong_password_is_explained_in_indonesian(halaman, demo):
    masuk(halaman, "staf.sukamaju", "salah-sekali")
    expect(halaman.get_by_text("Nama pengguna atau kata sandi salah")).to_be_visible()


def test_staff_cannot_reach_another_puskesmas_by_editing_the_url(halaman, demo):
    page = halaman
    sendiri = Puskesmas.objects.get(nama="Sukamaju")
    lain = Puskesmas.objects.get(nama="Cempaka")
    masuk(page, "staf.sukamaju")
    page.goto(f"{page.base_url}/puskesmas/{sendiri.pk}/")
    expect(page.get_by_role("heading", name="Puskesmas Sukamaju")).to_be_visible()
    for path in (f"/puskesmas/{lain.pk}/", f"/puskesmas/{lain.pk}/ubah/"):
        response = page.goto(page.base_url + path)
        assert response.status == 404
        expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()


def test_verifier_cannot_reach_another_kabupaten(halaman, demo):
    page = halaman
    lain = Kabupaten.objects.get(kode="3398")
    masuk(page, "verifikator.banyumanis")
    page.get_by_test_id("menu-utama").get_by_role("link", name="Rekap Kabupaten").click()
    expect(page.get_by_test_id("judul-rekap")).to_have_text(
        "Rekap Kabupaten Banyumanis", use_inner_text=True
    )
    expect(page.get_by_test_id("tabel-puskesmas").locator("tbody tr")).to_have_count(6)
    assert page.goto(f"{page.base_url}/kabupaten/{lain.pk}/").status == 404
    tirtamulya = Puskesmas.objects.get(nama="Tirtamulya")
    assert page.goto(f"{page.base_url}/puskesmas/{tirtamulya.pk}/").status == 404


def test_kepala_tu_adds_a_desa_and_kepala_sees_it_in_the_history(halaman, demo):
    page = halaman
    masuk(page, "ktu.sukamaju")
    page.get_by_role("link", name="Puskesmas Sukamaju", exact=True).click()
    page.get_by_role("link", name="Tambah").first.click()
    page.get_by_label("Kode").fill("3399001199")
    page.get_by_label("Nama").fill("Sukabumi Baru")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Desa/kelurahan ditambahkan.")).to_be_visible()
    expect(page.get_by_test_id("tabel-desa").get_by_text("Desa Sukabumi Baru")).to_be_visible()
    keluar(page)
    masuk(page, "kapus.sukamaju")
    page.get_by_role("link", name="Puskesmas Sukamaju", exact=True).click()
    page.get_by_role("link", name=re.compile("Riwayat perubahan")).click()
    baris = page.get_by_test_id("tabel-riwayat").locator("tbody tr").first
    expect(baris).to_contain_text("Desa Sukabumi Baru", use_inner_text=True)
    expect(baris).to_contain_text("Budi Santoso", use_inner_text=True)


def test_the_menu_collapses_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="id-ID")
    page = context.new_page()
    page.base_url = live_server.url
    masuk(page, "staf.sukamaju")
    menu = page.get_by_test_id("menu-utama")
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="Buka menu").click()
    menu.get_by_role("link", name="Perencanaan").click()
    expect(page.get_by_test_id("judul-modul")).to_have_text("P1 Perencanaan", use_inner_text=True)
    context.close()
