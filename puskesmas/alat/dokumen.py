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
import hashlib
import json
import mimetypes
from dataclasses import dataclass
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


# --- Large documents: rendered in the background, kept until their content changes -----
#
# WeasyPrint is the expensive part of a PDF: a RUK of 25 activities took 0.7-1.6 s and
# +40 MB in the web worker, and two at once held both workers of a 2-worker node. A view
# declares a document large by answering with ``pdf_besar_response`` instead of
# ``pdf_response`` (and by taking :class:`PdfBesarMixin`, which lets it accept the POST
# below). The request still renders the HTML (queries and template, the cheap part) and
# names the PDF by a hash of it, so the PDF is made once per content:
#
# * a PDF of that content already in storage is sent at once (GET);
# * otherwise a GET writes nothing: it answers with a small page that says the PDF must
#   be prepared, with a "Siapkan PDF" button, or sends the user to the progress page of
#   the job already preparing that file for them;
# * the button POSTs to the same URL (through the same scope checks as the GET), which
#   starts a background job (``latar.py``) that turns that HTML into the PDF, and sends
#   the user to its progress page, whose "Unduh PDF" link comes back to the same URL, now
#   served from storage.
#
# Any change that shows in the document (a row, a status, a signature, the template)
# changes the HTML, hence the name: an edited document is never served stale, and the
# older file of the same folder is removed when the new one is written. The files live in
# the default storage (local disk or object storage, ``STORAGES``) under
# ``dokumen/<model>/<pk>/`` for a document that is one model object, and under
# ``dokumen/rekap/<kabupaten>/<kind>/<year>/`` for a kabupaten's recap (:class:`Rekap`).
# They are never linked directly and are sent only through the document's own view, after
# its scope check. Documents with fewer rows than ``PDF_BESAR_MIN_BARIS`` stay
# synchronous, as small documents are.
#
# ``zip_pdf_response`` serves a batch the same way: many documents, one PDF each, in one
# ZIP named by the hash of all their HTML and made by one job (always: a batch is large).

JENIS_PDF_BESAR = "pdf_besar"
JENIS_ZIP_PDF = "zip_pdf"  # many documents, one PDF each, in one ZIP
PESAN_PDF_DISIAPKAN = "PDF sedang disiapkan. Unduh dari halaman ini setelah selesai."


@dataclass(frozen=True)
class Rekap:
    """The storage folder of a large document that is no one model object: a kabupaten's
    recap of one kind (``jenis``, a short slug such as ``"peringkat-pkp"``) for a year."""

    kabupaten: object  # a Kabupaten
    jenis: str
    tahun: int

    @property
    def folder(self) -> str:
        jenis = slugify(self.jenis)
        if not jenis:
            raise ValueError("a recap needs a kind")
        return f"dokumen/rekap/{self.kabupaten.pk}/{jenis}/{int(self.tahun)}"


class PdfBesarMixin:
    """For the view of a large document: a POST asks for its PDF to be prepared.

    The POST goes through the view's own ``get`` (the same object lookup, scope and
    capability checks), and ``pdf_besar_response`` tells the two methods apart."""

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


def _folder_pdf(objek) -> str:
    if isinstance(objek, Rekap):
        return objek.folder
    return f"dokumen/{objek._meta.label_lower}/{objek.pk}"


def kunci_isi(html: str, *, landscape: bool) -> str:
    return hashlib.sha256(f"{int(landscape)}\0{html}".encode()).hexdigest()


def berkas_pdf_besar(objek, kunci: str, ekstensi: str = "pdf") -> str:
    return f"{_folder_pdf(objek)}/{kunci}.{ekstensi}"


def _tugas_berjalan(user, jenis: str, berkas: str):
    """The job of ``user`` that is preparing ``berkas`` now, if any (a read)."""
    from ..models import TugasLatar

    return (
        TugasLatar.objects.for_user(user)
        .filter(
            jenis=jenis,
            parameter__berkas=berkas,
            status__in=[TugasLatar.Status.MENUNGGU, TugasLatar.Status.BERJALAN],
        )
        .order_by("-pk")
        .first()
    )


def pdf_besar_response(
    request,
    template: str,
    context: dict,
    *,
    objek,
    nama: str,
    baris: int,
    landscape: bool = False,
):
    """A large document's PDF (see above): from storage, else prepared by a background job
    that a POST starts.

    ``objek`` is the document (a model object, or a :class:`Rekap` for a recap): its
    folder in storage. ``baris`` is its number of rows. The caller has checked the user's
    scope on the document, for the POST as for the GET."""
    if baris < settings.PDF_BESAR_MIN_BARIS:
        return pdf_response(template, context, nama=nama, request=request, landscape=landscape)
    html = render_to_string(template, {**context, "landscape": landscape}, request=request)
    return _berkas_besar_response(
        request,
        objek=objek,
        nama=nama,
        jenis=JENIS_PDF_BESAR,
        kunci=kunci_isi(html, landscape=landscape),
        masukan=html.encode(),
        uraian=f"Dokumen ini cukup besar ({baris} baris), sehingga PDF-nya disusun di latar "
        "belakang.",
    )


@dataclass(frozen=True)
class DokumenZip:
    """One PDF of a ZIP of documents: its file name inside the ZIP, template and context."""

    nama: str
    template: str
    context: dict
    landscape: bool = False


def zip_pdf_response(request, dokumen: list[DokumenZip], *, objek, nama: str):
    """Many documents as one ZIP of their PDFs, always made by a background job (a batch
    of PDFs is never small), kept and served as a large document's PDF is (see above).

    The request renders every document's HTML; the ZIP is named by a hash of all of them,
    so a changed, added or removed document makes a new ZIP. ``objek`` is the folder in
    storage (usually a :class:`Rekap`); the caller has checked the user's scope on it and
    on every document."""
    bagian = []
    nama_dipakai: set[str] = set()
    for d in dokumen:
        dasar = _nama_berkas(d.nama, "pdf")[: -len(".pdf")]
        nama_berkas, n = f"{dasar}.pdf", 1
        while nama_berkas in nama_dipakai:  # one entry per document, even of equal names
            n += 1
            nama_berkas = f"{dasar}-{n}.pdf"
        nama_dipakai.add(nama_berkas)
        # Without the request: the site's context processors (menus, counts) would run once
        # per document, and a document prints nothing of them.
        html = render_to_string(d.template, {**d.context, "landscape": d.landscape})
        bagian.append({"nama": nama_berkas, "html": html})
    kunci = hashlib.sha256(
        "\0".join(f"{b['nama']}\0{b['html']}" for b in bagian).encode()
    ).hexdigest()
    return _berkas_besar_response(
        request,
        objek=objek,
        nama=nama,
        jenis=JENIS_ZIP_PDF,
        kunci=kunci,
        masukan=json.dumps(bagian).encode(),
        uraian=f"Berkas ZIP ini memuat {len(bagian)} dokumen PDF, yang disusun di latar belakang.",
    )


_JENIS_BERKAS = {
    # job kind: (file extension, content type, what the pages call it)
    JENIS_PDF_BESAR: ("pdf", "application/pdf", "PDF"),
    JENIS_ZIP_PDF: ("zip", "application/zip", "ZIP"),
}


def _berkas_besar_response(request, *, objek, nama, jenis, kunci, masukan: bytes, uraian):
    """The file of ``kunci`` in ``objek``'s folder: sent (GET) when it is in storage;
    else a GET writes nothing and offers the button (or the running job's page), and the
    button's POST starts the ``jenis`` job on ``masukan`` (what the request rendered)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.http import FileResponse
    from django.shortcuts import redirect, render
    from django.utils.cache import add_never_cache_headers

    from .latar import tugas_mulai

    ekstensi, content_type, sebutan = _JENIS_BERKAS[jenis]
    berkas = berkas_pdf_besar(objek, kunci, ekstensi)
    alamat = request.get_full_path()
    if default_storage.exists(berkas):
        if request.method == "POST":  # prepared meanwhile: download it with a GET
            return redirect(alamat)
        return FileResponse(
            default_storage.open(berkas, "rb"),
            as_attachment=True,
            filename=_nama_berkas(nama, ekstensi),
            content_type=content_type,
        )
    # One job per content and user: a second click waits for the first job.
    berjalan = _tugas_berjalan(request.user, jenis, berkas)
    if berjalan is not None:
        return redirect("tugas_latar", berjalan.pk)
    if request.method != "POST":
        # A GET writes nothing: the user asks for the file with the page's button.
        response = render(
            request,
            "puskesmas/pdf_besar_siapkan.html",
            {"judul": nama, "sebutan": sebutan, "uraian": uraian, "alamat": alamat},
        )
        add_never_cache_headers(response)  # the same URL serves the file once it is made
        return response
    rekap = isinstance(objek, Rekap)
    tugas = tugas_mulai(
        jenis=jenis,
        user=request.user,
        puskesmas=None if rekap else getattr(objek, "puskesmas", None),
        kabupaten=objek.kabupaten if rekap else None,
        parameter={"judul": f"{sebutan} {nama}", "berkas": berkas, "tautan": alamat},
        berkas=ContentFile(masukan, name="dokumen.html" if ekstensi == "pdf" else "dokumen.json"),
    )
    return redirect("tugas_latar", tugas.pk)


def _html_ke_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=DOKUMEN_BASE_URL, url_fetcher=_pengambil()()).write_pdf()


def _simpan_versi(berkas: str, isi: bytes) -> None:
    """Save ``berkas`` and remove the other versions in its folder (older content)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    folder, nama = berkas.rsplit("/", 1)
    try:
        _, lama = default_storage.listdir(folder)
    except FileNotFoundError:
        lama = []
    default_storage.save(berkas, ContentFile(isi))
    for berkas_lama in lama:  # the versions of the document before this content
        if berkas_lama != nama:
            default_storage.delete(f"{folder}/{berkas_lama}")


def _jalankan_pdf_besar(tugas, progres) -> str:
    """The job: the HTML the request rendered, to a PDF in storage."""
    from django.core.files.storage import default_storage

    berkas = tugas.parameter["berkas"]
    if not default_storage.exists(berkas):
        progres(10, "Menyusun PDF…")
        with tugas.berkas_masuk.open("rb") as f:
            html = f.read().decode()
        pdf = _html_ke_pdf(html)
        progres(90, "Menyimpan PDF…")
        _simpan_versi(berkas, pdf)
    return tugas.parameter["tautan"]


def _jalankan_zip_pdf(tugas, progres) -> str:
    """The job: each HTML the request rendered to a PDF, all of them in one ZIP."""
    import io
    import zipfile

    from django.core.files.storage import default_storage

    berkas = tugas.parameter["berkas"]
    if not default_storage.exists(berkas):
        with tugas.berkas_masuk.open("rb") as f:
            bagian = json.loads(f.read().decode())
        keluaran = io.BytesIO()
        with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as zf:
            for i, b in enumerate(bagian):
                persen = 5 + 85 * i // max(1, len(bagian))
                progres(persen, f"Menyusun PDF {i + 1} dari {len(bagian)}…")
                zf.writestr(b["nama"], _html_ke_pdf(b["html"]))
        progres(95, "Menyimpan ZIP…")
        _simpan_versi(berkas, keluaran.getvalue())
    return tugas.parameter["tautan"]


def daftar_tugas() -> None:
    """Register the job (called once from the app's ``ready``: web and worker alike)."""
    from .latar import tugas_latar

    tugas_latar(JENIS_PDF_BESAR, batas_waktu=10 * 60)(_jalankan_pdf_besar)
    tugas_latar(JENIS_ZIP_PDF, batas_waktu=30 * 60)(_jalankan_zip_pdf)
