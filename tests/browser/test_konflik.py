"""Two people edit the same RUK activity at once: the second save is refused, shows the
other person's values beside the typed ones, and a deliberate second save keeps both."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from perencanaan.models import KegiatanRUK
from puskesmas.models import Puskesmas
from tests.perencanaan.factories_ruk import KegiatanRUKFactory, RUKFactory, klaster

from .conftest import masuk, pantau_csp

pytestmark = pytest.mark.browser

RINCIAN_KEPALA = "6 desa × 4 pertemuan"


def _sesi(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    return context, page


def test_two_sessions_editing_one_activity_end_with_a_deliberate_save(browser, live_server, demo):
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    ruk = RUKFactory(puskesmas=sukamaju, tahun=2031)
    kegiatan = KegiatanRUKFactory(
        ruk=ruk, klaster=klaster(2), upaya="Kelas ibu hamil", rincian="4 pertemuan"
    )
    url = live_server.url + reverse("perencanaan:ruk_kegiatan_ubah", args=[kegiatan.pk])
    konteks_ktu, ktu = _sesi(browser, live_server)
    konteks_kapus, kapus = _sesi(browser, live_server)
    csp_ktu, csp_kapus = pantau_csp(ktu), pantau_csp(kapus)
    try:
        masuk(ktu, "ktu.sukamaju")
        masuk(kapus, "kapus.sukamaju")
        ktu.goto(url)
        kapus.goto(url)  # both forms are open at the same version

        kapus.get_by_label("Rincian kegiatan").fill(RINCIAN_KEPALA)
        kapus.get_by_role("button", name="Simpan").click()
        expect(kapus.get_by_text("Kegiatan tersimpan.")).to_be_visible()

        ktu.get_by_label("Kebutuhan anggaran (Rp)").fill("2.400.000")
        ktu.get_by_role("button", name="Simpan").click()
        expect(ktu.get_by_text("Data ini telah diubah oleh pengguna lain")).to_be_visible()
        tabel = ktu.get_by_test_id("konflik")
        baris = tabel.locator('tr[data-kolom="rincian"]')
        expect(baris).to_have_attribute("data-beda", "1")
        expect(baris.get_by_test_id("tersimpan")).to_have_text(RINCIAN_KEPALA, use_inner_text=True)
        expect(baris.get_by_test_id("isian")).to_have_text("4 pertemuan", use_inner_text=True)
        anggaran = tabel.locator('tr[data-kolom="kebutuhan_anggaran"]')
        expect(anggaran.get_by_test_id("isian")).to_have_text("2.400.000", use_inner_text=True)
        # The typed value is still in the form; nothing was saved yet.
        assert ktu.get_by_label("Kebutuhan anggaran (Rp)").input_value() == "2.400.000"
        kegiatan.refresh_from_db()
        assert (kegiatan.rincian, kegiatan.kebutuhan_anggaran) == (RINCIAN_KEPALA, 1_500_000)

        # Having compared, the Kepala TU takes over the Kepala's rincian and saves again.
        ktu.get_by_label("Rincian kegiatan").fill(RINCIAN_KEPALA)
        ktu.get_by_role("button", name="Simpan").click()
        expect(ktu.get_by_text("Kegiatan tersimpan.")).to_be_visible()
        kegiatan = KegiatanRUK.objects.get(pk=kegiatan.pk)
        assert (kegiatan.rincian, kegiatan.kebutuhan_anggaran) == (RINCIAN_KEPALA, 2_400_000)
    finally:
        konteks_ktu.close()
        konteks_kapus.close()
    assert csp_ktu + csp_kapus == []
