"""The closing rule of an internal audit, table-tested (pure)."""

import pytest

from pengawasan import aturan_audit as a
from pengawasan.aturan_audit import KeadaanTemuan as T


@pytest.mark.parametrize(
    ("temuan", "tuntas"),
    [
        (T(1, "mayor"), False),  # ketidaksesuaian without RTL
        (T(1, "minor"), False),
        (T(1, "observasi"), True),  # an observation needs no RTL
        (T(1, "observasi", status_rtl=("belum",)), False),  # but its RTL must close
        (T(1, "minor", status_rtl=("belum",)), False),
        (T(1, "minor", status_rtl=("proses",)), False),
        (T(1, "minor", status_rtl=("selesai",)), True),
        (T(1, "minor", status_rtl=("dievaluasi",)), True),
        (T(1, "minor", status_rtl=("tidak_dilanjutkan",)), False),
        (T(1, "mayor", status_rtl=("dievaluasi", "belum")), False),  # belum efektif follow-up
        (T(1, "mayor", status_rtl=("dievaluasi", "dievaluasi")), True),
        (T(1, "mayor", dibawa=True, alasan_dibawa="Menunggu alat"), True),
        (T(1, "mayor", dibawa=True, alasan_dibawa="  "), False),  # no reason: not carried
        (T(1, "minor", dibawa=True, alasan_dibawa="x", status_rtl=("belum",)), True),
    ],
)
def test_temuan_tuntas(temuan, tuntas):
    assert a.temuan_tuntas(temuan) is tuntas


@pytest.mark.parametrize(
    ("kwargs", "pesan"),
    [
        (dict(sudah_ditutup=False, kriteria_kosong=0, temuan=[]), None),
        (dict(sudah_ditutup=True, kriteria_kosong=0, temuan=[]), a.PESAN_TUTUP_SUDAH),
        (
            dict(sudah_ditutup=False, kriteria_kosong=3, temuan=[]),
            a.PESAN_TUTUP_KRITERIA.format(jumlah=3),
        ),
        (
            dict(sudah_ditutup=False, kriteria_kosong=0, temuan=[T(2, "mayor")]),
            a.PESAN_TUTUP_TANPA_RTL.format(nomor=2),
        ),
        (
            dict(
                sudah_ditutup=False,
                kriteria_kosong=0,
                temuan=[T(3, "minor", status_rtl=("proses",)), T(1, "observasi")],
            ),
            a.PESAN_TUTUP_RTL_TERBUKA.format(nomor=3),
        ),
        (
            dict(
                sudah_ditutup=False,
                kriteria_kosong=0,
                temuan=[
                    T(1, "mayor", status_rtl=("selesai",)),
                    T(2, "minor", dibawa=True, alasan_dibawa="Anggaran tahun depan"),
                    T(3, "observasi"),
                ],
            ),
            None,
        ),
    ],
)
def test_pesan_tutup(kwargs, pesan):
    assert a.pesan_tutup(**kwargs) == pesan


def test_pesan_tutup_urut_nomor():
    temuan = [T(5, "minor"), T(2, "mayor", status_rtl=("belum",))]
    assert a.pesan_tutup(sudah_ditutup=False, kriteria_kosong=0, temuan=temuan) == (
        a.PESAN_TUTUP_RTL_TERBUKA.format(nomor=2)
    )


@pytest.mark.parametrize(
    ("alasan", "pesan"),
    [("", a.PESAN_ALASAN_DIBAWA), (" ", a.PESAN_ALASAN_DIBAWA), ("Alat rusak", None)],
)
def test_pesan_bawa(alasan, pesan):
    assert a.pesan_bawa(alasan=alasan) == pesan
