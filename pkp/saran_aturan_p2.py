"""Suggestion rules of the P2 variables of kinerja manajemen: plain facts in, ``Saran`` out.

No Django and no ORM here. The collectors (``pkp.saran_p2``) read P2's records through the
Lokmin and PIS-PK selectors and hand in the frozen facts below. Each rule says which of
0/4/7/10 those records support and why (docs/domain.md, PKP suggestion rules of P2):

* 1.1.4 Lokmin bulanan and 1.1.5 Lokmin tribulanan of year N, every meeting the year asks
  for (12 bulanan; the tribulanan of February, May, August and November):

  - 0: no meeting of the kind recorded in N;
  - 4: meetings recorded, but not every one the year asks for is complete;
  - 7: every meeting complete: approved by the Kepala Puskesmas (so its undangan date,
    attendance and the notulen of every klaster are recorded) and at least one RTL
    (corrective action) raised; a tribulanan also needs a lintas sektor peserta present;
  - 10: complete, and every meeting followed up the RTL of the one before it (each of
    them reviewed at the meeting, or already evaluated or stopped before it); for the
    tribulanan also at least one joint action whose PJ is an instansi (the LS's part).

* 1.1.6 Survei Keluarga Sehat of year N: survey coverage (families surveyed ÷ families in
  the wilayah) from 30 % (policy of ``lokmin.pispk``), then the four steps recorded with a
  date: intervensi awal and entri data (4), analisis (7), intervensi lanjut (10). A survey
  below 30 %, or one without the first two steps, is 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lokmin import pispk

from .saran_aturan import _kalimat, daftar_kata, tanggal
from .saran_daftar import Rujukan, Saran

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

# --- 1.1.4 / 1.1.5 Lokakarya Mini -----------------------------------------------------------

LOKMIN_TIDAK_ADA = "Tidak ada dokumen {nama} tahun {tahun}."
LOKMIN_TIDAK_LENGKAP = (
    "Dokumen belum lengkap untuk setiap Lokmin (undangan, daftar hadir, notulen dan "
    "corrective action)."
)
LOKMIN_TANPA_TINDAK_LANJUT = (
    "Dokumen lengkap, tetapi belum setiap Lokmin menindaklanjuti RTL Lokmin sebelumnya."
)
LOKMIN_TANPA_LS = (
    "Dokumen lengkap dan menindaklanjuti Lokmin sebelumnya, tetapi belum ada tindakan "
    "bersama dengan penanggung jawab lintas sektor."
)
LOKMIN_LENGKAP_BULANAN = (
    "Dokumen lengkap tiap bulan dan menindaklanjuti hasil Lokmin bulan sebelumnya."
)
LOKMIN_LENGKAP_TRIBULANAN = (
    "Dokumen lengkap dan menindaklanjuti hasil Lokmin yang melibatkan peran serta lintas sektor."
)


@dataclass(frozen=True)
class FaktaRapat:
    """One Lokmin held in month ``bulan`` of the assessment year."""

    bulan: int
    selesai: bool = False  # approved by the Kepala Puskesmas
    undangan: bool = False  # the date the undangan went out is recorded
    hadir: int = 0  # peserta marked present
    hadir_ls: int = 0  # ... of them from the lintas sektor
    notulen_lengkap: bool = False  # a notulen for every klaster
    jumlah_rtl: int = 0  # RTL raised at this meeting
    rtl_instansi: int = 0  # ... whose PJ is an instansi
    rtl_lalu: int = 0  # RTL raised at the previous meeting of the kind
    rtl_lalu_ditindaklanjuti: int = 0  # ... reviewed here, or evaluated/stopped before
    url: str = ""

    @property
    def label_bulan(self) -> str:
        return BULAN[self.bulan - 1]

    def kurang(self, *, lintas_sektor: bool) -> list[str]:
        """What this meeting's documents lack ([] when complete)."""
        hasil = []
        if not self.undangan:
            hasil.append("undangan")
        if not self.hadir:
            hasil.append("daftar hadir")
        elif lintas_sektor and not self.hadir_ls:
            hasil.append("kehadiran lintas sektor")
        if not self.notulen_lengkap:
            hasil.append("notulen semua klaster")
        if not self.jumlah_rtl:
            hasil.append("corrective action (RTL)")
        if not self.selesai:
            hasil.append("persetujuan Kepala Puskesmas")
        return hasil

    @property
    def menindaklanjuti(self) -> bool:
        return self.rtl_lalu_ditindaklanjuti >= self.rtl_lalu


@dataclass(frozen=True)
class FaktaLokmin:
    """The meetings of one kind held in year ``tahun`` (in month order)."""

    tahun: int
    tribulanan: bool = False
    bulan_wajib: tuple[int, ...] = tuple(range(1, 13))
    rapat: tuple[FaktaRapat, ...] = ()
    url: str = ""  # the Lokmin calendar of the Puskesmas

    @property
    def nama(self) -> str:
        return "Lokmin tribulanan" if self.tribulanan else "Lokmin bulanan"


def _bulan_kata(bulan: list[int]) -> str:
    return daftar_kata([BULAN[b - 1] for b in bulan])


def saran_lokmin(f: FaktaLokmin) -> Saran:
    """Rubric 1.1.4 (bulanan) or 1.1.5 (tribulanan) from the year's meetings."""
    if not f.rapat:
        return Saran(0, LOKMIN_TIDAK_ADA.format(nama=f.nama, tahun=f.tahun))
    per_bulan = {r.bulan: r for r in f.rapat}
    rujukan = [Rujukan(f"{f.nama} {r.label_bulan} {f.tahun}", r.url) for r in f.rapat]
    tidak_ada = [b for b in f.bulan_wajib if b not in per_bulan]
    kurang = {r.bulan: k for r in f.rapat if (k := r.kurang(lintas_sektor=f.tribulanan))}
    lengkap = [r.bulan for r in f.rapat if r.bulan not in kurang]
    bagian = [f"{len(f.rapat)} dari {len(f.bulan_wajib)} {f.nama} tahun {f.tahun} tercatat"]
    if lengkap:
        bagian.append(f"dokumen lengkap: {_bulan_kata(lengkap)}")
    if tidak_ada:
        bagian.append(f"tidak ada Lokmin {_bulan_kata(tidak_ada)}")
    for bulan, k in sorted(kurang.items()):
        bagian.append(f"{BULAN[bulan - 1]} belum ada {daftar_kata(k)}")
    tanpa_tl = [r.bulan for r in f.rapat if not r.menindaklanjuti]
    if tanpa_tl:
        bagian.append(
            f"RTL Lokmin sebelumnya belum ditindaklanjuti pada Lokmin {_bulan_kata(tanpa_tl)}"
        )
    instansi = sum(r.rtl_instansi for r in f.rapat)
    if f.tribulanan:
        bagian.append(
            f"{instansi} tindakan bersama dengan penanggung jawab lintas sektor"
            if instansi
            else "belum ada tindakan bersama dengan penanggung jawab lintas sektor"
        )
    if tidak_ada or kurang:
        skor, kesimpulan = 4, LOKMIN_TIDAK_LENGKAP
    elif tanpa_tl:
        skor, kesimpulan = 7, LOKMIN_TANPA_TINDAK_LANJUT
    elif f.tribulanan and not instansi:
        skor, kesimpulan = 7, LOKMIN_TANPA_LS
    else:
        skor = 10
        kesimpulan = LOKMIN_LENGKAP_TRIBULANAN if f.tribulanan else LOKMIN_LENGKAP_BULANAN
    return Saran(skor, f"{_kalimat(bagian)} {kesimpulan}", rujukan)


# --- 1.1.6 Survei Keluarga Sehat --------------------------------------------------------------

PISPK_TANPA_KELUARGA = (
    "Jumlah keluarga di wilayah kerja tahun {tahun} belum diisi (sasaran desa: jumlah kepala "
    "keluarga), sehingga cakupan survei tidak dapat dihitung."
)
PISPK_KURANG = "Survei kurang dari 30% keluarga."
PISPK_TANPA_LANGKAH = "Survei di atas 30%, tetapi intervensi awal dan entri data belum tercatat."
PISPK_TANPA_ANALISIS = (
    "Survei di atas 30%, intervensi awal dan entri data; analisis belum tercatat."
)
PISPK_TANPA_LANJUT = (
    "Survei di atas 30%, intervensi awal, entri data dan analisis; intervensi lanjut belum "
    "tercatat."
)
PISPK_LENGKAP = (
    "Survei di atas 30%, intervensi awal, entri data, analisis dan intervensi lanjut tercatat."
)

LANGKAH = (
    ("intervensi_awal", "intervensi awal"),
    ("entri_data", "entri data"),
    ("analisis", "analisis"),
    ("intervensi_lanjut", "intervensi lanjut"),
)


@dataclass(frozen=True)
class FaktaPISPK:
    """The PIS-PK survey of year ``tahun``: families surveyed, families in the wilayah, and
    the date of each of the four steps (None: not recorded)."""

    tahun: int
    disurvei: int = 0
    jumlah_keluarga: int | None = None
    intervensi_awal: date | None = None
    entri_data: date | None = None
    analisis: date | None = None
    intervensi_lanjut: date | None = None
    url: str = ""

    @property
    def cakupan(self) -> Decimal | None:
        return pispk.cakupan_survei(self.disurvei, self.jumlah_keluarga)


def saran_pispk(f: FaktaPISPK) -> Saran:
    """Rubric 1.1.6 from the survey coverage and the four steps."""
    rujukan = (Rujukan(f"PIS-PK {f.tahun}", f.url),)
    cakupan = f.cakupan
    if cakupan is None:
        return Saran(0, PISPK_TANPA_KELUARGA.format(tahun=f.tahun), rujukan)
    bagian = [
        f"{f.disurvei} dari {f.jumlah_keluarga} keluarga disurvei "
        f"({cakupan.quantize(Decimal('0.1'))}%)"
    ]
    tercatat = [f"{nama} {tanggal(t)}" for k, nama in LANGKAH if (t := getattr(f, k))]
    belum = [nama for k, nama in LANGKAH if getattr(f, k) is None]
    if tercatat:
        bagian.append(f"tercatat {daftar_kata(tercatat)}")
    if belum:
        bagian.append(f"belum tercatat {daftar_kata(belum)}")
    if not pispk.survei_tercapai(cakupan):
        skor, kesimpulan = 0, PISPK_KURANG
    elif f.intervensi_awal is None or f.entri_data is None:
        skor, kesimpulan = 0, PISPK_TANPA_LANGKAH
    elif f.analisis is None:
        skor, kesimpulan = 4, PISPK_TANPA_ANALISIS
    elif f.intervensi_lanjut is None:
        skor, kesimpulan = 7, PISPK_TANPA_LANJUT
    else:
        skor, kesimpulan = 10, PISPK_LENGKAP
    return Saran(skor, f"{_kalimat(bagian)} {kesimpulan}", rujukan)
