"""A Lokmin bulanan end to end in the browser: last month's RPK realisation entered,
the meeting scheduled, undangan PDF, attendance of staff and a jejaring outsider, notulen
with the realisation and February's PWS pulled in, two RTL, submitted and approved by the Kepala (locked);
the next month's Lokmin shows both RTL for review; one is done with evidence and
evaluated efektif, the other evaluated belum efektif and raises a follow-up RTL."""

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from lokmin.models import Lokmin
from puskesmas.models import RTL, Puskesmas, SasaranDesa
from puskesmas.selectors.inti import tahun_aktif

from ..factories import DesaFactory
from ..lokmin.factories_pws import indikator_pws, nilai_pws
from ..perencanaan.factories_rpk import KegiatanRPKFactory, RPKFactory, klaster
from .conftest import keluar, masuk, pindah

pytestmark = pytest.mark.browser


def _rpk(puskesmas, tahun):
    rpk = RPKFactory(ruk__puskesmas=puskesmas, ruk__tahun=tahun, status="disahkan")
    return KegiatanRPKFactory(
        rpk=rpk, kegiatan="Kelas ibu hamil", klaster=klaster(2), vol_02=1, vol_03=1,
        biaya=Decimal(1_000_000),
    )  # fmt: skip


def _pws(puskesmas, tahun):
    """January and February PWS of one klaster 2 indicator in one desa."""
    ind = indikator_pws(puskesmas.kabupaten, nama="Cakupan K1 uji Lokmin", tahun=tahun)
    desa = DesaFactory(puskesmas=puskesmas, nama="Desa Uji Lokmin")
    SasaranDesa.objects.update_or_create(
        desa=desa, tahun=tahun, kategori="ibu_hamil", defaults={"jumlah": 100}
    )
    for bulan in (1, 2):
        nilai_pws(puskesmas=puskesmas, desa=desa, indikator=ind, bulan=bulan, nilai=10, tahun=tahun)


def _rtl(page, masalah, pj):
    form = page.get_by_test_id("form-rtl")
    form.get_by_label("Klaster").select_option(label=str(klaster(2)))
    form.get_by_label("Masalah").fill(masalah)
    form.get_by_label("Rencana tindak lanjut").fill("Kunjungan rumah bersama kader")
    form.get_by_label("Penanggung jawab (pegawai)").select_option(label=pj)
    form.get_by_label("Batas waktu").fill(f"{date.today():%Y-%m-%d}")
    pindah(form.get_by_role("button", name="Tambah RTL"))


def test_lokmin_bulanan_end_to_end(halaman, demo, tmp_path):
    page = halaman
    tahun = tahun_aktif()
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    kegiatan = _rpk(sukamaju, tahun)
    _pws(sukamaju, tahun)
    masuk(page, "ktu.sukamaju")

    # Last month's realisation, entered once.
    page.goto(f"{page.base_url}/lokmin/puskesmas/{sukamaju.pk}/realisasi/?bulan=2")
    baris = page.get_by_test_id(f"realisasi-{kegiatan.pk}")
    baris.locator("select").select_option("1")
    baris.locator(f"input[name='k{kegiatan.pk}-volume']").fill("1")
    baris.locator(f"input[name='k{kegiatan.pk}-biaya']").fill("750.000")
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Realisasi 1 kegiatan tersimpan.")).to_be_visible()

    # Scheduled from the year's calendar.
    page.goto(f"{page.base_url}/lokmin/puskesmas/{sukamaju.pk}/")
    page.get_by_test_id("jadwalkan-bulanan-3").get_by_role("button", name="Jadwalkan").click()
    page.wait_for_url("**/lokmin/*/")
    maret = Lokmin.objects.get(puskesmas=sukamaju, tahun=tahun, bulan=3, jenis="bulanan")
    expect(page.get_by_test_id("agenda")).to_contain_text(
        "Realisasi kegiatan RPK bulan Februari", use_inner_text=True
    )

    # Undangan recorded and printed.
    form = page.get_by_test_id("form-ubah")
    form.get_by_label("Nomor undangan").fill("005/LOKMIN/III")
    form.get_by_label("Tanggal undangan dikirim").fill(f"{tahun}-03-01")
    form.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Data Lokmin tersimpan.")).to_be_visible()
    pdf = page.request.get(f"{page.base_url}/lokmin/{maret.pk}/undangan.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # Peserta: the staff, and one jejaring outsider; attendance recorded.
    pindah(page.get_by_test_id("undang-pegawai"))
    luar = page.get_by_test_id("form-peserta-luar")
    luar.get_by_label("Nama").fill("dr. Rina Lestari")
    luar.get_by_label("Jabatan").fill("Dokter penanggung jawab")
    luar.get_by_label("Instansi").fill("Klinik Pratama Sehat")
    luar.get_by_label("Kategori").select_option("jejaring")
    luar.get_by_role("button", name="Tambah peserta").click()
    page.get_by_label("Hadir: dr. Rina Lestari").check()
    page.get_by_label("Hadir: ", exact=False).first.check()
    page.get_by_test_id("simpan-hadir").click()
    expect(page.get_by_text("Kehadiran tersimpan: 2 peserta hadir.")).to_be_visible()
    hadir = page.request.get(f"{page.base_url}/lokmin/{maret.pk}/daftar-hadir.pdf")
    assert hadir.ok and hadir.body().startswith(b"%PDF")

    # Notulen: last month's realisation is pulled in, not retyped.
    lalu = page.get_by_test_id("bagian-realisasi_bulan_lalu")
    expect(lalu).to_contain_text("Kelas ibu hamil", use_inner_text=True)
    expect(lalu).to_contain_text("750.000", use_inner_text=True)
    expect(page.get_by_test_id("bagian-kegiatan_bulan_ini")).to_contain_text(
        "Kelas ibu hamil", use_inner_text=True
    )
    pws = page.get_by_test_id("bagian-pws")
    expect(pws).to_contain_text("Cakupan K1 uji Lokmin", use_inner_text=True)
    expect(pws).to_contain_text("Desa Uji Lokmin", use_inner_text=True)
    assert pws.locator("svg").count() >= 1  # the PWS chart, drawn by the server
    for area in page.get_by_test_id("form-notulen").locator("textarea").all():
        area.fill("Capaian dibahas; kendala dicatat.")
    page.get_by_role("button", name="Simpan notulen").click()
    expect(page.get_by_text("Notulen tersimpan.")).to_be_visible()

    # Two RTL.
    _rtl(page, "Cakupan K4 rendah di Desa Mekar", "Siti Aminah, Amd.Keb")
    _rtl(page, "Kunjungan nifas terlambat", "Siti Aminah, Amd.Keb")
    expect(page.get_by_test_id("tabel-rtl").locator("tbody tr")).to_have_count(2)

    page.get_by_test_id("langkah-ajukan").click()
    expect(page.get_by_test_id("status-lokmin")).to_have_text("Diajukan", use_inner_text=True)
    keluar(page)

    # Approved by the Kepala: selesai, locked.
    masuk(page, "kapus.sukamaju")
    page.goto(f"{page.base_url}/lokmin/{maret.pk}/")
    page.get_by_test_id("langkah-sahkan").click()
    expect(page.get_by_test_id("status-lokmin")).to_have_text(
        re.compile("^" + re.escape("Selesai")), use_inner_text=True
    )
    expect(page.get_by_test_id("lokmin-terkunci")).to_be_visible()
    expect(page.get_by_test_id("form-rtl")).to_have_count(0)
    notulen = page.request.get(f"{page.base_url}/lokmin/{maret.pk}/notulen.pdf")
    assert notulen.ok and notulen.body().startswith(b"%PDF")
    keluar(page)

    # The next month's Lokmin shows both RTL for review.
    masuk(page, "ktu.sukamaju")
    page.goto(f"{page.base_url}/lokmin/puskesmas/{sukamaju.pk}/")
    page.get_by_test_id("jadwalkan-bulanan-4").get_by_role("button", name="Jadwalkan").click()
    page.wait_for_url("**/lokmin/*/")
    april_url = page.url
    rtl1, rtl2 = RTL.objects.filter(puskesmas=sukamaju).order_by("pk")
    expect(page.get_by_test_id(f"tinjauan-{rtl1.pk}")).to_be_visible()
    expect(page.get_by_test_id(f"tinjauan-{rtl2.pk}")).to_be_visible()

    # Both followed up with evidence from their RTL page.
    bukti = tmp_path / "foto-kunjungan.jpg"
    bukti.write_bytes(b"foto")
    for rtl in (rtl1, rtl2):
        page.get_by_test_id(f"tinjauan-{rtl.pk}").get_by_role("link").click()
        form = page.get_by_test_id("form-tindak-lanjut")
        form.get_by_label("Tindak lanjut yang dilakukan").fill("Kunjungan 12 rumah ibu hamil")
        form.get_by_label("Tanggal dilaksanakan").fill(f"{date.today():%Y-%m-%d}")
        form.get_by_label("Berkas bukti").set_input_files(str(bukti))
        form.get_by_role("button", name="Simpan tindak lanjut").click()
        page.wait_for_url(april_url)
        expect(page.get_by_text("Tindak lanjut dicatat; RTL menunggu evaluasi.")).to_be_visible()
    keluar(page)

    # Evaluated by the Kepala: one efektif, one belum efektif raising a follow-up.
    masuk(page, "kapus.sukamaju")
    for rtl, hasil in ((rtl1, "efektif"), (rtl2, "belum_efektif")):
        page.goto(f"{page.base_url}/rtl/{rtl.pk}/")
        form = page.get_by_test_id("form-evaluasi")
        form.get_by_label("Hasil").select_option(hasil)
        form.get_by_label("Catatan").fill("Cakupan belum naik" if hasil != "efektif" else "")
        pindah(form.get_by_role("button", name="Simpan evaluasi"))
    rtl1.refresh_from_db()
    rtl2.refresh_from_db()
    assert (rtl1.status, rtl1.hasil_evaluasi) == ("dievaluasi", "efektif")
    assert (rtl2.status, rtl2.hasil_evaluasi) == ("dievaluasi", "belum_efektif")
    lanjutan = RTL.objects.get(asal=rtl2)
    expect(page.get_by_test_id("rtl-lanjutan")).to_be_visible()
    page.goto(f"{page.base_url}/puskesmas/{sukamaju.pk}/rtl/")
    expect(page.get_by_test_id("kolom-terbuka")).to_contain_text(
        lanjutan.masalah, use_inner_text=True
    )
    expect(page.get_by_test_id("kolom-ditutup")).to_contain_text(
        "Kunjungan nifas", use_inner_text=True
    )
