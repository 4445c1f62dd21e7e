"""A problem from its USG ranking through its fishbone causes and a chosen solution to the
RUK activity that carries it out, and the problem-analysis PDF."""

import subprocess

import pytest
from django.urls import reverse

from perencanaan.models import AlternatifPemecahan, KegiatanRUK
from puskesmas.models import Puskesmas

from .conftest import keluar, masuk

pytestmark = pytest.mark.browser

MASALAH = "Cakupan imunisasi dasar lengkap rendah di desa terpencil"
PENYEBAB = "Kader belum terlatih"
TERPILIH = "Pelatihan kader posyandu"


def test_problem_to_fishbone_to_chosen_solution_to_ruk_activity_and_pdf(halaman, demo, tmp_path):
    page = halaman
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    analisis = f"{page.base_url}{reverse('perencanaan:analisis', args=[sukamaju.pk])}"

    # The PJ of klaster 2 writes the problem down and scores it by USG.
    masuk(page, "pj2.sukamaju")
    page.goto(analisis)
    page.get_by_role("link", name="Tambah masalah").click()
    page.get_by_label("Uraian masalah").fill(MASALAH)
    page.get_by_label("U (urgency)").fill("5")
    page.get_by_label("S (seriousness)").fill("5")
    page.get_by_label("G (growth)").fill("5")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Masalah ditambahkan").is_visible()
    baris = page.get_by_test_id("tabel-masalah").locator("tr", has_text=MASALAH)
    assert baris.locator("td").first.inner_text() == "1"  # 15: the highest USG score

    # Its analysis: a root cause on the fishbone, then two scored alternatives.
    baris.get_by_role("link", name=MASALAH).click()
    page.get_by_label("Kategori (tulang ikan)").select_option(label="Manusia (man)")
    page.get_by_label("Akar penyebab").fill(PENYEBAB)
    page.get_by_role("button", name="Tambah penyebab").click()
    assert page.get_by_text("Akar penyebab ditambahkan.").is_visible()
    assert PENYEBAB in page.get_by_test_id("fishbone").locator("svg").inner_html()

    page.get_by_label("Alternatif pemecahan").fill("Tambah tenaga vaksinator")
    page.get_by_label("M (magnitude)").fill("6")  # out of range: explained, nothing saved
    page.get_by_label("I (importancy)").fill("3")
    page.get_by_label("V (vulnerability)").fill("3")
    page.get_by_label("C (cost)").fill("5")
    page.get_by_role("button", name="Tambah alternatif").click()
    assert page.get_by_text("Tidak boleh lebih dari 5.").is_visible()
    page.get_by_label("M (magnitude)").fill("4")
    page.get_by_role("button", name="Tambah alternatif").click()
    assert page.get_by_text("Alternatif pemecahan ditambahkan dan dinilai.").is_visible(), (
        page.locator("main").inner_text()[-1500:]
    )
    page.get_by_label("Alternatif pemecahan").fill(TERPILIH)
    for label, nilai in (
        ("M (magnitude)", "4"),
        ("I (importancy)", "4"),
        ("V (vulnerability)", "4"),
        ("C (cost)", "3"),
    ):
        page.get_by_label(label).fill(nilai)
    page.get_by_role("button", name="Tambah alternatif").click()
    assert "P = (M × I × V) ÷ C" in page.get_by_test_id("rumus").inner_text()
    tabel = page.get_by_test_id("tabel-pemecahan")
    assert tabel.locator("tr", has_text=TERPILIH).get_by_test_id("skor").inner_text() == "21,33"
    assert page.get_by_test_id("belum-dipilih").is_visible()  # not chosen by itself
    page.get_by_role("button", name=f"Pilih {TERPILIH}").click()
    assert page.get_by_text(f"«{TERPILIH}» dipilih sebagai pemecahan masalah.").is_visible()
    assert "Terpilih" in tabel.locator("tr", has_text=TERPILIH).inner_text()
    keluar(page)

    # The Kepala TU puts an activity in next year's RUK that carries out the chosen one.
    masuk(page, "ktu.sukamaju")
    page.goto(f"{page.base_url}{reverse('perencanaan:ruk_list', args=[sukamaju.pk])}")
    page.get_by_role("button", name="Buat RUK tahun").click()
    page.get_by_role("link", name="Tambah kegiatan").click()
    page.locator("select[name=klaster]").select_option(label="Klaster 2 Ibu dan Anak")
    page.get_by_label("Upaya/kegiatan").fill("Pelatihan kader imunisasi")
    page.get_by_label("Kebutuhan anggaran (Rp)").fill("4.500.000")
    page.get_by_label("Sumber pembiayaan").select_option("BOK")
    page.get_by_role("checkbox", name=f"[Klaster 2, USG 15] {MASALAH}").check()
    page.get_by_label("Pemecahan masalah yang dilaksanakan").select_option(
        label=f"{TERPILIH} (masalah: {MASALAH[:60]})"
    )
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Kegiatan ditambahkan.").is_visible()
    assert TERPILIH in page.get_by_test_id("pemecahan-kegiatan").inner_text()
    terpilih = AlternatifPemecahan.objects.get(uraian=TERPILIH, dipilih=True)
    assert KegiatanRUK.objects.get(pemecahan=terpilih).upaya == "Pelatihan kader imunisasi"

    # Back on the analisis page: the chain is visible, and the PDF carries it.
    page.goto(analisis)
    baris = page.get_by_test_id("tabel-masalah").locator("tr", has_text=MASALAH)
    assert TERPILIH in baris.inner_text() and "1 penyebab" in baris.inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF analisis masalah").click()
    berkas = tmp_path / "analisis.pdf"
    info.value.save_as(berkas)
    teks = " ".join(
        subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "ANALISIS MASALAH PUSKESMAS SUKAMAJU" in teks
    assert PENYEBAB in teks
    assert f"Pemecahan terpilih: {TERPILIH} (skor 21,33)" in teks
    assert "Pelatihan kader imunisasi" in teks
