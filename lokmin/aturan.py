"""Rules of the Lokmin records that need no database: who may sit at which forum, what a
realisation row must say. Pure functions; the services raise their messages."""

from __future__ import annotations

from decimal import Decimal

from .kalender import JenisLokmin

# Outsiders by forum (docs/domain.md): the bulanan is the lintas program forum with the
# Puskesmas's jaringan and jejaring; the tribulanan adds the lintas sektor.
KATEGORI_LUAR = {
    JenisLokmin.BULANAN: frozenset({"jaringan", "jejaring"}),
    JenisLokmin.TRIBULANAN: frozenset({"jaringan", "jejaring", "lintas_sektor"}),
}
PESAN_KATEGORI = (
    "Lokmin bulanan adalah forum lintas program: lintas sektor diundang ke Lokmin tribulanan."
)
PESAN_KATEGORI_INTERNAL = (
    "Pegawai Puskesmas ditambahkan dari daftar pengguna, bukan sebagai peserta luar."
)
PESAN_INSTANSI_WAJIB = "Instansi peserta luar wajib diisi."
PESAN_PJ_INSTANSI = (
    "Penanggung jawab berupa instansi hanya untuk tindakan bersama lintas sektor "
    "(Lokmin tribulanan)."
)


def periksa_peserta_luar(*, jenis: str, kategori: str, instansi: str) -> str | None:
    if kategori == "internal":
        return PESAN_KATEGORI_INTERNAL
    if kategori not in KATEGORI_LUAR[JenisLokmin(jenis)]:
        return PESAN_KATEGORI
    if not instansi.strip():
        return PESAN_INSTANSI_WAJIB
    return None


def periksa_pj_rtl(*, jenis: str, pj_instansi: str) -> str | None:
    if pj_instansi.strip() and JenisLokmin(jenis) != JenisLokmin.TRIBULANAN:
        return PESAN_PJ_INSTANSI
    return None


PESAN_ALASAN = "Kegiatan yang tidak terlaksana wajib diberi alasan."
PESAN_VOLUME_TIDAK = "Kegiatan yang tidak terlaksana tidak memiliki volume terealisasi."
PESAN_VOLUME_NOL = "Kegiatan yang terlaksana harus memiliki volume terealisasi lebih dari 0."
PESAN_BIAYA = "Anggaran terserap tidak boleh negatif."


def periksa_realisasi(*, terlaksana: bool, alasan: str, volume: int, biaya: Decimal) -> str | None:
    """A month's realisation of one activity: done with a volume, or not done with a
    reason (and then no volume); never a negative cost (money may still have been spent on
    an activity that did not take place)."""
    if biaya < 0:
        return PESAN_BIAYA
    if terlaksana:
        return PESAN_VOLUME_NOL if volume <= 0 else None
    if not alasan.strip():
        return PESAN_ALASAN
    if volume:
        return PESAN_VOLUME_TIDAK
    return None
