"""The two PKP due dates, registered in the core's due-date registry.

Policy (docs/domain.md, PKP): the self-assessment of year N is submitted by 31 January of
N+1, and the Dinkes verifies and sets it by the end of February of N+1. A kind's year is the
year of its due date; the occurrence's code is the assessment year N. Loaded by
``PkpConfig.ready()``.
"""

import calendar
from datetime import date

from puskesmas.alat import tenggat_daftar as td
from puskesmas.choices import Peran

from .selectors.tenggat import (
    kueri_diajukan,
    kueri_ditetapkan,
    penerima_verifikator,
    tautan_penilaian,
)

KODE_DIAJUKAN = "pkp_diajukan"
KODE_DITETAPKAN = "pkp_ditetapkan"


def batas_diajukan(tahun: int) -> date:
    """Self-assessment of year ``tahun - 1``: by 31 January of ``tahun``."""
    return date(tahun, 1, 31)


def batas_ditetapkan(tahun: int) -> date:
    """Verification of year ``tahun - 1``: by the last day of February of ``tahun``."""
    return date(tahun, 2, calendar.monthrange(tahun, 2)[1])


def _tahun_sebelumnya(aturan):
    return lambda tahun: [(str(tahun - 1), aturan(tahun))]


def _label_data(kode: str) -> str:
    return f"data {kode}"


DIAJUKAN = td.daftar(
    td.Tenggat(
        kode=KODE_DIAJUKAN,
        label="Pengajuan penilaian mandiri PKP",
        kejadian=_tahun_sebelumnya(batas_diajukan),
        kueri_selesai=kueri_diajukan,
        penerima=td.penerima_peran(Peran.KEPALA_PUSKESMAS),
        tindakan="{kejadian} {puskesmas} harus diajukan Kepala Puskesmas ke Dinas Kesehatan "
        "paling lambat {batas}.",
        tautan=tautan_penilaian,
        label_tautan="Buka penilaian kinerja",
        label_kejadian=_label_data,
    )
)

DITETAPKAN = td.daftar(
    td.Tenggat(
        kode=KODE_DITETAPKAN,
        label="Verifikasi PKP oleh Dinas Kesehatan",
        kejadian=_tahun_sebelumnya(batas_ditetapkan),
        kueri_selesai=kueri_ditetapkan,
        penerima=penerima_verifikator,
        tindakan="{kejadian} {puskesmas} harus diverifikasi dan ditetapkan Dinas Kesehatan "
        "paling lambat {batas}.",
        tautan=tautan_penilaian,
        label_tautan="Buka penilaian kinerja",
        label_kejadian=_label_data,
    )
)
