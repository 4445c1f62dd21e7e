"""RPK documents: the landscape PDF (formulir 5) and the Excel export."""

import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from perencanaan.services import rpk as services
from perencanaan.views.rpk import TEMPLAT_RPK

from .factories_rpk import ruk_dengan_kegiatan

pytestmark = pytest.mark.django_db


@pytest.fixture
def rpk(dunia):
    rpk = services.rpk_susun_dari_ruk(ruk=ruk_dengan_kegiatan(dunia.a, jumlah=3), user=dunia.ktu_a)
    kegiatan = rpk.kegiatan.order_by("urutan").first()
    services.kegiatan_rpk_ubah(
        kegiatan=kegiatan,
        data={
            "kegiatan": "Kelas ibu hamil terpadu",
            "vol_01": 2,
            "vol_06": 3,
            "lokasi": "Posyandu Melati",
            "biaya": Decimal(1_250_000),
        },
        sidik=services.sidik_kegiatan(kegiatan),
        user=dunia.ktu_a,
    )
    return rpk


def _teks_pdf(isi: bytes, *opsi) -> str:
    hasil = subprocess.run(
        ["pdftotext", *opsi, "-", "-"], input=isi, capture_output=True, check=True
    )
    return hasil.stdout.decode()


def test_pdf_is_a_landscape_formulir_5_with_activities_and_jumlah(rpk, dunia, masuk):
    r = masuk(dunia.staf_a).get(reverse("perencanaan:rpk_pdf", args=[rpk.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == 'attachment; filename="rpk-puskesmas-alfa-2027.pdf"'
    teks = _teks_pdf(r.content)
    datar = " ".join(teks.split())
    assert "RENCANA PELAKSANAAN KEGIATAN (RPK) PUSKESMAS ALFA TAHUN 2027" in datar
    assert "Kelas ibu hamil terpadu" in datar and "Posyandu Melati" in datar
    assert "JUMLAH" in teks
    assert "6.250.000" in teks  # 1.250.000 + 2.000.000 + 3.000.000
    for bulan in ("Jan", "Jun", "Des"):
        assert bulan in teks
    # A draft RPK names no signer (the approved one does, see test_tanda_tangan_dokumen).
    assert "DRAF · belum disahkan" in teks
    assert dunia.a.kepala_nama not in teks and dunia.a.kepala_nip not in teks
    # Landscape A4: wider than tall.
    info = subprocess.run(["pdfinfo", "-"], input=r.content, capture_output=True, check=True)
    ukuran = next(b for b in info.stdout.decode().splitlines() if b.startswith("Page size"))
    lebar, tinggi = (float(x) for x in ukuran.split(":")[1].split("pts")[0].split(" x "))
    assert lebar > tinggi


def test_excel_export_has_every_row_with_months_and_flags(rpk, dunia, masuk):
    r = masuk(dunia.kapus_a).get(reverse("perencanaan:rpk_xlsx", args=[rpk.pk]))
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["RPK"]
    baris = list(ws.iter_rows(values_only=True))
    assert list(baris[0]) == [k.judul for k in TEMPLAT_RPK.kolom]
    assert len(baris) == 4
    judul = list(baris[0])
    pertama = dict(zip(judul, baris[1], strict=True))
    assert pertama["Kegiatan"] == "Kelas ibu hamil terpadu"
    assert (pertama["Jan"], pertama["Jun"], pertama["Des"], pertama["Volume"]) == (2, 3, 0, 5)
    assert pertama["Lokasi"] == "Posyandu Melati"
    assert pertama["Biaya (Rp)"] == 1_250_000
    assert pertama["Keterangan"] == "Biaya melebihi RUK (Rp 1.000.000 → Rp 1.250.000)"
    kedua = dict(zip(judul, baris[2], strict=True))
    assert kedua["Keterangan"] == "Belum dijadwalkan"
    assert sum(row[judul.index("Biaya (Rp)")] for row in baris[1:]) == 6_250_000


def test_documents_of_another_puskesmas_are_not_found(rpk, dunia, masuk):
    client = masuk(dunia.staf_b)
    assert client.get(reverse("perencanaan:rpk_pdf", args=[rpk.pk])).status_code == 404
    assert client.get(reverse("perencanaan:rpk_xlsx", args=[rpk.pk])).status_code == 404
