"""Suggestion rule of variable 1.1.15 (Rapat Tinjauan Manajemen): plain facts in, ``Saran``
out. No Django and no ORM; the collector is ``pkp.saran_p3_rtm``.

The PKP of year N reads the RTM of N approved by the Kepala Puskesmas. The rubric's levels
become conditions the app can check (docs/domain.md, RTM):

* an RTM is **complete** when it has a notulen, an attendance list with at least one
  present, an analysis and at least one decision (RTL);
* its RTL are **followed up** when every one of them (stopped ones aside) has its follow-up
  recorded with evidence, and **evaluated** when every one of them is evaluated;
* 0: no complete RTM; 4: one complete RTM, or more without every RTL followed up;
  7: two or more complete RTM with every RTL followed up; 10: more than two complete RTM
  with every RTL followed up and evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .saran_aturan import daftar_kata
from .saran_daftar import Rujukan, Saran

MINIMAL_7 = 2
MINIMAL_10 = 3

RTM_TIDAK_ADA = "Tidak ada RTM tahun {tahun} yang disetujui Kepala Puskesmas."
RTM_BELUM_LENGKAP = (
    "{jumlah} RTM tahun {tahun} disetujui tetapi belum lengkap (notulen, daftar hadir, "
    "analisis dan rencana tindak lanjut)."
)
KESIMPULAN_4 = "RTM lengkap baru sekali, atau RTL-nya belum semua ditindaklanjuti."
KESIMPULAN_7 = "RTM lengkap minimal dua kali dan semua RTL ditindaklanjuti; {sisa}."
SISA_7_EVALUASI = "belum semua RTL dievaluasi"
SISA_7_JUMLAH = "untuk nilai 10 RTM perlu lebih dari dua kali"
KESIMPULAN_10 = "RTM lebih dari dua kali, semua RTL ditindaklanjuti dan dievaluasi."


@dataclass(frozen=True)
class RTMFakta:
    label: str  # "RTM 20-06-2026"
    lengkap: bool
    jumlah_rtl: int = 0
    ditindaklanjuti: int = 0
    dievaluasi: int = 0
    url: str = ""

    @property
    def semua_tl(self) -> bool:
        return self.ditindaklanjuti >= self.jumlah_rtl

    @property
    def semua_evaluasi(self) -> bool:
        return self.dievaluasi >= self.jumlah_rtl


@dataclass(frozen=True)
class FaktaRTM:
    tahun: int
    rtm: tuple[RTMFakta, ...] = field(default=())


def _uraian(r: RTMFakta) -> str:
    if not r.lengkap:
        return f"{r.label} belum lengkap"
    return (
        f"{r.label}: {r.jumlah_rtl} RTL, {r.ditindaklanjuti} ditindaklanjuti, "
        f"{r.dievaluasi} dievaluasi"
    )


def saran_rtm(f: FaktaRTM) -> Saran:
    """Rubric 1.1.15 from the approved RTM of N and the state of their RTL."""
    if not f.rtm:
        return Saran(0, RTM_TIDAK_ADA.format(tahun=f.tahun))
    rujukan = tuple(Rujukan(r.label, r.url) for r in f.rtm)
    lengkap = [r for r in f.rtm if r.lengkap]
    if not lengkap:
        return Saran(0, RTM_BELUM_LENGKAP.format(jumlah=len(f.rtm), tahun=f.tahun), rujukan)
    uraian = daftar_kata([_uraian(r) for r in f.rtm]) + "."
    semua_tl = all(r.semua_tl for r in lengkap)
    semua_ev = all(r.semua_evaluasi for r in lengkap)
    if len(lengkap) >= MINIMAL_10 and semua_tl and semua_ev:
        skor, kesimpulan = 10, KESIMPULAN_10
    elif len(lengkap) >= MINIMAL_7 and semua_tl:
        sisa = SISA_7_JUMLAH if semua_ev else SISA_7_EVALUASI
        skor, kesimpulan = 7, KESIMPULAN_7.format(sisa=sisa)
    else:
        skor, kesimpulan = 4, KESIMPULAN_4
    return Saran(skor, f"{uraian[:1].upper()}{uraian[1:]} {kesimpulan}", rujukan)
