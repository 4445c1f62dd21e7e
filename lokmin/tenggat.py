"""The two Lokmin kinds in the core's due-date registry: the bulanan every month and the
tribulanan in February, May, August and November, each held by day 10 (policy,
docs/domain.md#tenggat). A kabupaten may set its own date per occurrence. Loaded by
``LokminConfig.ready()``.

Done: the Lokmin of that month approved by the Kepala Puskesmas (*selesai*), on the date it
was held.
"""

from puskesmas.alat import tenggat_daftar as td
from puskesmas.choices import Peran

from . import kalender
from .kalender import JenisLokmin
from .selectors.lokmin import kueri_lokmin, tautan_lokmin


def _daftar(jenis: JenisLokmin, tindakan: str) -> td.Tenggat:
    return td.daftar(
        td.Tenggat(
            kode=f"lokmin_{jenis.value}",
            label=kalender.LABEL_JENIS[jenis],
            kejadian=lambda tahun: kalender.kejadian(jenis, tahun),
            kueri_selesai=lambda ids, kejadian: kueri_lokmin(ids, kejadian, jenis),
            penerima=td.penerima_peran(Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS),
            tindakan=tindakan,
            tautan=tautan_lokmin,
            label_tautan="Buka Lokmin",
            label_kejadian=kalender.label_kejadian,
        )
    )


LOKMIN_BULANAN = _daftar(
    JenisLokmin.BULANAN,
    "Lokmin bulanan {puskesmas} bulan {kejadian} {tahun} harus dilaksanakan dan notulennya "
    "disetujui Kepala Puskesmas; batas {batas}.",
)
LOKMIN_TRIBULANAN = _daftar(
    JenisLokmin.TRIBULANAN,
    "Lokmin tribulanan (lintas sektor) {puskesmas} bulan {kejadian} {tahun} harus "
    "dilaksanakan dan notulennya disetujui Kepala Puskesmas; batas {batas}.",
)
