"""The Dinkes verifier receives a RUK and returns it with a note, with the demo users: each
side finds the work in «Menunggu tindakan Anda» and a notification on its home page, and
the item lands on the page of the action."""

import pytest
from playwright.sync_api import expect

from perencanaan.models import RUK, KegiatanRUK
from puskesmas.alat.alur import StatusAlur, alur_jalankan
from puskesmas.models import Klaster, Puskesmas, User
from puskesmas.selectors.inti import tahun_aktif

from .conftest import keluar, masuk

pytestmark = pytest.mark.browser

CATATAN = "Kebutuhan anggaran kelas ibu hamil melebihi pagu indikatif kabupaten"


@pytest.fixture
def ruk_disahkan(demo):
    """Next year's RUK of Sukamaju with one activity, submitted and approved."""
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    ruk = RUK.objects.create(puskesmas=sukamaju, tahun=tahun_aktif() + 1)
    KegiatanRUK.objects.create(
        ruk=ruk, klaster=Klaster.objects.get(nomor=2), upaya="Kelas ibu hamil", urutan=1
    )
    ruk = alur_jalankan(objek=ruk, langkah="ajukan", user=User.objects.get(username="ktu.sukamaju"))
    return alur_jalankan(
        objek=ruk, langkah="sahkan", user=User.objects.get(username="kapus.sukamaju")
    )


def _butir(page, teks):
    return page.get_by_test_id("butir-kotak-masuk").filter(has_text=teks)


def test_the_verifier_receives_the_ruk_and_returns_it_with_a_note(halaman, ruk_disahkan):
    page = halaman
    judul = f"RUK {ruk_disahkan.tahun} Puskesmas Sukamaju"

    # The Kepala finds the approved RUK waiting to be sent, and sends it.
    masuk(page, "kapus.sukamaju")
    _butir(page, f"{judul} disahkan: kirim ke Dinas Kesehatan").click()
    page.get_by_role("button", name="Kirim ke Dinkes").click()
    expect(page.get_by_test_id("status-ruk")).to_have_text("Dikirim ke Dinkes", use_inner_text=True)
    keluar(page)

    # The verifier's home: the RUK waits for review, the notification says it arrived, and
    # the documents received count it.
    masuk(page, "verifikator.banyumanis")
    expect(
        page.get_by_test_id("dokumen-diterima").get_by_text("Menunggu tinjauan: 1")
    ).to_be_visible()
    expect(
        page.get_by_test_id("notifikasi-ringkas")
        .filter(has_text=f"{judul} dikirim ke Dinas Kesehatan")
        .first
    ).to_be_visible()
    _butir(page, f"{judul} dikirim: terima atau kembalikan").click()
    expect(page.get_by_test_id("status-ruk")).to_have_text("Dikirim ke Dinkes", use_inner_text=True)
    expect(page.get_by_role("button", name="Terima")).to_be_visible()
    page.get_by_role("button", name="Kembalikan ke Puskesmas").click()  # no note: refused
    expect(page.get_by_text("Alasan wajib diisi")).to_be_visible()
    page.get_by_label("Catatan untuk Puskesmas (wajib)").fill(CATATAN)
    page.get_by_role("button", name="Kembalikan ke Puskesmas").click()
    expect(page.get_by_test_id("status-ruk")).to_have_text("Dikembalikan", use_inner_text=True)
    page.goto(page.base_url + "/")
    expect(_butir(page, judul)).to_have_count(0)
    keluar(page)

    # The Kepala TU finds it returned, with the note, and may edit it again.
    masuk(page, "ktu.sukamaju")
    expect(
        page.get_by_test_id("notifikasi-ringkas")
        .filter(has_text=f"{judul} dikembalikan Dinas Kesehatan")
        .first
    ).to_be_visible()
    butir = _butir(page, f"{judul} dikembalikan: perbaiki lalu ajukan kembali")
    expect(butir).to_contain_text(CATATAN, use_inner_text=True)
    butir.click()
    alasan = page.get_by_test_id("alasan-pengembalian")
    expect(alasan).to_contain_text("dikembalikan oleh Dinas Kesehatan", use_inner_text=True)
    expect(alasan).to_contain_text(CATATAN, use_inner_text=True)
    expect(page.get_by_role("link", name="Tambah kegiatan")).to_be_visible()
    expect(page.get_by_role("button", name="Ajukan")).to_be_visible()
    ruk_disahkan.refresh_from_db()
    assert ruk_disahkan.status == StatusAlur.DIKEMBALIKAN
