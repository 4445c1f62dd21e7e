"""Calendar rules of the Lokakarya Mini: pure functions on plain values, no ORM.

docs/domain.md#lokakarya-mini: the bulanan at the start of every month (policy: held by day
10), the tribulanan every three months starting February (Feb, May, Aug, Nov), also by day
10. The undangan goes out at least two days before (policy). The default agenda of each
kind and month follows KMK 2015/2023 (Tabel 2 Lokakarya Mini).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from puskesmas.alat import kalender

BULAN_NAMA = kalender.BULAN
HARI_BATAS = 10  # policy: held by day 10 of the month
HARI_UNDANGAN = 2  # policy: the undangan goes out at least two days before


class JenisLokmin(StrEnum):
    BULANAN = "bulanan"
    TRIBULANAN = "tribulanan"


LABEL_JENIS = {
    JenisLokmin.BULANAN: "Lokmin bulanan",
    JenisLokmin.TRIBULANAN: "Lokmin tribulanan",
}
# Who sits at each forum (docs/domain.md): the bulanan is the lintas program forum of the
# Puskesmas with its jaringan and jejaring; the tribulanan adds the lintas sektor.
FORUM = {
    JenisLokmin.BULANAN: "lintas program",
    JenisLokmin.TRIBULANAN: "lintas program dan lintas sektor",
}


def bulan_lokmin(jenis: str) -> tuple[int, ...]:
    """The months a kind is held in."""
    if JenisLokmin(jenis) == JenisLokmin.TRIBULANAN:
        return kalender.BULAN_TRIBULANAN
    return tuple(range(1, 13))


def kode_kejadian(bulan: int) -> str:
    return f"{bulan:02d}"


def bulan_dari_kode(kode: str) -> int:
    bulan = int(kode)
    if not 1 <= bulan <= 12:
        raise ValueError(kode)
    return bulan


def batas(tahun: int, bulan: int, hari: int = HARI_BATAS) -> date:
    """The date a Lokmin of ``bulan`` is held by (either kind)."""
    return kalender.batas_lokmin_bulanan(tahun, bulan, hari)


def kejadian(jenis: str, tahun: int) -> list[tuple[str, date]]:
    """The occurrences of a kind in ``tahun`` for the due-date registry, in date order."""
    return [(kode_kejadian(b), batas(tahun, b)) for b in bulan_lokmin(jenis)]


def label_kejadian(kode: str) -> str:
    return kalender.BULAN[bulan_dari_kode(kode) - 1]


def diadakan(jenis: str, bulan: int) -> bool:
    """Is a Lokmin of this kind held in ``bulan``?"""
    return bulan in bulan_lokmin(jenis)


def bulan_lalu(tahun: int, bulan: int) -> tuple[int, int]:
    """The month before (December of the year before for January)."""
    return (tahun - 1, 12) if bulan == 1 else (tahun, bulan - 1)


def triwulan_lalu(tahun: int, bulan: int) -> list[tuple[int, int]]:
    """The three months a tribulanan held in ``bulan`` reports on: the three before it,
    oldest first (February reviews November, December and January)."""
    hasil = []
    t, b = tahun, bulan
    for _ in range(3):
        t, b = bulan_lalu(t, b)
        hasil.append((t, b))
    return list(reversed(hasil))


PESAN_UNDANGAN_MEPET = (
    "Undangan dikirim {hari} hari sebelum Lokmin; seharusnya paling lambat "
    f"{HARI_UNDANGAN} hari sebelumnya."
)
PESAN_UNDANGAN_SESUDAH = "Tanggal undangan tidak boleh setelah tanggal Lokmin."


def peringatan_undangan(*, dikirim: date | None, rapat: date | None) -> str | None:
    """A warning when the undangan went out less than two days before the meeting (a
    warning, not a refusal: the meeting still takes place)."""
    if dikirim is None or rapat is None:
        return None
    selisih = (rapat - dikirim).days
    if selisih < 0:
        return PESAN_UNDANGAN_SESUDAH
    if selisih < HARI_UNDANGAN:
        return PESAN_UNDANGAN_MEPET.format(hari=selisih)
    return None


def agenda_default(jenis: str, tahun: int, bulan: int) -> str:
    """The agenda of a Lokmin of ``jenis`` held in ``bulan``, one item a line (editable)."""
    nama = kalender.BULAN[bulan - 1]
    t_lalu, b_lalu = bulan_lalu(tahun, bulan)
    if JenisLokmin(jenis) == JenisLokmin.BULANAN:
        butir = []
        if bulan == 1:
            butir += [
                f"Pengarahan Kepala Puskesmas: POA/RPK {tahun}, target dan strategi",
                f"Pembahasan RPK {tahun} dengan lintas program",
                "Penandatanganan kesepakatan pegawai",
            ]
        butir += [
            f"Realisasi kegiatan RPK bulan {kalender.BULAN[b_lalu - 1]} {t_lalu}: "
            "terlaksana atau tidak dan sebabnya, anggaran terserap",
            f"Rencana kegiatan RPK bulan {nama} {tahun} per klaster",
            "Evaluasi PWS: cakupan per desa dan kesakitan",
            "Capaian PIS-PK dan intervensi berikutnya",
            "Tindak lanjut RTL Lokmin sebelumnya",
            "Rencana tindak lanjut (RTL)",
        ]
    else:
        triwulan = triwulan_lalu(tahun, bulan)
        (t1, b1), (t3, b3) = triwulan[0], triwulan[-1]
        butir = []
        if bulan == 2:
            butir += [
                f"Pembahasan jadwal RPK {tahun} dengan lintas sektor",
                "Penandatanganan komitmen lintas sektor",
            ]
        butir += [
            "Penggalangan dukungan lintas sektor",
            f"Hasil kegiatan triwulan {kalender.BULAN[b1 - 1]} {t1} – "
            f"{kalender.BULAN[b3 - 1]} {t3} per klaster",
            "Hambatan dan masalah dukungan tiap sektor",
            "Kesepakatan pemecahan masalah dan rencana kerja bersama",
            "Tindak lanjut RTL Lokmin sebelumnya",
        ]
    return "\n".join(f"{i}. {b}" for i, b in enumerate(butir, 1))
