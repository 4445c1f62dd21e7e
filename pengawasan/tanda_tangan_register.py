"""How the SK Tim Mutu snapshots itself when the Kepala signs it through ``alur``: the PDF of
a signed SK prints exactly what was signed (members and their uraian tugas), with its
verification code, whatever changes later. Loaded by ``PengawasanConfig.ready``."""

from __future__ import annotations

from puskesmas.alat.tanda_tangan import daftarkan

from .models import TimMutu
from .selectors.register import anggota_tim_mutu


def susunan_tim_mutu(tim: TimMutu) -> list[dict]:
    """The members as the SK lists them, as plain values (one query)."""
    return [
        {
            "nama": a.user.get_full_name(),
            "nip": a.user.nip,
            "kedudukan": a.get_kedudukan_display(),
            "bidang": a.get_bidang_display(),
            "uraian_tugas": a.uraian_tugas,
        }
        for a in anggota_tim_mutu(tim)
    ]


def isi_tim_mutu(tim: TimMutu) -> dict:
    return {
        "tahun": tim.tahun,
        "nomor_sk": tim.nomor_sk,
        "tanggal_sk": tim.tanggal_sk,
        "susunan": susunan_tim_mutu(tim),
    }


daftarkan(
    TimMutu,
    jenis="SK Tim Mutu",
    isi=isi_tim_mutu,
    nomor=lambda tim: tim.nomor_sk,
    tanggal=lambda tim: tim.tanggal_sk,
    perihal=lambda tim: f"Pembentukan Tim Mutu tahun {tim.tahun}",
)
