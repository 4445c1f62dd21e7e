"""The fishbone (Ishikawa) diagram of a problem as an SVG string: no ORM, no Django.

Drawn on the server so the page and the PDF show the same picture without JavaScript.
Every text is escaped here (``html.escape``), so the caller may mark the result safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

LEBAR, TINGGI = 960, 460
KEPALA_LEBAR = 200  # the problem box at the right
MAKS_BARIS = 4  # causes printed per bone; the rest are counted ("+2 lainnya")
MAKS_HURUF = 38


def _potong(teks: str, maks: int = MAKS_HURUF) -> str:
    teks = " ".join(str(teks).split())
    return teks if len(teks) <= maks else teks[: maks - 1] + "…"


def _teks(x: float, y: float, isi: str, **attr: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attr.items())
    return f'<text x="{x:.0f}" y="{y:.0f}"{extra}>{escape(isi)}</text>'


def _kotak_kepala(masalah: str) -> list[str]:
    x = LEBAR - KEPALA_LEBAR
    y_tengah = TINGGI / 2
    bagian = [
        f'<rect x="{x}" y="{y_tengah - 50:.0f}" width="{KEPALA_LEBAR - 10}" height="100" '
        'rx="6" fill="#fdecea" stroke="#b02a37"/>'
    ]
    kata, baris, sekarang = " ".join(str(masalah).split()).split(" "), [], ""
    for k in kata:
        if sekarang and len(sekarang) + 1 + len(k) > 24:
            baris.append(sekarang)
            sekarang = k
        else:
            sekarang = f"{sekarang} {k}".strip()
    if sekarang:
        baris.append(sekarang)
    if len(baris) > 4:
        baris = baris[:3] + [_potong(baris[3] + " …", 24)]
    for i, b in enumerate(baris):
        y = y_tengah - 30 + i * 20 + (4 - len(baris)) * 10
        bagian.append(_teks(x + 10, y + 5, b, font_size="13", font_weight="bold"))
    return bagian


def fishbone_svg(masalah: str, tulang: Sequence[tuple[str, Sequence[str]]]) -> str:
    """SVG of ``masalah`` with one bone per (category label, causes), in the given order:
    the first half of the bones above the spine, the rest below."""
    tulang = list(tulang)
    y_tulang = TINGGI / 2
    ujung = LEBAR - KEPALA_LEBAR
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'width="100%" role="img" aria-label="{escape("Diagram tulang ikan: " + str(masalah))}" '
        'font-family="sans-serif" font-size="11">',
        f'<line x1="20" y1="{y_tulang:.0f}" x2="{ujung}" y2="{y_tulang:.0f}" '
        'stroke="#333" stroke-width="3"/>',
    ]
    bagian += _kotak_kepala(masalah)
    atas = (len(tulang) + 1) // 2
    kolom = max(atas, len(tulang) - atas, 1)
    jarak = (ujung - 40) / kolom
    for i, (label, penyebab) in enumerate(tulang):
        di_atas = i < atas
        k = i if di_atas else i - atas
        x_spina = 40 + (k + 1) * jarak - 10  # where the bone meets the spine
        x_ujung = x_spina - 60
        y_ujung = 40 if di_atas else TINGGI - 40
        bagian.append(
            f'<line x1="{x_ujung:.0f}" y1="{y_ujung:.0f}" x2="{x_spina:.0f}" '
            f'y2="{y_tulang:.0f}" stroke="#555" stroke-width="2"/>'
        )
        y_label = y_ujung - 12 if di_atas else y_ujung + 22
        bagian.append(_teks(x_ujung - 10, y_label, label, font_weight="bold", font_size="12"))
        daftar = list(penyebab)
        tampil = daftar[:MAKS_BARIS]
        if len(daftar) > MAKS_BARIS:
            tampil = daftar[: MAKS_BARIS - 1] + [f"+{len(daftar) - MAKS_BARIS + 1} lainnya"]
        for j, p in enumerate(tampil):
            # Causes hang along the bone, from its tip towards the spine.
            t = (j + 1) / (MAKS_BARIS + 1)
            x = x_ujung + (x_spina - x_ujung) * t
            y = y_ujung + (y_tulang - y_ujung) * t
            bagian.append(
                f'<line x1="{x - 90:.0f}" y1="{y:.0f}" x2="{x:.0f}" y2="{y:.0f}" stroke="#999"/>'
            )
            bagian.append(_teks(x - 90, y - 3, _potong(p, 22)))
        if not daftar:
            t = 1 / (MAKS_BARIS + 1)
            x = x_ujung + (x_spina - x_ujung) * t
            y = y_ujung + (y_tulang - y_ujung) * t
            bagian.append(_teks(x - 90, y - 3, "—", fill="#999"))
    bagian.append("</svg>")
    return "".join(bagian)
