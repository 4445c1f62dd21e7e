"""The suggestion rule of 1.1.15 (RTM): a collector reading the RTM of a year through
pengawasan's selectors, registered with the pure rule of ``pkp.saran_aturan_rtm`` from
``PkpConfig.ready``."""

from __future__ import annotations

from django.urls import reverse

from pengawasan.selectors.rtm import rtm_disetujui

from . import saran_daftar
from .saran_aturan_rtm import FaktaRTM, RTMFakta, saran_rtm


def kumpulkan_rtm(puskesmas, tahun: int) -> FaktaRTM:
    """1.1.15: the RTM of N approved by the Kepala, with their RTL (two queries)."""
    return FaktaRTM(
        tahun=tahun,
        rtm=tuple(
            RTMFakta(
                label=r.label,
                lengkap=r.lengkap,
                jumlah_rtl=r.jumlah_rtl,
                ditindaklanjuti=r.rtl_ditindaklanjuti,
                dievaluasi=r.rtl_dievaluasi,
                url=reverse("pengawasan:rtm_detail", args=[r.pk]),
            )
            for r in rtm_disetujui(puskesmas=puskesmas, tahun=tahun)
        ),
    )


def daftarkan() -> None:
    saran_daftar.daftar("1.1.15", kumpulkan=kumpulkan_rtm, aturan=saran_rtm)
