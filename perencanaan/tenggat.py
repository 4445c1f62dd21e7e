"""The two February due dates of P1, registered in the core's due-date registry.

Policy (docs/domain.md#tenggat): target kinerja per klaster by 14 February N, SK Target
Kinerja by the end of February N; a kabupaten may set its own dates per year. Loaded by
``PerencanaanConfig.ready()``.
"""

from puskesmas.alat import kalender
from puskesmas.alat import tenggat_daftar as td
from puskesmas.choices import Peran

from .choices import JenisTenggat
from .selectors.tenggat import kueri_sk, kueri_target, tautan_target

TARGET_KINERJA = td.daftar(
    td.Tenggat(
        kode=JenisTenggat.TARGET_KINERJA.value,
        label=JenisTenggat.TARGET_KINERJA.label,
        kejadian=td.setahun_sekali(kalender.batas_target_kinerja),
        kueri_selesai=kueri_target,
        penerima=td.penerima_peran(Peran.PJ_KLASTER, Peran.KEPALA_TU),
        tindakan="Target kinerja per klaster {puskesmas} tahun {tahun} "
        "harus diajukan Tim Perencanaan paling lambat {batas}.",
        tautan=tautan_target,
        label_tautan="Buka target kinerja",
    )
)

SK_TARGET = td.daftar(
    td.Tenggat(
        kode=JenisTenggat.SK_TARGET.value,
        label=JenisTenggat.SK_TARGET.label,
        kejadian=td.setahun_sekali(kalender.batas_sk_target),
        kueri_selesai=kueri_sk,
        penerima=td.penerima_peran(Peran.KEPALA_PUSKESMAS, Peran.KEPALA_TU),
        tindakan="SK Target Kinerja {puskesmas} tahun {tahun} "
        "harus ditetapkan Kepala Puskesmas paling lambat {batas}.",
        tautan=tautan_target,
        label_tautan="Buka target kinerja",
    )
)

# The kinds whose dates the kabupaten form of this app sets, in its order.
JENIS = (TARGET_KINERJA, SK_TARGET)


def batas_default(jenis: str, tahun: int):
    """The policy due date of one February step when the kabupaten set none."""
    (kejadian,) = td.ambil(jenis).kejadian_tahun(tahun)
    return kejadian.batas
