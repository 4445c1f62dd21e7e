"""Summaries of P1's documents of one Puskesmas and year, for the parts of the cycle that
judge them (the PKP suggestion rules of 1.1.1–1.1.3): which Renstra covers a year, the RUK
with its activity counts, what the analisis situasi of a planning year holds, and the RPK
compared with its RUK. Plain values out; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q

from puskesmas.alat.alur import StatusAlur
from puskesmas.models import SasaranDesa

from ..choices import JenisSurvei
from ..models import RPK, RUK, CapaianTahunan, HasilSurvei, Masalah, RencanaLimaTahunan
from .rpk import rpk_pembahasan, rpk_tabel

SAH = (StatusAlur.DISAHKAN, StatusAlur.DIKIRIM)


def renstra_mencakup(*, puskesmas, tahun: int, sah: bool = False) -> RencanaLimaTahunan | None:
    """The Renstra whose five years cover ``tahun`` (the latest start when periods overlap),
    only an approved one with ``sah``; annotated with ``jumlah_target`` (one query)."""
    qs = RencanaLimaTahunan.objects.filter(
        puskesmas=puskesmas, tahun_mulai__lte=tahun, tahun_mulai__gte=tahun - 4
    )
    if sah:
        qs = qs.filter(status__in=SAH)
    return qs.annotate(jumlah_target=Count("target")).order_by("-tahun_mulai").first()


def ruk_tahun(*, puskesmas, tahun: int) -> RUK | None:
    """The RUK for ``tahun`` with ``jumlah_kegiatan`` and ``kegiatan_masalah`` (activities
    that address a problem or carry a chosen solution), in one query."""
    return (
        RUK.objects.filter(puskesmas=puskesmas, tahun=tahun)
        .annotate(
            jumlah_kegiatan=Count("kegiatan", distinct=True),
            kegiatan_masalah=Count(
                "kegiatan",
                filter=Q(kegiatan__masalah__isnull=False) | Q(kegiatan__pemecahan__isnull=False),
                distinct=True,
            ),
        )
        .first()
    )


@dataclass(frozen=True)
class IsiAnalisis:
    """What the analisis situasi of planning year N holds (counts, not the rows)."""

    tahun: int
    capaian: dict[int, int]  # year (N-1, N-2) → indicators with an achievement entered
    tahun_penduduk: int | None  # latest year up to N with population figures
    survei: tuple[str, ...]  # short names of the survey kinds entered, in their fixed order
    jumlah_masalah: int


SINGKATAN_SURVEI = {
    JenisSurvei.SMD: "SMD",
    JenisSurvei.IKS: "IKS",
    JenisSurvei.IKM: "IKM",
}


def isi_analisis(*, puskesmas, tahun: int) -> IsiAnalisis:
    """The inputs of the analisis situasi of planning year ``tahun`` (four queries)."""
    per_tahun = dict(
        CapaianTahunan.objects.filter(
            puskesmas=puskesmas,
            indikator__kabupaten_id=puskesmas.kabupaten_id,
            indikator__tahun__in=[tahun - 1, tahun - 2],
        )
        .values_list("indikator__tahun")
        .annotate(n=Count("pk"))
        .order_by()
    )
    penduduk = SasaranDesa.objects.filter(desa__puskesmas=puskesmas, tahun__lte=tahun).aggregate(
        t=Max("tahun")
    )["t"]
    jenis = set(
        HasilSurvei.objects.filter(puskesmas=puskesmas, tahun=tahun).values_list("jenis", flat=True)
    )
    return IsiAnalisis(
        tahun=tahun,
        capaian={t: per_tahun.get(t, 0) for t in (tahun - 1, tahun - 2)},
        tahun_penduduk=penduduk,
        survei=tuple(SINGKATAN_SURVEI[j] for j in JenisSurvei if j in jenis),
        jumlah_masalah=Masalah.objects.filter(puskesmas=puskesmas, tahun=tahun).count(),
    )


@dataclass(frozen=True)
class RingkasanRPK:
    """An RPK against its RUK, counted as ``rpk_banding`` compares them, and its two
    discussions."""

    rpk: RPK
    jumlah_kegiatan: int
    dari_ruk: int
    kegiatan_ruk: int
    tidak_dialokasikan: int
    biaya_lebih: int
    belum_dijadwalkan: int
    pembahasan: dict[str, date]  # JenisPembahasan value → date of the discussion


def rpk_ringkas(*, puskesmas, tahun: int) -> RingkasanRPK | None:
    """The RPK of ``tahun`` compared with its RUK (five queries), None without one."""
    rpk = RPK.objects.filter(puskesmas=puskesmas, tahun=tahun).first()
    if rpk is None:
        return None
    tabel = rpk_tabel(rpk=rpk)
    banding = tabel.perbandingan
    baris = tabel.baris
    dari_ruk = [b for b in baris if not any(t.kode == "tanpa_ruk" for t in b.tanda)]
    tidak = len(banding.tidak_dialokasikan)
    return RingkasanRPK(
        rpk=rpk,
        jumlah_kegiatan=len(baris),
        dari_ruk=len(dari_ruk),
        kegiatan_ruk=len({b.kegiatan_ruk_id for b in dari_ruk}) + tidak,
        tidak_dialokasikan=tidak,
        biaya_lebih=banding.jumlah_biaya,
        belum_dijadwalkan=banding.jumlah_jadwal,
        pembahasan={
            s.jenis: s.catatan.tanggal for s in rpk_pembahasan(rpk=rpk) if s.catatan is not None
        },
    )
