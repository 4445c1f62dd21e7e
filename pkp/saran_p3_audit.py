"""The suggestion rule of 1.1.14 (audit internal): the collector reads P3's audit records
through ``pengawasan.selectors.audit`` (a fixed number of queries) and registers with the
pure rule of ``pkp.saran_aturan_audit`` from ``PkpConfig.ready``."""

from __future__ import annotations

from django.urls import reverse

from pengawasan.selectors.audit import ringkasan_audit

from . import saran_daftar
from .saran_aturan_audit import FaktaAudit, saran_audit


def kumpulkan_audit(puskesmas, tahun: int) -> FaktaAudit:
    """1.1.14: the programme, audits and findings of year N (five queries)."""
    r = ringkasan_audit(puskesmas=puskesmas, tahun=tahun)
    url_program = reverse("pengawasan:audit_program", args=[puskesmas.pk])
    url_audit = reverse("pengawasan:audit_daftar", args=[puskesmas.pk])
    return FaktaAudit(
        tahun=tahun,
        program_ada=r.program_ada,
        program_disahkan=r.program_disahkan,
        jumlah_jadwal=r.jumlah_jadwal,
        jumlah_audit=r.jumlah_audit,
        audit_lengkap=r.audit_lengkap,
        ketidaksesuaian=r.ketidaksesuaian,
        dianalisis=r.dianalisis,
        ada_rtl=r.ada_rtl,
        ditindaklanjuti=r.ditindaklanjuti,
        dievaluasi=r.dievaluasi,
        url_program=f"{url_program}?tahun={tahun}",
        url_audit=f"{url_audit}?tahun={tahun}",
    )


def daftarkan() -> None:
    saran_daftar.daftar("1.1.14", kumpulkan=kumpulkan_audit, aturan=saran_audit)
