"""Reads of the RTL: the board of a Puskesmas, the RTL of one source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType

from ..alat import rtl as aturan
from ..models import RTL


@dataclass
class Papan:
    kolom: dict[aturan.Kolom, list[RTL]] = field(
        default_factory=lambda: {k: [] for k in aturan.Kolom}
    )

    def daftar(self):
        """(kolom, label, rows) in board order, for templates."""
        return [(k.value, aturan.LABEL_KOLOM[k], self.kolom[k]) for k in aturan.Kolom]


def _dasar(user):
    return RTL.objects.for_user(user).select_related("klaster", "pj", "asal")


TANPA_SUMBER = 0  # the "by source" filter's value for an RTL raised on its own


def _saring(qs, *, klaster_id=None, pj_id=None, sumber_jenis_id=None, status=None):
    if klaster_id:
        qs = qs.filter(klaster_id=klaster_id)
    if pj_id:
        qs = qs.filter(pj_id=pj_id)
    if sumber_jenis_id == TANPA_SUMBER:
        qs = qs.filter(sumber_jenis__isnull=True)
    elif sumber_jenis_id:
        qs = qs.filter(sumber_jenis_id=sumber_jenis_id)
    if status:
        qs = qs.filter(status=status)
    return qs


def rtl_papan(
    *,
    puskesmas,
    user,
    hari_ini: date,
    klaster_id: int | None = None,
    pj_id: int | None = None,
    sumber_jenis_id: int | None = None,
    status: str | None = None,
    kolom: str | None = None,
) -> Papan:
    """Every RTL of ``puskesmas`` sorted into the board's columns, in one query; filtered by
    klaster, PJ, kind of source (content type of ``sumber``; ``TANPA_SUMBER`` for none),
    status, or one column (overdue, awaiting evaluation …)."""
    qs = _saring(
        _dasar(user).filter(puskesmas=puskesmas),
        klaster_id=klaster_id,
        pj_id=pj_id,
        sumber_jenis_id=sumber_jenis_id,
        status=status,
    )
    papan = Papan()
    for rtl in qs.order_by("batas", "pk"):
        k = aturan.kolom_papan(status=rtl.status, batas=rtl.batas, hari_ini=hari_ini)
        if kolom and k.value != kolom:
            continue
        rtl.kolom = k.value
        papan.kolom[k].append(rtl)
    return papan


@dataclass(frozen=True)
class PilihanSumber:
    nilai: int
    label: str


def sumber_pilihan(qs) -> list[PilihanSumber]:
    """The kinds of source of the RTL in ``qs`` (for the "by source" filter): one query,
    the content types read from Django's cache."""
    hasil = []
    for jenis_id in sorted(
        set(qs.order_by().values_list("sumber_jenis_id", flat=True).distinct()),
        key=lambda x: x or 0,
    ):
        if jenis_id is None:
            hasil.append(PilihanSumber(TANPA_SUMBER, "Tanpa sumber"))
            continue
        model = ContentType.objects.get_for_id(jenis_id).model_class()
        nama = str(model._meta.verbose_name) if model is not None else str(jenis_id)
        hasil.append(PilihanSumber(jenis_id, nama[:1].upper() + nama[1:]))
    return sorted(hasil, key=lambda p: p.label)


@dataclass
class HitungPuskesmas:
    puskesmas: object
    jumlah: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    def daftar(self):
        return [(k.value, self.jumlah[k.value]) for k in aturan.Kolom]


def rtl_per_puskesmas(
    *, puskesmas_list, user, hari_ini: date, sumber_jenis_id: int | None = None
) -> list[HitungPuskesmas]:
    """For the Dinkes: per Puskesmas, how many RTL sit in each column of the board; one
    query whatever the number of Puskesmas and RTL. Most overdue first."""
    from django.db.models import Count, Q

    terbuka = [s.value for s in aturan.TERBUKA]
    qs = _saring(
        RTL.objects.for_user(user).filter(puskesmas__in=[p.pk for p in puskesmas_list]),
        sumber_jenis_id=sumber_jenis_id,
    )
    angka = {
        r["puskesmas_id"]: r
        for r in qs.order_by()
        .values("puskesmas_id")
        .annotate(
            terbuka=Count("pk", filter=Q(status__in=terbuka, batas__gte=hari_ini)),
            terlambat=Count("pk", filter=Q(status__in=terbuka, batas__lt=hari_ini)),
            menunggu_evaluasi=Count("pk", filter=Q(status=aturan.StatusRTL.SELESAI)),
            ditutup=Count(
                "pk",
                filter=Q(
                    status__in=[aturan.StatusRTL.DIEVALUASI, aturan.StatusRTL.TIDAK_DILANJUTKAN]
                ),
            ),
        )
    }
    hasil = [
        HitungPuskesmas(p, {k.value: angka.get(p.pk, {}).get(k.value, 0) for k in aturan.Kolom})
        for p in puskesmas_list
    ]
    return sorted(
        hasil,
        key=lambda h: (-h.jumlah[aturan.Kolom.TERLAMBAT.value], -h.total, h.puskesmas.nama),
    )


def rtl_dari_sumber(*, sumber, user):
    """The RTL raised by one record (a Lokmin), in due-date order."""
    return (
        _dasar(user)
        .filter(sumber_jenis=ContentType.objects.get_for_model(type(sumber)), sumber_id=sumber.pk)
        .order_by("pk")
    )


def rtl_untuk_ditinjau(*, puskesmas, user, kecuali_sumber=None):
    """The RTL of ``puskesmas`` still open or awaiting evaluation, other than those
    ``kecuali_sumber`` raised: what a meeting reviews."""
    qs = _dasar(user).filter(
        puskesmas=puskesmas, status__in=[*aturan.TERBUKA, aturan.StatusRTL.SELESAI]
    )
    if kecuali_sumber is not None:
        qs = qs.exclude(
            sumber_jenis=ContentType.objects.get_for_model(type(kecuali_sumber)),
            sumber_id=kecuali_sumber.pk,
        )
    return qs.order_by("batas", "pk")


def kotak_masuk_rtl(k) -> list:
    """Work-inbox items of the RTL (``puskesmas.alat.kotak_masuk``): the open RTL the user
    is PJ of, by their due date; and, for those who evaluate RTL, the RTL of their Puskesmas
    whose follow-up is recorded and waits for the evaluation. One query; none for a user
    without a Puskesmas role that acts on RTL."""
    from django.db.models import Q

    from ..alat import kotak_masuk as km
    from ..alat.access import Aksi
    from ..alat.tautan import balik

    terbuka = (aturan.StatusRTL.BELUM.value, aturan.StatusRTL.PROSES.value)
    selesai = aturan.StatusRTL.SELESAI.value
    kondisi = Q()
    if k.lingkup.puskesmas_ids(Aksi.TINDAK_LANJUT_RTL):
        kondisi |= Q(pj=k.user, status__in=terbuka)
    evaluasi = k.lingkup.puskesmas_ids(Aksi.EVALUASI_RTL)
    if evaluasi:
        kondisi |= Q(puskesmas_id__in=evaluasi, status=selesai)
    if not kondisi:
        return []
    hasil = []
    for pk, rencana, batas, status, sumber, nama in (
        RTL.objects.filter(kondisi)
        .order_by("batas", "pk")
        .values_list("pk", "rencana", "batas", "status", "sumber_label", "puskesmas__nama")
    ):
        url = balik("rtl_detail", args=[pk])
        if status == selesai:
            hasil.append(
                km.Butir(
                    label=f"RTL selesai ditindaklanjuti: evaluasi efektivitasnya ({rencana})",
                    url=url,
                    keterangan=f"Puskesmas {nama}",
                )
            )
        else:
            hasil.append(
                km.Butir(
                    label=f"RTL: {rencana}",
                    url=url,
                    batas=batas,
                    terlambat=batas < k.hari_ini,
                    keterangan=sumber,
                )
            )
    return hasil
