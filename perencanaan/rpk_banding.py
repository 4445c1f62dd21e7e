"""Comparing an RPK with the RUK it came from: pure rules on plain values, no ORM.

The PKP rubric asks whether the RPK matches the RUK, so every difference is named on its
row: an activity that was not in the RUK, a budget that moved away from the RUK's request,
an activity with no month scheduled, and RUK activities that got no RPK row at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

NAMA_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
              "Agustus", "September", "Oktober", "November", "Desember")  # fmt: skip
SINGKAT_BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                 "Jul", "Agu", "Sep", "Okt", "Nov", "Des")  # fmt: skip

TIDAK_ADA_DI_RUK = "Tidak ada di RUK"
BIAYA_BERBEDA = "Biaya berbeda dari RUK ({ruk} → {rpk})"
BELUM_DIJADWALKAN = "Belum dijadwalkan"
TIDAK_DIALOKASIKAN = "Tidak dialokasikan di RPK"


def rupiah(nilai: Decimal | int | None) -> str:
    """``Rp 1.500.000``: whole rupiah, dots between thousands (the Indonesian way)."""
    angka = int(nilai or 0)
    tanda = "-" if angka < 0 else ""
    return f"Rp {tanda}{abs(angka):,}".replace(",", ".")


@dataclass(frozen=True)
class Tanda:
    """One difference flag on a row: a stable code for tests/styling and its text."""

    kode: str  # "tanpa_ruk" | "biaya" | "jadwal"
    pesan: str


@dataclass(frozen=True)
class BarisRUK:
    id: int
    kegiatan: str
    klaster: str
    anggaran: Decimal


@dataclass(frozen=True)
class BarisRPK:
    id: int
    kegiatan_ruk_id: int | None
    biaya: Decimal
    volume: Sequence[int]


@dataclass
class Perbandingan:
    tanda: dict[int, list[Tanda]] = field(default_factory=dict)  # RPK row id → flags
    tidak_dialokasikan: list[BarisRUK] = field(default_factory=list)

    @property
    def jumlah_baris_bertanda(self) -> int:
        return sum(1 for t in self.tanda.values() if t)

    def jumlah(self, kode: str) -> int:
        return sum(1 for t in self.tanda.values() for x in t if x.kode == kode)

    @property
    def jumlah_tanpa_ruk(self) -> int:
        return self.jumlah("tanpa_ruk")

    @property
    def jumlah_biaya(self) -> int:
        return self.jumlah("biaya")

    @property
    def jumlah_jadwal(self) -> int:
        return self.jumlah("jadwal")

    @property
    def jumlah_perbedaan(self) -> int:
        """Every difference counted once: each flag plus each unallocated RUK activity."""
        return sum(len(t) for t in self.tanda.values()) + len(self.tidak_dialokasikan)

    @property
    def sesuai(self) -> bool:
        return self.jumlah_perbedaan == 0


def tanda_baris(
    *, kegiatan_ruk_id: int | None, biaya: Decimal, anggaran_ruk: Decimal | None, volume
) -> list[Tanda]:
    """The flags of one RPK row.

    ``anggaran_ruk`` is the RUK activity's requested budget (None without a RUK row).
    """
    hasil = []
    if kegiatan_ruk_id is None:
        hasil.append(Tanda("tanpa_ruk", TIDAK_ADA_DI_RUK))
    elif anggaran_ruk is not None and Decimal(biaya or 0) != Decimal(anggaran_ruk or 0):
        hasil.append(
            Tanda("biaya", BIAYA_BERBEDA.format(ruk=rupiah(anggaran_ruk), rpk=rupiah(biaya)))
        )
    if not any(v for v in volume):
        hasil.append(Tanda("jadwal", BELUM_DIJADWALKAN))
    return hasil


def bandingkan(ruk: Iterable[BarisRUK], rpk: Iterable[BarisRPK]) -> Perbandingan:
    """Flags of every RPK row and the RUK activities that no RPK row allocates."""
    ruk = list(ruk)
    anggaran = {r.id: r.anggaran for r in ruk}
    hasil = Perbandingan()
    dialokasikan = set()
    for baris in rpk:
        asal = baris.kegiatan_ruk_id
        # A link to a RUK row that is not in this RUK is as good as none.
        if asal is not None and asal not in anggaran:
            asal = None
        if asal is not None:
            dialokasikan.add(asal)
        hasil.tanda[baris.id] = tanda_baris(
            kegiatan_ruk_id=asal,
            biaya=baris.biaya,
            anggaran_ruk=anggaran.get(asal),  # None without a RUK row: no id is None
            volume=baris.volume,
        )
    hasil.tidak_dialokasikan = [r for r in ruk if r.id not in dialokasikan]
    return hasil


def terjadwal(volume: Sequence[int], bulan: int) -> bool:
    """Is anything scheduled in ``bulan`` (1–12)?"""
    if not 1 <= bulan <= 12:
        raise ValueError(f"bulan harus 1–12, bukan {bulan}")
    return bool(volume[bulan - 1])


def bulan_sah(nilai, bawaan: int) -> int:
    """A month from a query string: 1–12, else ``bawaan``."""
    try:
        bulan = int(str(nilai).strip())
    except (TypeError, ValueError):
        return bawaan
    return bulan if 1 <= bulan <= 12 else bawaan
