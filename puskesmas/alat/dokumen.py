"""The one PDF helper: every official document is an HTML template rendered by WeasyPrint.

Templates extend ``dokumen/base.html`` (kop, page numbers, Indonesian dates) and include
``dokumen/_ttd.html`` for the signature block. Charts are inline SVG, so the same chart
serves the page and the PDF.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_pdf(template: str, context: dict, *, request=None, landscape: bool = False) -> bytes:
    from weasyprint import HTML  # imported late: needs Pango, only PDF views pay for it

    context = {**context, "landscape": landscape}
    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


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
