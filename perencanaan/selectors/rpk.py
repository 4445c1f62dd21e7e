"""Reads of the RPK / POA: the formulir 5 table grouped by klaster with its comparison to
the RUK, the month view, and the list of a Puskesmas's RPKs. Each runs a fixed number of
queries, however many activities there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from puskesmas.models import Klaster

from ..choices import JenisPembahasan, SumberPembiayaan
from ..models import BULAN_FIELDS, FORUM_PEMBAHASAN, RPK, KegiatanRPK, KegiatanRUK, PaguRPK
from ..rpk_banding import BarisRPK, BarisRUK, Perbandingan, PosPagu, bandingkan, rekap_pagu


@dataclass
class KelompokKlaster:
    klaster: Klaster
    baris: list = field(default_factory=list)

    @property
    def biaya(self) -> Decimal:
        return sum((b.biaya for b in self.baris), Decimal(0))

    @property
    def volume(self) -> int:
        return sum(b.volume_total for b in self.baris)

    @property
    def volume_bulan(self) -> list[int]:
        return [sum(b.volume[i] for b in self.baris) for i in range(12)]


@dataclass
class TabelRPK:
    kelompok: list[KelompokKlaster]
    perbandingan: Perbandingan
    anggaran_ruk: Decimal
    pagu: list[PosPagu] = field(default_factory=list)  # per funding source

    @property
    def baris(self):
        return [b for k in self.kelompok for b in k.baris]

    @property
    def biaya(self) -> Decimal:
        return sum((k.biaya for k in self.kelompok), Decimal(0))

    @property
    def volume(self) -> int:
        return sum(k.volume for k in self.kelompok)

    @property
    def volume_bulan(self) -> list[int]:
        return [sum(k.volume_bulan[i] for k in self.kelompok) for i in range(12)]


def _kelompokkan(baris) -> list[KelompokKlaster]:
    kelompok: dict[int, KelompokKlaster] = {}
    for b in baris:  # already ordered by klaster
        kelompok.setdefault(b.klaster_id, KelompokKlaster(b.klaster)).baris.append(b)
    return list(kelompok.values())


@dataclass(frozen=True)
class SlotPembahasan:
    """One of the two discussions an RPK needs: its kind, where it belongs, and the record
    (None while it is not recorded)."""

    jenis: str
    label: str
    forum_wajib: str
    catatan: object  # PembahasanRPK | None


def rpk_pembahasan(*, rpk: RPK, daftar=None) -> list[SlotPembahasan]:
    """Both discussions of the RPK, lintas program first (one query, none when ``daftar``
    already holds the RPK's records)."""
    ada = {p.jenis: p for p in (rpk.pembahasan.all() if daftar is None else daftar)}
    return [
        SlotPembahasan(j.value, j.label, FORUM_PEMBAHASAN[j.value], ada.get(j.value))
        for j in JenisPembahasan
    ]


def rpk_list(*, puskesmas, user):
    """A Puskesmas's RPKs with their number of activities, total budget and discussions."""
    return (
        RPK.objects.for_user(user)
        .filter(puskesmas=puskesmas)
        .select_related("ruk")
        .prefetch_related("pembahasan")
        .annotate(jumlah_kegiatan=Count("kegiatan"), total_biaya=Sum("kegiatan__biaya"))
        .order_by("-tahun")
    )


def rpk_tabel(*, rpk: RPK) -> TabelRPK:
    """The RPK's rows grouped by klaster, each with its flags, the RUK comparison and the
    costs per funding source against the pagu (three queries)."""
    baris = list(
        KegiatanRPK.objects.filter(rpk=rpk)
        .select_related("klaster")
        .order_by("klaster__nomor", "urutan", "pk")
    )
    ruk = list(
        KegiatanRUK.objects.filter(ruk_id=rpk.ruk_id)
        .select_related("klaster")
        .order_by("klaster__nomor", "urutan", "pk")
    )
    perbandingan = bandingkan(
        (BarisRUK(k.pk, k.upaya, str(k.klaster), k.kebutuhan_anggaran) for k in ruk),
        (BarisRPK(b.pk, b.kegiatan_ruk_id, b.biaya, b.volume) for b in baris),
    )
    anggaran = {k.pk: k.kebutuhan_anggaran for k in ruk}
    for nomor, b in enumerate(baris, 1):  # one numbering through every klaster
        b.nomor = nomor
        b.tanda = perbandingan.tanda.get(b.pk, [])
        b.anggaran_ruk = anggaran.get(b.kegiatan_ruk_id)
    return TabelRPK(
        kelompok=_kelompokkan(baris),
        perbandingan=perbandingan,
        anggaran_ruk=sum((k.kebutuhan_anggaran for k in ruk), Decimal(0)),
        pagu=rekap_pagu(
            pilihan=SumberPembiayaan.choices,
            pagu=dict(PaguRPK.objects.filter(rpk=rpk).values_list("sumber_pembiayaan", "jumlah")),
            biaya=((b.sumber_pembiayaan, b.biaya) for b in baris),
        ),
    )


def rpk_bulan(*, rpk: RPK, bulan: int) -> list[KelompokKlaster]:
    """What is scheduled in ``bulan`` (volume > 0), grouped by klaster."""
    kolom = BULAN_FIELDS[bulan - 1]
    baris = list(
        KegiatanRPK.objects.filter(rpk=rpk, **{f"{kolom}__gt": 0})
        .select_related("klaster")
        .order_by("klaster__nomor", "urutan", "pk")
    )
    for b in baris:
        b.volume_bulan_ini = getattr(b, kolom)
    return _kelompokkan(baris)
