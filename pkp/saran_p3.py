"""The read the P3 suggestion rules share (1.1.9–1.1.15): ``ringkasan_pkp`` of pengawasan,
once per request (``saran_daftar.sekali``), its flags read on the Puskesmas's row
(``saran_daftar.baris_puskesmas``); and ``fakta``, which builds a rule's facts from a
summary whose fields carry the same names."""

from __future__ import annotations

from dataclasses import fields

from pengawasan.selectors.ringkasan_pkp import kolom_pkp, ringkasan_pkp

from . import saran_daftar


@saran_daftar.sekali
def baca(puskesmas, tahun: int):
    baris = saran_daftar.baris_puskesmas(puskesmas, tahun)
    return ringkasan_pkp(puskesmas=puskesmas, tahun=tahun, baris=baris)


def fakta(jenis, ringkasan, **lain):
    """``jenis`` (a facts dataclass) with each field taken from ``ringkasan``'s field of
    the same name, unless given in ``lain``."""
    nilai = {
        f.name: getattr(ringkasan, f.name)
        for f in fields(jenis)
        if f.name not in lain and hasattr(ringkasan, f.name)
    }
    return jenis(**nilai, **lain)


def daftarkan_kolom() -> None:
    saran_daftar.daftar_kolom("pengawasan", kolom_pkp)
