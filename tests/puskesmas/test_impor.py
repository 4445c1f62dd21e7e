"""The shared Excel reader: every problem reported with row and column, in Indonesian."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from puskesmas.alat.impor import (
    BULAT,
    DESIMAL,
    PILIHAN,
    TANGGAL,
    Kolom,
    Templat,
    baca_xlsx,
    buat_xlsx,
)

TEMPLAT = Templat(
    judul="Uji",
    nama_sheet="Data",
    kolom=(
        Kolom("Kode", "kode"),
        Kolom("Jumlah", "jumlah", BULAT),
        Kolom("Anggaran (Rp)", "anggaran", DESIMAL),
        Kolom("Sumber", "sumber", PILIHAN, pilihan=("BOK", "APBD")),
        Kolom("Tanggal", "tanggal", TANGGAL, wajib=False),
    ),
)


def xlsx(rows, sheet="Data", header=None):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header or [k.judul for k in TEMPLAT.kolom])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("uji.xlsx", buf.getvalue())


def teks(hasil):
    return [str(g) for g in hasil.galat]


@pytest.mark.parametrize(
    "mentah, angka",
    [
        ("1.500.000", Decimal(1500000)),
        ("Rp 1.500.000", Decimal(1500000)),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("3.000", Decimal(3000)),
        (2500, Decimal(2500)),
        (12.25, Decimal("12.25")),
        ("85%", Decimal(85)),
        ("sepuluh", None),
        (True, None),
    ],
)
def test_numbers_are_read_the_indonesian_way(mentah, angka):
    from puskesmas.alat.angka import baca_angka

    assert baca_angka(mentah) == angka


def test_a_valid_file_is_read(settings):
    hasil = baca_xlsx(
        xlsx(
            [["A1", 3, "1.500.000", "bok", "14/02/2027"], [None] * 5, ["A2", "4", 10, "APBD", None]]
        ),
        TEMPLAT,
    )
    assert hasil.sah, teks(hasil)
    assert [n for n, _ in hasil.baris] == [2, 4]
    assert hasil.baris[0][1] == {
        "kode": "A1",
        "jumlah": 3,
        "anggaran": Decimal(1500000),
        "sumber": "BOK",
        "tanggal": __import__("datetime").date(2027, 2, 14),
    }


def test_every_cell_error_is_reported_with_row_and_column():
    hasil = baca_xlsx(
        xlsx([["A1", "tiga", "sepuluh juta", "DAU", "kemarin"], [None, 2, -5, "BOK", None]]),
        TEMPLAT,
    )
    assert teks(hasil) == [
        "Baris 2, kolom «Jumlah»: «tiga» bukan angka. Isi dengan angka saja, misalnya 1500000 atau 12,5.",
        "Baris 2, kolom «Anggaran (Rp)»: «sepuluh juta» bukan angka. Isi dengan angka saja, misalnya 1500000 atau 12,5.",
        "Baris 2, kolom «Sumber»: «DAU» bukan pilihan yang sah. Pilihan: BOK, APBD.",
        "Baris 2, kolom «Tanggal»: «kemarin» bukan tanggal. Gunakan format HH/BB/TTTT, misalnya 14/02/2027.",
        "Baris 3, kolom «Kode»: Wajib diisi.",
        "Baris 3, kolom «Anggaran (Rp)»: Tidak boleh kurang dari 0.",
    ]


def test_wrong_sheet():
    hasil = baca_xlsx(xlsx([["A1", 1, 1, "BOK", None]], sheet="Sheet1"), TEMPLAT)
    assert teks(hasil) == [
        "Sheet «Data» tidak ditemukan. Sheet yang ada: Sheet1. Gunakan templat yang diunduh "
        "dari aplikasi dan jangan mengganti nama sheet."
    ]


def test_wrong_and_missing_columns():
    header = ["Kode", "Jumlah", "Anggaran", "Sumber", "Tanggal", "Catatan"]
    hasil = baca_xlsx(xlsx([["A1", 1, 1, "BOK", None, "x"]], header=header), TEMPLAT)
    assert any("kolom «Anggaran (Rp)»: Kolom ini tidak ditemukan" in t for t in teks(hasil))
    assert any("kolom «Catatan»: Kolom ini tidak dikenal" in t for t in teks(hasil))
    assert hasil.baris == []


def test_not_an_excel_file():
    hasil = baca_xlsx(SimpleUploadedFile("uji.xlsx", b"bukan excel"), TEMPLAT)
    assert "bukan file Excel (.xlsx)" in teks(hasil)[0]


def test_a_50_mb_file_is_refused_before_reading(settings):
    berkas = SimpleUploadedFile("besar.xlsx", b"0")
    berkas.size = 50 * 1024 * 1024
    hasil = baca_xlsx(berkas, TEMPLAT)
    assert teks(hasil) == [
        "Berkas terlalu besar (50,0 MB); batasnya 10,0 MB. Hapus baris atau sheet yang tidak "
        "perlu, atau bagi menjadi beberapa berkas."
    ]


def test_an_empty_template_is_reported():
    assert "tidak berisi data" in teks(baca_xlsx(xlsx([]), TEMPLAT))[0]


def test_the_template_round_trips():
    isi = buat_xlsx(TEMPLAT, [["A1", 2, Decimal("1500000"), "BOK", None]])
    hasil = baca_xlsx(SimpleUploadedFile("t.xlsx", isi), TEMPLAT)
    assert hasil.sah and hasil.baris[0][1]["anggaran"] == Decimal(1500000)
