"""A problem from its USG ranking through its fishbone causes and a chosen solution to the
RUK activity that carries it out, and the problem-analysis PDF."""

import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

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
    expect(page.get_by_text("Masalah ditambahkan")).to_be_visible()
    baris = page.get_by_test_id("tabel-masalah").locator("tr", has_text=MASALAH)
    expect(baris.locator("td").first).to_have_text(
        "1", use_inner_text=True
    )  # 15: the highest USG score

    # Its analysis: a root cause on the fishbone, then two scored alternatives.
    baris.get_by_role("link", name=MASALAH).click()
    page.get_by_label("Kategori (tulang ikan)").select_option(label="Manusia (man)")
    page.get_by_label("Akar penyebab").fill(PENYEBAB)
    page.get_by_role("button", name="Tambah penyebab").click()
    expect(page.get_by_text("Akar penyebab ditambahkan.")).to_be_visible()
    assert PENYEBAB in page.get_by_test_id("fishbone").locator("svg").inner_html()

    page.get_by_label("Alternatif pemecahan").fill("Tambah tenaga vaksinator")
    page.get_by_label("M (magnitude)").fill("6")  # out of range: explained, nothing saved
    page.get_by_label("I (importancy)").fill("3")
    page.get_by_label("V (vulnerability)").fill("3")
    page.get_by_label("C (cost)").fill("5")
    page.get_by_role("button", name="Tambah alternatif").click()
    expect(page.get_by_text("Tidak boleh lebih dari 5.")).to_be_visible()
    page.get_by_label("M (magnitude)").fill("4")
    page.get_by_role("button", name="Tambah alternatif").click()
    expect(
        page.get_by_text("Alternatif pemecahan ditambahkan dan dinilai."),
        page.locator("main").inner_text()[-1500:],
    ).to_be_visible()
    page.get_by_label("Alternatif pemecahan").fill(TERPILIH)
    for label, nilai in (
        ("M (magnitude)", "4"),
        ("I (importancy)", "4"),
        ("V (vulnerability)", "4"),
        ("C (cost)", "3"),
    ):
        page.get_by_label(label).fill(nilai)
    page.get_by_role("button", name="Tambah alternatif").click()
    expect(page.get_by_test_id("rumus")).to_contain_text("P = (M × I × V) ÷ C", use_inner_text=True)
    tabel = page.get_by_test_id("tabel-pemecahan")
    expect(tabel.locator("tr", has_text=TERPILIH).get_by_test_id("skor")).to_have_text(
        "21,33", use_inner_text=True
    )
    expect(page.get_by_test_id("belum-dipilih")).to_be_visible()  # not chosen by itself
    page.get_by_role("button", name=f"Pilih {TERPILIH}").click()
    expect(page.get_by_text(f"«{TERPILIH}» dipilih sebagai pemecahan masalah.")).to_be_visible()
    expect(tabel.locator("tr", has_text=TERPILIH)).to_contain_text("Terpilih", use_inner_text=True)
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
    expect(page.get_by_text("Kegiatan ditambahkan.")).to_be_visible()
    expect(page.get_by_test_id("pemecahan-kegiatan")).to_contain_text(TERPILIH, use_inner_text=True)
    terpilih = AlternatifPemecahan.objects.get(uraian=TERPILIH, dipilih=True)
    assert KegiatanRUK.objects.get(pemecahan=terpilih).upaya == "Pelatihan kader imunisasi"

    # Back on the analisis page: the chain is visible, and the PDF carries it.
    page.goto(analisis)
    baris = page.get_by_test_id("tabel-masalah").locator("tr", has_text=MASALAH)
    expect(baris).to_contain_text(TERPILIH, use_inner_text=True)
    expect(baris).to_contain_text("1 penyebab", use_inner_text=True)
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
