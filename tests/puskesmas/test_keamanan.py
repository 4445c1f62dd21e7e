"""Browser security headers, and templates that keep the Content-Security-Policy possible.

Every 200 page of the URL matrix is checked for the headers (test_matrix.py); the browser
tests fail on any CSP violation Chromium reports (tests/browser/conftest.py).
"""

import re
from pathlib import Path

from django.conf import settings
from django.test import Client

from .keamanan import periksa_header_keamanan

AKAR = Path(settings.BASE_DIR)
# PDF templates are rendered by WeasyPrint on the server, never served to a browser.
TEMPLAT = [
    p
    for p in [*AKAR.glob("templates/**/*.html"), *AKAR.glob("*/templates/**/*.html")]
    if "/dokumen/" not in p.as_posix()
]
PENANGAN_INLINE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
SKRIP_INLINE = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
GAYA_INLINE = re.compile(r"<style[\s>]", re.IGNORECASE)


def test_the_templates_were_found():
    assert len(TEMPLAT) > 50


def test_no_template_has_inline_script_or_event_handlers():
    salah = []
    for path in TEMPLAT:
        teks = path.read_text()
        for pola in (PENANGAN_INLINE, SKRIP_INLINE, GAYA_INLINE):
            salah += [f"{path.relative_to(AKAR)}: {m.group(0)}" for m in pola.finditer(teks)]
    assert salah == []


def test_htmx_is_told_not_to_inject_styles_or_eval():
    base = (AKAR / "templates/base.html").read_text()
    assert '"includeIndicatorStyles": false' in base
    assert '"allowEval": false' in base
    assert not any("hx-on" in p.read_text() for p in TEMPLAT)


def test_public_pages_carry_the_headers(db):
    for url in ("/akun/masuk/", "/akun/kata-sandi/lupa/"):
        r = Client().get(url)
        assert r.status_code == 200
        periksa_header_keamanan(r, url)


def test_the_503_page_carries_the_headers_too(db, monkeypatch):
    from django.db import OperationalError

    from puskesmas.views import beranda as views

    def mati(*a, **kw):
        raise OperationalError("simulated")

    monkeypatch.setattr(views.LoginView, "get", mati)
    r = Client(raise_request_exception=False).get("/akun/masuk/")
    assert r.status_code == 503
    periksa_header_keamanan(r, "503")
