"""The registers as Excel workbooks, through django-import-export Resources.

Each Resource's columns are its template's ``kunci`` in order and are written by the
project's writer (``puskesmas.alat.impor.ekspor_dengan_resource``), which keeps every text
cell a text: a complaint typed as "=HYPERLINK(...)" stays those characters, never a formula.
Numbers stay numbers and dates dates.
"""

from __future__ import annotations

import operator

from import_export import resources
from import_export.fields import Field

from puskesmas.alat.impor import BULAT, DESIMAL, TANGGAL, Kolom, Templat, ekspor_dengan_resource

from . import aturan_register as aturan


def _kolom(*kolom: Kolom) -> tuple[Kolom, ...]:
    return kolom


def _resource(nama: str, templat: Templat, nilai: dict):
    """A Resource class with one exported Field per template column, in order; ``nilai``
    maps each column's kunci to a function of the row giving the cell's value."""
    atribut = {}
    for k in templat.kolom:
        atribut[k.kunci] = Field(column_name=k.kunci)
        atribut[f"dehydrate_{k.kunci}"] = (lambda fungsi: lambda self, obj: fungsi(obj))(
            nilai[k.kunci]
        )
    return type(nama, (resources.Resource,), atribut)


# --- Pengaduan -----------------------------------------------------------------------------

TEMPLAT_PENGADUAN = Templat(
    judul="Register pengaduan",
    nama_sheet="Pengaduan",
    kolom=_kolom(
        Kolom("Tanggal", "tanggal", TANGGAL, lebar=12),
        Kolom("Media", "media", lebar=16),
        Kolom("Isi pengaduan", "isi", lebar=50),
        Kolom("Analisis", "analisis", wajib=False, lebar=50),
        Kolom("Jumlah RTL", "jumlah_rtl", BULAT, lebar=10),
        Kolom("RTL selesai", "rtl_selesai", BULAT, lebar=10),
        Kolom("Status", "status", lebar=16),
    ),
)

PengaduanResource = _resource(
    "PengaduanResource",
    TEMPLAT_PENGADUAN,
    {
        "tanggal": lambda o: o.tanggal,
        "media": lambda o: o.get_media_display(),
        "isi": lambda o: o.isi,
        "analisis": lambda o: o.analisis,
        "jumlah_rtl": lambda o: getattr(o, "jumlah_rtl", 0),
        "rtl_selesai": lambda o: getattr(o, "rtl_selesai", 0),
        "status": lambda o: o.get_status_display(),
    },
)


def ekspor_pengaduan(daftar) -> bytes:
    return ekspor_dengan_resource(PengaduanResource(), daftar, TEMPLAT_PENGADUAN)


# --- Survei kepuasan ---------------------------------------------------------------------

TEMPLAT_SURVEI = Templat(
    judul="Survei kepuasan masyarakat",
    nama_sheet="Survei",
    kolom=_kolom(
        Kolom("Periode", "periode", lebar=16),
        Kolom("Tanggal mulai", "tanggal_mulai", TANGGAL, lebar=12),
        Kolom("Tanggal selesai", "tanggal_selesai", TANGGAL, lebar=12),
        Kolom("Responden", "jumlah_responden", BULAT, lebar=10),
        *(
            Kolom(f"U{i}", f"u{i}", DESIMAL, lebar=8, keterangan=nama)
            for i, nama in enumerate(aturan.UNSUR_IKM, start=1)
        ),
        Kolom("IKM", "ikm", DESIMAL, lebar=8),
        Kolom("Mutu", "mutu", lebar=16),
        Kolom("Analisis", "analisis", wajib=False, lebar=50),
        Kolom("Jumlah RTL", "jumlah_rtl", BULAT, lebar=10),
        Kolom("Dipublikasikan", "dipublikasikan", lebar=12),
        Kolom("Media publikasi", "media_publikasi", wajib=False, lebar=24),
    ),
)

SurveiResource = _resource(
    "SurveiResource",
    TEMPLAT_SURVEI,
    {
        "periode": lambda o: o.periode,
        "tanggal_mulai": lambda o: o.tanggal_mulai,
        "tanggal_selesai": lambda o: o.tanggal_selesai,
        "jumlah_responden": lambda o: o.jumlah_responden,
        **{f"u{i}": operator.attrgetter(f"u{i}") for i in range(1, 10)},
        "ikm": lambda o: o.ikm,
        "mutu": lambda o: f"{o.mutu.kode} ({o.mutu.kinerja})",
        "analisis": lambda o: o.analisis,
        "jumlah_rtl": lambda o: getattr(o, "jumlah_rtl", 0),
        "dipublikasikan": lambda o: "Ya" if o.dipublikasikan else "Belum",
        "media_publikasi": lambda o: o.media_publikasi,
    },
)


def ekspor_survei(daftar) -> bytes:
    return ekspor_dengan_resource(SurveiResource(), daftar, TEMPLAT_SURVEI)


# --- Register risiko ---------------------------------------------------------------------

TEMPLAT_RISIKO = Templat(
    judul="Register risiko",
    nama_sheet="Risiko",
    kolom=_kolom(
        Kolom("Risiko", "risiko", lebar=40),
        Kolom("Area", "area", lebar=20),
        Kolom("Kemungkinan", "kemungkinan", BULAT, lebar=10),
        Kolom("Dampak", "dampak", BULAT, lebar=10),
        Kolom("Skor", "skor", BULAT, lebar=8),
        Kolom("Tingkat", "tingkat", lebar=10),
        Kolom("Pengendalian", "pengendalian", wajib=False, lebar=40),
        Kolom("Pemilik risiko", "pemilik", wajib=False, lebar=24),
        Kolom("Status", "status", lebar=12),
        Kolom("Tanggal tinjauan", "tanggal_tinjau", TANGGAL, wajib=False, lebar=12),
    ),
)

RisikoResource = _resource(
    "RisikoResource",
    TEMPLAT_RISIKO,
    {
        "risiko": lambda o: o.risiko,
        "area": lambda o: o.get_area_display(),
        "kemungkinan": lambda o: o.kemungkinan,
        "dampak": lambda o: o.dampak,
        "skor": lambda o: o.skor,
        "tingkat": lambda o: o.tingkat.label,
        "pengendalian": lambda o: o.pengendalian,
        "pemilik": lambda o: o.pemilik.get_full_name() if o.pemilik_id else "",
        "status": lambda o: o.get_status_display(),
        "tanggal_tinjau": lambda o: o.tanggal_tinjau,
    },
)


def ekspor_risiko(daftar) -> bytes:
    return ekspor_dengan_resource(RisikoResource(), daftar, TEMPLAT_RISIKO)
