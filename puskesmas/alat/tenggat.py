"""Due dates of the management cycle: status and reminder stage, pure functions on dates.

No ORM here: the registry (``puskesmas.alat.tenggat_daftar``) says which kinds of due date
exist, the selectors read the due and "done" dates from the database, and these functions
decide what they mean on a given day. Tested without a database.

Policy (docs/domain.md#tenggat): each kind's default dates are its registration's; a
kabupaten may set its own per year and occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from puskesmas.alat import kalender


def tanggal_indonesia(d: date) -> str:
    """ "14 Februari 2027": for messages built outside templates (notifications, e-mail)."""
    return f"{d.day} {kalender.BULAN[d.month - 1]} {d.year}"


# --- Status -----------------------------------------------------------------------------


class StatusTenggat(StrEnum):
    SELESAI = "selesai"  # done on or before the due date
    TERLAMBAT_SELESAI = "terlambat_selesai"  # done, after the due date
    BELUM = "belum"  # not done, due date still ahead
    HARI_INI = "hari_ini"  # not done, due today
    TERLAMBAT = "terlambat"  # not done, due date passed


LABEL_STATUS = {
    StatusTenggat.SELESAI: "Selesai",
    StatusTenggat.TERLAMBAT_SELESAI: "Terlambat selesai",
    StatusTenggat.BELUM: "Belum",
    StatusTenggat.HARI_INI: "Jatuh tempo hari ini",
    StatusTenggat.TERLAMBAT: "Terlambat",
}

# Bootstrap badge classes.
WARNA_STATUS = {
    StatusTenggat.SELESAI: "text-bg-success",
    StatusTenggat.TERLAMBAT_SELESAI: "text-bg-secondary",
    StatusTenggat.BELUM: "text-bg-info",
    StatusTenggat.HARI_INI: "text-bg-warning",
    StatusTenggat.TERLAMBAT: "text-bg-danger",
}


class Kepatuhan(StrEnum):
    """What the Dinkes compliance table asks: was it done on time, late, or not yet?"""

    TEPAT_WAKTU = "tepat_waktu"
    TERLAMBAT = "terlambat"
    BELUM = "belum"


LABEL_KEPATUHAN = {
    Kepatuhan.TEPAT_WAKTU: "Tepat waktu",
    Kepatuhan.TERLAMBAT: "Terlambat",
    Kepatuhan.BELUM: "Belum",
}

WARNA_KEPATUHAN = {
    Kepatuhan.TEPAT_WAKTU: "text-bg-success",
    Kepatuhan.TERLAMBAT: "text-bg-warning",
    Kepatuhan.BELUM: "text-bg-danger",
}


@dataclass(frozen=True)
class KeadaanTenggat:
    """One due date seen on one day."""

    batas: date
    selesai_pada: date | None
    hari_ini: date
    status: StatusTenggat

    @property
    def selesai(self) -> bool:
        return self.selesai_pada is not None

    @property
    def sisa_hari(self) -> int | None:
        """Days left until the due date; None once done or overdue."""
        if self.status in (StatusTenggat.BELUM, StatusTenggat.HARI_INI):
            return (self.batas - self.hari_ini).days
        return None

    @property
    def hari_terlambat(self) -> int | None:
        """Days past the due date: still open (TERLAMBAT) or when it was finally done."""
        if self.status == StatusTenggat.TERLAMBAT:
            return (self.hari_ini - self.batas).days
        if self.status == StatusTenggat.TERLAMBAT_SELESAI:
            return (self.selesai_pada - self.batas).days
        return None

    @property
    def label(self) -> str:
        return LABEL_STATUS[self.status]

    @property
    def warna(self) -> str:
        return WARNA_STATUS[self.status]

    @property
    def keterangan(self) -> str:
        """The short line shown next to the badge: "7 hari lagi", "terlambat 3 hari"."""
        if self.status == StatusTenggat.BELUM:
            return f"{self.sisa_hari} hari lagi"
        if self.status == StatusTenggat.HARI_INI:
            return "batas hari ini"
        if self.status == StatusTenggat.TERLAMBAT:
            return f"terlambat {self.hari_terlambat} hari"
        if self.status == StatusTenggat.TERLAMBAT_SELESAI:
            return f"selesai {tanggal_indonesia(self.selesai_pada)}, terlambat {self.hari_terlambat} hari"
        return f"selesai {tanggal_indonesia(self.selesai_pada)}"

    @property
    def kepatuhan(self) -> Kepatuhan:
        if self.status == StatusTenggat.SELESAI:
            return Kepatuhan.TEPAT_WAKTU
        if self.status == StatusTenggat.TERLAMBAT_SELESAI:
            return Kepatuhan.TERLAMBAT
        return Kepatuhan.BELUM

    @property
    def label_kepatuhan(self) -> str:
        return LABEL_KEPATUHAN[self.kepatuhan]

    @property
    def warna_kepatuhan(self) -> str:
        return WARNA_KEPATUHAN[self.kepatuhan]


def status_tenggat(*, batas: date, selesai_pada: date | None, hari_ini: date) -> StatusTenggat:
    """Done on time, done late, or still open (ahead, due today, overdue).

    Once done, the status no longer depends on ``hari_ini``: done on the due date itself is
    on time.
    """
    if selesai_pada is not None:
        return StatusTenggat.SELESAI if selesai_pada <= batas else StatusTenggat.TERLAMBAT_SELESAI
    if hari_ini < batas:
        return StatusTenggat.BELUM
    if hari_ini == batas:
        return StatusTenggat.HARI_INI
    return StatusTenggat.TERLAMBAT


def keadaan_tenggat(*, batas: date, selesai_pada: date | None, hari_ini: date) -> KeadaanTenggat:
    return KeadaanTenggat(
        batas=batas,
        selesai_pada=selesai_pada,
        hari_ini=hari_ini,
        status=status_tenggat(batas=batas, selesai_pada=selesai_pada, hari_ini=hari_ini),
    )


# --- Reminder stages --------------------------------------------------------------------


class TahapPengingat(StrEnum):
    H7 = "H-7"
    H3 = "H-3"
    H1 = "H-1"
    LEWAT = "lewat"


# Days before the due date on which a reminder goes out.
HARI_SEBELUM = {7: TahapPengingat.H7, 3: TahapPengingat.H3, 1: TahapPengingat.H1}

# Overdue: the first reminder the day after the due date, then one every week.
ULANG_LEWAT_HARI = 7


@dataclass(frozen=True)
class Pengingat:
    """A reminder due on one day. ``ke`` numbers the overdue reminders (1, 2, ...)."""

    tahap: TahapPengingat
    ke: int = 1

    @property
    def kode(self) -> str:
        """Stable per reminder, part of the notification key: "H-7", "lewat-1", "lewat-2"."""
        if self.tahap == TahapPengingat.LEWAT:
            return f"{self.tahap}-{self.ke}"
        return str(self.tahap)


# Every stage: what a kind sends unless its registration names fewer.
SEMUA_TAHAP = frozenset(TahapPengingat)


def tahap_pengingat(
    *,
    batas: date,
    selesai_pada: date | None,
    hari_ini: date,
    tahap: Iterable[TahapPengingat] = SEMUA_TAHAP,
) -> Pengingat | None:
    """The reminder due on ``hari_ini`` for an open due date, or None.

    * 7, 3 and 1 days before the due date: H-7, H-3, H-1 (nothing on the due date itself:
      the H-1 reminder and the home page cover it);
    * overdue: the day after the due date (``lewat-1``), then **repeated weekly** while it
      stays open (``lewat-2`` eight days after, ``lewat-3`` fifteen days after, ...). The
      task only looks at the due dates of the current year, so the repeats end with it.

    Nothing once it is done, whatever the day, and nothing for a stage not in ``tahap`` (the
    stages the kind of due date asked for).
    """
    if selesai_pada is not None:
        return None
    tahap_hari_ini, ke = _tahap_hari_ini(batas=batas, hari_ini=hari_ini)
    if tahap_hari_ini is None or tahap_hari_ini not in tahap:
        return None
    return Pengingat(tahap_hari_ini, ke=ke)


def _tahap_hari_ini(*, batas: date, hari_ini: date) -> tuple[TahapPengingat | None, int]:
    """The stage falling on ``hari_ini`` (None: no reminder day) and the overdue number."""
    selisih = (batas - hari_ini).days
    if selisih > 0:
        return HARI_SEBELUM.get(selisih), 1
    # Overdue (the due date itself gives -1 // 7, day 6 of a week: no reminder). Weeks since
    # the first overdue day and the day in that week come from one divmod, so the reminder
    # number and the "is it a reminder day" test cannot drift apart.
    minggu, hari_ke = divmod(-selisih - 1, ULANG_LEWAT_HARI)
    return (TahapPengingat.LEWAT if hari_ke == 0 else None), minggu + 1


def hari_pengingat(
    batas: date, hari_ini: date, tahap: Iterable[TahapPengingat] = SEMUA_TAHAP
) -> bool:
    """Is some reminder (of the stages ``tahap``) of an open due date ``batas`` due today?"""
    return (
        tahap_pengingat(batas=batas, selesai_pada=None, hari_ini=hari_ini, tahap=tahap) is not None
    )


def kejadian_terkini(kejadian: list[tuple[str, date]], hari_ini: date) -> tuple[str, date]:
    """The occurrence of a kind a page shows on ``hari_ini``: the first not yet past, else the
    last of the year (a past year shows its last). ``kejadian`` is in date order, not empty.

    A date rule only, so a page reads the done dates of one occurrence per kind.
    """
    for kode, batas in kejadian:
        if batas >= hari_ini:
            return kode, batas
    return kejadian[-1]


@dataclass(frozen=True)
class Ringkasan:
    """Counts for the top of the compliance table."""

    tepat_waktu: int = 0
    terlambat: int = 0
    belum: int = 0
    belum_lewat: int = 0  # of "belum": those already past the due date

    @property
    def jumlah(self) -> int:
        return self.tepat_waktu + self.terlambat + self.belum


def ringkas(keadaan: list[KeadaanTenggat]) -> Ringkasan:
    hitung = {k: 0 for k in Kepatuhan}
    lewat = 0
    for k in keadaan:
        hitung[k.kepatuhan] += 1
        lewat += k.status == StatusTenggat.TERLAMBAT
    return Ringkasan(
        tepat_waktu=hitung[Kepatuhan.TEPAT_WAKTU],
        terlambat=hitung[Kepatuhan.TERLAMBAT],
        belum=hitung[Kepatuhan.BELUM],
        belum_lewat=lewat,
    )
