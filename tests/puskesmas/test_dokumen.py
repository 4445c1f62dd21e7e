"""The shared PDF helper: kop, Indonesian date, page numbers, signature block."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.template import engines

from puskesmas.alat.dokumen import render_pdf


def pdf_teks(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: install poppler-utils (make test does)")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_a_document_has_kop_signature_and_page_numbers(dunia, tmp_path, settings):
    settings.TEMPLATES[0]["DIRS"].append(tmp_path)
    (tmp_path / "uji_dokumen.html").write_text(
        '{% extends "dokumen/base.html" %}{% block isi %}<h1>Surat Uji</h1>'
        "{% for i in baris %}<p>Baris {{ i }}</p>{% endfor %}"
        '{% include "dokumen/_ttd.html" %}{% endblock %}'
    )
    engines._engines = {}  # pick up the extra template folder
    pdf = render_pdf(
        "uji_dokumen.html",
        {"puskesmas": dunia.a, "tanggal": date(2027, 2, 28), "baris": range(80)},
    )
    assert pdf.startswith(b"%PDF")
    teks = pdf_teks(pdf)
    assert "PUSKESMAS ALFA" in teks
    assert dunia.a.kabupaten.nama_dinkes.upper() in teks
    assert "28 Februari 2027" in teks
    assert dunia.a.kepala_nama in teks and f"NIP {dunia.a.kepala_nip}" in teks
    halaman = re.findall(r"Halaman (\d+) dari (\d+)", teks)
    assert len(halaman) >= 2
    assert [int(h) for h, _ in halaman] == list(range(1, len(halaman) + 1))
    assert {int(n) for _, n in halaman} == {len(halaman)}
