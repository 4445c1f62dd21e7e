from datetime import date

from ..lokmin.factories import RTLFactory
from ..pengawasan.factories_supervisi import KunjunganSupervisiFactory, TemuanSupervisiFactory

TAHUN_MATRIX = 2002  # a year no other area uses


def buat(dunia) -> None:
    # One visit the Puskesmas records, one the Dinkes records, each with a finding; the
    # Puskesmas's finding has raised its RTL.
    k = KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN_MATRIX, tanggal=date(TAHUN_MATRIX, 3, 5),
        dicatat_oleh=dunia.kapus_a,
    )  # fmt: skip
    t = TemuanSupervisiFactory(kunjungan=k, dicatat_oleh=dunia.kapus_a)
    RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.kapus_a, sumber_objek=t)
    TemuanSupervisiFactory(kunjungan=k, dicatat_oleh=dunia.kapus_a)
    kd = KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN_MATRIX, tanggal=date(TAHUN_MATRIX, 4, 7),
        pelaksana="dinkes", dicatat_oleh=dunia.verifikator_x,
    )  # fmt: skip
    TemuanSupervisiFactory(kunjungan=kd, dicatat_oleh=dunia.verifikator_x)
    KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN_MATRIX, bulan=9, terjadwal=True, status="direncanakan",
        tanggal=None, dicatat_oleh=dunia.ktu_a,
    )  # fmt: skip
