"""Verifying a signed document by its code, signed out: valid, then superseded."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from perencanaan.selectors.target import katalog
from perencanaan.services import target as svc
from puskesmas.alat.tanda_tangan import tanda_tangan_terakhir
from puskesmas.models import Puskesmas, User

from ..perencanaan.factories_target import isi_semua, katalog_uji
from .conftest import keluar, masuk, pindah

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
    expect(status).to_have_attribute("data-status", "berlaku")
    expect(status).to_contain_text("masih berlaku", use_inner_text=True)
    rincian = page.get_by_test_id("rincian-verifikasi").inner_text()
    assert f"440/1/SK/{tahun}" in rincian and "SK Target Kinerja" in rincian
    assert "Sukamaju" in rincian and sukamaju.kepala_nama in rincian
    assert sukamaju.kepala_nip not in page.content()
    expect(page.locator("meta[name=robots]")).to_have_attribute("content", "noindex, nofollow")
    expect(page.get_by_role("link")).to_have_count(0)

    # A code typed wrong: a plain "not found".
    salah = kode_lama[:-1] + ("Q" if kode_lama[-1] != "Q" else "R")
    page.goto(f"{page.base_url}/verifikasi/{salah}/")
    expect(page.get_by_test_id("status-verifikasi")).to_have_attribute(
        "data-status", "tidak-ditemukan"
    )

    # The Kepala Puskesmas starts a revision in the app; its SK is signed.
    masuk(page, "kapus.sukamaju")
    page.goto(f"{page.base_url}/perencanaan/p/{sukamaju.pk}/target/?tahun={tahun}")
    pindah(page.get_by_role("button", name="Buat revisi"))
    keluar(page)
    revisi = svc.sel.penetapan_terkini(puskesmas=sukamaju, tahun=tahun)
    assert revisi.revisi == 1
    sk2 = _tetapkan(revisi, ktu, kapus, indikator, f"440/2/SK/{tahun}", dt.date(tahun, 6, 2))
    kode_baru = tanda_tangan_terakhir(sk2).kode

    page.goto(f"{page.base_url}/verifikasi/{kode_lama}/")
    status = page.get_by_test_id("status-verifikasi")
    expect(status).to_have_attribute("data-status", "digantikan")
    expect(status).to_contain_text("digantikan", use_inner_text=True)
    assert kode_baru not in page.content() and f"440/2/SK/{tahun}" not in page.content()
    expect(page.get_by_role("link")).to_have_count(0)

    page.goto(f"{page.base_url}/verifikasi/{kode_baru.lower()}/")
    expect(page.get_by_test_id("status-verifikasi")).to_have_attribute("data-status", "berlaku")
    expect(page.get_by_test_id("rincian-verifikasi")).to_contain_text(
        f"440/2/SK/{tahun}", use_inner_text=True
    )


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
    expect(page.get_by_test_id("status-tim")).to_have_text("Draf", use_inner_text=True)
    page.get_by_role("button", name="Ajukan ke Kepala Puskesmas").click()
    expect(page.get_by_test_id("status-tim")).to_have_text("Diajukan", use_inner_text=True)
    expect(page.get_by_role("link", name="Ubah tim")).to_have_count(0)
    keluar(page)

    masuk(page, "kapus.sukamaju")
    page.goto(url)
    page.get_by_test_id("langkah-tim").get_by_role("button", name="Tetapkan SK").click()
    expect(page.get_by_test_id("status-tim")).to_have_text("SK ditetapkan", use_inner_text=True)
    ttd = page.get_by_test_id("ttd-tim").inner_text()
    kode = TimPerencanaan.objects.get(puskesmas=sukamaju, tahun=tahun)
    kode = tanda_tangan_terakhir(kode).kode
    assert kode in ttd and kapus.get_full_name() in ttd
    keluar(page)

    page.goto(f"{page.base_url}/verifikasi/{kode}/")
    expect(page.get_by_test_id("status-verifikasi")).to_have_attribute("data-status", "berlaku")
    rincian = page.get_by_test_id("rincian-verifikasi").inner_text()
    assert "SK Tim Perencanaan" in rincian and f"800/3/SK/{tahun}" in rincian
    assert kapus.get_full_name() in rincian and kapus.nip not in page.content()
