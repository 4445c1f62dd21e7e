"""What the P3 records of one Puskesmas and year hold, read at once for the PKP suggestion
rules of 1.1.9–1.1.15 (PKP reads pengawasan through this, never its models).

One row of flags says which records exist (``kolom_pkp``: subqueries on the Puskesmas's
row, so a caller may read them along with its own); each summary of ``selectors.register``,
``selectors.audit`` and ``selectors.rtm`` is then read only when its records exist, and the
empty summary is given otherwise. A fixed number of queries whatever the number of rows: one
for a year with nothing recorded, at most fourteen with every register filled.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Puskesmas

from .. import aturan_register
from ..aturan_audit import KategoriTemuan
from ..models import (
    RTM,
    Audit,
    EvaluasiTimMutu,
    MediaPengaduan,
    Pengaduan,
    ProgramAudit,
    RencanaProgramMutu,
    Risiko,
    SurveiKepuasan,
    TimMutu,
)
from . import register as sel
from .audit import RingkasanAudit, ringkasan_audit
from .rtm import RingkasRTM, rtm_disetujui

AWALAN = "pengawasan_"


@dataclass(frozen=True)
class RingkasanPKP:
    tim_mutu: sel.RingkasanTimMutu
    program_mutu: sel.RingkasanProgramMutu
    risiko: sel.RingkasanRisiko
    pengaduan: sel.RingkasanPengaduan
    survei: sel.RingkasanSurvei
    audit: RingkasanAudit
    rtm: tuple[RingkasRTM, ...]


def kolom_pkp(tahun: int) -> dict:
    """{name: subquery on the Puskesmas's row}: whether each kind of record of ``tahun``
    exists (names start with ``AWALAN``)."""

    def ada(qs):
        return Exists(qs.filter(puskesmas=OuterRef("pk")))

    kolom = {
        "tim": ada(TimMutu.objects.filter(tahun=tahun)),
        "evaluasi": ada(EvaluasiTimMutu.objects.filter(tahun=tahun)),
        "rencana": ada(RencanaProgramMutu.objects.filter(tahun=tahun)),
        "risiko": ada(Risiko.objects.filter(tahun=tahun)),
        "media": ada(MediaPengaduan.objects.filter(tahun=tahun)),
        "pengaduan": ada(Pengaduan.objects.filter(tanggal__year=tahun)),
        "survei": ada(SurveiKepuasan.objects.filter(tahun=tahun)),
        "program_audit": ada(ProgramAudit.objects.filter(tahun=tahun)),
        "audit": ada(Audit.objects.filter(jadwal__program__tahun=tahun)),
        "rtm": ada(RTM.objects.filter(tahun=tahun, status=StatusAlur.DISAHKAN)),
    }
    return {f"{AWALAN}{k}": v for k, v in kolom.items()}


def ringkasan_pkp(*, puskesmas, tahun: int, baris: dict | None = None) -> RingkasanPKP:
    """The summaries of ``tahun`` the P3 rules take. ``baris`` is the Puskesmas's row with
    ``kolom_pkp(tahun)`` already read (one query more without it)."""
    if baris is None or f"{AWALAN}tim" not in baris:
        baris = Puskesmas.objects.filter(pk=puskesmas.pk).values(**kolom_pkp(tahun)).get()
    ada = {k.removeprefix(AWALAN): bool(v) for k, v in baris.items() if k.startswith(AWALAN)}
    kunci = {"puskesmas": puskesmas, "tahun": tahun}
    return RingkasanPKP(
        tim_mutu=(
            sel.ringkasan_tim_mutu(**kunci)
            if ada["tim"] or ada["evaluasi"]
            else sel.RingkasanTimMutu(bidang_belum=tuple(aturan_register.bidang_belum_tercakup(())))
        ),
        program_mutu=(
            sel.ringkasan_program_mutu(**kunci) if ada["rencana"] else sel.RingkasanProgramMutu()
        ),
        risiko=(
            sel.ringkasan_risiko(**kunci)
            if ada["risiko"]
            else sel.RingkasanRisiko(
                per_tingkat={t.label: 0 for t in aturan_register.TINGKAT_RISIKO}
            )
        ),
        pengaduan=(
            sel.ringkasan_pengaduan(**kunci)
            if ada["media"] or ada["pengaduan"]
            else sel.RingkasanPengaduan()
        ),
        survei=sel.ringkasan_survei(**kunci) if ada["survei"] else sel.RingkasanSurvei(),
        audit=(
            ringkasan_audit(**kunci)
            if ada["program_audit"] or ada["audit"]
            else RingkasanAudit(temuan={k.value: 0 for k in KategoriTemuan})
        ),
        rtm=tuple(rtm_disetujui(**kunci)) if ada["rtm"] else (),
    )
