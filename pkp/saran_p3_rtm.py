"""The suggestion rule of 1.1.15 (RTM): a collector reading the RTM of a year through
the read all P3 rules share (``pkp.saran_p3``, once per request), registered with the pure rule of ``pkp.saran_aturan_rtm`` from
``PkpConfig.ready``."""

from __future__ import annotations

from django.urls import reverse

from . import saran_daftar
from .saran_aturan_rtm import FaktaRTM, RTMFakta, saran_rtm
from .saran_p3 import baca, daftarkan_kolom


def kumpulkan_rtm(puskesmas, tahun: int) -> FaktaRTM:
    """1.1.15: the RTM of N approved by the Kepala, with their RTL."""
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
            for r in baca(puskesmas, tahun).rtm
        ),
    )


def daftarkan() -> None:
    daftarkan_kolom()
    saran_daftar.daftar("1.1.15", kumpulkan=kumpulkan_rtm, aturan=saran_rtm)
