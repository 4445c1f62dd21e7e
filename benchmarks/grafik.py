"""The plot of page time against kabupaten size, as a standalone SVG file.

Built from the app's server-side chart pieces (``puskesmas.alat.grafik``: the SVG
opening, escaped text, palette), with a numeric x axis: the kabupaten sizes are uneven,
so the points are placed by their number of Puskesmas, not evenly. Plain values in, an
SVG string out; no ORM.
"""

from __future__ import annotations

from puskesmas.alat.grafik import SERI, WARNA, _angka, _pembuka, _teks


def _skala_atas(nilai: float) -> float:
    """A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least ``nilai``."""
    if nilai <= 0:
        return 1.0
    dasar = 10 ** len(str(int(nilai)))
    for langkah in (0.1, 0.2, 0.5, 1.0):
        if dasar * langkah >= nilai:
            return dasar * langkah
    return float(dasar)


def grafik_kurva(titik: list[dict], *, judul: str, lebar: int = 760, tinggi: int = 380) -> str:
    """Lines of median ms per page over the kabupaten's number of Puskesmas.

    ``titik``: one dict per kabupaten, ``{"puskesmas": n, "halaman": {name: {"median_ms":
    ms}}}``; a page missing at a kabupaten leaves a gap in its line.
    """
    titik = sorted(titik, key=lambda t: t["puskesmas"])
    nama = []
    for t in titik:
        for n in t["halaman"]:
            if n not in nama:
                nama.append(n)
    kiri, kanan, atas, bawah = 56, 210, 48, 48
    area_l, area_t = lebar - kiri - kanan, tinggi - atas - bawah
    maks_x = _skala_atas(max([t["puskesmas"] for t in titik] + [1]))
    semua_ms = [h["median_ms"] for t in titik for h in t["halaman"].values()]
    maks_y = _skala_atas(max(semua_ms + [1.0]))

    def x(v: float) -> float:
        return kiri + area_l * v / maks_x

    def y(v: float) -> float:
        return atas + area_t - area_t * min(v, maks_y) / maks_y

    bagian = [
        _pembuka(lebar, tinggi, judul),
        f'<rect width="{lebar}" height="{tinggi}" fill="#ffffff"/>',  # a file of its own
        _teks(kiri, 18, judul, font_weight="bold"),
    ]
    for i in range(6):
        v = maks_y * i / 5
        bagian.append(
            f'<line x1="{kiri}" y1="{y(v):.1f}" x2="{kiri + area_l}" y2="{y(v):.1f}" '
            f'stroke="{WARNA["kisi"]}"/>'
        )
        bagian.append(_teks(kiri - 4, y(v) + 4, _angka(v, 0), text_anchor="end"))
    for i in range(6):
        v = maks_x * i / 5
        bagian.append(
            f'<line x1="{x(v):.1f}" y1="{atas + area_t}" x2="{x(v):.1f}" '
            f'y2="{atas + area_t + 4}" stroke="{WARNA["garis"]}"/>'
        )
        bagian.append(_teks(x(v), atas + area_t + 16, _angka(v, 0), text_anchor="middle"))
    bagian.append(
        f'<line x1="{kiri}" y1="{atas + area_t}" x2="{kiri + area_l}" y2="{atas + area_t}" '
        f'stroke="{WARNA["garis"]}"/>'
    )
    bagian.append(
        _teks(kiri + area_l / 2, tinggi - 8, "jumlah Puskesmas di kabupaten", text_anchor="middle")
    )
    bagian.append(_teks(4, atas - 10, "ms (median)"))
    for j, n in enumerate(nama):
        warna = SERI[j % len(SERI)]
        ruas, sekarang = [], []
        for t in titik:
            h = t["halaman"].get(n)
            if h is None:
                if sekarang:
                    ruas.append(sekarang)
                sekarang = []
                continue
            sekarang.append((x(t["puskesmas"]), y(h["median_ms"])))
        if sekarang:
            ruas.append(sekarang)
        for r in ruas:
            pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in r)
            bagian.append(
                f'<polyline points="{pts}" fill="none" stroke="{warna}" stroke-width="2"/>'
            )
            for px, py in r:
                bagian.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{warna}"/>')
        bagian.append(
            f'<rect x="{lebar - kanan + 12}" y="{atas + j * 20}" width="12" height="12" '
            f'fill="{warna}"/>'
        )
        bagian.append(_teks(lebar - kanan + 30, atas + 10 + j * 20, n))
    bagian.append("</svg>")
    return "\n".join(bagian) + "\n"
