"""Pure rules of the RTM (Rapat Tinjauan Manajemen): no ORM, no Django.

docs/domain.md#rtm: a Puskesmas holds its RTM at least twice a year. From October on, a
year with fewer than two RTM held or scheduled is warned about on the home page: there is
still time to hold the missing one before the year ends.
"""

from __future__ import annotations

MINIMAL_SETAHUN = 2
BULAN_PERINGATAN = 10  # October

PESAN_PERINGATAN = (
    "RTM {puskesmas} tahun {tahun}: baru {jumlah} dari minimal {minimal} kali setahun "
    "diadakan atau dijadwalkan; jadwalkan RTM sebelum akhir tahun."
)


def bulan_berjalan(*, tahun: int, tahun_ini: int, bulan_ini: int) -> int:
    """How far ``tahun`` has run on today's date: 0 before it starts, 12 once it is over."""
    if tahun < tahun_ini:
        return 12
    if tahun > tahun_ini:
        return 0
    return bulan_ini


def perlu_peringatan(*, bulan: int, jumlah: int) -> bool:
    """Warn from month ``BULAN_PERINGATAN`` when fewer than ``MINIMAL_SETAHUN`` RTM are
    held or scheduled in the year (``bulan`` is how far the year has run)."""
    return bulan >= BULAN_PERINGATAN and jumlah < MINIMAL_SETAHUN


def pesan_peringatan(*, puskesmas: str, tahun: int, jumlah: int) -> str:
    return PESAN_PERINGATAN.format(
        puskesmas=puskesmas, tahun=tahun, jumlah=jumlah, minimal=MINIMAL_SETAHUN
    )
