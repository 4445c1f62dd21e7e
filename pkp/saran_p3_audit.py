"""The suggestion rule of 1.1.14 (audit internal): the collector reads P3's audit records
through the read all P3 rules share (``pkp.saran_p3``, once per request) and registers with the
pure rule of ``pkp.saran_aturan_audit`` from ``PkpConfig.ready``."""

from __future__ import annotations

from django.urls import reverse

from . import saran_daftar
from .saran_aturan_audit import FaktaAudit, saran_audit
from .saran_p3 import baca, daftarkan_kolom, fakta


def kumpulkan_audit(puskesmas, tahun: int) -> FaktaAudit:
    """1.1.14: the programme, audits and findings of year N."""
    url_program = reverse("pengawasan:audit_program", args=[puskesmas.pk])
    url_audit = reverse("pengawasan:audit_daftar", args=[puskesmas.pk])
    return fakta(
        FaktaAudit,
        baca(puskesmas, tahun).audit,
        tahun=tahun,
        url_program=f"{url_program}?tahun={tahun}",
        url_audit=f"{url_audit}?tahun={tahun}",
    )


def daftarkan() -> None:
    daftarkan_kolom()
    saran_daftar.daftar("1.1.14", kumpulkan=kumpulkan_audit, aturan=saran_audit)
