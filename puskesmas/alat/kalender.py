"""Due dates of the yearly management cycle: pure functions on plain values.

Defaults follow docs/domain.md#tenggat; the ones marked policy there are parameters so a kabupaten
can set its own.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip

# Lokmin tribulanan: every three months starting February.
BULAN_TRIBULANAN = (2, 5, 8, 11)


def batas_target_kinerja(tahun: int, hari: int = 14) -> date:
    """Targets per klaster: by the 2nd week of February (policy: the 14th)."""
    return date(tahun, 2, hari)


def batas_sk_target(tahun: int) -> date:
    """SK Target Kinerja: by the end of February (28 or 29)."""
    return date(tahun, 2, calendar.monthrange(tahun, 2)[1])


def batas_lokmin_bulanan(tahun: int, bulan: int, hari: int = 10) -> date:
    """Lokmin bulanan: at the start of every month (policy: held by day 10)."""
    return date(tahun, bulan, min(hari, calendar.monthrange(tahun, bulan)[1]))


def bulan_tribulanan(bulan: int) -> bool:
    return bulan in BULAN_TRIBULANAN


@dataclass(frozen=True)
class Agenda:
    tanggal: date
    kegiatan: str
    modul: str


def agenda_tahunan(tahun: int) -> list[Agenda]:
    """The fixed dates of one year, in order."""
    agenda = [
        Agenda(batas_target_kinerja(tahun), "Target kinerja per klaster disusun", "perencanaan"),
        Agenda(batas_sk_target(tahun), "SK Target Kinerja ditetapkan", "perencanaan"),
    ]
    for bulan in range(1, 13):
        agenda.append(
            Agenda(
                batas_lokmin_bulanan(tahun, bulan), f"Lokmin bulanan {BULAN[bulan - 1]}", "lokmin"
            )
        )
        if bulan_tribulanan(bulan):
            agenda.append(
                Agenda(
                    batas_lokmin_bulanan(tahun, bulan),
                    f"Lokmin tribulanan {BULAN[bulan - 1]} (lintas sektor)",
                    "lokmin",
                )
            )
    agenda.append(Agenda(date(tahun, 12, 31), "Data Januari–Desember untuk PKP lengkap", "pkp"))
    return sorted(agenda, key=lambda a: a.tanggal)
