"""An RTM end to end in the browser: scheduled from the P3 index, its input pack shows an
indicator behind its cumulative target, an internal audit finding and a complaint, staff invited and attendance recorded, notulen and
analysis written, a decision taken as an RTL, submitted, approved by the Kepala Puskesmas
(then locked), and the decision found on the RTL board filtered to RTM."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from pengawasan.models import RTM
from puskesmas.models import RTL, Puskesmas, SasaranDesa, User
from puskesmas.selectors.inti import tahun_aktif

from ..factories import DesaFactory
from ..lokmin.factories_pws import indikator_pws, nilai_pws
from ..pengawasan.factories_audit import (
    AuditFactory,
    JadwalAuditFactory,
    ProgramAuditFactory,
    TemuanAuditFactory,
)
from ..pengawasan.factories_register import PengaduanFactory
from .conftest import keluar, masuk, pindah

pytestmark = pytest.mark.browser


def _indikator_tertinggal(puskesmas, tahun):
    """An indicator at 2 of 100 a month against a 90% target: far behind by June."""
    ind = indikator_pws(
        puskesmas.kabupaten, nama="Cakupan kunjungan K4 uji", tahun=tahun, target=Decimal(90),
        kategori="ibu_hamil",
    )  # fmt: skip
    desa = DesaFactory(puskesmas=puskesmas, nama="Desa Uji RTM")
    SasaranDesa.objects.update_or_create(
        desa=desa, tahun=tahun, kategori="ibu_hamil", defaults={"jumlah": 100}
    )
    for b in range(1, 7):
        nilai_pws(puskesmas=puskesmas, desa=desa, indikator=ind, bulan=b, nilai=2, tahun=tahun)
    return ind


def _temuan_dan_pengaduan(puskesmas, tahun):
    """An audit in May with one minor finding, and a complaint in March."""
    kapus = User.objects.get(username="kapus.sukamaju")
    program = ProgramAuditFactory(puskesmas=puskesmas, tahun=tahun)
    audit = AuditFactory(
        jadwal=JadwalAuditFactory(program=program), tanggal=date(tahun, 5, 20), dibuat_oleh=kapus
    )
    TemuanAuditFactory(audit=audit, kategori="minor", uraian="Partograf tidak lengkap")
    PengaduanFactory(
        puskesmas=puskesmas, tanggal=date(tahun, 3, 4), isi="Antrean lama", dicatat_oleh=kapus
    )


def test_rtm_end_to_end(halaman, demo):
    page = halaman
    tahun = tahun_aktif()
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    _indikator_tertinggal(sukamaju, tahun)
    _temuan_dan_pengaduan(sukamaju, tahun)
    masuk(page, "ktu.sukamaju")

    # Reached from the P3 index.
    page.goto(f"{page.base_url}/pengawasan/")
    page.locator("li", has_text="Sukamaju").get_by_test_id("tautan-rtm").click()
    page.wait_for_url(f"**/pengawasan/rtm/p/{sukamaju.pk}/")
    form = page.get_by_test_id("form-rtm-buat")
    form.get_by_label("Tanggal pelaksanaan").fill(f"{date(tahun, 7, 15):%Y-%m-%d}")
    form.get_by_label("Tempat").fill("Aula Puskesmas Sukamaju")
    form.get_by_role("button", name="Jadwalkan").click()
    page.wait_for_url("**/pengawasan/rtm/*/")
    rtm = RTM.objects.get(puskesmas=sukamaju)

    # The pack shows the lagging indicator, pulled in, not typed.
    kinerja = page.get_by_test_id("bagian-kinerja")
    baris = kinerja.get_by_test_id("indikator-tertinggal").filter(
        has_text="Cakupan kunjungan K4 uji"
    )
    expect(baris).to_be_visible()
    expect(baris).to_contain_text("(tertinggal)", use_inner_text=True)
    # ... the audit finding and the complaint, from the other P3 registers.
    audit = page.get_by_test_id("bagian-audit")
    minor = audit.locator("tr", has_text="Temuan ketidaksesuaian minor").inner_text()
    assert minor.split()[-1] == "1", minor
    expect(page.get_by_test_id("paket-pengaduan")).to_contain_text(
        "1 pengaduan diterima", use_inner_text=True
    )
    for kode in ("realisasi_rpk", "rtm_lalu", "rtl_terbuka", "perubahan"):
        expect(page.get_by_test_id(f"bagian-{kode}")).to_be_visible()

    # Peserta and attendance.
    pindah(page.get_by_test_id("undang-pegawai"))
    kotak = page.get_by_test_id("tabel-peserta").locator("input[name='hadir']")
    assert kotak.count() >= 3
    for i in range(3):
        kotak.nth(i).check()
    page.get_by_test_id("simpan-hadir").click()
    expect(page.get_by_text("Kehadiran tersimpan: 3 peserta hadir.")).to_be_visible()

    # Notulen, analysis, changes.
    ubah = page.get_by_test_id("form-ubah-rtm")
    ubah.get_by_label("Notulen").fill("Capaian K4 dibahas bersama PJ klaster.")
    ubah.get_by_label("Analisis").fill("K4 tertinggal jauh dari target kumulatif.")
    ubah.get_by_label("Perubahan yang berpengaruh pada sistem manajemen mutu").fill(
        "Bidan koordinator baru."
    )
    ubah.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Data RTM tersimpan.")).to_be_visible()

    # A decision taken as an RTL.
    rtl_form = page.get_by_test_id("form-rtl-rtm")
    rtl_form.get_by_label("Masalah").fill("Cakupan K4 jauh di bawah target kumulatif")
    rtl_form.get_by_label("Rencana tindak lanjut").fill("Sweeping ibu hamil bersama kader")
    rtl_form.get_by_label("Penanggung jawab (pegawai)").select_option(index=1)
    rtl_form.get_by_label("Batas waktu").fill(f"{date(tahun, 9, 30):%Y-%m-%d}")
    rtl_form.get_by_role("button", name="Tambah RTL").click()
    expect(page.get_by_text("Keputusan dicatat sebagai RTL.")).to_be_visible()
    expect(
        page.get_by_test_id("tabel-keputusan").get_by_text(
            "Cakupan K4 jauh di bawah target kumulatif"
        )
    ).to_be_visible()

    pindah(page.get_by_test_id("langkah-ajukan"))
    expect(page.get_by_test_id("status-rtm")).to_have_text("Diajukan", use_inner_text=True)
    keluar(page)

    # Approved by the Kepala, then locked.
    masuk(page, "kapus.sukamaju")
    page.goto(f"{page.base_url}/pengawasan/rtm/{rtm.pk}/")
    pindah(page.get_by_test_id("langkah-sahkan"))
    expect(page.get_by_test_id("status-rtm")).to_have_text(
        "Disetujui Kepala Puskesmas", use_inner_text=True
    )
    expect(page.get_by_test_id("rtm-terkunci")).to_be_visible()
    expect(page.get_by_test_id("form-ubah-rtm")).to_have_count(0)

    # The decision is on the RTL board, filtered to RTL raised by an RTM.
    rtl = RTL.objects.get(puskesmas=sukamaju, sumber_id=rtm.pk)
    page.goto(f"{page.base_url}/puskesmas/{sukamaju.pk}/rtl/")
    page.get_by_label("Sumber").select_option(value=str(ContentType.objects.get_for_model(RTM).pk))
    pindah(page.get_by_role("button", name="Tampilkan"))
    expect(page.get_by_role("link", name=rtl.masalah)).to_be_visible()
    expect(page).to_have_url(
        re.compile(re.escape(f"sumber={ContentType.objects.get_for_model(RTM).pk}"))
    )

    # The notulen PDF is there.
    r = page.request.get(f"{page.base_url}/pengawasan/rtm/{rtm.pk}/notulen.pdf")
    assert r.ok and r.headers["content-type"] == "application/pdf"


def test_pengendalian_one_click_rtl_shows_the_indicator_since(halaman, demo):
    """The lagging indicator on the pengendalian page gets its RTL in one click; the RTL page
    shows the indicator's monthly figures against the cumulative target."""
    page = halaman
    tahun = tahun_aktif()
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    ind = _indikator_tertinggal(sukamaju, tahun)
    masuk(page, "ktu.sukamaju")
    page.goto(f"{page.base_url}/pengawasan/")
    page.locator("li", has_text="Sukamaju").get_by_test_id("tautan-pengendalian").click()
    page.wait_for_url(f"**/pengawasan/pengendalian/p/{sukamaju.pk}/")
    page.get_by_label("Sampai bulan").select_option("6")
    pindah(page.get_by_role("button", name="Tampilkan"))
    expect(page.get_by_test_id(f"indikator-{ind.pk}")).to_be_visible()
    page.get_by_test_id(f"buat-tl-indikator-{ind.pk}").click()
    page.wait_for_url("**/rtl/*/")
    rtl = RTL.objects.get(puskesmas=sukamaju, sumber_id=ind.pk)
    assert rtl.sumber == ind
    expect(page.get_by_test_id("deret-indikator")).to_be_visible()
    expect(page.get_by_text("Pengendalian: Cakupan kunjungan K4 uji")).to_be_visible()
