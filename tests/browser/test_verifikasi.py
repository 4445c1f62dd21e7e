"""Verifying a signed document by its code, signed out: valid, then superseded."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from perencanaan.selectors.target import katalog
from perencanaan.services import target as svc
from puskesmas.alat.tanda_tangan import tanda_tangan_terakhir
from puskesmas.models import Puskesmas, User

from ..perencanaan.factories_target import isi_semua, katalog_uji
from .conftest import keluar, masuk

pytestmark = pytest.mark.browser


def _tetapkan(penetapan, ktu, kapus, indikator, nomor, tanggal):
    isi_semua(penetapan, ktu, indikator)
    svc.penetapan_ajukan(penetapan=penetapan, user=ktu)
    return svc.sk_target_tetapkan(penetapan=penetapan, nomor=nomor, tanggal=tanggal, user=kapus)


def test_signed_sk_is_verified_signed_out_and_superseded_after_a_revision(halaman, demo):
    cache.clear()  # the live server shares this process's cache (the lookup counter)
    page = halaman
    tahun = timezone.localdate().year
    sukamaju = Puskesmas.objects.select_related("kabupaten").get(nama="Sukamaju")
    indikator = katalog(kabupaten=sukamaju.kabupaten, tahun=tahun) or katalog_uji(
        sukamaju.kabupaten, tahun
    )
    ktu = User.objects.get(username="ktu.sukamaju")
    kapus = User.objects.get(username="kapus.sukamaju")
    penetapan = svc.penetapan_mulai(puskesmas=sukamaju, tahun=tahun, user=ktu)
    sk1 = _tetapkan(penetapan, ktu, kapus, indikator, f"440/1/SK/{tahun}", dt.date(tahun, 2, 26))
    kode_lama = tanda_tangan_terakhir(sk1).kode

    # Nobody is signed in: the page opens, shows the document valid, and no NIP.
    page.goto(f"{page.base_url}/verifikasi/{kode_lama}/")
    status = page.get_by_test_id("status-verifikasi")
    assert status.get_attribute("data-status") == "berlaku"
    assert "masih berlaku" in status.inner_text()
    rincian = page.get_by_test_id("rincian-verifikasi").inner_text()
    assert f"440/1/SK/{tahun}" in rincian and "SK Target Kinerja" in rincian
    assert "Sukamaju" in rincian and sukamaju.kepala_nama in rincian
    assert sukamaju.kepala_nip not in page.content()
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex, nofollow"
    assert page.get_by_role("link").count() == 0

    # A code typed wrong: a plain "not found".
    salah = kode_lama[:-1] + ("Q" if kode_lama[-1] != "Q" else "R")
    page.goto(f"{page.base_url}/verifikasi/{salah}/")
    assert page.get_by_test_id("status-verifikasi").get_attribute("data-status") == (
        "tidak-ditemukan"
    )

    # The Kepala Puskesmas starts a revision in the app; its SK is signed.
    masuk(page, "kapus.sukamaju")
    page.goto(f"{page.base_url}/perencanaan/p/{sukamaju.pk}/target/?tahun={tahun}")
    page.get_by_role("button", name="Buat revisi").click()
    page.wait_for_load_state("domcontentloaded")
    keluar(page)
    revisi = svc.sel.penetapan_terkini(puskesmas=sukamaju, tahun=tahun)
    assert revisi.revisi == 1
    sk2 = _tetapkan(revisi, ktu, kapus, indikator, f"440/2/SK/{tahun}", dt.date(tahun, 6, 2))
    kode_baru = tanda_tangan_terakhir(sk2).kode

    page.goto(f"{page.base_url}/verifikasi/{kode_lama}/")
    status = page.get_by_test_id("status-verifikasi")
    assert status.get_attribute("data-status") == "digantikan"
    assert "digantikan" in status.inner_text()
    assert kode_baru not in page.content() and f"440/2/SK/{tahun}" not in page.content()
    assert page.get_by_role("link").count() == 0

    page.goto(f"{page.base_url}/verifikasi/{kode_baru.lower()}/")
    assert page.get_by_test_id("status-verifikasi").get_attribute("data-status") == "berlaku"
    assert f"440/2/SK/{tahun}" in page.get_by_test_id("rincian-verifikasi").inner_text()


def test_tim_sk_submitted_and_signed_in_the_browser_then_verified(halaman, demo):
    from perencanaan.models import TimPerencanaan
    from perencanaan.services.tim import tim_simpan

    cache.clear()
    page = halaman
    tahun = timezone.localdate().year
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    ktu = User.objects.get(username="ktu.sukamaju")
    kapus = User.objects.get(username="kapus.sukamaju")
    TimPerencanaan.objects.filter(puskesmas=sukamaju, tahun=tahun).delete()
    tim_simpan(
        user=ktu,
        tim=TimPerencanaan(
            puskesmas=sukamaju,
            tahun=tahun,
            nomor_sk=f"800/3/SK/{tahun}",
            tanggal_sk=dt.date(tahun, 1, 6),
            ketua=ktu,
        ),
        versi=None,
    )
    url = f"{page.base_url}/perencanaan/p/{sukamaju.pk}/tim/?tahun={tahun}"

    masuk(page, "ktu.sukamaju")
    page.goto(url)
    assert page.get_by_test_id("status-tim").inner_text() == "Draf"
    page.get_by_role("button", name="Ajukan ke Kepala Puskesmas").click()
    assert page.get_by_test_id("status-tim").inner_text() == "Diajukan"
    assert page.get_by_role("link", name="Ubah tim").count() == 0
    keluar(page)

    masuk(page, "kapus.sukamaju")
    page.goto(url)
    page.get_by_test_id("langkah-tim").get_by_role("button", name="Tetapkan SK").click()
    assert page.get_by_test_id("status-tim").inner_text() == "SK ditetapkan"
    ttd = page.get_by_test_id("ttd-tim").inner_text()
    kode = TimPerencanaan.objects.get(puskesmas=sukamaju, tahun=tahun)
    kode = tanda_tangan_terakhir(kode).kode
    assert kode in ttd and kapus.get_full_name() in ttd
    keluar(page)

    page.goto(f"{page.base_url}/verifikasi/{kode}/")
    assert page.get_by_test_id("status-verifikasi").get_attribute("data-status") == "berlaku"
    rincian = page.get_by_test_id("rincian-verifikasi").inner_text()
    assert "SK Tim Perencanaan" in rincian and f"800/3/SK/{tahun}" in rincian
    assert kapus.get_full_name() in rincian and kapus.nip not in page.content()
