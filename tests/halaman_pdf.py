"""Text of a PDF page by page (pdfinfo for the count, pdftotext -f/-l per page), to test
where things fall: a signature block never alone on its page, no nearly empty first page."""

import subprocess


def jumlah_halaman(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    baris = next(b for b in info.stdout.decode().splitlines() if b.startswith("Pages:"))
    return int(baris.split()[1])


def halaman(pdf: bytes) -> list[str]:
    """The text of each page, in order."""
    hasil = []
    for i in range(1, jumlah_halaman(pdf) + 1):
        teks = subprocess.run(
            ["pdftotext", "-layout", "-f", str(i), "-l", str(i), "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        )
        hasil.append(teks.stdout.decode())
    return hasil


def baris_isi(teks: str, *, abaikan: tuple[str, ...] = ()) -> list[str]:
    """The non-empty lines of a page, without the page footer ("Halaman x dari y") and
    without lines containing any of ``abaikan``."""
    return [
        b.strip()
        for b in teks.splitlines()
        if b.strip() and "Halaman " not in b and not any(a in b for a in abaikan)
    ]
