"""Reads of the RUK: its activities grouped by klaster with subtotals and budget per
funding source, and the kabupaten overview for Dinkes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, FilteredRelation, Q, Sum, Value
from django.db.models.functions import Coalesce

from puskesmas.models import Klaster, Puskesmas

from ..choices import SumberPembiayaan
from ..models import RUK, AlternatifPemecahan, KegiatanRUK, Masalah

NOL = Decimal(0)


@dataclass
class KelompokKlaster:
    klaster: Klaster
    kegiatan: list[KegiatanRUK] = field(default_factory=list)

    @property
    def subtotal(self) -> Decimal:
        return sum((k.kebutuhan_anggaran for k in self.kegiatan), NOL)


@dataclass
class RincianRUK:
    kelompok: list[KelompokKlaster]
    per_sumber: list[tuple[str, str, Decimal]]  # (value, label, total), every source listed

    @property
    def total(self) -> Decimal:
        return sum((k.subtotal for k in self.kelompok), NOL)

    @property
    def jumlah_kegiatan(self) -> int:
        return sum(len(k.kegiatan) for k in self.kelompok)


def kegiatan_ruk(*, ruk: RUK):
    return (
        KegiatanRUK.objects.filter(ruk=ruk)
        .select_related("klaster", "pemecahan")
        .prefetch_related("masalah")
        .order_by("klaster__nomor", "urutan", "pk")
    )


def ruk_rincian(*, ruk: RUK) -> RincianRUK:
    """Activities of ``ruk`` grouped by klaster (only klaster with activities), subtotals,
    and the budget per sumber pembiayaan. Two queries whatever the number of rows."""
    kelompok: dict[int, KelompokKlaster] = {}
    per_sumber = {s.value: NOL for s in SumberPembiayaan}
    for k in kegiatan_ruk(ruk=ruk):
        kelompok.setdefault(k.klaster_id, KelompokKlaster(klaster=k.klaster)).kegiatan.append(k)
        per_sumber[k.sumber_pembiayaan] = per_sumber.get(k.sumber_pembiayaan, NOL) + (
            k.kebutuhan_anggaran
        )
    return RincianRUK(
        kelompok=list(kelompok.values()),
        per_sumber=[(s.value, s.label, per_sumber[s.value]) for s in SumberPembiayaan],
    )


def ruk_list(*, puskesmas):
    """RUK of one Puskesmas with their activity count and total budget (one query)."""
    return (
        RUK.objects.filter(puskesmas=puskesmas)
        .annotate(
            jumlah_kegiatan=Count("kegiatan"),
            total_anggaran=Coalesce(
                Sum("kegiatan__kebutuhan_anggaran"),
                Value(NOL),
                output_field=DecimalField(max_digits=17, decimal_places=0),
            ),
        )
        .order_by("-tahun")
    )


def ruk_kabupaten(*, user, kabupaten, tahun: int):
    """Every Puskesmas of ``kabupaten`` the user sees, with its RUK of ``tahun`` (status,
    activity count, total budget): one query however many Puskesmas and rows."""
    return (
        Puskesmas.objects.for_user(user)
        .filter(kabupaten=kabupaten)
        .select_related("kecamatan")
        .annotate(ruk_tahun=FilteredRelation("ruk", condition=Q(ruk__tahun=tahun)))
        .annotate(
            ruk_pk=F("ruk_tahun__pk"),
            ruk_status=F("ruk_tahun__status"),
            jumlah_kegiatan=Count("ruk_tahun__kegiatan"),
            total_anggaran=Sum("ruk_tahun__kegiatan__kebutuhan_anggaran"),
        )
        .order_by("nama")
    )


def pemecahan_untuk_ruk(*, ruk: RUK):
    """Solutions a RUK activity may carry: the chosen one of each problem it may address."""
    return (
        AlternatifPemecahan.objects.filter(
            masalah__puskesmas_id=ruk.puskesmas_id, masalah__tahun=ruk.tahun - 1, dipilih=True
        )
        .select_related("masalah")
        .order_by("masalah__klaster__nomor", "masalah__pk")
    )


def masalah_untuk_ruk(*, ruk: RUK):
    """Problems a RUK activity may address: those of the same Puskesmas, planning year N
    (the RUK is for N+1)."""
    return (
        Masalah.objects.filter(puskesmas_id=ruk.puskesmas_id, tahun=ruk.tahun - 1)
        .select_related("klaster")
        .order_by("klaster__nomor", "pk")
    )
