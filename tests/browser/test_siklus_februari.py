"""The February cycle in a browser: targets per klaster → submitted → SK signed → PDF."""

import re
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from perencanaan.models import SKTargetKinerja, TargetKinerja
from perencanaan.selectors.target import katalog
from puskesmas.models import Puskesmas, User

from ..perencanaan.factories_target import katalog_uji
from .conftest import keluar, masuk

pytestmark = pytest.mark.browser


def _isi_klaster(page, nomor, nilai=None):
    page.get_by_role("link", name=f"Isi target klaster {nomor}").click()
    form = page.get_by_test_id("form-target")
    if nilai is not None:
        form.locator("input[name^=ind_]").first.fill(nilai)
        # A target other than the Dinkes default needs its reason.
        form.locator("textarea[name^=alasan_]").first.fill("Disesuaikan dengan capaian 2025")
    form.get_by_role("button", name=f"Simpan target klaster {nomor}").click()
    expect(page.get_by_text(re.compile(rf"target klaster {nomor} .* tersimpan"))).to_be_visible()


def test_targets_submitted_and_signed_then_the_sk_pdf_downloads(halaman, demo, tmp_path):
    page = halaman
    tahun = timezone.localdate().year
    sukamaju = Puskesmas.objects.select_related("kabupaten").get(nama="Sukamaju")
    if not katalog(kabupaten=sukamaju.kabupaten, tahun=tahun):
        katalog_uji(sukamaju.kabupaten, tahun)
    url = f"{page.base_url}/perencanaan/p/{sukamaju.pk}/target/?tahun={tahun}"

    # The PJ of klaster 2 starts and enters the targets of klaster 2.
    masuk(page, "pj2.sukamaju")
    page.goto(url)
    page.get_by_test_id("tombol-mulai").click()
    expect(page.get_by_text(f"Penyusunan target kinerja tahun {tahun} dimulai.")).to_be_visible()
    expect(page.get_by_role("link", name="Isi target klaster 3")).to_have_count(0)
    _isi_klaster(page, 2, "92,5")
    expect(page.get_by_test_id("grup-klaster-2").get_by_text("92,5").first).to_be_visible()
    diisi = TargetKinerja.objects.get(target_persen=Decimal("92.5"))
    assert diisi.diisi_oleh.username == "pj2.sukamaju"
    keluar(page)

    # The Kepala TU completes the other klaster and submits.
    masuk(page, "ktu.sukamaju")
    page.goto(url)
    for nomor in range(1, 6):
        if page.get_by_role("link", name=f"Isi target klaster {nomor}").count():
            if nomor != 2:
                _isi_klaster(page, nomor)
    page.get_by_test_id("tombol-alur").get_by_role("button", name="Ajukan").click()
    expect(page.get_by_text("Target kinerja diajukan kepada Kepala Puskesmas.")).to_be_visible()
    expect(page.get_by_test_id("status-target")).to_contain_text("Diajukan", use_inner_text=True)
    # Home page: the targets are in, the SK is still open.
    page.goto(page.base_url + "/")
    page.get_by_test_id("judul-beranda").wait_for()
    baris_target = page.get_by_test_id(f"tenggat-target_kinerja-{sukamaju.pk}")
    baris_sk = page.get_by_test_id(f"tenggat-sk_target-{sukamaju.pk}")
    assert baris_target.count() == 1, (page.url, page.locator("main").inner_text()[:1500])
    assert baris_target.get_attribute("data-status") in {"selesai", "terlambat_selesai"}
    assert baris_sk.get_attribute("data-status") in {"belum", "hari_ini", "terlambat"}
    keluar(page)

    # The Kepala Puskesmas signs the SK and downloads it.
    masuk(page, "kapus.sukamaju")
    page.goto(url)
    page.get_by_role("link", name="Tetapkan SK").click()
    page.get_by_label("Nomor SK").fill(f"440/012/SK/PKM/{tahun}")
    page.get_by_label("Tanggal SK").fill(f"{tahun}-02-26")
    page.get_by_role("button", name="Tetapkan SK").click()
    expect(
        page.get_by_text(f"SK Target Kinerja nomor 440/012/SK/PKM/{tahun} ditetapkan.")
    ).to_be_visible()
    expect(page.get_by_test_id("status-target")).to_contain_text(
        "SK ditetapkan", use_inner_text=True
    )
    with page.expect_download() as info:
        page.get_by_test_id("daftar-sk").get_by_role("link", name="Unduh PDF").click()
    berkas = tmp_path / "sk.pdf"
    info.value.save_as(berkas)

    teks = " ".join(
        subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    kapus = User.objects.get(username="kapus.sukamaju")
    sk = SKTargetKinerja.objects.get()
    assert f"NOMOR 440/012/SK/PKM/{tahun}" in teks
    assert "LAMPIRAN" in teks
    assert f"{diisi.indikator.kode} {diisi.indikator.nama}" in teks
    assert re.search(rf"{re.escape(diisi.indikator.kode)} .*? 92,5", teks)
    assert kapus.nama_lengkap in teks and f"NIP {kapus.nip}" in teks
    assert len(sk.lampiran) == TargetKinerja.objects.filter(penetapan=sk.penetapan).count()
    for baris in sk.lampiran:
        assert baris["kode"] in teks

    # The home page shows the SK done (on time or late: counted from when it was signed here).
    page.goto(page.base_url + "/")
    baris_sk = page.get_by_test_id(f"tenggat-sk_target-{sukamaju.pk}")
    assert baris_sk.get_attribute("data-status") in {"selesai", "terlambat_selesai"}
    expect(baris_sk).to_contain_text("elesai", use_inner_text=True)
