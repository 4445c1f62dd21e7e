"""The SK Target Kinerja PDF: the official layout, the snapshot's targets, name and NIP."""

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from perencanaan.services import target as svc
from puskesmas.models import Puskesmas

from .factories_target import klaster, siapkan

TAHUN = 2026


def teks_pdf(isi: bytes) -> str:
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=isi, capture_output=True, check=True
    )
    return " ".join(hasil.stdout.decode().split())


@pytest.fixture
def sk(dunia):
    siap = siapkan(dunia, TAHUN)
    penetapan = svc.penetapan_mulai(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    for ind in siap.indikator:
        persen = Decimal("87.5") if ind.kode == "K2-02" else Decimal(95)
        svc.target_klaster_simpan(
            penetapan=penetapan,
            klaster=ind.klaster,
            nilai={ind.pk: persen},
            user=dunia.ktu_a,
            alasan_beda={ind.pk: "Disesuaikan dengan capaian"},
        )
    svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
    return svc.sk_target_tetapkan(
        penetapan=penetapan,
        nomor="440/012/SK/PKM/2026",
        tanggal=dt.date(2026, 2, 26),
        user=dunia.kapus_a,
    )


def test_pdf_has_the_official_parts_targets_and_signature(dunia, sk, masuk):
    r = masuk(dunia.staf_a).get(reverse("perencanaan:target_sk_pdf", args=[sk.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment;")
    teks = teks_pdf(r.content)
    nama = dunia.a.nama.upper()
    for bagian in (
        "PEMERINTAH KABUPATEN X",
        f"KEPUTUSAN KEPALA PUSKESMAS {nama}",
        "NOMOR 440/012/SK/PKM/2026",
        f"TENTANG INDIKATOR DAN TARGET PENCAPAIAN KINERJA PUSKESMAS {nama} TAHUN 2026",
        "Menimbang",
        "Mengingat",
        "MEMUTUSKAN",
        "Menetapkan",
        "KESATU",
        "pada tanggal 26 Februari 2026",
        "LAMPIRAN",
        "Klaster 2 · Ibu dan Anak",
        "K2-01 Indikator klaster 2 nomor 1 % 95 55",
        "K2-02 Indikator klaster 2 nomor 2 % 87,5",
        "K3-01 Indikator klaster 3 nomor 1 % 95 190",
        "dr. Kepala Uji",
        "NIP 198001012005012001",
        "Halaman 1 dari",
    ):
        assert bagian in teks, bagian


def test_pdf_keeps_the_signed_snapshot_after_later_changes(dunia, sk, masuk):
    Puskesmas.objects.filter(pk=dunia.a.pk).update(
        kepala_nama="dr. Kepala Baru", kepala_nip="199001012015012002"
    )
    baru = svc.penetapan_revisi_buat(penetapan=sk.penetapan, user=dunia.kapus_a)
    svc.target_klaster_simpan(
        penetapan=baru,
        klaster=klaster(2),
        nilai={sk.penetapan.target.get(indikator__kode="K2-01").indikator_id: Decimal(50)},
        user=dunia.kapus_a,
    )
    teks = teks_pdf(
        masuk(dunia.verifikator_x).get(reverse("perencanaan:target_sk_pdf", args=[sk.pk])).content
    )
    assert "dr. Kepala Uji" in teks and "NIP 198001012005012001" in teks
    assert "Kepala Baru" not in teks
    assert "K2-01 Indikator klaster 2 nomor 1 % 95 55" in teks
