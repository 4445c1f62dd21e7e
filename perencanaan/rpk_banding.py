"""Comparing an RPK with the RUK it came from: pure rules on plain values, no ORM.

The PKP rubric asks whether the RPK matches the RUK, and "matching" is judged by activities:
an activity that was not in the RUK, a budget above the RUK's request, an activity with no
month scheduled, and RUK activities that got no RPK row at all are named on their row. A
budget *below* the request is not a difference: once the pagu (allocation per funding source)
is known, cutting a request to fit it is the normal way an RPK is made.

The pagu check is separate: the costs of each funding source are added up and compared with
that source's pagu, and an RPK over any pagu cannot be submitted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

NAMA_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
              "Agustus", "September", "Oktober", "November", "Desember")  # fmt: skip
SINGKAT_BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                 "Jul", "Agu", "Sep", "Okt", "Nov", "Des")  # fmt: skip

TIDAK_ADA_DI_RUK = "Tidak ada di RUK"
BIAYA_MELEBIHI_RUK = "Biaya melebihi RUK ({ruk} → {rpk})"
BELUM_DIJADWALKAN = "Belum dijadwalkan"
TIDAK_DIALOKASIKAN = "Tidak dialokasikan di RPK"
LEBIH_PAGU = (
    "Jumlah biaya kegiatan bersumber {sumber} {jumlah} melebihi pagu {pagu} (lebih {lebih})."
)


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

    ``anggaran_ruk`` is the RUK activity's requested budget (None without a RUK row). Only a
    budget above it is flagged: a lower one is the allocation fitted to the pagu.
    """
    hasil = []
    if kegiatan_ruk_id is None:
        hasil.append(Tanda("tanpa_ruk", TIDAK_ADA_DI_RUK))
    elif anggaran_ruk is not None and Decimal(biaya or 0) > Decimal(anggaran_ruk or 0):
        hasil.append(
            Tanda("biaya", BIAYA_MELEBIHI_RUK.format(ruk=rupiah(anggaran_ruk), rpk=rupiah(biaya)))
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


@dataclass(frozen=True)
class PosPagu:
    """One funding source of an RPK: its pagu (None while unknown) and what the rows cost."""

    sumber: str  # the stored code, e.g. "BOK"
    label: str  # what people read, e.g. "JKN kapitasi"
    pagu: Decimal | None
    jumlah: Decimal

    @property
    def lebih(self) -> Decimal:
        """How far the costs go over the pagu; 0 within it or while it is unknown."""
        if self.pagu is None:
            return Decimal(0)
        return max(self.jumlah - self.pagu, Decimal(0))

    @property
    def melebihi(self) -> bool:
        return self.lebih > 0

    @property
    def sisa(self) -> Decimal | None:
        """What is left of the pagu (negative when over it); None while it is unknown."""
        return None if self.pagu is None else self.pagu - self.jumlah

    @property
    def pesan(self) -> str:
        return LEBIH_PAGU.format(
            sumber=self.label,
            jumlah=rupiah(self.jumlah),
            pagu=rupiah(self.pagu),
            lebih=rupiah(self.lebih),
        )


def rekap_pagu(
    *,
    pilihan: Sequence[tuple[str, str]],
    pagu: Mapping[str, Decimal],
    biaya: Iterable[tuple[str, Decimal | None]],
) -> list[PosPagu]:
    """Costs per funding source set against its pagu, in the order of ``pilihan``.

    ``pilihan`` is the (code, label) list of funding sources; ``pagu`` the recorded pagu per
    code (a source without one is unknown, not zero, and is not checked); ``biaya`` each
    row's (source, cost). A source appears when it has a pagu or a cost; a code outside
    ``pilihan`` (an old value) still appears, after the others, under its own code.
    """
    jumlah: dict[str, Decimal] = {}
    for sumber, nilai in biaya:
        jumlah[sumber] = jumlah.get(sumber, Decimal(0)) + Decimal(nilai or 0)
    label = dict(pilihan)
    urutan = [k for k, _ in pilihan] + sorted((set(jumlah) | set(pagu)) - set(label))
    return [
        PosPagu(
            sumber=kode,
            label=label.get(kode, kode),
            pagu=None if pagu.get(kode) is None else Decimal(pagu[kode]),
            jumlah=jumlah.get(kode, Decimal(0)),
        )
        for kode in urutan
        if kode in jumlah or pagu.get(kode) is not None
    ]


def pesan_lebih_pagu(rekap: Iterable[PosPagu]) -> list[str]:
    """The blocking message of each funding source whose costs exceed its pagu."""
    return [p.pesan for p in rekap if p.melebihi]


PESAN_VOLUME_NOL = (
    "{jumlah} kegiatan bervolume 0 sepanjang tahun (belum dijadwalkan di bulan mana pun): {daftar}."
)


def pesan_volume_nol(kegiatan: Sequence[str], *, batas: int = 5) -> str:
    """The warning shown before an RPK is submitted or approved while some of its
    activities have volume 0 in every month ("" when none): they would be approved with
    nothing to carry out. ``batas`` names at most that many."""
    if not kegiatan:
        return ""
    daftar = ", ".join(f"«{k}»" for k in kegiatan[:batas])
    if len(kegiatan) > batas:
        daftar += f" dan {len(kegiatan) - batas} lainnya"
    return PESAN_VOLUME_NOL.format(jumlah=len(kegiatan), daftar=daftar)


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
