"""Pure rules of the registers and the quality programme: plain values in, plain values out.

No Django and no models here (docs/domain.md, "P3 Register dan program mutu"):

* the Indeks Kepuasan Masyarakat (IKM) of a survey from the averages of its nine unsur;
* the level of a risk from its likelihood and impact;
* how a complaint's status moves as it is analysed and followed up;
* whether the Tim Mutu's members cover every area of its uraian tugas.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# --- Indeks Kepuasan Masyarakat ---------------------------------------------------------

# The nine unsur of the national survey method, in its order.
UNSUR_IKM = (
    "Persyaratan",
    "Sistem, mekanisme dan prosedur",
    "Waktu penyelesaian",
    "Biaya/tarif",
    "Produk spesifikasi jenis pelayanan",
    "Kompetensi pelaksana",
    "Perilaku pelaksana",
    "Penanganan pengaduan, saran dan masukan",
    "Sarana dan prasarana",
)
NILAI_MIN, NILAI_MAKS = Decimal(1), Decimal(4)
KONVERSI_IKM = Decimal(25)
DUA_DESIMAL = Decimal("0.01")

PESAN_JUMLAH_UNSUR = "IKM dihitung dari tepat {n} unsur; yang diberikan {ada}."
PESAN_NILAI_UNSUR = "Nilai rata-rata unsur harus antara 1 dan 4 (unsur {nomor}: {nilai})."


@dataclass(frozen=True)
class Mutu:
    kode: str  # A, B, C, D
    kinerja: str  # Sangat Baik, Baik, Kurang Baik, Tidak Baik
    batas_bawah: Decimal  # lowest IKM of the band (inclusive)


# Highest band first. The published bands are A 88,31–100; B 76,61–88,30; C 65,00–76,60;
# D 25,00–64,99: each lower bound is inclusive, so a value rounded to two decimals falls in
# exactly one band.
MUTU_IKM = (
    Mutu("A", "Sangat Baik", Decimal("88.31")),
    Mutu("B", "Baik", Decimal("76.61")),
    Mutu("C", "Kurang Baik", Decimal("65.00")),
    Mutu("D", "Tidak Baik", Decimal("25.00")),
)


class NilaiTidakSah(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def indeks_kepuasan(nilai_unsur: Sequence[Decimal]) -> Decimal:
    """IKM = NRR tertimbang × 25, where NRR tertimbang is the sum of each unsur's average
    (1–4) weighted equally by 1/9; rounded half up to two decimals, as reported."""
    if len(nilai_unsur) != len(UNSUR_IKM):
        raise NilaiTidakSah(PESAN_JUMLAH_UNSUR.format(n=len(UNSUR_IKM), ada=len(nilai_unsur)))
    for nomor, nilai in enumerate(nilai_unsur, start=1):
        if nilai is None or not NILAI_MIN <= Decimal(nilai) <= NILAI_MAKS:
            raise NilaiTidakSah(PESAN_NILAI_UNSUR.format(nomor=nomor, nilai=nilai))
    nrr_tertimbang = sum((Decimal(n) for n in nilai_unsur), Decimal(0)) / len(UNSUR_IKM)
    return (nrr_tertimbang * KONVERSI_IKM).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


def mutu_pelayanan(ikm: Decimal) -> Mutu:
    """The mutu band (A–D) of an IKM between 25 and 100."""
    ikm = Decimal(ikm).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)
    if not Decimal(25) <= ikm <= Decimal(100):
        raise NilaiTidakSah(f"IKM harus antara 25 dan 100 ({ikm}).")
    return next(m for m in MUTU_IKM if ikm >= m.batas_bawah)


# --- Risiko ------------------------------------------------------------------------------

SKALA_RISIKO = range(1, 6)
PESAN_SKALA = "Kemungkinan dan dampak dinilai 1 sampai 5."


@dataclass(frozen=True)
class TingkatRisiko:
    kode: str
    label: str
    batas_atas: int  # highest score of the level (inclusive)


# Levels of the 5×5 matrix (policy: the usual grading in Puskesmas risk registers).
TINGKAT_RISIKO = (
    TingkatRisiko("rendah", "Rendah", 3),
    TingkatRisiko("sedang", "Sedang", 6),
    TingkatRisiko("tinggi", "Tinggi", 12),
    TingkatRisiko("ekstrem", "Ekstrem", 25),
)


def skor_risiko(kemungkinan: int, dampak: int) -> int:
    """Likelihood × impact, each 1–5."""
    if kemungkinan not in SKALA_RISIKO or dampak not in SKALA_RISIKO:
        raise NilaiTidakSah(PESAN_SKALA)
    return kemungkinan * dampak


def tingkat_risiko(kemungkinan: int, dampak: int) -> TingkatRisiko:
    skor = skor_risiko(kemungkinan, dampak)
    return next(t for t in TINGKAT_RISIKO if skor <= t.batas_atas)


# --- Pengaduan ---------------------------------------------------------------------------

BARU, DIANALISIS, DITINDAKLANJUTI, SELESAI = "baru", "dianalisis", "ditindaklanjuti", "selesai"
_URUTAN_STATUS = (BARU, DIANALISIS, DITINDAKLANJUTI, SELESAI)
PESAN_SELESAI_TANPA_ANALISIS = "Pengaduan belum dapat ditutup: analisisnya belum diisi."
PESAN_SELESAI_RTL_TERBUKA = "Pengaduan belum dapat ditutup: masih ada {n} RTL yang belum selesai."
PESAN_SUDAH_SELESAI = "Pengaduan sudah ditutup."


def status_pengaduan(*, sekarang: str, ada_analisis: bool, jumlah_rtl: int) -> str:
    """The status a complaint reaches from what is recorded: never moves back, and only
    closing (``selesai``) is an explicit act."""
    tercapai = BARU
    if ada_analisis:
        tercapai = DIANALISIS
    if ada_analisis and jumlah_rtl:
        tercapai = DITINDAKLANJUTI
    return max(sekarang, tercapai, key=_URUTAN_STATUS.index)


def pesan_tutup_pengaduan(*, status: str, ada_analisis: bool, rtl_terbuka: int) -> str | None:
    """Why a complaint cannot be closed, or None."""
    if status == SELESAI:
        return PESAN_SUDAH_SELESAI
    if not ada_analisis:
        return PESAN_SELESAI_TANPA_ANALISIS
    if rtl_terbuka:
        return PESAN_SELESAI_RTL_TERBUKA.format(n=rtl_terbuka)
    return None


# --- Tim Mutu ----------------------------------------------------------------------------

# The areas its members' uraian tugas must cover (rubric 1.1.9), code and label.
BIDANG_MUTU = (
    ("ukm_esensial", "UKM esensial"),
    ("ukm_pengembangan", "UKM pengembangan"),
    ("ukp", "UKP"),
    ("admen", "Administrasi manajemen"),
    ("mutu", "Mutu"),
    ("ppi", "PPI"),
    ("keselamatan_pasien", "Keselamatan pasien"),
    ("audit_internal", "Audit internal"),
)


def bidang_belum_tercakup(bidang_dengan_uraian: Iterable[str]) -> list[str]:
    """Labels of the areas no member's uraian tugas covers yet, in the rubric's order."""
    ada = set(bidang_dengan_uraian)
    return [label for kode, label in BIDANG_MUTU if kode not in ada]
