"""A Kepala Puskesmas manages the people of their Puskesmas in the browser."""

import re

import pytest
from playwright.sync_api import expect

from puskesmas.models import User

from .conftest import keluar, masuk

pytestmark = pytest.mark.browser

SANDI = "Sandi-Awal-Rina-2027"


def test_kepala_creates_an_account_gives_a_role_and_the_new_user_signs_in(halaman, demo):
    page = halaman
    masuk(page, "kapus.sukamaju")
    page.get_by_test_id("menu-utama").get_by_role("link", name="Pengguna").click()
    tabel = page.get_by_test_id("tabel-pengguna")
    expect(tabel.get_by_role("cell", name="staf.sukamaju", exact=True)).to_be_visible()
    expect(tabel.get_by_role("cell", name="staf.cempaka", exact=True)).to_have_count(0)

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

    expect(page.get_by_text("Akun rina.sukamaju dibuat.")).to_be_visible()
    expect(page.get_by_test_id("judul-pengguna")).to_have_text("Rina Marlina", use_inner_text=True)
    assert User.objects.get(username="rina.sukamaju").nip == "199001012015012001"

    form = page.get_by_test_id("form-peran")
    form.locator("#id_peran").select_option(label="Penanggung Jawab Klaster")
    form.get_by_role("button", name="Tambah peran").click()
    # No klaster chosen: the form says so and keeps the choice.
    expect(page.get_by_text("Pilih klaster yang menjadi tanggung jawabnya.")).to_be_visible()
    page.locator("#id_klaster").select_option(label="Klaster 2 Ibu dan Anak")
    page.get_by_role("button", name="Simpan").click()
    peran = page.get_by_test_id("daftar-peran")
    expect(peran).to_contain_text(
        "Penanggung Jawab Klaster Klaster 2 Ibu dan Anak", use_inner_text=True
    )
    expect(peran).to_contain_text("Staf Puskesmas", use_inner_text=True)
    keluar(page)

    masuk(page, "rina.sukamaju", SANDI)
    expect(page.get_by_test_id("judul-beranda")).to_have_text(
        re.compile("^" + re.escape("Beranda Puskesmas")), use_inner_text=True
    )
    keluar(page)

    masuk(page, "kapus.sukamaju")
    page.goto(page.base_url + f"/pengguna/{User.objects.get(username='rina.sukamaju').pk}/")
    page.get_by_role("button", name="Nonaktifkan").click()
    expect(page.get_by_test_id("status-akun")).to_have_text("Nonaktif", use_inner_text=True)
    keluar(page)
    masuk(page, "rina.sukamaju", SANDI)
    expect(page.get_by_text("Nama pengguna atau kata sandi salah")).to_be_visible()


def test_kepala_cannot_open_a_user_of_another_puskesmas(halaman, demo):
    page = halaman
    lain = User.objects.get(username="staf.cempaka")
    masuk(page, "kapus.sukamaju")
    assert page.goto(f"{page.base_url}/pengguna/{lain.pk}/").status == 404
    assert page.goto(f"{page.base_url}/pengguna/").status == 200
