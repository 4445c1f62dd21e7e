"""Suggestion rule of PKP variable 1.1.14 (audit internal): plain facts in, ``Saran`` out.

No Django and no ORM here; ``pkp.saran_p3_audit`` reads P3's audit records through
``pengawasan.selectors.audit`` and hands in ``FaktaAudit``. The PKP of year N reads the
internal audits of N (their programme, the audits held, their findings and the RTL agreed
on them). The rubric's levels as conditions the app can check (docs/domain.md, Audit
internal):

* "dilakukan": at least one audit of N's programme held. Otherwise 0.
* "dokumen lengkap": the year's programme (a schedule for the year) approved by the Kepala
  Puskesmas, and every audit held with its instrument (a daftar tilik), a result for every
  criterion and a written conclusion (the report). Level 4 asks for it, so an audit held
  with documents missing stays at 0, the missing pieces named.
* "ada analisa, rencana tindak lanjut": every ketidaksesuaian (mayor or minor) has its
  cause analysed and at least one RTL. Otherwise 4.
* "tindak lanjut dan evaluasi": every RTL of those findings followed up and evaluated (a
  belum efektif evaluation raises a follow-up RTL that must be evaluated too). Otherwise 7.
* Audits that found no ketidaksesuaian leave nothing to analyse or follow up: 10 once the
  documents are complete.
"""

from __future__ import annotations

from dataclasses import dataclass

from .saran_daftar import Rujukan, Saran

AUDIT_TIDAK_ADA = "Tidak ada audit internal yang dilaksanakan pada tahun {tahun}."
AUDIT_DOKUMEN_KURANG = "Audit internal dilaksanakan, tetapi dokumennya belum lengkap: {kurang}."
AUDIT_TANPA_ANALISA = (
    "Dokumen lengkap, tetapi belum setiap ketidaksesuaian memiliki analisa dan rencana tindak "
    "lanjut."
)
AUDIT_TANPA_TINDAK_LANJUT = (
    "Dokumen lengkap dengan analisa dan rencana tindak lanjut, tetapi tindak lanjut dan "
    "evaluasinya belum lengkap."
)
AUDIT_LENGKAP = "Dokumen lengkap, ada analisa, rencana tindak lanjut, tindak lanjut dan evaluasi."
AUDIT_TANPA_KETIDAKSESUAIAN = (
    "Dokumen lengkap dan tidak ada ketidaksesuaian yang perlu dianalisa dan ditindaklanjuti."
)


@dataclass(frozen=True)
class FaktaAudit:
    tahun: int
    program_ada: bool = False
    program_disahkan: bool = False
    jumlah_jadwal: int = 0
    jumlah_audit: int = 0
    audit_lengkap: int = 0  # with daftar tilik, every criterion assessed and a conclusion
    ketidaksesuaian: int = 0
    dianalisis: int = 0
    ada_rtl: int = 0
    ditindaklanjuti: int = 0
    dievaluasi: int = 0
    url_program: str = ""
    url_audit: str = ""


def _kurang(f: FaktaAudit) -> list[str]:
    kurang = []
    if not f.program_ada or not f.jumlah_jadwal:
        kurang.append(f"program audit {f.tahun} dengan jadwal setahun belum ada")
    elif not f.program_disahkan:
        kurang.append(f"program audit {f.tahun} belum disetujui Kepala Puskesmas")
    if f.audit_lengkap < f.jumlah_audit:
        kurang.append(
            f"{f.jumlah_audit - f.audit_lengkap} dari {f.jumlah_audit} audit belum lengkap "
            "(daftar tilik, hasil setiap kriteria dan kesimpulan laporan)"
        )
    return kurang


def saran_audit(f: FaktaAudit) -> Saran:
    """Rubric 1.1.14 from the year's audit programme, audits, findings and their RTL."""
    rujukan = tuple(
        r
        for r in (
            Rujukan(f"Program audit internal {f.tahun}", f.url_program) if f.program_ada else None,
            Rujukan(f"Audit internal {f.tahun}", f.url_audit) if f.jumlah_audit else None,
        )
        if r is not None
    )
    if not f.jumlah_audit:
        return Saran(0, AUDIT_TIDAK_ADA.format(tahun=f.tahun), rujukan)
    kurang = _kurang(f)
    if kurang:
        return Saran(0, AUDIT_DOKUMEN_KURANG.format(kurang="; ".join(kurang)), rujukan)
    fakta = (
        f"{f.jumlah_audit} dari {f.jumlah_jadwal} audit terjadwal dilaksanakan; "
        f"{f.ketidaksesuaian} ketidaksesuaian: {f.dianalisis} dianalisa, {f.ada_rtl} dengan "
        f"RTL, {f.ditindaklanjuti} ditindaklanjuti, {f.dievaluasi} dievaluasi."
    )
    n = f.ketidaksesuaian
    if n == 0:
        skor, kesimpulan = 10, AUDIT_TANPA_KETIDAKSESUAIAN
    elif f.dianalisis < n or f.ada_rtl < n:
        skor, kesimpulan = 4, AUDIT_TANPA_ANALISA
    elif f.ditindaklanjuti < n or f.dievaluasi < n:
        skor, kesimpulan = 7, AUDIT_TANPA_TINDAK_LANJUT
    else:
        skor, kesimpulan = 10, AUDIT_LENGKAP
    return Saran(skor, f"{fakta[:1].upper()}{fakta[1:]} {kesimpulan}", rujukan)
