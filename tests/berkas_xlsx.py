"""Hand-built .xlsx files for the import hardening tests: hostile ones included.

Each is made at test time with ``zipfile`` and stays small on disk (bombs are deflated
repeated content, produced in chunks so building one never holds its unzipped size).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

_SST_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def content_types(shared_strings: bool) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        f"{_SST_TYPE if shared_strings else ''}</Types>"
    )


RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def workbook_xml(sheet: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{_REL}">'
        f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def workbook_rels(shared_strings: bool) -> str:
    sst = (
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        if shared_strings
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f"{sst}</Relationships>"
    )


def sel(kolom: int, baris: int, nilai) -> str:
    """One cell: numbers as numbers, anything else as an inline string."""
    huruf = ""
    while kolom:
        kolom, sisa = divmod(kolom - 1, 26)
        huruf = chr(65 + sisa) + huruf
    ref = f"{huruf}{baris}"
    if nilai is None:
        return ""
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        return f'<c r="{ref}"><v>{nilai}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(nilai))}</t></is></c>'


def baris_xml(nomor: int, nilai: Iterable) -> str:
    return (
        f'<row r="{nomor}">' + "".join(sel(i, nomor, v) for i, v in enumerate(nilai, 1)) + "</row>"
    )


def sheet_xml(
    baris: Iterable[tuple[int, Iterable]], *, dimensi: str | None = None, awal: str = ""
) -> str:
    """A worksheet part; ``baris`` are (row number, values). No <dimension> unless given."""
    dim = f'<dimension ref="{dimensi}"/>' if dimensi else ""
    isi = "".join(baris_xml(n, v) for n, v in baris)
    return f'{awal}<worksheet xmlns="{NS}">{dim}<sheetData>{isi}</sheetData></worksheet>'


def xlsx(
    sheet: str | bytes | Iterable[bytes],
    *,
    nama_sheet: str = "Data",
    shared_strings: str | bytes | Iterable[bytes] | None = None,
    tambahan: dict[str, str | bytes] | None = None,
    workbook: str | None = None,
) -> bytes:
    """A minimal workbook around a hand-written sheet part (a string, or chunks of bytes that
    are streamed into the zip so a large part is never held whole)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", content_types(shared_strings is not None))
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", workbook or workbook_xml(nama_sheet))
        z.writestr("xl/_rels/workbook.xml.rels", workbook_rels(shared_strings is not None))
        _tulis(z, "xl/worksheets/sheet1.xml", sheet)
        if shared_strings is not None:
            _tulis(z, "xl/sharedStrings.xml", shared_strings)
        for nama, isi in (tambahan or {}).items():
            z.writestr(nama, isi)
    return buf.getvalue()


def _tulis(z: zipfile.ZipFile, nama: str, isi) -> None:
    if isinstance(isi, str | bytes):
        z.writestr(nama, isi)
        return
    with z.open(nama, "w", force_zip64=True) as keluar:
        for potongan in isi:
            keluar.write(potongan)


def bom_sheet(ukuran: int, *, judul: Iterable[str] = ("Kode",)) -> Iterable[bytes]:
    """A sheet part of about ``ukuran`` bytes unzipped: a header, then the same row again and
    again (deflate shrinks it about a thousand times)."""
    yield f'<worksheet xmlns="{NS}"><dimension ref="A1:A2"/><sheetData>'.encode()
    yield baris_xml(1, judul).encode()
    blok = ('<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 2000).encode()
    for _ in range(-(-ukuran // len(blok))):
        yield blok
    yield b"</sheetData></worksheet>"


def bom_teks_bersama(jumlah: int) -> Iterable[bytes]:
    """A shared-strings part with ``jumlah`` tiny strings."""
    yield f'<sst xmlns="{NS}" count="{jumlah}" uniqueCount="{jumlah}">'.encode()
    blok = b"<si><t>ab</t></si>" * 1000
    for _ in range(jumlah // 1000):
        yield blok
    yield b"</sst>"


DTD_XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
DTD_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)
