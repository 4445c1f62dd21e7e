"""«Menunggu tindakan Anda» in a browser, with the demo users: the targets submitted by the
Kepala TU wait in the Kepala's inbox with a notification; the item opens the targets page,
where the Kepala signs the SK; the Tim Perencanaan, the PJ klaster and the verifier are told
of the SK. Then the demo's year under way (``seed_demo`` with its story): each role finds the
step another role took in its inbox and its notifications, and the item opens the page of
the action. (The RUK sent to and returned by the Dinkes: ``test_ruk_dinkes.py``.)"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from perencanaan.demo import ALASAN_KEMBALI
from perencanaan.models import AnggotaTim, TimPerencanaan
from perencanaan.selectors.target import katalog
from perencanaan.services.target import penetapan_ajukan, penetapan_mulai
from perencanaan.services.tim import tim_simpan
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
    # The year's Tim Perencanaan, chaired by the Kepala TU, the Ketua Tim Mutu a member:
    # the members are told when the SK is signed.
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
        anggota_simpan=[AnggotaTim(user=User.objects.get(username="mutu.sukamaju"))],
    )
    penetapan = penetapan_mulai(puskesmas=sukamaju, tahun=tahun, user=ktu)
    isi_semua(penetapan, ktu, indikator)
    return penetapan_ajukan(penetapan=penetapan, user=ktu)


def test_the_kepala_finds_the_targets_in_the_inbox_and_signs_the_sk(halaman, target_diajukan):
    page = halaman
    tahun = target_diajukan.tahun
    judul = f"Target kinerja {tahun} Puskesmas Sukamaju diajukan"

    masuk(page, "kapus.sukamaju")
    kotak = page.get_by_test_id("kotak-masuk")
    expect(page.get_by_test_id("notifikasi-ringkas").filter(has_text=judul)).to_have_count(1)
    kotak.get_by_test_id("butir-kotak-masuk").filter(
        has_text=f"{judul}: tetapkan SK Target Kinerja"
    ).click()
    expect(page).to_have_url(re.compile(re.escape(f"/target/?tahun={tahun}")))
    page.get_by_role("link", name="Tetapkan SK").click()
    page.get_by_label("Nomor SK").fill(f"440/021/SK/PKM/{tahun}")
    page.get_by_label("Tanggal SK").fill(f"{tahun}-02-26")
    page.get_by_role("button", name="Tetapkan SK").click()
    expect(page.get_by_test_id("status-target")).to_contain_text(
        "SK ditetapkan", use_inner_text=True
    )
    page.goto(page.base_url + "/")
    expect(kotak.get_by_test_id("butir-kotak-masuk").filter(has_text=judul)).to_have_count(0)
    keluar(page)

    # A member of the Tim, the PJ klaster and the Dinkes verifier are told; the
    # notification opens the targets.
    sk = f"SK Target Kinerja {tahun} Puskesmas Sukamaju ditetapkan"
    for orang in ("mutu.sukamaju", "pj2.sukamaju", "verifikator.banyumanis"):
        masuk(page, orang)
        page.get_by_test_id("notifikasi-ringkas").get_by_role("link", name=sk).click()
        expect(page).to_have_url(re.compile(re.escape(f"/target/?tahun={tahun}")))
        keluar(page)


def _notifikasi(page, teks):
    return page.get_by_test_id("notifikasi-ringkas").filter(has_text=teks)


def _butir(page, teks):
    return (
        page.get_by_test_id("kotak-masuk").get_by_test_id("butir-kotak-masuk").filter(has_text=teks)
    )


def test_each_role_of_the_demo_finds_the_step_of_another_in_its_inbox(halaman, demo_cerita):
    page = halaman
    tahun = timezone.localdate().year

    # The Kepala returned the RUK: the Kepala TU is told and finds it with the reason.
    ruk = f"RUK {tahun + 1} Puskesmas Sukamaju"
    masuk(page, "ktu.sukamaju")
    expect(_notifikasi(page, f"{ruk} dikembalikan")).to_have_count(1)
    butir = _butir(page, f"{ruk} dikembalikan: perbaiki lalu ajukan kembali")
    expect(butir).to_contain_text(ALASAN_KEMBALI, use_inner_text=True)
    butir.click()
    expect(page.get_by_test_id("status-ruk")).to_have_text("Dikembalikan", use_inner_text=True)
    expect(page.get_by_test_id("alasan-pengembalian")).to_contain_text(
        ALASAN_KEMBALI, use_inner_text=True
    )
    keluar(page)

    # Wanasari sent its RUK: the verifier is told and opens it to receive or return it.
    ruk = f"RUK {tahun + 1} Puskesmas Wanasari"
    masuk(page, "verifikator.banyumanis")
    expect(_notifikasi(page, f"{ruk} dikirim ke Dinas Kesehatan")).to_have_count(1)
    _butir(page, f"{ruk} dikirim: terima atau kembalikan").click()
    expect(page.get_by_test_id("status-ruk")).to_have_text("Dikirim ke Dinkes", use_inner_text=True)
    expect(page.get_by_role("button", name="Terima")).to_be_visible()
    keluar(page)

    # The Lokmin gave the PJ klaster 3 an RTL: told, and the item opens the RTL.
    masuk(page, "pj3.sukamaju")
    expect(_notifikasi(page, "RTL baru untuk Anda")).to_have_count(1)
    _butir(page, "RTL: Rekrut dan latih dua kader baru").click()
    expect(page).to_have_url(re.compile(re.escape("/rtl/")))
    expect(page.get_by_role("heading", name="Rencana tindak lanjut")).to_be_visible()
    expect(page.get_by_text("Posbindu Cibodas tanpa kader")).to_be_visible()
    keluar(page)

    # The PJ klaster 2 recorded the follow-up of theirs: the Tim Mutu evaluates it.
    masuk(page, "mutu.sukamaju")
    _butir(page, "evaluasi efektivitasnya (Kunjungan rumah ibu hamil)").click()
    expect(page.get_by_test_id("form-evaluasi")).to_be_visible()
    keluar(page)

    # Tanjungsari has no targets yet: its Kepala finds the SK overdue, first.
    masuk(page, "kapus.tanjungsari")
    pertama = page.get_by_test_id("butir-kotak-masuk").first
    expect(pertama).to_have_attribute("data-terlambat", "1")
    _butir(page, f"SK Target Kinerja {tahun} Puskesmas Tanjungsari").click()
    expect(page).to_have_url(re.compile(re.escape("/target/")))
    expect(page.get_by_test_id("judul-target")).to_be_visible()
