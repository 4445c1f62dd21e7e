"""The loop closes on data: on the page of an RTL raised for an indicator behind its target
(``sumber`` = the indicator), the indicator's monthly cumulative coverage against the
cumulative target since the follow-up, and, once the follow-up is done, the suggested
evaluation (``pengawasan.aturan_pengendalian.saran_efektivitas``). The person decides.
Registered in the core's RTL panel registry by ``PengawasanConfig.ready()``."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from perencanaan.models import Indikator
from puskesmas.alat import rtl as aturan_rtl
from puskesmas.alat import rtl_panel

from . import aturan_pengendalian as aturan
from .selectors.pengendalian import deret_indikator


def _bulan_awal(tanggal, tahun: int) -> int:
    if tanggal.year < tahun:
        return 1
    if tanggal.year > tahun:
        return 13
    return tanggal.month


@rtl_panel.daftar
def panel_indikator(rtl, user):
    if rtl.sumber_jenis_id != ContentType.objects.get_for_model(Indikator).pk:
        return None
    indikator = Indikator.objects.select_related("klaster").filter(pk=rtl.sumber_id).first()
    if indikator is None:
        return None
    sudah_tl = rtl.tanggal_tindak_lanjut is not None
    awal = rtl.tanggal_tindak_lanjut if sudah_tl else rtl.dibuat_pada.date()
    deret = deret_indikator(
        puskesmas=rtl.puskesmas,
        indikator=indikator,
        dari_bulan=_bulan_awal(awal, indikator.tahun),
    )
    saran = None
    if sudah_tl and rtl.status in (aturan_rtl.StatusRTL.SELESAI, aturan_rtl.StatusRTL.DIEVALUASI):
        saran = aturan.saran_efektivitas(selisih_bulanan=[(b.bulan, b.selisih) for b in deret])
    return rtl_panel.Panel(
        judul=f"Capaian {indikator.nama} sejak tindak lanjut",
        template="pengawasan/pengendalian/_panel_rtl.html",
        data=deret,
        extra={
            "indikator": indikator,
            "saran": saran,
            "sudah_tl": sudah_tl,
            "label_saran": {aturan.EFEKTIF: "Efektif", aturan.BELUM_EFEKTIF: "Belum efektif"},
            "n": aturan.BULAN_MEMBAIK,
        },
    )
