"""The whole PKP loop of one year in the browser.

The Kepala Puskesmas of Sukamaju fills a klaster, scores every management variable
(accepting a suggestion, overriding another with a note), attaches evidence and submits;
the Dinkes verifier corrects one score with a note and returns the assessment; the Kepala
adds the evidence asked for and resubmits; the verifier agrees with the rest and sets it.
It is then locked for both sides (no edit controls, a POST refused), the kabupaten ranking
shows it in the group and place worked out below, the Excel export holds the numbers the
page shows, and the Kepala turns the weakest variable into an RTL.

Ranking by hand. The kabupaten's instrument of the year has every target 100 (higher is
better), so an indicator's coverage is its capaian. Thresholds are the defaults
(pelayanan ≥ 91 I, ≥ 81 II; manajemen ≥ 8.5 I, ≥ 5.5 II); the overall group is the weaker
of pelayanan and manajemen; inside a group the higher pelayanan comes first.
  Sukamaju    every indicator 92.5 → pelayanan 92.5 (I).
              Component 1.1 (16 variables): 1.1.1 = 7, 1.1.2 = 10 corrected to 7, the other
              14 = 4 → (7 + 7 + 14 × 4) / 16 = 70 / 16 = 4.375; components 1.2–1.5 = 7;
              manajemen (4.375 + 4 × 7) / 5 = 32.375 / 5 = 6.475 (II, shown 6,5) → II.
  Girimulya   pelayanan 98 (I), manajemen 10 (I) → I, 1st.
  Wanasari    pelayanan 95 (I), manajemen 7 (II) → II, 1st (95 > 92.5).
  Kedungwaru  pelayanan 90 (II), manajemen 10 (I) → II, 3rd (90 < 92.5).
Cempaka and Tanjungsari have not started the year: listed apart.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from pkp import saran_daftar
from pkp.models import (
    BuktiPKP,
    IndikatorMutu,
    IndikatorPelayanan,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    StatusVerifikasi,
)
from pkp.services.instrumen import instrumen_salin
from pkp.services.penilaian import penilaian_buka, penilaian_langkah
from pkp.services.verifikasi import PESAN_BUKAN_DIAJUKAN
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import RTL, Kabupaten, Notifikasi, Puskesmas, User

from .conftest import keluar, masuk, pindah

pytestmark = pytest.mark.browser

CATATAN = "RUK disusun ulang setelah Lokmin Desember"
KOREKSI = "RUK belum berdasarkan analisis situasi"
ALASAN = "Lampirkan notulen pembahasan RPK untuk 1.1.3"


@pytest.fixture
def saran_uji():
    """Two suggestion rules of this test only (P1's real ones are put back afterwards)."""
    asli = dict(saran_daftar._DAFTAR)
    saran_daftar._DAFTAR.clear()
    saran_daftar.daftar(
        "1.1.1",
        kumpulkan=lambda puskesmas, tahun: None,
        aturan=lambda _: saran_daftar.Saran(7, "Renstra disahkan, analisis kebutuhan ada."),
    )
    saran_daftar.daftar(
        "1.1.2",
        kumpulkan=lambda puskesmas, tahun: None,
        aturan=lambda _: saran_daftar.Saran(4, "RUK belum disahkan Kepala Puskesmas."),
    )
    yield
    saran_daftar._DAFTAR.clear()
    saran_daftar._DAFTAR.update(asli)


def _tahun_ini(tahun: int) -> Kabupaten:
    """The kabupaten's instrument of ``tahun`` (every target 100, higher is better) and
    three other Puskesmas set through the services with the values of the docstring."""
    kabupaten = Kabupaten.objects.get(nama="Kabupaten Banyumanis")
    salinan = instrumen_salin(
        user=User.objects.get(username="admin.banyumanis"), kabupaten=kabupaten, tahun=tahun
    )
    IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan).update(
        target=100, target_atas=None, arah="naik"
    )
    IndikatorMutu.objects.filter(instrumen=salinan).update(
        target=100, target_atas=None, arah="naik"
    )
    verifikator = User.objects.get(username="verifikator.banyumanis")
    for nama, capaian, skor in (("Girimulya", 98, 10), ("Wanasari", 95, 7), ("Kedungwaru", 90, 10)):
        kepala = User.objects.get(username=f"kapus.{nama.lower()}")
        penilaian, _ = penilaian_buka(
            puskesmas=Puskesmas.objects.get(nama=nama), tahun=tahun, user=kepala
        )
        NilaiPelayanan.objects.filter(penilaian=penilaian).update(capaian=capaian)
        NilaiManajemen.objects.filter(penilaian=penilaian).update(skor=skor)
        NilaiMutu.objects.filter(penilaian=penilaian).update(capaian=90)
        penilaian = penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=kepala)
        for model in (NilaiPelayanan, NilaiManajemen, NilaiMutu):
            model.objects.filter(penilaian=penilaian).update(
                status_verifikasi=StatusVerifikasi.SETUJU
            )
        penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=verifikator)
    return kabupaten


def _buka_penilaian(page, tahun):
    page.get_by_test_id("menu-utama").get_by_role("link", name="PKP").click()
    page.get_by_test_id("pkp-penilaian-tautan").get_by_role("link", name=str(tahun)).click()


def _buka_verifikasi(page):
    page.get_by_test_id("verifikasi-pkp").first.click()
    page.locator('[data-testid="baris-verifikasi"][data-puskesmas*="Sukamaju"]').get_by_test_id(
        "buka-verifikasi"
    ).click()


def _post(page, url, data):
    """A POST from the signed-in browser (its session and CSRF cookie), as a crafted form
    would send it; returns the page it ends on."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    jawab = page.request.post(
        page.base_url + url,
        form={"csrfmiddlewaretoken": token, **data},
        headers={"Referer": page.base_url + url},
    )
    assert jawab.ok
    return jawab.text()


def _bukti(page, kode, keterangan, nama):
    page.locator(f'[data-testid="variabel"][data-kode="{kode}"]').get_by_test_id(
        "kelola-bukti"
    ).click()
    page.get_by_label("Keterangan").fill(keterangan)
    page.get_by_label("Unggah berkas").set_input_files(
        {"name": nama, "mimeType": "application/pdf", "buffer": b"%PDF-1.4 " + nama.encode()}
    )
    page.get_by_test_id("tambah-bukti").click()
    expect(page.get_by_text("Bukti ditambahkan.")).to_be_visible()
    page.get_by_role("link", name="Kembali ke komponen").click()


def _baris_peringkat(page) -> list[tuple[str, ...]]:
    """(nomor, nama, kelompok, pelayanan, manajemen) of every row, as displayed."""
    hasil = []
    for tr in page.get_by_test_id("tabel-peringkat").locator("tbody tr").all():
        hasil.append(
            (
                tr.get_by_test_id("nomor").inner_text().strip(),
                tr.locator("td:nth-child(2)").inner_text().split("\n")[0].strip(),
                tr.get_by_test_id("kelompok").inner_text().strip(),
                tr.get_by_test_id("pelayanan").inner_text().split()[0],
                tr.get_by_test_id("manajemen").inner_text().split()[0],
            )
        )
    return hasil


def _angka(teks: str) -> float:
    return float(teks.replace(".", "").replace(",", "."))


def test_one_year_of_pkp_from_self_assessment_to_ranking(halaman, demo, saran_uji, tmp_path):
    page = halaman
    tahun = timezone.localdate().year
    kabupaten = _tahun_ini(tahun)

    # --- The Kepala opens the year, fills and submits. ----------------------------------
    masuk(page, "kapus.sukamaju")
    _buka_penilaian(page, tahun)
    expect(page.get_by_test_id("penilaian-kosong")).to_be_visible()
    page.get_by_test_id("buka-penilaian").click()
    expect(page.get_by_text(f"Penilaian kinerja tahun {tahun} dibuka.")).to_be_visible()
    expect(page.get_by_test_id("status-penilaian")).to_have_text("Draf", use_inner_text=True)
    penilaian = PenilaianPKP.objects.get(puskesmas__nama="Sukamaju", tahun=tahun)
    # The other klasters and mutu come from the Excel template (tested on its own).
    pertama = (
        NilaiPelayanan.objects.filter(penilaian=penilaian)
        .order_by("indikator__kelompok__urutan", "indikator__kelompok_id")[0]
        .indikator.kelompok_id
    )
    NilaiPelayanan.objects.filter(penilaian=penilaian).exclude(
        indikator__kelompok_id=pertama
    ).update(capaian="92.5")
    NilaiMutu.objects.filter(penilaian=penilaian).update(capaian="90")

    # One klaster: every indicator typed the Indonesian way.
    pindah(page.get_by_test_id("kelompok").first.get_by_test_id("isi-kelompok"))
    isian = page.get_by_test_id("capaian")
    jumlah = isian.count()
    assert jumlah > 0
    for i in range(jumlah):
        isian.nth(i).fill("92,5")
    page.get_by_test_id("simpan-capaian").click()
    expect(page.get_by_text(f"Tersimpan ({jumlah} baris berubah).")).to_be_visible()
    expect(page.get_by_test_id("sumber").first).to_have_text("Diketik", use_inner_text=True)
    page.get_by_role("link", name="Kembali ke penilaian").click()
    expect(page.get_by_test_id("kemajuan-pelayanan")).to_contain_text("92,5 %", use_inner_text=True)

    # Management: 1.1.1 as suggested, 1.1.2 above the suggestion with a note, the rest 4.
    page.get_by_test_id("komponen").first.get_by_test_id("isi-komponen").click()
    v111 = page.locator('[data-testid="variabel"][data-kode="1.1.1"]')
    expect(v111.get_by_test_id("skor-saran")).to_have_text("7", use_inner_text=True)
    v111.get_by_test_id("skor-7").check()
    v112 = page.locator('[data-testid="variabel"][data-kode="1.1.2"]')
    v112.get_by_test_id("skor-10").check()
    for radio in page.get_by_test_id("skor-4").all():
        nama = radio.get_attribute("name")
        if not page.locator(f'input[name="{nama}"]:checked').count():
            radio.check()
    page.get_by_test_id("simpan-skor").click()
    expect(page.get_by_text("berbeda dari saran aplikasi (4)")).to_be_visible()
    v112 = page.locator('[data-testid="variabel"][data-kode="1.1.2"]')
    assert v112.get_by_test_id("skor-10").is_checked()  # nothing typed is lost
    v112.get_by_test_id("catatan").fill(CATATAN)
    page.get_by_test_id("simpan-skor").click()
    expect(page.get_by_text("baris berubah")).to_be_visible()

    # Evidence for 1.1.1: a PDF.
    _bukti(page, "1.1.1", "Renstra 2025–2029 bertanda tangan", "renstra.pdf")

    # The other components: every variable scored 7.
    komponen = page.locator(".nav-pills .nav-link")
    for i in range(1, komponen.count()):
        pindah(page.locator(".nav-pills .nav-link").nth(i))
        for radio in page.get_by_test_id("skor-7").all():
            radio.check()
        pindah(page.get_by_test_id("simpan-skor"))
        expect(page.get_by_text("baris berubah")).to_be_visible()
    page.get_by_role("link", name="Kembali ke penilaian").click()
    expect(page.get_by_test_id("variabel-dinilai")).to_have_text(
        "29 dari 29 variabel dinilai", use_inner_text=True
    )

    page.get_by_test_id("ajukan-penilaian").click()
    expect(page.get_by_text("Penilaian kinerja diajukan ke Dinas Kesehatan.")).to_be_visible()
    expect(page.get_by_test_id("status-penilaian")).to_have_text("Diajukan", use_inner_text=True)
    expect(page.get_by_test_id("penilaian-terkunci")).to_be_visible()
    page.get_by_test_id("komponen").first.get_by_test_id("isi-komponen").click()
    expect(page.get_by_test_id("baca-saja")).to_be_visible()
    expect(page.get_by_test_id("simpan-skor")).to_have_count(0)

    n111 = NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode="1.1.1")
    n112 = NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode="1.1.2")
    assert (n111.skor, n111.skor_saran) == (7, 7)
    assert (n112.skor, n112.skor_saran, n112.catatan) == (10, 4, CATATAN)
    assert BuktiPKP.objects.get(nilai=n111).berkas.name.endswith(".pdf")
    assert NilaiPelayanan.objects.filter(penilaian=penilaian, capaian=92.5).count() >= jumlah
    keluar(page)

    # --- The verifier corrects 1.1.2 with a note and returns the assessment. ------------
    masuk(page, "verifikator.banyumanis")
    page.get_by_test_id("verifikasi-pkp").first.click()
    baris = page.locator('[data-testid="baris-verifikasi"][data-puskesmas*="Sukamaju"]')
    expect(baris.get_by_test_id("status")).to_have_text("Diajukan", use_inner_text=True)
    baris.get_by_test_id("buka-verifikasi").click()
    expect(page.get_by_test_id("status-penilaian")).to_have_text("Diajukan", use_inner_text=True)

    butir = page.locator('[data-testid="butir"][data-kode="1.1.2"]')
    expect(butir.get_by_test_id("nilai-puskesmas")).to_have_text("10", use_inner_text=True)
    butir.get_by_test_id("pilih-koreksi").check()
    butir.get_by_test_id("nilai-putusan").select_option("7")
    butir.get_by_test_id("simpan-putusan").click()
    expect(page.get_by_text("Catatan koreksi wajib diisi")).to_be_visible()
    butir = page.locator('[data-testid="butir"][data-kode="1.1.2"]')
    butir.get_by_test_id("pilih-koreksi").check()
    butir.get_by_test_id("nilai-putusan").select_option("7")
    butir.get_by_test_id("catatan-putusan").fill(KOREKSI)
    butir.get_by_test_id("simpan-putusan").click()
    expect(page.get_by_text("Butir 1.1.2 tersimpan.")).to_be_visible()
    butir = page.locator('[data-testid="butir"][data-kode="1.1.2"]')
    expect(butir.get_by_test_id("status-butir")).to_have_text("Dikoreksi", use_inner_text=True)
    expect(butir.get_by_test_id("nilai-koreksi")).to_have_text("7", use_inner_text=True)
    butir.get_by_test_id("riwayat-butir").locator("summary").click()
    expect(butir.get_by_test_id("riwayat-butir")).to_contain_text(
        "Belum diverifikasi → Dikoreksi", use_inner_text=True
    )

    page.get_by_test_id("catatan-kembalikan").fill(ALASAN)
    page.get_by_test_id("langkah-kembalikan").click()
    expect(page.get_by_test_id("status-penilaian")).to_have_text(
        "Dikembalikan", use_inner_text=True
    )
    kepala = User.objects.get(username="kapus.sukamaju")
    assert Notifikasi.objects.filter(penerima=kepala, pesan=f"Alasan: {ALASAN}").exists()
    keluar(page)

    # --- The Kepala reads the reason, adds the evidence asked for and resubmits. --------
    masuk(page, "kapus.sukamaju")
    _buka_penilaian(page, tahun)
    expect(page.get_by_test_id("status-penilaian")).to_have_text(
        "Dikembalikan", use_inner_text=True
    )
    expect(page.get_by_test_id("alasan-dikembalikan")).to_contain_text(ALASAN, use_inner_text=True)
    page.get_by_test_id("komponen").first.get_by_test_id("isi-komponen").click()
    _bukti(page, "1.1.3", "Notulen pembahasan RPK dengan lintas sektor", "notulen-rpk.pdf")
    page.get_by_role("link", name="Kembali ke penilaian").click()
    page.get_by_test_id("ajukan-penilaian").click()
    expect(page.get_by_test_id("status-penilaian")).to_have_text("Diajukan", use_inner_text=True)
    keluar(page)

    # --- The verifier agrees with the rest (the correction stays) and sets it. ----------
    masuk(page, "verifikator.banyumanis")
    _buka_verifikasi(page)
    while page.get_by_test_id("setujui-semua").count():
        pindah(page.get_by_test_id("setujui-semua").first)
    butir = page.locator('[data-testid="butir"][data-kode="1.1.2"]')
    expect(butir.get_by_test_id("status-butir")).to_have_text(
        "Dikoreksi", use_inner_text=True
    )  # kept
    page.get_by_test_id("langkah-tetapkan").click()
    expect(page.get_by_test_id("status-penilaian")).to_have_text(
        "Ditetapkan Dinkes", use_inner_text=True
    )

    # Locked for the verifier: no verdict controls, and a crafted verdict is refused.
    expect(page.get_by_test_id("terkunci")).to_be_visible()
    expect(page.get_by_test_id("form-putusan")).to_have_count(0)
    expect(page.get_by_test_id("setujui-semua")).to_have_count(0)
    n112 = NilaiManajemen.objects.get(pk=n112.pk)
    teks = _post(
        page,
        reverse("pkp:verifikasi_manajemen", args=[n112.pk]),
        {"status": "setuju", "versi": str(n112.versi)},
    )
    assert PESAN_BUKAN_DIAJUKAN.format(status="Ditetapkan Dinkes") in teks
    n112.refresh_from_db()
    assert (n112.status_verifikasi, n112.skor_akhir) == (StatusVerifikasi.DIKOREKSI, 7)
    penilaian.refresh_from_db()
    assert penilaian.status == StatusAlur.DITETAPKAN
    assert not NilaiManajemen.objects.filter(
        penilaian=penilaian, status_verifikasi=StatusVerifikasi.BELUM
    ).exists()

    # --- The ranking: Sukamaju in group II, 2nd; the Excel export holds the same numbers.
    page.goto(page.base_url + reverse("pkp:peringkat", args=[kabupaten.pk]) + f"?tahun={tahun}")
    di_halaman = _baris_peringkat(page)
    assert di_halaman == [
        ("1", "Girimulya", "I", "98,0", "10,0"),
        ("1", "Wanasari", "II", "95,0", "7,0"),
        ("2", "Sukamaju", "II", "92,5", "6,5"),
        ("3", "Kedungwaru", "II", "90,0", "10,0"),
    ]
    belum = page.get_by_test_id("tabel-belum").inner_text()
    assert "Cempaka" in belum and "Tanjungsari" in belum

    with page.expect_download() as info:
        page.get_by_test_id("unduh-xlsx").click()
    berkas = tmp_path / "peringkat.xlsx"
    info.value.save_as(berkas)
    ws = load_workbook(berkas)["Peringkat"]
    semua = list(ws.iter_rows(values_only=True))
    i = {judul: n for n, judul in enumerate(semua[0])}
    di_excel = [
        (
            r[i["Peringkat dalam kelompok"]],
            r[i["Puskesmas"]],
            r[i["Kelompok"]],
            r[i["Kinerja pelayanan (%)"]],
            r[i["Kinerja manajemen"]],
        )
        for r in semua[1:]
    ]
    assert di_excel == [
        (int(n), nama, kel, _angka(pel), _angka(man)) for n, nama, kel, pel, man in di_halaman
    ]
    keluar(page)

    # --- Locked for the Puskesmas too: read-only pages, a crafted save refused. --------
    masuk(page, "kapus.sukamaju")
    _buka_penilaian(page, tahun)
    expect(page.get_by_test_id("status-penilaian")).to_have_text(
        "Ditetapkan Dinkes", use_inner_text=True
    )
    expect(page.get_by_test_id("ajukan-penilaian")).to_have_count(0)
    page.get_by_test_id("komponen").first.get_by_test_id("isi-komponen").click()
    expect(page.get_by_test_id("baca-saja")).to_be_visible()
    expect(page.get_by_test_id("simpan-skor")).to_have_count(0)
    teks = _post(
        page,
        reverse("pkp:penilaian_manajemen", args=[penilaian.pk]),
        {f"skor_{n112.pk}": "10", f"versi_{n112.pk}": str(n112.versi), f"catatan_{n112.pk}": "x"},
    )
    assert "berstatus «Ditetapkan Dinkes» dan terkunci" in teks
    n112.refresh_from_db()
    assert (n112.skor, n112.catatan, n112.skor_akhir) == (10, CATATAN, 7)

    # --- The weakest variable becomes an RTL of the Puskesmas. -----------------------------
    page.get_by_role("link", name="Kembali ke penilaian").click()
    butir = page.get_by_test_id("butir-lemah").first
    expect(butir).to_have_attribute("data-kode", "1.1.3")  # 4, first of component 1.1's fours
    butir.get_by_test_id("buat-rtl").click()
    expect(page.get_by_text("RTL dibuat.")).to_be_visible()
    rtl = RTL.objects.get(puskesmas__nama="Sukamaju")
    assert rtl.sumber == NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode="1.1.3")
