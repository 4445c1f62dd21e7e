"""The RUK cycle with the demo users: drafted, submitted, returned with a reason, fixed,
resubmitted, approved; then the RPK derived from it."""

import pytest
from django.urls import reverse

from puskesmas.models import Puskesmas

from .conftest import keluar, masuk

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
    assert page.get_by_text("Tambahkan kegiatannya.").is_visible()
    detail = page.url
    page.get_by_role("link", name="Tambah kegiatan").click()
    page.get_by_label("Klaster").select_option(label="Klaster 2 Ibu dan Anak")
    page.get_by_label("Upaya/kegiatan").fill("Kelas ibu hamil")
    page.get_by_label("Sasaran").fill("Ibu hamil")
    page.get_by_label("Kebutuhan anggaran (Rp)").fill("1.500.000")
    page.get_by_label("Sumber pembiayaan").select_option("BOK")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Kegiatan ditambahkan.").is_visible()
    assert page.get_by_test_id("jumlah-ruk").inner_text() == "1.500.000"
    # Earlier P1 steps the demo has not done are named on the page and in the confirmation,
    # which lets the RUK through when accepted.
    dialog = []
    page.on("dialog", lambda d: (dialog.append(d.message), d.accept()))
    peringatan = page.get_by_test_id("tahap-kurang")
    ada_peringatan = peringatan.count() == 1
    page.get_by_role("button", name="Ajukan").click()
    assert (
        page.get_by_text("RUK 2027 diajukan.").is_visible()
        or page.get_by_test_id("status-ruk").inner_text() == "Diajukan"
    )
    assert page.get_by_test_id("status-ruk").inner_text() == "Diajukan"
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
    assert page.get_by_text("Alasan wajib diisi").is_visible()
    page.get_by_label("Alasan dikembalikan (wajib)").fill(ALASAN)
    page.get_by_role("button", name="Kembalikan").click()
    assert page.get_by_test_id("status-ruk").inner_text() == "Dikembalikan"
    keluar(page)

    # Kepala TU sees the reason, fixes the activity and submits again.
    masuk(page, "ktu.sukamaju")
    page.goto(detail)
    assert ALASAN in page.get_by_test_id("alasan-pengembalian").inner_text()
    page.get_by_role("link", name="Ubah Kelas ibu hamil").click()
    page.get_by_label("Kebutuhan anggaran (Rp)").fill("2.400.000")
    page.get_by_label("Rincian kegiatan").fill("6 desa × 4 pertemuan × Rp 100.000")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Kegiatan tersimpan.").is_visible()
    assert page.get_by_test_id("jumlah-ruk").inner_text() == "2.400.000"
    page.get_by_role("button", name="Ajukan").click()
    assert page.get_by_test_id("status-ruk").inner_text() == "Diajukan"
    assert page.get_by_test_id("alasan-pengembalian").count() == 0
    keluar(page)

    # Kepala Puskesmas approves it; the trail shows every step.
    masuk(page, "kapus.sukamaju")
    page.goto(detail)
    page.get_by_role("button", name="Sahkan").click()
    assert page.get_by_test_id("status-ruk").inner_text() == "Disahkan"
    jejak = page.get_by_test_id("jejak-ruk").inner_text()
    assert "Disahkan" in jejak and "Dikembalikan" in jejak and ALASAN in jejak
    assert page.get_by_test_id("ruk-terkunci").is_visible()

    page.get_by_role("button", name="Susun RPK").click()
    assert "Kelas ibu hamil" in page.content()
