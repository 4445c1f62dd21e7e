"""The shared PDF helper: kop, Indonesian date, page numbers, signature block."""

import re
import shutil
import subprocess
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.template import engines
from django.templatetags.static import static

from puskesmas.alat.dokumen import DOKUMEN_BASE_URL, PengambilStatis, render_pdf
from puskesmas.models import Puskesmas


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
    # The footer carries the Puskesmas name on every page, not only the first.
    kaki = [baris for baris in teks.splitlines() if "Halaman" in baris]
    assert all("Puskesmas Alfa" in baris for baris in kaki), kaki


# --- Hardening: no user text in CSS, no outside fetches -----------------------------------


@pytest.fixture
def templat(settings, tmp_path):
    """Write a throw-away template next to the real ones: ``templat(name, source)``."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]

    def tulis(nama: str, isi: str) -> str:
        (tmp_path / nama).write_text(isi)
        return nama

    return tulis


@pytest.fixture
def server_luar():
    """A tiny HTTP server on 127.0.0.1 standing in for any outside address; it records
    every path requested, so a test can assert that rendering a PDF asked for nothing."""
    diminta: list[str] = []

    class Catat(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            diminta.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Catat)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", diminta
    finally:
        server.shutdown()
        server.server_close()


def test_a_name_cannot_inject_css_that_fetches_an_outside_url(dunia, server_luar, templat):
    alamat, diminta = server_luar
    # Saved without validation, as an older row or a direct database write could be.
    Puskesmas.objects.filter(pk=dunia.a.pk).update(
        nama=f"Alfa\n}}}} body {{ background: url({alamat}/bocor) }} @page {{ @top-left {{ content: x"
    )
    dunia.a.refresh_from_db()
    nama = templat(
        "uji_kaki.html", '{% extends "dokumen/base.html" %}{% block isi %}<p>Isi</p>{% endblock %}'
    )
    render_pdf(nama, {"puskesmas": dunia.a})
    assert diminta == []


def test_a_template_referencing_an_outside_url_fetches_nothing(dunia, server_luar, templat):
    alamat, diminta = server_luar
    nama = templat(
        "uji_luar.html",
        '{% extends "dokumen/base.html" %}{% block isi %}'
        f'<link rel="stylesheet" href="{alamat}/gaya.css">'
        f'<img src="{alamat}/logo.png"><div style="background: url({alamat}/latar.png)">x</div>'
        "{% endblock %}",
    )
    render_pdf(nama, {"puskesmas": dunia.a})
    assert diminta == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/logo.png",
        "ftp://example.com/x",
        "data:text/css,body{color:red}",
        # The document origin with a path outside the static files, or escaping them.
        f"{DOKUMEN_BASE_URL}etc/passwd",
        f"{DOKUMEN_BASE_URL}static/../puskesmas/settings/base.py",
        f"{DOKUMEN_BASE_URL}static/%2e%2e/puskesmas/settings/base.py",
        f"{DOKUMEN_BASE_URL}static/tidak-ada.css",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(ValueError):
        PengambilStatis().fetch(url)


def test_the_fetcher_serves_the_projects_static_files():
    url = urljoin(DOKUMEN_BASE_URL, static("img/favicon.svg"))
    respons = PengambilStatis().fetch(url)
    try:
        isi = respons.read()
    finally:
        respons.close()
    assert isi == (settings.BASE_DIR / "static" / "img" / "favicon.svg").read_bytes()
    assert respons.content_type == "image/svg+xml"


def test_names_print_exactly_in_the_kop_and_the_footer(dunia, templat):
    Puskesmas.objects.filter(pk=dunia.a.pk).update(nama="O'Neil <Utama>")
    dunia.a.refresh_from_db()
    nama = templat(
        "uji_nama.html", '{% extends "dokumen/base.html" %}{% block isi %}<p>Isi</p>{% endblock %}'
    )
    teks = pdf_teks(render_pdf(nama, {"puskesmas": dunia.a}))
    assert "PUSKESMAS O'NEIL <UTAMA>" in teks  # the kop, upper-cased by CSS
    kaki = [baris for baris in teks.splitlines() if "Halaman 1 dari 1" in baris]
    assert len(kaki) == 1 and "Puskesmas O'Neil <Utama>" in kaki[0], teks
    assert "&lt;" not in teks and "&#x27;" not in teks and "&amp;" not in teks
