"""«Menunggu tindakan Anda» in a browser, with the demo users: the targets submitted by the
Kepala TU wait in the Kepala's inbox with a notification; the item opens the targets page,
where the Kepala signs the SK; the PJ klaster and the verifier are told of the SK."""

import pytest
from django.utils import timezone

from perencanaan.selectors.target import katalog
from perencanaan.services.target import penetapan_ajukan, penetapan_mulai
from puskesmas.models import Puskesmas, User

from ..perencanaan.factories_target import isi_semua, katalog_uji
from .conftest import keluar, masuk

pytestmark = pytest.mark.browser


@pytest.fixture
def target_diajukan(demo):
    """This year's targets of Sukamaju, every indicator filled and submitted."""
    tahun = timezone.localdate().year
    sukamaju = Puskesmas.objects.select_related("kabupaten").get(nama="Sukamaju")
    indikator = katalog(kabupaten=sukamaju.kabupaten, tahun=tahun) or katalog_uji(
        sukamaju.kabupaten, tahun
    )
    ktu = User.objects.get(username="ktu.sukamaju")
    penetapan = penetapan_mulai(puskesmas=sukamaju, tahun=tahun, user=ktu)
    isi_semua(penetapan, ktu, indikator)
    return penetapan_ajukan(penetapan=penetapan, user=ktu)


def test_the_kepala_finds_the_targets_in_the_inbox_and_signs_the_sk(halaman, target_diajukan):
    page = halaman
    tahun = target_diajukan.tahun
    judul = f"Target kinerja {tahun} Puskesmas Sukamaju diajukan"

    masuk(page, "kapus.sukamaju")
    kotak = page.get_by_test_id("kotak-masuk")
    assert page.get_by_test_id("notifikasi-ringkas").filter(has_text=judul).count() == 1
    kotak.get_by_test_id("butir-kotak-masuk").filter(
        has_text=f"{judul}: tetapkan SK Target Kinerja"
    ).click()
    assert f"/target/?tahun={tahun}" in page.url
    page.get_by_role("link", name="Tetapkan SK").click()
    page.get_by_label("Nomor SK").fill(f"440/021/SK/PKM/{tahun}")
    page.get_by_label("Tanggal SK").fill(f"{tahun}-02-26")
    page.get_by_role("button", name="Tetapkan SK").click()
    assert "SK ditetapkan" in page.get_by_test_id("status-target").inner_text()
    page.goto(page.base_url + "/")
    assert kotak.get_by_test_id("butir-kotak-masuk").filter(has_text=judul).count() == 0
    keluar(page)

    # The PJ klaster and the Dinkes verifier are told; the notification opens the targets.
    sk = f"SK Target Kinerja {tahun} Puskesmas Sukamaju ditetapkan"
    for orang in ("pj2.sukamaju", "verifikator.banyumanis"):
        masuk(page, orang)
        page.get_by_test_id("notifikasi-ringkas").get_by_role("link", name=sk).click()
        assert f"/target/?tahun={tahun}" in page.url
        keluar(page)
