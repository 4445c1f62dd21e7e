"""The suggestion rules of P1's variables (1.1.1 Renstra, 1.1.2 RUK N+1, 1.1.3 RPK/POA):
collectors that read P1's records through its selectors, registered with the pure rules of
``pkp.saran_aturan`` in the registry (``pkp.saran_daftar``) from ``PkpConfig.ready``.

Each collector reads one Puskesmas and assessment year N in a fixed number of queries and
returns the frozen facts its rule takes; which year each variable reads is explained in
``pkp.saran_aturan`` and docs/domain.md (PKP).
"""

from __future__ import annotations

from django.urls import reverse

from perencanaan.choices import JenisPembahasan
from perencanaan.selectors.ringkasan import (
    SAH,
    isi_analisis,
    renstra_mencakup,
    rpk_ringkas,
    ruk_tahun,
)
from puskesmas.selectors.inti import tanggal_disahkan

from . import saran_daftar
from .saran_aturan import FaktaRenstra, FaktaRPK, FaktaRUK, saran_renstra, saran_rpk, saran_ruk


def kumpulkan_renstra(puskesmas, tahun: int) -> FaktaRenstra:
    """1.1.1: the Renstra covering N (two queries)."""
    r = renstra_mencakup(puskesmas=puskesmas, tahun=tahun)
    if r is None:
        return FaktaRenstra(tahun=tahun)
    return FaktaRenstra(
        tahun=tahun,
        mulai=r.tahun_mulai,
        status=r.get_status_display(),
        disahkan=r.status in SAH,
        tanggal_sah=tanggal_disahkan(r) if r.status in SAH else None,
        visi=bool(r.visi.strip()),
        misi=bool(r.misi.strip()),
        tata_nilai=bool(r.tata_nilai.strip()),
        jumlah_indikator=r.jumlah_target,
        analisis_kebutuhan=bool(r.analisis_kebutuhan.strip()),
        url=reverse("perencanaan:renstra_detail", args=[puskesmas.pk, r.pk]),
    )


def kumpulkan_ruk(puskesmas, tahun: int) -> FaktaRUK:
    """1.1.2: the RUK for N+1, the approved Renstra it follows and the analisis situasi of
    planning year N (eight queries)."""
    ruk = ruk_tahun(puskesmas=puskesmas, tahun=tahun + 1)
    if ruk is None:
        return FaktaRUK(tahun=tahun)
    renstra = renstra_mencakup(puskesmas=puskesmas, tahun=tahun + 1, sah=True)
    if renstra is None:  # a Renstra ending in N still guides the RUK drafted in N
        renstra = renstra_mencakup(puskesmas=puskesmas, tahun=tahun, sah=True)
    isi = isi_analisis(puskesmas=puskesmas, tahun=tahun)
    return FaktaRUK(
        tahun=tahun,
        ada=True,
        status=ruk.get_status_display(),
        disahkan=ruk.status in SAH,
        tanggal_sah=tanggal_disahkan(ruk) if ruk.status in SAH else None,
        jumlah_kegiatan=ruk.jumlah_kegiatan,
        kegiatan_masalah=ruk.kegiatan_masalah,
        renstra=f"{renstra.tahun_mulai}–{renstra.tahun_selesai}" if renstra else "",
        capaian_n1=isi.capaian[tahun - 1],
        capaian_n2=isi.capaian[tahun - 2],
        tahun_penduduk=isi.tahun_penduduk,
        survei=isi.survei,
        jumlah_masalah=isi.jumlah_masalah,
        url_ruk=reverse("perencanaan:ruk_detail", args=[ruk.pk]),
        url_analisis=reverse("perencanaan:analisis", args=[puskesmas.pk]),
        url_renstra=(
            reverse("perencanaan:renstra_detail", args=[puskesmas.pk, renstra.pk])
            if renstra
            else ""
        ),
    )


def kumpulkan_rpk(puskesmas, tahun: int) -> FaktaRPK:
    """1.1.3: the RPK of N against its RUK, and its LP/LS discussions (six queries)."""
    r = rpk_ringkas(puskesmas=puskesmas, tahun=tahun)
    if r is None:
        return FaktaRPK(tahun=tahun)
    return FaktaRPK(
        tahun=tahun,
        ada=True,
        status=r.rpk.get_status_display(),
        disahkan=r.rpk.status in SAH,
        tanggal_sah=tanggal_disahkan(r.rpk) if r.rpk.status in SAH else None,
        jumlah_kegiatan=r.jumlah_kegiatan,
        dari_ruk=r.dari_ruk,
        kegiatan_ruk=r.kegiatan_ruk,
        tidak_dialokasikan=r.tidak_dialokasikan,
        biaya_lebih=r.biaya_lebih,
        belum_dijadwalkan=r.belum_dijadwalkan,
        pembahasan_lp=r.pembahasan.get(JenisPembahasan.LINTAS_PROGRAM),
        pembahasan_ls=r.pembahasan.get(JenisPembahasan.LINTAS_SEKTOR),
        url=reverse("perencanaan:rpk_detail", args=[r.rpk.pk]),
    )


def daftarkan() -> None:
    """Register P1's three rules (``PkpConfig.ready``)."""
    saran_daftar.daftar("1.1.1", kumpulkan=kumpulkan_renstra, aturan=saran_renstra)
    saran_daftar.daftar("1.1.2", kumpulkan=kumpulkan_ruk, aturan=saran_ruk)
    saran_daftar.daftar("1.1.3", kumpulkan=kumpulkan_rpk, aturan=saran_rpk)
