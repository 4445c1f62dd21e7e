from datetime import date

import factory
from factory.django import DjangoModelFactory

from pengawasan.models import KunjunganSupervisi, TemuanSupervisi

from ..factories import PuskesmasFactory, UserFactory


class KunjunganSupervisiFactory(DjangoModelFactory):
    """A visit done (ad hoc) by the Kepala Puskesmas at the Puskesmas."""

    class Meta:
        model = KunjunganSupervisi

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = 2025
    bulan = 3
    terjadwal = False
    pelaksana = "kepala_puskesmas"
    nama_pelaksana = "dr. Sari"
    tempat = "puskesmas"
    aspek = factory.LazyFunction(lambda: ["adm_pelayanan", "kin_teknis"])
    status = "dilaksanakan"
    tanggal = factory.LazyAttribute(lambda o: date(o.tahun, o.bulan, 10))
    dicatat_oleh = factory.SubFactory(UserFactory)


class TemuanSupervisiFactory(DjangoModelFactory):
    class Meta:
        model = TemuanSupervisi

    kunjungan = factory.SubFactory(KunjunganSupervisiFactory)
    aspek = "adm_pelayanan"
    uraian = factory.Sequence(lambda n: f"Kartu stok obat tidak diperbarui {n}")
    rekomendasi = "Perbarui kartu stok setiap hari"
    dicatat_oleh = factory.SubFactory(UserFactory)
