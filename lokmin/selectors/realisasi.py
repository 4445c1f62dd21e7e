"""Reads of the RPK realisation: a month per klaster, and plan against realisation for the
year per activity and per funding source. Each in a bounded number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from perencanaan.choices import SumberPembiayaan
from perencanaan.models import BULAN_FIELDS, RPK, KegiatanRPK

from ..models import RealisasiRPK


def rpk_tahun(*, puskesmas, tahun: int, user) -> RPK | None:
    return RPK.objects.for_user(user).filter(puskesmas=puskesmas, tahun=tahun).first()


@dataclass
class BarisBulan:
    kegiatan: KegiatanRPK
    rencana: int  # the volume planned in the month
    realisasi: RealisasiRPK | None


@dataclass
class KelompokKlaster:
    klaster: object
    baris: list[BarisBulan] = field(default_factory=list)

    @property
    def biaya(self) -> Decimal:
        return sum((b.realisasi.biaya for b in self.baris if b.realisasi), Decimal(0))

    @property
    def terlaksana(self) -> int:
        return sum(1 for b in self.baris if b.realisasi and b.realisasi.terlaksana)


def realisasi_bulan(
    *, rpk: RPK | None, bulan: int, klaster_id: int | None = None, semua_kegiatan: bool = False
) -> list[KelompokKlaster]:
    """The activities of ``rpk`` planned in ``bulan`` (every activity with
    ``semua_kegiatan``, or one with a realisation that month) with their realisation,
    grouped per klaster. Two queries."""
    if rpk is None:
        return []
    vol = BULAN_FIELDS[bulan - 1]
    qs = KegiatanRPK.objects.filter(rpk=rpk).select_related("klaster")
    if klaster_id:
        qs = qs.filter(klaster_id=klaster_id)
    if not semua_kegiatan:
        qs = qs.filter(Q(**{f"{vol}__gt": 0}) | Q(realisasi__bulan=bulan)).distinct()
    qs = qs.prefetch_related(
        Prefetch("realisasi", queryset=RealisasiRPK.objects.filter(bulan=bulan), to_attr="r")
    )
    kelompok: dict[int, KelompokKlaster] = {}
    for k in qs.order_by("klaster__nomor", "urutan", "pk"):
        grup = kelompok.setdefault(k.klaster_id, KelompokKlaster(k.klaster))
        grup.baris.append(BarisBulan(k, getattr(k, vol), k.r[0] if k.r else None))
    return list(kelompok.values())


@dataclass
class BarisRekap:
    kegiatan: KegiatanRPK
    volume_rencana: int
    volume_realisasi: int
    biaya_rencana: Decimal
    biaya_realisasi: Decimal
    bulan_terlaksana: int
    bulan_tidak: int

    @property
    def persen_biaya(self) -> Decimal | None:
        if not self.biaya_rencana:
            return None
        return (self.biaya_realisasi * 100 / self.biaya_rencana).quantize(Decimal("0.1"))


@dataclass
class RekapSumber:
    kode: str
    label: str
    biaya_rencana: Decimal = Decimal(0)
    biaya_realisasi: Decimal = Decimal(0)


def rekap_tahun(*, rpk: RPK | None) -> tuple[list[BarisRekap], list[RekapSumber]]:
    """Plan against realisation for the year, per activity and per funding source. Two
    queries whatever the number of activities and months."""
    if rpk is None:
        return [], []
    per_kegiatan: dict[int, list[RealisasiRPK]] = defaultdict(list)
    for r in RealisasiRPK.objects.filter(kegiatan__rpk=rpk):
        per_kegiatan[r.kegiatan_id].append(r)
    baris = []
    sumber = {k: RekapSumber(k, label) for k, label in SumberPembiayaan.choices}
    for k in KegiatanRPK.objects.filter(rpk=rpk).select_related("klaster"):
        rs = per_kegiatan.get(k.pk, [])
        b = BarisRekap(
            kegiatan=k,
            volume_rencana=k.volume_total,
            volume_realisasi=sum(r.volume for r in rs),
            biaya_rencana=k.biaya,
            biaya_realisasi=sum((r.biaya for r in rs), Decimal(0)),
            bulan_terlaksana=sum(1 for r in rs if r.terlaksana),
            bulan_tidak=sum(1 for r in rs if not r.terlaksana),
        )
        baris.append(b)
        pos = sumber.setdefault(k.sumber_pembiayaan, RekapSumber(k.sumber_pembiayaan, ""))
        pos.biaya_rencana += b.biaya_rencana
        pos.biaya_realisasi += b.biaya_realisasi
    return baris, [s for s in sumber.values() if s.biaya_rencana or s.biaya_realisasi]
