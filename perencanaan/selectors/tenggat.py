"""Reads of the due dates: each kabupaten's dates and, for many Puskesmas at once, when the
targets were submitted and the SK set.

Every function runs a fixed number of queries whatever the number of Puskesmas: the home
page, the Dinkes compliance table and the daily reminders all read through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Kabupaten, Puskesmas

from ..choices import JenisTenggat
from ..models import PenetapanTarget, SKTargetKinerja, TenggatKabupaten
from ..tenggat import KeadaanTenggat, Ringkasan, batas_default, keadaan_tenggat, ringkas

# Target kinerja counts as done once the team has submitted it; later steps keep it done.
STATUS_TARGET_SELESAI = (StatusAlur.DIAJUKAN, StatusAlur.DISAHKAN, StatusAlur.DIGANTIKAN)

JENIS = (JenisTenggat.TARGET_KINERJA, JenisTenggat.SK_TARGET)


def batas_kabupaten(*, kabupaten_ids: Iterable[int], tahun: int) -> dict[int, dict[str, date]]:
    """Due dates per kabupaten and step for ``tahun``: the kabupaten's own, else the policy
    default. One query."""
    ids = set(kabupaten_ids)
    hasil = {kab: {j: batas_default(j, tahun) for j in JENIS} for kab in ids}
    if not ids:
        return hasil
    for kab, jenis, tanggal in TenggatKabupaten.objects.filter(
        kabupaten_id__in=ids, tahun=tahun
    ).values_list("kabupaten_id", "jenis", "tanggal"):
        hasil[kab][jenis] = tanggal
    return hasil


def tenggat_tersimpan(*, kabupaten: Kabupaten, tahun: int) -> dict[str, date]:
    """Only the dates the kabupaten set itself for ``tahun`` (none: policy defaults apply)."""
    return dict(
        TenggatKabupaten.objects.filter(kabupaten=kabupaten, tahun=tahun).values_list(
            "jenis", "tanggal"
        )
    )


# Annotation names: the due date (kabupaten's own, else None) and the done date of each step.
BATAS_TARGET, BATAS_SK = "tenggat_batas_target", "tenggat_batas_sk"
SELESAI_TARGET, SELESAI_SK = "tenggat_selesai_target", "tenggat_selesai_sk"
ANOTASI = (BATAS_TARGET, BATAS_SK, SELESAI_TARGET, SELESAI_SK)


def dengan_tenggat(qs: QuerySet[Puskesmas], *, tahun: int) -> QuerySet[Puskesmas]:
    """Annotate Puskesmas with what the due dates of ``tahun`` need, in the same query.

    * ``tenggat_batas_*``: the kabupaten's own due date of each step (None: policy default);
    * ``tenggat_selesai_target``: the first submission (``diajukan_pada``) of any revision
      that is diajukan, disahkan or digantikan;
    * ``tenggat_selesai_sk``: the date of the first SK Target Kinerja of the year; later SKs
      supersede it but do not make the first one late.

    Correlated subqueries on indexed keys: one query for any number of Puskesmas.
    """

    def batas(jenis):
        return Subquery(
            TenggatKabupaten.objects.filter(
                kabupaten_id=OuterRef("kabupaten_id"), tahun=tahun, jenis=jenis
            ).values("tanggal")[:1]
        )

    return qs.annotate(
        **{
            BATAS_TARGET: batas(JenisTenggat.TARGET_KINERJA),
            BATAS_SK: batas(JenisTenggat.SK_TARGET),
            SELESAI_TARGET: Subquery(
                PenetapanTarget.objects.filter(
                    puskesmas_id=OuterRef("pk"),
                    tahun=tahun,
                    status__in=STATUS_TARGET_SELESAI,
                    diajukan_pada__isnull=False,
                )
                .order_by("diajukan_pada")
                .values("diajukan_pada")[:1]
            ),
            # When the SK was signed in the app, not the date typed on it: a date typed
            # earlier than the signing cannot turn a late SK into an on-time one.
            SELESAI_SK: Subquery(
                SKTargetKinerja.objects.filter(
                    penetapan__puskesmas_id=OuterRef("pk"), penetapan__tahun=tahun
                )
                .order_by("ditandatangani_pada")
                .values("ditandatangani_pada")[:1]
            ),
        }
    )


@dataclass(frozen=True)
class TanggalTenggat:
    """The due and done dates of both steps of one Puskesmas (read by ``dengan_tenggat``)."""

    batas: dict[str, date]
    selesai: dict[str, date | None]

    @classmethod
    def dari(cls, nilai: dict, *, tahun: int) -> TanggalTenggat:
        selesai_target = nilai[SELESAI_TARGET]
        if selesai_target is not None:
            selesai_target = timezone.localdate(selesai_target)
        selesai_sk = nilai[SELESAI_SK]
        if selesai_sk is not None:
            selesai_sk = timezone.localdate(selesai_sk)
        return cls(
            batas={
                JenisTenggat.TARGET_KINERJA: nilai[BATAS_TARGET]
                or batas_default(JenisTenggat.TARGET_KINERJA, tahun),
                JenisTenggat.SK_TARGET: nilai[BATAS_SK]
                or batas_default(JenisTenggat.SK_TARGET, tahun),
            },
            selesai={
                # An SK means the targets were set, even if no submission time was recorded.
                JenisTenggat.TARGET_KINERJA: selesai_target or selesai_sk,
                JenisTenggat.SK_TARGET: selesai_sk,
            },
        )

    @classmethod
    def dari_objek(cls, p: Puskesmas, *, tahun: int) -> TanggalTenggat:
        return cls.dari({k: getattr(p, k) for k in ANOTASI}, tahun=tahun)


@dataclass(frozen=True)
class TenggatPuskesmas:
    puskesmas: Puskesmas
    target: KeadaanTenggat
    sk: KeadaanTenggat
    tautan: str | None = None

    def keadaan(self, jenis: str) -> KeadaanTenggat:
        return self.target if jenis == JenisTenggat.TARGET_KINERJA else self.sk


def tautan_target(puskesmas_id: int) -> str | None:
    """The targets page of a Puskesmas, when that page exists."""
    try:
        return reverse("perencanaan:target", kwargs={"puskesmas_pk": puskesmas_id})
    except NoReverseMatch:
        return None


def tenggat_puskesmas(
    *, puskesmas: Iterable[Puskesmas], tahun: int, hari_ini: date | None = None
) -> list[TenggatPuskesmas]:
    """Both due dates of every given Puskesmas for ``tahun`` as seen on ``hari_ini``.

    The Puskesmas are whatever the caller loaded (a page's list, in its order; an already
    evaluated queryset costs nothing more); their dates come in one more query.
    """
    hari_ini = hari_ini or timezone.localdate()
    daftar = list(puskesmas)
    if not daftar:
        return []
    nilai = {
        row[0]: dict(zip(ANOTASI, row[1:], strict=True))
        for row in dengan_tenggat(
            Puskesmas.objects.filter(pk__in=[p.pk for p in daftar]).order_by(), tahun=tahun
        ).values_list("pk", *ANOTASI)
    }
    ada_halaman_target = tautan_target(daftar[0].pk) is not None
    hasil = []
    for p in daftar:
        t = TanggalTenggat.dari(nilai[p.pk], tahun=tahun)
        hasil.append(
            TenggatPuskesmas(
                puskesmas=p,
                target=keadaan(t, JenisTenggat.TARGET_KINERJA, hari_ini),
                sk=keadaan(t, JenisTenggat.SK_TARGET, hari_ini),
                tautan=tautan_target(p.pk) if ada_halaman_target else None,
            )
        )
    return hasil


def keadaan(t: TanggalTenggat, jenis: str, hari_ini: date) -> KeadaanTenggat:
    return keadaan_tenggat(batas=t.batas[jenis], selesai_pada=t.selesai[jenis], hari_ini=hari_ini)


@dataclass(frozen=True)
class Kepatuhan:
    """The Dinkes compliance table of one kabupaten for one year."""

    kabupaten: Kabupaten
    tahun: int
    batas_target: date
    batas_sk: date
    baris: list[TenggatPuskesmas]
    ringkasan_target: Ringkasan
    ringkasan_sk: Ringkasan

    @property
    def kelompok(self) -> list[tuple[str, Ringkasan, date, str]]:
        """(title, counts, due date, key) of each step, for the counts at the top."""
        return [
            (
                JenisTenggat.TARGET_KINERJA.label,
                self.ringkasan_target,
                self.batas_target,
                JenisTenggat.TARGET_KINERJA.value,
            ),
            (
                JenisTenggat.SK_TARGET.label,
                self.ringkasan_sk,
                self.batas_sk,
                JenisTenggat.SK_TARGET.value,
            ),
        ]


def kepatuhan_kabupaten(
    *,
    kabupaten: Kabupaten,
    tahun: int,
    puskesmas: Iterable[Puskesmas] | None = None,
    hari_ini: date | None = None,
) -> Kepatuhan:
    """Every Puskesmas of ``kabupaten``: were targets and SK set on time, late, or not yet.

    ``puskesmas`` lets a page pass the list it already loaded (scoped to the user); else the
    kabupaten's Puskesmas are read here. Two queries.
    """
    if puskesmas is None:
        puskesmas = Puskesmas.objects.filter(kabupaten=kabupaten).select_related("kecamatan")
        puskesmas = puskesmas.order_by("kecamatan__nama", "nama")
    baris = tenggat_puskesmas(puskesmas=puskesmas, tahun=tahun, hari_ini=hari_ini)
    if baris:  # the Puskesmas of one kabupaten share its due dates
        batas = {
            JenisTenggat.TARGET_KINERJA: baris[0].target.batas,
            JenisTenggat.SK_TARGET: baris[0].sk.batas,
        }
    else:
        batas = batas_kabupaten(kabupaten_ids=[kabupaten.pk], tahun=tahun)[kabupaten.pk]
    return Kepatuhan(
        kabupaten=kabupaten,
        tahun=tahun,
        batas_target=batas[JenisTenggat.TARGET_KINERJA],
        batas_sk=batas[JenisTenggat.SK_TARGET],
        baris=baris,
        ringkasan_target=ringkas([b.target for b in baris]),
        ringkasan_sk=ringkas([b.sk for b in baris]),
    )


def riwayat_tenggat(*, kabupaten: Kabupaten, batas: int = 20):
    """The latest changes to the kabupaten's due dates (any year), newest first."""
    return (
        TenggatKabupaten.history.filter(kabupaten_id=kabupaten.pk)
        .select_related("history_user")
        .order_by("-history_date")[:batas]
    )
