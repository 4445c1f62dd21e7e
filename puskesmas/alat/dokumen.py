"""The one PDF helper: every official document is an HTML template rendered by WeasyPrint.

Templates extend ``dokumen/base.html`` (kop, page numbers, Indonesian dates) and include
``dokumen/_ttd.html`` for the signature block. Charts are inline SVG, so the same chart
serves the page and the PDF.

Rendering never leaves the process: WeasyPrint would otherwise fetch any ``url(...)``,
``<img>`` or ``<link>`` it meets, from the network or the disk, which turns any text that
reaches a document into a server-side request. :class:`PengambilStatis` serves the
project's own static files (``{% static %}``) and refuses everything else.
"""

from __future__ import annotations

import functools
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from .alur import StatusAlur

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The address documents are rendered at. ``.invalid`` is reserved (RFC 2606) and never
# resolves, so a relative or ``{% static %}`` URL becomes an address under it that only
# the fetcher below understands, and nothing is ever requested from the network.
DOKUMEN_BASE_URL = "https://dokumen.invalid/"


def _url_statis() -> str:
    return urljoin(DOKUMEN_BASE_URL, settings.STATIC_URL)


def berkas_statis(url: str) -> Path | None:
    """The file behind ``url`` when it names one of the project's static files, else None."""
    awalan = _url_statis()
    bagian = urlsplit(url)
    tanpa_query = f"{bagian.scheme}://{bagian.netloc}{bagian.path}"
    if not tanpa_query.startswith(awalan):
        return None
    relatif = unquote(tanpa_query[len(awalan) :])
    segmen = relatif.split("/")
    # Decoded ``..`` (``%2e%2e``), empty or odd segments never name a static file.
    if any(s in ("", ".", "..") or "\\" in s or "\x00" in s for s in segmen):
        return None
    kandidat = []
    try:
        # Collected files first: production serves hashed names from STATIC_ROOT.
        kandidat.append(Path(staticfiles_storage.path(relatif)))
    except (NotImplementedError, SuspiciousFileOperation):
        pass
    ditemukan = finders.find(relatif)  # the source folders (development, tests)
    if ditemukan:
        kandidat.append(Path(ditemukan))
    return next((p for p in kandidat if p.is_file()), None)


@functools.cache
def _pengambil():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PengambilStatis(URLFetcher):
        """WeasyPrint's URL fetcher for official documents: static files only.

        http(s), file://, data: and every other scheme are refused (WeasyPrint logs a
        warning and renders without the resource), so no document can make the server
        request an address or read a file outside the static folders."""

        def fetch(self, url, headers=None):
            path = berkas_statis(url)
            if path is None:
                raise ValueError(f"Not a static file of this project, refused in PDFs: {url}")
            jenis, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": jenis or "application/octet-stream"}
            )

    return PengambilStatis


def __getattr__(nama: str):
    # ``PengambilStatis`` subclasses WeasyPrint's fetcher, and WeasyPrint needs Pango:
    # built on first use so that importing this module stays cheap for non-PDF views.
    if nama == "PengambilStatis":
        return _pengambil()
    raise AttributeError(nama)


# Statuses of a document nobody has approved yet: its PDF says "DRAF" on every page and
# its signature block carries no name, NIP or date (a draft must not pass for a signed one).
STATUS_DRAF = frozenset({StatusAlur.DRAFT, StatusAlur.DIAJUKAN, StatusAlur.DIKEMBALIKAN})


def draf(dokumen) -> bool:
    """Whether ``dokumen`` (a workflow document) prints as a draft."""
    return dokumen.status in STATUS_DRAF


def render_pdf(template: str, context: dict, *, request=None, landscape: bool = False) -> bytes:
    from weasyprint import HTML  # imported late: needs Pango, only PDF views pay for it

    context = {**context, "landscape": landscape}
    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=DOKUMEN_BASE_URL, url_fetcher=_pengambil()()).write_pdf()


def _nama_berkas(nama: str, ekstensi: str) -> str:
    return f"{slugify(nama) or 'dokumen'}.{ekstensi}"


def pdf_response(template: str, context: dict, *, nama: str, request=None, landscape=False):
    pdf = render_pdf(template, context, request=request, landscape=landscape)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_nama_berkas(nama, "pdf")}"'
    return response


def xlsx_response(isi: bytes, *, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_nama_berkas(nama, "xlsx")}"'
    return response
