"""Supervisi rules, pure (no Django): who supervises, where, which aspects, and the
plan-versus-realisation count of a year (docs/domain.md, "Supervisi").

A visit is planned (in the yearly plan, for a month) or ad hoc (sewaktu-waktu, recorded
when it happened). It is internal when the Puskesmas supervises itself (Kepala, Tim Mutu,
audit team, PJ klaster) and external otherwise (Dinkes, lintas sektor, akreditasi). A
Dinkes visit is recorded by the Dinkes itself; every other visit by the Puskesmas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


class Jenis(StrEnum):
    INTERNAL = "internal"
    EKSTERNAL = "eksternal"


class Pelaksana(StrEnum):
    KEPALA_PUSKESMAS = "kepala_puskesmas"
    TIM_MUTU = "tim_mutu"
    TIM_AUDIT = "tim_audit"
    PJ_KLASTER = "pj_klaster"
    DINKES = "dinkes"
    LINTAS_SEKTOR = "lintas_sektor"
    AKREDITASI = "akreditasi"


LABEL_JENIS = {Jenis.INTERNAL: "Internal", Jenis.EKSTERNAL: "Eksternal"}

LABEL_PELAKSANA = {
    Pelaksana.KEPALA_PUSKESMAS: "Kepala Puskesmas",
    Pelaksana.TIM_MUTU: "Tim Mutu",
    Pelaksana.TIM_AUDIT: "Tim audit internal",
    Pelaksana.PJ_KLASTER: "Penanggung jawab klaster",
    Pelaksana.DINKES: "Dinas Kesehatan",
    Pelaksana.LINTAS_SEKTOR: "Lintas sektor",
    Pelaksana.AKREDITASI: "Surveior akreditasi",
}

PELAKSANA_INTERNAL = frozenset(
    {Pelaksana.KEPALA_PUSKESMAS, Pelaksana.TIM_MUTU, Pelaksana.TIM_AUDIT, Pelaksana.PJ_KLASTER}
)


def jenis(pelaksana: str) -> Jenis:
    """Internal when the Puskesmas supervises itself, external otherwise."""
    return Jenis.INTERNAL if Pelaksana(pelaksana) in PELAKSANA_INTERNAL else Jenis.EKSTERNAL


def pelaksana_dari_jenis(j: str) -> frozenset[Pelaksana]:
    """The supervisors of one kind (the list filter by kind)."""
    return frozenset(p for p in Pelaksana if jenis(p) == Jenis(j))


def dicatat_dinkes(pelaksana: str) -> bool:
    """A Dinkes visit is the Dinkes's own record; every other one is the Puskesmas's."""
    return Pelaksana(pelaksana) == Pelaksana.DINKES


class Tempat(StrEnum):
    PUSKESMAS = "puskesmas"
    PUSTU = "pustu"
    SEKOLAH = "sekolah"
    POSYANDU = "posyandu"
    UKBM = "ukbm"
    KUNJUNGAN_RUMAH = "kunjungan_rumah"


LABEL_TEMPAT = {
    Tempat.PUSKESMAS: "Puskesmas",
    Tempat.PUSTU: "Pustu",
    Tempat.SEKOLAH: "Sekolah",
    Tempat.POSYANDU: "Posyandu",
    Tempat.UKBM: "UKBM lain",
    Tempat.KUNJUNGAN_RUMAH: "Kunjungan rumah",
}

# Aspects and their sub-aspects: administratif (the service chain from registration to
# drugs and BMHP, people, buildings, equipment, money) and kinerja (how activities are
# evaluated and how the technical service is given).
ASPEK: dict[str, tuple[tuple[str, str], ...]] = {
    "Administratif": (
        ("adm_pelayanan", "Alur pelayanan: pendaftaran sampai obat dan BMHP"),
        ("adm_sdm", "Sumber daya manusia"),
        ("adm_sarana", "Sarana dan prasarana"),
        ("adm_alat", "Peralatan"),
        ("adm_keuangan", "Keuangan"),
    ),
    "Kinerja": (
        ("kin_evaluasi", "Evaluasi kegiatan"),
        ("kin_teknis", "Pelayanan teknis"),
    ),
}
LABEL_ASPEK: dict[str, str] = {kode: label for sub in ASPEK.values() for kode, label in sub}
KELOMPOK_ASPEK: dict[str, str] = {kode: k for k, sub in ASPEK.items() for kode, _ in sub}


class Status(StrEnum):
    DIRENCANAKAN = "direncanakan"
    DILAKSANAKAN = "dilaksanakan"
    DIBATALKAN = "dibatalkan"


LABEL_STATUS = {
    Status.DIRENCANAKAN: "Direncanakan",
    Status.DILAKSANAKAN: "Dilaksanakan",
    Status.DIBATALKAN: "Dibatalkan",
}

PESAN_ASPEK_KOSONG = "Pilih sedikitnya satu aspek yang disupervisi."
PESAN_ASPEK_ASING = "Aspek supervisi tidak dikenal."
PESAN_TANGGAL_PERLU = "Kunjungan yang sudah dilaksanakan harus mencatat tanggalnya."
PESAN_TANGGAL_DEPAN = "Tanggal pelaksanaan belum tiba: catat kunjungan setelah dilaksanakan."
PESAN_TANGGAL_TAHUN = "Tanggal pelaksanaan harus di tahun {tahun}, tahun rencana supervisi ini."
PESAN_ALASAN_BATAL = "Tuliskan alasan kunjungan dibatalkan."
PESAN_TEMUAN_BELUM = "Temuan dicatat pada kunjungan yang sudah dilaksanakan."
PESAN_BATAL_ADA_TEMUAN = "Kunjungan yang sudah memiliki temuan tidak dapat dibatalkan."
PESAN_PELAKSANA_DINKES = (
    "Kunjungan Dinas Kesehatan dicatat oleh Dinas Kesehatan sendiri, bukan oleh Puskesmas."
)


def periksa_aspek(kode: Iterable[str]) -> str | None:
    kode = list(kode)
    if not kode:
        return PESAN_ASPEK_KOSONG
    if any(k not in LABEL_ASPEK for k in kode):
        return PESAN_ASPEK_ASING
    return None


def periksa_kunjungan(
    *,
    status: str,
    tahun: int,
    tanggal: date | None,
    alasan_batal: str,
    hari_ini: date,
    ada_temuan: bool = False,
) -> str | None:
    """What is wrong with a visit's state, or None.

    Done: it has a date, not in the future, inside the plan's year. Cancelled: a reason,
    and no finding recorded on it (a finding is proof it happened).
    """
    s = Status(status)
    if s == Status.DILAKSANAKAN:
        if tanggal is None:
            return PESAN_TANGGAL_PERLU
        if tanggal > hari_ini:
            return PESAN_TANGGAL_DEPAN
    if tanggal is not None and tanggal.year != tahun:
        return PESAN_TANGGAL_TAHUN.format(tahun=tahun)
    if s == Status.DIBATALKAN:
        if not alasan_batal.strip():
            return PESAN_ALASAN_BATAL
        if ada_temuan:
            return PESAN_BATAL_ADA_TEMUAN
    return None


def periksa_temuan(status: str) -> str | None:
    """Findings belong to a visit that took place."""
    return None if Status(status) == Status.DILAKSANAKAN else PESAN_TEMUAN_BELUM


def terlambat(*, status: str, terjadwal: bool, tahun: int, bulan: int, hari_ini: date) -> bool:
    """A planned visit whose month has ended and which is neither done nor cancelled."""
    if not terjadwal or Status(status) != Status.DIRENCANAKAN:
        return False
    return (tahun, bulan) < (hari_ini.year, hari_ini.month)


@dataclass(frozen=True)
class Rekap:
    """Plan against realisation of one year."""

    rencana: int = 0  # visits in the plan
    terlaksana: int = 0  # of them, done
    dibatalkan: int = 0  # of them, cancelled
    belum: int = 0  # of them, still to do
    sewaktu: int = 0  # ad hoc visits done (outside the plan)

    @property
    def persen(self) -> float | None:
        """Share of the plan carried out; None when nothing was planned."""
        if not self.rencana:
            return None
        return self.terlaksana * 100 / self.rencana

    @property
    def total_terlaksana(self) -> int:
        return self.terlaksana + self.sewaktu


def rekap(kunjungan: Iterable[tuple[bool, str]]) -> Rekap:
    """Count ``(terjadwal, status)`` pairs of a year's visits."""
    n = {"rencana": 0, "terlaksana": 0, "dibatalkan": 0, "belum": 0, "sewaktu": 0}
    for terjadwal, status in kunjungan:
        s = Status(status)
        if terjadwal:
            n["rencana"] += 1
            key = {
                Status.DILAKSANAKAN: "terlaksana",
                Status.DIBATALKAN: "dibatalkan",
                Status.DIRENCANAKAN: "belum",
            }[s]
            n[key] += 1
        elif s == Status.DILAKSANAKAN:
            n["sewaktu"] += 1
    return Rekap(**n)
