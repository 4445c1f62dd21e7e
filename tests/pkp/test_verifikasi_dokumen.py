"""The umpan balik and the Laporan Penilaian Kinerja Puskesmas, read back with pdftotext."""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from pkp import saran_daftar
from pkp.models import NilaiManajemen, NilaiPelayanan
from pkp.selectors import verifikasi as selectors
from pkp.selectors.verifikasi import rincian
from pkp.services.instrumen import instrumen_salin, standar_nasional_pastikan
from pkp.services.penilaian import penilaian_buka, penilaian_langkah
from pkp.services.verifikasi import nilai_verifikasi, verifikasi_setujui_semua

from ..puskesmas.test_dokumen import pdf_teks
from .conftest import TAHUN, isi_semua

ALASAN_112 = "RUK tahun berikutnya belum disahkan Kepala Puskesmas (contoh aturan uji)."


@pytest.fixture
def aturan_112(monkeypatch):
    """Only this test's rule for 1.1.2 registered (the registry is restored afterwards)."""
    monkeypatch.setattr(saran_daftar, "_DAFTAR", {})
    saran_daftar.daftar(
        "1.1.2",
        kumpulkan=lambda puskesmas, tahun: None,
        aturan=lambda fakta: saran_daftar.Saran(4, ALASAN_112),
    )


def _tetapkan(dunia, penilaian, *, koreksi=True):
    v = dunia.verifikator_x
    if koreksi:
        baris = NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode="1.1.2")
        nilai_verifikasi(
            baris=baris,
            user=v,
            versi=baris.versi,
            status="dikoreksi",
            nilai=4,
            catatan="RUK belum sah",
        )
        pel = NilaiPelayanan.objects.filter(penilaian=penilaian).first()
        nilai_verifikasi(
            baris=pel,
            user=v,
            versi=pel.versi,
            status="dikoreksi",
            nilai="45",
            catatan="Register kohort menunjukkan 45",
        )
    for bagian in rincian(penilaian).semua_bagian:
        verifikasi_setujui_semua(penilaian=penilaian, bagian=bagian.kunci, user=v)
    return penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=v)


@pytest.fixture
def diajukan(dunia, penilaian_a):
    isi_semua(penilaian_a, capaian="90", skor=7, mutu="95")
    return penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)


@pytest.fixture
def tahun_lalu(dunia, salinan_x):
    standar_nasional_pastikan(TAHUN - 1)
    instrumen_salin(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=TAHUN - 1)
    lalu, _ = penilaian_buka(puskesmas=dunia.a, tahun=TAHUN - 1, user=dunia.kapus_a)
    isi_semua(lalu, capaian="70", skor=4, mutu="70")
    lalu = penilaian_langkah(penilaian=lalu, langkah="ajukan", user=dunia.kapus_a)
    return _tetapkan(dunia, lalu, koreksi=False)


def _koma(nilai: Decimal) -> str:
    return f"{nilai.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}".replace(".", ",")


def _pdf(client, nama, penilaian):
    r = client.get(reverse(f"pkp:{nama}", args=[penilaian.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    return re.sub(r"\s+", " ", pdf_teks(r.content))


def test_umpan_balik_holds_the_corrections_the_weakest_items_and_the_groups(
    dunia, diajukan, aturan_112, masuk
):
    penilaian = _tetapkan(dunia, diajukan)
    penilaian.refresh_from_db()
    teks = _pdf(masuk(dunia.kapus_a), "umpan_balik_pdf", penilaian)
    assert "UMPAN BALIK PENILAIAN KINERJA PUSKESMAS ALFA" in teks
    assert "DRAF" not in teks
    # corrections: item, Puskesmas value, verified value, note
    assert re.search(r"1\.1\.2 .*? 7 4 RUK belum sah", teks)
    assert re.search(r"SPM-01 .*? 90 45 Register kohort .*?menunjukkan 45", teks)
    # the weakest variable first, with what the records suggest
    assert ALASAN_112 in teks
    assert "Belum ada aturan saran untuk variabel ini." in teks  # the 7s without a rule
    # groups and values as kept at penetapan
    assert _koma(penilaian.nilai_manajemen) in teks
    assert _koma(penilaian.nilai_pelayanan) + " %" in teks
    label = {1: "Kelompok I (baik)", 2: "Kelompok II (cukup)", 3: "Kelompok III (kurang)"}
    assert f"Kelompok keseluruhan {label[penilaian.kelompok]}" in teks
    assert penilaian.kelompok == 2  # manajemen below 8.5, above 5.5
    assert "SPM-01 Pelayanan kesehatan ibu hamil 45,00 %" in teks  # 45 of a target of 100
    # the umpan balik holds the weakest indicator (the corrected one)
    ub = selectors.umpan_balik(penilaian)
    assert ub.indikator_terlemah[0].nilai == min(t.nilai for t in ub.indikator_terlemah)
    assert ub.variabel_terlemah[0].kode == "1.1.2"


def test_laporan_compares_with_last_years_set_assessment(dunia, diajukan, tahun_lalu, masuk):
    penilaian = _tetapkan(dunia, diajukan)
    penilaian.refresh_from_db()
    tahun_lalu.refresh_from_db()
    teks = _pdf(masuk(dunia.verifikator_x), "laporan_pdf", penilaian)
    assert f"LAPORAN PENILAIAN KINERJA PUSKESMAS ALFA TAHUN {TAHUN}" in teks
    assert f"Nilai Kelompok {TAHUN} Nilai Kelompok {TAHUN - 1}" in teks
    # this year's and last year's values and groups side by side
    assert tahun_lalu.nilai_manajemen == Decimal("4.0000")
    assert (
        f"Kinerja manajemen {_koma(penilaian.nilai_manajemen)} Kelompok II 4,00 Kelompok III"
        in (teks)
    )
    assert f"Kinerja pelayanan {_koma(penilaian.nilai_pelayanan)} % Kelompok II 70,00 %" in teks
    assert "Kelompok keseluruhan Kelompok II Kelompok III" in teks
    # a klaster and a component with last year's value beside them; mutu too
    assert f"Ibu dan Anak 85,50 {TAHUN - 1}: 70,00" in teks
    assert f"1.1 Manajemen Umum 6,81 {TAHUN - 1}: 4,00" in teks
    assert f"Indikator mutu 89,54 {TAHUN - 1}: {_koma(tahun_lalu.nilai_mutu)}" in teks
    # indicators with target, achievement (the corrected one) and coverage
    assert "SPM-01 Pelayanan kesehatan ibu hamil ≥ 100 45 45,00" in teks
    assert "MUTU-03 Waktu tunggu rawat jalan ≤ 60 menit 95 63,16" in teks
    # every variable is listed, and the umpan balik section closes it
    assert "1.5.1" in teks or "1.4.1" in teks
    assert "Koreksi hasil verifikasi" in teks and "RUK belum sah" in teks


def test_pdfs_are_a_draft_for_the_verifier_and_closed_to_the_puskesmas_before_penetapan(
    dunia, diajukan, masuk
):
    for nama in ("umpan_balik_pdf", "laporan_pdf"):
        url = reverse(f"pkp:{nama}", args=[diajukan.pk])
        assert masuk(dunia.kapus_a).get(url).status_code == 403
        assert masuk(dunia.admin_x).get(url).status_code == 403
        assert masuk(dunia.verifikator_y).get(url).status_code == 404
        teks = _pdf(masuk(dunia.verifikator_x), nama, diajukan)
        assert "DRAF" in teks and "belum ditetapkan" in teks
    assert "Tidak ada penilaian tahun" in _pdf(masuk(dunia.verifikator_x), "laporan_pdf", diajukan)
    penilaian = _tetapkan(dunia, diajukan, koreksi=False)
    for user in (dunia.kapus_a, dunia.staf_a, dunia.admin_x):
        teks = _pdf(masuk(user), "umpan_balik_pdf", penilaian)
        assert "Tidak ada koreksi" in teks
