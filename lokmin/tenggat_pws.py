"""The monthly PWS due date, registered in the core's due-date registry.

Policy: a month's PWS data is complete by day 5 of the next month (``pws.batas_isi``); the
PJ klaster and the Kepala TU are reminded only once it is late (the data cannot be entered
before the month ends, so reminders before the date would only be noise).
"""

from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.tenggat import TahapPengingat
from puskesmas.choices import Peran

from .pws import batas_isi
from .selectors_pws import NAMA_BULAN, selesai_bulan, tautan_pws

PWS_BULANAN = td.daftar(
    td.Tenggat(
        kode="pws_bulanan",
        label="PWS bulan",
        kejadian=lambda tahun: [(f"{b:02d}", batas_isi(tahun, b)) for b in range(1, 13)],
        selesai=selesai_bulan,
        penerima=td.penerima_peran(Peran.PJ_KLASTER, Peran.KEPALA_TU),
        tindakan="Data {kejadian} {tahun} {puskesmas} belum lengkap; batasnya {batas}.",
        tahap=frozenset({TahapPengingat.LEWAT}),
        tautan=tautan_pws,
        label_tautan="Isi data PWS",
        label_kejadian=lambda kode: NAMA_BULAN[int(kode) - 1],
    )
)
