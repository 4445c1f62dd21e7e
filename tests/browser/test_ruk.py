"""The RUK cycle with the demo users: drafted, submitted, returned with a reason, fixed,
resubmitted, approved; then the RPK derived from it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from puskesmas.models import Puskesmas

from .conftest import keluar, masuk, pindah

pytestmark = pytest.mark.browser

ALASAN = "Rincian anggaran kelas ibu hamil belum sesuai jumlah desa"


def test_ruk_returned_with_a_reason_fixed_and_approved(halaman, demo):
    page = halaman
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    daftar = f"{page.base_url}{reverse('perencanaan:ruk_list', args=[sukamaju.pk])}"

    # Kepala TU drafts the RUK of next year and submits it.
    masuk(page, "ktu.sukamaju")
    page.goto(daftar)
    page.get_by_role("button", name="Buat RUK tahun").click()
    expect(page.get_by_text("Tambahkan kegiatannya.")).to_be_visible()
    detail = page.url
    page.get_by_role("link", name="Tambah kegiatan").click()
    page.get_by_label("Klaster").select_option(label="Klaster 2 Ibu dan Anak")
    page.get_by_label("Upaya/kegiatan").fill("Kelas ibu hamil")
    page.get_by_label("Sasaran").fill("Ibu hamil")
    page.get_by_label("Kebutuhan anggaran (Rp)").fill("1.500.000")
    page.get_by_label("Sumber pembiayaan").select_option("BOK")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kegiatan ditambahkan.")).to_be_visible()
    expect(page.get_by_test_id("jumlah-ruk")).to_have_text("1.500.000", use_inner_text=True)
    # Earlier P1 steps the demo has not done are named on the page and in the confirmation,
    # which lets the RUK through when accepted.
    dialog = []
    page.on("dialog", lambda d: (dialog.append(d.message), d.accept()))
    peringatan = page.get_by_test_id("tahap-kurang")
    ada_peringatan = peringatan.count() == 1
    pindah(page.get_by_role("button", name="Ajukan"))
    expect(page.get_by_test_id("status-ruk")).to_have_text("Diajukan", use_inner_text=True)
    if ada_peringatan:
        assert len(dialog) == 1 and dialog[0].endswith("Tetap ajukan RUK?")
        assert dialog[0].startswith("Tahap sebelumnya belum selesai:")
    else:
        assert dialog == []
    keluar(page)

    # Kepala Puskesmas returns it with a reason.
    masuk(page, "kapus.sukamaju")
    page.goto(detail)
    page.get_by_role("button", name="Kembalikan").click()  # no reason: refused
    expect(page.get_by_text("Alasan wajib diisi")).to_be_visible()
    page.get_by_label("Alasan dikembalikan (wajib)").fill(ALASAN)
    page.get_by_role("button", name="Kembalikan").click()
    expect(page.get_by_test_id("status-ruk")).to_have_text("Dikembalikan", use_inner_text=True)
    keluar(page)

    # Kepala TU sees the reason, fixes the activity and submits again.
    masuk(page, "ktu.sukamaju")
    page.goto(detail)
    expect(page.get_by_test_id("alasan-pengembalian")).to_contain_text(ALASAN, use_inner_text=True)
    page.get_by_role("link", name="Ubah Kelas ibu hamil").click()
    page.get_by_label("Kebutuhan anggaran (Rp)").fill("2.400.000")
    page.get_by_label("Rincian kegiatan").fill("6 desa × 4 pertemuan × Rp 100.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kegiatan tersimpan.")).to_be_visible()
    expect(page.get_by_test_id("jumlah-ruk")).to_have_text("2.400.000", use_inner_text=True)
    page.get_by_role("button", name="Ajukan").click()
    expect(page.get_by_test_id("status-ruk")).to_have_text("Diajukan", use_inner_text=True)
    expect(page.get_by_test_id("alasan-pengembalian")).to_have_count(0)
    keluar(page)

    # Kepala Puskesmas approves it; the trail shows every step.
    masuk(page, "kapus.sukamaju")
    page.goto(detail)
    page.get_by_role("button", name="Sahkan").click()
    expect(page.get_by_test_id("status-ruk")).to_have_text("Disahkan", use_inner_text=True)
    jejak = page.get_by_test_id("jejak-ruk").inner_text()
    assert "Disahkan" in jejak and "Dikembalikan" in jejak and ALASAN in jejak
    expect(page.get_by_test_id("ruk-terkunci")).to_be_visible()

    pindah(page.get_by_role("button", name="Susun RPK"))
    expect(page).to_have_url(re.compile(r"/perencanaan/rpk/\d+/"))
    expect(page.locator("main")).to_contain_text("Kelas ibu hamil")
