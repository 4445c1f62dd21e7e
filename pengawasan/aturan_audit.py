"""Internal audit rules, pure (no Django, no models): docs/domain.md#audit-internal.

* An audit is **closed** only when every criterion of its checklist has a result and every
  finding is settled: either each of its RTL is closed by the RTL rules (the follow-up done,
  awaiting or past its evaluation) — a belum efektif evaluation raises a follow-up RTL on the
  same finding, which then has to close too — or the finding is explicitly carried over to
  the next audit with a reason. A ketidaksesuaian (mayor or minor) needs at least one RTL
  unless carried over; an observasi is a note for improvement and may have none. An RTL
  stopped (*tidak dilanjutkan*) does not settle a finding: the nonconformity remains, so it
  gets another RTL or is carried over.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class KategoriTemuan(StrEnum):
    MAYOR = "mayor"
    MINOR = "minor"
    OBSERVASI = "observasi"


LABEL_KATEGORI = {
    KategoriTemuan.MAYOR: "Ketidaksesuaian mayor",
    KategoriTemuan.MINOR: "Ketidaksesuaian minor",
    KategoriTemuan.OBSERVASI: "Observasi",
}
KETIDAKSESUAIAN = frozenset({KategoriTemuan.MAYOR, KategoriTemuan.MINOR})

# RTL statuses (``puskesmas.alat.rtl.StatusRTL`` values) that settle a finding.
RTL_TUNTAS = frozenset({"selesai", "dievaluasi"})

PESAN_TUTUP_KRITERIA = (
    "Audit belum dapat ditutup: {jumlah} kriteria daftar tilik belum diberi hasil "
    "(sesuai, tidak sesuai atau tidak berlaku)."
)
PESAN_TUTUP_TANPA_RTL = (
    "Audit belum dapat ditutup: temuan nomor {nomor} belum memiliki RTL. Sepakati RTL dengan "
    "batas waktu, atau bawa temuan ke audit berikutnya dengan alasan."
)
PESAN_TUTUP_RTL_TERBUKA = (
    "Audit belum dapat ditutup: RTL temuan nomor {nomor} belum selesai ditindaklanjuti. "
    "Selesaikan tindak lanjutnya, atau bawa temuan ke audit berikutnya dengan alasan."
)
PESAN_TUTUP_SUDAH = "Audit sudah ditutup."
PESAN_ALASAN_DIBAWA = "Alasan wajib diisi bila temuan dibawa ke audit berikutnya."


@dataclass(frozen=True)
class KeadaanTemuan:
    """What the closing rule needs of one finding."""

    nomor: int
    kategori: str
    dibawa: bool = False  # carried over to the next audit
    alasan_dibawa: str = ""
    status_rtl: tuple[str, ...] = ()  # statuses of its RTL (follow-ups included)


def temuan_tuntas(t: KeadaanTemuan) -> bool:
    """Settled: carried over with a reason, or every RTL closed (and one at least for a
    ketidaksesuaian)."""
    if t.dibawa and t.alasan_dibawa.strip():
        return True
    if not t.status_rtl:
        return KategoriTemuan(t.kategori) not in KETIDAKSESUAIAN
    return all(s in RTL_TUNTAS for s in t.status_rtl)


def pesan_tutup(
    *, sudah_ditutup: bool, kriteria_kosong: int, temuan: list[KeadaanTemuan]
) -> str | None:
    """None when the audit may be closed, else the first reason it may not."""
    if sudah_ditutup:
        return PESAN_TUTUP_SUDAH
    if kriteria_kosong:
        return PESAN_TUTUP_KRITERIA.format(jumlah=kriteria_kosong)
    for t in sorted(temuan, key=lambda t: t.nomor):
        if temuan_tuntas(t):
            continue
        if not t.status_rtl:
            return PESAN_TUTUP_TANPA_RTL.format(nomor=t.nomor)
        return PESAN_TUTUP_RTL_TERBUKA.format(nomor=t.nomor)
    return None


def pesan_bawa(*, alasan: str) -> str | None:
    """Carrying a finding over needs a reason."""
    return None if alasan.strip() else PESAN_ALASAN_DIBAWA
