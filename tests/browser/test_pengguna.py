"""A Kepala Puskesmas manages the people of their Puskesmas in the browser."""

import pytest

from puskesmas.models import User

from .conftest import keluar, masuk

pytestmark = pytest.mark.browser

SANDI = "Sandi-Awal-Rina-2027"


def test_kepala_creates_an_account_gives_a_role_and_the_new_user_signs_in(halaman, demo):
    page = halaman
    masuk(page, "kapus.sukamaju")
    page.get_by_test_id("menu-utama").get_by_role("link", name="Pengguna").click()
    tabel = page.get_by_test_id("tabel-pengguna")
    assert tabel.get_by_role("cell", name="staf.sukamaju", exact=True).is_visible()
    assert tabel.get_by_role("cell", name="staf.cempaka", exact=True).count() == 0

    page.get_by_role("link", name="Tambah pengguna").click()
    page.locator("#id_username").fill("rina.sukamaju")
    page.locator("#id_nama_lengkap").fill("Rina Marlina")
    page.locator("#id_nip").fill("19900101 201501 2 001")
    page.locator("#id_jabatan").fill("Bidan Desa")
    page.locator("#id_email").fill("rina@contoh.go.id")
    page.locator("#id_peran").select_option(label="Staf Puskesmas")
    page.get_by_label("Atur kata sandi awal sekarang").check()
    page.locator("#id_kata_sandi1").fill(SANDI)
    page.locator("#id_kata_sandi2").fill(SANDI)
    page.get_by_role("button", name="Simpan").click()

    assert page.get_by_text("Akun rina.sukamaju dibuat.").is_visible()
    assert page.get_by_test_id("judul-pengguna").inner_text() == "Rina Marlina"
    assert User.objects.get(username="rina.sukamaju").nip == "199001012015012001"

    form = page.get_by_test_id("form-peran")
    form.locator("#id_peran").select_option(label="Penanggung Jawab Klaster")
    form.get_by_role("button", name="Tambah peran").click()
    # No klaster chosen: the form says so and keeps the choice.
    assert page.get_by_text("Pilih klaster yang menjadi tanggung jawabnya.").is_visible()
    page.locator("#id_klaster").select_option(label="Klaster 2 Ibu dan Anak")
    page.get_by_role("button", name="Simpan").click()
    peran = page.get_by_test_id("daftar-peran")
    assert "Penanggung Jawab Klaster Klaster 2 Ibu dan Anak" in peran.inner_text()
    assert "Staf Puskesmas" in peran.inner_text()
    keluar(page)

    masuk(page, "rina.sukamaju", SANDI)
    assert page.get_by_test_id("judul-beranda").inner_text().startswith("Beranda Puskesmas")
    keluar(page)

    masuk(page, "kapus.sukamaju")
    page.goto(page.base_url + f"/pengguna/{User.objects.get(username='rina.sukamaju').pk}/")
    page.get_by_role("button", name="Nonaktifkan").click()
    assert page.get_by_test_id("status-akun").inner_text() == "Nonaktif"
    keluar(page)
    masuk(page, "rina.sukamaju", SANDI)
    assert page.get_by_text("Nama pengguna atau kata sandi salah").is_visible()


def test_kepala_cannot_open_a_user_of_another_puskesmas(halaman, demo):
    page = halaman
    lain = User.objects.get(username="staf.cempaka")
    masuk(page, "kapus.sukamaju")
    assert page.goto(f"{page.base_url}/pengguna/{lain.pk}/").status == 404
    assert page.goto(f"{page.base_url}/pengguna/").status == 200
