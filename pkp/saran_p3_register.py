"""The suggestion rules of the P3 quality variables (1.1.9 Tim Mutu, 1.1.10 rencana program
mutu, 1.1.11 manajemen risiko, 1.1.12 pengaduan, 1.1.13 survei kepuasan): collectors that
read the registers of assessment year N through ``pengawasan.selectors.register``,
registered with the pure rules of ``pkp.saran_aturan_register`` from ``PkpConfig.ready``.
Each collector reads in a fixed number of queries."""

from __future__ import annotations

from django.urls import reverse

from pengawasan.selectors import register as sel

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


def _url(nama: str, puskesmas, tahun: int) -> str:
    return f"{reverse(f'pengawasan:{nama}', args=[puskesmas.pk])}?tahun={tahun}"


def kumpulkan_tim_mutu(puskesmas, tahun: int) -> FaktaTimMutu:
    """1.1.9 (three queries)."""
    r = sel.ringkasan_tim_mutu(puskesmas=puskesmas, tahun=tahun)
    return FaktaTimMutu(
        tahun=tahun,
        ada_sk=r.ada_sk,
        ditetapkan=r.sk_ditetapkan,
        status=r.status,
        nomor_sk=r.nomor_sk,
        bidang_belum=r.bidang_belum,
        tanggal_evaluasi=r.tanggal_evaluasi,
        url=_url("tim_mutu", puskesmas, tahun),
    )


def kumpulkan_program_mutu(puskesmas, tahun: int) -> FaktaProgramMutu:
    """1.1.10 (two queries)."""
    r = sel.ringkasan_program_mutu(puskesmas=puskesmas, tahun=tahun)
    return FaktaProgramMutu(
        tahun=tahun,
        ada=r.ada,
        ada_kak=r.ada_kak,
        ada_evaluasi=r.ada_evaluasi,
        jumlah_kegiatan=r.jumlah_kegiatan,
        dengan_sumber=r.dengan_sumber,
        terlaksana=r.terlaksana,
        terlaksana_bercatatan=r.terlaksana_bercatatan,
        url=_url("program_mutu", puskesmas, tahun),
    )


def kumpulkan_risiko(puskesmas, tahun: int) -> FaktaRisiko:
    """1.1.11 (one query)."""
    r = sel.ringkasan_risiko(puskesmas=puskesmas, tahun=tahun)
    return FaktaRisiko(
        tahun=tahun,
        jumlah=r.jumlah,
        dengan_pengendalian=r.dengan_pengendalian,
        lengkap=r.lengkap,
        url=_url("risiko", puskesmas, tahun),
    )


def kumpulkan_pengaduan(puskesmas, tahun: int) -> FaktaPengaduan:
    """1.1.12 (two queries and the content type, cached)."""
    r = sel.ringkasan_pengaduan(puskesmas=puskesmas, tahun=tahun)
    return FaktaPengaduan(
        tahun=tahun,
        media=r.media,
        jumlah=r.jumlah,
        dianalisis=r.dianalisis,
        dengan_rtl=r.dengan_rtl,
        rtl_dievaluasi=r.rtl_dievaluasi,
        url=_url("pengaduan", puskesmas, tahun),
    )


def kumpulkan_survei(puskesmas, tahun: int) -> FaktaSurvei:
    """1.1.13 (one query and the content type, cached)."""
    r = sel.ringkasan_survei(puskesmas=puskesmas, tahun=tahun)
    t = r.terakhir
    return FaktaSurvei(
        tahun=tahun,
        jumlah=r.jumlah,
        dianalisis=r.dianalisis,
        rtl_dievaluasi=r.rtl_dievaluasi,
        dipublikasikan=r.dipublikasikan,
        ikm_terakhir=f"{str(t.ikm).replace('.', ',')} ({t.mutu.kode})" if t else "",
        url=_url("survei", puskesmas, tahun),
    )


def daftarkan() -> None:
    """Register the five rules (``PkpConfig.ready``)."""
    saran_daftar.daftar("1.1.9", kumpulkan=kumpulkan_tim_mutu, aturan=saran_tim_mutu)
    saran_daftar.daftar("1.1.10", kumpulkan=kumpulkan_program_mutu, aturan=saran_program_mutu)
    saran_daftar.daftar("1.1.11", kumpulkan=kumpulkan_risiko, aturan=saran_risiko)
    saran_daftar.daftar("1.1.12", kumpulkan=kumpulkan_pengaduan, aturan=saran_pengaduan)
    saran_daftar.daftar("1.1.13", kumpulkan=kumpulkan_survei, aturan=saran_survei)
