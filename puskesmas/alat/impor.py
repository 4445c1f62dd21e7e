"""Excel in and out, the only module that reads or writes xlsx.

The rule for every import: read the whole file, collect *every* problem with its row and
column, and save nothing unless there are none. Messages are in Indonesian and say what to
do. An upload is read here by the bounded reader ``baca_xlsx`` (checked as a zip first, then
streamed), its rows are loaded into a ``tablib.Dataset`` and handed to the app's
django-import-export ``Resource`` by ``impor_dengan_resource``: a dry run collects every
error of the Resource's widgets and checks, then one transaction writes. Exports go the
other way: the Resource exports to a Dataset and ``ekspor_dengan_resource`` writes it with
``buat_xlsx``, where text always stays text.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from xml.parsers import expat

import tablib
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from import_export.formats import base_formats
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.utils.exceptions import InvalidFileException

from .angka import baca_angka

TEKS, BULAT, DESIMAL, TANGGAL, PILIHAN = "teks", "bulat", "desimal", "tanggal", "pilihan"
BARIS_JUDUL = 1
BATAS_BARIS = 20_000


@dataclass(frozen=True)
class Kolom:
    judul: str
    kunci: str
    jenis: str = TEKS
    wajib: bool = True
    pilihan: tuple[str, ...] = ()  # accepted values (case-insensitive), for PILIHAN
    lebar: int = 18
    keterangan: str = ""
    minimum: Decimal | None = Decimal(0)


@dataclass(frozen=True)
class Templat:
    judul: str
    nama_sheet: str
    kolom: tuple[Kolom, ...]
    petunjuk: tuple[str, ...] = ()


@dataclass(frozen=True)
class Galat:
    baris: int | None
    kolom: str | None
    pesan: str
    sheet: str | None = None  # the sheet, for a workbook of several (``Buku``)

    def __str__(self) -> str:
        lokasi = []
        if self.sheet:
            lokasi.append(f"sheet «{self.sheet}»")
        if self.baris is not None:
            lokasi.append(f"baris {self.baris}")
        if self.kolom:
            lokasi.append(f"kolom «{self.kolom}»")
        awal = ", ".join(lokasi)
        return (awal[:1].upper() + awal[1:] + ": " if lokasi else "") + self.pesan

    def as_dict(self) -> dict:
        hasil = {"baris": self.baris, "kolom": self.kolom, "pesan": self.pesan}
        if self.sheet:
            hasil["sheet"] = self.sheet
        return hasil


@dataclass
class HasilBaca:
    baris: list[tuple[int, dict]] = field(default_factory=list)  # (row number, values)
    galat: list[Galat] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        return not self.galat


def _ukuran_mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def pesan_terlalu_besar(ukuran: int, batas: int) -> str:
    return (
        f"Berkas terlalu besar ({_ukuran_mb(ukuran)} MB); batasnya {_ukuran_mb(batas)} MB. "
        "Hapus baris atau sheet yang tidak perlu, atau bagi menjadi beberapa berkas."
    )


PESAN_BUKAN_XLSX = "Unggah berkas Excel (.xlsx) yang dibuat dari templat di halaman ini."


PESAN_RUSAK = (
    "Berkas Excel rusak atau tidak aman ({alasan}). Buka berkas di Excel atau LibreOffice, "
    "salin datanya ke templat yang diunduh dari halaman ini, lalu simpan sebagai Excel "
    "Workbook (.xlsx)."
)
PESAN_BUKAN_EXCEL = (
    "Berkas bukan file Excel (.xlsx) yang dapat dibaca. Unduh templat, isi, lalu "
    "simpan sebagai Excel Workbook (.xlsx)."
)
PESAN_TERLALU_BANYAK_BARIS = (
    "Terlalu banyak baris data (lebih dari {batas}); batasnya {batas}. Bagi menjadi beberapa "
    "berkas."
)

# --- Limits on what an upload may make the server do -------------------------------------
#
# An .xlsx is a zip of XML parts, so a small upload can expand enormously. Everything below is
# checked on the zip's directory and while streaming, before and while openpyxl reads, so
# neither the size the file claims (its optional <dimension>) nor its row numbers decide how
# much is read. A genuine 20,000-row template is about 1 MB zipped, 17 MB unzipped (ratio 17).
MAKS_ANGGOTA_ZIP = 200  # parts in the zip; a workbook from the template has about 10
MAKS_UKURAN_ANGGOTA = 64 * 1024 * 1024  # unzipped bytes of one part
MAKS_UKURAN_TOTAL = 128 * 1024 * 1024  # unzipped bytes of all parts together
MAKS_RASIO = 100  # unzipped / zipped size of a part; deflate bombs reach about 1000
RASIO_MULAI = 1024 * 1024  # parts smaller than this are too small to matter for the ratio
MAKS_STRING_BERSAMA = 500_000  # shared strings, all held in memory by openpyxl
MAKS_ELEMEN_XML = 2_000_000  # elements in one XML part (20,000 rows x 13 cells: about 800,000)
MAKS_BARIS_XML = 5 * BATAS_BARIS  # <row> elements, empty ones included
MAKS_ELEMEN_PER_SEL = 1_000  # elements inside one cell (rich-text runs)
MAKS_NOMOR_BARIS = 1_048_576  # Excel's last row
MAKS_NOMOR_KOLOM = 16_384  # Excel's last column (XFD)
_POTONGAN = 64 * 1024  # bytes read at a time while streaming a part


class BerkasDitolak(Exception):
    """The upload is refused as a whole; ``pesan`` says why in Indonesian."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


def _rusak(alasan: str) -> BerkasDitolak:
    return BerkasDitolak(PESAN_RUSAK.format(alasan=alasan))


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def periksa_zip(berkas) -> None:
    """Refuse an upload whose zip would make the reader use unbounded memory or time.

    Looks at the zip directory (parts, declared sizes, compression ratios) and then streams
    every XML part through expat once, without building anything: a part that is not
    well-formed XML, carries a DTD (the door to entity expansion and external entities), or
    has too many shared strings is refused here, before openpyxl reads any of it. zipfile
    stops a part at its declared size and checks its CRC, so a directory that lies about
    sizes fails here too. Raises BerkasDitolak.
    """
    try:
        _periksa_direktori(berkas)
        with zipfile.ZipFile(berkas) as arsip:
            info = arsip.infolist()
            if len(info) > MAKS_ANGGOTA_ZIP:
                raise _rusak(f"berisi {_angka(len(info))} bagian; batasnya {MAKS_ANGGOTA_ZIP}")
            total = 0
            for i in info:
                if i.flag_bits & 0x1:
                    raise _rusak("berkas terenkripsi atau berkata sandi")
                if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    # bzip2/lzma expand a whole block at once, so reads could not be bounded
                    raise _rusak("memakai kompresi yang tidak dikenal")
                if i.file_size > MAKS_UKURAN_ANGGOTA:
                    raise _rusak(
                        f"bagian {i.filename} berukuran {_ukuran_mb(i.file_size)} MB setelah "
                        f"dibuka; batasnya {_ukuran_mb(MAKS_UKURAN_ANGGOTA)} MB"
                    )
                if i.file_size > RASIO_MULAI and i.file_size > MAKS_RASIO * max(1, i.compress_size):
                    raise _rusak(
                        f"bagian {i.filename} dimampatkan lebih dari {MAKS_RASIO} kali lipat"
                    )
                total += i.file_size
            if total > MAKS_UKURAN_TOTAL:
                raise _rusak(
                    f"isinya {_ukuran_mb(total)} MB setelah dibuka; batasnya "
                    f"{_ukuran_mb(MAKS_UKURAN_TOTAL)} MB"
                )
            for i in info:
                if i.filename.lower().endswith((".xml", ".rels", ".vml")):
                    _periksa_xml(arsip, i)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise BerkasDitolak(PESAN_BUKAN_EXCEL) from None
    finally:
        if hasattr(berkas, "seek"):
            berkas.seek(0)


def _periksa_direktori(berkas) -> None:
    """Count the zip's entries from its end record before zipfile builds an object for each
    (a 10 MB central directory alone would be some 200,000 entries)."""
    berkas.seek(0, io.SEEK_END)
    ukuran = berkas.tell()
    berkas.seek(max(0, ukuran - 65_557))  # the end record and its longest comment
    ekor = berkas.read()
    posisi = ekor.rfind(b"PK\x05\x06")
    if posisi < 0 or len(ekor) - posisi < 22:
        raise zipfile.BadZipFile
    jumlah = struct.unpack("<H", ekor[posisi + 10 : posisi + 12])[0]
    if jumlah > MAKS_ANGGOTA_ZIP:
        raise _rusak(f"berisi {_angka(jumlah)} bagian; batasnya {MAKS_ANGGOTA_ZIP}")
    berkas.seek(0)


def _periksa_xml(arsip: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def tolak_dtd(*_args):
        raise _rusak(f"bagian {info.filename} memuat DTD")

    parser.StartDoctypeDeclHandler = tolak_dtd
    parser.EntityDeclHandler = tolak_dtd
    teks_bersama = info.filename.lower().endswith("sharedstrings.xml")
    elemen = string = 0

    def mulai(nama, _atribut):
        # openpyxl keeps an emptied element per child it reads and every shared string:
        # counting them here bounds that memory.
        nonlocal elemen, string
        elemen += 1
        if elemen > MAKS_ELEMEN_XML:
            raise _rusak(
                f"bagian {info.filename} berisi lebih dari {_angka(MAKS_ELEMEN_XML)} elemen"
            )
        if teks_bersama and nama.rpartition(":")[2] == "si":
            string += 1
            if string > MAKS_STRING_BERSAMA:
                raise _rusak(f"berisi lebih dari {_angka(MAKS_STRING_BERSAMA)} teks bersama")

    parser.StartElementHandler = mulai
    try:
        with arsip.open(info) as sumber:
            while potongan := sumber.read(_POTONGAN):
                parser.Parse(potongan, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise _rusak(f"bagian {info.filename} bukan XML yang utuh") from None


def baca_xlsx(
    berkas,
    templat: Templat,
    *,
    batas_ukuran: int | None = None,
    progres: Callable[[int], None] | None = None,
) -> HasilBaca:
    """Read ``berkas`` (an uploaded file or an open binary file) against ``templat``.

    Bounded whatever the file says (see the limits above): the zip is checked first, then the
    sheet is streamed row by row and reading stops at the row limit."""
    hasil = HasilBaca()
    batas = batas_ukuran or settings.MAX_IMPORT_FILE_SIZE
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > batas:
        hasil.galat.append(Galat(None, None, pesan_terlalu_besar(ukuran, batas)))
        return hasil
    try:
        wb = _buka(berkas)
    except BerkasDitolak as exc:
        hasil.galat.append(Galat(None, None, exc.pesan))
        return hasil
    try:
        if templat.nama_sheet not in wb.sheetnames:
            hasil.galat.append(
                Galat(
                    None,
                    None,
                    f"Sheet «{templat.nama_sheet}» tidak ditemukan. Sheet yang ada: "
                    f"{', '.join(wb.sheetnames)}. Gunakan templat yang diunduh dari aplikasi "
                    "dan jangan mengganti nama sheet.",
                )
            )
            return hasil
        try:
            _baca_sheet(wb, wb[templat.nama_sheet], templat, hasil, progres)
        except (BerkasDitolak, ValueError, SyntaxError) as exc:
            # ParseError is a SyntaxError and defusedxml's refusals are ValueErrors; both were
            # checked for by periksa_zip already, this is the second line.
            pesan = exc.pesan if isinstance(exc, BerkasDitolak) else _rusak("isi tidak sah").pesan
            hasil.baris.clear()
            hasil.galat[:] = [Galat(None, None, pesan)]
    finally:
        wb.close()
    return hasil


def _buka(berkas):
    """The workbook of an upload that passed the zip checks, opened read-only."""
    periksa_zip(berkas)
    try:
        return load_workbook(berkas, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise BerkasDitolak(PESAN_BUKAN_EXCEL) from None
    except (ValueError, TypeError, AttributeError, IndexError, SyntaxError):
        # ParseError is a SyntaxError; defusedxml's refusals are ValueErrors.
        raise _rusak("isi tidak sah") from None


def baca_tabel(berkas, *, batas_ukuran: int | None = None) -> tablib.Dataset:
    """The first sheet of an upload as a Dataset (first row = headers), for imports that have
    no template (the admin's reference data). Same bounds as ``baca_xlsx``; raises
    BerkasDitolak."""
    batas = batas_ukuran or settings.MAX_IMPORT_FILE_SIZE
    ukuran = getattr(berkas, "size", None)
    if ukuran is None and hasattr(berkas, "seek"):
        berkas.seek(0, io.SEEK_END)
        ukuran = berkas.tell()
        berkas.seek(0)
    if ukuran is not None and ukuran > batas:
        raise BerkasDitolak(pesan_terlalu_besar(ukuran, batas))
    wb = _buka(berkas)
    try:
        ws = wb[wb.sheetnames[0]]
        judul: list | None = None
        data = tablib.Dataset()
        for _nomor, sel in _baris_sheet(wb, ws, None):
            if judul is None:
                judul = [str(sel.get(i + 1, "") or "").strip() for i in range(max(sel, default=0))]
                data.headers = judul
                continue
            if all(_kosong(v) for v in sel.values()):
                continue
            if len(data) >= BATAS_BARIS:
                raise BerkasDitolak(PESAN_TERLALU_BANYAK_BARIS.format(batas=BATAS_BARIS))
            data.append([sel.get(i + 1) for i in range(len(judul))])
        return data
    except (ValueError, SyntaxError):
        raise _rusak("isi tidak sah") from None
    finally:
        wb.close()


def _baca_sheet(
    wb, ws, templat: Templat, hasil: HasilBaca, progres, *, boleh_kosong: bool = False
) -> None:
    indeks = None
    jumlah = 0
    for nomor, sel in _baris_sheet(wb, ws, progres):
        if nomor == BARIS_JUDUL:
            judul = [None] * (max(sel, default=0))
            for kolom, nilai in sel.items():
                judul[kolom - 1] = nilai
            indeks = _periksa_judul(judul, templat, hasil)
            if indeks is None:
                return
            continue
        if indeks is None:
            break  # no header row: reported below
        if all(_kosong(v) for v in sel.values()):
            continue
        jumlah += 1
        if jumlah > BATAS_BARIS:
            hasil.baris.clear()
            hasil.galat[:] = [
                Galat(None, None, PESAN_TERLALU_BANYAK_BARIS.format(batas=BATAS_BARIS))
            ]
            return
        data = {}
        for kolom in templat.kolom:
            data[kolom.kunci] = _ubah(sel.get(indeks[kolom.kunci] + 1), kolom, nomor, hasil)
        hasil.baris.append((nomor, data))
    if indeks is None:
        _periksa_judul(None, templat, hasil)
        return
    if not hasil.baris and not hasil.galat and not boleh_kosong:
        hasil.galat.append(Galat(None, None, "Berkas tidak berisi data di bawah baris judul."))


class _Penghitung:
    """A file wrapper that counts the bytes read, for progress."""

    def __init__(self, sumber):
        self.sumber = sumber
        self.dibaca = 0

    def read(self, n=-1):
        data = self.sumber.read(n)
        self.dibaca += len(data)
        return data


def _baris_sheet(wb, ws, progres) -> Iterator[tuple[int, dict[int, object]]]:
    """Stream the sheet's rows as (row number, {column number: value}), non-empty cells only.

    Replaces openpyxl's ``iter_rows``, which pads every missing row and cell (a row numbered
    10^10 after row 2 makes it yield ten billion empty rows) and keeps an emptied element for
    every row read. Here nothing is padded, every finished element is dropped from the tree,
    and rows, cells and elements are counted: memory stays at one cell, time at the limits.
    Values are read as openpyxl's read-only, data-only mode does (the cached result of a
    formula, dates from the cell's number format); its internals give the shared strings,
    date styles and the sheet's part in the zip.
    """
    teks_bersama = ws._shared_strings
    format_tanggal = wb._date_formats
    format_durasi = wb._timedelta_formats
    epoch = wb.epoch
    total = wb._archive.getinfo(ws._worksheet_path).file_size or 1
    with wb._archive.open(ws._worksheet_path) as mentah:
        sumber = _Penghitung(mentah)
        jalur: list = []  # open elements, root first
        elemen = baris_xml = 0
        nomor_baris = 0
        sel: dict[int, object] = {}
        kolom_terakhir = 0
        di_sel = 0  # elements inside the current cell
        for peristiwa, el in iterparse(sumber, events=("start", "end"), forbid_dtd=True):
            if peristiwa == "start":
                elemen += 1
                if elemen > MAKS_ELEMEN_XML:
                    raise _rusak(f"sheet berisi lebih dari {_angka(MAKS_ELEMEN_XML)} elemen")
                if di_sel:
                    di_sel += 1
                    if di_sel > MAKS_ELEMEN_PER_SEL:
                        raise _rusak(f"baris {nomor_baris} berisi sel yang terlalu rumit")
                elif el.tag == _SEL:
                    di_sel = 1
                elif el.tag == _BARIS:
                    baris_xml += 1
                    if baris_xml > MAKS_BARIS_XML:
                        raise BerkasDitolak(PESAN_TERLALU_BANYAK_BARIS.format(batas=BATAS_BARIS))
                    nomor = _nomor(el.get("r"), nomor_baris + 1, MAKS_NOMOR_BARIS, "baris")
                    if nomor <= nomor_baris:
                        raise _rusak(f"baris {nomor} muncul setelah baris {nomor_baris}")
                    nomor_baris, sel, kolom_terakhir = nomor, {}, 0
                jalur.append(el)
                continue
            jalur.pop()
            if el.tag == _SEL:
                di_sel = 0
                kolom_terakhir = _kolom(el.get("r"), kolom_terakhir + 1)
                nilai = _nilai_sel(el, teks_bersama, format_tanggal, format_durasi, epoch)
                if not _kosong(nilai):
                    sel[kolom_terakhir] = nilai
            elif el.tag == _BARIS:
                yield nomor_baris, sel
                if progres and baris_xml % 200 == 0:
                    progres(min(99, sumber.dibaca * 100 // total))
            if di_sel:
                continue  # a cell's parts are read when the cell ends
            # Finished and read: drop it so the tree never grows with the sheet.
            el.clear()
            if jalur:
                jalur[-1].remove(el)


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_BARIS, _SEL, _NILAI, _TEKS_SEL, _TEKS, _RUN = (
    f"{_NS}row",
    f"{_NS}c",
    f"{_NS}v",
    f"{_NS}is",
    f"{_NS}t",
    f"{_NS}r",
)


def _nomor(teks, bawaan: int, maks: int, apa: str) -> int:
    if teks is None:
        nomor = bawaan
    else:
        try:
            nomor = int(teks)
        except ValueError:
            raise _rusak(f"nomor {apa} «{teks[:20]}» tidak sah") from None
    if not 1 <= nomor <= maks:
        raise _rusak(f"nomor {apa} {_angka(nomor)} di luar batas Excel ({_angka(maks)})")
    return nomor


def _kolom(koordinat, bawaan: int) -> int:
    if koordinat is None:
        return _nomor(None, bawaan, MAKS_NOMOR_KOLOM, "kolom")
    huruf = koordinat.rstrip("0123456789")
    if not huruf or len(huruf) > 3 or not huruf.isalpha() or not huruf.isascii():
        raise _rusak(f"alamat sel «{koordinat[:20]}» tidak sah")
    return _nomor(str(column_index_from_string(huruf.upper())), 0, MAKS_NOMOR_KOLOM, "kolom")


def _nilai_sel(el, teks_bersama, format_tanggal, format_durasi, epoch):
    jenis = el.get("t", "n")
    if jenis == "inlineStr":
        isi = el.find(_TEKS_SEL)
        if isi is None:
            return None
        # Plain text and rich-text runs; phonetic hints (rPh) are not part of the value.
        bagian = [t.text or "" for t in isi.findall(_TEKS)]
        bagian += [t.text or "" for r in isi.findall(_RUN) for t in r.findall(_TEKS)]
        return "".join(bagian)
    nilai = el.findtext(_NILAI)
    if nilai is None or nilai == "":
        return None
    try:
        if jenis == "s":
            return teks_bersama[int(nilai)]
        if jenis == "b":
            return bool(int(nilai))
        if jenis in ("str", "e"):
            return nilai
        if jenis == "d":
            return from_ISO8601(nilai)
        angka = float(nilai) if any(c in nilai for c in ".eE") else int(nilai)
    except (ValueError, IndexError, OverflowError):
        raise _rusak(f"sel {el.get('r', '')} berisi nilai yang tidak sah") from None
    gaya = el.get("s")
    if gaya and gaya.isdigit() and int(gaya) in format_tanggal:
        try:
            return from_excel(angka, epoch, timedelta=int(gaya) in format_durasi)
        except (OverflowError, ValueError):
            return angka  # reported as "not a date" if the column wants one
    return angka


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _norm(v) -> str:
    return " ".join(str(v or "").split()).casefold()


def _periksa_judul(judul, templat: Templat, hasil: HasilBaca) -> dict[str, int] | None:
    if not judul:
        hasil.galat.append(
            Galat(BARIS_JUDUL, None, "Baris judul kosong. Gunakan templat dari aplikasi.")
        )
        return None
    posisi = {_norm(v): i for i, v in enumerate(judul) if not _kosong(v)}
    indeks = {}
    for kolom in templat.kolom:
        i = posisi.get(_norm(kolom.judul))
        if i is None:
            hasil.galat.append(
                Galat(
                    BARIS_JUDUL,
                    kolom.judul,
                    "Kolom ini tidak ditemukan di baris judul. Jangan mengubah atau menghapus judul kolom templat.",
                )
            )
        else:
            indeks[kolom.kunci] = i
    dikenal = {_norm(k.judul) for k in templat.kolom}
    for v in judul:
        if not _kosong(v) and _norm(v) not in dikenal:
            hasil.galat.append(
                Galat(
                    BARIS_JUDUL,
                    str(v).strip(),
                    "Kolom ini tidak dikenal. Hapus kolom tersebut atau gunakan templat terbaru.",
                )
            )
    return None if hasil.galat else indeks


def _ubah(mentah, kolom: Kolom, baris: int, hasil: HasilBaca):
    def galat(pesan):
        hasil.galat.append(Galat(baris, kolom.judul, pesan))

    if _kosong(mentah):
        if kolom.wajib:
            galat("Wajib diisi.")
        return None
    if kolom.jenis == TEKS:
        return str(mentah).strip()
    if kolom.jenis in (BULAT, DESIMAL):
        angka = baca_angka(mentah)
        if angka is None:
            galat(f"«{mentah}» bukan angka. Isi dengan angka saja, misalnya 1500000 atau 12,5.")
            return None
        if kolom.jenis == BULAT and angka != angka.to_integral_value():
            galat(f"«{mentah}» harus bilangan bulat.")
            return None
        if kolom.minimum is not None and angka < kolom.minimum:
            galat(f"Tidak boleh kurang dari {kolom.minimum}.")
            return None
        return int(angka) if kolom.jenis == BULAT else angka
    if kolom.jenis == TANGGAL:
        if isinstance(mentah, dt.datetime):
            return mentah.date()
        if isinstance(mentah, dt.date):
            return mentah
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(str(mentah).strip(), fmt).date()
            except ValueError:
                continue
        galat(f"«{mentah}» bukan tanggal. Gunakan format HH/BB/TTTT, misalnya 14/02/2027.")
        return None
    if kolom.jenis == PILIHAN:
        cocok = {p.casefold(): p for p in kolom.pilihan}
        nilai = cocok.get(str(mentah).strip().casefold())
        if nilai is None:
            galat(f"«{mentah}» bukan pilihan yang sah. Pilihan: {', '.join(kolom.pilihan)}.")
        return nilai
    raise ValueError(kolom.jenis)  # pragma: no cover


def buat_xlsx(templat: Templat, baris: Iterable[Iterable] = ()) -> bytes:
    """A workbook with the template's sheet (header + ``baris``) and a 'Petunjuk' sheet."""
    wb = Workbook()
    _tulis_sheet(wb.active, templat, baris)
    petunjuk = wb.create_sheet("Petunjuk")
    petunjuk.column_dimensions["A"].width = 110
    petunjuk.append([templat.judul])
    petunjuk["A1"].font = Font(bold=True, size=13)
    petunjuk.append(
        [
            f"Isi sheet «{templat.nama_sheet}» mulai baris 2. Jangan mengubah judul kolom atau nama sheet."
        ]
    )
    for teks in templat.petunjuk:
        petunjuk.append([teks])
    petunjuk.append([])
    _tulis_kolom_petunjuk(petunjuk, templat)
    return _simpan(wb)


def _tulis_sheet(ws, templat: Templat, baris: Iterable[Iterable]) -> None:
    ws.title = templat.nama_sheet
    tebal = Font(bold=True, color="FFFFFF")
    isi = PatternFill("solid", fgColor="198754")
    for i, kolom in enumerate(templat.kolom, start=1):
        sel = ws.cell(row=BARIS_JUDUL, column=i, value=kolom.judul)
        sel.font, sel.fill = tebal, isi
        sel.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = kolom.lebar
    ws.freeze_panes = "A2"
    for r in baris:
        ws.append([_untuk_sel(v) for v in r])


def _tulis_kolom_petunjuk(petunjuk, templat: Templat) -> None:
    petunjuk.append(["Kolom:"])
    for kolom in templat.kolom:
        wajib = "wajib" if kolom.wajib else "boleh kosong"
        jenis = {
            TEKS: "teks",
            BULAT: "bilangan bulat",
            DESIMAL: "angka (koma untuk desimal)",
            TANGGAL: "tanggal HH/BB/TTTT",
            PILIHAN: "salah satu dari: " + ", ".join(kolom.pilihan),
        }[kolom.jenis]
        ket = f" — {kolom.keterangan}" if kolom.keterangan else ""
        petunjuk.append([f"• {kolom.judul}: {jenis}, {wajib}{ket}"])


def _simpan(wb) -> bytes:
    for lembar in wb.worksheets:
        _teks_tetap_teks(lembar)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _untuk_sel(v):
    if isinstance(v, Decimal):
        return float(v) if v != v.to_integral_value() else int(v)
    return v


# A text starting with one of these is a formula (or DDE) to Excel and LibreOffice when typed.
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def _teks_tetap_teks(ws) -> None:
    """Write every text as a string cell, whatever it starts with.

    openpyxl turns a text starting with "=" into a formula and "#N/A" and the like into an
    error cell, so a user's "=HYPERLINK(...)" in a RUK activity would run in the reader's
    Excel. Texts that look like formulas also get the quote prefix (Excel's leading
    apostrophe), so editing the cell later does not turn it into one either. Numbers and
    dates are left as they are.
    """
    for baris in ws.iter_rows():
        for sel in baris:
            if isinstance(sel.value, str):
                sel.data_type = "s"
                if sel.value.startswith(_AWAL_RUMUS):
                    sel.quotePrefix = True


# --- Between an upload and a Resource -----------------------------------------------------

KOLOM_BARIS = "_baris"  # the Dataset column carrying each row's number in the sheet


@dataclass
class HasilResource:
    galat: list[Galat] = field(default_factory=list)
    hasil: object | None = None  # import-export's Result of the real run

    @property
    def sah(self) -> bool:
        return not self.galat


def dataset_dari(dibaca: HasilBaca, templat: Templat) -> tablib.Dataset:
    """The rows the bounded reader produced, as a Dataset keyed by the template's ``kunci``,
    each with its sheet row number in ``KOLOM_BARIS``."""
    kunci = [k.kunci for k in templat.kolom]
    data = tablib.Dataset(headers=[KOLOM_BARIS, *kunci])
    for nomor, nilai in dibaca.baris:
        data.append([nomor, *(nilai.get(k) for k in kunci)])
    return data


def galat_dari_result(result, dataset: tablib.Dataset, resource, templat: Templat) -> list[Galat]:
    """import-export's row errors as ``Galat(Excel row, column title, message)``.

    A widget's ValueError and a Resource's check arrive as validation errors keyed by the
    field's attribute; the attribute leads to the Dataset column, the column to its title.
    Anything else (an exception, not a message) is a programming error and is raised.
    """
    for galat in result.base_errors:
        raise galat.error
    for _nomor, kesalahan in result.row_errors():
        raise kesalahan[0].error
    judul = {k.kunci: k.judul for k in templat.kolom}
    kolom = {f.attribute: judul.get(f.column_name) for f in resource.get_import_fields()}
    hasil = []
    for baris in result.invalid_rows:
        nomor = dataset[baris.number - 1][0]
        for atribut, pesan in baris.error_dict.items():
            nama = None if atribut == NON_FIELD_ERRORS else kolom.get(atribut, atribut)
            hasil.extend(Galat(nomor, nama, p) for p in pesan)
    return hasil


def _urut(galat: list[Galat], templat: Templat) -> list[Galat]:
    posisi = {k.judul: i for i, k in enumerate(templat.kolom)}
    return sorted(galat, key=lambda g: (g.baris or 0, posisi.get(g.kolom, -1)))


class _Batal(Exception):
    pass


def impor_dengan_resource(
    resource,
    berkas,
    templat: Templat,
    *,
    kunci: Callable[[], None] | None = None,
    progres: Callable[[int], None] | None = None,
) -> HasilResource:
    """Every import: bounded read, dry run, then one transaction; nothing saved on errors.

    The file is read by ``baca_xlsx`` (the only xlsx parser for uploads) and validated by the
    Resource's dry run outside any transaction or lock, so a slow or hostile upload never
    holds a lock others need. Only when no cell and no row is wrong does one transaction
    start: ``kunci`` takes the caller's locks and re-checks what may have changed meanwhile
    (it raises to refuse), then the Resource imports for real. Errors come back sorted by
    row and by the template's column order.
    """
    dibaca = baca_xlsx(berkas, templat, progres=progres)
    if not dibaca.baris:
        return HasilResource(galat=dibaca.galat)
    dataset = dataset_dari(dibaca, templat)
    uji = resource.import_data(dataset, dry_run=True, raise_errors=False)
    galat = dibaca.galat + galat_dari_result(uji, dataset, resource, templat)
    if galat:
        return HasilResource(galat=_urut(galat, templat))
    try:
        with transaction.atomic():
            if kunci is not None:
                kunci()
            nyata = resource.import_data(dataset, dry_run=False, raise_errors=False)
            galat = galat_dari_result(nyata, dataset, resource, templat)
            if galat:  # the data changed between the dry run and the lock
                raise _Batal
    except _Batal:
        return HasilResource(galat=_urut(galat, templat))
    return HasilResource(hasil=nyata)


def ekspor_dengan_resource(resource, objek, templat: Templat) -> bytes:
    """``objek`` exported by ``resource`` and written with the template by ``buat_xlsx``.

    The Resource's columns must be the template's ``kunci`` in order, so an export reads back
    through the import unchanged."""
    data = resource.export(objek)
    harap = [k.kunci for k in templat.kolom]
    if list(data.headers) != harap:
        raise ValueError(f"kolom Resource {data.headers} tidak sesuai templat {harap}")
    return buat_xlsx(templat, data)


# --- Formats for the admin's import/export ---------------------------------------------------
# Both raise BerkasDitolak with a message in Indonesian; the admin shows it on the form.


def _tolak_besar(in_stream) -> None:
    batas = settings.MAX_IMPORT_FILE_SIZE
    if len(in_stream) > batas:
        raise BerkasDitolak(pesan_terlalu_besar(len(in_stream), batas))


class XLSXAman(base_formats.XLSX):
    """xlsx for the admin, read by the bounded reader and written by ``buat_xlsx``.

    import-export's own XLSX hands the upload to openpyxl as it is and writes texts starting
    with "=" as formulas; this one has the same limits as every other upload and keeps text
    as text."""

    def create_dataset(self, in_stream):
        _tolak_besar(in_stream)
        return baca_tabel(io.BytesIO(in_stream))

    def export_data(self, dataset, **kwargs):
        templat = Templat(
            judul=dataset.title or "Ekspor",
            nama_sheet="Data",
            kolom=tuple(Kolom(str(h), str(h), wajib=False) for h in dataset.headers or ()),
        )
        return buat_xlsx(templat, dataset)


class CSVAman(base_formats.CSV):
    """CSV for the admin, no larger than any other upload and no longer than the row limit."""

    def create_dataset(self, in_stream, **kwargs):
        _tolak_besar(in_stream)
        data = super().create_dataset(in_stream, **kwargs)
        if len(data) > BATAS_BARIS:
            raise BerkasDitolak(PESAN_TERLALU_BANYAK_BARIS.format(batas=BATAS_BARIS))
        return data


# --- Workbooks of several sheets ------------------------------------------------------------
#
# One document kept as several tables (the PKP instrument: pelayanan, manajemen, mutu,
# thresholds) goes out and comes back as one workbook: one sheet per template, read by the
# same bounded reader, each sheet handed to its own Resource, and every sheet's errors
# reported with the sheet's name. Nothing is written unless every sheet is valid, and then
# all sheets are written in one transaction.


@dataclass(frozen=True)
class Buku:
    judul: str
    lembar: tuple[Templat, ...]
    petunjuk: tuple[str, ...] = ()
    boleh_kosong: frozenset[str] = frozenset()  # sheets that may hold no rows


def pesan_sheet_hilang(nama: str, ada: list[str]) -> str:
    return (
        f"Sheet «{nama}» tidak ditemukan. Sheet yang ada: {', '.join(ada)}. Gunakan berkas "
        "yang diekspor dari aplikasi dan jangan mengganti nama sheet."
    )


def buat_xlsx_buku(buku: Buku, isi: dict[str, Iterable[Iterable]]) -> bytes:
    """A workbook with one sheet per template of ``buku`` (rows from ``isi`` by sheet name)
    and a 'Petunjuk' sheet listing every sheet's columns. Text stays text everywhere."""
    wb = Workbook()
    for i, templat in enumerate(buku.lembar):
        ws = wb.active if i == 0 else wb.create_sheet()
        _tulis_sheet(ws, templat, isi.get(templat.nama_sheet, ()))
    petunjuk = wb.create_sheet("Petunjuk")
    petunjuk.column_dimensions["A"].width = 110
    petunjuk.append([buku.judul])
    petunjuk["A1"].font = Font(bold=True, size=13)
    petunjuk.append(
        ["Isi setiap sheet mulai baris 2. Jangan mengubah judul kolom atau nama sheet."]
    )
    for teks in buku.petunjuk:
        petunjuk.append([teks])
    for templat in buku.lembar:
        petunjuk.append([])
        petunjuk.append([f"Sheet «{templat.nama_sheet}»"])
        for teks in templat.petunjuk:
            petunjuk.append([teks])
        _tulis_kolom_petunjuk(petunjuk, templat)
    return _simpan(wb)


def baca_xlsx_buku(
    berkas, buku: Buku, *, batas_ukuran: int | None = None
) -> tuple[dict[str, HasilBaca], list[Galat]]:
    """Read every sheet of ``buku`` from one upload, with the bounds of ``baca_xlsx``.

    Returns ({sheet name: rows and cell errors}, every error with its sheet). A file refused
    as a whole (too big, not an xlsx, unsafe) or missing a sheet gives errors and no rows."""
    batas = batas_ukuran or settings.MAX_IMPORT_FILE_SIZE
    ukuran = getattr(berkas, "size", None)
    if ukuran is None and hasattr(berkas, "seek"):
        berkas.seek(0, io.SEEK_END)
        ukuran = berkas.tell()
        berkas.seek(0)
    if ukuran is not None and ukuran > batas:
        return {}, [Galat(None, None, pesan_terlalu_besar(ukuran, batas))]
    try:
        wb = _buka(berkas)
    except BerkasDitolak as exc:
        return {}, [Galat(None, None, exc.pesan)]
    try:
        hilang = [t.nama_sheet for t in buku.lembar if t.nama_sheet not in wb.sheetnames]
        if hilang:
            return {}, [
                Galat(None, None, pesan_sheet_hilang(nama, wb.sheetnames), sheet=nama)
                for nama in hilang
            ]
        hasil: dict[str, HasilBaca] = {}
        galat: list[Galat] = []
        for templat in buku.lembar:
            dibaca = HasilBaca()
            try:
                _baca_sheet(
                    wb,
                    wb[templat.nama_sheet],
                    templat,
                    dibaca,
                    None,
                    boleh_kosong=templat.nama_sheet in buku.boleh_kosong,
                )
            except (BerkasDitolak, ValueError, SyntaxError) as exc:
                pesan = (
                    exc.pesan if isinstance(exc, BerkasDitolak) else _rusak("isi tidak sah").pesan
                )
                return {}, [Galat(None, None, pesan, sheet=templat.nama_sheet)]
            hasil[templat.nama_sheet] = dibaca
            galat.extend(replace(g, sheet=templat.nama_sheet) for g in dibaca.galat)
        return hasil, galat
    finally:
        wb.close()


def impor_buku_dengan_resource(
    buku: Buku,
    bagian: dict[str, object],
    berkas,
    *,
    kunci: Callable[[], None] | None = None,
) -> HasilResource:
    """A workbook import: bounded read of every sheet, a dry run of each sheet's Resource
    (``bagian``: {sheet name: Resource}), then one transaction for all of them.

    As ``impor_dengan_resource``, sheet by sheet: every error of every sheet is collected
    (sorted by sheet, row and column), and only a workbook without any is written, in one
    transaction that ``kunci`` opens with the caller's locks and re-checks. A Resource may
    report problems of its sheet as a whole (a row removed that may not be, a row missing)
    in ``galat_akhir`` after each run."""
    dibaca, galat = baca_xlsx_buku(berkas, buku)
    if not dibaca:
        return HasilResource(galat=galat)
    data = {}
    for templat in buku.lembar:
        nama = templat.nama_sheet
        resource = bagian[nama]
        data[nama] = dataset_dari(dibaca[nama], templat)
        uji = resource.import_data(data[nama], dry_run=True, raise_errors=False)
        galat.extend(
            replace(g, sheet=nama)
            for g in galat_dari_result(uji, data[nama], resource, templat)
            + list(getattr(resource, "galat_akhir", ()))
        )
    if galat:
        return HasilResource(galat=_urut_buku(galat, buku))
    try:
        with transaction.atomic():
            if kunci is not None:
                kunci()
            for templat in buku.lembar:
                nama = templat.nama_sheet
                resource = bagian[nama]
                nyata = resource.import_data(data[nama], dry_run=False, raise_errors=False)
                galat.extend(
                    replace(g, sheet=nama)
                    for g in galat_dari_result(nyata, data[nama], resource, templat)
                    + list(getattr(resource, "galat_akhir", ()))
                )
            if galat:  # the data changed between the dry run and the lock
                raise _Batal
    except _Batal:
        return HasilResource(galat=_urut_buku(galat, buku))
    return HasilResource()


def _urut_buku(galat: list[Galat], buku: Buku) -> list[Galat]:
    urutan = {t.nama_sheet: i for i, t in enumerate(buku.lembar)}
    kolom = {t.nama_sheet: {k.judul: i for i, k in enumerate(t.kolom)} for t in buku.lembar}
    return sorted(
        galat,
        key=lambda g: (
            urutan.get(g.sheet, -1),
            g.baris or 0,
            kolom.get(g.sheet, {}).get(g.kolom, -1),
        ),
    )


def ekspor_buku_dengan_resource(buku: Buku, bagian: dict[str, tuple[object, Iterable]]) -> bytes:
    """Every sheet of ``buku`` exported by its Resource (``bagian``: {sheet name:
    (Resource, objects)}) and written by ``buat_xlsx_buku``; as ``ekspor_dengan_resource``,
    each Resource's columns are its template's ``kunci``, so the workbook reads back."""
    isi = {}
    for templat in buku.lembar:
        resource, objek = bagian[templat.nama_sheet]
        data = resource.export(objek)
        harap = [k.kunci for k in templat.kolom]
        if list(data.headers) != harap:
            raise ValueError(f"kolom Resource {data.headers} tidak sesuai templat {harap}")
        isi[templat.nama_sheet] = data
    return buat_xlsx_buku(buku, isi)
