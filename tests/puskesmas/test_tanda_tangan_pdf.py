"""The verification code and QR code printed on signed documents."""

import datetime as dt
import subprocess

from django.template.loader import render_to_string

from puskesmas.alat.dokumen import render_pdf
from puskesmas.alat.tanda_tangan import tanda_tangan_buat


def _rekaman(dunia):
    return tanda_tangan_buat(
        objek=dunia.a,
        jenis="SK Uji",
        nomor="1/2026",
        tanggal=dt.date(2026, 1, 5),
        puskesmas=dunia.a,
        isi={},
        penandatangan_nama="dr. Kepala Uji",
        penandatangan_jabatan="Kepala Puskesmas",
        penandatangan_nip="198001012005012001",
    )


def pdftotext(pdf: bytes) -> str:
    hasil = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(hasil.stdout.decode().split())


def test_signature_block_prints_code_and_inline_svg_qr(dunia, settings):
    settings.SITE_URL = "https://simpus.contoh.go.id"
    rekaman = _rekaman(dunia)
    html = render_to_string("dokumen/_ttd.html", {"puskesmas": dunia.a, "tanda_tangan": rekaman})
    assert rekaman.kode in html
    assert f"https://simpus.contoh.go.id/verifikasi/{rekaman.kode}/" in html
    svg = html[html.index("<svg") :]
    assert "<path" in svg.split("</svg>")[0]
    assert "<img" not in html and "http://www.w3.org/2000/svg" in html  # inline, not fetched
    # Without a signature (a draft) nothing is printed.
    html = render_to_string("dokumen/_ttd.html", {"puskesmas": dunia.a})
    assert "<svg" not in html and "Kode verifikasi" not in html


def test_pdf_carries_the_code(dunia):
    rekaman = _rekaman(dunia)
    pdf = render_pdf("dokumen/_verifikasi.html", {"tanda_tangan": rekaman})
    teks = pdftotext(pdf)
    assert f"Kode verifikasi: {rekaman.kode}" in teks
    assert f"/verifikasi/{rekaman.kode}/" in teks
