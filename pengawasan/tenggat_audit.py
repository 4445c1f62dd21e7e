"""The "Audit internal terjadwal" due date in the core's registry: one occurrence per month,
due on its last day; a month is done at a Puskesmas when every audit its approved programme
plans that month was carried out (nothing planned: nothing due). The audit team and the
Kepala are reminded. Loaded by ``PengawasanConfig.ready()``."""

from __future__ import annotations

import calendar
from datetime import date

from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.tautan import balik
from puskesmas.choices import Peran

from .models.audit import NAMA_BULAN
from .selectors.audit import kueri_selesai_bulan


def _kejadian(tahun: int) -> list[tuple[str, date]]:
    return [(f"{b:02d}", date(tahun, b, calendar.monthrange(tahun, b)[1])) for b in range(1, 13)]


def _kueri_selesai(puskesmas_ids: list[int], kejadian: td.Kejadian):
    return kueri_selesai_bulan(puskesmas_ids, kejadian.tahun, int(kejadian.kode))


def _tautan(puskesmas_id: int) -> str:
    return balik("pengawasan:audit_program", args=[puskesmas_id])


AUDIT_TERJADWAL = td.daftar(
    td.Tenggat(
        kode="audit_internal",
        label="Audit internal terjadwal",
        kejadian=_kejadian,
        kueri_selesai=_kueri_selesai,
        penerima=td.penerima_peran(Peran.TIM_MUTU, Peran.KEPALA_PUSKESMAS),
        tindakan=(
            "Audit internal {puskesmas} yang dijadwalkan bulan {kejadian} {tahun} dalam program "
            "audit harus dilaksanakan paling lambat {batas}."
        ),
        tautan=_tautan,
        label_tautan="Buka program audit",
        label_kejadian=lambda kode: NAMA_BULAN[int(kode) - 1],
    )
)
