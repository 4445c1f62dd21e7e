"""Reads of the registers and the quality programme: the pages' lists (a fixed number of
queries whatever the number of rows), and the summaries the PKP suggestion rules and the
RTM input pack take."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.rtl import StatusRTL
from puskesmas.models import RTL

from .. import aturan_register as aturan
from ..models import (
    AnggotaTimMutu,
    EvaluasiTimMutu,
    KegiatanMutu,
    MediaPengaduan,
    Pengaduan,
    RealisasiMutu,
    RencanaProgramMutu,
    Risiko,
    SurveiKepuasan,
    TimMutu,
)

RTL_TERBUKA = (StatusRTL.BELUM.value, StatusRTL.PROSES.value)
# An RTL followed up: done (waiting for or after its evaluation).
RTL_DITINDAKLANJUTI = (StatusRTL.SELESAI.value, StatusRTL.DIEVALUASI.value)
# An RTL finished with: evaluated, or stopped with a reason.
RTL_TUNTAS = (StatusRTL.DIEVALUASI.value, StatusRTL.TIDAK_DILANJUTKAN.value)


def _hitung_rtl(model, status: tuple[str, ...] | None = None):
    """A subquery counting the RTL whose source is the outer row (of ``model``)."""
    qs = RTL.objects.filter(
        sumber_jenis=ContentType.objects.get_for_model(model), sumber_id=OuterRef("pk")
    )
    if status is not None:
        qs = qs.filter(status__in=status)
    hitung = qs.order_by().values("sumber_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(hitung, output_field=IntegerField()), Value(0))


def rtl_dari(objek) -> list[RTL]:
    """The RTL raised from ``objek`` (one query)."""
    return list(
        RTL.objects.filter(
            sumber_jenis=ContentType.objects.get_for_model(type(objek)), sumber_id=objek.pk
        ).select_related("pj", "klaster")
    )


# --- Pages ---------------------------------------------------------------------------------


def pengaduan_tahun(*, puskesmas, tahun: int, sampai: date | None = None):
    """The complaints of a year (up to ``sampai``), each with its RTL counts."""
    qs = Pengaduan.objects.filter(puskesmas=puskesmas, tanggal__year=tahun)
    if sampai is not None:
        qs = qs.filter(tanggal__lte=sampai)
    return qs.annotate(
        jumlah_rtl=_hitung_rtl(Pengaduan),
        rtl_terbuka=_hitung_rtl(Pengaduan, RTL_TERBUKA),
        rtl_selesai=_hitung_rtl(Pengaduan, RTL_DITINDAKLANJUTI),
        rtl_tuntas=_hitung_rtl(Pengaduan, RTL_TUNTAS),
    ).order_by("tanggal", "pk")


def media_tahun(*, puskesmas, tahun: int) -> list[MediaPengaduan]:
    return list(MediaPengaduan.objects.filter(puskesmas=puskesmas, tahun=tahun))


def survei_tahun(*, puskesmas, tahun: int, sampai: date | None = None):
    qs = SurveiKepuasan.objects.filter(puskesmas=puskesmas, tahun=tahun)
    if sampai is not None:
        qs = qs.filter(tanggal_mulai__lte=sampai)
    return qs.annotate(
        jumlah_rtl=_hitung_rtl(SurveiKepuasan),
        rtl_selesai=_hitung_rtl(SurveiKepuasan, RTL_DITINDAKLANJUTI),
        rtl_tuntas=_hitung_rtl(SurveiKepuasan, RTL_TUNTAS),
    ).order_by("tanggal_mulai", "pk")


def risiko_tahun(*, puskesmas, tahun: int):
    return (
        Risiko.objects.filter(puskesmas=puskesmas, tahun=tahun)
        .select_related("pemilik")
        .order_by("area", "pk")
    )


def tim_mutu_tahun(*, puskesmas, tahun: int) -> TimMutu | None:
    return TimMutu.objects.filter(puskesmas=puskesmas, tahun=tahun).first()


def anggota_tim_mutu(tim: TimMutu) -> list[AnggotaTimMutu]:
    return list(
        AnggotaTimMutu.objects.filter(tim=tim)
        .select_related("user")
        .order_by("kedudukan", "bidang", "pk")
    )


def evaluasi_tahun(*, puskesmas, tahun: int) -> EvaluasiTimMutu | None:
    return (
        EvaluasiTimMutu.objects.filter(puskesmas=puskesmas, tahun=tahun)
        .select_related("dievaluasi_oleh")
        .first()
    )


def rencana_mutu_tahun(*, puskesmas, tahun: int) -> RencanaProgramMutu | None:
    return RencanaProgramMutu.objects.filter(puskesmas=puskesmas, tahun=tahun).first()


def kegiatan_mutu(rencana: RencanaProgramMutu) -> list[KegiatanMutu]:
    return list(
        KegiatanMutu.objects.filter(rencana=rencana).select_related("pj").order_by("bulan", "pk")
    )


# --- Summaries (PKP rules, RTM input pack) -------------------------------------------------


@dataclass(frozen=True)
class RingkasanPengaduan:
    media: tuple[str, ...] = ()  # labels of the channels provided that year
    jumlah: int = 0
    dianalisis: int = 0
    dengan_rtl: int = 0
    rtl_ditindaklanjuti: int = 0  # complaints whose every RTL is done
    rtl_dievaluasi: int = 0  # complaints whose every RTL is evaluated (or stopped)
    selesai: int = 0
    per_media: dict = field(default_factory=dict)


def ringkasan_pengaduan(*, puskesmas, tahun: int, sampai: date | None = None):
    """Counts of a year's complaints (two queries)."""
    media = tuple(m.get_media_display() for m in media_tahun(puskesmas=puskesmas, tahun=tahun))
    baris = list(
        pengaduan_tahun(puskesmas=puskesmas, tahun=tahun, sampai=sampai).values(
            "media", "analisis", "status", "jumlah_rtl", "rtl_terbuka", "rtl_selesai", "rtl_tuntas"
        )
    )
    per_media: dict[str, int] = {}
    label = dict(Pengaduan._meta.get_field("media").choices)
    for b in baris:
        per_media[label[b["media"]]] = per_media.get(label[b["media"]], 0) + 1
    return RingkasanPengaduan(
        media=media,
        jumlah=len(baris),
        dianalisis=sum(1 for b in baris if b["analisis"].strip()),
        dengan_rtl=sum(1 for b in baris if b["jumlah_rtl"]),
        rtl_ditindaklanjuti=sum(
            1 for b in baris if b["jumlah_rtl"] and b["rtl_selesai"] == b["jumlah_rtl"]
        ),
        rtl_dievaluasi=sum(
            1 for b in baris if b["jumlah_rtl"] and b["rtl_tuntas"] == b["jumlah_rtl"]
        ),
        selesai=sum(1 for b in baris if b["status"] == aturan.SELESAI),
        per_media=per_media,
    )


@dataclass(frozen=True)
class RingkasanSurvei:
    jumlah: int = 0
    lengkap: int = 0  # respondents and all nine unsur recorded (always, by the form)
    dianalisis: int = 0
    dengan_rtl: int = 0
    rtl_ditindaklanjuti: int = 0
    rtl_dievaluasi: int = 0
    dipublikasikan: int = 0
    terakhir: object = None  # the latest survey (IKM, mutu) or None


def ringkasan_survei(*, puskesmas, tahun: int, sampai: date | None = None) -> RingkasanSurvei:
    """Counts of a year's surveys (one query)."""
    daftar = list(survei_tahun(puskesmas=puskesmas, tahun=tahun, sampai=sampai))
    return RingkasanSurvei(
        jumlah=len(daftar),
        lengkap=sum(1 for s in daftar if s.jumlah_responden and None not in s.nilai_unsur),
        dianalisis=sum(1 for s in daftar if s.analisis.strip()),
        dengan_rtl=sum(1 for s in daftar if s.jumlah_rtl),
        rtl_ditindaklanjuti=sum(
            1 for s in daftar if s.jumlah_rtl and s.rtl_selesai == s.jumlah_rtl
        ),
        rtl_dievaluasi=sum(1 for s in daftar if s.jumlah_rtl and s.rtl_tuntas == s.jumlah_rtl),
        dipublikasikan=sum(1 for s in daftar if s.dipublikasikan),
        terakhir=daftar[-1] if daftar else None,
    )


@dataclass(frozen=True)
class RingkasanRisiko:
    jumlah: int = 0
    dengan_pengendalian: int = 0
    lengkap: int = 0
    per_tingkat: dict = field(default_factory=dict)  # label -> count
    tertinggi: tuple = ()  # the highest risks (max five)


def ringkasan_risiko(*, puskesmas, tahun: int) -> RingkasanRisiko:
    """The year's risk register in counts (one query)."""
    daftar = list(risiko_tahun(puskesmas=puskesmas, tahun=tahun))
    per_tingkat = {t.label: 0 for t in aturan.TINGKAT_RISIKO}
    for r in daftar:
        per_tingkat[r.tingkat.label] += 1
    return RingkasanRisiko(
        jumlah=len(daftar),
        dengan_pengendalian=sum(1 for r in daftar if r.pengendalian.strip()),
        lengkap=sum(1 for r in daftar if r.lengkap),
        per_tingkat=per_tingkat,
        tertinggi=tuple(sorted(daftar, key=lambda r: (-r.skor, r.pk))[:5]),
    )


@dataclass(frozen=True)
class RingkasanTimMutu:
    ada_sk: bool = False
    sk_ditetapkan: bool = False
    status: str = ""
    nomor_sk: str = ""
    jumlah_anggota: int = 0
    bidang_belum: tuple[str, ...] = ()  # areas no member's uraian tugas covers
    ada_evaluasi: bool = False
    tanggal_evaluasi: date | None = None


def ringkasan_tim_mutu(*, puskesmas, tahun: int) -> RingkasanTimMutu:
    """The Tim Mutu of a year, its uraian tugas and evaluation (three queries)."""
    tim = tim_mutu_tahun(puskesmas=puskesmas, tahun=tahun)
    evaluasi = EvaluasiTimMutu.objects.filter(puskesmas=puskesmas, tahun=tahun).first()
    if tim is None:
        return RingkasanTimMutu(
            bidang_belum=tuple(aturan.bidang_belum_tercakup(())),
            ada_evaluasi=evaluasi is not None,
            tanggal_evaluasi=evaluasi.tanggal if evaluasi else None,
        )
    anggota = list(AnggotaTimMutu.objects.filter(tim=tim).values("bidang", "uraian_tugas"))
    return RingkasanTimMutu(
        ada_sk=True,
        sk_ditetapkan=tim.status == StatusAlur.DISAHKAN,
        status=tim.get_status_display(),
        nomor_sk=tim.nomor_sk,
        jumlah_anggota=len(anggota),
        bidang_belum=tuple(
            aturan.bidang_belum_tercakup(a["bidang"] for a in anggota if a["uraian_tugas"].strip())
        ),
        ada_evaluasi=evaluasi is not None,
        tanggal_evaluasi=evaluasi.tanggal if evaluasi else None,
    )


@dataclass(frozen=True)
class RingkasanProgramMutu:
    ada: bool = False
    ada_kak: bool = False
    ada_evaluasi: bool = False
    jumlah_kegiatan: int = 0
    dengan_sumber: int = 0  # activities with sumber dana and sumber daya
    terlaksana: int = 0
    terlaksana_bercatatan: int = 0  # done with a note (the evidence)


def ringkasan_program_mutu(*, puskesmas, tahun: int) -> RingkasanProgramMutu:
    """The year's rencana program mutu in counts (two queries)."""
    rencana = rencana_mutu_tahun(puskesmas=puskesmas, tahun=tahun)
    if rencana is None:
        return RingkasanProgramMutu()
    k = KegiatanMutu.objects.filter(rencana=rencana).aggregate(
        jumlah=Count("pk"),
        sumber=Count("pk", filter=~Q(sumber_daya="")),
        terlaksana=Count("pk", filter=Q(realisasi=RealisasiMutu.TERLAKSANA)),
        bercatatan=Count(
            "pk", filter=Q(realisasi=RealisasiMutu.TERLAKSANA) & ~Q(catatan_realisasi="")
        ),
    )
    return RingkasanProgramMutu(
        ada=True,
        ada_kak=bool(rencana.kak.strip()),
        ada_evaluasi=bool(rencana.evaluasi.strip()),
        jumlah_kegiatan=k["jumlah"],
        dengan_sumber=k["sumber"],
        terlaksana=k["terlaksana"],
        terlaksana_bercatatan=k["bercatatan"],
    )
