"""The Dinkes verifier receives a RUK and returns it with a note, with the demo users: each
side finds the work in «Menunggu tindakan Anda» and a notification on its home page, and
the item lands on the page of the action."""

import pytest

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
    assert page.get_by_test_id("status-ruk").inner_text() == "Dikirim ke Dinkes"
    keluar(page)

    # The verifier's home: the RUK waits for review, the notification says it arrived, and
    # the documents received count it.
    masuk(page, "verifikator.banyumanis")
    assert page.get_by_test_id("dokumen-diterima").get_by_text("Menunggu tinjauan: 1").count()
    assert (
        page.get_by_test_id("notifikasi-ringkas")
        .filter(has_text=f"{judul} dikirim ke Dinas Kesehatan")
        .count()
    )
    _butir(page, f"{judul} dikirim: terima atau kembalikan").click()
    assert page.get_by_test_id("status-ruk").inner_text() == "Dikirim ke Dinkes"
    assert page.get_by_role("button", name="Terima").is_visible()
    page.get_by_role("button", name="Kembalikan ke Puskesmas").click()  # no note: refused
    assert page.get_by_text("Alasan wajib diisi").is_visible()
    page.get_by_label("Catatan untuk Puskesmas (wajib)").fill(CATATAN)
    page.get_by_role("button", name="Kembalikan ke Puskesmas").click()
    assert page.get_by_test_id("status-ruk").inner_text() == "Dikembalikan"
    page.goto(page.base_url + "/")
    assert _butir(page, judul).count() == 0
    keluar(page)

    # The Kepala TU finds it returned, with the note, and may edit it again.
    masuk(page, "ktu.sukamaju")
    assert (
        page.get_by_test_id("notifikasi-ringkas")
        .filter(has_text=f"{judul} dikembalikan Dinas Kesehatan")
        .count()
    )
    butir = _butir(page, f"{judul} dikembalikan: perbaiki lalu ajukan kembali")
    assert CATATAN in butir.inner_text()
    butir.click()
    alasan = page.get_by_test_id("alasan-pengembalian").inner_text()
    assert "dikembalikan oleh Dinas Kesehatan" in alasan and CATATAN in alasan
    assert page.get_by_role("link", name="Tambah kegiatan").is_visible()
    assert page.get_by_role("button", name="Ajukan").is_visible()
    ruk_disahkan.refresh_from_db()
    assert ruk_disahkan.status == StatusAlur.DIKEMBALIKAN
