"""Lifecycle of an RTL (rencana tindak lanjut / corrective action): pure rules, no ORM.

docs/domain.md#rtl-rencana-tindak-lanjut: analisa → rencana → tindak lanjut (done, with
evidence) → evaluasi (efektif / belum efektif; a belum efektif RTL raises a new one).
An RTL is complete only once evaluated. The statuses and the steps allowed from each:

* ``belum``   planned, nothing done yet;
* ``proses``  progress noted (at a Lokmin review, say), not finished;
* ``selesai`` the follow-up is done, with what, when and evidence; awaiting evaluation;
* ``dievaluasi`` evaluated (efektif, or belum efektif with its follow-up RTL raised);
* ``tidak_dilanjutkan`` stopped, with a reason.

The services (``puskesmas.services.rtl``) ask these functions and raise their messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class StatusRTL(StrEnum):
    BELUM = "belum"
    PROSES = "proses"
    SELESAI = "selesai"
    DIEVALUASI = "dievaluasi"
    TIDAK_DILANJUTKAN = "tidak_dilanjutkan"


LABEL_STATUS = {
    StatusRTL.BELUM: "Belum dilaksanakan",
    StatusRTL.PROSES: "Dalam proses",
    StatusRTL.SELESAI: "Selesai, menunggu evaluasi",
    StatusRTL.DIEVALUASI: "Dievaluasi",
    StatusRTL.TIDAK_DILANJUTKAN: "Tidak dilanjutkan",
}


class JenisRTL(StrEnum):
    KOREKSI = "koreksi"
    KOREKTIF = "korektif"
    PREVENTIF = "preventif"


LABEL_JENIS = {
    JenisRTL.KOREKSI: "Koreksi segera",
    JenisRTL.KOREKTIF: "Tindakan korektif",
    JenisRTL.PREVENTIF: "Tindakan preventif",
}


class HasilEvaluasi(StrEnum):
    EFEKTIF = "efektif"
    BELUM_EFEKTIF = "belum_efektif"


LABEL_HASIL = {HasilEvaluasi.EFEKTIF: "Efektif", HasilEvaluasi.BELUM_EFEKTIF: "Belum efektif"}


class Langkah(StrEnum):
    PROGRES = "progres"  # progress noted
    TINDAK_LANJUT = "tindak_lanjut"  # done, with evidence
    EVALUASI = "evaluasi"
    HENTIKAN = "hentikan"  # not carried on, with a reason
    UBAH = "ubah"  # edit masalah, rencana, PJ, due date


TERBUKA = frozenset({StatusRTL.BELUM, StatusRTL.PROSES})

# From which statuses each step may be taken.
DARI: dict[Langkah, frozenset[StatusRTL]] = {
    Langkah.PROGRES: TERBUKA,
    Langkah.TINDAK_LANJUT: TERBUKA,
    Langkah.EVALUASI: frozenset({StatusRTL.SELESAI}),
    Langkah.HENTIKAN: TERBUKA,
    Langkah.UBAH: TERBUKA,
}

KE: dict[Langkah, StatusRTL | None] = {
    Langkah.PROGRES: StatusRTL.PROSES,
    Langkah.TINDAK_LANJUT: StatusRTL.SELESAI,
    Langkah.EVALUASI: StatusRTL.DIEVALUASI,
    Langkah.HENTIKAN: StatusRTL.TIDAK_DILANJUTKAN,
    Langkah.UBAH: None,  # the status does not change
}

PESAN_LANGKAH = "RTL berstatus «{status}» sehingga tidak dapat {langkah}."
KATA_KERJA = {
    Langkah.PROGRES: "dicatat progresnya",
    Langkah.TINDAK_LANJUT: "dicatat tindak lanjutnya",
    Langkah.EVALUASI: "dievaluasi",
    Langkah.HENTIKAN: "dihentikan",
    Langkah.UBAH: "diubah",
}
PESAN_BUKTI_WAJIB = "Tindak lanjut wajib disertai sedikitnya satu berkas bukti."
PESAN_TANGGAL_MASA_DEPAN = "Tanggal tidak boleh setelah hari ini."
PESAN_EVALUASI_SEBELUM_TL = "Tanggal evaluasi tidak boleh sebelum tanggal tindak lanjut."
PESAN_CATATAN_BELUM_EFEKTIF = (
    "Evaluasi belum efektif wajib disertai catatan: apa yang belum berhasil dan mengapa."
)
PESAN_ALASAN_HENTIKAN = "Alasan wajib diisi bila RTL tidak dilanjutkan."
PESAN_PJ = "Isi penanggung jawab: seorang pegawai atau sebuah instansi (tidak keduanya)."


def pesan_langkah(status: str, langkah: Langkah) -> str | None:
    """None when ``langkah`` is allowed from ``status``, else the refusal."""
    if StatusRTL(status) in DARI[langkah]:
        return None
    return PESAN_LANGKAH.format(status=LABEL_STATUS[StatusRTL(status)], langkah=KATA_KERJA[langkah])


def status_sesudah(status: str, langkah: Langkah) -> StatusRTL:
    """The status after ``langkah`` (assumed allowed)."""
    ke = KE[langkah]
    return StatusRTL(status) if ke is None else ke


def periksa_pj(*, ada_user: bool, instansi: str) -> str | None:
    """An RTL has exactly one PJ: a user, or an instansi (lintas sektor)."""
    if ada_user == bool(instansi.strip()):
        return PESAN_PJ
    return None


def periksa_tindak_lanjut(*, tanggal: date, hari_ini: date, jumlah_bukti: int) -> str | None:
    if tanggal > hari_ini:
        return PESAN_TANGGAL_MASA_DEPAN
    if jumlah_bukti < 1:
        return PESAN_BUKTI_WAJIB
    return None


def periksa_evaluasi(
    *, tanggal: date, hari_ini: date, tanggal_tindak_lanjut: date | None, hasil: str, catatan: str
) -> str | None:
    if tanggal > hari_ini:
        return PESAN_TANGGAL_MASA_DEPAN
    if tanggal_tindak_lanjut is not None and tanggal < tanggal_tindak_lanjut:
        return PESAN_EVALUASI_SEBELUM_TL
    if HasilEvaluasi(hasil) == HasilEvaluasi.BELUM_EFEKTIF and not catatan.strip():
        return PESAN_CATATAN_BELUM_EFEKTIF
    return None


def perlu_rtl_lanjutan(hasil: str) -> bool:
    """A belum efektif evaluation raises a follow-up RTL."""
    return HasilEvaluasi(hasil) == HasilEvaluasi.BELUM_EFEKTIF


class Kolom(StrEnum):
    """The columns of the RTL board."""

    TERBUKA = "terbuka"
    TERLAMBAT = "terlambat"
    MENUNGGU_EVALUASI = "menunggu_evaluasi"
    DITUTUP = "ditutup"


LABEL_KOLOM = {
    Kolom.TERBUKA: "Terbuka",
    Kolom.TERLAMBAT: "Terlambat",
    Kolom.MENUNGGU_EVALUASI: "Menunggu evaluasi",
    Kolom.DITUTUP: "Ditutup",
}


def kolom_papan(*, status: str, batas: date, hari_ini: date) -> Kolom:
    """Where an RTL sits on the board on ``hari_ini``: open ones past their due date are
    overdue (the due date itself is still on time), done ones await evaluation, evaluated
    or stopped ones are closed."""
    status = StatusRTL(status)
    if status in TERBUKA:
        return Kolom.TERLAMBAT if hari_ini > batas else Kolom.TERBUKA
    if status == StatusRTL.SELESAI:
        return Kolom.MENUNGGU_EVALUASI
    return Kolom.DITUTUP


@dataclass(frozen=True)
class TahapTerlambat:
    """An overdue reminder: the ``ke``-th (1 the day after the due date, then weekly)."""

    ke: int

    @property
    def kode(self) -> str:
        return f"lewat-{self.ke}"


ULANG_HARI = 7


def tahap_terlambat(*, status: str, batas: date, hari_ini: date) -> TahapTerlambat | None:
    """The overdue reminder due on ``hari_ini`` for an RTL, or None: the day after the due
    date, then every seven days while it stays open (as the due-date reminders do)."""
    if StatusRTL(status) not in TERBUKA:
        return None
    lewat = (hari_ini - batas).days
    if lewat < 1:
        return None
    minggu, sisa = divmod(lewat - 1, ULANG_HARI)
    return TahapTerlambat(minggu + 1) if sisa == 0 else None
