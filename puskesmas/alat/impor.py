"""Reading an Excel workbook made from one of our templates, validating every cell.

The rule for every import: read the whole file, collect *every* problem with its row and
column, and save nothing unless there are none. Messages are in Indonesian and say what to
do. Callers add their own domain checks (unknown indikator, unknown desa) as ``Galat`` with
the row number, then save in one transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
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

    def __str__(self) -> str:
        lokasi = []
        if self.baris is not None:
            lokasi.append(f"baris {self.baris}")
        if self.kolom:
            lokasi.append(f"kolom «{self.kolom}»")
        awal = ", ".join(lokasi)
        return (awal[:1].upper() + awal[1:] + ": " if lokasi else "") + self.pesan

    def as_dict(self) -> dict:
        return {"baris": self.baris, "kolom": self.kolom, "pesan": self.pesan}


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


def baca_xlsx(
    berkas,
    templat: Templat,
    *,
    batas_ukuran: int | None = None,
    progres: Callable[[int], None] | None = None,
) -> HasilBaca:
    """Read ``berkas`` (an uploaded file or a path) against ``templat``."""
    hasil = HasilBaca()
    batas = batas_ukuran or settings.MAX_IMPORT_FILE_SIZE
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > batas:
        hasil.galat.append(Galat(None, None, pesan_terlalu_besar(ukuran, batas)))
        return hasil
    try:
        if hasattr(berkas, "seek"):
            berkas.seek(0)
        wb = load_workbook(berkas, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        hasil.galat.append(
            Galat(
                None,
                None,
                "Berkas bukan file Excel (.xlsx) yang dapat dibaca. Unduh templat, isi, lalu "
                "simpan sebagai Excel Workbook (.xlsx).",
            )
        )
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
        ws = wb[templat.nama_sheet]
        total = ws.max_row or 0
        if total - BARIS_JUDUL > BATAS_BARIS:
            hasil.galat.append(
                Galat(
                    None,
                    None,
                    f"Terlalu banyak baris ({total - BARIS_JUDUL}); batasnya {BATAS_BARIS}.",
                )
            )
            return hasil
        rows = ws.iter_rows(values_only=True)
        judul = next(rows, None)
        indeks = _periksa_judul(judul, templat, hasil)
        if indeks is None:
            return hasil
        for nomor, nilai in enumerate(rows, start=BARIS_JUDUL + 1):
            if progres and total and nomor % 200 == 0:
                progres(min(99, int(nomor * 100 / total)))
            if nilai is None or all(_kosong(v) for v in nilai):
                continue
            data = {}
            for kolom in templat.kolom:
                i = indeks[kolom.kunci]
                mentah = nilai[i] if i < len(nilai) else None
                data[kolom.kunci] = _ubah(mentah, kolom, nomor, hasil)
            hasil.baris.append((nomor, data))
        if not hasil.baris and not hasil.galat:
            hasil.galat.append(Galat(None, None, "Berkas tidak berisi data di bawah baris judul."))
    finally:
        wb.close()
    return hasil


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
    ws = wb.active
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
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _untuk_sel(v):
    if isinstance(v, Decimal):
        return float(v) if v != v.to_integral_value() else int(v)
    return v
