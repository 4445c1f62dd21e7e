"""The suggestion rules of the P3 quality variables (1.1.9 Tim Mutu, 1.1.10 rencana program
mutu, 1.1.11 manajemen risiko, 1.1.12 pengaduan, 1.1.13 survei kepuasan): collectors that
read the registers of assessment year N through the read all P3 rules share
(``pkp.saran_p3``: a fixed number of queries whatever the rows, once per request), registered
with the pure rules of ``pkp.saran_aturan_register`` from ``PkpConfig.ready``."""

from __future__ import annotations

from django.urls import reverse

from . import saran_daftar
from .saran_aturan_register import (
    FaktaPengaduan,
    FaktaProgramMutu,
    FaktaRisiko,
    FaktaSurvei,
    FaktaTimMutu,
    saran_pengaduan,
    saran_program_mutu,
    saran_risiko,
    saran_survei,
    saran_tim_mutu,
)
from .saran_p3 import baca, daftarkan_kolom, fakta


def _url(nama: str, puskesmas, tahun: int) -> str:
    return f"{reverse(f'pengawasan:{nama}', args=[puskesmas.pk])}?tahun={tahun}"


def kumpulkan_tim_mutu(puskesmas, tahun: int) -> FaktaTimMutu:
    """1.1.9."""
    r = baca(puskesmas, tahun).tim_mutu
    url = _url("tim_mutu", puskesmas, tahun)
    return fakta(FaktaTimMutu, r, tahun=tahun, ditetapkan=r.sk_ditetapkan, url=url)


def kumpulkan_program_mutu(puskesmas, tahun: int) -> FaktaProgramMutu:
    """1.1.10."""
    r = baca(puskesmas, tahun).program_mutu
    return fakta(FaktaProgramMutu, r, tahun=tahun, url=_url("program_mutu", puskesmas, tahun))


def kumpulkan_risiko(puskesmas, tahun: int) -> FaktaRisiko:
    """1.1.11."""
    r = baca(puskesmas, tahun).risiko
    return fakta(FaktaRisiko, r, tahun=tahun, url=_url("risiko", puskesmas, tahun))


def kumpulkan_pengaduan(puskesmas, tahun: int) -> FaktaPengaduan:
    """1.1.12."""
    r = baca(puskesmas, tahun).pengaduan
    return fakta(FaktaPengaduan, r, tahun=tahun, url=_url("pengaduan", puskesmas, tahun))


def kumpulkan_survei(puskesmas, tahun: int) -> FaktaSurvei:
    """1.1.13."""
    r = baca(puskesmas, tahun).survei
    t = r.terakhir
    return fakta(
        FaktaSurvei,
        r,
        tahun=tahun,
        ikm_terakhir=f"{str(t.ikm).replace('.', ',')} ({t.mutu.kode})" if t else "",
        url=_url("survei", puskesmas, tahun),
    )


def daftarkan() -> None:
    """Register the five rules (``PkpConfig.ready``)."""
    daftarkan_kolom()
    saran_daftar.daftar("1.1.9", kumpulkan=kumpulkan_tim_mutu, aturan=saran_tim_mutu)
    saran_daftar.daftar("1.1.10", kumpulkan=kumpulkan_program_mutu, aturan=saran_program_mutu)
    saran_daftar.daftar("1.1.11", kumpulkan=kumpulkan_risiko, aturan=saran_risiko)
    saran_daftar.daftar("1.1.12", kumpulkan=kumpulkan_pengaduan, aturan=saran_pengaduan)
    saran_daftar.daftar("1.1.13", kumpulkan=kumpulkan_survei, aturan=saran_survei)
