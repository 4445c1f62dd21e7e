"""A small kabupaten X with set PKP assessments whose ranking is worked out by hand.

The instrument's targets are all 100 (higher is better), so an indicator's coverage is its
capaian; every indicator of a Puskesmas gets the same capaian, so its kinerja pelayanan is
that capaian. Management: 5 components (1.1 with 16 variables, 1.2 with 5, 1.3 with 2,
1.4 and 1.5 with 3); the aspect is the mean of the component means. Thresholds are the
defaults (pelayanan ≥ 91 I, ≥ 81 II; manajemen ≥ 8.5 I, ≥ 5.5 II); the overall group is
the weakest of pelayanan and manajemen (mutu is only reported).
"""

from decimal import Decimal

from pkp.models import (
    IndikatorMutu,
    IndikatorPelayanan,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    StatusVerifikasi,
)
from pkp.services.instrumen import instrumen_salin, standar_nasional_pastikan
from pkp.services.penilaian import penilaian_buka, penilaian_langkah
from puskesmas.choices import Peran

from ..factories import PuskesmasFactory, pengguna
from .conftest import TAHUN


def instrumen_x(dunia, tahun):
    """Kabupaten X's copy of ``tahun`` with every target 100 (higher is better)."""
    standar_nasional_pastikan(tahun)
    salinan = instrumen_salin(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=tahun)
    IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan).update(
        target=100, target_atas=None, arah="naik"
    )
    IndikatorMutu.objects.filter(instrumen=salinan).update(
        target=100, target_atas=None, arah="naik"
    )
    return salinan


def kepala(puskesmas):
    return pengguna(f"kapus_{puskesmas.kode}", Peran.KEPALA_PUSKESMAS, puskesmas=puskesmas)


def isi(penilaian, *, capaian, skor, skor_11=None, mutu="90"):
    """Every indicator ``capaian``; every variable ``skor`` (component 1.1: ``skor_11``)."""
    NilaiPelayanan.objects.filter(penilaian=penilaian).update(capaian=capaian)
    NilaiManajemen.objects.filter(penilaian=penilaian).update(skor=skor)
    if skor_11 is not None:
        NilaiManajemen.objects.filter(penilaian=penilaian, variabel__komponen__kode="1.1").update(
            skor=skor_11
        )
    NilaiMutu.objects.filter(penilaian=penilaian).update(capaian=mutu)


def ajukan(puskesmas, tahun, **nilai):
    if not hasattr(puskesmas, "_kapus"):
        puskesmas._kapus = kepala(puskesmas)
    user = puskesmas._kapus
    penilaian, _ = penilaian_buka(puskesmas=puskesmas, tahun=tahun, user=user)
    isi(penilaian, **nilai)
    return penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=user)


def tetapkan(puskesmas, tahun, verifikator, **nilai):
    penilaian = ajukan(puskesmas, tahun, **nilai)
    for model in (NilaiPelayanan, NilaiManajemen, NilaiMutu):
        model.objects.filter(penilaian=penilaian).update(status_verifikasi=StatusVerifikasi.SETUJU)
    return penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=verifikator)


def kabupaten_kecil(dunia):
    """Seven Puskesmas in X (A, B and five more), six assessed in TAHUN, A also the year
    before; and C in Y set, which X's ranking never shows. Returns the Puskesmas by name."""
    instrumen_x(dunia, TAHUN - 1)
    instrumen_x(dunia, TAHUN)
    kec = dunia.a.kecamatan
    p = {"Alfa": dunia.a, "Beta": dunia.b}
    for nama in ("Delta", "Echo", "Foxtrot", "Golf", "Hotel"):
        p[nama] = PuskesmasFactory(nama=nama, kecamatan=kec)
    v = dunia.verifikator_x
    tetapkan(p["Alfa"], TAHUN - 1, v, capaian="85", skor=7)  # II the year before
    tetapkan(p["Alfa"], TAHUN, v, capaian="95", skor=10)  # 95 / 10 → I
    tetapkan(p["Beta"], TAHUN, v, capaian="95", skor=7)  # 95 / 7 → II
    tetapkan(p["Delta"], TAHUN, v, capaian="88", skor=10)  # 88 / 10 → II
    # 95 / (10 + 7 + 7 + 7 + 7) / 5 = 7.6 → II, ties Beta on pelayanan, ahead on manajemen
    tetapkan(p["Echo"], TAHUN, v, capaian="95", skor=7, skor_11=10)
    tetapkan(p["Foxtrot"], TAHUN, v, capaian="70", skor=4)  # 70 / 4 → III
    tetapkan(p["Golf"], TAHUN, v, capaian=None, skor=10)  # no pelayanan value: no group
    ajukan(p["Hotel"], TAHUN, capaian="99", skor=10)  # submitted, not set: not ranked
    admin_y = pengguna("admin_y", Peran.ADMIN_DINKES, kabupaten=dunia.kab_y)
    instrumen_salin(user=admin_y, kabupaten=dunia.kab_y, tahun=TAHUN)
    tetapkan(dunia.c, TAHUN, dunia.verifikator_y, capaian="100", skor=10)
    return p


# Hand-computed: (name, group, rank in group, pelayanan, manajemen), in rank order.
HARAPAN = [
    ("Alfa", 1, 1, Decimal("95"), Decimal("10")),
    ("Echo", 2, 1, Decimal("95"), Decimal("7.6")),
    ("Beta", 2, 2, Decimal("95"), Decimal("7")),
    ("Delta", 2, 3, Decimal("88"), Decimal("10")),
    ("Foxtrot", 3, 1, Decimal("70"), Decimal("4")),
    ("Golf", None, 1, None, Decimal("10")),
]
