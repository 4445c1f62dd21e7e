"""The ranking as a table: the same columns and values for the Excel export, the PDF recap
and ``manage.py pkp_ranking`` (CSV). One row per set assessment, in rank order; values are
the display values (``scoring.tampil``: one decimal, half up), numbers as numbers."""

from __future__ import annotations

from decimal import Decimal

from puskesmas.alat.impor import BULAT, DESIMAL, TEKS, Kolom, Templat, buat_xlsx

from .. import scoring
from .peringkat import Nilai, PeringkatKabupaten

ROMAWI = {1: "I", 2: "II", 3: "III"}
TANPA_KELOMPOK = "Tanpa kelompok"


def romawi(kelompok) -> str:
    """ "I", "II", "III", or "" without a group."""
    return "" if kelompok is None else ROMAWI[int(kelompok)]


def _v(nilai: Decimal | None) -> Decimal | None:
    return scoring.tampil(nilai)


def kolom(peringkat: PeringkatKabupaten) -> tuple[Kolom, ...]:
    """The columns of the table, in order."""
    tahun_lalu = peringkat.tahun - 1
    daftar = [
        Kolom("Peringkat dalam kelompok", "peringkat", BULAT, lebar=12),
        Kolom("Kelompok", "kelompok", TEKS, lebar=14),
        Kolom("Kode Puskesmas", "kode", TEKS, lebar=16),
        Kolom("Puskesmas", "puskesmas", TEKS, lebar=24),
        Kolom("Kinerja pelayanan (%)", "pelayanan", DESIMAL, lebar=14),
    ]
    daftar += [
        Kolom(f"Pelayanan: {k.label} (%)", f"pel_{k.kunci}", DESIMAL, wajib=False, lebar=14)
        for k in peringkat.kolom_pelayanan
    ]
    daftar += [
        Kolom("Kelompok pelayanan", "kelompok_pelayanan", TEKS, wajib=False, lebar=12),
        Kolom("Kinerja manajemen", "manajemen", DESIMAL, lebar=12),
    ]
    daftar += [
        Kolom(f"Manajemen: {k.label}", f"man_{k.kunci}", DESIMAL, wajib=False, lebar=14)
        for k in peringkat.kolom_manajemen
    ]
    daftar += [
        Kolom("Kelompok manajemen", "kelompok_manajemen", TEKS, wajib=False, lebar=12),
        Kolom("Mutu pelayanan (%)", "mutu", DESIMAL, wajib=False, lebar=12),
        Kolom("Kelompok mutu", "kelompok_mutu", TEKS, wajib=False, lebar=12),
        Kolom(f"Kelompok {tahun_lalu}", "kelompok_lalu", TEKS, wajib=False, lebar=12),
        Kolom(f"Kinerja pelayanan {tahun_lalu} (%)", "pelayanan_lalu", DESIMAL, wajib=False),
        Kolom(f"Kinerja manajemen {tahun_lalu}", "manajemen_lalu", DESIMAL, wajib=False),
        Kolom(f"Mutu pelayanan {tahun_lalu} (%)", "mutu_lalu", DESIMAL, wajib=False),
    ]
    return tuple(daftar)


def baris(peringkat: PeringkatKabupaten) -> list[list]:
    """One list of values per set assessment, in rank order, matching ``kolom``."""
    hasil = []
    for b in peringkat.ditetapkan:
        n: Nilai = b.nilai
        lalu = b.lalu
        hasil.append(
            [
                b.nomor,
                romawi(n.kelompok) or TANPA_KELOMPOK,
                b.puskesmas.kode,
                b.puskesmas.nama,
                _v(n.pelayanan),
                *[_v(v) for v in n.cabang_pelayanan],
                romawi(n.kelompok_pelayanan),
                _v(n.manajemen),
                *[_v(v) for v in n.cabang_manajemen],
                romawi(n.kelompok_manajemen),
                _v(n.mutu),
                romawi(n.kelompok_mutu),
                romawi(lalu.kelompok) if lalu else "",
                _v(lalu.pelayanan) if lalu else None,
                _v(lalu.manajemen) if lalu else None,
                _v(lalu.mutu) if lalu else None,
            ]
        )
    return hasil


def templat(peringkat: PeringkatKabupaten) -> Templat:
    return Templat(
        judul=(
            f"Penetapan Kelompok Kinerja Puskesmas {peringkat.kabupaten.nama} "
            f"tahun {peringkat.tahun}"
        ),
        nama_sheet="Peringkat",
        kolom=kolom(peringkat),
        petunjuk=(
            "Satu baris per Puskesmas yang penilaiannya sudah ditetapkan, urut kelompok "
            "(I baik, II cukup, III kurang) lalu peringkat dalam kelompok.",
            "Nilai dibulatkan satu desimal; kelompok ditentukan dari nilai sebelum dibulatkan.",
            "Kinerja manajemen bernilai 0–10; kinerja dan mutu pelayanan dalam persen.",
        ),
    )


def xlsx(peringkat: PeringkatKabupaten) -> bytes:
    """The ranking as a workbook (the project's writer: numbers as numbers, text as text)."""
    return buat_xlsx(templat(peringkat), baris(peringkat))


def baris_tampil(peringkat: PeringkatKabupaten) -> list[list[tuple[str, bool]]]:
    """``baris`` for a page or PDF: each cell as (text, is a number), decimals with a comma."""
    from puskesmas.alat.angka import format_angka

    def sel(v) -> tuple[str, bool]:
        if v is None or v == "":
            return "–", False
        if isinstance(v, Decimal):
            return format_angka(v, 1), True
        if isinstance(v, int):
            return str(v), True
        return str(v), False

    return [[sel(v) for v in r] for r in baris(peringkat)]
