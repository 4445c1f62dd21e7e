"""A large download prepared in the background, as the Dinkes verifier meets it: the link
opens a "Siapkan" page (the GET writes nothing), its button starts the job, the progress
page offers the file when the job is done."""

import io
import re
import zipfile

from playwright.sync_api import expect

from perencanaan.models import SKTargetKinerja
from puskesmas.models import Kabupaten, TugasLatar

from .conftest import masuk, pindah


def test_the_verifier_prepares_and_downloads_every_sk_of_the_kabupaten(
    halaman, demo_cerita, tmp_path
):
    page = halaman
    kab = Kabupaten.objects.get(nama__icontains="Banyumanis")
    masuk(page, "verifikator.banyumanis")
    page.goto(f"{page.base_url}/kabupaten/{kab.pk}/")
    pindah(page.get_by_test_id("rekap-kepatuhan").get_by_role("link", name="Rincian"))

    tautan = page.get_by_test_id("unduh-sk-target-zip")
    tahun = int(re.search(r"tahun=(\d+)", tautan.get_attribute("href"))[1])
    sk = SKTargetKinerja.objects.filter(
        penetapan__puskesmas__kabupaten=kab,
        penetapan__tahun=tahun,
        digantikan_oleh__isnull=True,
    )
    assert sk.exists()  # the demo signed at least one SK this year

    pindah(tautan)
    expect(page.get_by_test_id("pdf-besar-siapkan")).to_be_visible()
    assert not TugasLatar.objects.exists()  # opening the page started nothing

    pindah(page.get_by_test_id("siapkan-pdf"))
    expect(page).to_have_url(re.compile(r"/tugas/\d+/"))
    hasil = page.get_by_test_id("tugas-hasil")
    expect(hasil).to_contain_text("Unduh ZIP")
    with page.expect_download() as unduhan:
        hasil.click()
    berkas = tmp_path / "sk.zip"
    unduhan.value.save_as(berkas)
    assert unduhan.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(berkas.read_bytes())) as arsip:
        nama = arsip.namelist()
        assert len(nama) == sk.count()
        assert all(arsip.read(n).startswith(b"%PDF") for n in nama)
    assert TugasLatar.objects.count() == 1
