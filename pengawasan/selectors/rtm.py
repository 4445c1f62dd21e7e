"""Reads of the RTM: the meetings of a year, the one before, the decisions (RTL) of a
meeting, the count per Puskesmas (home-page warning) and the facts of PKP rule 1.1.15."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from puskesmas.alat import rtl as aturan_rtl
from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.kueri_tersusun import baris_tersusun
from puskesmas.selectors.rtl import rtl_dari_sumber

from ..models import RTM
from .register import _hitung_rtl


def rtm_tahun(*, puskesmas, tahun: int, user) -> list[RTM]:
    """The RTM of ``puskesmas`` in ``tahun``, oldest first, with their attendance counts."""
    return list(
        RTM.objects.for_user(user)
        .filter(puskesmas=puskesmas, tahun=tahun)
        .annotate(
            jumlah_peserta=Count("peserta", distinct=True),
            jumlah_hadir=Count("peserta", filter=Q(peserta__hadir=True), distinct=True),
        )
        .order_by("tanggal", "pk")
    )


def rtm_sebelumnya(rtm: RTM) -> RTM | None:
    """The RTM of the same Puskesmas held just before ``rtm`` (any year)."""
    return (
        RTM.objects.filter(puskesmas_id=rtm.puskesmas_id)
        .filter(Q(tanggal__lt=rtm.tanggal) | Q(tanggal=rtm.tanggal, pk__lt=rtm.pk))
        .order_by("-tanggal", "-pk")
        .first()
    )


def rtl_rtm(rtm: RTM, user):
    """The decisions of ``rtm``: the RTL whose source it is."""
    return rtl_dari_sumber(sumber=rtm, user=user).select_related("pj", "klaster")


def jumlah_per_puskesmas(*, puskesmas_ids, tahun: int) -> dict[int, int]:
    """{puskesmas id: RTM held or scheduled in ``tahun``}: one query (the work inbox asks on
    every home page: composed once per process)."""

    def susun(ids):
        return (
            RTM.objects.filter(puskesmas_id__in=ids, tahun=tahun)
            .values_list("puskesmas_id")
            .annotate(n=Count("pk"))
            .values_list("puskesmas_id", "n")
        )

    return dict(baris_tersusun(("rtm_jumlah", tahun), susun, puskesmas_ids))


@dataclass(frozen=True)
class RingkasRTM:
    """One approved RTM as PKP rule 1.1.15 reads it."""

    pk: int
    label: str
    lengkap: bool  # notulen, attendance, analysis and at least one RTL
    jumlah_rtl: int
    rtl_ditindaklanjuti: int  # follow-up recorded (selesai or dievaluasi)
    rtl_dievaluasi: int


def rtm_disetujui(*, puskesmas, tahun: int) -> list[RingkasRTM]:
    """The RTM of ``tahun`` approved by the Kepala Puskesmas, each with its completeness and
    the state of its RTL (stopped RTL do not count): one query."""
    S = aturan_rtl.StatusRTL
    berlaku = tuple(s.value for s in S if s != S.TIDAK_DILANJUTKAN)
    daftar = list(
        RTM.objects.filter(puskesmas=puskesmas, tahun=tahun, status=StatusAlur.DISAHKAN)
        .annotate(
            jumlah_hadir=Count("peserta", filter=Q(peserta__hadir=True)),
            n_rtl=_hitung_rtl(RTM, berlaku),
            n_ditindaklanjuti=_hitung_rtl(RTM, (S.SELESAI.value, S.DIEVALUASI.value)),
            n_dievaluasi=_hitung_rtl(RTM, (S.DIEVALUASI.value,)),
        )
        .order_by("tanggal", "pk")
    )
    return [
        RingkasRTM(
            pk=r.pk,
            label=str(r),
            lengkap=bool(r.notulen.strip() and r.analisis.strip() and r.jumlah_hadir and r.n_rtl),
            jumlah_rtl=r.n_rtl,
            rtl_ditindaklanjuti=r.n_ditindaklanjuti,
            rtl_dievaluasi=r.n_dievaluasi,
        )
        for r in daftar
    ]
