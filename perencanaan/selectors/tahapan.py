"""The order of the P1 stages: which earlier steps of a RUK or RPK are done.

The RUK for year T is drafted in planning year N = T − 1 after the Tim Perencanaan of N is
set by a signed SK, the analisis situasi (achievements of N − 1) is entered and the problems
of N are prioritised; the RPK of T follows the approved RUK of T. A missing step is a
warning, not a block: the sources give the order, not a rule that refuses a document.
Each reader runs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from puskesmas.alat.alur import SAH, StatusAlur

from ..models import RPK, RUK, CapaianTahunan, Masalah, TimPerencanaan

TIM = "Tim Perencanaan dengan SK yang ditetapkan"
ANALISIS = "analisis situasi (capaian tahun lalu)"
MASALAH = "masalah yang diprioritaskan (USG)"
RUK_SAH = "RUK yang sudah disahkan"

PERINGATAN = "Tahap sebelumnya belum selesai: {daftar}."
LABEL_STATUS = dict(StatusAlur.choices)


@dataclass(frozen=True)
class Tahap:
    label: str
    selesai: bool


def peringatan(tahap: list[Tahap]) -> str:
    """The warning naming the missing steps; empty when every one is done."""
    kurang = [t.label for t in tahap if not t.selesai]
    return PERINGATAN.format(daftar="; ".join(kurang)) if kurang else ""


def tahapan_ruk(*, puskesmas_id: int, tahun_ruk: int) -> list[Tahap]:
    """The steps before the RUK of ``tahun_ruk`` (three queries)."""
    n = tahun_ruk - 1
    return [
        Tahap(
            TIM,
            TimPerencanaan.objects.filter(
                puskesmas_id=puskesmas_id, tahun=n, status=StatusAlur.DISAHKAN
            ).exists(),
        ),
        Tahap(
            ANALISIS,
            CapaianTahunan.objects.filter(
                puskesmas_id=puskesmas_id, indikator__tahun=n - 1
            ).exists(),
        ),
        Tahap(MASALAH, Masalah.objects.filter(puskesmas_id=puskesmas_id, tahun=n).exists()),
    ]


def tahapan_rpk(*, rpk: RPK) -> list[Tahap]:
    """The steps before the RPK: its RUK approved (one query)."""
    status = RUK.objects.filter(pk=rpk.ruk_id).values_list("status", flat=True).first()
    return [Tahap(RUK_SAH, status in SAH)]


@dataclass
class TahapanPuskesmas:
    puskesmas: object
    tim: bool = False
    analisis: bool = False
    masalah: bool = False
    ruk: str | None = None  # status of the RUK of the year, None without one
    rpk: str | None = None
    tahap: list = field(default_factory=list)

    @property
    def ruk_sah(self) -> bool:
        return self.ruk in SAH

    @property
    def ruk_label(self) -> str:
        return LABEL_STATUS.get(self.ruk, "")

    @property
    def rpk_label(self) -> str:
        return LABEL_STATUS.get(self.rpk, "")


def tahapan_kabupaten(*, user, kabupaten, tahun_ruk: int) -> list[TahapanPuskesmas]:
    """Per Puskesmas of the kabupaten, which P1 steps towards the RUK and RPK of
    ``tahun_ruk`` are done (six queries, however many Puskesmas)."""
    from puskesmas.models import Puskesmas

    n = tahun_ruk - 1
    daftar = {
        p.pk: TahapanPuskesmas(p)
        for p in Puskesmas.objects.for_user(user).filter(kabupaten=kabupaten).order_by("nama")
    }
    ids = list(daftar)
    for pk in TimPerencanaan.objects.filter(
        puskesmas_id__in=ids, tahun=n, status=StatusAlur.DISAHKAN
    ).values_list("puskesmas_id", flat=True):
        daftar[pk].tim = True
    for pk in (
        CapaianTahunan.objects.filter(puskesmas_id__in=ids, indikator__tahun=n - 1)
        .values_list("puskesmas_id", flat=True)
        .distinct()
    ):
        daftar[pk].analisis = True
    for pk in (
        Masalah.objects.filter(puskesmas_id__in=ids, tahun=n)
        .values_list("puskesmas_id", flat=True)
        .distinct()
    ):
        daftar[pk].masalah = True
    for pk, status in RUK.objects.filter(puskesmas_id__in=ids, tahun=tahun_ruk).values_list(
        "puskesmas_id", "status"
    ):
        daftar[pk].ruk = status
    for pk, status in RPK.objects.filter(puskesmas_id__in=ids, tahun=tahun_ruk).values_list(
        "puskesmas_id", "status"
    ):
        daftar[pk].rpk = status
    return list(daftar.values())
