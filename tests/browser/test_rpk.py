"""RPK in the browser: derived from an approved RUK, scheduled, seen in the month view."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from perencanaan.models import RPK
from puskesmas.models import Puskesmas, User
from puskesmas.selectors.inti import tahun_aktif

from ..perencanaan.factories_rpk import KegiatanRUKRPKFactory, RUKRPKFactory, klaster
from .conftest import masuk

pytestmark = pytest.mark.browser


def _ruk_disahkan(puskesmas, tahun):
    """An approved RUK of the demo Puskesmas, recorded as approved by its Kepala."""
    kapus = User.objects.get(username="kapus.sukamaju")
    ruk = RUKRPKFactory(puskesmas=puskesmas, tahun=tahun)
    ruk.history.update(history_user=kapus)
    KegiatanRUKRPKFactory(
        ruk=ruk,
        klaster=klaster(2),
        upaya="Kelas ibu hamil",
        penanggung_jawab="Bidan Koordinator",
        kebutuhan_anggaran=Decimal(1_500_000),
    )
    KegiatanRUKRPKFactory(
        ruk=ruk,
        klaster=klaster(3),
        upaya="Posbindu PTM",
        penanggung_jawab="Perawat PTM",
        kebutuhan_anggaran=Decimal(2_000_000),
    )
    return ruk


def test_kapus_derives_the_rpk_schedules_january_and_sees_it_in_the_month_view(halaman, demo):
    page = halaman
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    ruk = _ruk_disahkan(sukamaju, tahun_aktif())
    masuk(page, "kapus.sukamaju")

    page.goto(f"{page.base_url}/perencanaan/ruk/{ruk.pk}/")
    tombol = page.get_by_role("button", name="Susun RPK")
    if tombol.count() == 0:
        # The RUK page offers no button (yet): the RPK list offers every approved RUK.
        page.goto(f"{page.base_url}/perencanaan/p/{sukamaju.pk}/rpk/")
        tombol = page.get_by_role("button", name="Susun RPK")
    tombol.first.click()
    page.wait_for_url("**/perencanaan/rpk/*/")
    rpk = RPK.objects.get(ruk=ruk)
    expect(page).to_have_url(re.compile(re.escape(f"/perencanaan/rpk/{rpk.pk}/") + "$"))
    expect(page.get_by_text(f"RPK {rpk.tahun} disusun dari RUK {ruk.tahun}.")).to_be_visible()
    tabel = page.get_by_test_id("tabel-kegiatan-rpk")
    expect(tabel.get_by_text("Kelas ibu hamil")).to_be_visible()
    expect(tabel.get_by_text("Posbindu PTM")).to_be_visible()
    expect(page.get_by_test_id("tanda-jadwal")).to_have_count(2)  # nothing scheduled yet

    page.get_by_role("link", name="Ubah Kelas ibu hamil").click()
    page.get_by_label("Volume Januari").fill("2")
    page.get_by_label("Lokasi", exact=True).fill("Posyandu Melati")
    page.get_by_label("Biaya (alokasi, Rp)").fill("1.250.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kegiatan «Kelas ibu hamil» tersimpan.")).to_be_visible()
    expect(page.get_by_test_id("tanda-jadwal")).to_have_count(1)
    # A cut below the RUK's request (fitting the pagu) is not a difference.
    expect(page.get_by_test_id("tanda-biaya")).to_have_count(0)

    page.get_by_role("link", name="Jadwal per bulan").click()
    page.get_by_test_id("pilih-bulan").get_by_label("Bulan", exact=True).select_option(
        label="Januari"
    )
    page.wait_for_url("**/rpk/bulan/?bulan=1")
    expect(page.get_by_test_id("judul-bulan")).to_have_text(
        re.compile("^" + re.escape("Kegiatan bulan Januari")), use_inner_text=True
    )
    baris = page.get_by_test_id("kegiatan-bulan")
    expect(baris).to_have_count(1)
    expect(baris).to_contain_text("Kelas ibu hamil", use_inner_text=True)
    expect(baris).to_contain_text("Posyandu Melati", use_inner_text=True)
    assert "Posbindu PTM" not in page.content()


def test_an_rpk_over_its_pagu_is_refused_then_corrected_and_submitted(halaman, demo):
    page = halaman
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    ruk = _ruk_disahkan(sukamaju, tahun_aktif())  # BOK: 1.500.000 + 2.000.000
    kapus = User.objects.get(username="kapus.sukamaju")
    from perencanaan.services import rpk as services

    rpk = services.rpk_susun_dari_ruk(ruk=ruk, user=kapus)
    masuk(page, "kapus.sukamaju")
    page.goto(f"{page.base_url}/perencanaan/rpk/{rpk.pk}/")
    # No month is scheduled yet: every submission asks first, naming the activities.
    peringatan = []
    page.on("dialog", lambda d: (peringatan.append(d.message), d.accept()))

    # Both discussions, through their pages.
    for judul, tanggal, forum in (
        ("Lintas program", "2027-01-08", "Lokakarya Mini bulanan Januari"),
        ("Lintas sektor", "2027-02-05", "Lokakarya Mini tribulanan Februari"),
    ):
        page.get_by_test_id(
            f"pembahasan-{'lp' if judul == 'Lintas program' else 'ls'}"
        ).get_by_role("link", name="Isi pembahasan").click()
        page.get_by_label("Tanggal pembahasan").fill(tanggal)
        page.get_by_label("Forum").fill(forum)
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_text(f"Pembahasan {judul.lower()} tersimpan.")).to_be_visible()

    # The BOK pagu is lower than the two activities together.
    page.get_by_test_id("pagu").get_by_role("link", name="Isi pagu").click()
    page.get_by_label("Pagu BOK (Rp)").fill("3.000.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Pagu RPK tersimpan.")).to_be_visible()
    pesan = (
        "Jumlah biaya kegiatan bersumber BOK Rp 3.500.000 melebihi pagu Rp 3.000.000 "
        "(lebih Rp 500.000)."
    )
    expect(page.get_by_test_id("lebih-pagu").get_by_text(pesan)).to_be_visible()

    page.get_by_role("button", name="Ajukan").click()
    expect(
        page.get_by_text(f"RPK belum dapat diajukan: biaya melebihi pagu. {pesan}")
    ).to_be_visible()
    rpk.refresh_from_db()
    assert rpk.status == "draft"

    # Corrected: Posbindu cut to fit the pagu (a lower budget is not a difference).
    page.get_by_role("link", name="Ubah Posbindu PTM").click()
    page.get_by_label("Biaya (alokasi, Rp)").fill("1.500.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("lebih-pagu")).to_have_count(0)
    expect(page.get_by_test_id("tanda-biaya")).to_have_count(0)
    page.get_by_role("button", name="Ajukan").click()
    expect(page.get_by_text(f"RPK {rpk.tahun} diajukan.")).to_be_visible()
    assert len(peringatan) == 2 and all(
        "«Kelas ibu hamil»" in p and "«Posbindu PTM»" in p and p.endswith("Tetap ajukan RPK?")
        for p in peringatan
    ), peringatan
    rpk.refresh_from_db()
    assert rpk.status == "diajukan"
