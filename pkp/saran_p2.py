"""The suggestion rules of P2's variables (1.1.4 Lokmin bulanan, 1.1.5 Lokmin tribulanan,
1.1.6 Survei Keluarga Sehat): collectors that read P2's records through the Lokmin
selectors (``lokmin.selectors.ringkasan``), registered with the pure rules of
``pkp.saran_aturan_p2`` in the registry (``pkp.saran_daftar``) from ``PkpConfig.ready``.

The three collectors share one read of P2's records (``ringkasan_p2``, once per request
through ``saran_daftar.sekali``), whose PIS-PK values come on the Puskesmas's row
(``saran_daftar.baris_puskesmas``): that row and one query for all three rules, three once
there are meetings, whatever the number of meetings, peserta, RTL or families.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from lokmin import kalender
from lokmin.kalender import JenisLokmin
from lokmin.selectors.ringkasan import kolom_p2, lokmin_selesai, ringkasan_p2

from . import saran_daftar
from .saran_aturan_p2 import FaktaLokmin, FaktaPISPK, FaktaRapat, saran_lokmin, saran_pispk


def _url(nama: str, *args) -> str:
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return ""


@saran_daftar.sekali
def _baca(puskesmas, tahun: int):
    baris = saran_daftar.baris_puskesmas(puskesmas, tahun)
    return ringkasan_p2(puskesmas=puskesmas, tahun=tahun, baris=baris)


def _kumpulkan_lokmin(puskesmas, tahun: int, jenis: JenisLokmin) -> FaktaLokmin:
    rapat = _baca(puskesmas, tahun).lokmin[jenis]
    return FaktaLokmin(
        tahun=tahun,
        tribulanan=jenis == JenisLokmin.TRIBULANAN,
        bulan_wajib=kalender.bulan_lokmin(jenis),
        rapat=tuple(
            FaktaRapat(
                bulan=r.lokmin.bulan,
                selesai=lokmin_selesai(r),
                undangan=r.lokmin.undangan_dikirim is not None,
                hadir=r.hadir,
                hadir_ls=r.hadir_ls,
                notulen_lengkap=r.notulen_lengkap,
                jumlah_rtl=r.jumlah_rtl,
                rtl_instansi=r.rtl_instansi,
                rtl_lalu=r.rtl_lalu,
                rtl_lalu_ditindaklanjuti=r.rtl_lalu_ditindaklanjuti,
                url=_url("lokmin:detail", r.lokmin.pk),
            )
            for r in rapat
        ),
        url=_url("lokmin:daftar", puskesmas.pk),
    )


def kumpulkan_lokmin_bulanan(puskesmas, tahun: int) -> FaktaLokmin:
    """1.1.4: the bulanan of N."""
    return _kumpulkan_lokmin(puskesmas, tahun, JenisLokmin.BULANAN)


def kumpulkan_lokmin_tribulanan(puskesmas, tahun: int) -> FaktaLokmin:
    """1.1.5: the tribulanan of N."""
    return _kumpulkan_lokmin(puskesmas, tahun, JenisLokmin.TRIBULANAN)


def kumpulkan_pispk(puskesmas, tahun: int) -> FaktaPISPK:
    """1.1.6: the PIS-PK survey of N and its four steps."""
    r = _baca(puskesmas, tahun).pispk
    url = _url("lokmin:pispk", puskesmas.pk)
    return FaktaPISPK(
        tahun=tahun,
        disurvei=r.disurvei,
        jumlah_keluarga=r.jumlah_keluarga,
        intervensi_awal=r.langkah.get("intervensi_awal"),
        entri_data=r.langkah.get("entri_data"),
        analisis=r.langkah.get("analisis"),
        intervensi_lanjut=r.langkah.get("intervensi_lanjut"),
        url=f"{url}?tahun={tahun}" if url else "",
    )


def daftarkan() -> None:
    """Register P2's three rules (``PkpConfig.ready``)."""
    saran_daftar.daftar_kolom("lokmin", kolom_p2)
    saran_daftar.daftar("1.1.4", kumpulkan=kumpulkan_lokmin_bulanan, aturan=saran_lokmin)
    saran_daftar.daftar("1.1.5", kumpulkan=kumpulkan_lokmin_tribulanan, aturan=saran_lokmin)
    saran_daftar.daftar("1.1.6", kumpulkan=kumpulkan_pispk, aturan=saran_pispk)
