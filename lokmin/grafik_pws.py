"""The charts of one PWS indicator as safe SVG: the same markup on the PWS dashboard, the
Lokmin page and the notulen PDF (``puskesmas.alat.grafik`` escapes every text)."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from puskesmas.alat import grafik

from .selectors_pws import NAMA_BULAN


def grafik_pws(tabel, bulan: int) -> dict:
    """The classic PWS chart and the monthly trend of one indicator, as safe SVG."""
    batang = [
        grafik.Batang(
            label=b.desa.nama,
            nilai=b.hasil.cakupan_kumulatif,
            warna=b.hasil.status if b.hasil.dapat_dihitung else "netral",
            garis=b.hasil.target_kumulatif,
        )
        for b in tabel.baris
    ]
    judul = f"{tabel.indikator.kode} {tabel.indikator.nama}"
    return {
        "pws": mark_safe(  # noqa: S308 - grafik escapes every text and picks palette colours
            grafik.grafik_batang(
                batang,
                judul=f"PWS {judul}: cakupan kumulatif s.d. {NAMA_BULAN[bulan - 1]}",
                label_garis="Target kumulatif",
            )
        ),
        "tren": mark_safe(  # noqa: S308 - as above
            grafik.grafik_garis(
                [n[:3] for n in NAMA_BULAN[:bulan]],
                [grafik.Seri(b.desa.nama, b.bulanan) for b in tabel.baris],
                judul=f"Tren cakupan kumulatif per desa: {judul}",
            )
        ),
    }
