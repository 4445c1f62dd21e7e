"""Server-side SVG charts: bar (with a line and reference lines), radar and trend lines.

Plain values in, an SVG string out: no ORM, no Django, so the same markup goes into a page
and, inline, into a PDF (WeasyPrint draws inline SVG; it fetches nothing). Every text is
escaped here (``html.escape``) and every colour comes from the palette below, never from
the caller's text, so the result may be marked safe. Values are numbers or None: None is
drawn as "tidak dapat dihitung" (a hatched stub, a gap in a line), never as 0.

Colours are named by meaning (``WARNA``): a chart of PKP groups or PWS statuses passes the
name of each bar's colour, e.g. ``"baik"``; an unknown name falls back to ``"netral"``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

WARNA = {
    "baik": "#198754",
    "cukup": "#ffc107",
    "kurang": "#dc3545",
    "jelek": "#6f1d1b",
    "netral": "#0d6efd",
    "pembanding": "#6c757d",
    "garis": "#212529",
    "kisi": "#dee2e6",
}
SERI = ("#0d6efd", "#6c757d", "#198754", "#dc3545", "#fd7e14", "#6f42c1")

Angka = Decimal | int | float | None


def _f(nilai: Angka) -> float | None:
    if nilai is None:
        return None
    hasil = float(nilai)
    return hasil if math.isfinite(hasil) else None


def _warna(nama: str) -> str:
    return WARNA.get(nama, WARNA["netral"])


def _potong(teks: str, maks: int) -> str:
    teks = " ".join(str(teks).split())
    return teks if len(teks) <= maks else teks[: maks - 1] + "…"


def _angka(nilai: float, desimal: int = 1) -> str:
    """Indonesian display: decimal comma."""
    return f"{nilai:.{desimal}f}".replace(".", ",")


def _teks(x: float, y: float, isi: str, **attr) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attr.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(str(isi))}</text>'


def _pembuka(lebar: int, tinggi: int, judul: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" '
        f'width="100%" role="img" aria-label="{escape(judul)}" font-family="DejaVu Sans, '
        f'sans-serif" font-size="11"><title>{escape(judul)}</title>'
    )


# --- bar chart --------------------------------------------------------------------------


@dataclass(frozen=True)
class Batang:
    label: str
    nilai: Angka
    warna: str = "netral"  # a name of WARNA
    garis: Angka = None  # a point of the line drawn over the bars (e.g. cumulative target)


@dataclass(frozen=True)
class Acuan:
    """A horizontal reference line across the chart (e.g. a group threshold)."""

    nilai: Angka
    label: str


def grafik_batang(
    batang: Sequence[Batang],
    *,
    judul: str,
    maks: Angka = None,
    satuan: str = "%",
    label_garis: str = "",
    acuan: Sequence[Acuan] = (),
    lebar: int = 900,
    tinggi: int = 320,
) -> str:
    """Vertical bars, one per item, labelled below (slanted when many) and valued on top;
    optional line through each bar's ``garis`` point and reference lines. The scale runs
    from 0 to ``maks`` (default: the largest value, line or reference, rounded up)."""
    batang = list(batang)
    kiri, kanan, atas, bawah = 48, 12, 28, 90
    area_l, area_t = lebar - kiri - kanan, tinggi - atas - bawah
    semua = [_f(b.nilai) for b in batang] + [_f(b.garis) for b in batang]
    semua += [_f(a.nilai) for a in acuan]
    puncak = _f(maks) or max([v for v in semua if v is not None] + [1.0])
    puncak = puncak if puncak > 0 else 1.0

    def y(v: float) -> float:
        return atas + area_t - min(max(v, 0.0), puncak) / puncak * area_t

    bagian = [_pembuka(lebar, tinggi, judul), _teks(kiri, 16, judul, font_weight="bold")]
    for i in range(5):  # grid and scale
        v = puncak * i / 4
        bagian.append(
            f'<line x1="{kiri}" y1="{y(v):.1f}" x2="{lebar - kanan}" y2="{y(v):.1f}" '
            f'stroke="{WARNA["kisi"]}"/>'
        )
        bagian.append(_teks(kiri - 4, y(v) + 4, _angka(v, 0), text_anchor="end"))
    if satuan:
        bagian.append(_teks(4, atas - 8, satuan))
    n = max(len(batang), 1)
    slot = area_l / n
    lebar_b = max(min(slot * 0.7, 60), 2)
    miring = n > 12 or any(len(b.label) > slot / 6 for b in batang)
    titik = []
    for i, b in enumerate(batang):
        x = kiri + slot * i + (slot - lebar_b) / 2
        tengah = x + lebar_b / 2
        v = _f(b.nilai)
        if v is None:
            bagian.append(
                f'<rect x="{x:.1f}" y="{y(0) - 6:.1f}" width="{lebar_b:.1f}" height="6" '
                f'fill="none" stroke="{WARNA["pembanding"]}" stroke-dasharray="2,2"/>'
            )
            bagian.append(
                _teks(tengah, y(0) - 10, "–", text_anchor="middle", fill=WARNA["pembanding"])
            )
            bagian.append(f"<desc>{escape(b.label)}: tidak dapat dihitung</desc>")
        else:
            bagian.append(
                f'<rect x="{x:.1f}" y="{y(v):.1f}" width="{lebar_b:.1f}" '
                f'height="{y(0) - y(v):.1f}" fill="{_warna(b.warna)}">'
                f"<title>{escape(b.label)}: {_angka(v)}{escape(satuan)}</title></rect>"
            )
            if n <= 30:
                bagian.append(_teks(tengah, y(v) - 3, _angka(v), text_anchor="middle"))
        label = _potong(b.label, 22 if miring else max(int(slot / 6), 4))
        if miring:
            ly = y(0) + 10
            bagian.append(
                _teks(
                    tengah,
                    ly,
                    label,
                    text_anchor="end",
                    transform=f"rotate(-45 {tengah:.1f} {ly:.1f})",
                )
            )
        else:
            bagian.append(_teks(tengah, y(0) + 14, label, text_anchor="middle"))
        g = _f(b.garis)
        titik.append(None if g is None else (tengah, y(g)))
    # The line, broken where a point is missing.
    ruas, sekarang = [], []
    for t in titik + [None]:
        if t is None:
            if sekarang:
                ruas.append(sekarang)
            sekarang = []
        else:
            sekarang.append(t)
    for r in ruas:
        if len(r) == 1:
            (cx, cy) = r[0]
            bagian.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{WARNA["garis"]}"/>')
        else:
            pts = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in r)
            bagian.append(
                f'<polyline points="{pts}" fill="none" stroke="{WARNA["garis"]}" stroke-width="2"/>'
            )
    for a in acuan:
        v = _f(a.nilai)
        if v is None:
            continue
        bagian.append(
            f'<line x1="{kiri}" y1="{y(v):.1f}" x2="{lebar - kanan}" y2="{y(v):.1f}" '
            f'stroke="{WARNA["kurang"]}" stroke-dasharray="6,4"/>'
        )
        bagian.append(
            _teks(lebar - kanan - 2, y(v) - 3, a.label, text_anchor="end", fill=WARNA["kurang"])
        )
    if label_garis and any(t is not None for t in titik):
        bagian.append(
            f'<line x1="{lebar - 200}" y1="12" x2="{lebar - 180}" y2="12" '
            f'stroke="{WARNA["garis"]}" stroke-width="2"/>'
        )
        bagian.append(_teks(lebar - 176, 16, _potong(label_garis, 30)))
    bagian.append("</svg>")
    return "".join(bagian)


# --- radar chart ------------------------------------------------------------------------


@dataclass(frozen=True)
class Seri:
    label: str
    nilai: Sequence[Angka]  # one per axis


def grafik_radar(
    sumbu: Sequence[str],
    seri: Sequence[Seri],
    *,
    judul: str,
    maks: Angka = 100,
    ukuran: int = 420,
) -> str:
    """A radar (spider) chart: one axis per label, one polygon per series (the first is
    the subject, the others comparisons, e.g. last year). A missing value sits at the
    centre and its axis label says "tidak dapat dihitung"."""
    sumbu = list(sumbu)
    n = len(sumbu)
    lebar, tinggi = ukuran + 220, ukuran + 40
    cx, cy, r = lebar / 2, tinggi / 2 + 10, ukuran / 2 - 40
    puncak = _f(maks) or 1.0
    bagian = [_pembuka(lebar, tinggi, judul), _teks(8, 16, judul, font_weight="bold")]
    if n < 3:
        bagian.append(_teks(cx, cy, "Butuh minimal tiga sumbu", text_anchor="middle"))
        bagian.append("</svg>")
        return "".join(bagian)

    def titik(i: int, v: float) -> tuple[float, float]:
        sudut = -math.pi / 2 + 2 * math.pi * i / n
        jarak = r * min(max(v, 0.0), puncak) / puncak
        return cx + jarak * math.cos(sudut), cy + jarak * math.sin(sudut)

    for lingkar in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (titik(i, puncak * lingkar) for i in range(n))
        )
        bagian.append(f'<polygon points="{pts}" fill="none" stroke="{WARNA["kisi"]}"/>')
    kosong = set()
    for s in seri:
        for i, v in enumerate(s.nilai):
            if _f(v) is None:
                kosong.add(i)
    for i, label in enumerate(sumbu):
        x, y = titik(i, puncak)
        bagian.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{WARNA["kisi"]}"/>'
        )
        lx, ly = titik(i, puncak * 1.12)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        teks = _potong(label, 28) + (" (–)" if i in kosong else "")
        bagian.append(_teks(lx, ly + 4, teks, text_anchor=anchor))
    for j, s in enumerate(seri):
        warna = SERI[j % len(SERI)]
        pts = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (titik(i, _f(v) or 0.0) for i, v in enumerate(list(s.nilai)[:n]))
        )
        isi = "0.25" if j == 0 else "0.08"
        garis = "" if j == 0 else ' stroke-dasharray="5,3"'
        bagian.append(
            f'<polygon points="{pts}" fill="{warna}" fill-opacity="{isi}" stroke="{warna}" '
            f'stroke-width="2"{garis}><title>{escape(s.label)}</title></polygon>'
        )
        bagian.append(
            f'<rect x="{lebar - 150}" y="{30 + j * 18}" width="12" height="12" fill="{warna}"/>'
        )
        bagian.append(_teks(lebar - 134, 40 + j * 18, _potong(s.label, 20)))
    bagian.append("</svg>")
    return "".join(bagian)


# --- trend lines ------------------------------------------------------------------------


def grafik_garis(
    kategori: Sequence[str],
    seri: Sequence[Seri],
    *,
    judul: str,
    maks: Angka = None,
    satuan: str = "%",
    lebar: int = 900,
    tinggi: int = 300,
) -> str:
    """Lines over categories (e.g. months), one per series; a missing value breaks the
    line rather than dropping it to 0."""
    kategori = list(kategori)
    kiri, kanan, atas, bawah = 48, 160, 28, 40
    area_l, area_t = lebar - kiri - kanan, tinggi - atas - bawah
    semua = [_f(v) for s in seri for v in s.nilai]
    puncak = _f(maks) or max([v for v in semua if v is not None] + [1.0])
    puncak = puncak if puncak > 0 else 1.0
    n = max(len(kategori), 1)

    def x(i: int) -> float:
        return kiri + (area_l * (i + 0.5) / n)

    def y(v: float) -> float:
        return atas + area_t - min(max(v, 0.0), puncak) / puncak * area_t

    bagian = [_pembuka(lebar, tinggi, judul), _teks(kiri, 16, judul, font_weight="bold")]
    for i in range(5):
        v = puncak * i / 4
        bagian.append(
            f'<line x1="{kiri}" y1="{y(v):.1f}" x2="{kiri + area_l}" y2="{y(v):.1f}" '
            f'stroke="{WARNA["kisi"]}"/>'
        )
        bagian.append(_teks(kiri - 4, y(v) + 4, _angka(v, 0), text_anchor="end"))
    if satuan:
        bagian.append(_teks(4, atas - 8, satuan))
    for i, k in enumerate(kategori):
        bagian.append(_teks(x(i), y(0) + 14, _potong(k, 10), text_anchor="middle"))
    for j, s in enumerate(seri):
        warna = SERI[j % len(SERI)]
        ruas, sekarang = [], []
        for i, v in enumerate(list(s.nilai)[: len(kategori)]):
            fv = _f(v)
            if fv is None:
                if sekarang:
                    ruas.append(sekarang)
                sekarang = []
            else:
                sekarang.append((x(i), y(fv)))
        if sekarang:
            ruas.append(sekarang)
        for r in ruas:
            pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in r)
            bagian.append(
                f'<polyline points="{pts}" fill="none" stroke="{warna}" stroke-width="2"/>'
            )
            for px, py in r:
                bagian.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="{warna}"/>')
        bagian.append(
            f'<rect x="{lebar - kanan + 10}" y="{30 + j * 18}" width="12" height="12" '
            f'fill="{warna}"/>'
        )
        bagian.append(_teks(lebar - kanan + 26, 40 + j * 18, _potong(s.label, 20)))
    bagian.append("</svg>")
    return "".join(bagian)
